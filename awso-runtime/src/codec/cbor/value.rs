//! [`Cbor`]: a CBOR data item as a plain Rust value, with a decoder, an encoder and the
//! diagnostic notation of RFC 8949 section 8 as its `Display`.

use super::read::{f16_to_f32, syntax, DEFAULT_MAX_DEPTH};
use super::write;
use crate::error::{Error, ErrorKind, Result};
use minicbor::data::Type;
use minicbor::decode::Decoder;
use std::fmt;

/// One CBOR data item. Lengths are not kept: definite and indefinite arrays, maps and strings
/// read the same, and are written back with definite lengths. Float widths are kept, so a
/// float16, float32 or float64 is written back as it was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cbor {
    /// `null` (simple value 22).
    Null,
    /// `undefined` (simple value 23).
    Undefined,
    /// `true` or `false`.
    Bool(bool),
    /// An integer of major type 0 or 1 (-2^64 to 2^64 - 1; values outside that range are
    /// written clamped to it).
    Integer(i128),
    /// A half-precision float, as its bits.
    Float16(u16),
    /// A single-precision float.
    Float32(f32),
    /// A double-precision float.
    Float64(f64),
    /// A byte string.
    Bytes(Vec<u8>),
    /// A text string.
    Text(String),
    /// An array.
    Array(Vec<Cbor>),
    /// A map, entries in input order (keys of any type).
    Map(Vec<(Cbor, Cbor)>),
    /// A tagged data item.
    Tag(u64, Box<Cbor>),
    /// Another simple value: 0 to 19 or 32 to 255 (20 to 23 are `false`, `true`, `null`
    /// and `undefined`; 24 to 31 are reserved and cannot be encoded).
    Simple(u8),
}

impl Cbor {
    /// Decodes one data item that must fill `input`, nesting at most 128 deep.
    pub fn from_slice(input: &[u8]) -> Result<Cbor> {
        Cbor::from_slice_with_depth(input, DEFAULT_MAX_DEPTH)
    }

    /// Decodes one data item that must fill `input`, nesting at most `max_depth` deep.
    pub fn from_slice_with_depth(input: &[u8], max_depth: usize) -> Result<Cbor> {
        let mut d = Decoder::new(input);
        let v = decode(&mut d, 0, max_depth)?;
        if d.position() < input.len() {
            return Err(Error::syntax(
                "trailing bytes after the value",
                d.position(),
            ));
        }
        Ok(v)
    }

    /// Encodes this item (shortest heads, definite lengths).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }

    /// Appends the encoding of this item to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Cbor::Null => out.push(0xf6),
            Cbor::Undefined => out.push(0xf7),
            Cbor::Bool(b) => out.push(if *b { 0xf5 } else { 0xf4 }),
            Cbor::Integer(n) => {
                if *n >= 0 {
                    write::head(out, write::UNSIGNED, u64::try_from(*n).unwrap_or(u64::MAX));
                } else {
                    let m = u64::try_from(-1 - *n).unwrap_or(u64::MAX);
                    write::head(out, write::NEGATIVE, m);
                }
            }
            Cbor::Float16(bits) => {
                out.push(0xf9);
                out.extend_from_slice(&bits.to_be_bytes());
            }
            Cbor::Float32(f) => write::f32(out, *f),
            Cbor::Float64(f) => write::f64(out, *f),
            Cbor::Bytes(b) => write::bytes(out, b),
            Cbor::Text(s) => write::text(out, s),
            Cbor::Array(items) => {
                write::head(out, write::ARRAY, items.len() as u64);
                for item in items {
                    item.encode(out);
                }
            }
            Cbor::Map(entries) => {
                write::head(out, write::MAP, entries.len() as u64);
                for (k, v) in entries {
                    k.encode(out);
                    v.encode(out);
                }
            }
            Cbor::Tag(tag, item) => {
                write::head(out, write::TAG, *tag);
                item.encode(out);
            }
            Cbor::Simple(n) => {
                if *n < 24 {
                    out.push(0xe0 | n);
                } else {
                    out.push(0xf8);
                    out.push(*n);
                }
            }
        }
    }

    /// The value of the text key `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Cbor> {
        match self {
            Cbor::Map(entries) => entries.iter().find_map(|(k, v)| match k {
                Cbor::Text(t) if t == key => Some(v),
                _ => None,
            }),
            _ => None,
        }
    }

    /// The diagnostic notation of this item (RFC 8949 section 8), as its `Display` prints it:
    /// `{"PlayerId": "player-1", "CreationTime": 1(1732528861.345)}`.
    pub fn to_diagnostic(&self) -> String {
        self.to_string()
    }
}

fn decode(d: &mut Decoder<'_>, depth: usize, max_depth: usize) -> Result<Cbor> {
    let at = d.position();
    let t = d.datatype().map_err(|e| syntax(&e, at))?;
    let cbor =
        |r: std::result::Result<Cbor, minicbor::decode::Error>| r.map_err(|e| syntax(&e, at));
    let nested = |depth: usize| {
        if depth + 1 > max_depth {
            Err(Error::new(ErrorKind::DepthLimit(max_depth)).at_offset(at))
        } else {
            Ok(depth + 1)
        }
    };
    Ok(match t {
        Type::Null => cbor(d.null().map(|()| Cbor::Null))?,
        Type::Undefined => cbor(d.undefined().map(|()| Cbor::Undefined))?,
        Type::Bool => cbor(d.bool().map(Cbor::Bool))?,
        t if super::read::is_int(t) => cbor(d.int().map(|i| Cbor::Integer(i128::from(i))))?,
        Type::F16 => {
            let bits = match d.input().get(at + 1..at + 3) {
                Some(b) => u16::from_be_bytes([b[0], b[1]]),
                None => return Err(Error::syntax("unexpected end of input", at)),
            };
            d.set_position(at + 3);
            Cbor::Float16(bits)
        }
        Type::F32 => cbor(d.f32().map(Cbor::Float32))?,
        Type::F64 => cbor(d.f64().map(Cbor::Float64))?,
        Type::Simple => {
            // RFC 8949 section 3.3: `0xf8` followed by a byte below 32 is not well-formed.
            // Accepting it made `0xf8 0x16` a second spelling of null (and 20, 21, 23 of
            // false, true, undefined) that the tree wrote back as the real one, so the tree
            // and direct paths disagreed on it (found by fuzzing).
            if d.input().get(at) == Some(&0xf8) && d.input().get(at + 1).is_some_and(|&n| n < 32) {
                return Err(Error::syntax(
                    "malformed CBOR (two-byte simple value below 32)",
                    at,
                ));
            }
            cbor(d.simple().map(Cbor::Simple))?
        }
        Type::Bytes => cbor(d.bytes().map(|b| Cbor::Bytes(b.to_vec())))?,
        Type::BytesIndef => {
            let mut out = Vec::new();
            for chunk in d.bytes_iter().map_err(|e| syntax(&e, at))? {
                out.extend_from_slice(chunk.map_err(|e| syntax(&e, at))?);
            }
            Cbor::Bytes(out)
        }
        Type::String => cbor(d.str().map(|s| Cbor::Text(s.to_owned())))?,
        Type::StringIndef => {
            let mut out = String::new();
            for chunk in d.str_iter().map_err(|e| syntax(&e, at))? {
                out.push_str(chunk.map_err(|e| syntax(&e, at))?);
            }
            Cbor::Text(out)
        }
        Type::Array | Type::ArrayIndef => {
            let depth = nested(depth)?;
            let len = d.array().map_err(|e| syntax(&e, at))?;
            let mut items = Vec::new();
            while more(d, len.map(|n| n.saturating_sub(items.len() as u64)))? {
                let i = items.len();
                items.push(decode(d, depth, max_depth).map_err(|e| e.in_index(i))?);
            }
            Cbor::Array(items)
        }
        Type::Map | Type::MapIndef => {
            let depth = nested(depth)?;
            let len = d.map().map_err(|e| syntax(&e, at))?;
            let mut entries = Vec::new();
            while more(d, len.map(|n| n.saturating_sub(entries.len() as u64)))? {
                let k = decode(d, depth, max_depth)?;
                let v = match &k {
                    Cbor::Text(t) => decode(d, depth, max_depth).map_err(|e| e.in_key(t))?,
                    _ => decode(d, depth, max_depth)?,
                };
                entries.push((k, v));
            }
            Cbor::Map(entries)
        }
        Type::Tag => {
            let depth = nested(depth)?;
            let tag = u64::from(d.tag().map_err(|e| syntax(&e, at))?);
            Cbor::Tag(tag, Box::new(decode(d, depth, max_depth)?))
        }
        Type::Break => return Err(Error::syntax("unexpected break", at)),
        _ => return Err(Error::syntax("malformed CBOR (reserved head)", at)),
    })
}

/// Whether another item of an array or map follows: `remaining` items of a definite one, or
/// until the break of an indefinite one (consumed here).
fn more(d: &mut Decoder<'_>, remaining: Option<u64>) -> Result<bool> {
    match remaining {
        Some(n) => Ok(n > 0),
        None => {
            let at = d.position();
            if d.datatype().map_err(|e| syntax(&e, at))? == Type::Break {
                d.set_position(at + 1);
                Ok(false)
            } else {
                Ok(true)
            }
        }
    }
}

fn fmt_float(f: &mut fmt::Formatter<'_>, v: f64, suffix: &str) -> fmt::Result {
    if v.is_nan() {
        f.write_str("NaN")?;
    } else if v.is_infinite() {
        f.write_str(if v > 0.0 { "Infinity" } else { "-Infinity" })?;
    } else if v.fract() == 0.0 && v.abs() < 1e16 {
        write!(f, "{v:.1}")?;
    } else {
        write!(f, "{v}")?;
    }
    f.write_str(suffix)
}

fn fmt_text(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for Cbor {
    /// Diagnostic notation; float widths as encoding indicators (`1.5_1` is float16,
    /// `1.5_2` float32, `1.5` float64).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cbor::Null => f.write_str("null"),
            Cbor::Undefined => f.write_str("undefined"),
            Cbor::Bool(b) => write!(f, "{b}"),
            Cbor::Integer(n) => write!(f, "{n}"),
            Cbor::Float16(bits) => fmt_float(f, f64::from(f16_to_f32(*bits)), "_1"),
            Cbor::Float32(v) => fmt_float(f, f64::from(*v), "_2"),
            Cbor::Float64(v) => fmt_float(f, *v, ""),
            Cbor::Bytes(b) => {
                f.write_str("h'")?;
                for byte in b {
                    write!(f, "{byte:02x}")?;
                }
                f.write_str("'")
            }
            Cbor::Text(s) => fmt_text(f, s),
            Cbor::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Cbor::Map(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Cbor::Tag(tag, item) => write!(f, "{tag}({item})"),
            Cbor::Simple(n) => write!(f, "simple({n})"),
        }
    }
}
