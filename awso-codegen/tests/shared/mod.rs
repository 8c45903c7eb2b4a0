//! What the tests share: the services, botocore's models, the scratch crate.
#![allow(dead_code)]

#[path = "../../../tests/common/python.rs"]
#[allow(dead_code)]
mod python;

pub mod scratch;

use awso_codegen::{botocore_service, Model};
use std::path::PathBuf;

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

pub fn load(data: &std::path::Path, service: &str) -> Model {
    let path = botocore_service(data, service).unwrap_or_else(|e| panic!("{e}"));
    Model::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[allow(unused_imports)]
pub use python::python;

/// The botocore protocol name a service is generated with.
pub fn protocol_of(model: &Model, asked: Option<&str>) -> String {
    asked
        .map(str::to_string)
        .or_else(|| {
            model
                .metadata
                .get("protocols")
                .and_then(|p| p.items().first())
                .and_then(|p| p.as_str())
                .or(model.metadata.str("protocol"))
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// The sample of a service's operations the default tests use: the first three and the
/// last, sorted, which reach a good share of each model's shapes.
pub fn sample(all: &[String]) -> Vec<String> {
    let mut sorted = all.to_vec();
    sorted.sort();
    let mut pick: Vec<String> = sorted.iter().take(3).cloned().collect();
    pick.extend(sorted.last().cloned());
    pick
}
