//! Sending requests: the [`Transport`] trait and a small HTTP/1.1 transport over TCP.
//!
//! [`TcpTransport`] speaks plain HTTP/1.1 (no TLS), which is what local endpoints such as moto
//! or LocalStack serve. For AWS itself, implement [`Transport`] over the HTTPS client the
//! application already uses (ureq, reqwest, hyper): it is one method.

use crate::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Sends one HTTP request and returns the whole response.
pub trait Transport {
    /// Sends `request` and reads the response.
    fn send(&self, request: http::Request<Vec<u8>>) -> crate::Result<http::Response<Vec<u8>>>;
}

/// Plain HTTP/1.1 over TCP, one connection per request (`Connection: close`).
#[derive(Debug, Clone)]
pub struct TcpTransport {
    /// Connect, read and write timeout.
    pub timeout: Duration,
    /// The largest response body accepted.
    pub max_body: usize,
}

impl Default for TcpTransport {
    fn default() -> Self {
        TcpTransport {
            timeout: Duration::from_secs(30),
            max_body: 64 << 20,
        }
    }
}

fn io(e: std::io::Error) -> Error {
    Error::message(format!("transport: {e}"))
}

impl Transport for TcpTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> crate::Result<http::Response<Vec<u8>>> {
        let uri = request.uri();
        if uri.scheme_str() != Some("http") {
            return Err(Error::message(
                "TcpTransport speaks plain http:// only; use a TLS transport for https://",
            ));
        }
        let host = uri
            .host()
            .ok_or_else(|| Error::message("request URI has no host"))?;
        let port = uri.port_u16().unwrap_or(80);
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
        let mut stream =
            stream.ok_or_else(|| last.map_or_else(|| Error::message("host has no address"), io))?;
        stream.set_read_timeout(Some(self.timeout)).map_err(io)?;
        stream.set_write_timeout(Some(self.timeout)).map_err(io)?;

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
        head.push_str("connection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).map_err(io)?;
        stream.write_all(request.body()).map_err(io)?;
        stream.flush().map_err(io)?;
        read_response(BufReader::new(stream), self.max_body)
    }
}

/// Reads one HTTP/1.1 response: status line, headers, and a body delimited by
/// `content-length`, chunked encoding, or the end of the connection.
fn read_response<R: BufRead>(
    mut reader: R,
    max_body: usize,
) -> crate::Result<http::Response<Vec<u8>>> {
    let mut line = String::new();
    reader.read_line(&mut line).map_err(io)?;
    let mut parts = line.split_whitespace();
    let status: u16 = match (parts.next(), parts.next()) {
        (Some(v), Some(code)) if v.starts_with("HTTP/1.") => code
            .parse()
            .map_err(|_| Error::message("bad HTTP status line"))?,
        _ => return Err(Error::message("not an HTTP/1.x response")),
    };
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
        builder = builder.header(name.trim(), value);
    }
    let too_big = || Error::new(crate::ErrorKind::SizeLimit(max_body));
    let mut body = Vec::new();
    if chunked {
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
        reader
            .take(max_body as u64 + 1)
            .read_to_end(&mut body)
            .map_err(io)?;
        if body.len() > max_body {
            return Err(too_big());
        }
    }
    builder
        .body(body)
        .map_err(|e| Error::message(format!("bad response: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_content_length_chunked_and_close_delimited_bodies() {
        let r = read_response(
            &b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhelloextra"[..],
            100,
        )
        .unwrap();
        assert_eq!(
            (r.status().as_u16(), r.body().as_slice()),
            (200, &b"hello"[..])
        );
        assert_eq!(r.headers()["x-a"], "b");
        let r = read_response(
            &b"HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"[..],
            100,
        )
        .unwrap();
        assert_eq!(
            (r.status().as_u16(), r.body().as_slice()),
            (400, &b"abcde"[..])
        );
        let r = read_response(&b"HTTP/1.0 204 No Content\r\n\r\n"[..], 100).unwrap();
        assert!(r.body().is_empty());
    }

    #[test]
    fn rejects_garbage_and_oversized_bodies() {
        assert!(read_response(&b"SSH-2.0-OpenSSH\r\n"[..], 100).is_err());
        assert!(
            read_response(&b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"[..], 100).is_err()
        );
        assert!(read_response(&b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"[..], 100).is_err());
        assert!(read_response(
            &b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"[..],
            100
        )
        .is_err());
        assert!(read_response(&b"HTTP/1.1 200 OK\r\nA: b"[..], 100).is_err());
    }
}
