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

mod shared;

use awso_codegen::{generate, Options};
use shared::{botocore_data, load, scratch, SERVICES};
use std::time::Instant;

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
                &shared::protocol_of(&model, *protocol),
                model.metadata.str("jsonVersion"),
            )
            .map(|p| p.smithy_name()),
        );
        modules.push((service.replace('-', "_"), generated.source));
    }
    let generated_in = started.elapsed();
    assert_eq!(protocols.len(), 7, "protocols covered: {protocols:?}");
    let crate_dir = scratch::write_crate(name, &modules, "", scratch::Awso::Runtime);
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
    sweep("sample", shared::sample);
}

#[test]
#[ignore = "every operation of 22 services: minutes; run with --ignored"]
fn every_operation_of_every_service_compiles() {
    sweep("all", |_| Vec::new());
}
