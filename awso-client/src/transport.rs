//! Sending requests: the [`Transport`] trait and a small HTTP/1.1 transport over TCP.
//!
//! [`TcpTransport`] speaks HTTP/1.1 and keeps connections for reuse. Plain `http://` (local
//! endpoints such as moto or LocalStack) always works; `https://`, which AWS itself needs,
//! works with the crate feature `rustls` (rustls on ring, with the Mozilla root certificates
//! of `webpki-roots`, plus the PEM bundle named by `AWS_CA_BUNDLE` or the profile's
//! `ca_bundle` when the client is made by [`Client::from_env`](crate::Client::from_env)).
//! Anything else, such as an HTTP client the application already uses (ureq, reqwest,
//! hyper), plugs in by implementing [`Transport`]: it is one method.

use awso_runtime::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Sends one HTTP request and returns the whole response.
pub trait Transport {
    /// Sends `request` and reads the response.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> awso_runtime::Result<http::Response<Vec<u8>>>;
}

/// HTTP/1.1 over TCP, keeping connections open for the next request to the same endpoint
/// (idle for at most 15 s; shared by the transport's clones); HTTPS with the `rustls`
/// feature.
#[derive(Debug, Clone)]
pub struct TcpTransport {
    /// Connect, read and write timeout.
    pub timeout: Duration,
    /// The largest response body accepted.
    pub max_body: usize,
    /// The TLS settings for `https://` (the Mozilla roots unless set otherwise).
    #[cfg(feature = "rustls")]
    tls: Option<std::sync::Arc<rustls::ClientConfig>>,
    /// Idle connections.
    pool: Pool,
}

impl Default for TcpTransport {
    fn default() -> Self {
        TcpTransport {
            timeout: Duration::from_secs(30),
            max_body: awso_runtime::limits::DEFAULT_MAX_SIZE,
            #[cfg(feature = "rustls")]
            tls: None,
            pool: Pool::default(),
        }
    }
}

#[cfg(feature = "rustls")]
impl TcpTransport {
    /// Trusts the certificates of a PEM bundle besides the Mozilla roots (`AWS_CA_BUNDLE`: a
    /// corporate proxy's CA, a local endpoint's self-signed certificate).
    pub fn with_ca_bundle(mut self, pem: &[u8]) -> awso_runtime::Result<Self> {
        use rustls::pki_types::{pem::PemObject, CertificateDer};
        let mut roots = mozilla_roots();
        let mut added = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| Error::message(format!("CA bundle: {e}")))?;
            roots
                .add(cert)
                .map_err(|e| Error::message(format!("CA bundle: {e}")))?;
            added += 1;
        }
        if added == 0 {
            return Err(Error::message("CA bundle: no PEM certificate in it"));
        }
        self.tls = Some(std::sync::Arc::new(tls_config(roots)?));
        Ok(self)
    }

    /// The TLS configuration: the one set, else the Mozilla roots (built once).
    fn tls(&self) -> awso_runtime::Result<std::sync::Arc<rustls::ClientConfig>> {
        static DEFAULT: std::sync::OnceLock<Result<std::sync::Arc<rustls::ClientConfig>, Error>> =
            std::sync::OnceLock::new();
        match &self.tls {
            Some(config) => Ok(config.clone()),
            None => DEFAULT
                .get_or_init(|| tls_config(mozilla_roots()).map(std::sync::Arc::new))
                .clone(),
        }
    }
}

#[cfg(feature = "rustls")]
impl TcpTransport {
    /// TLS over `tcp`, checking the certificate against `host`.
    fn tls_stream(&self, tcp: TcpStream, host: &str) -> awso_runtime::Result<Stream> {
        let name = rustls::pki_types::ServerName::try_from(host.trim_matches(['[', ']']))
            .map_err(|e| Error::message(format!("TLS: bad server name {host}: {e}")))?
            .to_owned();
        let connection = rustls::ClientConnection::new(self.tls()?, name)
            .map_err(|e| Error::message(format!("TLS: {e}")))?;
        Ok(Stream::Tls(Box::new(rustls::StreamOwned::new(
            connection, tcp,
        ))))
    }
}

#[cfg(feature = "rustls")]
fn mozilla_roots() -> rustls::RootCertStore {
    rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    }
}

#[cfg(feature = "rustls")]
fn tls_config(roots: rustls::RootCertStore) -> awso_runtime::Result<rustls::ClientConfig> {
    Ok(
        rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::message(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth(),
    )
}

/// A connection: plain TCP or TLS over TCP.
enum Stream {
    Plain(TcpStream),
    #[cfg(feature = "rustls")]
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            #[cfg(feature = "rustls")]
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            #[cfg(feature = "rustls")]
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            #[cfg(feature = "rustls")]
            Stream::Tls(s) => s.flush(),
        }
    }
}

fn io(e: std::io::Error) -> Error {
    Error::io("transport", &e)
}

/// How long an idle connection is kept for reuse (AWS endpoints close idle connections after
/// 20 seconds or more).
const IDLE_TIMEOUT: Duration = Duration::from_secs(15);
/// Idle connections kept per transport (and its clones).
const MAX_IDLE: usize = 8;

/// An idle connection and where it goes.
struct Idle {
    key: String,
    stream: Stream,
    since: Instant,
}

/// Connections kept open for reuse, shared by a transport's clones.
#[derive(Clone, Default)]
struct Pool(Arc<Mutex<Vec<Idle>>>);

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.0.lock().map_or(0, |p| p.len());
        write!(f, "Pool {{ idle: {idle} }}")
    }
}

impl Pool {
    /// The most recently used open connection to `key`, if one is young enough.
    fn take(&self, key: &str) -> Option<Stream> {
        let mut idle = self.0.lock().unwrap_or_else(|p| p.into_inner());
        idle.retain(|c| c.since.elapsed() < IDLE_TIMEOUT);
        let i = idle.iter().rposition(|c| c.key == key)?;
        Some(idle.remove(i).stream)
    }

    fn put(&self, key: String, stream: Stream) {
        let mut idle = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() >= MAX_IDLE {
            idle.remove(0);
        }
        idle.push(Idle {
            key,
            stream,
            since: Instant::now(),
        });
    }
}

/// Why an exchange on a connection failed.
enum Failure {
    /// A reused connection was closed by the server before any of the response came back:
    /// the request was not processed, so it goes again on a new connection.
    Stale,
    /// Anything else.
    Error(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
}

impl Transport for TcpTransport {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> awso_runtime::Result<http::Response<Vec<u8>>> {
        let uri = request.uri();
        let https = match uri.scheme_str() {
            Some("http") => false,
            #[cfg(feature = "rustls")]
            Some("https") => true,
            #[cfg(not(feature = "rustls"))]
            Some("https") => {
                return Err(Error::message(
                    "https:// needs awso's `rustls` feature (or a Transport of your own)",
                ))
            }
            _ => return Err(Error::message("request URI is not http:// or https://")),
        };
        let host = uri
            .host()
            .ok_or_else(|| Error::message("request URI has no host"))?;
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        let key = format!("{}://{host}:{port}", if https { "https" } else { "http" });

        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let mut head = format!("{} {} HTTP/1.1\r\n", request.method(), path);
        if !request.headers().contains_key(http::header::HOST) {
            let authority = uri.authority().map_or(host, |a| a.as_str());
            head.push_str(&format!("host: {authority}\r\n"));
        }
        for (name, value) in request.headers() {
            let value = value
                .to_str()
                .map_err(|_| Error::message("header value is not text"))?;
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !request.headers().contains_key(http::header::CONTENT_LENGTH) {
            head.push_str(&format!("content-length: {}\r\n", request.body().len()));
        }
        head.push_str("\r\n");
        let head_only = request.method() == http::Method::HEAD;

        if let Some(stream) = self.pool.take(&key) {
            match self.exchange(
                stream,
                true,
                &key,
                head.as_bytes(),
                request.body(),
                head_only,
            ) {
                Ok(response) => return Ok(response),
                Err(Failure::Stale) => {}
                Err(Failure::Error(e)) => return Err(e),
            }
        }
        let stream = self.connect(host, port, https)?;
        match self.exchange(
            stream,
            false,
            &key,
            head.as_bytes(),
            request.body(),
            head_only,
        ) {
            Ok(response) => Ok(response),
            Err(Failure::Error(e)) => Err(e),
            Err(Failure::Stale) => Err(Error::message("transport: connection closed")),
        }
    }
}

impl TcpTransport {
    /// A new connection to `host:port`, TLS for `https`.
    fn connect(&self, host: &str, port: u16, https: bool) -> awso_runtime::Result<Stream> {
        let addrs = std::net::ToSocketAddrs::to_socket_addrs(&(host, port)).map_err(io)?;
        let mut last = None;
        let mut stream = None;
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, self.timeout) {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let tcp =
            stream.ok_or_else(|| last.map_or_else(|| Error::message("host has no address"), io))?;
        tcp.set_read_timeout(Some(self.timeout)).map_err(io)?;
        tcp.set_write_timeout(Some(self.timeout)).map_err(io)?;
        #[cfg(feature = "rustls")]
        if https {
            return self.tls_stream(tcp, host);
        }
        let _ = https;
        Ok(Stream::Plain(tcp))
    }

    /// Sends the request on `stream` and reads the response; keeps the connection for reuse
    /// when the response allows it.
    fn exchange(
        &self,
        mut stream: Stream,
        reused: bool,
        key: &str,
        head: &[u8],
        body: &[u8],
        head_only: bool,
    ) -> Result<http::Response<Vec<u8>>, Failure> {
        let closed = |e: &std::io::Error| {
            use std::io::ErrorKind as K;
            matches!(
                e.kind(),
                K::BrokenPipe | K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof
            )
        };
        let sent = stream
            .write_all(head)
            .and_then(|()| stream.write_all(body))
            .and_then(|()| stream.flush());
        match sent {
            Ok(()) => {}
            Err(e) if reused && closed(&e) => return Err(Failure::Stale),
            Err(e) => return Err(io(e).into()),
        }
        let mut reader = BufReader::new(stream);
        match reader.fill_buf() {
            Ok([]) if reused => return Err(Failure::Stale),
            Err(e) if reused && closed(&e) => return Err(Failure::Stale),
            _ => {}
        }
        let (response, reusable) = read_response(&mut reader, self.max_body, head_only)?;
        if reusable && reader.buffer().is_empty() {
            self.pool.put(key.to_owned(), reader.into_inner());
        }
        Ok(response)
    }
}

/// Reads one HTTP/1.1 response: status line, headers, and a body delimited by
/// `content-length`, chunked encoding, or the end of the connection. Responses to HEAD and
/// 1xx, 204 and 304 responses have no body, whatever their headers say. Also says whether
/// the connection can carry another request (HTTP/1.1, no `connection: close`, the body's
/// end known without closing).
fn read_response<R: BufRead>(
    mut reader: R,
    max_body: usize,
    head_only: bool,
) -> awso_runtime::Result<(http::Response<Vec<u8>>, bool)> {
    let mut line = String::new();
    reader.read_line(&mut line).map_err(io)?;
    let mut parts = line.split_whitespace();
    let (status, http11): (u16, bool) = match (parts.next(), parts.next()) {
        (Some(v), Some(code)) if v.starts_with("HTTP/1.") => (
            code.parse()
                .map_err(|_| Error::message("bad HTTP status line"))?,
            v == "HTTP/1.1",
        ),
        _ => return Err(Error::message("not an HTTP/1.x response")),
    };
    let mut keep_alive = http11;
    let mut builder = http::Response::builder().status(status);
    let mut length = None;
    let mut chunked = false;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(io)? == 0 {
            return Err(Error::message("connection closed inside the headers"));
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| Error::message("bad HTTP header line"))?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| Error::message("bad content-length"))?,
            );
        }
        if name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked") {
            chunked = true;
        }
        if name.eq_ignore_ascii_case("connection") && value.to_ascii_lowercase().contains("close") {
            keep_alive = false;
        }
        builder = builder.header(name.trim(), value);
    }
    let too_big = || Error::new(awso_runtime::ErrorKind::SizeLimit(max_body));
    let mut body = Vec::new();
    if head_only || status < 200 || status == 204 || status == 304 {
        // No body.
    } else if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line).map_err(io)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| Error::message("bad chunk size"))?;
            if size == 0 {
                break;
            }
            if body.len() + size > max_body {
                return Err(too_big());
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..]).map_err(io)?;
            line.clear();
            reader.read_line(&mut line).map_err(io)?;
        }
    } else if let Some(n) = length {
        if n > max_body {
            return Err(too_big());
        }
        body.resize(n, 0);
        reader.read_exact(&mut body).map_err(io)?;
    } else {
        // Delimited by the end of the connection, which cannot be reused.
        keep_alive = false;
        reader
            .take(max_body as u64 + 1)
            .read_to_end(&mut body)
            .map_err(io)?;
        if body.len() > max_body {
            return Err(too_big());
        }
    }
    let response = builder
        .body(body)
        .map_err(|e| Error::message(format!("bad response: {e}")))?;
    Ok((response, keep_alive))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_content_length_chunked_and_close_delimited_bodies() {
        let r = read_response(
            &b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhelloextra"[..],
            100,
            false,
        )
        .unwrap()
        .0;
        assert_eq!(
            (r.status().as_u16(), r.body().as_slice()),
            (200, &b"hello"[..])
        );
        assert_eq!(r.headers()["x-a"], "b");
        let r = read_response(
            &b"HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"[..],
            100,
            false,
        )
        .unwrap()
        .0;
        assert_eq!(
            (r.status().as_u16(), r.body().as_slice()),
            (400, &b"abcde"[..])
        );
        let (r, reusable) =
            read_response(&b"HTTP/1.0 204 No Content\r\n\r\n"[..], 100, false).unwrap();
        assert!(!reusable, "HTTP/1.0");
        assert!(r.body().is_empty());
        // No body to read for HEAD, 204 and 304, even with a length or an open connection.
        let head = &b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"[..];
        assert!(read_response(head, 100, true).unwrap().0.body().is_empty());
        assert!(read_response(head, 100, false).is_err());
        let reader = std::io::BufReader::new(Eof(b"HTTP/1.1 204 No Content\r\n\r\n"));
        assert_eq!(read_response(reader, 100, false).unwrap().0.status(), 204);
    }

    #[test]
    fn says_when_a_connection_can_be_reused() {
        let reusable = |raw: &[u8]| read_response(raw, 100, false).unwrap().1;
        assert!(reusable(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assert!(reusable(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
        ));
        assert!(reusable(b"HTTP/1.1 204 No Content\r\n\r\n"));
        assert!(!reusable(
            b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
        ));
        assert!(!reusable(b"HTTP/1.1 200 OK\r\n\r\nuntil the end"));
        assert!(!reusable(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    }

    /// A server on a loopback port that answers `replies` requests per connection (then closes
    /// it) and counts the connections it accepted.
    fn server(replies: usize, close_header: bool) -> (String, Arc<Mutex<usize>>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let accepted = Arc::new(Mutex::new(0));
        let count = accepted.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { return };
                *count.lock().unwrap() += 1;
                let mut reader = BufReader::new(conn.try_clone().unwrap());
                let mut conn = conn;
                for n in 0..replies {
                    // Read the request head (the tests send no body).
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            break;
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let close = if close_header {
                        "connection: close\r\n"
                    } else {
                        ""
                    };
                    let body = format!("reply {n}");
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\n{close}content-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if conn.write_all(reply.as_bytes()).is_err() {
                        break;
                    }
                }
            }
        });
        (url, accepted)
    }

    fn get(t: &TcpTransport, url: &str) -> String {
        let request = http::Request::get(url).body(Vec::new()).unwrap();
        String::from_utf8(t.send(request).unwrap().into_body()).unwrap()
    }

    #[test]
    fn connections_are_reused_and_stale_ones_replaced() {
        // Keep-alive: three requests, one connection.
        let (url, accepted) = server(usize::MAX, false);
        let t = TcpTransport::default();
        let replies: Vec<String> = (0..3).map(|_| get(&t, &url)).collect();
        assert_eq!(replies, ["reply 0", "reply 1", "reply 2"]);
        assert_eq!(*accepted.lock().unwrap(), 1);
        // A clone shares the idle connection.
        assert_eq!(get(&t.clone(), &url), "reply 3");
        assert_eq!(*accepted.lock().unwrap(), 1);

        // `connection: close`: a new connection every time.
        let (url, accepted) = server(usize::MAX, true);
        for _ in 0..3 {
            assert_eq!(get(&t, &url), "reply 0");
        }
        assert_eq!(*accepted.lock().unwrap(), 3);

        // The server closes each connection after one reply without saying so: the reused
        // connection is found closed and the request goes again on a new one.
        let (url, accepted) = server(1, false);
        for _ in 0..3 {
            assert_eq!(get(&t, &url), "reply 0");
        }
        assert_eq!(*accepted.lock().unwrap(), 3);
    }

    /// Fails like a TLS stream closed without `close_notify` once its bytes are read.
    struct Eof(&'static [u8]);

    impl Read for Eof {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let n = self.0.len().min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn rejects_garbage_and_oversized_bodies() {
        assert!(read_response(&b"SSH-2.0-OpenSSH\r\n"[..], 100, false).is_err());
        assert!(read_response(
            &b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"[..],
            100,
            false
        )
        .is_err());
        assert!(read_response(
            &b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"[..],
            100,
            false
        )
        .is_err());
        assert!(read_response(
            &b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"[..],
            100,
            false
        )
        .is_err());
        assert!(read_response(&b"HTTP/1.1 200 OK\r\nA: b"[..], 100, false).is_err());
    }
}
