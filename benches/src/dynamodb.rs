//! DynamoDB (awsJson1_0): a `Query` output whose items are maps of `AttributeValue` unions
//! (strings, numbers, binary, sets, nested maps and lists, booleans, nulls).

use crate::Rng;
use base64::Engine as _;
use std::fmt::Write as _;

/// The shapes with `#[derive(AwsShape)]`.
pub mod awso_shapes {
    use awso::{AwsShape, Blob};
    use std::collections::HashMap;

    /// `QueryOutput`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct QueryOutput {
        items: Option<Vec<HashMap<String, AttributeValue>>>,
        count: Option<i32>,
        scanned_count: Option<i32>,
        last_evaluated_key: Option<HashMap<String, AttributeValue>>,
        consumed_capacity: Option<ConsumedCapacity>,
    }

    /// `ConsumedCapacity`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct ConsumedCapacity {
        table_name: Option<String>,
        capacity_units: Option<f64>,
    }

    /// `AttributeValue`, a union.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    pub enum AttributeValue {
        /// A string.
        S(String),
        /// A number, as its decimal text.
        N(String),
        /// Binary.
        B(Blob),
        /// A string set.
        #[aws(rename = "SS")]
        Ss(Vec<String>),
        /// A number set.
        #[aws(rename = "NS")]
        Ns(Vec<String>),
        /// A binary set.
        #[aws(rename = "BS")]
        Bs(Vec<Blob>),
        /// A map.
        M(HashMap<String, AttributeValue>),
        /// A list.
        L(Vec<AttributeValue>),
        /// Null.
        #[aws(rename = "NULL")]
        Null(bool),
        /// A boolean.
        #[aws(rename = "BOOL")]
        Bool(bool),
        /// A member this model does not know.
        #[aws(unknown)]
        Unknown,
    }

    impl QueryOutput {
        /// How many items were read.
        pub fn len(&self) -> usize {
            self.items.as_ref().map_or(0, Vec::len)
        }

        /// Whether no item was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The same shapes with serde's derives (an externally tagged enum is the union form).
pub mod serde_shapes {
    use serde::{Deserialize, Serialize};
    use std::collections::HashMap;

    /// `QueryOutput`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct QueryOutput {
        #[serde(skip_serializing_if = "Option::is_none")]
        items: Option<Vec<HashMap<String, AttributeValue>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        scanned_count: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        last_evaluated_key: Option<HashMap<String, AttributeValue>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        consumed_capacity: Option<ConsumedCapacity>,
    }

    /// `ConsumedCapacity`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct ConsumedCapacity {
        #[serde(skip_serializing_if = "Option::is_none")]
        table_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        capacity_units: Option<f64>,
    }

    /// `AttributeValue`, a union.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    pub enum AttributeValue {
        /// A string.
        S(String),
        /// A number, as its decimal text.
        N(String),
        /// Binary.
        B(#[serde(with = "crate::serde_with::base64_bytes")] Vec<u8>),
        /// A string set.
        #[serde(rename = "SS")]
        Ss(Vec<String>),
        /// A number set.
        #[serde(rename = "NS")]
        Ns(Vec<String>),
        /// A binary set (items kept as base64 text: serde has no per-item `with`).
        #[serde(rename = "BS")]
        Bs(Vec<String>),
        /// A map.
        M(HashMap<String, AttributeValue>),
        /// A list.
        L(Vec<AttributeValue>),
        /// Null.
        #[serde(rename = "NULL")]
        Null(bool),
        /// A boolean.
        #[serde(rename = "BOOL")]
        Bool(bool),
    }

    impl QueryOutput {
        /// How many items were read.
        pub fn len(&self) -> usize {
            self.items.as_ref().map_or(0, Vec::len)
        }

        /// Whether no item was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

fn s(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, r#""{name}":{{"S":"{value}"}}"#);
}

fn n(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, r#""{name}":{{"N":"{value}"}}"#);
}

fn item(rng: &mut Rng, i: usize, out: &mut String) {
    out.push('{');
    s(out, "pk", &format!("CUSTOMER#{:06}", i / 10));
    out.push(',');
    s(
        out,
        "sk",
        &format!(
            "ORDER#2024-{:02}-{:02}#{}",
            1 + i % 12,
            1 + i % 28,
            rng.hex(8)
        ),
    );
    out.push(',');
    n(
        out,
        "total",
        &format!("{}.{:02}", rng.below(2000), rng.below(100)),
    );
    out.push(',');
    n(out, "quantity", &rng.below(20).to_string());
    out.push(',');
    let status: &&str = rng.pick(&["PLACED", "SHIPPED", "DELIVERED", "RETURNED"]);
    s(out, "status", status);
    out.push(',');
    let _ = write!(
        out,
        r#""tags":{{"SS":["{}","{}","{}"]}}"#,
        rng.pick(&["gift", "express", "fragile"]),
        rng.pick(&["prime", "bulk"]),
        rng.pick(&["eu", "us", "apac"])
    );
    out.push(',');
    let _ = write!(
        out,
        r#""signature":{{"B":"{}"}}"#,
        base64::engine::general_purpose::STANDARD.encode(rng.bytes(32))
    );
    out.push(',');
    let _ = write!(
        out,
        r#""shipping":{{"M":{{"street":{{"S":"{} Main St"}},"city":{{"S":"{}"}},"zip":{{"N":"{:05}"}},"geo":{{"L":[{{"N":"{}.{:06}"}},{{"N":"-{}.{:06}"}}]}}}}}}"#,
        rng.below(9999),
        rng.pick(&["Seattle", "Dublin", "Tokyo", "Sao Paulo"]),
        rng.below(99999),
        rng.below(90),
        rng.below(1_000_000),
        rng.below(180),
        rng.below(1_000_000),
    );
    out.push(',');
    out.push_str(r#""lines":{"L":["#);
    for l in 0..3 {
        if l > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"M":{{"sku":{{"S":"SKU-{}"}},"price":{{"N":"{}.{:02}"}},"qty":{{"N":"{}"}},"gift":{{"BOOL":{}}}}}}}"#,
            rng.hex(6).to_uppercase(),
            rng.below(500),
            rng.below(100),
            1 + rng.below(5),
            rng.below(2) == 0
        );
    }
    out.push_str("]},");
    let _ = write!(out, r#""express":{{"BOOL":{}}}"#, rng.below(2) == 0);
    out.push(',');
    out.push_str(r#""cancelledAt":{"NULL":true}"#);
    out.push('}');
}

/// A `Query` response body with `n` items.
pub fn query_body(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0xdd_b0);
    let mut out = String::with_capacity(n * 800);
    out.push_str(r#"{"Count":"#);
    let _ = write!(out, r#"{n},"ScannedCount":{n},"Items":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        item(&mut rng, i, &mut out);
    }
    out.push_str(r#"],"LastEvaluatedKey":{"pk":{"S":"CUSTOMER#000099"},"sk":{"S":"ORDER#2024-12-28#ffffffff"}},"ConsumedCapacity":{"TableName":"Orders","CapacityUnits":128.5}}"#);
    out.into_bytes()
}
