//! A client: builds an operation's request, signs it with SigV4, sends it through a
//! [`Transport`], and parses the response. (The example compiles as a doctest of the `awso`
//! crate.)
//!
//! ```ignore
//! # use awso::{AwsShape, operation::Protocol};
//! # #[derive(AwsShape, Debug, Clone, PartialEq, Default)] pub struct GetCallerIdentityInput {}
//! # #[derive(AwsShape, Debug, Clone, PartialEq, Default)] pub struct GetCallerIdentityOutput { pub account: Option<String> }
//! # #[derive(AwsShape, Debug)] #[aws(errors)] pub enum GetCallerIdentityError { #[aws(unknown)] Unknown { code: String, message: Option<String> } }
//! # awso::service! { pub struct Sts { name: "STS", protocol: Protocol::AwsQuery, api_version: "2011-06-15", signing_name: "sts", endpoint_prefix: "sts" } }
//! # awso::operation! { pub struct GetCallerIdentity: Sts(GetCallerIdentityInput) -> GetCallerIdentityOutput, GetCallerIdentityError; }
//! // Credentials, region and endpoint from the environment and ~/.aws, as the AWS SDKs find them.
//! let client = awso::Client::from_env()?;
//! let me = client.call::<GetCallerIdentity>(&GetCallerIdentityInput {})?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::credentials::Credentials;
use crate::profile::{ProcessEnv, ProfileFiles, ProfileSet};
use crate::retry::{self, RetryConfig, RetryQuota};
use crate::transport::{TcpTransport, Transport};
use awso_runtime::operation::{Operation, OperationError, Service};
use awso_runtime::sigv4::{self, SigningParams};
use awso_runtime::{Error, Timestamp};

/// Calls operations of any service declared with `awso::service!`.
#[derive(Debug, Clone)]
pub struct Client<T = TcpTransport> {
    credentials: Credentials,
    region: String,
    /// A fixed endpoint for every service (tests, local endpoints); else resolved per service.
    endpoint: Option<String>,
    profiles: ProfileSet,
    transport: T,
    /// Check inputs against their constraints before sending (default on).
    validate: bool,
    retry: RetryConfig,
    quota: RetryQuota,
}

impl Client<TcpTransport> {
    /// A client with explicit credentials and region; endpoints are derived from the region
    /// (and the `AWS_ENDPOINT_URL*` variables). The transport is plain HTTP: set an endpoint
    /// with [`Client::with_endpoint`] or a TLS transport with [`Client::with_transport`].
    pub fn new(credentials: Credentials, region: impl Into<String>) -> Self {
        Client {
            credentials,
            region: region.into(),
            endpoint: None,
            profiles: ProfileSet::default(),
            transport: TcpTransport::default(),
            validate: true,
            retry: RetryConfig::default(),
            quota: RetryQuota::default(),
        }
    }

    /// Credentials, region, endpoint overrides, retry settings (`AWS_MAX_ATTEMPTS`,
    /// `max_attempts`) and, with the `rustls` feature, extra trusted certificates
    /// (`AWS_CA_BUNDLE`, `ca_bundle`) from the environment and the shared config/credentials
    /// files.
    pub fn from_env() -> awso_runtime::Result<Self> {
        let files = ProfileFiles::load(&ProcessEnv)?;
        let profiles = files.parse();
        let credentials = crate::credentials::default_chain_with(&ProcessEnv, &files)?;
        let region = crate::profile::region_from(&ProcessEnv, &profiles).ok_or_else(|| {
            Error::message("no region: set AWS_REGION or `region` in ~/.aws/config")
        })?;
        let retry = RetryConfig::from_env(&ProcessEnv, &profiles)?;
        #[allow(unused_mut)]
        let mut transport = TcpTransport::default();
        #[cfg(feature = "rustls")]
        if let Some(path) =
            crate::profile::setting(&ProcessEnv, &profiles, "AWS_CA_BUNDLE", "ca_bundle")
        {
            let pem = std::fs::read(&path)
                .map_err(|e| Error::message(format!("cannot read CA bundle {path}: {e}")))?;
            transport = transport.with_ca_bundle(&pem)?;
        }
        Ok(Client {
            profiles,
            retry,
            transport,
            ..Client::new(credentials, region)
        })
    }
}

impl<T: Transport> Client<T> {
    /// Sends every request to `url` (`http://127.0.0.1:4566`), whatever the service.
    pub fn with_endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Uses another transport (for example an HTTPS client).
    pub fn with_transport<U: Transport>(self, transport: U) -> Client<U> {
        Client {
            credentials: self.credentials,
            region: self.region,
            endpoint: self.endpoint,
            profiles: self.profiles,
            transport,
            validate: self.validate,
            retry: self.retry,
            quota: self.quota,
        }
    }

    /// Retries failed calls as `config` says (see [`crate::retry`]); [`RetryConfig::disabled`]
    /// turns retries off.
    pub fn with_retry(mut self, config: RetryConfig) -> Self {
        self.retry = config;
        self
    }

    /// Whether inputs are checked against their model constraints (`length`, `range`,
    /// `pattern`, `required`) before they are sent; on by default.
    pub fn with_validation(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint URL and signing region for `service`.
    fn endpoint(&self, service: &Service) -> awso_runtime::Result<(String, String)> {
        if let Some(url) = &self.endpoint {
            return Ok((url.clone(), self.region.clone()));
        }
        let e = crate::endpoint::resolve_with(
            service.endpoint_prefix,
            service.name,
            &self.region,
            &ProcessEnv,
            &self.profiles,
        )?;
        Ok((e.url, e.signing_region))
    }

    /// The signed HTTP request of operation `O` for `input`.
    pub fn signed_request<O: Operation>(
        &self,
        input: &O::Input,
    ) -> awso_runtime::Result<http::Request<Vec<u8>>> {
        let (mut request, signing_region) = self.unsigned_request::<O>(input)?;
        self.sign::<O>(&mut request, &signing_region)?;
        Ok(request)
    }

    fn unsigned_request<O: Operation>(
        &self,
        input: &O::Input,
    ) -> awso_runtime::Result<(http::Request<Vec<u8>>, String)> {
        let (url, signing_region) = self.endpoint(O::SERVICE)?;
        Ok((O::request(input, &url)?, signing_region))
    }

    fn sign<O: Operation>(
        &self,
        request: &mut http::Request<Vec<u8>>,
        signing_region: &str,
    ) -> awso_runtime::Result<()> {
        // S3 signs its path as sent and wants the payload hash in `x-amz-content-sha256`.
        let params = if O::SERVICE.signing_name == "s3" {
            SigningParams::s3(&self.credentials, signing_region, Timestamp::now())
        } else {
            SigningParams::new(
                &self.credentials,
                signing_region,
                O::SERVICE.signing_name,
                Timestamp::now(),
            )
        };
        sigv4::sign(request, &params)
    }

    /// Calls operation `O` with `input`, retrying throttling and transient failures (see
    /// [`crate::retry`]). The request is built once (an idempotency token stays the same
    /// across attempts) and signed afresh for every attempt.
    pub fn call<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<O::Output, OperationError<O::Error>> {
        if self.validate {
            awso_runtime::AwsShape::validate(input).map_err(OperationError::Validation)?;
        }
        let (request, signing_region) = self
            .unsigned_request::<O>(input)
            .map_err(OperationError::Construction)?;
        let mut spent = None;
        let mut attempt = 0;
        loop {
            let result = self.attempt::<O>(request.clone(), &signing_region);
            let error = match result {
                Ok(output) => {
                    self.quota.release(spent);
                    return Ok(output);
                }
                Err(e) => e,
            };
            attempt += 1;
            let Some(kind) = retry::classify(&error) else {
                return Err(error);
            };
            if attempt >= self.retry.max_attempts {
                return Err(error);
            }
            let Some(cost) = self.quota.acquire(kind) else {
                return Err(error);
            };
            spent = Some(cost);
            std::thread::sleep(self.retry.backoff(attempt - 1, retry::jitter()));
        }
    }

    fn attempt<O: Operation>(
        &self,
        mut request: http::Request<Vec<u8>>,
        signing_region: &str,
    ) -> Result<O::Output, OperationError<O::Error>> {
        self.sign::<O>(&mut request, signing_region)
            .map_err(OperationError::Construction)?;
        let response = self.transport.send(request).map_err(dispatch_error)?;
        let (parts, body) = response.into_parts();
        O::response(http::Response::from_parts(parts, &body[..]))
    }
}

/// A transport failure as the caller sees it: a timeout, or a request not delivered.
fn dispatch_error<E>(error: Error) -> OperationError<E> {
    match error.kind() {
        awso_runtime::ErrorKind::Io {
            kind: std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock,
            ..
        } => OperationError::Timeout(error),
        _ => OperationError::Dispatch(error),
    }
}
