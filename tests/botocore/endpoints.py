"""Resolves endpoints with botocore's endpoint rules, for awso's cross-check. No network: each
request is stopped at `before-send` and its URL recorded.

usage: endpoints.py CASES_JSON
CASES_JSON: [{"service": "s3", "region", "fips": bool, "dualstack": bool,
              "addressing": "auto" | "virtual" | "path", "bucket" (S3) or null,
              "endpoint_url" or null}, ...]
prints a JSON list, one entry per case: {"url"} (the request URL, without query) or {"error"}.
"""
import json
import os
import sys

# Only the case decides: no AWS_* setting or shared file of the machine running the test.
for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import botocore.session
from botocore.config import Config


class Captured(Exception):
    def __init__(self, url):
        self.url = url


def capture(request, **kwargs):
    raise Captured(request.url)


# One call per service: the simplest operation, and the parameters it needs.
CALLS = {
    "s3": ("head_object", lambda c: {"Bucket": c["bucket"], "Key": "k"}),
    "sqs": ("list_queues", lambda c: {}),
    "dynamodb": ("list_tables", lambda c: {}),
    "sts": ("get_caller_identity", lambda c: {}),
    "ec2": ("describe_regions", lambda c: {}),
    "iam": ("list_users", lambda c: {}),
    "sns": ("list_topics", lambda c: {}),
    "kms": ("list_keys", lambda c: {}),
    "lambda": ("list_functions", lambda c: {}),
    "gamelift": ("list_fleets", lambda c: {}),
    "route53": ("list_hosted_zones", lambda c: {}),
    "cloudfront": ("list_distributions", lambda c: {}),
}


def resolve(session, case):
    config = Config(
        s3={"addressing_style": case.get("addressing") or "auto"},
        use_fips_endpoint=case.get("fips", False),
        use_dualstack_endpoint=case.get("dualstack", False),
        retries={"max_attempts": 1},
    )
    client = session.create_client(
        case["service"],
        region_name=case["region"],
        endpoint_url=case.get("endpoint_url"),
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=config,
    )
    client.meta.events.register("before-send", capture)
    name, params = CALLS[case["service"]]
    try:
        getattr(client, name)(**params(case))
    except Captured as c:
        return {"url": c.url.split("?")[0]}
    except Exception as e:  # noqa: BLE001 - the error is the answer
        return {"error": f"{type(e).__name__}: {e}"}
    return {"error": "no request was made"}


def main():
    session = botocore.session.get_session()
    cases = json.loads(sys.argv[1])
    print(json.dumps([resolve(session, case) for case in cases]))


if __name__ == "__main__":
    main()
