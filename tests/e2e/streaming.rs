//! Streaming payloads end to end, on both clients: objects put from a file, from a reader and
//! from an async stream and read back as they arrive, against moto with its signature checks
//! (aws-chunked signed uploads among them); a download cut short by a loopback server is an
//! error of the read; a one-shot body partly sent is not retried, a re-readable one is; the
//! S3 example's multipart upload (and its abort on failure); and, ignored by default, the
//! peak memory of a 1 GiB upload and download (BENCHMARKS.md).

use crate::moto;
use crate::s3;
use crate::s3::common::{blocking, on_tokio};
use crate::s3::shapes::*;
use awso::aws_chunked;
use awso::checksum::{ChecksumAlgorithm, When};
use awso::http;
use awso::operation::OperationError;
use awso::retry::RetryConfig;
use awso::{ByteStream, Credentials};
use std::future::Future;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// The heads of the requests a transport sent, in order.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<http::HeaderMap>>>);

impl Seen {
    fn push(&self, headers: &http::HeaderMap) {
        self.0.lock().unwrap().push(headers.clone());
    }

    /// The heads of the requests that carried a body, in order.
    fn uploads(&self) -> Vec<http::HeaderMap> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|h| {
                h.contains_key("x-amz-decoded-content-length") || h.contains_key("content-length")
            })
            .cloned()
            .collect()
    }

    fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

/// A transport that notes each request's head and hands the request on.
#[derive(Clone)]
struct Recording<T> {
    inner: T,
    seen: Seen,
}

impl<T: awso::blocking::Transport> awso::blocking::Transport for Recording<T> {
    fn send(&self, request: http::Request<Vec<u8>>) -> awso::Result<http::Response<Vec<u8>>> {
        self.seen.push(request.headers());
        self.inner.send(request)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> awso::Result<http::Response<ByteStream>> {
        self.seen.push(request.headers());
        self.inner.send_streaming(request)
    }
}

impl<T: awso::transport::Transport> awso::transport::Transport for Recording<T> {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = awso::Result<http::Response<Vec<u8>>>> + Send {
        self.seen.push(request.headers());
        self.inner.send(request)
    }

    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> impl Future<Output = awso::Result<http::Response<ByteStream>>> + Send {
        self.seen.push(request.headers());
        self.inner.send_streaming(request)
    }
}

/// A file of `len` bytes of a pattern in a directory of this test's (removed when dropped),
/// and its CRC-32.
fn pattern_file(name: &str, len: usize) -> (TempFile, String) {
    let dir = std::env::temp_dir().join(format!("awso-streaming-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &data).unwrap();
    (TempFile(path), crc32(&data))
}

/// A file the test made, and its directory, removed when the test is done with them.
struct TempFile(PathBuf);

impl std::ops::Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// The CRC-32 of `data` as S3 writes it.
fn crc32(data: &[u8]) -> String {
    ChecksumAlgorithm::Crc32.checksum(data)
}

/// An async stream of `chunks` pieces of `size` bytes of `byte`, each ready at once.
struct Chunks {
    left: usize,
    size: usize,
    byte: u8,
}

impl awso::byte_stream::Stream for Chunks {
    type Item = std::io::Result<awso::byte_stream::Bytes>;
    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.left == 0 {
            return Poll::Ready(None);
        }
        this.left -= 1;
        Poll::Ready(Some(Ok(vec![this.byte; this.size].into())))
    }
}

fn header<'h>(headers: &'h http::HeaderMap, name: &str) -> &'h str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The whole body of an object read blocking, as it arrives.
fn read_blocking(body: Option<ByteStream>) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    body.unwrap_or_default().read_to_end(&mut out)?;
    Ok(out)
}

#[test]
fn streamed_objects_against_moto_blocking() {
    let moto = moto::Moto::start();
    let credentials = crate::workflows::moto_user(&moto, "streamer");
    let (path, file_crc) = pattern_file("blocking.bin", 300_001);
    let seen = Seen::default();
    let transport = Recording {
        inner: awso::transport::UreqTransport::new(Some(Duration::from_secs(5)), None).unwrap(),
        seen: seen.clone(),
    };
    let client = awso::blocking::Client::new(credentials.clone(), "us-east-1")
        .with_endpoint(&moto.url)
        .with_transport(transport);
    let bucket = "streamed-blocking";
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .expect("CreateBucket");
    seen.clear();

    // The example's workflow: a file and a reader up, each read back as it arrives.
    let streamed =
        blocking(s3::stream_objects(&client, bucket, &path, 200_000)).expect("streamed both ways");
    assert_eq!(streamed[0].read, 300_001);
    assert_eq!(streamed[0].crc32, file_crc);
    assert_eq!(streamed[1].read, 200_000);
    assert_eq!(streamed[1].crc32, crc32(&[b'r'; 200_000]));

    // How each went: the file signed with its SHA-256 and its CRC32 in a header; the reader
    // (one-shot, plain HTTP) in signed aws-chunked chunks with a signed trailing CRC32.
    let puts: Vec<_> = seen
        .uploads()
        .into_iter()
        .filter(|h| h.contains_key("x-amz-sdk-checksum-algorithm"))
        .collect();
    assert_eq!(puts.len(), 2, "{puts:?}");
    let file = &puts[0];
    assert_eq!(header(file, "content-length"), "300001");
    assert_eq!(header(file, "x-amz-content-sha256").len(), 64);
    assert!(file.contains_key("x-amz-checksum-crc32"));
    assert!(!file.contains_key("content-encoding"));
    let reader = &puts[1];
    assert_eq!(
        header(reader, "x-amz-content-sha256"),
        aws_chunked::STREAMING_SIGNED_PAYLOAD_TRAILER
    );
    assert_eq!(header(reader, "content-encoding"), "aws-chunked");
    assert_eq!(header(reader, "x-amz-decoded-content-length"), "200000");
    assert_eq!(header(reader, "x-amz-trailer"), "x-amz-checksum-crc32");
    assert_eq!(
        header(reader, "content-length"),
        aws_chunked::encoded_len(200_000, 65_536, true, Some(ChecksumAlgorithm::Crc32)).to_string()
    );

    // Without a flexible checksum (when_required): signed chunks and nothing after them.
    let plain = client
        .clone()
        .with_request_checksum_calculation(When::Required);
    seen.clear();
    let body = std::io::Read::take(std::io::repeat(b'p'), 150_000);
    plain
        .call::<PutObject>(&PutObjectRequest {
            bucket: bucket.into(),
            key: "streamed/signed-chunks.bin".into(),
            body: Some(ByteStream::from_reader_with_length(body, 150_000)),
            ..Default::default()
        })
        .expect("a signed aws-chunked upload, accepted with its signature checked");
    let sent = &seen.uploads()[0];
    assert_eq!(
        header(sent, "x-amz-content-sha256"),
        aws_chunked::STREAMING_SIGNED_PAYLOAD
    );
    assert!(!sent.contains_key("x-amz-trailer"));
    let got = plain
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: "streamed/signed-chunks.bin".into(),
            ..Default::default()
        })
        .expect("GetObject");
    assert_eq!(got.content_length, Some(150_000));
    let bytes = read_blocking(got.body).unwrap();
    assert!(bytes.len() == 150_000 && bytes.iter().all(|&b| b == b'p'));

    // moto checks the seed signature of a chunked upload: a wrong secret is refused.
    let forged = Credentials::new(credentials.access_key_id.clone(), "not the secret", None);
    let err = awso::blocking::Client::new(forged, "us-east-1")
        .with_endpoint(&moto.url)
        .call::<PutObject>(&PutObjectRequest {
            bucket: bucket.into(),
            key: "streamed/forged.bin".into(),
            body: Some(ByteStream::from_reader_with_length(
                std::io::Read::take(std::io::repeat(b'f'), 1000),
                1000,
            )),
            ..Default::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("SignatureDoesNotMatch"), "{err}");
}

#[test]
fn streamed_objects_against_moto_async() {
    let moto = moto::Moto::start();
    let credentials = crate::workflows::moto_user(&moto, "async-streamer");
    let (path, file_crc) = pattern_file("async.bin", 200_003);
    let seen = Seen::default();
    let transport = Recording {
        inner: awso::transport::ReqwestTransport::new(Some(Duration::from_secs(5)), None).unwrap(),
        seen: seen.clone(),
    };
    let client = awso::Client::new(credentials, "us-east-1")
        .with_endpoint(&moto.url)
        .with_transport(transport);
    let bucket = "streamed-async";
    on_tokio(async {
        client
            .call::<CreateBucket>(&CreateBucketRequest {
                bucket: bucket.into(),
            })
            .await
            .expect("CreateBucket");
        let streamed = s3::stream_objects(&client, bucket, &path, 100_000)
            .await
            .expect("streamed both ways");
        assert_eq!((streamed[0].read, &streamed[0].crc32), (200_003, &file_crc));
        assert_eq!(
            (streamed[1].read, &streamed[1].crc32),
            (100_000, &crc32(&[b'r'; 100_000]))
        );

        // An async stream of chunks, sent as it is polled (signed aws-chunked chunks).
        seen.clear();
        let chunks = Chunks {
            left: 5,
            size: 30_000,
            byte: b's',
        };
        client
            .call::<PutObject>(&PutObjectRequest {
                bucket: bucket.into(),
                key: "streamed/from-stream.bin".into(),
                body: Some(ByteStream::from_stream_with_length(chunks, 150_000)),
                ..Default::default()
            })
            .await
            .expect("PutObject from an async stream");
        let sent = &seen.uploads()[0];
        assert_eq!(
            header(sent, "x-amz-content-sha256"),
            aws_chunked::STREAMING_SIGNED_PAYLOAD_TRAILER
        );
        let got = client
            .call::<GetObject>(&GetObjectRequest {
                bucket: bucket.into(),
                key: "streamed/from-stream.bin".into(),
                ..Default::default()
            })
            .await
            .expect("GetObject");
        let bytes = got.body.unwrap().collect().await.expect("the whole body");
        assert!(bytes.len() == 150_000 && bytes.iter().all(|&b| b == b's'));

        // A stream shorter than the length it was given is an error, not a short object.
        let short = Chunks {
            left: 2,
            size: 1000,
            byte: b'x',
        };
        let err = client
            .call::<PutObject>(&PutObjectRequest {
                bucket: bucket.into(),
                key: "streamed/short.bin".into(),
                body: Some(ByteStream::from_stream_with_length(short, 5000)),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert!(err.to_string().contains("2000 of the 5000"), "{err}");
    });
}

#[test]
fn unsigned_chunks_with_a_trailing_checksum_over_https() {
    // Over HTTPS a one-shot body is not signed: with a flexible checksum it goes in unsigned
    // aws-chunked chunks, the checksum in a trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER);
    // without one, as it is (UNSIGNED-PAYLOAD). This moto checks no signatures over TLS.
    let moto = moto::Moto::start_tls();
    let ca = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls/ca.pem")).unwrap();
    let credentials = Credentials::new("AKID", "secret", None);
    let bucket = "streamed-https";
    let (path, file_crc) = pattern_file("https.bin", 100_000);
    let seen = Seen::default();
    let transport = Recording {
        inner: awso::transport::UreqTransport::new(Some(Duration::from_secs(5)), Some(&ca))
            .unwrap(),
        seen: seen.clone(),
    };
    let client = awso::blocking::Client::new(credentials.clone(), "us-east-1")
        .with_endpoint(&moto.url)
        .with_transport(transport);
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .expect("CreateBucket");
    seen.clear();
    let streamed =
        blocking(s3::stream_objects(&client, bucket, &path, 70_000)).expect("over HTTPS");
    assert_eq!((streamed[0].read, &streamed[0].crc32), (100_000, &file_crc));
    assert_eq!(
        (streamed[1].read, &streamed[1].crc32),
        (70_000, &crc32(&[b'r'; 70_000]))
    );
    let reader = seen
        .uploads()
        .into_iter()
        .find(|h| h.contains_key("x-amz-decoded-content-length"))
        .expect("the reader's upload");
    assert_eq!(
        header(&reader, "x-amz-content-sha256"),
        aws_chunked::STREAMING_UNSIGNED_PAYLOAD_TRAILER
    );
    assert_eq!(header(&reader, "x-amz-trailer"), "x-amz-checksum-crc32");

    // The async client, without a checksum: UNSIGNED-PAYLOAD, the body as it is.
    let seen = Seen::default();
    let transport = Recording {
        inner: awso::transport::ReqwestTransport::new(Some(Duration::from_secs(5)), Some(&ca))
            .unwrap(),
        seen: seen.clone(),
    };
    let client = awso::Client::new(credentials, "us-east-1")
        .with_endpoint(&moto.url)
        .with_transport(transport)
        .with_request_checksum_calculation(When::Required);
    let got = on_tokio(async {
        let chunks = Chunks {
            left: 3,
            size: 10_000,
            byte: b'u',
        };
        client
            .call::<PutObject>(&PutObjectRequest {
                bucket: bucket.into(),
                key: "streamed/unsigned.bin".into(),
                body: Some(ByteStream::from_stream_with_length(chunks, 30_000)),
                ..Default::default()
            })
            .await
            .expect("PutObject over HTTPS");
        let got = client
            .call::<GetObject>(&GetObjectRequest {
                bucket: bucket.into(),
                key: "streamed/unsigned.bin".into(),
                ..Default::default()
            })
            .await
            .expect("GetObject over HTTPS");
        got.body.unwrap().collect().await.unwrap()
    });
    assert!(got.len() == 30_000 && got.iter().all(|&b| b == b'u'));
    let sent = &seen.uploads()[0];
    assert_eq!(header(sent, "x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
    assert_eq!(header(sent, "content-length"), "30000");
    assert!(!sent.contains_key("content-encoding"));
}

/// A loopback server answering each connection with `answer`'s bytes after reading the
/// request head and `read_body` bytes of its body (or all it gets, until the client closes),
/// then closing; the connections it took.
fn serve_raw(answer: Vec<u8>, read_body: usize) -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(Mutex::new(0));
    let connections = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            *connections.lock().unwrap() += 1;
            let mut head = Vec::new();
            let mut byte = [0u8];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let (mut left, mut buf) = (read_body, [0; 8192]);
            while left > 0 {
                match stream.read(&mut buf[..left.min(8192)]) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => left -= n,
                }
            }
            let _ = stream.write_all(&answer);
            let _ = stream.flush();
        }
    });
    (url, count)
}

fn get_input() -> GetObjectRequest {
    GetObjectRequest {
        bucket: "b-1".into(),
        key: "k".into(),
        ..Default::default()
    }
}

#[test]
fn truncated_downloads_are_errors_when_read() {
    let credentials = Credentials::new("AKID", "secret", None);
    // 500 of the 1,000 bytes announced, then the connection closes.
    let mut cut = b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\ncontent-type: application/octet-stream\r\n\r\n".to_vec();
    cut.extend_from_slice(&[b'a'; 500]);
    // A chunked body without its last, empty chunk.
    let unfinished = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1f4\r\n"
        .iter()
        .copied()
        .chain([b'b'; 500])
        .chain(*b"\r\n")
        .collect::<Vec<u8>>();
    for answer in [cut, unfinished] {
        let (url, _) = serve_raw(answer, 0);
        let client = awso::blocking::Client::new(credentials.clone(), "us-east-1")
            .with_endpoint(&url)
            .with_response_checksum_validation(When::Required);
        let got = client
            .call::<GetObject>(&get_input())
            .expect("the head is fine");
        let mut body = got.body.unwrap();
        let mut read = Vec::new();
        let err = body.read_to_end(&mut read).unwrap_err();
        assert!(read.len() <= 500, "{}", read.len());
        assert_ne!(err.kind(), std::io::ErrorKind::Other, "{err}");

        let async_client = awso::Client::new(credentials.clone(), "us-east-1")
            .with_endpoint(&url)
            .with_response_checksum_validation(When::Required);
        let err = on_tokio(async {
            let got = async_client
                .call::<GetObject>(&get_input())
                .await
                .expect("the head");
            got.body.unwrap().collect().await.unwrap_err()
        });
        assert!(!err.to_string().is_empty());
    }

    // A transport of the application's that hands over fewer bytes than it announces: the
    // client's own length check fails the read (the default `send_streaming` buffers).
    struct Short;
    impl awso::blocking::Transport for Short {
        fn send(&self, _: http::Request<Vec<u8>>) -> awso::Result<http::Response<Vec<u8>>> {
            Ok(http::Response::builder()
                .header("content-length", "1000")
                .body(vec![b'c'; 500])
                .unwrap())
        }
    }
    let client = awso::blocking::Client::new(credentials, "us-east-1")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(Short);
    let got = client
        .call::<GetObject>(&get_input())
        .expect("the head is fine");
    let err = read_blocking(got.body).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::UnexpectedEof);
    assert!(
        err.to_string()
            .contains("the GetObject response body ended after 500 of the 1000 bytes"),
        "{err}"
    );
}

#[test]
fn attempt_timeouts_end_at_the_head_of_a_streamed_response() {
    // The head at once, then 4 pieces of the body 400 ms apart: longer than the attempt
    // timeout, which bounds the wait for the head, not the caller's reading.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut byte = [0u8];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 400\r\n\r\n");
            for _ in 0..4 {
                let _ = stream.flush();
                std::thread::sleep(Duration::from_millis(400));
                let _ = stream.write_all(&[b'd'; 100]);
            }
        }
    });
    let timeouts = awso::Timeouts {
        attempt: Some(Duration::from_millis(800)),
        ..Default::default()
    };
    let credentials = Credentials::new("AKID", "secret", None);
    let client = awso::blocking::Client::new(credentials.clone(), "us-east-1")
        .with_endpoint(&url)
        .with_timeouts(timeouts)
        .with_response_checksum_validation(When::Required);
    let got = client
        .call::<GetObject>(&get_input())
        .expect("the head in time");
    assert_eq!(read_blocking(got.body).unwrap(), [b'd'; 400]);
    let client = awso::Client::new(credentials, "us-east-1")
        .with_endpoint(&url)
        .with_timeouts(timeouts)
        .with_response_checksum_validation(When::Required);
    let body = on_tokio(async {
        let got = client
            .call::<GetObject>(&get_input())
            .await
            .expect("the head in time");
        got.body.unwrap().collect().await.unwrap()
    });
    assert_eq!(&body[..], [b'd'; 400]);

    // A head that does not come in time is a timeout, on both clients.
    let (url, _) = serve_raw(Vec::new(), usize::MAX >> 1);
    let client = awso::blocking::Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint(&url)
        .with_timeouts(timeouts)
        .with_retry(RetryConfig::disabled());
    let err = client.call::<GetObject>(&get_input()).unwrap_err();
    assert!(matches!(err, OperationError::Timeout(_)), "{err}");
    let client = awso::Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint(&url)
        .with_timeouts(timeouts)
        .with_retry(RetryConfig::disabled());
    let err = on_tokio(client.call::<GetObject>(&get_input())).unwrap_err();
    assert!(matches!(err, OperationError::Timeout(_)), "{err}");
}

#[test]
fn one_shot_bodies_are_not_retried_once_partly_sent() {
    let credentials = Credentials::new("AKID", "secret", None);
    let fast = RetryConfig {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(20),
    };
    let put = |body: ByteStream| PutObjectRequest {
        bucket: "b-1".into(),
        key: "k".into(),
        body: Some(body),
        ..Default::default()
    };
    // The server takes the head and 1,000 bytes of the body, then hangs up without an answer.
    let (url, connections) = serve_raw(Vec::new(), 1000);
    let client = awso::blocking::Client::new(credentials.clone(), "us-east-1")
        .with_endpoint(&url)
        .with_retry(fast);
    let one_shot = ByteStream::from_reader_with_length(
        std::io::Read::take(std::io::repeat(b'o'), 300_000),
        300_000,
    );
    let err = client.call::<PutObject>(&put(one_shot)).unwrap_err();
    assert!(matches!(err, OperationError::Dispatch(_)), "{err}");
    assert!(err.to_string().contains("not retried"), "{err}");
    assert_eq!(*connections.lock().unwrap(), 1, "one attempt only");

    // Bytes are sent again, from the start, on every attempt the retry policy allows.
    let (url, connections) = serve_raw(Vec::new(), 1000);
    let client = awso::blocking::Client::new(credentials.clone(), "us-east-1")
        .with_endpoint(&url)
        .with_retry(fast);
    let err = client
        .call::<PutObject>(&put(ByteStream::from(vec![b'b'; 300_000])))
        .unwrap_err();
    assert!(!err.to_string().contains("not retried"), "{err}");
    assert_eq!(*connections.lock().unwrap(), 3);

    // The async client alike.
    let (url, connections) = serve_raw(Vec::new(), 1000);
    let client = awso::Client::new(credentials, "us-east-1")
        .with_endpoint(&url)
        .with_retry(fast);
    let chunks = Chunks {
        left: 10,
        size: 30_000,
        byte: b'a',
    };
    let err = on_tokio(
        client.call::<PutObject>(&put(ByteStream::from_stream_with_length(chunks, 300_000))),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not retried"), "{err}");
    assert_eq!(*connections.lock().unwrap(), 1);
}

#[test]
fn one_shot_bodies_without_a_length_are_refused_for_s3() {
    let client = awso::blocking::Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint("http://127.0.0.1:9");
    let err = client
        .call::<PutObject>(&PutObjectRequest {
            bucket: "b-1".into(),
            key: "k".into(),
            body: Some(ByteStream::from_reader(std::io::empty())),
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(err, OperationError::Construction(_)), "{err}");
    assert!(err.to_string().contains("needs the length"), "{err}");
}

/// A transport that reads each streamed request body to its end by polling it, as hyper
/// does on the executor, and answers 200: the bytes it read and their CRC-32, per request.
#[derive(Clone, Default)]
struct Draining(Arc<Mutex<Vec<(u64, String)>>>);

impl awso::transport::Transport for Draining {
    async fn send(&self, _: http::Request<Vec<u8>>) -> awso::Result<http::Response<Vec<u8>>> {
        Ok(http::Response::new(Vec::new()))
    }

    async fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
    ) -> awso::Result<http::Response<ByteStream>> {
        let mut body = request.into_body();
        let (mut read, mut crc) = (0, ChecksumAlgorithm::Crc32.hasher());
        while let Some(piece) = body.next().await {
            let piece = piece.map_err(|e| awso::Error::io("the request body", &e))?;
            read += piece.len() as u64;
            crc.update(&piece);
        }
        self.0.lock().unwrap().push((read, crc.finish()));
        Ok(http::Response::new(ByteStream::default()))
    }
}

/// Runs `work` on a runtime of one thread beside a task that wakes every 5 ms: what the work
/// gave, how long it took, and the longest that task waited past its 5 ms (the longest the
/// work held the thread).
fn stall_during<T>(work: impl Future<Output = T>) -> (T, Duration, Duration) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    runtime.block_on(async {
        let tick = Duration::from_millis(5);
        let start = Instant::now();
        let mut last = start;
        let mut stall = Duration::ZERO;
        tokio::pin!(work);
        loop {
            tokio::select! {
                out = &mut work => {
                    let stall = stall.max(last.elapsed().saturating_sub(tick));
                    return (out, start.elapsed(), stall);
                }
                () = tokio::time::sleep(tick) => {
                    stall = stall.max(last.elapsed().saturating_sub(tick));
                    last = Instant::now();
                }
            }
        }
    })
}

#[test]
fn large_bodies_are_hashed_and_read_off_the_executor() {
    const LEN: usize = 48 << 20;
    let (path, crc) = pattern_file("hashed.bin", LEN);
    let drained = Draining::default();
    let client = awso::Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(drained.clone());
    let put = |body: ByteStream| PutObjectRequest {
        bucket: "b-1".into(),
        key: "k".into(),
        body: Some(body),
        ..Default::default()
    };
    // A file: read once for its SHA-256 and CRC-32, then again as it is sent.
    // The call is made inside the runtime: whatever it does before its first poll counts.
    let input = put(ByteStream::from_path(&*path).unwrap());
    let (result, took, stall) = stall_during(async { client.call::<PutObject>(&input).await });
    result.expect("PutObject from a file");
    assert_eq!(drained.0.lock().unwrap().pop(), Some((LEN as u64, crc)));
    println!("file: {took:?}, the executor held at most {stall:?}");
    assert!(
        stall < Duration::from_millis(150) && stall * 5 < took,
        "a {LEN}-byte file held the executor for {stall:?} of {took:?}"
    );
    // A reader: read as it is sent, in signed aws-chunked chunks.
    let file = std::fs::File::open(&*path).unwrap();
    let input = put(ByteStream::from_reader_with_length(file, LEN as u64));
    let (result, took, stall) = stall_during(async { client.call::<PutObject>(&input).await });
    result.expect("PutObject from a reader");
    let (sent, _) = drained.0.lock().unwrap().pop().unwrap();
    assert!(sent > LEN as u64, "aws-chunked framing: {sent}");
    println!("reader: {took:?}, the executor held at most {stall:?}");
    assert!(
        stall < Duration::from_millis(150) && stall * 5 < took,
        "a {LEN}-byte reader held the executor for {stall:?} of {took:?}"
    );
}

/// `"stored compressed, returned as stored: "` four times, gzip-compressed.
const GZIPPED: &[u8] = &[
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x2b, 0x2e, 0xc9, 0x2f, 0x4a, 0x4d,
    0x51, 0x48, 0xce, 0xcf, 0x2d, 0x28, 0x4a, 0x2d, 0x2e, 0x4e, 0x4d, 0xd1, 0x51, 0x28, 0x4a, 0x2d,
    0x29, 0x2d, 0xca, 0x03, 0x0a, 0x26, 0x16, 0x2b, 0x14, 0x83, 0xa5, 0xad, 0xa0, 0x34, 0x9d, 0x95,
    0x01, 0x00, 0x7c, 0xe4, 0x99, 0xf7, 0x9c, 0x00, 0x00, 0x00,
];

/// Puts [`GZIPPED`] as an object stored with `Content-Encoding: gzip` and reads it back
/// with its checksum checked: the object's bytes, its encoding and its CRC-32.
async fn gzip_round_trip(
    client: &impl crate::s3::common::Call,
    bucket: &str,
) -> (Vec<u8>, Option<String>, Option<String>) {
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .await
        .expect("CreateBucket");
    client
        .call::<PutObject>(&PutObjectRequest {
            bucket: bucket.into(),
            key: "compressed.txt.gz".into(),
            body: Some(ByteStream::from_static(GZIPPED)),
            content_type: Some("text/plain".into()),
            content_encoding: Some("gzip".into()),
            ..Default::default()
        })
        .await
        .expect("PutObject");
    let got = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: "compressed.txt.gz".into(),
            checksum_mode: Some("ENABLED".into()),
        })
        .await
        .expect("GetObject");
    let mut body = got.body.expect("a body");
    let mut read = Vec::new();
    while let Some(piece) = body.next().await {
        read.extend_from_slice(&piece.expect("the body, its checksum checked"));
    }
    (read, got.content_encoding, got.checksum_crc32)
}

#[test]
fn objects_stored_gzip_compressed_come_back_as_stored() {
    let moto = moto::Moto::start();
    let credentials = crate::workflows::moto_user(&moto, "gzip");
    let want = (
        GZIPPED.to_vec(),
        Some("gzip".to_string()),
        Some(crc32(GZIPPED)),
    );
    let client =
        awso::blocking::Client::new(credentials.clone(), "us-east-1").with_endpoint(&moto.url);
    assert_eq!(blocking(gzip_round_trip(&client, "gzip-blocking")), want);
    let client = awso::Client::new(credentials, "us-east-1").with_endpoint(&moto.url);
    assert_eq!(on_tokio(gzip_round_trip(&client, "gzip-async")), want);
}

/// A ListObjectsV2 result naming the key `from-gzip`, gzip-compressed.
const GZIPPED_LISTING: &[u8] = &[
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xb3, 0xf1, 0xc9, 0x2c, 0x2e, 0x71,
    0x2a, 0x4d, 0xce, 0x4e, 0x2d, 0x09, 0x4a, 0x2d, 0x2e, 0xcd, 0x29, 0xb1, 0xb3, 0xf1, 0x4b, 0xcc,
    0x4d, 0xb5, 0x4b, 0xd2, 0x35, 0xb4, 0xd1, 0x07, 0xb3, 0x6c, 0xbc, 0x53, 0x2b, 0x9d, 0xf3, 0x4b,
    0xf3, 0x4a, 0xec, 0x80, 0x22, 0x70, 0xb6, 0x8d, 0x73, 0x7e, 0x5e, 0x49, 0x6a, 0x5e, 0x49, 0x31,
    0x58, 0xde, 0x2e, 0xad, 0x28, 0x3f, 0x57, 0x37, 0xbd, 0x2a, 0xb3, 0x00, 0xac, 0xc4, 0xce, 0x46,
    0x1f, 0x21, 0xad, 0x8f, 0x61, 0x03, 0x00, 0xae, 0xb2, 0x13, 0xad, 0x74, 0x00, 0x00, 0x00,
];

#[test]
fn gzip_compressed_protocol_bodies_are_decoded_by_the_blocking_transport() {
    let answer = |body: &[u8]| {
        let mut answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Encoding: gzip\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        answer.extend_from_slice(body);
        answer
    };
    let list = ListObjectsV2Request {
        bucket: "b-1".into(),
        ..Default::default()
    };
    let (url, _) = serve_raw(answer(GZIPPED_LISTING), 0);
    let client = awso::blocking::Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint(&url);
    let listed = client.call::<ListObjectsV2>(&list).expect("a gzip listing");
    let keys: Vec<_> = listed
        .contents
        .iter()
        .flatten()
        .filter_map(|o| o.key.as_deref())
        .collect();
    assert_eq!(keys, ["from-gzip"]);
    // A body that is not the gzip it claims to be is an error saying so.
    let (url, _) = serve_raw(answer(&GZIPPED_LISTING[..40]), 0);
    let client = awso::blocking::Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint(&url)
        .with_retry(RetryConfig::disabled());
    let err = client.call::<ListObjectsV2>(&list).unwrap_err();
    assert!(
        err.to_string().contains("gzip-compressed response body"),
        "{err}"
    );
}

#[test]
fn multipart_uploads_against_moto() {
    let moto = moto::Moto::start();
    let credentials = crate::workflows::moto_user(&moto, "multipart");
    let size = 11 << 20;
    let (path, crc) = pattern_file("multipart.bin", size);
    let bucket = "multipart";
    let client =
        awso::blocking::Client::new(credentials.clone(), "us-east-1").with_endpoint(&moto.url);
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .expect("CreateBucket");

    // Three parts (5, 5 and 1 MiB), each streamed from its range of the file.
    let done = blocking(s3::multipart_upload(
        &client,
        bucket,
        "big.bin",
        &path,
        s3::MIN_PART_SIZE,
    ))
    .expect("the multipart upload");
    assert!(
        done.e_tag.as_deref().unwrap_or("").ends_with("-3\""),
        "{done:?}"
    );
    let got = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: "big.bin".into(),
            ..Default::default()
        })
        .expect("GetObject");
    assert_eq!(got.content_length, Some(size as i64));
    let mut body = got.body.unwrap();
    let (mut read, mut got_crc) = (0, ChecksumAlgorithm::Crc32.hasher());
    while let Some(piece) = body.next_blocking() {
        let piece = piece.unwrap();
        read += piece.len();
        got_crc.update(&piece);
    }
    assert_eq!((read, got_crc.finish()), (size, crc));

    // The async client, with parts too small for S3 (1 MiB but the last): completing fails,
    // and the helper aborts the upload, whose parts are then gone.
    let async_client = awso::Client::new(credentials, "us-east-1").with_endpoint(&moto.url);
    let failed = on_tokio(s3::multipart_upload(
        &async_client,
        bucket,
        "too-small.bin",
        &path,
        1 << 20,
    ))
    .unwrap_err();
    let failed = failed
        .downcast::<s3::MultipartFailed>()
        .expect("a failed multipart upload");
    assert!(
        failed.error.to_string().contains("EntityTooSmall"),
        "{failed}"
    );
    assert!(failed.aborted.is_ok(), "{failed}");
    // The upload is gone: aborting it again is NoSuchUpload.
    let err = client
        .call::<AbortMultipartUpload>(&AbortMultipartUploadRequest {
            bucket: bucket.into(),
            key: "too-small.bin".into(),
            upload_id: failed.upload_id.clone(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("NoSuchUpload"), "{err}");
}

/// The peak resident memory of a client uploading a 1 GiB object from a file and
/// downloading it as a stream through moto, on each client, in a process of its own (this
/// test binary run again for [`memory_child`]): under 64 MiB. Run it with
///
/// ```sh
/// cargo test --release -p awso --test e2e -- --ignored --nocapture streaming::one_gib_in_bounded_memory
/// ```
///
/// (about a minute per client: moto holds the object in Python; the figure is in
/// BENCHMARKS.md).
#[test]
#[ignore = "moves 1 GiB through moto each way on both clients; run it on purpose (see its docs)"]
fn one_gib_in_bounded_memory() {
    const GIB: u64 = 1 << 30;
    let moto = moto::Moto::start();
    let credentials = crate::workflows::moto_user(&moto, "gigabyte");
    let dir = TempDir(std::env::temp_dir().join(format!("awso-gib-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).unwrap();
    let path = dir.0.join("one.gib");
    // Written and checksummed 1 MiB at a time.
    let mut crc = ChecksumAlgorithm::Crc32.hasher();
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let block: Vec<u8> = (0..1 << 20).map(|i: u32| (i % 251) as u8).collect();
        for _ in 0..GIB >> 20 {
            file.write_all(&block).unwrap();
            crc.update(&block);
        }
    }
    let crc = crc.finish();
    for mode in ["blocking", "async"] {
        let started = Instant::now();
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "streaming::memory_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("AWSO_MEMORY_ENDPOINT", &moto.url)
            .env("AWSO_MEMORY_KEY_ID", &credentials.access_key_id)
            .env("AWSO_MEMORY_SECRET", &credentials.secret_access_key)
            .env("AWSO_MEMORY_FILE", &path)
            .env("AWSO_MEMORY_CRC32", &crc)
            .env("AWSO_MEMORY_MODE", mode)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{mode}: {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let kib = |name: &str| -> u64 {
            // The test harness prints the test's name on the same line first.
            stdout
                .lines()
                .find_map(|l| Some(&l[l.find(name)? + name.len()..]))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or_else(|| panic!("{mode}: no {name} in {stdout}"))
        };
        let (before, peak) = (kib("awso-memory-before-kib:"), kib("awso-memory-peak-kib:"));
        println!(
            "{mode} client: 1 GiB up and down in {:.1} s, peak RSS {:.1} MiB ({:.1} MiB before the transfers)",
            started.elapsed().as_secs_f64(),
            peak as f64 / 1024.0,
            before as f64 / 1024.0
        );
        assert!(peak < 64 * 1024, "{mode}: peak RSS {peak} KiB");
    }
}

/// A directory the test made, removed with what it holds when the test ends (passed or not).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `VmHWM` of this process (its peak resident set), in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status (Linux)");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// The client side of [`one_gib_in_bounded_memory`], in a process of its own: it fails when
/// not started by it.
#[test]
#[ignore = "run by one_gib_in_bounded_memory in a process of its own"]
fn memory_child() {
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| {
            panic!("{name} unset: run one_gib_in_bounded_memory, which starts this test")
        })
    };
    let credentials = Credentials::new(var("AWSO_MEMORY_KEY_ID"), var("AWSO_MEMORY_SECRET"), None);
    let endpoint = var("AWSO_MEMORY_ENDPOINT");
    let path = PathBuf::from(var("AWSO_MEMORY_FILE"));
    let crc = var("AWSO_MEMORY_CRC32");
    let mode = var("AWSO_MEMORY_MODE");
    let bucket = format!("gib-{mode}");
    let size = std::fs::metadata(&path).unwrap().len();
    println!("awso-memory-before-kib: {}", peak_rss_kib());
    let (read, got_crc) = if mode == "async" {
        let client = awso::Client::new(credentials, "us-east-1").with_endpoint(&endpoint);
        on_tokio(transfer(&client, &bucket, &path))
    } else {
        let client = awso::blocking::Client::new(credentials, "us-east-1").with_endpoint(&endpoint);
        blocking(transfer(&client, &bucket, &path))
    };
    assert_eq!((read, got_crc), (size, crc));
    println!("awso-memory-peak-kib: {}", peak_rss_kib());
}

/// Puts the file at `path` and reads it back piece by piece: bytes read and their CRC-32.
async fn transfer(
    client: &impl crate::s3::common::Call,
    bucket: &str,
    path: &Path,
) -> (u64, String) {
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .await
        .expect("CreateBucket");
    client
        .call::<PutObject>(&PutObjectRequest {
            bucket: bucket.into(),
            key: "one.gib".into(),
            body: Some(ByteStream::from_path(path).unwrap()),
            ..Default::default()
        })
        .await
        .expect("PutObject of 1 GiB");
    let got = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: "one.gib".into(),
            ..Default::default()
        })
        .await
        .expect("GetObject of 1 GiB");
    let mut body = got.body.unwrap();
    let (mut read, mut crc) = (0, ChecksumAlgorithm::Crc32.hasher());
    while let Some(piece) = body.next().await {
        let piece = piece.expect("the body");
        read += piece.len() as u64;
        crc.update(&piece);
    }
    (read, crc.finish())
}
