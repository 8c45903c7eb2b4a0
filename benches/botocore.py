#!/usr/bin/env python3
"""What Python users have: botocore parsing and serializing the same messages as awso.

    cargo run --release -p awso-benches --bin gen-data -- target/bench-data/
    python3 benches/botocore.py [--data target/bench-data] [--awso target/bench-results/run-1.txt]

Parses the generated response bodies with botocore's parsers (the installed service models:
gamelift, dynamodb, logs, sqs, ecs, cloudwatch, ec2, s3) and serializes requests with its serializers, printing the best
of N `time.perf_counter` runs per message. With --awso (divan output saved by report.py),
prints awso's median time for the same message and the ratio.
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import time

# This file is named botocore.py: keep its folder off the path while importing the real one.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]

import botocore  # noqa: E402
import botocore.model  # noqa: E402
import botocore.parsers  # noqa: E402
import botocore.serialize  # noqa: E402
import botocore.session  # noqa: E402
from botocore.compat import urlencode  # noqa: E402


def best_of(fn, n):
    """The best of `n` timed calls, in seconds (after one warm-up call)."""
    fn()
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def ms(seconds):
    """A time in ms, or µs below a tenth of a millisecond."""
    return f"{seconds * 1e3:.3f} ms" if seconds >= 1e-4 else f"{seconds * 1e6:.2f} µs"


def model(session, name, patch=None):
    loader = session.get_component("data_loader")
    raw = loader.load_service_model(name, "service-2")
    if patch:
        patch(raw)
    return botocore.model.ServiceModel(raw, service_name=name)


def sqs_query_names(raw):
    """SQS's model is JSON now and lost its query names; put them back as the awsQuery model
    had them, so botocore writes the same keys as awso (`SendMessageBatchRequestEntry.1.…`)."""
    shapes = raw["shapes"]
    shapes["SendMessageBatchRequest"]["members"]["Entries"]["locationName"] = "SendMessageBatchRequestEntry"
    entry = shapes["SendMessageBatchRequestEntry"]["members"]
    entry["MessageAttributes"]["locationName"] = "MessageAttribute"
    attr_map = shapes[entry["MessageAttributes"]["shape"]]
    attr_map["key"]["locationName"] = "Name"
    attr_map["value"]["locationName"] = "Value"
    value = shapes[attr_map["value"]["shape"]]["members"]
    value["StringListValues"]["locationName"] = "StringListValue"
    value["BinaryListValues"]["locationName"] = "BinaryListValue"


def sqs_params(body):
    params = json.loads(body)
    for e in params["Entries"]:
        for v in e.get("MessageAttributes", {}).values():
            if "BinaryValue" in v:
                v["BinaryValue"] = base64.b64decode(v["BinaryValue"])
    return params


def awso_medians(path):
    """{(group, op, variant): seconds} from saved divan output."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("report", os.path.join(HERE, "report.py"))
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)

    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return report.parse_times(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="target/bench-data")
    ap.add_argument("-n", type=int, default=20, help="timed runs per message (best is kept)")
    ap.add_argument("--awso", help="divan output to compare with (median times)")
    args = ap.parse_args()

    if not os.path.isdir(args.data):
        subprocess.run(["cargo", "run", "--release", "-p", "awso-benches", "--bin", "gen-data", "--", args.data], check=True)

    def read(name):
        with open(os.path.join(args.data, name), "rb") as fh:
            return fh.read()

    session = botocore.session.get_session()
    gamelift = model(session, "gamelift")
    dynamodb = model(session, "dynamodb")
    ec2 = model(session, "ec2")
    s3 = model(session, "s3")
    sqs_json = model(session, "sqs")
    sqs_query = model(session, "sqs", sqs_query_names)
    logs = model(session, "logs")
    ecs = model(session, "ecs")
    cloudwatch = model(session, "cloudwatch")

    def parse_job(protocol, svc, op, file, headers=None):
        body = read(file)
        parser = botocore.parsers.create_parser(protocol)
        shape = svc.operation_model(op).output_shape
        response = {"body": body, "headers": headers or {}, "status_code": 200}

        def run():
            return parser.parse(response, shape)

        return body, run

    # (label, awso key, job)
    jobs = [
        ("gamelift DescribePlayerSessions (json) parse", ("json_gamelift_describe_player_sessions", "parse", "awso_direct"),
         parse_job("json", gamelift, "DescribePlayerSessions", "gamelift-describe-player-sessions.json")),
        ("gamelift CreatePlayerSession (json) parse", ("json_gamelift_create_player_session", "parse", "awso_direct"),
         parse_job("json", gamelift, "CreatePlayerSession", "gamelift-create-player-session.json")),
        ("dynamodb Query (json) parse", ("json_dynamodb_query", "parse", "awso_direct"),
         parse_job("json", dynamodb, "Query", "dynamodb-query.json")),
        ("logs FilterLogEvents (json) parse", ("json_logs_filter_log_events", "parse", "awso_direct"),
         parse_job("json", logs, "FilterLogEvents", "logs-filter-log-events.json")),
        ("sqs ReceiveMessage (json) parse", ("json_sqs_receive_message", "parse", "awso_direct"),
         parse_job("json", sqs_json, "ReceiveMessage", "sqs-receive-message.json")),
        ("ecs DescribeTasks (json) parse", ("json_ecs_describe_tasks", "parse", "awso_direct"),
         parse_job("json", ecs, "DescribeTasks", "ecs-describe-tasks.json")),
        ("cloudwatch GetMetricData (json) parse", ("json_cloudwatch_get_metric_data", "parse", "awso_direct"),
         parse_job("json", cloudwatch, "GetMetricData", "cloudwatch-get-metric-data.json")),
        ("ec2 DescribeInstances (ec2) parse", ("xml_ec2_describe_instances", "parse", "awso_direct"),
         parse_job("ec2", ec2, "DescribeInstances", "ec2-describe-instances.xml")),
        ("s3 ListObjectsV2 (rest-xml) parse", ("xml_s3_list_objects_v2", "parse", "awso_direct"),
         parse_job("rest-xml", s3, "ListObjectsV2", "s3-list-objects-v2.xml")),
    ]

    sqs_body = read("sqs-send-message-batch.json")
    for label, key, svc, protocol in [
        ("sqs SendMessageBatch (query) serialize", ("query_sqs_send_message_batch", "serialize", "awso_query"), sqs_query, "query"),
        ("sqs SendMessageBatch (json) serialize", ("query_sqs_send_message_batch", "serialize", "awso_json"), sqs_json, "json"),
    ]:
        serializer = botocore.serialize.create_serializer(protocol, include_validation=False)
        op = svc.operation_model("SendMessageBatch")
        params = sqs_params(sqs_body)

        def run(serializer=serializer, op=op, params=params):
            body = serializer.serialize_to_request(params, op)["body"]
            # The query serializer leaves a dict; botocore's request preparation encodes it.
            return urlencode(body, doseq=True) if isinstance(body, dict) else body

        body = run()
        body = body.encode() if isinstance(body, str) else body
        if protocol == "query":
            awso_body = read("sqs-send-message-batch.query")
            same = sorted(body.split(b"&")) == sorted(awso_body.split(b"&"))
            label += " [same parameters as awso]" if same else " [parameters differ from awso]"
        jobs.append((label, key, (body, run)))

    awso = awso_medians(args.awso) if args.awso else {}
    print(f"botocore {botocore.__version__}, Python {sys.version.split()[0]}; best of {args.n}")
    print()
    header = "| message | bytes | botocore | botocore MB/s |"
    if awso:
        header += " awso (median) | botocore / awso |"
    print(header)
    print("|---|---:|---:|---:|" + ("---:|---:|" if awso else ""))
    for label, key, (body, run) in jobs:
        t = best_of(run, args.n)
        line = f"| {label} | {len(body):,} | {ms(t)} | {len(body) / t / 1e6:.1f} |"
        if awso and key in awso:
            a = awso[key]
            line += f" {ms(a)} | {t / a:.0f}x |"
        print(line)


if __name__ == "__main__":
    main()
