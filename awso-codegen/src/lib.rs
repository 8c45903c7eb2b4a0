//! `awso-codegen` writes `#[derive(AwsShape)]` source for the AWS operations you pick: every
//! shape they reach and no other, with the attributes the model implies, the per-operation
//! errors enums, the `awso::service!` / `awso::operation!` declarations and the
//! `awso::paginator!` / `awso::waiter!` declarations of the model's paginators and waiters
//! (botocore's `paginators-1.json` and `waiters-2.json` beside the model, or the Smithy
//! traits), documented from the model. A streaming blob payload (S3's `Body`) is an
//! `awso::ByteStream`, which the clients send and receive as a stream. The output is plain
//! Rust that you keep and edit.
//!
//! ```no_run
//! use awso_codegen::{generate, Model, Options};
//!
//! let model = Model::load("service-2.json.gz".as_ref())?;
//! let options = Options {
//!     operations: vec!["CreatePlayerSession".into()],
//!     ..Options::default()
//! };
//! let generated = generate(&model, &options)?;
//! let source = awso_codegen::format(&generated.source)?;
//! awso_codegen::write_atomically("src/gamelift.rs".as_ref(), &source)?;
//! # Ok::<(), awso_codegen::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod docs;
mod error;
mod gen;
pub mod json;
mod model;
mod names;
mod smithy;

pub use docs::markdown;
pub use error::{suggest, Error};
pub use gen::{generate, ErrorsEnum, Field, Generated, Names, Options, Protocol};
pub use model::{botocore_data, botocore_service, Model};

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `source` through rustfmt (`$RUSTFMT`, else `rustfmt`, edition 2021).
pub fn format(source: &str) -> Result<String, Error> {
    let rustfmt = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into());
    let mut child = Command::new(&rustfmt)
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::Other(format!(
                "cannot run {rustfmt}: {e} (rustup component add rustfmt, or --no-format)"
            ))
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Error::Other("rustfmt has no stdin".into()))?;
    let input = source.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| Error::Other(format!("rustfmt: {e}")))?;
    writer
        .join()
        .map_err(|_| Error::Other("rustfmt input thread failed".into()))?
        .map_err(|e| Error::Other(format!("rustfmt: {e}")))?;
    if !out.status.success() {
        return Err(Error::Other(format!(
            "rustfmt rejected the generated source (a bug in awso-codegen): {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    String::from_utf8(out.stdout).map_err(|_| Error::Other("rustfmt wrote non-UTF-8".into()))
}

/// Writes `contents` to `path` through a temporary file in the same directory and a rename,
/// so that `path` is either left as it was or holds the whole new contents.
pub fn write_atomically(path: &Path, contents: &str) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::Other(format!("{} is not a file path", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, contents).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}
