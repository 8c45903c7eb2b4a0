//! The Smithy JSON AST of the official AWS models, turned into botocore's form.

use crate::error::Error;
use crate::json::Json;
use crate::model::Model;

/// A [`Model`] from a Smithy JSON AST.
pub fn to_model(_json: &Json, source: &str) -> Result<Model, Error> {
    Err(Error::NotAModel {
        source: source.to_string(),
        reason: "Smithy JSON AST input is not supported yet".into(),
    })
}
