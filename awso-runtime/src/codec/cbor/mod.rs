//! CBOR: the body format of the rpcv2Cbor protocol (Smithy RPC v2 CBOR).
//!
//! Two paths with the same rules:
//! - direct: [`to_vec`] writes bytes and [`from_slice`] reads them, with no tree in between
//!   (reading is a pull parser over minicbor's `Decoder`, borrowing strings from the input);
//! - tree: [`AwsShape::to_cbor`] / [`AwsShape::of_cbor`] over [`Cbor`], a plain value enum
//!   of CBOR data items. The tree functions go through the direct path's bytes, so the rules
//!   are written once.
//!
//! Rules: structures are maps keyed by member name (`jsonName` does not apply), lists are
//! arrays, maps are maps with text keys, blobs are byte strings, timestamps are tag 1 over
//! epoch seconds (written as float64; read as any integer or float, tagged or not), `f32` is
//! written as float32 and `f64` as float64 (read from any width, half precision included).
//! On input: definite and indefinite lengths are both accepted; `null` (and `undefined`)
//! members are absent; unknown keys and `__type` are ignored; nulls in dense lists and maps are
//! dropped and kept in sparse ones; a union has exactly one member set; big integers (tags 2
//! and 3) and integers out of range of the member's type are errors.
//!
//! Parsing is safe: nesting deeper than [`CborOptions::max_depth`] (128) is an error, never a
//! stack overflow; declared lengths are checked against the remaining input before anything is
//! read or allocated (a 5-byte input claiming a 4 GiB byte string is an end-of-input error);
//! errors name the member path and the byte offset and never echo values.

mod read;
mod value;
mod write;

pub(crate) use read::CborDeserializer;
pub use value::Cbor;
pub(crate) use write::CborSerializer;

use crate::error::{Error, ErrorKind, Result};
use crate::AwsShape;

/// Options of the CBOR readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CborOptions {
    /// The deepest nesting of arrays, maps and tags accepted on input. Default 128.
    pub max_depth: usize,
    /// The largest input accepted, in bytes. Default 64 MiB.
    pub max_size: usize,
}

impl Default for CborOptions {
    fn default() -> Self {
        CborOptions {
            max_depth: read::DEFAULT_MAX_DEPTH,
            max_size: crate::limits::DEFAULT_MAX_SIZE,
        }
    }
}

/// The media type of rpcv2Cbor bodies.
pub const CONTENT_TYPE: &str = "application/cbor";

/// Serializes `value` to CBOR bytes.
pub fn to_vec<T: AwsShape>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    value.serialize(CborSerializer::new(&mut out));
    out
}

/// Parses CBOR bytes into a `T`.
pub fn from_slice<T: AwsShape>(input: &[u8]) -> Result<T> {
    from_slice_with(input, &CborOptions::default())
}

/// Parses CBOR bytes into a `T` with the given options.
pub fn from_slice_with<T: AwsShape>(input: &[u8], options: &CborOptions) -> Result<T> {
    if input.len() > options.max_size {
        return Err(Error::new(ErrorKind::SizeLimit(options.max_size)).in_shape(T::NAME));
    }
    let mut d = CborDeserializer::new(input).with_max_depth(options.max_depth);
    T::deserialize(&mut d)
        .and_then(|v| d.end().map(|()| v))
        .map_err(|e| e.in_shape(T::NAME))
}

/// Whether `value` is a structure whose shape has no members: an operation input that
/// rpcv2Cbor sends without a body.
pub fn has_no_members<T: AwsShape>(value: &T) -> bool {
    value.serialize(write::MembersProbe)
}

/// The tree form of `value` (what [`AwsShape::to_cbor`] returns).
pub fn to_cbor<T: AwsShape>(value: &T) -> Cbor {
    // The writer only writes well-formed CBOR, so this always parses.
    Cbor::from_slice(&to_vec(value)).unwrap_or(Cbor::Null)
}

/// Parses a `T` from the tree form (what [`AwsShape::of_cbor`] does). The tree is encoded and
/// read by the direct path, so byte offsets in errors refer to the tree's encoding.
pub fn of_cbor<T: AwsShape>(cbor: &Cbor) -> Result<T> {
    from_slice(&cbor.to_vec())
}

/// The error code of an rpcv2Cbor error body: its top-level `__type` text, normalised with
/// [`crate::error_code::normalize`]. `None` when the body is not a map or has no `__type`.
pub fn error_code_from_slice(body: &[u8]) -> Option<String> {
    let mut d = CborDeserializer::new(body);
    let code = d.type_member().ok()??;
    Some(crate::error_code::normalize(&code).to_owned())
}
