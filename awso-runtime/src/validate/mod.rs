//! Validation constraints of AWS models (`length`, `range`, `pattern`, `required`), checked by
//! [`AwsShape::validate`](crate::AwsShape::validate) and by the client before it sends a
//! request.
//!
//! `#[aws(length(min = 1, max = 256))]` on strings, lists, maps and blobs (strings count
//! Unicode scalar values, as Smithy does); `#[aws(range(min = 1, max = 60000))]` on numbers;
//! `#[aws(pattern = "^[a-z]+$")]` on strings (regex-lite syntax, unanchored as in Smithy);
//! `#[aws(required)]` on `Option` members. Each constraint may sit on a field or, for
//! newtypes, on the type.

pub(crate) mod check;

pub(crate) use check::Validator;

use std::fmt;

/// One broken constraint, with the path of the value that breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The member path (`PlayerSession.Port`, `Tags[2].Key`).
    pub path: String,
    /// What is wrong. Values are never echoed (they may be sensitive).
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every violation of one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl From<Violations> for crate::Error {
    fn from(v: Violations) -> Self {
        crate::Error::invalid(format!("invalid input: {v}"))
    }
}
