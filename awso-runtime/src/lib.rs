//! The runtime of [awso](https://docs.rs/awso): the value tree, the wire formats and the AWS
//! protocol rules that `#[derive(AwsShape)]` relies on. Sans-IO: no sockets, no TLS, no clock
//! but the one a caller passes (the client layer is the `awso-client` crate).
//!
//! Users depend on the `awso` facade crate, which re-exports everything here together with the
//! derive macros and the client. The crate has two layers, dependencies pointing one way:
//!
//! 1. **codecs** ([`codec`]: [`json`], [`xml`], [`cbor`], and [`query`] for the form
//!    encoding), with the shared types ([`types`]: [`Timestamp`], [`Blob`], [`Document`],
//!    and the streaming body [`ByteStream`]),
//!    the value tree ([`Value`]), constraint checking ([`validate`]) and the reader limits
//!    ([`limits`]). They know shapes and their format's rules, nothing of HTTP.
//! 2. **protocols** ([`protocol`], sans-IO): one module per AWS protocol (awsJson,
//!    the REST protocols with their HTTP bindings, awsQuery and ec2Query, [`protocol::rpcv2_cbor`]),
//!    one dispatch point in [`operation`](mod@operation) (services and operations,
//!    `service!` and `operation!`, [`operation::Operation::request`] and
//!    [`operation::Operation::response`], the one [`operation::OperationError`]),
//!    [`checksum`] (flexible checksums), [`sigv4`] (signing and presigning) and
//!    [`aws_chunked`] (the signed chunks of streamed S3 uploads).
//!
//! Beside them, the declarations that sit on top of operations: [`paginate`] and [`waiter`](mod@waiter)
//! (`paginator!`, `waiter!`) with the [`jmespath`] subset their paths use.
//!
//! The public API, all of it meant to stay:
//! - the traits at the root: [`AwsShape`] (every derived type: `to_json`, `of_xml`, `validate`,
//!   …), [`AwsError`] (errors enums), [`AwsErrorShape`] (error structures), with
//!   [`ErrorInfo`] and [`Fault`];
//! - the codec entry points: [`json`], [`xml`] (with [`Xml`], the XML tree), [`cbor`] (with
//!   [`cbor::Cbor`]), [`query`] (with [`Query`]), each `to_*` / `from_*` plus its options; the
//!   value tree [`Value`]; [`error_code`]; [`limits`];
//! - the types [`Timestamp`] and [`TimestampFormat`], [`Blob`], [`Document`], [`ByteStream`]
//!   (with [`byte_stream`]'s checks and encoders);
//! - [`Error`] (codec errors, with a path and a location) and [`validate::Violations`];
//! - [`operation`](mod@operation), [`checksum`], [`sigv4`] (with [`Credentials`] and [`SigningParams`]), [`aws_chunked`],
//!   [`paginate`], [`waiter`](mod@waiter), [`jmespath`];
//! - the re-exported [`http`] and [`serde_json`] crates, whose types the API uses.
//!
//! The readers and writers themselves, the HTTP bindings and the REST response reader are
//! crate-private; derived code reaches the runtime only through `__private`, which is not API.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
pub mod __private;
pub mod codec;
mod de;
pub mod error;
pub mod jmespath;
pub mod limits;
pub mod paginate;
mod prim;
pub mod protocol;
mod ser;
mod shape;
pub mod types;
pub mod validate;
pub mod value;
pub mod waiter;

pub use codec::{cbor, json, query, xml};
pub(crate) use codec::{number, percent};
pub(crate) use protocol::bindings;
pub use protocol::{aws_chunked, checksum, operation, sigv4};
pub use types::{blob, byte_stream, document, time};

pub use blob::Blob;
pub use byte_stream::ByteStream;
pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub use query::Query;
pub use shape::{ErrorInfo, Fault};
pub use sigv4::Credentials;
pub use sigv4::SigningParams;
pub use time::{Timestamp, TimestampFormat};
pub use value::Value;
pub use xml::Xml;

/// The JSON value type of the tree path (`to_json`, `of_json`), re-exported.
pub use serde_json;

/// The HTTP types of the sans-IO operation layer, re-exported.
pub use http;

use de::Deserializer;
use ser::Serializer;

/// A type that awso can serialize and parse in every AWS protocol.
///
/// Implemented by `#[derive(AwsShape)]` for structures, unions, enums and newtypes, and here for
/// the Smithy simple types (`bool`, `i8`, `i16`, `i32`, `i64`, `f32`, `f64`, `String`,
/// [`Timestamp`], [`Blob`], [`Document`]) and collections (`Vec<T>`, `HashMap<K, V>`,
/// `BTreeMap<K, V>`, `Box<T>`, and `Option<T>` as the item of a sparse list or map).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an AWS shape",
    label = "this type has no `AwsShape` implementation",
    note = "derive it with `#[derive(awso::AwsShape)]`, or use one of the supported types: bool, i8, i16, i32, i64, f32, f64, String, awso::Timestamp, awso::Blob, awso::Document, Vec<T>, HashMap<String, T>, BTreeMap<String, T>, Box<T>"
)]
pub trait AwsShape: Sized {
    /// The shape name, used at the root of error paths.
    const NAME: &'static str;

    /// Whether null is a value of this type (the items of sparse lists and maps). Dense lists
    /// and maps drop the nulls they receive.
    #[doc(hidden)]
    const NULLABLE: bool = false;

    /// What kind of value this is, for payload members of the REST protocols.
    #[doc(hidden)]
    const KIND: shape::ValueKind = shape::ValueKind::Other;

    /// The static description of a structure or union (its members by name), for the
    /// declarations that name members (paginators, waiters) to be checked at compile time;
    /// `None` for other types.
    #[doc(hidden)]
    const SHAPE: Option<&'static shape::Shape> = None;

    /// Writes this value to a wire format.
    fn serialize<S: Serializer>(&self, serializer: S) -> S::Ok;

    /// Reads a value from a wire format.
    fn deserialize<D: Deserializer>(deserializer: &mut D) -> Result<Self>;

    /// Reads a value into a member's slot. Lists and maps override this to extend what is
    /// already there, which is how flattened XML lists interleaved with other members work.
    #[doc(hidden)]
    fn deserialize_into<D: Deserializer>(
        slot: &mut Option<Self>,
        deserializer: &mut D,
    ) -> Result<()> {
        *slot = Some(Self::deserialize(deserializer)?);
        Ok(())
    }

    /// Checks the model's constraints (`length`, `range`, `pattern`, `required`) on this value
    /// and everything in it, returning every violation with its path.
    fn validate(&self) -> std::result::Result<(), validate::Violations> {
        let mut v = validate::Validator::new(Self::NAME);
        self.validate_into(&mut v);
        v.finish()
    }

    /// Checks this value's constraints into `validator` (derived; no-op for simple types).
    #[doc(hidden)]
    fn validate_into(&self, validator: &mut validate::Validator) {
        let _ = validator;
    }

    /// A copy of this value with every unset `#[aws(idempotency_token)]` member set from
    /// `token`, or `None` when there is nothing to fill. The operation layer calls it before
    /// it serializes a request; serializing never invents values, so `to_json` of the same
    /// value always gives the same bytes.
    #[doc(hidden)]
    fn with_idempotency_tokens(&self, token: &mut dyn FnMut() -> String) -> Option<Self> {
        let _ = token;
        None
    }

    /// Whether the type is a streaming payload ([`ByteStream`]), or, for a structure,
    /// whether its payload member is one: the client then streams the request body from
    /// [`AwsShape::payload_stream`] and hands the response body to
    /// [`AwsShape::set_payload_stream`] unread.
    #[doc(hidden)]
    const STREAMING: bool = false;

    /// The streaming body to send: a [`ByteStream`]'s handle to itself (a copy of bytes or
    /// a file, the shared source of a one-shot stream); a structure's, its payload member's
    /// when that is a stream and set. `None` for everything else.
    #[doc(hidden)]
    fn payload_stream(&self) -> Option<ByteStream> {
        None
    }

    /// Puts a response body that streams into the streaming payload member of an output
    /// (derived for structures with one; a no-op for everything else).
    #[doc(hidden)]
    fn set_payload_stream(&mut self, stream: ByteStream) {
        let _ = stream;
    }

    /// A value of this type that is the stream `stream` ([`ByteStream`] itself, and newtypes
    /// of it); `None` for every other type.
    #[doc(hidden)]
    fn from_payload_stream(stream: ByteStream) -> Option<Self> {
        let _ = stream;
        None
    }

    /// The protocol-neutral value tree.
    fn to_value(&self) -> Value {
        self.serialize(value::ValueSerializer)
    }

    /// The JSON form, as a `serde_json::Value` (awsJson1_0, awsJson1_1 and restJson1 bodies).
    fn to_json(&self) -> serde_json::Value {
        json::to_json_value(self)
    }

    /// Parses the JSON form from a `serde_json::Value`.
    fn of_json(json: &serde_json::Value) -> Result<Self> {
        json::from_json_value(json)
    }

    /// The CBOR form (an rpcv2Cbor body) as a [`cbor::Cbor`] tree. [`cbor::to_vec`] writes
    /// the bytes directly.
    fn to_cbor(&self) -> cbor::Cbor {
        cbor::to_cbor(self)
    }

    /// Parses the CBOR form from a [`cbor::Cbor`] tree. [`cbor::from_slice`] reads bytes
    /// directly.
    fn of_cbor(cbor: &cbor::Cbor) -> Result<Self> {
        cbor::of_cbor(cbor)
    }

    /// The XML form (a restXml request body): the root element is named by the type's
    /// `xml_name` (or name). See [`xml`] for the rules; [`xml::try_to_string`] reports values
    /// XML cannot hold (documents).
    fn to_xml(&self) -> String {
        xml::to_string(self)
    }

    /// Reads this shape from an XML element (the element *is* the shape: no envelope is
    /// unwrapped).
    fn of_xml(xml: &Xml) -> Result<Self> {
        xml::from_xml(xml)
    }

    /// Reads this shape from a whole XML response body. Without a protocol, the envelope is
    /// detected: a root `XResponse` whose first child element is `XResult` (awsQuery) is
    /// unwrapped; any other root element is the shape (restXml, ec2Query). The operations
    /// layer calls [`xml::from_str`], [`xml::from_str_query`] or [`xml::from_str_ec2`]
    /// instead.
    fn of_string(body: &str) -> Result<Self> {
        xml::from_str_detect(body)
    }

    /// The awsQuery form parameters (`Name.member.1=…`), in order; encode them as a request
    /// body with [`Query::to_body`]. For ec2Query, use
    /// [`query::to_query_with`]`(&v, QueryFlavor::Ec2)`.
    fn to_query(&self) -> Query {
        query::to_query(self)
    }
}

/// A type usable as a map key: strings and string enums.
pub trait MapKey: Sized {
    /// The key as sent on the wire.
    fn key(&self) -> &str;
    /// The key as read from the wire; an error for a value the type cannot hold.
    fn from_key(key: String) -> Result<Self>;
}

/// A structure marked `#[aws(error(...))]`: one modelled error of a service.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an error shape",
    label = "variants of an `#[aws(errors)]` enum must wrap a structure marked `#[aws(error)]`",
    note = "add `#[aws(error)]` (or `#[aws(error(code = \"...\", status = 400))]`) to the declaration of `{Self}`"
)]
pub trait AwsErrorShape: AwsShape + std::error::Error + 'static {
    /// Code, HTTP status and fault of this error.
    const ERROR: ErrorInfo;

    /// The error's message member, if it has one and it is set.
    fn message(&self) -> Option<&str>;

    /// The JSON error body: `__type` with the code, then the members.
    fn error_to_json(&self) -> serde_json::Value {
        json::error_to_json(self)
    }

    /// This error as a `std::error::Error` trait object (the `source` of an errors enum).
    fn as_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

/// An enum marked `#[aws(errors)]`: every error an operation can return, plus an `Unknown`
/// catch-all for codes the enum does not model.
pub trait AwsError: Sized + std::error::Error {
    /// Reads the error with the given code from a wire format. `code` is as AWS sends it and is
    /// normalised first ([`error_code::normalize`]).
    fn error_deserialize<D: Deserializer>(code: &str, deserializer: &mut D) -> Result<Self>;

    /// The error code (`GameSessionFullException`).
    fn code(&self) -> &str;

    /// The error message, if any.
    fn message(&self) -> Option<&str>;

    /// Code, HTTP status and fault of a modelled error; `None` for `Unknown`.
    fn error_info(&self) -> Option<&'static ErrorInfo>;

    /// The JSON error body: `__type` with the code, then the error's members.
    fn error_to_json(&self) -> serde_json::Value;

    /// Decodes the error with the given code from a JSON error body.
    fn error_of_json(code: &str, body: &serde_json::Value) -> Result<Self> {
        let mut d = json::JsonDeserializer::new(json::tree::ValueSource::new(body), true);
        Self::error_deserialize(code, &mut d)
    }

    /// Decodes the error with the given code from an XML error response (awsQuery
    /// `<ErrorResponse>`, ec2Query `<Response><Errors>`, restXml `<ErrorResponse>` or bare
    /// `<Error>`) or its `<Error>` element. Find the code with [`xml::error_code`].
    fn error_of_xml(code: &str, xml: &Xml) -> Result<Self> {
        xml::error::error_of_xml(code, xml)
    }
}

/// Reads the message of an error shape from its message member (`String` or `Option<String>`).
#[doc(hidden)]
pub trait AsMessage {
    /// The message, if set.
    fn as_message(&self) -> Option<&str>;
}

impl AsMessage for String {
    fn as_message(&self) -> Option<&str> {
        Some(self)
    }
}

impl AsMessage for Option<String> {
    fn as_message(&self) -> Option<&str> {
        self.as_deref()
    }
}

pub mod error_code {
    //! Error codes as AWS clients read them.

    /// Normalises an error code the way AWS clients do: everything after the first `:` is
    /// dropped (`Code:http://internal.amazon.com/...`), and only what follows the last `#` is
    /// kept (`aws.protocoltests.restjson#FooError`).
    pub fn normalize(code: &str) -> &str {
        let code = code.split(':').next().unwrap_or(code);
        match code.rfind('#') {
            Some(i) => &code[i + 1..],
            None => code,
        }
        .trim()
    }

    /// The awsQuery error code of an `x-amzn-query-error: Code;Sender` header, sent by
    /// awsQuery-compatible JSON services; when present it wins over the body's code.
    pub fn from_query_error_header(value: &str) -> Option<&str> {
        let code = value.split(';').next()?.trim();
        (!code.is_empty()).then_some(code)
    }

    /// Whether `code` names the error described by `info` (its code or its awsQuery code).
    pub fn matches(info: &crate::ErrorInfo, code: &str) -> bool {
        info.code == code || info.query_code == Some(code)
    }
}

/// Writes `code: message` (or just `code`): the `Display` of derived errors.
#[doc(hidden)]
pub fn fmt_error(
    f: &mut std::fmt::Formatter<'_>,
    code: &str,
    message: Option<&str>,
) -> std::fmt::Result {
    match message {
        Some(m) => write!(f, "{code}: {m}"),
        None => f.write_str(code),
    }
}

/// What `Debug` prints in place of a `#[aws(sensitive)]` value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A `Debug` stand-in for a sensitive value.
#[doc(hidden)]
pub struct Redacted;

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}
