//! Reading a service model: botocore's `service-2.json` (plain or gzip), or a Smithy JSON AST
//! (turned into the same form, see [`crate::smithy`]).

use crate::error::{suggest, Error};
use crate::json::Json;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A service model in botocore's form: `metadata`, `operations` and `shapes`.
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
}

impl Model {
    /// Reads a model file: botocore `service-2.json` or a Smithy JSON AST, plain or gzip.
    pub fn load(path: &Path) -> Result<Model, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Model::from_bytes(&bytes, &path.display().to_string())
    }

    /// Reads a model from the bytes of a file (gzip recognised by its magic number);
    /// `source` names it in messages and in the generated header.
    pub fn from_bytes(bytes: &[u8], source: &str) -> Result<Model, Error> {
        let not_a_model = |reason: String| Error::NotAModel {
            source: source.to_string(),
            reason,
        };
        let text = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut text = String::new();
            flate2::read::GzDecoder::new(bytes)
                .read_to_string(&mut text)
                .map_err(|e| not_a_model(format!("bad gzip data: {e}")))?;
            text
        } else {
            String::from_utf8(bytes.to_vec()).map_err(|_| not_a_model("not UTF-8 text".into()))?
        };
        let json = Json::parse(&text).map_err(|e| not_a_model(format!("not JSON: {e}")))?;
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
        })
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
