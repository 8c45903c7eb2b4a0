//! Helpers shared by the integration tests.

pub mod python;

use std::process::Command;

/// Runs the tests' Python (see [`python::python`]) with ARGS (a botocore script or `-c`
/// program) and returns what it prints, parsed as JSON.
pub fn botocore_json(args: &[&str]) -> awso::serde_json::Value {
    let out = Command::new(python::python())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the tests' Python ({e})"));
    assert!(
        out.status.success(),
        "the botocore script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    awso::serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// Path of a script under `tests/botocore/`.
#[allow(dead_code)]
pub fn script(name: &str) -> String {
    format!("{}/tests/botocore/{name}", env!("CARGO_MANIFEST_DIR"))
}
