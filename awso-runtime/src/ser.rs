//! The serialization side of the data model: what a shape tells a wire format.
//!
//! Derived code calls these methods; each wire format (the value tree, JSON bytes, a
//! `serde_json::Value`, and later query, XML and CBOR) implements them once.

use crate::shape::{Member, Shape};
use crate::{AwsShape, Document, MapKey, Timestamp};

/// A wire format's writer for one value. Taken by value, so that writers that build trees can
/// return what they built and writers that stream can be `&mut`.
pub trait Serializer: Sized {
    /// What writing one value produces (`()` for streaming writers).
    type Ok;
    /// The writer of a structure's members.
    type Structure: StructureSerializer<Ok = Self::Ok>;

    /// A boolean.
    fn boolean(self, v: bool) -> Self::Ok;
    /// An 8-bit integer.
    fn byte(self, v: i8) -> Self::Ok;
    /// A 16-bit integer.
    fn short(self, v: i16) -> Self::Ok;
    /// A 32-bit integer.
    fn integer(self, v: i32) -> Self::Ok;
    /// A 64-bit integer.
    fn long(self, v: i64) -> Self::Ok;
    /// A 32-bit float (NaN and infinities included).
    fn float(self, v: f32) -> Self::Ok;
    /// A 64-bit float (NaN and infinities included).
    fn double(self, v: f64) -> Self::Ok;
    /// A string.
    fn string(self, v: &str) -> Self::Ok;
    /// A value of a string enum.
    fn enum_string(self, v: &str) -> Self::Ok {
        self.string(v)
    }
    /// A value of an int enum.
    fn int_enum(self, v: i32) -> Self::Ok {
        self.integer(v)
    }
    /// A timestamp, in the member's or the protocol's format.
    fn timestamp(self, v: Timestamp) -> Self::Ok;
    /// Binary data.
    fn blob(self, v: &[u8]) -> Self::Ok;
    /// Free-form data.
    fn document(self, v: &Document) -> Self::Ok;
    /// An absent item of a sparse list or map.
    fn null(self) -> Self::Ok;
    /// A list.
    fn list<T: AwsShape>(self, items: &[T]) -> Self::Ok;
    /// A map, entries in iteration order.
    fn map<'a, K, V, I>(self, entries: I) -> Self::Ok
    where
        K: MapKey + 'a,
        V: AwsShape + 'a,
        I: ExactSizeIterator<Item = (&'a K, &'a V)>;
    /// Starts a structure or union; members follow.
    fn structure(self, shape: &'static Shape) -> Self::Structure;
}

/// Writes the members of one structure.
pub trait StructureSerializer {
    /// What the finished structure produces.
    type Ok;
    /// One present member.
    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T);
    /// Ends the structure.
    fn end(self) -> Self::Ok;
}
