//! Layer 2, the protocols (sans-IO): an operation's HTTP request from its input, its output or
//! error from the HTTP response, and SigV4 signing and presigning. Pure computation over the
//! `http` crate's types; the client sends them.
//!
//! One module per AWS protocol, and one dispatch point, [`operation`](mod@operation)
//! (`build_request` and `parse_response` match the service's protocol once and call it):
//!
//! | module | protocols |
//! |---|---|
//! | `aws_json` | awsJson1_0, awsJson1_1 |
//! | `rest` (with `bindings`) | restJson1, restXml |
//! | `aws_query` | awsQuery, ec2Query |
//! | [`rpcv2_cbor`] | rpcv2Cbor |
//!
//! Beside them: [`checksum`] (flexible checksums), [`sigv4`], and [`aws_chunked`] (the
//! chunk signatures and framing of streamed S3 uploads).

pub mod aws_chunked;
pub(crate) mod aws_json;
pub(crate) mod aws_query;
pub(crate) mod bindings;
pub mod checksum;
pub mod operation;
pub(crate) mod rest;
pub mod rpcv2_cbor;
pub mod sigv4;

use std::borrow::Cow;

/// Joins the endpoint and a request path, keeping a path the endpoint already has.
pub(crate) fn url(endpoint: &str, path: &str) -> String {
    let base = endpoint.trim_end_matches('/');
    format!("{base}{path}")
}

/// A response header as text.
pub(crate) fn header<'a>(response: &'a http::Response<&[u8]>, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The request `builder` describes, with `body`.
pub(crate) fn finish(
    builder: http::request::Builder,
    body: Vec<u8>,
) -> crate::Result<http::Request<Vec<u8>>> {
    builder
        .body(body)
        .map_err(|e| crate::Error::message(format!("cannot build the request: {e}")))
}

/// The endpoint with operation `O`'s host prefix filled from `input` (the RPC protocols; the
/// REST ones fill it from the bindings they collect anyway).
pub(crate) fn host_prefixed<'e, O: operation::Operation + ?Sized>(
    input: &O::Input,
    endpoint: &'e str,
) -> crate::Result<Cow<'e, str>> {
    if O::HOST_PREFIX.is_empty() {
        return Ok(Cow::Borrowed(endpoint));
    }
    let found = bindings::collect(input, &bindings::JsonPayload);
    bindings::prefix_host(endpoint, O::HOST_PREFIX, &found).map(Cow::Owned)
}
