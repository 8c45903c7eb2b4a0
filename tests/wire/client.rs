//! The client over a scripted transport: retries (which failures, how many attempts, re-signing,
//! the same idempotency token on every attempt), and what reaches the caller.

use awso::http;
use awso::operation::OperationError;
use awso::retry::RetryConfig;
use awso::transport::Transport;
use awso::{AwsError, AwsShape, Client, Credentials, Error};
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
