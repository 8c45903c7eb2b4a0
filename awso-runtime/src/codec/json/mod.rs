//! JSON: the body format of awsJson1_0, awsJson1_1 and restJson1.
//!
//! Two paths with the same rules:
//! - direct: [`to_vec`] writes bytes and [`from_slice`] reads them, with no tree in between;
//! - tree: [`AwsShape::to_json`] / [`AwsShape::of_json`] over `serde_json::Value`.
//!
//! Rules: timestamps are epoch seconds (fractional allowed) unless the member says otherwise;
//! blobs are base64; `NaN`, `Infinity` and `-Infinity` are strings; unknown members are
//! ignored and `null` members are absent; nulls inside dense lists and maps are dropped.

pub(crate) mod read;
pub(crate) mod source;
pub(crate) mod tree;
pub(crate) mod write;

use crate::de::{Deserializer, EntryVisitor, ItemVisitor, MemberVisitor};
use crate::document::{Document, Number as DocNumber};
use crate::error::{Error, Result};
use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{Member, Shape};
use crate::time::{Timestamp, TimestampFormat};
use crate::{AwsErrorShape, AwsShape, Blob, MapKey};
use read::SliceSource;
use source::{Number, Peek, Shortcut, Source};

/// Options of the JSON readers and writers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonOptions {
    /// Use `#[aws(json_name)]` keys (restJson1 does; awsJson1_0 and awsJson1_1 ignore
    /// `jsonName`). Default `true`.
    pub use_json_name: bool,
    /// The deepest nesting of arrays and objects accepted on input. Default 128.
    pub max_depth: usize,
    /// The largest input accepted, in bytes. Default 64 MiB.
    pub max_size: usize,
}

/// The default input size limit of the readers (64 MiB).
pub use crate::limits::DEFAULT_MAX_SIZE;

impl Default for JsonOptions {
    fn default() -> Self {
        JsonOptions {
            use_json_name: true,
            max_depth: read::DEFAULT_MAX_DEPTH,
            max_size: DEFAULT_MAX_SIZE,
        }
    }
}

/// Serializes `value` to JSON bytes.
pub fn to_vec<T: AwsShape>(value: &T) -> Vec<u8> {
    to_vec_with(value, &JsonOptions::default())
}

/// Serializes `value` to JSON bytes with the given options.
pub fn to_vec_with<T: AwsShape>(value: &T, options: &JsonOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    value.serialize(JsonSerializer::new(&mut out, options.use_json_name));
    out
}

/// Serializes `value` to a JSON string.
pub fn to_string<T: AwsShape>(value: &T) -> String {
    // The writer only ever writes UTF-8: strings are copied whole, escapes are ASCII.
    String::from_utf8(to_vec(value)).unwrap_or_default()
}

/// Parses JSON bytes into a `T`.
pub fn from_slice<T: AwsShape>(input: &[u8]) -> Result<T> {
    from_slice_with(input, &JsonOptions::default())
}

/// Parses JSON bytes into a `T` with the given options.
pub fn from_slice_with<T: AwsShape>(input: &[u8], options: &JsonOptions) -> Result<T> {
    if input.len() > options.max_size {
        return Err(Error::new(crate::ErrorKind::SizeLimit(options.max_size)).in_shape(T::NAME));
    }
    let source = SliceSource::new(input).with_max_depth(options.max_depth);
    let mut d = JsonDeserializer::new(source, options.use_json_name);
    T::deserialize(&mut d)
        .and_then(|v| d.source.end().map(|()| v))
        .map_err(|e| e.in_shape(T::NAME).with_input(input))
}

/// Parses a JSON string into a `T`.
pub fn from_str<T: AwsShape>(input: &str) -> Result<T> {
    from_slice(input.as_bytes())
}

/// The JSON form of `value` as a `serde_json::Value` (what [`AwsShape::to_json`] returns).
pub fn to_json_value<T: AwsShape>(value: &T) -> serde_json::Value {
    value.serialize(tree::JsonValueSerializer::new(true))
}

/// Parses a `serde_json::Value` into a `T` (what [`AwsShape::of_json`] does).
pub fn from_json_value<T: AwsShape>(json: &serde_json::Value) -> Result<T> {
    let mut d = JsonDeserializer::new(tree::ValueSource::new(json), true);
    T::deserialize(&mut d).map_err(|e| e.in_shape(T::NAME))
}

// ---------------------------------------------------------------------------------------------
// Error responses

/// The error code of a JSON error response, the way AWS clients find it: the
/// `x-amzn-errortype` header first, then the body's `code`, then its `__type`; normalised with
/// [`crate::error_code::normalize`].
pub fn error_code<'a>(
    errortype_header: Option<&'a str>,
    body: &'a serde_json::Value,
) -> Option<&'a str> {
    let raw = errortype_header.filter(|h| !h.is_empty()).or_else(|| {
        ["code", "__type"]
            .iter()
            .find_map(|k| body.get(k).and_then(|v| v.as_str()))
    })?;
    Some(crate::error_code::normalize(raw))
}

/// Like [`error_code`], reading the body's top-level keys straight from bytes.
pub fn error_code_from_slice(errortype_header: Option<&str>, body: &[u8]) -> Option<String> {
    if let Some(h) = errortype_header.filter(|h| !h.is_empty()) {
        return Some(crate::error_code::normalize(h).to_owned());
    }
    let mut src = SliceSource::new(body);
    if src.peek().ok()? != Peek::Object {
        return None;
    }
    src.begin_object().ok()?;
    let (mut code, mut type_) = (None, None);
    while let Some(key) = src.next_key().ok()? {
        let slot = match &*key {
            "code" => &mut code,
            "__type" => &mut type_,
            _ => {
                src.skip().ok()?;
                continue;
            }
        };
        if src.peek().ok()? == Peek::String {
            *slot = Some(src.str().ok()?.into_owned());
        } else {
            src.skip().ok()?;
        }
    }
    code.or(type_)
        .map(|c| crate::error_code::normalize(&c).to_owned())
}

/// The JSON body of a modelled error: `__type` with its code, then its members.
pub fn error_to_json<E: AwsErrorShape>(error: &E) -> serde_json::Value {
    let mut body = serde_json::Map::new();
    body.insert("__type".into(), E::ERROR.code.into());
    if let serde_json::Value::Object(members) = error.to_json() {
        body.extend(members);
    }
    serde_json::Value::Object(body)
}

/// The JSON body of an error whose code is not modelled.
pub fn unknown_error_to_json(code: &str, message: Option<&str>) -> serde_json::Value {
    let mut body = serde_json::Map::new();
    body.insert("__type".into(), code.into());
    if let Some(m) = message {
        body.insert("message".into(), m.into());
    }
    serde_json::Value::Object(body)
}

// ---------------------------------------------------------------------------------------------
// Writing bytes

/// Writes one value as JSON bytes.
#[derive(Debug)]
pub(crate) struct JsonSerializer<'a> {
    out: &'a mut Vec<u8>,
    timestamp_format: Option<TimestampFormat>,
    use_json_name: bool,
}

impl<'a> JsonSerializer<'a> {
    /// A writer appending to `out`.
    pub fn new(out: &'a mut Vec<u8>, use_json_name: bool) -> Self {
        JsonSerializer {
            out,
            timestamp_format: None,
            use_json_name,
        }
    }

    #[inline]
    fn child(&mut self, timestamp_format: Option<TimestampFormat>) -> JsonSerializer<'_> {
        JsonSerializer {
            out: self.out,
            timestamp_format,
            use_json_name: self.use_json_name,
        }
    }
}

/// Writes the members of one JSON object.
#[derive(Debug)]
pub(crate) struct JsonStructure<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    use_json_name: bool,
}

/// Writes a timestamp in `format` (epoch seconds by default) as JSON.
fn write_timestamp(out: &mut Vec<u8>, v: Timestamp, format: Option<TimestampFormat>) {
    match format.unwrap_or(TimestampFormat::EpochSeconds) {
        // Whole seconds (what CloudWatch's metric timestamps are) as an integer straight into
        // `out`: the text `write_bytes` gives, without its stack buffer and copy.
        TimestampFormat::EpochSeconds if v.subsec_nanos() < 1_000_000 => {
            out.extend_from_slice(itoa::Buffer::new().format(v.secs()).as_bytes());
        }
        // Epoch seconds with millisecond precision is valid JSON number text as it is.
        TimestampFormat::EpochSeconds => v.write_bytes(TimestampFormat::EpochSeconds, out),
        f => {
            out.push(b'"');
            v.write_bytes(f, out);
            out.push(b'"');
        }
    }
}

fn write_document(out: &mut Vec<u8>, d: &Document) {
    match d {
        Document::Null => out.extend_from_slice(b"null"),
        Document::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Document::Number(DocNumber::PosInt(n)) => write::write_int(out, *n),
        Document::Number(DocNumber::NegInt(n)) => write::write_int(out, *n),
        Document::Number(DocNumber::Float(f)) => write::write_f64(out, *f),
        Document::String(s) => write::write_str(out, s),
        Document::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_document(out, item);
            }
            out.push(b']');
        }
        Document::Object(entries) => {
            out.push(b'{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write::write_str(out, k);
                out.push(b':');
                write_document(out, v);
            }
            out.push(b'}');
        }
    }
}

impl<'a> Serializer for JsonSerializer<'a> {
    type Ok = ();
    type Structure = JsonStructure<'a>;

    #[inline]
    fn boolean(self, v: bool) {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
    }
    #[inline]
    fn byte(self, v: i8) {
        write::write_int(self.out, v);
    }
    #[inline]
    fn short(self, v: i16) {
        write::write_int(self.out, v);
    }
    #[inline]
    fn integer(self, v: i32) {
        write::write_int(self.out, v);
    }
    #[inline]
    fn long(self, v: i64) {
        write::write_int(self.out, v);
    }
    #[inline]
    fn float(self, v: f32) {
        write::write_f32(self.out, v);
    }
    #[inline]
    fn double(self, v: f64) {
        write::write_f64(self.out, v);
    }
    #[inline]
    fn string(self, v: &str) {
        write::write_str(self.out, v);
    }
    fn timestamp(self, v: Timestamp) {
        write_timestamp(self.out, v, self.timestamp_format);
    }
    fn blob(self, v: &[u8]) {
        self.out.push(b'"');
        crate::blob::encode_base64_into(v, self.out);
        self.out.push(b'"');
    }
    fn document(self, v: &Document) {
        write_document(self.out, v);
    }
    fn null(self) {
        self.out.extend_from_slice(b"null");
    }
    fn list<T: AwsShape>(mut self, items: &[T]) {
        self.out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            let ts = self.timestamp_format;
            item.serialize(self.child(ts));
        }
        self.out.push(b']');
    }
    fn map<'m, K, V, I>(mut self, entries: I)
    where
        K: MapKey + 'm,
        V: AwsShape + 'm,
        I: ExactSizeIterator<Item = (&'m K, &'m V)>,
    {
        self.out.push(b'{');
        for (i, (k, v)) in entries.enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            write::write_str(self.out, k.key());
            self.out.push(b':');
            let ts = self.timestamp_format;
            v.serialize(self.child(ts));
        }
        self.out.push(b'}');
    }
    #[inline]
    fn structure(self, _shape: &'static Shape) -> JsonStructure<'a> {
        self.out.push(b'{');
        JsonStructure {
            out: self.out,
            first: true,
            use_json_name: self.use_json_name,
        }
    }
}

impl StructureSerializer for JsonStructure<'_> {
    type Ok = ();
    #[inline]
    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        match member.json_prefix(self.use_json_name) {
            Some(prefix) => self.out.extend_from_slice(prefix.as_bytes()),
            None => {
                write::write_str(self.out, member.json_key(self.use_json_name));
                self.out.push(b':');
            }
        }
        value.serialize(JsonSerializer {
            out: self.out,
            timestamp_format: member.timestamp_format,
            use_json_name: self.use_json_name,
        });
    }
    #[inline]
    fn end(self) {
        self.out.push(b'}');
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads shapes from a JSON `Source` (bytes or a `serde_json::Value`), applying the JSON
/// protocol rules once for both.
#[derive(Debug)]
pub(crate) struct JsonDeserializer<S> {
    source: S,
    member: Option<&'static Member>,
    use_json_name: bool,
    /// How many maps are open around the value being read.
    map_level: usize,
    /// The entry count of the last map read at each of the first levels: a map makes room for
    /// that many entries at its first one (see [`Self::map`]).
    map_sizes: [u32; MAP_LEVELS],
}

/// The map nesting levels whose sizes [`JsonDeserializer`] remembers.
const MAP_LEVELS: usize = 8;

impl<'de, S: Source<'de>> JsonDeserializer<S> {
    /// A reader over `source`.
    pub fn new(source: S, use_json_name: bool) -> Self {
        JsonDeserializer {
            source,
            member: None,
            use_json_name,
            map_level: 0,
            map_sizes: [0; MAP_LEVELS],
        }
    }

    /// The entries of a map whose `{` is read, each handed to `entries`; their count.
    #[inline]
    fn map_entries<V: EntryVisitor>(&mut self, entries: &mut V, expect: usize) -> Result<usize> {
        let mut count = 0;
        while let Some(key) = self.source.next_key()? {
            if count == 0 && expect > 0 {
                entries.reserve(expect);
            }
            count += 1;
            // Borrowed from the input where it has no escapes: no allocation here.
            if let Err(e) = entries.entry(self, &key) {
                return Err(e.in_key(&key));
            }
        }
        Ok(count)
    }

    /// The source, for checking what follows the value.
    pub fn source_mut(&mut self) -> &mut S {
        &mut self.source
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

    /// The error for a value of the wrong kind, at the current offset.
    #[cold]
    fn wrong(&mut self, expected: &'static str, found: Peek) -> Error {
        self.locate(
            Error::expected(expected, found.describe()),
            self.source.offset(),
        )
    }

    /// Peeks and checks that the next value is of kind `want`.
    #[inline]
    fn expect(&mut self, want: Peek, expected: &'static str) -> Result<()> {
        let found = self.source.peek()?;
        if found == want {
            Ok(())
        } else {
            Err(self.wrong(expected, found))
        }
    }

    /// Reads an integer that must fit `T`.
    #[inline]
    fn int<T: TryFrom<i64> + TryFrom<u64>>(&mut self, expected: &'static str) -> Result<T> {
        let (number, text) = self.source.number_as(expected)?;
        // Where the number starts, for the errors below (a tree has no offsets).
        let at = self
            .source
            .offset()
            .saturating_sub(text.map_or(0, <[u8]>::len));
        let fits = match number {
            Number::PosInt(n) => T::try_from(n).ok(),
            Number::NegInt(n) => T::try_from(n).ok(),
            Number::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => T::try_from(f as i64).ok(),
            Number::Float(_) => {
                return Err(self.locate(
                    Error::expected(expected, "number with a fraction or exponent"),
                    at,
                ))
            }
        };
        fits.ok_or_else(|| {
            self.locate(
                Error::invalid(format!("number out of range for {expected}")),
                at,
            )
        })
    }

    /// Reads a float, accepting the AWS strings for NaN and infinities.
    #[inline]
    fn float_value(&mut self, expected: &'static str) -> Result<f64> {
        match self.source.peek()? {
            Peek::Number => Ok(match self.source.number()? {
                Number::PosInt(n) => n as f64,
                Number::NegInt(n) => n as f64,
                Number::Float(f) => f,
            }),
            Peek::String => {
                let at = self.source.offset();
                match &*self.source.str()? {
                    "NaN" => Ok(f64::NAN),
                    "Infinity" => Ok(f64::INFINITY),
                    "-Infinity" => Ok(f64::NEG_INFINITY),
                    _ => Err(self.locate(
                        Error::expected(expected, "string other than NaN, Infinity, -Infinity"),
                        at,
                    )),
                }
            }
            found => Err(self.wrong(expected, found)),
        }
    }

    fn read_document(&mut self) -> Result<Document> {
        Ok(match self.source.peek()? {
            Peek::Null => {
                self.source.null()?;
                Document::Null
            }
            Peek::Bool => Document::Bool(self.source.bool()?),
            Peek::Number => Document::Number(match self.source.number()? {
                Number::PosInt(n) => DocNumber::PosInt(n),
                Number::NegInt(n) => DocNumber::NegInt(n),
                Number::Float(f) => DocNumber::Float(f),
            }),
            Peek::String => Document::String(self.source.str()?.into_owned()),
            Peek::Array => {
                self.source.begin_array()?;
                let mut items = Vec::new();
                while self.source.next_element()? {
                    items.push(self.read_document()?);
                }
                Document::Array(items)
            }
            Peek::Object => {
                self.source.begin_object()?;
                let mut entries = Vec::new();
                while let Some(k) = self.source.next_key()? {
                    let k = k.into_owned();
                    entries.push((k, self.read_document()?));
                }
                Document::Object(entries)
            }
        })
    }
}

impl<'de, S: Source<'de>> Deserializer for JsonDeserializer<S> {
    #[inline]
    fn boolean(&mut self) -> Result<bool> {
        self.expect(Peek::Bool, "boolean")?;
        self.source.bool()
    }
    #[inline]
    fn byte(&mut self) -> Result<i8> {
        self.int("byte (i8)")
    }
    #[inline]
    fn short(&mut self) -> Result<i16> {
        self.int("short (i16)")
    }
    #[inline]
    fn integer(&mut self) -> Result<i32> {
        self.int("integer (i32)")
    }
    #[inline]
    fn long(&mut self) -> Result<i64> {
        self.int("long (i64)")
    }
    #[inline]
    fn float(&mut self) -> Result<f32> {
        self.float_value("float").map(|f| f as f32)
    }
    #[inline]
    fn double(&mut self) -> Result<f64> {
        self.float_value("double")
    }
    #[inline]
    fn string(&mut self) -> Result<String> {
        self.source.string_as("string")
    }
    #[inline]
    fn enum_string<T, F: FnOnce(&str) -> Result<T>>(&mut self, f: F) -> Result<T> {
        self.expect(Peek::String, "string (enum value)")?;
        let at = self.source.offset();
        let text = self.source.str()?;
        f(&text).map_err(|e| self.locate(e, at))
    }
    fn timestamp(&mut self) -> Result<Timestamp> {
        let at = self.source.offset();
        let format = self.member.and_then(|m| m.timestamp_format);
        match self.source.peek()? {
            // Whole seconds stay integers (exact and fast); fractions go through f64, unless
            // they are short: a short decimal is the instant the f64 would give, read from its
            // text without computing the f64 at all.
            Peek::Number => match self.source.number_or(Timestamp::from_short_epoch_decimal)? {
                Shortcut::Taken(t) => Ok(t),
                Shortcut::Number(Number::PosInt(n), _) => i64::try_from(n)
                    .map_err(|_| Error::invalid("timestamp out of range"))
                    .and_then(Timestamp::from_secs_checked),
                Shortcut::Number(Number::NegInt(n), _) => Timestamp::from_secs_checked(n),
                Shortcut::Number(Number::Float(f), text) => text
                    .and_then(Timestamp::from_short_epoch_decimal)
                    .map_or_else(|| Timestamp::from_epoch_f64(f), Ok),
            }
            // A number for an http-date member keeps only what http-date can write back.
            .map(|t| match format {
                Some(TimestampFormat::HttpDate) => t.floor_to(TimestampFormat::HttpDate),
                _ => t,
            }),
            Peek::String => {
                let text = self.source.str()?;
                Timestamp::parse(&text, format.unwrap_or(TimestampFormat::DateTime))
            }
            found => Err(self.wrong("timestamp (epoch seconds or string)", found)),
        }
        .map_err(|e| self.locate(e, at))
    }
    fn blob(&mut self) -> Result<Blob> {
        self.expect(Peek::String, "blob (base64 string)")?;
        let at = self.source.offset();
        let text = self.source.str()?;
        crate::blob::decode_base64(text.as_bytes())
            .map(Blob::from)
            .map_err(|e| self.locate(e, at))
    }
    fn document(&mut self) -> Result<Document> {
        self.read_document()
    }
    #[inline]
    fn null(&mut self) -> Result<bool> {
        self.source.take_null()
    }
    #[inline]
    fn skip(&mut self) -> Result<()> {
        self.source.skip()
    }
    fn list<V: ItemVisitor>(&mut self, items: &mut V) -> Result<()> {
        self.source.begin_array_as("list (array)")?;
        let mut index = 0;
        while self.source.next_element()? {
            items.item(self).map_err(|e| e.in_index(index))?;
            index += 1;
        }
        Ok(())
    }
    /// JSON does not say how many entries an object has, so a hash map would grow from
    /// empty, rehashing every key at each step. Maps read one after another at the same
    /// level (the items of a DynamoDB `Query`, the `M` values inside them) are usually of
    /// one size, so a map makes room, at its first entry, for as many entries as the last
    /// map read at its level had. Each map's count serves as a hint once, so the room made
    /// ahead stays below the entries actually read; an empty map makes none.
    fn map<V: EntryVisitor>(&mut self, entries: &mut V) -> Result<()> {
        self.source.begin_object_as("map (object)")?;
        let level = self.map_level;
        let expect = self.map_sizes.get(level).map_or(0, |&n| n as usize);
        self.map_level = level + 1;
        let count = self.map_entries(entries, expect);
        self.map_level = level;
        let count = count?;
        if let Some(size) = self.map_sizes.get_mut(level) {
            *size = u32::try_from(count).unwrap_or(u32::MAX);
        }
        Ok(())
    }
    #[inline]
    fn structure<V: MemberVisitor>(
        &mut self,
        shape: &'static Shape,
        members: &mut V,
    ) -> Result<usize> {
        let mut present = 0;
        let outer = self.member;
        self.source.begin_object_as("structure (object)")?;
        let use_json_name = self.use_json_name;
        while let Some(key) = self.source.next_member_key()? {
            // Some services echo the shape id as `__type`; clients ignore it (it is no member).
            if *key == *b"__type" {
                self.source.skip()?;
                continue;
            }
            let index = members
                .json_member_index(shape, &key, use_json_name)
                .or_else(|| {
                    std::str::from_utf8(&key)
                        .ok()
                        .and_then(|key| shape.error_message_member(key))
                });
            let member = index.and_then(|i| Some((i, shape.members.get(i)?)));
            // A null member is an absent one. Anything else that is not a value is reported
            // by the read of the member (or the skip of an unknown one), at the same place.
            match self.source.take_null() {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => {
                    return Err(match member {
                        Some((_, m)) => e.in_member(m.name),
                        None => e,
                    })
                }
            }
            present += 1;
            match member {
                Some((i, m)) => {
                    self.member = Some(m);
                    members.member(self, i).map_err(|e| e.in_member(m.name))?;
                }
                None => self.source.skip()?,
            }
        }
        self.member = outer;
        Ok(present)
    }
    fn error_message(&mut self) -> Result<Option<String>> {
        if self.source.peek()? != Peek::Object {
            self.source.skip()?;
            return Ok(None);
        }
        self.source.begin_object()?;
        let mut message = None;
        while let Some(key) = self.source.next_key()? {
            let wanted = matches!(&*key, "message" | "Message" | "errorMessage");
            if wanted && message.is_none() && self.source.peek()? == Peek::String {
                message = Some(self.source.str()?.into_owned());
            } else {
                self.source.skip()?;
            }
        }
        Ok(message)
    }
}
