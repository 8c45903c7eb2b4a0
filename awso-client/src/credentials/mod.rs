//! AWS credentials from everywhere AWS code runs, found in the AWS SDKs' order, cached and
//! refreshed.
//!
//! [`default_provider`] is what [`Client::from_env`](crate::Client::from_env) and
//! [`blocking::Client::from_env`](crate::blocking::Client::from_env) sign with: a
//! [`CachedProvider`] over a [`ChainProvider`] of, in order,
//!
//! 1. [`environment`]: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
//! 2. [`web_identity`]: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (EKS IRSA) through
//!    STS `AssumeRoleWithWebIdentity`;
//! 3. [`profile`]: the selected profile of the shared config and credentials files: a role
//!    (`role_arn` with `source_profile`, `credential_source` or `web_identity_token_file`),
//!    SSO, static keys, or a `credential_process`;
//! 4. [`container`]: ECS and EKS Pod Identity (`AWS_CONTAINER_CREDENTIALS_*`);
//! 5. [`imds`]: the EC2 instance metadata service (IMDSv2).
//!
//! Providers answer `Err(`[`CredentialsError::NotConfigured`]`)` when they have nothing to
//! go on: the chain then tries the next one, and its error, when none answers, lists every
//! provider with the reason it did not. Any other error stops the chain (a broken
//! configuration is reported, not skipped). [`ExpiringCredentials::source`] says which
//! provider answered.
//!
//! Providers are async ([`ProvideCredentials`]); [`provide_blocking`] drives one on the
//! calling thread, which is how the blocking client uses them. Their blocking work (reading
//! token files and the SSO token cache, running `credential_process`) goes where
//! [`BlockingWork`] says: on a thread of its own for the async client, so no executor thread
//! waits on it, and on the calling thread for the blocking one. Secrets never appear in errors or
//! `Debug` output.

pub mod assume_role;
mod cache;
mod chain;
pub mod container;
pub mod environment;
mod http;
pub mod imds;
pub mod process;
pub mod profile;
pub mod sso;
mod sts;
pub mod web_identity;

use crate::call::{Clock, SystemClock};
#[cfg(any(feature = "ureq", feature = "reqwest"))]
use crate::profile::ProcessEnv;
use crate::profile::{Env, ProfileFiles, ProfileSet};
use crate::transport::{DefaultSleep, Sleep};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub use crate::offload::BlockingWork;
pub use awso_runtime::sigv4::Credentials;
pub use cache::{CachedProvider, REFRESH_MARGIN};
pub use chain::ChainProvider;
pub use environment::EnvironmentProvider;
pub use http::{AsyncHttp, BlockingHttp, HttpClient, SharedHttp};
pub use profile::ProfileProvider;

#[doc(no_inline)]
pub use crate::BoxFuture;

/// Credentials and when they stop working.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ExpiringCredentials {
    /// The keys (their `Debug` redacts the secret and the token).
    pub credentials: Credentials,
    /// When they expire; `None` for long-term keys.
    pub expiry: Option<SystemTime>,
    /// Which provider answered, and through what (`profile dev: assume role ... from
    /// environment`).
    pub source: String,
}

impl ExpiringCredentials {
    /// Credentials from `source`, with an expiry if they have one.
    pub fn new(
        credentials: Credentials,
        expiry: Option<SystemTime>,
        source: impl Into<String>,
    ) -> Self {
        ExpiringCredentials {
            credentials,
            expiry,
            source: source.into(),
        }
    }
}

/// Why a provider gave no credentials.
#[derive(Clone, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The provider has nothing configured (no variable, no profile key, no endpoint): a
    /// chain tries the next provider.
    NotConfigured {
        /// The provider (`environment`, `profile dev`, `IMDS`).
        provider: String,
        /// What it looked for.
        why: String,
    },
    /// The provider is configured but failed: a chain stops here.
    Failed {
        /// The provider.
        provider: String,
        /// What went wrong and what to do about it (never a secret).
        message: String,
    },
}

impl CredentialsError {
    /// Nothing configured for `provider`.
    pub fn not_configured(provider: impl Into<String>, why: impl Into<String>) -> Self {
        CredentialsError::NotConfigured {
            provider: provider.into(),
            why: why.into(),
        }
    }

    /// `provider` is configured but failed.
    pub fn failed(provider: impl Into<String>, message: impl Into<String>) -> Self {
        CredentialsError::Failed {
            provider: provider.into(),
            message: message.into(),
        }
    }

    /// The provider the error is about.
    pub fn provider(&self) -> &str {
        match self {
            CredentialsError::NotConfigured { provider, .. }
            | CredentialsError::Failed { provider, .. } => provider,
        }
    }

    /// Whether a chain should try the next provider.
    pub fn is_not_configured(&self) -> bool {
        matches!(self, CredentialsError::NotConfigured { .. })
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::NotConfigured { provider, why } => {
                write!(f, "credentials provider {provider}: {why}")
            }
            CredentialsError::Failed { provider, message } => {
                write!(f, "credentials provider {provider}: {message}")
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

impl From<CredentialsError> for awso_runtime::Error {
    fn from(e: CredentialsError) -> Self {
        awso_runtime::Error::message(e.to_string())
    }
}

/// Something that gives credentials, asynchronously: a provider of the chain, a cache, a
/// chain, or fixed [`Credentials`].
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials to sign with now.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(ExpiringCredentials::new(
            self.clone(),
            None,
            "static",
        ))))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

/// A provider shared by clients and their clones.
pub type SharedCredentialsProvider = Arc<dyn ProvideCredentials>;

/// Runs `provider` to completion on the calling thread (the blocking client's way in).
pub fn provide_blocking(
    provider: &(impl ProvideCredentials + ?Sized),
) -> Result<ExpiringCredentials, CredentialsError> {
    block_on(provider.provide_credentials())
}

#[doc(no_inline)]
pub use awso_runtime::byte_stream::block_on;

/// An environment shared by providers.
#[derive(Clone)]
pub(crate) struct SharedEnv(Arc<dyn Env + Send + Sync>);

impl Env for SharedEnv {
    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name)
    }
}

/// What providers read and talk through: the environment, the shared files, HTTP clients
/// (one for AWS services, one with a short connect timeout and no proxy for the metadata
/// endpoints), a sleep for retries, the clock, and where blocking work runs.
#[derive(Clone)]
pub struct ProviderConfig {
    pub(crate) env: SharedEnv,
    pub(crate) profiles: ProfileSet,
    pub(crate) http: SharedHttp,
    pub(crate) metadata_http: SharedHttp,
    pub(crate) sleep: Arc<dyn Sleep>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) blocking: BlockingWork,
}

impl fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("profiles", &self.profiles)
            .field("http", &self.http)
            .field("metadata_http", &self.metadata_http)
            .field("blocking", &self.blocking)
            .finish_non_exhaustive()
    }
}

/// How long a metadata endpoint (IMDS, container) may take to accept a connection, unless
/// `metadata_service_timeout` says otherwise: an instance answers at once, and a laptop
/// must not wait for one.
pub const METADATA_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// How long the container endpoint may take to answer (IMDS: `metadata_service_timeout`).
pub const METADATA_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(2);

/// The metadata endpoints' connect timeout for the real environment and `files`: a
/// `metadata_service_timeout` that is not a number is reported by the IMDS provider, and
/// connecting keeps the default meanwhile.
#[cfg(any(feature = "ureq", feature = "reqwest"))]
fn metadata_connect_timeout(files: &ProfileFiles) -> Duration {
    imds::timeout(&ProcessEnv, &files.parse()).unwrap_or(METADATA_CONNECT_TIMEOUT)
}

impl ProviderConfig {
    /// A configuration on explicit inputs: `env` for variables, `files` for the shared
    /// files' contents, `http` for AWS services (STS, SSO) and `metadata_http` for the
    /// metadata endpoints. Blocking work is offloaded ([`BlockingWork::Offload`]).
    pub fn new(
        env: impl Env + Send + Sync + 'static,
        files: ProfileFiles,
        http: SharedHttp,
        metadata_http: SharedHttp,
    ) -> Self {
        let profiles = files.parse();
        ProviderConfig {
            env: SharedEnv(Arc::new(env)),
            profiles,
            http,
            metadata_http,
            sleep: Arc::new(DefaultSleep),
            clock: Arc::new(SystemClock),
            blocking: BlockingWork::default(),
        }
    }

    /// Does the providers' blocking work as `blocking` says.
    pub fn with_blocking_work(mut self, blocking: BlockingWork) -> Self {
        self.blocking = blocking;
        self
    }

    /// Runs `work` (file reads, processes) where [`BlockingWork`] says; `provider` and
    /// `what` name it if it panics.
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        provider: &str,
        what: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, CredentialsError> {
        self.blocking.run(work).await.ok_or_else(|| {
            CredentialsError::failed(provider, format!("{what} stopped without an answer"))
        })
    }

    /// Uses `clock` for expiry decisions.
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Sleeps between retries of the providers' calls with `sleep`.
    pub fn with_sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// The real environment and files, HTTP through ureq (blocking; for the blocking
    /// client, so blocking work runs inline), trusting `ca_bundle` (PEM) if given.
    #[cfg(feature = "ureq")]
    pub fn ureq_from_env(ca_bundle: Option<&[u8]>) -> awso_runtime::Result<Self> {
        use crate::transport::{ProxyConfig, UreqTransport};
        let files = ProfileFiles::load(&ProcessEnv)?;
        let http = UreqTransport::new(Some(Duration::from_secs(10)), ca_bundle)?;
        let metadata = UreqTransport::new(Some(metadata_connect_timeout(&files)), None)?
            .with_proxies(ProxyConfig::default());
        Ok(ProviderConfig::new(
            ProcessEnv,
            files,
            SharedHttp::new(BlockingHttp(http)),
            SharedHttp::new(BlockingHttp(metadata)),
        )
        .with_sleep(http::ThreadSleep)
        .with_blocking_work(BlockingWork::Inline))
    }

    /// The real environment and files, HTTP through reqwest (async; for the async client),
    /// trusting `ca_bundle` (PEM) if given.
    #[cfg(feature = "reqwest")]
    pub fn reqwest_from_env(ca_bundle: Option<&[u8]>) -> awso_runtime::Result<Self> {
        use crate::transport::{ProxyConfig, ReqwestTransport};
        let files = ProfileFiles::load(&ProcessEnv)?;
        let http = ReqwestTransport::new(Some(Duration::from_secs(10)), ca_bundle)?;
        let metadata = ReqwestTransport::with_proxies(
            Some(metadata_connect_timeout(&files)),
            None,
            ProxyConfig::default(),
        )?;
        Ok(ProviderConfig::new(
            ProcessEnv,
            files,
            SharedHttp::new(AsyncHttp(http)),
            SharedHttp::new(AsyncHttp(metadata)),
        ))
    }

    /// An environment variable, trimmed, if set and not empty.
    pub(crate) fn var(&self, name: &str) -> Option<String> {
        self.env.get_non_empty(name)
    }

    /// The region for the providers' own calls (STS): `AWS_REGION`, `AWS_DEFAULT_REGION`,
    /// the selected profile's `region`.
    pub(crate) fn region(&self) -> Option<String> {
        crate::profile::region_from(&self.env, &self.profiles)
    }

    pub(crate) fn now(&self) -> SystemTime {
        self.clock.now()
    }
}

/// The default chain (see the module documentation) on `config`, uncached.
pub fn default_chain(config: &ProviderConfig) -> ChainProvider {
    ChainProvider::new()
        .push(EnvironmentProvider::new(config.clone()))
        .push(web_identity::WebIdentityProvider::from_env(config.clone()))
        .push(ProfileProvider::new(config.clone()))
        .push(container::ContainerProvider::new(config.clone()))
        .push(imds::ImdsProvider::new(config.clone()))
}

/// The default chain on `config` behind a [`CachedProvider`]: what the clients' `from_env`
/// sign with.
pub fn default_provider(config: &ProviderConfig) -> SharedCredentialsProvider {
    Arc::new(CachedProvider::new(
        Arc::new(default_chain(config)),
        config.clock.clone(),
    ))
}
