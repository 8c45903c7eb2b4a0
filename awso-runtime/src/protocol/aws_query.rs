//! awsQuery and ec2Query: every operation is `POST /` with the input form-encoded
//! (`Action`, `Version`, then the members by their query keys; ec2Query's key rules differ,
//! see [`crate::query`]); outputs are XML in the `{Operation}Response` /
//! `{Operation}Result` envelope (awsQuery) or under `{Operation}Response` (ec2Query), errors
//! XML in the `ErrorResponse` (awsQuery) or `Response/Errors` (ec2Query) envelope.

use super::operation::{Operation, OperationError, Protocol};
use super::{finish, host_prefixed, url};
use crate::query::{self, QueryFlavor};
use crate::{AwsError, Error};

/// The request of operation `O` for `input`.
pub(crate) fn request<O: Operation + ?Sized>(
    input: &O::Input,
    endpoint: &str,
) -> crate::Result<http::Request<Vec<u8>>> {
    let service = O::SERVICE;
    let endpoint = host_prefixed::<O>(input, endpoint)?;
    let flavor = if service.protocol == Protocol::Ec2Query {
        QueryFlavor::Ec2
    } else {
        QueryFlavor::AwsQuery
    };
    let body = query::to_query_with(input, flavor)
        .to_body(O::NAME, service.api_version)
        .into_bytes();
    let builder = http::Request::builder()
        .method("POST")
        .uri(url(&endpoint, "/"))
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .header("content-length", body.len());
    finish(builder, body)
}

/// The output or error of operation `O` from `response`.
pub(crate) fn response<O: Operation + ?Sized>(
    response: http::Response<&[u8]>,
) -> Result<O::Output, OperationError<O::Error>> {
    if response.status().is_success() {
        let text = std::str::from_utf8(response.body())
            .map_err(|_| Error::invalid("response body is not UTF-8"));
        return text
            .and_then(|text| match O::SERVICE.protocol {
                Protocol::Ec2Query => crate::xml::from_str_ec2::<O::Output>(text),
                _ => crate::xml::from_str_query::<O::Output>(text),
            })
            .map_err(|error| OperationError::unreadable(&response, error));
    }
    let error = error::<O::Error>(&response);
    Err(OperationError::of_error_response(&response, error))
}

/// Decodes an XML error response (in either envelope) into the errors enum `E`, with the
/// request id the body carries.
fn error<E: AwsError>(response: &http::Response<&[u8]>) -> crate::Result<(E, Option<String>)> {
    let parsed = crate::xml::error::XmlErrorResponse::parse(response.body(), None)?;
    let error = parsed.to_error::<E>()?;
    Ok((error, parsed.request_id))
}
