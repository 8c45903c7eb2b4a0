//! `AwsShape` for the Smithy simple types and the standard collections.

use crate::de::{Deserializer, EntryVisitor, ItemVisitor};
use crate::ser::Serializer;
use crate::{AwsShape, Blob, Document, MapKey, Result, Timestamp};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

macro_rules! simple {
    ($($ty:ty => $name:literal, $method:ident;)*) => {$(
        impl AwsShape for $ty {
            const NAME: &'static str = $name;
            #[inline]
            fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
                s.$method(*self)
            }
            #[inline]
            fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
                d.$method()
            }
        }
    )*};
}

simple! {
    bool => "Boolean", boolean;
    i8 => "Byte", byte;
    i16 => "Short", short;
    i32 => "Integer", integer;
    i64 => "Long", long;
    f32 => "Float", float;
    f64 => "Double", double;
    Timestamp => "Timestamp", timestamp;
}

impl AwsShape for String {
    const NAME: &'static str = "String";
    const KIND: crate::shape::ValueKind = crate::shape::ValueKind::Text;
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
        s.string(self)
    }
    #[inline]
    fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
        d.string()
    }
}

impl AwsShape for Blob {
    const NAME: &'static str = "Blob";
    const KIND: crate::shape::ValueKind = crate::shape::ValueKind::Blob;
    fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
        s.blob(self.as_bytes())
    }
    fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
        d.blob()
    }
}

impl AwsShape for Document {
    const NAME: &'static str = "Document";
    const KIND: crate::shape::ValueKind = crate::shape::ValueKind::Document;
    fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
        s.document(self)
    }
    fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
        d.document()
    }
}

impl<T: AwsShape> AwsShape for Box<T> {
    const NAME: &'static str = T::NAME;
    const KIND: crate::shape::ValueKind = T::KIND;
    fn validate_into(&self, v: &mut crate::validate::Validator) {
        (**self).validate_into(v);
    }
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
        (**self).serialize(s)
    }
    #[inline]
    fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
        T::deserialize(d).map(Box::new)
    }
}

/// The item of a sparse list or map: `None` is sent as null.
impl<T: AwsShape> AwsShape for Option<T> {
    const NAME: &'static str = T::NAME;
    const NULLABLE: bool = true;
    fn validate_into(&self, v: &mut crate::validate::Validator) {
        if let Some(x) = self {
            x.validate_into(v);
        }
    }
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
        match self {
            Some(v) => v.serialize(s),
            None => s.null(),
        }
    }
    #[inline]
    fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
        if d.null()? {
            Ok(None)
        } else {
            T::deserialize(d).map(Some)
        }
    }
}

impl<T: AwsShape> AwsShape for Vec<T> {
    const NAME: &'static str = "List";
    fn validate_into(&self, v: &mut crate::validate::Validator) {
        for (i, item) in self.iter().enumerate() {
            v.index(i, |v| item.validate_into(v));
        }
    }
    #[inline]
    fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
        s.list(self)
    }
    fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
        let mut out = None;
        Self::deserialize_into(&mut out, d)?;
        Ok(out.unwrap_or_default())
    }
    fn deserialize_into<D: Deserializer>(slot: &mut Option<Self>, d: &mut D) -> Result<()> {
        if !d.extends_collections() {
            *slot = None;
        }
        d.list(&mut Items(slot.get_or_insert_with(Vec::new)))
    }
}

/// Reads the items of a list into a `Vec`.
struct Items<'a, T>(&'a mut Vec<T>);

impl<T: AwsShape> ItemVisitor for Items<'_, T> {
    #[inline]
    fn item<D: Deserializer>(&mut self, d: &mut D) -> Result<()> {
        // Dense lists drop nulls (clients SHOULD tolerate them); sparse ones keep them.
        if !T::NULLABLE && d.null()? {
            return Ok(());
        }
        self.0.push(T::deserialize(d)?);
        Ok(())
    }
    #[inline]
    fn reserve(&mut self, items: usize) {
        self.0.reserve(cautious::<T>(items));
    }
}

/// At most 1 MiB of room made ahead for announced items (as serde's `size_hint::cautious`):
/// an input claiming more must bring the items.
#[inline]
fn cautious<T>(n: usize) -> usize {
    n.min((1 << 20) / std::mem::size_of::<T>().max(1))
}

/// Room for more entries, for the map types that have it.
trait ReserveEntries {
    fn reserve_entries(&mut self, n: usize);
}

impl<K: Eq + Hash, V, H: BuildHasher> ReserveEntries for HashMap<K, V, H> {
    #[inline]
    fn reserve_entries(&mut self, n: usize) {
        self.reserve(n);
    }
}

impl<K, V> ReserveEntries for BTreeMap<K, V> {
    #[inline]
    fn reserve_entries(&mut self, _: usize) {}
}

#[cfg(feature = "indexmap")]
impl<K: Eq + Hash, V, H: BuildHasher> ReserveEntries for IndexMap<K, V, H> {
    #[inline]
    fn reserve_entries(&mut self, n: usize) {
        self.reserve(n);
    }
}

impl MapKey for String {
    #[inline]
    fn key(&self) -> &str {
        self
    }
    #[inline]
    fn from_key(key: String) -> Result<Self> {
        Ok(key)
    }
}

/// The map impls differ only in their type and bounds.
macro_rules! map_shape {
    ($map:ident<$($param:ident),*> where $($bounds:tt)*) => {
        impl<$($param),*> AwsShape for $map<$($param),*>
        where
            $($bounds)*
        {
            const NAME: &'static str = "Map";
            fn validate_into(&self, v: &mut crate::validate::Validator) {
                for (k, item) in self {
                    v.key(k.key(), |v| item.validate_into(v));
                }
            }
            fn serialize<S: Serializer>(&self, s: S) -> S::Ok {
                s.map(self.iter())
            }
            fn deserialize<D: Deserializer>(d: &mut D) -> Result<Self> {
                let mut out = None;
                Self::deserialize_into(&mut out, d)?;
                Ok(out.unwrap_or_default())
            }
            fn deserialize_into<D: Deserializer>(slot: &mut Option<Self>, d: &mut D) -> Result<()> {
                if !d.extends_collections() {
                    *slot = None;
                }
                d.map(&mut Entries(slot.get_or_insert_with(Default::default)))
            }
        }

        impl<$($param),*> EntryVisitor for Entries<'_, $map<$($param),*>>
        where
            $($bounds)*
        {
            #[inline]
            fn entry<D: Deserializer>(&mut self, d: &mut D, k: &str) -> Result<()> {
                // Dense maps drop nulls; sparse ones (`Option` values) keep them.
                if !V::NULLABLE && d.null()? {
                    return Ok(());
                }
                let v = V::deserialize(d)?;
                self.0.insert(K::from_key(k.to_owned())?, v);
                Ok(())
            }
            #[inline]
            fn reserve(&mut self, entries: usize) {
                self.0.reserve_entries(cautious::<(K, V)>(entries));
            }
        }
    };
}

/// Reads the entries of a map into a `HashMap`, `BTreeMap` or `IndexMap`.
struct Entries<'a, M>(&'a mut M);

map_shape!(HashMap<K, V, H> where K: MapKey + Eq + Hash, V: AwsShape, H: BuildHasher + Default);
map_shape!(BTreeMap<K, V> where K: MapKey + Ord, V: AwsShape);
// Keeps entries in the order they were inserted or read (feature `indexmap`): what XML and
// query bodies show in element order.
#[cfg(feature = "indexmap")]
use indexmap::IndexMap;
#[cfg(feature = "indexmap")]
map_shape!(IndexMap<K, V, H> where K: MapKey + Eq + Hash, V: AwsShape, H: BuildHasher + Default);
