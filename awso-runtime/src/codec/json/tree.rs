//! The tree path of JSON: reading from and writing to `serde_json::Value`.

use super::source::{Number, Peek, Source};
use super::write::non_finite_name;
use crate::error::{Error, ErrorKind, Result};
use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{Member, Shape};
use crate::time::{Timestamp, TimestampFormat};
use crate::{AwsShape, Document, MapKey};
use serde_json::Value as J;
use std::borrow::Cow;

enum Frame<'a> {
    Array(std::slice::Iter<'a, J>),
    Object(serde_json::map::Iter<'a>),
}

/// A [`Source`] over a parsed `serde_json::Value`.
pub struct ValueSource<'a> {
    next: Option<&'a J>,
    stack: Vec<Frame<'a>>,
    max_depth: usize,
}

impl<'a> ValueSource<'a> {
    /// A source positioned at `root`.
    pub fn new(root: &'a J) -> Self {
        ValueSource {
            next: Some(root),
            stack: Vec::new(),
            max_depth: super::read::DEFAULT_MAX_DEPTH,
        }
    }

    #[inline]
    fn current(&self) -> Result<&'a J> {
        self.next
            .ok_or_else(|| Error::syntax("no value here (unbalanced reads)", 0))
    }

    #[inline]
    fn take(&mut self, want: Peek) -> Result<&'a J> {
        self.take_as(want, want.describe())
    }

    /// Takes the value here if it is of kind `want`; else the error saying `expected`.
    #[inline]
    fn take_as(&mut self, want: Peek, expected: &'static str) -> Result<&'a J> {
        let v = self.current()?;
        let found = kind(v);
        if found == want {
            self.next = None;
            Ok(v)
        } else {
            Err(Error::expected(expected, found.describe()))
        }
    }

    fn push(&mut self, frame: Frame<'a>) -> Result<()> {
        if self.stack.len() >= self.max_depth {
            return Err(Error::new(ErrorKind::DepthLimit(self.max_depth)));
        }
        self.stack.push(frame);
        Ok(())
    }
}

fn kind(v: &J) -> Peek {
    match v {
        J::Null => Peek::Null,
        J::Bool(_) => Peek::Bool,
        J::Number(_) => Peek::Number,
        J::String(_) => Peek::String,
        J::Array(_) => Peek::Array,
        J::Object(_) => Peek::Object,
    }
}

impl<'a> Source<'a> for ValueSource<'a> {
    const LOCATED: bool = false;

    #[inline]
    fn peek(&mut self) -> Result<Peek> {
        self.current().map(kind)
    }
    fn null(&mut self) -> Result<()> {
        self.take(Peek::Null).map(|_| ())
    }
    fn bool(&mut self) -> Result<bool> {
        Ok(self.take(Peek::Bool)?.as_bool().unwrap_or_default())
    }
    fn number_as(&mut self, expected: &'static str) -> Result<(Number, Option<&'a [u8]>)> {
        let J::Number(n) = self.take_as(Peek::Number, expected)? else {
            unreachable!("take checked the kind")
        };
        let number = if let Some(u) = n.as_u64() {
            Number::PosInt(u)
        } else if let Some(i) = n.as_i64() {
            Number::NegInt(i)
        } else {
            Number::Float(n.as_f64().unwrap_or(f64::NAN))
        };
        Ok((number, None))
    }
    fn str_as(&mut self, expected: &'static str) -> Result<Cow<'a, str>> {
        Ok(Cow::Borrowed(
            self.take_as(Peek::String, expected)?
                .as_str()
                .unwrap_or_default(),
        ))
    }
    fn begin_array_as(&mut self, expected: &'static str) -> Result<()> {
        let J::Array(items) = self.take_as(Peek::Array, expected)? else {
            unreachable!("take checked the kind")
        };
        self.push(Frame::Array(items.iter()))
    }
    fn next_element(&mut self) -> Result<bool> {
        match self.stack.last_mut() {
            Some(Frame::Array(items)) => match items.next() {
                Some(v) => {
                    self.next = Some(v);
                    Ok(true)
                }
                None => {
                    self.stack.pop();
                    Ok(false)
                }
            },
            _ => Err(Error::syntax("not in an array", 0)),
        }
    }
    fn begin_object_as(&mut self, expected: &'static str) -> Result<()> {
        let J::Object(entries) = self.take_as(Peek::Object, expected)? else {
            unreachable!("take checked the kind")
        };
        self.push(Frame::Object(entries.iter()))
    }
    fn next_key(&mut self) -> Result<Option<Cow<'a, str>>> {
        match self.stack.last_mut() {
            Some(Frame::Object(entries)) => match entries.next() {
                Some((k, v)) => {
                    self.next = Some(v);
                    Ok(Some(Cow::Borrowed(k.as_str())))
                }
                None => {
                    self.stack.pop();
                    Ok(None)
                }
            },
            _ => Err(Error::syntax("not in an object", 0)),
        }
    }
    fn skip(&mut self) -> Result<()> {
        self.current()?;
        self.next = None;
        Ok(())
    }
    fn end(&mut self) -> Result<()> {
        Ok(())
    }
    fn offset(&self) -> usize {
        0
    }
}

/// Builds the JSON form of a shape as a `serde_json::Value`.
#[derive(Debug, Clone, Copy)]
pub struct JsonValueSerializer {
    timestamp_format: Option<TimestampFormat>,
    use_json_name: bool,
}

impl JsonValueSerializer {
    /// A builder; `use_json_name` as in [`super::JsonOptions`].
    pub fn new(use_json_name: bool) -> Self {
        JsonValueSerializer {
            timestamp_format: None,
            use_json_name,
        }
    }
}

/// Builds one JSON object.
#[derive(Debug)]
pub struct JsonValueStructure {
    map: serde_json::Map<String, J>,
    use_json_name: bool,
}

fn float_json(v: f64) -> J {
    match non_finite_name(v) {
        Some(name) => J::String(name.to_owned()),
        None => serde_json::Number::from_f64(v).map_or(J::Null, J::Number),
    }
}

impl Serializer for JsonValueSerializer {
    type Ok = J;
    type Structure = JsonValueStructure;

    fn boolean(self, v: bool) -> J {
        J::Bool(v)
    }
    fn byte(self, v: i8) -> J {
        J::from(v)
    }
    fn short(self, v: i16) -> J {
        J::from(v)
    }
    fn integer(self, v: i32) -> J {
        J::from(v)
    }
    fn long(self, v: i64) -> J {
        J::from(v)
    }
    fn float(self, v: f32) -> J {
        // Through the shortest decimal form, so 1.1f32 is 1.1, not 1.100000023841858.
        match non_finite_name(f64::from(v)) {
            Some(name) => J::String(name.to_owned()),
            None => ryu::Buffer::new()
                .format_finite(v)
                .parse::<f64>()
                .map_or(J::Null, float_json),
        }
    }
    fn double(self, v: f64) -> J {
        float_json(v)
    }
    fn string(self, v: &str) -> J {
        J::String(v.to_owned())
    }
    fn timestamp(self, v: Timestamp) -> J {
        match self
            .timestamp_format
            .unwrap_or(TimestampFormat::EpochSeconds)
        {
            TimestampFormat::EpochSeconds if v.subsec_nanos() == 0 => J::from(v.secs()),
            // The same millisecond-precision number the byte writer writes.
            TimestampFormat::EpochSeconds => v
                .fmt(TimestampFormat::EpochSeconds)
                .parse::<f64>()
                .map_or(J::Null, float_json),
            f => J::String(v.fmt(f)),
        }
    }
    fn blob(self, v: &[u8]) -> J {
        J::String(crate::Blob::from(v).to_base64())
    }
    fn document(self, v: &Document) -> J {
        J::from(v)
    }
    fn null(self) -> J {
        J::Null
    }
    fn list<T: AwsShape>(self, items: &[T]) -> J {
        J::Array(items.iter().map(|i| i.serialize(self)).collect())
    }
    fn map<'a, K, V, I>(self, entries: I) -> J
    where
        K: MapKey + 'a,
        V: AwsShape + 'a,
        I: ExactSizeIterator<Item = (&'a K, &'a V)>,
    {
        J::Object(
            entries
                .map(|(k, v)| (k.key().to_owned(), v.serialize(self)))
                .collect(),
        )
    }
    fn structure(self, _shape: &'static Shape) -> JsonValueStructure {
        JsonValueStructure {
            map: serde_json::Map::new(),
            use_json_name: self.use_json_name,
        }
    }
}

impl StructureSerializer for JsonValueStructure {
    type Ok = J;
    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        let v = value.serialize(JsonValueSerializer {
            timestamp_format: member.timestamp_format,
            use_json_name: self.use_json_name,
        });
        self.map
            .insert(member.json_key(self.use_json_name).to_owned(), v);
    }
    fn end(self) -> J {
        J::Object(self.map)
    }
}
