//! The direct path of XML: a [`Source`] over quick-xml events on the input text, with no tree
//! in between. Text without references is borrowed from the input; element names are compared
//! in place.

use super::source::Source;
use crate::error::{Error, ErrorKind, Result};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// The default nesting limit of the XML readers.
pub use crate::limits::DEFAULT_MAX_DEPTH;

/// A [`Source`] over XML text, streaming quick-xml events.
///
/// Safe on any input: DTDs are rejected (so no entity can be declared, let alone expanded);
/// only the five predefined entities and character references are resolved; nesting deeper
/// than the depth limit is an error, also inside skipped elements.
pub struct SliceSource<'de> {
    reader: Reader<&'de [u8]>,
    /// The start tag of the element most recently opened.
    start: Option<BytesStart<'de>>,
    depth: usize,
    max_depth: usize,
    /// Offset of the last event read.
    at: usize,
}

impl std::fmt::Debug for SliceSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SliceSource")
            .field("depth", &self.depth)
            .field("offset", &self.at)
            .finish()
    }
}

impl<'de> SliceSource<'de> {
    /// A source at the start of `input`.
    pub fn new(input: &'de str) -> Self {
        let mut reader = Reader::from_str(input);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        SliceSource {
            reader,
            start: None,
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
            at: 0,
        }
    }

    /// Sets the nesting limit (default [`DEFAULT_MAX_DEPTH`]).
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    #[inline]
    fn event(&mut self) -> Result<Event<'de>> {
        self.at = self.reader.buffer_position() as usize;
        self.reader
            .read_event()
            .map_err(|e| Error::syntax(e.to_string(), self.reader.error_position() as usize))
    }

    #[cold]
    fn doctype(&self) -> Error {
        Error::syntax(
            "DTDs are not allowed (entity declarations are never expanded)",
            self.at,
        )
    }

    #[cold]
    fn outside_root(&self) -> Error {
        Error::syntax("text outside of the root element", self.at)
    }

    #[cold]
    fn eof(&self) -> Error {
        Error::syntax("unexpected end of input", self.at)
    }

    #[inline]
    fn open(&mut self, start: BytesStart<'de>) -> Result<()> {
        if self.depth >= self.max_depth {
            return Err(Error::new(ErrorKind::DepthLimit(self.max_depth)).at_offset(self.at));
        }
        check_attributes(&start, self.at)?;
        self.depth += 1;
        self.start = Some(start);
        Ok(())
    }
}

/// Resolves a reference (`&lt;`, `&#xD;`): the five predefined entities and character
/// references to characters XML allows (`Char`: not `&#1;`, not `&#xFFFE;`).
pub(crate) fn resolve_reference(r: &BytesRef<'_>) -> std::result::Result<char, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) if is_xml_char(c) => Ok(c),
        Ok(Some(_)) => Err("character reference to a character XML does not allow".to_owned()),
        Ok(None) => match &**r {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            _ => Err("undefined entity reference (only the five predefined entities and character references are allowed)".to_owned()),
        },
        Err(e) => Err(e.to_string()),
    }
}

/// XML 1.0 `Char`: tab, newline, carriage return, and U+0020 on, less U+FFFE and U+FFFF
/// (surrogates cannot be a `char`).
#[inline]
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// XML 1.0 `NameStartChar` (`:` included: names here are qualified names).
fn is_name_start_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 `NameChar`.
fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Checks that the attributes of a start tag are well-formed XML 1.0, as every conforming
/// parser (botocore's expat among them) requires: `(S Name S? '=' S? AttValue)* S?`, each
/// value quoted, holding no `<` and no `&` but in a reference the readers resolve, only
/// characters XML allows, and no attribute given twice. `at` is the offset of the tag's `<`;
/// errors point at the offending byte. quick-xml itself looks at attributes only when asked
/// for one, so without this `<Op a="<" b>` would read as well-formed.
#[inline]
pub(crate) fn check_attributes(start: &BytesStart<'_>, at: usize) -> Result<()> {
    let raw = start.attributes_raw();
    if raw.is_empty() {
        return Ok(());
    }
    // `<` + the name: where `raw` starts in the input.
    check_attribute_list(raw, at + 1 + start.name().as_ref().len())
}

#[cold]
fn check_attribute_list(raw: &str, base: usize) -> Result<()> {
    let bad = |message: &str, i: usize| {
        Error::syntax(format!("ill-formed attribute: {message}"), base + i)
    };
    let bytes = raw.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    // Attribute names seen so far, to refuse one given twice: a short list, a set past 16.
    let mut names: Vec<&str> = Vec::new();
    let mut many: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut i = 0;
    loop {
        let space_start = i;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            return Ok(());
        }
        if i == space_start {
            return Err(bad("expected whitespace before the attribute name", i));
        }
        // Name
        let name_start = i;
        for (k, c) in raw[i..].char_indices() {
            let ok = if k == 0 {
                is_name_start_char(c)
            } else {
                is_name_char(c)
            };
            if !ok {
                break;
            }
            i = name_start + k + c.len_utf8();
        }
        if i == name_start {
            return Err(bad("expected an attribute name", i));
        }
        let name = &raw[name_start..i];
        let twice = if many.is_empty() && names.len() < 16 {
            let twice = names.contains(&name);
            names.push(name);
            twice
        } else {
            many.extend(names.drain(..));
            !many.insert(name)
        };
        if twice {
            return Err(bad("an attribute is given twice", name_start));
        }
        // Eq
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return Err(bad("expected `=` after the attribute name", i));
        }
        i += 1;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        // AttValue
        let quote = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err(bad("expected a quoted attribute value", i)),
        };
        i += 1;
        let value_start = i;
        loop {
            let Some(c) = raw[i..].chars().next() else {
                return Err(bad("unterminated attribute value", value_start - 1));
            };
            match c {
                '<' => return Err(bad("`<` in an attribute value", i)),
                '&' => {
                    let end = raw[i..].find(';').map(|e| i + e);
                    let reference = end.map(|e| &raw[i + 1..e]).filter(|r| {
                        !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
                    });
                    match (reference, end) {
                        (Some(r), Some(e)) => {
                            resolve_reference(&BytesRef::new(r)).map_err(|m| bad(&m, i))?;
                            i = e + 1;
                        }
                        _ => {
                            return Err(bad(
                                "`&` not starting a reference in an attribute value",
                                i,
                            ))
                        }
                    }
                }
                c if c as u32 == u32::from(quote) => {
                    i += 1;
                    break;
                }
                c if !is_xml_char(c) => {
                    return Err(bad(
                        "a character XML does not allow in an attribute value",
                        i,
                    ))
                }
                c => i += c.len_utf8(),
            }
        }
    }
}

/// Appends `piece` to the text gathered so far, borrowing while there is only one piece.
#[inline]
pub(crate) fn append<'de>(text: &mut Option<Cow<'de, str>>, piece: Cow<'de, str>) {
    match text {
        None => *text = Some(piece),
        Some(t) => t.to_mut().push_str(&piece),
    }
}

/// The value of `name` among the attributes of `start`: by qualified name, else local name.
pub(crate) fn find_attribute<'a>(
    start: &'a BytesStart<'_>,
    name: &str,
) -> Result<Option<Cow<'a, str>>> {
    let local = super::local_name(name);
    let mut by_local = None;
    // Checked when the element was opened (`check_attributes`), so no checks again here.
    for attr in start.attributes().with_checks(false) {
        let attr = attr.map_err(|e| Error::new(ErrorKind::Syntax(e.to_string())))?;
        let key = attr.key.as_ref();
        if key == name || (by_local.is_none() && super::local_name(key) == local) {
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| Error::new(ErrorKind::Syntax(e.to_string())))?
                .into_owned();
            if key == name {
                return Ok(Some(Cow::Owned(value)));
            }
            by_local = Some(Cow::Owned(value));
        }
    }
    Ok(by_local)
}

impl<'de> Source<'de> for SliceSource<'de> {
    fn next_child(&mut self) -> Result<bool> {
        loop {
            match self.event()? {
                Event::Start(start) => {
                    self.open(start)?;
                    return Ok(true);
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(false);
                }
                Event::Eof if self.depth == 0 => return Ok(false),
                Event::Eof => return Err(self.eof()),
                Event::DocType(_) => return Err(self.doctype()),
                // Before the root only whitespace, comments and processing instructions may
                // be (as the tree parser and every conforming parser require).
                Event::Text(t) if self.depth == 0 && !t.trim().is_empty() => {
                    return Err(self.outside_root())
                }
                Event::CData(_) | Event::GeneralRef(_) if self.depth == 0 => {
                    return Err(self.outside_root())
                }
                Event::GeneralRef(r) => {
                    // Outside of a value, but still only the predefined entities are valid.
                    resolve_reference(&r).map_err(|m| Error::syntax(m, self.at))?;
                }
                _ => {}
            }
        }
    }

    #[inline]
    fn name(&self) -> &str {
        match &self.start {
            Some(s) => s.local_name().into_inner(),
            None => "",
        }
    }

    fn attribute(&self, name: &str) -> Result<Option<Cow<'_, str>>> {
        match &self.start {
            Some(s) => find_attribute(s, name).map_err(|e| e.at_offset(self.at)),
            None => Ok(None),
        }
    }

    fn text(&mut self) -> Result<Cow<'de, str>> {
        let mut text: Option<Cow<'de, str>> = None;
        loop {
            match self.event()? {
                Event::Text(t) => append(&mut text, t.xml10_content()),
                Event::CData(c) => append(&mut text, c.into_inner()),
                Event::GeneralRef(r) => {
                    let c = resolve_reference(&r).map_err(|m| Error::syntax(m, self.at))?;
                    let mut buf = [0u8; 4];
                    append(&mut text, Cow::Owned(c.encode_utf8(&mut buf).to_owned()));
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(text.unwrap_or(Cow::Borrowed("")));
                }
                Event::Start(_) => {
                    return Err(Error::expected("text", "element").at_offset(self.at));
                }
                Event::Eof => return Err(self.eof()),
                Event::DocType(_) => return Err(self.doctype()),
                _ => {}
            }
        }
    }

    fn skip(&mut self) -> Result<()> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            match self.event()? {
                Event::Start(start) => self.open(start)?,
                Event::End(_) => self.depth -= 1,
                Event::Eof => return Err(self.eof()),
                Event::DocType(_) => return Err(self.doctype()),
                // Skipped, but still well-formed: only references the readers resolve.
                Event::GeneralRef(r) => {
                    resolve_reference(&r).map_err(|m| Error::syntax(m, self.at))?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    #[inline]
    fn depth(&self) -> usize {
        self.depth
    }

    fn end(&mut self) -> Result<()> {
        loop {
            match self.event()? {
                Event::Eof => return Ok(()),
                Event::Text(t) if t.trim().is_empty() => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => {
                    return Err(Error::syntax(
                        "unexpected content after the root element",
                        self.at,
                    ))
                }
            }
        }
    }

    #[inline]
    fn offset(&self) -> usize {
        self.at
    }
}
