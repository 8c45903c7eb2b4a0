//! AWS credentials: from the environment and the shared config/credentials files, in the
//! order the AWS SDKs look.
//!
//! [`default_chain`] tries, in order:
//!
//! 1. the environment ([`from_env`]): `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, and
//!    `AWS_SESSION_TOKEN` (or the older `AWS_SECURITY_TOKEN`);
//! 2. the selected profile ([`crate::profile::profile_name`]: `AWS_PROFILE`, else `default`)
//!    of the shared files ([`from_profile`]): `aws_access_key_id`, `aws_secret_access_key`,
//!    `aws_session_token` (the credentials file winning over the config file).
//!
//! Not supported (an error says so): profiles that assume a role (`role_arn`), use SSO
//! (`sso_session`, `sso_start_url`), a `credential_process` or web identity, and the
//! container and EC2 instance metadata providers.
//!
//! Every function has an `_with` form taking the environment ([`Env`]) and the files'
//! contents ([`ProfileFiles`]) explicitly; the plain forms read the real ones.

use crate::profile::{self, Env, ProcessEnv, ProfileFiles, ProfileSet};
use awso_runtime::{Error, Result};

pub use awso_runtime::sigv4::Credentials;

/// Credentials from the environment: `Ok(None)` when `AWS_ACCESS_KEY_ID` is unset or
/// empty; an error when it is set but `AWS_SECRET_ACCESS_KEY` is not.
pub fn from_env_with(env: &impl Env) -> Result<Option<Credentials>> {
    let Some(access_key_id) = env.get_non_empty("AWS_ACCESS_KEY_ID") else {
        return Ok(None);
    };
    let secret = env.get_non_empty("AWS_SECRET_ACCESS_KEY").ok_or_else(|| {
        Error::message("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
    })?;
    let token = env
        .get_non_empty("AWS_SESSION_TOKEN")
        .or_else(|| env.get_non_empty("AWS_SECURITY_TOKEN"));
    Ok(Some(Credentials::new(access_key_id, secret, token)))
}

/// [`from_env_with`] the real process environment.
pub fn from_env() -> Result<Option<Credentials>> {
    from_env_with(&ProcessEnv)
}

/// Static credentials of the named profile: `Ok(None)` when neither file has the profile,
/// or it has no `aws_access_key_id`; an error when the key is there without its secret,
/// or the profile gets credentials in a way awso does not support (role, SSO, process).
pub fn from_profile(profiles: &ProfileSet, name: &str) -> Result<Option<Credentials>> {
    let Some(profile) = profiles.profile(name) else {
        return Ok(None);
    };
    if let Some(access_key_id) = profile.get("aws_access_key_id") {
        let secret = profile.get("aws_secret_access_key").ok_or_else(|| {
            Error::message(format!(
                "profile {name} has aws_access_key_id but no aws_secret_access_key"
            ))
        })?;
        let token = profile
            .get("aws_session_token")
            .or_else(|| profile.get("aws_security_token"))
            .map(str::to_owned);
        return Ok(Some(Credentials::new(access_key_id, secret, token)));
    }
    for key in [
        "role_arn",
        "sso_session",
        "sso_start_url",
        "credential_process",
        "web_identity_token_file",
    ] {
        if profile.get(key).is_some() {
            return Err(Error::message(format!(
                "profile {name} gets credentials through {key}, which awso does not support; \
                 use static keys or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN"
            )));
        }
    }
    Ok(None)
}

/// The default chain on explicit inputs: [`from_env_with`], then [`from_profile`] for the
/// selected profile. An error when neither has credentials, naming where it looked.
pub fn default_chain_with(env: &impl Env, files: &ProfileFiles) -> Result<Credentials> {
    if let Some(credentials) = from_env_with(env)? {
        return Ok(credentials);
    }
    let name = profile::profile_name(env);
    let profiles = files.parse();
    if let Some(credentials) = from_profile(&profiles, &name)? {
        return Ok(credentials);
    }
    let why = if env.get_non_empty("AWS_PROFILE").is_some() && profiles.profile(&name).is_none() {
        format!("profile {name} (AWS_PROFILE) is in neither the config nor the credentials file")
    } else {
        format!("profile {name} has no aws_access_key_id")
    };
    Err(Error::message(format!(
        "no AWS credentials: AWS_ACCESS_KEY_ID is not set and {why}"
    )))
}

/// The default chain on the real environment and files (`~/.aws/config`,
/// `~/.aws/credentials`, or where `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` say).
pub fn default_chain() -> Result<Credentials> {
    let files = ProfileFiles::load(&ProcessEnv)?;
    default_chain_with(&ProcessEnv, &files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn env(pairs: &[(&'static str, &'static str)]) -> BTreeMap<&'static str, &'static str> {
        pairs.iter().copied().collect()
    }

    fn files(config: &str, credentials: &str) -> ProfileFiles {
        ProfileFiles {
            config: Some(config.to_owned()),
            credentials: Some(credentials.to_owned()),
        }
    }

    const CREDENTIALS: &str = "\
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secretdefault

[dev]
aws_access_key_id=AKIDDEV
aws_secret_access_key=secret/dev+key==
aws_session_token = tokendev
";

    const CONFIG: &str = "\
[default]
region = us-east-1
[profile cfg]
aws_access_key_id = AKIDCFG
aws_secret_access_key = secretcfg
[profile role]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = default
[profile half]
aws_access_key_id = AKIDHALF
[profile empty]
region = eu-west-1
";

    #[test]
    fn credentials_debug_redacts() {
        let c = Credentials::new("AKID", "SECRET", Some("TOKEN".into()));
        let s = format!("{c:?}");
        assert!(s.contains("AKID"));
        assert!(!s.contains("SECRET") && !s.contains("TOKEN"), "{s}");
        assert!(s.contains(awso_runtime::REDACTED));
        let s = format!("{:#?}", Credentials::new("AKID", "SECRET", None));
        assert!(!s.contains("SECRET") && s.contains("None"), "{s}");
    }

    #[test]
    fn credentials_from_env() {
        assert_eq!(from_env_with(&env(&[])).unwrap(), None);
        assert_eq!(
            from_env_with(&env(&[("AWS_ACCESS_KEY_ID", "")])).unwrap(),
            None
        );
        assert!(from_env_with(&env(&[("AWS_ACCESS_KEY_ID", "a")])).is_err());
        let e = env(&[("AWS_ACCESS_KEY_ID", "a"), ("AWS_SECRET_ACCESS_KEY", "s")]);
        assert_eq!(
            from_env_with(&e).unwrap(),
            Some(Credentials::new("a", "s", None))
        );
        let e = env(&[
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_SESSION_TOKEN", "t"),
            ("AWS_SECURITY_TOKEN", "old"),
        ]);
        assert_eq!(
            from_env_with(&e).unwrap(),
            Some(Credentials::new("a", "s", Some("t".into())))
        );
        let e = env(&[
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_SECURITY_TOKEN", "old"),
        ]);
        assert_eq!(
            from_env_with(&e).unwrap().unwrap().session_token.as_deref(),
            Some("old")
        );
        // A closure works as an Env too.
        let c = from_env_with(&|k: &str| Some(format!("v-{k}")))
            .unwrap()
            .unwrap();
        assert_eq!(c.access_key_id, "v-AWS_ACCESS_KEY_ID");
    }

    #[test]
    fn credentials_from_profile() {
        let set = files(CONFIG, CREDENTIALS).parse();
        let c = from_profile(&set, "default").unwrap().unwrap();
        assert_eq!(c, Credentials::new("AKIDDEFAULT", "secretdefault", None));
        let c = from_profile(&set, "dev").unwrap().unwrap();
        assert_eq!(
            c,
            Credentials::new("AKIDDEV", "secret/dev+key==", Some("tokendev".into()))
        );
        let c = from_profile(&set, "cfg").unwrap().unwrap();
        assert_eq!(c.access_key_id, "AKIDCFG");
        assert_eq!(from_profile(&set, "missing").unwrap(), None);
        assert_eq!(from_profile(&set, "empty").unwrap(), None);
        let err = from_profile(&set, "role").unwrap_err().to_string();
        assert!(err.contains("role_arn"), "{err}");
        assert!(from_profile(&set, "half").is_err());
    }

    #[test]
    fn credentials_chain_env_first_then_profile() {
        let f = files(CONFIG, CREDENTIALS);
        let e = env(&[
            ("AWS_ACCESS_KEY_ID", "ENV"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_PROFILE", "dev"),
        ]);
        assert_eq!(default_chain_with(&e, &f).unwrap().access_key_id, "ENV");
        let e = env(&[("AWS_PROFILE", "dev")]);
        assert_eq!(default_chain_with(&e, &f).unwrap().access_key_id, "AKIDDEV");
        assert_eq!(
            default_chain_with(&env(&[]), &f).unwrap().access_key_id,
            "AKIDDEFAULT"
        );
        let err = default_chain_with(&env(&[("AWS_PROFILE", "nope")]), &f)
            .unwrap_err()
            .to_string();
        assert!(err.contains("profile nope (AWS_PROFILE)"), "{err}");
        let err = default_chain_with(&env(&[]), &ProfileFiles::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("no AWS credentials"), "{err}");
        // An error in the environment stops the chain.
        assert!(default_chain_with(&env(&[("AWS_ACCESS_KEY_ID", "a")]), &f).is_err());
    }
}
