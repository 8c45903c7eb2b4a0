//! The EC2 instance metadata service, IMDSv2: a session token (`PUT /latest/api/token`
//! with a TTL), the instance's role (`GET /latest/meta-data/iam/security-credentials/`),
//! then its credentials; and the instance's region.
//!
//! `AWS_EC2_METADATA_DISABLED=true` turns it off. `AWS_EC2_METADATA_SERVICE_ENDPOINT`
//! (`ec2_metadata_service_endpoint`) names another endpoint; else
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (`ec2_metadata_service_endpoint_mode`) `IPv6`
//! picks `http://[fd00:ec2::254]` over `http://169.254.169.254`.
//!
//! Timeouts and attempts as the AWS SDKs and Tools reference sets them:
//! `AWS_METADATA_SERVICE_TIMEOUT` (`metadata_service_timeout`, whole seconds, default 1)
//! bounds connecting and each answer, and `AWS_METADATA_SERVICE_NUM_ATTEMPTS`
//! (`metadata_service_num_attempts`) counts the attempts. Unset, an answer of HTTP 5xx (or
//! a rejected session token) is tried once more, and an endpoint that does not answer at all
//! is not asked again, as the Rust SDK does: a machine that is not on EC2 loses one timeout,
//! a second, and no more. Set, every failure is tried again up to that many attempts, as
//! botocore does.

use super::container::MetadataCredentials;
use super::http::metadata_request;
use super::{BoxFuture, CredentialsError, ExpiringCredentials, ProvideCredentials, ProviderConfig};
use crate::profile::{Env, ProfileSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

const NAME: &str = "IMDS";
const TOKEN_TTL: Duration = Duration::from_secs(21_600);
const TOKEN_PATH: &str = "/latest/api/token";
const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";
const REGION_PATH: &str = "/latest/meta-data/placement/region";
/// Attempts when `metadata_service_num_attempts` is unset: one more for a 5xx.
const DEFAULT_ATTEMPTS: u32 = 2;

/// The IMDSv2 credentials provider. Clones share the session token.
#[derive(Debug, Clone)]
pub struct ImdsProvider {
    client: ImdsClient,
}

/// Talks IMDSv2, keeping its session token until shortly before the TTL ends.
#[derive(Debug, Clone)]
pub struct ImdsClient {
    config: ProviderConfig,
    token: Arc<Mutex<Option<(String, SystemTime)>>>,
}

/// `metadata_service_timeout`: how long connecting to IMDS and each of its answers may take
/// (default [`METADATA_CONNECT_TIMEOUT`](super::METADATA_CONNECT_TIMEOUT), one second).
pub fn timeout(env: &impl Env, profiles: &ProfileSet) -> Result<Duration, CredentialsError> {
    match crate::profile::setting(
        env,
        profiles,
        "AWS_METADATA_SERVICE_TIMEOUT",
        "metadata_service_timeout",
    ) {
        None => Ok(super::METADATA_CONNECT_TIMEOUT),
        Some(v) => match v.parse::<u64>() {
            Ok(seconds @ 1..=3600) => Ok(Duration::from_secs(seconds)),
            _ => Err(CredentialsError::failed(
                NAME,
                "AWS_METADATA_SERVICE_TIMEOUT / metadata_service_timeout is not a whole number \
                 of seconds from 1 to 3600",
            )),
        },
    }
}

/// `metadata_service_num_attempts`, if set.
fn configured_attempts(config: &ProviderConfig) -> Result<Option<u32>, CredentialsError> {
    match crate::profile::setting(
        &config.env,
        &config.profiles,
        "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
        "metadata_service_num_attempts",
    ) {
        None => Ok(None),
        Some(v) => match v.parse::<u32>() {
            Ok(n @ 1..=10) => Ok(Some(n)),
            _ => Err(CredentialsError::failed(
                NAME,
                "AWS_METADATA_SERVICE_NUM_ATTEMPTS / metadata_service_num_attempts is not a \
                 whole number from 1 to 10",
            )),
        },
    }
}

impl ImdsClient {
    /// A client on `config`'s environment and metadata HTTP client.
    pub fn new(config: ProviderConfig) -> Self {
        ImdsClient {
            config,
            token: Arc::default(),
        }
    }

    fn disabled(&self) -> bool {
        self.config
            .var("AWS_EC2_METADATA_DISABLED")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The endpoint, without a trailing slash.
    pub fn endpoint(&self) -> Result<String, CredentialsError> {
        let setting = |var: &str, key: &str| {
            crate::profile::setting(&self.config.env, &self.config.profiles, var, key)
        };
        if let Some(url) = setting(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "ec2_metadata_service_endpoint",
        ) {
            return Ok(url.trim_end_matches('/').to_owned());
        }
        match setting(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
            "ec2_metadata_service_endpoint_mode",
        ) {
            None => Ok("http://169.254.169.254".into()),
            Some(m) if m.eq_ignore_ascii_case("ipv4") => Ok("http://169.254.169.254".into()),
            Some(m) if m.eq_ignore_ascii_case("ipv6") => Ok("http://[fd00:ec2::254]".into()),
            Some(m) => Err(CredentialsError::failed(
                NAME,
                format!("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is {m}; use IPv4 or IPv6"),
            )),
        }
    }

    fn cached_token(&self, now: SystemTime) -> Option<String> {
        let token = self.token.lock().unwrap_or_else(|e| e.into_inner());
        token
            .as_ref()
            .filter(|(_, until)| now < *until)
            .map(|(t, _)| t.clone())
    }

    fn forget_token(&self) {
        *self.token.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// One request with the attempt timeout: its status and body, or `Err` when the
    /// endpoint did not answer.
    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<(u16, Vec<u8>), awso_runtime::Error> {
        metadata_request(&self.config.metadata_http, request, timeout).await
    }

    async fn session_token(
        &self,
        endpoint: &str,
        timeout: Duration,
    ) -> Result<Attempt<String>, CredentialsError> {
        let now = self.config.now();
        if let Some(token) = self.cached_token(now) {
            return Ok(Attempt::Done(token));
        }
        let request = http::Request::put(format!("{endpoint}{TOKEN_PATH}"))
            .header(
                "x-aws-ec2-metadata-token-ttl-seconds",
                TOKEN_TTL.as_secs().to_string(),
            )
            .body(Vec::new())
            .map_err(|_| CredentialsError::failed(NAME, format!("{endpoint} is not a URL")))?;
        let (status, body) = match self.send(request, timeout).await {
            Ok(answer) => answer,
            Err(e) => return Ok(Attempt::NoAnswer(unreachable(endpoint, e))),
        };
        match status {
            200 => {}
            403 => {
                return Err(CredentialsError::not_configured(
                    NAME,
                    format!("{endpoint} refused a session token (HTTP 403): IMDS is disabled on this instance"),
                ))
            }
            s @ 500..=599 => {
                return Ok(Attempt::Again(CredentialsError::failed(
                    NAME,
                    format!("{endpoint} answered HTTP {s} to the session token request; try again"),
                )))
            }
            s => {
                return Err(CredentialsError::failed(
                    NAME,
                    format!("{endpoint} answered HTTP {s} to the session token request"),
                ))
            }
        }
        let token = String::from_utf8(body)
            .map_err(|_| CredentialsError::failed(NAME, "the session token is not text"))?
            .trim()
            .to_owned();
        // Renewed a minute before the service forgets it.
        *self.token.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((token.clone(), now + TOKEN_TTL - Duration::from_secs(60)));
        Ok(Attempt::Done(token))
    }

    /// One attempt at `GET path`: a session token (cached), then the path.
    async fn get_once(
        &self,
        endpoint: &str,
        path: &str,
        timeout: Duration,
    ) -> Result<Attempt<Vec<u8>>, CredentialsError> {
        let token = match self.session_token(endpoint, timeout).await? {
            Attempt::Done(token) => token,
            Attempt::Again(e) => return Ok(Attempt::Again(e)),
            Attempt::NoAnswer(e) => return Ok(Attempt::NoAnswer(e)),
        };
        let request = http::Request::get(format!("{endpoint}{path}"))
            .header("x-aws-ec2-metadata-token", &token)
            .body(Vec::new())
            .map_err(|_| {
                CredentialsError::failed(NAME, "the session token is not a header value")
            })?;
        let (status, body) = match self.send(request, timeout).await {
            Ok(answer) => answer,
            Err(e) => return Ok(Attempt::NoAnswer(unreachable(endpoint, e))),
        };
        match status {
            200 => Ok(Attempt::Done(body)),
            401 => {
                // The token expired early (the instance restarted): another one next time.
                self.forget_token();
                Ok(Attempt::Again(CredentialsError::failed(
                    NAME,
                    format!("{endpoint} rejected the session token (HTTP 401); try again"),
                )))
            }
            404 => Err(CredentialsError::not_configured(
                NAME,
                format!(
                    "{endpoint}{path} does not exist (HTTP 404): no instance profile attached?"
                ),
            )),
            s @ 500..=599 => Ok(Attempt::Again(CredentialsError::failed(
                NAME,
                format!("{endpoint}{path} answered HTTP {s}; try again"),
            ))),
            s => Err(CredentialsError::failed(
                NAME,
                format!("{endpoint}{path} answered HTTP {s}"),
            )),
        }
    }

    /// `GET` of a metadata path (`/latest/meta-data/placement/region`) with a session token,
    /// tried again as the module documentation says.
    pub async fn get(&self, path: &str) -> Result<Vec<u8>, CredentialsError> {
        if self.disabled() {
            return Err(CredentialsError::not_configured(
                NAME,
                "AWS_EC2_METADATA_DISABLED is true",
            ));
        }
        let endpoint = self.endpoint()?;
        let timeout = timeout(&self.config.env, &self.config.profiles)?;
        let configured = configured_attempts(&self.config)?;
        let attempts = configured.unwrap_or(DEFAULT_ATTEMPTS);
        let mut attempt = 1;
        loop {
            let last = match self.get_once(&endpoint, path, timeout).await? {
                Attempt::Done(body) => return Ok(body),
                Attempt::Again(e) => e,
                // Not answering at all is tried again only when attempts are configured.
                Attempt::NoAnswer(e) if configured.is_none() => return Err(e),
                Attempt::NoAnswer(e) => e,
            };
            if attempt >= attempts {
                return Err(last);
            }
            attempt += 1;
            // The SDKs' IMDS backoff starts small: the service answers in milliseconds.
            self.config.sleep.sleep(Duration::from_millis(100)).await;
        }
    }

    /// The instance's region (`/latest/meta-data/placement/region`).
    pub async fn region(&self) -> Result<String, CredentialsError> {
        let body = self.get(REGION_PATH).await?;
        String::from_utf8(body)
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| CredentialsError::failed(NAME, "the region is not text"))
    }
}

/// How one attempt ended when it did not give an answer to use.
enum Attempt<T> {
    Done(T),
    /// An answer that another attempt may mend (HTTP 5xx, a rejected token).
    Again(CredentialsError),
    /// No answer at all (refused, timed out).
    NoAnswer(CredentialsError),
}

/// An endpoint that does not answer: not on EC2 (the chain goes on, its error says so).
fn unreachable(endpoint: &str, e: awso_runtime::Error) -> CredentialsError {
    CredentialsError::not_configured(
        NAME,
        format!(
            "no answer from {endpoint} ({e}): not on EC2? Set AWS_EC2_METADATA_DISABLED=true \
             to skip it, or AWS_EC2_METADATA_SERVICE_ENDPOINT to name it"
        ),
    )
}

impl ImdsProvider {
    /// The provider on `config`.
    pub fn new(config: ProviderConfig) -> Self {
        ImdsProvider {
            client: ImdsClient::new(config),
        }
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(async move {
            let roles = self.client.get(ROLE_PATH).await?;
            let roles = String::from_utf8_lossy(&roles);
            let Some(role) = roles.lines().map(str::trim).find(|l| !l.is_empty()) else {
                return Err(CredentialsError::not_configured(
                    NAME,
                    "the instance has no IAM role (instance profile)",
                ));
            };
            let body = self.client.get(&format!("{ROLE_PATH}{role}")).await?;
            MetadataCredentials::parse(&body, NAME, format!("IMDS: instance role {role}"))
        })
    }
}

/// The region from IMDS for `config`, if it answers.
pub async fn region(config: &ProviderConfig) -> Result<String, CredentialsError> {
    ImdsClient::new(config.clone()).region().await
}

/// The region from IMDS, waited for on the calling thread without an async runtime: for
/// constructors that cannot await (`Client::from_env`). It talks through a blocking ureq
/// client (feature `ureq`), else through reqwest on a runtime of its own on a thread of its
/// own (feature `reqwest`), so it works inside any executor. The wait is bounded by the
/// metadata timeout (one second unless `metadata_service_timeout` says otherwise) when
/// nothing answers; on EC2 the answer takes milliseconds.
pub fn region_now(config: &ProviderConfig) -> Result<String, CredentialsError> {
    #[cfg(feature = "ureq")]
    {
        use crate::transport::{ProxyConfig, UreqTransport};
        let timeout = timeout(&config.env, &config.profiles)?;
        let metadata = UreqTransport::new(Some(timeout), None)
            .map_err(|e| CredentialsError::failed(NAME, e.to_string()))?
            .with_proxies(ProxyConfig::default());
        let mut config = config.clone().with_sleep(super::http::ThreadSleep);
        config.metadata_http = super::SharedHttp::new(super::BlockingHttp(metadata));
        super::block_on(region(&config))
    }
    #[cfg(all(feature = "reqwest", not(feature = "ureq")))]
    {
        let config = config.clone();
        let asked = std::thread::Builder::new()
            .name("awso-imds-region".into())
            .spawn(move || {
                use crate::transport::{ProxyConfig, ReqwestTransport};
                // reqwest (through hyper-util) builds tokio with `rt` and `net`: a runtime of
                // this thread's own drives the one request.
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| CredentialsError::failed(NAME, e.to_string()))?;
                runtime.block_on(async {
                    let timeout = timeout(&config.env, &config.profiles)?;
                    let metadata =
                        ReqwestTransport::with_proxies(Some(timeout), None, ProxyConfig::default())
                            .map_err(|e| CredentialsError::failed(NAME, e.to_string()))?;
                    let mut config = config.with_sleep(crate::transport::DefaultSleep);
                    config.metadata_http = super::SharedHttp::new(super::AsyncHttp(metadata));
                    region(&config).await
                })
            })
            .map_err(|e| CredentialsError::failed(NAME, e.to_string()))?;
        asked.join().unwrap_or_else(|_| {
            Err(CredentialsError::failed(
                NAME,
                "the region lookup stopped without an answer",
            ))
        })
    }
    #[cfg(not(any(feature = "ureq", feature = "reqwest")))]
    {
        let _ = config;
        Err(CredentialsError::not_configured(
            NAME,
            "no HTTP client to ask it with (features `ureq` or `reqwest`)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{AsyncHttp, SharedHttp};
    use crate::profile::ProfileFiles;
    use std::collections::BTreeMap;
    use std::io::{BufRead, BufReader, Write};

    /// An IMDSv2 endpoint on loopback that answers the token and region requests, one
    /// connection each; its URL.
    fn imds() -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = Vec::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    head.push(line.to_ascii_lowercase());
                }
                let token = head
                    .iter()
                    .any(|l| l.starts_with("x-aws-ec2-metadata-token: tok"));
                let body = match head.first().map(String::as_str) {
                    Some(l) if l.starts_with("put /latest/api/token") => "tok",
                    Some(l) if l.starts_with("get /latest/meta-data/placement/region") && token => {
                        "eu-central-1"
                    }
                    _ => "",
                };
                let status = if body.is_empty() { 401 } else { 200 };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        url
    }

    #[test]
    fn region_now_needs_no_runtime() {
        let url = imds();
        let env: BTreeMap<String, String> =
            [("AWS_EC2_METADATA_SERVICE_ENDPOINT".to_owned(), url)].into();
        // The config's own HTTP clients are never used: region_now brings its own.
        let none = SharedHttp::new(AsyncHttp(crate::client::NoTransport));
        let config = ProviderConfig::new(env, ProfileFiles::default(), none.clone(), none);
        let region = region_now(&config);
        if cfg!(any(feature = "ureq", feature = "reqwest")) {
            assert_eq!(region.unwrap(), "eu-central-1");
        } else {
            assert!(region.unwrap_err().is_not_configured());
        }
    }
}
