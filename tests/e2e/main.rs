//! End to end against moto, a local AWS started by the tests on a loopback port: the
//! examples' workflows with signatures that moto verifies (`workflows`), clock-skew correction
//! through a gate that answers like AWS (`skew`), S3 presigning and redirects (`s3_client`),
//! and HTTPS with a CA bundle (`tls`). One
//! binary; the tests take the environment lock of `moto.rs` because `Client::from_env` reads
//! process-wide variables.

#[allow(dead_code)] // each test uses part of the shared module
#[path = "../common/moto.rs"]
mod moto;

// Each test uses part of each example, and each example brings its copy of examples/common.
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "../../examples/dynamodb/main.rs"]
mod dynamodb;
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "../../examples/ec2/main.rs"]
mod ec2;
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "../../examples/s3/main.rs"]
mod s3;
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "../../examples/sqs/main.rs"]
mod sqs;
#[allow(dead_code, clippy::duplicate_mod)]
#[path = "../../examples/sts/main.rs"]
mod sts;

mod credentials;
mod paginate;
mod s3_client;
mod skew;
mod streaming;
mod tls;
mod workflows;
