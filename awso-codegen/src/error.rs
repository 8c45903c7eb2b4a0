//! What can go wrong, each case with what the user can do about it.

use std::fmt;
use std::path::PathBuf;

/// An error of `awso-codegen`: bad input, never a bug report in disguise.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not an AWS service model (botocore `service-2.json` or a Smithy JSON AST).
    NotAModel {
        /// Where it came from.
        source: String,
        /// Why it is not one.
        reason: String,
    },
    /// The model is inconsistent (a member names a shape that does not exist, ...).
    BadModel {
        /// Where in the model.
        at: String,
        /// What is wrong.
        reason: String,
    },
    /// An operation the model does not have.
    UnknownOperation {
        /// The name asked for.
        name: String,
        /// The closest names the model has.
        suggestions: Vec<String>,
    },
    /// A service botocore does not have.
    UnknownService {
        /// The name asked for.
        name: String,
        /// Where its models were looked for.
        searched: PathBuf,
        /// The closest names found there.
        suggestions: Vec<String>,
    },
    /// A shape awso cannot express.
    Unsupported {
        /// The operation that reaches it.
        operation: String,
        /// The shape (and member) in question.
        shape: String,
        /// Why awso cannot express it.
        reason: String,
    },
    /// Something outside the model: botocore not installed, rustfmt failing, a bad option.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::NotAModel { source, reason } => write!(
                f,
                "{source} is not an AWS service model (botocore service-2.json or Smithy JSON AST): {reason}"
            ),
            Error::BadModel { at, reason } => write!(f, "bad model at {at}: {reason}"),
            Error::UnknownOperation { name, suggestions } => {
                write!(f, "the model has no operation {name:?}")?;
                did_you_mean(f, suggestions)
            }
            Error::UnknownService {
                name,
                searched,
                suggestions,
            } => {
                write!(
                    f,
                    "botocore has no service {name:?} (looked in {})",
                    searched.display()
                )?;
                did_you_mean(f, suggestions)
            }
            Error::Unsupported {
                operation,
                shape,
                reason,
            } => write!(
                f,
                "operation {operation} uses {shape}, which awso cannot express: {reason}"
            ),
            Error::Other(message) => f.write_str(message),
        }
    }
}

fn did_you_mean(f: &mut fmt::Formatter<'_>, suggestions: &[String]) -> fmt::Result {
    match suggestions {
        [] => Ok(()),
        [one] => write!(f, "; did you mean {one:?}?"),
        many => write!(
            f,
            "; did you mean one of {}?",
            many.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The names among `candidates` closest to `name` (edit distance, case-insensitive; at most
/// three, best first), for did-you-mean messages.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let c_lower = c.to_ascii_lowercase();
            let d = distance(&lower, &c_lower);
            let close = d <= (lower.len().max(3) / 3).max(2)
                || (lower.len() >= 4 && (c_lower.contains(&lower) || lower.contains(&c_lower)));
            close.then_some((d, c))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_string())
        .collect()
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        let ops = [
            "CreatePlayerSession",
            "CreatePlayerSessions",
            "DescribePlayerSessions",
        ];
        assert_eq!(
            suggest("CreatePlayerSesion", ops),
            ["CreatePlayerSession", "CreatePlayerSessions"]
        );
        assert_eq!(
            suggest("createplayersession", ops)[0],
            "CreatePlayerSession"
        );
        assert!(suggest("Xyz", ops).is_empty());
    }
}
