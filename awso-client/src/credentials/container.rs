//! Container credentials: ECS task roles and EKS Pod Identity, from the endpoint the
//! platform names in the environment.
//!
//! - `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`: a path on ECS's `http://169.254.170.2`;
//! - else `AWS_CONTAINER_CREDENTIALS_FULL_URI`: any `https://` URL, or `http://` to a
//!   loopback address or to the ECS (`169.254.170.2`) or EKS (`169.254.170.23`,
//!   `fd00:ec2::23`) agents;
//! - `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at each call; EKS) or
//!   `AWS_CONTAINER_AUTHORIZATION_TOKEN`: the `Authorization` header.

use super::http::metadata_request;
use super::{
    BoxFuture, Credentials, CredentialsError, ExpiringCredentials, ProvideCredentials,
    ProviderConfig,
};
use awso_derive::AwsShape;
use awso_runtime::Timestamp;

const NAME: &str = "container";
const ECS_HOST: &str = "http://169.254.170.2";

/// The ECS / EKS container credentials provider.
#[derive(Debug, Clone)]
pub struct ContainerProvider {
    config: ProviderConfig,
}

/// What the ECS and EKS agents (and IMDS) answer.
#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime")]
pub(crate) struct MetadataCredentials {
    pub code: Option<String>,
    pub message: Option<String>,
    pub access_key_id: Option<String>,
    #[aws(sensitive)]
    pub secret_access_key: Option<String>,
    #[aws(sensitive)]
    pub token: Option<String>,
    #[aws(timestamp_format = "date-time")]
    pub expiration: Option<Timestamp>,
}

impl MetadataCredentials {
    pub(crate) fn parse(
        body: &[u8],
        provider: &str,
        source: String,
    ) -> Result<ExpiringCredentials, CredentialsError> {
        let bad = || {
            CredentialsError::failed(
                provider,
                "the credentials endpoint answered something that is not credentials JSON",
            )
        };
        let c: MetadataCredentials = awso_runtime::json::from_slice(body).map_err(|_| bad())?;
        if let Some(code) = c.code.as_deref().filter(|c| *c != "Success") {
            return Err(CredentialsError::failed(
                provider,
                format!(
                    "the credentials endpoint answered {code}: {}",
                    c.message.as_deref().unwrap_or("")
                ),
            ));
        }
        let (Some(id), Some(secret)) = (c.access_key_id, c.secret_access_key) else {
            return Err(bad());
        };
        Ok(ExpiringCredentials::new(
            Credentials::new(id, secret, c.token),
            c.expiration.map(Into::into),
            source,
        ))
    }
}

impl ContainerProvider {
    /// The provider on `config`'s environment.
    pub fn new(config: ProviderConfig) -> Self {
        ContainerProvider { config }
    }

    /// The endpoint, or why there is none.
    fn endpoint(&self) -> Result<String, CredentialsError> {
        if let Some(relative) = self.config.var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let sep = if relative.starts_with('/') { "" } else { "/" };
            return Ok(format!("{ECS_HOST}{sep}{relative}"));
        }
        let Some(full) = self.config.var("AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
            return Err(CredentialsError::not_configured(
                NAME,
                "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
            ));
        };
        let uri: http::Uri = full.parse().map_err(|_| {
            CredentialsError::failed(NAME, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        })?;
        if !full_uri_allowed(&uri) {
            return Err(CredentialsError::failed(
                NAME,
                format!(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI host {} is not allowed over http: use \
                     https, a loopback address, 169.254.170.2 (ECS) or 169.254.170.23 / \
                     fd00:ec2::23 (EKS)",
                    uri.host().unwrap_or("")
                ),
            ));
        }
        Ok(full)
    }

    async fn authorization(&self) -> Result<Option<String>, CredentialsError> {
        if let Some(file) = self.config.var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            let path = file.clone();
            let read = self
                .config
                .blocking(
                    NAME,
                    "reading AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                    move || std::fs::read_to_string(path),
                )
                .await?;
            let token = read.map_err(|e| {
                CredentialsError::failed(
                    NAME,
                    format!("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {file}: {e}"),
                )
            })?;
            return Ok(Some(token.trim().to_owned()));
        }
        Ok(self.config.var("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
    }
}

/// `https`, or `http` to loopback or the ECS/EKS agents.
pub(crate) fn full_uri_allowed(uri: &http::Uri) -> bool {
    let host = uri.host().unwrap_or("").trim_matches(['[', ']']);
    match uri.scheme_str() {
        Some("https") => true,
        Some("http") => {
            host == "localhost"
                || matches!(host, "169.254.170.2" | "169.254.170.23")
                || host.parse::<std::net::IpAddr>().is_ok_and(|ip| {
                    ip.is_loopback() || ip == "fd00:ec2::23".parse::<std::net::IpAddr>().unwrap()
                })
        }
        _ => false,
    }
}

impl ProvideCredentials for ContainerProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(async move {
            let url = self.endpoint()?;
            let token = self.authorization().await?;
            let mut last = None;
            // The agents answer at once; one retry covers a restart.
            for _ in 0..2 {
                let mut request = http::Request::get(&url);
                if let Some(t) = &token {
                    request = request.header(http::header::AUTHORIZATION, t);
                }
                let request = request.body(Vec::new()).map_err(|_| {
                    CredentialsError::failed(
                        NAME,
                        "the authorization token is not a valid header value",
                    )
                })?;
                let timeout = super::METADATA_ATTEMPT_TIMEOUT;
                match metadata_request(&self.config.metadata_http, request, timeout).await {
                    Ok((200, body)) => {
                        return MetadataCredentials::parse(&body, NAME, format!("container: {url}"))
                    }
                    Ok((status @ 400..=499, _)) => {
                        return Err(CredentialsError::failed(
                            NAME,
                            format!(
                                "{url} answered HTTP {status}; check AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE) and the task or pod role"
                            ),
                        ))
                    }
                    Ok((status, _)) => last = Some(format!("HTTP {status}")),
                    Err(e) => last = Some(e.to_string()),
                }
            }
            Err(CredentialsError::failed(
                NAME,
                format!(
                    "no credentials from {url}: {}; is the container agent running?",
                    last.unwrap_or_default()
                ),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_full_uri_hosts() {
        let ok = |s: &str| full_uri_allowed(&s.parse().unwrap());
        assert!(ok("http://127.0.0.1:8080/creds"));
        assert!(ok("http://127.0.0.2/creds"));
        assert!(ok("http://[::1]:80/creds"));
        assert!(ok("http://localhost/creds"));
        assert!(ok("http://169.254.170.2/v2/credentials"));
        assert!(ok("http://169.254.170.23/v1/credentials"));
        assert!(ok("http://[fd00:ec2::23]/v1/credentials"));
        assert!(ok("https://example.com/creds"));
        assert!(!ok("http://example.com/creds"));
        assert!(!ok("http://10.0.0.1/creds"));
        assert!(!ok("ftp://127.0.0.1/creds"));
    }
}
