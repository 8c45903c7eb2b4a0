//! The byte reader of JSON: [`SliceSource`], a pull tokenizer over `&[u8]`.
//!
//! It accepts exactly RFC 8259 JSON: no trailing commas, no leading zeros, no `+` sign, no
//! `NaN` / `Infinity` literals, no comments, no unescaped control characters in strings, only
//! valid UTF-8 in strings, and `\u` escapes whose surrogates come in pairs. Errors carry the
//! byte offset of the offending byte (the input length for a premature end).
//!
//! [`Source::skip`] validates as much as reading does (escapes, surrogate pairs, UTF-8 and the
//! range of numbers), so whether a document is accepted never depends on which of its values
//! the caller reads and which it skips; it allocates nothing.
//!
//! Numbers: integers that fit are [`Number::PosInt`] / [`Number::NegInt`]; anything else is a
//! correctly rounded [`Number::Float`], including `-0` (as `-0.0`, as serde_json reads it); a
//! number beyond the `f64` range (`1e400`) is a syntax error, "number out of range".
//!
//! Speed: strings are scanned eight bytes at a time for `"`, `\` and control bytes; the input
//! is checked for UTF-8 once, up front (a fast pass), so strings need no check of their own
//! unless that fails; numbers are read digit by digit, and small floats computed exactly
//! without going through text.

use super::source::{Number, Peek, Shortcut, Source};
use crate::error::{Error, ErrorKind, Result};
use std::borrow::Cow;
use std::fmt;

/// The default nesting limit, as serde_json's: 128 levels of arrays and objects are accepted,
/// the 129th `[` or `{` is an [`ErrorKind::DepthLimit`] error.
pub use crate::limits::DEFAULT_MAX_DEPTH;

/// A pull reader of JSON tokens over a byte slice.
///
/// Strings without escapes are borrowed from the input; numbers are read without allocating.
/// Nesting is bounded by a depth limit ([`DEFAULT_MAX_DEPTH`] unless set with
/// [`SliceSource::with_max_depth`]), also when skipping, so no input can exhaust the stack.
///
/// ```ignore
/// // (crate-private: the same steps run as the unit test `slice_source_reads_tokens_in_order`)
/// # use awso_runtime::json::read::SliceSource;
/// # use awso_runtime::json::source::{Peek, Source};
/// let mut src = SliceSource::new(br#"{"name": "x", "n": [1, 2]}"#);
/// src.begin_object()?;
/// assert_eq!(src.next_key()?.as_deref(), Some("name"));
/// assert_eq!(src.str()?, "x");
/// assert_eq!(src.next_key()?.as_deref(), Some("n"));
/// src.skip()?;
/// assert_eq!(src.next_key()?, None);
/// src.end()?;
/// # Ok::<(), awso_runtime::error::Error>(())
/// ```
#[derive(Clone)]
pub struct SliceSource<'de> {
    input: &'de [u8],
    /// The input as text, if all of it is valid UTF-8 (one fast pass in `new`): then strings
    /// are sliced from it with no validation of their own. Otherwise each string is checked.
    text: Option<&'de str>,
    /// Offset of the next unread byte.
    pos: usize,
    /// Arrays and objects open around `pos`.
    depth: usize,
    max_depth: usize,
    /// Just after `[` or `{`: the next `next_element` / `next_key` is the container's first,
    /// so it takes no `,`.
    first: bool,
    /// Where strings with escapes are decoded, reused from string to string, so each such
    /// string costs one allocation, of its exact size (as serde_json does), instead of a
    /// `String` grown by doubling.
    scratch: Vec<u8>,
}

impl<'de> SliceSource<'de> {
    /// A reader of `input`, positioned at its start, with the default depth limit.
    ///
    /// Checks once whether all of `input` is UTF-8 (a fast, vectorised pass), so that strings
    /// can be returned without checking each one.
    pub fn new(input: &'de [u8]) -> Self {
        SliceSource {
            input,
            text: std::str::from_utf8(input).ok(),
            pos: 0,
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
            first: false,
            scratch: Vec::new(),
        }
    }

    /// Sets the deepest nesting of arrays and objects accepted (`0` accepts none).
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Skips whitespace and returns the next byte, without consuming it.
    #[inline(always)]
    fn skip_ws(&mut self) -> Option<u8> {
        let input = self.input;
        let mut pos = self.pos;
        while let Some(&b) = input.get(pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos = pos;
                return Some(b);
            }
            pos += 1;
        }
        self.pos = pos;
        None
    }

    /// Consumes the literal `word`, whose first byte is at `pos`.
    #[inline]
    fn literal(&mut self, word: &'static [u8]) -> Result<()> {
        let end = self.pos + word.len();
        if self.input.get(self.pos..end) == Some(word) {
            self.pos = end;
            Ok(())
        } else {
            Err(bad_literal(self.input, self.pos, word))
        }
    }

    /// Consumes the number starting at `pos`.
    #[inline]
    fn read_number(&mut self) -> Result<Number> {
        let (number, end) = parse_number(self.input, self.pos)?;
        self.pos = end;
        Ok(number)
    }

    /// Consumes the string whose opening quote is at `pos`.
    #[inline]
    fn read_str(&mut self) -> Result<Cow<'de, str>> {
        let input = self.input;
        let start = self.pos + 1;
        let (end, _) = find_special(input, start);
        if input.get(end) == Some(&b'"') {
            let s = utf8(input, self.text, start, end)?;
            self.pos = end + 1;
            Ok(Cow::Borrowed(s))
        } else {
            self.read_str_slow(start, end).map(Cow::Owned)
        }
    }

    /// Consumes the string whose opening quote is at `pos`, into a `String` of its own.
    #[inline]
    fn read_string(&mut self) -> Result<String> {
        let input = self.input;
        let start = self.pos + 1;
        let (end, _) = find_special(input, start);
        if input.get(end) == Some(&b'"') {
            let s = utf8(input, self.text, start, end)?;
            self.pos = end + 1;
            Ok(String::from(s))
        } else {
            self.read_str_slow(start, end)
        }
    }

    /// The rest of a string that is not plain, from `chunk` on, `at` being the first `"`, `\`
    /// or control byte after it. Like [`Self::skip_str`], reports the earliest bad byte.
    ///
    /// Decodes into the scratch bytes the reader keeps ([`decode_str`]), then allocates the
    /// string once, at its size. The scratch holds the input's runs (UTF-8, checked up front
    /// or there) and encoded characters, so the final check cannot fail and costs a fast
    /// pass.
    #[inline(never)]
    fn read_str_slow(&mut self, chunk: usize, at: usize) -> Result<String> {
        let checked = self.text.is_some();
        let (end, n) = decode_str(self.input, checked, chunk, at, &mut self.scratch)?;
        self.pos = end + 1;
        match self.scratch.get(..n).map(std::str::from_utf8) {
            Some(Ok(s)) => Ok(String::from(s)),
            _ => Err(invalid_utf8(end)),
        }
    }

    /// Consumes and validates the string whose opening quote is at `pos`, allocating nothing.
    #[inline]
    fn skip_str(&mut self) -> Result<()> {
        let input = self.input;
        let mut chunk = self.pos + 1;
        loop {
            let (at, non_ascii) = find_special(input, chunk);
            if non_ascii && self.text.is_none() {
                utf8(input, None, chunk, at)?;
            }
            match input.get(at) {
                Some(b'"') => {
                    self.pos = at + 1;
                    return Ok(());
                }
                Some(b'\\') => chunk = escape(input, at)?.1,
                Some(_) => return Err(control_character(at)),
                None => return Err(eof(input)),
            }
        }
    }

    /// Consumes an object key and its `:` (the key's quote is the next non-blank byte).
    #[inline]
    fn key(&mut self) -> Result<Cow<'de, str>> {
        let key = self.read_str()?;
        self.colon()?;
        Ok(key)
    }

    /// Consumes the `:` after a key.
    #[inline]
    fn colon(&mut self) -> Result<()> {
        if self.skip_ws() == Some(b':') {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error_here("expected `:`"))
        }
    }

    /// Before each member of an object: `true` at the `"` of the next key (after consuming a
    /// `,` where needed), `false` after consuming the closing `}`.
    #[inline(always)]
    fn key_follows(&mut self) -> Result<bool> {
        match self.skip_ws() {
            Some(b'}') => {
                self.leave();
                return Ok(false);
            }
            Some(b'"') if self.first => self.first = false,
            Some(b',') if !self.first => {
                self.pos += 1;
                match self.skip_ws() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(Error::syntax("trailing comma", self.pos)),
                    _ => return Err(self.error_here("expected string key")),
                }
            }
            Some(_) if self.first => return Err(self.error_here("expected string key")),
            Some(_) => return Err(self.error_here("expected `,` or `}`")),
            None => return Err(eof(self.input)),
        }
        Ok(true)
    }

    /// Consumes the `[` or `{` at `pos`, within the depth limit.
    #[inline]
    fn enter(&mut self) -> Result<()> {
        if self.depth >= self.max_depth {
            return Err(self.depth_error());
        }
        self.depth += 1;
        self.pos += 1;
        self.first = true;
        Ok(())
    }

    /// Consumes the `]` or `}` at `pos`.
    #[inline]
    fn leave(&mut self) {
        self.pos += 1;
        self.depth = self.depth.saturating_sub(1);
        self.first = false;
    }

    /// After a `,`: errors if the container closes right away.
    #[inline]
    fn no_trailing_comma(&mut self, close: u8) -> Result<()> {
        if self.skip_ws() == Some(close) {
            Err(Error::syntax("trailing comma", self.pos))
        } else {
            Ok(())
        }
    }

    /// Consumes, in `skip`, a key (with its `:`) at the next non-blank byte.
    #[inline]
    fn skip_key(&mut self) -> Result<()> {
        if self.skip_ws() != Some(b'"') {
            return Err(self.error_here("expected string key"));
        }
        self.skip_str()?;
        self.colon()
    }

    /// Errors, in `skip`, if opening one more container inside `level` open ones breaks the
    /// depth limit.
    #[inline]
    fn check_skip_depth(&self, level: usize) -> Result<()> {
        if self.depth.saturating_add(level) >= self.max_depth {
            Err(self.depth_error())
        } else {
            Ok(())
        }
    }

    #[cold]
    #[inline(never)]
    fn depth_error(&self) -> Error {
        Error::new(ErrorKind::DepthLimit(self.max_depth)).at_offset(self.pos)
    }

    /// A syntax error at `pos` (or the end-of-input error there).
    #[cold]
    #[inline(never)]
    fn error_here(&self, message: &'static str) -> Error {
        syntax_at(self.input, self.pos, message)
    }

    /// The error for a value at `pos` that is not the `expected` kind.
    #[cold]
    #[inline(never)]
    fn wrong(&self, expected: &'static str) -> Error {
        match self.input.get(self.pos).copied().and_then(classify) {
            Some(found) => Error::expected(expected, found.describe()).at_offset(self.pos),
            None => self.error_here("expected value"),
        }
    }
}

impl fmt::Debug for SliceSource<'_> {
    /// Shows the position, never the input (it may hold sensitive values).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SliceSource")
            .field("len", &self.input.len())
            .field("pos", &self.pos)
            .field("depth", &self.depth)
            .field("max_depth", &self.max_depth)
            .finish()
    }
}

impl<'de> Source<'de> for SliceSource<'de> {
    #[inline]
    fn peek(&mut self) -> Result<Peek> {
        match self.skip_ws() {
            Some(b) => match classify(b) {
                Some(kind) => Ok(kind),
                None => Err(self.error_here("expected value")),
            },
            None => Err(eof(self.input)),
        }
    }

    #[inline]
    fn null(&mut self) -> Result<()> {
        match self.skip_ws() {
            Some(b'n') => self.literal(b"null"),
            _ => Err(self.wrong("null")),
        }
    }

    #[inline]
    fn bool(&mut self) -> Result<bool> {
        match self.skip_ws() {
            Some(b't') => self.literal(b"true").map(|()| true),
            Some(b'f') => self.literal(b"false").map(|()| false),
            _ => Err(self.wrong("boolean")),
        }
    }

    #[inline]
    fn take_null(&mut self) -> Result<bool> {
        if self.skip_ws() == Some(b'n') {
            self.literal(b"null").map(|()| true)
        } else {
            Ok(false)
        }
    }

    #[inline]
    fn number_as(&mut self, expected: &'static str) -> Result<(Number, Option<&'de [u8]>)> {
        match self.skip_ws() {
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                let number = self.read_number()?;
                Ok((number, self.input.get(start..self.pos)))
            }
            _ => Err(self.wrong(expected)),
        }
    }

    #[inline]
    fn number(&mut self) -> Result<Number> {
        match self.skip_ws() {
            Some(b'-' | b'0'..=b'9') => self.read_number(),
            _ => Err(self.wrong("number")),
        }
    }

    #[inline]
    fn number_or<T>(
        &mut self,
        shortcut: impl FnOnce(&'de [u8]) -> Option<T>,
    ) -> Result<Shortcut<'de, T>> {
        if !matches!(self.skip_ws(), Some(b'-' | b'0'..=b'9')) {
            return Err(self.wrong("number"));
        }
        let input = self.input;
        let start = self.pos;
        let (number, end, offered) = match parse_integer(input, start)? {
            Integer::Whole(number, end) => (number, end, false),
            Integer::More {
                negative,
                mantissa,
                exact,
                at,
            } => {
                // A decimal: its text first, if it is one by JSON's grammar.
                let offered = match scan_fraction_exponent(input, at).filter(|_| exact) {
                    Some(end) => {
                        if let Some(value) = input.get(start..end).and_then(shortcut) {
                            self.pos = end;
                            return Ok(Shortcut::Taken(value));
                        }
                        true
                    }
                    None => false,
                };
                let (number, end) = parse_float(input, start, negative, mantissa, exact, at)?;
                (number, end, offered)
            }
        };
        self.pos = end;
        let text = if offered { None } else { input.get(start..end) };
        Ok(Shortcut::Number(number, text))
    }

    #[inline]
    fn number_with_text(&mut self) -> Result<(Number, Option<&'de [u8]>)> {
        self.number_as("number")
    }

    #[inline]
    fn str_as(&mut self, expected: &'static str) -> Result<Cow<'de, str>> {
        match self.skip_ws() {
            Some(b'"') => self.read_str(),
            _ => Err(self.wrong(expected)),
        }
    }

    #[inline]
    fn string_as(&mut self, expected: &'static str) -> Result<String> {
        match self.skip_ws() {
            Some(b'"') => self.read_string(),
            _ => Err(self.wrong(expected)),
        }
    }

    #[inline]
    fn begin_array_as(&mut self, expected: &'static str) -> Result<()> {
        match self.skip_ws() {
            Some(b'[') => self.enter(),
            _ => Err(self.wrong(expected)),
        }
    }

    #[inline]
    fn next_element(&mut self) -> Result<bool> {
        match self.skip_ws() {
            Some(b']') => {
                self.leave();
                Ok(false)
            }
            Some(b',') if !self.first => {
                self.pos += 1;
                self.no_trailing_comma(b']')?;
                Ok(true)
            }
            Some(_) if self.first => {
                self.first = false;
                Ok(true)
            }
            Some(_) => Err(self.error_here("expected `,` or `]`")),
            None => Err(eof(self.input)),
        }
    }

    #[inline]
    fn begin_object_as(&mut self, expected: &'static str) -> Result<()> {
        match self.skip_ws() {
            Some(b'{') => self.enter(),
            _ => Err(self.wrong(expected)),
        }
    }

    #[inline]
    fn next_key(&mut self) -> Result<Option<Cow<'de, str>>> {
        if !self.key_follows()? {
            return Ok(None);
        }
        self.key().map(Some)
    }

    #[inline(always)]
    fn next_member_key(&mut self) -> Result<Option<Cow<'de, [u8]>>> {
        if !self.key_follows()? {
            return Ok(None);
        }
        let input = self.input;
        let start = self.pos + 1;
        let (end, _) = find_special(input, start);
        let key = if input.get(end) == Some(&b'"') {
            if self.text.is_none() {
                utf8(input, None, start, end)?;
            }
            self.pos = end + 1;
            Cow::Borrowed(input.get(start..end).unwrap_or_default())
        } else {
            Cow::Owned(self.read_str_slow(start, end)?.into_bytes())
        };
        self.colon()?;
        Ok(Some(key))
    }

    /// Skips one value without allocating (unless the depth limit was raised past 256 and the
    /// value nests deeper than that). Validates everything reading validates: a skipped value
    /// with a bad escape, a lone surrogate, invalid UTF-8 or a number out of `f64` range is an
    /// error, with the same message and offset as when read.
    fn skip(&mut self) -> Result<()> {
        // Which of the containers open inside the skipped value are objects (bit set).
        let mut kinds = KindStack::default();
        let mut level = 0usize;
        loop {
            // A value starts at the next non-blank byte.
            match self.skip_ws() {
                Some(b'"') => self.skip_str()?,
                Some(b'-' | b'0'..=b'9') => {
                    self.read_number()?;
                }
                Some(b'[') => {
                    self.check_skip_depth(level)?;
                    self.pos += 1;
                    if self.skip_ws() == Some(b']') {
                        self.pos += 1;
                    } else {
                        kinds.set(level, false);
                        level += 1;
                        continue;
                    }
                }
                Some(b'{') => {
                    self.check_skip_depth(level)?;
                    self.pos += 1;
                    if self.skip_ws() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        self.skip_key()?;
                        kinds.set(level, true);
                        level += 1;
                        continue;
                    }
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(_) => return Err(self.error_here("expected value")),
                None => return Err(eof(self.input)),
            }
            // After a value: close containers until one continues with `,`.
            loop {
                if level == 0 {
                    return Ok(());
                }
                let object = kinds.get(level - 1);
                match self.skip_ws() {
                    Some(b',') => {
                        self.pos += 1;
                        if object {
                            self.no_trailing_comma(b'}')?;
                            self.skip_key()?;
                        } else {
                            self.no_trailing_comma(b']')?;
                        }
                        break;
                    }
                    Some(b']') if !object => {
                        self.pos += 1;
                        level -= 1;
                    }
                    Some(b'}') if object => {
                        self.pos += 1;
                        level -= 1;
                    }
                    Some(_) if object => return Err(self.error_here("expected `,` or `}`")),
                    Some(_) => return Err(self.error_here("expected `,` or `]`")),
                    None => return Err(eof(self.input)),
                }
            }
        }
    }

    #[inline]
    fn end(&mut self) -> Result<()> {
        match self.skip_ws() {
            None => Ok(()),
            Some(_) => Err(Error::syntax("trailing characters", self.pos)),
        }
    }

    #[inline]
    fn offset(&self) -> usize {
        self.pos
    }
}

/// One bit per open container in [`Source::skip`]: set for an object. The first 256 levels
/// live inline; deeper ones (only possible with a raised depth limit) spill to the heap.
#[derive(Default)]
struct KindStack {
    inline: [u64; 4],
    spill: Vec<u64>,
}

impl KindStack {
    #[inline]
    fn set(&mut self, level: usize, object: bool) {
        let (word, bit) = (level / 64, 1u64 << (level % 64));
        let slot = match self.inline.get_mut(word) {
            Some(slot) => slot,
            None => {
                let word = word - self.inline.len();
                if self.spill.len() <= word {
                    self.spill.resize(word + 1, 0);
                }
                match self.spill.get_mut(word) {
                    Some(slot) => slot,
                    None => return,
                }
            }
        };
        if object {
            *slot |= bit;
        } else {
            *slot &= !bit;
        }
    }

    #[inline]
    fn get(&self, level: usize) -> bool {
        let (word, bit) = (level / 64, 1u64 << (level % 64));
        let slot = match self.inline.get(word) {
            Some(slot) => slot,
            None => self.spill.get(word - self.inline.len()).unwrap_or(&0),
        };
        slot & bit != 0
    }
}

/// The kind of value a byte starts, if any.
#[inline]
fn classify(b: u8) -> Option<Peek> {
    Some(match b {
        b'"' => Peek::String,
        b'-' | b'0'..=b'9' => Peek::Number,
        b'{' => Peek::Object,
        b'[' => Peek::Array,
        b't' | b'f' => Peek::Bool,
        b'n' => Peek::Null,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Errors

/// The error for input that ends too early.
#[cold]
#[inline(never)]
fn eof(input: &[u8]) -> Error {
    Error::syntax("unexpected end of input", input.len())
}

/// A syntax error at `at`, or the end-of-input error if `at` is past the input.
#[cold]
#[inline(never)]
fn syntax_at(input: &[u8], at: usize, message: &'static str) -> Error {
    if at >= input.len() {
        eof(input)
    } else {
        Error::syntax(message, at)
    }
}

#[cold]
#[inline(never)]
fn control_character(at: usize) -> Error {
    Error::syntax("control character in string", at)
}

/// The error for a literal starting at `at` that is not `word`: at the first wrong byte.
#[cold]
#[inline(never)]
fn bad_literal(input: &[u8], at: usize, word: &'static [u8]) -> Error {
    let wrong = word
        .iter()
        .zip(input.get(at..).unwrap_or_default())
        .take_while(|(w, b)| w == b)
        .count();
    let message = match word {
        b"true" => "expected `true`",
        b"false" => "expected `false`",
        _ => "expected `null`",
    };
    syntax_at(input, at + wrong, message)
}

// ---------------------------------------------------------------------------------------------
// Strings

/// Whether `b` ends a run of plain string bytes: `"`, `\` or a control character.
#[inline(always)]
fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The lanes of `word` (eight bytes, little-endian) holding `"`, `\` or a control byte, as
/// their high bits (Mycroft's zero-byte trick, as serde_json): borrows can only flag lanes
/// after a true hit, so the lowest flagged lane is always a true one.
#[inline(always)]
fn special_lanes(w: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    const QUOTE: u64 = ONES * b'"' as u64;
    const BACKSLASH: u64 = ONES * b'\\' as u64;
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ QUOTE;
    let quote = q.wrapping_sub(ONES) & !q;
    let b = w ^ BACKSLASH;
    let backslash = b.wrapping_sub(ONES) & !b;
    (control | quote | backslash) & HIGH
}

/// The byte each one-character escape stands for (`\"` is `"`, `\n` a newline, ...), by the
/// character after the `\`; 0 for the others (`\u` and invalid escapes).
static SHORT_ESCAPES: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t[b'/' as usize] = b'/';
    t[b'b' as usize] = 0x08;
    t[b'f' as usize] = 0x0c;
    t[b'n' as usize] = b'\n';
    t[b'r' as usize] = b'\r';
    t[b't' as usize] = b'\t';
    t
};

/// Makes `buf` at least `need` bytes long (zeros; it only grows, so it is reused as is).
#[cold]
#[inline(never)]
fn grow(buf: &mut Vec<u8>, need: usize) {
    if buf.len() < need {
        buf.resize(need.max(buf.len().saturating_mul(2)).max(256), 0);
    }
}

/// Decodes the rest of a string into the start of `scratch`, from `chunk` on, `at` being the
/// first `"`, `\` or control byte after it: the offset of the closing quote and the decoded
/// length. The input's bytes are UTF-8 if `checked`; otherwise each run is checked here.
///
/// `scratch` is written as a slice with a write index and only grown (rarely: the reader
/// reuses it from string to string) when a step might not fit, so writes need no capacity
/// check. The input is read eight bytes a step by [`decode_words`]; what it stops at (the
/// closing quote, a `\u` escape, the last bytes of the input, a full `scratch`) is handled
/// here.
#[inline(always)]
fn decode_str(
    input: &[u8],
    checked: bool,
    chunk: usize,
    mut at: usize,
    scratch: &mut Vec<u8>,
) -> Result<(usize, usize)> {
    let first = input.get(chunk..at).unwrap_or_default();
    if !checked {
        utf8(input, None, chunk, at)?;
    }
    let mut n = first.len();
    if scratch.len() < n + 16 {
        grow(scratch, n + 16);
    }
    if let Some(dst) = scratch.get_mut(..n) {
        dst.copy_from_slice(first);
    }
    loop {
        if scratch.len() < n + 16 {
            grow(scratch, n + 16);
        }
        // `at` is at a `"`, `\` or control byte, or the end; room for a four-byte escape.
        match input.get(at) {
            Some(b'"') => return Ok((at, n)),
            Some(b'\\') => {
                let next = input.get(at + 1).copied().unwrap_or(0);
                let byte = SHORT_ESCAPES[usize::from(next)];
                if byte != 0 {
                    if let Some(slot) = scratch.get_mut(n) {
                        *slot = byte;
                    }
                    n += 1;
                    at += 2;
                } else {
                    let (c, after) = escape(input, at)?;
                    if let Some(dst) = scratch.get_mut(n..n + 4) {
                        n += c.encode_utf8(dst).len();
                    }
                    at = after;
                }
            }
            Some(_) => return Err(control_character(at)),
            None => return Err(eof(input)),
        }
        if checked {
            (at, n) = decode_words(input, at, scratch.as_mut_slice(), n);
            if input.get(at).is_some_and(|&b| is_special(b)) {
                continue;
            }
        }
        // Checking UTF-8, fewer than eight bytes left or `scratch` full: the run is found
        // first, then copied.
        let end = find_special(input, at).0;
        if !checked {
            utf8(input, None, at, end)?;
        }
        let run = input.get(at..end).unwrap_or_default();
        if scratch.len() < n + run.len() + 16 {
            grow(scratch, n + run.len() + 16);
        }
        if let Some(dst) = scratch.get_mut(n..n + run.len()) {
            dst.copy_from_slice(run);
        }
        n += run.len();
        at = end;
    }
}

/// Copies and decodes a string's bytes from `input[at..]` to `buf[n..]`, eight bytes a step:
/// each word is written whole and both offsets moved to its first `"`, `\` or control byte,
/// if any; a one-character escape there is decoded (a table lookup) and the loop goes on.
/// Returns the offsets where it stopped: at a `"`, a control byte or an escape it does not
/// decode, or with fewer than eight bytes of input or room left.
#[inline(always)]
fn decode_words(input: &[u8], mut at: usize, buf: &mut [u8], mut n: usize) -> (usize, usize) {
    loop {
        let Some(&word) = input.get(at..).and_then(<[u8]>::first_chunk::<8>) else {
            return (at, n);
        };
        let Some(dst) = buf.get_mut(n..).and_then(<[u8]>::first_chunk_mut::<8>) else {
            return (at, n);
        };
        *dst = word;
        let w = u64::from_le_bytes(word);
        let hits = special_lanes(w);
        if hits == 0 {
            at += 8;
            n += 8;
            continue;
        }
        let lane = hits.trailing_zeros() / 8;
        at += lane as usize;
        n += lane as usize;
        if (w >> (lane * 8)) as u8 != b'\\' {
            return (at, n);
        }
        let byte = input
            .get(at + 1)
            .map_or(0, |&c| SHORT_ESCAPES[usize::from(c)]);
        if byte == 0 {
            return (at, n);
        }
        // `n` is inside the word just written, so inside `buf`.
        if let Some(slot) = buf.get_mut(n) {
            *slot = byte;
        }
        n += 1;
        at += 2;
    }
}

/// The offset of the first `"`, `\` or control byte at or after `at` (or the input length),
/// and whether a byte >= 0x80 comes before it (if not, the bytes are ASCII, so valid UTF-8).
///
/// Eight bytes at a time ([`special_lanes`]).
#[inline(always)]
pub(super) fn find_special(input: &[u8], at: usize) -> (usize, bool) {
    const HIGH: u64 = (u64::MAX / 255) << 7;
    let mut i = at;
    let mut seen = 0u64;
    // The first word alone (most keys end in it), then two words a step: two independent
    // masks, one branch.
    if let Some(&first) = input.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(first);
        let hits = special_lanes(w);
        if hits != 0 {
            let lane = hits.trailing_zeros() / 8;
            let before = (1u64 << (lane * 8)) - 1;
            return (i + lane as usize, w & before & HIGH != 0);
        }
        seen = w;
        i += 8;
        while let Some(pair) = input.get(i..).and_then(<[u8]>::first_chunk::<16>) {
            let (a, b) = pair.split_at(8);
            let (Ok(a), Ok(b)) = (<[u8; 8]>::try_from(a), <[u8; 8]>::try_from(b)) else {
                break;
            };
            let (wa, wb) = (u64::from_le_bytes(a), u64::from_le_bytes(b));
            let (ha, hb) = (special_lanes(wa), special_lanes(wb));
            if ha | hb != 0 {
                let (w, hits, base) = if ha != 0 {
                    (wa, ha, i)
                } else {
                    (wb, hb, i + 8)
                };
                if ha == 0 {
                    seen |= wa;
                }
                let lane = hits.trailing_zeros() / 8;
                let before = (1u64 << (lane * 8)) - 1;
                return (base + lane as usize, (seen | (w & before)) & HIGH != 0);
            }
            seen |= wa | wb;
            i += 16;
        }
    }
    let mut non_ascii = seen & HIGH != 0;
    while let Some(&b) = input.get(i) {
        if is_special(b) {
            break;
        }
        non_ascii |= b >= 0x80;
        i += 1;
    }
    (i, non_ascii)
}

/// The raw string bytes `start..end` as UTF-8, or an error at the first invalid byte. Sliced
/// from `text` (the whole input, known valid) if there is one: string bounds are next to ASCII
/// bytes, so they are always character boundaries.
#[inline]
fn utf8<'a>(input: &'a [u8], text: Option<&'a str>, start: usize, end: usize) -> Result<&'a str> {
    if let Some(s) = text.and_then(|text| text.get(start..end)) {
        return Ok(s);
    }
    let bytes = input.get(start..end).unwrap_or_default();
    std::str::from_utf8(bytes).map_err(|e| invalid_utf8(start + e.valid_up_to()))
}

#[cold]
#[inline(never)]
fn invalid_utf8(at: usize) -> Error {
    Error::syntax("invalid UTF-8 in string", at)
}

/// Decodes the escape whose `\` is at `at`: the character and the offset after the escape.
#[inline]
fn escape(input: &[u8], at: usize) -> Result<(char, usize)> {
    let c = match input.get(at + 1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unicode_escape(input, at),
        Some(_) => return Err(Error::syntax("invalid escape", at + 1)),
        None => return Err(eof(input)),
    };
    Ok((c, at + 2))
}

/// Decodes the `\uXXXX` escape at `at`, with the low half of a surrogate pair if it starts one.
/// A surrogate that is not part of a pair is an error at its `\`.
fn unicode_escape(input: &[u8], at: usize) -> Result<(char, usize)> {
    let high = hex4(input, at + 2)?;
    let code = match high {
        0xD800..=0xDBFF => {
            let low_at = at + 6;
            match (input.get(low_at), input.get(low_at + 1)) {
                (Some(b'\\'), Some(b'u')) => {}
                (None, _) | (Some(b'\\'), None) => return Err(eof(input)),
                _ => return Err(lone_surrogate(at)),
            }
            let low = hex4(input, low_at + 2)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(lone_surrogate(at));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        }
        0xDC00..=0xDFFF => return Err(lone_surrogate(at)),
        _ => high,
    };
    let end = if code > 0xFFFF { at + 12 } else { at + 6 };
    char::from_u32(code)
        .map(|c| (c, end))
        .ok_or_else(|| lone_surrogate(at))
}

#[cold]
#[inline(never)]
fn lone_surrogate(at: usize) -> Error {
    Error::syntax("lone surrogate in \\u escape", at)
}

/// The four hex digits at `at`.
#[inline]
fn hex4(input: &[u8], at: usize) -> Result<u32> {
    let mut value = 0;
    for i in at..at + 4 {
        let digit = match input.get(i) {
            Some(&b @ b'0'..=b'9') => b - b'0',
            Some(&b @ b'a'..=b'f') => b - b'a' + 10,
            Some(&b @ b'A'..=b'F') => b - b'A' + 10,
            Some(_) => return Err(Error::syntax("invalid \\u escape", i)),
            None => return Err(eof(input)),
        };
        value = value * 16 + u32::from(digit);
    }
    Ok(value)
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// Powers of ten exactly representable as `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// 10^18: a mantissa below it takes one more decimal digit without overflowing 64 bits.
const FEW_DIGITS: u64 = 1_000_000_000_000_000_000;

/// Parses the number starting at `start` (a `-` or a digit): the number and the offset after
/// it.
#[inline]
fn parse_number(input: &[u8], start: usize) -> Result<(Number, usize)> {
    match parse_integer(input, start)? {
        Integer::Whole(number, end) => Ok((number, end)),
        Integer::More {
            negative,
            mantissa,
            exact,
            at,
        } => parse_float(input, start, negative, mantissa, exact, at),
    }
}

/// The sign and integer digits of a number, as [`parse_integer`] reads them.
enum Integer {
    /// The whole number, and the offset after it.
    Whole(Number, usize),
    /// A number that goes on at `at` with a fraction or an exponent (`exact`: `mantissa`
    /// holds the digits so far), or with more digits than 64 bits hold.
    More {
        negative: bool,
        mantissa: u64,
        exact: bool,
        at: usize,
    },
}

/// Reads the sign and integer digits of the number starting at `start` (a `-` or a digit).
#[inline(always)]
fn parse_integer(input: &[u8], start: usize) -> Result<Integer> {
    let mut i = start;
    let negative = input.get(i) == Some(&b'-');
    if negative {
        i += 1;
    }
    let mut mantissa = match input.get(i) {
        Some(b'0') => {
            i += 1;
            if let Some(b'0'..=b'9') = input.get(i) {
                return Err(Error::syntax("invalid number: leading zero", i));
            }
            0
        }
        Some(&d @ b'1'..=b'9') => {
            i += 1;
            u64::from(d - b'0')
        }
        _ => return Err(syntax_at(input, i, "invalid number")),
    };
    loop {
        match input.get(i) {
            Some(&d @ b'0'..=b'9') => {
                // Below 10^18 another digit cannot overflow: no check for nearly all numbers.
                mantissa = if mantissa < FEW_DIGITS {
                    mantissa * 10 + u64::from(d - b'0')
                } else {
                    match mantissa
                        .checked_mul(10)
                        .and_then(|m| m.checked_add(u64::from(d - b'0')))
                    {
                        Some(m) => m,
                        // Beyond 64 bits: a float, from the digits as text.
                        None => {
                            return Ok(Integer::More {
                                negative,
                                mantissa,
                                exact: false,
                                at: i,
                            })
                        }
                    }
                };
                i += 1;
            }
            Some(b'.' | b'e' | b'E') => {
                return Ok(Integer::More {
                    negative,
                    mantissa,
                    exact: true,
                    at: i,
                })
            }
            _ => return Ok(Integer::Whole(integer(negative, mantissa), i)),
        }
    }
}

/// The end of a number's fraction and exponent, from `at` (its `.`, `e` or `E`), if JSON's
/// grammar accepts them; `None` for anything else, which [`parse_float`] then reports.
#[inline]
fn scan_fraction_exponent(input: &[u8], mut at: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        while let Some(b'0'..=b'9') = input.get(i) {
            i += 1;
        }
        i
    };
    if input.get(at) == Some(&b'.') {
        if !matches!(input.get(at + 1), Some(b'0'..=b'9')) {
            return None;
        }
        at = digits(at + 1);
    }
    if let Some(b'e' | b'E') = input.get(at) {
        at += 1;
        if let Some(b'+' | b'-') = input.get(at) {
            at += 1;
        }
        if !matches!(input.get(at), Some(b'0'..=b'9')) {
            return None;
        }
        at = digits(at);
    }
    Some(at)
}

/// An integer read as sign and magnitude. `-0` is `-0.0`, as serde_json reads it.
#[inline]
fn integer(negative: bool, magnitude: u64) -> Number {
    if !negative {
        Number::PosInt(magnitude)
    } else if magnitude == 0 {
        Number::Float(-0.0)
    } else if magnitude <= 1 << 63 {
        Number::NegInt(0i64.wrapping_sub(magnitude as i64))
    } else {
        Number::Float(-(magnitude as f64))
    }
}

/// Finishes a number that is not a 64-bit integer, from `i` (more integer digits, `.`, `e` or
/// `E`). `mantissa` holds the digits so far if `exact`. Small cases are computed exactly
/// (Clinger's fast path); the rest is parsed by `str::parse::<f64>`; both round correctly.
#[inline(never)]
fn parse_float(
    input: &[u8],
    start: usize,
    negative: bool,
    mut mantissa: u64,
    mut exact: bool,
    mut i: usize,
) -> Result<(Number, usize)> {
    while let Some(b'0'..=b'9') = input.get(i) {
        i += 1;
    }
    let mut exponent: i64 = 0;
    if input.get(i) == Some(&b'.') {
        i += 1;
        if !matches!(input.get(i), Some(b'0'..=b'9')) {
            return Err(syntax_at(
                input,
                i,
                "invalid number: expected digit after `.`",
            ));
        }
        while let Some(&d @ b'0'..=b'9') = input.get(i) {
            if exact {
                // From 10^18 on, the digits are more than an f64 holds exactly (2^53): the
                // text is parsed instead.
                if mantissa < FEW_DIGITS {
                    mantissa = mantissa * 10 + u64::from(d - b'0');
                    exponent -= 1;
                } else {
                    exact = false;
                }
            }
            i += 1;
        }
    }
    if let Some(b'e' | b'E') = input.get(i) {
        i += 1;
        let negative_exponent = match input.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        if !matches!(input.get(i), Some(b'0'..=b'9')) {
            return Err(syntax_at(
                input,
                i,
                "invalid number: expected digit in exponent",
            ));
        }
        let mut e: i64 = 0;
        while let Some(&d @ b'0'..=b'9') = input.get(i) {
            // Saturates far beyond any f64 exponent; the slow path reparses the text anyway.
            e = (e * 10 + i64::from(d - b'0')).min(1 << 40);
            i += 1;
        }
        exponent += if negative_exponent { -e } else { e };
    }
    let power = usize::try_from(exponent.unsigned_abs())
        .ok()
        .and_then(|e| POW10.get(e));
    if let (true, Some(&power)) = (exact && mantissa <= 1 << 53, power) {
        // Both operands are exact, so the one rounding of `*` or `/` is the correct one.
        let m = mantissa as f64;
        let value = if exponent < 0 { m / power } else { m * power };
        return Ok((Number::Float(if negative { -value } else { value }), i));
    }
    let value = input
        .get(start..i)
        .and_then(|text| std::str::from_utf8(text).ok())
        .and_then(|text| text.parse::<f64>().ok())
        .ok_or_else(|| Error::syntax("invalid number", start))?;
    if value.is_finite() {
        Ok((Number::Float(value), i))
    } else {
        Err(Error::syntax("number out of range", start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use serde_json::Value;

    #[test]
    fn slice_source_reads_tokens_in_order() -> crate::Result<()> {
        let mut src = SliceSource::new(br#"{"name": "x", "n": [1, 2]}"#);
        src.begin_object()?;
        assert_eq!(src.next_key()?.as_deref(), Some("name"));
        assert_eq!(src.str()?, "x");
        assert_eq!(src.next_key()?.as_deref(), Some("n"));
        src.skip()?;
        assert_eq!(src.next_key()?, None);
        src.end()
    }

    // -----------------------------------------------------------------------------------------
    // Helpers

    /// The error's kind and byte offset.
    fn err<T: fmt::Debug>(result: Result<T>) -> (ErrorKind, usize) {
        let e = result.expect_err("expected an error");
        match e.location() {
            Some(Location::Offset(at)) => (e.kind().clone(), at),
            other => panic!("error without offset: {e} ({other:?})"),
        }
    }

    fn syntax(message: &str) -> ErrorKind {
        ErrorKind::Syntax(message.to_owned())
    }

    const EOF: &str = "unexpected end of input";

    /// Reads one value fully (recursively, through the pull API) into a `serde_json::Value`,
    /// checking on the way that every float is the correctly rounded value of its text.
    fn walk(src: &mut SliceSource<'_>, input: &[u8]) -> Result<Value> {
        Ok(match src.peek()? {
            Peek::Null => {
                src.null()?;
                Value::Null
            }
            Peek::Bool => Value::Bool(src.bool()?),
            Peek::Number => {
                let start = src.offset();
                match src.number()? {
                    Number::PosInt(n) => Value::from(n),
                    Number::NegInt(n) => {
                        assert!(n < 0);
                        Value::from(n)
                    }
                    Number::Float(f) => {
                        let text = std::str::from_utf8(&input[start..src.offset()]).unwrap();
                        let exact: f64 = text.parse().unwrap();
                        assert_eq!(f.to_bits(), exact.to_bits(), "{text} misrounded");
                        Value::Number(serde_json::Number::from_f64(f).expect("finite"))
                    }
                }
            }
            Peek::String => Value::String(src.str()?.into_owned()),
            Peek::Array => {
                src.begin_array()?;
                let mut items = Vec::new();
                while src.next_element()? {
                    items.push(walk(src, input)?);
                }
                Value::Array(items)
            }
            Peek::Object => {
                src.begin_object()?;
                let mut map = serde_json::Map::new();
                while let Some(key) = src.next_key()? {
                    let key = key.into_owned();
                    let value = walk(src, input)?;
                    map.insert(key, value);
                }
                Value::Object(map)
            }
        })
    }

    /// A whole document read with [`walk`], then `end`.
    fn read_all(input: &[u8]) -> Result<Value> {
        let mut src = SliceSource::new(input);
        let value = walk(&mut src, input)?;
        src.end()?;
        assert_eq!(src.depth, 0);
        Ok(value)
    }

    /// A whole document skipped, then `end`.
    fn skip_all(input: &[u8]) -> Result<()> {
        let mut src = SliceSource::new(input);
        src.skip()?;
        src.end()
    }

    fn num(text: &str) -> Number {
        let mut src = SliceSource::new(text.as_bytes());
        let n = src.number().unwrap_or_else(|e| panic!("{text}: {e}"));
        src.end().unwrap();
        n
    }

    /// Numbers compared with floats by bits (so `-0.0 != 0.0`).
    fn same_number(a: Number, b: Number) -> bool {
        match (a, b) {
            (Number::Float(x), Number::Float(y)) => x.to_bits() == y.to_bits(),
            _ => a == b,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Rejections: each with its kind and offset, the same whether read or skipped

    #[test]
    fn rejections_have_kind_and_offset() {
        let cases: &[(&[u8], &str, usize)] = &[
            // End of input, stray bytes, literals.
            (b"", EOF, 0),
            (b"  \n", EOF, 3),
            (b"x", "expected value", 0),
            (b"]", "expected value", 0),
            (b"True", "expected value", 0),
            (b"tru", EOF, 3),
            (b"trux", "expected `true`", 3),
            (b"fals", EOF, 4),
            (b"falsy", "expected `false`", 4),
            (b"nil", "expected `null`", 1),
            (b"[nul", EOF, 4),
            // Numbers.
            (b"01", "invalid number: leading zero", 1),
            (b"-01", "invalid number: leading zero", 2),
            (b"00.5", "invalid number: leading zero", 1),
            (b"[1, 012]", "invalid number: leading zero", 5),
            (b"+1", "expected value", 0),
            (b"-", EOF, 1),
            (b"-a", "invalid number", 1),
            (b"-.5", "invalid number", 1),
            (b".5", "expected value", 0),
            (b"1.", EOF, 2),
            (b"1.x", "invalid number: expected digit after `.`", 2),
            (b"1.e5", "invalid number: expected digit after `.`", 2),
            (b"1e", EOF, 2),
            (b"1e+", EOF, 3),
            (b"1ex", "invalid number: expected digit in exponent", 2),
            (b"1e+-1", "invalid number: expected digit in exponent", 3),
            (
                b"12345678901234567890123.e1",
                "invalid number: expected digit after `.`",
                24,
            ),
            (b"NaN", "expected value", 0),
            (b"Infinity", "expected value", 0),
            (b"-Infinity", "invalid number", 1),
            (b"1e400", "number out of range", 0),
            (b"-1e400", "number out of range", 0),
            (b"[0, 1.8e308]", "number out of range", 4),
            (b"{\"a\": 1e99999999999999999999}", "number out of range", 6),
            // Trailing characters, commas, brackets.
            (b"1 2", "trailing characters", 2),
            (b"{} x", "trailing characters", 3),
            (b"[1,]", "trailing comma", 3),
            (b"[1, \n]", "trailing comma", 5),
            (b"[,1]", "expected value", 1),
            (b"[1,,2]", "expected value", 3),
            (b"[1 2]", "expected `,` or `]`", 3),
            (b"[1}", "expected `,` or `]`", 2),
            (b"[", EOF, 1),
            (b"[1", EOF, 2),
            (b"[1,", EOF, 3),
            (b"[[]", EOF, 3),
            (b"{", EOF, 1),
            (b"{\"a\":1,}", "trailing comma", 7),
            (b"{\"a\":1,,}", "expected string key", 7),
            (b"{\"a\" 1}", "expected `:`", 5),
            (b"{\"a\"}", "expected `:`", 4),
            (b"{\"a\"", EOF, 4),
            (b"{\"a\":", EOF, 5),
            (b"{\"a\":1", EOF, 6),
            (b"{1:2}", "expected string key", 1),
            (b"{a:2}", "expected string key", 1),
            (b"{,}", "expected string key", 1),
            (b"{\"a\":1 \"b\":2}", "expected `,` or `}`", 7),
            (b"{\"a\":1,2:3}", "expected string key", 7),
            (b"{\"a\":1]", "expected `,` or `}`", 6),
            (b"{\"a\":}", "expected value", 5),
            // Comments are not JSON.
            (b"/* c */ 1", "expected value", 0),
            (b"[1 // c\n]", "expected `,` or `]`", 3),
            (b"\xef\xbb\xbf1", "expected value", 0),
            // Strings: termination, control characters, escapes.
            (b"\"abc", EOF, 4),
            (b"\"abcdefghijklmnop", EOF, 17),
            (b"\"a\x01b\"", "control character in string", 2),
            (b"\"a\tb\"", "control character in string", 2),
            (b"\"abcdefghijk\nb\"", "control character in string", 12),
            (b"\"a\\n\x1f\"", "control character in string", 4),
            (b"\"\\x\"", "invalid escape", 2),
            (b"\"\\U0041\"", "invalid escape", 2),
            (b"\"\\'\"", "invalid escape", 2),
            (b"\"\\", EOF, 2),
            (b"\"\\u12g4\"", "invalid \\u escape", 5),
            (b"\"\\u 123\"", "invalid \\u escape", 3),
            (b"\"\\u12", EOF, 5),
            (b"\"\\ud800\"", "lone surrogate in \\u escape", 1),
            (b"\"ab\\ud800\\u0041\"", "lone surrogate in \\u escape", 3),
            (b"\"\\ud800\\n\"", "lone surrogate in \\u escape", 1),
            (b"\"\\ud800x\"", "lone surrogate in \\u escape", 1),
            (b"\"\\udc00\"", "lone surrogate in \\u escape", 1),
            (b"\"\\uDFFF\\uD800\"", "lone surrogate in \\u escape", 1),
            (b"\"\\ud800\\udbff\"", "lone surrogate in \\u escape", 1),
            (
                b"\"\\ud800\\ud800\\udc00\"",
                "lone surrogate in \\u escape",
                1,
            ),
            (b"\"\\ud800\\udcxx\"", "invalid \\u escape", 11),
            (b"\"\\ud800", EOF, 7),
            (b"\"\\ud800\\", EOF, 8),
            (b"\"\\ud800\\u", EOF, 9),
            // Strings: UTF-8, with and without escapes, short and long.
            (b"\"\xff\"", "invalid UTF-8 in string", 1),
            (b"\"ab\xc0\x80\"", "invalid UTF-8 in string", 3),
            (b"\"\xe2\x82\"", "invalid UTF-8 in string", 1),
            (b"\"\xed\xa0\x80\"", "invalid UTF-8 in string", 1),
            (b"\"\xf4\x90\x80\x80\"", "invalid UTF-8 in string", 1),
            (b"\"\x80\"", "invalid UTF-8 in string", 1),
            (b"\"\\n\xff\"", "invalid UTF-8 in string", 3),
            (b"\"\xe2\x82\\n\"", "invalid UTF-8 in string", 1),
            (b"\"ab\xff", "invalid UTF-8 in string", 3),
            (b"\"ab\xff\x01\"", "invalid UTF-8 in string", 3),
            (b"\"\\n\xe9\x01\"", "invalid UTF-8 in string", 3),
            (b"\"abcdefghij\xffk\"", "invalid UTF-8 in string", 11),
            (b"{\"k\xff\": 1}", "invalid UTF-8 in string", 3),
            (b"[\"ok\", \"\\u00\"]", "invalid \\u escape", 12),
        ];
        for &(input, message, offset) in cases {
            let shown = String::from_utf8_lossy(input);
            let expected = (syntax(message), offset);
            assert_eq!(err(read_all(input)), expected, "read {shown:?}");
            assert_eq!(err(skip_all(input)), expected, "skip {shown:?}");
        }
    }

    #[test]
    fn wrong_kind_is_a_type_error_at_the_value() {
        type Call = fn(&mut SliceSource<'static>) -> Result<()>;
        let calls: &[(&str, Call)] = &[
            ("null", |s| s.null()),
            ("boolean", |s| s.bool().map(drop)),
            ("number", |s| s.number().map(drop)),
            ("string", |s| s.str().map(drop)),
            ("array", |s| s.begin_array()),
            ("object", |s| s.begin_object()),
        ];
        let values: &[(&str, &'static str)] = &[
            ("null", " null"),
            ("boolean", " true"),
            ("boolean", " false"),
            ("number", " -1"),
            ("number", " 2"),
            ("string", " \"s\""),
            ("array", " []"),
            ("object", " {}"),
        ];
        for &(expected, call) in calls {
            for &(found, text) in values {
                let mut src = SliceSource::new(text.as_bytes());
                let result = call(&mut src);
                if expected == found {
                    assert!(result.is_ok(), "{expected} on {text}");
                    continue;
                }
                let e = result.expect_err(text);
                assert_eq!(e.kind(), &ErrorKind::Type { expected, found }, "{text}");
                assert_eq!(e.location(), Some(Location::Offset(1)));
                // Nothing but the whitespace was consumed: the caller can still peek.
                assert_eq!(src.offset(), 1);
                assert_eq!(src.peek().unwrap().describe(), found);
            }
            // Not a value at all, or nothing: a syntax error.
            let mut src = SliceSource::new(b" ?");
            assert_eq!(err(call(&mut src)), (syntax("expected value"), 1));
            let mut src = SliceSource::new(b" ");
            assert_eq!(err(call(&mut src)), (syntax(EOF), 1));
        }
    }

    // -----------------------------------------------------------------------------------------
    // Values

    #[test]
    fn peek_classifies_without_consuming() {
        let cases: &[(&str, Peek)] = &[
            ("null", Peek::Null),
            ("true", Peek::Bool),
            ("false", Peek::Bool),
            ("0", Peek::Number),
            ("-", Peek::Number),
            ("\"", Peek::String),
            ("[", Peek::Array),
            ("{", Peek::Object),
            // peek does not validate the value, only its first byte.
            ("nope", Peek::Null),
        ];
        for &(text, kind) in cases {
            let padded = format!(" \t\r\n{text}");
            let mut src = SliceSource::new(padded.as_bytes());
            assert_eq!(src.peek().unwrap(), kind, "{text}");
            assert_eq!(src.offset(), 4);
            assert_eq!(src.peek().unwrap(), kind, "{text}");
            assert_eq!(src.offset(), 4);
        }
    }

    #[test]
    fn literals() {
        let mut src = SliceSource::new(b" [null, true ,false ] ");
        src.begin_array().unwrap();
        assert!(src.next_element().unwrap());
        src.null().unwrap();
        assert!(src.next_element().unwrap());
        assert!(src.bool().unwrap());
        assert!(src.next_element().unwrap());
        assert!(!src.bool().unwrap());
        assert!(!src.next_element().unwrap());
        src.end().unwrap();
        assert_eq!(src.offset(), 22);
    }

    #[test]
    fn integers() {
        let cases: &[(&str, Number)] = &[
            ("0", Number::PosInt(0)),
            ("7", Number::PosInt(7)),
            ("1234567890", Number::PosInt(1_234_567_890)),
            ("18446744073709551615", Number::PosInt(u64::MAX)),
            ("-1", Number::NegInt(-1)),
            ("-1234567890", Number::NegInt(-1_234_567_890)),
            ("-9223372036854775807", Number::NegInt(-i64::MAX)),
            ("-9223372036854775808", Number::NegInt(i64::MIN)),
            // Beyond 64 bits: floats.
            (
                "18446744073709551616",
                Number::Float(18446744073709551616.0),
            ),
            (
                "-9223372036854775809",
                Number::Float(-9223372036854775809.0),
            ),
            (
                "-18446744073709551615",
                Number::Float(-18446744073709551615.0),
            ),
            (
                "-18446744073709551616",
                Number::Float(-18446744073709551616.0),
            ),
            (
                "123456789012345678901234567890",
                Number::Float(123456789012345678901234567890.0),
            ),
            // -0 keeps its sign, as serde_json reads it.
            ("-0", Number::Float(-0.0)),
        ];
        for &(text, expected) in cases {
            let got = num(text);
            assert!(
                same_number(got, expected),
                "{text}: {got:?} != {expected:?}"
            );
        }
    }

    #[test]
    fn floats() {
        let cases: &[(&str, f64)] = &[
            ("0.0", 0.0),
            ("-0.0", -0.0),
            ("0e0", 0.0),
            ("-0E-0", -0.0),
            ("1.5", 1.5),
            ("-1.5", -1.5),
            ("1e2", 100.0),
            ("1E+2", 100.0),
            ("1e-2", 0.01),
            ("0.1", 0.1),
            ("3.141592653589793", std::f64::consts::PI),
            ("1e22", 1e22),
            ("1e23", 1e23),
            ("9007199254740993.0", 9007199254740992.0),
            ("1.7976931348623157e308", f64::MAX),
            ("-1.7976931348623157e308", f64::MIN),
            ("2.2250738585072014e-308", f64::MIN_POSITIVE),
            ("5e-324", 5e-324),
            ("2.4703282292062328e-324", 5e-324),
            ("2.4703282292062327e-324", 0.0),
            ("1e-400", 0.0),
            ("-1e-400", -0.0),
            ("0e99999999999999999999", 0.0),
            ("1e00000000000000000001", 10.0),
            ("0.00000000000000000000000000000000000001", 1e-38),
            // Exactly halfway between 1 and the next f64: ties to even. A hair above: up.
            (
                "1.00000000000000011102230246251565404236316680908203125",
                1.0,
            ),
            (
                "1.00000000000000011102230246251565404236316680908203126",
                1.0000000000000002,
            ),
        ];
        for &(text, expected) in cases {
            let got = num(text);
            assert!(
                same_number(got, Number::Float(expected)),
                "{text}: {got:?} != {expected:?}"
            );
        }
    }

    /// Every float, by either path, is the correctly rounded value of its text.
    #[test]
    fn floats_round_correctly() {
        let mut rng = Lcg(7);
        let mut text = String::new();
        for _ in 0..20_000 {
            text.clear();
            let mut bytes = Vec::new();
            gen_number(&mut rng, &mut bytes);
            text.push_str(std::str::from_utf8(&bytes).unwrap());
            let exact: f64 = text.parse().unwrap();
            let mut src = SliceSource::new(text.as_bytes());
            match src.number() {
                Ok(Number::Float(f)) => assert_eq!(f.to_bits(), exact.to_bits(), "{text}"),
                Ok(Number::PosInt(n)) => assert_eq!(n as f64, exact, "{text}"),
                Ok(Number::NegInt(n)) => assert_eq!(n as f64, exact, "{text}"),
                Err(e) => {
                    assert!(exact.is_infinite(), "{text}: {e}");
                    assert_eq!(err::<()>(Err(e)), (syntax("number out of range"), 0));
                }
            }
        }
    }

    #[test]
    fn numbers_end_at_the_first_other_byte() {
        let mut src = SliceSource::new(b"[-12.5e3,7]");
        src.begin_array().unwrap();
        assert!(src.next_element().unwrap());
        assert!(same_number(src.number().unwrap(), Number::Float(-12500.0)));
        assert_eq!(src.offset(), 8);
        assert!(src.next_element().unwrap());
        assert_eq!(src.number().unwrap(), Number::PosInt(7));
        assert!(!src.next_element().unwrap());
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        for text in [
            "",
            "abc",
            "h\u{e9}llo w\u{f6}rld \u{4e2d} \u{1F600}",
            "\u{7f}/'",
        ] {
            let quoted = format!("\"{text}\"");
            let mut src = SliceSource::new(quoted.as_bytes());
            let s = src.str().unwrap();
            assert!(matches!(s, Cow::Borrowed(_)), "{text}");
            assert_eq!(s, text);
            src.end().unwrap();
        }
        let long = "x".repeat(1000);
        let quoted = format!("\"{long}\"");
        assert!(
            matches!(SliceSource::new(quoted.as_bytes()).str().unwrap(), Cow::Borrowed(s) if s == long)
        );
    }

    #[test]
    fn escapes_are_decoded() {
        let cases: &[(&str, &str)] = &[
            (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
            (r#""\u0041\u00e9\u00E9\u4e2d""#, "A\u{e9}\u{e9}\u{4e2d}"),
            (r#""\u0000""#, "\0"),
            (r#""\ud83d\ude00""#, "\u{1F600}"),
            (r#""\uD800\uDC00""#, "\u{10000}"),
            (r#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
            (r#""\uFFFF\uE000""#, "\u{FFFF}\u{E000}"),
            (
                r#""plain then \n then more plain text""#,
                "plain then \n then more plain text",
            ),
            (
                "\"\u{e9}\\t\u{1F600}\\\\\u{4e2d}\"",
                "\u{e9}\t\u{1F600}\\\u{4e2d}",
            ),
        ];
        for &(json, expected) in cases {
            let mut src = SliceSource::new(json.as_bytes());
            let s = src.str().unwrap();
            assert!(matches!(s, Cow::Owned(_)), "{json}");
            assert_eq!(s, expected, "{json}");
            src.end().unwrap();
            // Skipping accepts it too, and stops at the same place.
            let mut src = SliceSource::new(json.as_bytes());
            src.skip().unwrap();
            assert_eq!(src.offset(), json.len());
        }
    }

    /// Strings written with every form of escape JSON has (the short ones, `\/`, `\u` in
    /// both cases, surrogate pairs, characters escaped that need not be), dense escapes and
    /// plain runs from one byte to kilobytes, decode to the original; one reader decodes many,
    /// so the scratch is reused with older, longer contents in it. The same when the input is
    /// not all UTF-8 (a stray byte after the value), where the runs are checked one by one.
    #[test]
    fn escaped_strings_decode_to_what_was_encoded() {
        fn encode(rng: &mut Lcg, text: &str, out: &mut String) {
            out.push('"');
            for c in text.chars() {
                let short = match c {
                    '"' => Some("\\\""),
                    '\\' => Some("\\\\"),
                    '/' => Some("\\/"),
                    '\u{8}' => Some("\\b"),
                    '\u{c}' => Some("\\f"),
                    '\n' => Some("\\n"),
                    '\r' => Some("\\r"),
                    '\t' => Some("\\t"),
                    _ => None,
                };
                let must = matches!(c, '"' | '\\') || (c as u32) < 0x20;
                match (short, must || rng.below(6) == 0) {
                    (_, false) => out.push(c),
                    (Some(e), true) if rng.below(3) > 0 => out.push_str(e),
                    (_, true) => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            if rng.below(2) == 0 {
                                out.push_str(&format!("\\u{unit:04x}"));
                            } else {
                                out.push_str(&format!("\\u{unit:04X}"));
                            }
                        }
                    }
                }
            }
            out.push('"');
        }
        let mut rng = Lcg(0xe5c);
        let chars: Vec<char> =
            "aZ9 \"\\/\n\r\t\u{8}\u{c}\0\u{1f}\u{7f}\u{e9}\u{4e2d}\u{FFFF}\u{1F600}{:"
                .chars()
                .collect();
        for round in 0..400 {
            let mut texts = Vec::new();
            let mut json = String::from("[");
            for i in 0..8 {
                let mut text = String::new();
                let pieces = match rng.below(4) {
                    0 => rng.below(8),
                    1 => rng.below(64),
                    2 => rng.below(600),
                    _ => rng.below(3000),
                };
                for _ in 0..pieces {
                    if rng.below(4) == 0 {
                        // A plain run of any length.
                        for _ in 0..rng.below(40) {
                            text.push(rng.pick(b"abcdefghijklmnopqrstuvwxyz0123456789-_.") as char);
                        }
                    } else {
                        text.push(rng.pick(&chars));
                    }
                }
                if i > 0 {
                    json.push(',');
                }
                encode(&mut rng, &text, &mut json);
                texts.push(text);
            }
            json.push(']');
            for stray in [false, true] {
                let mut input = json.clone().into_bytes();
                if stray {
                    input.push(0xff);
                }
                let mut src = SliceSource::new(&input);
                assert_eq!(src.text.is_some(), !stray);
                src.begin_array().unwrap();
                for text in &texts {
                    assert!(src.next_element().unwrap());
                    assert_eq!(src.str().unwrap(), text.as_str(), "round {round}");
                }
                assert!(!src.next_element().unwrap());
                assert_eq!(src.end().is_err(), stray);
            }
        }
    }

    /// The eight-at-a-time scan finds the same byte as a naive one, at every alignment, and
    /// sees the same non-ASCII bytes before it.
    #[test]
    fn find_special_matches_naive_scan() {
        let naive = |input: &[u8], at: usize| {
            let end = (at..input.len())
                .find(|&i| is_special(input[i]))
                .unwrap_or(input.len());
            (end, input[at..end].iter().any(|&b| b >= 0x80))
        };
        let ascii: &[u8] = &[b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0x20, 0x5b, b'~'];
        let mixed: &[u8] = &[b'a', b' ', 0x7f, 0x80, 0xc3, 0xff, 0x20, 0x5b, 0xa2];
        let specials = [b'"', b'\\', 0x00, 0x01, 0x1f];
        for plain in [ascii, mixed] {
            for len in 0..40 {
                for start in 0..len.min(17) + 1 {
                    let mut buf: Vec<u8> = (0..len).map(|i| plain[i % plain.len()]).collect();
                    let check = |buf: &[u8]| {
                        assert_eq!(
                            find_special(buf, start),
                            naive(buf, start),
                            "{buf:?} {start}"
                        );
                    };
                    check(&buf);
                    for hole in 0..len {
                        for &special in &specials {
                            buf[hole] = special;
                            check(&buf);
                            // A high byte right after the hit must not count.
                            if let Some(next) = buf.get_mut(hole + 1) {
                                let kept = *next;
                                *next = 0xe9;
                                check(&buf);
                                buf[hole + 1] = kept;
                            }
                            buf[hole] = plain[hole % plain.len()];
                        }
                    }
                }
            }
        }
        let mut rng = Lcg(3);
        for _ in 0..20_000 {
            let high = rng.below(3) == 0;
            let buf: Vec<u8> = (0..rng.below(40))
                .map(|_| match rng.below(256) as u8 {
                    b if b >= 0x80 && !high => b - 0x60,
                    b => b,
                })
                .collect();
            let start = rng.below(buf.len() as u64 + 1) as usize;
            assert_eq!(
                find_special(&buf, start),
                naive(&buf, start),
                "{buf:?} {start}"
            );
        }
    }

    // -----------------------------------------------------------------------------------------
    // Arrays and objects

    #[test]
    fn arrays_and_objects() {
        let input =
            br#" { "a" : [ 1 , [ ] , { } , [2,[3]] ] , "b\u0021" : {"c":null} , "" : "" } "#;
        let mut src = SliceSource::new(input);
        src.begin_object().unwrap();
        let key = src.next_key().unwrap().unwrap();
        assert!(matches!(key, Cow::Borrowed("a")));
        src.begin_array().unwrap();
        assert!(src.next_element().unwrap());
        assert_eq!(src.number().unwrap(), Number::PosInt(1));
        assert!(src.next_element().unwrap());
        src.begin_array().unwrap();
        assert!(!src.next_element().unwrap());
        assert!(src.next_element().unwrap());
        src.begin_object().unwrap();
        assert_eq!(src.depth, 3);
        assert!(src.next_key().unwrap().is_none());
        assert_eq!(src.depth, 2);
        assert!(src.next_element().unwrap());
        src.skip().unwrap();
        assert!(!src.next_element().unwrap());
        let key = src.next_key().unwrap().unwrap();
        assert!(matches!(&key, Cow::Owned(k) if k == "b!"));
        src.skip().unwrap();
        assert_eq!(src.next_key().unwrap().as_deref(), Some(""));
        assert_eq!(src.str().unwrap(), "");
        assert!(src.next_key().unwrap().is_none());
        assert_eq!(src.depth, 0);
        src.end().unwrap();

        let value = read_all(input).unwrap();
        let expected: Value = serde_json::from_slice(input).unwrap();
        assert_eq!(value, expected);
    }

    #[test]
    fn skip_consumes_exactly_one_value() {
        let cases: &[(&str, usize)] = &[
            (" null,", 5),
            ("true]", 4),
            ("false ", 5),
            ("-1.5e3,", 6),
            ("\"a\\\"b\" ", 6),
            ("[] ,", 2),
            ("{} ,", 2),
            ("[1, [2, {\"a\": [true]}], \"x\"] , 5", 28),
            ("{\"a\": {\"b\": [{}, []]}, \"c\": \"]}\"} ]", 33),
        ];
        for &(text, end) in cases {
            let mut src = SliceSource::new(text.as_bytes());
            src.skip().unwrap();
            assert_eq!(src.offset(), end, "{text}");
            assert_eq!(src.depth, 0);
        }
        // Inside a container: the reader goes on after the skipped member.
        let mut src = SliceSource::new(br#"{"x": {"deep": [1, 2, {"y": "z"}]}, "n": 5}"#);
        src.begin_object().unwrap();
        assert_eq!(src.next_key().unwrap().as_deref(), Some("x"));
        src.skip().unwrap();
        assert_eq!(src.next_key().unwrap().as_deref(), Some("n"));
        assert_eq!(src.number().unwrap(), Number::PosInt(5));
        assert!(src.next_key().unwrap().is_none());
        src.end().unwrap();
    }

    // -----------------------------------------------------------------------------------------
    // Depth

    fn nested(depth: usize, open: &str, inner: &str, close: &str) -> String {
        format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
    }

    #[test]
    fn depth_limit_when_reading_and_skipping() {
        let limited = |input: &[u8], max: usize| {
            let mut src = SliceSource::new(input).with_max_depth(max);
            let read = walk(&mut src, input).and_then(|_| src.end());
            let mut src = SliceSource::new(input).with_max_depth(max);
            let skip = src.skip().and_then(|()| src.end());
            (read, skip)
        };
        for (open, close, width) in [("[", "]", 1), ("{\"k\":", "}", 5)] {
            // The default limit: 128 levels pass, the 129th fails at its bracket.
            let ok = nested(DEFAULT_MAX_DEPTH, open, "1", close);
            let (read, skip) = limited(ok.as_bytes(), DEFAULT_MAX_DEPTH);
            read.unwrap();
            skip.unwrap();
            let deep = nested(DEFAULT_MAX_DEPTH + 1, open, "1", close);
            let (read, skip) = limited(deep.as_bytes(), DEFAULT_MAX_DEPTH);
            let expected = (ErrorKind::DepthLimit(128), 128 * width);
            assert_eq!(err(read), expected);
            assert_eq!(err(skip), expected);
            // A small limit.
            let (read, skip) = limited(nested(3, open, "1", close).as_bytes(), 2);
            assert_eq!(err(read), (ErrorKind::DepthLimit(2), 2 * width));
            assert_eq!(err(skip), (ErrorKind::DepthLimit(2), 2 * width));
            // Zero: scalars only.
            let (read, skip) = limited(nested(1, open, "1", close).as_bytes(), 0);
            assert_eq!(err(read), (ErrorKind::DepthLimit(0), 0));
            assert_eq!(err(skip), (ErrorKind::DepthLimit(0), 0));
            let (read, skip) = limited(b"1", 0);
            read.unwrap();
            skip.unwrap();
        }
        // Closing brackets give their level back.
        let (read, skip) = limited(b"[[],[[]],{\"a\":[]},[{}]]", 3);
        read.unwrap();
        skip.unwrap();
        // skip counts the levels already open around it.
        let mut src = SliceSource::new(b"[[[[1]]]]").with_max_depth(3);
        src.begin_array().unwrap();
        assert!(src.next_element().unwrap());
        assert_eq!(err(src.skip()), (ErrorKind::DepthLimit(3), 3));
    }

    #[test]
    fn deep_input_never_overflows_the_stack() {
        let mb = 1 << 20;
        let arrays = "[".repeat(mb);
        let objects = "{\"a\":".repeat(mb / 5);
        for input in [arrays.as_bytes(), objects.as_bytes()] {
            let width = if input[0] == b'[' { 1 } else { 5 };
            let expected = (ErrorKind::DepthLimit(128), 128 * width);
            assert_eq!(err(read_all(input)), expected);
            assert_eq!(err(skip_all(input)), expected);
            // With the limit lifted, skip still walks the megabyte without recursion.
            let mut src = SliceSource::new(input).with_max_depth(usize::MAX);
            assert_eq!(err(src.skip()), (syntax(EOF), input.len()));
        }
    }

    #[test]
    fn skip_tracks_kinds_beyond_the_inline_levels() {
        let depth = 1000;
        let mut doc = String::new();
        for i in 0..depth {
            doc.push_str(if i % 3 == 0 { "{\"k\":" } else { "[0," });
        }
        doc.push_str("null");
        for i in (0..depth).rev() {
            doc.push(if i % 3 == 0 { '}' } else { ']' });
        }
        let mut src = SliceSource::new(doc.as_bytes()).with_max_depth(depth);
        src.skip().unwrap();
        src.end().unwrap();
        let mut src = SliceSource::new(doc.as_bytes()).with_max_depth(depth - 1);
        assert!(matches!(
            src.skip().unwrap_err().kind(),
            ErrorKind::DepthLimit(999)
        ));
        // A mismatched bracket deep inside is found.
        let closing = doc.rfind('}').unwrap();
        let mut bad = doc.clone().into_bytes();
        bad[closing] = b']';
        let mut src = SliceSource::new(&bad).with_max_depth(depth);
        assert_eq!(err(src.skip()), (syntax("expected `,` or `}`"), closing));
    }

    /// Any sequence of calls on any input returns, never panics.
    #[test]
    fn random_calls_never_panic() {
        let mut rng = Lcg(99);
        let mut doc = Vec::new();
        for _ in 0..3_000 {
            doc.clear();
            gen_value(&mut rng, &mut doc, 0);
            for _ in 0..rng.below(4) {
                mutate(&mut rng, &mut doc);
            }
            let mut src = SliceSource::new(&doc).with_max_depth(rng.below(6) as usize);
            for _ in 0..40 {
                let _ = match rng.below(11) {
                    0 => src.peek().map(drop),
                    1 => src.null(),
                    2 => src.bool().map(drop),
                    3 => src.number().map(drop),
                    4 => src.str().map(drop),
                    5 => src.begin_array(),
                    6 => src.next_element().map(drop),
                    7 => src.begin_object(),
                    8 => src.next_key().map(drop),
                    9 => src.skip(),
                    _ => src.end(),
                };
                assert!(src.offset() <= doc.len());
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Misc

    #[test]
    fn end_allows_only_whitespace() {
        let mut src = SliceSource::new(b"1 \t\r\n");
        src.number().unwrap();
        src.end().unwrap();
        let mut src = SliceSource::new(b"1 /");
        src.number().unwrap();
        assert_eq!(err(src.end()), (syntax("trailing characters"), 2));
    }

    #[test]
    fn debug_does_not_show_the_input() {
        let src = SliceSource::new(b"{\"password\": \"hunter2\"}");
        let shown = format!("{src:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("pos"), "{shown}");
    }

    // -----------------------------------------------------------------------------------------
    // Differential test against serde_json

    /// A small deterministic generator (Knuth's MMIX LCG, high bits).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len() as u64) as usize]
        }
    }

    fn gen_digits(rng: &mut Lcg, out: &mut Vec<u8>, count: u64) {
        for _ in 0..count {
            out.push(b'0' + rng.below(10) as u8);
        }
    }

    /// A valid JSON number of any shape: small and huge integers, the edges of 64 bits,
    /// fractions, exponents near the ends of the f64 range.
    fn gen_number(rng: &mut Lcg, out: &mut Vec<u8>) {
        if rng.below(2) == 0 {
            out.push(b'-');
        }
        match rng.below(6) {
            0 => out.push(b'0'),
            1 => out.extend_from_slice(rng.pick(&[
                &b"18446744073709551615"[..],
                b"18446744073709551616",
                b"9223372036854775807",
                b"9223372036854775808",
                b"9223372036854775809",
                b"9007199254740993",
            ])),
            n => {
                out.push(b'1' + rng.below(9) as u8);
                let len = match n {
                    2 => rng.below(3),
                    3 => 14 + rng.below(8),
                    4 => 20 + rng.below(30),
                    _ => rng.below(12),
                };
                gen_digits(rng, out, len);
            }
        }
        if rng.below(5) < 2 {
            out.push(b'.');
            let len = if rng.below(4) == 0 {
                15 + rng.below(30)
            } else {
                1 + rng.below(8)
            };
            gen_digits(rng, out, len);
        }
        if rng.below(10) < 3 {
            out.push(rng.pick(b"eE"));
            match rng.below(3) {
                0 => out.push(b'-'),
                1 => out.push(b'+'),
                _ => {}
            }
            let exponent = match rng.below(4) {
                0 => rng.below(23),
                1 => 280 + rng.below(50),
                2 => rng.below(400),
                _ => rng.below(10),
            };
            if rng.below(8) == 0 {
                out.push(b'0');
            }
            out.extend_from_slice(exponent.to_string().as_bytes());
        }
    }

    /// A valid JSON string (rarely, one with a lone surrogate escape, which is invalid).
    fn gen_string(rng: &mut Lcg, out: &mut Vec<u8>) {
        out.push(b'"');
        let len = if rng.below(6) == 0 {
            20 + rng.below(60)
        } else {
            rng.below(10)
        };
        for _ in 0..len {
            match rng.below(20) {
                0..=9 => out.push(rng.pick(b"abcxyzABZ019 _-.,:;!#$%&'()*+/<=>?@[]^`{|}~\x7f")),
                10 | 11 => {
                    out.push(b'\\');
                    out.push(rng.pick(b"\"\\/bfnrt"));
                }
                12 => {
                    let c = loop {
                        let c = rng.below(0x10000) as u32;
                        if !(0xD800..0xE000).contains(&c) {
                            break c;
                        }
                    };
                    let hex = if rng.below(2) == 0 {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\u{c:04X}")
                    };
                    out.extend_from_slice(hex.as_bytes());
                }
                13 => {
                    let c = 0x10000 + rng.below(0x100000) as u32;
                    let (high, low) = (0xD800 + ((c - 0x10000) >> 10), 0xDC00 + (c & 0x3FF));
                    out.extend_from_slice(format!("\\u{high:04x}\\u{low:04X}").as_bytes());
                }
                14..=18 => {
                    let s = rng.pick(&[
                        "\u{e9}",
                        "\u{4e2d}",
                        "\u{1F600}",
                        "\u{FFFF}",
                        "\u{80}",
                        "\u{10FFFF}",
                    ]);
                    out.extend_from_slice(s.as_bytes());
                }
                _ => {
                    if rng.below(40) == 0 {
                        out.extend_from_slice(rng.pick(&[
                            &b"\\ud800"[..],
                            b"\\udfff",
                            b"\\ud83d\\u0041",
                        ]));
                    } else {
                        out.extend_from_slice(b"\\u0000");
                    }
                }
            }
        }
        out.push(b'"');
    }

    fn gen_ws(rng: &mut Lcg, out: &mut Vec<u8>) {
        if rng.below(4) == 0 {
            for _ in 0..1 + rng.below(3) {
                out.push(rng.pick(b" \t\n\r"));
            }
        }
    }

    fn gen_value(rng: &mut Lcg, out: &mut Vec<u8>, depth: u32) {
        let kinds = if depth >= 6 { 6 } else { 9 };
        match rng.below(kinds) {
            0 => out.extend_from_slice(rng.pick(&[&b"null"[..], b"true", b"false"])),
            1 | 2 => gen_number(rng, out),
            3..=5 => gen_string(rng, out),
            6 | 7 => {
                let (open, close) = if rng.below(2) == 0 {
                    (b'[', b']')
                } else {
                    (b'{', b'}')
                };
                out.push(open);
                let count = rng.below(6);
                for i in 0..count {
                    if i > 0 {
                        out.push(b',');
                    }
                    gen_ws(rng, out);
                    if open == b'{' {
                        gen_string(rng, out);
                        gen_ws(rng, out);
                        out.push(b':');
                        gen_ws(rng, out);
                    }
                    gen_value(rng, out, depth + 1);
                    gen_ws(rng, out);
                }
                out.push(close);
            }
            _ => {
                // A wide flat object, like an API response.
                out.push(b'{');
                for i in 0..rng.below(12) {
                    if i > 0 {
                        out.push(b',');
                    }
                    out.extend_from_slice(format!("\"member{i}\":").as_bytes());
                    gen_value(rng, out, depth + 2);
                }
                out.push(b'}');
            }
        }
    }

    /// One random edit: a byte changed (to anything, or to a byte that matters in JSON), a
    /// truncation, an insertion, a deletion.
    fn mutate(rng: &mut Lcg, doc: &mut Vec<u8>) {
        const INTERESTING: &[u8] =
            b"\"\\[]{},:-+.eE019 \t\n\x00\x1f\x7f\x80\xbf\xc3\xe2\xed\xf0\xffutnfl/x";
        let at = rng.below(doc.len() as u64 + 1) as usize;
        match rng.below(5) {
            0 if at < doc.len() => doc[at] = rng.below(256) as u8,
            1 if at < doc.len() => doc[at] = rng.pick(INTERESTING),
            2 => doc.truncate(at),
            3 => doc.insert(at, rng.pick(INTERESTING)),
            _ if at < doc.len() => {
                doc.remove(at);
            }
            _ => doc.push(rng.pick(INTERESTING)),
        }
    }

    /// Values equal, numbers of the same variant, floats by bits — or, if serde_json was built
    /// without `float_roundtrip` (its float parsing then is not always correctly rounded), within
    /// a few units in the last place of ours (which `walk` checks is the correct one).
    fn same(ours: &Value, theirs: &Value, exact_floats: bool) -> bool {
        match (ours, theirs) {
            (Value::Number(a), Value::Number(b)) => match (a.is_f64(), b.is_f64()) {
                (true, true) => {
                    let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
                    let ulps = (a.to_bits() as i64).wrapping_sub(b.to_bits() as i64);
                    a.to_bits() == b.to_bits()
                        || (!exact_floats
                            && a.is_sign_negative() == b.is_sign_negative()
                            && ulps.abs() <= 8)
                }
                (false, false) => a.as_u64() == b.as_u64() && a.as_i64() == b.as_i64(),
                _ => false,
            },
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y, exact_floats))
            }
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, x)| b.get(k).is_some_and(|y| same(x, y, exact_floats)))
            }
            _ => ours == theirs,
        }
    }

    /// `scan_fraction_exponent` (the grammar check that lets timestamps skip computing a
    /// number) finds a decimal exactly where `parse_number` reads a float with a fraction or
    /// an exponent,
    /// ending at the same byte; what `parse_number` rejects it rejects too, but for numbers
    /// beyond the `f64` range, which the timestamp shortcut then rejects.
    #[test]
    fn scan_fraction_exponent_agrees_with_parse_number() {
        let mut rng = Lcg(0xdec);
        const EDITS: &[u8] = b"0123456789.eE+- x";
        for round in 0..40_000 {
            let mut text = Vec::new();
            gen_number(&mut rng, &mut text);
            if round % 2 == 1 {
                // A byte changed, dropped or added somewhere.
                let at = rng.below(text.len() as u64 + 1) as usize;
                match rng.below(3) {
                    0 if at < text.len() => text[at] = rng.pick(EDITS),
                    1 if at < text.len() => {
                        text.remove(at);
                    }
                    _ => text.insert(at, rng.pick(EDITS)),
                }
            }
            text.extend_from_slice(b",]");
            let shown = String::from_utf8_lossy(&text);
            let decimal = text
                .iter()
                .take_while(|&&b| !matches!(b, b',' | b' ' | b'x'))
                .any(|&b| matches!(b, b'.' | b'e' | b'E'));
            // Integers beyond 64 bits are not offered (the shortcut could not read them).
            let (scanned, beyond_64_bits) = match parse_integer(&text, 0) {
                Ok(Integer::More {
                    exact: true, at, ..
                }) => (scan_fraction_exponent(&text, at), false),
                Ok(Integer::More { exact: false, .. }) => (None, true),
                _ => (None, false),
            };
            match (scanned, parse_number(&text, 0)) {
                (Some(end), Ok((Number::Float(_), parsed))) => assert_eq!(end, parsed, "{shown}"),
                (Some(end), Err(e)) if e.to_string().contains("number out of range") => {
                    let read = &text[..end];
                    assert_eq!(
                        crate::time::Timestamp::from_short_epoch_decimal(read),
                        None,
                        "{shown}"
                    );
                }
                (Some(_), other) => panic!("{shown}: scanned, parse_number gives {other:?}"),
                (None, Ok((_, end))) => {
                    let read = &text[..end];
                    assert!(
                        beyond_64_bits || !read.iter().any(|&b| matches!(b, b'.' | b'e' | b'E')),
                        "{shown}: not scanned but read as a decimal"
                    );
                }
                (None, Err(_)) => {}
            }
            if !decimal {
                assert_eq!(scanned, None, "{shown}");
            }
        }
    }

    #[test]
    fn differential_against_serde_json() {
        // serde_json's default float parsing misrounds this one; with `float_roundtrip` it
        // doesn't.
        let probe = "0.1e-300";
        let exact_floats = serde_json::from_str::<f64>(probe).unwrap().to_bits()
            == probe.parse::<f64>().unwrap().to_bits();

        let mut rng = Lcg(0x5eed);
        let (mut cases, mut accepted) = (0, 0);
        let mut doc = Vec::new();
        for round in 0..10_000 {
            doc.clear();
            gen_ws(&mut rng, &mut doc);
            gen_value(&mut rng, &mut doc, 0);
            gen_ws(&mut rng, &mut doc);
            let mut input = doc.clone();
            for variant in 0..5 {
                if variant > 0 {
                    input.clone_from(&doc);
                    for _ in 0..1 + rng.below(3) * (round % 2) {
                        mutate(&mut rng, &mut input);
                    }
                }
                if round % 50 == 0 && variant == 4 {
                    // Plain noise from JSON's alphabet.
                    input = (0..rng.below(30))
                        .map(|_| rng.pick(b"[]{}\",:0-1e.tfnul \\"))
                        .collect();
                }
                cases += 1;
                let ours = read_all(&input);
                let theirs = serde_json::from_slice::<Value>(&input);
                let shown = String::from_utf8_lossy(&input);
                match (&ours, &theirs) {
                    (Ok(a), Ok(b)) => {
                        accepted += 1;
                        assert!(
                            same(a, b, exact_floats),
                            "{shown}\nours:   {a}\ntheirs: {b}"
                        );
                    }
                    (Err(_), Err(_)) => {}
                    (Ok(_), Err(e)) if e.to_string().contains("recursion limit") => {}
                    _ => panic!("{shown:?} ({input:?})\nours:   {ours:?}\ntheirs: {theirs:?}"),
                }
                // Skipping accepts exactly what reading accepts, with the same error.
                assert_eq!(skip_all(&input).err(), ours.err(), "skip {shown:?}");
            }
        }
        eprintln!("{cases} cases, {accepted} accepted, exact floats: {exact_floats}");
        assert_eq!(cases, 50_000);
        // Enough of both outcomes to mean something.
        assert!(
            accepted > 12_000 && accepted < 40_000,
            "accepted {accepted}"
        );
    }
}
