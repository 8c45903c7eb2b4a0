//! Cross-checks SigV4 signing against botocore's signers (`SigV4Auth`, `S3SigV4Auth`,
//! `SigV4QueryAuth`, `S3SigV4QueryAuth`) with fixed credentials and a fixed time, through
//! `tests/botocore/sigv4_sign.py` at the workspace root, run by the tests' Python (set up on first
//! use from `tests/python/requirements.txt`; see `tests/common/python.rs`).

#[path = "../../tests/common/python.rs"]
mod python;

use std::process::Command;
use std::time::Duration;

use awso_runtime::serde_json::{self, json, Value};
use awso_runtime::sigv4::Credentials;
use awso_runtime::sigv4::{self, Payload, SignableRequest, SignatureLocation, SigningParams};
use awso_runtime::Timestamp;

const TIME: i64 = 1_732_530_000; // 2024-11-25T10:20:00Z

fn botocore(case: &Value) -> Value {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/botocore/sigv4_sign.py"
    );
    let out = Command::new(python::python())
        .args([script, &case.to_string()])
        .output()
        .unwrap_or_else(|e| panic!("cannot run the tests' Python ({e})"));
    assert!(
        out.status.success(),
        "sigv4_sign.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("sigv4_sign.py prints JSON")
}

struct Case {
    signer: &'static str,
    method: &'static str,
    url: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
    token: Option<&'static str>,
    region: &'static str,
    service: &'static str,
    expires: Option<u64>,
}

impl Case {
    fn json(&self) -> Value {
        json!({
            "signer": self.signer,
            "method": self.method,
            "url": self.url,
            "headers": self.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
            "body": self.body,
            "access_key": "AKIDEXAMPLE",
            "secret_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "token": self.token,
            "region": self.region,
            "service": self.service,
            "time": TIME,
            "expires": self.expires,
        })
    }

    fn request(&self) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().method(self.method).uri(self.url);
        for (name, value) in self.headers {
            builder = builder.header(*name, *value);
        }
        builder.body(self.body.as_bytes().to_vec()).unwrap()
    }

    fn credentials(&self) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            self.token.map(str::to_owned),
        )
    }

    fn params<'a>(&'a self, credentials: &'a Credentials) -> SigningParams<'a> {
        let time = Timestamp::from_secs(TIME);
        match self.signer {
            "S3SigV4Auth" => SigningParams::s3(credentials, self.region, time),
            "S3SigV4QueryAuth" => SigningParams {
                payload: Payload::Unsigned,
                ..SigningParams::s3(credentials, self.region, time)
            },
            _ => SigningParams::new(credentials, self.region, self.service, time),
        }
    }

    /// Our canonical request and string to sign, for the failure message and comparison.
    fn steps(
        &self,
        request: &http::Request<Vec<u8>>,
        params: &SigningParams<'_>,
    ) -> (String, String) {
        let uri = request.uri();
        let host = match uri.port_u16() {
            Some(p) if p != 443 && p != 80 => format!("{}:{p}", uri.host().unwrap()),
            _ => uri.host().unwrap().to_owned(),
        };
        let mut headers: Vec<(&str, &[u8])> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_bytes()))
            .collect();
        headers.push(("host", host.as_bytes()));
        let signable = SignableRequest {
            method: request.method().as_str(),
            path: uri.path(),
            query: uri.query().unwrap_or(""),
            headers,
            body: request.body(),
        };
        let location = match self.expires {
            Some(expires_in) => SignatureLocation::QueryParams { expires_in },
            None => SignatureLocation::Headers,
        };
        let out = sigv4::compute(&signable, params, location).unwrap();
        (out.canonical_request, out.string_to_sign)
    }
}

fn query_pairs(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            let d = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (d(n), d(v))
        })
        .collect();
    pairs.sort();
    pairs
}

fn check(case: Case) {
    let theirs = botocore(&case.json());
    let credentials = case.credentials();
    let params = case.params(&credentials);
    let mut request = case.request();
    let (canonical_request, string_to_sign) = case.steps(&request, &params);
    assert_eq!(
        canonical_request, theirs["canonical_request"],
        "{}: canonical request",
        case.url
    );
    assert_eq!(
        string_to_sign, theirs["string_to_sign"],
        "{}: string to sign",
        case.url
    );

    match case.expires {
        None => {
            sigv4::sign(&mut request, &params).unwrap();
            let their_headers: Vec<(String, String)> = theirs["headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_ascii_lowercase(),
                        p[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            for name in [
                "authorization",
                "x-amz-date",
                "x-amz-security-token",
                "x-amz-content-sha256",
            ] {
                let ours = request
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned());
                let theirs = their_headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone());
                assert_eq!(ours, theirs, "{}: header {name}", case.url);
            }
        }
        Some(expires) => {
            let uri = sigv4::presign(&request, &params, Duration::from_secs(expires)).unwrap();
            let ours = uri.to_string();
            let theirs = theirs["url"].as_str().unwrap();
            assert_eq!(
                ours.split_once('?').unwrap().0,
                theirs.split_once('?').unwrap().0,
                "presigned URL before the query"
            );
            assert_eq!(
                query_pairs(&ours),
                query_pairs(theirs),
                "{}: presigned query",
                case.url
            );
        }
    }
}

#[test]
fn sigv4_botocore_json_service_post() {
    check(Case {
        signer: "SigV4Auth",
        method: "POST",
        url: "https://sqs.us-east-1.amazonaws.com/a%3Ab/./c//d/../e?b=2&a=1&a=%2F&c=",
        headers: &[
            ("Content-Type", "application/x-amz-json-1.0"),
            ("X-Amz-Target", "AmazonSQS.CreateQueue"),
            ("X-Multi", "one"),
            ("X-Multi", "  two   words  "),
            ("User-Agent", "awso-test"),
        ],
        body: r#"{"QueueName":"q"}"#,
        token: Some("FQoGZXIvYXdzEJr//////////wEaDOPcxc4+session/token=="),
        region: "us-east-1",
        service: "sqs",
        expires: None,
    });
}

#[test]
fn sigv4_botocore_local_endpoint_with_port() {
    check(Case {
        signer: "SigV4Auth",
        method: "POST",
        url: "http://localhost:4566/",
        headers: &[("Content-Type", "application/x-amz-json-1.0")],
        body: "{}",
        token: None,
        region: "eu-west-1",
        service: "dynamodb",
        expires: None,
    });
}

#[test]
fn sigv4_botocore_s3_put() {
    check(Case {
        signer: "S3SigV4Auth",
        method: "PUT",
        url:
            "https://bucket.s3.eu-west-1.amazonaws.com/my%20key//./x.txt?partNumber=1&uploadId=abc",
        headers: &[("Content-Type", "text/plain"), ("x-amz-meta-Note", "a  b")],
        body: "hello, world",
        token: Some("session-token"),
        region: "eu-west-1",
        service: "s3",
        expires: None,
    });
}

#[test]
fn sigv4_botocore_s3_presigned_get() {
    check(Case {
        signer: "S3SigV4QueryAuth",
        method: "GET",
        url: "https://bucket.s3.us-west-2.amazonaws.com/photos/a%2Bb%20c.jpg?versionId=v1",
        headers: &[],
        body: "",
        token: Some("tok/en+="),
        region: "us-west-2",
        service: "s3",
        expires: Some(900),
    });
}

#[test]
fn sigv4_botocore_query_service_presigned() {
    check(Case {
        signer: "SigV4QueryAuth",
        method: "GET",
        url: "https://monitoring.us-east-1.amazonaws.com/?Action=ListMetrics&Version=2010-08-01",
        headers: &[],
        body: "",
        token: None,
        region: "us-east-1",
        service: "monitoring",
        expires: Some(3600),
    });
}
