//! AWS Signature Version 4: signing requests in headers ([`sign`]) and presigned URLs
//! ([`presign`]).
//!
//! Sans-IO: [`sign`] adds `X-Amz-Date`, `X-Amz-Security-Token`, `X-Amz-Content-Sha256` (when
//! asked) and `Authorization` to an [`http::Request<Vec<u8>>`]; [`presign`] returns the URL with
//! the `X-Amz-*` query parameters. Both are thin wrappers over [`compute`], which works on the
//! raw parts of a request ([`SignableRequest`]) and returns every intermediate step
//! ([`SigningOutput`]: canonical request, string to sign, signature), for debugging a
//! `SignatureDoesNotMatch`.
//!
//! Checked against every vector of the AWS SigV4 test suite (`tests/sigv4-suite/`) and against
//! botocore's `SigV4Auth` / `S3SigV4Auth`.
//!
//! ```
//! use awso_runtime::sigv4::{self, Credentials, SigningParams};
//! use awso_runtime::Timestamp;
//!
//! let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
//! let mut request = http::Request::post("https://sqs.us-east-1.amazonaws.com/")
//!     .header("content-type", "application/x-amz-json-1.0")
//!     .body(b"{}".to_vec())?;
//! let params = SigningParams::new(&creds, "us-east-1", "sqs", Timestamp::from_secs(1_440_938_160));
//! sigv4::sign(&mut request, &params)?;
//! assert!(request.headers()["authorization"]
//!     .to_str()?
//!     .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sqs/aws4_request, "));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The rules, as implemented
//!
//! - **Path**: empty is `/`. With [`SigningParams::normalize_path`] (every service but S3),
//!   `.` and `..` segments are resolved (RFC 3986 §5.2.4) and empty segments dropped
//!   (`//a//` is `/a/`). With [`SigningParams::double_encode_path`] (every service but S3), the
//!   path as sent (already percent-encoded) is encoded once more: every byte but the unreserved
//!   `A-Z a-z 0-9 - . _ ~` and `/` becomes `%XX`, so `%3A` is signed as `%253A`. S3 signs the
//!   path as sent, neither normalized nor re-encoded: use [`SigningParams::s3`].
//! - **Query**: split on `&`, each `name=value` percent-decoded (`+` is a space, as AWS reads
//!   it), re-encoded with only the unreserved characters left bare (space is `%20`), then
//!   sorted by encoded name, then encoded value. `name` without `=` is `name=`.
//! - **Headers**: every header is signed but `authorization`, `user-agent`,
//!   `x-amzn-trace-id` and the hop-by-hop headers (`connection`, `expect`, `keep-alive`,
//!   `proxy-authenticate`, `proxy-authorization`, `te`, `trailer`, `transfer-encoding`,
//!   `upgrade`), as botocore does; and, in presigned URLs, `x-amz-user-agent` and
//!   `x-amz-checksum-mode`. Names are lower-cased; values trimmed, runs of
//!   whitespace (space, tab, CR, LF: folded lines too) made one space; repeated headers are
//!   joined with `,` in the order they appear. `host` comes from the `Host` header if the
//!   request has one, otherwise from the URI's authority, without a default port (`:443` for
//!   https, `:80` for http), as HTTP clients send it.
//! - **Payload**: [`Payload::Signed`] hashes the body (SHA-256, hex); [`Payload::Unsigned`]
//!   signs the literal `UNSIGNED-PAYLOAD` (S3, and S3 presigned URLs);
//!   [`Payload::Precomputed`] a hash the caller has. [`SigningParams::content_sha256_header`]
//!   also sends it as `x-amz-content-sha256` (S3 requires it), signed.
//! - **Session token**: `X-Amz-Security-Token` (header, or query parameter in a presigned
//!   URL) is signed by default; [`SessionTokenMode::AddedAfterSigning`] adds it unsigned, for
//!   the few services that want that.
//! - **Presigned URLs**: `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`
//!   (1 to 604800 seconds), `X-Amz-SignedHeaders` (and the token) are signed as query
//!   parameters; `X-Amz-Signature` is appended last.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::percent::{self, Escape};
use crate::{Error, Result, Timestamp};

/// An access key, its secret, and a session token for temporary credentials.
///
/// `Debug` redacts the secret and the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The access key id (`AKIA...`, or `ASIA...` for temporary credentials).
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token of temporary credentials (`X-Amz-Security-Token`).
    pub session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &crate::Redacted)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| crate::Redacted),
            )
            .finish()
    }
}

/// The signing algorithm name, first line of the string to sign.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The payload hash of an unsigned payload.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// The longest a presigned URL may be valid: 7 days, in seconds (AWS rejects more).
pub const MAX_PRESIGN_EXPIRES: u64 = 604_800;

/// Headers never signed: the signature itself, and those that proxies or the HTTP client
/// may change (hop-by-hop headers): botocore's list.
const EXCLUDED_HEADERS: &[&str] = &[
    "authorization",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// Headers also left out of presigned URLs (the client adds them when it fetches the URL).
const EXCLUDED_PRESIGN_HEADERS: &[&str] = &["x-amz-user-agent", "x-amz-checksum-mode"];

/// What the signature says about the body.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Payload {
    /// The SHA-256 of the body is signed (the default).
    #[default]
    Signed,
    /// The body is not signed: the payload hash is `UNSIGNED-PAYLOAD` (S3 over HTTPS, and
    /// S3 presigned URLs).
    Unsigned,
    /// A payload hash computed by the caller (lower-case hex SHA-256, or a literal such as
    /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`), signed as given.
    Precomputed(String),
}

/// Whether the session token is part of the signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SessionTokenMode {
    /// `X-Amz-Security-Token` is signed (every service, normally).
    #[default]
    Signed,
    /// `X-Amz-Security-Token` is added to the request after signing, unsigned.
    AddedAfterSigning,
}

/// Where the signature goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureLocation {
    /// The `Authorization` header (with `X-Amz-Date` and friends as headers).
    Headers,
    /// Query parameters: a presigned URL valid for `expires_in` seconds (`X-Amz-Expires`).
    QueryParams {
        /// Seconds the URL stays valid, 1 to [`MAX_PRESIGN_EXPIRES`].
        expires_in: u64,
    },
}

/// What to sign with, and the service's signing rules.
///
/// [`SigningParams::new`] has the rules of every service but S3; [`SigningParams::s3`] those
/// of S3. The fields are public: adjust them as a service needs.
#[derive(Clone, Debug)]
pub struct SigningParams<'a> {
    /// The credentials (access key, secret key, optional session token).
    pub credentials: &'a Credentials,
    /// The signing region (`us-east-1`); for global services, the region of the credential
    /// scope (the endpoint's signing region, which the client resolves).
    pub region: &'a str,
    /// The signing name of the service (`s3`, `sqs`, `execute-api`, ...).
    pub service: &'a str,
    /// The signing time (`X-Amz-Date`); AWS rejects requests more than 5 minutes off.
    pub time: Timestamp,
    /// How the body is signed.
    pub payload: Payload,
    /// Whether to send the payload hash as the `x-amz-content-sha256` header (S3 requires it).
    /// Not used by presigned URLs.
    pub content_sha256_header: bool,
    /// Whether to normalize the path (`.`/`..`/empty segments) before signing. Every service
    /// but S3.
    pub normalize_path: bool,
    /// Whether to percent-encode the (already encoded) path once more. Every service but S3.
    pub double_encode_path: bool,
    /// Whether the session token is signed.
    pub session_token: SessionTokenMode,
}

impl<'a> SigningParams<'a> {
    /// Parameters for every service but S3: body signed, path normalized and double-encoded,
    /// no `x-amz-content-sha256` header.
    pub fn new(
        credentials: &'a Credentials,
        region: &'a str,
        service: &'a str,
        time: Timestamp,
    ) -> Self {
        SigningParams {
            credentials,
            region,
            service,
            time,
            payload: Payload::Signed,
            content_sha256_header: false,
            normalize_path: true,
            double_encode_path: true,
            session_token: SessionTokenMode::Signed,
        }
    }

    /// Parameters for S3 (signing name `s3`): the path signed as sent, `x-amz-content-sha256`
    /// sent, body signed. For presigned URLs, set `payload` to [`Payload::Unsigned`] as the
    /// AWS SDKs do.
    pub fn s3(credentials: &'a Credentials, region: &'a str, time: Timestamp) -> Self {
        SigningParams {
            content_sha256_header: true,
            normalize_path: false,
            double_encode_path: false,
            ..SigningParams::new(credentials, region, "s3", time)
        }
    }
}

/// The parts of a request that are signed, as they go on the wire.
#[derive(Clone, Debug, Default)]
pub struct SignableRequest<'a> {
    /// The method, as sent (`GET`).
    pub method: &'a str,
    /// The path, as sent: percent-encoded, without the query (`/a%20b/c`). Empty means `/`.
    pub path: &'a str,
    /// The query, as sent, without the `?` (`a=1&b=%20`); empty for none.
    pub query: &'a str,
    /// Every header, in order, repeated names repeated. Must include `host`.
    pub headers: Vec<(&'a str, &'a [u8])>,
    /// The body (hashed when [`Payload::Signed`]).
    pub body: &'a [u8],
}

/// The result of signing: what to add to the request, and every intermediate step.
///
/// `Debug` shows only the signature and signed headers: the canonical request and the output
/// hold the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningOutput {
    /// The canonical request (step 1 of SigV4).
    pub canonical_request: String,
    /// The string to sign (step 2).
    pub string_to_sign: String,
    /// The signature, lower-case hex.
    pub signature: String,
    /// The signed header names, `;`-separated (`host;x-amz-date`).
    pub signed_headers: String,
    /// Header signing: the headers to set on the request (`x-amz-date`,
    /// `x-amz-security-token`, `x-amz-content-sha256`, `authorization`), replacing any of the
    /// same name. Empty for presigning.
    pub headers: Vec<(&'static str, String)>,
    /// Presigning: the query parameters to append, in order, not yet percent-encoded
    /// (`X-Amz-Algorithm`, ..., `X-Amz-Signature` last). Empty for header signing.
    pub query_params: Vec<(&'static str, String)>,
}

impl fmt::Debug for SigningOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningOutput")
            .field("signature", &self.signature)
            .field("signed_headers", &self.signed_headers)
            .finish_non_exhaustive()
    }
}

/// Signs `request` in place: sets `X-Amz-Date`, `X-Amz-Security-Token` (with a session
/// token), `X-Amz-Content-Sha256` (when [`SigningParams::content_sha256_header`]) and
/// `Authorization`, replacing any already there.
///
/// The `host` signed is the request's `Host` header, else its URI's authority (default port
/// left out); the `Host` header itself is left to the HTTP client, which must send the same.
///
/// Errors (never panics): a URI without a host and no `Host` header, a header value that is
/// not UTF-8, a session token that is not a valid header value, a region or service name
/// that is empty or holds `/`, a time outside the years 0000 to 9999.
pub fn sign(request: &mut http::Request<Vec<u8>>, params: &SigningParams<'_>) -> Result<()> {
    let output = compute_http(request, params, SignatureLocation::Headers)?;
    set_headers(request.headers_mut(), output.headers)
}

/// Signs a request whose body is not in memory (a stream), as [`sign`] does, and returns
/// the signature's steps: its [`SigningOutput::signature`] is the seed of the chunk
/// signatures of an aws-chunked body ([`aws_chunked`](crate::protocol::aws_chunked)).
/// `params.payload` must not be [`Payload::Signed`] (there are no bytes to hash here): give
/// the hash, or the `UNSIGNED-PAYLOAD` or `STREAMING-*` value, as [`Payload::Precomputed`]
/// or [`Payload::Unsigned`].
pub fn sign_streaming<B>(
    request: &mut http::Request<B>,
    params: &SigningParams<'_>,
) -> Result<SigningOutput> {
    if params.payload == Payload::Signed {
        return Err(Error::message(
            "sigv4: a streamed body cannot be hashed here: give its hash as Payload::Precomputed",
        ));
    }
    let mut output = compute_parts(request, &[], params, SignatureLocation::Headers)?;
    set_headers(request.headers_mut(), std::mem::take(&mut output.headers))?;
    Ok(output)
}

fn set_headers(headers: &mut http::HeaderMap, signed: Vec<(&'static str, String)>) -> Result<()> {
    for (name, value) in signed {
        let mut value = http::HeaderValue::from_str(&value)
            .map_err(|_| Error::message(format!("sigv4: {name} is not a valid header value")))?;
        if name == "authorization" || name == "x-amz-security-token" {
            value.set_sensitive(true);
        }
        headers.insert(http::HeaderName::from_static(name), value);
    }
    Ok(())
}

/// A presigned URL for `request` (an S3 GET, typically), valid for `expires_in` (whole
/// seconds, 1 s to 7 days): its URI with the `X-Amz-*` query parameters appended.
///
/// The request's headers are signed too: whoever uses the URL must send them (a plain GET
/// of an S3 object has only `host`). For S3, use [`SigningParams::s3`] with
/// `payload: Payload::Unsigned`. Errors as [`sign`], and for an `expires_in` out of range.
pub fn presign(
    request: &http::Request<Vec<u8>>,
    params: &SigningParams<'_>,
    expires_in: Duration,
) -> Result<http::Uri> {
    let location = SignatureLocation::QueryParams {
        expires_in: expires_in.as_secs(),
    };
    let output = compute_http(request, params, location)?;
    let uri = request.uri();
    let mut query = uri.query().unwrap_or("").to_owned();
    for (name, value) in &output.query_params {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(name);
        query.push('=');
        percent::encode_into(value, Escape::Strict, &mut query);
    }
    let path = if uri.path().is_empty() {
        "/"
    } else {
        uri.path()
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(
        format!("{path}?{query}")
            .parse()
            .map_err(|_| Error::message("sigv4: cannot build the presigned URL"))?,
    );
    http::Uri::from_parts(parts)
        .map_err(|_| Error::message("sigv4: cannot build the presigned URL"))
}

/// Signs an `http::Request`'s parts: the `host` header added from the URI when absent.
fn compute_http(
    request: &http::Request<Vec<u8>>,
    params: &SigningParams<'_>,
    location: SignatureLocation,
) -> Result<SigningOutput> {
    compute_parts(request, request.body(), params, location)
}

/// Signs the parts of a request of any body type, with `body` the bytes hashed for
/// [`Payload::Signed`].
fn compute_parts<B>(
    request: &http::Request<B>,
    body: &[u8],
    params: &SigningParams<'_>,
    location: SignatureLocation,
) -> Result<SigningOutput> {
    let uri = request.uri();
    let mut headers: Vec<(&str, &[u8])> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()))
        .collect();
    let host;
    if !request.headers().contains_key(http::header::HOST) {
        host = uri_host(uri)?;
        headers.push(("host", host.as_bytes()));
    }
    let signable = SignableRequest {
        method: request.method().as_str(),
        path: uri.path(),
        query: uri.query().unwrap_or(""),
        headers,
        body,
    };
    compute(&signable, params, location)
}

/// The `Host` an HTTP client sends for `uri`: the host, plus the port unless it is the
/// scheme's default.
fn uri_host(uri: &http::Uri) -> Result<String> {
    let host = uri
        .host()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| Error::message("sigv4: the request URI has no host to sign"))?;
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Ok(match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    })
}

/// Computes the signature of `request`: the core of [`sign`] and [`presign`], on raw parts.
///
/// Returns the canonical request, string to sign and signature, and what to add to the
/// request: [`SigningOutput::headers`] for [`SignatureLocation::Headers`],
/// [`SigningOutput::query_params`] for [`SignatureLocation::QueryParams`].
pub fn compute(
    request: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    location: SignatureLocation,
) -> Result<SigningOutput> {
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;
    let amz_date = amz_date(params.time)?;
    let date = &amz_date[..8];
    let scope = format!("{date}/{}/{}/aws4_request", params.region, params.service);
    let presign = match location {
        SignatureLocation::Headers => None,
        SignatureLocation::QueryParams { expires_in } => {
            if expires_in == 0 || expires_in > MAX_PRESIGN_EXPIRES {
                return Err(Error::message(format!(
                    "sigv4: a presigned URL must expire in 1 to {MAX_PRESIGN_EXPIRES} seconds"
                )));
            }
            Some(expires_in)
        }
    };

    let payload_hash = match &params.payload {
        Payload::Signed => hex(&Sha256::digest(request.body)),
        Payload::Unsigned => UNSIGNED_PAYLOAD.to_owned(),
        Payload::Precomputed(hash) => hash.clone(),
    };
    let token = params.credentials.session_token.as_deref();
    let signed_token = token.filter(|_| params.session_token == SessionTokenMode::Signed);

    // Headers: lower-case name -> values in order.
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in &request.headers {
        let name = name.trim().to_ascii_lowercase();
        if EXCLUDED_HEADERS.contains(&name.as_str())
            || (presign.is_some() && EXCLUDED_PRESIGN_HEADERS.contains(&name.as_str()))
        {
            continue;
        }
        if presign.is_none()
            && (name == "x-amz-date"
                || (name == "x-amz-content-sha256" && params.content_sha256_header)
                || (name == "x-amz-security-token" && token.is_some()))
        {
            continue; // replaced below
        }
        let value = std::str::from_utf8(value).map_err(|_| {
            Error::message(format!("sigv4: the value of header {name} is not UTF-8"))
        })?;
        headers.entry(name).or_default().push(trim_all(value));
    }
    if !headers.contains_key("host") {
        return Err(Error::message("sigv4: the request has no host to sign"));
    }
    if presign.is_none() {
        headers.insert("x-amz-date".into(), vec![amz_date.clone()]);
        if let Some(token) = signed_token {
            headers.insert("x-amz-security-token".into(), vec![token.to_owned()]);
        }
        if params.content_sha256_header {
            headers.insert("x-amz-content-sha256".into(), vec![payload_hash.clone()]);
        }
    }
    let signed_headers = headers
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(";");

    // Query: decoded, re-encoded, sorted.
    let mut query: Vec<(String, String)> = request
        .query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode_query(name), reencode_query(value))
        })
        .collect();
    let mut added: Vec<(&'static str, String)> = Vec::new();
    if let Some(expires_in) = presign {
        added.push(("X-Amz-Algorithm", ALGORITHM.to_owned()));
        added.push((
            "X-Amz-Credential",
            format!("{}/{scope}", params.credentials.access_key_id),
        ));
        added.push(("X-Amz-Date", amz_date.clone()));
        added.push(("X-Amz-SignedHeaders", signed_headers.clone()));
        added.push(("X-Amz-Expires", expires_in.to_string()));
        if let Some(token) = signed_token {
            added.push(("X-Amz-Security-Token", token.to_owned()));
        }
        for (name, value) in &added {
            query.push(((*name).to_owned(), encode(value)));
        }
    }
    query.sort();

    // Path.
    let path = if request.path.is_empty() {
        "/"
    } else {
        request.path
    };
    let normalized;
    let path = if params.normalize_path {
        normalized = normalize_path(path);
        normalized.as_str()
    } else {
        path
    };
    let encoded;
    let path = if params.double_encode_path {
        encoded = percent::encode(path, Escape::Path);
        encoded.as_str()
    } else {
        path
    };

    let mut canonical_request = String::new();
    canonical_request.push_str(request.method);
    canonical_request.push('\n');
    canonical_request.push_str(path);
    canonical_request.push('\n');
    for (i, (name, value)) in query.iter().enumerate() {
        if i > 0 {
            canonical_request.push('&');
        }
        canonical_request.push_str(name);
        canonical_request.push('=');
        canonical_request.push_str(value);
    }
    canonical_request.push('\n');
    for (name, values) in &headers {
        canonical_request.push_str(name);
        canonical_request.push(':');
        canonical_request.push_str(&values.join(","));
        canonical_request.push('\n');
    }
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&payload_hash);

    let string_to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let key = signing_key(
        &params.credentials.secret_access_key,
        date,
        params.region,
        params.service,
    );
    let signature = hex(&hmac(&key, string_to_sign.as_bytes()));

    let mut output = SigningOutput {
        canonical_request,
        string_to_sign,
        signature,
        signed_headers,
        headers: Vec::new(),
        query_params: Vec::new(),
    };
    if presign.is_some() {
        if let (Some(token), None) = (token, signed_token) {
            added.push(("X-Amz-Security-Token", token.to_owned()));
        }
        added.push(("X-Amz-Signature", output.signature.clone()));
        output.query_params = added;
    } else {
        output.headers.push(("x-amz-date", amz_date));
        if let Some(token) = token {
            output
                .headers
                .push(("x-amz-security-token", token.to_owned()));
        }
        if params.content_sha256_header {
            output.headers.push(("x-amz-content-sha256", payload_hash));
        }
        output.headers.push((
            "authorization",
            format!(
                "{ALGORITHM} Credential={}/{scope}, SignedHeaders={}, Signature={}",
                params.credentials.access_key_id, output.signed_headers, output.signature
            ),
        ));
    }
    Ok(output)
}

/// The payload hash of a body read piece by piece (lower-case hex SHA-256), for
/// [`Payload::Precomputed`].
#[derive(Clone, Default)]
pub struct PayloadHasher(Sha256);

impl PayloadHasher {
    /// A hash of nothing yet.
    pub fn new() -> Self {
        PayloadHasher(Sha256::new())
    }

    /// Adds the next bytes of the body.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The hash, lower-case hex.
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

impl fmt::Debug for PayloadHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PayloadHasher")
    }
}

/// The SigV4 signing key: HMAC chain over date, region, service and `aws4_request`.
pub fn signing_key(secret_access_key: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    let k_date = hmac(
        format!("AWS4{secret_access_key}").as_bytes(),
        date.as_bytes(),
    );
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

pub(crate) fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

fn check_scope_part(what: &str, value: &str) -> Result<()> {
    if value.is_empty() || value.contains(['/', '\n', ' ']) {
        return Err(Error::message(format!(
            "sigv4: the {what} must be non-empty, without '/', spaces or newlines"
        )));
    }
    Ok(())
}

/// `X-Amz-Date`: `20150830T123600Z` (UTC, whole seconds).
pub fn amz_date(time: Timestamp) -> Result<String> {
    let secs = time.secs();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return Err(Error::message(
            "sigv4: the signing time must be within the years 0000 to 9999",
        ));
    }
    Ok(format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe.saturating_add(era.saturating_mul(400)) + i64::from(month <= 2);
    (year, month, day)
}

/// Trims a header value and makes each run of whitespace one space.
fn trim_all(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split(|c: char| c.is_ascii_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Percent-encodes everything but the unreserved characters.
fn encode(value: &str) -> String {
    percent::encode(value, Escape::Strict)
}

/// Decodes a query name or value as sent (`+` is a space) and encodes it the SigV4 way.
fn reencode_query(raw: &str) -> String {
    let plus_as_space = raw.replace('+', " ");
    let decoded = percent::decode(plus_as_space.as_bytes());
    // Not UTF-8 after decoding: the bytes are escaped one by one all the same.
    let mut out = String::with_capacity(decoded.len());
    for chunk in decoded.utf8_chunks() {
        percent::encode_into(chunk.valid(), Escape::Strict, &mut out);
        for &b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// RFC 3986 §5.2.4 dot-segment removal, also dropping empty segments (`//`), as AWS services
/// other than S3 do. Keeps a trailing `/`.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    let trailing = ["/", "/.", "/.."].iter().any(|end| path.ends_with(end));
    if out.is_empty() || trailing {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.map(str::to_owned),
        )
    }

    const T: Timestamp = Timestamp::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z

    #[test]
    fn sigv4_amz_date() {
        assert_eq!(amz_date(T).unwrap(), "20150830T123600Z");
        assert_eq!(
            amz_date(Timestamp::from_secs(0)).unwrap(),
            "19700101T000000Z"
        );
        assert_eq!(
            amz_date(Timestamp::from_secs(951_782_400)).unwrap(),
            "20000229T000000Z"
        );
        assert_eq!(
            amz_date(Timestamp::from_secs(-1)).unwrap(),
            "19691231T235959Z"
        );
        assert!(amz_date(Timestamp::from_secs(i64::MAX)).is_err());
        assert!(amz_date(Timestamp::from_secs(i64::MIN)).is_err());
        assert!(amz_date(Timestamp::from_secs(253_402_300_800)).is_err());
    }

    #[test]
    fn sigv4_normalize_path() {
        for (input, want) in [
            ("/", "/"),
            ("//", "/"),
            ("/./", "/"),
            ("/example/..", "/"),
            ("/example1/example2/../..", "/"),
            ("/./example", "/example"),
            ("//example//", "/example/"),
            ("/a/b/.", "/a/b/"),
            ("/../../a", "/a"),
            ("/a/./b/../c", "/a/c"),
            ("/a%2Fb", "/a%2Fb"),
        ] {
            assert_eq!(normalize_path(input), want, "{input}");
        }
    }

    #[test]
    fn sigv4_trim_all() {
        assert_eq!(trim_all("  a   b\t\tc  "), "a b c");
        assert_eq!(
            trim_all("value1\n  value2\n     value3"),
            "value1 value2 value3"
        );
        assert_eq!(trim_all(""), "");
        assert_eq!(trim_all("   "), "");
    }

    #[test]
    fn sigv4_query_encoding() {
        assert_eq!(reencode_query("a+b%20c"), "a%20b%20c");
        assert_eq!(reencode_query("-._~"), "-._~");
        assert_eq!(reencode_query("%zz%"), "%25zz%25");
        assert_eq!(reencode_query("%E1%88%B4"), "%E1%88%B4");
        assert_eq!(reencode_query("%2b/"), "%2B%2F");
        assert_eq!(reencode_query("%ff"), "%FF");
    }

    fn get(uri: &str) -> http::Request<Vec<u8>> {
        http::Request::get(uri).body(Vec::new()).unwrap()
    }

    #[test]
    fn sigv4_query_sorted_by_name_then_value() {
        let c = creds(None);
        let params = SigningParams::new(&c, "us-east-1", "service", T);
        let req = SignableRequest {
            method: "GET",
            path: "/",
            query: "b=2&a=2&a=1&c&&A=x&d=",
            headers: vec![("Host", b"example.amazonaws.com")],
            body: b"",
        };
        let out = compute(&req, &params, SignatureLocation::Headers).unwrap();
        assert_eq!(
            out.canonical_request.lines().nth(2),
            Some("A=x&a=1&a=2&b=2&c=&d=")
        );
    }

    #[test]
    fn sigv4_host_from_uri_drops_default_port() {
        let c = creds(None);
        let params = SigningParams::new(&c, "us-east-1", "service", T);
        for (uri, host) in [
            ("https://example.com:443/", "example.com"),
            ("http://example.com:80/", "example.com"),
            ("https://example.com:8443/", "example.com:8443"),
            ("http://localhost:4566/", "localhost:4566"),
            ("https://user@example.com/", "example.com"),
        ] {
            let out = compute_http(&get(uri), &params, SignatureLocation::Headers).unwrap();
            assert!(
                out.canonical_request.contains(&format!("\nhost:{host}\n")),
                "{uri}: {}",
                out.canonical_request
            );
        }
        let req = http::Request::get("/relative").body(Vec::new()).unwrap();
        assert!(compute_http(&req, &params, SignatureLocation::Headers).is_err());
        let mut req = http::Request::get("/relative").body(Vec::new()).unwrap();
        req.headers_mut()
            .insert("host", http::HeaderValue::from_static("h.example"));
        assert!(sign(&mut req, &params).is_ok());
    }

    #[test]
    fn sigv4_excluded_and_replaced_headers() {
        let c = creds(Some("tok"));
        let mut params = SigningParams::new(&c, "us-east-1", "service", T);
        params.content_sha256_header = true;
        let mut req = http::Request::post("https://example.amazonaws.com/")
            .header("User-Agent", "awso")
            .header("X-Amzn-Trace-Id", "Root=1")
            .header("Authorization", "old")
            .header("X-Amz-Date", "19990101T000000Z")
            .header("X-Amz-Security-Token", "old-token")
            .header("Expect", "100-continue")
            .body(b"hello".to_vec())
            .unwrap();
        sign(&mut req, &params).unwrap();
        let h = req.headers();
        assert_eq!(h["x-amz-date"], "20150830T123600Z");
        assert_eq!(h["x-amz-security-token"], "tok");
        assert_eq!(h.get_all("x-amz-security-token").iter().count(), 1);
        assert_eq!(
            h["x-amz-content-sha256"],
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        let auth = h["authorization"].to_str().unwrap();
        assert!(auth
            .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "));
        assert!(h["authorization"].is_sensitive());
    }

    #[test]
    fn sigv4_unsigned_payload_and_token_after_signing() {
        let c = creds(Some("tok"));
        let mut params = SigningParams::s3(&c, "us-east-1", T);
        params.payload = Payload::Unsigned;
        params.session_token = SessionTokenMode::AddedAfterSigning;
        let mut req = get("https://bucket.s3.amazonaws.com/a%20b//c");
        sign(&mut req, &params).unwrap();
        assert_eq!(req.headers()["x-amz-content-sha256"], UNSIGNED_PAYLOAD);
        assert_eq!(req.headers()["x-amz-security-token"], "tok");
        let auth = req.headers()["authorization"].to_str().unwrap();
        assert!(auth.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date, "));
        let out = compute_http(
            &get("https://b.s3.amazonaws.com/a%20b//c"),
            &params,
            SignatureLocation::Headers,
        )
        .unwrap();
        assert_eq!(out.canonical_request.lines().nth(1), Some("/a%20b//c"));
    }

    #[test]
    fn sigv4_presign_s3_get() {
        let c = creds(Some("tok/en+="));
        let mut params = SigningParams::s3(&c, "us-east-1", T);
        params.payload = Payload::Unsigned;
        let req = get("https://examplebucket.s3.amazonaws.com/test.txt?versionId=1");
        let uri = presign(&req, &params, Duration::from_secs(86_400)).unwrap();
        let s = uri.to_string();
        assert!(s.starts_with("https://examplebucket.s3.amazonaws.com/test.txt?versionId=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=86400&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-Signature="), "{s}");
        assert!(presign(&req, &params, Duration::from_secs(0)).is_err());
        assert!(presign(&req, &params, Duration::from_secs(604_801)).is_err());
        assert!(presign(&req, &params, Duration::from_secs(604_800)).is_ok());
    }

    /// The example of the S3 documentation ("Authenticating Requests: Using Query
    /// Parameters"), signature as published.
    #[test]
    fn sigv4_presign_s3_documentation_example() {
        let c = Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
        );
        let mut params = SigningParams::s3(&c, "us-east-1", Timestamp::from_secs(1_369_353_600));
        params.payload = Payload::Unsigned;
        let req = get("https://examplebucket.s3.amazonaws.com/test.txt");
        let uri = presign(&req, &params, Duration::from_secs(86_400)).unwrap();
        assert!(uri.to_string().ends_with(
            "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        ));
    }

    /// The GET Object example of the S3 documentation ("Signature Calculations for the
    /// Authorization Header"), signature as published.
    #[test]
    fn sigv4_s3_documentation_get_object() {
        let c = Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
        );
        let params = SigningParams::s3(&c, "us-east-1", Timestamp::from_secs(1_369_353_600));
        let mut req = http::Request::get("https://examplebucket.s3.amazonaws.com/test.txt")
            .header("Range", "bytes=0-9")
            .body(Vec::new())
            .unwrap();
        sign(&mut req, &params).unwrap();
        assert_eq!(
            req.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
    }

    #[test]
    fn sigv4_bad_input_is_an_error_not_a_panic() {
        let c = creds(Some("bad\ntoken"));
        let params = SigningParams::new(&c, "us-east-1", "service", T);
        assert!(sign(&mut get("https://example.com/"), &params).is_err());
        let c = creds(None);
        for (region, service) in [("", "s"), ("us/east", "s"), ("r", ""), ("r", "a b")] {
            let params = SigningParams::new(&c, region, service, T);
            assert!(sign(&mut get("https://example.com/"), &params).is_err());
        }
        let params = SigningParams::new(&c, "us-east-1", "service", T);
        let mut req = get("https://example.com/");
        req.headers_mut()
            .insert("x-bin", http::HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert!(sign(&mut req, &params).is_err());
        // Odd but valid inputs sign.
        let req = SignableRequest {
            method: "GET",
            path: "",
            query: "=&==&%&+",
            headers: vec![("host", b"h")],
            body: b"",
        };
        let out = compute(&req, &params, SignatureLocation::Headers).unwrap();
        assert_eq!(out.canonical_request.lines().nth(1), Some("/"));
        assert_eq!(
            out.canonical_request.lines().nth(2),
            Some("=&=%3D&%20=&%25=")
        );
        let no_host = SignableRequest {
            method: "GET",
            ..SignableRequest::default()
        };
        assert!(compute(&no_host, &params, SignatureLocation::Headers).is_err());
    }

    /// Pseudo-random requests built from awkward pieces: signing never panics, and a
    /// successful result is deterministic.
    #[test]
    fn sigv4_random_inputs_never_panic() {
        const PIECES: &[&str] = &[
            "",
            "/",
            "//",
            ".",
            "..",
            "%",
            "%2",
            "%zz",
            "%2F",
            "+",
            "=",
            "&",
            "?",
            "#",
            " ",
            "\t",
            "\n",
            "a",
            "Z",
            "~",
            "\u{e9}",
            "\u{1234}",
            "\u{1f600}",
            "\0",
            "\u{7f}",
        ];
        let seed = std::cell::Cell::new(0x2545_f491_4f6c_dd1d_u64);
        let next = || {
            let mut x = seed.get();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            seed.set(x);
            x
        };
        let text = |n: u64| -> String {
            (0..next() % n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        };
        let c = creds(Some("t"));
        for i in 0..2000 {
            let (method, path, query) = (text(3), text(12), text(12));
            let (name, value, host, body) = (text(4), text(8), text(4), text(6));
            let mut params = SigningParams::new(&c, "us-east-1", "service", T);
            params.normalize_path = i % 2 == 0;
            params.double_encode_path = i % 3 == 0;
            let req = SignableRequest {
                method: &method,
                path: &path,
                query: &query,
                headers: vec![("host", host.as_bytes()), (name.as_str(), value.as_bytes())],
                body: body.as_bytes(),
            };
            let location = if i % 4 == 0 {
                SignatureLocation::QueryParams {
                    expires_in: next() % 700_000,
                }
            } else {
                SignatureLocation::Headers
            };
            if let Ok(a) = compute(&req, &params, location) {
                assert_eq!(Ok(a), compute(&req, &params, location));
            }
            if let Ok(uri) = format!("https://h{}", text(10)).parse::<http::Uri>() {
                let mut req = http::Request::get(uri).body(Vec::new()).unwrap();
                let _ = presign(&req, &params, Duration::from_secs(next() % 700_000));
                let _ = sign(&mut req, &params);
            }
        }
    }

    #[test]
    fn sigv4_output_debug_hides_token() {
        let c = creds(Some("SECRET-TOKEN"));
        let params = SigningParams::new(&c, "us-east-1", "service", T);
        let out = compute_http(
            &get("https://example.com/"),
            &params,
            SignatureLocation::Headers,
        )
        .unwrap();
        assert!(out.canonical_request.contains("SECRET-TOKEN"));
        assert!(!format!("{out:?}").contains("SECRET-TOKEN"));
    }
}
