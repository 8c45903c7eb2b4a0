//! The Python the tests compare with (botocore) and run against (moto).
//!
//! `AWSO_PYTHON`, when set, names an interpreter that already has the packages of
//! `tests/python/requirements.txt`. Otherwise the first caller runs
//! `tests/python/ensure_env.py`, which creates a virtual environment under the target
//! directory (`target/awso-python`) with those pinned versions, once, under a lock file; later
//! calls and later runs reuse it. Without any `python3` the test fails with what to install:
//! nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The interpreter with botocore, boto3 and moto, set up on first use.
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(set_up)
}

/// The workspace root: the folder above the running test's package that holds
/// `tests/python/requirements.txt`.
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|dir| dir.join("tests/python/requirements.txt").is_file())
        .unwrap_or(here)
        .to_path_buf()
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .or_else(|| option_env!("CARGO_TARGET_DIR").map(Into::into))
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_relative() {
                root.join(dir)
            } else {
                dir
            }
        })
        .unwrap_or_else(|| root.join("target"))
}

fn set_up() -> PathBuf {
    if let Some(python) = std::env::var_os("AWSO_PYTHON") {
        return python.into();
    }
    let root = workspace_root();
    let script = root.join("tests/python/ensure_env.py");
    let env_dir = target_dir(&root).join("awso-python");
    // `python3` is the name on Unix; Windows' installer provides `python`.
    let mut last_error = None;
    for base in ["python3", "python"] {
        let run = Command::new(base)
            .arg(&script)
            .arg(&env_dir)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output();
        match run {
            Ok(out) if out.status.success() => {
                let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
                return PathBuf::from(path);
            }
            Ok(out) => panic!(
                "setting up the tests' Python environment failed ({}; the reason is printed \
                 above). The botocore cross-checks and moto tests need it.",
                out.status
            ),
            Err(e) => last_error = Some(e),
        }
    }
    panic!(
        "the botocore cross-checks and moto tests need Python 3.9 or newer with venv and pip, \
         and no `python3` (or `python`) could be run ({}). Install Python 3 (Debian/Ubuntu: \
         apt-get install python3 python3-venv), or set AWSO_PYTHON to an interpreter that has \
         the packages of tests/python/requirements.txt.",
        last_error.map_or_else(String::new, |e| e.to_string())
    )
}
