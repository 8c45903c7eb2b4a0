//! Differential tests through types awso-codegen generated from botocore's models, for a
//! sample of operations of every service:
//!
//! - requests: random inputs serialized by awso and by botocore's own serializer, compared
//!   request by request (method, path, query, headers, body), as the conformance harness
//!   compares with the protocol test cases;
//! - responses: random outputs written as response bodies by awso's writers (JSON, XML in the
//!   awsQuery `<OpResponse><OpResult>` envelope or the ec2Query `<OpResponse>` root, CBOR),
//!   with the members bound to HTTP headers written as headers by botocore's header
//!   serializer and a member bound to the status code as the status; botocore's parser and
//!   awso's `Operation::response` read the same response, and both results are compared
//!   with each other and with awso's value of the output (timestamps to the millisecond,
//!   blobs as bytes; payload outputs are left to the conformance cases).
//!
//! ```sh
//! cargo test -p awso-codegen --test differential -- --nocapture
//! ```

mod shared;

use awso_codegen::{generate, Options};
use shared::{botocore_data, load, scratch, SERVICES};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

const RUNNER: &str = r#"//! Serializes each case's input with awso and prints the requests as JSON.
use awso::operation::{Operation, Protocol};
use awso::serde_json::{self, json, Value};

fn run<O: Operation>(params: &[u8]) -> Value {
    let options = awso::json::JsonOptions {
        use_json_name: false,
        ..Default::default()
    };
    let input: O::Input = match awso::json::from_slice_with(params, &options) {
        Ok(input) => input,
        Err(e) => return json!({ "error": format!("reading the input: {e}") }),
    };
    match O::request(&input, "https://example.com") {
        Ok(r) => {
            // A streaming payload (`ByteStream`) is the body the clients send with the head.
            let body = match awso::AwsShape::payload_stream(&input) {
                Some(stream) => match stream.collect_blocking() {
                    Ok(bytes) => bytes.to_vec(),
                    Err(e) => return json!({ "error": format!("reading the payload: {e}") }),
                },
                None => r.body().clone(),
            };
            let headers: serde_json::Map<String, Value> = r
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str().to_string(), json!(v.to_str().unwrap_or("<binary>"))))
                .collect();
            json!({
                "method": r.method().as_str(),
                "uri": r.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"),
                "headers": headers,
                "body": body,
            })
        }
        Err(e) => json!({ "error": format!("building the request: {e}") }),
    }
}

/// Writes a random output as a response body with awso's writer for the protocol (for
/// awsQuery in its `<OpResponse>` envelope), and reads the whole response (the case's status
/// and headers, which carry the members bound to them, and that body) back with
/// `Operation::response`. Gives the body, awso's value of the output and what it read.
fn respond<O: Operation>(params: &[u8], case: &Value) -> Value {
    let protocol = case["protocol"].as_str().unwrap_or("");
    let root = case["root"].as_str();
    let options = awso::json::JsonOptions {
        use_json_name: false,
        ..Default::default()
    };
    let output: O::Output = match awso::json::from_slice_with(params, &options) {
        Ok(output) => output,
        Err(e) => return json!({ "error": format!("reading the output: {e}") }),
    };
    let body = match (protocol, root) {
        ("json", _) => awso::json::to_vec(&output),
        ("rest-json", _) => awso::operation::rest_body(&output, Protocol::RestJson1),
        ("rest-xml", _) => awso::operation::rest_body(&output, Protocol::RestXml),
        ("query" | "ec2", Some(root)) => awso::xml::to_vec_with_root(&output, root),
        ("smithy-rpc-v2-cbor", _) => awso::cbor::to_vec(&output),
        _ => return json!({ "error": format!("no response writer for {protocol}") }),
    };
    let body = match protocol {
        "query" | "ec2" => {
            let mut text = String::from_utf8(body).expect("awso writes UTF-8 XML");
            if text.starts_with("<?xml") {
                let end = text.find("?>").map_or(0, |i| i + 2);
                text.drain(..end);
            }
            if protocol == "query" {
                text = format!("<{0}Response>{text}</{0}Response>", O::NAME);
            }
            text.into_bytes()
        }
        _ => body,
    };
    let mut response = awso::http::Response::builder()
        .status(case["status"].as_u64().unwrap_or(200) as u16);
    for (name, value) in case["headers"].as_object().into_iter().flatten() {
        response = response.header(name.as_str(), value.as_str().unwrap_or(""));
    }
    let read = match response.body(&body[..]) {
        Ok(response) => O::response(response),
        Err(e) => return json!({ "error": format!("building the response: {e}") }),
    };
    let mut out = json!({
        "body": awso::Blob::new(body.clone()).to_base64(),
        "value": plain(&awso::AwsShape::to_value(&output)),
    });
    match read {
        Ok(parsed) => out["parsed"] = plain(&awso::AwsShape::to_value(&parsed)),
        Err(e) => out["parse_error"] = json!(e.to_string()),
    }
    out
}

/// awso's value as JSON: timestamps as `{"$ts": seconds}`, blobs as `{"$blob": base64}`.
fn plain(v: &awso::Value) -> Value {
    use awso::Value as V;
    match v {
        V::Structure(members) | V::Map(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), plain(v)))
                .collect(),
        ),
        V::List(items) => Value::Array(items.iter().map(plain).collect()),
        V::Boolean(b) => json!(b),
        V::Byte(n) => json!(n),
        V::Short(n) => json!(n),
        V::Integer(n) => json!(n),
        V::Long(n) => json!(n),
        V::Float(n) => json!(n),
        V::Double(n) => json!(n),
        V::String(s) | V::Enum(s) => json!(s),
        V::IntEnum(n) => json!(n),
        V::Timestamp(t) => json!({ "$ts": t.as_epoch_f64() }),
        V::Blob(b) => json!({ "$blob": b.to_base64() }),
        V::Document(_) => json!({ "$document": null }),
        _ => Value::Null,
    }
}

fn main() {
    let mode = std::env::args().nth(1).expect("requests or responses");
    let path = std::env::args().nth(2).expect("cases file");
    let cases: Vec<Value> = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON");
    let mut out = Vec::new();
    for case in &cases {
        let params = serde_json::to_vec(&case["awso"]).expect("JSON");
        let service = case["service"].as_str().unwrap_or("");
        let operation = case["operation"].as_str().unwrap_or("");
        if mode == "responses" {
            out.push(dispatch_response(service, operation, &params, case));
        } else {
            out.push(dispatch(service, operation, &params));
        }
    }
    println!("{}", Value::Array(out));
}
"#;

/// The scratch crate of both tests, built once: the sample's types and a runner that
/// serializes requests or writes responses. Returns its directory, the operations
/// (`service:operation`) and the protocol of each service.
fn runner() -> &'static (PathBuf, Vec<String>, BTreeMap<String, String>) {
    static RUNNER: OnceLock<(PathBuf, Vec<String>, BTreeMap<String, String>)> = OnceLock::new();
    RUNNER.get_or_init(build_runner)
}

fn build_runner() -> (PathBuf, Vec<String>, BTreeMap<String, String>) {
    let data = botocore_data();
    let mut modules = Vec::new();
    let mut specs = Vec::new();
    let mut protocols = BTreeMap::new();
    let mut dispatch = String::from(
        "fn dispatch(service: &str, operation: &str, params: &[u8]) -> Value {\n    match (service, operation) {\n",
    );
    let mut dispatch_response = String::from(
        "fn dispatch_response(service: &str, operation: &str, params: &[u8], case: &Value) -> Value {\n    match (service, operation) {\n",
    );
    for (service, protocol) in SERVICES {
        let model = load(&data, service);
        let all: Vec<String> = model.operations().iter().map(|(n, _)| n.clone()).collect();
        // Every SimpleDB operation (flattened awsQuery lists), a sample of the others.
        let mut operations = if *service == "sdb" {
            all.clone()
        } else {
            shared::sample(&all)
        };
        // Operations whose responses carry the protocols' harder parts (flattened and nested
        // lists, maps, XML attributes and namespaces, timestamps in lists).
        for (s, op) in RICH_OUTPUTS {
            if s == service && all.iter().any(|a| a == op) {
                operations.push(op.to_string());
            }
        }
        let options = Options {
            operations,
            protocol: protocol.map(str::to_string),
            skip_unsupported: true,
            docs: false,
            ..Options::default()
        };
        let generated = generate(&model, &options).unwrap_or_else(|e| panic!("{service}: {e}"));
        let module = service.replace('-', "_");
        for op in &generated.names.operations {
            specs.push(format!("{service}:{op}"));
            writeln!(
                dispatch,
                "        ({service:?}, {op:?}) => run::<codegen_check_differential::{module}::{op}>(params),"
            )
            .ok();
            writeln!(
                dispatch_response,
                "        ({service:?}, {op:?}) => respond::<codegen_check_differential::{module}::{op}>(params, case),"
            )
            .ok();
        }
        protocols.insert(service.to_string(), shared::protocol_of(&model, *protocol));
        modules.push((module, generated.source));
    }
    for d in [&mut dispatch, &mut dispatch_response] {
        d.push_str("        _ => json!({ \"error\": \"no such operation\" }),\n    }\n}\n");
    }
    let main = format!("{RUNNER}\n{dispatch}\n{dispatch_response}");
    let dir = scratch::write_crate("differential", &modules, &main, scratch::Awso::Runtime);
    scratch::cargo(&dir, &["build"]);
    (dir, specs, protocols)
}

/// Operations added to the sample (service, operation).
const RICH_OUTPUTS: &[(&str, &str)] = &[
    ("s3", "ListObjectsV2"),
    ("s3", "ListObjectVersions"),
    ("s3", "ListBuckets"),
    ("s3", "GetBucketLifecycleConfiguration"),
    ("s3", "GetBucketAcl"),
    ("s3", "ListMultipartUploads"),
    // Members bound to headers (with the body's members, or alone) and to the status code.
    ("s3", "HeadObject"),
    ("s3", "PutObject"),
    ("s3", "ListParts"),
    ("s3", "CompleteMultipartUpload"),
    ("route53", "CreateHostedZone"),
    ("lambda", "DeleteFunction"),
    ("lambda", "InvokeAsync"),
    ("route53", "ListResourceRecordSets"),
    ("cloudfront", "ListDistributions"),
    ("ec2", "DescribeInstances"),
    ("ec2", "DescribeSecurityGroups"),
    ("ec2", "DescribeVpcs"),
    ("dynamodb", "Query"),
    ("dynamodb", "DescribeTable"),
    ("sqs", "ReceiveMessage"),
    ("iam", "GetAccountAuthorizationDetails"),
    ("iam", "ListUsers"),
    ("sns", "GetTopicAttributes"),
    ("cloudformation", "DescribeStacks"),
    ("elbv2", "DescribeLoadBalancers"),
    ("lambda", "GetFunction"),
    ("logs", "FilterLogEvents"),
    ("cloudwatch", "GetMetricData"),
];

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/botocore_diff.py");

#[test]
fn sample_requests_match_botocore() {
    let (dir, specs, protocols) = runner();
    let script = SCRIPT;
    let python = shared::python();
    let mut args = vec!["cases".to_string(), "1".to_string()];
    args.extend(specs.iter().cloned());
    let out = Command::new(python)
        .arg(script)
        .args(&args)
        .output()
        .expect("python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cases = dir.join("cases.json");
    std::fs::write(&cases, &out.stdout).expect("write cases");
    let ours = scratch::cargo(
        dir,
        &["run", "--", "requests", cases.to_str().expect("UTF-8 path")],
    );
    let ours_file = dir.join("awso.json");
    std::fs::write(&ours_file, ours).expect("write awso.json");
    let protocols = serde_json::to_string(protocols).expect("JSON");
    let out = Command::new(python)
        .arg(script)
        .arg("compare")
        .arg(&cases)
        .arg(&ours_file)
        .arg(protocols)
        .output()
        .expect("python");
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "requests differ from botocore's:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sample_responses_parse_in_botocore() {
    let (dir, specs, protocols) = runner();
    let python = shared::python();
    let out = Command::new(python)
        .arg(SCRIPT)
        .args(["responses", "1"])
        .arg(serde_json::to_string(protocols).expect("JSON"))
        .args(specs)
        .output()
        .expect("python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cases = dir.join("response-cases.json");
    std::fs::write(&cases, &out.stdout).expect("write cases");
    let ours = scratch::cargo(
        dir,
        &[
            "run",
            "--",
            "responses",
            cases.to_str().expect("UTF-8 path"),
        ],
    );
    let ours_file = dir.join("awso-responses.json");
    std::fs::write(&ours_file, ours).expect("write awso-responses.json");
    let out = Command::new(python)
        .arg(SCRIPT)
        .arg("parse")
        .arg(&cases)
        .arg(&ours_file)
        .output()
        .expect("python");
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "botocore parses awso's responses differently:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
