//! Differential test: random inputs for a sample of operations of every service, serialized by
//! awso (through types awso-codegen generated from botocore's models) and by botocore's own
//! serializer, compared request by request (method, path, query, headers, body), as the
//! conformance harness compares with the protocol test cases.
//!
//! ```sh
//! cargo test -p awso-codegen --test differential -- --nocapture
//! ```

mod shared;

use awso_codegen::{generate, Options};
use shared::{botocore_data, load, scratch, SERVICES};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::Command;

const RUNNER: &str = r#"//! Serializes each case's input with awso and prints the requests as JSON.
use awso::operation::Operation;
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
            let headers: serde_json::Map<String, Value> = r
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str().to_string(), json!(v.to_str().unwrap_or("<binary>"))))
                .collect();
            json!({
                "method": r.method().as_str(),
                "uri": r.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"),
                "headers": headers,
                "body": r.body(),
            })
        }
        Err(e) => json!({ "error": format!("building the request: {e}") }),
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("cases file");
    let cases: Vec<Value> = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("JSON");
    let mut out = Vec::new();
    for case in &cases {
        let params = serde_json::to_vec(&case["awso"]).expect("JSON");
        let service = case["service"].as_str().unwrap_or("");
        let operation = case["operation"].as_str().unwrap_or("");
        out.push(dispatch(service, operation, &params));
    }
    println!("{}", Value::Array(out));
}
"#;

#[test]
fn sample_requests_match_botocore() {
    let data = botocore_data();
    let mut modules = Vec::new();
    let mut specs = Vec::new();
    let mut protocols = BTreeMap::new();
    let mut dispatch = String::from(
        "fn dispatch(service: &str, operation: &str, params: &[u8]) -> Value {\n    match (service, operation) {\n",
    );
    for (service, protocol) in SERVICES {
        let model = load(&data, service);
        let all: Vec<String> = model.operations().iter().map(|(n, _)| n.clone()).collect();
        // Every SimpleDB operation (flattened awsQuery lists), a sample of the others.
        let operations = if *service == "sdb" {
            all.clone()
        } else {
            shared::sample(&all)
        };
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
        }
        protocols.insert(service.to_string(), shared::protocol_of(&model, *protocol));
        modules.push((module, generated.source));
    }
    dispatch.push_str("        _ => json!({ \"error\": \"no such operation\" }),\n    }\n}\n");
    let main = format!("{RUNNER}\n{dispatch}");
    let dir = scratch::write_crate("differential", &modules, &main);
    scratch::cargo(&dir, &["build"]);

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/botocore_diff.py");
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
    let ours = scratch::cargo(&dir, &["run", "--", cases.to_str().expect("UTF-8 path")]);
    let ours_file = dir.join("awso.json");
    std::fs::write(&ours_file, ours).expect("write awso.json");
    let protocols = serde_json::to_string(&protocols).expect("JSON");
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
