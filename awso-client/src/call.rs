//! What the async and the blocking client share: the settings of a client and the sans-IO
//! steps of a call (build the request once, stamp and sign each attempt, read the response
//! and its metadata). The clients add only sending and sleeping.

use crate::credentials::{Credentials, ProviderConfig, SharedCredentialsProvider};
use crate::profile::{ProcessEnv, ProfileSet};
use crate::retry::{Decision, RetryConfig, RetryQuota, RetryState};
use awso_runtime::checksum::{self, When};
use awso_runtime::operation::{Operation, OperationError, RawResponse, Service};
use awso_runtime::sigv4::{self, SigningParams};
use awso_runtime::{Error, Timestamp};
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The wall clock requests are signed with (injectable for tests and for platforms without
/// one, such as wasm).
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// How long a call may take. `None` is no limit of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Opening a connection (TCP, TLS, proxy); applied by the transports the client makes
    /// (a transport the application builds keeps its own settings).
    pub connect: Option<Duration>,
    /// One attempt: sending the request and reading the whole response. For an operation
    /// with a streaming payload (`ByteStream`), until the response's head is in: a streamed
    /// response body is the caller's to read, at its own pace.
    pub attempt: Option<Duration>,
    /// The whole call, retries and backoff included.
    pub operation: Option<Duration>,
}

impl Default for Timeouts {
    /// 10 s to connect, no other limit (as the SDKs: their attempt and operation timeouts
    /// are off unless set).
    fn default() -> Self {
        Timeouts {
            connect: Some(Duration::from_secs(10)),
            attempt: None,
            operation: None,
        }
    }
}

/// What came back with an output besides the output: the ids to quote to AWS support.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ResponseMetadata {
    /// The HTTP status of the response.
    pub status: u16,
    /// `x-amzn-requestid` (or S3's `x-amz-request-id`).
    pub request_id: Option<String>,
    /// S3's `x-amz-id-2`, the extended request id.
    pub extended_request_id: Option<String>,
    /// The attempts the call took (1 when the first succeeded).
    pub attempts: u32,
    /// `amz-sdk-invocation-id`: the id every attempt of the call was sent with.
    pub invocation_id: String,
}

impl ResponseMetadata {
    pub(crate) fn of(
        headers: &http::HeaderMap,
        status: u16,
        attempts: u32,
        invocation_id: &str,
    ) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        ResponseMetadata {
            status,
            request_id: header("x-amzn-requestid").or_else(|| header("x-amz-request-id")),
            extended_request_id: header("x-amz-id-2"),
            attempts,
            invocation_id: invocation_id.to_owned(),
        }
    }
}

/// `awso/<version> os/<os> lang/rust#<rustc version>`.
pub fn user_agent() -> &'static str {
    concat!(
        "awso/",
        env!("CARGO_PKG_VERSION"),
        " os/",
        env!("AWSO_TARGET_OS"),
        " lang/rust#",
        env!("AWSO_RUSTC_VERSION")
    )
}

/// A random version-4 UUID (`amz-sdk-invocation-id`).
pub(crate) fn invocation_id() -> String {
    let mut b: [u8; 16] = fastrand::u128(..).to_le_bytes();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The settings of a client, shared by its clones (the retry quota and the clock correction
/// are shared state).
#[derive(Clone)]
pub(crate) struct Settings {
    /// Asked for credentials at every attempt (a cache answers at once).
    pub(crate) credentials: SharedCredentialsProvider,
    pub(crate) region: String,
    /// A fixed endpoint for every service (tests, local endpoints); else resolved per service.
    pub(crate) endpoint: Option<String>,
    pub(crate) profiles: ProfileSet,
    /// Check inputs against their constraints before sending (default on).
    pub(crate) validate: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) quota: RetryQuota,
    pub(crate) timeouts: Timeouts,
    pub(crate) clock: Arc<dyn Clock>,
    /// Milliseconds added to the clock when signing, learnt from clock-skew errors.
    pub(crate) clock_offset: Arc<AtomicI64>,
    /// FIPS, dual-stack and S3 addressing set on the client (over the environment's).
    pub(crate) endpoint_options: crate::endpoint::EndpointOptions,
    /// Flexible checksum settings set on the client: request calculation and response
    /// validation (`None` reads the environment and profile).
    pub(crate) checksums: (Option<When>, Option<When>),
}

impl fmt::Debug for Settings {
    // Credentials print redacted through their own Debug.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("validate", &self.validate)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("clock", &self.clock)
            .field(
                "clock_offset_ms",
                &self.clock_offset.load(Ordering::Relaxed),
            )
            .finish_non_exhaustive()
    }
}

/// The parts of [`Client::from_env`](crate::Client::from_env) that do not depend on the
/// transport, and the CA bundle it names.
pub(crate) struct FromEnv {
    pub(crate) settings: Settings,
    #[cfg_attr(not(any(feature = "ureq", feature = "reqwest")), allow(dead_code))]
    pub(crate) ca_bundle: Option<Vec<u8>>,
}

impl Settings {
    pub(crate) fn new(credentials: Credentials, region: String) -> Self {
        Settings::with_provider(Arc::new(credentials), region)
    }

    pub(crate) fn with_provider(credentials: SharedCredentialsProvider, region: String) -> Self {
        Settings {
            credentials,
            region,
            endpoint: None,
            profiles: ProfileSet::default(),
            validate: true,
            retry: RetryConfig::default(),
            quota: RetryQuota::default(),
            timeouts: Timeouts::default(),
            clock: Arc::new(SystemClock),
            clock_offset: Arc::new(AtomicI64::new(0)),
            endpoint_options: crate::endpoint::EndpointOptions::default(),
            checksums: (None, None),
        }
    }

    /// Reads the CA bundle and retry settings; credentials and region come from
    /// [`Settings::from_env_with`] once the providers' HTTP client exists.
    pub(crate) fn ca_bundle_from_env() -> awso_runtime::Result<Option<Vec<u8>>> {
        let files = crate::profile::ProfileFiles::load(&ProcessEnv)?;
        let profiles = files.parse();
        match crate::profile::setting(&ProcessEnv, &profiles, "AWS_CA_BUNDLE", "ca_bundle") {
            Some(path) => Ok(Some(std::fs::read(&path).map_err(|e| {
                Error::message(format!("cannot read CA bundle {path}: {e}"))
            })?)),
            None => Ok(None),
        }
    }

    /// The settings of `from_env`: the default credentials chain on `providers`, the
    /// region (`region_from_imds` is asked when neither the environment nor the profile
    /// names one), retries.
    pub(crate) fn from_env_with(
        providers: &ProviderConfig,
        ca_bundle: Option<Vec<u8>>,
        region_from_imds: impl FnOnce(&ProviderConfig) -> Option<String>,
    ) -> awso_runtime::Result<FromEnv> {
        let profiles = providers.profiles.clone();
        let credentials = crate::credentials::default_provider(providers);
        let region = match crate::profile::region_from(&ProcessEnv, &profiles) {
            Some(region) => region,
            None => region_from_imds(providers).ok_or_else(|| {
                Error::message(
                    "no region: set AWS_REGION or `region` in ~/.aws/config (nor did the EC2 \
                     instance metadata service name one)",
                )
            })?,
        };
        let retry = RetryConfig::from_env(&ProcessEnv, &profiles)?;
        let mut settings = Settings::with_provider(credentials, region);
        settings.profiles = profiles;
        settings.retry = retry;
        Ok(FromEnv {
            settings,
            ca_bundle,
        })
    }

    /// The endpoint for `service` in `region`.
    fn endpoint(
        &self,
        service: &Service,
        region: &str,
    ) -> awso_runtime::Result<crate::endpoint::Endpoint> {
        if let Some(url) = &self.endpoint {
            return Ok(crate::endpoint::Endpoint {
                url: url.clone(),
                signing_region: region.to_owned(),
                configured: true,
            });
        }
        crate::endpoint::resolve_with_options(
            service.endpoint_prefix,
            service.name,
            region,
            &ProcessEnv,
            &self.profiles,
            &self.endpoint_options,
        )
    }

    /// The signing time: the clock plus what clock-skew errors taught.
    pub(crate) fn signing_time(&self) -> Timestamp {
        let offset = self.clock_offset.load(Ordering::Relaxed);
        let now = Timestamp::from(self.clock.now());
        let ms = now
            .secs()
            .saturating_mul(1000)
            .saturating_add(i64::from(now.subsec_nanos() / 1_000_000))
            .saturating_add(offset);
        Timestamp::from_millis(ms)
    }

    /// The credentials to sign an attempt of `O` with (`None` for unsigned operations),
    /// from the provider (cached, refreshed before expiry).
    pub(crate) async fn credentials<O: Operation>(
        &self,
    ) -> awso_runtime::Result<Option<Credentials>> {
        if O::NO_AUTH {
            return Ok(None);
        }
        let provided = self.credentials.provide_credentials().await?;
        Ok(Some(provided.credentials))
    }

    fn sign<O: Operation>(
        &self,
        request: &mut http::Request<Vec<u8>>,
        signing_region: &str,
        credentials: Option<&Credentials>,
    ) -> awso_runtime::Result<()> {
        let Some(credentials) = credentials else {
            return Ok(());
        };
        sigv4::sign(
            request,
            &self.signing_params::<O>(credentials, signing_region),
        )
    }

    /// The signing parameters of `O` now: S3 signs its path as sent and wants the payload
    /// hash in `x-amz-content-sha256`.
    fn signing_params<'a, O: Operation>(
        &self,
        credentials: &'a Credentials,
        signing_region: &'a str,
    ) -> SigningParams<'a> {
        let time = self.signing_time();
        if O::SERVICE.signing_name == "s3" {
            SigningParams::s3(credentials, signing_region, time)
        } else {
            SigningParams::new(credentials, signing_region, O::SERVICE.signing_name, time)
        }
    }

    /// The signed request of `O` for `input`, as the first attempt sends it.
    pub(crate) fn signed_request<O: Operation>(
        &self,
        input: &O::Input,
    ) -> awso_runtime::Result<http::Request<Vec<u8>>> {
        let mut call = self.prepare_unvalidated::<O>(input)?;
        crate::credentials::block_on(call.hash_body::<O>(crate::offload::BlockingWork::Inline))?;
        let state = self.retry_state();
        let credentials = crate::credentials::block_on(self.credentials::<O>())?;
        if call.body.is_none() {
            return self.attempt_request::<O>(&call, &state, credentials.as_ref());
        }
        // A streamed body as it would be sent (aws-chunked framing included), read here.
        let request = self.attempt_streaming_request::<O>(&call, &state, credentials.as_ref())?;
        let (parts, body) = request.into_parts();
        let body = body
            .collect_blocking()
            .map_err(|e| Error::io("the request body", &e))?;
        Ok(http::Request::from_parts(parts, body.into()))
    }

    /// Validates `input` and builds its request once (an idempotency token stays the same
    /// across attempts).
    pub(crate) fn prepare<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<Prepared, OperationError<O::Error>> {
        if self.validate {
            awso_runtime::AwsShape::validate(input).map_err(OperationError::Validation)?;
        }
        self.prepare_unvalidated::<O>(input)
            .map_err(OperationError::Construction)
    }

    fn prepare_unvalidated<O: Operation>(
        &self,
        input: &O::Input,
    ) -> awso_runtime::Result<Prepared> {
        let (mut request, endpoint) = self.unsigned_request::<O>(input)?;
        let stream = awso_runtime::AwsShape::payload_stream(input);
        let mut body = None;
        match (&stream, O::HTTP_CHECKSUM) {
            (Some(stream), spec) => {
                let due = match spec {
                    Some(spec) => {
                        let (calculation, validation) = self.checksum_settings()?;
                        checksum::prepare_request_checksum::<O::Input>(
                            request.headers_mut(),
                            spec,
                            calculation,
                            validation,
                        )?
                    }
                    None => None,
                };
                let uri = request.uri().clone();
                body = Some(crate::streaming::StreamedBody::prepare::<O>(
                    stream,
                    request.headers_mut(),
                    &uri,
                    due,
                )?);
            }
            (None, Some(spec)) => {
                let (calculation, validation) = self.checksum_settings()?;
                checksum::add_request_checksum::<O::Input>(
                    &mut request,
                    spec,
                    calculation,
                    validation,
                )?;
            }
            (None, None) => {}
        }
        let headers = request.headers_mut();
        headers.insert(
            http::header::USER_AGENT,
            http::HeaderValue::from_static(user_agent()),
        );
        let invocation_id = invocation_id();
        headers.insert(
            "amz-sdk-invocation-id",
            http::HeaderValue::from_str(&invocation_id).expect("a UUID is a header value"),
        );
        Ok(Prepared {
            request,
            body,
            signing_region: endpoint.signing_region.clone(),
            endpoint,
            invocation_id,
            redirected: false,
        })
    }

    /// When flexible checksums are computed and validated: the client's settings, else
    /// `AWS_REQUEST_CHECKSUM_CALCULATION` / `request_checksum_calculation` and
    /// `AWS_RESPONSE_CHECKSUM_VALIDATION` / `response_checksum_validation`, else
    /// `when_supported`.
    fn checksum_settings(&self) -> awso_runtime::Result<(When, When)> {
        let read = |set: Option<When>, var: &str, key: &str| match set {
            Some(when) => Ok(when),
            None => crate::profile::setting(&ProcessEnv, &self.profiles, var, key)
                .map_or(Ok(When::Supported), |v| {
                    When::parse(&v).map_err(|e| Error::message(format!("{var} / {key}: {e}")))
                }),
        };
        Ok((
            read(
                self.checksums.0,
                "AWS_REQUEST_CHECKSUM_CALCULATION",
                "request_checksum_calculation",
            )?,
            read(
                self.checksums.1,
                "AWS_RESPONSE_CHECKSUM_VALIDATION",
                "response_checksum_validation",
            )?,
        ))
    }

    /// The request of `O` for `input` as sent to the client's endpoint, its bucket in the
    /// host when S3 addressing says so, and that endpoint.
    pub(crate) fn unsigned_request<O: Operation>(
        &self,
        input: &O::Input,
    ) -> awso_runtime::Result<(http::Request<Vec<u8>>, crate::endpoint::Endpoint)> {
        let endpoint = self.endpoint(O::SERVICE, &self.region)?;
        let mut request = O::request(input, &endpoint.url)?;
        if O::SERVICE.endpoint_prefix == "s3" && O::URI.starts_with("/{Bucket}") {
            let style = self
                .endpoint_options
                .s3_addressing(&ProcessEnv, &self.profiles)?;
            crate::endpoint::s3_addressing(&mut request, &endpoint, style)?;
        }
        Ok((request, endpoint))
    }

    /// Whether `response` is an S3 redirect to the bucket's region (301, 307 or 400 naming
    /// the region in `x-amz-bucket-region` or the error's `<Region>`) to follow: then `call`
    /// is moved to that region (its endpoint, and the region it is signed for) and the caller
    /// sends it again. A redirect is followed once per call: a second one is an error.
    pub(crate) fn follow_redirect<O: Operation>(
        &self,
        call: &mut Prepared,
        response: &http::Response<Vec<u8>>,
    ) -> Result<bool, OperationError<O::Error>> {
        if O::SERVICE.signing_name != "s3" {
            return Ok(false);
        }
        let Some(region) = crate::endpoint::s3_redirect_region(response) else {
            return Ok(false);
        };
        if region == call.signing_region {
            return Ok(false);
        }
        let unreadable = |error: Error| OperationError::Response {
            status: response.status().as_u16(),
            error,
            raw: Box::new(RawResponse {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
                body: response.body().clone(),
            }),
        };
        if call.redirected {
            return Err(unreadable(Error::message(format!(
                "S3 redirected the request to {region} after a redirect to {}: a redirect \
                 loop, not followed",
                call.signing_region
            ))));
        }
        let to = self
            .endpoint(O::SERVICE, &region)
            .and_then(|to| {
                let uri = crate::endpoint::redirect_uri(call.request.uri(), &call.endpoint, &to)?;
                Ok((to, uri))
            })
            .map_err(|e| {
                unreadable(Error::message(format!(
                    "S3 redirected the request to {region}, which cannot be followed: {e}"
                )))
            })?;
        *call.request.uri_mut() = to.1;
        call.signing_region = to.0.signing_region.clone();
        call.endpoint = to.0;
        call.redirected = true;
        Ok(true)
    }

    pub(crate) fn retry_state(&self) -> RetryState {
        RetryState::new(self.retry, self.quota.clone())
    }

    /// The request of attempt `state.attempt()`: `amz-sdk-request` and a fresh signature.
    pub(crate) fn attempt_request<O: Operation>(
        &self,
        call: &Prepared,
        state: &RetryState,
        credentials: Option<&Credentials>,
    ) -> awso_runtime::Result<http::Request<Vec<u8>>> {
        let mut request = call.request.clone();
        self.stamp_attempt(&mut request, state);
        self.sign::<O>(&mut request, &call.signing_region, credentials)?;
        Ok(request)
    }

    /// `amz-sdk-request` and the attempt timeout of attempt `state.attempt()`.
    fn stamp_attempt<B>(&self, request: &mut http::Request<B>, state: &RetryState) {
        let value = format!("attempt={}; max={}", state.attempt(), state.max_attempts());
        request.headers_mut().insert(
            "amz-sdk-request",
            http::HeaderValue::from_str(&value).expect("digits are a header value"),
        );
        if let Some(timeout) = self.timeouts.attempt {
            request
                .extensions_mut()
                .insert(crate::transport::AttemptTimeout(timeout));
        }
    }

    /// The request of attempt `state.attempt()` of an operation with a streaming payload:
    /// the body of this attempt (a fresh copy of bytes or a file; the one-shot source, if
    /// nothing of it was sent yet), stamped and signed as [`StreamedBody`] decided
    /// (`crate::streaming`).
    pub(crate) fn attempt_streaming_request<O: Operation>(
        &self,
        call: &Prepared,
        state: &RetryState,
        credentials: Option<&Credentials>,
    ) -> awso_runtime::Result<http::Request<awso_runtime::ByteStream>> {
        let Some(body) = &call.body else {
            let request = self.attempt_request::<O>(call, state, credentials)?;
            return Ok(request.map(awso_runtime::ByteStream::from));
        };
        let mut request = http::Request::new(());
        *request.method_mut() = call.request.method().clone();
        *request.uri_mut() = call.request.uri().clone();
        *request.version_mut() = call.request.version();
        *request.headers_mut() = call.request.headers().clone();
        self.stamp_attempt(&mut request, state);
        let params = credentials.map(|c| self.signing_params::<O>(c, &call.signing_region));
        let stream = body.attempt::<O>(&mut request, params)?;
        Ok(request.map(|()| stream))
    }

    /// The output and metadata of a response, or the error it carries.
    pub(crate) fn read_response<O: Operation>(
        &self,
        call: &Prepared,
        state: &RetryState,
        response: http::Response<Vec<u8>>,
    ) -> Result<(O::Output, ResponseMetadata), OperationError<O::Error>> {
        let (parts, body) = response.into_parts();
        let metadata = ResponseMetadata::of(
            &parts.headers,
            parts.status.as_u16(),
            state.attempt(),
            &call.invocation_id,
        );
        let response = http::Response::from_parts(parts, &body[..]);
        if let Some(spec) = O::HTTP_CHECKSUM {
            // Checked before the body is read: a damaged body is never an output.
            if let Err(error) =
                checksum::validate_response::<O::Input>(spec, call.request.headers(), &response)
            {
                return Err(OperationError::Response {
                    status: response.status().as_u16(),
                    error,
                    raw: Box::new(RawResponse::of(&response)),
                });
            }
        }
        let output = O::response(response)?;
        Ok((output, metadata))
    }

    /// What to do after a failed attempt; applies a clock correction at once.
    pub(crate) fn after_failure<E: awso_runtime::AwsError>(
        &self,
        state: &mut RetryState,
        error: &OperationError<E>,
    ) -> Option<Duration> {
        let now = SystemTime::UNIX_EPOCH
            + Duration::from_millis(self.signing_time().secs().max(0) as u64 * 1000);
        // The skew is measured against the clock as signed with (offset included), and the
        // correction adds to the offset.
        match state.failed(error, now, crate::retry::jitter()) {
            Decision::Retry {
                after,
                clock_offset,
            } => {
                if let Some(skew) = clock_offset {
                    self.clock_offset.fetch_add(skew, Ordering::Relaxed);
                }
                Some(after)
            }
            Decision::GiveUp => None,
        }
    }
}

/// A call's request as built once, before any attempt.
pub(crate) struct Prepared {
    pub(crate) request: http::Request<Vec<u8>>,
    /// The body that streams, for an input whose streaming payload is set (then `request`'s
    /// body is empty).
    pub(crate) body: Option<crate::streaming::StreamedBody>,
    pub(crate) signing_region: String,
    /// The endpoint the request is built for.
    pub(crate) endpoint: crate::endpoint::Endpoint,
    pub(crate) invocation_id: String,
    /// Whether an S3 redirect was followed already.
    pub(crate) redirected: bool,
}

/// A transport failure as the caller sees it: a timeout, or a request not delivered.
pub(crate) fn dispatch_error<E>(error: Error) -> OperationError<E> {
    match error.kind() {
        awso_runtime::ErrorKind::Io {
            kind: std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock,
            ..
        } => OperationError::Timeout(error),
        _ => OperationError::Dispatch(error),
    }
}

/// The error of a call or attempt that ran out of time.
pub(crate) fn timed_out<E>(what: &str, limit: Duration) -> OperationError<E> {
    OperationError::Timeout(Error::io(
        what,
        &std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            format!("no answer within {limit:?}"),
        ),
    ))
}

/// The builder methods both clients have.
macro_rules! settings_methods {
    () => {
        /// Sends every request to `url` (`http://127.0.0.1:4566`), whatever the service.
        pub fn with_endpoint(mut self, url: impl Into<String>) -> Self {
            self.settings.endpoint = Some(url.into());
            self
        }

        /// FIPS endpoints (`true`) or not (`false`), over `AWS_USE_FIPS_ENDPOINT` and
        /// `use_fips_endpoint` (see [`crate::endpoint`]).
        pub fn with_fips(mut self, fips: bool) -> Self {
            self.settings.endpoint_options.fips = Some(fips);
            self
        }

        /// Dual-stack (IPv4 and IPv6) endpoints or not, over `AWS_USE_DUALSTACK_ENDPOINT`
        /// and `use_dualstack_endpoint` (see [`crate::endpoint`]).
        pub fn with_dual_stack(mut self, dual_stack: bool) -> Self {
            self.settings.endpoint_options.dual_stack = Some(dual_stack);
            self
        }

        /// How S3 requests name their bucket (virtual-hosted or path style), over the
        /// profile's `s3 = addressing_style = ...` (see [`crate::endpoint`]).
        pub fn with_s3_addressing_style(mut self, style: crate::endpoint::AddressingStyle) -> Self {
            self.settings.endpoint_options.s3_addressing = Some(style);
            self
        }

        /// When request checksums are computed (`when_supported`, the default, or
        /// `when_required`), over `AWS_REQUEST_CHECKSUM_CALCULATION` and
        /// `request_checksum_calculation` (see [`awso_runtime::checksum`]).
        pub fn with_request_checksum_calculation(
            mut self,
            when: awso_runtime::checksum::When,
        ) -> Self {
            self.settings.checksums.0 = Some(when);
            self
        }

        /// When response checksums are validated (`when_supported`, the default, or
        /// `when_required`), over `AWS_RESPONSE_CHECKSUM_VALIDATION` and
        /// `response_checksum_validation`.
        pub fn with_response_checksum_validation(
            mut self,
            when: awso_runtime::checksum::When,
        ) -> Self {
            self.settings.checksums.1 = Some(when);
            self
        }

        /// Retries failed calls as `config` says (see [`crate::retry`]);
        /// [`RetryConfig::disabled`](crate::retry::RetryConfig::disabled) turns retries off.
        pub fn with_retry(mut self, config: crate::retry::RetryConfig) -> Self {
            self.settings.retry = config;
            self
        }

        /// Whether inputs are checked against their model constraints (`length`, `range`,
        /// `pattern`, `required`) before they are sent; on by default.
        pub fn with_validation(mut self, validate: bool) -> Self {
            self.settings.validate = validate;
            self
        }

        /// Limits on the time an attempt and a whole call may take (the connect timeout
        /// applies to the transports the client makes itself).
        pub fn with_timeouts(mut self, timeouts: crate::call::Timeouts) -> Self {
            self.settings.timeouts = timeouts;
            self
        }

        /// Signs with credentials from `provider` (asked at every attempt; wrap a provider
        /// whose credentials expire in a
        /// [`CachedProvider`](crate::credentials::CachedProvider)).
        pub fn with_credentials_provider(
            mut self,
            provider: impl crate::credentials::ProvideCredentials + 'static,
        ) -> Self {
            self.settings.credentials = std::sync::Arc::new(provider);
            self
        }

        /// Signs with `clock` instead of the system clock.
        pub fn with_clock(mut self, clock: impl crate::call::Clock + 'static) -> Self {
            self.settings.clock = std::sync::Arc::new(clock);
            self
        }

        /// The region requests are signed for.
        pub fn region(&self) -> &str {
            &self.settings.region
        }

        /// How far the signing clock is moved from the clock, in milliseconds, after
        /// clock-skew errors (0 until one happens).
        pub fn clock_offset_ms(&self) -> i64 {
            self.settings
                .clock_offset
                .load(std::sync::atomic::Ordering::Relaxed)
        }

        /// The signed HTTP request of operation `O` for `input`, as the first attempt of a
        /// call sends it (a streaming payload read into the body as it would be sent: a
        /// one-shot one is used up).
        pub fn signed_request<O: awso_runtime::operation::Operation>(
            &self,
            input: &O::Input,
        ) -> awso_runtime::Result<http::Request<Vec<u8>>> {
            self.settings.signed_request::<O>(input)
        }
    };
}
pub(crate) use settings_methods;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocation_ids_are_version_4_uuids() {
        let a = invocation_id();
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        assert_ne!(a, invocation_id());
    }

    #[test]
    fn the_user_agent_names_awso_the_os_and_rust() {
        let ua = user_agent();
        assert!(ua.starts_with(concat!("awso/", env!("CARGO_PKG_VERSION"), " os/")));
        assert!(ua.contains(" lang/rust#1."), "{ua}");
    }
}
