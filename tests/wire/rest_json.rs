//! restJson1 operations: HTTP bindings (labels, greedy labels, headers, prefix headers, query
//! parameters, payloads, status codes) on requests and responses, checked by hand and against
//! botocore's serializer for Lambda.

use crate::common;

use awso::operation::{Operation, OperationError};
use awso::serde_json::{self, json};
use awso::{AwsError, AwsShape, Blob, Timestamp};
use std::collections::BTreeMap;

awso::service! {
    pub struct Things {
        name: "Things",
        protocol: Protocol::RestJson1,
        api_version: "2024-01-01",
        signing_name: "things",
        endpoint_prefix: "things",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutThingInput {
    #[aws(label)]
    pub thing_id: String,
    #[aws(label = "Path")]
    pub key: String,
    #[aws(header = "If-Match")]
    pub if_match: Option<String>,
    #[aws(header = "X-Amz-Created")]
    pub created: Option<Timestamp>,
    #[aws(header = "X-Amz-Labels")]
    pub labels: Option<Vec<String>>,
    #[aws(prefix_headers = "x-amz-meta-")]
    pub metadata: Option<BTreeMap<String, String>>,
    #[aws(query = "max-items")]
    pub max_items: Option<i32>,
    #[aws(query = "filter")]
    pub filters: Option<Vec<String>>,
    #[aws(query = "since")]
    pub since: Option<Timestamp>,
    #[aws(query_params)]
    pub extra: Option<BTreeMap<String, String>>,
    #[aws(json_name = "name")]
    pub name: Option<String>,
    pub size: Option<i64>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutThingOutput {
    #[aws(response_code)]
    pub status: Option<i32>,
    #[aws(header = "ETag")]
    pub etag: Option<String>,
    #[aws(header = "X-Amz-Version")]
    pub version: Option<i64>,
    #[aws(header = "X-Amz-Labels")]
    pub labels: Option<Vec<String>>,
    #[aws(header = "X-Amz-Modified")]
    pub modified: Option<Timestamp>,
    #[aws(prefix_headers = "x-amz-meta-")]
    pub metadata: Option<BTreeMap<String, String>>,
    #[aws(json_name = "name")]
    pub name: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 404))]
pub struct ThingNotFound {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum ThingError {
    ThingNotFound(ThingNotFound),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! {
    pub struct PutThing: Things(PutThingInput) -> PutThingOutput, ThingError;
    http("PUT" "/things/{ThingId}/{Path+}?mode=fast");
}

#[test]
fn request_bindings() {
    let input = PutThingInput {
        thing_id: "t 1".into(),
        key: "a/b+c".into(),
        if_match: Some("\"abc\"".into()),
        created: Some(Timestamp::from_secs(1398796238)),
        labels: Some(vec!["x".into(), "y,z".into()]),
        metadata: Some(BTreeMap::from([("color".into(), "red".into())])),
        max_items: Some(5),
        filters: Some(vec!["a".into(), "b".into()]),
        since: Some(Timestamp::from_secs(0)),
        extra: Some(BTreeMap::from([
            ("extra".into(), "1".into()),
            ("max-items".into(), "9".into()),
        ])),
        name: Some("n".into()),
        size: Some(3),
    };
    let request = PutThing::request(&input, "https://example.com").unwrap();
    assert_eq!(request.method(), "PUT");
    assert_eq!(
        request.uri().to_string(),
        "https://example.com/things/t%201/a/b%2Bc?mode=fast&max-items=5&filter=a&filter=b&since=1970-01-01T00%3A00%3A00Z&extra=1"
    );
    let h = request.headers();
    assert_eq!(h["if-match"], "\"abc\"");
    assert_eq!(h["x-amz-created"], "Tue, 29 Apr 2014 18:30:38 GMT");
    assert_eq!(h["x-amz-labels"], "x, \"y,z\"");
    assert_eq!(h["x-amz-meta-color"], "red");
    assert_eq!(h["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body, json!({"name": "n", "Size": 3}));
}

#[test]
fn missing_labels_are_errors() {
    let e = PutThing::request(&PutThingInput::default(), "https://example.com").unwrap_err();
    assert_eq!(e.to_string(), "URI label ThingId is missing or empty");
}

#[test]
fn body_members_unset_send_an_empty_object_and_no_body_members_send_nothing() {
    let input = PutThingInput {
        thing_id: "t".into(),
        key: "k".into(),
        ..Default::default()
    };
    let request = PutThing::request(&input, "https://example.com").unwrap();
    assert_eq!(request.body().as_slice(), b"{}");
    let invoke = InvocationRequest {
        function_name: "f".into(),
        ..Default::default()
    };
    let request = Invoke::request(&invoke, "https://example.com").unwrap();
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
}

fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &'static [u8],
) -> awso::http::Response<&'static [u8]> {
    let mut b = awso::http::Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(body).unwrap()
}

#[test]
fn response_bindings() {
    let out = PutThing::response(response(
        201,
        &[
            ("ETag", "\"e1\""),
            ("X-Amz-Version", "7"),
            ("X-Amz-Labels", "a, \"b,c\", d"),
            ("X-Amz-Modified", "Tue, 29 Apr 2014 18:30:38 GMT"),
            ("x-amz-meta-color", "red"),
            ("X-Amz-Meta-Size", "L"),
        ],
        br#"{"name":"n"}"#,
    ))
    .unwrap();
    assert_eq!(
        out,
        PutThingOutput {
            status: Some(201),
            etag: Some("\"e1\"".into()),
            version: Some(7),
            labels: Some(vec!["a".into(), "b,c".into(), "d".into()]),
            modified: Some(Timestamp::from_secs(1398796238)),
            metadata: Some(BTreeMap::from([
                ("color".into(), "red".into()),
                ("size".into(), "L".into())
            ])),
            name: Some("n".into()),
        }
    );
    let bad = PutThing::response(response(200, &[("X-Amz-Version", "seven")], b"{}")).unwrap_err();
    assert!(
        bad.to_string()
            .contains("PutThingOutput.Version: expected long (i64)"),
        "{bad}"
    );
}

#[test]
fn response_members_bound_to_headers_and_the_status_are_not_read_from_the_body() {
    let out = PutThing::response(response(
        200,
        &[("ETag", "e1")],
        br#"{"Etag":"body","Status":500,"Version":"not a number","name":"n"}"#,
    ))
    .unwrap();
    assert_eq!(
        (
            out.etag.as_deref(),
            out.status,
            out.version,
            out.name.as_deref()
        ),
        (Some("e1"), Some(200), None, Some("n"))
    );
}

#[test]
fn header_timestamps_in_another_format_keep_the_members_precision() {
    let out = PutThing::response(response(
        200,
        &[("X-Amz-Modified", "2014-04-29T18:30:38.5Z")],
        b"{}",
    ))
    .unwrap();
    assert_eq!(out.modified, Some(Timestamp::from_secs(1398796238)));
}

#[test]
fn error_responses() {
    let err = PutThing::response(response(
        404,
        &[
            ("x-amzn-errortype", "ThingNotFound:http://internal/"),
            ("x-amzn-requestid", "req-1"),
        ],
        br#"{"message":"no such thing"}"#,
    ))
    .unwrap_err();
    match &err {
        OperationError::Service {
            error,
            status,
            request_id,
            ..
        } => {
            assert_eq!(*status, 404);
            assert_eq!(request_id.as_deref(), Some("req-1"));
            assert_eq!(error.code(), "ThingNotFound");
            assert_eq!(error.message(), Some("no such thing"));
        }
        other => panic!("{other}"),
    }
    let unreadable = PutThing::response(response(500, &[], b"<html>")).unwrap_err();
    assert!(
        matches!(unreadable, OperationError::Response { status: 500, .. }),
        "{unreadable}"
    );
}

// Lambda Invoke: a blob payload both ways, checked against botocore.

awso::service! {
    pub struct Lambda {
        name: "Lambda",
        protocol: Protocol::RestJson1,
        api_version: "2015-03-31",
        signing_name: "lambda",
        endpoint_prefix: "lambda",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct InvocationRequest {
    #[aws(label)]
    pub function_name: String,
    #[aws(header = "X-Amz-Invocation-Type")]
    pub invocation_type: Option<String>,
    #[aws(header = "X-Amz-Log-Type")]
    pub log_type: Option<String>,
    #[aws(header = "X-Amz-Client-Context")]
    pub client_context: Option<String>,
    #[aws(payload)]
    pub payload: Option<Blob>,
    #[aws(query = "Qualifier")]
    pub qualifier: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct InvocationResponse {
    #[aws(response_code)]
    pub status_code: Option<i32>,
    #[aws(header = "X-Amz-Function-Error")]
    pub function_error: Option<String>,
    #[aws(header = "X-Amz-Log-Result")]
    pub log_result: Option<String>,
    #[aws(payload)]
    pub payload: Option<Blob>,
    #[aws(header = "X-Amz-Executed-Version")]
    pub executed_version: Option<String>,
}

awso::operation! {
    pub struct Invoke: Lambda(InvocationRequest) -> InvocationResponse, ThingError;
    http("POST" "/2015-03-31/functions/{FunctionName}/invocations");
}

#[test]
fn lambda_invoke_matches_botocore() {
    let input = InvocationRequest {
        function_name: "my-function".into(),
        invocation_type: Some("RequestResponse".into()),
        log_type: Some("Tail".into()),
        client_context: None,
        payload: Some(Blob::from(r#"{"hello":"world"}"#)),
        qualifier: Some("$LATEST".into()),
    };
    let ours = Invoke::request(&input, "https://lambda.us-east-1.amazonaws.com").unwrap();
    let params = r#"{"FunctionName":"my-function","InvocationType":"RequestResponse","LogType":"Tail","Payload":"{\"hello\":\"world\"}","Qualifier":"$LATEST"}"#;
    let theirs = common::botocore_json(&[
        &common::script("serialize.py"),
        "lambda",
        "Invoke",
        "rest-json",
        params,
    ]);
    assert_eq!(ours.method().as_str(), theirs["method"]);
    assert_eq!(ours.uri().path(), theirs["url_path"]);
    assert_eq!(ours.uri().query(), Some("Qualifier=%24LATEST"));
    assert_eq!(theirs["query_string"], json!({"Qualifier": "$LATEST"}));
    for (name, value) in theirs["headers"].as_object().unwrap() {
        assert_eq!(
            ours.headers()[name.as_str()],
            value.as_str().unwrap(),
            "header {name}"
        );
    }
    assert_eq!(std::str::from_utf8(ours.body()).unwrap(), theirs["body"]);

    let out = Invoke::response(response(
        200,
        &[
            ("X-Amz-Executed-Version", "$LATEST"),
            ("X-Amz-Function-Error", "Unhandled"),
        ],
        b"\x00not json\xff",
    ))
    .unwrap();
    assert_eq!(out.status_code, Some(200));
    assert_eq!(out.payload.unwrap().as_bytes(), b"\x00not json\xff");
    assert_eq!(out.function_error.as_deref(), Some("Unhandled"));
    let empty = Invoke::response(response(202, &[], b"")).unwrap();
    assert_eq!(empty.payload, None);
}

// The endpoint trait: a host prefix filled from host labels (any protocol).

awso::service! {
    pub struct Data {
        name: "Data",
        protocol: Protocol::AwsJson1_1,
        target_prefix: "Data",
        api_version: "2024-01-01",
        signing_name: "data",
        endpoint_prefix: "data",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutRecordInput {
    #[aws(host_label)]
    pub account_id: String,
    pub record: Option<String>,
}

awso::operation! {
    pub struct PutRecord: Data(PutRecordInput) -> PutRecordInput, ThingError;
    host_prefix("{AccountId}.records.");
}

#[test]
fn host_prefixes_are_filled_from_host_labels() {
    let input = PutRecordInput {
        account_id: "123456789012".into(),
        record: Some("r".into()),
    };
    let request = PutRecord::request(&input, "https://data.us-east-1.amazonaws.com").unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://123456789012.records.data.us-east-1.amazonaws.com/"
    );
    // Host labels also stay in the body.
    let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body, json!({"AccountId": "123456789012", "Record": "r"}));
    for bad in ["", "a.b", "-x", "a/b"] {
        let input = PutRecordInput {
            account_id: bad.into(),
            record: None,
        };
        let e = PutRecord::request(&input, "https://data.example.com").unwrap_err();
        assert_eq!(
            e.to_string(),
            "host label AccountId is missing or not a valid DNS label"
        );
    }
}

// Idempotency tokens: an unset `#[aws(idempotency_token)]` member gets a fresh UUID.

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct StartJobInput {
    #[aws(idempotency_token)]
    pub client_token: Option<String>,
    pub name: Option<String>,
}

awso::operation! {
    pub struct StartJob: Data(StartJobInput) -> PutRecordInput, ThingError;
}

#[test]
fn unset_idempotency_tokens_are_generated() {
    let token_of = |input: &StartJobInput| {
        let request = StartJob::request(input, "https://example.com").unwrap();
        let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
        body["ClientToken"].as_str().unwrap().to_owned()
    };
    let a = token_of(&StartJobInput::default());
    let b = token_of(&StartJobInput::default());
    assert_ne!(a, b);
    let uuid_v4 = |t: &str| {
        let parts: Vec<&str> = t.split('-').collect();
        parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
            && t.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
            && parts[2].starts_with('4')
            && matches!(&parts[3][..1], "8" | "9" | "a" | "b")
    };
    assert!(uuid_v4(&a) && uuid_v4(&b), "{a} {b}");
    // A given token is kept; a fixed generator is used where one is set.
    let given = StartJobInput {
        client_token: Some("mine".into()),
        name: None,
    };
    assert_eq!(token_of(&given), "mine");
    let fixed = awso::operation::with_idempotency_tokens(
        || "fixed".into(),
        || token_of(&StartJobInput::default()),
    );
    assert_eq!(fixed, "fixed");
}

#[test]
fn serializing_is_pure_idempotency_tokens_are_filled_by_the_operation_layer() {
    let input = StartJobInput {
        client_token: None,
        name: Some("job".into()),
    };
    // The codecs write what they are given: no token appears, and twice is the same.
    assert_eq!(awso::json::to_vec(&input), awso::json::to_vec(&input));
    assert_eq!(input.to_json(), serde_json::json!({"Name": "job"}));
    let request = StartJob::request(&input, "https://example.com").unwrap();
    let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body["Name"], "job");
    assert!(body["ClientToken"].is_string());
    // The caller's input is untouched.
    assert_eq!(input.client_token, None);
}
