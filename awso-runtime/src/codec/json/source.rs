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
    /// Consumes a number.
    fn number(&mut self) -> Result<Number>;
    /// Consumes a number, with its text where the source has one (bytes, not a tree).
    fn number_with_text(&mut self) -> Result<(Number, Option<&'de [u8]>)> {
        Ok((self.number()?, None))
    }
    /// Consumes a string; borrowed from the input when it has no escapes.
    fn str(&mut self) -> Result<Cow<'de, str>>;
    /// Consumes `[`.
    fn begin_array(&mut self) -> Result<()>;
    /// Before each element: `true` if another element follows (consuming a `,` where needed),
    /// `false` after consuming the closing `]`.
    fn next_element(&mut self) -> Result<bool>;
    /// Consumes `{`.
    fn begin_object(&mut self) -> Result<()>;
    /// Before each member: the next key (consuming it and its `:`), or `None` after consuming
    /// the closing `}`.
    fn next_key(&mut self) -> Result<Option<Cow<'de, str>>>;
    /// Skips one whole value of any kind.
    fn skip(&mut self) -> Result<()>;
    /// Checks that nothing but whitespace remains.
    fn end(&mut self) -> Result<()>;
    /// The current byte offset, for errors raised by the caller (0 where there is none).
    fn offset(&self) -> usize;
}
