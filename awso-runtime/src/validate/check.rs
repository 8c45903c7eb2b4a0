//! The walk that checks a value's constraints, as derived `validate_into` calls it. Not API:
//! derived code reaches it through `__private`; users call
//! [`AwsShape::validate`](crate::AwsShape::validate).

use super::{Violation, Violations};
use std::fmt;
use std::sync::OnceLock;

/// Walks a value, collecting violations with their paths.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<Segment>,
    violations: Vec<Violation>,
}

#[derive(Debug)]
enum Segment {
    Root(&'static str),
    Member(&'static str),
    Index(usize),
    Key(String),
}

impl Validator {
    /// A validator for a value of the shape named `root`.
    pub fn new(root: &'static str) -> Self {
        Validator {
            path: vec![Segment::Root(root)],
            violations: Vec::new(),
        }
    }

    /// The violations found, if any.
    pub fn finish(self) -> Result<(), Violations> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(Violations(self.violations))
        }
    }

    fn path(&self) -> String {
        let mut out = String::new();
        for s in &self.path {
            match s {
                Segment::Root(name) => out.push_str(name),
                Segment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
                Segment::Key(k) => out.push_str(&format!("[\"{k}\"]")),
            }
        }
        out
    }

    /// Records a violation at the current path.
    pub fn violation(&mut self, message: impl Into<String>) {
        let path = self.path();
        self.violations.push(Violation {
            path,
            message: message.into(),
        });
    }

    /// Runs `f` inside member `name`.
    #[inline]
    pub fn member(&mut self, name: &'static str, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Member(name));
        f(self);
        self.path.pop();
    }

    /// Runs `f` inside list item `index`.
    #[inline]
    pub fn index(&mut self, index: usize, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Index(index));
        f(self);
        self.path.pop();
    }

    /// Runs `f` inside map entry `key`.
    #[inline]
    pub fn key(&mut self, key: &str, f: impl FnOnce(&mut Self)) {
        self.path.push(Segment::Key(key.to_owned()));
        f(self);
        self.path.pop();
    }

    /// A required member is absent.
    pub fn missing(&mut self, name: &'static str) {
        self.member(name, |v| v.violation("required member is missing"));
    }

    /// Checks a length constraint.
    pub fn length<T: Length + ?Sized>(&mut self, value: &T, min: Option<u64>, max: Option<u64>) {
        let n = value.length() as u64;
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            let what = T::UNIT;
            self.violation(format!("length {n} {what} is outside {}", bounds(min, max)));
        }
    }

    /// Checks a range constraint.
    pub fn range<T: Numeric + ?Sized>(&mut self, value: &T, min: Option<f64>, max: Option<f64>) {
        let n = value.as_f64();
        if n.is_nan() || min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            self.violation(format!("value is outside {}", bounds(min, max)));
        }
    }

    /// Checks a pattern constraint.
    pub fn pattern(&mut self, value: &str, pattern: &Pattern) {
        match pattern.regex() {
            Ok(re) if re.is_match(value) => {}
            Ok(_) => self.violation(format!(
                "value does not match the pattern {}",
                pattern.source
            )),
            Err(e) => self.violation(format!("the pattern {} is not valid: {e}", pattern.source)),
        }
    }
}

fn bounds<T: fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("[{a}, {b}]"),
        (Some(a), None) => format!("[{a}, ∞)"),
        (None, Some(b)) => format!("(-∞, {b}]"),
        (None, None) => "any".to_owned(),
    }
}

/// What `range` measures: the numeric types.
pub trait Numeric {
    /// The value as `f64` (exact for every value the AWS models bound).
    fn as_f64(&self) -> f64;
}

macro_rules! numeric {
    ($($t:ty),*) => {$(
        impl Numeric for $t {
            fn as_f64(&self) -> f64 {
                *self as f64
            }
        }
    )*};
}
numeric!(i8, i16, i32, i64, f32, f64);

/// What `length` measures.
pub trait Length {
    /// The unit, for messages.
    const UNIT: &'static str;
    /// The length.
    fn length(&self) -> usize;
}

impl Length for String {
    const UNIT: &'static str = "characters";
    fn length(&self) -> usize {
        self.chars().count()
    }
}

impl Length for crate::Blob {
    const UNIT: &'static str = "bytes";
    fn length(&self) -> usize {
        self.as_bytes().len()
    }
}

impl<T> Length for Vec<T> {
    const UNIT: &'static str = "items";
    fn length(&self) -> usize {
        self.len()
    }
}

impl<K, V, S> Length for std::collections::HashMap<K, V, S> {
    const UNIT: &'static str = "entries";
    fn length(&self) -> usize {
        self.len()
    }
}

impl<K, V> Length for std::collections::BTreeMap<K, V> {
    const UNIT: &'static str = "entries";
    fn length(&self) -> usize {
        self.len()
    }
}

/// A `pattern` constraint, compiled on first use.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Result<regex_lite::Regex, String>>,
}

impl Pattern {
    /// A pattern (regex-lite syntax).
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn regex(&self) -> Result<&regex_lite::Regex, &str> {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(self.source).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(String::as_str)
    }
}
