//! The tree path of XML: [`Xml`], a small element tree parsed with quick-xml, and a
//! [`Source`] that walks it.

use super::read::{resolve_reference, DEFAULT_MAX_DEPTH};
use super::source::Source;
use super::XmlOptions;
use crate::error::{Error, ErrorKind, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::fmt;

/// One attribute of an [`Xml`] element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlAttribute {
    /// The name as written, prefix included (`xsi:type`, `xmlns:baz`).
    pub name: String,
    /// The value, references resolved and whitespace normalized as XML requires.
    pub value: String,
}

/// An XML element: name, namespace, attributes, child elements and text.
///
/// Parsed by [`Xml::parse`] (safely: no DTDs, no entity expansion, a depth limit) and read
/// into shapes by [`AwsShape::of_xml`](crate::AwsShape::of_xml). Comments and processing
/// instructions are dropped; CDATA becomes text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Xml {
    /// The local name (`ListBucketResult`), without prefix.
    pub name: String,
    /// The prefix the element was written with, if any.
    pub prefix: Option<String>,
    /// The namespace URI the element is in, if any (resolved from `xmlns` declarations).
    pub namespace: Option<String>,
    /// The attributes, in document order (namespace declarations included).
    pub attributes: Vec<XmlAttribute>,
    /// The child elements, in document order.
    pub children: Vec<Xml>,
    /// The text directly inside this element (all its text pieces, concatenated; whitespace
    /// between child elements included).
    pub text: String,
}

impl Xml {
    /// An element with only a name.
    pub fn new(name: impl Into<String>) -> Self {
        Xml::with_text(name, String::new())
    }

    /// An element with a name and text content.
    pub fn with_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Xml {
            name: name.into(),
            prefix: None,
            namespace: None,
            attributes: Vec::new(),
            children: Vec::new(),
            text: text.into(),
        }
    }

    /// Parses an XML document into its root element, with the default [`XmlOptions`].
    ///
    /// # Errors
    ///
    /// Malformed XML, a DTD, an undefined entity, nesting deeper than 128 levels, invalid
    /// UTF-8; errors give the line and column.
    pub fn parse(input: &str) -> Result<Xml> {
        Xml::parse_with(input.as_bytes(), &XmlOptions::default())
    }

    /// Parses XML bytes into the root element with the given options.
    ///
    /// # Errors
    ///
    /// As [`Xml::parse`], with the limits of `options`.
    pub fn parse_with(input: &[u8], options: &XmlOptions) -> Result<Xml> {
        let text = super::check_input(input, options)?;
        parse_tree(text, options.max_depth).map_err(|e| e.with_input(input))
    }

    /// The first child element with the local name `name`.
    pub fn child(&self, name: &str) -> Option<&Xml> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The child elements with the local name `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Xml> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child element named `name`.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// The value of an attribute, by name as written (`xsi:type`) or local name (`type`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .or_else(|| {
                let local = super::local_name(name);
                self.attributes
                    .iter()
                    .find(|a| super::local_name(&a.name) == local)
            })
            .map(|a| a.value.as_str())
    }
}

impl Drop for Xml {
    /// Drops deep trees without recursion.
    fn drop(&mut self) {
        if self.children.iter().all(|c| c.children.is_empty()) {
            return;
        }
        let mut stack = std::mem::take(&mut self.children);
        while let Some(mut node) = stack.pop() {
            stack.append(&mut node.children);
        }
    }
}

/// Writes the element as XML (no declaration, no indentation; text escaped).
impl fmt::Display for Xml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Vec::new();
        write_node(self, &mut out);
        f.write_str(&String::from_utf8_lossy(&out))
    }
}

fn qualified(node: &Xml) -> Cow<'_, str> {
    match &node.prefix {
        Some(p) => Cow::Owned(format!("{p}:{}", node.name)),
        None => Cow::Borrowed(&node.name),
    }
}

fn write_node(node: &Xml, out: &mut Vec<u8>) {
    // An explicit stack: trees from `parse` are depth-limited, hand-built ones may not be.
    enum Step<'a> {
        Open(&'a Xml),
        Close(&'a Xml),
    }
    let mut stack = vec![Step::Open(node)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Open(n) => {
                out.push(b'<');
                out.extend_from_slice(qualified(n).as_bytes());
                for a in &n.attributes {
                    out.push(b' ');
                    out.extend_from_slice(a.name.as_bytes());
                    out.extend_from_slice(b"=\"");
                    super::write::escape_attribute(out, &a.value);
                    out.push(b'"');
                }
                out.push(b'>');
                if n.children.is_empty() {
                    super::write::escape_text(out, &n.text);
                }
                stack.push(Step::Close(n));
                for c in n.children.iter().rev() {
                    stack.push(Step::Open(c));
                }
            }
            Step::Close(n) => {
                out.extend_from_slice(b"</");
                out.extend_from_slice(qualified(n).as_bytes());
                out.push(b'>');
            }
        }
    }
}

/// In-scope namespace declarations: (prefix, uri), innermost last; `None` is the default.
type Scopes = Vec<(Option<String>, String)>;

fn element(start: &BytesStart<'_>, scopes: &mut Scopes, at: usize) -> Result<(Xml, usize)> {
    super::read::check_attributes(start, at)?;
    let qname = start.name();
    let qname = qname.as_ref();
    let (prefix, name) = match qname.split_once(':') {
        Some((p, n)) => (Some(p.to_owned()), n.to_owned()),
        None => (None, qname.to_owned()),
    };
    let mut attributes = Vec::new();
    let mut declared = 0;
    // Well-formed (checked above), so no checks again here.
    for attr in start.attributes().with_checks(false) {
        let attr = attr.map_err(|e| Error::syntax(e.to_string(), at))?;
        let key = attr.key.as_ref().to_owned();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| Error::syntax(e.to_string(), at))?
            .into_owned();
        if key == "xmlns" {
            scopes.push((None, value.clone()));
            declared += 1;
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            scopes.push((Some(p.to_owned()), value.clone()));
            declared += 1;
        }
        attributes.push(XmlAttribute { name: key, value });
    }
    let namespace = scopes
        .iter()
        .rev()
        .find(|(p, _)| *p == prefix)
        .map(|(_, uri)| uri.clone())
        .filter(|uri| !uri.is_empty());
    Ok((
        Xml {
            name,
            prefix,
            namespace,
            attributes,
            children: Vec::new(),
            text: String::new(),
        },
        declared,
    ))
}

fn parse_tree(input: &str, max_depth: usize) -> Result<Xml> {
    let mut reader = Reader::from_str(input);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = true;
    config.trim_text(false);
    // Open elements, each with the number of namespace declarations it made.
    let mut stack: Vec<(Xml, usize)> = Vec::new();
    let mut scopes: Scopes = Vec::new();
    let mut root: Option<Xml> = None;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| Error::syntax(e.to_string(), reader.error_position() as usize))?;
        let text_piece: Option<Cow<'_, str>> = match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err(Error::syntax(
                        "unexpected content after the root element",
                        at,
                    ));
                }
                if stack.len() >= max_depth {
                    return Err(Error::new(ErrorKind::DepthLimit(max_depth)).at_offset(at));
                }
                let node = element(&start, &mut scopes, at)?;
                stack.push(node);
                None
            }
            Event::End(_) => {
                let (node, declared) = stack
                    .pop()
                    .ok_or_else(|| Error::syntax("unexpected end tag", at))?;
                scopes.truncate(scopes.len() - declared);
                match stack.last_mut() {
                    Some((parent, _)) => parent.children.push(node),
                    None => root = Some(node),
                }
                None
            }
            Event::Text(t) => Some(t.xml10_content()),
            Event::CData(c) => Some(c.into_inner()),
            Event::GeneralRef(r) => {
                let c = resolve_reference(&r).map_err(|m| Error::syntax(m, at))?;
                Some(Cow::Owned(c.to_string()))
            }
            Event::DocType(_) => {
                return Err(Error::syntax(
                    "DTDs are not allowed (entity declarations are never expanded)",
                    at,
                ))
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(piece) = text_piece {
            match stack.last_mut() {
                Some((node, _)) => node.text.push_str(&piece),
                None if piece.trim().is_empty() => {}
                None => {
                    return Err(Error::syntax("text outside of the root element", at));
                }
            }
        }
    }
    if !stack.is_empty() {
        return Err(Error::syntax("unexpected end of input", input.len()));
    }
    root.ok_or_else(|| Error::syntax("no root element", input.len()))
}

/// A [`Source`] over a parsed [`Xml`] tree, positioned before `root` (at the document level).
#[derive(Debug)]
pub struct TreeSource<'a> {
    root: Option<&'a Xml>,
    /// Open elements and the index of their next child.
    stack: Vec<(&'a Xml, usize)>,
    current: Option<&'a Xml>,
    max_depth: usize,
}

impl<'a> TreeSource<'a> {
    /// A source whose root element is `root`.
    pub fn new(root: &'a Xml) -> Self {
        TreeSource {
            root: Some(root),
            stack: Vec::new(),
            current: None,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }

    fn open(&mut self, node: &'a Xml) -> Result<bool> {
        if self.stack.len() >= self.max_depth {
            return Err(Error::new(ErrorKind::DepthLimit(self.max_depth)));
        }
        self.stack.push((node, 0));
        self.current = Some(node);
        Ok(true)
    }
}

impl<'a> Source<'a> for TreeSource<'a> {
    const LOCATED: bool = false;

    fn next_child(&mut self) -> Result<bool> {
        let Some((node, next)) = self.stack.last_mut() else {
            return match self.root.take() {
                Some(root) => self.open(root),
                None => Ok(false),
            };
        };
        match node.children.get(*next) {
            Some(child) => {
                *next += 1;
                self.open(child)
            }
            None => {
                self.stack.pop();
                Ok(false)
            }
        }
    }

    fn name(&self) -> &str {
        self.current.map_or("", |n| n.name.as_str())
    }

    fn attribute(&self, name: &str) -> Result<Option<Cow<'_, str>>> {
        Ok(self
            .current
            .and_then(|n| n.attribute(name))
            .map(Cow::Borrowed))
    }

    fn text(&mut self) -> Result<Cow<'a, str>> {
        match self.stack.pop() {
            Some((node, _)) if node.children.is_empty() => Ok(Cow::Borrowed(&node.text)),
            Some(_) => Err(Error::expected("text", "element")),
            None => Err(Error::syntax("no element here (unbalanced reads)", 0)),
        }
    }

    fn skip(&mut self) -> Result<()> {
        self.stack.pop();
        Ok(())
    }

    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn peek_child_text(&self, name: &str) -> Option<String> {
        let (node, _) = self.stack.last()?;
        node.child(name).map(|c| c.text.clone())
    }

    fn end(&mut self) -> Result<()> {
        Ok(())
    }

    fn offset(&self) -> usize {
        0
    }
}
