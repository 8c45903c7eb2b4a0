//! Web identity (EKS IAM roles for service accounts, and any OIDC token in a file): STS
//! `AssumeRoleWithWebIdentity`, unsigned, with the token read afresh at every refresh.
//!
//! From the environment: `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and optionally
//! `AWS_ROLE_SESSION_NAME`; from a profile: `web_identity_token_file`, `role_arn`,
//! `role_session_name`.

use super::sts::{self, AssumeRoleWithWebIdentity, AssumeRoleWithWebIdentityInput};
use super::{
    BoxFuture, Credentials, CredentialsError, ExpiringCredentials, ProvideCredentials,
    ProviderConfig,
};

/// Where the token and the role come from.
#[derive(Debug, Clone)]
pub struct WebIdentityProvider {
    config: ProviderConfig,
    /// `None`: from the environment at each call.
    fixed: Option<WebIdentity>,
}

/// A role to assume with a token file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebIdentity {
    /// The token file.
    pub token_file: String,
    /// The role.
    pub role_arn: String,
    /// The session name, if configured.
    pub session_name: Option<String>,
}

const NAME: &str = "web identity";

impl WebIdentityProvider {
    /// The provider reading `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`.
    pub fn from_env(config: ProviderConfig) -> Self {
        WebIdentityProvider {
            config,
            fixed: None,
        }
    }

    /// A provider for a known role and token file (a profile's).
    pub fn new(config: ProviderConfig, identity: WebIdentity) -> Self {
        WebIdentityProvider {
            config,
            fixed: Some(identity),
        }
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(async move {
            let identity = match &self.fixed {
                Some(i) => i.clone(),
                None => {
                    let file = self.config.var("AWS_WEB_IDENTITY_TOKEN_FILE");
                    let role = self.config.var("AWS_ROLE_ARN");
                    match (file, role) {
                        (Some(token_file), Some(role_arn)) => WebIdentity {
                            token_file,
                            role_arn,
                            session_name: self.config.var("AWS_ROLE_SESSION_NAME"),
                        },
                        (None, _) => {
                            return Err(CredentialsError::not_configured(
                                NAME,
                                "AWS_WEB_IDENTITY_TOKEN_FILE is not set",
                            ))
                        }
                        (Some(_), None) => {
                            return Err(CredentialsError::failed(
                                NAME,
                                "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not: set the role to assume",
                            ))
                        }
                    }
                }
            };
            assume(&self.config, &identity).await
        })
    }
}

/// Calls `AssumeRoleWithWebIdentity` for `identity`.
pub(crate) async fn assume(
    config: &ProviderConfig,
    identity: &WebIdentity,
) -> Result<ExpiringCredentials, CredentialsError> {
    let token_file = identity.token_file.clone();
    let read = config
        .blocking(NAME, "reading the web identity token file", move || {
            std::fs::read_to_string(token_file)
        })
        .await?;
    let token = read.map_err(|e| {
        CredentialsError::failed(
            NAME,
            format!(
                "cannot read the web identity token file {}: {e}",
                identity.token_file
            ),
        )
    })?;
    let input = AssumeRoleWithWebIdentityInput {
        role_arn: identity.role_arn.clone(),
        role_session_name: identity
            .session_name
            .clone()
            .unwrap_or_else(|| sts::session_name(config)),
        web_identity_token: token.trim().to_owned(),
        duration_seconds: None,
    };
    // Unsigned: the client's credentials are never used.
    let client = sts::client(config, Credentials::new("", "", None), NAME)?;
    let output = client
        .call::<AssumeRoleWithWebIdentity>(&input)
        .await
        .map_err(|e| sts::error(NAME, "AssumeRoleWithWebIdentity", e))?;
    sts::credentials_of(
        output,
        NAME,
        format!("web identity: role {}", identity.role_arn),
    )
}
