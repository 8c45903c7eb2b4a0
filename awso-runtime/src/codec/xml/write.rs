//! Writing XML: the restXml request body of a shape.
//!
//! A by-value [`XmlSerializer`] knows the *slot* it writes into (an element with its name and
//! namespace, or an attribute of the enclosing start tag) and the member it writes, for the
//! list and map naming rules.

use crate::number::NumberText;
use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{Member, Shape, XmlNamespace};
use crate::time::{Timestamp, TimestampFormat};
use crate::{AwsShape, Document, MapKey};

/// Escapes element text: `&`, `<`, `>`, and `\r` (as `&#xD;`, which XML parsers would
/// otherwise normalise away).
pub fn escape_text(out: &mut Vec<u8>, s: &str) {
    escape(out, s, false);
}

/// Escapes an attribute value: as [`escape_text`], plus `"` and the whitespace characters
/// `\n`, `\r`, `\t` as character references (attribute normalisation would turn them into
/// spaces).
pub fn escape_attribute(out: &mut Vec<u8>, s: &str) {
    escape(out, s, true);
}

#[inline]
fn escape(out: &mut Vec<u8>, s: &str, attribute: bool) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\r' => b"&#xD;",
            b'"' if attribute => b"&quot;",
            b'\n' if attribute => b"&#xA;",
            b'\t' if attribute => b"&#x9;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(rep);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Where a value is written.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// The root element: named by the structure's `xml_name` or name, else this name.
    Root(&'static str),
    /// An element with this name and namespace declaration.
    Element(&'static str, Option<XmlNamespace>),
    /// An attribute of the enclosing start tag.
    Attribute(&'static str),
}

/// The output and what was written into it that XML cannot represent.
#[derive(Debug, Default)]
pub struct XmlOutput {
    /// The bytes written (always UTF-8).
    pub bytes: Vec<u8>,
    /// Set when a value XML has no form for (a `Document`) was left out.
    pub unsupported: Option<&'static str>,
    /// The root element name, when the caller chooses it (an operation's input
    /// `locationName`, or a payload member's `xml_name`) instead of the shape.
    pub root_name: Option<String>,
    /// Whether `root_name` wins over the shape's own `xml_name` (a payload member's name
    /// does; an operation's input name does not).
    pub root_forced: bool,
    /// A namespace declared on the root element instead of the shape's (a payload member's).
    pub root_namespace: Option<XmlNamespace>,
}

impl XmlOutput {
    /// An empty output whose root element is named `root` unless the shape names its own.
    pub fn new(root: Option<&str>) -> Self {
        XmlOutput {
            bytes: Vec::with_capacity(256),
            root_name: root.map(str::to_owned),
            ..XmlOutput::default()
        }
    }
}

/// An element name: static (from a shape or member), or the caller's root name.
#[derive(Debug, Clone, Copy)]
enum Tag {
    Static(&'static str),
    Root,
}

impl Tag {
    fn resolve(self, root_name: &Option<String>) -> &str {
        match self {
            Tag::Static(name) => name,
            Tag::Root => root_name.as_deref().unwrap_or_default(),
        }
    }
}

/// Writes one value as XML.
#[derive(Debug)]
pub struct XmlSerializer<'a> {
    out: &'a mut XmlOutput,
    slot: Slot,
    member: Option<&'static Member>,
    timestamp_format: Option<TimestampFormat>,
}

impl<'a> XmlSerializer<'a> {
    /// A writer of a root element (named `name` unless the value is a structure, whose
    /// `xml_name` or shape name wins), appending to `out`.
    pub fn root(out: &'a mut XmlOutput, name: &'static str) -> Self {
        XmlSerializer {
            out,
            slot: Slot::Root(name),
            member: None,
            timestamp_format: None,
        }
    }

    fn child(
        &mut self,
        slot: Slot,
        member: Option<&'static Member>,
        timestamp_format: Option<TimestampFormat>,
    ) -> XmlSerializer<'_> {
        XmlSerializer {
            out: self.out,
            slot,
            member,
            timestamp_format,
        }
    }

    /// Writes text (escaped) into the slot.
    fn text(self, text: &str) {
        let out = &mut self.out.bytes;
        match self.slot {
            Slot::Attribute(name) => {
                out.push(b' ');
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b"=\"");
                escape_attribute(out, text);
                out.push(b'"');
            }
            Slot::Root(name) => {
                let name = self.out.root_name.as_deref().unwrap_or(name);
                open_tag(out, name, None);
                out.push(b'>');
                escape_text(out, text);
                close_tag(out, name);
            }
            Slot::Element(name, ns) => {
                open_tag(out, name, ns);
                out.push(b'>');
                escape_text(out, text);
                close_tag(out, name);
            }
        }
    }

    /// The element name and namespace of the slot (attributes cannot hold containers).
    fn element(&self) -> Option<(&'static str, Option<XmlNamespace>)> {
        match self.slot {
            Slot::Root(name) => Some((name, None)),
            Slot::Element(name, ns) => Some((name, ns)),
            Slot::Attribute(_) => None,
        }
    }

    fn flattened(&self) -> bool {
        self.member.is_some_and(|m| m.flattened)
    }
}

/// Writes `<name` and a namespace declaration; the caller ends the start tag.
fn open_tag(out: &mut Vec<u8>, name: &str, ns: Option<XmlNamespace>) {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    if let Some(ns) = ns {
        match ns.prefix {
            Some(p) => {
                out.extend_from_slice(b" xmlns:");
                out.extend_from_slice(p.as_bytes());
            }
            None => out.extend_from_slice(b" xmlns"),
        }
        out.extend_from_slice(b"=\"");
        escape_attribute(out, ns.uri);
        out.push(b'"');
    }
}

fn close_tag(out: &mut Vec<u8>, name: &str) {
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
}

/// The element or attribute name of a member: its `xml_name`, else its name.
#[inline]
pub(crate) fn member_name(m: &Member) -> &'static str {
    m.xml_name.unwrap_or(m.name)
}

/// Writes the members of one structure or union element.
#[derive(Debug)]
pub struct XmlStructure<'a> {
    out: &'a mut XmlOutput,
    /// The element name; `None` when the structure was asked for in an attribute (nothing is
    /// written).
    name: Option<Tag>,
    /// Whether the start tag still accepts attributes.
    open: bool,
}

impl<'a> Serializer for XmlSerializer<'a> {
    type Ok = ();
    type Structure = XmlStructure<'a>;

    fn boolean(self, v: bool) {
        self.text(if v { "true" } else { "false" });
    }
    fn byte(self, v: i8) {
        v.with_text(|t| self.text(t));
    }
    fn short(self, v: i16) {
        v.with_text(|t| self.text(t));
    }
    fn integer(self, v: i32) {
        v.with_text(|t| self.text(t));
    }
    fn long(self, v: i64) {
        v.with_text(|t| self.text(t));
    }
    fn float(self, v: f32) {
        v.with_text(|t| self.text(t));
    }
    fn double(self, v: f64) {
        v.with_text(|t| self.text(t));
    }
    fn string(self, v: &str) {
        self.text(v);
    }
    fn timestamp(self, v: Timestamp) {
        let mut buf = Vec::with_capacity(32);
        v.write_bytes(
            self.timestamp_format.unwrap_or(TimestampFormat::DateTime),
            &mut buf,
        );
        self.text(std::str::from_utf8(&buf).unwrap_or_default());
    }
    fn blob(self, v: &[u8]) {
        let mut buf = Vec::with_capacity(v.len().div_ceil(3) * 4);
        crate::blob::encode_base64_into(v, &mut buf);
        self.text(std::str::from_utf8(&buf).unwrap_or_default());
    }
    fn document(self, _v: &Document) {
        self.out.unsupported = Some("documents have no XML form");
    }
    fn null(self) {
        // Sparse lists and maps have no XML form for a missing item: it is left out.
    }
    fn list<T: AwsShape>(mut self, items: &[T]) {
        let Some((name, ns)) = self.element() else {
            self.out.unsupported = Some("a list cannot be an XML attribute");
            return;
        };
        let ts = self.timestamp_format;
        let inner = self.member.and_then(|m| m.items);
        if self.flattened() {
            for item in items {
                item.serialize(self.child(Slot::Element(name, ns), inner, ts));
            }
            return;
        }
        let item_name = self.member.and_then(|m| m.item_name).unwrap_or("member");
        let item_ns = self.member.and_then(|m| m.item_namespace);
        open_tag(&mut self.out.bytes, name, ns);
        self.out.bytes.push(b'>');
        for item in items {
            item.serialize(self.child(Slot::Element(item_name, item_ns), inner, ts));
        }
        close_tag(&mut self.out.bytes, name);
    }
    fn map<'m, K, V, I>(mut self, entries: I)
    where
        K: MapKey + 'm,
        V: AwsShape + 'm,
        I: ExactSizeIterator<Item = (&'m K, &'m V)>,
    {
        let Some((name, ns)) = self.element() else {
            self.out.unsupported = Some("a map cannot be an XML attribute");
            return;
        };
        let ts = self.timestamp_format;
        let key_name = self.member.and_then(|m| m.key_name).unwrap_or("key");
        let value_name = self.member.and_then(|m| m.value_name).unwrap_or("value");
        let key_ns = self.member.and_then(|m| m.key_namespace);
        let value_ns = self.member.and_then(|m| m.item_namespace);
        let inner = self.member.and_then(|m| m.items);
        let flattened = self.flattened();
        if !flattened {
            open_tag(&mut self.out.bytes, name, ns);
            self.out.bytes.push(b'>');
        }
        for (k, v) in entries {
            if flattened {
                open_tag(&mut self.out.bytes, name, ns);
                self.out.bytes.push(b'>');
            } else {
                self.out.bytes.extend_from_slice(b"<entry>");
            }
            let out = &mut self.out.bytes;
            open_tag(out, key_name, key_ns);
            out.push(b'>');
            escape_text(out, k.key());
            close_tag(out, key_name);
            v.serialize(self.child(Slot::Element(value_name, value_ns), inner, ts));
            if flattened {
                close_tag(&mut self.out.bytes, name);
            } else {
                self.out.bytes.extend_from_slice(b"</entry>");
            }
        }
        if !flattened {
            close_tag(&mut self.out.bytes, name);
        }
    }
    fn structure(self, shape: &'static Shape) -> XmlStructure<'a> {
        let (tag, ns) = match self.slot {
            // The shape's own `xml_name` wins over an operation's input name, not over a
            // payload member's name.
            Slot::Root(_)
                if self.out.root_name.is_some()
                    && (self.out.root_forced || shape.xml_name.is_none()) =>
            {
                (Tag::Root, self.out.root_namespace.or(shape.xml_namespace))
            }
            Slot::Root(_) => (
                Tag::Static(shape.xml_name.unwrap_or(shape.name)),
                self.out.root_namespace.or(shape.xml_namespace),
            ),
            Slot::Element(name, ns) => (Tag::Static(name), ns.or(shape.xml_namespace)),
            Slot::Attribute(_) => {
                self.out.unsupported = Some("a structure cannot be an XML attribute");
                return XmlStructure {
                    out: self.out,
                    name: None,
                    open: false,
                };
            }
        };
        let XmlOutput {
            bytes, root_name, ..
        } = &mut *self.out;
        open_tag(bytes, tag.resolve(root_name), ns);
        XmlStructure {
            out: self.out,
            name: Some(tag),
            open: true,
        }
    }
}

impl StructureSerializer for XmlStructure<'_> {
    type Ok = ();

    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        if self.name.is_none() {
            return;
        }
        let name = member_name(member);
        if member.xml_attribute {
            if self.open {
                value.serialize(XmlSerializer {
                    out: self.out,
                    slot: Slot::Attribute(name),
                    member: Some(member),
                    timestamp_format: member.timestamp_format,
                });
            }
            return;
        }
        if self.open {
            self.out.bytes.push(b'>');
            self.open = false;
        }
        value.serialize(XmlSerializer {
            out: self.out,
            slot: Slot::Element(name, member.xml_namespace),
            member: Some(member),
            timestamp_format: member.timestamp_format,
        });
    }

    fn end(self) {
        if let Some(tag) = self.name {
            let XmlOutput {
                bytes, root_name, ..
            } = self.out;
            if self.open {
                bytes.push(b'>');
            }
            close_tag(bytes, tag.resolve(root_name));
        }
    }
}
