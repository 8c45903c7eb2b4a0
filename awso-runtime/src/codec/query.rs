//! The awsQuery and ec2Query request bodies: a shape flattened into `(key, value)` form
//! parameters, sent as `application/x-www-form-urlencoded`.
//!
//! ```
//! use awso_runtime::query::{self, Query, QueryFlavor};
//!
//! let mut q = Query::new();
//! q.push("TopicArn", "arn:aws:sns:us-east-1:123456789012:my-topic");
//! q.push("Message", "hello world");
//! assert_eq!(
//!     q.to_body("Publish", "2010-03-31"),
//!     "Action=Publish&Version=2010-03-31\
//!      &TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Amy-topic&Message=hello+world"
//! );
//! # let _ = QueryFlavor::Ec2;
//! ```
//!
//! Shapes get their parameters from [`AwsShape::to_query`] (awsQuery) or
//! [`to_query_with`] (either flavour).
//!
//! # Keys
//!
//! A structure member's key is its name, dotted onto the key of the structure that holds it
//! (`Outer.Inner.Leaf`); the top-level structure adds nothing. The name is:
//!
//! | | awsQuery | ec2Query |
//! | --- | --- | --- |
//! | member | `xml_name`, else the member name | `query_name`, else `xml_name` with its first letter upper-cased, else the member name with its first letter upper-cased |
//! | flattened list member | `xml_name`, else `item_name`, else the member name | (as above) |
//! | list | `Name.member.N` (`Name.{item_name}.N`), 1-based; `Name.N` when `flattened` | always `Name.N`; `item_name` is ignored |
//! | empty list | `Name=` (sent, with an empty value; the member name, also for a flattened list keyed by its `item_name`) | not sent |
//! | map | `Name.entry.N.key`, `Name.entry.N.value` (`key_name`, `value_name`); `Name.N.key` when `flattened` | the same, with `key_name` and `value_name` upper-cased in their first letter |
//! | empty map | not sent | not sent |
//!
//! Lists and maps nested in lists and maps use the defaults (`member`, `entry`, `key`,
//! `value`, not flattened): names and `flattened` belong to the structure member.
//!
//! # Values
//!
//! Strings and enum values as they are; integers in decimal; booleans `true`/`false`; floats
//! in their shortest round-trip form, or `NaN`, `Infinity`, `-Infinity`; blobs as standard
//! base64; timestamps in the member's `timestamp_format`, `date-time` by default (also inside
//! the member's lists and maps); unions as a structure with their one member. Query protocols
//! have no documents and no nulls: a document is sent as its JSON text, and an absent item of a
//! sparse list or map as an empty value (so the other items keep their numbers).
//!
//! # Encoding
//!
//! [`Query::to_body`] percent-encodes keys and values as botocore does (Python's
//! `urlencode`): ASCII letters, digits and `-._~` stay as they are, a space becomes `+`, and
//! every other byte of the UTF-8 text becomes `%XX` with upper-case hex digits.
//!
//! # Where botocore differs
//!
//! The rules follow the Smithy protocol tests; botocore, whose bodies are otherwise the same
//! byte for byte, differs (and skips those cases) in three places:
//! - ec2Query upper-cases the first letter of every key; botocore only of `xml_name`s
//!   (`Ec2Lists`, `Ec2TimestampsInput`, `Ec2QueryEndpointTraitWithHostLabel`);
//! - a flattened awsQuery list with both an `xml_name` and an `item_name` is keyed by the
//!   `xml_name`; botocore uses the `item_name` (`QueryFlattenedListArgWithXmlName`);
//! - sub-second timestamps have millisecond precision (`.123Z`, `1422172800.123`); botocore
//!   writes microseconds in `date-time` (`.123000Z`) and drops the fraction of epoch seconds.
//!
//! Floats print as their shortest round-trip digits (`1e20`), botocore as Python does
//! (`1e+20`); both read back the same.

use crate::number::NumberText;
use crate::percent::{self, Escape};
use crate::ser::{Serializer, StructureSerializer};
use crate::shape::{Member, Shape};
use crate::time::TimestampFormat;
use crate::{AwsShape, Document, MapKey, Timestamp};
use std::fmt::{self, Write as _};

/// The two query protocols, which differ in how they name and flatten members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QueryFlavor {
    /// `aws.protocols#awsQuery` (SNS, SQS's query API, IAM, STS, CloudFormation, ...).
    #[default]
    AwsQuery,
    /// `aws.protocols#ec2Query` (EC2): every list flattened, keys upper-cased, empty lists
    /// left out.
    Ec2,
}

/// The form parameters of a query request, in order: what a shape turns into before it is
/// encoded as an `application/x-www-form-urlencoded` body.
///
/// Holds the parameters as written; [`to_body`](Query::to_body) and `Display` encode them.
///
/// ```
/// use awso_runtime::Query;
///
/// let mut q = Query::new();
/// q.push("Tags.member.1.Key", "team");
/// q.push("Tags.member.1.Value", "a/b c");
/// assert_eq!(q.get("Tags.member.1.Key"), Some("team"));
/// assert_eq!(q.to_string(), "Tags.member.1.Key=team&Tags.member.1.Value=a%2Fb+c");
/// for (key, value) in &q {
///     assert!(key.starts_with("Tags."));
///     let _ = value;
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Query {
    params: Vec<(String, String)>,
}

impl Query {
    /// No parameters.
    pub const fn new() -> Self {
        Query { params: Vec::new() }
    }

    /// No parameters, with room for `capacity` of them.
    pub fn with_capacity(capacity: usize) -> Self {
        Query {
            params: Vec::with_capacity(capacity),
        }
    }

    /// The parameters, in order.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The parameters, owned.
    pub fn into_params(self) -> Vec<(String, String)> {
        self.params
    }

    /// Appends one parameter (not encoded yet).
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.params.push((key.into(), value.into()));
    }

    /// The value of the first parameter named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.params.len()
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// The parameters as `(key, value)` pairs of `&str`, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.params.iter())
    }

    /// The request body: `Action=…&Version=…` followed by the parameters, all encoded.
    pub fn to_body(&self, action: &str, version: &str) -> String {
        let mut out = String::with_capacity(self.encoded_len_hint() + action.len() + 32);
        self.write_body(action, version, &mut out);
        out
    }

    /// Appends the request body (as [`to_body`](Query::to_body) returns it) to `out`.
    pub fn write_body(&self, action: &str, version: &str, out: &mut String) {
        out.push_str("Action=");
        encode(action, out);
        out.push_str("&Version=");
        encode(version, out);
        for (k, v) in &self.params {
            out.push('&');
            // Writing to a `String` cannot fail.
            let _ = write_param(k, v, out);
        }
    }

    /// A guess at the encoded length, for reserving.
    fn encoded_len_hint(&self) -> usize {
        self.params
            .iter()
            .map(|(k, v)| k.len() + v.len() + v.len() / 4 + 2)
            .sum()
    }
}

fn write_param<W: fmt::Write>(key: &str, value: &str, out: &mut W) -> fmt::Result {
    percent::encode_to(key, Escape::Form, out)?;
    out.write_char('=')?;
    percent::encode_to(value, Escape::Form, out)
}

/// The parameters encoded and joined with `&`, without `Action` and `Version`.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, v)) in self.params.iter().enumerate() {
            if i > 0 {
                f.write_char('&')?;
            }
            write_param(k, v, f)?;
        }
        Ok(())
    }
}

/// An iterator over the parameters of a [`Query`] as `(&str, &str)`.
#[derive(Debug, Clone)]
pub struct Iter<'a>(std::slice::Iter<'a, (String, String)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_str(), v.as_str()))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Query {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Query {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;
    fn into_iter(self) -> Self::IntoIter {
        self.params.into_iter()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Query {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut q = Query::new();
        q.extend(iter);
        q
    }
}

impl<K: Into<String>, V: Into<String>> Extend<(K, V)> for Query {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.params
            .extend(iter.into_iter().map(|(k, v)| (k.into(), v.into())));
    }
}

impl From<Query> for Vec<(String, String)> {
    fn from(q: Query) -> Self {
        q.params
    }
}

impl From<Vec<(String, String)>> for Query {
    fn from(params: Vec<(String, String)>) -> Self {
        Query { params }
    }
}

/// Appends `text` to `out` form-encoded as botocore encodes it: `-._~`, ASCII letters and
/// digits as they are, space as `+`, every other UTF-8 byte as `%XX` (upper-case hex).
///
/// ```
/// let mut out = String::new();
/// awso_runtime::query::encode("a b+c/d=e~f*é", &mut out);
/// assert_eq!(out, "a+b%2Bc%2Fd%3De~f%2A%C3%A9");
/// ```
pub fn encode(text: &str, out: &mut String) {
    percent::encode_into(text, Escape::Form, out);
}

/// The awsQuery parameters of `value` (what [`AwsShape::to_query`] returns).
pub fn to_query<T: AwsShape>(value: &T) -> Query {
    to_query_with(value, QueryFlavor::AwsQuery)
}

/// The parameters of `value` in the given flavour.
///
/// Meant for structures (operation inputs); a value of another kind at the top level has keys
/// that start without a name (`member.1`, or an empty key for a single value).
pub fn to_query_with<T: AwsShape>(value: &T, flavor: QueryFlavor) -> Query {
    let mut query = Query::new();
    let mut prefix = String::with_capacity(64);
    value.serialize(QuerySerializer::new(&mut query, &mut prefix, flavor));
    query
}

/// Writes one value as query parameters under a key prefix.
///
/// The prefix is a shared buffer: each nested name is appended to it and removed again when
/// its value is written, so building keys allocates nothing but the finished key.
#[derive(Debug)]
pub(crate) struct QuerySerializer<'a> {
    out: &'a mut Query,
    prefix: &'a mut String,
    flavor: QueryFlavor,
    /// The structure member this value belongs to: where lists and maps find their names.
    member: Option<&'static Member>,
    timestamp_format: Option<TimestampFormat>,
}

impl<'a> QuerySerializer<'a> {
    /// A writer appending to `out` the parameters of one value whose key is `prefix` (empty at
    /// the top level). `prefix` is the same when the value is written.
    pub fn new(out: &'a mut Query, prefix: &'a mut String, flavor: QueryFlavor) -> Self {
        QuerySerializer {
            out,
            prefix,
            flavor,
            member: None,
            timestamp_format: None,
        }
    }

    /// One parameter whose key is the current prefix.
    #[inline]
    fn leaf(self, value: String) {
        self.out.params.push((self.prefix.clone(), value));
    }

    /// A writer for an item of a list or map, whose key is the current prefix.
    #[inline]
    fn item(&mut self) -> QuerySerializer<'_> {
        QuerySerializer {
            out: self.out,
            prefix: self.prefix,
            flavor: self.flavor,
            member: self.member.and_then(|m| m.items),
            timestamp_format: self.timestamp_format,
        }
    }
}

/// Appends `.` (unless at the top level) to `prefix`.
#[inline]
fn dot(prefix: &mut String) {
    if !prefix.is_empty() {
        prefix.push('.');
    }
}

/// Appends `name` with its first letter upper-cased (the ec2Query rule).
fn push_capitalized(prefix: &mut String, name: &str) {
    let mut chars = name.chars();
    if let Some(first) = chars.next() {
        prefix.extend(first.to_uppercase());
        prefix.push_str(chars.as_str());
    }
}

/// Appends a map's key or value name (`key_name`, `value_name`), upper-cased in ec2Query as
/// botocore does for any `locationName`.
fn push_entry_name(prefix: &mut String, name: Option<&str>, default: &str, flavor: QueryFlavor) {
    match (name, flavor) {
        (Some(n), QueryFlavor::Ec2) => push_capitalized(prefix, n),
        (Some(n), QueryFlavor::AwsQuery) => prefix.push_str(n),
        (None, _) => prefix.push_str(default),
    }
}

/// Appends `.N` (1-based; `N` at the top level) to `prefix`.
#[inline]
fn push_index(prefix: &mut String, index: usize) {
    dot(prefix);
    (index + 1).with_text(|t| prefix.push_str(t));
}

impl<'a> Serializer for QuerySerializer<'a> {
    type Ok = ();
    type Structure = QueryStructure<'a>;

    fn boolean(self, v: bool) {
        self.leaf(if v { "true" } else { "false" }.to_owned());
    }
    fn byte(self, v: i8) {
        self.leaf(v.with_text(str::to_owned));
    }
    fn short(self, v: i16) {
        self.leaf(v.with_text(str::to_owned));
    }
    fn integer(self, v: i32) {
        self.leaf(v.with_text(str::to_owned));
    }
    fn long(self, v: i64) {
        self.leaf(v.with_text(str::to_owned));
    }
    fn float(self, v: f32) {
        self.leaf(v.with_text(str::to_owned));
    }
    fn double(self, v: f64) {
        self.leaf(v.with_text(str::to_owned));
    }
    fn string(self, v: &str) {
        self.leaf(v.to_owned());
    }
    fn timestamp(self, v: Timestamp) {
        let mut text = String::with_capacity(32);
        v.write(
            self.timestamp_format.unwrap_or(TimestampFormat::DateTime),
            &mut text,
        );
        self.leaf(text);
    }
    fn blob(self, v: &[u8]) {
        let mut bytes = Vec::with_capacity(v.len().div_ceil(3) * 4);
        crate::blob::encode_base64_into(v, &mut bytes);
        // Base64 is ASCII.
        self.leaf(String::from_utf8(bytes).unwrap_or_default());
    }
    fn document(self, v: &Document) {
        self.leaf(crate::json::to_string(v));
    }
    fn null(self) {
        self.leaf(String::new());
    }
    fn list<T: AwsShape>(mut self, items: &[T]) {
        let ec2 = self.flavor == QueryFlavor::Ec2;
        let member = self.member;
        if items.is_empty() {
            // awsQuery sends an empty list as `Name=`; ec2Query leaves it out.
            if !ec2 {
                // `Name` is the member's own name even where a flattened list's items take the
                // item name (botocore and the Smithy key rules: SimpleDB DeleteAttributes sends
                // `Attributes=`, not `Attribute=`).
                if let Some(m) = member.filter(|m| m.flattened && m.xml_name.is_none()) {
                    if let Some(stem) = m.item_name.and_then(|i| self.prefix.strip_suffix(i)) {
                        let stem = stem.len();
                        self.prefix.truncate(stem);
                        self.prefix.push_str(m.name);
                    }
                }
                self.leaf(String::new());
            }
            return;
        }
        let base = self.prefix.len();
        if !ec2 && !member.is_some_and(|m| m.flattened) {
            dot(self.prefix);
            self.prefix
                .push_str(member.and_then(|m| m.item_name).unwrap_or("member"));
        }
        let list_len = self.prefix.len();
        for (i, item) in items.iter().enumerate() {
            push_index(self.prefix, i);
            item.serialize(self.item());
            self.prefix.truncate(list_len);
        }
        self.prefix.truncate(base);
    }
    fn map<'m, K, V, I>(mut self, entries: I)
    where
        K: MapKey + 'm,
        V: AwsShape + 'm,
        I: ExactSizeIterator<Item = (&'m K, &'m V)>,
    {
        let base = self.prefix.len();
        let member = self.member;
        if !member.is_some_and(|m| m.flattened) {
            dot(self.prefix);
            self.prefix.push_str("entry");
        }
        let map_len = self.prefix.len();
        let flavor = self.flavor;
        for (i, (k, v)) in entries.enumerate() {
            push_index(self.prefix, i);
            self.prefix.push('.');
            let entry_len = self.prefix.len();
            push_entry_name(self.prefix, member.and_then(|m| m.key_name), "key", flavor);
            self.out
                .params
                .push((self.prefix.clone(), k.key().to_owned()));
            self.prefix.truncate(entry_len);
            push_entry_name(
                self.prefix,
                member.and_then(|m| m.value_name),
                "value",
                flavor,
            );
            v.serialize(self.item());
            self.prefix.truncate(map_len);
        }
        self.prefix.truncate(base);
    }
    fn structure(self, _shape: &'static Shape) -> QueryStructure<'a> {
        QueryStructure {
            out: self.out,
            prefix: self.prefix,
            flavor: self.flavor,
        }
    }
}

/// Writes the members of one structure or union as query parameters.
#[derive(Debug)]
pub(crate) struct QueryStructure<'a> {
    out: &'a mut Query,
    prefix: &'a mut String,
    flavor: QueryFlavor,
}

impl StructureSerializer for QueryStructure<'_> {
    type Ok = ();
    fn member<T: AwsShape>(&mut self, member: &'static Member, value: &T) {
        let base = self.prefix.len();
        dot(self.prefix);
        match self.flavor {
            QueryFlavor::AwsQuery => {
                // A flattened list's items are named after the member; models converted from
                // botocore's carry that name as the list member's name (`item_name`).
                let name = match (member.xml_name, member.item_name) {
                    (Some(n), _) => n,
                    (None, Some(item)) if member.flattened => item,
                    (None, _) => member.name,
                };
                self.prefix.push_str(name);
            }
            QueryFlavor::Ec2 => match member.query_name {
                Some(n) => self.prefix.push_str(n),
                None => push_capitalized(self.prefix, member.xml_name.unwrap_or(member.name)),
            },
        }
        value.serialize(QuerySerializer {
            out: self.out,
            prefix: self.prefix,
            flavor: self.flavor,
            member: Some(member),
            timestamp_format: member.timestamp_format,
        });
        self.prefix.truncate(base);
    }
    fn end(self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_body_and_display() {
        let mut q = Query::with_capacity(2);
        assert!(q.is_empty());
        q.push("A", "1 2");
        q.push(String::from("B.member.1"), String::from("x=y"));
        assert_eq!(q.len(), 2);
        assert_eq!(q.to_string(), "A=1+2&B.member.1=x%3Dy");
        assert_eq!(
            q.to_body("Op", "2020-01-08"),
            "Action=Op&Version=2020-01-08&A=1+2&B.member.1=x%3Dy"
        );
        assert_eq!(Query::new().to_body("Op", "v"), "Action=Op&Version=v");
        assert_eq!(Query::new().to_string(), "");
        let collected: Query = q.iter().collect();
        assert_eq!(collected, q);
        assert_eq!(q.iter().next_back(), Some(("B.member.1", "x=y")));
        assert_eq!(q.get("C"), None);
        let params: Vec<(String, String)> = q.clone().into();
        assert_eq!(Query::from(params), q);
    }

    #[test]
    fn top_level_non_structures_do_not_panic() {
        assert_eq!(to_query(&5i32).params(), &[(String::new(), "5".into())]);
        let v = vec![String::from("a")];
        assert_eq!(
            to_query(&v).params(),
            &[("member.1".to_owned(), "a".to_owned())]
        );
        assert_eq!(
            to_query_with(&v, QueryFlavor::Ec2).params(),
            &[("1".to_owned(), "a".to_owned())]
        );
        assert_eq!(to_query(&Vec::<String>::new()).len(), 1);
        let sparse = vec![Some(1.5f64), None, Some(f64::NEG_INFINITY)];
        assert_eq!(
            to_query(&sparse).to_string(),
            "member.1=1.5&member.2=&member.3=-Infinity"
        );
    }
}
