//! The `rename_all` rules of awso's `#[derive(AwsShape)]`: how Rust field and variant names
//! become AWS member and enum value names.
//!
//! One definition for the two crates that need them: the derive applies them, and
//! `awso-codegen` writes a `rename` only where they give another name than the model's. No
//! dependencies, so the derive builds no slower for it.
//!
//! ```
//! use awso_case::RenameRule;
//! assert_eq!(RenameRule::PascalCase.apply_to_field("player_session_id"), "PlayerSessionId");
//! assert_eq!(RenameRule::ScreamingSnakeCase.apply_to_variant("TimedOut"), "TIMED_OUT");
//! assert_eq!(RenameRule::by_name("kebab-case"), Some(RenameRule::KebabCase));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use self::RenameRule::*;

/// A case convention.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum RenameRule {
    /// As written in Rust (the default for variants).
    None,
    /// `lowercase`
    LowerCase,
    /// `UPPERCASE`
    UpperCase,
    /// `PascalCase` (the default for fields)
    PascalCase,
    /// `camelCase`
    CamelCase,
    /// `snake_case`
    SnakeCase,
    /// `SCREAMING_SNAKE_CASE`
    ScreamingSnakeCase,
    /// `kebab-case`
    KebabCase,
    /// `SCREAMING-KEBAB-CASE`
    ScreamingKebabCase,
}

/// Every rule by its `rename_all` name.
pub static RULES: &[(&str, RenameRule)] = &[
    ("lowercase", LowerCase),
    ("UPPERCASE", UpperCase),
    ("PascalCase", PascalCase),
    ("camelCase", CamelCase),
    ("snake_case", SnakeCase),
    ("SCREAMING_SNAKE_CASE", ScreamingSnakeCase),
    ("kebab-case", KebabCase),
    ("SCREAMING-KEBAB-CASE", ScreamingKebabCase),
];

/// `s` with its first character lower-cased (ASCII).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        Option::None => String::new(),
    }
}

impl RenameRule {
    /// The rule named `name` in `rename_all = "..."`.
    pub fn by_name(name: &str) -> Option<Self> {
        RULES.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
    }

    /// The `rename_all` name of the rule (`None` for [`RenameRule::None`]).
    pub fn name(self) -> Option<&'static str> {
        RULES.iter().find(|(_, r)| *r == self).map(|(n, _)| *n)
    }

    /// A variant name (PascalCase in Rust) in this convention.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            None | PascalCase => variant.to_owned(),
            LowerCase => variant.to_ascii_lowercase(),
            UpperCase => variant.to_ascii_uppercase(),
            CamelCase => lower_first(variant),
            SnakeCase => {
                let mut snake = String::new();
                for (i, ch) in variant.char_indices() {
                    if i > 0 && ch.is_uppercase() {
                        snake.push('_');
                    }
                    snake.push(ch.to_ascii_lowercase());
                }
                snake
            }
            ScreamingSnakeCase => SnakeCase.apply_to_variant(variant).to_ascii_uppercase(),
            KebabCase => SnakeCase.apply_to_variant(variant).replace('_', "-"),
            ScreamingKebabCase => ScreamingSnakeCase
                .apply_to_variant(variant)
                .replace('_', "-"),
        }
    }

    /// A field name (snake_case in Rust, `r#` of a raw identifier left off) in this
    /// convention.
    pub fn apply_to_field(self, field: &str) -> String {
        let field = field.strip_prefix("r#").unwrap_or(field);
        match self {
            None | LowerCase | SnakeCase => field.to_owned(),
            UpperCase | ScreamingSnakeCase => field.to_ascii_uppercase(),
            PascalCase => {
                let mut pascal = String::new();
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        pascal.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        pascal.push(ch);
                    }
                }
                pascal
            }
            CamelCase => lower_first(&PascalCase.apply_to_field(field)),
            KebabCase => field.replace('_', "-"),
            ScreamingKebabCase => ScreamingSnakeCase.apply_to_field(field).replace('_', "-"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        for (rule, want) in [
            (PascalCase, "PlayerSessionId"),
            (CamelCase, "playerSessionId"),
            (SnakeCase, "player_session_id"),
            (ScreamingSnakeCase, "PLAYER_SESSION_ID"),
            (KebabCase, "player-session-id"),
            (ScreamingKebabCase, "PLAYER-SESSION-ID"),
            (UpperCase, "PLAYER_SESSION_ID"),
        ] {
            assert_eq!(rule.apply_to_field("player_session_id"), want, "{rule:?}");
        }
        assert_eq!(PascalCase.apply_to_field("r#type"), "Type");
    }

    #[test]
    fn variants() {
        for (rule, want) in [
            (None, "TimedOut"),
            (LowerCase, "timedout"),
            (UpperCase, "TIMEDOUT"),
            (CamelCase, "timedOut"),
            (SnakeCase, "timed_out"),
            (ScreamingSnakeCase, "TIMED_OUT"),
            (KebabCase, "timed-out"),
            (ScreamingKebabCase, "TIMED-OUT"),
        ] {
            assert_eq!(rule.apply_to_variant("TimedOut"), want, "{rule:?}");
        }
        // Not ASCII, or empty: no panic.
        assert_eq!(CamelCase.apply_to_variant("Été"), "Été");
        assert_eq!(CamelCase.apply_to_field(""), "");
    }

    #[test]
    fn names() {
        for (name, rule) in RULES {
            assert_eq!(RenameRule::by_name(name), Some(*rule));
            assert_eq!(rule.name(), Some(*name));
        }
        assert_eq!(None.name(), Option::None);
    }
}
