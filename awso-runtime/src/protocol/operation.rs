//! Services and operations: how a hand-modelled shape becomes an HTTP request and how an HTTP
//! response becomes an output or an error, for each AWS protocol. Sans-IO: plain functions
//! over the `http` crate's types; the client (`awso-client`) adds signing and a transport.
//!
//! Declare a service and its operations next to the shapes (this example runs as a doctest of
//! the `awso` crate, which re-exports this one):
//!
//! ```ignore
//! use awso::{AwsShape, operation::Protocol};
//! # #[derive(AwsShape, Debug, Clone, PartialEq, Default)] pub struct ListQueuesInput { pub queue_name_prefix: Option<String> }
//! # #[derive(AwsShape, Debug, Clone, PartialEq, Default)] pub struct ListQueuesOutput { pub queue_urls: Option<Vec<String>> }
//! # #[derive(AwsShape, Debug)] #[aws(errors)] pub enum ListQueuesError { #[aws(unknown)] Unknown { code: String, message: Option<String> } }
//!
//! awso::service! {
//!     /// Amazon SQS.
//!     pub struct Sqs {
//!         name: "SQS",
//!         protocol: Protocol::AwsJson1_0,
//!         target_prefix: "AmazonSQS",
//!         api_version: "2012-11-05",
//!         signing_name: "sqs",
//!         endpoint_prefix: "sqs",
//!         query_compatible: true,
//!     }
//! }
//! awso::operation! {
//!     /// Lists queues.
//!     pub struct ListQueues: Sqs(ListQueuesInput) -> ListQueuesOutput, ListQueuesError;
//! }
//! ```

use super::header;
use super::{aws_json, aws_query, rest, rpcv2_cbor};
use crate::validate::Violations;
use crate::{AwsError, AwsShape, Error};
use std::fmt;

/// The AWS wire protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// `awsJson1_0`: JSON bodies, `X-Amz-Target`, `application/x-amz-json-1.0`.
    AwsJson1_0,
    /// `awsJson1_1`: as 1.0 with `application/x-amz-json-1.1`.
    AwsJson1_1,
    /// `restJson1`: JSON bodies with HTTP bindings.
    RestJson1,
    /// `restXml`: XML bodies with HTTP bindings.
    RestXml,
    /// `awsQuery`: form-encoded requests, XML responses.
    AwsQuery,
    /// `ec2Query`: the EC2 flavour of awsQuery.
    Ec2Query,
    /// `smithy.protocols#rpcv2Cbor`: CBOR bodies, `POST /service/{ServiceName}/operation/{Op}`
    /// (see [`crate::cbor`]).
    RpcV2Cbor,
}

impl Protocol {
    /// Whether bodies are JSON.
    pub fn is_json(self) -> bool {
        matches!(
            self,
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1
        )
    }

    /// Whether the protocol binds members to HTTP (restJson1, restXml).
    pub fn is_rest(self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml)
    }
}

/// A service: what every operation of it shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// The service id (`GameLift`, `SQS`), used for `AWS_ENDPOINT_URL_<SERVICE>`.
    pub name: &'static str,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The `X-Amz-Target` prefix of the awsJson protocols (`GameLift`).
    pub target_prefix: &'static str,
    /// The API version (`2015-10-01`), sent as `Version` by the query protocols.
    pub api_version: &'static str,
    /// The SigV4 signing name (`gamelift`).
    pub signing_name: &'static str,
    /// The endpoint prefix (`gamelift` in `gamelift.us-west-2.amazonaws.com`).
    pub endpoint_prefix: &'static str,
    /// An awsJson service that also speaks awsQuery error codes (`awsQueryCompatible`).
    pub query_compatible: bool,
    /// The service shape name (`GameLift`, `RpcV2Protocol`), the `{ServiceName}` of rpcv2Cbor
    /// request paths; `name` unless the `service!` declaration says `service_shape: "..."`.
    pub service_shape: &'static str,
}

/// One operation of a service.
pub trait Operation {
    /// The service.
    const SERVICE: &'static Service;
    /// The operation name (`CreatePlayerSession`).
    const NAME: &'static str;
    /// The HTTP method (REST protocols; `POST` otherwise).
    const METHOD: &'static str = "POST";
    /// The request URI (REST protocols; `/` otherwise).
    const URI: &'static str = "/";
    /// Whether the operation has an input at all (`; input(none)` in [`operation!`](crate::operation!) says it
    /// has not): rpcv2Cbor sends no body for an operation without input, and an empty map for an
    /// input with no members set.
    const HAS_INPUT: bool = true;
    /// The request compressions the operation accepts (`requestCompression`; `gzip` is the
    /// one AWS defines). Bodies of at least [`MIN_COMPRESSION_SIZE`] bytes are compressed.
    const REQUEST_COMPRESSION: &'static [&'static str] = &[];
    /// Whether the request must carry a `Content-MD5` of its body (`httpChecksumRequired`;
    /// `; checksum(required)` in [`operation!`](crate::operation!)), as S3's
    /// `DeleteObjects` and `PutBucketLifecycleConfiguration` do.
    const CHECKSUM_REQUIRED: bool = false;
    /// Whether the operation is called without credentials and sent unsigned (`@auth([])` /
    /// `@optionalAuth` in the model; `; auth(none)` in [`operation!`](crate::operation!)), as
    /// STS `AssumeRoleWithWebIdentity` and Cognito Identity `GetId` are.
    const NO_AUTH: bool = false;
    /// The operation's flexible checksums (`httpChecksum`; `; http_checksum { ... }` in
    /// [`operation!`](crate::operation!)): see [`crate::checksum`].
    const HTTP_CHECKSUM: Option<&'static crate::checksum::HttpChecksum> = None;
    /// The host prefix of the endpoint trait (`{AccountId}.data.`), filled from
    /// `#[aws(host_label)]` members; empty for none.
    const HOST_PREFIX: &'static str = "";
    /// The root element of a restXml request body when it is not the input shape's name (the
    /// input's `locationName` in the model); empty for the shape's name.
    const INPUT_ROOT: &'static str = "";
    /// The input shape.
    type Input: AwsShape;
    /// The output shape.
    type Output: AwsShape;
    /// The errors enum.
    type Error: AwsError;

    /// The HTTP request for `input`, to be sent to `endpoint` (`https://host[:port][/path]`).
    fn request(input: &Self::Input, endpoint: &str) -> crate::Result<http::Request<Vec<u8>>> {
        build_request::<Self>(input, endpoint)
    }

    /// The output or error of an HTTP response.
    fn response(
        response: http::Response<&[u8]>,
    ) -> Result<Self::Output, OperationError<Self::Error>> {
        parse_response::<Self>(response)
    }
}

/// Why an operation did not return its output: one error type for every caller of an
/// operation, from building the request to reading the service's answer.
///
/// `Display` always says what happened, and for a service error its code, message, status
/// and request id (`ResourceNotFoundException: Requested resource not found (HTTP 400,
/// request id 4G7…)`); `source()` gives the underlying error.
#[derive(Debug)]
#[non_exhaustive]
pub enum OperationError<E> {
    /// The request could not be built (a missing URI label, a bad endpoint URL, no
    /// credentials or region, a header value HTTP cannot carry). Nothing was sent.
    Construction(Error),
    /// The input breaks its model's constraints (`length`, `range`, `pattern`, `required`).
    /// Nothing was sent; every violation is listed with its path.
    Validation(Violations),
    /// The request was not delivered or no response came back (connection refused or reset,
    /// DNS, TLS, a response that is not HTTP).
    Dispatch(Error),
    /// An attempt, or the whole call with its retries, ran out of time.
    Timeout(Error),
    /// A response came back but is not what the protocol says (not its format, not the
    /// output's shape, cut short).
    Response {
        /// The HTTP status.
        status: u16,
        /// What was wrong.
        error: Error,
        /// The response as received.
        raw: Box<RawResponse>,
    },
    /// The service answered with an error: a modelled one, or `Unknown` in the errors enum.
    Service {
        /// The error.
        error: E,
        /// The HTTP status.
        status: u16,
        /// The request id the service sent, if any.
        request_id: Option<String>,
        /// The response as received.
        raw: Box<RawResponse>,
    },
}

impl<E> OperationError<E> {
    /// The service error, if the service returned one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            OperationError::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The response as received, when one was.
    pub fn raw_response(&self) -> Option<&RawResponse> {
        match self {
            OperationError::Service { raw, .. } | OperationError::Response { raw, .. } => Some(raw),
            _ => None,
        }
    }
}

impl<E> OperationError<E> {
    /// A response that is not what the protocol says, with `error` saying why.
    pub(crate) fn unreadable(response: &http::Response<&[u8]>, error: Error) -> Self {
        OperationError::Response {
            status: response.status().as_u16(),
            error,
            raw: Box::new(RawResponse::of(response)),
        }
    }

    /// What an error response became: the service's error (its request id from the headers,
    /// else the one the body carried), or an unreadable response.
    pub(crate) fn of_error_response(
        response: &http::Response<&[u8]>,
        decoded: crate::Result<(E, Option<String>)>,
    ) -> Self {
        match decoded {
            Ok((error, body_request_id)) => OperationError::Service {
                error,
                status: response.status().as_u16(),
                request_id: ["x-amzn-requestid", "x-amz-request-id"]
                    .iter()
                    .find_map(|h| header(response, h))
                    .map(str::to_owned)
                    .or(body_request_id),
                raw: Box::new(RawResponse::of(response)),
            },
            Err(error) => Self::unreadable(response, error),
        }
    }
}

impl<E: AwsError> fmt::Display for OperationError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OperationError::Service {
                error,
                status,
                request_id,
                ..
            } => {
                crate::fmt_error(f, error.code(), error.message())?;
                write!(f, " (service error, HTTP {status}")?;
                if let Some(id) = request_id {
                    write!(f, ", request id {id}")?;
                }
                f.write_str(")")
            }
            OperationError::Response { status, error, raw } => {
                write!(f, "unreadable response (HTTP {status}")?;
                if let Some(t) = raw.content_type() {
                    write!(f, ", {t}")?;
                }
                write!(f, "): {error}")?;
                if !raw.body.is_empty() {
                    write!(f, "; the body starts {:?}", raw.body_start(120))?;
                }
                Ok(())
            }
            OperationError::Construction(e) => write!(f, "cannot build the request: {e}"),
            OperationError::Validation(v) => write!(f, "invalid input, not sent: {v}"),
            OperationError::Dispatch(e) => write!(f, "request not delivered: {e}"),
            OperationError::Timeout(e) => write!(f, "timed out: {e}"),
        }
    }
}

impl<E: AwsError + 'static> std::error::Error for OperationError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OperationError::Service { error, .. } => Some(error),
            OperationError::Validation(v) => Some(v),
            OperationError::Response { error, .. }
            | OperationError::Construction(error)
            | OperationError::Dispatch(error)
            | OperationError::Timeout(error) => Some(error),
        }
    }
}

/// A response as it came back, kept with errors: status, headers and body.
#[derive(Clone, PartialEq, Eq)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// A copy of `response`.
    pub fn of(response: &http::Response<&[u8]>) -> RawResponse {
        RawResponse {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.body().to_vec(),
        }
    }

    /// The `Content-Type` header, if it is text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get("content-type")?.to_str().ok()
    }

    /// The start of the body as text (at most `max` bytes, cut at a character boundary;
    /// invalid UTF-8 replaced).
    pub fn body_start(&self, max: usize) -> String {
        let text = String::from_utf8_lossy(&self.body[..self.body.len().min(max)]);
        let mut text = text.into_owned();
        if self.body.len() > max {
            text.push('…');
        }
        text
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &self.body_start(256))
            .finish()
    }
}

/// The smallest body compressed for operations with request compression (the AWS SDKs'
/// default `request_min_compression_size_bytes`).
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Builds the request of operation `O` for `input` (see [`Operation::request`]).
pub fn build_request<O: Operation + ?Sized>(
    input: &O::Input,
    endpoint: &str,
) -> crate::Result<http::Request<Vec<u8>>> {
    // Idempotency tokens are filled here, before serializing (a copy of the input, and only
    // when one is unset); the serializers write what they are given.
    let filled = input.with_idempotency_tokens(&mut idempotency_token);
    let input = filled.as_ref().unwrap_or(input);
    let mut request = build_uncompressed::<O>(input, endpoint)?;
    if O::REQUEST_COMPRESSION.contains(&"gzip") {
        request = compress(request, MIN_COMPRESSION_SIZE)?;
    }
    if O::CHECKSUM_REQUIRED && !request.headers().contains_key("content-md5") {
        add_content_md5(&mut request);
    }
    Ok(request)
}

/// Sets `Content-MD5` to the base64 MD5 of the body as sent (`httpChecksumRequired`).
pub fn add_content_md5(request: &mut http::Request<Vec<u8>>) {
    use base64::Engine;
    use md5::Digest;
    let digest = md5::Md5::digest(request.body());
    let value = base64::engine::general_purpose::STANDARD.encode(digest);
    request.headers_mut().insert(
        "content-md5",
        http::HeaderValue::from_str(&value).expect("base64 is a valid header value"),
    );
}

/// Gzips the body of `request` if it has at least `min_size` bytes, appending `gzip` to its
/// `Content-Encoding`.
pub fn compress(
    mut request: http::Request<Vec<u8>>,
    min_size: usize,
) -> crate::Result<http::Request<Vec<u8>>> {
    use std::io::Write;
    if request.body().len() < min_size {
        return Ok(request);
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(request.body())
        .map_err(|e| Error::message(format!("compression failed: {e}")))?;
    let body = encoder
        .finish()
        .map_err(|e| Error::message(format!("compression failed: {e}")))?;
    let headers = request.headers_mut();
    let encoding = match headers
        .get(http::header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
    {
        Some(existing) if !existing.is_empty() => format!("{existing}, gzip"),
        _ => "gzip".to_owned(),
    };
    let encoding = http::HeaderValue::from_str(&encoding)
        .map_err(|_| Error::invalid("Content-Encoding is not a valid header value"))?;
    headers.insert(http::header::CONTENT_ENCODING, encoding);
    headers.insert(
        http::header::CONTENT_LENGTH,
        http::HeaderValue::from(body.len()),
    );
    *request.body_mut() = body;
    Ok(request)
}

/// The request before compression: the one place that picks the protocol's module.
fn build_uncompressed<O: Operation + ?Sized>(
    input: &O::Input,
    endpoint: &str,
) -> crate::Result<http::Request<Vec<u8>>> {
    match const { Module::of(O::SERVICE.protocol) } {
        Module::AWS_JSON => aws_json::request::<O>(input, endpoint),
        Module::REST => rest::request::<O>(input, endpoint),
        Module::AWS_QUERY => aws_query::request::<O>(input, endpoint),
        _ => rpcv2_cbor::build_request::<O>(input, endpoint),
    }
}

/// Parses the response of operation `O` (see [`Operation::response`]): the one place that
/// picks the protocol's module.
pub fn parse_response<O: Operation + ?Sized>(
    response: http::Response<&[u8]>,
) -> Result<O::Output, OperationError<O::Error>> {
    match const { Module::of(O::SERVICE.protocol) } {
        Module::AWS_JSON => aws_json::response::<O>(response),
        Module::REST => rest::response::<O>(response),
        Module::AWS_QUERY => aws_query::response::<O>(response),
        _ => rpcv2_cbor::parse_response::<O>(response),
    }
}

/// The protocol module of an operation, as an integer constant that `build_uncompressed`
/// and `parse_response` match on. The match is on a constant so that rustc instantiates only
/// the branch of the operation's own protocol: matching on `O::SERVICE.protocol` itself (an
/// enum's discriminant read at run time) made every operation instantiate the readers and
/// writers of all four modules (a JSON service's client compiled the XML, REST and CBOR
/// deserializers of each of its shapes), which is most of a debug build's code for the user's
/// shapes.
struct Module;

impl Module {
    const AWS_JSON: u8 = 0;
    const REST: u8 = 1;
    const AWS_QUERY: u8 = 2;
    const RPCV2_CBOR: u8 = 3;

    const fn of(protocol: Protocol) -> u8 {
        match protocol {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Module::AWS_JSON,
            Protocol::RestJson1 | Protocol::RestXml => Module::REST,
            Protocol::AwsQuery | Protocol::Ec2Query => Module::AWS_QUERY,
            Protocol::RpcV2Cbor => Module::RPCV2_CBOR,
        }
    }
}

/// The body of a restJson1 or restXml message carrying `value`: the members no HTTP binding
/// takes, written as the protocol writes them (JSON with `jsonName` keys; XML under the
/// shape's root element). What a service's response body holds, for test servers and mocks
/// that answer as the service would; requests are built by [`Operation::request`].
pub fn rest_body<T: AwsShape>(value: &T, protocol: Protocol) -> Vec<u8> {
    rest::body(value, protocol == Protocol::RestXml, None)
}

thread_local! {
    static TOKEN_GENERATOR: std::cell::RefCell<Option<fn() -> String>> =
        const { std::cell::RefCell::new(None) };
}

/// A fresh idempotency token: a random (version 4) UUID, for `#[aws(idempotency_token)]`
/// members left unset. Tests can fix the value with [`with_idempotency_tokens`].
pub fn idempotency_token() -> String {
    if let Some(generate) = TOKEN_GENERATOR.with(|g| *g.borrow()) {
        return generate();
    }
    // fastrand seeds each thread's generator from the OS-seeded std hasher, as the AWS SDKs'
    // token providers do; tokens need to be unique, not secret.
    let mut b = fastrand::u128(..).to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Runs `f` with idempotency tokens taken from `generate` on this thread (for tests that
/// need a known token).
pub fn with_idempotency_tokens<R>(generate: fn() -> String, f: impl FnOnce() -> R) -> R {
    let previous = TOKEN_GENERATOR.with(|g| g.replace(Some(generate)));
    let result = f();
    TOKEN_GENERATOR.with(|g| *g.borrow_mut() = previous);
    result
}

/// Declares a [`Service`](crate::operation::Service) as a unit struct with a `SERVICE` constant.
///
/// Fields: `name`, `protocol`, `target_prefix` (awsJson), `api_version`, `signing_name`,
/// `endpoint_prefix`, and optionally `query_compatible: true` and `service_shape: "Name"` (the
/// service shape name in rpcv2Cbor paths, when it differs from `name`).
#[macro_export]
macro_rules! service {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            name: $service_name:expr,
            protocol: $protocol:expr,
            $(target_prefix: $target:expr,)?
            api_version: $version:expr,
            signing_name: $signing:expr,
            endpoint_prefix: $prefix:expr
            $(, query_compatible: $qc:expr)?
            $(, service_shape: $shape:expr)? $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        $vis struct $name;

        impl $name {
            /// The service description.
            pub const SERVICE: $crate::operation::Service = $crate::operation::Service {
                name: $service_name,
                protocol: { use $crate::operation::Protocol; $protocol },
                target_prefix: $crate::__first!($($target,)? ""),
                api_version: $version,
                signing_name: $signing,
                endpoint_prefix: $prefix,
                query_compatible: $crate::__first!($($qc,)? false),
                service_shape: $crate::__first!($($shape,)? $service_name),
            };
        }
    };
}

/// Declares an [`Operation`](crate::operation::Operation) of a service declared with
/// [`service!`]: `pub struct Name: Service(Input) -> Output, Error;`, optionally followed by
/// `; http(METHOD "/uri")` for the REST protocols, `; host_prefix("{Label}.data.")` for the
/// endpoint trait, and `; xml_root("Name")` for a restXml body root element named other than
/// the input shape, `; compress("gzip")` for request compression, `; checksum(required)` for a
/// `Content-MD5` of the body (`httpChecksumRequired`), and `; input(none)` for an operation
/// without input (the input type is then an empty structure), and `; auth(none)` for an
/// operation sent unsigned (`@auth([])`), and
/// `; http_checksum { request_algorithm_member: "ChecksumAlgorithm", request_checksum_required: false, request_validation_mode_member: "ChecksumMode", response_algorithms: ["CRC32", "SHA256"] }`
/// (any of the keys, the model's in snake case) for flexible checksums (`httpChecksum`, see
/// [`checksum`](crate::checksum)).
#[macro_export]
macro_rules! operation {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident : $service:ident ( $input:ty ) -> $output:ty, $error:ty
        $(; http($method:literal $uri:literal))? $(; host_prefix($host:literal))? $(; xml_root($root:literal))? $(; compress($($encoding:literal),+))? $(; checksum($checksum:ident))? $(; input($none:ident))? $(; auth($auth:ident))?
        $(; http_checksum { $($hc_key:ident : $hc_value:tt),* $(,)? })? ;
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        $vis struct $name;

        impl $crate::operation::Operation for $name {
            const SERVICE: &'static $crate::operation::Service = &$service::SERVICE;
            const NAME: &'static str = ::core::stringify!($name);
            $(const METHOD: &'static str = $method; const URI: &'static str = $uri;)?
            $(const HOST_PREFIX: &'static str = $host;)?
            $(const REQUEST_COMPRESSION: &'static [&'static str] = &[$($encoding),+];)?
            $(const HAS_INPUT: bool = $crate::__no_input!($none);)?
            $(const CHECKSUM_REQUIRED: bool = $crate::__checksum_required!($checksum);)?
            $(const INPUT_ROOT: &'static str = $root;)?
            $(const NO_AUTH: bool = $crate::__no_auth!($auth);)?
            $(#[allow(clippy::needless_update)] // every key may be given
            const HTTP_CHECKSUM: ::core::option::Option<&'static $crate::checksum::HttpChecksum> =
                ::core::option::Option::Some(&$crate::checksum::HttpChecksum {
                    $($hc_key: $crate::__http_checksum_value!($hc_value),)*
                    ..$crate::checksum::HttpChecksum::NONE
                });)?
            type Input = $input;
            type Output = $output;
            type Error = $error;
        }
    };
}

/// `input(none)` → `false` (and nothing else is accepted there).
#[doc(hidden)]
#[macro_export]
macro_rules! __no_input {
    (none) => {
        false
    };
}

/// `checksum(required)` → `true` (and nothing else is accepted there).
#[doc(hidden)]
#[macro_export]
macro_rules! __checksum_required {
    (required) => {
        true
    };
}

/// A value of `http_checksum { ... }`: a list of algorithm names becomes a slice.
#[doc(hidden)]
#[macro_export]
macro_rules! __http_checksum_value {
    ([$($item:literal),* $(,)?]) => {
        &[$($item),*]
    };
    ($value:literal) => {
        $value
    };
}

/// `auth(none)` → `true` (and nothing else is accepted there).
#[doc(hidden)]
#[macro_export]
macro_rules! __no_auth {
    (none) => {
        true
    };
}

/// The first of its arguments (for optional macro fields with defaults).
#[doc(hidden)]
#[macro_export]
macro_rules! __first {
    ($first:expr $(, $rest:expr)* $(,)?) => {
        $first
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn request(body: &[u8], encoding: Option<&str>) -> http::Request<Vec<u8>> {
        let mut b = http::Request::builder().uri("https://example.com/");
        if let Some(e) = encoding {
            b = b.header("content-encoding", e);
        }
        b.body(body.to_vec()).unwrap()
    }

    #[test]
    fn large_bodies_are_gzipped_and_small_ones_left() {
        let big = vec![b'a'; MIN_COMPRESSION_SIZE];
        let out = compress(request(&big, None), MIN_COMPRESSION_SIZE).unwrap();
        assert_eq!(out.headers()["content-encoding"], "gzip");
        assert_eq!(
            out.headers()["content-length"],
            out.body().len().to_string().as_str()
        );
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&out.body()[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, big);
        let out = compress(request(&big, Some("custom")), MIN_COMPRESSION_SIZE).unwrap();
        assert_eq!(out.headers()["content-encoding"], "custom, gzip");
        let small = compress(request(b"{}", None), MIN_COMPRESSION_SIZE).unwrap();
        assert_eq!(small.body(), b"{}");
        assert!(small.headers().get("content-encoding").is_none());
    }
}
