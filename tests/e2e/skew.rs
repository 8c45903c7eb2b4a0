//! Clock skew end to end, through both clients with a signing clock an hour behind and an hour
//! ahead (`with_clock`).
//!
//! moto checks signatures but not their date: it signs its copy of the request with the
//! request's own `X-Amz-Date`, so a request signed an hour off passes (the first check below
//! pins that). So the requests go through a gate on a loopback port in front of moto that
//! does what AWS does: a request whose `X-Amz-Date` is more than 5 minutes from the gate's
//! clock gets the service's skew error with the server's `Date` (S3: 403
//! `RequestTimeTooSkewed`; awsQuery: 403 `SignatureDoesNotMatch` "Signature expired"; JSON:
//! 400 `InvalidSignatureException` "Signature expired"), any other is passed on to moto, which
//! verifies its signature. Each client must take the offset from `Date`, sign again with the
//! corrected clock and get through on its second attempt, then keep the correction.

use crate::moto;
use crate::s3;
use crate::sqs;
use crate::sts;

use awso::blocking::Client;
use awso::retry::RetryConfig;
use awso::{Timestamp, TimestampFormat};
use sqs::common::on_tokio;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// A signing clock `0` seconds from the system clock.
#[derive(Debug, Clone, Copy)]
struct Skewed(i64);

impl awso::Clock for Skewed {
    fn now(&self) -> SystemTime {
        let by = Duration::from_secs(self.0.unsigned_abs());
        if self.0 < 0 {
            SystemTime::now() - by
        } else {
            SystemTime::now() + by
        }
    }
}

/// The loopback gate in front of moto: refuses requests signed more than 5 minutes off (as
/// AWS answers them) and forwards the others, one request per connection.
struct Gate {
    url: String,
    refused: Arc<AtomicUsize>,
}

impl Gate {
    fn start(upstream: &str) -> Gate {
        let upstream = upstream
            .strip_prefix("http://")
            .expect("moto over plain HTTP")
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let refused = Arc::new(AtomicUsize::new(0));
        let counter = refused.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (upstream, counter) = (upstream.clone(), counter.clone());
                std::thread::spawn(move || {
                    // A client that gave up mid-request is not the test's failure.
                    let _ = serve(stream, &upstream, &counter);
                });
            }
        });
        Gate { url, refused }
    }
}

fn serve(client: TcpStream, upstream: &str, refused: &AtomicUsize) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut head = Vec::new();
    let mut content_length = 0;
    let mut amz_date = None;
    let mut json = false;
    let mut form = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        if line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some((name, value)) = lower.split_once(':') {
            let value = value.trim();
            match name {
                "content-length" => content_length = value.parse().unwrap_or(0),
                "x-amz-date" => amz_date = Some(value.to_owned()),
                "x-amz-target" => json = true,
                "content-type" => form = value.starts_with("application/x-www-form-urlencoded"),
                // One request per connection: the gate closes after each response.
                "connection" => continue,
                _ => {}
            }
        }
        head.extend_from_slice(line.as_bytes());
    }
    let mut body = vec![0; content_length];
    reader.read_exact(&mut body)?;
    let mut client = client;

    let now = SystemTime::now();
    let signed = amz_date.as_deref().and_then(amz_date_secs);
    let server = Timestamp::from(now).secs();
    if let Some(signed) = signed.filter(|s| (s - server).abs() > 300) {
        refused.fetch_add(1, Ordering::Relaxed);
        let (status, content_type, body) = skew_error(json, form, signed, server);
        let date = Timestamp::from(now).fmt(TimestampFormat::HttpDate);
        write!(
            client,
            "HTTP/1.1 {status}\r\nDate: {date}\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\nx-amzn-RequestId: gate-refusal\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )?;
        return client.flush();
    }

    let mut moto = TcpStream::connect(upstream)?;
    moto.write_all(&head)?;
    moto.write_all(b"Connection: close\r\n\r\n")?;
    moto.write_all(&body)?;
    let mut response = Vec::new();
    moto.read_to_end(&mut response)?;
    // The answer goes back as it came, marked as the connection's last.
    let end = response
        .windows(2)
        .position(|w| w == b"\r\n")
        .expect("a status line");
    client.write_all(&response[..end + 2])?;
    client.write_all(b"Connection: close\r\n")?;
    client.write_all(&response[end + 2..])?;
    client.flush()
}

/// `20261204T200000Z` in seconds since the epoch.
fn amz_date_secs(d: &str) -> Option<i64> {
    let d = d.as_bytes();
    if d.len() != 16 {
        return None;
    }
    let s = |r: std::ops::Range<usize>| std::str::from_utf8(&d[r]).ok();
    let text = format!(
        "{}-{}-{}T{}:{}:{}Z",
        s(0..4)?,
        s(4..6)?,
        s(6..8)?,
        s(9..11)?,
        s(11..13)?,
        s(13..15)?
    );
    Timestamp::parse(&text, TimestampFormat::DateTime)
        .ok()
        .map(|t| t.secs())
}

/// The skew error AWS sends in the request's protocol: status, content type, body.
fn skew_error(
    json: bool,
    form: bool,
    signed: i64,
    server: i64,
) -> (&'static str, &'static str, String) {
    let amz = |secs: i64| {
        let t = Timestamp::from_millis(secs * 1000).fmt(TimestampFormat::DateTime);
        t.replace(['-', ':'], "").replace(".000", "")
    };
    let expired = format!(
        "Signature expired: {} is now earlier than {} ({} - 5 min.)",
        amz(signed),
        amz(server - 300),
        amz(server)
    );
    if json {
        let body = format!(
            r#"{{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"{expired}"}}"#
        );
        ("400 Bad Request", "application/x-amz-json-1.0", body)
    } else if form {
        let body = format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>\
             <Message>{expired}</Message></Error><RequestId>gate-refusal</RequestId></ErrorResponse>"
        );
        ("403 Forbidden", "text/xml", body)
    } else {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>RequestTimeTooSkewed</Code>\
             <Message>The difference between the request time and the current time is too large.</Message>\
             <RequestTime>{}</RequestTime><ServerTime>{}</ServerTime>\
             <MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>",
            amz(signed),
            amz(server)
        );
        ("403 Forbidden", "application/xml", body)
    }
}

/// Asserts that a client whose clock was `skew` seconds off took two attempts and now signs
/// with the gate's time.
fn corrected(what: &str, attempts: u32, offset_ms: i64, skew: i64) {
    assert_eq!(
        attempts, 2,
        "{what}: one refusal, then the corrected attempt"
    );
    assert!(
        (offset_ms + skew * 1000).abs() < 5_000,
        "{what}: the signing clock moved by {offset_ms} ms for a skew of {skew} s"
    );
}

#[test]
fn a_skewed_signing_clock_is_corrected_from_the_server_date() {
    let moto = moto::Moto::start();
    let credentials = crate::workflows::moto_user(&moto, "skew");
    let sts_input = sts::GetCallerIdentityInput {};

    // moto takes a request signed an hour ahead with a valid key: it does not check the date.
    Client::new(credentials.clone(), "us-east-1")
        .with_endpoint(&moto.url)
        .with_clock(Skewed(3600))
        .with_retry(RetryConfig::disabled())
        .call::<sts::GetCallerIdentity>(&sts_input)
        .expect("moto does not check the signing date");

    let gate = Gate::start(&moto.url);
    let queue = |name: &str| sqs::shapes::CreateQueueInput {
        queue_name: name.into(),
        attributes: None,
    };
    let bucket = |name: String| s3::shapes::CreateBucketRequest { bucket: name };
    for skew in [-3600, 3600] {
        let name = if skew < 0 { "behind" } else { "ahead" };

        // Blocking: each protocol's refusal, then a client that keeps its correction.
        let client = || {
            Client::new(credentials.clone(), "us-east-1")
                .with_endpoint(&gate.url)
                .with_clock(Skewed(skew))
        };
        let c = client();
        let (_, m) = c
            .call_with_metadata::<sts::GetCallerIdentity>(&sts_input)
            .expect("STS");
        corrected("blocking STS", m.attempts, c.clock_offset_ms(), skew);
        let c = client();
        let (_, m) = c
            .call_with_metadata::<s3::shapes::CreateBucket>(&bucket(format!("skew-{name}")))
            .expect("S3");
        corrected("blocking S3", m.attempts, c.clock_offset_ms(), skew);
        let (_, m) = c
            .call_with_metadata::<sqs::shapes::json::CreateQueue>(&queue(name))
            .expect("SQS");
        assert_eq!(m.attempts, 1, "the correction is kept for later calls");

        // Async (reqwest on tokio): the same.
        on_tokio(async {
            let client = || {
                awso::Client::new(credentials.clone(), "us-east-1")
                    .with_endpoint(&gate.url)
                    .with_clock(Skewed(skew))
            };
            let c = client();
            let (_, m) = c
                .call_with_metadata::<sqs::shapes::json::CreateQueue>(&queue(name))
                .await
                .expect("SQS");
            corrected("async SQS", m.attempts, c.clock_offset_ms(), skew);
            let c = client();
            let (_, m) = c
                .call_with_metadata::<s3::shapes::CreateBucket>(&bucket(format!(
                    "skew-{name}-async"
                )))
                .await
                .expect("S3");
            corrected("async S3", m.attempts, c.clock_offset_ms(), skew);
            let (_, m) = c
                .call_with_metadata::<sts::GetCallerIdentity>(&sts_input)
                .await
                .expect("STS");
            assert_eq!(m.attempts, 1, "the correction is kept for later calls");
        });
    }
    // One refusal per fresh client: the gate really refused (and moto really answered) the rest.
    assert_eq!(gate.refused.load(Ordering::Relaxed), 8);
    drop(moto);
}
