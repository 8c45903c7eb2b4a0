//! Writing CBOR bytes: the [`Serializer`] of the direct path ([`super::to_vec`]).
//!
//! Heads are written in their shortest form (RFC 8949 preferred serialization); structures,
//! lists and maps have definite lengths; `f32` is written as float32, `f64` as float64, and
//! timestamps as tag 1 over a float64 of epoch seconds.

use crate::document::{Document, Number as DocNumber};
use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{Member, Shape};
use crate::time::Timestamp;
use crate::{AwsShape, MapKey};

/// Major type 0: unsigned integers.
pub(crate) const UNSIGNED: u8 = 0;
/// Major type 1: negative integers.
pub(crate) const NEGATIVE: u8 = 1;
/// Major type 2: byte strings.
pub(crate) const BYTES: u8 = 2;
/// Major type 3: text strings.
pub(crate) const TEXT: u8 = 3;
/// Major type 4: arrays.
pub(crate) const ARRAY: u8 = 4;
/// Major type 5: maps.
pub(crate) const MAP: u8 = 5;
/// Major type 6: tags.
pub(crate) const TAG: u8 = 6;

/// The bytes of a head of major type `major` with argument `n`, shortest form.
pub(crate) fn head_bytes(major: u8, n: u64) -> ([u8; 9], usize) {
    let mut b = [0u8; 9];
    let m = major << 5;
    let len = if n < 24 {
        b[0] = m | n as u8;
        1
    } else if n <= u64::from(u8::MAX) {
        b[0] = m | 24;
        b[1] = n as u8;
        2
    } else if n <= u64::from(u16::MAX) {
        b[0] = m | 25;
        b[1..3].copy_from_slice(&(n as u16).to_be_bytes());
        3
    } else if n <= u64::from(u32::MAX) {
        b[0] = m | 26;
        b[1..5].copy_from_slice(&(n as u32).to_be_bytes());
        5
    } else {
        b[0] = m | 27;
        b[1..9].copy_from_slice(&n.to_be_bytes());
        9
    };
    (b, len)
}

/// Appends a head.
#[inline]
pub(crate) fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    // One byte for short strings, keys, small counts and integers: no copy of a length
    // that is only known at run time.
    if n < 24 {
        out.push((major << 5) | n as u8);
        return;
    }
    let (b, len) = head_bytes(major, n);
    out.extend_from_slice(&b[..len]);
}

/// Appends an integer in its shortest form.
#[inline]
pub(crate) fn int(out: &mut Vec<u8>, v: i64) {
    if v >= 0 {
        head(out, UNSIGNED, v as u64);
    } else {
        // -1 - v, without overflow for i64::MIN.
        head(out, NEGATIVE, !(v as u64));
    }
}

/// Appends a float32.
#[inline]
pub(crate) fn f32(out: &mut Vec<u8>, v: f32) {
    out.push(0xfa);
    out.extend_from_slice(&v.to_bits().to_be_bytes());
}

/// Appends a float64.
#[inline]
pub(crate) fn f64(out: &mut Vec<u8>, v: f64) {
    out.push(0xfb);
    out.extend_from_slice(&v.to_bits().to_be_bytes());
}

/// Appends a text string.
#[inline]
pub(crate) fn text(out: &mut Vec<u8>, s: &str) {
    head(out, TEXT, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Appends a byte string.
#[inline]
pub(crate) fn bytes(out: &mut Vec<u8>, b: &[u8]) {
    head(out, BYTES, b.len() as u64);
    out.extend_from_slice(b);
}

/// Appends a timestamp: tag 1 over a float64 of epoch seconds, floored to the millisecond as
/// every epoch-seconds writer and reader does (see `time.rs` on precision).
#[inline]
pub(crate) fn timestamp(out: &mut Vec<u8>, v: Timestamp) {
    head(out, TAG, 1);
    f64(
        out,
        v.floor_to(crate::time::TimestampFormat::EpochSeconds)
            .as_epoch_f64(),
    );
}

fn document(out: &mut Vec<u8>, d: &Document) {
    match d {
        Document::Null => out.push(0xf6),
        Document::Bool(b) => out.push(if *b { 0xf5 } else { 0xf4 }),
        Document::Number(DocNumber::PosInt(n)) => head(out, UNSIGNED, *n),
        Document::Number(DocNumber::NegInt(n)) => int(out, *n),
        Document::Number(DocNumber::Float(f)) => f64(out, *f),
        Document::String(s) => text(out, s),
        Document::Array(items) => {
            head(out, ARRAY, items.len() as u64);
            for item in items {
                document(out, item);
            }
        }
        Document::Object(entries) => {
            head(out, MAP, entries.len() as u64);
            for (k, v) in entries {
                text(out, k);
                document(out, v);
            }
        }
    }
}

/// Writes one value as CBOR bytes (the rpcv2Cbor body rules).
#[derive(Debug)]
pub(crate) struct CborSerializer<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> CborSerializer<'a> {
    /// A writer appending to `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        CborSerializer { out }
    }
}

/// Writes the members of one structure as a definite-length map whose head is patched in
/// when the structure ends.
#[derive(Debug)]
pub struct CborStructure<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
    count: u64,
}

impl<'a> Serializer for CborSerializer<'a> {
    type Ok = ();
    type Structure = CborStructure<'a>;

    fn boolean(self, v: bool) {
        self.out.push(if v { 0xf5 } else { 0xf4 });
    }
    fn byte(self, v: i8) {
        int(self.out, v.into());
    }
    fn short(self, v: i16) {
        int(self.out, v.into());
    }
    fn integer(self, v: i32) {
        int(self.out, v.into());
    }
    fn long(self, v: i64) {
        int(self.out, v);
    }
    fn float(self, v: f32) {
        f32(self.out, v);
    }
    fn double(self, v: f64) {
        f64(self.out, v);
    }
    fn string(self, v: &str) {
        text(self.out, v);
    }
    fn timestamp(self, v: Timestamp) {
        timestamp(self.out, v);
    }
    fn blob(self, v: &[u8]) {
        bytes(self.out, v);
    }
    fn document(self, v: &Document) {
        document(self.out, v);
    }
    fn null(self) {
        self.out.push(0xf6);
    }
    fn list<T: AwsShape>(self, items: &[T]) {
        head(self.out, ARRAY, items.len() as u64);
        for item in items {
            item.serialize(CborSerializer { out: self.out });
        }
    }
    fn map<'m, K, V, I>(self, entries: I)
    where
        K: MapKey + 'm,
        V: AwsShape + 'm,
        I: ExactSizeIterator<Item = (&'m K, &'m V)>,
    {
        head(self.out, MAP, entries.len() as u64);
        for (k, v) in entries {
            text(self.out, k.key());
            v.serialize(CborSerializer { out: self.out });
        }
    }
    fn structure(self, _shape: &'static Shape) -> CborStructure<'a> {
        let start = self.out.len();
        self.out.push(MAP << 5);
        CborStructure {
            out: self.out,
            start,
            count: 0,
        }
    }
}

impl StructureSerializer for CborStructure<'_> {
    type Ok = ();
    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        self.count += 1;
        text(self.out, member.name);
        value.serialize(CborSerializer { out: self.out });
    }
    fn end(self) {
        if self.count < 24 {
            self.out[self.start] = (MAP << 5) | self.count as u8;
        } else {
            let (b, len) = head_bytes(MAP, self.count);
            self.out
                .splice(self.start..self.start + 1, b[..len].iter().copied());
        }
    }
}

/// A serializer that only finds out whether a value is a structure without members (an
/// operation input that sends no body in rpcv2Cbor).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MembersProbe;

/// The structure side of [`MembersProbe`].
#[derive(Debug)]
pub(crate) struct ProbeStructure(bool);

impl StructureSerializer for ProbeStructure {
    type Ok = bool;
    fn member<T: AwsShape>(&mut self, _: &'static Member, _: &T) {}
    fn end(self) -> bool {
        self.0
    }
}

impl Serializer for MembersProbe {
    /// `true` for a structure whose shape has no members.
    type Ok = bool;
    type Structure = ProbeStructure;
    fn boolean(self, _: bool) -> bool {
        false
    }
    fn byte(self, _: i8) -> bool {
        false
    }
    fn short(self, _: i16) -> bool {
        false
    }
    fn integer(self, _: i32) -> bool {
        false
    }
    fn long(self, _: i64) -> bool {
        false
    }
    fn float(self, _: f32) -> bool {
        false
    }
    fn double(self, _: f64) -> bool {
        false
    }
    fn string(self, _: &str) -> bool {
        false
    }
    fn timestamp(self, _: Timestamp) -> bool {
        false
    }
    fn blob(self, _: &[u8]) -> bool {
        false
    }
    fn document(self, _: &Document) -> bool {
        false
    }
    fn null(self) -> bool {
        false
    }
    fn list<T: AwsShape>(self, _: &[T]) -> bool {
        false
    }
    fn map<'m, K, V, I>(self, _: I) -> bool
    where
        K: MapKey + 'm,
        V: AwsShape + 'm,
        I: ExactSizeIterator<Item = (&'m K, &'m V)>,
    {
        false
    }
    fn structure(self, shape: &'static Shape) -> ProbeStructure {
        ProbeStructure(shape.members.is_empty())
    }
}
