//! The direct path of XML: a [`Source`] over quick-xml events on the input text, with no tree
//! in between. Text without references is borrowed from the input; element names are compared
//! in place.

use super::source::Source;
use crate::error::{Error, ErrorKind, Result};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// The default nesting limit of the XML readers.
pub const DEFAULT_MAX_DEPTH: usize = 128;

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
    fn eof(&self) -> Error {
        Error::syntax("unexpected end of input", self.at)
    }

    #[inline]
    fn open(&mut self, start: BytesStart<'de>) -> Result<()> {
        if self.depth >= self.max_depth {
            return Err(Error::new(ErrorKind::DepthLimit(self.max_depth)).at_offset(self.at));
        }
        self.depth += 1;
        self.start = Some(start);
        Ok(())
    }
}

/// Resolves a reference (`&lt;`, `&#xD;`): the five predefined entities and character
/// references only.
pub(crate) fn resolve_reference(r: &BytesRef<'_>) -> std::result::Result<char, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c),
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
    for attr in start.attributes() {
        let attr = attr.map_err(|e| Error::syntax(e.to_string(), 0))?;
        let key = attr.key.as_ref();
        if key == name || (by_local.is_none() && super::local_name(key) == local) {
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| Error::syntax(e.to_string(), 0))?
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
