//! Credentials of a profile of the shared config and credentials files.
//!
//! A profile gets credentials, first match wins (botocore's order):
//!
//! 1. `role_arn`: STS `AssumeRole`, signed with the credentials of `source_profile` (whose
//!    static keys win over its own `role_arn`; chains are followed and cycles reported) or
//!    of `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`); with
//!    `web_identity_token_file` instead, `AssumeRoleWithWebIdentity`. `external_id`,
//!    `role_session_name` and `duration_seconds` are passed on; `mfa_serial` is refused
//!    (there is no one to type the code);
//! 2. `sso_session` or `sso_start_url`: IAM Identity Center ([`super::sso`]);
//! 3. `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`: static keys;
//! 4. `credential_process` ([`super::process`]).

use super::assume_role::{self, RoleConfig};
use super::sso::{self, SsoConfig};
use super::web_identity::{self, WebIdentity};
use super::{
    BoxFuture, Credentials, CredentialsError, ExpiringCredentials, ProvideCredentials,
    ProviderConfig,
};
use crate::profile::Profile;

/// The selected profile's credentials (`AWS_PROFILE`, else `default`), or a named one's.
#[derive(Debug, Clone)]
pub struct ProfileProvider {
    config: ProviderConfig,
    name: Option<String>,
}

impl ProfileProvider {
    /// The provider of the selected profile.
    pub fn new(config: ProviderConfig) -> Self {
        ProfileProvider { config, name: None }
    }

    /// The provider of profile `name`, whatever `AWS_PROFILE` says.
    pub fn named(config: ProviderConfig, name: impl Into<String>) -> Self {
        ProfileProvider {
            config,
            name: Some(name.into()),
        }
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(async move {
            let config = &self.config;
            if let Some(problem) = config.profiles.problems().first() {
                return Err(CredentialsError::failed(
                    "profile files",
                    format!("{problem}; fix the file (sections are `[profile name]`, settings `key = value`)"),
                ));
            }
            let explicit = self.name.clone().or_else(|| config.var("AWS_PROFILE"));
            let name = explicit.clone().unwrap_or_else(|| "default".to_owned());
            let provider = format!("profile {name}");
            let Some(profile) = config.profiles.profile(&name) else {
                let why =
                    format!("profile {name} is in neither the config nor the credentials file");
                return Err(match explicit {
                    Some(_) => {
                        CredentialsError::failed(provider, format!("{why}; check AWS_PROFILE"))
                    }
                    None => CredentialsError::not_configured(provider, why),
                });
            };
            if !has_credentials(profile) {
                return Err(CredentialsError::not_configured(
                    provider,
                    "no credentials in the profile (role_arn, sso_session, aws_access_key_id, credential_process)",
                ));
            }
            resolve(config, name, Vec::new()).await
        })
    }
}

fn has_credentials(p: &Profile) -> bool {
    [
        "role_arn",
        "sso_session",
        "sso_start_url",
        "aws_access_key_id",
        "credential_process",
    ]
    .iter()
    .any(|k| p.get(k).is_some())
}

/// The credentials of profile `name`, reached through the profiles in `visited`.
fn resolve(
    config: &ProviderConfig,
    name: String,
    mut visited: Vec<String>,
) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
    Box::pin(async move {
        let provider = format!("profile {name}");
        let Some(profile) = config.profiles.profile(&name) else {
            return Err(CredentialsError::failed(
                provider,
                format!(
                    "source_profile {name} (from profile {}) is in neither the config nor the credentials file",
                    visited.last().map_or("", String::as_str)
                ),
            ));
        };
        let is_source = !visited.is_empty();
        visited.push(name.clone());
        // A source profile's static keys win over its own role (botocore, the SDKs).
        if is_source && profile.get("aws_access_key_id").is_some() {
            return static_keys(profile, &provider);
        }
        if let Some(role_arn) = profile.get("role_arn") {
            return assume(config, &name, profile, role_arn, visited).await;
        }
        if profile.get("sso_session").is_some() || profile.get("sso_start_url").is_some() {
            let sso = sso_config(config, profile, &provider)?;
            return sso::credentials(config, &sso, &provider).await;
        }
        if profile.get("aws_access_key_id").is_some() {
            return static_keys(profile, &provider);
        }
        if let Some(command) = profile.get("credential_process") {
            let (command, name) = (command.to_owned(), provider.clone());
            // Off the executor: the command may take as long as a login.
            return config
                .blocking(&provider, "credential_process", move || {
                    super::process::run(&command, &name)
                })
                .await?;
        }
        Err(CredentialsError::failed(
            provider,
            "the profile has no credentials (role_arn, sso_session, aws_access_key_id, credential_process)",
        ))
    })
}

fn static_keys(profile: &Profile, provider: &str) -> Result<ExpiringCredentials, CredentialsError> {
    let id = profile.get("aws_access_key_id").unwrap_or_default();
    let secret = profile.get("aws_secret_access_key").ok_or_else(|| {
        CredentialsError::failed(
            provider,
            "aws_access_key_id is set but aws_secret_access_key is not; add it",
        )
    })?;
    let token = profile
        .get("aws_session_token")
        .or_else(|| profile.get("aws_security_token"))
        .map(str::to_owned);
    Ok(ExpiringCredentials::new(
        Credentials::new(id, secret, token),
        None,
        format!("{provider}: static keys"),
    ))
}

async fn assume(
    config: &ProviderConfig,
    name: &str,
    profile: &Profile,
    role_arn: &str,
    visited: Vec<String>,
) -> Result<ExpiringCredentials, CredentialsError> {
    let provider = format!("profile {name}");
    if profile.get("mfa_serial").is_some() {
        return Err(CredentialsError::failed(
            provider,
            "the role needs an MFA code (mfa_serial), which awso cannot prompt for; get \
             session credentials first (`aws sts get-session-token` or a credential_process) \
             and use them as the source",
        ));
    }
    let duration_seconds = match profile.get("duration_seconds") {
        None => None,
        Some(d) => Some(d.parse::<i32>().map_err(|_| {
            CredentialsError::failed(
                &provider,
                "duration_seconds is not a number of seconds (900 to 43200)",
            )
        })?),
    };
    let role = RoleConfig {
        role_arn: role_arn.to_owned(),
        session_name: profile.get("role_session_name").map(str::to_owned),
        external_id: profile.get("external_id").map(str::to_owned),
        duration_seconds,
    };
    let source = match (
        profile.get("source_profile"),
        profile.get("credential_source"),
        profile.get("web_identity_token_file"),
    ) {
        (Some(_), Some(_), _) => {
            return Err(CredentialsError::failed(
                provider,
                "both source_profile and credential_source are set; keep one",
            ))
        }
        (Some(source), None, _) if source == name => {
            // A profile may sign its own role with its own keys.
            static_keys(profile, &provider).map_err(|_| {
                CredentialsError::failed(
                    &provider,
                    "source_profile names the profile itself, which has no static keys",
                )
            })?
        }
        (Some(source), None, _) => {
            if visited.iter().any(|v| v == source) {
                let mut path = visited.clone();
                path.push(source.to_owned());
                return Err(CredentialsError::failed(
                    provider,
                    format!(
                        "source_profile makes a cycle: {}; end the chain with a profile that has keys",
                        path.join(" -> ")
                    ),
                ));
            }
            resolve(config, source.to_owned(), visited).await?
        }
        (None, Some(source), _) => credential_source(config, &provider, source).await?,
        (None, None, Some(token_file)) => {
            let identity = WebIdentity {
                token_file: token_file.to_owned(),
                role_arn: role_arn.to_owned(),
                session_name: role.session_name.clone(),
            };
            return web_identity::assume(config, &identity).await;
        }
        (None, None, None) => {
            return Err(CredentialsError::failed(
                provider,
                "role_arn needs source_profile, credential_source or web_identity_token_file",
            ))
        }
    };
    assume_role::assume(config, &provider, &role, source).await
}

async fn credential_source(
    config: &ProviderConfig,
    provider: &str,
    source: &str,
) -> Result<ExpiringCredentials, CredentialsError> {
    let result = match source {
        "Environment" => super::environment::from_env(&config.env),
        "Ec2InstanceMetadata" => {
            super::imds::ImdsProvider::new(config.clone())
                .provide_credentials()
                .await
        }
        "EcsContainer" => {
            super::container::ContainerProvider::new(config.clone())
                .provide_credentials()
                .await
        }
        other => {
            return Err(CredentialsError::failed(
                provider,
                format!(
                    "credential_source {other} is not one of Environment, Ec2InstanceMetadata, EcsContainer"
                ),
            ))
        }
    };
    result
        .map_err(|e| CredentialsError::failed(provider, format!("credential_source {source}: {e}")))
}

fn sso_config(
    config: &ProviderConfig,
    profile: &Profile,
    provider: &str,
) -> Result<SsoConfig, CredentialsError> {
    let missing = |key: &str| {
        CredentialsError::failed(provider, format!("an SSO profile needs {key}; add it"))
    };
    let (session_name, start_url, region) = match profile.get("sso_session") {
        Some(session) => {
            let section = config.profiles.sso_session(session).ok_or_else(|| {
                CredentialsError::failed(
                    provider,
                    format!("sso_session {session} has no [sso-session {session}] section in the config file"),
                )
            })?;
            let start_url = section
                .get("sso_start_url")
                .ok_or_else(|| missing("sso_start_url in the sso-session section"))?;
            let region = section
                .get("sso_region")
                .ok_or_else(|| missing("sso_region in the sso-session section"))?;
            (Some(session.to_owned()), start_url, region)
        }
        None => (
            None,
            profile
                .get("sso_start_url")
                .ok_or_else(|| missing("sso_start_url"))?,
            profile
                .get("sso_region")
                .ok_or_else(|| missing("sso_region"))?,
        ),
    };
    Ok(SsoConfig {
        profile: provider
            .strip_prefix("profile ")
            .unwrap_or(provider)
            .to_owned(),
        session_name,
        start_url: start_url.to_owned(),
        region: region.to_owned(),
        account_id: profile
            .get("sso_account_id")
            .ok_or_else(|| missing("sso_account_id"))?
            .to_owned(),
        role_name: profile
            .get("sso_role_name")
            .ok_or_else(|| missing("sso_role_name"))?
            .to_owned(),
    })
}
