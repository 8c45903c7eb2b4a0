"""Differential test helper: random inputs for botocore operations, and botocore's requests for
them compared with awso's.

usage: botocore_diff.py cases SEED SERVICE:OPERATION...   prints the cases as JSON
       botocore_diff.py compare CASES_FILE AWSO_FILE      prints mismatches, exits 1 if any
       botocore_diff.py responses SEED PROTOCOLS SERVICE:OPERATION...
                                                          random outputs, as JSON cases
                                                          (PROTOCOLS: {service: protocol})
       botocore_diff.py parse CASES_FILE AWSO_FILE        botocore parses awso's response
                                                          bodies; prints mismatches

Responses go the other way round: a random output value is read by awso (through the
generated types), written as a response body by awso's own writer; the members bound to
HTTP headers are written as headers here, by botocore's own header serializer (the format is
the same both ways), and a member bound to the status code is the status. botocore's parser
and awso's (`Operation::response`) then read the same status, headers and body, and both
results are compared with each other and with awso's value of the output.

A case is {"service", "operation", "protocol", "params" (botocore's input, as JSON with blobs
as {"$blob": base64} and timestamps as {"$ts": epoch seconds}), "awso" (the same value in awso's
JSON form: member names, blobs base64, timestamps epoch seconds)}.
"""
import base64
import datetime
import json
import random
import sys
import urllib.parse
from xml.etree import ElementTree

import botocore.awsrequest
import botocore.parsers
import botocore.serialize
import botocore.session

SESSION = botocore.session.get_session()
# Response cases: timestamps with milliseconds (request cases use whole seconds, which every
# timestamp format keeps), and more members present.
RESPONSES = False
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
TEXT = ALNUM + " -_.:/+=&?%é"


def rand_string(shape, rng, plain):
    enum = shape.enum
    if enum:
        return rng.choice(enum)
    lo = max(shape.metadata.get("min", 1), 1)
    hi = min(shape.metadata.get("max", 12), 12)
    hi = max(hi, lo)
    n = rng.randint(lo, hi) if lo <= 12 else lo
    chars = ALNUM if plain else TEXT
    return "".join(rng.choice(chars) for _ in range(n))


def value(shape, rng, depth, plain=False):
    """(botocore value, awso JSON value), or None to leave the member out."""
    t = shape.type_name
    if t == "structure":
        if getattr(shape, "is_document_type", False):
            return None
        members = list(shape.members.items())
        if shape.is_tagged_union:
            rng.shuffle(members)
            for name, m in members:
                v = member_value(m, rng, depth)
                if v is not None:
                    return {name: v[0]}, {name: v[1]}
            return None
        required = set(shape.required_members)
        b, a = {}, {}
        for name, m in members:
            forced = name in required or m.serialization.get("idempotencyToken") or m.metadata.get("idempotencyToken")
            if forced or (depth < 3 and rng.random() < (0.85 if RESPONSES else 0.5)):
                v = member_value(m, rng, depth)
                if v is not None:
                    b[name], a[name] = v
        return b, a
    if t == "list":
        lo = min(int(shape.metadata.get("min", 0)), 2)
        n = rng.randint(lo, 2) if depth < 4 else lo
        items = [value(shape.member, rng, depth + 1, plain) for _ in range(n)]
        items = [i for i in items if i is not None]
        return [i[0] for i in items], [i[1] for i in items]
    if t == "map":
        n = rng.randint(0, 2) if depth < 4 else 0
        b, a = {}, {}
        for _ in range(n):
            k = rand_string(shape.key, rng, True)
            # Header maps (prefix headers) of responses: values as HTTP carries them.
            v = value(shape.value, rng, depth + 1, plain and RESPONSES)
            if v is not None:
                b[k], a[k] = v
        return b, a
    if t == "string":
        s = rand_string(shape, rng, plain)
        return s, s
    if t in ("integer", "long", "short", "byte"):
        lo = int(shape.metadata.get("min", 0))
        hi = int(shape.metadata.get("max", 1000))
        hi = min(hi, lo + 1000)
        n = rng.randint(lo, max(lo, hi))
        return n, n
    if t in ("float", "double"):
        f = rng.choice([0.5, 1.25, 2.0, 10.5, 100.0])
        return f, f
    if t == "boolean":
        b = rng.random() < 0.5
        return b, b
    if t == "blob":
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
        return {"$blob": base64.b64encode(data).decode()}, base64.b64encode(data).decode()
    if t == "timestamp":
        secs = rng.randint(1_400_000_000, 1_800_000_000)
        if RESPONSES:
            secs += rng.randint(0, 999) / 1000
        return {"$ts": secs}, secs
    return None


def member_value(m, rng, depth):
    if m.serialization.get("jsonvalue") or getattr(m, "is_document_type", False):
        return None
    if m.name == "Expires" and m.serialization.get("name") == "Expires" and m.type_name == "timestamp":
        # S3's `Expires` header: a string in the model, which botocore makes a timestamp when
        # it loads the model (handlers.py); awso follows the model.
        return None
    if m.type_name == "structure" and getattr(m, "is_document_type", False):
        return None
    plain = m.serialization.get("location") in ("uri", "header", "headers") or m.serialization.get("hostLabel")
    if m.type_name == "string" and (m.serialization.get("location") == "headers"):
        return None
    return value(m, rng, depth + 1, bool(plain))


def to_botocore(v):
    if isinstance(v, dict):
        if set(v) == {"$blob"}:
            return base64.b64decode(v["$blob"])
        if set(v) == {"$ts"}:
            return datetime.datetime.fromtimestamp(v["$ts"], datetime.timezone.utc)
        return {k: to_botocore(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_botocore(x) for x in v]
    return v


def cases(seed, ops):
    out = []
    for spec in ops:
        service, op = spec.split(":")
        model = SESSION.get_service_model(service)
        om = model.operation_model(op)
        for i in range(3):
            rng = random.Random(f"{seed}/{spec}/{i}")
            if om.input_shape is None:
                b, a = {}, {}
            else:
                b, a = value(om.input_shape, rng, 0)
            out.append({"service": service, "operation": op, "params": b, "awso": a})
    # Pinned case: an empty flattened awsQuery list without a locationName of its own.
    if "sdb:DeleteAttributes" in ops:
        params = {"DomainName": "d", "ItemName": "i", "Attributes": []}
        out.append({"service": "sdb", "operation": "DeleteAttributes", "params": params, "awso": params})
    return out


def botocore_request(case, protocol):
    model = SESSION.get_service_model(case["service"])
    om = model.operation_model(case["operation"])
    return botocore.serialize.create_serializer(protocol, include_validation=False).serialize_to_request(
        to_botocore(case["params"]), om
    )


def xml_canon(e):
    tag = e.tag.split("}")[-1]
    return (tag, sorted(e.attrib.items()), (e.text or "").strip(), [xml_canon(c) for c in e])


def body_bytes(body):
    if isinstance(body, str):
        return body.encode()
    if body is None:
        return b""
    if isinstance(body, dict):
        return urllib.parse.urlencode(body).encode()
    if hasattr(body, "read"):
        return body.read()
    return bytes(body)


def compare(case, ours, protocol):
    theirs = botocore_request(case, protocol)
    problems = []
    if ours.get("error"):
        return [f"awso failed: {ours['error']}"]
    if theirs["method"] != ours["method"]:
        problems.append(f"method {ours['method']} != botocore {theirs['method']}")
    path, _, query = ours["uri"].partition("?")
    if urllib.parse.unquote(path) != urllib.parse.unquote(theirs["url_path"].split("?")[0]):
        problems.append(f"path {path!r} != botocore {theirs['url_path']!r}")
    tq = []
    for k, v in (theirs.get("query_string") or {}).items():
        for x in v if isinstance(v, list) else [v]:
            tq.append((k, str(x)))
    if "?" in theirs["url_path"]:
        tq.extend(urllib.parse.parse_qsl(theirs["url_path"].split("?", 1)[1], keep_blank_values=True))
    oq = urllib.parse.parse_qsl(query, keep_blank_values=True)
    if sorted(oq) != sorted(tq):
        problems.append(f"query {sorted(oq)} != botocore {sorted(tq)}")
    ignore = {"user-agent", "content-length", "x-amz-date", "authorization", "content-md5", "expect", "host"}
    th = {k.lower(): str(v) for k, v in theirs["headers"].items()}
    oh = {k.lower(): v for k, v in ours["headers"].items()}
    for k in sorted(set(th) | set(oh)):
        if k in ignore or k.startswith("amz-sdk") or k.startswith("x-amz-checksum") or k == "x-amz-sdk-checksum-algorithm":
            continue
        if k == "content-type":
            if k in th and th[k].split(";")[0].strip() != oh.get(k, "").split(";")[0].strip():
                problems.append(f"content-type {oh.get(k)!r} != botocore {th[k]!r}")
            continue
        if k in th and k not in oh and th[k] == "":
            continue
        if k in th and k in oh and list_header(th[k]) == list_header(oh[k]):
            # A list in a header: botocore joins with ",", the Smithy tests (and awso) ", ".
            continue
        if th.get(k) != oh.get(k) and k in th:
            problems.append(f"header {k}: {oh.get(k)!r} != botocore {th.get(k)!r}")
        elif k not in th and k.startswith("x-amz-"):
            problems.append(f"header {k}: {oh.get(k)!r}, botocore sends none")
    tb = body_bytes(theirs["body"])
    ob = bytes(ours["body"])
    ctype = th.get("content-type", "")
    if protocol in ("json", "rest-json") and (ctype.startswith("application/json") or "amz-json" in ctype):
        tj = json.loads(tb) if tb.strip() else {}
        oj = json.loads(ob) if ob.strip() else {}
        if tj != oj:
            problems.append(f"JSON body {oj} != botocore {tj}")
    elif protocol in ("query", "ec2"):
        t = sorted(urllib.parse.parse_qsl(tb.decode(), keep_blank_values=True))
        o = sorted(urllib.parse.parse_qsl(ob.decode(), keep_blank_values=True))
        if t != o:
            only_o = [p for p in o if p not in t]
            only_t = [p for p in t if p not in o]
            problems.append(f"query body: awso only {only_o}, botocore only {only_t}")
    elif protocol == "rest-xml" and tb.strip().startswith(b"<"):
        try:
            same = xml_canon(ElementTree.fromstring(tb)) == xml_canon(ElementTree.fromstring(ob))
        except ElementTree.ParseError as e:
            same = False
            problems.append(f"XML body does not parse: {e}")
        if not same:
            problems.append(f"XML body {ob!r} != botocore {tb!r}")
    elif protocol == "smithy-rpc-v2-cbor" and tb and ob:
        # The same data items: a whole-second timestamp is an integer in botocore's CBOR and a
        # float in awso's (both tag 1 epoch seconds).
        cbor = botocore.parsers.RpcV2CBORParser()
        if normal(cbor._initial_body_parse(tb)) != normal(cbor._initial_body_parse(ob)):
            problems.append(f"CBOR body {ob[:200]!r} != botocore {tb[:200]!r}")
    elif tb != ob:
        problems.append(f"body {ob[:200]!r} != botocore {tb[:200]!r}")
    return problems


def list_header(value):
    return [x.strip() for x in value.split(",")]


# Responses ------------------------------------------------------------------------------

HTTP_LOCATIONS = ("header", "headers", "statusCode", "uri", "querystring")
RESPONSE_LOCATIONS = ("header", "headers", "statusCode")
CONTENT_TYPES = {
    "json": "application/x-amz-json-1.1",
    "rest-json": "application/json",
    "rest-xml": "text/xml",
    "query": "text/xml",
    "ec2": "text/xml",
    "smithy-rpc-v2-cbor": "application/cbor",
}


def body_members(shape, protocol):
    """The members of output `shape` that a response carries in its body, or None when the
    body is a payload member (left out: awso writes those through the HTTP layer)."""
    if protocol not in ("rest-json", "rest-xml"):
        return list(shape.members)
    if shape.serialization.get("payload"):
        return None
    return [n for n, m in shape.members.items() if m.serialization.get("location") not in HTTP_LOCATIONS]


def whole_seconds(v):
    """A value (botocore's or awso's form) with its timestamps cut to whole seconds, as the
    HTTP-date of a header carries them."""
    if isinstance(v, dict):
        if set(v) == {"$ts"}:
            return {"$ts": int(v["$ts"])}
        return {k: whole_seconds(x) for k, x in v.items()}
    if isinstance(v, list):
        return [whole_seconds(x) for x in v]
    return v


def bind_headers(shape, protocol, b, a, rng):
    """Moves the members of output `shape` that are bound to headers or the status code into
    a status and headers, written as botocore writes such members (its request header
    serializer; the format is the same both ways). Members awso and botocore cannot carry
    alike are left out of the case (a list of HTTP-dates: botocore splits at every comma; a
    blob: botocore writes the bytes' Python repr, not base64).
    Returns (status, headers, names of the bound members kept)."""
    serializer = botocore.serialize.create_serializer(protocol, include_validation=False)
    status, headers, bound = 200, {}, []
    for name, m in shape.members.items():
        location = m.serialization.get("location")
        if location not in RESPONSE_LOCATIONS or name not in b:
            continue
        if location == "statusCode":
            status = rng.choice([200, 201, 202])
            b[name] = a[name] = status
            bound.append(name)
            continue
        if location == "headers":
            prefix = m.serialization.get("name", "").lower()
            if not prefix or m.value.type_name != "string":
                del b[name], a[name]
                continue
            entries = {k.lower(): v for k, v in b[name].items()}
            for k, v in entries.items():
                headers[prefix + k] = v
            b[name] = a[name] = entries
            bound.append(name)
            continue
        # botocore writes a blob header as Python's bytes repr, not base64.
        if m.type_name == "blob" or (m.type_name == "list" and m.member.type_name == "timestamp") or b[name] in ([], ""):
            del b[name], a[name]
            continue
        if m.type_name == "timestamp":
            b[name] = whole_seconds(b[name])
            a[name] = int(a[name])
        headers[m.serialization.get("name", name)] = serializer._convert_header_value(m, to_botocore(b[name]))
        bound.append(name)
    return status, headers, bound


def response_cases(seed, protocols, ops):
    """Random outputs of operations `ops`, each service's in protocol `protocols[service]`
    (the one its types were generated for)."""
    global RESPONSES
    RESPONSES = True
    out = []
    for spec in ops:
        service, op = spec.split(":")
        model = SESSION.get_service_model(service)
        om = model.operation_model(op)
        shape = om.output_shape
        protocol = protocols[service]
        if shape is None or body_members(shape, protocol) is None:
            continue
        keep = set(body_members(shape, protocol))
        for i in range(5):
            rng = random.Random(f"{seed}/{spec}/out/{i}")
            b, a = value(shape, rng, 0)
            status, headers, bound = 200, {}, []
            if protocol in ("rest-json", "rest-xml"):
                status, headers, bound = bind_headers(shape, protocol, b, a, rng)
            a = {k: v for k, v in a.items() if k in keep or k in bound}
            root = None
            if protocol == "query":
                root = shape.serialization.get("resultWrapper") or f"{op}Result"
            elif protocol == "ec2":
                root = f"{op}Response"
            if not any(h.lower() == "content-type" for h in headers):
                headers["content-type"] = CONTENT_TYPES[protocol]
            if protocol == "smithy-rpc-v2-cbor":
                headers["smithy-protocol"] = "rpc-v2-cbor"
            out.append({"service": service, "operation": op, "protocol": protocol, "root": root,
                        "status": status, "headers": headers, "bound": bound, "awso": a})
    return out


def normal(v):
    """One form for both sides: timestamps as epoch milliseconds, blobs as base64, empty
    lists, maps and structures as absent (a flattened XML list has no empty form)."""
    if isinstance(v, dict):
        if set(v) == {"$ts"}:
            return round(v["$ts"] * 1000)
        if set(v) == {"$blob"}:
            return v["$blob"]
        out = {}
        for k, x in v.items():
            x = normal(x)
            if k != "ResponseMetadata" and x != [] and x != {}:
                out[k] = x
        return out
    if isinstance(v, list):
        return [normal(x) for x in v]
    if isinstance(v, datetime.datetime):
        return round(v.timestamp() * 1000)
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(v).decode()
    return v


def parse_response(case, ours):
    """botocore reads the response awso wrote (the case's status and headers, awso's body);
    its result must equal awso's value of the output and what awso reads from the same
    response."""
    if ours.get("error"):
        return [f"awso failed: {ours['error']}"]
    model = SESSION.get_service_model(case["service"])
    om = model.operation_model(case["operation"])
    protocol = case["protocol"]
    body = base64.b64decode(ours["body"])
    headers = botocore.awsrequest.HeadersDict(case["headers"])
    response = {"body": body, "headers": headers, "status_code": case["status"]}
    try:
        parsed = botocore.parsers.create_parser(protocol).parse(response, om.output_shape)
    except Exception as e:  # noqa: BLE001 (any parser failure is a finding)
        return [f"botocore cannot parse awso's body ({type(e).__name__}: {e}): {body[:300]!r}"]
    keep = set(body_members(om.output_shape, protocol) or []) | set(case["bound"])
    theirs = normal({k: v for k, v in parsed.items() if k in keep})
    mine = normal(ours["value"])
    where = [f"status {case['status']}, headers {json.dumps(case['headers'])[:800]}", f"body {body[:1500]!r}"]
    if ours.get("parse_error"):
        return [f"awso cannot read the response: {ours['parse_error']}"] + where
    read = normal({k: v for k, v in ours["parsed"].items() if k in keep})
    problems = []
    if theirs != mine:
        problems += [f"botocore parsed {json.dumps(theirs)[:1500]}", f"awso's value  {json.dumps(mine)[:1500]}"]
    if read != theirs:
        problems += [f"awso read      {json.dumps(read)[:1500]}", f"botocore read  {json.dumps(theirs)[:1500]}"]
    return problems + where if problems else []


def main():
    if sys.argv[1] == "cases":
        print(json.dumps(cases(sys.argv[2], sys.argv[3:])))
        return
    if sys.argv[1] == "responses":
        print(json.dumps(response_cases(sys.argv[2], json.loads(sys.argv[3]), sys.argv[4:])))
        return
    if sys.argv[1] == "parse":
        all_cases = json.load(open(sys.argv[2]))
        ours = json.load(open(sys.argv[3]))
        failures = 0
        for case, got in zip(all_cases, ours):
            problems = parse_response(case, got)
            if problems:
                failures += 1
                print(f"{case['service']} {case['operation']} {json.dumps(case['awso'])[:1500]}")
                for p in problems:
                    print(f"    {p}")
        print(f"{len(all_cases) - failures}/{len(all_cases)} responses parse as awso's values")
        sys.exit(1 if failures else 0)
    all_cases = json.load(open(sys.argv[2]))
    ours = json.load(open(sys.argv[3]))
    protocols = json.loads(sys.argv[4])
    failures = 0
    for case, got in zip(all_cases, ours):
        problems = compare(case, got, protocols[case["service"]])
        if problems:
            failures += 1
            print(f"{case['service']} {case['operation']} {json.dumps(case['params'])}")
            for p in problems:
                print(f"    {p}")
    print(f"{len(all_cases) - failures}/{len(all_cases)} requests match botocore")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
