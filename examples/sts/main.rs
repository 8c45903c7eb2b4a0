//! STS `GetCallerIdentity` over awsQuery: who the credentials belong to. The smallest
//! complete client: one service, one operation, three shapes.
//!
//! Credentials, region and endpoint come from the environment and `~/.aws`. Against a local
//! moto (`moto_server -p 5000`):
//!
//! ```sh
//! AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=us-east-1 \
//! AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test cargo run --example sts
//! ```
//!
//! `cargo run --example sts -- --async` runs the same workflow on the async client
//! (reqwest on tokio) instead of the blocking one.

#[path = "../common/mod.rs"]
pub mod common;

use awso::AwsShape;
use common::Call;

awso::service! {
    /// AWS Security Token Service.
    pub struct Sts {
        name: "STS",
        protocol: Protocol::AwsQuery,
        api_version: "2011-06-15",
        signing_name: "sts",
        endpoint_prefix: "sts",
    }
}

awso::operation! {
    /// Returns the account, user ID and ARN of the caller.
    pub struct GetCallerIdentity: Sts(GetCallerIdentityInput) -> GetCallerIdentityOutput, StsError;
}

/// Input of `GetCallerIdentity` (no members).
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetCallerIdentityInput {}

/// Output of `GetCallerIdentity`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetCallerIdentityOutput {
    /// The unique ID of the calling entity.
    pub user_id: Option<String>,
    /// The account (12 digits).
    pub account: Option<String>,
    /// The caller's ARN.
    pub arn: Option<String>,
}

/// STS errors: none is modelled for this operation, so every code lands in `Unknown`
/// (`InvalidClientTokenId`, `SignatureDoesNotMatch`, `ExpiredToken`, ...).
#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum StsError {
    /// The error, with its code.
    #[aws(unknown)]
    Unknown {
        /// The error code.
        code: String,
        /// The message, if any.
        message: Option<String>,
    },
}

/// Asks who the client's credentials belong to.
pub async fn run(
    client: &impl Call,
) -> Result<GetCallerIdentityOutput, Box<dyn std::error::Error>> {
    let me = client
        .call::<GetCallerIdentity>(&GetCallerIdentityInput {})
        .await?;
    println!(
        "account {}, ARN {}",
        me.account.as_deref().unwrap_or("?"),
        me.arn.as_deref().unwrap_or("?")
    );
    Ok(me)
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    if common::is_async() {
        common::on_tokio(run(&awso::Client::from_env()?))?;
    } else {
        common::blocking(run(&awso::blocking::Client::from_env()?))?;
    }
    Ok(())
}
