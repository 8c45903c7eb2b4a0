"""Presigns an operation with botocore's generate_presigned_url at a fixed time, for awso's
cross-check. No network.

usage: presign.py CASE_JSON
CASE_JSON: {"service" (default s3), "operation" (botocore's snake_case name), "params",
            "region", "expires",
            "time" (epoch seconds), "access_key", "secret_key", "token" (or null),
            "addressing", "endpoint_url" (or null)}
prints {"url"}.
"""
import datetime
import json
import os
import sys

for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import botocore.auth  # noqa: E402
import botocore.session  # noqa: E402
from botocore.config import Config  # noqa: E402


def main():
    case = json.loads(sys.argv[1])
    now = datetime.datetime.fromtimestamp(case["time"], tz=datetime.timezone.utc)
    botocore.auth.get_current_datetime = lambda: now
    service = case.get("service", "s3")
    client = botocore.session.get_session().create_client(
        service,
        region_name=case["region"],
        endpoint_url=case.get("endpoint_url"),
        aws_access_key_id=case["access_key"],
        aws_secret_access_key=case["secret_key"],
        aws_session_token=case.get("token"),
        config=Config(
            # S3 presigns with SigV2 unless told; other services sign with SigV4 anyway.
            signature_version="s3v4" if service == "s3" else None,
            s3={"addressing_style": case.get("addressing", "auto")},
        ),
    )
    url = client.generate_presigned_url(
        case["operation"], Params=case["params"], ExpiresIn=case["expires"]
    )
    print(json.dumps({"url": url}))


if __name__ == "__main__":
    main()
