//! Generic body comparisons: JSON as values, XML canonically, query bodies as parameter sets,
//! CBOR as decoded values. None of them knows about shapes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

// ---------------------------------------------------------------------------------------------
// JSON

/// Compares two JSON texts as values (key order and whitespace do not matter). An empty
/// expected body matches an empty actual body only.
pub fn compare_json(expected: &[u8], actual: &[u8]) -> Result<(), String> {
    let trim = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
    let (e, a) = (trim(expected), trim(actual));
    if e.is_empty() || a.is_empty() {
        return if e == a {
            Ok(())
        } else {
            Err(format!("body: expected {e:?}, got {a:?}"))
        };
    }
    let ev: serde_json::Value =
        serde_json::from_str(&e).map_err(|err| format!("expected body is not JSON: {err}"))?;
    let av: serde_json::Value =
        serde_json::from_str(&a).map_err(|err| format!("body is not JSON: {err}: {a}"))?;
    if ev == av {
        Ok(())
    } else {
        Err(format!("body: expected {ev}, got {av}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Query

/// Decodes `application/x-www-form-urlencoded` text into sorted `(name, value)` pairs.
pub fn query_params(body: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for pair in body.trim().split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.push((percent_decode(k)?, percent_decode(v)?));
    }
    out.sort();
    Ok(out)
}

/// Decodes `%XX` escapes and `+` (a space).
pub fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("bad percent escape in {s:?}"))?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| format!("percent escapes in {s:?} are not UTF-8"))
}

/// Compares two query bodies as sets of parameters (order does not matter, escapes are
/// decoded).
pub fn compare_query(expected: &str, actual: &str) -> Result<(), String> {
    let e = query_params(expected).map_err(|err| format!("expected body: {err}"))?;
    let a = query_params(actual).map_err(|err| format!("body: {err}"))?;
    if e == a {
        return Ok(());
    }
    let missing: Vec<String> = e
        .iter()
        .filter(|p| !a.contains(p))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let extra: Vec<String> = a
        .iter()
        .filter(|p| !e.contains(p))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    Err(format!(
        "query body differs: missing [{}], unexpected [{}]",
        missing.join("&"),
        extra.join("&")
    ))
}

// ---------------------------------------------------------------------------------------------
// XML

/// An XML element in canonical form: attributes sorted, whitespace-only text between elements
/// dropped, other text trimmed, entities decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlNode {
    /// An element.
    Element {
        /// Tag name, with its prefix.
        name: String,
        /// Attributes (namespace declarations included), sorted.
        attrs: BTreeMap<String, String>,
        /// Child nodes.
        children: Vec<XmlNode>,
    },
    /// Character data.
    Text(String),
}

impl XmlNode {
    /// The canonical text of this node.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            XmlNode::Text(t) => out.push_str(&escape(t)),
            XmlNode::Element {
                name,
                attrs,
                children,
            } => {
                out.push('<');
                out.push_str(name);
                for (k, v) in attrs {
                    write!(out, " {k}=\"{}\"", escape(v)).ok();
                }
                out.push('>');
                for c in children {
                    c.write(out);
                }
                write!(out, "</{name}>").ok();
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Parses an XML document into its canonical root element.
pub fn parse_xml(text: &str) -> Result<XmlNode, String> {
    let mut p = XmlParser {
        s: text.as_bytes(),
        i: 0,
    };
    p.misc()?;
    let root = p.element()?;
    p.misc()?;
    if p.i < p.s.len() {
        return Err(format!(
            "unexpected content after the root element at byte {}",
            p.i
        ));
    }
    Ok(root)
}

struct XmlParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl XmlParser<'_> {
    fn starts(&self, p: &str) -> bool {
        self.s[self.i..].starts_with(p.as_bytes())
    }

    fn skip_until(&mut self, end: &str) -> Result<(), String> {
        let at = self.i;
        while self.i < self.s.len() {
            if self.starts(end) {
                self.i += end.len();
                return Ok(());
            }
            self.i += 1;
        }
        Err(format!(
            "unterminated construct at byte {at} (expected {end:?})"
        ))
    }

    fn skip_ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    /// Whitespace, comments, processing instructions and the declaration.
    fn misc(&mut self) -> Result<(), String> {
        loop {
            self.skip_ws();
            if self.starts("<?") {
                self.skip_until("?>")?;
            } else if self.starts("<!--") {
                self.skip_until("-->")?;
            } else if self.starts("<!DOCTYPE") {
                self.skip_until(">")?;
            } else {
                return Ok(());
            }
        }
    }

    fn name(&mut self) -> Result<String, String> {
        let start = self.i;
        while self.i < self.s.len()
            && !(self.s[self.i].is_ascii_whitespace() || b"/>=".contains(&self.s[self.i]))
        {
            self.i += 1;
        }
        if start == self.i {
            return Err(format!("expected a name at byte {start}"));
        }
        Ok(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }

    fn element(&mut self) -> Result<XmlNode, String> {
        if !self.starts("<") {
            return Err(format!("expected an element at byte {}", self.i));
        }
        self.i += 1;
        let name = self.name()?;
        let mut attrs = BTreeMap::new();
        loop {
            self.skip_ws();
            if self.starts("/>") {
                self.i += 2;
                return Ok(XmlNode::Element {
                    name,
                    attrs,
                    children: Vec::new(),
                });
            }
            if self.starts(">") {
                self.i += 1;
                break;
            }
            let key = self.name()?;
            self.skip_ws();
            if !self.starts("=") {
                return Err(format!("expected = after attribute {key}"));
            }
            self.i += 1;
            self.skip_ws();
            let quote = *self.s.get(self.i).ok_or("unexpected end in an attribute")?;
            if quote != b'"' && quote != b'\'' {
                return Err(format!("expected a quoted value for attribute {key}"));
            }
            self.i += 1;
            let start = self.i;
            while self.i < self.s.len() && self.s[self.i] != quote {
                self.i += 1;
            }
            let raw = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
            self.i += 1;
            attrs.insert(key, decode_entities(&raw)?);
        }
        let mut children = Vec::new();
        let mut text = String::new();
        loop {
            if self.i >= self.s.len() {
                return Err(format!("unterminated element {name}"));
            }
            if self.starts("</") {
                self.i += 2;
                let end = self.name()?;
                if end != name {
                    return Err(format!("mismatched end tag: <{name}> closed by </{end}>"));
                }
                self.skip_ws();
                if !self.starts(">") {
                    return Err(format!("expected > after </{end}"));
                }
                self.i += 1;
                break;
            } else if self.starts("<!--") || self.starts("<?") {
                let end = if self.starts("<!--") { "-->" } else { "?>" };
                self.skip_until(end)?;
            } else if self.starts("<![CDATA[") {
                self.i += 9;
                let start = self.i;
                self.skip_until("]]>")?;
                text.push_str(&String::from_utf8_lossy(&self.s[start..self.i - 3]));
            } else if self.starts("<") {
                flush_text(&mut text, &mut children);
                children.push(self.element()?);
            } else {
                let start = self.i;
                while self.i < self.s.len() && self.s[self.i] != b'<' {
                    self.i += 1;
                }
                text.push_str(&decode_entities(&String::from_utf8_lossy(
                    &self.s[start..self.i],
                ))?);
            }
        }
        flush_text(&mut text, &mut children);
        // Text next to elements is formatting; text alone is the value.
        if children
            .iter()
            .any(|c| matches!(c, XmlNode::Element { .. }))
        {
            children.retain(|c| matches!(c, XmlNode::Element { .. }));
        }
        Ok(XmlNode::Element {
            name,
            attrs,
            children,
        })
    }
}

fn flush_text(text: &mut String, children: &mut Vec<XmlNode>) {
    let t = text.trim();
    if !t.is_empty() {
        children.push(XmlNode::Text(t.to_string()));
    }
    text.clear();
}

fn decode_entities(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find(';')
            .ok_or_else(|| format!("unterminated entity in {s:?}"))?
            + at;
        let entity = &rest[at + 1..end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
                    .ok_or_else(|| format!("unknown entity &{entity}; in {s:?}"))?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Compares two XML documents canonically (attribute order, formatting whitespace, the XML
/// declaration and entity spelling do not matter). An empty expected body matches only an
/// empty body.
pub fn compare_xml(expected: &str, actual: &str) -> Result<(), String> {
    let (e, a) = (expected.trim(), actual.trim());
    if e.is_empty() || a.is_empty() {
        return if e == a {
            Ok(())
        } else {
            Err(format!("body: expected {e:?}, got {a:?}"))
        };
    }
    let ev = parse_xml(e).map_err(|err| format!("expected body is not XML: {err}"))?;
    let av = parse_xml(a).map_err(|err| format!("body is not XML: {err}: {a}"))?;
    if ev == av {
        Ok(())
    } else {
        Err(format!(
            "body: expected {}, got {}",
            ev.canonical(),
            av.canonical()
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// CBOR

/// Standard base64, padding optional.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("invalid base64 byte {:?}", c as char)),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// A decoded CBOR value, with maps sorted so that key order does not matter and every float
/// width compared by value.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
pub enum Cbor {
    /// Major types 0 and 1.
    Int(i128),
    /// Byte string (definite or indefinite).
    Bytes(Vec<u8>),
    /// Text string (definite or indefinite).
    Text(String),
    /// Array.
    Array(Vec<Cbor>),
    /// Map, sorted by key.
    Map(Vec<(Cbor, Cbor)>),
    /// Tagged value.
    Tag(u64, Box<Cbor>),
    /// true / false.
    Bool(bool),
    /// null.
    Null,
    /// undefined.
    Undefined,
    /// Any float; NaN is compared by its Debug text.
    Float(FloatBits),
}

/// A float compared so that NaN equals NaN.
#[derive(Debug, Clone, Copy)]
pub struct FloatBits(pub f64);

impl PartialEq for FloatBits {
    fn eq(&self, o: &Self) -> bool {
        self.0 == o.0 || (self.0.is_nan() && o.0.is_nan())
    }
}

impl PartialOrd for FloatBits {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.0.total_cmp(&o.0))
    }
}

/// Decodes one CBOR item that must span all of `bytes`.
pub fn parse_cbor(bytes: &[u8]) -> Result<Cbor, String> {
    let mut i = 0;
    let v = cbor_item(bytes, &mut i, 0)?;
    if i != bytes.len() {
        return Err(format!("{} bytes after the CBOR item", bytes.len() - i));
    }
    Ok(v)
}

fn cbor_take<'a>(b: &'a [u8], i: &mut usize, n: usize) -> Result<&'a [u8], String> {
    let s = b.get(*i..*i + n).ok_or("CBOR ends early")?;
    *i += n;
    Ok(s)
}

fn cbor_arg(b: &[u8], i: &mut usize, info: u8) -> Result<Option<u64>, String> {
    Ok(Some(match info {
        0..=23 => u64::from(info),
        24 => u64::from(cbor_take(b, i, 1)?[0]),
        25 => {
            let s = cbor_take(b, i, 2)?;
            u64::from(u16::from_be_bytes([s[0], s[1]]))
        }
        26 => {
            let s = cbor_take(b, i, 4)?;
            u64::from(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
        }
        27 => {
            let s = cbor_take(b, i, 8)?;
            u64::from_be_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]])
        }
        31 => return Ok(None),
        _ => return Err(format!("reserved CBOR additional info {info}")),
    }))
}

fn half_to_f64(h: u16) -> f64 {
    let exp = (h >> 10) & 0x1f;
    let mant = f64::from(h & 0x3ff);
    let v = match exp {
        0 => mant * 2f64.powi(-24),
        31 if mant == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        e => (1.0 + mant / 1024.0) * 2f64.powi(i32::from(e) - 15),
    };
    if h & 0x8000 != 0 {
        -v
    } else {
        v
    }
}

fn cbor_item(b: &[u8], i: &mut usize, depth: usize) -> Result<Cbor, String> {
    if depth > 64 {
        return Err("CBOR nested too deeply".into());
    }
    let head = cbor_take(b, i, 1)?[0];
    let (major, info) = (head >> 5, head & 0x1f);
    if major == 7 {
        return Ok(match info {
            20 => Cbor::Bool(false),
            21 => Cbor::Bool(true),
            22 => Cbor::Null,
            23 => Cbor::Undefined,
            25 => {
                let s = cbor_take(b, i, 2)?;
                Cbor::Float(FloatBits(half_to_f64(u16::from_be_bytes([s[0], s[1]]))))
            }
            26 => {
                let s = cbor_take(b, i, 4)?;
                Cbor::Float(FloatBits(f64::from(f32::from_be_bytes([
                    s[0], s[1], s[2], s[3],
                ]))))
            }
            27 => {
                let s = cbor_take(b, i, 8)?;
                Cbor::Float(FloatBits(f64::from_be_bytes([
                    s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7],
                ])))
            }
            _ => return Err(format!("unsupported CBOR simple value {info}")),
        });
    }
    let arg = cbor_arg(b, i, info)?;
    let n = |arg: Option<u64>| arg.ok_or_else(|| "indefinite length not allowed here".to_string());
    Ok(match major {
        0 => Cbor::Int(i128::from(n(arg)?)),
        1 => Cbor::Int(-1 - i128::from(n(arg)?)),
        2 | 3 => {
            let mut bytes = Vec::new();
            match arg {
                Some(len) => bytes.extend_from_slice(cbor_take(b, i, len as usize)?),
                None => loop {
                    if cbor_take(b, i, 1)?[0] == 0xff {
                        break;
                    }
                    *i -= 1;
                    match cbor_item(b, i, depth + 1)? {
                        Cbor::Bytes(c) => bytes.extend(c),
                        Cbor::Text(c) => bytes.extend(c.into_bytes()),
                        _ => return Err("bad chunk in an indefinite string".into()),
                    }
                },
            }
            if major == 2 {
                Cbor::Bytes(bytes)
            } else {
                Cbor::Text(String::from_utf8(bytes).map_err(|_| "CBOR text is not UTF-8")?)
            }
        }
        4 | 5 => {
            let mut items = Vec::new();
            let mut count = 0u64;
            // A map's length counts pairs.
            let arg = arg.map(|len| {
                if major == 5 {
                    len.saturating_mul(2)
                } else {
                    len
                }
            });
            loop {
                match arg {
                    Some(len) if count == len => break,
                    None if b.get(*i) == Some(&0xff) => {
                        *i += 1;
                        break;
                    }
                    _ => {}
                }
                items.push(cbor_item(b, i, depth + 1)?);
                count += 1;
            }
            if major == 4 {
                Cbor::Array(items)
            } else {
                if items.len() % 2 != 0 {
                    return Err("odd number of items in a CBOR map".into());
                }
                let mut pairs: Vec<(Cbor, Cbor)> = Vec::new();
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    pairs.push((k, v));
                }
                pairs.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
                Cbor::Map(pairs)
            }
        }
        6 => Cbor::Tag(n(arg)?, Box::new(cbor_item(b, i, depth + 1)?)),
        _ => unreachable!("major type is three bits"),
    })
}

/// Compares a base64 CBOR body with actual bytes, as decoded values.
pub fn compare_cbor(expected_base64: &str, actual: &[u8]) -> Result<(), String> {
    let e = decode_base64(expected_base64)?;
    if e.is_empty() || actual.is_empty() {
        return if e.len() == actual.len() {
            Ok(())
        } else {
            Err(format!(
                "body: expected {} bytes, got {}",
                e.len(),
                actual.len()
            ))
        };
    }
    let ev = parse_cbor(&e).map_err(|err| format!("expected body is not CBOR: {err}"))?;
    let av = parse_cbor(actual).map_err(|err| format!("body is not CBOR: {err}"))?;
    if ev == av {
        Ok(())
    } else {
        Err(format!("body: expected {ev:?}, got {av:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_compared_as_values() {
        assert!(compare_json(br#"{"a": 1, "b": [1, 2]}"#, br#"{"b":[1,2],"a":1}"#).is_ok());
        assert!(compare_json(br#"{"a": 1}"#, br#"{"a":2}"#).is_err());
        assert!(compare_json(b"", b"").is_ok());
        assert!(compare_json(b"", b"{}").is_err());
    }

    #[test]
    fn query_bodies_are_parameter_sets() {
        assert!(compare_query(
            "Action=Op&Version=2020-01-08&A.1=x%20y",
            "Version=2020-01-08&A.1=x+y&Action=Op"
        )
        .is_ok());
        let e = compare_query("Action=Op&A=1", "Action=Op&A=2").unwrap_err();
        assert_eq!(e, "query body differs: missing [A=1], unexpected [A=2]");
        assert!(compare_query("A=%3D", "A==").is_ok());
        assert!(compare_query("A=%ZZ", "A=1").is_err());
        assert_eq!(
            query_params("Empty=&Flag").unwrap(),
            [("Empty".into(), "".into()), ("Flag".into(), "".into())]
        );
    }

    #[test]
    fn xml_is_compared_canonically() {
        let a = "<?xml version=\"1.0\"?>\n<Root b=\"2\" a='1'>\n  <x>hi &amp; bye</x>\n  <!-- c -->\n  <y/>\n</Root>";
        let b = "<Root a=\"1\" b=\"2\"><x>hi &#38; bye</x><y></y></Root>";
        assert_eq!(compare_xml(a, b), Ok(()));
        assert!(compare_xml("<a><b>1</b></a>", "<a><b>2</b></a>").is_err());
        assert!(
            compare_xml("<a><b/><c/></a>", "<a><c/><b/></a>").is_err(),
            "element order matters"
        );
        assert!(compare_xml("<a xmlns=\"u\"/>", "<a/>").is_err());
        assert_eq!(
            compare_xml("<a><![CDATA[<x>]]></a>", "<a>&lt;x&gt;</a>"),
            Ok(())
        );
        assert!(parse_xml("<a><b></a>").is_err());
        assert_eq!(
            parse_xml("<a k=\"v\"> <b>t</b> </a>").unwrap().canonical(),
            "<a k=\"v\"><b>t</b></a>"
        );
        assert_eq!(compare_xml("", ""), Ok(()));
        assert!(compare_xml("", "<a/>").is_err());
    }

    #[test]
    fn cbor_maps_compare_regardless_of_order_and_float_width() {
        // {"a": 1, "b": 1.5} vs {"b": 1.5 (half), "a": 1}
        let one = [
            0xa2, 0x61, b'a', 0x01, 0x61, b'b', 0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0,
        ];
        let two = [0xa2, 0x61, b'b', 0xf9, 0x3e, 0x00, 0x61, b'a', 0x01];
        assert_eq!(parse_cbor(&one).unwrap(), parse_cbor(&two).unwrap());
        // Indefinite map and text: {_ "a": "xy"}
        let three = [0xbf, 0x61, b'a', 0x7f, 0x61, b'x', 0x61, b'y', 0xff, 0xff];
        assert_eq!(
            parse_cbor(&three).unwrap(),
            Cbor::Map(vec![(Cbor::Text("a".into()), Cbor::Text("xy".into()))])
        );
        assert_eq!(decode_base64("oWV2YWx1Zfl8AA==").unwrap().len(), 10);
        assert_eq!(decode_base64("YQ").unwrap(), b"a");
        assert!(compare_cbor(
            "oWV2YWx1Zfl8AA==",
            &decode_base64("oWV2YWx1Zfl8AA").unwrap()
        )
        .is_ok());
    }
}
