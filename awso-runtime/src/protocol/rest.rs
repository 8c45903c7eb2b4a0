//! restJson1 and restXml: requests from the input's HTTP bindings (method and URI template,
//! labels, query string, headers, prefix headers, the host prefix) and a body of the members
//! left (JSON or XML) or the payload member; responses whose members bound to headers, prefix
//! headers, the status code and the payload are read around the body codec's reader, by
//! [`HttpBound`]; everything else is the codec's. Errors: restJson1 takes the code from
//! `x-amzn-errortype` or the body (as awsJson does), restXml from the `<Error>` element.
//!
//! Only the top-level structure has bound members, so only it pays for them: its body members
//! and every value nested in them are read by the codec's own reader.

use super::operation::{Operation, OperationError, Protocol};
use super::{finish, url};
use crate::bindings::{split_header_list, text, BoundText, PayloadWriter, ResponseParts};
use crate::de::{Deserializer, EntryVisitor, ItemVisitor, MemberVisitor};
use crate::error::{Error, ErrorKind, Result};
use crate::json::{self, JsonOptions};
use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{HttpBinding, Member, Shape, ValueKind};
use crate::xml::{self, Xml, XmlErrorResponse, XmlOptions};
use crate::{AwsError, AwsShape, Blob, Document, MapKey, Timestamp, TimestampFormat};

/// The JSON options of restJson1: `jsonName` is honoured.
fn json_options() -> JsonOptions {
    JsonOptions {
        use_json_name: true,
        ..JsonOptions::default()
    }
}

/// The request of operation `O` for `input`.
pub(crate) fn request<O: Operation + ?Sized>(
    input: &O::Input,
    endpoint: &str,
) -> Result<http::Request<Vec<u8>>> {
    if const { is_xml::<O>() } {
        build::<O, _>(input, endpoint, &crate::bindings::XmlPayload)
    } else {
        build::<O, _>(input, endpoint, &crate::bindings::JsonPayload)
    }
}

/// The HTTP bindings, then a body of the remaining members (or the payload).
fn build<O: Operation + ?Sized, P: PayloadWriter>(
    input: &O::Input,
    endpoint: &str,
    payload: &P,
) -> Result<http::Request<Vec<u8>>> {
    let xml = is_xml::<O>();
    let mut bindings = crate::bindings::collect(input, payload);
    let prefixed;
    let endpoint = if O::HOST_PREFIX.is_empty() {
        endpoint
    } else {
        prefixed = crate::bindings::prefix_host(endpoint, O::HOST_PREFIX, &bindings)?;
        &prefixed
    };
    let path = crate::bindings::expand_uri(O::URI, &bindings)?;
    let mut builder = http::Request::builder()
        .method(O::METHOD)
        .uri(url(endpoint, &path));
    for (name, value) in &bindings.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let structured = if xml {
        "application/xml"
    } else {
        "application/json"
    };
    let (content_type, body) = match (bindings.payload.take(), bindings.payload_member) {
        (Some((member, body)), _) => {
            let content_type = member.media_type.unwrap_or(match member.kind {
                ValueKind::Text => "text/plain",
                ValueKind::Blob => "application/octet-stream",
                _ => structured,
            });
            (Some(content_type), body)
        }
        // An unset structure payload is an empty object in restJson1, nothing in restXml.
        (None, Some(m)) if m.kind == ValueKind::Structure && !xml => {
            (Some("application/json"), b"{}".to_vec())
        }
        (None, Some(_)) => (None, Vec::new()),
        // No member travels in the body: no body.
        (None, None) if !bindings.has_body_members => (None, Vec::new()),
        (None, None) => (
            Some(structured),
            if const { is_xml::<O>() } {
                xml_body(input, Some(O::INPUT_ROOT).filter(|r| !r.is_empty()))
            } else {
                json_body(input)
            },
        ),
    };
    if let Some(content_type) = content_type {
        if !bindings
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            builder = builder.header("content-type", content_type);
        }
    }
    if !body.is_empty() {
        builder = builder.header("content-length", body.len());
    }
    finish(builder, body)
}

/// The body of a REST message carrying `value`: its members that no HTTP binding takes, as
/// restXml (under `root`, unless the shape names its own root) or restJson1 writes them.
pub(crate) fn body<T: AwsShape>(value: &T, xml: bool, root: Option<&str>) -> Vec<u8> {
    if xml {
        xml_body(value, root)
    } else {
        json_body(value)
    }
}

/// Whether operation `O`'s service speaks restXml (else restJson1). The request and response
/// paths branch on it inside `const { }` so that an operation compiles the writers and readers
/// of its own format only, not both (see `operation::Module`).
const fn is_xml<O: Operation + ?Sized>() -> bool {
    matches!(O::SERVICE.protocol, Protocol::RestXml)
}

/// [`body`] in restXml.
fn xml_body<T: AwsShape>(value: &T, root: Option<&str>) -> Vec<u8> {
    let mut out = crate::xml::write::XmlOutput::new(root);
    value.serialize(BodyWriter(crate::xml::write::XmlSerializer::root(
        &mut out,
        T::NAME,
    )));
    out.bytes
}

/// [`body`] in restJson1.
fn json_body<T: AwsShape>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    value.serialize(BodyWriter(json::JsonSerializer::new(&mut out, true)));
    out
}

/// A codec's writer for the top-level value of a REST body: the structure's members bound to
/// headers, labels, the query string or the status code are left out (they travel in the
/// HTTP message); everything else, and every value below, is the codec's writer `S`.
struct BodyWriter<S>(S);

/// The top-level structure of [`BodyWriter`].
struct BodyWriterStructure<S>(S);

impl<S: Serializer> Serializer for BodyWriter<S> {
    type Ok = S::Ok;
    type Structure = BodyWriterStructure<S::Structure>;

    fn boolean(self, v: bool) -> S::Ok {
        self.0.boolean(v)
    }
    fn byte(self, v: i8) -> S::Ok {
        self.0.byte(v)
    }
    fn short(self, v: i16) -> S::Ok {
        self.0.short(v)
    }
    fn integer(self, v: i32) -> S::Ok {
        self.0.integer(v)
    }
    fn long(self, v: i64) -> S::Ok {
        self.0.long(v)
    }
    fn float(self, v: f32) -> S::Ok {
        self.0.float(v)
    }
    fn double(self, v: f64) -> S::Ok {
        self.0.double(v)
    }
    fn string(self, v: &str) -> S::Ok {
        self.0.string(v)
    }
    fn enum_string(self, v: &str) -> S::Ok {
        self.0.enum_string(v)
    }
    fn int_enum(self, v: i32) -> S::Ok {
        self.0.int_enum(v)
    }
    fn timestamp(self, v: Timestamp) -> S::Ok {
        self.0.timestamp(v)
    }
    fn blob(self, v: &[u8]) -> S::Ok {
        self.0.blob(v)
    }
    fn document(self, v: &Document) -> S::Ok {
        self.0.document(v)
    }
    fn null(self) -> S::Ok {
        self.0.null()
    }
    fn list<T: AwsShape>(self, items: &[T]) -> S::Ok {
        self.0.list(items)
    }
    fn map<'a, K, V, I>(self, entries: I) -> S::Ok
    where
        K: MapKey + 'a,
        V: AwsShape + 'a,
        I: ExactSizeIterator<Item = (&'a K, &'a V)>,
    {
        self.0.map(entries)
    }
    fn structure(self, shape: &'static Shape) -> Self::Structure {
        BodyWriterStructure(self.0.structure(shape))
    }
}

impl<S: StructureSerializer> StructureSerializer for BodyWriterStructure<S> {
    type Ok = S::Ok;

    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        if !member.is_bound() {
            self.0.member(member, value);
        }
    }
    fn end(self) -> S::Ok {
        self.0.end()
    }
}

/// The headers and status of a response, for members bound to them.
fn parts(response: &http::Response<&[u8]>) -> ResponseParts {
    ResponseParts {
        status: response.status().as_u16(),
        headers: response
            .headers()
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect(),
    }
}

/// The output or error of operation `O` from `response`.
pub(crate) fn response<O: Operation + ?Sized>(
    response: http::Response<&[u8]>,
) -> std::result::Result<O::Output, OperationError<O::Error>> {
    let body = *response.body();
    if response.status().is_success() {
        let parsed = if const { is_xml::<O>() } {
            from_xml_response::<O::Output>(body, &parts(&response), &XmlOptions::default())
        } else {
            from_json_response::<O::Output>(body, &parts(&response), &json_options())
        };
        return parsed.map_err(|error| OperationError::unreadable(&response, error));
    }
    let error = if const { is_xml::<O>() } {
        XmlErrorResponse::parse(body, None).and_then(|parsed| {
            let error = error_from_xml::<O::Error>(&parsed, body, &parts(&response))?;
            Ok((error, parsed.request_id))
        })
    } else {
        super::aws_json::error_code(&response, O::SERVICE.query_compatible)
            .and_then(|(code, _)| Ok((error_from_json(&code, body, &parts(&response))?, None)))
    };
    Err(OperationError::of_error_response(&response, error))
}

/// Parses a restJson1 response into a `T`: members bound to headers and the status from
/// `parts`, a payload member from `body` as it is (blobs, strings) or as JSON (structures,
/// documents), the other members from the JSON body (an empty body is an empty object).
pub(crate) fn from_json_response<T: AwsShape>(
    body: &[u8],
    parts: &ResponseParts,
    options: &JsonOptions,
) -> Result<T> {
    if body.len() > options.max_size {
        return Err(Error::new(ErrorKind::SizeLimit(options.max_size)).in_shape(T::NAME));
    }
    let empty = body.iter().all(u8::is_ascii_whitespace);
    let input: &[u8] = if empty { b"{}" } else { body };
    let source = json::read::SliceSource::new(input).with_max_depth(options.max_depth);
    let reader = json::JsonDeserializer::new(source, options.use_json_name);
    let mut d = HttpBound::new(reader, parts, body);
    T::deserialize(&mut d)
        .and_then(|v| {
            // A blob or string payload took the body: the JSON reader never saw it.
            if d.body_read {
                json::source::Source::end(d.body.source_mut()).map(|()| v)
            } else {
                Ok(v)
            }
        })
        .map_err(|e| e.in_shape(T::NAME).with_input(input))
}

/// Parses a restXml response into a `T`: members bound to headers and the status from
/// `parts`, a payload member from `body` as it is (blobs, strings) or as XML (structures),
/// the other members from the XML body (a body that is empty or not XML is an empty
/// element).
pub(crate) fn from_xml_response<T: AwsShape>(
    body: &[u8],
    parts: &ResponseParts,
    options: &XmlOptions,
) -> Result<T> {
    let text = std::str::from_utf8(body)
        .ok()
        .filter(|t| t.trim_start().starts_with('<'));
    let result = match text {
        Some(text) if text.len() <= options.max_size => {
            let source = xml::read::SliceSource::new(text).with_max_depth(options.max_depth);
            let mut reader = xml::XmlDeserializer::new(source);
            match reader.open_root() {
                Ok(()) => T::deserialize(&mut HttpBound::new(reader, parts, body)),
                // Not XML after all: a blob or string payload that starts with `<`.
                Err(_) => from_empty_xml::<T>(body, parts),
            }
        }
        _ => from_empty_xml::<T>(body, parts),
    };
    result.map_err(|e| e.in_shape(T::NAME).with_input(body))
}

/// A restXml output whose body is not XML (empty, or a blob or string payload).
fn from_empty_xml<T: AwsShape>(body: &[u8], parts: &ResponseParts) -> Result<T> {
    let empty = Xml::new(T::NAME);
    let mut reader = xml::XmlDeserializer::new(xml::tree::TreeSource::new(&empty));
    reader.open_root()?;
    T::deserialize(&mut HttpBound::new(reader, parts, body))
}

/// Reads the error enum `E` from a restJson1 error response (its code found already), error
/// members bound to headers from `parts`.
pub(crate) fn error_from_json<E: AwsError>(
    code: &str,
    body: &[u8],
    parts: &ResponseParts,
) -> Result<E> {
    let input: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let reader = json::JsonDeserializer::new(json::read::SliceSource::new(input), true);
    E::error_deserialize(code, &mut HttpBound::new(reader, parts, body))
}

/// Reads the error enum `E` from a parsed restXml error response, error members bound to
/// headers from `parts`.
pub(crate) fn error_from_xml<E: AwsError>(
    response: &XmlErrorResponse,
    body: &[u8],
    parts: &ResponseParts,
) -> Result<E> {
    let element = xml::error_element(&response.body).unwrap_or(&response.body);
    let mut reader = xml::XmlDeserializer::new(xml::tree::TreeSource::new(element));
    reader.open_root()?;
    let code = response.code.as_deref().unwrap_or("");
    E::error_deserialize(code, &mut HttpBound::new(reader, parts, body))
}

/// The reader of a REST response's top-level structure: its members bound to headers,
/// prefix headers and the status are read from `parts`, its payload member from the body
/// (blobs and strings as they are, anything else by the codec's reader `B`), and its other
/// members by `B`. Any other value is `B`'s alone.
#[derive(Debug)]
pub struct HttpBound<'r, B> {
    body: B,
    parts: &'r ResponseParts,
    raw: &'r [u8],
    /// Whether `body` read the body (not when a blob or string payload took it whole, or an
    /// empty body left the payload absent).
    body_read: bool,
}

impl<'r, B: Deserializer> HttpBound<'r, B> {
    /// Reads with `body`, the codec's reader positioned at the body's top-level value;
    /// `raw` is the body as received.
    pub fn new(body: B, parts: &'r ResponseParts, raw: &'r [u8]) -> Self {
        HttpBound {
            body,
            parts,
            raw,
            body_read: true,
        }
    }
}

/// The body members of the top-level structure: a member bound to a header or the status is
/// skipped if the body has a key of its name (it is not that member). Members bound to the
/// query string or a label are in the body of a response (`IgnoreQueryParamsInResponse`).
struct BodyMembers<'v, V> {
    shape: &'static Shape,
    members: &'v mut V,
}

impl<V: MemberVisitor> MemberVisitor for BodyMembers<'_, V> {
    #[inline]
    fn member<D: Deserializer>(&mut self, d: &mut D, index: usize) -> Result<()> {
        match self.shape.members[index].location {
            HttpBinding::Header(_) | HttpBinding::PrefixHeaders(_) | HttpBinding::ResponseCode => {
                d.skip()
            }
            _ => self.members.member(d, index),
        }
    }
    #[inline]
    fn json_member_index(
        &self,
        shape: &'static Shape,
        key: &[u8],
        json_name: bool,
    ) -> Option<usize> {
        // The derived lookup of the wrapped visitor; indexes are the shape's either way.
        self.members.json_member_index(shape, key, json_name)
    }
}

impl<B: Deserializer> Deserializer for HttpBound<'_, B> {
    fn boolean(&mut self) -> Result<bool> {
        self.body.boolean()
    }
    fn byte(&mut self) -> Result<i8> {
        self.body.byte()
    }
    fn short(&mut self) -> Result<i16> {
        self.body.short()
    }
    fn integer(&mut self) -> Result<i32> {
        self.body.integer()
    }
    fn long(&mut self) -> Result<i64> {
        self.body.long()
    }
    fn float(&mut self) -> Result<f32> {
        self.body.float()
    }
    fn double(&mut self) -> Result<f64> {
        self.body.double()
    }
    fn string(&mut self) -> Result<String> {
        self.body.string()
    }
    fn enum_string<T, F: FnOnce(&str) -> Result<T>>(&mut self, f: F) -> Result<T> {
        self.body.enum_string(f)
    }
    fn int_enum(&mut self) -> Result<i32> {
        self.body.int_enum()
    }
    fn timestamp(&mut self) -> Result<Timestamp> {
        self.body.timestamp()
    }
    fn blob(&mut self) -> Result<Blob> {
        self.body.blob()
    }
    fn document(&mut self) -> Result<Document> {
        self.body.document()
    }
    fn null(&mut self) -> Result<bool> {
        self.body.null()
    }
    fn skip(&mut self) -> Result<()> {
        self.body.skip()
    }
    fn list<V: ItemVisitor>(&mut self, items: &mut V) -> Result<()> {
        self.body.list(items)
    }
    fn map<V: EntryVisitor>(&mut self, entries: &mut V) -> Result<()> {
        self.body.map(entries)
    }
    fn structure<V: MemberVisitor>(
        &mut self,
        shape: &'static Shape,
        members: &mut V,
    ) -> Result<usize> {
        let mut present = 0;
        // Members bound to headers, prefix headers and the status come first.
        for (i, m) in shape.members.iter().enumerate() {
            if let Some(text) = self.parts.text_of(m) {
                let mut d = TextDeserializer { text, member: m };
                members.member(&mut d, i).map_err(|e| e.in_member(m.name))?;
                present += 1;
            }
        }
        // A payload member is the whole body: blobs and strings as it is, structures, unions
        // and documents read by the codec. An empty body leaves it absent.
        let payload = shape
            .members
            .iter()
            .position(|m| m.location == HttpBinding::Payload);
        let Some(i) = payload else {
            let mut body_members = BodyMembers { shape, members };
            return Ok(present + self.body.structure(shape, &mut body_members)?);
        };
        let m = &shape.members[i];
        self.body_read = false;
        if self.raw.iter().all(u8::is_ascii_whitespace) {
            return Ok(present);
        }
        let read = if matches!(m.kind, ValueKind::Text | ValueKind::Blob) {
            members.member(&mut PayloadDeserializer(self.raw), i)
        } else {
            self.body_read = true;
            members.member(&mut self.body, i)
        };
        read.map_err(|e| e.in_member(m.name))?;
        Ok(present + 1)
    }
    fn extends_collections(&self) -> bool {
        self.body.extends_collections()
    }
    fn error_message(&mut self) -> Result<Option<String>> {
        self.body.error_message()
    }
}

/// The error for a value a bound text or a raw payload cannot be.
#[cold]
fn not_text(expected: &'static str, found: &'static str) -> Error {
    Error::expected(expected, found)
}

/// Reads a bound member's value from its text: a header value (lists are comma-separated),
/// the entries of a prefix-headers map, or the status code.
struct TextDeserializer {
    text: BoundText,
    member: &'static Member,
}

impl TextDeserializer {
    /// The text of a scalar.
    fn text(&mut self, expected: &'static str) -> Result<String> {
        match &mut self.text {
            BoundText::Header(t) => Ok(std::mem::take(t)),
            BoundText::Status(s) => Ok(s.to_string()),
            BoundText::Map(_) => Err(not_text(expected, "prefix headers")),
        }
    }

    /// One item of a header list, or a prefix header's value.
    fn piece(&self, text: String) -> TextDeserializer {
        TextDeserializer {
            text: BoundText::Header(text),
            member: self.member,
        }
    }
}

impl Deserializer for TextDeserializer {
    fn boolean(&mut self) -> Result<bool> {
        text::boolean(&self.text("boolean")?)
    }
    fn byte(&mut self) -> Result<i8> {
        text::int(&self.text("byte (i8)")?, "byte (i8)")
    }
    fn short(&mut self) -> Result<i16> {
        text::int(&self.text("short (i16)")?, "short (i16)")
    }
    fn integer(&mut self) -> Result<i32> {
        text::int(&self.text("integer (i32)")?, "integer (i32)")
    }
    fn long(&mut self) -> Result<i64> {
        text::int(&self.text("long (i64)")?, "long (i64)")
    }
    fn float(&mut self) -> Result<f32> {
        text::double(&self.text("float")?).map(|f| f as f32)
    }
    fn double(&mut self) -> Result<f64> {
        text::double(&self.text("double")?)
    }
    fn string(&mut self) -> Result<String> {
        text::string(&self.text("string")?, self.member.media_type)
    }
    fn enum_string<T, F: FnOnce(&str) -> Result<T>>(&mut self, f: F) -> Result<T> {
        f(self.text("string (enum value)")?.trim())
    }
    fn timestamp(&mut self) -> Result<Timestamp> {
        let format = self.member.timestamp_format;
        text::timestamp(
            &self.text("timestamp")?,
            format.unwrap_or(TimestampFormat::HttpDate),
        )
    }
    fn blob(&mut self) -> Result<Blob> {
        text::blob(&self.text("blob (base64)")?)
    }
    fn document(&mut self) -> Result<Document> {
        Err(not_text("document", "header text"))
    }
    fn null(&mut self) -> Result<bool> {
        Ok(false)
    }
    fn skip(&mut self) -> Result<()> {
        Ok(())
    }
    fn list<V: ItemVisitor>(&mut self, items: &mut V) -> Result<()> {
        let t = self.text("list (comma-separated header)")?;
        let dates = self
            .member
            .timestamp_format
            .unwrap_or(TimestampFormat::HttpDate)
            == TimestampFormat::HttpDate;
        let pieces = split_header_list(&t, false);
        // http-dates hold a comma of their own; only re-pair them when they parse that way.
        let pieces = if dates
            && pieces.len() % 2 == 0
            && Timestamp::parse_http_date(&format!("{}, {}", pieces[0], pieces[1])).is_ok()
        {
            split_header_list(&t, true)
        } else {
            pieces
        };
        for (index, piece) in pieces.into_iter().enumerate() {
            items
                .item(&mut self.piece(piece))
                .map_err(|e| e.in_index(index))?;
        }
        Ok(())
    }
    fn map<V: EntryVisitor>(&mut self, entries: &mut V) -> Result<()> {
        let BoundText::Map(pairs) = std::mem::replace(&mut self.text, BoundText::Status(0)) else {
            return Err(not_text("map (prefix headers)", "header text"));
        };
        for (key, value) in pairs {
            entries
                .entry(&mut self.piece(value), &key)
                .map_err(|e| e.in_key(&key))?;
        }
        Ok(())
    }
    fn structure<V: MemberVisitor>(&mut self, _: &'static Shape, _: &mut V) -> Result<usize> {
        Err(not_text("structure", "header text"))
    }
    fn error_message(&mut self) -> Result<Option<String>> {
        Ok(None)
    }
}

/// Reads a blob or string payload member: the whole body as it is.
struct PayloadDeserializer<'r>(&'r [u8]);

impl PayloadDeserializer<'_> {
    fn utf8(&self) -> Result<&str> {
        std::str::from_utf8(self.0).map_err(|_| Error::invalid("payload is not UTF-8"))
    }
}

/// The methods of a payload reader for values a payload cannot be.
macro_rules! not_payload {
    ($($name:ident -> $ty:ty, $expected:literal;)*) => {$(
        fn $name(&mut self) -> Result<$ty> {
            Err(not_text($expected, "raw payload"))
        }
    )*};
}

impl Deserializer for PayloadDeserializer<'_> {
    not_payload! {
        boolean -> bool, "boolean";
        byte -> i8, "byte (i8)";
        short -> i16, "short (i16)";
        integer -> i32, "integer (i32)";
        long -> i64, "long (i64)";
        float -> f32, "float";
        double -> f64, "double";
        timestamp -> Timestamp, "timestamp";
        document -> Document, "document";
    }
    fn string(&mut self) -> Result<String> {
        self.utf8().map(str::to_owned)
    }
    fn enum_string<T, F: FnOnce(&str) -> Result<T>>(&mut self, f: F) -> Result<T> {
        f(self.utf8()?)
    }
    fn blob(&mut self) -> Result<Blob> {
        Ok(Blob::from(self.0.to_vec()))
    }
    fn null(&mut self) -> Result<bool> {
        Ok(false)
    }
    fn skip(&mut self) -> Result<()> {
        Ok(())
    }
    fn list<V: ItemVisitor>(&mut self, _: &mut V) -> Result<()> {
        Err(not_text("list", "raw payload"))
    }
    fn map<V: EntryVisitor>(&mut self, _: &mut V) -> Result<()> {
        Err(not_text("map", "raw payload"))
    }
    fn structure<V: MemberVisitor>(&mut self, _: &'static Shape, _: &mut V) -> Result<usize> {
        Err(not_text("structure", "raw payload"))
    }
    fn error_message(&mut self) -> Result<Option<String>> {
        Ok(None)
    }
}
