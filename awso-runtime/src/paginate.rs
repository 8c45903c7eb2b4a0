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

use crate::de::{Deserializer, EntryVisitor, ItemVisitor, MemberVisitor};
use crate::jmespath::Expression;
use crate::json::tree::{JsonValueSerializer, ValueSource};
use crate::json::JsonDeserializer;
use crate::operation::Operation;
use crate::shape::Shape;
use crate::{AwsShape, Error};
use serde_json::Value as J;
use std::cell::RefCell;
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
        let context = format!("paginator of {}", O::NAME);
        let input_members = p.input_token.iter().map(|n| ("input_token", n));
        for (field, name) in input_members.chain(p.limit_key.iter().map(|n| ("limit_key", n))) {
            check_member::<O::Input>(&context, field, name)?;
        }
        let output = (output_token.iter().map(|e| ("output_token", e)))
            .chain(more_results.iter().map(|e| ("more_results", e)))
            .chain(result_key.iter().map(|e| ("result_key", e)));
        for (field, e) in output {
            check_expression::<O::Output>(&context, field, e)?;
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

    /// Asks for pages of `size` items (the `limit_key` member, an integer or, in some models,
    /// a string such as API Gateway's `MaxResults`); an error if the paginator has no
    /// `limit_key` or the member takes neither.
    pub fn set_page_size(&mut self, size: i32) -> crate::Result<()> {
        let Some(key) = O::PAGINATION.limit_key.first() else {
            return Err(Error::invalid(format!(
                "paginator of {} has no limit_key: the page size is the service's",
                O::NAME
            )));
        };
        let J::Object(o) = &self.input else {
            return Ok(());
        };
        let previous = o.get(*key).cloned();
        let set = |input: &mut J, value: Option<J>| {
            if let J::Object(o) = input {
                match value {
                    Some(v) => o.insert((*key).to_owned(), v),
                    None => o.remove(*key),
                };
            }
        };
        for value in [J::from(size), J::String(size.to_string())] {
            set(&mut self.input, Some(value));
            if of_member_json::<O::Input>(&self.input).is_ok() {
                return Ok(());
            }
        }
        set(&mut self.input, previous);
        Err(Error::invalid(format!(
            "paginator of {}: limit_key `{key}` takes neither an integer nor a string",
            O::NAME
        )))
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

    /// The items of a page: the list of the first `result_key`, each item read as `T`. Like
    /// botocore's primary result key and the Smithy `paginated` trait's one `items` member:
    /// the other result keys (S3 ListObjectVersions' `DeleteMarkers` beside `Versions`) hold
    /// other shapes, read from the pages themselves. The item cap counts these items.
    pub fn items<T: AwsShape>(&self, output: &O::Output) -> crate::Result<Vec<T>> {
        self.items_json(&to_member_json(output))?
            .iter()
            .map(of_member_json)
            .collect()
    }

    fn items_json(&self, json: &J) -> crate::Result<Vec<J>> {
        let Some(e) = self.result_key.first() else {
            return Ok(Vec::new());
        };
        Ok(match e.search(json)? {
            J::Array(items) => items,
            J::Null => Vec::new(),
            other => vec![other],
        })
    }
}

fn check_member<T: AwsShape>(context: &str, field: &str, name: &str) -> crate::Result<()> {
    match T::SHAPE {
        Some(shape) if !shape.members.iter().any(|m| m.name == name) => {
            Err(not_a_member(context, field, name, shape, name))
        }
        _ => Ok(()),
    }
}

/// The message of a path naming a member a shape lacks, the same at compile time
/// ([`not_a_member_text`]) and at run time.
fn not_a_member(context: &str, field: &str, expression: &str, shape: &Shape, name: &str) -> Error {
    let names: Vec<&str> = shape.members.iter().map(|m| m.name).collect();
    let names = names.join(", ");
    Error::invalid(if expression == name {
        format!(
            "{context}: {field} `{name}` is not a member of {} (it has {names})",
            shape.name
        )
    } else {
        format!(
            "{context}: {field} `{expression}` names `{name}`, which {} has no member of (it has {names})",
            shape.name
        )
    })
}

/// Checks that every member path `expression` reads (see
/// [`Expression::member_paths`]) is in `T`'s shapes, all the way down: through structures
/// by member name, through lists to their items, through maps by any key. An error names
/// the declaration (`context`, `paginator of ListUsers`, and `field`, `result_key`), the
/// expression, the member and the shape that lacks it, with the members it has.
///
/// The shapes are walked by reading `T` from a reader that follows the path (the
/// derive's static descriptions only know each structure's own members).
pub fn check_expression<T: AwsShape>(
    context: &str,
    field: &str,
    expression: &Expression,
) -> crate::Result<()> {
    for path in expression.member_paths() {
        let outcome = RefCell::new(None);
        let mut probe = Probe {
            path: &path,
            outcome: &outcome,
        };
        // The read fails on purpose where the path ends; the outcome says why.
        let _ = T::deserialize(&mut probe);
        match outcome.into_inner() {
            Some(Some(Miss::Member(shape, name))) => {
                return Err(not_a_member(
                    context,
                    field,
                    expression.as_str(),
                    shape,
                    &name,
                ));
            }
            Some(Some(Miss::Scalar(kind, name))) => {
                return Err(Error::invalid(format!(
                    "{context}: {field} `{expression}` reads `{name}` from {kind}, which has no members"
                )));
            }
            // Found, or not decidable (a map whose keys the path cannot name).
            Some(None) | None => {}
        }
    }
    Ok(())
}

/// Why a member path is not in a shape.
enum Miss {
    /// The structure has no member of that name.
    Member(&'static Shape, String),
    /// The path goes on past a value that has no members (a string, a number...).
    Scalar(&'static str, String),
}

/// A reader positioned where `path` has led so far: it hands a structure only the member
/// the path names next, a list one item, a map one entry, and records whether the path
/// ends on a value (`Some(None)`) or names something that is not there.
struct Probe<'p> {
    path: &'p [&'p str],
    outcome: &'p RefCell<Option<Option<Miss>>>,
}

impl<'p> Probe<'p> {
    fn decide(&self, miss: Option<Miss>) {
        let mut outcome = self.outcome.borrow_mut();
        if outcome.is_none() {
            *outcome = Some(miss);
        }
    }

    /// The path reached a value without members: fine if it ends here.
    fn leaf(&mut self, kind: &'static str) -> crate::Result<()> {
        match self.path.first() {
            None => {
                self.decide(None);
                Ok(())
            }
            Some(name) => {
                self.decide(Some(Miss::Scalar(kind, (*name).to_owned())));
                Err(Probe::stop())
            }
        }
    }

    fn rest(&self) -> Probe<'p> {
        Probe {
            path: &self.path[1..],
            outcome: self.outcome,
        }
    }

    fn stop() -> Error {
        Error::invalid("the member path ends here")
    }
}

impl Deserializer for Probe<'_> {
    fn boolean(&mut self) -> crate::Result<bool> {
        self.leaf("a boolean").map(|()| false)
    }
    fn byte(&mut self) -> crate::Result<i8> {
        self.leaf("a number").map(|()| 0)
    }
    fn short(&mut self) -> crate::Result<i16> {
        self.leaf("a number").map(|()| 0)
    }
    fn integer(&mut self) -> crate::Result<i32> {
        self.leaf("a number").map(|()| 0)
    }
    fn long(&mut self) -> crate::Result<i64> {
        self.leaf("a number").map(|()| 0)
    }
    fn float(&mut self) -> crate::Result<f32> {
        self.leaf("a number").map(|()| 0.0)
    }
    fn double(&mut self) -> crate::Result<f64> {
        self.leaf("a number").map(|()| 0.0)
    }
    fn string(&mut self) -> crate::Result<String> {
        self.leaf("a string").map(|()| String::new())
    }
    fn enum_string<V, F: FnOnce(&str) -> crate::Result<V>>(&mut self, f: F) -> crate::Result<V> {
        self.leaf("a string")?;
        f("")
    }
    fn timestamp(&mut self) -> crate::Result<crate::Timestamp> {
        self.leaf("a timestamp")
            .map(|()| crate::Timestamp::default())
    }
    fn blob(&mut self) -> crate::Result<crate::Blob> {
        self.leaf("a blob").map(|()| crate::Blob::default())
    }
    fn document(&mut self) -> crate::Result<crate::Document> {
        // A document may hold anything: the rest of the path cannot be checked.
        self.decide(None);
        Ok(crate::Document::default())
    }
    fn null(&mut self) -> crate::Result<bool> {
        Ok(false)
    }
    fn skip(&mut self) -> crate::Result<()> {
        Ok(())
    }
    fn list<V: ItemVisitor>(&mut self, items: &mut V) -> crate::Result<()> {
        if self.path.is_empty() {
            self.decide(None);
            return Ok(());
        }
        // A path goes through a list to its items (`Reservations[].Instances`).
        items.item(&mut Probe {
            path: self.path,
            outcome: self.outcome,
        })
    }
    fn map<V: EntryVisitor>(&mut self, entries: &mut V) -> crate::Result<()> {
        match self.path.first() {
            None => {
                self.decide(None);
                Ok(())
            }
            Some(key) => entries.entry(&mut self.rest(), key),
        }
    }
    fn structure<V: MemberVisitor>(
        &mut self,
        shape: &'static Shape,
        members: &mut V,
    ) -> crate::Result<usize> {
        let Some(name) = self.path.first() else {
            self.decide(None);
            return Ok(0);
        };
        match shape.members.iter().position(|m| m.name == *name) {
            Some(index) => {
                members.member(&mut self.rest(), index)?;
                Ok(1)
            }
            None => {
                self.decide(Some(Miss::Member(shape, (*name).to_owned())));
                Err(Probe::stop())
            }
        }
    }
    fn error_message(&mut self) -> crate::Result<Option<String>> {
        Ok(None)
    }
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

/// What is wrong with a paginator's declaration that the compiler can see: a member its
/// input or output does not have (for output expressions, their leading member), said as
/// the run-time check says it: ``paginator of ListUsers: result_key `Userz[]` names `Userz`,
/// which ListUsersOutput has no member of (it has Users, IsTruncated, Marker)``.
/// [`paginator!`](crate::paginator!) makes it a compile error.
#[doc(hidden)]
pub const fn check_paginator<O: Paginated>() -> Option<ConstText> {
    let p = O::PAGINATION;
    let input = <O::Input as AwsShape>::SHAPE;
    let output = <O::Output as AwsShape>::SHAPE;
    let mut context = ConstText::new();
    context.push("paginator of ");
    context.push(O::NAME);
    let context = context.as_str();
    let mut i = 0;
    while i < p.input_token.len() {
        let name = p.input_token[i];
        if let Some(problem) = check_leading(context, "input_token", input, &[name]) {
            return Some(problem);
        }
        i += 1;
    }
    let checks: [(&str, Option<&'static Shape>, Paths); 4] = [
        ("limit_key", input, p.limit_key),
        ("output_token", output, p.output_token),
        ("more_results", output, p.more_results),
        ("result_key", output, p.result_key),
    ];
    let mut i = 0;
    while i < checks.len() {
        let (field, shape, paths) = checks[i];
        if let Some(problem) = check_leading(context, field, shape, paths) {
            return Some(problem);
        }
        i += 1;
    }
    None
}

/// The first expression of `paths` whose leading member `shape` does not have, said as the
/// run-time check says it; `field` names the declaration's field (`result_key`, `pathAll`).
#[doc(hidden)]
pub const fn check_leading(
    context: &str,
    field: &str,
    shape: Option<&'static Shape>,
    paths: &[&str],
) -> Option<ConstText> {
    let Some(shape) = shape else {
        return None;
    };
    let mut i = 0;
    while i < paths.len() {
        if let Some(m) = leading_member(paths[i]) {
            if !has_member(Some(shape), m) {
                return Some(not_a_member_text(context, field, paths[i], m, shape));
            }
        }
        i += 1;
    }
    None
}

const fn not_a_member_text(
    context: &str,
    field: &str,
    expression: &str,
    name: &str,
    shape: &Shape,
) -> ConstText {
    let mut m = ConstText::new();
    m.push(context);
    m.push(": ");
    m.push(field);
    m.push(" `");
    m.push(expression);
    if str_eq(expression, name) {
        m.push("` is not a member of ");
        m.push(shape.name);
    } else {
        m.push("` names `");
        m.push(name);
        m.push("`, which ");
        m.push(shape.name);
        m.push(" has no member of");
    }
    m.push(" (it has ");
    let mut i = 0;
    while i < shape.members.len() {
        if i > 0 {
            m.push(", ");
        }
        m.push(shape.members[i].name);
        i += 1;
    }
    m.push(")");
    m
}

/// Text built at compile time, where `format!` cannot run: what a compile-time check says.
#[doc(hidden)]
pub struct ConstText {
    bytes: [u8; 1024],
    len: usize,
}

impl ConstText {
    /// Empty.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> ConstText {
        ConstText {
            bytes: [0; 1024],
            len: 0,
        }
    }

    /// Appends `text` (as much as fits).
    pub const fn push(&mut self, text: &str) {
        let text = text.as_bytes();
        let mut i = 0;
        while i < text.len() && self.len < self.bytes.len() {
            self.bytes[self.len] = text[i];
            self.len += 1;
            i += 1;
        }
    }

    /// The text (cut at a character boundary if it did not fit).
    pub const fn as_str(&self) -> &str {
        let (text, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(s) => s,
            Err(e) => {
                let (valid, _) = text.split_at(e.valid_up_to());
                match core::str::from_utf8(valid) {
                    Ok(s) => s,
                    Err(_) => "",
                }
            }
        }
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
        // A member the input or output lacks fails compilation here, with what is wrong.
        const _: () = if let ::core::option::Option::Some(problem) =
            &$crate::paginate::check_paginator::<$operation>()
        {
            ::core::panic!("{}", problem.as_str())
        };
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
