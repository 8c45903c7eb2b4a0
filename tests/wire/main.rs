//! The integration tests of the codecs and the protocol layer, one module a subject, in one
//! test binary so the test build links once: JSON, XML, query, CBOR and restJson1 rules, the
//! botocore cross-checks, property round trips, constraints, the fuzz corpus, derive hygiene
//! and diagnostics (trybuild), and the client over a scripted transport.
//!
//! Each rule the official protocol cases already check is checked once, by the conformance
//! harness (`tests/conformance`); what is here pins what those cases do not cover, or
//! compares with botocore.

#[path = "../common/mod.rs"]
mod common;
#[allow(dead_code)] // each test module uses part of the shapes
#[path = "../../examples/gamelift/shapes.rs"]
mod shapes;

mod botocore_crosscheck;
mod cbor;
mod client;
mod endpoints;
mod fuzz_corpus;
mod hygiene;
mod jmespath;
mod json;
mod paginate;
mod query;
mod rest_json;
mod roundtrip;
mod ui;
mod validate;
mod xml;
