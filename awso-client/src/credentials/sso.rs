//! IAM Identity Center (SSO): the access token `aws sso login` cached in
//! `~/.aws/sso/cache/<sha1>.json`, refreshed through SSO OIDC `CreateToken` when it has
//! expired (sessions configured with `sso_session` only), then the portal's
//! `GetRoleCredentials` for the profile's account and role.
//!
//! Profiles name `sso_session` (a `[sso-session name]` section with `sso_start_url` and
//! `sso_region`; the cache file is the SHA-1 of the session name), or the legacy
//! `sso_start_url` and `sso_region` (the cache file is the SHA-1 of the URL; no refresh), with
//! `sso_account_id` and `sso_role_name`.
//!
//! As the AWS SDKs do and AWS documents the two APIs:
//!
//! - a token within five minutes of its `expiresAt`, of an `sso_session` profile whose cache
//!   file holds `refreshToken`, `clientId`, `clientSecret` and a `registrationExpiresAt`
//!   still ahead, is exchanged through SSO OIDC `CreateToken` (`POST /token` on
//!   `oidc.<sso_region>.amazonaws.com`, unsigned, JSON `clientId`, `clientSecret`,
//!   `grantType` `refresh_token` and `refreshToken`); the answer's `accessToken`,
//!   `expiresIn` and `refreshToken` are written back to the cache file, renamed over it;
//! - a refresh that fails while the token has not expired yet keeps the token; an expired
//!   token that cannot be refreshed is an error saying to run `aws sso login --profile`
//!   with the profile's name;
//! - `GetRoleCredentials` is `GET /federation/credentials?account_id=…&role_name=…` on
//!   `portal.sso.<sso_region>.amazonaws.com`, unsigned, the token in
//!   `x-amz-sso_bearer_token`; its `expiration` is in epoch milliseconds.

use super::{Credentials, CredentialsError, ExpiringCredentials, ProviderConfig};
use awso_derive::AwsShape;
use awso_runtime::Timestamp;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

awso_runtime::service! {
    /// The SSO portal.
    pub(crate) struct Sso {
        name: "SSO",
        protocol: Protocol::RestJson1,
        api_version: "2019-06-10",
        signing_name: "awsssoportal",
        endpoint_prefix: "portal.sso",
    }
}

awso_runtime::operation! {
    /// The credentials of a role the token's user may use.
    pub(crate) struct GetRoleCredentials: Sso(GetRoleCredentialsInput) -> GetRoleCredentialsOutput, SsoError;
    http("GET" "/federation/credentials"); auth(none);
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime")]
pub(crate) struct GetRoleCredentialsInput {
    #[aws(query = "role_name")]
    pub role_name: String,
    #[aws(query = "account_id")]
    pub account_id: String,
    #[aws(header = "x-amz-sso_bearer_token", sensitive)]
    pub access_token: String,
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime", rename_all = "camelCase")]
pub(crate) struct GetRoleCredentialsOutput {
    pub role_credentials: Option<RoleCredentials>,
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime", rename_all = "camelCase")]
pub(crate) struct RoleCredentials {
    pub access_key_id: Option<String>,
    #[aws(sensitive)]
    pub secret_access_key: Option<String>,
    #[aws(sensitive)]
    pub session_token: Option<String>,
    /// Milliseconds since the epoch.
    pub expiration: Option<i64>,
}

#[derive(AwsShape, Debug)]
#[aws(crate = "awso_runtime", errors)]
pub(crate) enum SsoError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso_runtime::service! {
    /// SSO OIDC.
    pub(crate) struct SsoOidc {
        name: "SSO OIDC",
        protocol: Protocol::RestJson1,
        api_version: "2019-06-10",
        signing_name: "sso-oauth",
        endpoint_prefix: "oidc",
    }
}

awso_runtime::operation! {
    /// A new access token for a refresh token.
    pub(crate) struct CreateToken: SsoOidc(CreateTokenInput) -> CreateTokenOutput, SsoError;
    http("POST" "/token"); auth(none);
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime", rename_all = "camelCase")]
pub(crate) struct CreateTokenInput {
    pub client_id: String,
    #[aws(sensitive)]
    pub client_secret: String,
    pub grant_type: String,
    #[aws(sensitive)]
    pub refresh_token: String,
}

#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime", rename_all = "camelCase")]
pub(crate) struct CreateTokenOutput {
    #[aws(sensitive)]
    pub access_token: Option<String>,
    pub expires_in: Option<i64>,
    #[aws(sensitive)]
    pub refresh_token: Option<String>,
}

/// The token cache file as `aws sso login` writes it.
#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime", rename_all = "camelCase")]
struct CachedToken {
    #[aws(sensitive)]
    access_token: Option<String>,
    #[aws(timestamp_format = "date-time")]
    expires_at: Option<Timestamp>,
    #[aws(sensitive)]
    refresh_token: Option<String>,
    client_id: Option<String>,
    #[aws(sensitive)]
    client_secret: Option<String>,
    #[aws(timestamp_format = "date-time")]
    registration_expires_at: Option<Timestamp>,
    region: Option<String>,
    start_url: Option<String>,
}

/// An SSO profile's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoConfig {
    /// The profile they come from (errors say `aws sso login --profile` it).
    pub profile: String,
    /// `sso_session`, or `None` for the legacy keys.
    pub session_name: Option<String>,
    /// `sso_start_url`.
    pub start_url: String,
    /// `sso_region`.
    pub region: String,
    /// `sso_account_id`.
    pub account_id: String,
    /// `sso_role_name`.
    pub role_name: String,
}

/// The cache file of `config`'s token: `~/.aws/sso/cache/<sha1 of session or URL>.json`.
pub fn cache_file(config: &ProviderConfig, sso: &SsoConfig) -> Option<PathBuf> {
    let key = sso.session_name.as_deref().unwrap_or(&sso.start_url);
    let name: String = sha1(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(
        crate::profile::home_dir(&config.env)?
            .join(".aws")
            .join("sso")
            .join("cache")
            .join(format!("{name}.json")),
    )
}

/// A token is refreshed this long before it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The access token: from the cache, refreshed when it has (nearly) expired.
async fn access_token(
    config: &ProviderConfig,
    sso: &SsoConfig,
    provider: &str,
) -> Result<String, CredentialsError> {
    let login = format!("run `aws sso login --profile {}`", sso.profile);
    let path = cache_file(config, sso).ok_or_else(|| {
        CredentialsError::failed(provider, "no home directory to find the SSO token cache in")
    })?;
    let read_from = path.clone();
    let read = config
        .blocking(provider, "reading the SSO token cache", move || {
            std::fs::read(read_from)
        })
        .await?;
    let text = read.map_err(|e| {
        CredentialsError::failed(
            provider,
            format!("no SSO token in {} ({e}); {login}", path.display()),
        )
    })?;
    let mut token: CachedToken = awso_runtime::json::from_slice(&text).map_err(|_| {
        CredentialsError::failed(
            provider,
            format!(
                "the SSO token cache {} is not valid JSON; {login}",
                path.display()
            ),
        )
    })?;
    let now = config.now();
    let expires_at = token.expires_at.map(SystemTime::from);
    let (Some(access), Some(expires_at)) = (token.access_token.clone(), expires_at) else {
        return Err(CredentialsError::failed(
            provider,
            format!(
                "the SSO token cache {} has no accessToken or expiresAt; {login}",
                path.display()
            ),
        ));
    };
    if now + TOKEN_MARGIN < expires_at {
        return Ok(access);
    }
    // Refresh: sso-session profiles with a registration that still holds.
    let refreshable = sso.session_name.is_some()
        && token.refresh_token.is_some()
        && token.client_id.is_some()
        && token.client_secret.is_some()
        && token
            .registration_expires_at
            .is_none_or(|t| now < SystemTime::from(t));
    if refreshable {
        match refresh(config, sso, &token).await {
            Ok(out) => {
                if let Some(new_access) = out.access_token {
                    token.access_token = Some(new_access.clone());
                    // Whole seconds, as the AWS CLI and SDKs write `expiresAt`.
                    let expires_in =
                        Duration::from_secs(out.expires_in.unwrap_or(3600).max(0) as u64);
                    let expires = (now + expires_in)
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap_or_default()
                        .as_secs();
                    token.expires_at =
                        Some((std::time::UNIX_EPOCH + Duration::from_secs(expires)).into());
                    if out.refresh_token.is_some() {
                        token.refresh_token = out.refresh_token;
                    }
                    // Best effort: the next process starts from the new token.
                    let bytes = awso_runtime::json::to_vec(&token);
                    let _ = config
                        .blocking(provider, "writing the SSO token cache", move || {
                            write_cache(&path, &bytes)
                        })
                        .await;
                    return Ok(new_access);
                }
            }
            Err(e) if now < expires_at => {
                let _ = e;
                return Ok(access);
            }
            Err(e) => {
                return Err(CredentialsError::failed(
                    provider,
                    format!("the SSO token expired and refreshing it failed ({e}); {login}"),
                ))
            }
        }
    }
    if now < expires_at {
        return Ok(access);
    }
    Err(CredentialsError::failed(
        provider,
        format!("the SSO token in {} has expired; {login}", path.display()),
    ))
}

/// Replaces the cache file whole: written beside it, then renamed over it, so a reader
/// never sees half a token.
fn write_cache(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(format!(".{}.tmp", std::process::id()));
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })
}

async fn refresh(
    config: &ProviderConfig,
    sso: &SsoConfig,
    token: &CachedToken,
) -> Result<CreateTokenOutput, String> {
    let input = CreateTokenInput {
        client_id: token.client_id.clone().unwrap_or_default(),
        client_secret: token.client_secret.clone().unwrap_or_default(),
        grant_type: "refresh_token".into(),
        refresh_token: token.refresh_token.clone().unwrap_or_default(),
    };
    let client = client(config, &SsoOidc::SERVICE, &sso.region).map_err(|e| e.to_string())?;
    client
        .call::<CreateToken>(&input)
        .await
        .map_err(|e| format!("SSO OIDC CreateToken: {}", super::http::call_error(&e)))
}

fn client(
    config: &ProviderConfig,
    service: &awso_runtime::operation::Service,
    region: &str,
) -> Result<crate::Client<super::SharedHttp>, awso_runtime::Error> {
    let endpoint = crate::endpoint::resolve_with(
        service.endpoint_prefix,
        service.name,
        region,
        &config.env,
        &config.profiles,
    )?;
    Ok(crate::Client::new(Credentials::new("", "", None), region)
        .with_transport(config.http.clone())
        .with_endpoint(endpoint.url)
        .with_sleep(super::http::SharedSleep(config.sleep.clone())))
}

/// The role credentials of `sso`.
pub(crate) async fn credentials(
    config: &ProviderConfig,
    sso: &SsoConfig,
    provider: &str,
) -> Result<ExpiringCredentials, CredentialsError> {
    let access_token = access_token(config, sso, provider).await?;
    let input = GetRoleCredentialsInput {
        role_name: sso.role_name.clone(),
        account_id: sso.account_id.clone(),
        access_token,
    };
    let client = client(config, &Sso::SERVICE, &sso.region)
        .map_err(|e| CredentialsError::failed(provider, format!("SSO endpoint: {e}")))?;
    let out = client
        .call::<GetRoleCredentials>(&input)
        .await
        .map_err(|e| {
            CredentialsError::failed(
                provider,
                format!(
                    "SSO GetRoleCredentials for account {} role {} failed: {}; check the \
                     profile's sso_account_id and sso_role_name, or log in again (`aws sso \
                     login --profile {}`)",
                    sso.account_id,
                    sso.role_name,
                    super::http::call_error(&e),
                    sso.profile
                ),
            )
        })?;
    let c = out.role_credentials.unwrap_or_default();
    let (Some(id), Some(secret)) = (c.access_key_id, c.secret_access_key) else {
        return Err(CredentialsError::failed(
            provider,
            "SSO GetRoleCredentials answered without credentials",
        ));
    };
    Ok(ExpiringCredentials::new(
        Credentials::new(id, secret, c.session_token),
        c.expiration
            .map(|ms| std::time::UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64)),
        format!(
            "{provider}: SSO account {} role {}",
            sso.account_id, sso.role_name
        ),
    ))
}

/// SHA-1 (FIPS 180-4), for the token cache's file names only.
pub(crate) fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    let mut message = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn sha1_vectors() {
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(
            hex(&sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        // The AWS CLI's cache name for a session called "dev".
        assert_eq!(hex(&sha1(b"https://d-abc123.awsapps.com/start")).len(), 40);
    }
}
