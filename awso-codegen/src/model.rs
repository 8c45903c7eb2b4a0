//! Reading a service model: botocore's `service-2.json` (plain or gzip) with the
//! `paginators-1.json` and `waiters-2.json` beside it, or a Smithy JSON AST (turned into the
//! same form, see [`crate::smithy`]).

use crate::error::{suggest, Error};
use crate::json::Json;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A service model in botocore's form: `metadata`, `operations` and `shapes`, with the
/// paginators and waiters of `paginators-1.json` and `waiters-2.json`.
#[derive(Debug, Clone)]
pub struct Model {
    /// Where the model came from, for the generated file's header.
    pub source: String,
    /// botocore's `metadata` (`protocol`, `apiVersion`, `targetPrefix`, ...).
    pub metadata: Json,
    /// The service's documentation (HTML).
    pub documentation: Option<String>,
    operations: Vec<(String, Json)>,
    shapes: Vec<(String, Json)>,
    index: HashMap<String, usize>,
    /// Operation -> its paginator, as `paginators-1.json`'s `pagination` has it.
    pub(crate) paginators: Vec<(String, Json)>,
    /// Waiter name -> its configuration, as `waiters-2.json`'s `waiters` has it (the Smithy
    /// ones with `maxDelay` and without `maxAttempts`).
    pub(crate) waiters: Vec<(String, Json)>,
    /// Read from a Smithy AST (whose paginators and waiters are traits, not files).
    pub(crate) smithy: bool,
}

impl Model {
    /// Reads a model file: botocore `service-2.json` or a Smithy JSON AST, plain or gzip. A
    /// botocore model takes the `paginators-1.json` and `waiters-2.json` (plain or gzip) of
    /// its directory, when there are; a Smithy model has its paginators and waiters in its
    /// traits.
    pub fn load(path: &Path) -> Result<Model, Error> {
        let bytes = read(path)?;
        let mut model = Model::from_bytes(&bytes, &path.display().to_string())?;
        if !model.smithy {
            let dir = path.parent().unwrap_or(Path::new("."));
            if let Some(p) = sibling(dir, "paginators-1.json") {
                model.add_paginators(&read(&p)?, &p.display().to_string())?;
            }
            if let Some(p) = sibling(dir, "waiters-2.json") {
                model.add_waiters(&read(&p)?, &p.display().to_string())?;
            }
        }
        Ok(model)
    }

    /// Reads a model from the bytes of a file (gzip recognised by its magic number);
    /// `source` names it in messages and in the generated header.
    pub fn from_bytes(bytes: &[u8], source: &str) -> Result<Model, Error> {
        let not_a_model = |reason: String| Error::NotAModel {
            source: source.to_string(),
            reason,
        };
        let json = parse_file(bytes).map_err(not_a_model)?;
        if json.get("smithy").is_some() {
            crate::smithy::to_model(&json, source)
        } else {
            Model::from_botocore(json, source)
        }
    }

    /// A model from botocore's JSON form.
    pub fn from_botocore(json: Json, source: &str) -> Result<Model, Error> {
        let not_a_model = |reason: &str| Error::NotAModel {
            source: source.to_string(),
            reason: reason.to_string(),
        };
        let Json::Object(_) = json else {
            return Err(not_a_model("the top level is not an object"));
        };
        let metadata = json.at("metadata").clone();
        if metadata.str("protocol").is_none() && metadata.get("protocols").is_none() {
            return Err(not_a_model(
                "no metadata.protocol (botocore) and no \"smithy\" version (Smithy)",
            ));
        }
        let Some(Json::Object(shapes)) = json.get("shapes") else {
            return Err(not_a_model("no \"shapes\" object"));
        };
        let Some(Json::Object(operations)) = json.get("operations") else {
            return Err(not_a_model("no \"operations\" object"));
        };
        for (name, shape) in shapes {
            if shape.str("type").is_none() {
                return Err(Error::BadModel {
                    at: format!("shape {name}"),
                    reason: "no \"type\"".into(),
                });
            }
        }
        let index = shapes
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        Ok(Model {
            source: source.to_string(),
            documentation: json.str("documentation").map(str::to_string),
            metadata,
            operations: operations.clone(),
            shapes: shapes.clone(),
            index,
            paginators: Vec::new(),
            waiters: Vec::new(),
            smithy: false,
        })
    }

    /// Adds the paginators of botocore's `paginators-1.json` (the bytes of the file, plain
    /// or gzip; `source` names it in messages). Each is checked for the form botocore
    /// reads; whether its members exist is checked when code is generated.
    pub fn add_paginators(&mut self, bytes: &[u8], source: &str) -> Result<(), Error> {
        let not = |reason: String| Error::BadModel {
            at: source.to_string(),
            reason: format!("not a botocore paginators-1.json: {reason}"),
        };
        let json = parse_file(bytes).map_err(not)?;
        let Some(Json::Object(pagination)) = json.get("pagination") else {
            return Err(not("no \"pagination\" object".into()));
        };
        for (op, p) in pagination {
            check_paginator(p).map_err(|reason| not(format!("{op}: {reason}")))?;
            self.paginators.retain(|(o, _)| o != op);
            self.paginators.push((op.clone(), p.clone()));
        }
        Ok(())
    }

    /// Adds the waiters of botocore's `waiters-2.json` (the bytes of the file, plain or
    /// gzip; `source` names it in messages), each checked for the form botocore reads.
    pub fn add_waiters(&mut self, bytes: &[u8], source: &str) -> Result<(), Error> {
        let not = |reason: String| Error::BadModel {
            at: source.to_string(),
            reason: format!("not a botocore waiters-2.json: {reason}"),
        };
        let json = parse_file(bytes).map_err(not)?;
        let Some(Json::Object(waiters)) = json.get("waiters") else {
            return Err(not("no \"waiters\" object".into()));
        };
        for (name, w) in waiters {
            check_waiter(w).map_err(|reason| not(format!("waiter {name}: {reason}")))?;
            self.waiters.retain(|(n, _)| n != name);
            self.waiters.push((name.clone(), w.clone()));
        }
        Ok(())
    }

    /// The paginator of operation `op`, in botocore's form (`input_token`, `output_token`,
    /// `more_results`, `limit_key`, `result_key`).
    pub fn paginator(&self, op: &str) -> Option<&Json> {
        self.paginators
            .iter()
            .find(|(o, _)| o == op)
            .map(|(_, p)| p)
    }

    /// Every waiter, by name, in botocore's form (`operation`, `delay`, `maxAttempts`,
    /// `acceptors`; `maxDelay` from Smithy models).
    pub fn waiters(&self) -> &[(String, Json)] {
        &self.waiters
    }

    /// The shape named `name`.
    pub fn shape(&self, name: &str) -> Option<&Json> {
        self.index.get(name).map(|&i| &self.shapes[i].1)
    }

    /// Every shape, in model order.
    pub fn shapes(&self) -> &[(String, Json)] {
        &self.shapes
    }

    /// Every operation, in model order.
    pub fn operations(&self) -> &[(String, Json)] {
        &self.operations
    }

    /// The operation named `name`.
    pub fn operation(&self, name: &str) -> Option<&Json> {
        self.operations
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, o)| o)
    }

    /// The API version (`metadata.apiVersion`).
    pub fn api_version(&self) -> &str {
        self.metadata.str("apiVersion").unwrap_or("")
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// `dir/name`, else `dir/name.gz`, if either exists.
fn sibling(dir: &Path, name: &str) -> Option<PathBuf> {
    [name.to_string(), format!("{name}.gz")]
        .into_iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

/// The JSON of a file's bytes, plain or gzip; the reason it is not JSON otherwise.
fn parse_file(bytes: &[u8]) -> Result<Json, String> {
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| format!("bad gzip data: {e}"))?;
        text
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|_| "not UTF-8 text".to_string())?
    };
    Json::parse(&text).map_err(|e| format!("not JSON: {e}"))
}

/// A string or a list of strings (the tokens and keys of a paginator).
fn paths(value: &Json) -> Option<Vec<&str>> {
    match value {
        Json::String(s) => Some(vec![s.as_str()]),
        Json::Array(items) => items.iter().map(Json::as_str).collect(),
        _ => None,
    }
}

/// The strings of a paginator field (`input_token: "A"` or `["A", "B"]`); empty when absent.
pub(crate) fn paginator_paths<'a>(p: &'a Json, key: &str) -> Vec<&'a str> {
    p.get(key).and_then(paths).unwrap_or_default()
}

/// Whether `p` has the form of a botocore paginator.
pub(crate) fn check_paginator(p: &Json) -> Result<(), String> {
    if !matches!(p, Json::Object(_)) {
        return Err("not an object".into());
    }
    for key in ["input_token", "output_token"] {
        match p.get(key).and_then(paths) {
            Some(v) if !v.is_empty() => {}
            _ => return Err(format!("{key} is not a string or a list of strings")),
        }
    }
    for key in [
        "result_key",
        "more_results",
        "limit_key",
        "non_aggregate_keys",
    ] {
        if p.get(key).is_some_and(|v| paths(v).is_none()) {
            return Err(format!("{key} is not a string or a list of strings"));
        }
    }
    Ok(())
}

/// Whether `w` has the form of a botocore waiter: the types of its keys (whether awso can
/// express its acceptors is decided when code is generated).
pub(crate) fn check_waiter(w: &Json) -> Result<(), String> {
    if !matches!(w, Json::Object(_)) {
        return Err("not an object".into());
    }
    if w.str("operation").is_none() {
        return Err("no \"operation\" name".into());
    }
    for key in ["delay", "maxAttempts", "maxDelay"] {
        let required = key == "delay";
        match w.get(key) {
            None if !required => {}
            Some(n) if whole_number(n).is_some() => {}
            _ => return Err(format!("{key} is not a whole number of at least 0")),
        }
    }
    let Some(Json::Array(acceptors)) = w.get("acceptors") else {
        return Err("no \"acceptors\" list".into());
    };
    for (i, a) in acceptors.iter().enumerate() {
        for key in ["state", "matcher"] {
            if a.str(key).is_none() {
                return Err(format!("acceptor {i} has no {key:?} string"));
            }
        }
        if a.get("expected").is_none() {
            return Err(format!("acceptor {i} has no \"expected\" value"));
        }
    }
    Ok(())
}

/// A number that is a whole number from 0 to `u32::MAX`.
pub(crate) fn whole_number(n: &Json) -> Option<u32> {
    let n = n.as_f64()?;
    (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}

/// The directory of botocore's data: `$AWSO_BOTOCORE_DATA`, else the `data` directory of the
/// botocore that `$AWSO_PYTHON` (default `python3`) imports.
pub fn botocore_data() -> Result<PathBuf, Error> {
    if let Some(dir) = std::env::var_os("AWSO_BOTOCORE_DATA") {
        return Ok(PathBuf::from(dir));
    }
    let python = std::env::var("AWSO_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = std::process::Command::new(&python)
        .args([
            "-c",
            "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))",
        ])
        .output()
        .map_err(|e| {
            Error::Other(format!(
                "--service needs botocore: cannot run {python} ({e}); use --model PATH, or set AWSO_PYTHON or AWSO_BOTOCORE_DATA"
            ))
        })?;
    if !out.status.success() {
        return Err(Error::Other(format!(
            "--service needs botocore, which {python} cannot import (pip install botocore); or use --model PATH, or set AWSO_BOTOCORE_DATA"
        )));
    }
    Ok(PathBuf::from(
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    ))
}

/// The newest `service-2.json(.gz)` of botocore service `name` under `data`.
pub fn botocore_service(data: &Path, name: &str) -> Result<PathBuf, Error> {
    let io = |source| Error::Io {
        path: data.to_path_buf(),
        source,
    };
    let dir = data.join(name);
    if !dir.is_dir() || name.contains(['/', '\\']) || name.starts_with('.') {
        let mut services: Vec<String> = std::fs::read_dir(data)
            .map_err(io)?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        services.sort();
        return Err(Error::UnknownService {
            name: name.to_string(),
            searched: data.to_path_buf(),
            suggestions: suggest(name, services.iter().map(String::as_str)),
        });
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("service-2.json.gz").exists() || p.join("service-2.json").exists())
        .collect();
    versions.sort();
    let newest = versions.pop().ok_or_else(|| {
        Error::Other(format!(
            "botocore's {} has no service-2.json in any version directory",
            dir.display()
        ))
    })?;
    let plain = newest.join("service-2.json");
    Ok(if plain.exists() {
        plain
    } else {
        newest.join("service-2.json.gz")
    })
}
