"""Serializes one request with botocore, the reference implementation of the AWS protocols.

usage: serialize.py SERVICE OPERATION PROTOCOL PARAMS_JSON
prints a JSON object: {"method", "url_path", "query_string", "headers", "body"} where body is
text (UTF-8) or, for binary bodies, {"base64": ...}.
"""
import base64
import json
import sys

import botocore.serialize
import botocore.session


def main():
    service, operation, protocol, params = sys.argv[1:5]
    model = botocore.session.get_session().get_service_model(service)
    op = model.operation_model(operation)
    request = botocore.serialize.create_serializer(protocol).serialize_to_request(
        json.loads(params), op
    )
    body = request["body"]
    if isinstance(body, str):
        body = body.encode()
    try:
        body = body.decode()
    except UnicodeDecodeError:
        body = {"base64": base64.b64encode(body).decode()}
    print(
        json.dumps(
            {
                "method": request["method"],
                "url_path": request["url_path"],
                "query_string": request["query_string"],
                "headers": dict(request["headers"]),
                "body": body,
            }
        )
    )


if __name__ == "__main__":
    main()
