//! Pull sources of JSON tokens: raw bytes ([`SliceSource`](super::read::SliceSource)) and a
//! parsed `serde_json::Value` ([`ValueSource`](super::tree::ValueSource)). The JSON protocol
//! rules live once, in [`JsonDeserializer`](super::JsonDeserializer), over either source.

use crate::error::Result;
use std::borrow::Cow;

/// The kind of the next JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peek {
    /// `null`
    Null,
    /// `true` / `false`
    Bool,
    /// a number
    Number,
    /// a string
    String,
    /// `[`
    Array,
    /// `{`
    Object,
}

impl Peek {
    /// The word used in "found ..." error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Peek::Null => "null",
            Peek::Bool => "boolean",
            Peek::Number => "number",
            Peek::String => "string",
            Peek::Array => "array",
            Peek::Object => "object",
        }
    }
}

/// A JSON number as read: non-negative integers, negative integers, and everything else
/// (fractions, exponents, integers beyond 64 bits) as `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer >= 0 that fits in u64.
    PosInt(u64),
    /// An integer < 0 that fits in i64.
    NegInt(i64),
    /// Any other number.
    Float(f64),
}

/// A number read by [`Source::number_or`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shortcut<'de, T> {
    /// What the shortcut made of the number's text.
    Taken(T),
    /// The number, with its text where the source has one and the shortcut was not offered
    /// it already.
    Number(Number, Option<&'de [u8]>),
}

/// A pull reader of JSON tokens.
///
/// Every method that reads a value first skips whitespace. A method called on a value of the
/// wrong kind returns `Error::expected(..)`; callers normally `peek` first. Nesting deeper than
/// the source's depth limit is an `ErrorKind::DepthLimit` error. Errors carry a byte offset.
pub trait Source<'de> {
    /// Whether [`Source::offset`] means anything (false for a tree, which has no bytes).
    const LOCATED: bool = true;

    /// The kind of the next value, without consuming it. Errors at end of input.
    fn peek(&mut self) -> Result<Peek>;
    /// Consumes `null`.
    fn null(&mut self) -> Result<()>;
    /// Consumes `true` or `false`.
    fn bool(&mut self) -> Result<bool>;
    /// Consumes a `null` if one is next and says whether it did. Anything else is left for
    /// the next read, which reports what is wrong with it.
    fn take_null(&mut self) -> Result<bool> {
        match self.peek() {
            Ok(Peek::Null) => self.null().map(|()| true),
            _ => Ok(false),
        }
    }
    /// Consumes a number, with its text where the source has one (bytes, not a tree); a
    /// value of another kind is an error saying `expected`.
    fn number_as(&mut self, expected: &'static str) -> Result<(Number, Option<&'de [u8]>)>;
    /// Consumes a number.
    fn number(&mut self) -> Result<Number> {
        self.number_as(Peek::Number.describe()).map(|(n, _)| n)
    }
    /// Consumes a number, with its text where the source has one (bytes, not a tree).
    fn number_with_text(&mut self) -> Result<(Number, Option<&'de [u8]>)> {
        self.number_as(Peek::Number.describe())
    }
    /// Consumes a number for a reader that may not need its value: the text of a decimal (a
    /// fraction or an exponent) that JSON's grammar accepts is first offered to `shortcut`,
    /// and the number is computed only if that gives nothing. Otherwise the number as
    /// [`Source::number_with_text`] reads it, with its text unless it was offered already.
    fn number_or<T>(
        &mut self,
        _shortcut: impl FnOnce(&'de [u8]) -> Option<T>,
    ) -> Result<Shortcut<'de, T>> {
        let (number, text) = self.number_with_text()?;
        Ok(Shortcut::Number(number, text))
    }
    /// Consumes a string, borrowed from the input when it has no escapes; a value of another
    /// kind is an error saying `expected`.
    fn str_as(&mut self, expected: &'static str) -> Result<Cow<'de, str>>;
    /// Consumes a string; borrowed from the input when it has no escapes.
    fn str(&mut self) -> Result<Cow<'de, str>> {
        self.str_as(Peek::String.describe())
    }
    /// Consumes a string into a `String` of its own; a value of another kind is an error
    /// saying `expected`.
    fn string_as(&mut self, expected: &'static str) -> Result<String> {
        self.str_as(expected).map(Cow::into_owned)
    }
    /// Consumes `[`; a value of another kind is an error saying `expected`.
    fn begin_array_as(&mut self, expected: &'static str) -> Result<()>;
    /// Consumes `[`.
    fn begin_array(&mut self) -> Result<()> {
        self.begin_array_as(Peek::Array.describe())
    }
    /// Before each element: `true` if another element follows (consuming a `,` where needed),
    /// `false` after consuming the closing `]`.
    fn next_element(&mut self) -> Result<bool>;
    /// Consumes `{`; a value of another kind is an error saying `expected`.
    fn begin_object_as(&mut self, expected: &'static str) -> Result<()>;
    /// Consumes `{`.
    fn begin_object(&mut self) -> Result<()> {
        self.begin_object_as(Peek::Object.describe())
    }
    /// Before each member: the next key (consuming it and its `:`), or `None` after consuming
    /// the closing `}`.
    fn next_key(&mut self) -> Result<Option<Cow<'de, str>>>;
    /// [`Source::next_key`] as bytes, for a structure's member keys, which are only compared:
    /// a byte reader need not slice the key out of the input as text.
    fn next_member_key(&mut self) -> Result<Option<Cow<'de, [u8]>>> {
        Ok(self.next_key()?.map(|key| match key {
            Cow::Borrowed(key) => Cow::Borrowed(key.as_bytes()),
            Cow::Owned(key) => Cow::Owned(key.into_bytes()),
        }))
    }
    /// Skips one whole value of any kind.
    fn skip(&mut self) -> Result<()>;
    /// Checks that nothing but whitespace remains.
    fn end(&mut self) -> Result<()>;
    /// The current byte offset, for errors raised by the caller (0 where there is none).
    fn offset(&self) -> usize;
}
