//! Reading CBOR bytes: the [`Deserializer`] of the rpcv2Cbor rules over minicbor's pull
//! [`Decoder`], which borrows strings and byte strings from the input and checks every
//! declared length against the bytes that remain before reading them.

use crate::de::{Deserializer, EntryVisitor, ItemVisitor, MemberVisitor};
use crate::document::{Document, Number as DocNumber};
use crate::error::{Error, ErrorKind, Result};
use crate::shape::Shape;
use crate::time::Timestamp;
use crate::Blob;
use minicbor::data::Type;
use minicbor::decode::Decoder;
use std::borrow::Cow;

/// The default nesting limit of the readers.
pub use crate::limits::DEFAULT_MAX_DEPTH;

/// What a CBOR data item is called in "found ..." error messages.
pub(crate) fn describe(t: Type) -> &'static str {
    match t {
        Type::Bool => "boolean",
        Type::Null => "null",
        Type::Undefined => "undefined",
        Type::U8 | Type::U16 | Type::U32 | Type::U64 => "unsigned integer",
        Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => "integer",
        Type::F16 | Type::F32 | Type::F64 => "float",
        Type::Simple => "simple value",
        Type::Bytes | Type::BytesIndef => "byte string",
        Type::String | Type::StringIndef => "text string",
        Type::Array | Type::ArrayIndef => "array",
        Type::Map | Type::MapIndef => "map",
        Type::Tag => "tagged value",
        Type::Break => "break",
        _ => "unknown item",
    }
}

pub(super) fn is_int(t: Type) -> bool {
    matches!(
        t,
        Type::U8
            | Type::U16
            | Type::U32
            | Type::U64
            | Type::I8
            | Type::I16
            | Type::I32
            | Type::I64
            | Type::Int
    )
}

/// A minicbor error as an awso syntax error at its position (never echoing input).
pub(crate) fn syntax(e: &minicbor::decode::Error, at: usize) -> Error {
    if e.is_end_of_input() {
        return Error::syntax("unexpected end of input", at);
    }
    let message = if e.is_type_mismatch() {
        "unexpected data item"
    } else if e.is_message() || e.is_custom() {
        "malformed CBOR"
    } else {
        "malformed CBOR (invalid UTF-8, length or head)"
    };
    Error::syntax(message, at)
}

#[inline]
fn cbor<T>(r: std::result::Result<T, minicbor::decode::Error>, at: usize) -> Result<T> {
    r.map_err(|e| syntax(&e, at))
}

/// Converts IEEE 754 half-precision bits to `f32` (NaN, infinities and subnormals included).
pub(crate) fn f16_to_f32(bits: u16) -> f32 {
    let sign = u32::from(bits >> 15) << 31;
    let exp = (bits >> 10) & 0x1f;
    let frac = u32::from(bits & 0x3ff);
    let out = match exp {
        0 if frac == 0 => sign,
        0 => {
            // Subnormal: frac * 2^-24.
            let v = frac as f32 * (1.0 / 16_777_216.0);
            return if sign != 0 { -v } else { v };
        }
        0x1f => sign | 0x7f80_0000 | (frac << 13),
        e => sign | ((u32::from(e) + 127 - 15) << 23) | (frac << 13),
    };
    f32::from_bits(out)
}

/// Reads shapes from CBOR bytes, applying the rpcv2Cbor rules.
#[derive(Debug)]
pub(crate) struct CborDeserializer<'de> {
    d: Decoder<'de>,
    depth: usize,
    max_depth: usize,
}

impl<'de> CborDeserializer<'de> {
    /// A reader over `input` with the default nesting limit.
    pub fn new(input: &'de [u8]) -> Self {
        CborDeserializer {
            d: Decoder::new(input),
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }

    /// Sets the nesting limit of arrays, maps and tags.
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Checks that the whole input was read.
    pub fn end(&self) -> Result<()> {
        if self.d.position() < self.d.input().len() {
            Err(Error::syntax(
                "trailing bytes after the value",
                self.d.position(),
            ))
        } else {
            Ok(())
        }
    }

    #[inline]
    fn pos(&self) -> usize {
        self.d.position()
    }

    /// An announced item count, bounded by the bytes left (every item takes at least one).
    fn announced(&self, len: u64) -> usize {
        let left = self.d.input().len().saturating_sub(self.pos());
        usize::try_from(len).map_or(left, |len| len.min(left))
    }

    /// The type of the next data item.
    #[inline]
    fn peek(&self) -> Result<Type> {
        self.d.datatype().map_err(|e| syntax(&e, self.pos()))
    }

    #[cold]
    fn wrong(&self, expected: &'static str, found: Type) -> Error {
        Error::expected(expected, describe(found)).at_offset(self.pos())
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(Error::new(ErrorKind::DepthLimit(self.max_depth)).at_offset(self.pos()));
        }
        Ok(())
    }

    /// Reads the tags in front of a data item; returns the innermost one and the type of the
    /// item. Tags 2 and 3 (big integers) are errors where `expected` is a number.
    fn untag(&mut self, expected: &'static str) -> Result<(Option<u64>, Type)> {
        let mut tag = None;
        let mut n = 0;
        loop {
            let t = self.peek()?;
            if t != Type::Tag {
                return Ok((tag, t));
            }
            n += 1;
            if n > self.max_depth {
                return Err(Error::new(ErrorKind::DepthLimit(self.max_depth)).at_offset(self.pos()));
            }
            let at = self.pos();
            let value = u64::from(cbor(self.d.tag(), at)?);
            if value == 2 || value == 3 {
                let message = format!("big integer (tag {value}) does not fit {expected}");
                return Err(Error::invalid(message).at_offset(at));
            }
            tag = Some(value);
        }
    }

    /// Reads an integer that must fit `T`.
    fn int<T: TryFrom<i128>>(&mut self, expected: &'static str) -> Result<T> {
        // Fast path: an untagged integer head skips the type dispatch.
        if !matches!(self.initial(), Some(0x00..=0x1b | 0x20..=0x3b)) {
            let (_, t) = self.untag(expected)?;
            if !is_int(t) {
                return Err(self.wrong(expected, t));
            }
        }
        let at = self.pos();
        let v = i128::from(cbor(self.d.int(), at)?);
        T::try_from(v).map_err(|_| {
            Error::invalid(format!("integer out of range for {expected}")).at_offset(at)
        })
    }

    /// Reads any number as `f64` (floats of every width, integers).
    fn number(&mut self, expected: &'static str) -> Result<f64> {
        let (_, t) = self.untag(expected)?;
        let at = self.pos();
        match t {
            Type::F16 => {
                let input = self.d.input();
                let bits = match input.get(at + 1..at + 3) {
                    Some(b) => u16::from_be_bytes([b[0], b[1]]),
                    None => return Err(Error::syntax("unexpected end of input", at)),
                };
                self.d.set_position(at + 3);
                Ok(f64::from(f16_to_f32(bits)))
            }
            Type::F32 => cbor(self.d.f32(), at).map(f64::from),
            Type::F64 => cbor(self.d.f64(), at),
            t if is_int(t) => Ok(i128::from(cbor(self.d.int(), at)?) as f64),
            t => Err(self.wrong(expected, t)),
        }
    }

    /// The initial byte of the next data item, if any.
    #[inline]
    fn initial(&self) -> Option<u8> {
        self.d.input().get(self.d.position()).copied()
    }

    /// Reads a text string, definite (borrowed) or indefinite (joined).
    #[inline]
    fn text(&mut self, expected: &'static str) -> Result<Cow<'de, str>> {
        // Fast path: an untagged definite-length string.
        if matches!(self.initial(), Some(0x60..=0x7b)) {
            let at = self.pos();
            return cbor(self.d.str(), at).map(Cow::Borrowed);
        }
        let (_, t) = self.untag(expected)?;
        let at = self.pos();
        match t {
            Type::String => cbor(self.d.str(), at).map(Cow::Borrowed),
            Type::StringIndef => {
                let mut s = String::new();
                let iter = self.d.str_iter().map_err(|e| syntax(&e, at))?;
                for chunk in iter {
                    s.push_str(chunk.map_err(|e| syntax(&e, at))?);
                }
                Ok(Cow::Owned(s))
            }
            t => Err(self.wrong(expected, t)),
        }
    }

    /// Reads a byte string, definite or indefinite.
    fn byte_string(&mut self, expected: &'static str) -> Result<Vec<u8>> {
        let (_, t) = self.untag(expected)?;
        let at = self.pos();
        match t {
            Type::Bytes => cbor(self.d.bytes(), at).map(<[u8]>::to_vec),
            Type::BytesIndef => {
                let mut out = Vec::new();
                let iter = self.d.bytes_iter().map_err(|e| syntax(&e, at))?;
                for chunk in iter {
                    out.extend_from_slice(chunk.map_err(|e| syntax(&e, at))?);
                }
                Ok(out)
            }
            t => Err(self.wrong(expected, t)),
        }
    }

    /// Skips one whole data item (minicbor skips without recursion).
    fn skip(&mut self) -> Result<()> {
        let at = self.pos();
        cbor(self.d.skip(), at)
    }

    /// After the head of an array or map: whether another item follows. `remaining` is the
    /// count left of a definite container, `None` for an indefinite one (whose break is
    /// consumed here).
    fn next_item(&mut self, remaining: &mut Option<u64>) -> Result<bool> {
        match remaining {
            Some(0) => Ok(false),
            Some(n) => {
                *n -= 1;
                Ok(true)
            }
            None => {
                if self.peek()? == Type::Break {
                    let at = self.pos();
                    self.d.set_position(at + 1);
                    Ok(false)
                } else {
                    Ok(true)
                }
            }
        }
    }

    /// Starts an array; its length (or `None`) for [`next_item`](Self::next_item).
    fn begin_array(&mut self, expected: &'static str) -> Result<Option<u64>> {
        let (_, t) = self.untag(expected)?;
        if !matches!(t, Type::Array | Type::ArrayIndef) {
            return Err(self.wrong(expected, t));
        }
        self.enter()?;
        let at = self.pos();
        cbor(self.d.array(), at)
    }

    /// Starts a map; its entry count (or `None`).
    fn begin_map(&mut self, expected: &'static str) -> Result<Option<u64>> {
        let (_, t) = self.untag(expected)?;
        if !matches!(t, Type::Map | Type::MapIndef) {
            return Err(self.wrong(expected, t));
        }
        self.enter()?;
        let at = self.pos();
        cbor(self.d.map(), at)
    }

    /// The next key of a map, which must be a text string.
    fn key(&mut self) -> Result<Cow<'de, str>> {
        self.text("map key (text string)")
    }

    /// Reads a map and returns the text of its `__type` key, if any (error bodies).
    pub fn type_member(&mut self) -> Result<Option<String>> {
        let mut n = self.begin_map("error body (map)")?;
        let mut code = None;
        while self.next_item(&mut n)? {
            let key = self.key()?;
            if key == "__type"
                && code.is_none()
                && matches!(self.peek()?, Type::String | Type::StringIndef)
            {
                code = Some(self.text("string")?.into_owned());
            } else {
                self.skip()?;
            }
        }
        self.depth -= 1;
        Ok(code)
    }

    fn read_document(&mut self) -> Result<Document> {
        let (_, t) = self.untag("document")?;
        let at = self.pos();
        Ok(match t {
            Type::Null | Type::Undefined => {
                self.skip()?;
                Document::Null
            }
            Type::Bool => Document::Bool(cbor(self.d.bool(), at)?),
            t if is_int(t) => {
                let v = i128::from(cbor(self.d.int(), at)?);
                Document::Number(if let Ok(u) = u64::try_from(v) {
                    DocNumber::PosInt(u)
                } else if let Ok(i) = i64::try_from(v) {
                    DocNumber::NegInt(i)
                } else {
                    DocNumber::Float(v as f64)
                })
            }
            Type::F16 | Type::F32 | Type::F64 => {
                Document::Number(DocNumber::Float(self.number("document")?))
            }
            Type::String | Type::StringIndef => {
                Document::String(self.text("document")?.into_owned())
            }
            Type::Array | Type::ArrayIndef => {
                let mut n = self.begin_array("document")?;
                let mut items = Vec::new();
                while self.next_item(&mut n)? {
                    let i = items.len();
                    items.push(self.read_document().map_err(|e| e.in_index(i))?);
                }
                self.depth -= 1;
                Document::Array(items)
            }
            Type::Map | Type::MapIndef => {
                let mut n = self.begin_map("document")?;
                let mut entries = Vec::new();
                while self.next_item(&mut n)? {
                    let k = self.key()?.into_owned();
                    let v = self.read_document().map_err(|e| e.in_key(&k))?;
                    entries.push((k, v));
                }
                self.depth -= 1;
                Document::Object(entries)
            }
            t => return Err(self.wrong("document", t)),
        })
    }
}

impl Deserializer for CborDeserializer<'_> {
    fn boolean(&mut self) -> Result<bool> {
        let (_, t) = self.untag("boolean")?;
        if t != Type::Bool {
            return Err(self.wrong("boolean", t));
        }
        let at = self.pos();
        cbor(self.d.bool(), at)
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
        self.number("float").map(|f| f as f32)
    }
    fn double(&mut self) -> Result<f64> {
        self.number("double")
    }
    fn string(&mut self) -> Result<String> {
        self.text("string").map(Cow::into_owned)
    }
    fn enum_string<T, F: FnOnce(&str) -> Result<T>>(&mut self, f: F) -> Result<T> {
        let at = self.pos();
        let text = self.text("string (enum value)")?;
        f(&text).map_err(|e| e.at_offset(at))
    }
    fn timestamp(&mut self) -> Result<Timestamp> {
        let at = self.pos();
        let (tag, _) = self.untag("timestamp (tag 1 epoch seconds)")?;
        if let Some(tag) = tag.filter(|&t| t != 1) {
            return Err(Error::invalid(format!(
                "expected timestamp (tag 1 epoch seconds), found tag {tag}"
            ))
            .at_offset(at));
        }
        let secs = self.number("timestamp (tag 1 epoch seconds)")?;
        // Whole seconds need no decimal rounding.
        if secs.fract() == 0.0 && secs.abs() < 9.0e15 {
            return Timestamp::from_secs_checked(secs as i64).map_err(|e| e.at_offset(at));
        }
        Timestamp::from_epoch_f64(secs).map_err(|e| e.at_offset(at))
    }
    fn blob(&mut self) -> Result<Blob> {
        self.byte_string("blob (byte string)").map(Blob::from)
    }
    fn document(&mut self) -> Result<Document> {
        self.read_document()
    }
    fn null(&mut self) -> Result<bool> {
        if matches!(self.peek()?, Type::Null | Type::Undefined) {
            self.skip()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }
    fn skip(&mut self) -> Result<()> {
        CborDeserializer::skip(self)
    }
    fn list<V: ItemVisitor>(&mut self, items: &mut V) -> Result<()> {
        let mut n = self.begin_array("list (array)")?;
        if let Some(len) = n {
            items.reserve(self.announced(len));
        }
        let mut index = 0;
        while self.next_item(&mut n)? {
            items.item(self).map_err(|e| e.in_index(index))?;
            index += 1;
        }
        self.depth -= 1;
        Ok(())
    }
    fn map<V: EntryVisitor>(&mut self, entries: &mut V) -> Result<()> {
        let mut n = self.begin_map("map")?;
        if let Some(len) = n {
            entries.reserve(self.announced(len));
        }
        while self.next_item(&mut n)? {
            let key = self.key()?;
            if let Err(e) = entries.entry(self, &key) {
                return Err(e.in_key(&key));
            }
        }
        self.depth -= 1;
        Ok(())
    }
    fn structure<V: MemberVisitor>(
        &mut self,
        shape: &'static Shape,
        members: &mut V,
    ) -> Result<usize> {
        let mut n = self.begin_map("structure (map)")?;
        let mut present = 0;
        let mut hint = 0;
        while self.next_item(&mut n)? {
            let key = self.key()?;
            // Some services echo the shape id as `__type`; clients ignore it (it is no member).
            if key == "__type" {
                self.skip()?;
                continue;
            }
            let index = shape
                .find_member(&key, hint, |m| m.name)
                .or_else(|| shape.error_message_member(&key));
            let is_null = match self.initial() {
                Some(b) => matches!(b, 0xf6 | 0xf7),
                None => {
                    let e = Error::syntax("unexpected end of input", self.pos());
                    return Err(match index {
                        Some(i) => e.in_member(shape.members[i].name),
                        None => e,
                    });
                }
            };
            if is_null {
                self.skip()?;
                continue;
            }
            present += 1;
            match index {
                Some(i) => {
                    hint = i + 1;
                    let name = shape.members[i].name;
                    members.member(self, i).map_err(|e| e.in_member(name))?;
                }
                None => self.skip()?,
            }
        }
        self.depth -= 1;
        Ok(present)
    }
    fn error_message(&mut self) -> Result<Option<String>> {
        let (_, t) = self.untag("error body (map)")?;
        if !matches!(t, Type::Map | Type::MapIndef) {
            self.skip()?;
            return Ok(None);
        }
        let mut n = self.begin_map("error body (map)")?;
        let mut message = None;
        while self.next_item(&mut n)? {
            let key = self.key()?;
            let wanted = matches!(&*key, "message" | "Message" | "errorMessage");
            if wanted
                && message.is_none()
                && matches!(self.peek()?, Type::String | Type::StringIndef)
            {
                message = Some(self.text("string")?.into_owned());
            } else {
                self.skip()?;
            }
        }
        self.depth -= 1;
        Ok(message)
    }
}
