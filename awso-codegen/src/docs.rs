//! The models' documentation (HTML) as rustdoc Markdown: paragraphs, lists, code, links,
//! emphasis; other tags dropped, entities decoded, Markdown's special characters escaped,
//! lines wrapped, list continuations indented (as `clippy::doc_lazy_continuation` wants).

/// The first sentence of HTML documentation `html`, as Markdown lines of at most `width`
/// characters (empty when there is none).
pub fn first_sentence(html: &str, width: usize) -> Vec<String> {
    let lines = markdown(html, usize::MAX);
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    if first.starts_with("- ") || first.starts_with("```") {
        return Vec::new();
    }
    let end = first
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| !first[..i].ends_with("e.g.") && !first[..i].ends_with("i.e."))
        .unwrap_or(first.len());
    let mut out = Vec::new();
    wrap(&first[..end], "", "", width, &mut out);
    out
}

/// One paragraph, list item or code block.
struct Block {
    /// Spaces before every line.
    indent: usize,
    /// The list marker (`- `, `1. `) of an item's first block.
    marker: String,
    /// Inline Markdown, or the code of a code block.
    text: String,
    code: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum ListKind {
    Bullets,
    Numbers(usize),
}

struct Converter {
    blocks: Vec<Block>,
    /// Inline spans being built: (tag, href, text). The bottom one is the paragraph.
    spans: Vec<(String, Option<String>, String)>,
    /// Open lists and, per list, whether the current item's first block was written.
    lists: Vec<(ListKind, bool)>,
    pre: usize,
}

/// The Markdown of HTML documentation `html`, wrapped to lines of at most `width` characters
/// (the caller adds `/// ` and its indentation). Empty when there is nothing to say.
pub fn markdown(html: &str, width: usize) -> Vec<String> {
    let mut c = Converter {
        blocks: Vec::new(),
        spans: vec![(String::new(), None, String::new())],
        lists: Vec::new(),
        pre: 0,
    };
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let Some(end) = rest.find('>') else {
                    c.text(rest);
                    break;
                };
                c.tag(&rest[1..end]);
                rest = &rest[end + 1..];
            }
            Some(i) => {
                c.text(&rest[..i]);
                rest = &rest[i..];
            }
            None => {
                c.text(rest);
                break;
            }
        }
    }
    while c.spans.len() > 1 {
        c.close_span();
    }
    c.flush();
    render(&c.blocks, width)
}

impl Converter {
    fn text(&mut self, raw: &str) {
        let decoded = decode(raw);
        let top = self.spans.last_mut().map(|s| &mut s.2);
        let Some(buf) = top else { return };
        if self.pre > 0 {
            buf.push_str(&decoded);
            return;
        }
        for (i, word) in decoded.split(char::is_whitespace).enumerate() {
            if i > 0 && !buf.ends_with(' ') {
                buf.push(' ');
            }
            buf.push_str(word);
        }
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/').trim();
        let name = body
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match name.as_str() {
            "p" | "div" | "note" | "important" | "dt" | "dd" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" | "fullname" | "examples" | "br" | "dl" | "title" => self.flush(),
            "pre" => {
                self.flush();
                if closing {
                    self.flush_code();
                    self.pre = self.pre.saturating_sub(1);
                } else {
                    self.pre += 1;
                }
            }
            "ul" | "ol" => {
                self.flush();
                if closing {
                    self.lists.pop();
                } else {
                    let kind = if name == "ul" {
                        ListKind::Bullets
                    } else {
                        ListKind::Numbers(0)
                    };
                    self.lists.push((kind, false));
                }
            }
            "li" => {
                self.flush();
                if !closing {
                    if self.lists.is_empty() {
                        self.lists.push((ListKind::Bullets, false));
                    }
                    if let Some((kind, started)) = self.lists.last_mut() {
                        if let ListKind::Numbers(n) = kind {
                            *n += 1;
                        }
                        *started = false;
                    }
                }
            }
            "code" | "a" | "b" | "strong" | "i" | "em" if self.pre == 0 => {
                if closing {
                    if self.spans.len() > 1 && self.spans.last().is_some_and(|s| s.0 == name) {
                        self.close_span();
                    }
                } else if !tag.ends_with('/') {
                    let href = (name == "a").then(|| attr(body, "href")).flatten();
                    self.spans.push((name, href, String::new()));
                }
            }
            _ => {}
        }
    }

    /// Closes the innermost inline span into its parent.
    fn close_span(&mut self) {
        let Some((tag, href, text)) = self.spans.pop() else {
            return;
        };
        let inner = text.trim();
        let md = if inner.is_empty() {
            String::new()
        } else {
            match tag.as_str() {
                "code" => code_span(&unescape(inner)),
                "a" => match href {
                    Some(h) if h.starts_with("http://") || h.starts_with("https://") => {
                        format!("[{inner}]({})", h.replace(' ', "%20").replace(')', "%29"))
                    }
                    _ => inner.to_string(),
                },
                "b" | "strong" => format!("**{inner}**"),
                _ => format!("*{inner}*"),
            }
        };
        if let Some(parent) = self.spans.last_mut() {
            let lead = text.starts_with(char::is_whitespace) && !parent.2.ends_with(' ');
            if lead && !parent.2.is_empty() {
                parent.2.push(' ');
            }
            parent.2.push_str(&md);
            if text.ends_with(char::is_whitespace) && !md.is_empty() {
                parent.2.push(' ');
            }
        }
    }

    /// Ends the current paragraph (closing any inline spans left open).
    fn flush(&mut self) {
        if self.pre > 0 {
            return;
        }
        while self.spans.len() > 1 {
            self.close_span();
        }
        let text = std::mem::take(&mut self.spans[0].2);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let (indent, marker) = self.list_position();
        self.blocks.push(Block {
            indent,
            marker,
            text: text.to_string(),
            code: false,
        });
    }

    fn flush_code(&mut self) {
        let text = std::mem::take(&mut self.spans[0].2);
        let code = unescape(text.trim_matches('\n'));
        if code.trim().is_empty() {
            return;
        }
        let (indent, marker) = self.list_position();
        self.blocks.push(Block {
            indent,
            marker,
            text: code,
            code: true,
        });
    }

    /// The indentation of a block at the current list depth, and its marker when it is the
    /// first block of an item.
    fn list_position(&mut self) -> (usize, String) {
        let mut indent = 0;
        let depth = self.lists.len();
        let mut marker = String::new();
        for (i, (kind, started)) in self.lists.iter_mut().enumerate() {
            let m = match kind {
                ListKind::Bullets => "- ".to_string(),
                ListKind::Numbers(n) => format!("{}. ", (*n).max(1)),
            };
            if i + 1 == depth && !*started {
                *started = true;
                marker = m;
            } else {
                indent += m.len();
            }
        }
        (indent, marker)
    }
}

/// An attribute's value in a tag body (`a href="..."`).
fn attr(body: &str, name: &str) -> Option<String> {
    let at = body.find(&format!("{name}="))? + name.len() + 1;
    let rest = &body[at..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let end = rest[1..].find(quote)?;
        Some(decode(&rest[1..1 + end]))
    } else {
        Some(rest.split_whitespace().next()?.to_string())
    }
}

/// Decodes HTML entities and escapes the characters Markdown would read as syntax (undone by
/// [`unescape`] inside code).
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\\', '`', '*', '_', '[', ']', '<', '>', '|']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let c = rest.chars().next().unwrap_or('&');
        if c != '&' {
            // `_` inside words is plain text in CommonMark; escape it only at word edges.
            let prev_alnum = out.chars().last().is_some_and(|p| p.is_alphanumeric());
            let next_alnum = rest[1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric());
            if c != '_' || !(prev_alnum && next_alnum) {
                out.push('\\');
            }
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        let end = rest.find(';').filter(|&e| e <= 10);
        let entity = end.map(|e| &rest[1..e]);
        let ch = match entity {
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("amp") => Some('&'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some("nbsp") => Some(' '),
            Some(e) if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (ch, end) {
            (Some(ch), Some(e)) => {
                if matches!(ch, '<' | '>' | '*' | '`' | '[' | ']' | '\\' | '|') {
                    out.push('\\');
                }
                out.push(ch);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Undoes [`decode`]'s escapes (for code, which Markdown takes literally).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `code` in backticks, with enough of them.
fn code_span(code: &str) -> String {
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    if code.contains('`') {
        format!("`` {code} ``")
    } else {
        format!("`{code}`")
    }
}

fn render(blocks: &[Block], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut prev_item = false;
    for b in blocks {
        let item = !b.marker.is_empty();
        if !(lines.is_empty() || item && prev_item) {
            lines.push(String::new());
        }
        prev_item = item && !b.code;
        let pad = " ".repeat(b.indent);
        if b.code {
            let inner = " ".repeat(b.indent + b.marker.len());
            if item {
                lines.push(format!("{pad}{}", b.marker.trim_end()));
            }
            lines.push(format!("{inner}```text"));
            for l in b.text.lines() {
                lines.push(format!("{inner}{}", l.trim_end()).trim_end().to_string());
            }
            lines.push(format!("{inner}```"));
            continue;
        }
        let first = format!("{pad}{}", b.marker);
        let rest = " ".repeat(b.indent + b.marker.len());
        wrap(&b.text, &first, &rest, width, &mut lines);
    }
    lines
}

/// Words that would start Markdown syntax at the beginning of a line.
fn starts_syntax(word: &str) -> bool {
    word.starts_with(['#', '-', '+', '=', '>'])
        || word
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(['.', ')'])
            && word.starts_with(|c: char| c.is_ascii_digit())
}

fn wrap(text: &str, first: &str, rest: &str, width: usize, lines: &mut Vec<String>) {
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        // A bare URL becomes an autolink.
        let word = if (word.starts_with("http://") || word.starts_with("https://"))
            && !word.contains(['\\', '(', ')'])
        {
            let trimmed = word.trim_end_matches(['.', ',', ';', ':']);
            format!("<{trimmed}>{}", &word[trimmed.len()..])
        } else {
            word.to_string()
        };
        if !empty && line.len() + 1 + word.len() > width && !starts_syntax(&word) {
            lines.push(line);
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(&word);
        empty = false;
    }
    if !empty {
        lines.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn paragraphs_code_links_lists() {
        let html = "<p>Reserves a <code>PlayerSession</code> &amp; more. See <a href=\"https://docs.aws.amazon.com/x\">the guide</a>.</p> <p><b>Related actions</b></p><ul><li><p> <a>CreateGameSession</a> </p></li><li>Nested<ul><li>deep [x] &lt;y&gt;</li></ul></li></ul>";
        assert_eq!(
            markdown(html, 100),
            [
                "Reserves a `PlayerSession` & more. See [the guide](https://docs.aws.amazon.com/x).",
                "",
                "**Related actions**",
                "",
                "- CreateGameSession",
                "- Nested",
                "  - deep \\[x\\] \\<y\\>",
            ]
        );
    }

    #[test]
    fn wraps_and_indents_list_continuations() {
        let html = "<ul><li>one two three four five six</li></ul>";
        assert_eq!(
            markdown(html, 12),
            ["- one two", "  three four", "  five six"]
        );
        assert!(markdown("  ", 80).is_empty());
        assert_eq!(markdown("a_b _c_ 1 - 2", 80), ["a_b \\_c\\_ 1 - 2"]);
    }
}
