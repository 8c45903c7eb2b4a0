//! Sending requests: the [`Transport`] traits, the HTTP clients that implement them, proxy
//! settings, and the timers of the async client.
//!
//! awso does not speak HTTP itself; it hands each signed request to a transport:
//! - async ([`Transport`], `Send` futures, any executor): `ReqwestTransport` with the
//!   feature `reqwest`, or any HTTP client in a few lines;
//! - blocking ([`crate::blocking::Transport`]): `UreqTransport` with the feature `ureq`
//!   (on by default in `awso`).
//!
//! The transports awso makes read proxies from the environment as the AWS SDKs do
//! ([`ProxyConfig::from_env`]: `HTTPS_PROXY` for `https://`, `HTTP_PROXY` for `http://`,
//! `NO_PROXY`), pool connections, and cap the response body at
//! [`awso_runtime::limits::DEFAULT_MAX_SIZE`] bytes unless told otherwise. Streaming calls
//! (`send_streaming`: operations whose payload is a
//! [`ByteStream`]) have no cap: their bodies
//! go out and come in as they are read.

use crate::BoxFuture;
use awso_runtime::types::byte_stream::ByteStream;
use std::future::Future;
use std::time::Duration;

#[cfg(feature = "reqwest")]
mod reqwest;
#[cfg(any(feature = "reqwest", feature = "ureq"))]
mod tls;
#[cfg(feature = "ureq")]
mod ureq;

#[cfg(feature = "reqwest")]
pub use self::reqwest::ReqwestTransport;
#[cfg(feature = "ureq")]
pub use self::ureq::UreqTransport;

/// Sends one HTTP request and returns the whole response, asynchronously.
///
/// The futures are `Send`, so calls can be spawned on a multi-threaded executor. An
/// implementation should honour the [`AttemptTimeout`] extension of the request if it can;
/// the async client also races each attempt against its own timer.
pub trait Transport: Send + Sync {
    /// Sends `request` and reads the response.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<Vec<u8>>>> + Send;

    /// Sends `request`, whose body streams, and returns the response once its head is in,
    /// its body reading from the connection: the calls of operations with a streaming
    /// payload ([`ByteStream`]). A `Content-Length` header, when the request has one, is the
    /// body's length; without one the body goes chunked.
    ///
    /// The default collects the request body into memory, calls [`Transport::send`] and
    /// hands the response body over in memory: every transport streams this way, bounded by
    /// what `send` accepts. `ReqwestTransport` overrides it to stream both ways.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<ByteStream>>> + Send {
        async move {
            let (parts, body) = request.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| awso_runtime::Error::io("request body", &e))?;
            let response = self
                .send(http::Request::from_parts(parts, body.into()))
                .await?;
            Ok(response.map(ByteStream::from))
        }
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<Vec<u8>>>> + Send {
        (**self).send(request)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<ByteStream>>> + Send {
        (**self).send_streaming(request)
    }
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<Vec<u8>>>> + Send {
        (**self).send(request)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<ByteStream>>> + Send {
        (**self).send_streaming(request)
    }
}

/// The time one attempt may take, set on each request (an `http` extension) when the client
/// has an attempt timeout; blocking transports must honour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptTimeout(pub Duration);

/// The async client's timer: backoff between attempts and timeouts.
pub trait Sleep: Send + Sync + std::fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The default timer: tokio's inside a tokio runtime (feature `reqwest` or `tokio`), else
/// one that works on any executor by waking the task from a short-lived thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultSleep;

impl Sleep for DefaultSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        #[cfg(feature = "tokio")]
        if tokio::runtime::Handle::try_current().is_ok() {
            return Box::pin(tokio::time::sleep(duration));
        }
        Box::pin(thread_sleep(duration))
    }
}

/// A sleep for any executor: a thread sleeps and wakes the task.
fn thread_sleep(duration: Duration) -> impl Future<Output = ()> + Send {
    use std::sync::{Arc, Mutex};
    use std::task::{Poll, Waker};
    struct State {
        done: bool,
        waker: Option<Waker>,
        started: bool,
    }
    let state = Arc::new(Mutex::new(State {
        done: duration.is_zero(),
        waker: None,
        started: false,
    }));
    std::future::poll_fn(move |cx| {
        let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
        if s.done {
            return Poll::Ready(());
        }
        s.waker = Some(cx.waker().clone());
        if !s.started {
            s.started = true;
            let state = state.clone();
            std::thread::spawn(move || {
                std::thread::sleep(duration);
                let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
                s.done = true;
                if let Some(w) = s.waker.take() {
                    w.wake();
                }
            });
        }
        Poll::Pending
    })
}

/// Runs `future` until it completes or `timer` does, whichever is first.
pub(crate) async fn race<F: Future>(future: F, timer: BoxFuture<'static, ()>) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut timer = timer;
    std::future::poll_fn(|cx| {
        if let std::task::Poll::Ready(v) = future.as_mut().poll(cx) {
            return std::task::Poll::Ready(Some(v));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}

/// Proxies as the AWS SDKs read them from the environment.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct ProxyConfig {
    /// The proxy of `http://` requests (`HTTP_PROXY`, `http_proxy`).
    pub http: Option<String>,
    /// The proxy of `https://` requests (`HTTPS_PROXY`, `https_proxy`).
    pub https: Option<String>,
    /// Hosts reached directly (`NO_PROXY`, `no_proxy`): comma-separated names matching the
    /// host and its subdomains (a leading `.` or `*.` is allowed), `*` for all.
    pub no_proxy: Vec<String>,
}

impl std::fmt::Debug for ProxyConfig {
    // A proxy URL may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("http", &self.http.as_deref().map(redact_userinfo))
            .field("https", &self.https.as_deref().map(redact_userinfo))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// `http://user:pass@host:3128` as `http://***@host:3128`.
pub(crate) fn redact_userinfo(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) if scheme.is_empty() => format!("***{}", &rest[at..]),
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

impl ProxyConfig {
    /// `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (upper case first, then lower case) from
    /// the process environment; empty values are unset.
    pub fn from_env() -> Self {
        Self::from_env_with(&crate::profile::ProcessEnv)
    }

    /// As [`ProxyConfig::from_env`], from `env`.
    pub fn from_env_with(env: &impl crate::profile::Env) -> Self {
        let var = |upper: &str, lower: &str| {
            env.get(upper)
                .or_else(|| env.get(lower))
                .filter(|v| !v.trim().is_empty())
        };
        ProxyConfig {
            http: var("HTTP_PROXY", "http_proxy"),
            https: var("HTTPS_PROXY", "https_proxy"),
            no_proxy: var("NO_PROXY", "no_proxy")
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_ascii_lowercase())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The proxy for a request to `uri`, if it goes through one.
    pub fn proxy_for(&self, uri: &http::Uri) -> Option<&str> {
        let proxy = match uri.scheme_str() {
            Some("https") => self.https.as_deref(),
            _ => self.http.as_deref(),
        }?;
        let host = uri.host()?.trim_matches(['[', ']']).to_ascii_lowercase();
        let bypass = self.no_proxy.iter().any(|entry| {
            let entry = entry.trim_start_matches("*.").trim_start_matches('.');
            // `host:port` entries match the host on any port (as curl and the SDKs do).
            let entry = entry.split(':').next().unwrap_or(entry);
            entry == "*"
                || host == entry
                || host
                    .strip_suffix(entry)
                    .is_some_and(|head| head.ends_with('.'))
        });
        (!bypass).then_some(proxy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn proxies_follow_the_scheme_and_no_proxy() {
        let env = BTreeMap::from([
            ("HTTPS_PROXY", "http://user:pw@proxy:3128"),
            ("http_proxy", "http://plain:8080"),
            (
                "NO_PROXY",
                "localhost, .internal.example,169.254.169.254:80",
            ),
        ]);
        let p = ProxyConfig::from_env_with(&env);
        let uri = |s: &str| s.parse::<http::Uri>().unwrap();
        assert_eq!(
            p.proxy_for(&uri("https://sts.amazonaws.com/")),
            Some("http://user:pw@proxy:3128")
        );
        assert_eq!(
            p.proxy_for(&uri("http://s3.amazonaws.com/")),
            Some("http://plain:8080")
        );
        assert_eq!(p.proxy_for(&uri("http://localhost:4566/")), None);
        assert_eq!(p.proxy_for(&uri("https://a.internal.example/")), None);
        assert_eq!(p.proxy_for(&uri("https://internal.example/")), None);
        assert!(p.proxy_for(&uri("https://notinternal.example/")).is_some());
        assert_eq!(p.proxy_for(&uri("http://169.254.169.254/latest")), None);
        let debug = format!("{p:?}");
        assert!(!debug.contains("pw"), "{debug}");
        let all = ProxyConfig::from_env_with(&BTreeMap::from([
            ("HTTPS_PROXY", "http://p:1"),
            ("NO_PROXY", "*"),
        ]));
        assert_eq!(all.proxy_for(&uri("https://x.amazonaws.com/")), None);
        assert_eq!(
            ProxyConfig::from_env_with(&BTreeMap::<&str, &str>::new()),
            ProxyConfig::default()
        );
    }
}
