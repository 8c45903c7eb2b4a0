//! Paginators, declared next to the operation with the fields of the models'
//! `paginators-1.json`, and the sans-IO state of a pagination (which input to send next, when
//! to stop) that both clients drive.
//!
//! ```ignore
//! awso::paginator! {
//!     ListObjectVersions {
//!         input_token: ["KeyMarker", "VersionIdMarker"],
//!         output_token: ["NextKeyMarker", "NextVersionIdMarker"],
//!         more_results: "IsTruncated",
//!         limit_key: "MaxKeys",
//!         result_key: ["Versions", "DeleteMarkers"],
//!     }
//! }
//! ```
//!
//! Tokens travel through the shapes' JSON form with member names as keys (what the paths of
//! the models name): an output token is read from the output's, written into the next
//! input's, and the input read back. So a token may be any value, such as DynamoDB's
//! `LastEvaluatedKey` map going back as `ExclusiveStartKey`.

use crate::jmespath::Expression;
use crate::json::tree::{JsonValueSerializer, ValueSource};
use crate::json::JsonDeserializer;
use crate::operation::Operation;
use crate::shape::Shape;
use crate::{AwsShape, Error};
use serde_json::Value as J;
use std::marker::PhantomData;

/// One or more member names or JMESPath expressions.
pub type Paths = &'static [&'static str];

/// The pagination of an operation, as `paginators-1.json` declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// The input members that carry the tokens (`ContinuationToken`; several for S3
    /// `ListObjectVersions`).
    pub input_token: Paths,
    /// The expressions on the output that give each input token its next value, in the same
    /// order (`NextContinuationToken`, `NextMarker || Contents[-1].Key`).
    pub output_token: Paths,
    /// An expression on the output that is false on the last page (IAM's `IsTruncated`);
    /// empty when the tokens alone say it.
    pub more_results: Paths,
    /// The input member that sets the page size (`MaxKeys`); empty for none.
    pub limit_key: Paths,
    /// The expressions on the output whose lists are the items (`Contents`).
    pub result_key: Paths,
}

impl Pagination {
    /// No fields; `paginator!` sets the ones declared.
    pub const DEFAULT: Pagination = Pagination {
        input_token: &[],
        output_token: &[],
        more_results: &[],
        limit_key: &[],
        result_key: &[],
    };
}

/// An operation with a paginator ([`paginator!`](crate::paginator!)).
pub trait Paginated: Operation {
    /// Its pagination.
    const PAGINATION: Pagination;
}

/// The JSON form of a shape with member names as keys (what the models' paths name).
pub fn to_member_json<T: AwsShape>(value: &T) -> J {
    value.serialize(JsonValueSerializer::new(false))
}

/// Reads a shape from its JSON form with member names as keys.
pub fn of_member_json<T: AwsShape>(json: &J) -> crate::Result<T> {
    let mut d = JsonDeserializer::new(ValueSource::new(json), false);
    T::deserialize(&mut d).map_err(|e| e.in_shape(T::NAME))
}

/// The state of one pagination: the next input, the tokens seen, whether it is over.
#[derive(Debug)]
pub struct PageState<O: Paginated> {
    input: J,
    output_token: Vec<Expression>,
    more_results: Option<Expression>,
    result_key: Vec<Expression>,
    seen: Vec<J>,
    done: bool,
    max_items: Option<usize>,
    items: usize,
    _operation: PhantomData<fn() -> O>,
}

impl<O: Paginated> PageState<O> {
    /// Starts at `input` (its tokens as given: set them to resume a pagination). An error
    /// when the declaration names members the input or output does not have, or an
    /// expression outside the JMESPath subset.
    pub fn new(input: &O::Input) -> crate::Result<Self> {
        let p = O::PAGINATION;
        let parse = |what: &str, e: &str| {
            Expression::parse(e)
                .map_err(|err| Error::invalid(format!("paginator of {}: {what}: {err}", O::NAME)))
        };
        let output_token = p
            .output_token
            .iter()
            .map(|e| parse("output_token", e))
            .collect::<Result<Vec<_>, _>>()?;
        let more_results = p
            .more_results
            .first()
            .map(|e| parse("more_results", e))
            .transpose()?;
        let result_key = p
            .result_key
            .iter()
            .map(|e| parse("result_key", e))
            .collect::<Result<Vec<_>, _>>()?;
        if output_token.len() != p.input_token.len() || output_token.is_empty() {
            return Err(Error::invalid(format!(
                "paginator of {}: {} input tokens and {} output tokens (one of each, in the same order)",
                O::NAME,
                p.input_token.len(),
                output_token.len()
            )));
        }
        let input_members = p.input_token.iter().chain(p.limit_key);
        for name in input_members {
            check_member::<O::Input>(O::NAME, name, name)?;
        }
        for e in output_token.iter().chain(&more_results).chain(&result_key) {
            for root in e.root_members() {
                check_member::<O::Output>(O::NAME, root, e.as_str())?;
            }
        }
        Ok(PageState {
            input: to_member_json(input),
            output_token,
            more_results,
            result_key,
            seen: Vec::new(),
            done: false,
            max_items: None,
            items: 0,
            _operation: PhantomData,
        })
    }

    /// Asks for pages of `size` items (the `limit_key` member); an error if the paginator
    /// has no `limit_key`.
    pub fn set_page_size(&mut self, size: i32) -> crate::Result<()> {
        let Some(key) = O::PAGINATION.limit_key.first() else {
            return Err(Error::invalid(format!(
                "paginator of {} has no limit_key: the page size is the service's",
                O::NAME
            )));
        };
        if let J::Object(o) = &mut self.input {
            o.insert((*key).to_owned(), J::from(size));
        }
        Ok(())
    }

    /// Stops once `max` items have come (the pages already fetched may hold more).
    pub fn set_max_items(&mut self, max: usize) {
        self.max_items = Some(max);
    }

    /// The cap on items, if any.
    pub fn max_items(&self) -> Option<usize> {
        self.max_items
    }

    /// Whether the last page has come.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The input of the next page, or `None` after the last page.
    pub fn next_input(&self) -> Option<crate::Result<O::Input>> {
        (!self.done).then(|| of_member_json(&self.input))
    }

    /// Takes in a page: the tokens for the next input, or the end. An error (and the end)
    /// when the service sends tokens it has already sent, which would page forever.
    pub fn page(&mut self, output: &O::Output) -> crate::Result<()> {
        let json = to_member_json(output);
        self.items += self.items_json(&json)?.len();
        let tokens = self
            .output_token
            .iter()
            .map(|e| e.search(&json))
            .collect::<crate::Result<Vec<_>>>()?;
        let more = match &self.more_results {
            Some(e) => crate::jmespath::is_truthy(&e.search(&json)?),
            None => true,
        };
        let empty = |t: &J| t.is_null() || t.as_str() == Some("");
        if !more || tokens.iter().all(empty) || self.max_items.is_some_and(|max| self.items >= max)
        {
            self.done = true;
            return Ok(());
        }
        let key = J::Array(tokens.clone());
        if self.seen.contains(&key) {
            self.done = true;
            return Err(Error::invalid(format!(
                "{} returned the same pagination token twice ({key}); stopping instead of paging forever",
                O::NAME
            )));
        }
        self.seen.push(key);
        if let J::Object(input) = &mut self.input {
            for (name, token) in O::PAGINATION.input_token.iter().zip(tokens) {
                if token.is_null() {
                    input.remove(*name);
                } else {
                    input.insert((*name).to_owned(), token);
                }
            }
        }
        Ok(())
    }

    /// The items of a page: the lists of every `result_key`, one after the other, each item
    /// read as `T`.
    pub fn items<T: AwsShape>(&self, output: &O::Output) -> crate::Result<Vec<T>> {
        self.items_json(&to_member_json(output))?
            .iter()
            .map(of_member_json)
            .collect()
    }

    fn items_json(&self, json: &J) -> crate::Result<Vec<J>> {
        let mut out = Vec::new();
        for e in &self.result_key {
            match e.search(json)? {
                J::Array(items) => out.extend(items),
                J::Null => {}
                other => out.push(other),
            }
        }
        Ok(out)
    }
}

fn check_member<T: AwsShape>(operation: &str, name: &str, expression: &str) -> crate::Result<()> {
    let Some(shape) = T::SHAPE else {
        return Ok(());
    };
    if shape.members.iter().any(|m| m.name == name) {
        return Ok(());
    }
    let names: Vec<&str> = shape.members.iter().map(|m| m.name).collect();
    Err(Error::invalid(format!(
        "{operation}: `{expression}` names `{name}`, which {} has no member of (it has {})",
        shape.name,
        names.join(", ")
    )))
}

/// Whether `shape` has a member named `name` (true when the shape is not described). For
/// the compile-time checks of [`paginator!`](crate::paginator!) and `waiter!`.
#[doc(hidden)]
pub const fn has_member(shape: Option<&'static Shape>, name: &str) -> bool {
    let Some(shape) = shape else {
        return true;
    };
    let mut i = 0;
    while i < shape.members.len() {
        if str_eq(shape.members[i].name, name) {
            return true;
        }
        i += 1;
    }
    false
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The member an expression starts with (`Table` of `Table.TableStatus`), or the whole
/// expression when it does not start with one (`length(...)`, a literal): those are checked
/// at first use.
#[doc(hidden)]
pub const fn leading_member(expression: &str) -> Option<&str> {
    let b = expression.as_bytes();
    let mut i = 0;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    if i == 0 || b[0].is_ascii_digit() {
        return None;
    }
    let mut j = i;
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    if j < b.len() && b[j] == b'(' {
        return None;
    }
    let (head, _) = b.split_at(i);
    match core::str::from_utf8(head) {
        Ok(s) => Some(s),
        Err(_) => None,
    }
}

/// Fails compilation when a paginator names a member its input or output does not have
/// (the leading member of each output expression).
#[doc(hidden)]
pub const fn check_paginator<O: Paginated>() {
    let p = O::PAGINATION;
    let input = <O::Input as AwsShape>::SHAPE;
    let output = <O::Output as AwsShape>::SHAPE;
    let mut i = 0;
    while i < p.input_token.len() {
        if !has_member(input, p.input_token[i]) {
            panic!("{}", p.input_token[i]);
        }
        i += 1;
    }
    if let [limit] = p.limit_key {
        if !has_member(input, limit) {
            panic!("{}", *limit);
        }
    }
    check_leading(output, p.output_token);
    check_leading(output, p.more_results);
    check_leading(output, p.result_key);
}

/// Fails compilation when an expression's leading member is not one of `shape`'s.
#[doc(hidden)]
pub const fn check_leading(shape: Option<&'static Shape>, paths: Paths) {
    let mut i = 0;
    while i < paths.len() {
        if let Some(m) = leading_member(paths[i]) {
            if !has_member(shape, m) {
                panic!("{}", paths[i]);
            }
        }
        i += 1;
    }
}

/// Declares the paginator of an operation declared with [`operation!`](crate::operation!),
/// with the fields of `paginators-1.json`: `input_token`, `output_token`, and optionally
/// `more_results`, `limit_key`, `result_key`. Each is a string or a list of strings; member
/// names on the input side, JMESPath expressions on the output side.
///
/// A member the input or output does not have is a compile error (for output expressions,
/// their leading member; the rest is checked when a pagination starts).
#[macro_export]
macro_rules! paginator {
    ($operation:ident { $($field:ident : $value:tt),* $(,)? }) => {
        impl $crate::paginate::Paginated for $operation {
            // Every field may be given, and then the update names nothing.
            #[allow(clippy::needless_update)]
            const PAGINATION: $crate::paginate::Pagination = $crate::paginate::Pagination {
                $($field: $crate::__paths!($value),)*
                ..$crate::paginate::Pagination::DEFAULT
            };
        }
        const _: () = $crate::paginate::check_paginator::<$operation>();
    };
}

/// `"a"` or `["a", "b"]` → `&["a", "b"]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __paths {
    ([$($path:literal),* $(,)?]) => {
        &[$($path),*]
    };
    ($path:literal) => {
        &[$path]
    };
}
