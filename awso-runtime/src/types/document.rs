//! Free-form data (the Smithy `document` type).

/// A number inside a [`Document`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer >= 0.
    PosInt(u64),
    /// An integer < 0.
    NegInt(i64),
    /// Any other number.
    Float(f64),
}

impl Number {
    /// The number as `f64` (possibly rounded).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(f) => f,
        }
    }
}

/// Free-form, JSON-like data, sent as-is in JSON and CBOR protocols.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Document {
    /// No value.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list.
    Array(Vec<Document>),
    /// A map with string keys, in input order.
    Object(Vec<(String, Document)>),
}

impl From<&serde_json::Value> for Document {
    fn from(v: &serde_json::Value) -> Self {
        use serde_json::Value as J;
        match v {
            J::Null => Document::Null,
            J::Bool(b) => Document::Bool(*b),
            J::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
                Number::PosInt(u)
            } else if let Some(i) = n.as_i64() {
                Number::NegInt(i)
            } else {
                Number::Float(n.as_f64().unwrap_or(f64::NAN))
            }),
            J::String(s) => Document::String(s.clone()),
            J::Array(a) => Document::Array(a.iter().map(Document::from).collect()),
            J::Object(o) => {
                Document::Object(o.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

impl From<serde_json::Value> for Document {
    fn from(v: serde_json::Value) -> Self {
        Document::from(&v)
    }
}

impl From<&Document> for serde_json::Value {
    fn from(d: &Document) -> Self {
        use serde_json::Value as J;
        match d {
            Document::Null => J::Null,
            Document::Bool(b) => J::Bool(*b),
            Document::Number(Number::PosInt(n)) => J::from(*n),
            Document::Number(Number::NegInt(n)) => J::from(*n),
            Document::Number(Number::Float(f)) => {
                serde_json::Number::from_f64(*f).map_or(J::Null, J::Number)
            }
            Document::String(s) => J::String(s.clone()),
            Document::Array(a) => J::Array(a.iter().map(J::from).collect()),
            Document::Object(o) => {
                J::Object(o.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

impl From<Document> for serde_json::Value {
    fn from(d: Document) -> Self {
        serde_json::Value::from(&d)
    }
}
