//! The shapes the fuzz targets parse into: a representative, recursive set covering every
//! kind of member (unions, maps with string and enum keys, dense and sparse lists, the three
//! timestamp formats, blobs, string and int enums, documents, all number types), plus XML
//! naming (attributes, flattened lists and maps, renamed items, keys and values).

#![allow(dead_code)]

use awso::{AwsShape, Blob, Document, Timestamp};
use std::collections::{BTreeMap, HashMap};

/// A DynamoDB-like attribute value: a recursive union.
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub enum AttributeValue {
    S(String),
    N(String),
    B(Blob),
    #[aws(rename = "SS")]
    Ss(Vec<String>),
    #[aws(rename = "NS")]
    Ns(Vec<String>),
    #[aws(rename = "BS")]
    Bs(Vec<Blob>),
    M(HashMap<String, AttributeValue>),
    L(Vec<AttributeValue>),
    #[aws(rename = "NULL")]
    Null(bool),
    #[aws(rename = "BOOL")]
    Bool(bool),
    #[aws(unknown)]
    Unknown,
}

/// A string enum that keeps unknown values.
#[derive(AwsShape, Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[aws(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Active,
    Deleting,
    #[aws(rename = "in-progress")]
    InProgress,
    #[aws(unknown)]
    Unknown(String),
}

/// An int enum that keeps unknown values.
#[derive(AwsShape, Debug, Clone, Copy, PartialEq)]
pub enum Priority {
    #[aws(value = 1)]
    Low,
    #[aws(value = 10)]
    High,
    #[aws(unknown)]
    Unknown(i32),
}

/// A newtype with constraints.
#[derive(AwsShape, Debug, Clone, Copy, PartialEq)]
#[aws(range(min = 1, max = 60000))]
pub struct Port(pub i32);

/// A small structure used in lists.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Tag {
    pub key: String,
    pub value: Option<String>,
}

/// The root JSON shape: a DynamoDB-like item plus one member of every kind.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Record {
    pub item: Option<HashMap<String, AttributeValue>>,
    pub items: Option<Vec<HashMap<String, AttributeValue>>>,
    pub name: Option<String>,
    #[aws(json_name = "flag")]
    pub enabled: Option<bool>,
    pub byte: Option<i8>,
    pub short: Option<i16>,
    pub count: Option<i32>,
    pub total: Option<i64>,
    pub ratio: Option<f32>,
    pub consumed: Option<f64>,
    pub created: Option<Timestamp>,
    #[aws(timestamp_format = "date-time")]
    pub updated: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    pub expires: Option<Vec<Timestamp>>,
    pub data: Option<Blob>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub port: Option<Port>,
    pub tags: Option<Vec<Tag>>,
    pub sparse: Option<Vec<Option<String>>>,
    pub sparse_map: Option<HashMap<String, Option<i64>>>,
    pub by_status: Option<BTreeMap<Status, Vec<Timestamp>>>,
    pub doc: Option<Document>,
    pub next: Option<Box<Record>>,
    pub children: Option<Vec<Record>>,
    #[aws(default)]
    pub version: i64,
}

/// A required-member structure (missing members are errors).
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct Strict {
    pub id: String,
    pub value: AttributeValue,
    pub when: Timestamp,
}

/// An XML union.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "camelCase")]
pub enum XmlChoice {
    Text(String),
    Number(i32),
    Nested(Box<XmlRecord>),
    List(Vec<String>),
    #[aws(unknown)]
    Unknown,
}

/// An item of the XML lists, with an attribute.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct XmlItem {
    #[aws(xml_attribute, xml_name = "id")]
    pub id: Option<String>,
    #[aws(xml_attribute, xml_name = "xsi:type")]
    pub kind: Option<String>,
    pub name: Option<String>,
    pub size: Option<i64>,
    #[aws(flattened, xml_name = "tag")]
    pub tags: Option<Vec<String>>,
}

/// The root XML shape: flattened and wrapped lists and maps, attributes, recursion.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_name = "Record", xml_namespace(uri = "http://example.com/doc"))]
pub struct XmlRecord {
    #[aws(xml_attribute, xml_name = "version")]
    pub version: Option<String>,
    #[aws(xml_attribute)]
    pub count: Option<i32>,
    pub request_id: Option<String>,
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub byte: Option<i8>,
    pub short: Option<i16>,
    pub total: Option<i64>,
    pub ratio: Option<f32>,
    pub consumed: Option<f64>,
    pub created: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    pub updated: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    pub expires: Option<Timestamp>,
    pub data: Option<Blob>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub items: Option<Vec<XmlItem>>,
    #[aws(xml_name = "renamed", item_name = "item")]
    pub renamed: Option<Vec<String>>,
    #[aws(flattened, xml_name = "entry")]
    pub entries: Option<Vec<XmlItem>>,
    #[aws(flattened)]
    pub flat_numbers: Option<Vec<i32>>,
    pub sparse: Option<Vec<Option<String>>>,
    pub map: Option<HashMap<String, String>>,
    #[aws(key_name = "Attribute", value_name = "Setting")]
    pub settings: Option<BTreeMap<Status, XmlItem>>,
    #[aws(flattened, xml_name = "KVP", key_name = "K", value_name = "V")]
    pub kvp: Option<HashMap<String, Vec<Timestamp>>>,
    #[aws(
        xml_name = "ns:prefixed",
        xml_namespace(uri = "http://example.com/ns", prefix = "ns")
    )]
    pub prefixed: Option<String>,
    pub choice: Option<XmlChoice>,
    pub next: Option<Box<XmlRecord>>,
    #[aws(flattened, xml_name = "child")]
    pub children: Option<Vec<XmlRecord>>,
}

awso::service! {
    /// A restJson1 service whose one operation reads lists bound to headers.
    pub struct Headers {
        name: "Headers",
        protocol: awso::operation::Protocol::RestJson1,
        api_version: "2024-01-01",
        signing_name: "headers",
        endpoint_prefix: "headers",
    }
}

/// No input members.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct HeaderListsInput {}

/// Lists bound to headers: text items (quoted or not) and HTTP-date items (whose commas are
/// part of the date).
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct HeaderListsOutput {
    #[aws(header = "X-Strings")]
    pub strings: Option<Vec<String>>,
    #[aws(header = "X-Dates")]
    pub dates: Option<Vec<Timestamp>>,
    #[aws(header = "X-Numbers")]
    pub numbers: Option<Vec<i32>>,
}

/// The errors of `HeaderLists`.
#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum HeaderListsError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! {
    /// Reads header lists.
    pub struct HeaderLists: Headers(HeaderListsInput) -> HeaderListsOutput, HeaderListsError;
}
