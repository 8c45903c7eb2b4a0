//! The AWS protocol conformance harness of awso.
//!
//! `build.rs` turns every botocore protocol test suite under `tests/protocol-tests/` into Rust:
//! the suite's shapes become `#[derive(AwsShape)]` types and each case a function that builds
//! the input (or the expected output) as a struct literal and hands it to one of the `check_*`
//! functions below. Everything on the wire is written and read by the derived code and awso's
//! runtime; this crate only compares.
//!
//! Protocols whose wire format awso does not have yet call a hook ([`serialize_query_body`],
//! [`parse_rest_xml_output`], ...) that returns an error for now; the comparison helpers they
//! will need ([`compare_xml`], [`compare_query`]) are here and unit tested already.

use awso::json::JsonOptions;
use awso::{AwsError, AwsShape, Timestamp};
use std::collections::BTreeMap;
use std::fmt::Debug;

pub mod compare;
pub mod skip;

pub use compare::{compare_json, compare_query, compare_xml};

/// What a case function returns: `Err` with a one-line reason when the case fails.
pub type CaseResult = Result<(), String>;

/// Whether a case serializes a request or parses a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// `params` -> serialized request.
    Input,
    /// response -> `result` or `error`.
    Output,
}

impl Direction {
    /// `input` or `output`, as in the skip list and the file layout.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Input => "input",
            Direction::Output => "output",
        }
    }
}

/// One generated case.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The protocol test file's name (`json`, `json_1_0`, `rest-xml`, ...).
    pub protocol: &'static str,
    /// Input or output.
    pub direction: Direction,
    /// The case id.
    pub id: &'static str,
    /// The suite's description.
    pub suite: &'static str,
    /// The generated module holding the suite.
    pub module: &'static str,
    /// Runs the case.
    pub run: fn() -> CaseResult,
}

/// The wire protocol of a suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// awsJson1_0 / awsJson1_1.
    AwsJson,
    /// restJson1.
    RestJson,
    /// restXml.
    RestXml,
    /// awsQuery.
    Query,
    /// ec2Query.
    Ec2,
    /// smithy rpcv2Cbor.
    RpcV2Cbor,
}

/// The operation a case calls, from the suite's metadata and the case's `given`.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The suite's protocol.
    pub protocol: Protocol,
    /// Operation name.
    pub name: &'static str,
    /// `given.http.method`.
    pub method: &'static str,
    /// `given.http.requestUri`.
    pub request_uri: &'static str,
    /// `metadata.jsonVersion` (awsJson).
    pub json_version: &'static str,
    /// `metadata.targetPrefix` (awsJson).
    pub target_prefix: &'static str,
    /// `metadata.apiVersion` (awsQuery, ec2Query).
    pub api_version: &'static str,
    /// `given.input.locationName`: the root element of a restXml request body.
    pub root: Option<&'static str>,
    /// Model traits of this case's shapes that awso cannot express yet, as `Owner.member
    /// (trait)`: mostly the HTTP layer (members bound to headers, query strings, labels;
    /// payloads; host prefixes), and a few XML namespace traits.
    pub unsupported_traits: &'static [&'static str],
}

impl Operation {
    /// Whether restJson1 / restXml honour `jsonName`: restJson1 does, awsJson does not.
    fn json_options(&self) -> JsonOptions {
        JsonOptions {
            use_json_name: self.protocol == Protocol::RestJson,
            ..Default::default()
        }
    }

    /// A note naming the traits awso cannot express yet, appended to failure messages.
    fn bindings_note(&self) -> String {
        if self.unsupported_traits.is_empty() {
            return String::new();
        }
        // One entry per trait: `location=header: Foo.bar (+3 more)`.
        let mut kinds: Vec<(&str, &str, usize)> = Vec::new();
        for b in self.unsupported_traits {
            let (what, kind) = match b.rsplit_once(" (") {
                Some((what, kind)) => (what, kind.trim_end_matches(')')),
                None => ("", *b),
            };
            match kinds.iter_mut().find(|(k, _, _)| *k == kind) {
                Some(entry) => entry.2 += 1,
                None => kinds.push((kind, what, 1)),
            }
        }
        let parts: Vec<String> = kinds
            .iter()
            .map(|(kind, what, n)| match (what.is_empty(), n) {
                (true, _) => kind.to_string(),
                (false, 1) => format!("{kind}: {what}"),
                (false, n) => format!("{kind}: {what} (+{} more)", n - 1),
            })
            .collect();
        format!(" [model traits not generated: {}]", parts.join("; "))
    }
}

/// The request a case expects (`serialized`).
#[derive(Debug, Clone, Copy)]
pub struct ExpectedRequest {
    /// HTTP method.
    pub method: Option<&'static str>,
    /// Path and query string.
    pub uri: Option<&'static str>,
    /// Headers that must be sent with these values.
    pub headers: &'static [(&'static str, &'static str)],
    /// Headers that must not be sent.
    pub forbid_headers: &'static [&'static str],
    /// Headers that must be sent, with any value.
    pub require_headers: &'static [&'static str],
    /// The body, when the case checks it.
    pub body: Option<&'static str>,
    /// The host, when the case checks it.
    pub host: Option<&'static str>,
}

/// The request the harness built from awso's output.
#[derive(Debug, Clone, Default)]
pub struct ActualRequest {
    /// HTTP method.
    pub method: String,
    /// Path and query string.
    pub uri: String,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

/// A response a case parses.
#[derive(Debug, Clone, Copy)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: &'static [(&'static str, &'static str)],
    /// Body text (base64 for CBOR).
    pub body: &'static str,
}

impl Response {
    /// A header by name, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&'static str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// How a body is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// As JSON values.
    Json,
    /// As canonical XML.
    Xml,
    /// As sets of query parameters.
    Query,
    /// As decoded CBOR (the expected body is base64).
    Cbor,
}

// ---------------------------------------------------------------------------------------------
// Literal helpers used by the generated code

/// A timestamp from epoch seconds (params and results hold epoch numbers).
pub fn timestamp(epoch_seconds: f64) -> Result<Timestamp, String> {
    Timestamp::from_epoch_f64(epoch_seconds)
        .map_err(|e| format!("bad timestamp {epoch_seconds} in the case: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Requests

/// Compares what the harness built with what the case expects.
pub fn compare_request(
    actual: &ActualRequest,
    expected: &ExpectedRequest,
    format: BodyFormat,
) -> CaseResult {
    if let Some(m) = expected.method {
        if m != actual.method {
            return Err(format!("method: expected {m}, got {}", actual.method));
        }
    }
    if let Some(u) = expected.uri {
        if u != actual.uri {
            return Err(format!("uri: expected {u:?}, got {:?}", actual.uri));
        }
    }
    if let Some(h) = expected.host {
        return Err(format!(
            "expected host {h:?}: endpoint host prefixes and paths need the HTTP layer"
        ));
    }
    let find = |name: &str| {
        actual
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    for (name, value) in expected.headers {
        match find(name) {
            Some(v) if v == *value => {}
            Some(v) => return Err(format!("header {name}: expected {value:?}, got {v:?}")),
            None => {
                return Err(format!(
                    "expected header {name}: {value:?}, which the harness cannot produce (needs the HTTP layer)"
                ))
            }
        }
    }
    for name in expected.forbid_headers {
        if find(name).is_some() {
            return Err(format!("header {name} must not be sent"));
        }
    }
    for name in expected.require_headers {
        if find(name).is_none() {
            return Err(format!(
                "expected a {name} header, which the harness cannot produce (needs the HTTP layer)"
            ));
        }
    }
    if let Some(body) = expected.body {
        match format {
            BodyFormat::Json => compare_json(body.as_bytes(), &actual.body)?,
            BodyFormat::Xml => compare_xml(body, &String::from_utf8_lossy(&actual.body))?,
            BodyFormat::Query => compare_query(body, &String::from_utf8_lossy(&actual.body))?,
            BodyFormat::Cbor => compare::compare_cbor(body, &actual.body)?,
        }
    }
    Ok(())
}

/// Headers every request with a body has. The HTTP layer will set `Content-Length` from the
/// body; until it lands the harness does.
fn content_length(body: &[u8]) -> Option<(String, String)> {
    (!body.is_empty()).then(|| ("Content-Length".into(), body.len().to_string()))
}

/// awsJson1_0 / awsJson1_1: the body from the derived code, with the protocol's constants.
pub fn check_aws_json_input<T: AwsShape>(
    input: &T,
    op: &Operation,
    expected: &ExpectedRequest,
) -> CaseResult {
    let body = awso::json::to_vec_with(input, &op.json_options());
    // Protocol constants of awsJson: POST to "/", `X-Amz-Target` and the JSON content type.
    // They belong to the operations/HTTP layer, which awso does not have yet, so the harness
    // computes them from the suite metadata here.
    let actual = ActualRequest {
        method: "POST".into(),
        uri: "/".into(),
        headers: vec![
            (
                "X-Amz-Target".into(),
                format!("{}.{}", op.target_prefix, op.name),
            ),
            (
                "Content-Type".into(),
                format!("application/x-amz-json-{}", op.json_version),
            ),
        ]
        .into_iter()
        .chain(content_length(&body))
        .collect(),
        body,
    };
    compare_request(&actual, expected, BodyFormat::Json).map_err(|e| e + &op.bindings_note())
}

/// restJson1: only the body exists yet (members bound to the HTTP message are not generated).
pub fn check_rest_json_input<T: AwsShape>(
    input: &T,
    op: &Operation,
    expected: &ExpectedRequest,
) -> CaseResult {
    let body = awso::json::to_vec_with(input, &op.json_options());
    // Until the HTTP layer lands: the method and path of the operation as modelled, and the
    // JSON content type. Any binding (label, query string, header) is left to the HTTP layer.
    let mut headers: Vec<_> = content_length(&body).into_iter().collect();
    if !body.is_empty() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    let actual = ActualRequest {
        method: op.method.into(),
        uri: op.request_uri.into(),
        headers,
        body,
    };
    compare_request(&actual, expected, BodyFormat::Json).map_err(|e| e + &op.bindings_note())
}

/// restXml.
pub fn check_rest_xml_input<T: AwsShape>(
    input: &T,
    op: &Operation,
    expected: &ExpectedRequest,
) -> CaseResult {
    let body = serialize_rest_xml_body(input, op.root).map_err(|e| e + &op.bindings_note())?;
    let actual = ActualRequest {
        method: op.method.into(),
        uri: op.request_uri.into(),
        headers: content_length(&body).into_iter().collect(),
        body,
    };
    compare_request(&actual, expected, BodyFormat::Xml).map_err(|e| e + &op.bindings_note())
}

/// awsQuery.
pub fn check_query_input<T: AwsShape>(
    input: &T,
    op: &Operation,
    expected: &ExpectedRequest,
) -> CaseResult {
    let body = serialize_query_body(input, op.name, op.api_version)
        .map_err(|e| e + &op.bindings_note())?;
    let actual = ActualRequest {
        method: "POST".into(),
        uri: "/".into(),
        headers: vec![(
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        )]
        .into_iter()
        .chain(content_length(&body))
        .collect(),
        body,
    };
    compare_request(&actual, expected, BodyFormat::Query).map_err(|e| e + &op.bindings_note())
}

/// ec2Query.
pub fn check_ec2_input<T: AwsShape>(
    input: &T,
    op: &Operation,
    expected: &ExpectedRequest,
) -> CaseResult {
    let body =
        serialize_ec2_body(input, op.name, op.api_version).map_err(|e| e + &op.bindings_note())?;
    let actual = ActualRequest {
        method: "POST".into(),
        uri: "/".into(),
        headers: vec![(
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        )]
        .into_iter()
        .chain(content_length(&body))
        .collect(),
        body,
    };
    compare_request(&actual, expected, BodyFormat::Query).map_err(|e| e + &op.bindings_note())
}

/// rpcv2Cbor.
pub fn check_cbor_input<T: AwsShape>(
    input: &T,
    op: &Operation,
    expected: &ExpectedRequest,
) -> CaseResult {
    let body = serialize_cbor_body(input).map_err(|e| e + &op.bindings_note())?;
    let actual = ActualRequest {
        method: "POST".into(),
        uri: format!("/service/{}/operation/{}", op.target_prefix, op.name),
        headers: content_length(&body).into_iter().collect(),
        body,
    };
    compare_request(&actual, expected, BodyFormat::Cbor).map_err(|e| e + &op.bindings_note())
}

// ---------------------------------------------------------------------------------------------
// Hooks for the wire formats being built elsewhere. Each returns an error until its issue lands.

/// awsQuery request body (`Action=...&Version=...&...`).
pub fn serialize_query_body<T: AwsShape>(
    _input: &T,
    _action: &str,
    _version: &str,
) -> Result<Vec<u8>, String> {
    Err("awsQuery serialization not built yet".into())
}

/// ec2Query request body.
pub fn serialize_ec2_body<T: AwsShape>(
    _input: &T,
    _action: &str,
    _version: &str,
) -> Result<Vec<u8>, String> {
    Err("ec2Query serialization not built yet".into())
}

/// restXml request body; `root` is the root element name given by the operation.
pub fn serialize_rest_xml_body<T: AwsShape>(
    _input: &T,
    _root: Option<&str>,
) -> Result<Vec<u8>, String> {
    Err("restXml serialization not built yet".into())
}

/// rpcv2Cbor request body.
pub fn serialize_cbor_body<T: AwsShape>(_input: &T) -> Result<Vec<u8>, String> {
    Err("rpcv2Cbor serialization not built yet".into())
}

/// awsQuery response body (`<OpResponse><OpResult>...`).
pub fn parse_query_output<T: AwsShape>(_body: &[u8], _operation: &str) -> Result<T, String> {
    Err("awsQuery response parsing not built yet".into())
}

/// ec2Query response body.
pub fn parse_ec2_output<T: AwsShape>(_body: &[u8], _operation: &str) -> Result<T, String> {
    Err("ec2Query response parsing not built yet".into())
}

/// restXml response body.
pub fn parse_rest_xml_output<T: AwsShape>(_body: &[u8]) -> Result<T, String> {
    Err("restXml response parsing not built yet".into())
}

/// rpcv2Cbor response body.
pub fn parse_cbor_output<T: AwsShape>(_body: &[u8]) -> Result<T, String> {
    Err("rpcv2Cbor response parsing not built yet".into())
}

/// awsQuery error response.
pub fn parse_query_error<E: AwsError>(_response: &Response) -> Result<E, String> {
    Err("awsQuery error parsing not built yet".into())
}

/// ec2Query error response.
pub fn parse_ec2_error<E: AwsError>(_response: &Response) -> Result<E, String> {
    Err("ec2Query error parsing not built yet".into())
}

/// restXml error response.
pub fn parse_rest_xml_error<E: AwsError>(_response: &Response) -> Result<E, String> {
    Err("restXml error parsing not built yet".into())
}

/// rpcv2Cbor error response.
pub fn parse_cbor_error<E: AwsError>(_response: &Response) -> Result<E, String> {
    Err("rpcv2Cbor error parsing not built yet".into())
}

// ---------------------------------------------------------------------------------------------
// Responses

/// Compares values by their `Debug` form, so NaN equals NaN.
pub fn compare_debug<T: Debug>(expected: &T, actual: &T) -> CaseResult {
    let (e, a) = (format!("{expected:?}"), format!("{actual:?}"));
    if e == a {
        Ok(())
    } else {
        Err(format!("expected {e}, got {a}"))
    }
}

fn compare_output<T: Debug>(expected: &T, parsed: Result<T, String>, op: &Operation) -> CaseResult {
    let actual = parsed.map_err(|e| e + &op.bindings_note())?;
    compare_debug(expected, &actual).map_err(|e| e + &op.bindings_note())
}

/// JSON protocols (awsJson, restJson1): parses the body with the derived code.
pub fn check_json_output<T: AwsShape + Debug>(
    expected: &T,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    // An empty body is an output with no members.
    let body = if response.body.trim().is_empty() {
        "{}"
    } else {
        response.body
    };
    let parsed = awso::json::from_slice_with::<T>(body.as_bytes(), &op.json_options())
        .map_err(|e| e.to_string());
    compare_output(expected, parsed, op)
}

/// restXml.
pub fn check_rest_xml_output<T: AwsShape + Debug>(
    expected: &T,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    compare_output(
        expected,
        parse_rest_xml_output(response.body.as_bytes()),
        op,
    )
}

/// awsQuery.
pub fn check_query_output<T: AwsShape + Debug>(
    expected: &T,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    compare_output(
        expected,
        parse_query_output(response.body.as_bytes(), op.name),
        op,
    )
}

/// ec2Query.
pub fn check_ec2_output<T: AwsShape + Debug>(
    expected: &T,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    compare_output(
        expected,
        parse_ec2_output(response.body.as_bytes(), op.name),
        op,
    )
}

/// rpcv2Cbor (the body is base64 in the case).
pub fn check_cbor_output<T: AwsShape + Debug>(
    expected: &T,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    let body = compare::decode_base64(response.body)?;
    compare_output(expected, parse_cbor_output(&body), op)
}

fn compare_error<E: AwsError + Debug>(
    expected: &E,
    code: &str,
    message: Option<&str>,
    actual: Result<E, String>,
    op: &Operation,
) -> CaseResult {
    let actual = actual.map_err(|e| e + &op.bindings_note())?;
    if actual.code() != code {
        return Err(format!(
            "error code: expected {code:?}, got {:?} ({actual:?})",
            actual.code()
        ));
    }
    if let Some(m) = message {
        if actual.message() != Some(m) {
            return Err(format!(
                "error message: expected {m:?}, got {:?}",
                actual.message()
            ));
        }
    }
    compare_debug(expected, &actual).map_err(|e| e + &op.bindings_note())
}

/// JSON error responses: the code from `x-amzn-query-error`, `x-amzn-errortype` or the body,
/// then the errors enum.
pub fn check_json_error<E: AwsError + Debug>(
    expected: &E,
    code: &str,
    message: Option<&str>,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    let body = if response.body.trim().is_empty() {
        "{}"
    } else {
        response.body
    };
    let parsed = (|| {
        // awsQuery-compatible services: the query code in `x-amzn-query-error` wins.
        let query_code = response
            .header("x-amzn-query-error")
            .and_then(awso::error_code::from_query_error_header);
        let found = match query_code {
            Some(code) => code.to_owned(),
            None => awso::json::error_code_from_slice(
                response.header("x-amzn-errortype"),
                body.as_bytes(),
            )
            .ok_or_else(|| "no error code found in the response".to_string())?,
        };
        let value: serde_json::Value =
            serde_json::from_str(body).map_err(|e| format!("error body is not JSON: {e}"))?;
        E::error_of_json(&found, &value).map_err(|e| e.to_string())
    })();
    compare_error(expected, code, message, parsed, op)
}

/// restXml error responses.
pub fn check_rest_xml_error<E: AwsError + Debug>(
    expected: &E,
    code: &str,
    message: Option<&str>,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    compare_error(expected, code, message, parse_rest_xml_error(response), op)
}

/// awsQuery error responses.
pub fn check_query_error<E: AwsError + Debug>(
    expected: &E,
    code: &str,
    message: Option<&str>,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    compare_error(expected, code, message, parse_query_error(response), op)
}

/// ec2Query error responses.
pub fn check_ec2_error<E: AwsError + Debug>(
    expected: &E,
    code: &str,
    message: Option<&str>,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    compare_error(expected, code, message, parse_ec2_error(response), op)
}

/// rpcv2Cbor error responses.
pub fn check_cbor_error<E: AwsError + Debug>(
    expected: &E,
    code: &str,
    message: Option<&str>,
    response: &Response,
    op: &Operation,
) -> CaseResult {
    compare_error(expected, code, message, parse_cbor_error(response), op)
}

/// Counts of one protocol and direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed and are not skipped.
    pub failed: usize,
    /// Cases that are skipped (and failed, as they should).
    pub skipped: usize,
}

/// Tallies keyed by (protocol, direction).
pub type Table = BTreeMap<(&'static str, Direction), Tally>;

#[allow(missing_docs, clippy::all)]
mod generated {
    use super::{Case, Direction};
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

pub use generated::CASES;
