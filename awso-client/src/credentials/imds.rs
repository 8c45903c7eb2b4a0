//! The EC2 instance metadata service, IMDSv2: a session token (`PUT /latest/api/token`
//! with a TTL), the instance's role (`GET /latest/meta-data/iam/security-credentials/`),
//! then its credentials; and the instance's region.
//!
//! `AWS_EC2_METADATA_DISABLED=true` turns it off. `AWS_EC2_METADATA_SERVICE_ENDPOINT`
//! (`ec2_metadata_service_endpoint`) names another endpoint; else
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (`ec2_metadata_service_endpoint_mode`) `IPv6`
//! picks `http://[fd00:ec2::254]` over `http://169.254.169.254`. Connecting gives up after
//! [`METADATA_CONNECT_TIMEOUT`](super::METADATA_CONNECT_TIMEOUT), so a machine that is not
//! on EC2 loses a second at most.

use super::container::MetadataCredentials;
use super::http::metadata_request;
use super::{BoxFuture, CredentialsError, ExpiringCredentials, ProvideCredentials, ProviderConfig};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

const NAME: &str = "IMDS";
const TOKEN_TTL: Duration = Duration::from_secs(21_600);
const TOKEN_PATH: &str = "/latest/api/token";
const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";

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

    async fn session_token(&self, endpoint: &str) -> Result<String, CredentialsError> {
        let now = self.config.now();
        if let Some((token, until)) = &*self.token.lock().unwrap_or_else(|e| e.into_inner()) {
            if now < *until {
                return Ok(token.clone());
            }
        }
        let request = http::Request::put(format!("{endpoint}{TOKEN_PATH}"))
            .header(
                "x-aws-ec2-metadata-token-ttl-seconds",
                TOKEN_TTL.as_secs().to_string(),
            )
            .body(Vec::new())
            .map_err(|_| CredentialsError::failed(NAME, format!("{endpoint} is not a URL")))?;
        let (status, body) = metadata_request(&self.config.metadata_http, request)
            .await
            .map_err(|e| unreachable(endpoint, e))?;
        match status {
            200 => {}
            403 => {
                return Err(CredentialsError::not_configured(
                    NAME,
                    format!("{endpoint} refused a session token (HTTP 403): IMDS is disabled on this instance"),
                ))
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
        Ok(token)
    }

    /// `GET` of a metadata path (`/latest/meta-data/placement/region`) with a session token.
    pub async fn get(&self, path: &str) -> Result<Vec<u8>, CredentialsError> {
        if self.disabled() {
            return Err(CredentialsError::not_configured(
                NAME,
                "AWS_EC2_METADATA_DISABLED is true",
            ));
        }
        let endpoint = self.endpoint()?;
        let token = self.session_token(&endpoint).await?;
        let request = http::Request::get(format!("{endpoint}{path}"))
            .header("x-aws-ec2-metadata-token", &token)
            .body(Vec::new())
            .map_err(|_| {
                CredentialsError::failed(NAME, "the session token is not a header value")
            })?;
        let (status, body) = metadata_request(&self.config.metadata_http, request)
            .await
            .map_err(|e| unreachable(&endpoint, e))?;
        match status {
            200 => Ok(body),
            401 => {
                // The token expired early (instance restarted): fetch another next time.
                *self.token.lock().unwrap_or_else(|e| e.into_inner()) = None;
                Err(CredentialsError::failed(
                    NAME,
                    format!("{endpoint} rejected the session token (HTTP 401); try again"),
                ))
            }
            404 => Err(CredentialsError::not_configured(
                NAME,
                format!(
                    "{endpoint}{path} does not exist (HTTP 404): no instance profile attached?"
                ),
            )),
            s => Err(CredentialsError::failed(
                NAME,
                format!("{endpoint}{path} answered HTTP {s}"),
            )),
        }
    }

    /// The instance's region (`/latest/meta-data/placement/region`).
    pub async fn region(&self) -> Result<String, CredentialsError> {
        let body = self.get("/latest/meta-data/placement/region").await?;
        String::from_utf8(body)
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| CredentialsError::failed(NAME, "the region is not text"))
    }
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
