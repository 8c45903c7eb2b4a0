"""Resolves credentials and region with botocore for each scenario of
tests/e2e/credentials/botocore.rs: stdin is a JSON list of environments (HOME included), stdout
a JSON list of {access_key, secret_key, token, region} or {error}."""
import json
import os
import sys

import botocore.session

results = []
for env in json.load(sys.stdin):
    for name in list(os.environ):
        if name.startswith("AWS_"):
            del os.environ[name]
    os.environ.update(env)
    try:
        session = botocore.session.Session()
        creds = session.get_credentials()
        region = session.get_config_variable("region")
        if creds is None:
            results.append({"error": "no credentials", "region": region})
            continue
        frozen = creds.get_frozen_credentials()
        results.append(
            {
                "access_key": frozen.access_key,
                "secret_key": frozen.secret_key,
                "token": frozen.token,
                "region": region,
            }
        )
    except Exception as e:  # noqa: BLE001 - every failure is a result to compare
        results.append({"error": f"{type(e).__name__}: {e}"})
json.dump(results, sys.stdout)
