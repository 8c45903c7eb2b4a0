//! The clients over a scripted transport: retries (which failures, how many attempts, re-signing,
//! the same idempotency token on every attempt), the SDK headers, request ids on outputs,
//! unsigned operations, clock-skew correction, the async client on a minimal executor, and
//! what reaches the caller.

use awso::blocking::{Client, Transport};
use awso::http;
use awso::operation::OperationError;
use awso::retry::RetryConfig;
use awso::{AwsError, AwsShape, Credentials, Error};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

awso::service! {
    pub struct Games {
        name: "Games",
        protocol: Protocol::AwsJson1_0,
        target_prefix: "Games",
        api_version: "2024-01-01",
        signing_name: "games",
        endpoint_prefix: "games",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct StartInput {
    #[aws(length(min = 1))]
    pub name: String,
    #[aws(idempotency_token)]
    pub client_token: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct StartOutput {
    pub id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 400))]
pub struct ValidationException {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum GamesError {
    ValidationException(ValidationException),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { pub struct Start: Games(StartInput) -> StartOutput, GamesError; }

/// What the scripted transport answers, in order.
enum Reply {
    Status(u16, &'static str),
    /// Waits past the next whole second of the signing clock, then answers with a status.
    Slow(u16, &'static str),
    Io(std::io::ErrorKind),
    /// A response with headers: status, content type, request id, body.
    Full(u16, &'static str, &'static str, &'static str),
    /// A response with extra headers.
    Headers(u16, Vec<(&'static str, String)>, &'static str),
}

/// Answers from a script and keeps every request it was sent.
struct Scripted {
    replies: RefCell<VecDeque<Reply>>,
    sent: RefCell<Vec<http::Request<Vec<u8>>>>,
}

impl Scripted {
    fn new(replies: Vec<Reply>) -> Self {
        Scripted {
            replies: RefCell::new(replies.into()),
            sent: RefCell::new(Vec::new()),
        }
    }
}

impl Transport for &Scripted {
    fn send(&self, request: http::Request<Vec<u8>>) -> awso::Result<http::Response<Vec<u8>>> {
        self.sent.borrow_mut().push(request);
        match self
            .replies
            .borrow_mut()
            .pop_front()
            .expect("a scripted reply")
        {
            Reply::Slow(status, body) => {
                std::thread::sleep(Duration::from_millis(1100));
                Ok(http::Response::builder()
                    .status(status)
                    .body(body.as_bytes().to_vec())
                    .unwrap())
            }
            Reply::Status(status, body) => Ok(http::Response::builder()
                .status(status)
                .body(body.as_bytes().to_vec())
                .unwrap()),
            Reply::Io(kind) => Err(Error::io("send", &std::io::Error::from(kind))),
            Reply::Full(status, content_type, request_id, body) => Ok(http::Response::builder()
                .status(status)
                .header("content-type", content_type)
                .header("x-amzn-requestid", request_id)
                .body(body.as_bytes().to_vec())
                .unwrap()),
            Reply::Headers(status, headers, body) => {
                let mut b = http::Response::builder().status(status);
                for (name, value) in headers {
                    b = b.header(name, value);
                }
                Ok(b.body(body.as_bytes().to_vec()).unwrap())
            }
        }
    }
}

fn fast() -> RetryConfig {
    RetryConfig {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    }
}

fn call(script: &Scripted, retry: RetryConfig) -> Result<StartOutput, OperationError<GamesError>> {
    Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(script)
        .with_retry(retry)
        .call::<Start>(&StartInput {
            name: "chess".into(),
            client_token: None,
        })
}

const THROTTLED: &str = r#"{"__type":"ThrottlingException","message":"slow down"}"#;
const OK: &str = r#"{"Id":"g-1"}"#;

#[test]
fn transient_failures_are_retried_with_the_same_body_and_a_fresh_signature() {
    let script = Scripted::new(vec![
        Reply::Slow(503, "<html>unavailable</html>"),
        Reply::Io(std::io::ErrorKind::ConnectionReset),
        Reply::Status(200, OK),
    ]);
    let out = call(&script, fast()).expect("the third attempt succeeds");
    assert_eq!(out.id.as_deref(), Some("g-1"));
    let sent = script.sent.borrow();
    assert_eq!(sent.len(), 3);
    // One idempotency token for the whole call.
    let body: serde_json::Value = serde_json::from_slice(sent[0].body()).unwrap();
    assert!(body["ClientToken"].as_str().is_some_and(|t| t.len() == 36));
    assert!(sent.iter().all(|r| r.body() == sent[0].body()));
    // Every attempt is signed afresh: the first and second are more than a second apart.
    let header = |i: usize, name: &str| sent[i].headers()[name].clone();
    assert_ne!(header(0, "x-amz-date"), header(1, "x-amz-date"));
    assert_ne!(header(0, "authorization"), header(1, "authorization"));
    assert!(sent
        .iter()
        .all(|r| r.headers().get_all("authorization").iter().count() == 1));
}

#[test]
fn throttling_is_retried_until_max_attempts() {
    let script = Scripted::new(vec![
        Reply::Status(400, THROTTLED),
        Reply::Status(400, THROTTLED),
        Reply::Status(400, THROTTLED),
    ]);
    let err = call(&script, fast()).expect_err("every attempt is throttled");
    assert_eq!(script.sent.borrow().len(), 3);
    assert_eq!(err.service_error().unwrap().code(), "ThrottlingException");
}

#[test]
fn client_errors_and_unknown_io_failures_are_not_retried() {
    let script = Scripted::new(vec![Reply::Status(
        400,
        r#"{"__type":"ValidationException","message":"no"}"#,
    )]);
    let err = call(&script, fast()).expect_err("a modelled client error");
    assert!(matches!(
        err.service_error(),
        Some(GamesError::ValidationException(_))
    ));
    assert_eq!(script.sent.borrow().len(), 1);

    let script = Scripted::new(vec![Reply::Io(std::io::ErrorKind::InvalidData)]);
    assert!(matches!(
        call(&script, fast()),
        Err(OperationError::Dispatch(_))
    ));
    assert_eq!(script.sent.borrow().len(), 1);
}

#[test]
fn disabled_retries_make_one_attempt() {
    let script = Scripted::new(vec![Reply::Status(500, "{}")]);
    let err = call(&script, RetryConfig::disabled()).expect_err("a server error");
    assert_eq!(script.sent.borrow().len(), 1);
    assert!(err.to_string().contains("500"), "{err}");
}

#[test]
fn timeouts_are_retried() {
    let script = Scripted::new(vec![
        Reply::Io(std::io::ErrorKind::TimedOut),
        Reply::Status(200, OK),
    ]);
    assert!(call(&script, fast()).is_ok());
    assert_eq!(script.sent.borrow().len(), 2);
}

#[test]
fn every_failure_says_what_happened_and_keeps_its_parts() {
    use std::error::Error as _;
    let no_retry = RetryConfig::disabled;

    // The service's own error: code, message, status and request id, and the raw response.
    let script = Scripted::new(vec![Reply::Full(
        400,
        "application/x-amz-json-1.0",
        "req-1",
        r#"{"__type":"ValidationException","message":"no"}"#,
    )]);
    let err = call(&script, no_retry()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ValidationException: no (service error, HTTP 400, request id req-1)"
    );
    assert!(err.source().unwrap().to_string().contains("no"));
    assert_eq!(err.raw_response().unwrap().status, 400);

    // An HTML page from a proxy: status, content type and the start of the body, not a parser
    // message alone; the raw response is kept.
    let script = Scripted::new(vec![Reply::Full(
        502,
        "text/html",
        "req-2",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    )]);
    let err = call(&script, no_retry()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("unreadable response (HTTP 502, text/html): "),
        "{text}"
    );
    assert!(
        text.contains("the body starts \"<html><body><h1>502 Bad Gateway"),
        "{text}"
    );
    assert!(matches!(err, OperationError::Response { status: 502, .. }));
    assert!(err.source().is_some());

    // Invalid input: nothing is sent, and every violation stays inspectable.
    let script = Scripted::new(vec![]);
    let client = Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint("http://127.0.0.1:1")
        .with_transport(&script)
        .with_retry(no_retry());
    let input = StartInput {
        name: String::new(),
        client_token: None,
    };
    match client.call::<Start>(&input).unwrap_err() {
        OperationError::Validation(v) => {
            assert_eq!(v.0.len(), 1);
            assert!(v.to_string().contains("StartInput.Name"), "{v}");
        }
        other => panic!("expected a validation error, got {other}"),
    }
    assert!(script.sent.borrow().is_empty());

    // A request that was not delivered, and one that timed out.
    let script = Scripted::new(vec![Reply::Io(std::io::ErrorKind::ConnectionRefused)]);
    let err = call(&script, no_retry()).unwrap_err();
    assert!(matches!(err, OperationError::Dispatch(_)), "{err:?}");
    assert!(
        err.to_string().starts_with("request not delivered: "),
        "{err}"
    );
    let script = Scripted::new(vec![Reply::Io(std::io::ErrorKind::TimedOut)]);
    let err = call(&script, no_retry()).unwrap_err();
    assert!(matches!(err, OperationError::Timeout(_)), "{err:?}");
    assert!(err.to_string().starts_with("timed out: "), "{err}");

    // A request that cannot be built: an endpoint that is not a URL.
    let err = Client::new(Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint("not a url")
        .call::<Start>(&StartInput {
            name: "n".into(),
            client_token: None,
        })
        .unwrap_err();
    assert!(matches!(err, OperationError::Construction(_)), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot build the request: "),
        "{err}"
    );
}

awso::operation! { pub struct StartAnonymously: Games(StartInput) -> StartOutput, GamesError; auth(none); }

#[test]
fn every_attempt_carries_the_user_agent_the_invocation_id_and_its_number() {
    let script = Scripted::new(vec![Reply::Status(503, "{}"), Reply::Status(200, OK)]);
    call(&script, fast()).expect("the second attempt succeeds");
    let sent = script.sent.borrow();
    let header = |i: usize, name: &str| sent[i].headers()[name].to_str().unwrap().to_owned();
    let ua = header(0, "user-agent");
    assert!(
        ua.starts_with(&format!("awso/{} os/", env!("CARGO_PKG_VERSION"))),
        "{ua}"
    );
    assert!(ua.contains(" lang/rust#"), "{ua}");
    let id = header(0, "amz-sdk-invocation-id");
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(header(1, "amz-sdk-invocation-id"), id);
    assert_eq!(header(0, "amz-sdk-request"), "attempt=1; max=3");
    assert_eq!(header(1, "amz-sdk-request"), "attempt=2; max=3");
    // The attempt header is signed; the user agent is not (as botocore).
    let auth = header(1, "authorization");
    assert!(auth.contains("amz-sdk-request"), "{auth}");
    assert!(!auth.contains("user-agent"), "{auth}");
    // Another call, another invocation id.
    let again = Scripted::new(vec![Reply::Status(200, OK)]);
    call(&again, fast()).unwrap();
    assert_ne!(
        again.sent.borrow()[0].headers()["amz-sdk-invocation-id"],
        id.as_str()
    );
}

#[test]
fn request_ids_come_back_with_successful_outputs() {
    let script = Scripted::new(vec![
        Reply::Status(500, "{}"),
        Reply::Headers(
            200,
            vec![
                ("x-amzn-requestid", "req-9".into()),
                ("x-amz-id-2", "ext/9+".into()),
            ],
            OK,
        ),
    ]);
    let (out, meta) = Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(&script)
        .with_retry(fast())
        .call_with_metadata::<Start>(&StartInput {
            name: "chess".into(),
            client_token: None,
        })
        .expect("the second attempt succeeds");
    assert_eq!(out.id.as_deref(), Some("g-1"));
    assert_eq!(meta.request_id.as_deref(), Some("req-9"));
    assert_eq!(meta.extended_request_id.as_deref(), Some("ext/9+"));
    assert_eq!((meta.status, meta.attempts), (200, 2));
    let sent = script.sent.borrow();
    assert_eq!(
        sent[1].headers()["amz-sdk-invocation-id"],
        meta.invocation_id.as_str()
    );
}

#[test]
fn operations_declared_without_auth_are_sent_unsigned() {
    use awso::operation::Operation;
    const { assert!(StartAnonymously::NO_AUTH && !Start::NO_AUTH) };
    let script = Scripted::new(vec![Reply::Status(200, OK)]);
    Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(&script)
        .call::<StartAnonymously>(&StartInput {
            name: "chess".into(),
            client_token: None,
        })
        .expect("an unsigned call");
    let sent = script.sent.borrow();
    assert!(!sent[0].headers().contains_key("authorization"));
    assert!(!sent[0].headers().contains_key("x-amz-date"));
    assert!(sent[0].headers().contains_key("amz-sdk-request"));
}

/// A clock an hour behind.
#[derive(Debug)]
struct HourBehind;

impl awso::Clock for HourBehind {
    fn now(&self) -> std::time::SystemTime {
        std::time::SystemTime::now() - Duration::from_secs(3600)
    }
}

fn http_date(t: std::time::SystemTime) -> String {
    awso::Timestamp::from(t).fmt(awso::TimestampFormat::HttpDate)
}

#[test]
fn a_skewed_clock_is_corrected_from_the_server_date_and_the_call_retried() {
    let skewed = r#"{"__type":"InvalidSignatureException","message":"Signature expired"}"#;
    let now = std::time::SystemTime::now();
    let script = Scripted::new(vec![
        Reply::Headers(400, vec![("date", http_date(now))], skewed),
        Reply::Status(200, OK),
    ]);
    let client = Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(&script)
        .with_retry(fast())
        .with_clock(HourBehind);
    let input = StartInput {
        name: "chess".into(),
        client_token: None,
    };
    client
        .call::<Start>(&input)
        .expect("the corrected attempt succeeds");
    let offset = client.clock_offset_ms();
    assert!((3_590_000..=3_610_000).contains(&offset), "{offset}");
    let sent = script.sent.borrow();
    let date = |i: usize| {
        let d = sent[i].headers()["x-amz-date"].to_str().unwrap().to_owned();
        awso::Timestamp::parse(
            &format!(
                "{}-{}-{}T{}:{}:{}Z",
                &d[0..4],
                &d[4..6],
                &d[6..8],
                &d[9..11],
                &d[11..13],
                &d[13..15]
            ),
            awso::TimestampFormat::DateTime,
        )
        .unwrap()
        .secs()
    };
    let server = awso::Timestamp::from(now).secs();
    assert!((server - date(0) - 3600).abs() <= 5);
    assert!(
        (date(1) - server).abs() <= 5,
        "signed with the server's time"
    );
    drop(sent);

    // The same error with a server date close to the clock is not retried (it is a wrong key).
    let script = Scripted::new(vec![Reply::Headers(
        400,
        vec![("date", http_date(std::time::SystemTime::now()))],
        skewed,
    )]);
    let err = Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(&script)
        .with_retry(fast())
        .call::<Start>(&input)
        .unwrap_err();
    assert_eq!(
        err.service_error().unwrap().code(),
        "InvalidSignatureException"
    );
    assert_eq!(script.sent.borrow().len(), 1);
}

/// The scripted transport for the async client: `Send` and `Sync`.
struct AsyncScripted {
    replies: std::sync::Mutex<VecDeque<Reply>>,
    sent: std::sync::Mutex<Vec<http::Request<Vec<u8>>>>,
}

impl awso::transport::Transport for AsyncScripted {
    async fn send(&self, request: http::Request<Vec<u8>>) -> awso::Result<http::Response<Vec<u8>>> {
        self.sent.lock().unwrap().push(request.clone());
        let reply = self
            .replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted reply");
        let one = Scripted::new(vec![reply]);
        (&one).send(request)
    }
}

/// A minimal executor: polls on this thread, parks between wake-ups. No runtime involved.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = std::sync::Arc::new(Unpark(std::thread::current())).into();
    let mut cx = std::task::Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

#[test]
fn the_async_client_retries_on_any_executor() {
    fn assert_send<T: Send>(t: T) -> T {
        t
    }
    let transport = AsyncScripted {
        replies: std::sync::Mutex::new(
            vec![
                Reply::Status(400, THROTTLED),
                Reply::Io(std::io::ErrorKind::ConnectionReset),
                Reply::Full(200, "application/x-amz-json-1.0", "req-a", OK),
            ]
            .into(),
        ),
        sent: Default::default(),
    };
    let client = awso::Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(&transport)
        .with_retry(fast());
    let input = StartInput {
        name: "chess".into(),
        client_token: None,
    };
    // The input is read when the call is made: the future does not borrow it.
    let call = assert_send(client.call_with_metadata::<Start>(&input));
    drop(input);
    let (out, meta) = block_on(call).expect("the third attempt succeeds");
    assert_eq!(out.id.as_deref(), Some("g-1"));
    assert_eq!(
        (meta.attempts, meta.request_id.as_deref()),
        (3, Some("req-a"))
    );
    let sent = transport.sent.lock().unwrap();
    assert_eq!(sent[2].headers()["amz-sdk-request"], "attempt=3; max=3");
    assert!(sent.iter().all(|r| r.body() == sent[0].body()));
}

// Over real sockets: loopback servers that stall, misbehave or proxy, through both clients'
// default transports (ureq, reqwest).

mod network {
    use super::*;
    use awso::transport::{ProxyConfig, ReqwestTransport, UreqTransport};
    use awso::Timeouts;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Instant;

    /// A loopback server answering every connection with `answer(n, stream, request head)`
    /// (n counts connections from 0); returns its URL and the connection counter.
    fn serve(
        answer: impl Fn(usize, &mut TcpStream, &str) + Send + Sync + 'static,
    ) -> (String, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let count = Arc::new(AtomicUsize::new(0));
        let counter = count.clone();
        let answer = Arc::new(answer);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let n = counter.fetch_add(1, Ordering::SeqCst);
                let answer = answer.clone();
                std::thread::spawn(move || {
                    let head = read_head(&mut stream);
                    answer(n, &mut stream, &head);
                });
            }
        });
        (url, count)
    }

    /// The request head and body (by Content-Length).
    fn read_head(stream: &mut TcpStream) -> String {
        let mut data = Vec::new();
        let mut byte = [0u8; 1];
        while !data.ends_with(b"\r\n\r\n") {
            match stream.read(&mut byte) {
                Ok(1) => data.push(byte[0]),
                _ => break,
            }
        }
        let head = String::from_utf8_lossy(&data).into_owned();
        let len = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
            })
            .unwrap_or(0);
        let mut body = vec![0; len];
        let _ = stream.read_exact(&mut body);
        head + &String::from_utf8_lossy(&body)
    }

    fn ok(stream: &mut TcpStream) {
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\nx-amzn-requestid: r-1\r\ncontent-length: {}\r\n\r\n{OK}",
            OK.len()
        );
    }

    fn input() -> StartInput {
        StartInput {
            name: "chess".into(),
            client_token: None,
        }
    }

    fn blocking(url: &str, transport: UreqTransport) -> Client<UreqTransport> {
        Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
            .with_endpoint(url)
            .with_transport(transport)
            .with_retry(fast())
    }

    fn asynchronous(url: &str, transport: ReqwestTransport) -> awso::Client<ReqwestTransport> {
        awso::Client::new(Credentials::new("AKID", "secret", None), "us-west-2")
            .with_endpoint(url)
            .with_transport(transport)
            .with_retry(fast())
    }

    fn no_proxy_ureq() -> UreqTransport {
        UreqTransport::default().with_proxies(ProxyConfig::default())
    }

    fn no_proxy_reqwest() -> ReqwestTransport {
        ReqwestTransport::with_proxies(None, None, ProxyConfig::default()).unwrap()
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn attempt_and_operation_timeouts_stop_a_stalling_server() {
        let (url, count) = serve(|_, stream, _| {
            std::thread::sleep(Duration::from_secs(5));
            ok(stream);
        });
        let attempt = Timeouts {
            attempt: Some(Duration::from_millis(300)),
            ..Timeouts::default()
        };
        let whole = Timeouts {
            attempt: Some(Duration::from_millis(300)),
            operation: Some(Duration::from_millis(500)),
            ..Timeouts::default()
        };

        // Blocking: three attempts of 300 ms, each timed out and retried.
        let start = Instant::now();
        let err = blocking(&url, no_proxy_ureq())
            .with_timeouts(attempt)
            .call::<Start>(&input())
            .unwrap_err();
        assert!(matches!(err, OperationError::Timeout(_)), "{err}");
        assert_eq!(count.swap(0, Ordering::SeqCst), 3);
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        // The whole call, retries included, stops at 500 ms.
        let start = Instant::now();
        let err = blocking(&url, no_proxy_ureq())
            .with_timeouts(whole)
            .call::<Start>(&input())
            .unwrap_err();
        assert!(matches!(err, OperationError::Timeout(_)), "{err}");
        assert!(
            start.elapsed() < Duration::from_millis(1500),
            "{:?}",
            start.elapsed()
        );
        assert!(count.swap(0, Ordering::SeqCst) <= 2);

        // Async, on tokio through reqwest: the same limits.
        runtime().block_on(async {
            let start = Instant::now();
            let err = asynchronous(&url, no_proxy_reqwest())
                .with_timeouts(attempt)
                .call::<Start>(&input())
                .await
                .unwrap_err();
            assert!(matches!(err, OperationError::Timeout(_)), "{err}");
            assert!(
                start.elapsed() < Duration::from_secs(3),
                "{:?}",
                start.elapsed()
            );
            assert_eq!(count.swap(0, Ordering::SeqCst), 3);
            let start = Instant::now();
            let err = asynchronous(&url, no_proxy_reqwest())
                .with_timeouts(whole)
                .call::<Start>(&input())
                .await
                .unwrap_err();
            assert!(matches!(err, OperationError::Timeout(_)), "{err}");
            assert!(
                start.elapsed() < Duration::from_millis(1500),
                "{:?}",
                start.elapsed()
            );
        });
    }

    #[test]
    fn requests_go_through_the_proxy_unless_no_proxy_says_otherwise() {
        // The service, and a forwarding proxy that counts what it forwards (absolute-URI
        // requests, as HTTP proxies receive them for http:// URLs).
        let (service, served) = serve(|_, stream, _| ok(stream));
        let seen = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let log = seen.clone();
        let target = service.trim_start_matches("http://").to_owned();
        let (proxy, proxied) = serve(move |_, stream, head| {
            let line = head.lines().next().unwrap_or("").to_owned();
            log.lock().unwrap().push(line.clone());
            let mut upstream = TcpStream::connect(&target).unwrap();
            if line.starts_with("CONNECT ") {
                // A tunnel: say yes, then copy both ways until either side closes.
                let _ = stream.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                let (mut up_read, mut down_write) =
                    (upstream.try_clone().unwrap(), stream.try_clone().unwrap());
                let back = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut up_read, &mut down_write);
                });
                let _ = std::io::copy(stream, &mut upstream);
                let _ = upstream.shutdown(std::net::Shutdown::Both);
                let _ = back.join();
            } else {
                // An absolute-URI request: forward it with the path only, relay the answer.
                let _ = upstream
                    .write_all(head.replacen(&format!("http://{target}"), "", 1).as_bytes());
                let _ = upstream.shutdown(std::net::Shutdown::Write);
                let _ = std::io::copy(&mut upstream, stream);
            }
        });
        let via_proxy = ProxyConfig {
            http: Some(proxy.clone()),
            ..ProxyConfig::default()
        };
        let bypass = ProxyConfig {
            no_proxy: vec!["127.0.0.1".into()],
            ..via_proxy.clone()
        };

        let out = blocking(
            &service,
            UreqTransport::default().with_proxies(via_proxy.clone()),
        )
        .call::<Start>(&input())
        .expect("through the proxy");
        assert_eq!(out.id.as_deref(), Some("g-1"));
        runtime().block_on(async {
            asynchronous(
                &service,
                ReqwestTransport::with_proxies(None, None, via_proxy).unwrap(),
            )
            .call::<Start>(&input())
            .await
            .expect("through the proxy, async");
        });
        assert_eq!(proxied.load(Ordering::SeqCst), 2);
        let target = service.trim_start_matches("http://");
        for line in seen.lock().unwrap().iter() {
            assert!(
                line.starts_with(&format!("POST {service}/ HTTP/1.1"))
                    || line.starts_with(&format!("CONNECT {target} HTTP/1.1")),
                "{line}"
            );
        }

        // NO_PROXY: straight to the service.
        blocking(
            &service,
            UreqTransport::default().with_proxies(bypass.clone()),
        )
        .call::<Start>(&input())
        .expect("direct");
        runtime().block_on(async {
            asynchronous(
                &service,
                ReqwestTransport::with_proxies(None, None, bypass).unwrap(),
            )
            .call::<Start>(&input())
            .await
            .expect("direct, async");
        });
        assert_eq!(proxied.load(Ordering::SeqCst), 2);
        assert_eq!(served.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn bad_input_from_the_network_is_a_clear_error_never_a_panic() {
        // Garbage instead of HTTP: not retried (the SDKs do not retry a response they cannot
        // parse as HTTP).
        let (garbage, count) = serve(|_, stream, _| {
            let _ = stream.write_all(b"\x00\x01 this is not HTTP at all\r\n\r\n");
        });
        let err = blocking(&garbage, no_proxy_ureq())
            .call::<Start>(&input())
            .unwrap_err();
        assert!(matches!(err, OperationError::Dispatch(_)), "{err}");
        assert_eq!(count.load(Ordering::SeqCst), 1, "{err}");
        let err = runtime()
            .block_on(asynchronous(&garbage, no_proxy_reqwest()).call::<Start>(&input()))
            .unwrap_err();
        assert!(matches!(err, OperationError::Dispatch(_)), "{err}");

        // An endless header: cut at the header limit.
        let (endless, _) = serve(|_, stream, _| {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nx-endless: ");
            let chunk = [b'a'; 8192];
            for _ in 0..1024 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
        });
        let err = blocking(&endless, no_proxy_ureq())
            .call::<Start>(&input())
            .unwrap_err();
        assert!(matches!(err, OperationError::Dispatch(_)), "{err}");
        let err = runtime()
            .block_on(asynchronous(&endless, no_proxy_reqwest()).call::<Start>(&input()))
            .unwrap_err();
        assert!(matches!(err, OperationError::Dispatch(_)), "{err}");

        // A body over the limit.
        let (big, _) = serve(|_, stream, _| {
            let _ = write!(stream, "HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n");
            let _ = stream.write_all(&[b' '; 100_000]);
        });
        let err = blocking(&big, no_proxy_ureq().with_max_body(1000))
            .call::<Start>(&input())
            .unwrap_err();
        assert!(err.to_string().contains("larger than 1000 bytes"), "{err}");
        let err = runtime()
            .block_on(
                asynchronous(&big, no_proxy_reqwest().with_max_body(1000)).call::<Start>(&input()),
            )
            .unwrap_err();
        assert!(err.to_string().contains("larger than 1000 bytes"), "{err}");

        // A reset mid-body: retried, and the retry succeeds.
        let (cut, count) = serve(|n, stream, _| {
            if n % 3 == 0 {
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{{\"Id\""
                );
            } else {
                ok(stream);
            }
        });
        let out = blocking(&cut, no_proxy_ureq())
            .call::<Start>(&input())
            .expect("retried");
        assert_eq!(out.id.as_deref(), Some("g-1"));
        assert_eq!(count.swap(0, Ordering::SeqCst), 2);
        let out = runtime()
            .block_on(asynchronous(&cut, no_proxy_reqwest()).call::<Start>(&input()))
            .expect("retried, async");
        assert_eq!(out.id.as_deref(), Some("g-1"));
    }

    /// A loopback listener whose accept queue is full and never drained: the kernel completes
    /// no more handshakes on it, so a connect stalls (its SYNs go unanswered) instead of being
    /// refused. Returns its URL and what must stay alive for it to stay full.
    fn full_backlog() -> (String, std::net::TcpListener, Vec<TcpStream>) {
        let runtime = runtime();
        let _context = runtime.enter();
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(([127, 0, 0, 1], 0).into()).unwrap();
        let listener = socket.listen(1).unwrap().into_std().unwrap();
        let addr = listener.local_addr().unwrap();
        let mut queued = Vec::new();
        while let Ok(stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            queued.push(stream);
            assert!(queued.len() < 64, "the accept queue never filled");
        }
        (format!("http://{addr}"), listener, queued)
    }

    #[test]
    fn a_connect_that_stalls_times_out_and_is_retried() {
        let (url, _listener, _queued) = full_backlog();
        let connect = Some(Duration::from_millis(300));

        // Blocking (ureq): one attempt stops at the connect timeout; with retries, three do.
        let transport = || {
            UreqTransport::new(connect, None)
                .unwrap()
                .with_proxies(ProxyConfig::default())
        };
        let start = Instant::now();
        let err = blocking(&url, transport())
            .with_retry(RetryConfig::disabled())
            .call::<Start>(&input())
            .unwrap_err();
        let once = start.elapsed();
        assert!(matches!(err, OperationError::Timeout(_)), "{err}");
        assert!(
            once >= Duration::from_millis(250) && once < Duration::from_secs(2),
            "{once:?}"
        );
        let start = Instant::now();
        let err = blocking(&url, transport())
            .call::<Start>(&input())
            .unwrap_err();
        assert!(matches!(err, OperationError::Timeout(_)), "{err}");
        assert!(
            start.elapsed() >= 3 * Duration::from_millis(250),
            "{:?}",
            start.elapsed()
        );

        // Async (reqwest on tokio): the same.
        let transport =
            || ReqwestTransport::with_proxies(connect, None, ProxyConfig::default()).unwrap();
        runtime().block_on(async {
            let start = Instant::now();
            let err = asynchronous(&url, transport())
                .with_retry(RetryConfig::disabled())
                .call::<Start>(&input())
                .await
                .unwrap_err();
            let once = start.elapsed();
            assert!(matches!(err, OperationError::Timeout(_)), "{err}");
            assert!(
                once >= Duration::from_millis(250) && once < Duration::from_secs(2),
                "{once:?}"
            );
            let start = Instant::now();
            let err = asynchronous(&url, transport())
                .call::<Start>(&input())
                .await
                .unwrap_err();
            assert!(matches!(err, OperationError::Timeout(_)), "{err}");
            assert!(
                start.elapsed() >= 3 * Duration::from_millis(250),
                "{:?}",
                start.elapsed()
            );
        });
    }
}
