//! The skip list (`skip.toml`): `"protocol/direction/CaseId" = "one-line reason"`.
//!
//! Entries after a `[known-failures]` line are not skips: they name cases that fail because
//! awso is wrong. They are reported and counted as failed, but do not fail the test run (so
//! that the workspace's tests stay usable while awso is fixed). A `[skip]` line switches back.
//!
//! Any segment may be `*`. When several entries match a case, the most specific one wins:
//! fewer wildcards first, then a wildcard later in the key (`rest-xml/input/*` beats
//! `rest-xml/*/*`, which beats `*/input/*`).

/// One entry of the skip list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `[protocol, direction, id]`, each possibly `*`.
    pub key: [String; 3],
    /// Why the case is skipped.
    pub reason: String,
    /// 1-based line in the file.
    pub line: usize,
    /// Listed under `[known-failures]`: awso is wrong here, the case counts as failed.
    pub known_failure: bool,
}

impl Entry {
    /// Whether this entry covers the case.
    pub fn matches(&self, protocol: &str, direction: &str, id: &str) -> bool {
        self.key
            .iter()
            .zip([protocol, direction, id])
            .all(|(k, v)| k == "*" || k == v)
    }

    /// Higher is more specific.
    fn specificity(&self) -> u32 {
        self.key
            .iter()
            .enumerate()
            .map(|(i, k)| if k == "*" { 0 } else { 1 << (2 - i) })
            .sum()
    }

    /// Whether this entry names one case (no wildcard).
    pub fn is_exact(&self) -> bool {
        self.key.iter().all(|k| k != "*")
    }

    /// The key as written.
    pub fn key_string(&self) -> String {
        self.key.join("/")
    }
}

/// The parsed skip list.
#[derive(Debug, Clone, Default)]
pub struct SkipList {
    /// Entries in file order.
    pub entries: Vec<Entry>,
}

impl SkipList {
    /// The most specific entry covering the case, if any.
    pub fn find(&self, protocol: &str, direction: &str, id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.matches(protocol, direction, id))
            .max_by_key(|e| e.specificity())
    }
}

/// Reads a TOML basic string starting at the opening quote; returns it and the rest.
fn basic_string(s: &str) -> Result<(String, &str), String> {
    let body = s.strip_prefix('"').ok_or("expected a quoted string")?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &body[i + 1..])),
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                other => return Err(format!("unsupported escape \\{}", other.unwrap_or(' '))),
            },
            c => out.push(c),
        }
    }
    Err("unterminated string".into())
}

/// Parses the skip list: one `"key" = "reason"` per line, `#` comments, blank lines.
pub fn parse(text: &str) -> Result<SkipList, String> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut known_failure = false;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match l {
            "[known-failures]" => {
                known_failure = true;
                continue;
            }
            "[skip]" => {
                known_failure = false;
                continue;
            }
            _ if l.starts_with('[') => {
                return Err(format!(
                "skip.toml line {line}: unknown section {l}; expected [skip] or [known-failures]"
            ))
            }
            _ => {}
        }
        let err = |m: String| format!("skip.toml line {line}: {m}");
        let (key, rest) = basic_string(l).map_err(&err)?;
        let rest = rest
            .trim_start()
            .strip_prefix('=')
            .ok_or_else(|| err("expected =".into()))?;
        let (reason, rest) = basic_string(rest.trim_start()).map_err(&err)?;
        let rest = rest.trim();
        if !(rest.is_empty() || rest.starts_with('#')) {
            return Err(err(format!("unexpected text after the reason: {rest}")));
        }
        let parts: Vec<&str> = key.split('/').collect();
        let [p, d, id] = parts.as_slice() else {
            return Err(err(format!("key {key:?} is not protocol/direction/CaseId")));
        };
        if !matches!(*d, "input" | "output" | "*") {
            return Err(err(format!("direction {d:?} is not input, output or *")));
        }
        if reason.trim().is_empty() {
            return Err(err(format!("{key} has no reason")));
        }
        if let Some(prev) = entries.iter().find(|e| e.key_string() == key) {
            return Err(err(format!(
                "{key} is already listed on line {}",
                prev.line
            )));
        }
        entries.push(Entry {
            key: [p.to_string(), d.to_string(), id.to_string()],
            reason,
            line,
            known_failure,
        });
    }
    Ok(SkipList { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_specific_entry_wins() {
        let list = parse(
            r#"
# whole protocol
"rest-xml/*/*" = "restXml lands with the XML issue"
"rest-xml/input/*" = "restXml bodies"   # trailing comment
"rest-xml/input/Foo" = "a \"quoted\" reason"
"*/output/Bar" = "bar"
[known-failures]
"json/input/Known" = "awso bug"
"#,
        )
        .unwrap();
        assert_eq!(
            list.find("rest-xml", "input", "Foo").unwrap().reason,
            "a \"quoted\" reason"
        );
        assert_eq!(
            list.find("rest-xml", "input", "Baz").unwrap().reason,
            "restXml bodies"
        );
        assert_eq!(
            list.find("rest-xml", "output", "Bar").unwrap().reason,
            "restXml lands with the XML issue"
        );
        assert_eq!(list.find("json", "output", "Bar").unwrap().reason, "bar");
        assert!(list.find("json", "input", "Bar").is_none());
        assert!(list.entries[2].is_exact() && !list.entries[0].is_exact());
        assert!(list.find("json", "input", "Known").unwrap().known_failure);
        assert!(!list.entries[2].known_failure);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(parse("\"a/b\" = \"x\"")
            .unwrap_err()
            .contains("protocol/direction/CaseId"));
        assert!(parse("\"a/sideways/c\" = \"x\"").is_err());
        assert!(parse("\"a/input/c\" = \"\"").is_err());
        assert!(parse("\"a/input/c\" = \"x\"\n\"a/input/c\" = \"y\"")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse("a/input/c = \"x\"").is_err());
        assert!(parse("[skips]").is_err());
    }
}
