//! The deserialization side of the data model: what a wire format hands a shape.
//!
//! Derived code calls these methods; each wire format implements them once. Containers take a
//! visitor that reads one item, member or entry, so no format needs to know the item type. A
//! visitor's method is generic over the reader it is handed, so a reader may wrap another
//! (the REST protocols' HTTP bindings) and hand the visitor either one.

use crate::shape::Shape;
use crate::{Blob, Document, Error, Result, Timestamp};

/// A wire format's reader, positioned at one value.
pub trait Deserializer {
    /// A boolean.
    fn boolean(&mut self) -> Result<bool>;
    /// An 8-bit integer.
    fn byte(&mut self) -> Result<i8>;
    /// A 16-bit integer.
    fn short(&mut self) -> Result<i16>;
    /// A 32-bit integer.
    fn integer(&mut self) -> Result<i32>;
    /// A 64-bit integer.
    fn long(&mut self) -> Result<i64>;
    /// A 32-bit float.
    fn float(&mut self) -> Result<f32>;
    /// A 64-bit float.
    fn double(&mut self) -> Result<f64>;
    /// A string.
    fn string(&mut self) -> Result<String>;
    /// A string enum value, handed to `f` without allocating; `f` may reject it.
    fn enum_string<T, F: FnOnce(&str) -> Result<T>>(&mut self, f: F) -> Result<T>;
    /// An int enum value.
    fn int_enum(&mut self) -> Result<i32> {
        self.integer()
    }
    /// A timestamp, in the member's or the protocol's format.
    fn timestamp(&mut self) -> Result<Timestamp>;
    /// Binary data.
    fn blob(&mut self) -> Result<Blob>;
    /// Free-form data.
    fn document(&mut self) -> Result<Document>;
    /// Consumes a null and returns `true` if the next value is one (sparse lists and maps).
    fn null(&mut self) -> Result<bool>;
    /// Consumes the value here without reading it (a member a visitor leaves out).
    fn skip(&mut self) -> Result<()>;
    /// A list: calls `items.item` once per element, positioned at it.
    fn list<V: ItemVisitor>(&mut self, items: &mut V) -> Result<()>;
    /// A map: calls `entries.entry` once per entry with its key, positioned at its value.
    /// Errors from it get the key in their path here.
    fn map<V: EntryVisitor>(&mut self, entries: &mut V) -> Result<()>;
    /// A structure or union: calls `members.member` with the index (into `shape.members`) of
    /// each present, known member, positioned at its value. Unknown and null members are
    /// skipped. Returns how many non-null members were present, known or not.
    fn structure<V: MemberVisitor>(
        &mut self,
        shape: &'static Shape,
        members: &mut V,
    ) -> Result<usize>;
    /// Whether a list or map read for a member extends what earlier occurrences of the member
    /// read (flattened XML lists and maps, whose items are repeated elements) rather than
    /// replacing it (a repeated JSON key: the last one wins).
    fn extends_collections(&self) -> bool {
        false
    }
    /// The message of an error body whose code is not modelled (`message`, `Message` or
    /// `errorMessage`); `None` when absent.
    fn error_message(&mut self) -> Result<Option<String>>;
}

/// Reads the members of a structure or union (derived: the slots of its members).
pub trait MemberVisitor {
    /// Reads the member at `index` of the shape from `d`.
    fn member<D: Deserializer>(&mut self, d: &mut D, index: usize) -> Result<()>;

    /// The index in `shape.members` of the member whose key is `key` in a JSON body: its
    /// name, or, if `json_name`, its `jsonName` where it has one (restJson1). `None` for a key
    /// no member has. The derive writes this as a `match` on the key; the default searches
    /// `shape`.
    #[inline]
    fn json_member_index(
        &self,
        shape: &'static Shape,
        key: &[u8],
        json_name: bool,
    ) -> Option<usize> {
        shape
            .members
            .iter()
            .position(|m| m.json_key(json_name).as_bytes() == key)
    }
}

/// Reads the items of a list.
pub trait ItemVisitor {
    /// Reads one item from `d`.
    fn item<D: Deserializer>(&mut self, d: &mut D) -> Result<()>;
    /// The number of items the input announces (a CBOR array's length, bounded by the bytes
    /// left), told before the first item: a `Vec` makes room for them at once.
    #[inline]
    fn reserve(&mut self, _items: usize) {}
}

/// Reads the entries of a map.
pub trait EntryVisitor {
    /// Reads the value of the entry `key` from `d`.
    fn entry<D: Deserializer>(&mut self, d: &mut D, key: &str) -> Result<()>;
    /// The number of entries the input announces (a CBOR map's length, bounded by the bytes
    /// left) or that the reader expects (JSON: as many as the last map read at the same
    /// level), told before the first entry: a hash map makes room for them at once.
    #[inline]
    fn reserve(&mut self, _entries: usize) {}
}

/// The visitor of a structure without members (never handed one: a reader skips the members
/// it does not know).
#[derive(Debug, Clone, Copy)]
pub struct NoMembers;

impl MemberVisitor for NoMembers {
    #[inline]
    fn member<D: Deserializer>(&mut self, _: &mut D, _: usize) -> Result<()> {
        Ok(())
    }
}

/// Reads a whole `T` whose errors start their path at `T` (the members of an errors enum).
#[inline]
pub fn root<T: crate::AwsShape, D: Deserializer>(d: &mut D) -> Result<T> {
    T::deserialize(d).map_err(|e| e.in_shape(T::NAME))
}

/// The value of a required member, or the error naming it.
#[inline]
pub fn required<T>(slot: Option<T>, shape: &'static Shape, index: usize) -> Result<T> {
    match slot {
        Some(v) => Ok(v),
        None => Err(Error::missing_member(shape.members[index].name)),
    }
}

/// The union read from `slot`, checking that the input set exactly one member.
#[inline]
pub fn union<T>(
    slot: Option<T>,
    present: usize,
    shape: &'static Shape,
    unknown: impl FnOnce() -> Option<T>,
) -> Result<T> {
    match (slot, present) {
        (_, 0) => Err(Error::invalid(format!(
            "union {} has no member set",
            shape.name
        ))),
        (Some(v), 1) => Ok(v),
        (None, 1) => unknown().ok_or_else(|| {
            Error::invalid(format!("union {} has an unknown member set", shape.name))
        }),
        _ => Err(Error::invalid(format!(
            "union {} has {present} members set, expected exactly one",
            shape.name
        ))),
    }
}
