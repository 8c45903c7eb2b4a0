//! S3 beyond the example's workflow: presigned requests (sent as plain HTTP requests to moto,
//! and compared with botocore's `generate_presigned_url` at a fixed time), region redirects
//! (a loopback server answering like S3 for a bucket in another region), and flexible
//! checksums (headers compared with botocore's, every algorithm stored and read back through
//! moto, damaged bodies refused).
//!
//! Virtual-hosted addressing is checked by URL against botocore (`tests/wire/endpoints.rs`)
//! and against moto here: with the endpoint `http://localhost:PORT` and the `virtual` style,
//! requests go to `bucket.localhost:PORT`, which a test transport delivers to moto's loopback
//! port with that `Host` (no DNS needed); moto reads the bucket from the host and verifies the
//! signature.

use crate::moto;
use crate::s3::common::on_tokio;
use crate::s3::shapes::*;
use awso::blocking::{Client, Transport};
use awso::checksum::{ChecksumAlgorithm, When};
use awso::endpoint::AddressingStyle;
use awso::operation::OperationError;
use awso::{ByteStream, Credentials};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

fn plain_http() -> awso::transport::UreqTransport {
    awso::transport::UreqTransport::new(Some(Duration::from_secs(5)), None).unwrap()
}

#[test]
fn presigned_requests_against_moto() {
    // moto checks no presigned signature (botocore's comparison below does): the server
    // runs without signature checks, and this shows the requests work as sent.
    let moto = moto::Moto::start_unauthenticated();
    let credentials = Credentials::new("AKIDEXAMPLE", "secret", Some("session".into()));
    let client = Client::new(credentials.clone(), "us-east-1").with_endpoint(&moto.url);
    let bucket = "presigned";
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .expect("CreateBucket");

    // Upload with a presigned PUT: the signed headers go with it, the body is anyone's.
    let put = client
        .presign::<PutObject>(
            &PutObjectRequest {
                bucket: bucket.into(),
                key: "shared/a b.txt".into(),
                content_type: Some("text/plain".into()),
                metadata: Some(BTreeMap::from([("owner".into(), "awso".into())])),
                ..Default::default()
            },
            Duration::from_secs(300),
        )
        .expect("presign PutObject");
    assert_eq!(put.method, "PUT");
    assert!(put.uri.query().unwrap().contains("X-Amz-Signature="));
    assert_eq!(put.headers["content-type"], "text/plain");
    assert_eq!(put.headers["x-amz-meta-owner"], "awso");
    let sent = plain_http()
        .send(put.to_request(b"shared by URL".to_vec()))
        .expect("the presigned PUT is delivered");
    assert_eq!(
        sent.status(),
        200,
        "{:?}",
        String::from_utf8_lossy(sent.body())
    );

    // Read it back with a presigned GET, from each client.
    let input = GetObjectRequest {
        bucket: bucket.into(),
        key: "shared/a b.txt".into(),
        ..Default::default()
    };
    let get = client
        .presign::<GetObject>(&input, Duration::from_secs(60))
        .expect("presign GetObject");
    assert!(get.headers.is_empty(), "{:?}", get.headers);
    let async_client = awso::Client::new(credentials, "us-east-1").with_endpoint(&moto.url);
    let async_get = on_tokio(async_client.presign::<GetObject>(&input, Duration::from_secs(60)))
        .expect("presign GetObject (async)");
    for get in [get, async_get] {
        let got = plain_http().send(get.to_request(Vec::new())).unwrap();
        assert_eq!(got.status(), 200);
        assert_eq!(got.body(), b"shared by URL");
        assert_eq!(got.headers()["x-amz-meta-owner"], "awso");
    }

    // Bad expiries are errors, not URLs.
    for bad in [Duration::ZERO, Duration::from_secs(7 * 24 * 3600 + 1)] {
        let err = client.presign::<GetObject>(&input, bad).unwrap_err();
        assert!(err.to_string().contains("7 days"), "{err}");
    }
}

/// A clock stopped at a fixed time.
#[derive(Debug)]
struct Fixed(SystemTime);

impl awso::Clock for Fixed {
    fn now(&self) -> SystemTime {
        self.0
    }
}

#[test]
fn presigned_urls_match_botocore() {
    let _environment = moto::clean_environment();
    let time = 1_700_000_000;
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(time);
    let put = PutObjectRequest {
        bucket: "my-bucket".into(),
        key: "a b/c+d.txt".into(),
        body: Some(ByteStream::from_static(b"not part of the URL")),
        content_type: Some("text/plain".into()),
        metadata: Some(BTreeMap::from([("owner".into(), "me".into())])),
        ..Default::default()
    };
    // (region, addressing, bucket, session token, operation)
    let cases = [
        ("eu-west-1", "virtual", "my-bucket", None, "get_object"),
        (
            "us-east-1",
            "virtual",
            "my-bucket",
            Some("token/+="),
            "get_object",
        ),
        ("us-west-2", "path", "my-bucket", None, "get_object"),
        (
            "us-west-2",
            "virtual",
            "my.dotted.bucket",
            None,
            "get_object",
        ),
        ("cn-north-1", "virtual", "my-bucket", None, "get_object"),
        (
            "eu-west-1",
            "virtual",
            "my-bucket",
            Some("tok"),
            "put_object",
        ),
        ("ap-south-1", "path", "my-bucket", None, "put_object"),
    ];
    for (region, addressing, bucket, token, operation) in cases {
        let client = Client::new(
            Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG",
                token.map(str::to_owned),
            ),
            region,
        )
        .with_clock(Fixed(at))
        .with_s3_addressing_style(AddressingStyle::parse(addressing).unwrap());
        let expires = Duration::from_secs(3600);
        let (ours, params) = if operation == "get_object" {
            let input = GetObjectRequest {
                bucket: bucket.into(),
                key: "a b/c+d.txt".into(),
                ..Default::default()
            };
            let params = awso::serde_json::json!({"Bucket": bucket, "Key": input.key});
            (
                client.presign::<GetObject>(&input, expires).unwrap(),
                params,
            )
        } else {
            let input = PutObjectRequest {
                bucket: bucket.into(),
                ..put.clone()
            };
            let params = awso::serde_json::json!({
                "Bucket": bucket, "Key": input.key, "ContentType": "text/plain",
                "Metadata": {"owner": "me"},
            });
            (
                client.presign::<PutObject>(&input, expires).unwrap(),
                params,
            )
        };
        let case = awso::serde_json::json!({
            "operation": operation, "params": params, "region": region, "expires": 3600,
            "time": time, "access_key": "AKIDEXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG",
            "token": token, "addressing": addressing,
        });
        let theirs = botocore_presign(&case.to_string());
        // The same URL and parameters; botocore puts X-Amz-Expires before
        // X-Amz-SignedHeaders, awso as the SigV4 test suite does.
        let sorted = |url: &str| {
            let (base, query) = url.split_once('?').unwrap();
            let mut params: Vec<String> = query.split('&').map(str::to_owned).collect();
            params.sort();
            (base.to_owned(), params)
        };
        let ours = ours.uri.to_string();
        assert_eq!(
            sorted(&ours),
            sorted(&theirs),
            "{region} {addressing} {bucket} {operation}: {ours} vs {theirs}"
        );
    }
}

#[test]
fn presigned_sts_matches_botocore() {
    // awsQuery: the form body moves into the query, as botocore's SigV4QueryAuth does.
    let _environment = moto::clean_environment();
    let time = 1_700_000_000;
    let client = Client::new(
        Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", Some("tok".into())),
        "eu-west-1",
    )
    .with_clock(Fixed(SystemTime::UNIX_EPOCH + Duration::from_secs(time)));
    let ours = client
        .presign::<crate::sts::GetCallerIdentity>(
            &crate::sts::GetCallerIdentityInput {},
            Duration::from_secs(60),
        )
        .unwrap();
    assert_eq!(ours.method, "POST");
    assert!(ours.body.is_empty() && ours.headers.is_empty(), "{ours:?}");
    let case = awso::serde_json::json!({
        "service": "sts", "operation": "get_caller_identity", "params": {},
        "region": "eu-west-1", "expires": 60, "time": time, "access_key": "AKIDEXAMPLE",
        "secret_key": "wJalrXUtnFEMI/K7MDENG", "token": "tok",
    });
    let theirs = botocore_presign(&case.to_string());
    let sorted = |url: &str| {
        let (base, query) = url.split_once('?').unwrap();
        let mut params: Vec<String> = query.split('&').map(str::to_owned).collect();
        params.sort();
        (base.to_owned(), params)
    };
    let ours = ours.uri.to_string();
    assert_eq!(sorted(&ours), sorted(&theirs), "{ours} vs {theirs}");
}

/// botocore's presigned URL for a case of `tests/botocore/presign.py`.
fn botocore_presign(case: &str) -> String {
    let script = moto::python::workspace_root().join("tests/botocore/presign.py");
    let out = std::process::Command::new(moto::python::python())
        .arg(script)
        .arg(case)
        .output()
        .expect("the tests' Python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: awso::serde_json::Value = awso::serde_json::from_slice(&out.stdout).unwrap();
    answer["url"].as_str().unwrap().to_owned()
}

/// A loopback server answering each request (one a connection) with what `answer` makes of
/// its head; returns its URL and the heads it saw.
fn serve(answer: fn(&str) -> String) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut byte = [0u8];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            let response = answer(&head);
            log.lock().unwrap().push(head);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (url, seen)
}

fn http_response(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// S3 for a bucket in `eu-west-2`: a 301 naming the region to requests signed for another.
fn bucket_in_eu_west_2(head: &str) -> String {
    if head.contains("/eu-west-2/s3/aws4_request") {
        http_response("200 OK", "etag: \"1\"\r\n", "found it")
    } else {
        http_response(
            "301 Moved Permanently",
            "x-amz-bucket-region: eu-west-2\r\ncontent-type: application/xml\r\n",
            "<Error><Code>PermanentRedirect</Code><Message>The bucket is in this region: \
             eu-west-2.</Message><Region>eu-west-2</Region></Error>",
        )
    }
}

/// A server that redirects every request to another region.
fn redirect_loop(head: &str) -> String {
    let region = if head.contains("/eu-west-2/") {
        "us-east-1"
    } else {
        "eu-west-2"
    };
    http_response(
        "301 Moved Permanently",
        &format!("x-amz-bucket-region: {region}\r\n"),
        "<Error><Code>PermanentRedirect</Code></Error>",
    )
}

#[test]
fn region_redirects_are_followed_once() {
    let input = GetObjectRequest {
        bucket: "elsewhere".into(),
        key: "k".into(),
        ..Default::default()
    };
    let credentials = Credentials::new("AKID", "secret", None);
    let (url, seen) = serve(bucket_in_eu_west_2);
    let client = Client::new(credentials.clone(), "us-east-1").with_endpoint(&url);
    let got = client
        .call_with_metadata::<GetObject>(&input)
        .expect("the redirect is followed");
    assert_eq!(read(got.0.body).unwrap(), b"found it");
    assert_eq!(got.1.attempts, 1, "a redirect is not a retry");
    let async_client = awso::Client::new(credentials.clone(), "us-east-1").with_endpoint(&url);
    let got = on_tokio(async {
        let got = async_client.call::<GetObject>(&input).await?;
        Ok::<_, Box<dyn std::error::Error>>(got.body.unwrap().collect().await?)
    })
    .expect("the redirect is followed (async)");
    assert_eq!(got, &b"found it"[..]);
    let heads = seen.lock().unwrap();
    assert_eq!(heads.len(), 4, "{heads:?}");
    assert!(heads[0].contains("/us-east-1/s3/") && heads[1].contains("/eu-west-2/s3/"));
    drop(heads);

    let (url, seen) = serve(redirect_loop);
    let client = Client::new(credentials.clone(), "us-east-1").with_endpoint(&url);
    let err = client.call::<GetObject>(&input).unwrap_err();
    assert!(
        matches!(err, OperationError::Response { status: 301, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("redirect loop"), "{err}");
    let async_client = awso::Client::new(credentials, "us-east-1").with_endpoint(&url);
    let err = on_tokio(async_client.call::<GetObject>(&input)).unwrap_err();
    assert!(err.to_string().contains("redirect loop"), "{err}");
    assert_eq!(seen.lock().unwrap().len(), 4);
}

/// The flexible checksum headers of a request.
fn checksum_headers(headers: &awso::http::HeaderMap) -> BTreeMap<String, String> {
    headers
        .iter()
        .filter(|(name, _)| {
            name.as_str().starts_with("x-amz-checksum-")
                || name.as_str() == "x-amz-sdk-checksum-algorithm"
                || name.as_str() == "content-md5"
        })
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn checksum_headers_match_botocore() {
    let bodies = ["", "Hello world", &"0123456789abcdef".repeat(4096)];
    // botocore needs awscrt for CRC32C and CRC64NVME: those are checked against the SDKs'
    // test vectors in awso-runtime's checksum tests, and sent to moto below.
    let algorithms = [None, Some("CRC32"), Some("SHA1"), Some("SHA256")];
    let settings = [
        ("when_supported", When::Supported),
        ("when_required", When::Required),
    ];
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for body in bodies {
        for algorithm in algorithms {
            for (name, when) in settings {
                let client =
                    Client::new(Credentials::new("AKIDEXAMPLE", "secret", None), "us-east-1")
                        .with_endpoint("http://127.0.0.1:9")
                        .with_request_checksum_calculation(when)
                        .with_response_checksum_validation(When::Supported);
                let input = PutObjectRequest {
                    bucket: "b-1".into(),
                    key: "k".into(),
                    body: Some(ByteStream::from(body.to_owned())),
                    checksum_algorithm: algorithm.map(str::to_owned),
                    ..Default::default()
                };
                let request = client.signed_request::<PutObject>(&input).unwrap();
                ours.push(checksum_headers(request.headers()));
                let mut params =
                    awso::serde_json::json!({"Bucket": "b-1", "Key": "k", "Body": body});
                if let Some(a) = algorithm {
                    params["ChecksumAlgorithm"] = a.into();
                }
                cases.push(awso::serde_json::json!({
                    "operation": "put_object", "params": params,
                    "request_checksum_calculation": name,
                    "response_checksum_validation": "when_supported",
                }));
            }
        }
    }
    for (name, when) in settings {
        let client = Client::new(Credentials::new("AKIDEXAMPLE", "secret", None), "us-east-1")
            .with_endpoint("http://127.0.0.1:9")
            .with_response_checksum_validation(when);
        let input = GetObjectRequest {
            bucket: "b-1".into(),
            key: "k".into(),
            ..Default::default()
        };
        let request = client.signed_request::<GetObject>(&input).unwrap();
        ours.push(checksum_headers(request.headers()));
        cases.push(awso::serde_json::json!({
            "operation": "get_object", "params": {"Bucket": "b-1", "Key": "k"},
            "request_checksum_calculation": "when_supported",
            "response_checksum_validation": name,
        }));
    }
    let script = moto::python::workspace_root().join("tests/botocore/checksums.py");
    let mut child = std::process::Command::new(moto::python::python())
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let cases_json = awso::serde_json::Value::Array(cases.clone()).to_string();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(cases_json.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: Vec<BTreeMap<String, String>> = awso::serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(theirs.len(), ours.len());
    for ((case, ours), theirs) in cases.iter().zip(&ours).zip(&theirs) {
        let mut case = case.clone();
        if let Some(body) = case["params"].get_mut("Body") {
            *body = format!("{} bytes", body.as_str().unwrap().len()).into();
        }
        assert_eq!(ours, theirs, "{case}");
    }
    assert!(theirs.iter().filter(|h| !h.is_empty()).count() >= 20);
}

#[test]
fn checksums_against_moto() {
    let moto = moto::Moto::start_unauthenticated();
    let client = Client::new(Credentials::new("AKIDEXAMPLE", "secret", None), "us-east-1")
        .with_endpoint(&moto.url);
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: "checksums".into(),
        })
        .unwrap();
    let body = b"checked \x00 bytes".repeat(1000);
    for algorithm in ChecksumAlgorithm::ALL {
        let key = format!("by-{}", algorithm.name());
        let put = client
            .call::<PutObject>(&PutObjectRequest {
                bucket: "checksums".into(),
                key: key.clone(),
                body: Some(ByteStream::from(body.clone())),
                checksum_algorithm: Some(algorithm.name().to_owned()),
                ..Default::default()
            })
            .expect("PutObject");
        let expected = algorithm.checksum(&body);
        let stored = |o: [&Option<String>; 5]| {
            let i = ChecksumAlgorithm::ALL.iter().position(|a| *a == algorithm);
            o[i.unwrap()].clone()
        };
        assert_eq!(
            stored([
                &put.checksum_crc32,
                &put.checksum_crc32c,
                &put.checksum_crc64nvme,
                &put.checksum_sha1,
                &put.checksum_sha256
            ]),
            Some(expected.clone()),
            "{algorithm:?}"
        );
        // Read back: the client asks for the checksum and checks the body against it.
        let input = GetObjectRequest {
            bucket: "checksums".into(),
            key,
            ..Default::default()
        };
        let got = client.call::<GetObject>(&input).expect("GetObject");
        assert_eq!(read(got.body.clone()).unwrap(), body);
        let got_sums = [
            &got.checksum_crc32,
            &got.checksum_crc32c,
            &got.checksum_crc64nvme,
            &got.checksum_sha1,
            &got.checksum_sha256,
        ];
        assert_eq!(stored(got_sums), Some(expected), "{algorithm:?}");
        // when_required: nothing asked, nothing checked (S3-compatible stores).
        let plain = client
            .clone()
            .with_response_checksum_validation(When::Required)
            .call::<GetObject>(&input)
            .unwrap();
        assert!(plain.checksum_crc32.is_none() && plain.checksum_sha256.is_none());
    }
}

/// A store whose object was damaged: `found it` with the CRC32 of `Hello world`.
fn damaged(_: &str) -> String {
    http_response(
        "200 OK",
        "x-amz-checksum-crc32: i9aeUg==\r\ncontent-type: application/octet-stream\r\n",
        "found it",
    )
}

/// A multipart object: its checksum is of the parts' checksums.
fn multipart(_: &str) -> String {
    http_response("200 OK", "x-amz-checksum-crc32: i9aeUg==-3\r\n", "found it")
}

#[test]
fn checksum_mismatches_are_errors_when_the_body_ends() {
    // The body streams to the caller: the call returns at the response's head, and the
    // read that reaches the body's end fails when its checksum is not the one sent.
    let (url, _) = serve(damaged);
    let credentials = Credentials::new("AKID", "secret", None);
    let input = GetObjectRequest {
        bucket: "b-1".into(),
        key: "k".into(),
        ..Default::default()
    };
    let client = Client::new(credentials.clone(), "us-east-1").with_endpoint(&url);
    let got = client.call::<GetObject>(&input).expect("the head is fine");
    let err = read(got.body).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    let text = err.to_string();
    assert!(
        text.contains("checksum mismatch") && text.contains("x-amz-checksum-crc32"),
        "{text}"
    );
    let async_client = awso::Client::new(credentials.clone(), "us-east-1").with_endpoint(&url);
    let err = on_tokio(async {
        let got = async_client
            .call::<GetObject>(&input)
            .await
            .expect("the head");
        got.body.unwrap().collect().await.unwrap_err()
    });
    assert!(err.to_string().contains("checksum mismatch"), "{err}");
    // Validation off unless required: the body is returned as the store sent it.
    let got = client
        .clone()
        .with_response_checksum_validation(When::Required)
        .call::<GetObject>(&input)
        .expect("no validation asked");
    assert_eq!(read(got.body).unwrap(), b"found it");
    // Asked for explicitly, it is checked under when_required too.
    let asked = GetObjectRequest {
        checksum_mode: Some("ENABLED".into()),
        ..input.clone()
    };
    let got = client
        .with_response_checksum_validation(When::Required)
        .call::<GetObject>(&asked)
        .expect("the head is fine");
    let err = read(got.body).unwrap_err();
    assert!(err.to_string().contains("checksum mismatch"), "{err}");
    // A multipart object's checksum is not the body's: not checked.
    let (url, _) = serve(multipart);
    let client = Client::new(credentials, "us-east-1").with_endpoint(&url);
    let got = client.call::<GetObject>(&input).unwrap();
    assert_eq!(read(got.body).unwrap(), b"found it");
}

/// The whole body of an output, read blocking.
fn read(body: Option<ByteStream>) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    body.unwrap_or_default().read_to_end(&mut out)?;
    Ok(out)
}

/// Plain HTTP/1.1 to a loopback port whatever the URL's host, the `Host` header the URL's:
/// how a virtual-hosted name (`bucket.localhost`) reaches moto without DNS.
struct ToLoopback {
    port: u16,
    hosts: Mutex<Vec<String>>,
}

impl Transport for ToLoopback {
    fn send(
        &self,
        request: awso::http::Request<Vec<u8>>,
    ) -> awso::Result<awso::http::Response<Vec<u8>>> {
        let io = |e: std::io::Error| awso::Error::io("loopback", &e);
        let uri = request.uri();
        let host = uri.authority().unwrap().as_str().to_owned();
        self.hosts.lock().unwrap().push(host.clone());
        let mut head = format!(
            "{} {} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\ncontent-length: {}\r\n",
            request.method(),
            uri.path_and_query().map_or("/", |p| p.as_str()),
            request.body().len()
        );
        for (name, value) in request.headers() {
            if name != "content-length" && name != "host" {
                head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
            }
        }
        head.push_str("\r\n");
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).map_err(io)?;
        stream.write_all(head.as_bytes()).map_err(io)?;
        stream.write_all(request.body()).map_err(io)?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).map_err(io)?;
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let mut response = awso::http::Response::builder().status(status);
        for line in lines {
            let (name, value) = line.split_once(':').unwrap();
            response = response.header(name.trim(), value.trim());
        }
        Ok(response.body(raw[split + 4..].to_vec()).unwrap())
    }
}

#[test]
fn virtual_hosted_requests_against_moto() {
    // moto verifies signatures (of the `Host` the bucket is in) after its free requests.
    let moto = moto::Moto::start();
    let port: u16 = moto.url.rsplit(':').next().unwrap().parse().unwrap();
    let credentials = crate::workflows::moto_user(&moto, "s3");
    let transport = Arc::new(ToLoopback {
        port,
        hosts: Mutex::new(Vec::new()),
    });
    // `localhost` is a configured endpoint: path style unless virtual is asked for.
    let client = Client::new(credentials, "us-east-1")
        .with_endpoint(format!("http://localhost:{port}"))
        .with_s3_addressing_style(AddressingStyle::Virtual)
        .with_transport(transport.clone());
    let bucket = "virtual-bucket";
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .expect("CreateBucket");
    client
        .call::<PutObject>(&PutObjectRequest {
            bucket: bucket.into(),
            key: "a/b c.txt".into(),
            body: Some(ByteStream::from_static(b"virtually hosted")),
            ..Default::default()
        })
        .expect("PutObject");
    let got = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: "a/b c.txt".into(),
            ..Default::default()
        })
        .expect("GetObject");
    assert_eq!(read(got.body).unwrap(), b"virtually hosted");
    let listed = client
        .call::<ListObjectsV2>(&ListObjectsV2Request {
            bucket: bucket.into(),
            ..Default::default()
        })
        .expect("ListObjectsV2");
    assert_eq!(
        listed.contents.unwrap()[0].key.as_deref(),
        Some("a/b c.txt")
    );
    let hosts = transport.hosts.lock().unwrap().clone();
    let expected = format!("{bucket}.localhost:{port}");
    assert!(
        hosts.len() == 4 && hosts.iter().all(|h| *h == expected),
        "{hosts:?}"
    );
    // A wrong key is refused: the virtual-hosted signature is really checked.
    let forged = Client::new(Credentials::new("AKIDEXAMPLE", "not-it", None), "us-east-1")
        .with_endpoint(format!("http://localhost:{port}"))
        .with_s3_addressing_style(AddressingStyle::Virtual)
        .with_transport(transport.clone());
    let err = forged
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: "a/b c.txt".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(err, OperationError::Service { status: 403, .. }),
        "{err}"
    );
}
