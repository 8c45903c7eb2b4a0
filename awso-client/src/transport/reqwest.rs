//! The async transport on [reqwest](https://docs.rs/reqwest) 0.13 (hyper and tokio
//! underneath): pooled connections, HTTP/1.1, proxies, HTTPS with the feature `rustls`, and
//! bodies streamed both ways for operations with a streaming payload.

use super::{AttemptTimeout, ProxyConfig};
use awso_runtime::types::byte_stream::ByteStream;
use awso_runtime::Error;
use std::future::Future;
use std::time::Duration;

/// Requests through a [`reqwest::Client`] (cheap to clone; clones share the pool).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: ::reqwest::Client,
    /// The largest response body accepted.
    max_body: usize,
}

impl Default for ReqwestTransport {
    /// Proxies from the environment, a 10 s connect timeout, the Mozilla roots.
    fn default() -> Self {
        ReqwestTransport::new(Some(Duration::from_secs(10)), None)
            .expect("the default TLS settings are valid")
    }
}

impl ReqwestTransport {
    /// A transport with a connect timeout, trusting the certificates of a PEM bundle instead
    /// of the Mozilla roots when `ca_bundle` is set (`AWS_CA_BUNDLE`), and the proxies of the
    /// environment ([`ProxyConfig::from_env`]).
    pub fn new(
        connect_timeout: Option<Duration>,
        ca_bundle: Option<&[u8]>,
    ) -> awso_runtime::Result<Self> {
        Self::with_proxies(connect_timeout, ca_bundle, ProxyConfig::from_env())
    }

    /// As [`ReqwestTransport::new`], with these proxies instead of the environment's.
    pub fn with_proxies(
        connect_timeout: Option<Duration>,
        ca_bundle: Option<&[u8]>,
        proxies: ProxyConfig,
    ) -> awso_runtime::Result<Self> {
        let mut builder = ::reqwest::Client::builder()
            .redirect(::reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(t) = connect_timeout {
            builder = builder.connect_timeout(t);
        }
        let no_proxy = ::reqwest::NoProxy::from_string(&proxies.no_proxy.join(","));
        let bad = |url: &str| {
            Error::message(format!(
                "proxy URL {} is not valid",
                super::redact_userinfo(url)
            ))
        };
        if let Some(url) = &proxies.http {
            let proxy = ::reqwest::Proxy::http(url.as_str()).map_err(|_| bad(url))?;
            builder = builder.proxy(proxy.no_proxy(no_proxy.clone()));
        }
        if let Some(url) = &proxies.https {
            let proxy = ::reqwest::Proxy::https(url.as_str()).map_err(|_| bad(url))?;
            builder = builder.proxy(proxy.no_proxy(no_proxy));
        }
        #[cfg(feature = "rustls")]
        {
            builder = builder.tls_backend_preconfigured(super::tls::rustls_config(ca_bundle)?);
        }
        #[cfg(not(feature = "rustls"))]
        if let Some(pem) = ca_bundle {
            super::tls::pem_certificates(pem)?;
        }
        let client = builder
            .build()
            .map_err(|e| Error::message(format!("HTTP client: {e}")))?;
        Ok(ReqwestTransport::from_client(client))
    }

    /// A transport over a client the application configured (its proxies, TLS, pool).
    pub fn from_client(client: ::reqwest::Client) -> Self {
        ReqwestTransport {
            client,
            max_body: awso_runtime::limits::DEFAULT_MAX_SIZE,
        }
    }

    /// Accepts response bodies of at most `bytes`.
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }
}

impl super::Transport for ReqwestTransport {
    /// The request body is polled as hyper writes it (with its `Content-Length`, else
    /// chunked); the response body is read from the connection as the caller polls it,
    /// without a cap. hyper reports a body cut short as an error of that read.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<ByteStream>>> + Send {
        ReqwestTransport::send_stream(self.client.clone(), request)
    }

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = awso_runtime::Result<http::Response<Vec<u8>>>> + Send {
        let timeout = request.extensions().get::<AttemptTimeout>().map(|t| t.0);
        let client = self.client.clone();
        let max_body = self.max_body;
        async move {
            let mut request = ::reqwest::Request::try_from(request)
                .map_err(|e| Error::message(format!("request: {e}")))?;
            *request.timeout_mut() = timeout;
            let mut response = client.execute(request).await.map_err(reqwest_error)?;
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(reqwest_error)? {
                if body.len() + chunk.len() > max_body {
                    return Err(Error::message(format!(
                        "the response body is larger than {max_body} bytes"
                    )));
                }
                body.extend_from_slice(&chunk);
            }
            let mut out = http::Response::new(body);
            *out.status_mut() = response.status();
            *out.version_mut() = response.version();
            *out.headers_mut() = std::mem::take(response.headers_mut());
            Ok(out)
        }
    }
}

impl ReqwestTransport {
    /// The streaming form of `send`: the request body is polled as hyper writes it, the
    /// response body handed over unread.
    async fn send_stream(
        client: ::reqwest::Client,
        request: http::Request<ByteStream>,
    ) -> awso_runtime::Result<http::Response<ByteStream>> {
        // No reqwest timeout: it would bound the caller's reading of the body too. The
        // client's attempt timeout races this future, which ends at the response's head.
        let request = request.map(|body| ::reqwest::Body::wrap(StreamBody(body)));
        let request = ::reqwest::Request::try_from(request)
            .map_err(|e| Error::message(format!("request: {e}")))?;
        let response = client.execute(request).await.map_err(reqwest_error)?;
        let response: http::Response<::reqwest::Body> = response.into();
        Ok(response.map(|body| ByteStream::from_stream(ResponseBody(body))))
    }
}

/// A request body for hyper: the stream's pieces as data frames, its length as the size
/// hint when known.
struct StreamBody(ByteStream);

impl http_body::Body for StreamBody {
    type Data = bytes::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let stream = std::pin::Pin::new(&mut self.get_mut().0);
        futures_core::Stream::poll_next(stream, cx)
            .map(|item| item.map(|r| r.map(http_body::Frame::data)))
    }

    fn size_hint(&self) -> http_body::SizeHint {
        match self.0.len() {
            Some(len) => http_body::SizeHint::with_exact(len),
            None => http_body::SizeHint::default(),
        }
    }
}

/// A response body as a stream of its data frames (trailers are skipped); an error of the
/// connection is an I/O error of the read.
struct ResponseBody(::reqwest::Body);

impl futures_core::Stream for ResponseBody {
    type Item = std::io::Result<bytes::Bytes>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::task::Poll;
        let body = &mut self.get_mut().0;
        loop {
            let frame = match http_body::Body::poll_frame(std::pin::Pin::new(body), cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(frame)) => frame,
            };
            match frame {
                Ok(frame) => match frame.into_data() {
                    Ok(data) => return Poll::Ready(Some(Ok(data))),
                    Err(_trailers) => continue,
                },
                Err(e) => {
                    let error = reqwest_error(e);
                    let kind = match error.kind() {
                        awso_runtime::ErrorKind::Io { kind, .. } => *kind,
                        _ => std::io::ErrorKind::Other,
                    };
                    return Poll::Ready(Some(Err(std::io::Error::new(kind, error.to_string()))));
                }
            }
        }
    }
}

/// A reqwest error with the I/O kind retries are decided by.
fn reqwest_error(e: ::reqwest::Error) -> Error {
    use std::io::{Error as IoError, ErrorKind as Kind};
    let kind = if e.is_timeout() {
        Some(Kind::TimedOut)
    } else if e.is_connect() {
        Some(Kind::ConnectionRefused)
    } else if e.is_body() || e.is_request() || e.is_decode() {
        // Cut short: a reset or a closed connection mid-exchange.
        Some(Kind::ConnectionReset)
    } else {
        None
    };
    // Without the URL: it is in the caller's hands already, and a proxy's may carry a password.
    // The causes say what happened (a request body's own error among them).
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    match kind {
        Some(kind) => Error::io("transport", &IoError::new(kind, text)),
        None => Error::message(format!("transport: {text}")),
    }
}
