//! The Smithy simple types that are not Rust's own: [`Timestamp`](time::Timestamp) (with its
//! three wire formats), [`Blob`](blob::Blob) and [`Document`](document::Document).

pub mod blob;
pub mod document;
pub mod time;
