//! The async client: builds an operation's request, signs it with SigV4, sends it through a
//! [`Transport`], retries, and parses the response, on any executor.
//!
//! ```ignore
//! // Credentials, region and endpoint from the environment and ~/.aws, as the AWS SDKs find them.
//! let client = awso::Client::from_env()?;
//! let me = client.call::<GetCallerIdentity>(&GetCallerIdentityInput {}).await?;
//! ```
//!
//! [`crate::blocking::Client`] has the same methods without `.await`.

use crate::call::{dispatch_error, settings_methods, timed_out, ResponseMetadata, Settings};
use crate::credentials::Credentials;
use crate::offload::BlockingWork;
use crate::streaming::{buffered, not_retried, Streamed};
use crate::transport::{race, DefaultSleep, Sleep, Transport};
use awso_runtime::operation::{Operation, OperationError};
use std::future::Future;
use std::sync::Arc;

/// The async transport of [`Client::new`] and [`Client::from_env`]: reqwest with the
/// feature `reqwest`, else [`NoTransport`] (set one with [`Client::with_transport`]).
#[cfg(feature = "reqwest")]
pub type DefaultTransport = crate::transport::ReqwestTransport;
/// The async transport of [`Client::new`] and [`Client::from_env`]: reqwest with the
/// feature `reqwest`, else [`NoTransport`] (set one with [`Client::with_transport`]).
#[cfg(not(feature = "reqwest"))]
pub type DefaultTransport = NoTransport;

/// A transport that sends nothing: the async client's without the `reqwest` feature until
/// [`Client::with_transport`] gives it one.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTransport;

impl Transport for NoTransport {
    async fn send(
        &self,
        _: http::Request<Vec<u8>>,
    ) -> awso_runtime::Result<http::Response<Vec<u8>>> {
        Err(awso_runtime::Error::message(
            "no async HTTP client: enable awso's `reqwest` feature or pass a Transport to Client::with_transport",
        ))
    }
}

/// Calls operations of any service declared with `awso::service!`, asynchronously. Clones
/// share the connection pool, the retry quota and the clock correction.
#[derive(Debug, Clone)]
pub struct Client<T = DefaultTransport> {
    settings: Settings,
    transport: T,
    sleep: Arc<dyn Sleep>,
}

impl Client<DefaultTransport> {
    /// A client with explicit credentials and region; endpoints are derived from the region
    /// (and the `AWS_ENDPOINT_URL*` variables).
    pub fn new(credentials: Credentials, region: impl Into<String>) -> Self {
        Client {
            settings: Settings::new(credentials, region.into()),
            transport: DefaultTransport::default(),
            sleep: Arc::new(DefaultSleep),
        }
    }

    /// Credentials, region, endpoint overrides, retry settings (`AWS_MAX_ATTEMPTS`,
    /// `max_attempts`), trusted certificates (`AWS_CA_BUNDLE`, `ca_bundle`) and proxies
    /// (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) from the environment and the shared
    /// config/credentials files.
    ///
    /// When neither names a region, the EC2 instance metadata service is asked for it here,
    /// on this thread and without an async runtime
    /// ([`imds::region_now`](crate::credentials::imds::region_now)): milliseconds on EC2,
    /// and off EC2 at most the metadata timeout (one second) before the error that no region
    /// is set. The credentials providers' own blocking work runs off the executor later
    /// ([`crate::credentials::BlockingWork::Offload`]).
    pub fn from_env() -> awso_runtime::Result<Self> {
        let ca_bundle = Settings::ca_bundle_from_env()?;
        #[cfg(feature = "reqwest")]
        let providers = crate::credentials::ProviderConfig::reqwest_from_env(ca_bundle.as_deref())?;
        #[cfg(not(feature = "reqwest"))]
        let providers = crate::credentials::ProviderConfig::new(
            crate::profile::ProcessEnv,
            crate::profile::ProfileFiles::load(&crate::profile::ProcessEnv)?,
            crate::credentials::SharedHttp::new(crate::credentials::AsyncHttp(NoTransport)),
            crate::credentials::SharedHttp::new(crate::credentials::AsyncHttp(NoTransport)),
        );
        let env = Settings::from_env_with(&providers, ca_bundle, |providers| {
            crate::credentials::imds::region_now(providers).ok()
        })?;
        #[cfg(feature = "reqwest")]
        let transport = crate::transport::ReqwestTransport::new(
            env.settings.timeouts.connect,
            env.ca_bundle.as_deref(),
        )?;
        #[cfg(not(feature = "reqwest"))]
        let transport = NoTransport;
        Ok(Client {
            settings: env.settings,
            transport,
            sleep: Arc::new(DefaultSleep),
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
            sleep: self.sleep,
        }
    }

    /// Sleeps (backoff, timeouts) with `sleep` instead of [`DefaultSleep`].
    pub fn with_sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// Calls operation `O` with `input`, retrying throttling and transient failures (see
    /// [`crate::retry`]). The request is built once (an idempotency token stays the same
    /// across attempts) and signed afresh for every attempt.
    pub fn call<'a, O: Operation + 'a>(
        &'a self,
        input: &O::Input,
    ) -> impl Future<Output = Result<O::Output, OperationError<O::Error>>> + Send + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a,
    {
        let call = self.call_with_metadata::<O>(input);
        async move { call.await.map(|(output, _)| output) }
    }

    /// A presigned request of operation `O` for `input`, valid for `expires_in` (1 s to 7
    /// days): method, URL and headers for anyone to send without credentials (see
    /// [`crate::presign`]).
    pub async fn presign<O: Operation>(
        &self,
        input: &O::Input,
        expires_in: std::time::Duration,
    ) -> awso_runtime::Result<crate::presign::PresignedRequest> {
        let provided = self.settings.credentials.provide_credentials().await?;
        self.settings
            .presign_with::<O>(input, expires_in, &provided.credentials)
    }

    /// The pages of operation `O` from `input` on, as its paginator
    /// ([`awso::paginator!`](awso_runtime::paginator!)) says: a
    /// [`Stream`](futures_core::Stream) of outputs, `.items::<I>()` a stream of the items
    /// (see [`crate::paginate`]).
    pub fn paginate<'a, O>(&'a self, input: O::Input) -> crate::paginate::AsyncPages<'a, O, T>
    where
        O: awso_runtime::paginate::Paginated + 'a,
        O::Output: Send + 'a,
        O::Error: Send + 'a,
    {
        crate::paginate::AsyncPages::new(self, &input)
    }

    /// Polls waiter `W`'s operation with `input` until an acceptor ends the wait, the
    /// waiter's `max_attempts` are spent or `max_wait` has passed, sleeping between attempts
    /// as the AWS SDKs do, from the waiter's `delay` up to its `max_delay` (see
    /// [`crate::waiter`]; [`Client::waiter`] overrides them). `Ok` says which success
    /// acceptor matched, after how many attempts, and holds the last response.
    pub async fn wait<W: awso_runtime::waiter::Waiter>(
        &self,
        input: &<W::Operation as Operation>::Input,
        max_wait: std::time::Duration,
    ) -> Result<crate::waiter::Waited<W>, crate::waiter::WaitError<W>>
    where
        <W::Operation as Operation>::Output: Send,
        <W::Operation as Operation>::Error: Send,
    {
        let polling = crate::waiter::Polling::of::<W>();
        self.wait_polling::<W>(input, max_wait, polling).await
    }

    /// A wait on waiter `W` with other delays or attempts than its declaration's:
    /// `client.waiter::<W>().min_delay(d).wait(&input, max_wait).await`.
    pub fn waiter<W: awso_runtime::waiter::Waiter>(
        &self,
    ) -> crate::waiter::WaitBuilder<'_, W, Self> {
        crate::waiter::WaitBuilder::new(self)
    }

    pub(crate) async fn wait_polling<W: awso_runtime::waiter::Waiter>(
        &self,
        input: &<W::Operation as Operation>::Input,
        max_wait: std::time::Duration,
        polling: crate::waiter::Polling,
    ) -> Result<crate::waiter::Waited<W>, crate::waiter::WaitError<W>>
    where
        <W::Operation as Operation>::Output: Send,
        <W::Operation as Operation>::Error: Send,
    {
        use crate::waiter::{judge, Next, WaitError};
        awso_runtime::waiter::check_declaration::<W>().map_err(WaitError::Declaration)?;
        let start = std::time::Instant::now();
        let mut slept = std::time::Duration::ZERO;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let response = self.call_with_metadata::<W::Operation>(input).await;
            let last = match judge::<W>(attempts, response) {
                Next::Done(done) => return done,
                Next::Again(last) => last,
            };
            // The deadline counts the time asleep even when a `Sleep` of the application's
            // does not take it on the clock (a test's, a simulation's).
            let elapsed = start.elapsed().max(slept);
            let remaining = max_wait.saturating_sub(elapsed);
            let Some(delay) = polling.next_delay(attempts, remaining) else {
                let last = Some(last);
                return Err(WaitError::TimedOut { attempts, last });
            };
            self.sleep.sleep(delay).await;
            slept += delay;
        }
    }

    /// As [`Client::call`], with the response's metadata (request ids, attempts).
    pub fn call_with_metadata<'a, O: Operation + 'a>(
        &'a self,
        input: &O::Input,
    ) -> impl Future<Output = Result<(O::Output, ResponseMetadata), OperationError<O::Error>>> + Send + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a,
    {
        // The input is read here, before the first poll: the future does not borrow it.
        let prepared = self.settings.prepare::<O>(input);
        async move {
            let mut prepared = prepared?;
            let attempts = async {
                // Bytes and files are read for their hashes off the executor, inside the
                // operation's time limit.
                prepared
                    .hash_body::<O>(BlockingWork::Offload)
                    .await
                    .map_err(OperationError::Construction)?;
                let mut state = self.settings.retry_state();
                let streaming = crate::streaming::is_streaming::<O>();
                loop {
                    let credentials = self
                        .settings
                        .credentials::<O>()
                        .await
                        .map_err(OperationError::Construction)?;
                    let attempt_timed_out = |limit: std::time::Duration| {
                        awso_runtime::Error::io(
                            "attempt",
                            &std::io::Error::new(
                                std::io::ErrorKind::TimedOut,
                                format!("no answer within {limit:?}"),
                            ),
                        )
                    };
                    let sent = if streaming {
                        let request = self
                            .settings
                            .attempt_streaming_request::<O>(&prepared, &state, credentials.as_ref())
                            .map_err(OperationError::Construction)?;
                        // A file or reader is read by a thread of its own as it is sent.
                        let request = request.map(|body| BlockingWork::Offload.read_stream(body));
                        crate::trace_attempt!(O, state, request);
                        // The attempt timeout runs until the response's head is in: a streamed
                        // body is the caller's to read.
                        let sent = self.transport.send_streaming(request);
                        let response = match self.settings.timeouts.attempt {
                            Some(limit) => race(sent, self.sleep.sleep(limit))
                                .await
                                .unwrap_or_else(|| Err(attempt_timed_out(limit))),
                            None => sent.await,
                        };
                        match response {
                            Err(e) => Err(dispatch_error(e)),
                            Ok(response) => match self
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
                                    buffered(parts, body.collect_at_most(max).await)
                                }
                            },
                        }
                    } else {
                        let request = self
                            .settings
                            .attempt_request::<O>(&prepared, &state, credentials.as_ref())
                            .map_err(OperationError::Construction)?;
                        crate::trace_attempt!(O, state, request);
                        let sent = self.transport.send(request);
                        let response = match self.settings.timeouts.attempt {
                            Some(limit) => race(sent, self.sleep.sleep(limit))
                                .await
                                .unwrap_or_else(|| Err(attempt_timed_out(limit))),
                            None => sent.await,
                        };
                        response.map_err(dispatch_error)
                    };
                    if let Ok(response) = &sent {
                        if self
                            .settings
                            .follow_redirect::<O>(&mut prepared, response)?
                        {
                            continue;
                        }
                    }
                    let result =
                        sent.and_then(|r| self.settings.read_response::<O>(&prepared, &state, r));
                    let error = match result {
                        Ok(done) => {
                            state.succeeded();
                            crate::trace_done!(O, done.1);
                            return Ok(done);
                        }
                        Err(e) => e,
                    };
                    crate::trace_failed!(O, state, error);
                    match self.settings.after_failure(&mut state, &error) {
                        Some(_) if prepared.body_spent() => return Err(not_retried(error)),
                        Some(backoff) => {
                            drop(error);
                            self.sleep.sleep(backoff).await
                        }
                        None => return Err(error),
                    }
                }
            };
            match self.settings.timeouts.operation {
                Some(limit) => race(attempts, self.sleep.sleep(limit))
                    .await
                    .unwrap_or_else(|| Err(timed_out("call", limit))),
                None => attempts.await,
            }
        }
    }
}
