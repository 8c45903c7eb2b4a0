//! The rpcv2Cbor protocol's requests and responses, called by [`crate::operation`](mod@crate::operation) for
//! services declared with `protocol: Protocol::RpcV2Cbor`.
//!
//! Requests: `POST /service/{ServiceName}/operation/{OperationName}` with `smithy-protocol:
//! rpc-v2-cbor`, `Accept: application/cbor`, and the input as a CBOR body with
//! `Content-Type: application/cbor`; an input shape without members sends no body and no
//! `Content-Type`. Query-compatible services also send `x-amzn-query-mode: true`.
//!
//! Responses: an empty body is an empty output. Errors: the code is the body's `__type`
//! (normalised with [`crate::error_code::normalize`]), or, for query-compatible services, the
//! code of an `x-amzn-query-error: Code;Sender` header when present.

use super::header;
use crate::cbor::{self, CborDeserializer, CborOptions, CONTENT_TYPE};
use crate::operation::{Operation, OperationError};
use crate::{AwsError, Error};

/// The `smithy-protocol` header value of rpcv2Cbor.
pub const SMITHY_PROTOCOL: &str = "rpc-v2-cbor";

/// Builds the rpcv2Cbor request of operation `O` for `input` (called by
/// [`crate::operation::build_request`]).
pub fn build_request<O: Operation + ?Sized>(
    input: &O::Input,
    endpoint: &str,
) -> crate::Result<http::Request<Vec<u8>>> {
    let service = O::SERVICE;
    let path = format!("/service/{}/operation/{}", service.service_shape, O::NAME);
    let uri = format!("{}{path}", endpoint.trim_end_matches('/'));
    let mut builder = http::Request::builder()
        .method("POST")
        .uri(uri)
        .header("smithy-protocol", SMITHY_PROTOCOL)
        .header("accept", CONTENT_TYPE);
    // No input: no body. An input, even with nothing set: a map (`{}` at the least).
    let body = if O::HAS_INPUT {
        cbor::to_vec(input)
    } else {
        Vec::new()
    };
    if !body.is_empty() {
        builder = builder
            .header("content-type", CONTENT_TYPE)
            .header("content-length", body.len());
    }
    if service.query_compatible {
        builder = builder.header("x-amzn-query-mode", "true");
    }
    builder
        .body(body)
        .map_err(|e| Error::message(format!("cannot build the request: {e}")))
}

/// An empty body reads as an empty map.
fn body_or_empty(body: &[u8]) -> &[u8] {
    if body.is_empty() {
        &[0xa0]
    } else {
        body
    }
}

/// Parses the rpcv2Cbor response of operation `O` (called by
/// [`crate::operation::parse_response`]).
pub fn parse_response<O: Operation + ?Sized>(
    response: http::Response<&[u8]>,
) -> Result<O::Output, OperationError<O::Error>> {
    let body = body_or_empty(response.body());
    if response.status().is_success() {
        return cbor::from_slice_with::<O::Output>(body, &CborOptions::default())
            .map_err(|error| OperationError::unreadable(&response, error));
    }
    let error = error_of::<O::Error>(&response, O::SERVICE.query_compatible);
    Err(OperationError::of_error_response(
        &response,
        error.map(|e| (e, None)),
    ))
}

/// Decodes an rpcv2Cbor error response.
fn error_of<E: AwsError>(
    response: &http::Response<&[u8]>,
    query_compatible: bool,
) -> crate::Result<E> {
    let body = body_or_empty(response.body());
    let query_code = header(response, "x-amzn-query-error")
        .filter(|_| query_compatible)
        .and_then(crate::error_code::from_query_error_header);
    let code = match query_code {
        Some(code) => code.to_owned(),
        None => cbor::error_code_from_slice(body)
            .ok_or_else(|| Error::invalid("error response without an error code (__type)"))?,
    };
    let error: E = error_of_cbor(&code, body)?;
    if query_code.is_some() && error.error_info().is_none() {
        // A model without the awsQuery codes still knows the error by the body's `__type`.
        if let Some(body_code) = cbor::error_code_from_slice(body) {
            if let Ok(by_body) = error_of_cbor::<E>(&body_code, body) {
                if by_body.error_info().is_some() {
                    return Ok(by_body);
                }
            }
        }
    }
    Ok(error)
}

/// Decodes the error with the given code from an rpcv2Cbor error body.
pub fn error_of_cbor<E: AwsError>(code: &str, body: &[u8]) -> crate::Result<E> {
    let mut d = CborDeserializer::new(body_or_empty(body));
    let error = E::error_deserialize(code, &mut d)?;
    d.end()?;
    Ok(error)
}
