"""Parses one XML response body with botocore, the reference implementation of the AWS protocols.

usage: parse_xml.py SERVICE OPERATION PROTOCOL STATUS < BODY
PROTOCOL is query, ec2 or rest-xml; STATUS the HTTP status (>= 300 parses an error).
prints the parsed output as JSON: timestamps as epoch seconds, blobs as base64, and
ResponseMetadata dropped.
"""
import base64
import datetime
import json
import sys

import botocore.parsers
import botocore.session


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if k != "ResponseMetadata"}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, datetime.datetime):
        return v.timestamp()
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(v).decode()
    return v


def main():
    service, operation, protocol, status = sys.argv[1:5]
    model = botocore.session.get_session().get_service_model(service)
    op = model.operation_model(operation)
    response = {"body": sys.stdin.buffer.read(), "headers": {}, "status_code": int(status)}
    parsed = botocore.parsers.create_parser(protocol).parse(response, op.output_shape)
    print(json.dumps(plain(parsed)))


if __name__ == "__main__":
    main()
