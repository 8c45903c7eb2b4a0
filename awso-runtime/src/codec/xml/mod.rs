//! XML: the body format of restXml, and the response format of awsQuery and ec2Query.
//!
//! Two paths with the same rules:
//! - direct: [`to_string`] writes a request body, and [`from_str`] (restXml),
//!   [`from_str_query`] (awsQuery) and [`from_str_ec2`] (ec2Query) read a response body
//!   streaming over quick-xml events, with no tree in between;
//! - tree: [`Xml`] is a small element tree; [`AwsShape::to_xml`],
//!   [`AwsShape::of_xml`] and
//!   [`AwsShape::of_string`] work with it.
//!
//! # Rules
//!
//! - A structure is an element named by its `xml_name` (or shape name) at the root, by the
//!   member's `xml_name` (or member name) below; `#[aws(xml_attribute)]` members are
//!   attributes of it, the others child elements. Unknown elements and attributes are
//!   ignored; element names match by local name (prefixes are ignored).
//! - A list is a wrapper element with one `<member>` (or `item_name`) element per item; a
//!   `#[aws(flattened)]` list is one element per item, named as the member, which may be
//!   interleaved with other members.
//! - A map is a wrapper with `<entry><key/><value/></entry>` per entry (`key_name`,
//!   `value_name`); a flattened map is one member element per entry holding `<key/><value/>`.
//! - Values: booleans `true`/`false`; floats also `NaN`, `Infinity`, `-Infinity`; timestamps
//!   `date-time` unless the member's `timestamp_format` says otherwise (and read leniently:
//!   any of the three formats is accepted); blobs base64; enums as their value; an empty
//!   element is an empty string (or blob, list, map, structure), never absent.
//! - `Document` has no XML form: reading one is an error, and [`try_to_string`] reports it.
//! - Namespaces: `xmlns` / `xmlns:prefix` declarations are written where the shape (at the
//!   root, or on any element holding it) or the member says; on input they are kept on
//!   [`Xml`] nodes and otherwise ignored.
//!
//! # Response envelopes
//!
//! - restXml: the root element is the output structure (its name is not checked).
//! - ec2Query: `<OpResponse>` is the output structure (`requestId` is an ordinary member).
//! - awsQuery: `<OpResponse><OpResult>…</OpResult><ResponseMetadata/></OpResponse>`: the
//!   root must be named `…Response`; the output structure is its first child element named
//!   `…Result`, wherever it is among the children (`ResponseMetadata` may come first); the
//!   other children are skipped. With no `…Result` element the output is read from an empty
//!   element, but only when the root holds nothing else than `ResponseMetadata` (operations
//!   without output members); anything else is an error naming the missing element, never a
//!   silently empty output.
//! - An empty body (whitespace only) is read as an empty element, in every envelope: outputs
//!   without body members (required members are then reported missing).
//! - [`AwsShape::of_string`] has no protocol, so it detects the awsQuery form by the same
//!   rule: a root named `…Response` with a child element named `…Result` is an awsQuery
//!   envelope, read exactly as [`from_str_query`] reads it; any other root is read as it is,
//!   as [`from_str_ec2`] (and restXml's [`from_str`]) read it. The tree's
//!   [`unwrap_envelope`] applies the same rule.
//!
//! # Safety
//!
//! DTDs are rejected (an entity bomb is a syntax error, not a memory blow-up); only the five
//! predefined entities and character references are resolved; nesting deeper than
//! [`XmlOptions::max_depth`] (128) is an error; input larger than [`XmlOptions::max_size`]
//! is an error; invalid UTF-8 is an error. Errors name the member path
//! (`Reservations[3].Instances[0].State.Code`) and give the line and column.

pub(crate) mod error;
pub(crate) mod read;
pub(crate) mod source;
pub(crate) mod tree;
pub(crate) mod write;

pub use error::{error_code, error_element, error_message, request_id, XmlErrorResponse};
pub use tree::{Xml, XmlAttribute};

use crate::de::{Deserializer, EntryVisitor, ItemVisitor, MemberVisitor};
use crate::error::{Error, ErrorKind, Result};
use crate::shape::{Member, Shape};
use crate::time::{Timestamp, TimestampFormat};
use crate::{AwsShape, Blob, Document};
use read::SliceSource;
use source::Source;
use std::borrow::Cow;
use std::marker::PhantomData;
use tree::TreeSource;

/// Options of the XML readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlOptions {
    /// The deepest nesting of elements accepted on input. Default 128.
    pub max_depth: usize,
    /// The largest input accepted, in bytes. Default 64 MiB, as the JSON reader's.
    pub max_size: usize,
}

impl Default for XmlOptions {
    fn default() -> Self {
        XmlOptions {
            max_depth: read::DEFAULT_MAX_DEPTH,
            max_size: crate::limits::DEFAULT_MAX_SIZE,
        }
    }
}

/// The local part of a qualified name (`xsi:type` → `type`).
#[inline]
pub(crate) fn local_name(name: &str) -> &str {
    match name.rfind(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Checks the size limit and UTF-8.
pub(crate) fn check_input<'a>(input: &'a [u8], options: &XmlOptions) -> Result<&'a str> {
    if input.len() > options.max_size {
        return Err(Error::new(ErrorKind::SizeLimit(options.max_size)));
    }
    std::str::from_utf8(input)
        .map_err(|e| Error::syntax("invalid UTF-8", e.valid_up_to()).with_input(input))
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Serializes `value` as an XML document (a restXml body): the root element is named by the
/// type's `xml_name` (or name). Values with no XML form (`Document`) are left out; see
/// [`try_to_string`].
pub fn to_string<T: AwsShape>(value: &T) -> String {
    String::from_utf8(to_output(value).bytes).unwrap_or_default()
}

/// Serializes `value` as XML bytes (see [`to_string`]).
pub fn to_vec<T: AwsShape>(value: &T) -> Vec<u8> {
    to_output(value).bytes
}

/// Like [`to_string`], but an error when the value holds something XML cannot represent (a
/// `Document`, or a container in an `xml_attribute` member).
pub fn try_to_string<T: AwsShape>(value: &T) -> Result<String> {
    let out = to_output(value);
    match out.unsupported {
        Some(what) => Err(Error::invalid(what).in_shape(T::NAME)),
        None => Ok(String::from_utf8(out.bytes).unwrap_or_default()),
    }
}

/// Serializes `value` as an XML document whose root element is named `root` (an operation's
/// input `locationName`) instead of the type's name; a structure's own `xml_name` still wins
/// (as the restXml `BodyWithXmlName` case expects).
pub fn to_string_with_root<T: AwsShape>(value: &T, root: &str) -> String {
    String::from_utf8(to_output_with_root(value, root).bytes).unwrap_or_default()
}

/// Like [`to_string_with_root`], as bytes.
pub fn to_vec_with_root<T: AwsShape>(value: &T, root: &str) -> Vec<u8> {
    to_output_with_root(value, root).bytes
}

/// Serializes the value of an `httpPayload` member as the whole XML body: the root element is
/// named by the member's `xml_name` if it has one (`HttpPayloadWithMemberXmlName`), else by
/// the value's shape (`xml_name`, else name); the member's `xml_namespace`, else the
/// shape's, is declared on it.
pub(crate) fn to_vec_payload<T: AwsShape>(value: &T, member: &'static Member) -> Vec<u8> {
    let mut out = write::XmlOutput {
        bytes: Vec::with_capacity(256),
        unsupported: None,
        root_name: member.xml_name.map(str::to_owned),
        root_forced: true,
        root_namespace: member.xml_namespace,
    };
    value.serialize(write::XmlSerializer::root(&mut out, T::NAME));
    out.bytes
}

fn to_output<T: AwsShape>(value: &T) -> write::XmlOutput {
    let mut out = write::XmlOutput::new(None);
    value.serialize(write::XmlSerializer::root(&mut out, T::NAME));
    out
}

/// `value` written under `root` (unless the shape names its own).
fn to_output_with_root<T: AwsShape>(value: &T, root: &str) -> write::XmlOutput {
    let mut out = write::XmlOutput::new(Some(root));
    value.serialize(write::XmlSerializer::root(&mut out, T::NAME));
    out
}

/// The XML form of `value` as an [`Xml`] tree (what [`AwsShape::to_xml`] parses back).
///
/// [`AwsShape::to_xml`]: crate::AwsShape::to_xml
pub fn to_xml_tree<T: AwsShape>(value: &T) -> Result<Xml> {
    Xml::parse(&to_string(value))
}

// ---------------------------------------------------------------------------------------------
// Reading: entry points

/// Which element of a response body holds the output structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    /// The root element (restXml, ec2Query).
    Root,
    /// The `…Result` child of the root `…Response` element (awsQuery).
    QueryResult,
    /// [`Envelope::QueryResult`] when the root is named `…Response` and has a child element
    /// named `…Result`, else [`Envelope::Root`] (what [`AwsShape::of_string`] does).
    Detect,
}

/// Parses a restXml body: the root element is the `T`.
pub fn from_str<T: AwsShape>(input: &str) -> Result<T> {
    from_str_with(input, Envelope::Root, &XmlOptions::default())
}

/// Parses restXml bytes: the root element is the `T`.
pub fn from_slice<T: AwsShape>(input: &[u8]) -> Result<T> {
    from_slice_with(input, Envelope::Root, &XmlOptions::default())
}

/// Parses an awsQuery response body: `<OpResponse><OpResult>` is the `T`.
pub fn from_str_query<T: AwsShape>(input: &str) -> Result<T> {
    from_str_with(input, Envelope::QueryResult, &XmlOptions::default())
}

/// Parses an ec2Query response body: the root `<OpResponse>` is the `T`.
pub fn from_str_ec2<T: AwsShape>(input: &str) -> Result<T> {
    from_str_with(input, Envelope::Root, &XmlOptions::default())
}

/// Parses a response body with the given envelope and options, streaming (no tree).
pub fn from_slice_with<T: AwsShape>(
    input: &[u8],
    envelope: Envelope,
    options: &XmlOptions,
) -> Result<T> {
    let text = check_input(input, options)?;
    read_stream::<T>(text, envelope, options.max_depth)
        .map_err(|e| e.in_shape(T::NAME).with_input(input))
}

/// Like [`from_slice_with`], for text (already UTF-8, so not checked again).
pub fn from_str_with<T: AwsShape>(
    input: &str,
    envelope: Envelope,
    options: &XmlOptions,
) -> Result<T> {
    if input.len() > options.max_size {
        return Err(Error::new(ErrorKind::SizeLimit(options.max_size)).in_shape(T::NAME));
    }
    read_stream::<T>(input, envelope, options.max_depth)
        .map_err(|e| e.in_shape(T::NAME).with_input(input.as_bytes()))
}

fn read_stream<T: AwsShape>(text: &str, envelope: Envelope, max_depth: usize) -> Result<T> {
    if text.trim().is_empty() {
        // An empty body (an output without body members): read from an empty element.
        return from_xml(&Xml::new(T::NAME));
    }
    let source = SliceSource::new(text).with_max_depth(max_depth);
    let mut d = XmlDeserializer::new(source);
    d.open_root()?;
    let value = match envelope {
        Envelope::Root => T::deserialize(&mut d)?,
        Envelope::QueryResult => d
            .query_result::<T>(true)?
            .ok_or_else(|| Error::invalid("expected an awsQuery <…Response> root element"))?,
        Envelope::Detect => match d.query_result::<T>(false)? {
            Some(v) => v,
            None => {
                // Not the awsQuery form: start again and read the root.
                let source = SliceSource::new(text).with_max_depth(max_depth);
                d = XmlDeserializer::new(source);
                d.open_root()?;
                T::deserialize(&mut d)?
            }
        },
    };
    d.source.end()?;
    Ok(value)
}

/// Reads a `T` from an element of a parsed tree (what [`AwsShape::of_xml`] does).
///
/// [`AwsShape::of_xml`]: crate::AwsShape::of_xml
pub fn from_xml<T: AwsShape>(xml: &Xml) -> Result<T> {
    let mut d = XmlDeserializer::new(TreeSource::new(xml));
    d.open_root()
        .and_then(|()| T::deserialize(&mut d))
        .map_err(|e| e.in_shape(T::NAME))
}

/// The element of a parsed response that holds the output, for `envelope`: for awsQuery
/// the first `…Result` child of a `…Response` root (`None` if there is none), as the
/// streaming readers find it.
pub fn unwrap_envelope(xml: &Xml, envelope: Envelope) -> Option<&Xml> {
    let result = || {
        xml.name
            .ends_with("Response")
            .then(|| xml.children.iter().find(|c| is_query_result(&c.name)))
            .flatten()
    };
    match envelope {
        Envelope::Root => Some(xml),
        Envelope::QueryResult => result(),
        Envelope::Detect => result().or(Some(xml)),
    }
}

/// Whether an element named `name` (local name) is the `…Result` element of an awsQuery
/// envelope.
#[inline]
fn is_query_result(name: &str) -> bool {
    name.ends_with("Result")
}

/// Parses a whole response body and reads a `T`, detecting the envelope
/// ([`Envelope::Detect`]); what [`AwsShape::of_string`] does.
pub fn from_str_detect<T: AwsShape>(input: &str) -> Result<T> {
    from_str_with(input, Envelope::Detect, &XmlOptions::default())
}

// ---------------------------------------------------------------------------------------------
// Reading: the protocol rules

/// The member whose element is named `name`, trying `hint` first.
#[inline]
fn find_member(shape: &Shape, name: &str, hint: usize) -> Option<usize> {
    // `name` is a local name; a member's `xml_name` may carry a prefix (`xsi:type`).
    let matches = |m: &Member| {
        let n = write::member_name(m);
        !m.xml_attribute
            && (n == name
                || (n.len() > name.len()
                    && n.ends_with(name)
                    && n.as_bytes()[n.len() - name.len() - 1] == b':'))
    };
    if let Some(m) = shape.members.get(hint) {
        if matches(m) {
            return Some(hint);
        }
    }
    shape.members.iter().position(matches)
}

/// Reads shapes from an XML `Source` (text or an [`Xml`] tree), applying the XML protocol
/// rules once for both.
#[derive(Debug)]
pub(crate) struct XmlDeserializer<'de, S> {
    source: S,
    /// The value of the attribute being read, when positioned at one.
    attribute: Option<String>,
    /// The member being read (`None` for list items and map values).
    member: Option<&'static Member>,
    timestamp_format: Option<TimestampFormat>,
    /// The index of the item of a flattened list being read.
    flat_index: usize,
    _de: PhantomData<&'de ()>,
}

impl<'de, S: Source<'de>> XmlDeserializer<'de, S> {
    /// A reader over `source`, at the document level: call [`XmlDeserializer::open_root`]
    /// before reading a value.
    pub fn new(source: S) -> Self {
        XmlDeserializer {
            source,
            attribute: None,
            member: None,
            timestamp_format: None,
            flat_index: 0,
            _de: PhantomData,
        }
    }

    /// Opens the root element; the reader is then positioned at it.
    pub fn open_root(&mut self) -> Result<()> {
        if self.source.next_child()? {
            Ok(())
        } else {
            Err(Error::syntax("no root element", self.source.offset()))
        }
    }

    /// At the root: reads the `T` of an awsQuery envelope, the first `…Result` child of a
    /// `…Response` root, skipping the other children. `None` when the root is not named
    /// `…Response`, or (unless `required`) has no `…Result` child: then it is not the awsQuery
    /// form. With `required` (awsQuery itself), a root holding no `…Result` child and nothing
    /// but `ResponseMetadata` is an output without members, read from an empty element; a
    /// root holding anything else is an error.
    fn query_result<T: AwsShape>(&mut self, required: bool) -> Result<Option<T>> {
        let root_at = self.source.offset();
        let root = self.source.name().to_owned();
        let Some(stem) = root.strip_suffix("Response") else {
            if required {
                return Err(self.locate(
                    Error::invalid("expected an awsQuery <…Response> root element"),
                    root_at,
                ));
            }
            return Ok(None);
        };
        let mut value = None;
        let mut other = false;
        while self.source.next_child()? {
            let name = self.source.name();
            if value.is_none() && is_query_result(name) {
                value = Some(T::deserialize(self)?);
            } else {
                other |= value.is_none() && name != "ResponseMetadata";
                self.source.skip()?;
            }
        }
        if value.is_some() || !required {
            return Ok(value);
        }
        if other {
            return Err(self.locate(
                Error::invalid(format!(
                    "the awsQuery response holds no <{stem}Result> (or other …Result) element"
                )),
                root_at,
            ));
        }
        // No output members: read the output from an empty element.
        from_xml::<T>(&Xml::new(format!("{stem}Result"))).map(Some)
    }

    /// `error`, located at byte `offset` where the source has offsets.
    #[cold]
    fn locate(&self, error: Error, offset: usize) -> Error {
        if S::LOCATED {
            error.at_offset(offset)
        } else {
            error
        }
    }

    /// The text of the value here: the attribute being read, or the open element's content.
    #[inline]
    fn text(&mut self) -> Result<Cow<'de, str>> {
        match self.attribute.take() {
            Some(a) => Ok(Cow::Owned(a)),
            None => self.source.text(),
        }
    }

    /// Reads text and converts it with `parse`, naming `expected` on failure.
    #[inline]
    fn parse_text<T>(
        &mut self,
        expected: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T> {
        let at = self.source.offset();
        let text = self.text()?;
        match parse(text.trim()) {
            Some(v) => Ok(v),
            None => Err(self.locate(Error::expected(expected, describe(&text)), at)),
        }
    }

    fn int<T: std::str::FromStr>(&mut self, expected: &'static str) -> Result<T> {
        let at = self.source.offset();
        let text = self.text()?;
        match crate::number::parse_int(&text) {
            Ok(v) => Ok(v),
            Err(crate::number::IntError::OutOfRange) => Err(self.locate(
                Error::invalid(format!("number out of range for {expected}")),
                at,
            )),
            Err(crate::number::IntError::NotAnInteger) => {
                Err(self.locate(Error::expected(expected, describe(text.trim())), at))
            }
        }
    }

    fn float_value(&mut self, expected: &'static str) -> Result<f64> {
        self.parse_text(expected, crate::number::parse_f64)
    }

    /// Errors for containers asked of an attribute.
    fn no_attribute(&mut self, expected: &'static str) -> Result<()> {
        if self.attribute.take().is_some() {
            Err(Error::expected(expected, "attribute"))
        } else {
            Ok(())
        }
    }

    /// Runs `f` on an item of a list or a map value: no member context, the timestamp format
    /// kept.
    #[inline]
    fn item<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let outer = self.member;
        self.member = outer.and_then(|m| m.items);
        let depth = self.source.depth();
        let r = f(self);
        self.member = outer;
        let v = r?;
        self.finish::<()>(depth)?;
        Ok(v)
    }

    /// Skips what a reader left of the element opened at `depth` (a closure that read
    /// nothing), so the stream stays in step.
    #[inline]
    fn finish<T: Default>(&mut self, depth: usize) -> Result<T> {
        if self.source.depth() >= depth && depth > 0 {
            self.source.skip()?;
        }
        Ok(T::default())
    }

    /// Reads one map entry (the open element holds `<key/>` and `<value/>`).
    fn map_entry<V: EntryVisitor>(
        &mut self,
        key_name: &str,
        value_name: &str,
        entries: &mut V,
    ) -> Result<()> {
        let mut key: Option<String> = self.source.peek_child_text(key_name);
        while self.source.next_child()? {
            let name = self.source.name();
            if name == key_name {
                let text = self.source.text()?;
                if key.is_none() {
                    key = Some(text.into_owned());
                }
            } else if name == value_name {
                let Some(k) = key.as_deref() else {
                    return Err(self.locate(
                        Error::invalid(format!(
                            "map entry value before or without its <{key_name}> (the streaming reader needs the key first; of_xml looks ahead)"
                        )),
                        self.source.offset(),
                    ));
                };
                let k = k.to_owned();
                self.item(|d| entries.entry(d, &k))
                    .map_err(|e| e.in_key(&k))?;
            } else {
                self.source.skip()?;
            }
        }
        Ok(())
    }
}

/// How text that is not the expected value is described in errors (never echoing it).
fn describe(text: &str) -> &'static str {
    if text.trim().is_empty() {
        "empty text"
    } else {
        "text"
    }
}

impl<'de, S: Source<'de>> Deserializer for XmlDeserializer<'de, S> {
    fn boolean(&mut self) -> Result<bool> {
        self.parse_text("boolean (true or false)", |t| match t {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }
    fn byte(&mut self) -> Result<i8> {
        self.int("byte (i8)")
    }
    fn short(&mut self) -> Result<i16> {
        self.int("short (i16)")
    }
    fn integer(&mut self) -> Result<i32> {
        self.int("integer (i32)")
    }
    fn long(&mut self) -> Result<i64> {
        self.int("long (i64)")
    }
    fn float(&mut self) -> Result<f32> {
        self.float_value("float").map(|f| f as f32)
    }
    fn double(&mut self) -> Result<f64> {
        self.float_value("double")
    }
    #[inline]
    fn string(&mut self) -> Result<String> {
        Ok(self.text()?.into_owned())
    }
    #[inline]
    fn enum_string<T, F: FnOnce(&str) -> Result<T>>(&mut self, f: F) -> Result<T> {
        let at = self.source.offset();
        let text = self.text()?;
        f(&text).map_err(|e| self.locate(e, at))
    }
    fn timestamp(&mut self) -> Result<Timestamp> {
        let at = self.source.offset();
        let format = self.timestamp_format.unwrap_or(TimestampFormat::DateTime);
        let text = self.text()?;
        Timestamp::parse_lenient(text.trim(), format).map_err(|e| self.locate(e, at))
    }
    fn blob(&mut self) -> Result<Blob> {
        let at = self.source.offset();
        let text = self.text()?;
        crate::blob::decode_base64(text.trim().as_bytes())
            .map(Blob::from)
            .map_err(|e| self.locate(e, at))
    }
    fn document(&mut self) -> Result<Document> {
        let at = self.source.offset();
        self.attribute = None;
        if self.source.depth() > 0 {
            self.source.skip()?;
        }
        Err(self.locate(Error::invalid("documents are not supported in XML"), at))
    }
    #[inline]
    fn null(&mut self) -> Result<bool> {
        Ok(false)
    }
    fn skip(&mut self) -> Result<()> {
        if self.attribute.take().is_none() && self.source.depth() > 0 {
            self.source.skip()?;
        }
        Ok(())
    }
    fn list<V: ItemVisitor>(&mut self, items: &mut V) -> Result<()> {
        self.no_attribute("list (element)")?;
        if self.member.is_some_and(|m| m.flattened) {
            let index = self.flat_index;
            return self.item(|d| items.item(d)).map_err(|e| e.in_index(index));
        }
        let item_name = self.member.and_then(|m| m.item_name).unwrap_or("member");
        let mut index = 0;
        while self.source.next_child()? {
            if self.source.name() == item_name {
                self.item(|d| items.item(d))
                    .map_err(|e| e.in_index(index))?;
                index += 1;
            } else {
                self.source.skip()?;
            }
        }
        Ok(())
    }
    fn map<V: EntryVisitor>(&mut self, entries: &mut V) -> Result<()> {
        self.no_attribute("map (element)")?;
        let m = self.member;
        let key_name = m.and_then(|m| m.key_name).unwrap_or("key");
        let value_name = m.and_then(|m| m.value_name).unwrap_or("value");
        if m.is_some_and(|m| m.flattened) {
            return self.map_entry(key_name, value_name, entries);
        }
        while self.source.next_child()? {
            if self.source.name() == "entry" {
                self.map_entry(key_name, value_name, entries)?;
            } else {
                self.source.skip()?;
            }
        }
        Ok(())
    }
    fn structure<V: MemberVisitor>(
        &mut self,
        shape: &'static Shape,
        members: &mut V,
    ) -> Result<usize> {
        let mut present = 0;
        self.no_attribute("structure (element)")?;
        let outer = (self.member, self.timestamp_format, self.flat_index);
        let mut seen: u64 = 0;
        // Attribute members first: they are on the start tag just opened.
        if shape.members.iter().any(|m| m.xml_attribute) {
            for (i, m) in shape.members.iter().enumerate() {
                if !m.xml_attribute {
                    continue;
                }
                let value = match self.source.attribute(write::member_name(m)) {
                    Ok(v) => v.map(Cow::into_owned),
                    Err(e) => return Err(e.in_member(m.name)),
                };
                if let Some(v) = value {
                    present += 1;
                    self.attribute = Some(v);
                    self.member = Some(m);
                    self.timestamp_format = m.timestamp_format;
                    let r = members.member(self, i);
                    self.attribute = None;
                    r.map_err(|e| e.in_member(m.name))?;
                }
            }
        }
        // Counts of the items of flattened lists read so far, for error paths.
        let mut small = [0usize; 16];
        let mut large = Vec::new();
        let counts: &mut [usize] = if shape.members.len() <= small.len() {
            &mut small[..shape.members.len()]
        } else {
            large.resize(shape.members.len(), 0);
            &mut large
        };
        let mut hint = 0;
        while self.source.next_child()? {
            let name = self.source.name();
            let mut index = find_member(shape, name, hint);
            if index.is_none() {
                index = shape.error_message_member(name);
            }
            let Some(i) = index else {
                present += 1;
                self.source.skip()?;
                continue;
            };
            if i >= 64 || seen & (1 << i) == 0 {
                present += 1;
                if i < 64 {
                    seen |= 1 << i;
                }
            }
            let m = &shape.members[i];
            hint = if m.flattened { i } else { i + 1 };
            self.member = Some(m);
            self.timestamp_format = m.timestamp_format;
            self.flat_index = counts[i];
            let depth = self.source.depth();
            members
                .member(self, i)
                .and_then(|()| self.finish::<()>(depth))
                .map_err(|e| e.in_member(m.name))?;
            counts[i] += 1;
        }
        (self.member, self.timestamp_format, self.flat_index) = outer;
        Ok(present)
    }
    fn extends_collections(&self) -> bool {
        self.member.is_some_and(|m| m.flattened)
    }
    fn error_message(&mut self) -> Result<Option<String>> {
        if self.attribute.take().is_some() {
            return Ok(None);
        }
        let mut message = None;
        while self.source.next_child()? {
            let name = self.source.name();
            if message.is_none() && matches!(name, "Message" | "message" | "errorMessage") {
                message = Some(self.source.text()?.into_owned());
            } else {
                self.source.skip()?;
            }
        }
        Ok(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn xml_escaping_of_text_and_attributes() {
        let mut out = Vec::new();
        write::escape_text(&mut out, "a<b>&c\r\n\t\"'");
        assert_eq!(out, b"a&lt;b&gt;&amp;c&#xD;\n\t\"'");
        out.clear();
        write::escape_attribute(&mut out, "a<b>&c\r\n\t\"'");
        assert_eq!(out, b"a&lt;b&gt;&amp;c&#xD;&#xA;&#x9;&quot;'");
    }

    #[test]
    fn xml_simple_roots_are_named_by_the_type() {
        assert_eq!(to_string(&"a&b".to_owned()), "<String>a&amp;b</String>");
        assert_eq!(to_string(&5i32), "<Integer>5</Integer>");
        assert_eq!(
            to_string(&vec![1i64, 2]),
            "<List><member>1</member><member>2</member></List>"
        );
        let m = BTreeMap::from([("k".to_owned(), true)]);
        assert_eq!(
            to_string(&m),
            "<Map><entry><key>k</key><value>true</value></entry></Map>"
        );
        assert_eq!(
            from_str::<Vec<i64>>("<L><member>1</member><x/><member>2</member></L>").unwrap(),
            [1, 2]
        );
        assert_eq!(
            from_str::<BTreeMap<String, bool>>(&to_string(&m)).unwrap(),
            m
        );
        assert_eq!(from_str::<String>("<S>a&#x1F3AE;&lt;</S>").unwrap(), "a🎮<");
        assert_eq!(
            from_str::<Timestamp>("<T>Tue, 29 Apr 2014 18:30:38 GMT</T>").unwrap(),
            Timestamp::from_secs_nanos(1398796238, 0)
        );
    }

    #[test]
    fn xml_local_names_and_reference_resolution() {
        assert_eq!(local_name("xsi:type"), "type");
        assert_eq!(local_name("type"), "type");
        use quick_xml::events::BytesRef;
        assert_eq!(read::resolve_reference(&BytesRef::new("amp")), Ok('&'));
        assert_eq!(read::resolve_reference(&BytesRef::new("#xD")), Ok('\r'));
        assert_eq!(read::resolve_reference(&BytesRef::new("#10")), Ok('\n'));
        assert!(read::resolve_reference(&BytesRef::new("lol")).is_err());
        assert!(read::resolve_reference(&BytesRef::new("#0")).is_err());
    }

    #[test]
    fn xml_slice_source_walks_elements() {
        let mut s = SliceSource::new("<a x='1'><b>t&amp;u</b><!-- c --><c><d/></c></a>");
        assert!(s.next_child().unwrap());
        assert_eq!(s.name(), "a");
        assert_eq!(s.attribute("x").unwrap().as_deref(), Some("1"));
        assert!(s.next_child().unwrap());
        assert_eq!(s.text().unwrap(), "t&u");
        assert!(s.next_child().unwrap());
        assert_eq!(s.name(), "c");
        assert_eq!(s.depth(), 2);
        s.skip().unwrap();
        assert!(!s.next_child().unwrap());
        assert_eq!(s.depth(), 0);
        s.end().unwrap();
    }

    #[test]
    fn xml_error_envelopes() {
        let q = Xml::parse("<ErrorResponse><Error><Code>A:b</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>").unwrap();
        assert_eq!(error_code(None, &q), Some("A"));
        assert_eq!(error_code(Some("Q.Code;Sender"), &q), Some("Q.Code"));
        assert_eq!(error_code(Some(""), &q), Some("A"));
        assert_eq!(error_message(&q), Some("m"));
        assert_eq!(request_id(&q), Some("r"));
        let e = Xml::parse("<Response><Errors><Error><Code>E</Code></Error></Errors><RequestID>r2</RequestID></Response>").unwrap();
        assert_eq!(error_code(None, &e), Some("E"));
        assert_eq!(request_id(&e), Some("r2"));
        let s3 =
            Xml::parse("<Error><Code>NoSuchKey</Code><RequestId>r3</RequestId></Error>").unwrap();
        assert_eq!(error_code(None, &s3), Some("NoSuchKey"));
        assert_eq!(request_id(&s3), Some("r3"));
        assert_eq!(error_element(&Xml::new("Other")), None);
    }

    #[test]
    fn xml_unwrap_envelope() {
        let x =
            Xml::parse("<OpResponse><OpResult><a>1</a></OpResult><ResponseMetadata/></OpResponse>")
                .unwrap();
        assert_eq!(
            unwrap_envelope(&x, Envelope::Detect).unwrap().name,
            "OpResult"
        );
        assert_eq!(
            unwrap_envelope(&x, Envelope::QueryResult).unwrap().name,
            "OpResult"
        );
        assert_eq!(
            unwrap_envelope(&x, Envelope::Root).unwrap().name,
            "OpResponse"
        );
        let y = Xml::parse("<OpResponse><a>1</a></OpResponse>").unwrap();
        assert_eq!(
            unwrap_envelope(&y, Envelope::Detect).unwrap().name,
            "OpResponse"
        );
        assert!(unwrap_envelope(&y, Envelope::QueryResult).is_none());
    }
}
