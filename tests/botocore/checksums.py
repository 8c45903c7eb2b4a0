"""The flexible checksum headers botocore sends, for awso's cross-check. No network: each
request is stopped at `before-send` and its headers recorded.

usage: checksums.py < CASES_JSON
CASES_JSON (on stdin, bodies may be long): [{"operation": "put_object" | "get_object", "params" (Body as text),
              "request_checksum_calculation", "response_checksum_validation"}, ...]
prints a JSON list, one {header: value} a case, of the headers x-amz-checksum-*,
x-amz-sdk-checksum-algorithm and content-md5.
"""
import json
import os
import sys

for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import botocore.session  # noqa: E402
from botocore.config import Config  # noqa: E402


class Captured(Exception):
    def __init__(self, headers):
        self.headers = headers


def capture(request, **kwargs):
    raise Captured(request.headers)


def headers_of(session, case):
    client = session.create_client(
        "s3",
        region_name="us-east-1",
        # Plain HTTP: botocore sends checksums in headers (trailers are for TLS).
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(
            request_checksum_calculation=case["request_checksum_calculation"],
            response_checksum_validation=case["response_checksum_validation"],
            retries={"max_attempts": 1},
        ),
    )
    client.meta.events.register("before-send", capture)
    params = dict(case["params"])
    if "Body" in params:
        params["Body"] = params["Body"].encode()
    try:
        getattr(client, case["operation"])(**params)
    except Captured as c:
        return {
            k.lower(): (v.decode() if isinstance(v, bytes) else v)
            for k, v in c.headers.items()
            if k.lower().startswith("x-amz-checksum-")
            or k.lower() in ("x-amz-sdk-checksum-algorithm", "content-md5")
        }
    raise RuntimeError("no request was made")


def main():
    session = botocore.session.get_session()
    print(json.dumps([headers_of(session, c) for c in json.load(sys.stdin)]))


if __name__ == "__main__":
    main()
