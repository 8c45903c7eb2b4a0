//! The blocking transport on [ureq](https://docs.rs/ureq) 3: pooled connections, chunked
//! responses, gzip-compressed protocol bodies, bounded headers (64 KiB), proxies, HTTPS with
//! the feature `rustls`, and bodies streamed both ways for operations with a streaming
//! payload.
//!
//! Compression: ureq's own `gzip` feature decodes every response whose `Content-Encoding`
//! is gzip, and ureq 3 has no setting to turn that off per request or per agent; an S3
//! object stored with `Content-Encoding: gzip` would come back decoded (other bytes than
//! stored, its checksum not checked), where the AWS SDKs return it as stored. So that
//! feature is off, and this transport decodes gzip itself, in [`send`](Self::send) only:
//! protocol bodies (it asks for them with `Accept-Encoding: gzip`, as ureq did) are decoded
//! within the size cap; a streamed payload (`send_streaming`) is handed over as sent, as
//! reqwest's transport does.

use super::{AttemptTimeout, ProxyConfig};
use awso_runtime::types::byte_stream::ByteStream;
use awso_runtime::Error;
use std::time::Duration;

/// HTTP/1.1 through a [`ureq::Agent`] (its clones share the connection pool).
#[derive(Debug, Clone)]
pub struct UreqTransport {
    agent: ::ureq::Agent,
    proxies: ProxyConfig,
    /// The largest response body accepted.
    max_body: u64,
}

impl Default for UreqTransport {
    /// Proxies from the environment, a 10 s connect timeout, the Mozilla roots.
    fn default() -> Self {
        UreqTransport::new(Some(Duration::from_secs(10)), None)
            .expect("the default TLS settings are valid")
    }
}

impl UreqTransport {
    /// A transport with a connect timeout, trusting the certificates of a PEM bundle instead
    /// of the Mozilla roots when `ca_bundle` is set (`AWS_CA_BUNDLE`), and the proxies of the
    /// environment ([`ProxyConfig::from_env`]).
    pub fn new(
        connect_timeout: Option<Duration>,
        ca_bundle: Option<&[u8]>,
    ) -> awso_runtime::Result<Self> {
        #[cfg_attr(not(feature = "rustls"), allow(unused_mut))]
        let mut config = ::ureq::Agent::config_builder()
            // A service's 4xx/5xx is an answer for the protocol layer to read.
            .http_status_as_error(false)
            // The SDKs do not follow redirects: S3 says where a bucket lives in a 301's body.
            .max_redirects(0)
            .proxy(None)
            .timeout_connect(connect_timeout);
        #[cfg(feature = "rustls")]
        if let Some(pem) = ca_bundle {
            let certs: Vec<_> = super::tls::pem_certificates(pem)?
                .into_iter()
                .map(|der| ::ureq::tls::Certificate::from_der(&der).to_owned())
                .collect();
            config = config.tls_config(
                ::ureq::tls::TlsConfig::builder()
                    .root_certs(::ureq::tls::RootCerts::Specific(std::sync::Arc::new(certs)))
                    .build(),
            );
        }
        #[cfg(not(feature = "rustls"))]
        if ca_bundle.is_some() {
            super::tls::pem_certificates(ca_bundle.unwrap_or_default())?;
        }
        Ok(UreqTransport {
            agent: config.build().into(),
            proxies: ProxyConfig::from_env(),
            max_body: awso_runtime::limits::DEFAULT_MAX_SIZE as u64,
        })
    }

    /// A transport over an agent the application configured (its proxy settings are
    /// replaced by [`UreqTransport::with_proxies`]' per request; none by default).
    pub fn from_agent(agent: ::ureq::Agent) -> Self {
        UreqTransport {
            agent,
            proxies: ProxyConfig::default(),
            max_body: awso_runtime::limits::DEFAULT_MAX_SIZE as u64,
        }
    }

    /// Uses these proxies instead of the environment's.
    pub fn with_proxies(mut self, proxies: ProxyConfig) -> Self {
        self.proxies = proxies;
        self
    }

    /// Accepts response bodies of at most `bytes`.
    pub fn with_max_body(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }
}

impl UreqTransport {
    /// Sends `request` through the agent, with the attempt's timeout and the proxy of its URL.
    /// The timeout bounds the whole exchange, or, when the body `streams`, each phase up to
    /// the response's head (sending the request, sending its body, receiving the head): the
    /// response body is the caller's to read, at its pace.
    fn run<B: ::ureq::AsSendBody>(
        &self,
        request: http::Request<B>,
        streams: bool,
    ) -> awso_runtime::Result<http::Response<::ureq::Body>> {
        let timeout = request.extensions().get::<AttemptTimeout>().map(|t| t.0);
        let proxy = match self.proxies.proxy_for(request.uri()) {
            Some(url) => Some(::ureq::Proxy::new(url).map_err(|_| {
                Error::message(format!(
                    "proxy URL {} is not valid",
                    super::redact_userinfo(url)
                ))
            })?),
            None => None,
        };
        let mut configured = self.agent.configure_request(request);
        match timeout {
            Some(t) if streams => {
                configured = configured
                    .timeout_send_request(Some(t))
                    .timeout_send_body(Some(t))
                    .timeout_recv_response(Some(t));
            }
            Some(t) => configured = configured.timeout_global(Some(t)),
            None => {}
        }
        if proxy.is_some() {
            configured = configured.proxy(proxy);
        }
        self.agent.run(configured.build()).map_err(ureq_error)
    }
}

impl crate::blocking::Transport for UreqTransport {
    /// A gzip-compressed response body (`Content-Encoding: gzip`) is decoded, its
    /// `Content-Encoding` and `Content-Length` removed; the cap applies to the decoded body.
    fn send(
        &self,
        mut request: http::Request<Vec<u8>>,
    ) -> awso_runtime::Result<http::Response<Vec<u8>>> {
        if !request
            .headers()
            .contains_key(http::header::ACCEPT_ENCODING)
        {
            request.headers_mut().insert(
                http::header::ACCEPT_ENCODING,
                http::HeaderValue::from_static("gzip"),
            );
        }
        let (mut parts, mut body) = self.run(request, false)?.into_parts();
        let body = body
            .with_config()
            .limit(self.max_body)
            .read_to_vec()
            .map_err(ureq_error)?;
        let gzip = parts
            .headers
            .get(http::header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("gzip"));
        if !gzip {
            return Ok(http::Response::from_parts(parts, body));
        }
        let body = gunzip(&body, self.max_body)?;
        parts.headers.remove(http::header::CONTENT_ENCODING);
        parts.headers.remove(http::header::CONTENT_LENGTH);
        Ok(http::Response::from_parts(parts, body))
    }

    /// The request body is read as ureq writes it (with its `Content-Length`, else chunked);
    /// the response body is read from the connection as the caller reads it, without a cap,
    /// as sent (a `Content-Encoding` is the payload's, not undone).
    /// ureq reports a body cut short (fewer bytes than its `Content-Length`, an unfinished
    /// chunked body) as an error of that read.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> awso_runtime::Result<http::Response<ByteStream>> {
        let request = request.map(::ureq::SendBody::from_owned_reader);
        let (parts, body) = self.run(request, true)?.into_parts();
        let reader = body.into_with_config().limit(u64::MAX).reader();
        Ok(http::Response::from_parts(
            parts,
            ByteStream::from_reader(reader),
        ))
    }
}

/// The gzip-compressed `body` decoded, at most `max` bytes of it.
fn gunzip(body: &[u8], max: u64) -> awso_runtime::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| {
            Error::io(
                "the gzip-compressed response body (Content-Encoding: gzip)",
                &std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })?;
    if out.len() as u64 > max {
        return Err(Error::message(format!(
            "the response body is larger than {max} bytes once decompressed"
        )));
    }
    Ok(out)
}

/// A ureq error with the I/O kind retries are decided by.
fn ureq_error(e: ::ureq::Error) -> Error {
    use std::io::{Error as IoError, ErrorKind as Kind};
    let io = |kind: Kind, what: String| Error::io("transport", &IoError::new(kind, what));
    match e {
        ::ureq::Error::Io(e) => Error::io("transport", &e),
        ::ureq::Error::Timeout(t) => io(Kind::TimedOut, format!("timed out ({t})")),
        ::ureq::Error::ConnectionFailed => io(Kind::ConnectionRefused, "connection failed".into()),
        ::ureq::Error::BodyExceedsLimit(n) => {
            Error::message(format!("the response body is larger than {n} bytes"))
        }
        ::ureq::Error::Protocol(p) => Error::message(format!("the response is not HTTP: {p}")),
        other => Error::message(format!("transport: {other}")),
    }
}
