//! The AWS protocol conformance harness of awso.
//!
//! `build.rs` turns every botocore protocol test suite under `tests/protocol-tests/` into Rust:
//! the suite's shapes become `#[derive(AwsShape)]` types, its service and operations
//! `awso::service!` / `awso::operation!` declarations, and each case a function that builds the
//! input (or the expected output) as a struct literal and hands it to [`check_request`],
//! [`check_response`] or [`check_error`]. Those call the operation's
//! [`Operation::request`] / [`Operation::response`]: every byte on the wire, every header,
//! the method and the URI are produced or read by awso; this crate only compares.
//!
//! rpcv2Cbor bodies are binary: the cases give them in base64, compared as decoded CBOR.

use awso::operation::{Operation, OperationError};
use awso::{AwsError, Timestamp};
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
    /// The host (and endpoint path), when the case checks it.
    pub host: Option<&'static str>,
}

/// A response a case parses.
#[derive(Debug, Clone, Copy)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: &'static [(&'static str, &'static str)],
    /// Body text (base64 when `body_base64`).
    pub body: &'static str,
    /// Whether `body` is base64 (binary bodies: rpcv2Cbor).
    pub body_base64: bool,
}

impl Response {
    /// The `http::Response` that awso reads (its body decoded from base64 when it is binary).
    pub fn to_http(&self) -> Result<awso::http::Response<Vec<u8>>, String> {
        let mut b = awso::http::Response::builder().status(self.status);
        for (k, v) in self.headers {
            b = b.header(*k, *v);
        }
        let body = if self.body_base64 {
            compare::decode_base64(self.body)
                .map_err(|e| format!("the case's response body is not base64: {e}"))?
        } else {
            self.body.as_bytes().to_vec()
        };
        b.body(body)
            .map_err(|e| format!("the case's response is not a valid HTTP response: {e}"))
    }
}

/// Hands `response` to operation `O`, as awso reads it: a response borrowing its body.
fn read_response<O: Operation>(
    response: &Response,
) -> Result<Result<O::Output, OperationError<O::Error>>, String> {
    let (parts, body) = response.to_http()?.into_parts();
    Ok(O::response(awso::http::Response::from_parts(
        parts,
        body.as_slice(),
    )))
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
    /// Byte for byte (blob and string payloads).
    Raw,
}

// ---------------------------------------------------------------------------------------------
// Literal helpers used by the generated code

/// A timestamp from epoch seconds (params and results hold epoch numbers).
pub fn timestamp(epoch_seconds: f64) -> Result<Timestamp, String> {
    Timestamp::from_epoch_f64(epoch_seconds)
        .map_err(|e| format!("bad timestamp {epoch_seconds} in the case: {e}"))
}

/// Model traits of the case that awso has no attribute for yet, appended to failure messages.
fn with_notes(message: String, notes: &[&str]) -> String {
    if notes.is_empty() {
        message
    } else {
        format!(
            "{message} [model traits not generated: {}]",
            notes.join("; ")
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Requests

/// The query string of a URI as decoded `(name, value)` pairs, grouped by name (stable: the
/// values of one name keep their order, which the cases mean; the order of names does not
/// matter).
pub fn query_pairs(query: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        pairs.push((compare::percent_decode(k)?, compare::percent_decode(v)?));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pairs)
}

/// The media type of a `Content-Type` value, without parameters (`; charset=utf-8`).
fn media_type(v: &str) -> String {
    v.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Builds the request of operation `O` with awso and compares it with what the case expects:
/// method, host, path (exactly), query parameters, headers (names case-insensitive;
/// `Content-Type` by media type), forbidden and required headers, and the body.
pub fn check_request<O: Operation>(
    input: &O::Input,
    endpoint: &str,
    expected: &ExpectedRequest,
    format: BodyFormat,
    notes: &[&str],
) -> CaseResult {
    // The cases expect the token an SDK's test generator gives.
    let request = awso::operation::with_idempotency_tokens(
        || "00000000-0000-4000-8000-000000000000".to_owned(),
        || O::request(input, endpoint),
    )
    .map_err(|e| with_notes(format!("request not built: {e}"), notes))?;
    compare_request(&request, expected, format).map_err(|e| with_notes(e, notes))
}

/// Compares a built request with what the case expects (see [`check_request`]).
pub fn compare_request(
    request: &awso::http::Request<Vec<u8>>,
    expected: &ExpectedRequest,
    format: BodyFormat,
) -> CaseResult {
    let method = request.method().as_str();
    if let Some(m) = expected.method {
        if m != method {
            return Err(format!("method: expected {m}, got {method}"));
        }
    }
    let uri = request.uri();
    if let Some(h) = expected.host {
        let host = h.split('/').next().unwrap_or(h);
        let actual = uri.authority().map_or("", |a| a.as_str());
        if host != actual {
            return Err(format!("host: expected {host:?}, got {actual:?}"));
        }
    }
    if let Some(u) = expected.uri {
        let (path, query) = u.split_once('?').unwrap_or((u, ""));
        if path != uri.path() {
            return Err(format!("path: expected {path:?}, got {:?}", uri.path()));
        }
        let (e, a) = (query_pairs(query)?, query_pairs(uri.query().unwrap_or(""))?);
        if e != a {
            return Err(format!(
                "query string: expected {query:?}, got {:?}",
                uri.query().unwrap_or("")
            ));
        }
    }
    let find = |name: &str| {
        request
            .headers()
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .reduce(|a, b| format!("{a}, {b}"))
    };
    for (name, value) in expected.headers {
        let ok = |v: &str| {
            if name.eq_ignore_ascii_case("content-type") {
                media_type(v) == media_type(value)
            } else {
                v == *value
            }
        };
        match find(name) {
            Some(v) if ok(&v) => {}
            Some(v) => return Err(format!("header {name}: expected {value:?}, got {v:?}")),
            None => return Err(format!("header {name}: expected {value:?}, not sent")),
        }
    }
    for name in expected.forbid_headers {
        if let Some(v) = find(name) {
            return Err(format!("header {name} must not be sent (sent {v:?})"));
        }
    }
    for name in expected.require_headers {
        if find(name).is_none() {
            return Err(format!("header {name} must be sent, was not"));
        }
    }
    if let Some(body) = expected.body {
        let actual = request.body();
        match format {
            BodyFormat::Json => compare_json(body.as_bytes(), actual)?,
            BodyFormat::Xml => compare_xml(body, &String::from_utf8_lossy(actual))?,
            BodyFormat::Query => compare_query(body, &String::from_utf8_lossy(actual))?,
            BodyFormat::Cbor => compare::compare_cbor(body, actual)?,
            BodyFormat::Raw if body.as_bytes() == actual.as_slice() => {}
            BodyFormat::Raw => {
                return Err(format!(
                    "body: expected {body:?}, got {:?}",
                    String::from_utf8_lossy(actual)
                ))
            }
        }
    }
    Ok(())
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

fn describe<E: Debug>(e: &OperationError<E>) -> String {
    match e {
        OperationError::Service { error, status, .. } => {
            format!("service error (HTTP {status}): {error:?}")
        }
        OperationError::Response { status, error, .. } => {
            format!("response not read (HTTP {status}): {error}")
        }
        other => format!("request error: {other:?}"),
    }
}

/// Reads the case's response with operation `O` and compares the output.
pub fn check_response<O: Operation>(
    expected: &O::Output,
    response: &Response,
    notes: &[&str],
) -> CaseResult
where
    O::Output: Debug,
    O::Error: Debug,
{
    let output = read_response::<O>(response)?
        .map_err(|e| with_notes(format!("expected an output, got {}", describe(&e)), notes))?;
    compare_debug(expected, &output).map_err(|e| with_notes(e, notes))
}

/// Reads the case's error response with operation `O` and compares the error: variant and
/// fields (`Debug`), `code()` and, when the case gives one, `message()`.
pub fn check_error<O: Operation>(
    expected: &O::Error,
    code: &str,
    message: Option<&str>,
    response: &Response,
    notes: &[&str],
) -> CaseResult
where
    O::Output: Debug,
    O::Error: Debug,
{
    let actual = match read_response::<O>(response)? {
        Ok(output) => {
            return Err(with_notes(
                format!("expected error {code}, got output {output:?}"),
                notes,
            ))
        }
        Err(OperationError::Service { error, .. }) => error,
        Err(e) => {
            return Err(with_notes(
                format!("expected error {code}, got {}", describe(&e)),
                notes,
            ))
        }
    };
    // The code botocore reports: for an awsQuery-compatible service, the awsQuery code of
    // the `x-amzn-query-error` header, which `code()` gives for an error with a `query_code`.
    if actual.code() != code {
        return Err(with_notes(
            format!(
                "error code: expected {code:?}, got {:?} ({actual:?})",
                actual.code()
            ),
            notes,
        ));
    }
    if let Some(m) = message {
        if actual.message() != Some(m) {
            return Err(with_notes(
                format!("error message: expected {m:?}, got {:?}", actual.message()),
                notes,
            ));
        }
    }
    compare_debug(expected, &actual).map_err(|e| with_notes(e, notes))
}

/// Counts of one protocol and direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed and are not skipped, known failures included.
    pub failed: usize,
    /// Of `failed`, those listed under `[known-failures]` (awso is wrong; the run goes on).
    pub known: usize,
    /// Cases that are skipped (and failed, as they should).
    pub skipped: usize,
}

/// Tallies keyed by (protocol, direction).
pub type Table = BTreeMap<(&'static str, Direction), Tally>;

// Left out of the unit-test build of this library: the cases run from `tests/conformance.rs`,
// and compiling the generated code twice would double the build time.
#[cfg(not(test))]
#[allow(missing_docs, clippy::all)]
mod generated {
    use super::{Case, Direction};
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

#[cfg(not(test))]
pub use generated::CASES;

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str, headers: &[(&str, &str)], body: &str) -> awso::http::Request<Vec<u8>> {
        let mut b = awso::http::Request::builder().method("POST").uri(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(body.as_bytes().to_vec()).unwrap()
    }

    const EXPECTED: ExpectedRequest = ExpectedRequest {
        method: Some("POST"),
        uri: Some("/a%2Fb?k=1&k=2&j=x%20y"),
        headers: &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-Foo", "a, b"),
        ],
        forbid_headers: &["X-Bar"],
        require_headers: &["Content-Length"],
        body: Some("Action=Op&Version=1&A.1=x"),
        host: Some("example.com"),
    };

    #[test]
    fn requests_compare_as_the_cases_mean_them() {
        let headers = [
            (
                "content-type",
                "application/x-www-form-urlencoded; charset=utf-8",
            ),
            ("x-foo", "a, b"),
            ("content-length", "25"),
        ];
        let ok = request(
            "https://example.com/a%2Fb?j=x+y&k=1&k=2",
            &headers,
            "Version=1&A.1=x&Action=Op",
        );
        assert_eq!(compare_request(&ok, &EXPECTED, BodyFormat::Query), Ok(()));
        // The values of one query parameter keep their order; the path is exact.
        let bad = [
            "https://example.com/a%2Fb?k=2&k=1&j=x+y",
            "https://example.com/a/b?k=1&k=2&j=x+y",
            "https://foo.example.com/a%2Fb?k=1&k=2&j=x+y",
        ];
        for uri in bad {
            let r = request(uri, &headers, "Version=1&A.1=x&Action=Op");
            assert!(
                compare_request(&r, &EXPECTED, BodyFormat::Query).is_err(),
                "{uri}"
            );
        }
        let mut forbidden = headers.to_vec();
        forbidden.push(("X-Bar", "1"));
        let r = request("https://example.com/a%2Fb?k=1&k=2&j=x+y", &forbidden, "");
        assert!(compare_request(&r, &EXPECTED, BodyFormat::Query)
            .unwrap_err()
            .contains("X-Bar"));
        let r = request("https://example.com/a%2Fb?k=1&k=2&j=x+y", &headers[..2], "");
        assert!(compare_request(&r, &EXPECTED, BodyFormat::Query)
            .unwrap_err()
            .contains("Content-Length"));
        let wrong = [("content-type", "application/json"), headers[1], headers[2]];
        let r = request("https://example.com/a%2Fb?k=1&k=2&j=x+y", &wrong, "");
        assert!(compare_request(&r, &EXPECTED, BodyFormat::Query).is_err());
    }

    #[test]
    fn raw_bodies_compare_byte_for_byte() {
        let expected = ExpectedRequest {
            body: Some("{\"a\": 1}"),
            uri: None,
            headers: &[],
            forbid_headers: &[],
            require_headers: &[],
            host: None,
            ..EXPECTED
        };
        let r = request("https://example.com/", &[], "{\"a\":1}");
        assert!(compare_request(&r, &expected, BodyFormat::Raw).is_err());
        assert_eq!(compare_request(&r, &expected, BodyFormat::Json), Ok(()));
    }
}
