//! The protocol-neutral value tree, as awso's `to_value` returns it.

use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{Member, Shape};
use crate::{AwsShape, Blob, Document, MapKey, Timestamp};

/// A shape's value with no wire format applied: member names, not wire names; timestamps and
/// blobs as themselves. Absent (`None`) members are left out.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A structure or union: present members by member name, in declaration order.
    Structure(Vec<(String, Value)>),
    /// A list.
    List(Vec<Value>),
    /// A map, entries in iteration order.
    Map(Vec<(String, Value)>),
    /// A boolean.
    Boolean(bool),
    /// An 8-bit integer.
    Byte(i8),
    /// A 16-bit integer.
    Short(i16),
    /// A 32-bit integer.
    Integer(i32),
    /// A 64-bit integer.
    Long(i64),
    /// A 32-bit float.
    Float(f32),
    /// A 64-bit float.
    Double(f64),
    /// A string.
    String(String),
    /// A string enum value.
    Enum(String),
    /// An int enum value.
    IntEnum(i32),
    /// A timestamp.
    Timestamp(Timestamp),
    /// Binary data.
    Blob(Blob),
    /// Free-form data.
    Document(Document),
    /// An absent item of a sparse list or map.
    Null,
}

impl Value {
    /// The member of a structure with the given name.
    pub fn member(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Structure(members) => members.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Builds a [`Value`] from any shape.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ValueSerializer;

/// Builds the members of a [`Value::Structure`].
#[derive(Debug, Default)]
pub(crate) struct StructureBuilder(Vec<(String, Value)>);

impl Serializer for ValueSerializer {
    type Ok = Value;
    type Structure = StructureBuilder;

    fn boolean(self, v: bool) -> Value {
        Value::Boolean(v)
    }
    fn byte(self, v: i8) -> Value {
        Value::Byte(v)
    }
    fn short(self, v: i16) -> Value {
        Value::Short(v)
    }
    fn integer(self, v: i32) -> Value {
        Value::Integer(v)
    }
    fn long(self, v: i64) -> Value {
        Value::Long(v)
    }
    fn float(self, v: f32) -> Value {
        Value::Float(v)
    }
    fn double(self, v: f64) -> Value {
        Value::Double(v)
    }
    fn string(self, v: &str) -> Value {
        Value::String(v.to_owned())
    }
    fn enum_string(self, v: &str) -> Value {
        Value::Enum(v.to_owned())
    }
    fn int_enum(self, v: i32) -> Value {
        Value::IntEnum(v)
    }
    fn timestamp(self, v: Timestamp) -> Value {
        Value::Timestamp(v)
    }
    fn blob(self, v: &[u8]) -> Value {
        Value::Blob(Blob::from(v))
    }
    fn document(self, v: &Document) -> Value {
        Value::Document(v.clone())
    }
    fn null(self) -> Value {
        Value::Null
    }
    fn list<T: AwsShape>(self, items: &[T]) -> Value {
        Value::List(items.iter().map(|i| i.serialize(ValueSerializer)).collect())
    }
    fn map<'a, K, V, I>(self, entries: I) -> Value
    where
        K: MapKey + 'a,
        V: AwsShape + 'a,
        I: ExactSizeIterator<Item = (&'a K, &'a V)>,
    {
        Value::Map(
            entries
                .map(|(k, v)| (k.key().to_owned(), v.serialize(ValueSerializer)))
                .collect(),
        )
    }
    fn structure(self, shape: &'static Shape) -> StructureBuilder {
        StructureBuilder(Vec::with_capacity(shape.members.len()))
    }
}

impl StructureSerializer for StructureBuilder {
    type Ok = Value;
    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        self.0
            .push((member.name.to_owned(), value.serialize(ValueSerializer)));
    }
    fn end(self) -> Value {
        Value::Structure(self.0)
    }
}
