//! HTTP bindings of the REST protocols (restJson1, restXml): members that travel in headers,
//! URI labels, the query string or the status code instead of the body.
//!
//! Requests: [`collect`] walks an input through its derived `serialize` and gathers the bound
//! members as text; [`expand_uri`] fills the URI template. Responses: [`ResponseParts`] holds
//! what a response carries outside its body, [`text`] parses a bound member's text, and
//! [`rest`](crate::protocol::rest) reads outputs and errors with them.

use crate::number::NumberText;
use crate::percent::{self, Escape};
use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{HttpBinding, Member, Shape, ValueKind};
use crate::{AwsShape, Document, MapKey, Timestamp, TimestampFormat};

macro_rules! no_raw {
    ($($name:ident($($arg:ty)?);)*) => {$(
        fn $name(self $(, _: $arg)?) -> Option<Vec<u8>> {
            None
        }
    )*};
}

macro_rules! no_collect {
    ($($name:ident($($arg:ty)?);)*) => {$(
        fn $name(self $(, _: $arg)?) {}
    )*};
}

/// The bound members of one request, as text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RequestBindings {
    /// Headers, in member order.
    pub headers: Vec<(String, String)>,
    /// URI labels by member name.
    pub labels: Vec<(&'static str, String)>,
    /// Query string parameters from `query` members, in member order.
    pub query: Vec<(String, String)>,
    /// Query string parameters from a `query_params` map (explicit `query` members win).
    pub query_params: Vec<(String, String)>,
    /// The member bound to the whole body, if any, and the body it makes: blobs and strings
    /// as they are, structures and documents in the protocol's format.
    pub payload: Option<(&'static Member, Vec<u8>)>,
    /// Whether the input has members that travel in the body (otherwise no body is sent).
    pub has_body_members: bool,
    /// Host labels (`hostLabel`) by member name, for the operation's host prefix.
    pub host_labels: Vec<(&'static str, String)>,
    /// The input's payload member, set or not.
    pub payload_member: Option<&'static Member>,
}

/// How a structure payload is written (JSON for restJson1, XML for restXml).
pub trait PayloadWriter {
    /// The body for `value`, the payload member `member`.
    fn write<T: AwsShape>(&self, member: &'static Member, value: &T) -> Vec<u8>;
}

/// Structure payloads as restJson1 bodies.
#[derive(Debug, Clone, Copy)]
pub struct JsonPayload;

impl PayloadWriter for JsonPayload {
    fn write<T: AwsShape>(&self, _member: &'static Member, value: &T) -> Vec<u8> {
        crate::json::to_vec(value)
    }
}

/// Structure payloads as restXml bodies (the root element named by the payload member).
#[derive(Debug, Clone, Copy)]
pub struct XmlPayload;

impl PayloadWriter for XmlPayload {
    fn write<T: AwsShape>(&self, member: &'static Member, value: &T) -> Vec<u8> {
        crate::xml::to_vec_payload(value, member)
    }
}

/// Gathers the bound members of `input`; `payload` writes a structure payload.
pub fn collect<T: AwsShape, P: PayloadWriter>(input: &T, payload: &P) -> RequestBindings {
    let mut out = RequestBindings::default();
    input.serialize(Collector {
        out: &mut out,
        payload,
    });
    out
}

struct Collector<'a, P> {
    out: &'a mut RequestBindings,
    payload: &'a P,
}

struct CollectorStructure<'a, P> {
    out: &'a mut RequestBindings,
    payload: &'a P,
}

/// Blobs and strings as raw payload bytes; `None` for anything else.
struct RawPayload;

impl Serializer for RawPayload {
    type Ok = Option<Vec<u8>>;
    type Structure = NoRaw;
    no_raw! {
        boolean(bool); byte(i8); short(i16); integer(i32); long(i64); float(f32); double(f64);
        timestamp(Timestamp); document(&Document); null();
    }
    fn string(self, v: &str) -> Option<Vec<u8>> {
        Some(v.as_bytes().to_vec())
    }
    fn blob(self, v: &[u8]) -> Option<Vec<u8>> {
        Some(v.to_vec())
    }
    fn list<I: AwsShape>(self, _items: &[I]) -> Option<Vec<u8>> {
        None
    }
    fn map<'a, K, V, I>(self, _entries: I) -> Option<Vec<u8>>
    where
        K: MapKey + 'a,
        V: AwsShape + 'a,
        I: ExactSizeIterator<Item = (&'a K, &'a V)>,
    {
        None
    }
    fn structure(self, _shape: &'static Shape) -> NoRaw {
        NoRaw
    }
}

struct NoRaw;

impl StructureSerializer for NoRaw {
    type Ok = Option<Vec<u8>>;
    fn member<T: AwsShape>(&mut self, _member: &'static Member, _value: &T) {}
    fn end(self) -> Option<Vec<u8>> {
        None
    }
}

/// What a value is as text in one place of an HTTP message.
#[derive(Clone, Copy)]
struct Text {
    place: Place,
    member: &'static Member,
}

#[derive(Clone, Copy, PartialEq)]
enum Place {
    Header,
    Query,
    Label,
}

impl Text {
    fn timestamp_format(self) -> TimestampFormat {
        self.member.timestamp_format.unwrap_or(match self.place {
            Place::Header => TimestampFormat::HttpDate,
            Place::Query | Place::Label => TimestampFormat::DateTime,
        })
    }
}

/// A value as one or more texts (lists give one per item).
struct TextSerializer(Text);

impl Serializer for TextSerializer {
    type Ok = Vec<String>;
    type Structure = NoStructure;

    fn boolean(self, v: bool) -> Vec<String> {
        vec![v.to_string()]
    }
    fn byte(self, v: i8) -> Vec<String> {
        vec![v.with_text(str::to_owned)]
    }
    fn short(self, v: i16) -> Vec<String> {
        vec![v.with_text(str::to_owned)]
    }
    fn integer(self, v: i32) -> Vec<String> {
        vec![v.with_text(str::to_owned)]
    }
    fn long(self, v: i64) -> Vec<String> {
        vec![v.with_text(str::to_owned)]
    }
    fn float(self, v: f32) -> Vec<String> {
        vec![v.with_text(str::to_owned)]
    }
    fn double(self, v: f64) -> Vec<String> {
        vec![v.with_text(str::to_owned)]
    }
    fn string(self, v: &str) -> Vec<String> {
        // A JSON value in a header (`mediaType`) travels base64-encoded.
        if self.0.place == Place::Header && self.0.member.media_type.is_some() {
            return vec![crate::Blob::from(v).to_base64()];
        }
        vec![v.to_owned()]
    }
    fn timestamp(self, v: Timestamp) -> Vec<String> {
        vec![v.fmt(self.0.timestamp_format())]
    }
    fn blob(self, v: &[u8]) -> Vec<String> {
        vec![crate::Blob::from(v).to_base64()]
    }
    fn document(self, v: &Document) -> Vec<String> {
        vec![serde_json::Value::from(v).to_string()]
    }
    fn null(self) -> Vec<String> {
        Vec::new()
    }
    fn list<I: AwsShape>(self, items: &[I]) -> Vec<String> {
        let text = self.0;
        items
            .iter()
            .flat_map(|i| {
                let texts = i.serialize(TextSerializer(text));
                // Header lists are comma-joined: quote strings that hold a comma or a quote.
                let quote = text.place == Place::Header && I::NAME != "Timestamp";
                texts.into_iter().map(move |t| {
                    if quote && (t.contains(',') || t.contains('"')) {
                        format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
                    } else {
                        t
                    }
                })
            })
            .collect()
    }
    fn map<'a, K, V, I>(self, _entries: I) -> Vec<String>
    where
        K: MapKey + 'a,
        V: AwsShape + 'a,
        I: ExactSizeIterator<Item = (&'a K, &'a V)>,
    {
        Vec::new()
    }
    fn structure(self, _shape: &'static Shape) -> NoStructure {
        NoStructure
    }
}

/// Structures have no text form; bindings of structures are rejected by the model.
struct NoStructure;

impl StructureSerializer for NoStructure {
    type Ok = Vec<String>;
    fn member<T: AwsShape>(&mut self, _member: &'static Member, _value: &T) {}
    fn end(self) -> Vec<String> {
        Vec::new()
    }
}

/// The entries of a map member (`prefix_headers`, `query_params`) as (key, texts).
struct MapTexts(Text);

struct NoMapStructure;

impl StructureSerializer for NoMapStructure {
    type Ok = Vec<(String, Vec<String>)>;
    fn member<T: AwsShape>(&mut self, _member: &'static Member, _value: &T) {}
    fn end(self) -> Vec<(String, Vec<String>)> {
        Vec::new()
    }
}

macro_rules! no_map {
    ($($name:ident($($arg:ty)?);)*) => {$(
        fn $name(self $(, _: $arg)?) -> Vec<(String, Vec<String>)> {
            Vec::new()
        }
    )*};
}

impl Serializer for MapTexts {
    type Ok = Vec<(String, Vec<String>)>;
    type Structure = NoMapStructure;
    no_map! {
        boolean(bool); byte(i8); short(i16); integer(i32); long(i64); float(f32); double(f64);
        string(&str); timestamp(Timestamp); blob(&[u8]); document(&Document); null();
    }
    fn list<I: AwsShape>(self, _items: &[I]) -> Vec<(String, Vec<String>)> {
        Vec::new()
    }
    fn map<'a, K, V, I>(self, entries: I) -> Vec<(String, Vec<String>)>
    where
        K: MapKey + 'a,
        V: AwsShape + 'a,
        I: ExactSizeIterator<Item = (&'a K, &'a V)>,
    {
        let text = self.0;
        entries
            .map(|(k, v)| (k.key().to_owned(), v.serialize(TextSerializer(text))))
            .collect()
    }
    fn structure(self, _shape: &'static Shape) -> NoMapStructure {
        NoMapStructure
    }
}

impl<'a, P: PayloadWriter> Serializer for Collector<'a, P> {
    type Ok = ();
    type Structure = CollectorStructure<'a, P>;
    no_collect! {
        boolean(bool); byte(i8); short(i16); integer(i32); long(i64); float(f32); double(f64);
        string(&str); timestamp(Timestamp); blob(&[u8]); document(&Document); null();
    }
    fn list<I: AwsShape>(self, _items: &[I]) {}
    fn map<'m, K, V, I>(self, _entries: I)
    where
        K: MapKey + 'm,
        V: AwsShape + 'm,
        I: ExactSizeIterator<Item = (&'m K, &'m V)>,
    {
    }
    fn structure(self, shape: &'static Shape) -> CollectorStructure<'a, P> {
        self.out.has_body_members = shape.members.iter().any(|m| !m.is_bound());
        self.out.payload_member = shape
            .members
            .iter()
            .find(|m| m.location == HttpBinding::Payload);
        CollectorStructure {
            out: self.out,
            payload: self.payload,
        }
    }
}

impl<P: PayloadWriter> StructureSerializer for CollectorStructure<'_, P> {
    type Ok = ();
    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        let text = |place| TextSerializer(Text { place, member });
        if member.host_label {
            let texts = value.serialize(text(Place::Label));
            self.out.host_labels.push((member.name, texts.join(",")));
        }
        match member.location {
            HttpBinding::Header(name) => {
                // An empty list is an empty header, as the Smithy cases want.
                let texts = value.serialize(text(Place::Header));
                self.out.headers.push((name.to_owned(), texts.join(", ")));
            }
            HttpBinding::PrefixHeaders(prefix) => {
                let entries = value.serialize(MapTexts(Text {
                    place: Place::Header,
                    member,
                }));
                for (k, texts) in entries {
                    self.out
                        .headers
                        .push((format!("{prefix}{k}"), texts.join(", ")));
                }
            }
            HttpBinding::Query(name) => {
                for t in value.serialize(text(Place::Query)) {
                    self.out.query.push((name.to_owned(), t));
                }
            }
            HttpBinding::QueryParams => {
                let entries = value.serialize(MapTexts(Text {
                    place: Place::Query,
                    member,
                }));
                for (k, texts) in entries {
                    for t in texts {
                        self.out.query_params.push((k.clone(), t));
                    }
                }
            }
            HttpBinding::Label(name) => {
                let texts = value.serialize(text(Place::Label));
                self.out.labels.push((name, texts.join(",")));
            }
            // A streaming payload is not copied here: the client sends it as a stream
            // (`AwsShape::payload_stream`) in the body this empty one stands for.
            HttpBinding::Payload if T::STREAMING => {
                self.out.payload = Some((member, Vec::new()));
            }
            HttpBinding::Payload => {
                // Strings, enums and blobs as they are; structures and documents written.
                let raw = matches!(member.kind, ValueKind::Text | ValueKind::Blob);
                let body = raw
                    .then(|| value.serialize(RawPayload))
                    .flatten()
                    .unwrap_or_else(|| self.payload.write(member, value));
                self.out.payload = Some((member, body));
            }
            HttpBinding::Body | HttpBinding::ResponseCode => {}
        }
    }
    fn end(self) {}
}

/// Writes `template` to `out` with every `{name}` replaced by what `fill` writes for `name`;
/// an unclosed `{` is the error `bad {what} {whole}` (`whole`: the template it came from).
fn fill_template(
    template: &str,
    (what, whole): (&str, &str),
    out: &mut String,
    mut fill: impl FnMut(&str, &mut String) -> crate::Result<()>,
) -> crate::Result<()> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| crate::Error::invalid(format!("bad {what} {whole}")))?;
        fill(&rest[open + 1..close], out)?;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// The value bound to `name`.
fn lookup<'a>(pairs: &'a [(&str, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

/// Prefixes the host of `endpoint` with `host_prefix` (`{AccountId}.data.`), its labels
/// filled from the host labels. A label must be a valid DNS label.
pub fn prefix_host(
    endpoint: &str,
    host_prefix: &str,
    bindings: &RequestBindings,
) -> crate::Result<String> {
    let mut prefix = String::new();
    fill_template(
        host_prefix,
        ("host prefix", host_prefix),
        &mut prefix,
        |name, prefix| {
            let value = lookup(&bindings.host_labels, name).unwrap_or_default();
            let valid = !value.is_empty()
                && value.len() <= 63
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !value.starts_with('-');
            if !valid {
                return Err(crate::Error::invalid(format!(
                    "host label {name} is missing or not a valid DNS label"
                )));
            }
            prefix.push_str(value);
            Ok(())
        },
    )?;
    match endpoint.find("://") {
        Some(i) => Ok(format!(
            "{}{}{}",
            &endpoint[..i + 3],
            prefix,
            &endpoint[i + 3..]
        )),
        None => Ok(format!("{prefix}{endpoint}")),
    }
}

/// Fills the URI template (`/things/{Id}/{Key+}?static=1`) with the labels and appends the
/// query parameters. A label that is missing or empty is an error, as AWS SDKs make it.
pub fn expand_uri(template: &str, bindings: &RequestBindings) -> crate::Result<String> {
    let (path, static_query) = template.split_once('?').unwrap_or((template, ""));
    let mut out = String::with_capacity(path.len() + 32);
    fill_template(path, ("URI template", template), &mut out, |name, out| {
        let (name, greedy) = match name.strip_suffix('+') {
            Some(n) => (n, true),
            None => (name, false),
        };
        let value = lookup(&bindings.labels, name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                crate::Error::invalid(format!("URI label {name} is missing or empty"))
            })?;
        let escape = if greedy { Escape::Path } else { Escape::Strict };
        percent::encode_into(value, escape, out);
        Ok(())
    })?;
    let mut first = true;
    let mut sep = |out: &mut String| {
        out.push(if first { '?' } else { '&' });
        first = false;
    };
    for part in static_query.split('&').filter(|p| !p.is_empty()) {
        sep(&mut out);
        out.push_str(part);
    }
    let explicit: Vec<&str> = bindings.query.iter().map(|(k, _)| k.as_str()).collect();
    let params = bindings.query.iter().chain(
        bindings
            .query_params
            .iter()
            .filter(|(k, _)| !explicit.contains(&k.as_str())),
    );
    for (k, v) in params {
        sep(&mut out);
        percent::encode_into(k, Escape::Strict, &mut out);
        out.push('=');
        percent::encode_into(v, Escape::Strict, &mut out);
    }
    Ok(out)
}

/// What a response carries outside its body, for the bound members of an output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ResponseParts {
    /// The HTTP status.
    pub status: u16,
    /// Headers with lower-cased names, in order.
    pub headers: Vec<(String, String)>,
}

impl ResponseParts {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The text a bound member of the output reads, if the response has it: headers as sent,
    /// prefix headers as `key\0value` lines, the status as digits.
    pub fn text_of(&self, member: &Member) -> Option<BoundText> {
        match member.location {
            HttpBinding::Header(name) => self.header(name).map(|v| BoundText::Header(v.to_owned())),
            HttpBinding::PrefixHeaders(prefix) => {
                let entries: Vec<(String, String)> = self
                    .headers
                    .iter()
                    .filter(|(n, _)| {
                        n.len() >= prefix.len() && n[..prefix.len()].eq_ignore_ascii_case(prefix)
                    })
                    .map(|(n, v)| (n[prefix.len()..].to_owned(), v.clone()))
                    .collect();
                Some(BoundText::Map(entries))
            }
            HttpBinding::ResponseCode => Some(BoundText::Status(self.status)),
            _ => None,
        }
    }
}

/// The text of one bound output member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoundText {
    /// A header value (lists are comma-separated, strings possibly quoted).
    Header(String),
    /// The entries of a prefix-headers map.
    Map(Vec<(String, String)>),
    /// The HTTP status.
    Status(u16),
}

/// Splits a header list value at commas, honouring double quotes. Timestamps in http-date form
/// contain a comma of their own, so `http_dates` pairs the pieces back up.
pub fn split_header_list(value: &str, http_dates: bool) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            ',' if !quoted => items.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    items.push(cur);
    let items: Vec<String> = items.into_iter().map(|s| s.trim().to_owned()).collect();
    if http_dates {
        items.chunks(2).map(|pair| pair.join(", ")).collect()
    } else {
        items
    }
}

/// Parses the text of a bound member (header value, status) as a value of the member's type.
pub mod text {
    use crate::{Blob, Error, Result, Timestamp, TimestampFormat};

    /// A boolean: `true` or `false`.
    pub fn boolean(t: &str) -> Result<bool> {
        match t.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(Error::expected("boolean", "other text")),
        }
    }

    /// An integer of type `T`.
    pub fn int<T: std::str::FromStr>(t: &str, expected: &'static str) -> Result<T> {
        crate::number::parse_int(t).map_err(|e| match e {
            crate::number::IntError::OutOfRange => {
                Error::invalid(format!("number out of range for {expected}"))
            }
            crate::number::IntError::NotAnInteger => Error::expected(expected, "other text"),
        })
    }

    /// A float, with the AWS names of NaN and the infinities.
    pub fn double(t: &str) -> Result<f64> {
        crate::number::parse_f64(t).ok_or_else(|| Error::expected("double", "other text"))
    }

    /// A timestamp in `format`, or in another format kept to `format`'s precision (as XML
    /// text is read).
    pub fn timestamp(t: &str, format: TimestampFormat) -> Result<Timestamp> {
        Timestamp::parse_lenient(t.trim(), format)
    }

    /// A base64 blob.
    pub fn blob(t: &str) -> Result<Blob> {
        Blob::from_base64(t.trim())
    }

    /// A string; JSON values in headers (`mediaType`) arrive base64-encoded.
    pub fn string(t: &str, media_type: Option<&str>) -> Result<String> {
        match media_type {
            Some(_) => String::from_utf8(Blob::from_base64(t.trim())?.into_inner())
                .map_err(|_| Error::invalid("header value is not base64 of UTF-8")),
            None => Ok(t.to_owned()),
        }
    }
}
