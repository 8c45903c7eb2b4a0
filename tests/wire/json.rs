//! JSON rules of awsJson1_0 / awsJson1_1 / restJson1 bodies, each pinned by a small test, on
//! both paths (direct bytes and `serde_json::Value`).

use awso::json::{self, JsonOptions};
use awso::serde_json::{self, json};
use awso::{AwsDebug, AwsError, AwsShape, Blob, Document, ErrorKind, Timestamp};
use std::collections::{BTreeMap, HashMap};

/// Serializes both ways, checks the two paths agree, and returns the JSON value.
fn both<T: AwsShape>(v: &T) -> serde_json::Value {
    let direct: serde_json::Value = serde_json::from_slice(&json::to_vec(v)).expect("valid JSON");
    let tree = v.to_json();
    assert_eq!(direct, tree, "direct and tree serialization differ");
    tree
}

/// Parses both ways, checks the two paths agree, and returns the value.
fn parse<T: AwsShape + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let direct: T = json::from_str(text).unwrap_or_else(|e| panic!("direct: {e}"));
    let tree =
        T::of_json(&serde_json::from_str(text).unwrap()).unwrap_or_else(|e| panic!("tree: {e}"));
    assert_eq!(direct, tree, "direct and tree parsing differ");
    direct
}

/// The direct-path error message for `text`.
fn parse_err<T: AwsShape + std::fmt::Debug>(text: &str) -> String {
    json::from_str::<T>(text)
        .expect_err("should fail")
        .to_string()
}

/// The tree-path error message for `text`.
fn tree_err<T: AwsShape + std::fmt::Debug>(text: &str) -> String {
    T::of_json(&serde_json::from_str(text).unwrap())
        .expect_err("should fail")
        .to_string()
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Names {
    player_session_id: Option<String>,
    #[aws(rename = "ARN")]
    arn: Option<String>,
    #[aws(json_name = "dnsName")]
    dns_name: Option<String>,
    r#type: Option<String>,
}

#[test]
fn members_are_pascal_case_renamed_and_json_named() {
    let v = Names {
        player_session_id: Some("a".into()),
        arn: Some("b".into()),
        dns_name: Some("c".into()),
        r#type: Some("d".into()),
    };
    assert_eq!(
        json::to_string(&v),
        r#"{"PlayerSessionId":"a","ARN":"b","dnsName":"c","Type":"d"}"#
    );
    assert_eq!(
        both(&v),
        json!({"PlayerSessionId":"a","ARN":"b","dnsName":"c","Type":"d"})
    );
    assert_eq!(
        parse::<Names>(r#"{"PlayerSessionId":"a","ARN":"b","dnsName":"c","Type":"d"}"#),
        v
    );
}

#[test]
fn aws_json_protocols_ignore_json_name() {
    let v = Names {
        dns_name: Some("c".into()),
        ..Default::default()
    };
    let opts = JsonOptions {
        use_json_name: false,
        ..Default::default()
    };
    assert_eq!(json::to_vec_with(&v, &opts), br#"{"DnsName":"c"}"#);
    assert_eq!(
        json::from_slice_with::<Names>(br#"{"DnsName":"c"}"#, &opts).unwrap(),
        v
    );
    // With jsonName honoured, the member name is an unknown key.
    assert_eq!(parse::<Names>(r#"{"DnsName":"c"}"#), Names::default());
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "camelCase")]
struct Camel {
    game_session_id: String,
    max_results: Option<i32>,
}

#[test]
fn rename_all_applies_to_members() {
    let v = Camel {
        game_session_id: "g".into(),
        max_results: Some(5),
    };
    assert_eq!(
        json::to_string(&v),
        r#"{"gameSessionId":"g","maxResults":5}"#
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Required {
    game_session_id: String,
    player_id: String,
    player_data: Option<String>,
    #[aws(default)]
    tags: Vec<String>,
}

#[test]
fn absent_members_are_left_out_and_required_ones_are_checked() {
    let v = Required {
        game_session_id: "g".into(),
        player_id: "p".into(),
        player_data: None,
        tags: vec![],
    };
    assert_eq!(
        json::to_string(&v),
        r#"{"GameSessionId":"g","PlayerId":"p","Tags":[]}"#
    );
    assert_eq!(
        parse::<Required>(r#"{"GameSessionId":"g","PlayerId":"p"}"#),
        v
    );
    assert_eq!(
        parse_err::<Required>(r#"{"GameSessionId":"g"}"#),
        "Required: missing required member PlayerId"
    );
    assert_eq!(
        tree_err::<Required>(r#"{"PlayerId":"p"}"#),
        "Required: missing required member GameSessionId"
    );
}

#[test]
fn unknown_members_are_ignored_and_nulls_are_absent() {
    let text = r#"{"Extra":{"deep":[1,2,{"x":null}]},"GameSessionId":"g","PlayerData":null,"PlayerId":"p","Tags":null}"#;
    let v: Required = parse(text);
    assert_eq!(v.player_data, None);
    assert_eq!(v.tags, Vec::<String>::new());
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Times {
    epoch: Option<Timestamp>,
    #[aws(timestamp_format = "date-time")]
    iso: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    http: Option<Timestamp>,
    #[aws(timestamp_format = "date-time")]
    list: Option<Vec<Timestamp>>,
}

#[test]
fn timestamps_are_epoch_seconds_unless_the_member_says_otherwise() {
    let t = Timestamp::from_secs(1398796238);
    let v = Times {
        epoch: Some(t),
        iso: Some(t),
        http: Some(t),
        list: Some(vec![t]),
    };
    assert_eq!(
        json::to_string(&v),
        r#"{"Epoch":1398796238,"Iso":"2014-04-29T18:30:38Z","Http":"Tue, 29 Apr 2014 18:30:38 GMT","List":["2014-04-29T18:30:38Z"]}"#
    );
    assert_eq!(parse::<Times>(&json::to_string(&v)), v);
}

#[test]
fn fractional_epoch_seconds_keep_milliseconds() {
    let v = Times {
        epoch: Some(Timestamp::from_millis(1398796238123)),
        ..Default::default()
    };
    assert_eq!(json::to_string(&v), r#"{"Epoch":1398796238.123}"#);
    let back: Times = parse(r#"{"Epoch":1.398796238123E9}"#);
    assert_eq!(back, v);
}

#[test]
fn bad_timestamps_name_the_member() {
    let e = parse_err::<Times>(r#"{"Iso":"yesterday"}"#);
    assert!(
        e.starts_with("Times.Iso: invalid date-time timestamp"),
        "{e}"
    );
    assert!(e.ends_with("at line 1 column 8"), "{e}");
    let e = parse_err::<Times>(r#"{"Epoch":true}"#);
    assert_eq!(
        e,
        "Times.Epoch: expected timestamp (epoch seconds or string), found boolean at line 1 column 10"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Numbers {
    byte: Option<i8>,
    short: Option<i16>,
    int: Option<i32>,
    long: Option<i64>,
    float: Option<f32>,
    double: Option<f64>,
    flag: Option<bool>,
}

#[test]
fn numbers_round_trip_at_their_limits() {
    let v = Numbers {
        byte: Some(i8::MIN),
        short: Some(i16::MAX),
        int: Some(i32::MIN),
        long: Some(i64::MAX),
        float: Some(1.1),
        double: Some(-0.000_123_4),
        flag: Some(false),
    };
    assert_eq!(
        json::to_string(&v),
        r#"{"Byte":-128,"Short":32767,"Int":-2147483648,"Long":9223372036854775807,"Float":1.1,"Double":-0.0001234,"Flag":false}"#
    );
    assert_eq!(parse::<Numbers>(&json::to_string(&v)), v);
}

#[test]
fn non_finite_floats_are_strings() {
    let v = Numbers {
        float: Some(f32::NEG_INFINITY),
        double: Some(f64::INFINITY),
        ..Default::default()
    };
    assert_eq!(
        both(&v),
        json!({"Float": "-Infinity", "Double": "Infinity"})
    );
    let nan: Numbers = json::from_str(r#"{"Double":"NaN","Float":"NaN"}"#).unwrap();
    assert!(nan.double.unwrap().is_nan() && nan.float.unwrap().is_nan());
    assert_eq!(
        parse_err::<Numbers>(r#"{"Double":"nan"}"#),
        "Numbers.Double: expected double, found string other than NaN, Infinity, -Infinity at line 1 column 11"
    );
}

#[test]
fn integers_out_of_range_or_fractional_are_errors() {
    assert_eq!(
        parse_err::<Numbers>(r#"{"Int":2147483648}"#),
        "Numbers.Int: number out of range for integer (i32) at line 1 column 8"
    );
    assert_eq!(
        parse_err::<Numbers>(r#"{"Byte":300}"#),
        "Numbers.Byte: number out of range for byte (i8) at line 1 column 9"
    );
    assert_eq!(
        parse_err::<Numbers>(r#"{"Long":1e400}"#)
            .split(" at ")
            .next()
            .unwrap(),
        "Numbers.Long: syntax error: number out of range"
    );
    assert_eq!(
        parse_err::<Numbers>(r#"{"Int":1.5}"#),
        "Numbers.Int: expected integer (i32), found number with a fraction or exponent at line 1 column 8"
    );
    assert_eq!(
        tree_err::<Numbers>(r#"{"Long":18446744073709551615}"#),
        "Numbers.Long: number out of range for long (i64)"
    );
    // Integral floats are integers.
    assert_eq!(parse::<Numbers>(r#"{"Int":7.0}"#).int, Some(7));
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Binary {
    data: Option<Blob>,
}

#[test]
fn blobs_are_base64() {
    let v = Binary {
        data: Some(Blob::from("binary-value")),
    };
    assert_eq!(json::to_string(&v), r#"{"Data":"YmluYXJ5LXZhbHVl"}"#);
    assert_eq!(parse::<Binary>(r#"{"Data":"YmluYXJ5LXZhbHVl"}"#), v);
    assert_eq!(
        parse::<Binary>(r#"{"Data":"YQ"}"#).data.unwrap().as_bytes(),
        b"a"
    );
    assert_eq!(
        parse_err::<Binary>(r#"{"Data":"not base64!"}"#),
        "Binary.Data: invalid base64 in blob at line 1 column 9"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Eq, Hash)]
#[aws(rename_all = "SCREAMING_SNAKE_CASE")]
enum Status {
    Reserved,
    TimedOut,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum Strict {
    On,
    Off,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum Level {
    #[aws(value = 1)]
    Low,
    #[aws(value = 10)]
    High,
    #[aws(unknown)]
    Unknown(i32),
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Enums {
    status: Option<Status>,
    strict: Option<Strict>,
    level: Option<Level>,
    by_status: Option<HashMap<Status, i32>>,
}

#[test]
fn enums_keep_unknown_values() {
    let v = Enums {
        status: Some(Status::TimedOut),
        strict: Some(Strict::On),
        level: Some(Level::High),
        by_status: None,
    };
    assert_eq!(
        json::to_string(&v),
        r#"{"Status":"TIMED_OUT","Strict":"On","Level":10}"#
    );
    let u: Enums =
        parse(r#"{"Status":"HIBERNATING","Level":42,"ByStatus":{"RESERVED":1,"NEW":2}}"#);
    assert_eq!(u.status, Some(Status::Unknown("HIBERNATING".into())));
    assert_eq!(u.level, Some(Level::Unknown(42)));
    let map = u.by_status.clone().unwrap();
    assert_eq!(map[&Status::Reserved], 1);
    assert_eq!(map[&Status::Unknown("NEW".into())], 2);
    // Unknown values are written back unchanged.
    let again: serde_json::Value = serde_json::from_slice(&json::to_vec(&u)).unwrap();
    assert_eq!(again["Status"], "HIBERNATING");
    assert_eq!(again["Level"], 42);
    assert_eq!(
        parse_err::<Enums>(r#"{"Strict":"MAYBE"}"#),
        "Enums.Strict: unknown Strict value, expected one of On, Off at line 1 column 11"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Collections {
    names: Option<Vec<String>>,
    sparse: Option<Vec<Option<String>>>,
    counts: Option<HashMap<String, i32>>,
    sorted: Option<BTreeMap<String, Vec<i64>>>,
    sparse_map: Option<BTreeMap<String, Option<bool>>>,
    nested: Option<Vec<Vec<Names>>>,
}

#[test]
fn lists_and_maps() {
    let v = Collections {
        names: Some(vec!["a".into(), "b".into()]),
        sparse: Some(vec![Some("x".into()), None]),
        counts: Some(HashMap::from([("k".to_string(), 1)])),
        sorted: Some(BTreeMap::from([
            ("a".to_string(), vec![1, 2]),
            ("b".to_string(), vec![]),
        ])),
        sparse_map: Some(BTreeMap::from([
            ("n".to_string(), None),
            ("y".to_string(), Some(true)),
        ])),
        nested: Some(vec![vec![Names {
            arn: Some("arn".into()),
            ..Default::default()
        }]]),
    };
    let j = both(&v);
    assert_eq!(
        j,
        json!({"Names":["a","b"],"Sparse":["x",null],"Counts":{"k":1},"Sorted":{"a":[1,2],"b":[]},
               "SparseMap":{"n":null,"y":true},"Nested":[[{"ARN":"arn"}]]})
    );
    assert_eq!(parse::<Collections>(&j.to_string()), v);
}

#[test]
fn dense_lists_and_maps_drop_nulls() {
    let v: Collections = parse(r#"{"Names":["a",null,"b"],"Counts":{"x":null,"y":2}}"#);
    assert_eq!(v.names.unwrap(), ["a", "b"]);
    assert_eq!(v.counts.unwrap(), HashMap::from([("y".to_string(), 2)]));
}

#[test]
fn errors_inside_collections_name_the_index_and_key() {
    assert_eq!(
        parse_err::<Collections>(r#"{"Names":["a","b",3]}"#),
        "Collections.Names[2]: expected string, found number at line 1 column 19"
    );
    assert_eq!(
        parse_err::<Collections>(r#"{"Sorted":{"a":[1],"b":[2,"x"]}}"#),
        "Collections.Sorted[\"b\"][1]: expected long (i64), found string at line 1 column 27"
    );
    assert_eq!(
        parse_err::<Collections>(r#"{"Nested":[[{"ARN":{}}]]}"#),
        "Collections.Nested[0][0].ARN: expected string, found object at line 1 column 20"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum AttributeValue {
    S(String),
    N(String),
    B(Blob),
    #[aws(rename = "SS")]
    Ss(Vec<String>),
    M(HashMap<String, AttributeValue>),
    L(Vec<AttributeValue>),
    #[aws(rename = "NULL")]
    Null(bool),
    #[aws(rename = "BOOL")]
    Bool(bool),
    #[aws(unknown)]
    Unknown,
}

#[test]
fn unions_have_exactly_one_member() {
    let v = AttributeValue::M(HashMap::from([
        ("name".to_string(), AttributeValue::S("x".into())),
        (
            "list".to_string(),
            AttributeValue::L(vec![
                AttributeValue::N("1".into()),
                AttributeValue::Null(true),
            ]),
        ),
    ]));
    let j = both(&v);
    assert_eq!(
        j,
        json!({"M":{"name":{"S":"x"},"list":{"L":[{"N":"1"},{"NULL":true}]}}})
    );
    assert_eq!(parse::<AttributeValue>(&j.to_string()), v);
    assert_eq!(
        parse::<AttributeValue>(r#"{"SS":["a"]}"#),
        AttributeValue::Ss(vec!["a".into()])
    );
    assert_eq!(
        parse::<AttributeValue>(r#"{"NEW_TYPE":{"a":1}}"#),
        AttributeValue::Unknown
    );
    assert_eq!(
        parse::<AttributeValue>(r#"{"S":"a","N":null}"#),
        AttributeValue::S("a".into())
    );
    assert_eq!(
        parse_err::<AttributeValue>(r#"{}"#),
        "AttributeValue: union AttributeValue has no member set"
    );
    assert_eq!(
        parse_err::<AttributeValue>(r#"{"S":"a","N":"1"}"#),
        "AttributeValue: union AttributeValue has 2 members set, expected exactly one"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Tree {
    value: Option<i32>,
    next: Option<Box<Tree>>,
    children: Option<Vec<Tree>>,
}

#[test]
fn recursive_shapes() {
    let v = Tree {
        value: Some(1),
        next: Some(Box::new(Tree {
            value: Some(2),
            ..Default::default()
        })),
        children: Some(vec![Tree::default()]),
    };
    assert_eq!(
        both(&v),
        json!({"Value":1,"Next":{"Value":2},"Children":[{}]})
    );
    assert_eq!(
        parse::<Tree>(r#"{"Value":1,"Next":{"Value":2},"Children":[{}]}"#),
        v
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = r#"{"Next":"#.repeat(100_000) + "{}" + &"}".repeat(100_000);
    let e = json::from_str::<Tree>(&deep).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::DepthLimit(128));
    let e = json::from_str::<Tree>(&("[".repeat(1_000_000))).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Type { .. }), "{e}");
    let e =
        json::from_str::<Tree>(&(r#"{"Other":"#.to_string() + &"[".repeat(1_000_000))).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::DepthLimit(128));
    // The limit can be raised.
    let opts = JsonOptions {
        max_depth: 400,
        ..Default::default()
    };
    let nested = r#"{"Next":"#.repeat(150) + "{}" + &"}".repeat(150);
    assert!(json::from_slice_with::<Tree>(nested.as_bytes(), &opts).is_ok());
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Free {
    doc: Option<Document>,
}

#[test]
fn documents_are_free_form_json() {
    let text = r#"{"Doc":{"a":[1,-2,3.5,"s",true,null,{"b":{}}]}}"#;
    let v: Free = parse(text);
    assert_eq!(json::to_string(&v), text);
    assert_eq!(
        both(&v),
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
}

#[test]
fn malformed_input_is_a_located_error() {
    let e = parse_err::<Required>("{\n  \"GameSessionId\": \"g\",\n  \"PlayerId\": }");
    assert!(e.starts_with("Required.PlayerId: syntax error"), "{e}");
    assert!(e.ends_with("at line 3 column 15"), "{e}");
    let e = json::from_slice::<Required>(b"{\"GameSessionId\":\"\xff\"}").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Syntax(_)), "{e}");
    let e = json::from_str::<Required>(r#"{"GameSessionId":"g","PlayerId":"p"} x"#).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Syntax(_)), "{e}");
    assert_eq!(
        parse_err::<Required>("[]"),
        "Required: expected structure (object), found array at line 1 column 1"
    );
    assert!(json::from_str::<Required>("").is_err());
}

// Error shapes and error enums.

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(code = "ResourceNotFound", status = 404))]
struct NotFound {
    message: Option<String>,
    resource_id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 503))]
struct Unavailable {
    #[aws(rename = "message")]
    text: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(query_code = "AWS.SimpleQueueService.NonExistentQueue"))]
struct QueueDoesNotExist {
    message: Option<String>,
}

#[derive(AwsShape, Debug, PartialEq)]
#[aws(errors)]
enum OpError {
    NotFound(NotFound),
    Unavailable(Unavailable),
    QueueDoesNotExist(QueueDoesNotExist),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

#[derive(AwsShape, Debug, PartialEq)]
#[aws(errors)]
enum ClosedError {
    NotFound(NotFound),
}

#[test]
fn error_codes_are_normalised() {
    let body = json!({"message": "gone", "ResourceId": "r-1"});
    for code in [
        "ResourceNotFound",
        "aws.protocoltests#ResourceNotFound",
        "ResourceNotFound:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        "aws.protocoltests#ResourceNotFound:http://internal.amazon.com/",
    ] {
        let e = OpError::error_of_json(code, &body).unwrap();
        assert_eq!(
            e,
            OpError::NotFound(NotFound {
                message: Some("gone".into()),
                resource_id: Some("r-1".into()),
            }),
            "{code}"
        );
    }
}

#[test]
fn error_enums_report_code_message_status_and_display() {
    let e = OpError::error_of_json("Unavailable", &json!({"message": "later"})).unwrap();
    assert_eq!(e.code(), "Unavailable");
    assert_eq!(e.message(), Some("later"));
    let info = e.error_info().unwrap();
    assert_eq!((info.status, info.fault), (503, awso::Fault::Server));
    assert_eq!(e.to_string(), "Unavailable: later");
    assert!(std::error::Error::source(&e).is_some());
    let nf = OpError::error_of_json("ResourceNotFound", &json!({})).unwrap();
    assert_eq!(nf.error_info().unwrap().status, 404);
    assert_eq!(nf.error_info().unwrap().fault, awso::Fault::Client);
    assert_eq!(nf.to_string(), "ResourceNotFound");
}

#[test]
fn query_codes_match_too() {
    let e = OpError::error_of_json("AWS.SimpleQueueService.NonExistentQueue", &json!({})).unwrap();
    assert!(matches!(e, OpError::QueueDoesNotExist(_)));
    // Known by the shape name too, and either way reported by its awsQuery code, as the SDKs
    // report a query-compatible service's errors.
    let e = OpError::error_of_json("QueueDoesNotExist", &json!({})).unwrap();
    assert!(matches!(e, OpError::QueueDoesNotExist(_)));
    assert_eq!(e.code(), "AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(e.to_string(), "AWS.SimpleQueueService.NonExistentQueue");
}

#[test]
fn unmodelled_codes_become_unknown_with_their_message() {
    for (key, code) in [
        ("message", "Throttling"),
        ("Message", "a#Throttling"),
        ("errorMessage", "Throttling:x"),
    ] {
        let e = OpError::error_of_json(code, &json!({ key: "slow down", "other": 1 })).unwrap();
        assert_eq!(
            e,
            OpError::Unknown {
                code: "Throttling".into(),
                message: Some("slow down".into())
            }
        );
        assert_eq!(e.to_string(), "Throttling: slow down");
        assert_eq!(e.error_info(), None);
    }
    let e = OpError::error_of_json("Nope", &json!([])).unwrap();
    assert_eq!(e.message(), None);
    assert_eq!(
        ClosedError::error_of_json("Nope", &json!({}))
            .unwrap_err()
            .to_string(),
        "unmodelled error code Nope"
    );
}

#[test]
fn error_bodies_are_checked_like_any_shape() {
    let e = OpError::error_of_json("Unavailable", &json!({})).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Unavailable: missing required member message"
    );
}

#[test]
fn error_to_json_writes_type_and_members() {
    let e = OpError::NotFound(NotFound {
        message: Some("gone".into()),
        resource_id: None,
    });
    assert_eq!(
        e.error_to_json(),
        json!({"__type": "ResourceNotFound", "Message": "gone"})
    );
    let u = OpError::Unknown {
        code: "Throttling".into(),
        message: Some("slow".into()),
    };
    assert_eq!(
        u.error_to_json(),
        json!({"__type": "Throttling", "message": "slow"})
    );
    // And back.
    let j = e.error_to_json();
    let code = json::error_code(None, &j).unwrap();
    assert_eq!(OpError::error_of_json(code, &j).unwrap(), e);
}

#[test]
fn error_code_lookup_order_is_header_code_type() {
    let body = json!({"__type": "ns#TypeCode", "code": "BodyCode"});
    assert_eq!(json::error_code(Some("Header:x"), &body), Some("Header"));
    assert_eq!(json::error_code(None, &body), Some("BodyCode"));
    assert_eq!(
        json::error_code(None, &json!({"__type": "ns#TypeCode"})),
        Some("TypeCode")
    );
    assert_eq!(json::error_code(Some(""), &json!({})), None);
    let bytes = br#"{"__type":"ns#TypeCode","x":[1,{"code":"nested"}],"code":"BodyCode"}"#;
    assert_eq!(
        json::error_code_from_slice(None, bytes).as_deref(),
        Some("BodyCode")
    );
    assert_eq!(
        json::error_code_from_slice(None, br#"{"__type":"a.b#C:http://x"}"#).as_deref(),
        Some("C")
    );
    assert_eq!(
        json::error_code_from_slice(Some("H"), b"garbage").as_deref(),
        Some("H")
    );
    assert_eq!(json::error_code_from_slice(None, b"garbage"), None);
}

// Debug redaction.

#[derive(AwsShape, AwsDebug, Clone, PartialEq)]
struct Credentials {
    access_key_id: String,
    #[aws(sensitive)]
    secret_access_key: String,
    #[aws(sensitive)]
    session_token: Option<String>,
}

#[derive(AwsShape, AwsDebug, Clone, PartialEq)]
#[aws(sensitive)]
struct Password(String);

#[derive(AwsShape, AwsDebug, Clone, PartialEq)]
enum Secretive {
    Plain(String),
    #[aws(sensitive)]
    Hidden(String),
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let c = Credentials {
        access_key_id: "AKID".into(),
        secret_access_key: "s3cr3t".into(),
        session_token: Some("tok3n".into()),
    };
    let shown = format!("{c:?}");
    assert_eq!(
        shown,
        r#"Credentials { access_key_id: "AKID", secret_access_key: *** Sensitive Data Redacted ***, session_token: *** Sensitive Data Redacted *** }"#
    );
    assert_eq!(
        format!("{:?}", Password("hunter2".into())),
        "*** Sensitive Data Redacted ***"
    );
    assert_eq!(
        format!("{:?}", Secretive::Plain("a".into())),
        r#"Plain("a")"#
    );
    assert_eq!(
        format!("{:?}", Secretive::Hidden("b".into())),
        "Hidden(*** Sensitive Data Redacted ***)"
    );
    // Errors never echo values either.
    let e = json::from_str::<Credentials>(r#"{"AccessKeyId":"a","SecretAccessKey":12345}"#)
        .unwrap_err();
    assert!(!e.to_string().contains("12345"), "{e}");
}

#[test]
fn to_value_is_protocol_neutral() {
    use awso::Value;
    let v = Times {
        iso: Some(Timestamp::from_secs(5)),
        ..Default::default()
    };
    assert_eq!(
        v.to_value(),
        Value::Structure(vec![(
            "Iso".into(),
            Value::Timestamp(Timestamp::from_secs(5))
        )])
    );
    let e = Enums {
        status: Some(Status::Reserved),
        level: Some(Level::Low),
        ..Default::default()
    };
    assert_eq!(
        e.to_value(),
        Value::Structure(vec![
            ("Status".into(), Value::Enum("RESERVED".into())),
            ("Level".into(), Value::IntEnum(1)),
        ])
    );
}

#[test]
fn inputs_over_the_size_limit_are_refused_before_parsing() {
    let opts = JsonOptions {
        max_size: 16,
        ..Default::default()
    };
    let e =
        json::from_slice_with::<Names>(br#"{"PlayerSessionId":"a-long-id"}"#, &opts).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::SizeLimit(16));
    assert!(json::from_slice_with::<Names>(br#"{"ARN":"a"}"#, &opts).is_ok());
}

#[test]
fn a_repeated_key_replaces_what_came_before() {
    // The last occurrence wins, as in serde_json's Value: lists and maps are not merged.
    let v: Collections = parse(r#"{"Names":["a"],"Names":[],"Counts":{"x":1},"Counts":{"y":2}}"#);
    assert_eq!(v.names, Some(vec![]));
    assert_eq!(v.counts, Some(HashMap::from([("y".to_string(), 2)])));
}

#[test]
fn direct_and_tree_paths_read_doubles_identically() {
    // serde_json's `float_roundtrip` makes the tree path correctly rounded like the direct one.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    struct D {
        consumed: Option<f64>,
    }
    for text in [
        "1.5e299",
        "2.2250738585072011e-308",
        "0.1",
        "9007199254740993",
        "1.7976931348623157e308",
    ] {
        let body = format!(r#"{{"Consumed":{text}}}"#);
        let v: D = parse(&body);
        assert_eq!(v.consumed, Some(text.parse::<f64>().unwrap()), "{text}");
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct OddKeys {
    #[aws(rename = "quote\"back\\slash\nnew\u{1}line\u{7f}é")]
    odd: Option<i32>,
    plain: Option<i32>,
}

#[test]
fn member_keys_are_escaped_like_any_json_string() {
    // The derive writes member keys pre-escaped; they must read back and match serde_json.
    let v = OddKeys {
        odd: Some(1),
        plain: Some(2),
    };
    let text = awso::json::to_string(&v);
    let key = "quote\"back\\slash\nnew\u{1}line\u{7f}é";
    let expected = format!("{{{}:1,\"Plain\":2}}", serde_json::to_string(key).unwrap());
    assert_eq!(text, expected);
    assert_eq!(awso::json::from_str::<OddKeys>(&text).unwrap(), v);
}

/// One timestamp member per format.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct EachFormat {
    at: Option<Timestamp>,
    #[aws(timestamp_format = "date-time")]
    dt: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    hd: Option<Timestamp>,
}

#[test]
fn timestamps_read_no_more_precision_than_written() {
    // Milliseconds for epoch-seconds and date-time (floored), whole seconds for http-date:
    // what the writer writes, so the value survives its own JSON.
    let body = br#"{"At":1700000000.184467,"Dt":"2023-11-14T22:13:20.184467Z","Hd":"Tue, 14 Nov 2023 22:13:20.5 GMT"}"#;
    let v: EachFormat = json::from_slice(body).unwrap();
    let ms = Timestamp::from_millis(1_700_000_000_184);
    assert_eq!(
        v,
        EachFormat {
            at: Some(ms),
            dt: Some(ms),
            hd: Some(Timestamp::from_secs(1_700_000_000)),
        }
    );
    assert_eq!(
        v,
        EachFormat::of_json(&serde_json::from_slice(body).unwrap()).unwrap()
    );
    let written = json::to_vec(&v);
    assert_eq!(
        std::str::from_utf8(&written).unwrap(),
        r#"{"At":1700000000.184,"Dt":"2023-11-14T22:13:20.184Z","Hd":"Tue, 14 Nov 2023 22:13:20 GMT"}"#
    );
    assert_eq!(json::from_slice::<EachFormat>(&written).unwrap(), v);
    // Floored, not rounded; before 1970 too; past 15 digits (read through the f64) the same.
    for (text, millis) in [
        ("1700000000.1849", 1_700_000_000_184),
        ("1700000000.18446799999999999", 1_700_000_000_184),
        ("1.7000000001849E9", 1_700_000_000_184),
        ("-0.0001", -1),
        ("-1.0005", -1001),
    ] {
        let v: EachFormat = json::from_str(&format!(r#"{{"At":{text}}}"#)).unwrap();
        assert_eq!(v.at, Some(Timestamp::from_millis(millis)), "{text}");
        assert_eq!(
            json::from_slice::<EachFormat>(&json::to_vec(&v)).unwrap(),
            v,
            "{text}"
        );
    }
    // A number for an http-date member keeps only the whole seconds http-date can write.
    let v: EachFormat = json::from_str(r#"{"Hd":1700000000.5}"#).unwrap();
    assert_eq!(v.hd, Some(Timestamp::from_secs(1_700_000_000)));
    assert_eq!(
        json::from_slice::<EachFormat>(&json::to_vec(&v)).unwrap(),
        v
    );
}
