//! The client layer of [awso](https://docs.rs/awso): everything that talks to the world.
//!
//! awso's two lower layers, in `awso-runtime`, are sans-IO: the codecs (JSON, XML, query,
//! CBOR) and the protocols (requests and responses of operations declared with
//! `awso::service!` / `awso::operation!`, SigV4). This crate adds what a call needs beyond
//! them:
//!
//! - [`credentials`]: where the keys come from (environment, shared files);
//! - [`profile`]: the shared config and credentials files and the environment settings;
//! - [`endpoint`]: the endpoint URL and signing region of a service in a region;
//! - [`retry`]: which failures are retried, and the backoff between attempts;
//! - [`presign`]: presigned requests (S3 URLs to share);
//! - [`retry`]: the retry policy as a state machine without I/O, shared by both clients;
//! - [`transport`]: the transport traits and their adapters (reqwest, async, feature
//!   `reqwest`; ureq, blocking, feature `ureq`), proxies from the environment, timers;
//! - [`client`]: the async [`Client`] (any executor), and [`blocking`]: the blocking one.
//!   Both build, stamp (`User-Agent`, `amz-sdk-invocation-id`, `amz-sdk-request`), sign,
//!   send, retry (correcting clock skew) and parse, and return the request ids with the
//!   output ([`ResponseMetadata`]). Operations with a streaming payload
//!   ([`ByteStream`](awso_runtime::ByteStream)) send and receive it as a stream
//!   (`Transport::send_streaming`): bodies from files and readers signed as the AWS SDKs
//!   sign them (aws-chunked where the hash cannot be known first), outputs returned at the
//!   response's head with their body still on the connection, checked as it ends.
//!
//! Users depend on the `awso` facade, which re-exports this crate under its default feature
//! `client`; a crate that only needs the derive and the codecs turns it off and does not
//! compile this crate or its TLS stack.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod blocking;
pub mod call;
pub mod client;
pub mod credentials;
pub mod endpoint;
mod offload;
pub mod paginate;
pub mod presign;
pub mod profile;
pub mod retry;
mod streaming;
pub mod transport;
pub mod waiter;

pub use call::{Clock, ResponseMetadata, SystemClock, Timeouts};
pub use client::Client;

/// A `tracing` event before each attempt (feature `tracing`).
#[doc(hidden)]
#[macro_export]
macro_rules! trace_attempt {
    ($op:ty, $state:expr, $request:expr) => {
        #[cfg(feature = "tracing")]
        tracing::debug!(
            service = <$op as awso_runtime::operation::Operation>::SERVICE.name,
            operation = <$op as awso_runtime::operation::Operation>::NAME,
            attempt = $state.attempt(),
            max_attempts = $state.max_attempts(),
            uri = %$request.uri(),
            "awso: sending attempt"
        );
    };
}

/// A `tracing` event after a failed attempt (feature `tracing`).
#[doc(hidden)]
#[macro_export]
macro_rules! trace_failed {
    ($op:ty, $state:expr, $error:expr) => {
        #[cfg(feature = "tracing")]
        tracing::debug!(
            operation = <$op as awso_runtime::operation::Operation>::NAME,
            attempt = $state.attempt(),
            error = %$error,
            "awso: attempt failed"
        );
    };
}

/// A `tracing` event when a call succeeds (feature `tracing`).
#[doc(hidden)]
#[macro_export]
macro_rules! trace_done {
    ($op:ty, $metadata:expr) => {
        #[cfg(feature = "tracing")]
        tracing::debug!(
            operation = <$op as awso_runtime::operation::Operation>::NAME,
            attempts = $metadata.attempts,
            request_id = $metadata.request_id.as_deref().unwrap_or(""),
            "awso: call succeeded"
        );
    };
}
pub use endpoint::Endpoint;

/// A boxed `Send` future: what the object-safe async traits return (credentials providers,
/// the credentials' HTTP client, the async client's timer).
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
