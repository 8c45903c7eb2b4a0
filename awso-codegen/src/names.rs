//! Rust names for AWS names. Whether a rename is needed is decided by the derive's own
//! `rename_all` rules (the `awso-case` crate).

use std::collections::HashSet;

/// Rust's keywords (strict, reserved and edition 2024's `gen`).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Names the generated code uses unqualified; a type of the same name would shadow them.
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Debug",
    "Clone",
    "PartialEq",
    "AwsShape",
    "AwsDebug",
    "Timestamp",
    "Blob",
    "ByteStream",
    "Document",
    "HashMap",
    "BTreeMap",
    "IndexMap",
    "Copy",
    "Eq",
    "Hash",
    "Sized",
    "Send",
    "Sync",
    "Drop",
    "Fn",
    "Iterator",
    "ToString",
    "Into",
    "From",
    "AsRef",
    "Self",
];

/// `PlayerSessionId` -> `player_session_id`, `MD5OfBody` -> `md5_of_body`,
/// `SSEKMSKeyId` -> `ssekms_key_id`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() {
        "member".into()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("m_{out}")
    } else {
        out
    }
}

/// The field identifier of member `name` (a raw identifier for keywords).
pub fn field_ident(name: &str) -> String {
    let s = snake_case(name);
    match s.as_str() {
        "self" | "super" | "crate" | "Self" => format!("{s}_"),
        _ if KEYWORDS.contains(&s.as_str()) => format!("r#{s}"),
        _ => s,
    }
}

/// A type or variant identifier for AWS name `name`: kept as written when it is one
/// (`PlayerSession`), made PascalCase from its words otherwise (`t2.micro` -> `T2Micro`,
/// `ACTIVE` -> `Active`, `us-east-1` -> `UsEast1`).
pub fn type_ident(name: &str) -> String {
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase());
    let ident = if plain {
        name.to_string()
    } else {
        words(name)
            .iter()
            .map(|w| {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => {
                        f.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase()
                    }
                    None => String::new(),
                }
            })
            .collect()
    };
    let ident = if ident.is_empty() || ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{ident}")
    } else {
        ident
    };
    if KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// The words of a name: split at anything not alphanumeric and at case changes
/// (`fooBar` -> `foo`, `Bar`; `HTTPServer` -> `HTTP`, `Server`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next = chars.get(i + 1).copied();
            let boundary = prev.is_ascii_lowercase()
                || (prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A name not yet in `used` (adding `2`, `3`, ... as needed, after `_` when the name ends in
/// a digit), then recorded there.
pub fn unique(used: &mut HashSet<String>, base: String) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while used.contains(&name) {
        name = if base.ends_with(|c: char| c.is_ascii_digit()) {
            format!("{base}_{n}")
        } else {
            format!("{base}{n}")
        };
        n += 1;
    }
    used.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake_case("MD5OfMessageBody"), "md5_of_message_body");
        assert_eq!(field_ident("Type"), "r#type");
        assert_eq!(type_ident("PlayerSession"), "PlayerSession");
        assert_eq!(type_ident("TIMEDOUT"), "Timedout");
        assert_eq!(type_ident("t2.micro"), "T2Micro");
        assert_eq!(type_ident("us-east-1"), "UsEast1");
        assert_eq!(type_ident("HTTPServer"), "HTTPServer");
        assert_eq!(type_ident("HTTP_SERVER"), "HttpServer");
        assert_eq!(type_ident("1"), "V1");
        assert_eq!(type_ident("Self"), "Self_");
    }
}
