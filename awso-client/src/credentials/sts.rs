//! The STS operations the providers call, declared with awso's own derive.

use super::{Credentials, CredentialsError, ExpiringCredentials, ProviderConfig};
use awso_derive::AwsShape;
use awso_runtime::Timestamp;

awso_runtime::service! {
    /// AWS Security Token Service.
    pub(crate) struct Sts {
        name: "STS",
        protocol: Protocol::AwsQuery,
        api_version: "2011-06-15",
        signing_name: "sts",
        endpoint_prefix: "sts",
    }
}

awso_runtime::operation! {
    /// Temporary credentials of a role, signed with the caller's.
    pub(crate) struct AssumeRole: Sts(AssumeRoleInput) -> AssumeRoleOutput, StsError;
}

awso_runtime::operation! {
    /// Temporary credentials of a role for an OIDC token; unsigned.
    pub(crate) struct AssumeRoleWithWebIdentity: Sts(AssumeRoleWithWebIdentityInput) -> AssumeRoleOutput, StsError; auth(none);
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime")]
pub(crate) struct AssumeRoleInput {
    pub role_arn: String,
    pub role_session_name: String,
    pub duration_seconds: Option<i32>,
    pub external_id: Option<String>,
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime")]
pub(crate) struct AssumeRoleWithWebIdentityInput {
    pub role_arn: String,
    pub role_session_name: String,
    #[aws(sensitive)]
    pub web_identity_token: String,
    pub duration_seconds: Option<i32>,
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime")]
pub(crate) struct AssumeRoleOutput {
    pub credentials: Option<StsCredentials>,
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime")]
pub(crate) struct StsCredentials {
    pub access_key_id: String,
    #[aws(sensitive)]
    pub secret_access_key: String,
    #[aws(sensitive)]
    pub session_token: String,
    pub expiration: Timestamp,
}

#[derive(AwsShape, Debug)]
#[aws(crate = "awso_runtime", errors)]
pub(crate) enum StsError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

/// An async client for STS with no credentials of its own (they are given per call), the
/// endpoint resolved from `config`'s environment and files.
pub(crate) fn client(
    config: &ProviderConfig,
    credentials: Credentials,
    provider: &str,
) -> Result<crate::Client<super::SharedHttp>, CredentialsError> {
    // The SDKs call STS in the region configured, else us-east-1 (the global endpoint).
    let region = config.region().unwrap_or_else(|| "us-east-1".to_owned());
    let endpoint = crate::endpoint::resolve_with(
        Sts::SERVICE.endpoint_prefix,
        Sts::SERVICE.name,
        &region,
        &config.env,
        &config.profiles,
    )
    .map_err(|e| CredentialsError::failed(provider, format!("STS endpoint: {e}")))?;
    Ok(crate::Client::new(credentials, region)
        .with_transport(config.http.clone())
        .with_endpoint(endpoint.url)
        .with_sleep(super::http::SharedSleep(config.sleep.clone())))
}

/// The credentials of an STS answer.
pub(crate) fn credentials_of(
    output: AssumeRoleOutput,
    provider: &str,
    source: String,
) -> Result<ExpiringCredentials, CredentialsError> {
    let c = output
        .credentials
        .ok_or_else(|| CredentialsError::failed(provider, "STS answered without credentials"))?;
    Ok(ExpiringCredentials::new(
        Credentials::new(c.access_key_id, c.secret_access_key, Some(c.session_token)),
        Some(c.expiration.into()),
        source,
    ))
}

/// An STS failure as a provider error: the code and message, never the request or the
/// response body.
pub(crate) fn error(
    provider: &str,
    what: &str,
    e: awso_runtime::operation::OperationError<StsError>,
) -> CredentialsError {
    CredentialsError::failed(
        provider,
        format!(
            "STS {what} failed: {}; check the role's trust policy and the caller's permissions",
            super::http::call_error(&e)
        ),
    )
}

/// `awso-<nanoseconds>`: a session name when none is configured (as the SDKs do).
pub(crate) fn session_name(config: &ProviderConfig) -> String {
    let nanos = config
        .now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("awso-{nanos}")
}
