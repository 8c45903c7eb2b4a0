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
//! - [`transport`]: sending an HTTP request ([`transport::Transport`], the HTTP/1.1
//!   [`transport::TcpTransport`], HTTPS with the `rustls` feature);
//! - [`client`]: [`Client`], which builds, signs, sends, retries and parses.
//!
//! Users depend on the `awso` facade, which re-exports this crate under its default feature
//! `client`; a crate that only needs the derive and the codecs turns it off and does not
//! compile this crate or its TLS stack.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod client;
pub mod credentials;
pub mod endpoint;
pub mod profile;
pub mod retry;
pub mod transport;

pub use client::Client;
pub use endpoint::Endpoint;
