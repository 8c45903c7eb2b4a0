//! `rename_all` rules: how Rust field and variant names become AWS member and enum names.

use self::RenameRule::*;

/// A case convention.
#[derive(Copy, Clone, PartialEq, Debug)]
pub enum RenameRule {
    /// As written in Rust (the default for variants).
    None,
    LowerCase,
    UpperCase,
    PascalCase,
    CamelCase,
    SnakeCase,
    ScreamingSnakeCase,
    KebabCase,
    ScreamingKebabCase,
}

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

impl RenameRule {
    pub fn from_str(name: &str) -> Option<Self> {
        RULES.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
    }

    /// A variant name (PascalCase in Rust) in this convention.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            None | PascalCase => variant.to_owned(),
            LowerCase => variant.to_ascii_lowercase(),
            UpperCase => variant.to_ascii_uppercase(),
            CamelCase => variant[..1].to_ascii_lowercase() + &variant[1..],
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

    /// A field name (snake_case in Rust) in this convention.
    pub fn apply_to_field(self, field: &str) -> String {
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
            CamelCase => {
                let pascal = PascalCase.apply_to_field(field);
                pascal[..1].to_ascii_lowercase() + &pascal[1..]
            }
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
    }
}
