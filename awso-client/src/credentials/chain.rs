//! A chain of providers: the first that has credentials answers; the error, when none does,
//! says why each did not.

use super::{BoxFuture, CredentialsError, ExpiringCredentials, ProvideCredentials};
use std::sync::Arc;

/// Tries providers in order. A provider that is not configured passes to the next; one that
/// fails stops the chain with its error.
#[derive(Debug, Default, Clone)]
pub struct ChainProvider {
    providers: Vec<Arc<dyn ProvideCredentials>>,
}

impl ChainProvider {
    /// An empty chain.
    pub fn new() -> Self {
        ChainProvider::default()
    }

    /// Adds `provider` at the end.
    pub fn push(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.providers.push(Arc::new(provider));
        self
    }
}

impl ProvideCredentials for ChainProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(async move {
            let mut reasons = Vec::new();
            for provider in &self.providers {
                match provider.provide_credentials().await {
                    Ok(credentials) => {
                        #[cfg(feature = "tracing")]
                        tracing::debug!(
                            source = %credentials.source,
                            skipped = %reasons.join("; "),
                            "awso: credentials loaded"
                        );
                        return Ok(credentials);
                    }
                    Err(CredentialsError::NotConfigured { provider, why }) => {
                        reasons.push(format!("{provider}: {why}"))
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(CredentialsError::failed(
                "chain",
                format!(
                    "no AWS credentials found ({}); set AWS_ACCESS_KEY_ID and \
                     AWS_SECRET_ACCESS_KEY, or select a profile with credentials (AWS_PROFILE)",
                    reasons.join("; ")
                ),
            ))
        })
    }
}
