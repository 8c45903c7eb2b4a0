#!/usr/bin/env python3
"""Seeds the fuzz corpora from the protocol conformance cases.

Reads /work/main/tests/protocol-tests/{input,output}/*.json (the botocore protocol tests) and
writes one file per distinct body into fuzz/corpus/<target>/, named by its SHA-1 (as libFuzzer
names corpus files):

- JSON request and response bodies (json, json_1_0, rest-json) -> json_direct, json_tree
- XML request and response bodies (rest-xml, query, ec2)       -> xml_direct, xml_tree
- error responses (cases with an `error`/`errorCode`), JSON and XML -> error_codes, prefixed
  with the header byte the target expects (0: no header; n: an n-byte header follows,
  x-amzn-errortype / x-amzn-query-error when the case has one)
- timestamp-looking strings and numbers found in the bodies and results -> timestamps
- base64-looking strings -> base64
- rpcv2Cbor request, response and error bodies (smithy-rpc-v2-cbor*, base64 in the cases,
  decoded) -> cbor_direct, cbor_tree; plus CBOR encodings (by the small encoder below) of the
  fuzz shapes' values, in definite and indefinite lengths, with float16/32/64 and tags

Usage: python3 fuzz/seed.py [protocol-tests dir] [corpus dir]
"""

import base64
import hashlib
import json
import math
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "tests", "protocol-tests")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "corpus")

JSON_PROTOCOLS = {"json", "json_1_0", "rest-json", "json_1_0-query-compatible"}
XML_PROTOCOLS = {"rest-xml", "query", "ec2"}
CBOR_PROTOCOLS = {
    "smithy-rpc-v2-cbor",
    "smithy-rpc-v2-cbor-query-compatible",
    "smithy-rpc-v2-cbor-non-query-compatible",
}
CBOR_TARGETS = ("cbor_direct", "cbor_tree")

DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
HTTP_DATE = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d(?:\.\d+)? GMT")
EPOCH = re.compile(r"(?<![\w.])-?\d{9,10}(?:\.\d+)?(?![\w.])")
BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{4,}={0,2}(?![A-Za-z0-9+/=])")

written = {}


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = hashlib.sha1(data).hexdigest()
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        written[target] = written.get(target, 0) + 1


def with_header(header, body):
    h = (header or "").encode("utf-8")[:255]
    return bytes([len(h)]) + h + body.encode("utf-8")


class Tag:
    """A tagged CBOR item."""

    def __init__(self, tag, item):
        self.tag, self.item = tag, item


class F16:
    """A float16, given as its bits."""

    def __init__(self, bits):
        self.bits = bits


class F32:
    """A float32."""

    def __init__(self, value):
        self.value = value


class Indef:
    """An indefinite-length array, map, text or byte string (text and bytes: a list of chunks)."""

    def __init__(self, value):
        self.value = value


UNDEFINED = object()


def cbor_head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for ai, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | ai]) + struct.pack(fmt, n)
    raise ValueError(n)


def cbor(v):
    """Encodes a Python value as CBOR: shortest heads, definite lengths unless `Indef`."""
    if v is None:
        return b"\xf6"
    if v is UNDEFINED:
        return b"\xf7"
    if v is True:
        return b"\xf5"
    if v is False:
        return b"\xf4"
    if isinstance(v, int):
        return cbor_head(0, v) if v >= 0 else cbor_head(1, -1 - v)
    if isinstance(v, float):
        return b"\xfb" + struct.pack(">d", v)
    if isinstance(v, F32):
        return b"\xfa" + struct.pack(">f", v.value)
    if isinstance(v, F16):
        return b"\xf9" + struct.pack(">H", v.bits)
    if isinstance(v, str):
        b = v.encode("utf-8")
        return cbor_head(3, len(b)) + b
    if isinstance(v, bytes):
        return cbor_head(2, len(v)) + v
    if isinstance(v, Tag):
        return cbor_head(6, v.tag) + cbor(v.item)
    if isinstance(v, list):
        return cbor_head(4, len(v)) + b"".join(cbor(i) for i in v)
    if isinstance(v, dict):
        return cbor_head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    if isinstance(v, Indef):
        x = v.value
        if isinstance(x, dict):
            return b"\xbf" + b"".join(cbor(k) + cbor(i) for k, i in x.items()) + b"\xff"
        if isinstance(x, list) and all(isinstance(c, str) for c in x) and x:
            return b"\x7f" + b"".join(cbor(c) for c in x) + b"\xff"
        if isinstance(x, list) and all(isinstance(c, bytes) for c in x) and x:
            return b"\x5f" + b"".join(cbor(c) for c in x) + b"\xff"
        return b"\x9f" + b"".join(cbor(i) for i in x) + b"\xff"
    raise TypeError(type(v))


def indefinite(v):
    """The same value with every array and map (not string) in indefinite-length form."""
    if isinstance(v, dict):
        return Indef({k: indefinite(x) for k, x in v.items()})
    if isinstance(v, list):
        return Indef([indefinite(x) for x in v])
    if isinstance(v, Tag):
        return Tag(v.tag, indefinite(v.item))
    return v


def header(headers, name):
    for k, v in (headers or {}).items():
        if k.lower() == name:
            return v
    return None


def scan_strings(text):
    for m in DATE_TIME.finditer(text):
        put("timestamps", m.group(0))
    for m in HTTP_DATE.finditer(text):
        put("timestamps", m.group(0))
    for m in EPOCH.finditer(text):
        put("timestamps", m.group(0))
        put("timestamps", struct.pack("<d", float(m.group(0))))
    for m in BASE64.finditer(text):
        s = m.group(0)
        if len(s) % 4 in (0, 2, 3) and re.search(r"[0-9+/=]", s):
            put("base64", s)


def cases(path):
    """(case, its serialized request or response, that part's body) for every case in a
    protocol test file."""
    with open(path) as f:
        suites = json.load(f)
    for suite in suites:
        for case in suite["cases"]:
            part = case.get("serialized") or case.get("response") or {}
            yield case, part, part.get("body")


def main():
    for io in ("input", "output"):
        d = os.path.join(TESTS, io)
        for fname in sorted(os.listdir(d)):
            protocol = fname[: -len(".json")]
            if protocol in CBOR_PROTOCOLS:
                for case, part, body in cases(os.path.join(d, fname)):
                    if isinstance(body, str) and body:
                        for t in CBOR_TARGETS:
                            put(t, base64.b64decode(body))
                continue
            if protocol not in JSON_PROTOCOLS and protocol not in XML_PROTOCOLS:
                continue
            for case, part, body in cases(os.path.join(d, fname)):
                if isinstance(body, str) and body.strip():
                    if protocol in JSON_PROTOCOLS:
                        put("json_direct", body)
                        put("json_tree", body)
                    elif body.lstrip().startswith("<"):
                        put("xml_direct", body)
                        put("xml_tree", body)
                    scan_strings(body)
                if io == "output" and ("error" in case or "errorCode" in case):
                    headers = part.get("headers")
                    h = header(headers, "x-amzn-errortype") or header(
                        headers, "x-amzn-query-error"
                    )
                    put("error_codes", with_header(None, body or ""))
                    if h:
                        put("error_codes", with_header(h, body or ""))
                for key in ("params", "result"):
                    if key in case:
                        scan_strings(json.dumps(case[key]))
    # Seeds in the fuzz shapes' own vocabulary (fuzz/src/shapes.rs), so the fuzzer starts
    # inside the members it is meant to exercise.
    record = {
        "Item": {"pk": {"S": "a"}, "n": {"N": "1.5"}, "b": {"B": "AAE="}, "ss": {"SS": ["x"]},
                 "ns": {"NS": ["1"]}, "bs": {"BS": ["QQ=="]}, "null": {"NULL": True},
                 "m": {"M": {"l": {"L": [{"BOOL": False}, {"M": {}}]}}}},
        "Items": [{"k": {"S": "v"}}], "Name": "n", "flag": True, "Byte": -128, "Short": 32767,
        "Count": 2147483647, "Total": -9007199254740993, "Ratio": "NaN", "Consumed": 1.5e300,
        "Created": 1398796238.123, "Updated": "2014-04-29T18:30:38.123Z",
        "Expires": ["Tue, 29 Apr 2014 18:30:38 GMT"], "Data": "Zm9v", "Status": "in-progress",
        "Priority": 10, "Port": 7777, "Tags": [{"Key": "k", "Value": "v"}],
        "Sparse": ["a", None], "SparseMap": {"a": None, "b": 1},
        "ByStatus": {"ACTIVE": [0], "NEW": [-1.5]}, "Doc": {"a": [1, 2.5, None, True, "s"]},
        "Next": {"Version": 1}, "Children": [{}, {"Name": "c"}], "Version": 3,
    }
    put("json_direct", json.dumps(record))
    put("json_tree", json.dumps(record))
    put("json_direct", '{"Id":"x","Value":{"L":[{"S":"\\u00e9\\ud83d\\ude00"}]},"When":-1}')
    put("json_tree", '[{"NULL":true},null,{"M":{"a":{"N":"1"}}}]')
    xml = (
        '<Record xmlns="http://example.com/doc" version="1" count="2" '
        'xmlns:ns="http://example.com/ns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<RequestId>r</RequestId><Name>a&amp;b&#x41;</Name><Enabled>true</Enabled><Byte>1</Byte>"
        "<Short>2</Short><Total>3</Total><Ratio>-Infinity</Ratio><Consumed>1.5</Consumed>"
        "<Created>2014-04-29T18:30:38Z</Created><Updated>1398796238.5</Updated>"
        "<Expires>Tue, 29 Apr 2014 18:30:38 GMT</Expires><Data>Zm9v</Data><Status>ACTIVE</Status>"
        "<Priority>1</Priority>"
        '<Items><member id="i" xsi:type="t"><Name>n</Name><Size>4</Size><tag>a</tag><tag>b</tag>'
        "</member></Items>"
        "<renamed><item>x</item><item/></renamed><entry id=\"e\"><Name>e</Name></entry>"
        "<FlatNumbers>1</FlatNumbers><Name>interleaved</Name><FlatNumbers>2</FlatNumbers>"
        "<Sparse><member>a</member><member/></Sparse>"
        "<Map><entry><key>k</key><value>v</value></entry></Map>"
        "<Settings><entry><Attribute>NEW</Attribute><Setting><Name>s</Name></Setting></entry></Settings>"
        "<KVP><K>k</K><V><member>0</member></V></KVP><ns:prefixed>p</ns:prefixed>"
        "<Choice><nested><Name>deep</Name></nested></Choice>"
        "<Next><Choice><list><member>l</member></list></Choice></Next>"
        "<child><Name>c1</Name></child><child/><![CDATA[ignored]]><!-- c --></Record>"
    )
    put("xml_direct", xml)
    put("xml_tree", xml)
    q = "<OpResponse><OpResult><Name>q</Name></OpResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>"
    put("xml_direct", q)
    put("xml_tree", q)
    # A few hand-written seeds the cases lack.
    for s in (
        "1970-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "0001-01-01T00:00:00-23:59",
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "-62135596800",
        "253402300799.999",
    ):
        put("timestamps", s)
    for f in (0.0, -0.0, 1e-10, 1398796238.123, -1.5, 253402300799.9999, float("nan")):
        put("timestamps", struct.pack("<d", f))
    for s in ("", "QQ", "QQ==", "QUI=", "QUJD", "Zm9vYmFy", "_-_-", "QQ=", "====", "Q\nQ=="):
        put("base64", s)
    for s in (
        b"\x00aws.protocoltests#FooError:http://internal.amazon.com/",
        b"\x0dAWS.Code;Sender{}",
        b"\x00<Response><Errors><Error><Code>X</Code></Error></Errors><RequestID>r</RequestID></Response>",
    ):
        put("error_codes", s)
    # CBOR seeds in the fuzz shapes' vocabulary: member names (not jsonName), blobs as byte
    # strings, timestamps as tag 1 over epoch seconds, floats of every width.
    ts = Tag(1, 1398796238.123)
    cbor_record = {
        "Item": {"pk": {"S": "a"}, "n": {"N": "1.5"}, "b": {"B": b"\x00\x01"},
                 "ss": {"SS": ["x"]}, "ns": {"NS": ["1"]}, "bs": {"BS": [b"A"]},
                 "null": {"NULL": True},
                 "m": {"M": {"l": {"L": [{"BOOL": False}, {"M": {}}]}}}},
        "Items": [{"k": {"S": "v"}}], "Name": "n", "Enabled": True, "Byte": -128,
        "Short": 32767, "Count": 2147483647, "Total": -9007199254740993,
        "Ratio": F32(math.nan), "Consumed": 1.5e300, "Created": ts,
        "Updated": Tag(1, 1398796238), "Expires": [Tag(1, F16(0x3C00)), -1.5],
        "Data": b"foo", "Status": "in-progress", "Priority": 10, "Port": 7777,
        "Tags": [{"Key": "k", "Value": "v"}], "Sparse": ["a", None],
        "SparseMap": {"a": None, "b": 1}, "ByStatus": {"ACTIVE": [ts], "NEW": [Tag(1, -1.5)]},
        "Doc": {"a": [1, 2.5, None, True, "s", -(2**64), F16(0x7E00)], "b": {}},
        "Next": {"Version": 1, "Next": {"Name": UNDEFINED}}, "Children": [{}, {"Name": "c"}],
        "Version": 3, "__type": "com.example#Record", "Unknown": Tag(55799, [1, {"x": b""}]),
    }
    strict = {"Id": "x", "Value": {"L": [{"S": "\u00e9\U0001F600"}]}, "When": Tag(1, -1)}
    values = [
        cbor_record,
        strict,
        [{"NULL": True}, None, {"M": {"a": {"N": "1"}}}],
        {"S": Indef(["a", "b\u00e9"])},
        {"B": Indef([b"\x01", b"", b"\x02\x03"])},
        {"Name": "x", "Count": F16(0x5640), "Total": 2**63 - 1, "Byte": -129},
        {"Ratio": F16(0x0001), "Consumed": F32(3.4e38), "Created": F32(1.5)},
        {"Total": Tag(2, b"\x01\x00"), "Count": Tag(3, b"\x00")},
        {"Children": [{"Children": [{"Next": {"Next": {"Children": []}}}]}]},
        {"__type": "aws.protocoltests#FooError:http://internal.amazon.com/", "message": "m"},
        {"__type": Indef(["com.example#", "Bar"]), "Message": None},
    ]
    for v in values:
        for t in CBOR_TARGETS:
            put(t, cbor(v))
            put(t, cbor(indefinite(v)))
    for t in CBOR_TARGETS:
        put(t, b"\xf8\x18")  # a simple value in the two-byte form
        put(t, b"\xa1\x01\x02")  # an integer key
        put(t, b"\x81" * 140 + b"\x80")  # deeper than the nesting limit
    for t in sorted(written):
        print(f"{t}: {written[t]} new files")


if __name__ == "__main__":
    main()
