//! Presigned requests: an operation's request signed in its query string (SigV4 query
//! signing, `X-Amz-Expires`), for someone without credentials to send later, as the AWS
//! SDKs' `presign` / botocore's `generate_presigned_url` do.
//!
//! ```ignore
//! let get = client.presign::<GetObject>(&input, Duration::from_secs(900))?;
//! // Anyone can now GET `get.uri` (sending `get.headers`) for 15 minutes.
//! ```
//!
//! The request is built as a call builds it (endpoint, FIPS and dual-stack, S3 addressing),
//! without the headers the clients stamp on each attempt (`User-Agent`,
//! `amz-sdk-invocation-id`) nor flexible checksums. For S3 the payload is `UNSIGNED-PAYLOAD`
//! and the body is left out: whoever uses a presigned `PutObject` sends the body. Other
//! services sign the body the operation builds ([`PresignedRequest::body`]), and a
//! form-encoded body (the query protocols) moves into the query string, as botocore does.
//!
//! One difference from botocore: in the `aws` partition with S3's `auto` addressing,
//! botocore presigns for the global endpoint (`bucket.s3.amazonaws.com`) whatever the
//! region; awso presigns for the region's endpoint, as the other AWS SDKs do.

use crate::call::Settings;
use crate::credentials::Credentials;
use awso_runtime::operation::Operation;
use awso_runtime::sigv4::{self, Payload, SigningParams};
use awso_runtime::{Error, Result};
use std::time::Duration;

/// A presigned request: send `method` to `uri` with `headers` (and `body`) within the
/// expiry, with no credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PresignedRequest {
    /// The HTTP method.
    pub method: http::Method,
    /// The URL, its `X-Amz-*` query parameters carrying the signature.
    pub uri: http::Uri,
    /// The headers that were signed and must be sent as they are (`content-type`,
    /// `x-amz-meta-*`, ...); `host` is the URL's.
    pub headers: http::HeaderMap,
    /// The body the signature covers: empty for S3 (any body may be sent), the operation's
    /// body otherwise.
    pub body: Vec<u8>,
}

impl PresignedRequest {
    /// The request as an `http::Request`, with `body` (S3: the object to upload, or
    /// nothing).
    pub fn to_request(&self, body: Vec<u8>) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(body);
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request
    }
}

/// The longest expiry SigV4 allows: 7 days.
pub const MAX_EXPIRES_IN: Duration = Duration::from_secs(sigv4::MAX_PRESIGN_EXPIRES);

impl Settings {
    /// The presigned request of `O` for `input`, signed with `credentials` at the signing
    /// time, valid for `expires_in` (1 s to 7 days, whole seconds).
    pub(crate) fn presign_with<O: Operation>(
        &self,
        input: &O::Input,
        expires_in: Duration,
        credentials: &Credentials,
    ) -> Result<PresignedRequest> {
        if self.validate {
            awso_runtime::AwsShape::validate(input)
                .map_err(|v| Error::message(format!("invalid input, not presigned: {v}")))?;
        }
        if expires_in < Duration::from_secs(1) || expires_in > MAX_EXPIRES_IN {
            return Err(Error::message(format!(
                "presign: expires_in must be 1 s to 7 days, not {expires_in:?}"
            )));
        }
        let (mut request, endpoint) = self.unsigned_request::<O>(input)?;
        let s3 = O::SERVICE.signing_name == "s3";
        if s3 {
            request.body_mut().clear();
            request.headers_mut().remove(http::header::CONTENT_LENGTH);
        } else if request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .is_some_and(|t| {
                t.as_bytes()
                    .starts_with(b"application/x-www-form-urlencoded")
            })
        {
            let form = String::from_utf8(std::mem::take(request.body_mut()))
                .map_err(|_| Error::message("presign: the form body is not UTF-8"))?;
            let uri = request.uri();
            let query = match uri.query() {
                Some(q) if !q.is_empty() => format!("{q}&{form}"),
                _ => form,
            };
            let uri = format!(
                "{}://{}{}?{query}",
                uri.scheme_str().unwrap_or("https"),
                uri.authority().map_or("", |a| a.as_str()),
                uri.path()
            );
            *request.uri_mut() = uri
                .parse()
                .map_err(|_| Error::message("presign: cannot build the URL"))?;
            let headers = request.headers_mut();
            headers.remove(http::header::CONTENT_TYPE);
            headers.remove(http::header::CONTENT_LENGTH);
        }
        let time = self.signing_time();
        let region = endpoint.signing_region.as_str();
        let params = if s3 {
            SigningParams {
                payload: Payload::Unsigned,
                ..SigningParams::s3(credentials, region, time)
            }
        } else {
            SigningParams::new(credentials, region, O::SERVICE.signing_name, time)
        };
        let uri = sigv4::presign(&request, &params, expires_in)?;
        let (parts, body) = request.into_parts();
        Ok(PresignedRequest {
            method: parts.method,
            uri,
            headers: parts.headers,
            body,
        })
    }
}
