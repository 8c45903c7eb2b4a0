//! Helpers shared by the integration tests.

use std::process::Command;

/// Runs `python3 ARGS...` (a botocore script or `-c` program) and returns what it prints,
/// parsed as JSON. Without python3 or botocore the test fails and says how to install them.
pub fn botocore_json(args: &[&str]) -> awso::serde_json::Value {
    let out = Command::new("python3")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run python3 ({e}); install Python 3 and `pip install botocore`")
        });
    assert!(
        out.status.success(),
        "botocore failed (install it with `pip install botocore`):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    awso::serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// Path of a script under `tests/botocore/`.
#[allow(dead_code)]
pub fn script(name: &str) -> String {
    format!("{}/tests/botocore/{name}", env!("CARGO_MANIFEST_DIR"))
}
