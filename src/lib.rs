//! # awso: AWS shapes as plain Rust types
//!
//! Hand-model the AWS API shapes you need as structs and enums, add `#[derive(AwsShape)]`,
//! and get the AWS wire protocols for them.
//!
//! ```
//! use awso::{AwsShape, Timestamp};
//!
//! #[derive(AwsShape, Debug, Clone, PartialEq)]
//! pub struct CreatePlayerSessionInput {
//!     pub game_session_id: String,
//!     pub player_id: String,
//!     pub player_data: Option<String>,
//! }
//!
//! let input = CreatePlayerSessionInput {
//!     game_session_id: "gsess-1".into(),
//!     player_id: "player-1".into(),
//!     player_data: None,
//! };
//! assert_eq!(
//!     awso::json::to_string(&input),
//!     r#"{"GameSessionId":"gsess-1","PlayerId":"player-1"}"#
//! );
//! let back: CreatePlayerSessionInput = awso::json::from_str(r#"{"GameSessionId":"gsess-1","PlayerId":"player-1"}"#)?;
//! assert_eq!(back, input);
//! # Ok::<(), awso::Error>(())
//! ```
//!
//! Declare a service and its operations next to the shapes, and call them:
//!
//! ```no_run
//! use awso::AwsShape;
//!
//! #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
//! pub struct Empty {}
//!
//! #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
//! pub struct GetCallerIdentityOutput {
//!     pub user_id: Option<String>,
//!     pub account: Option<String>,
//!     pub arn: Option<String>,
//! }
//!
//! #[derive(AwsShape, Debug)]
//! #[aws(errors)]
//! pub enum StsError {
//!     #[aws(unknown)]
//!     Unknown { code: String, message: Option<String> },
//! }
//!
//! awso::service! {
//!     pub struct Sts {
//!         name: "STS",
//!         protocol: Protocol::AwsQuery,
//!         api_version: "2011-06-15",
//!         signing_name: "sts",
//!         endpoint_prefix: "sts",
//!     }
//! }
//! awso::operation! { pub struct GetCallerIdentity: Sts(Empty) -> GetCallerIdentityOutput, StsError; }
//!
//! // Credentials, region and endpoint from the environment and ~/.aws, as the AWS SDKs find them.
//! // Blocking; `awso::Client` is the same with `.await` on any executor.
//! let client = awso::blocking::Client::from_env()?;
//! let me = client.call::<GetCallerIdentity>(&Empty {})?;
//! println!("{:?}", me.arn);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The layers, each usable without the ones above it:
//!
//! 1. codecs ([`json`], [`xml`], [`query`], [`cbor`], with [`Value`], [`Timestamp`], [`Blob`],
//!    [`Document`]): bytes to typed values and back; no HTTP;
//! 2. protocols ([`operation`](mod@operation), [`checksum`], [`sigv4`], [`service!`],
//!    [`operation!`], [`paginate`], [`waiter`](mod@waiter)): an operation's HTTP request from
//!    its input and its output or error from the HTTP response (one module per AWS protocol),
//!    flexible checksums, SigV4, paginators and waiters, all sans-IO;
//! 3. the client (feature `client`, on by default through `ureq`; the `awso-client` crate):
//!    the async [`Client`] and [`blocking::Client`], [`credentials`], [`profile`],
//!    [`endpoint`], [`retry`], [`transport`].
//!
//! Crate features:
//!
//! - `ureq` (default): [`blocking::Client`]'s transport on ureq; implies `client`.
//! - `client`: the client layer, without a transport of its own (both clients take any
//!   transport through `with_transport`). Without it (`default-features = false`) awso is
//!   the derive, the codecs and the sans-IO protocol layer, and compiles no client code or
//!   TLS.
//! - `reqwest`: the async client's transport on reqwest (and tokio's timer); implies
//!   `client`. An async-only crate uses `default-features = false, features = ["reqwest",
//!   "rustls"]` and builds no blocking HTTP client.
//! - `rustls`: HTTPS in the transports (rustls on ring, the Mozilla roots, or the
//!   certificates of `AWS_CA_BUNDLE`), which calling AWS itself needs. Without it they speak
//!   plain HTTP (local endpoints).
//! - `tracing`: `tracing` events per call and attempt.
//! - `indexmap`: [`AwsShape`] for `indexmap::IndexMap`, maps that keep their entry order.
//!
//! See the README for the attributes and the protocol support table.
#![forbid(unsafe_code)]

pub use awso_derive::{AwsDebug, AwsShape};
pub use awso_runtime::*;

#[cfg(feature = "client")]
pub use awso_client::{
    blocking, call, client, credentials, endpoint, presign, profile, retry, transport, BoxFuture,
    Client, Clock, Endpoint, ResponseMetadata, SystemClock, Timeouts,
};
/// The paginations and waits of the clients (`paginate`, `wait`, `waiter`): pages and items
/// (iterators on the blocking client, streams on the async one), a wait with other delays,
/// and how a wait ended.
#[cfg(feature = "client")]
pub use awso_client::{
    paginate::{AsyncItems, AsyncPages, Items, Pages},
    waiter::{WaitBuilder, WaitError, Waited},
};
