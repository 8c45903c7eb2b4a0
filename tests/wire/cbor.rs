//! rpcv2Cbor: the CBOR body rules (each pinned by a small test, on the direct and tree paths),
//! safe parsing, the operation layer, and a botocore cross-check of GameLift
//! `CreatePlayerSession`. The official rpcv2Cbor cases run once, in the conformance harness.

use crate::common;

use crate::shapes;

use awso::cbor::{self, Cbor, CborOptions};
use awso::http;
use awso::operation::{Operation, OperationError};
use awso::serde_json::json;
use awso::{AwsError, AwsShape, Blob, Document, ErrorKind, Timestamp};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Helpers

/// Decodes hex (spaces allowed).
fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Serializes on both paths, checks they agree, returns the bytes.
fn both<T: AwsShape>(v: &T) -> Vec<u8> {
    let direct = cbor::to_vec(v);
    assert_eq!(direct, v.to_cbor().to_vec(), "direct and tree paths differ");
    direct
}

/// Parses on both paths, checks they agree (by their encodings), returns the value.
fn parse<T: AwsShape>(bytes: &[u8]) -> T {
    let direct: T = cbor::from_slice(bytes).unwrap_or_else(|e| panic!("direct: {e}"));
    let tree = Cbor::from_slice(bytes).unwrap_or_else(|e| panic!("tree decode: {e}"));
    let via_tree = T::of_cbor(&tree).unwrap_or_else(|e| panic!("tree: {e}"));
    assert_eq!(cbor::to_vec(&direct), cbor::to_vec(&via_tree));
    direct
}

fn parse_err<T: AwsShape + std::fmt::Debug>(bytes: &[u8]) -> awso::Error {
    cbor::from_slice::<T>(bytes).expect_err("should fail")
}

// ---------------------------------------------------------------------------------------------
// Shapes

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename_all = "camelCase")]
struct Scalars {
    true_boolean_value: Option<bool>,
    false_boolean_value: Option<bool>,
    byte_value: Option<i8>,
    short_value: Option<i16>,
    integer_value: Option<i32>,
    long_value: Option<i64>,
    float_value: Option<f32>,
    double_value: Option<f64>,
    string_value: Option<String>,
    blob_value: Option<Blob>,
    time: Option<Timestamp>,
    doc: Option<Document>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum Color {
    Red,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "camelCase")]
enum Choice {
    Text(String),
    Number(i32),
    #[aws(unknown)]
    Unknown,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename_all = "camelCase")]
struct Collections {
    dense: Option<Vec<String>>,
    sparse: Option<Vec<Option<String>>>,
    dense_map: Option<BTreeMap<String, i32>>,
    sparse_map: Option<BTreeMap<String, Option<i32>>>,
    color: Option<Color>,
    choice: Option<Choice>,
    nested: Option<Box<Collections>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "camelCase")]
struct Required {
    id: String,
    count: Option<i32>,
}

// ---------------------------------------------------------------------------------------------
// Writing

#[test]
fn scalars_are_written_with_their_widths() {
    let v = Scalars {
        true_boolean_value: Some(true),
        byte_value: Some(5),
        short_value: Some(-300),
        integer_value: Some(256),
        long_value: Some(i64::MIN),
        float_value: Some(7.625),
        double_value: Some(1.889),
        string_value: Some("simple".into()),
        blob_value: Some(Blob::from("foo")),
        time: Some(Timestamp::from_millis(1_398_796_238_123)),
        ..Default::default()
    };
    let bytes = both(&v);
    let tree = Cbor::from_slice(&bytes).unwrap();
    assert_eq!(tree.get("trueBooleanValue"), Some(&Cbor::Bool(true)));
    assert_eq!(tree.get("byteValue"), Some(&Cbor::Integer(5)));
    assert_eq!(tree.get("shortValue"), Some(&Cbor::Integer(-300)));
    assert_eq!(tree.get("longValue"), Some(&Cbor::Integer(i64::MIN.into())));
    assert_eq!(tree.get("floatValue"), Some(&Cbor::Float32(7.625)));
    assert_eq!(tree.get("doubleValue"), Some(&Cbor::Float64(1.889)));
    assert_eq!(tree.get("blobValue"), Some(&Cbor::Bytes(b"foo".to_vec())));
    assert_eq!(
        tree.get("time"),
        Some(&Cbor::Tag(1, Box::new(Cbor::Float64(1_398_796_238.123))))
    );
    // None members are absent; the map head counts the present ones.
    assert_eq!(bytes[0], 0xaa);
    assert!(tree.get("falseBooleanValue").is_none());
    // Shortest heads: 256 is 19 01 00, 5 is 05.
    assert!(to_hex(&bytes).contains("6c696e746567657256616c7565190100"));
    assert_eq!(parse::<Scalars>(&bytes), v);
}

#[test]
fn empty_structure_is_an_empty_map_and_large_ones_get_a_long_head() {
    assert_eq!(both(&Scalars::default()), hex("a0"));
    let mut map = BTreeMap::new();
    for i in 0..30 {
        map.insert(format!("k{i:02}"), i);
    }
    let v = Collections {
        dense_map: Some(map),
        ..Default::default()
    };
    let bytes = both(&v);
    assert_eq!(&bytes[..1], &hex("a1")[..]);
    assert!(
        to_hex(&bytes).contains("b81e"),
        "30 entries: map head b8 1e"
    );
    assert_eq!(parse::<Collections>(&bytes), v);
}

#[test]
fn lists_maps_unions_and_enums_round_trip() {
    let v = Collections {
        dense: Some(vec!["a".into(), "b".into()]),
        sparse: Some(vec![Some("a".into()), None]),
        dense_map: Some(BTreeMap::from([("x".into(), 1)])),
        sparse_map: Some(BTreeMap::from([("y".into(), None), ("z".into(), Some(2))])),
        color: Some(Color::Unknown("Mauve".into())),
        choice: Some(Choice::Number(3)),
        nested: Some(Box::new(Collections {
            color: Some(Color::Red),
            ..Default::default()
        })),
    };
    let bytes = both(&v);
    let tree = Cbor::from_slice(&bytes).unwrap();
    assert_eq!(
        tree.get("sparse"),
        Some(&Cbor::Array(vec![Cbor::Text("a".into()), Cbor::Null]))
    );
    assert_eq!(tree.get("color"), Some(&Cbor::Text("Mauve".into())));
    assert_eq!(
        tree.get("choice"),
        Some(&Cbor::Map(vec![(
            Cbor::Text("number".into()),
            Cbor::Integer(3)
        )]))
    );
    assert_eq!(parse::<Collections>(&bytes), v);
}

#[test]
fn special_floats_are_written_at_their_width() {
    let v = Scalars {
        float_value: Some(f32::NAN),
        double_value: Some(f64::NEG_INFINITY),
        ..Default::default()
    };
    let bytes = both(&v);
    assert!(to_hex(&bytes).contains("fa7fc00000"));
    assert!(to_hex(&bytes).contains("fbfff0000000000000"));
}

// ---------------------------------------------------------------------------------------------
// Reading

#[test]
fn indefinite_lengths_half_floats_nulls_unknown_keys_and_type_are_read() {
    // {_ "dense": [_ "a", null, (_ "b", "c")], "sparse": [null, "x"], "__type": "X",
    //    "unknown": {_ "deep": [1, 2]}, "color": null, "floatValue"... } in a Scalars-free shape.
    let bytes = hex("bf 6564656e7365 9f 6161 f6 7f 6162 6163 ff ff
            66737061727365 82 f6 6178
            665f5f74797065 6158
            67756e6b6e6f776e bf 6464656570 82 01 02 ff
            65636f6c6f72 f6
         ff");
    let v: Collections = parse(&bytes);
    assert_eq!(v.dense, Some(vec!["a".into(), "bc".into()]));
    assert_eq!(v.sparse, Some(vec![None, Some("x".into())]));
    assert_eq!(v.color, None);

    // Half-precision NaN, infinities and subnormals; float32 upcast into double.
    let s: Scalars = parse(&hex(
        "a3 6a666c6f617456616c7565 f97c01 6b646f75626c6556616c7565 f9fc00 6474696d65 c1 f93e00",
    ));
    assert!(s.float_value.unwrap().is_nan());
    assert_eq!(s.double_value, Some(f64::NEG_INFINITY));
    assert_eq!(s.time, Some(Timestamp::from_millis(1500)));
    let s: Scalars = parse(&hex("a1 6b646f75626c6556616c7565 f90050"));
    assert_eq!(s.double_value, Some(4.76837158203125e-06));
    // Timestamps as integers, tagged or not.
    let s: Scalars = parse(&hex("a1 6474696d65 c1 1a 5362 6ece"));
    assert_eq!(s.time, Some(Timestamp::from_secs(1_398_959_822)));
    // Indefinite byte strings.
    let s: Scalars = parse(&hex("a1 69626c6f6256616c7565 5f 4166 426f6f ff"));
    assert_eq!(s.blob_value, Some(Blob::from("foo")));
}

#[test]
fn unions_need_exactly_one_member() {
    let two = hex("a1 6663686f696365 a2 6474657874 6161 666e756d626572 01");
    let e = parse_err::<Collections>(&two);
    assert!(e.to_string().contains("2 members set"), "{e}");
    let none = hex("a1 6663686f696365 a0");
    assert!(parse_err::<Collections>(&none)
        .to_string()
        .contains("no member set"));
    let unknown = hex("a1 6663686f696365 a1 63666f6f 01");
    assert_eq!(parse::<Collections>(&unknown).choice, Some(Choice::Unknown));
    // A null member does not count.
    let with_null = hex("a1 6663686f696365 a2 6474657874 6161 666e756d626572 f6");
    assert_eq!(
        parse::<Collections>(&with_null).choice,
        Some(Choice::Text("a".into()))
    );
}

#[test]
fn integers_out_of_range_and_big_integers_are_rejected() {
    // byteValue: 200
    let e = parse_err::<Scalars>(&hex("a1 6962797465 56616c7565 18c8"));
    assert_eq!(e.path_string(), "byteValue");
    assert!(e.to_string().contains("out of range for byte (i8)"), "{e}");
    // longValue: 2^64 - 1 (major 0) and -2^64 (major 1).
    let e = parse_err::<Scalars>(&hex("a1 696c6f6e6756616c7565 1bffffffffffffffff"));
    assert!(e.to_string().contains("out of range for long (i64)"), "{e}");
    let e = parse_err::<Scalars>(&hex("a1 696c6f6e6756616c7565 3bffffffffffffffff"));
    assert!(e.to_string().contains("out of range"), "{e}");
    // longValue: bignum 2(h'010000000000000000')
    let e = parse_err::<Scalars>(&hex("a1 696c6f6e6756616c7565 c2 49 010000000000000000"));
    assert!(
        e.to_string()
            .contains("big integer (tag 2) does not fit long (i64)"),
        "{e}"
    );
    let e = parse_err::<Scalars>(&hex("a1 6b646f75626c6556616c7565 c3 41 01"));
    assert!(e.to_string().contains("big integer (tag 3)"), "{e}");
    // A float where an integer belongs.
    let e = parse_err::<Scalars>(&hex("a1 6c696e746567657256616c7565 f93c00"));
    assert!(
        e.to_string()
            .contains("expected integer (i32), found float"),
        "{e}"
    );
}

#[test]
fn errors_name_the_path_and_byte_offset() {
    // {"nested": {"dense": ["a", 1]}}
    let bytes = hex("a1 666e6573746564 a1 6564656e7365 82 6161 01");
    let e = parse_err::<Collections>(&bytes);
    assert_eq!(e.path_string(), "nested.dense[1]");
    assert_eq!(
        e.to_string(),
        "Collections.nested.dense[1]: expected string, found unsigned integer at byte 18"
    );
    // Map keys are in the path.
    let bytes = hex("a1 6864656e73654d6170 a1 616b 6161");
    let e = parse_err::<Collections>(&bytes);
    assert_eq!(e.path_string(), "denseMap[\"k\"]");
    // Missing required members; trailing bytes.
    let e = parse_err::<Required>(&hex("a0"));
    assert!(matches!(e.kind(), ErrorKind::MissingMember("id")), "{e}");
    let e = parse_err::<Required>(&hex("a1 626964 6161 00"));
    assert!(e.to_string().contains("trailing bytes"), "{e}");
}

#[test]
fn huge_declared_lengths_are_errors_not_allocations() {
    // A byte string claiming 4 GiB in 5 bytes; a text string; an array and a map claiming
    // 2^64 - 1 items.
    for input in [
        "5a ffffffff",
        "7a ffffffff",
        "a1 69626c6f6256616c7565 5b ffffffffffffffff",
        "a1 6564656e7365 9b ffffffffffffffff",
        "a1 6864656e73654d6170 bb ffffffffffffffff",
    ] {
        let bytes = hex(input);
        let e = cbor::from_slice::<Collections>(&bytes).expect_err(input);
        assert!(
            matches!(e.kind(), ErrorKind::Syntax(_) | ErrorKind::Type { .. }),
            "{e}"
        );
        let e = cbor::from_slice::<Scalars>(&bytes).expect_err(input);
        assert!(e.location().is_some(), "{e}");
        assert!(Cbor::from_slice(&bytes).is_err());
    }
    let e = cbor::from_slice::<Blob>(&hex("5a ffffffff")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Blob: syntax error: unexpected end of input at byte 0"
    );
}

#[test]
fn nesting_is_bounded_and_configurable() {
    // 200 nested {"nested": ...}
    let mut bytes = Vec::new();
    for _ in 0..200 {
        bytes.extend(hex("a1 666e6573746564"));
    }
    bytes.push(0xa0);
    let e = parse_err::<Collections>(&bytes);
    assert!(matches!(e.kind(), ErrorKind::DepthLimit(128)), "{e}");
    let opts = CborOptions {
        max_depth: 300,
        ..Default::default()
    };
    assert!(cbor::from_slice_with::<Collections>(&bytes, &opts).is_ok());
    let opts = CborOptions {
        max_depth: 5,
        ..Default::default()
    };
    let e = cbor::from_slice_with::<Collections>(&bytes, &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DepthLimit(5)), "{e}");
    // Documents and the tree: 100k nested arrays, and 100k tags.
    let deep = [vec![0x81; 100_000], vec![0x00]].concat();
    assert!(matches!(
        cbor::from_slice::<Document>(&deep).unwrap_err().kind(),
        ErrorKind::DepthLimit(128)
    ));
    assert!(Cbor::from_slice(&deep).is_err());
    let tags = [vec![0xc6; 100_000], vec![0x00]].concat();
    assert!(Cbor::from_slice(&tags).is_err());
    assert!(cbor::from_slice::<i32>(&tags).is_err());
    // Skipped unknown members nest without recursion.
    let skipped = [hex("a1 63666f6f"), vec![0x81; 100_000], vec![0x00]].concat();
    assert_eq!(
        cbor::from_slice::<Collections>(&skipped).unwrap(),
        Collections::default()
    );
}

#[test]
fn no_bytes_panic() {
    // Every prefix and many single-byte corruptions of a rich body.
    let v = Collections {
        dense: Some(vec!["a".into()]),
        sparse: Some(vec![None]),
        dense_map: Some(BTreeMap::from([("x".into(), 1)])),
        choice: Some(Choice::Text("t".into())),
        nested: Some(Box::new(Collections::default())),
        ..Default::default()
    };
    let bytes = cbor::to_vec(&v);
    for n in 0..bytes.len() {
        let _ = cbor::from_slice::<Collections>(&bytes[..n]);
        let _ = Cbor::from_slice(&bytes[..n]);
    }
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut b = bytes.clone();
        let i = (seed as usize) % b.len();
        b[i] = (seed >> 32) as u8;
        let _ = cbor::from_slice::<Collections>(&b);
        let _ = cbor::from_slice::<Scalars>(&b);
        let _ = cbor::from_slice::<Document>(&b);
        if let Ok(t) = Cbor::from_slice(&b) {
            let _ = t.to_string();
        }
    }
}

#[test]
fn documents_and_diagnostic_notation() {
    let d = Document::Object(vec![
        (
            "a".into(),
            Document::Array(vec![Document::Bool(true), Document::Null]),
        ),
        (
            "n".into(),
            Document::Number(awso::document::Number::NegInt(-2)),
        ),
    ]);
    let bytes = both(&d);
    assert_eq!(parse::<Document>(&bytes), d);
    let tree = Cbor::from_slice(&hex(
        "bf 6161 9f 01 f97c00 fa3fc00000 fb3ff8000000000000 ff 6162 c1 fb41d4d7fbf3800000 6163 43 666f6f ff",
    ))
    .unwrap();
    assert_eq!(
        tree.to_string(),
        r#"{"a": [1, Infinity_1, 1.5_2, 1.5], "b": 1(1398796238.0), "c": h'666f6f'}"#
    );
}

// ---------------------------------------------------------------------------------------------
// Operations

awso::service! {
    /// The Smithy rpcv2Cbor test service.
    pub struct RpcV2Protocol {
        name: "RpcV2Protocol",
        protocol: Protocol::RpcV2Cbor,
        api_version: "2020-07-14",
        signing_name: "rpcv2protocol",
        endpoint_prefix: "rpcv2protocol",
    }
}

awso::service! {
    /// The query-compatible rpcv2Cbor test service.
    pub struct QueryCompatibleRpcV2Protocol {
        name: "Query Compatible RpcV2 Protocol",
        protocol: Protocol::RpcV2Cbor,
        api_version: "2025-06-20",
        signing_name: "QueryCompatibleRpcV2Protocol",
        endpoint_prefix: "querycompatiblerpcv2protocol",
        query_compatible: true,
        service_shape: "QueryCompatibleRpcV2Protocol",
    }
}

awso::service! {
    /// The non-query-compatible rpcv2Cbor test service.
    pub struct NonQueryCompatibleRpcV2Protocol {
        name: "NonQueryCompatibleRpcV2Protocol",
        protocol: Protocol::RpcV2Cbor,
        api_version: "2025-06-20",
        signing_name: "NonQueryCompatibleRpcV2Protocol",
        endpoint_prefix: "nonquerycompatiblerpcv2protocol",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct EmptyStructure {}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename_all = "camelCase")]
struct SimpleStructure {
    value: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename_all = "camelCase")]
struct GreetingWithErrorsOutput {
    greeting: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
struct InvalidGreeting {
    #[aws(rename = "Message")]
    message: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct ComplexNestedErrorData {
    foo: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
struct ComplexError {
    top_level: Option<String>,
    nested: Option<ComplexNestedErrorData>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(code = "CustomCodeError", status = 402, query_code = "Customized"))]
struct CustomCodeError {
    #[aws(rename = "message")]
    message: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
struct NoCustomCodeError {
    #[aws(rename = "message")]
    message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
enum TestError {
    InvalidGreeting(InvalidGreeting),
    ComplexError(ComplexError),
    CustomCodeError(CustomCodeError),
    NoCustomCodeError(NoCustomCodeError),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { struct EmptyInputOutput: RpcV2Protocol(EmptyStructure) -> EmptyStructure, TestError; }
awso::operation! { struct NoInputOutput: RpcV2Protocol(EmptyStructure) -> EmptyStructure, TestError; input(none); }
awso::operation! { struct OptionalInputOutput: RpcV2Protocol(SimpleStructure) -> SimpleStructure, TestError; }
awso::operation! { struct GreetingWithErrors: RpcV2Protocol(EmptyStructure) -> GreetingWithErrorsOutput, TestError; }
awso::operation! { struct QueryCompatibleOperation: QueryCompatibleRpcV2Protocol(EmptyStructure) -> EmptyStructure, TestError; input(none); }
awso::operation! { struct NonQueryCompatibleOperation: NonQueryCompatibleRpcV2Protocol(EmptyStructure) -> EmptyStructure, TestError; input(none); }

#[test]
fn requests_use_the_rpcv2_path_and_headers() {
    let input = SimpleStructure {
        value: Some("v".into()),
    };
    let r = OptionalInputOutput::request(&input, "https://example.com/").unwrap();
    assert_eq!(r.method(), "POST");
    assert_eq!(
        r.uri().to_string(),
        "https://example.com/service/RpcV2Protocol/operation/OptionalInputOutput"
    );
    let h = r.headers();
    assert_eq!(h["smithy-protocol"], "rpc-v2-cbor");
    assert_eq!(h["content-type"], "application/cbor");
    assert_eq!(h["accept"], "application/cbor");
    assert_eq!(h["content-length"], "9");
    assert!(h.get("x-amz-target").is_none());
    assert!(h.get("x-amzn-query-mode").is_none());
    assert_eq!(r.body(), &hex("a1 6576616c7565 6176"));
    // An operation without input: no body, no Content-Type.
    let r = NoInputOutput::request(&EmptyStructure {}, "https://example.com").unwrap();
    assert!(r.body().is_empty());
    assert!(r.headers().get("content-type").is_none());
    // An input structure without members set: an empty map.
    let r = EmptyInputOutput::request(&EmptyStructure {}, "https://example.com").unwrap();
    assert_eq!(r.body(), &[0xa0]);
    assert_eq!(r.headers()["content-type"], "application/cbor");
    assert!(awso::cbor::has_no_members(&EmptyStructure {}));
    assert!(!awso::cbor::has_no_members(&SimpleStructure::default()));
    // Query-compatible services say so.
    let r = QueryCompatibleOperation::request(&EmptyStructure {}, "https://example.com").unwrap();
    assert_eq!(r.headers()["x-amzn-query-mode"], "true");
    assert_eq!(
        r.uri().path(),
        "/service/QueryCompatibleRpcV2Protocol/operation/QueryCompatibleOperation"
    );
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut b = http::Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(body.to_vec()).unwrap()
}

fn call<O: Operation>(r: &http::Response<Vec<u8>>) -> Result<O::Output, OperationError<O::Error>> {
    let mut b = http::Response::builder().status(r.status());
    for (k, v) in r.headers() {
        b = b.header(k, v);
    }
    O::response(b.body(&r.body()[..]).unwrap())
}

#[test]
fn responses_and_errors() {
    let ok = response(200, &[], &hex("a1 6576616c7565 6176"));
    assert_eq!(
        call::<OptionalInputOutput>(&ok).unwrap().value.as_deref(),
        Some("v")
    );
    // Empty body: empty output.
    let empty = response(200, &[], b"");
    assert_eq!(
        call::<OptionalInputOutput>(&empty).unwrap(),
        SimpleStructure::default()
    );
    // __type, normalised.
    let body = Cbor::Map(vec![
        (
            Cbor::Text("__type".into()),
            Cbor::Text("smithy.protocoltests.rpcv2Cbor#InvalidGreeting".into()),
        ),
        (Cbor::Text("Message".into()), Cbor::Text("Hi".into())),
    ])
    .to_vec();
    let err = call::<GreetingWithErrors>(&response(400, &[("x-amzn-requestid", "r-1")], &body))
        .unwrap_err();
    match err {
        OperationError::Service {
            error: TestError::InvalidGreeting(e),
            status: 400,
            request_id: Some(id),
            ..
        } => {
            assert_eq!(e.message.as_deref(), Some("Hi"));
            assert_eq!(id, "r-1");
        }
        other => panic!("{other:?}"),
    }
    // Unmodelled codes land in Unknown with the message.
    let body = Cbor::Map(vec![
        (
            Cbor::Text("__type".into()),
            Cbor::Text("com.amazonaws.gamelift#ThrottlingException".into()),
        ),
        (
            Cbor::Text("message".into()),
            Cbor::Text("Rate exceeded".into()),
        ),
    ])
    .to_vec();
    let err = call::<GreetingWithErrors>(&response(400, &[], &body)).unwrap_err();
    let e = err.service_error().unwrap();
    assert_eq!(e.code(), "ThrottlingException");
    assert_eq!(e.message(), Some("Rate exceeded"));
    // No code: a response error, not a panic. Garbage too.
    let err = call::<GreetingWithErrors>(&response(500, &[], b"")).unwrap_err();
    assert!(matches!(err, OperationError::Response { status: 500, .. }));
    let err = call::<GreetingWithErrors>(&response(200, &[], b"\xff\x00")).unwrap_err();
    assert!(matches!(err, OperationError::Response { status: 200, .. }));
}

fn b64(s: &str) -> Vec<u8> {
    Blob::from_base64(s).expect("base64").into_inner()
}

// ---------------------------------------------------------------------------------------------
// GameLift, cross-checked with botocore

mod gamelift_cbor {
    use super::shapes::*;
    awso::service! {
        /// GameLift over rpcv2Cbor.
        pub struct GameLift {
            name: "GameLift",
            protocol: Protocol::RpcV2Cbor,
            api_version: "2015-10-01",
            signing_name: "gamelift",
            endpoint_prefix: "gamelift",
        }
    }
    awso::operation! {
        /// CreatePlayerSession over rpcv2Cbor.
        pub struct CreatePlayerSession: GameLift(CreatePlayerSessionInput) -> CreatePlayerSessionOutput, CreatePlayerSessionError;
    }
}

#[test]
fn gamelift_create_player_session_matches_botocore() {
    let input = shapes::CreatePlayerSessionInput {
        game_session_id: "arn:aws:gamelift:us-west-2::gamesession/fleet-1/gsess-1".into(),
        player_id: "player-1".into(),
        player_data: Some(r#"{"skill":7}"#.into()),
    };
    let ours = gamelift_cbor::CreatePlayerSession::request(
        &input,
        "https://gamelift.us-west-2.amazonaws.com",
    )
    .unwrap();
    // Members in declaration order (botocore writes them in the order of the params).
    let params = format!(
        "{{\"GameSessionId\":{},\"PlayerId\":{},\"PlayerData\":{}}}",
        json!(input.game_session_id),
        json!(input.player_id),
        json!(input.player_data)
    );
    let theirs = common::botocore_json(&[
        &common::script("serialize.py"),
        "gamelift",
        "CreatePlayerSession",
        "smithy-rpc-v2-cbor",
        &params,
    ]);
    assert_eq!(theirs["method"], "POST");
    assert_eq!(ours.uri().path(), theirs["url_path"].as_str().unwrap());
    for (k, v) in theirs["headers"].as_object().unwrap() {
        assert_eq!(
            ours.headers().get(k.as_str()).and_then(|h| h.to_str().ok()),
            v.as_str(),
            "header {k}"
        );
    }
    let body = b64(theirs["body"]["base64"].as_str().expect("a binary body"));
    assert_eq!(
        to_hex(ours.body()),
        to_hex(&body),
        "byte-for-byte as botocore"
    );
}

#[test]
fn gamelift_responses_parse() {
    use shapes::*;
    let out = CreatePlayerSessionOutput {
        player_session: Some(PlayerSession {
            player_session_id: Some("psess-1".into()),
            creation_time: Some(Timestamp::from_millis(1_732_528_861_345)),
            status: Some(PlayerSessionStatus::Reserved),
            port: Some(PortNumber(7777)),
            ..Default::default()
        }),
    };
    let body = cbor::to_vec(&out);
    let r = response(200, &[("content-type", "application/cbor")], &body);
    assert_eq!(call::<gamelift_cbor::CreatePlayerSession>(&r).unwrap(), out);
    let full = Cbor::Map(vec![
        (
            Cbor::Text("__type".into()),
            Cbor::Text("com.amazonaws.gamelift#GameSessionFullException".into()),
        ),
        (Cbor::Text("Message".into()), Cbor::Text("full".into())),
    ]);
    let r = response(400, &[], &full.to_vec());
    match call::<gamelift_cbor::CreatePlayerSession>(&r).unwrap_err() {
        OperationError::Service {
            error: CreatePlayerSessionError::GameSessionFullException(e),
            ..
        } => assert_eq!(e.message.as_deref(), Some("full")),
        other => panic!("{other:?}"),
    }
}

/// One timestamp member (CBOR ignores `timestamp_format`: always tag 1 epoch seconds).
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct When {
    at: Option<Timestamp>,
}

#[test]
fn timestamps_read_no_more_precision_than_written() {
    // {"At": 1(1700000000.184467)}: read floored to the millisecond, written back unchanged.
    let mut body = hex("a1 62 4174 c1 fb");
    body.extend_from_slice(&1_700_000_000.184_467f64.to_be_bytes());
    let v: When = cbor::from_slice(&body).unwrap();
    assert_eq!(v.at, Some(Timestamp::from_millis(1_700_000_000_184)));
    assert_eq!(v, When::of_cbor(&Cbor::from_slice(&body).unwrap()).unwrap());
    let written = cbor::to_vec(&v);
    let mut expected = hex("a1 62 4174 c1 fb");
    expected.extend_from_slice(&1_700_000_000.184f64.to_be_bytes());
    assert_eq!(written, expected);
    assert_eq!(cbor::from_slice::<When>(&written).unwrap(), v);
    // Negative values floor; finer instants made in code are written floored too.
    let mut body = hex("a1 62 4174 c1 fb");
    body.extend_from_slice(&(-0.0001f64).to_be_bytes());
    let v: When = cbor::from_slice(&body).unwrap();
    assert_eq!(v.at, Some(Timestamp::from_millis(-1)));
    let fine = When {
        at: Some(Timestamp::from_secs_nanos(1, 123_456_789)),
    };
    let back: When = cbor::from_slice(&cbor::to_vec(&fine)).unwrap();
    assert_eq!(back.at, Some(Timestamp::from_millis(1123)));
}
