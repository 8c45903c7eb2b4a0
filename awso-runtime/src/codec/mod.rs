//! Layer 1, the codecs: bytes to typed values and back, for each wire format (JSON, XML, the
//! query form encoding, CBOR). They know shapes and the Smithy serialization rules of their
//! format, and nothing of HTTP, operations or clients.

pub mod cbor;
pub mod json;
pub(crate) mod number;
pub(crate) mod percent;
pub mod query;
pub mod xml;
