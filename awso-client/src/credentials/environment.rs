//! Credentials from environment variables: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//! and `AWS_SESSION_TOKEN` (or the older `AWS_SECURITY_TOKEN`).

use super::ProviderConfig;
use super::{BoxFuture, Credentials, CredentialsError, ExpiringCredentials, ProvideCredentials};
use crate::profile::Env;

const NAME: &str = "environment";

/// Reads the keys from the environment on every call.
#[derive(Debug, Clone)]
pub struct EnvironmentProvider {
    config: ProviderConfig,
}

impl EnvironmentProvider {
    /// The provider on `config`'s environment.
    pub fn new(config: ProviderConfig) -> Self {
        EnvironmentProvider { config }
    }
}

/// The keys of `env`: not configured when `AWS_ACCESS_KEY_ID` is unset or empty; an error
/// when it is set but `AWS_SECRET_ACCESS_KEY` is not.
pub fn from_env(env: &impl Env) -> Result<ExpiringCredentials, CredentialsError> {
    let Some(access_key_id) = env.get_non_empty("AWS_ACCESS_KEY_ID") else {
        return Err(CredentialsError::not_configured(
            NAME,
            "AWS_ACCESS_KEY_ID is not set",
        ));
    };
    let secret = env.get_non_empty("AWS_SECRET_ACCESS_KEY").ok_or_else(|| {
        CredentialsError::failed(
            NAME,
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or unset AWS_ACCESS_KEY_ID",
        )
    })?;
    let token = env
        .get_non_empty("AWS_SESSION_TOKEN")
        .or_else(|| env.get_non_empty("AWS_SECURITY_TOKEN"));
    Ok(ExpiringCredentials::new(
        Credentials::new(access_key_id, secret, token),
        None,
        NAME,
    ))
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(std::future::ready(from_env(&self.config.env)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn env(pairs: &[(&'static str, &'static str)]) -> BTreeMap<&'static str, &'static str> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn environment_keys() {
        assert!(from_env(&env(&[])).unwrap_err().is_not_configured());
        assert!(from_env(&env(&[("AWS_ACCESS_KEY_ID", "")]))
            .unwrap_err()
            .is_not_configured());
        let err = from_env(&env(&[("AWS_ACCESS_KEY_ID", "a")])).unwrap_err();
        assert!(!err.is_not_configured());
        assert!(err.to_string().contains("environment"), "{err}");
        let e = env(&[("AWS_ACCESS_KEY_ID", "a"), ("AWS_SECRET_ACCESS_KEY", "s")]);
        assert_eq!(
            from_env(&e).unwrap().credentials,
            Credentials::new("a", "s", None)
        );
        let e = env(&[
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_SESSION_TOKEN", "t"),
            ("AWS_SECURITY_TOKEN", "old"),
        ]);
        assert_eq!(
            from_env(&e).unwrap().credentials.session_token.as_deref(),
            Some("t")
        );
        let e = env(&[
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_SECURITY_TOKEN", "old"),
        ]);
        assert_eq!(
            from_env(&e).unwrap().credentials.session_token.as_deref(),
            Some("old")
        );
    }
}
