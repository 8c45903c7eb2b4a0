//! The Smithy simple types that are not Rust's own: [`Timestamp`](time::Timestamp) (with its
//! three wire formats), [`Blob`](blob::Blob) and [`Document`](document::Document), and the
//! body that streams, [`ByteStream`](byte_stream::ByteStream).

pub mod blob;
pub mod byte_stream;
pub mod document;
pub mod time;
