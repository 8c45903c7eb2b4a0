//! Assuming a role with STS `AssumeRole`, signed with credentials from another provider (a
//! profile's `source_profile` or `credential_source`).

use super::sts::{self, AssumeRole, AssumeRoleInput};
use super::{CredentialsError, ExpiringCredentials, ProviderConfig};

/// A role to assume, as a profile configures it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleConfig {
    /// `role_arn`.
    pub role_arn: String,
    /// `role_session_name`.
    pub session_name: Option<String>,
    /// `external_id`.
    pub external_id: Option<String>,
    /// `duration_seconds`.
    pub duration_seconds: Option<i32>,
}

/// Calls `AssumeRole` for `role` signed with `source`.
pub(crate) async fn assume(
    config: &ProviderConfig,
    provider: &str,
    role: &RoleConfig,
    source: ExpiringCredentials,
) -> Result<ExpiringCredentials, CredentialsError> {
    let input = AssumeRoleInput {
        role_arn: role.role_arn.clone(),
        role_session_name: role
            .session_name
            .clone()
            .unwrap_or_else(|| sts::session_name(config)),
        duration_seconds: role.duration_seconds,
        external_id: role.external_id.clone(),
    };
    let client = sts::client(config, source.credentials, provider)?;
    let output = client
        .call::<AssumeRole>(&input)
        .await
        .map_err(|e| sts::error(provider, "AssumeRole", e))?;
    sts::credentials_of(
        output,
        provider,
        format!(
            "{provider}: assume role {} from {}",
            role.role_arn, source.source
        ),
    )
}
