//! Layer 1, the codecs: bytes to typed values and back, for each wire format (JSON, XML, the
//! query form encoding, CBOR). They know shapes and the Smithy serialization rules of their
//! format, and nothing of HTTP, operations or clients.

pub mod cbor;
pub mod json;
pub(crate) mod number;
pub(crate) mod percent;
pub mod query;
pub mod xml;

#[cfg(test)]
mod tests {
    /// The layers point one way: no codec names the protocol layer.
    #[test]
    fn codecs_import_nothing_from_the_protocol_layer() {
        let sources = [
            ("cbor/mod.rs", include_str!("cbor/mod.rs")),
            ("cbor/read.rs", include_str!("cbor/read.rs")),
            ("cbor/value.rs", include_str!("cbor/value.rs")),
            ("cbor/write.rs", include_str!("cbor/write.rs")),
            ("json/mod.rs", include_str!("json/mod.rs")),
            ("json/read.rs", include_str!("json/read.rs")),
            ("json/source.rs", include_str!("json/source.rs")),
            ("json/tree.rs", include_str!("json/tree.rs")),
            ("json/write.rs", include_str!("json/write.rs")),
            ("xml/mod.rs", include_str!("xml/mod.rs")),
            ("xml/error.rs", include_str!("xml/error.rs")),
            ("xml/read.rs", include_str!("xml/read.rs")),
            ("xml/source.rs", include_str!("xml/source.rs")),
            ("xml/tree.rs", include_str!("xml/tree.rs")),
            ("xml/write.rs", include_str!("xml/write.rs")),
            ("query.rs", include_str!("query.rs")),
            ("number.rs", include_str!("number.rs")),
            ("percent.rs", include_str!("percent.rs")),
        ];
        for (file, text) in sources {
            for layer in ["protocol", "bindings", "operation", "sigv4", "rpcv2_cbor"] {
                assert!(
                    !text.contains(&format!("crate::{layer}")),
                    "codec/{file} names crate::{layer}"
                );
            }
        }
    }
}
