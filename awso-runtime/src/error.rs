//! The one error type of awso: what went wrong, where in the shape, and where in the input.

use std::fmt;

/// A step of the path from the root shape to the value an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// A structure member, by its member name (`Port`).
    Member(&'static str),
    /// A list element, zero-based (`[3]`).
    Index(usize),
    /// A map entry, by key (`["color"]`).
    Key(String),
}

/// Where in the input an error was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A byte offset into the input.
    Offset(usize),
    /// A one-based line and column (columns count bytes).
    LineColumn {
        /// One-based line number.
        line: usize,
        /// One-based column, in bytes.
        column: usize,
    },
}

/// What kind of error this is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed in its format (bad JSON, bad XML, bad CBOR).
    Syntax(String),
    /// A value of the wrong kind: `expected` names what the shape needs, `found` what was there.
    Type {
        /// What the shape needs, e.g. `"integer (i32)"`.
        expected: &'static str,
        /// What the input held, e.g. `"string"`.
        found: &'static str,
    },
    /// A value of the right kind that is not valid for the shape (out of range, bad base64,
    /// bad timestamp, ...).
    Invalid(String),
    /// A required member is absent.
    MissingMember(&'static str),
    /// Nesting deeper than the configured limit.
    DepthLimit(usize),
    /// Input larger than the configured limit.
    SizeLimit(usize),
    /// Sending or receiving failed (connection refused or reset, timeout, TLS): `kind` says
    /// which, so a client can tell transient failures from permanent ones.
    Io {
        /// The I/O error kind (`ConnectionRefused`, `TimedOut`, ...).
        kind: std::io::ErrorKind,
        /// What failed, in words.
        message: String,
    },
    /// Anything else, described in words.
    Message(String),
}

/// An error from parsing or checking a value, with the member path that leads to it.
///
/// `Display` reads `PlayerSession.Port: expected integer (i32), found string at line 1 column 40`.
/// Values are never echoed, so members marked `#[aws(sensitive)]` cannot leak through errors.
#[derive(Clone, PartialEq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq)]
struct Inner {
    kind: ErrorKind,
    /// Innermost segment first: segments are pushed while the error unwinds.
    path: Vec<PathSegment>,
    shape: Option<&'static str>,
    location: Option<Location>,
}

impl Error {
    /// An error of the given kind, with no path or location yet.
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                path: Vec::new(),
                shape: None,
                location: None,
            }),
        }
    }

    /// A syntax error at a byte offset.
    pub fn syntax(message: impl Into<String>, offset: usize) -> Self {
        Error::new(ErrorKind::Syntax(message.into())).at_offset(offset)
    }

    /// A wrong-kind error: the shape needs `expected`, the input holds `found`.
    pub fn expected(expected: &'static str, found: &'static str) -> Self {
        Error::new(ErrorKind::Type { expected, found })
    }

    /// A value that is well-formed but invalid for the shape.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Invalid(message.into()))
    }

    /// A required member that is absent.
    pub fn missing_member(member: &'static str) -> Self {
        Error::new(ErrorKind::MissingMember(member))
    }

    /// A free-form error.
    pub fn message(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Message(message.into()))
    }

    /// A failed send or receive (see [`ErrorKind::Io`]); `context` says what was being done.
    pub fn io(context: &str, error: &std::io::Error) -> Self {
        Error::new(ErrorKind::Io {
            kind: error.kind(),
            message: format!("{context}: {error}"),
        })
    }

    /// Sets the byte offset, unless a location is already known.
    pub fn at_offset(mut self, offset: usize) -> Self {
        if self.inner.location.is_none() {
            self.inner.location = Some(Location::Offset(offset));
        }
        self
    }

    /// Turns a byte offset into a line and column, using the input it points into.
    pub fn with_input(mut self, input: &[u8]) -> Self {
        if let Some(Location::Offset(offset)) = self.inner.location {
            let before = &input[..offset.min(input.len())];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = offset
                - before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            self.inner.location = Some(Location::LineColumn { line, column });
        }
        self
    }

    /// Prepends a segment to the path (called while the error unwinds out of a member).
    pub fn in_member(mut self, member: &'static str) -> Self {
        self.inner.path.push(PathSegment::Member(member));
        self
    }

    /// Prepends a list index to the path.
    pub fn in_index(mut self, index: usize) -> Self {
        self.inner.path.push(PathSegment::Index(index));
        self
    }

    /// Prepends a map key to the path.
    pub fn in_key(mut self, key: &str) -> Self {
        self.inner.path.push(PathSegment::Key(key.to_owned()));
        self
    }

    /// Names the root shape the path starts from, unless one is already named.
    pub fn in_shape(mut self, shape: &'static str) -> Self {
        if self.inner.shape.is_none() {
            self.inner.shape = Some(shape);
        }
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The member path, outermost first.
    pub fn path(&self) -> impl Iterator<Item = &PathSegment> {
        self.inner.path.iter().rev()
    }

    /// The path as text: `PlayerSession.Port`, `Reservations[3].Instances[0]`, `Tags["k"]`.
    pub fn path_string(&self) -> String {
        let mut out = String::new();
        for segment in self.path() {
            match segment {
                PathSegment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                PathSegment::Index(i) => {
                    out.push('[');
                    out.push_str(itoa::Buffer::new().format(*i));
                    out.push(']');
                }
                PathSegment::Key(k) => {
                    out.push_str("[\"");
                    out.push_str(k);
                    out.push_str("\"]");
                }
            }
        }
        out
    }

    /// The root shape the path starts from, if known.
    pub fn shape(&self) -> Option<&'static str> {
        self.inner.shape
    }

    /// Where in the input the error was found, if known.
    pub fn location(&self) -> Option<Location> {
        self.inner.location
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax(m) => write!(f, "syntax error: {m}"),
            ErrorKind::Type { expected, found } => write!(f, "expected {expected}, found {found}"),
            ErrorKind::Invalid(m) | ErrorKind::Message(m) => f.write_str(m),
            ErrorKind::Io { message, .. } => f.write_str(message),
            ErrorKind::MissingMember(m) => write!(f, "missing required member {m}"),
            ErrorKind::DepthLimit(n) => write!(f, "nesting deeper than the limit of {n}"),
            ErrorKind::SizeLimit(n) => write!(f, "input larger than the limit of {n} bytes"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path_string();
        match (self.inner.shape, path.is_empty()) {
            (Some(shape), true) => write!(f, "{shape}: ")?,
            (Some(shape), false) if path.starts_with('[') => write!(f, "{shape}{path}: ")?,
            (Some(shape), false) => write!(f, "{shape}.{path}: ")?,
            (None, false) => write!(f, "{path}: ")?,
            (None, true) => {}
        }
        write!(f, "{}", self.inner.kind)?;
        match self.inner.location {
            Some(Location::Offset(o)) => write!(f, " at byte {o}"),
            Some(Location::LineColumn { line, column }) => {
                write!(f, " at line {line} column {column}")
            }
            None => Ok(()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "awso::Error({self})")
    }
}

impl std::error::Error for Error {}

/// The result type of awso's fallible functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;
