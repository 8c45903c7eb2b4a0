//! The blocking client, for scripts and CLIs: the async client's methods without `.await`,
//! on a blocking HTTP client (`UreqTransport` with the
//! feature `ureq`).
//!
//! ```ignore
//! let client = awso::blocking::Client::from_env()?;
//! let me = client.call::<GetCallerIdentity>(&GetCallerIdentityInput {})?;
//! ```

use crate::call::{dispatch_error, settings_methods, timed_out, ResponseMetadata, Settings};
use crate::credentials::Credentials;
use crate::offload::BlockingWork;
use crate::streaming::{buffered, not_retried, Streamed};
use awso_runtime::operation::{Operation, OperationError};
use awso_runtime::types::byte_stream::ByteStream;
use std::time::{Duration, Instant};

/// Sends one HTTP request and returns the whole response, blocking the thread.
///
/// Honour the request's [`AttemptTimeout`](crate::transport::AttemptTimeout) extension when
/// there is one: the blocking client cannot interrupt a transport.
pub trait Transport {
    /// Sends `request` and reads the response.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> awso_runtime::Result<http::Response<Vec<u8>>>;

    /// Sends `request`, whose body streams, and returns the response once its head is in,
    /// its body reading from the connection: the calls of operations with a streaming
    /// payload ([`ByteStream`]). A `Content-Length` header, when the request has one, is the
    /// body's length; without one the body goes chunked.
    ///
    /// The default reads the request body into memory, calls [`Transport::send`] and hands
    /// the response body over in memory: every transport streams this way, bounded by what
    /// `send` accepts. `UreqTransport` overrides it to
    /// stream both ways.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> awso_runtime::Result<http::Response<ByteStream>> {
        let (parts, body) = request.into_parts();
        let body = body
            .collect_blocking()
            .map_err(|e| awso_runtime::Error::io("request body", &e))?;
        let response = self.send(http::Request::from_parts(parts, body.into()))?;
        Ok(response.map(ByteStream::from))
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> awso_runtime::Result<http::Response<Vec<u8>>> {
        (**self).send(request)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> awso_runtime::Result<http::Response<ByteStream>> {
        (**self).send_streaming(request)
    }
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> awso_runtime::Result<http::Response<Vec<u8>>> {
        (**self).send(request)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> awso_runtime::Result<http::Response<ByteStream>> {
        (**self).send_streaming(request)
    }
}

/// The blocking transport of [`Client::new`] and [`Client::from_env`]: ureq with the feature
/// `ureq`, else [`NoTransport`].
#[cfg(feature = "ureq")]
pub type DefaultTransport = crate::transport::UreqTransport;
/// The blocking transport of [`Client::new`] and [`Client::from_env`]: ureq with the feature
/// `ureq`, else [`NoTransport`].
#[cfg(not(feature = "ureq"))]
pub type DefaultTransport = NoTransport;

/// A transport that sends nothing: the blocking client's without the `ureq` feature until
/// [`Client::with_transport`] gives it one.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTransport;

impl Transport for NoTransport {
    fn send(&self, _: http::Request<Vec<u8>>) -> awso_runtime::Result<http::Response<Vec<u8>>> {
        Err(awso_runtime::Error::message(
            "no blocking HTTP client: enable awso's `ureq` feature or pass a Transport to Client::with_transport",
        ))
    }
}

/// Calls operations of any service declared with `awso::service!`, blocking. Clones share
/// the connection pool, the retry quota and the clock correction.
#[derive(Debug, Clone)]
pub struct Client<T = DefaultTransport> {
    settings: Settings,
    transport: T,
}

impl Client<DefaultTransport> {
    /// A client with explicit credentials and region; endpoints are derived from the region
    /// (and the `AWS_ENDPOINT_URL*` variables).
    pub fn new(credentials: Credentials, region: impl Into<String>) -> Self {
        Client {
            settings: Settings::new(credentials, region.into()),
            transport: DefaultTransport::default(),
        }
    }

    /// Credentials, region, endpoint overrides, retry settings (`AWS_MAX_ATTEMPTS`,
    /// `max_attempts`), trusted certificates (`AWS_CA_BUNDLE`, `ca_bundle`) and proxies
    /// (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) from the environment and the shared
    /// config/credentials files.
    pub fn from_env() -> awso_runtime::Result<Self> {
        let ca_bundle = Settings::ca_bundle_from_env()?;
        #[cfg(feature = "ureq")]
        let providers = crate::credentials::ProviderConfig::ureq_from_env(ca_bundle.as_deref())?;
        #[cfg(not(feature = "ureq"))]
        let providers = crate::credentials::ProviderConfig::new(
            crate::profile::ProcessEnv,
            crate::profile::ProfileFiles::load(&crate::profile::ProcessEnv)?,
            crate::credentials::SharedHttp::new(crate::credentials::BlockingHttp(NoTransport)),
            crate::credentials::SharedHttp::new(crate::credentials::BlockingHttp(NoTransport)),
        );
        let env = Settings::from_env_with(&providers, ca_bundle, |providers| {
            crate::credentials::block_on(crate::credentials::imds::region(providers)).ok()
        })?;
        #[cfg(feature = "ureq")]
        let transport = crate::transport::UreqTransport::new(
            env.settings.timeouts.connect,
            env.ca_bundle.as_deref(),
        )?;
        #[cfg(not(feature = "ureq"))]
        let transport = NoTransport;
        Ok(Client {
            settings: env.settings,
            transport,
        })
    }
}

impl<T: Transport> Client<T> {
    settings_methods!();

    /// Uses another transport (an HTTP client of the application's, a test double).
    pub fn with_transport<U: Transport>(self, transport: U) -> Client<U> {
        Client {
            settings: self.settings,
            transport,
        }
    }

    /// Calls operation `O` with `input`, retrying throttling and transient failures (see
    /// [`crate::retry`]). The request is built once (an idempotency token stays the same
    /// across attempts) and signed afresh for every attempt.
    pub fn call<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<O::Output, OperationError<O::Error>> {
        self.call_with_metadata::<O>(input)
            .map(|(output, _)| output)
    }

    /// A presigned request of operation `O` for `input`, valid for `expires_in` (1 s to 7
    /// days): method, URL and headers for anyone to send without credentials (see
    /// [`crate::presign`]).
    pub fn presign<O: Operation>(
        &self,
        input: &O::Input,
        expires_in: Duration,
    ) -> awso_runtime::Result<crate::presign::PresignedRequest> {
        let provided =
            crate::credentials::block_on(self.settings.credentials.provide_credentials())?;
        self.settings
            .presign_with::<O>(input, expires_in, &provided.credentials)
    }

    /// The pages of operation `O` from `input` on, as its paginator
    /// ([`awso::paginator!`](awso_runtime::paginator!)) says: an iterator of outputs,
    /// `.items::<I>()` an iterator of the items (see [`crate::paginate`]).
    pub fn paginate<O: awso_runtime::paginate::Paginated>(
        &self,
        input: O::Input,
    ) -> crate::paginate::Pages<'_, O, T> {
        crate::paginate::Pages::new(self, &input)
    }

    /// Polls waiter `W`'s operation with `input` until an acceptor ends the wait, the
    /// waiter's `max_attempts` are spent or `max_wait` has passed, sleeping between attempts
    /// as the AWS SDKs do, from the waiter's `delay` up to its `max_delay` (see
    /// [`crate::waiter`]; [`Client::waiter`] overrides them). `Ok` says which success
    /// acceptor matched, after how many attempts, and holds the last response.
    pub fn wait<W: awso_runtime::waiter::Waiter>(
        &self,
        input: &<W::Operation as Operation>::Input,
        max_wait: Duration,
    ) -> Result<crate::waiter::Waited<W>, crate::waiter::WaitError<W>> {
        self.wait_polling::<W>(input, max_wait, crate::waiter::Polling::of::<W>())
    }

    /// A wait on waiter `W` with other delays or attempts than its declaration's:
    /// `client.waiter::<W>().min_delay(d).wait(&input, max_wait)`.
    pub fn waiter<W: awso_runtime::waiter::Waiter>(
        &self,
    ) -> crate::waiter::WaitBuilder<'_, W, Self> {
        crate::waiter::WaitBuilder::new(self)
    }

    pub(crate) fn wait_polling<W: awso_runtime::waiter::Waiter>(
        &self,
        input: &<W::Operation as Operation>::Input,
        max_wait: Duration,
        polling: crate::waiter::Polling,
    ) -> Result<crate::waiter::Waited<W>, crate::waiter::WaitError<W>> {
        use crate::waiter::{judge, Next, WaitError};
        awso_runtime::waiter::check_declaration::<W>().map_err(WaitError::Declaration)?;
        let start = Instant::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let response = self.call_with_metadata::<W::Operation>(input);
            let last = match judge::<W>(attempts, response) {
                Next::Done(done) => return done,
                Next::Again(last) => last,
            };
            let remaining = max_wait.saturating_sub(start.elapsed());
            let Some(delay) = polling.next_delay(attempts, remaining) else {
                let last = Some(last);
                return Err(WaitError::TimedOut { attempts, last });
            };
            sleep(delay);
        }
    }

    /// As [`Client::call`], with the response's metadata (request ids, attempts).
    pub fn call_with_metadata<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<(O::Output, ResponseMetadata), OperationError<O::Error>> {
        let start = Instant::now();
        let limit = self.settings.timeouts.operation;
        let left = |now: Instant| limit.map(|l| l.saturating_sub(now - start));
        let mut prepared = self.settings.prepare::<O>(input)?;
        crate::credentials::block_on(prepared.hash_body::<O>(BlockingWork::Inline))
            .map_err(OperationError::Construction)?;
        let mut state = self.settings.retry_state();
        let streaming = crate::streaming::is_streaming::<O>();
        loop {
            let credentials = crate::credentials::block_on(self.settings.credentials::<O>())
                .map_err(OperationError::Construction)?;
            // The attempt gets what the call has left, if that is less.
            let timeout = match left(Instant::now()) {
                Some(left) if left.is_zero() => {
                    return Err(timed_out("call", limit.unwrap_or_default()));
                }
                Some(left) => Some(self.settings.timeouts.attempt.map_or(left, |a| a.min(left))),
                None => None,
            };
            let sent = if streaming {
                let request = self
                    .settings
                    .attempt_streaming_request::<O>(&prepared, &state, credentials.as_ref())
                    .map(|r| with_attempt_timeout(r, timeout))
                    .map_err(OperationError::Construction)?;
                crate::trace_attempt!(O, state, request);
                match self.transport.send_streaming(request) {
                    Err(e) => Err(dispatch_error(e)),
                    Ok(response) => {
                        match self
                            .settings
                            .streamed_output::<O>(&prepared, &state, response)
                        {
                            Streamed::Output(Ok(done)) => {
                                state.succeeded();
                                crate::trace_done!(O, done.1);
                                return Ok(done);
                            }
                            Streamed::Output(Err(e)) => Err(e),
                            Streamed::Buffer(response) => {
                                let (parts, body) = response.into_parts();
                                let max = awso_runtime::limits::DEFAULT_MAX_SIZE;
                                buffered(parts, body.collect_blocking_at_most(max))
                            }
                        }
                    }
                }
            } else {
                let request = self
                    .settings
                    .attempt_request::<O>(&prepared, &state, credentials.as_ref())
                    .map(|r| with_attempt_timeout(r, timeout))
                    .map_err(OperationError::Construction)?;
                crate::trace_attempt!(O, state, request);
                self.transport.send(request).map_err(dispatch_error)
            };
            if let Ok(response) = &sent {
                if self
                    .settings
                    .follow_redirect::<O>(&mut prepared, response)?
                {
                    continue;
                }
            }
            let result = sent.and_then(|r| self.settings.read_response::<O>(&prepared, &state, r));
            let error = match result {
                Ok(done) => {
                    state.succeeded();
                    crate::trace_done!(O, done.1);
                    return Ok(done);
                }
                Err(e) => e,
            };
            crate::trace_failed!(O, state, error);
            let Some(backoff) = self.settings.after_failure(&mut state, &error) else {
                return Err(error);
            };
            if prepared.body_spent() {
                return Err(not_retried(error));
            }
            if left(Instant::now()).is_some_and(|left| left <= backoff) {
                return Err(error);
            }
            sleep(backoff);
        }
    }
}

fn sleep(d: Duration) {
    if !d.is_zero() {
        std::thread::sleep(d);
    }
}

/// `request` with the time this attempt may take: the attempt timeout, or less when the
/// whole call's deadline comes first (blocking transports cannot be raced against a timer).
fn with_attempt_timeout<B>(
    mut request: http::Request<B>,
    timeout: Option<Duration>,
) -> http::Request<B> {
    if let Some(attempt) = timeout {
        request
            .extensions_mut()
            .insert(crate::transport::AttemptTimeout(attempt));
    }
    request
}
