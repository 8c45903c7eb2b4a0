//! awsJson1_0 and awsJson1_1: every operation is `POST /` with the input as a JSON body,
//! `Content-Type: application/x-amz-json-1.x` and `X-Amz-Target: {prefix}.{Operation}`
//! (query-compatible services add `x-amzn-query-mode: true`); outputs are JSON bodies (an
//! empty body is an empty object), errors JSON bodies whose code comes from `x-amzn-errortype`,
//! the body's `__type` or `code`, or, for query-compatible services, `x-amzn-query-error`.
//! `jsonName` is not honoured (restJson1 honours it).

use super::operation::{Operation, OperationError, Protocol};
use super::{finish, header, host_prefixed, url};
use crate::json::{self, JsonOptions};
use crate::{AwsError, Error};

/// The JSON options of the awsJson protocols.
fn options() -> JsonOptions {
    JsonOptions {
        use_json_name: false,
        ..JsonOptions::default()
    }
}

/// An empty (or blank) body reads as an empty object.
pub(crate) fn or_empty_object(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

/// The request of operation `O` for `input`.
pub(crate) fn request<O: Operation + ?Sized>(
    input: &O::Input,
    endpoint: &str,
) -> crate::Result<http::Request<Vec<u8>>> {
    let service = O::SERVICE;
    let endpoint = host_prefixed::<O>(input, endpoint)?;
    let version = if service.protocol == Protocol::AwsJson1_0 {
        "1.0"
    } else {
        "1.1"
    };
    let body = json::to_vec_with(input, &options());
    let mut builder = http::Request::builder()
        .method("POST")
        .uri(url(&endpoint, "/"))
        .header("content-type", format!("application/x-amz-json-{version}"))
        .header("content-length", body.len())
        .header(
            "x-amz-target",
            format!("{}.{}", service.target_prefix, O::NAME),
        );
    if service.query_compatible {
        builder = builder.header("x-amzn-query-mode", "true");
    }
    finish(builder, body)
}

/// The output or error of operation `O` from `response`.
pub(crate) fn response<O: Operation + ?Sized>(
    response: http::Response<&[u8]>,
) -> Result<O::Output, OperationError<O::Error>> {
    if response.status().is_success() {
        return json::from_slice_with::<O::Output>(or_empty_object(response.body()), &options())
            .map_err(|error| OperationError::unreadable(&response, error));
    }
    let error = error::<O::Error>(&response, O::SERVICE.query_compatible);
    Err(OperationError::of_error_response(
        &response,
        error.map(|e| (e, None)),
    ))
}

/// The code of a JSON error response (awsJson and restJson1): from `x-amzn-query-error` when
/// the service is query-compatible (the second value says so), else from `x-amzn-errortype`
/// or the body.
pub(crate) fn error_code(
    response: &http::Response<&[u8]>,
    query_compatible: bool,
) -> crate::Result<(String, bool)> {
    let query_code = header(response, "x-amzn-query-error")
        .filter(|_| query_compatible)
        .and_then(crate::error_code::from_query_error_header);
    match query_code {
        Some(code) => Ok((code.to_owned(), true)),
        None => json::error_code_from_slice(
            header(response, "x-amzn-errortype"),
            or_empty_object(response.body()),
        )
        .map(|code| (code, false))
        .ok_or_else(|| Error::invalid("error response without an error code")),
    }
}

/// Decodes an awsJson error response into the errors enum `E`.
fn error<E: AwsError>(
    response: &http::Response<&[u8]>,
    query_compatible: bool,
) -> crate::Result<E> {
    let body = or_empty_object(response.body());
    let (code, from_query_header) = error_code(response, query_compatible)?;
    let read = |code: &str| {
        let source = json::read::SliceSource::new(body);
        E::error_deserialize(code, &mut json::JsonDeserializer::new(source, false))
    };
    let error = read(&code)?;
    if from_query_header && error.error_info().is_none() {
        // A model without the awsQuery codes (botocore's SQS) still knows the error by the
        // body's code, as botocore picks its exception class by it.
        if let Some(body_code) =
            json::error_code_from_slice(header(response, "x-amzn-errortype"), body)
        {
            if let Ok(by_body) = read(&body_code) {
                if by_body.error_info().is_some() {
                    return Ok(by_body);
                }
            }
        }
    }
    Ok(error)
}
