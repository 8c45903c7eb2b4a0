"""Signs one request with botocore's SigV4 signers, at a fixed time, for awso's cross-check.

usage: sigv4_sign.py CASE_JSON
CASE_JSON: {"signer": "SigV4Auth" | "S3SigV4Auth" | "SigV4QueryAuth" | "S3SigV4QueryAuth",
            "method", "url", "headers": [[name, value], ...], "body" (text),
            "access_key", "secret_key", "token" (or null), "region", "service",
            "time" (epoch seconds), "expires" (query signers)}
prints a JSON object: {"url", "headers": [[name, value], ...], "canonical_request",
"string_to_sign"}.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    case = json.loads(sys.argv[1])
    now = datetime.datetime.fromtimestamp(case["time"], tz=datetime.timezone.utc)
    # botocore reads the clock through this function; fix it.
    botocore.auth.get_current_datetime = lambda: now

    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    cls = getattr(botocore.auth, case["signer"])
    args = (credentials, case["service"], case["region"])
    signer = cls(*args, expires=case["expires"]) if "Query" in case["signer"] else cls(*args)

    seen = {}
    canonical_request = signer.canonical_request
    string_to_sign = signer.string_to_sign

    def record_cr(request):
        seen["canonical_request"] = canonical_request(request)
        return seen["canonical_request"]

    def record_sts(request, cr):
        seen["string_to_sign"] = string_to_sign(request, cr)
        return seen["string_to_sign"]

    signer.canonical_request = record_cr
    signer.string_to_sign = record_sts

    request = AWSRequest(
        method=case["method"],
        url=case["url"],
        data=case["body"].encode(),
    )
    for name, value in case["headers"]:
        request.headers.add_header(name, value)  # repeated names are kept
    signer.add_auth(request)
    print(
        json.dumps(
            {
                "url": request.url,
                "headers": [[k, v] for k, v in request.headers.items()],
                "canonical_request": seen["canonical_request"],
                "string_to_sign": seen["string_to_sign"],
            }
        )
    )


if __name__ == "__main__":
    main()
