//! Generates operations of real AWS services from botocore's models (the tests' pinned
//! botocore, see `tests/common/python.rs`) and compiles them, all in one scratch crate under
//! the target directory.
//!
//! By default a sample: a few operations of every service below. The whole sweep, every
//! operation of every service (several minutes on two cores):
//!
//! ```sh
//! cargo test -p awso-codegen --test services -- --ignored --nocapture
//! ```

#[path = "../../tests/common/python.rs"]
#[allow(dead_code)]
mod python;

mod scratch;

use awso_codegen::{botocore_service, generate, Model, Options};
use std::path::PathBuf;
use std::time::Instant;

/// Services covering all seven protocols: (botocore name, protocol to use, or the model's).
pub const SERVICES: &[(&str, Option<&str>)] = &[
    // restXml
    ("s3", None),
    ("route53", None),
    ("cloudfront", None),
    // ec2Query
    ("ec2", None),
    // awsJson1_0
    ("dynamodb", None),
    ("sqs", None),
    // awsJson1_1
    ("kms", None),
    ("logs", None),
    ("secretsmanager", None),
    ("ecr", None),
    ("gamelift", Some("json")),
    // restJson1
    ("lambda", None),
    ("apigateway", None),
    ("eks", None),
    // awsQuery
    ("sns", None),
    ("iam", None),
    ("sts", None),
    ("cloudformation", None),
    ("sdb", None),
    ("elbv2", None),
    // rpcv2Cbor
    ("cloudwatch", None),
    ("arc-region-switch", None),
];

/// The botocore data directory of the tests' Python.
pub fn botocore_data() -> PathBuf {
    let out = std::process::Command::new(python::python())
        .args([
            "-c",
            "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))",
        ])
        .output()
        .expect("run the tests' python");
    assert!(out.status.success(), "botocore: {out:?}");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

fn load(data: &std::path::Path, service: &str) -> Model {
    let path = botocore_service(data, service).unwrap_or_else(|e| panic!("{e}"));
    Model::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Generates `pick(all operations)` of every service into one crate and compiles it.
fn sweep(name: &str, pick: impl Fn(&[String]) -> Vec<String>) {
    let data = botocore_data();
    let started = Instant::now();
    let mut modules = Vec::new();
    let mut total_ops = 0;
    let mut protocols = std::collections::BTreeSet::new();
    for (service, protocol) in SERVICES {
        let model = load(&data, service);
        let all: Vec<String> = model.operations().iter().map(|(n, _)| n.clone()).collect();
        let options = Options {
            operations: pick(&all),
            protocol: protocol.map(str::to_string),
            skip_unsupported: true,
            ..Options::default()
        };
        let generated = generate(&model, &options).unwrap_or_else(|e| panic!("{service}: {e}"));
        for (op, why) in &generated.skipped {
            eprintln!("{service}: skipped {op}: {why}");
        }
        total_ops += generated.names.operations.len();
        protocols.insert(
            awso_codegen::Protocol::from_botocore(
                protocol.unwrap_or_else(|| {
                    model
                        .metadata
                        .get("protocols")
                        .and_then(|p| p.items().first())
                        .and_then(|p| p.as_str())
                        .or(model.metadata.str("protocol"))
                        .unwrap_or("")
                }),
                model.metadata.str("jsonVersion"),
            )
            .map(|p| p.smithy_name()),
        );
        modules.push((service.replace('-', "_"), generated.source));
    }
    let generated_in = started.elapsed();
    assert_eq!(protocols.len(), 7, "protocols covered: {protocols:?}");
    let crate_dir = scratch::write_crate(name, &modules, "");
    let started = Instant::now();
    scratch::cargo(&crate_dir, &["check"]);
    eprintln!(
        "{name}: {} services, {total_ops} operations: generated in {:.1?}, checked in {:.1?}",
        modules.len(),
        generated_in,
        started.elapsed()
    );
}

#[test]
fn a_sample_of_every_service_compiles() {
    // The first three operations and the last of each service (sorted), which reach a
    // good share of each model's shapes.
    sweep("sample", |all| {
        let mut sorted = all.to_vec();
        sorted.sort();
        let mut pick: Vec<String> = sorted.iter().take(3).cloned().collect();
        pick.extend(sorted.last().cloned());
        pick
    });
}

#[test]
#[ignore = "every operation of 22 services: minutes; run with --ignored"]
fn every_operation_of_every_service_compiles() {
    sweep("all", |_| Vec::new());
}
