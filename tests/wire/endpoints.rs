//! Endpoints against botocore's endpoint rules: one table of (service, region, FIPS,
//! dual-stack, S3 addressing style, bucket, configured endpoint) cases, each resolved by
//! botocore (`tests/botocore/endpoints.py` stops the request before it is sent and records
//! its URL) and by awso's `endpoint` module, with the S3 bucket moved into the host by
//! `s3_addressing` on the request an `operation!` builds.

use crate::common;
use awso::endpoint::{self, AddressingStyle, EndpointOptions};
use awso::operation::Operation;
use awso::profile::ProfileSet;
use awso::AwsShape;
use std::collections::BTreeMap;

awso::service! {
    /// S3, as far as these cases need.
    pub struct S3 {
        name: "S3",
        protocol: Protocol::RestXml,
        api_version: "2006-03-01",
        signing_name: "s3",
        endpoint_prefix: "s3",
    }
}

awso::operation! {
    /// `HeadObject`'s request line (botocore's case calls it with key `k`).
    pub struct HeadObject: S3(HeadObjectRequest) -> HeadObjectOutput, S3Error;
    http("HEAD" "/{Bucket}/{Key+}");
}

#[derive(AwsShape, Debug, Clone, Default)]
pub struct HeadObjectRequest {
    #[aws(label)]
    pub bucket: String,
    #[aws(label)]
    pub key: String,
}

#[derive(AwsShape, Debug, Clone, Default)]
pub struct HeadObjectOutput {}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum S3Error {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

/// One case: (service, region, fips, dual-stack, addressing, bucket, configured endpoint).
type Case = (
    &'static str,
    &'static str,
    bool,
    bool,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // S3: virtual-hosted by default, path style for names that cannot be a host.
    ("s3", "us-east-1", false, false, "auto", "my-bucket", ""),
    ("s3", "us-west-2", false, false, "auto", "my-bucket", ""),
    ("s3", "eu-central-1", false, false, "auto", "a--b-123", ""),
    ("s3", "eu-central-1", false, false, "auto", "xn--abc", ""),
    ("s3", "us-west-2", false, false, "auto", "my.bucket", ""),
    ("s3", "us-east-1", false, false, "auto", "my.bucket", ""),
    ("s3", "us-west-2", false, false, "auto", "My_Bucket", ""),
    ("s3", "us-west-2", false, false, "auto", "192.168.1.1", ""),
    ("s3", "us-west-2", false, false, "auto", "ab", ""),
    ("s3", "eu-central-1", false, false, "auto", "-bad", ""),
    ("s3", "eu-central-1", false, false, "auto", "abc-", ""),
    ("s3", "us-west-2", false, false, "path", "my-bucket", ""),
    ("s3", "us-west-2", false, false, "virtual", "my.bucket", ""),
    ("s3", "eu-central-1", false, false, "virtual", "a.b.c", ""),
    // S3 variants and partitions.
    ("s3", "us-west-2", true, false, "auto", "my-bucket", ""),
    ("s3", "us-west-2", false, true, "auto", "my-bucket", ""),
    ("s3", "us-west-2", true, true, "auto", "my-bucket", ""),
    ("s3", "us-east-1", true, false, "auto", "my-bucket", ""),
    ("s3", "us-east-1", false, true, "auto", "my-bucket", ""),
    ("s3", "us-east-1", false, true, "path", "my-bucket", ""),
    ("s3", "cn-north-1", false, false, "auto", "my-bucket", ""),
    ("s3", "cn-north-1", true, false, "auto", "my-bucket", ""),
    ("s3", "cn-north-1", false, true, "auto", "my-bucket", ""),
    ("s3", "us-gov-west-1", true, false, "auto", "my-bucket", ""),
    ("s3", "us-iso-east-1", false, true, "auto", "my-bucket", ""),
    ("s3", "us-isob-east-1", true, false, "auto", "abc", ""),
    ("s3", "eu-isoe-west-1", false, false, "auto", "abc", ""),
    ("s3", "eusc-de-east-1", false, true, "auto", "abc", ""),
    // S3 with a configured endpoint: path style unless virtual is asked for, never for an
    // IP address; FIPS and dual-stack ignored.
    ("s3", "us-west-2", false, false, "auto", "my-bucket", "http://localhost:4566"),
    ("s3", "us-west-2", false, false, "auto", "my-bucket", "http://127.0.0.1:4566"),
    ("s3", "us-west-2", false, false, "virtual", "my-bucket", "http://localhost:4566"),
    ("s3", "us-west-2", false, false, "virtual", "my.bucket", "http://localhost:4566"),
    ("s3", "us-west-2", false, false, "virtual", "my-bucket", "http://127.0.0.1:4566"),
    ("s3", "us-west-2", false, false, "virtual", "my-bucket", "https://minio.example.com/base"),
    ("s3", "us-west-2", true, true, "auto", "my-bucket", "http://localhost:4566"),
    // Other services: FIPS and dual-stack hosts per partition.
    ("sqs", "us-east-1", true, false, "", "", ""),
    ("sqs", "us-east-1", false, true, "", "", ""),
    ("sqs", "us-east-1", true, true, "", "", ""),
    ("sqs", "cn-north-1", true, false, "", "", ""),
    ("sqs", "cn-north-1", false, true, "", "", ""),
    ("sqs", "us-iso-east-1", true, false, "", "", ""),
    ("sqs", "us-iso-east-1", false, true, "", "", ""),
    ("sqs", "us-gov-west-1", true, false, "", "", ""),
    ("sqs", "us-west-2", true, false, "", "", "http://localhost:4566"),
    ("dynamodb", "us-east-1", true, false, "", "", ""),
    ("dynamodb", "us-east-1", false, true, "", "", ""),
    ("dynamodb", "us-gov-west-1", true, false, "", "", ""),
    ("dynamodb", "us-gov-west-1", true, true, "", "", ""),
    ("sts", "us-east-1", false, false, "", "", ""),
    ("sts", "us-east-1", true, false, "", "", ""),
    ("sts", "us-gov-west-1", true, false, "", "", ""),
    ("ec2", "us-east-1", false, true, "", "", ""),
    ("ec2", "cn-north-1", false, true, "", "", ""),
    ("ec2", "us-gov-west-1", true, false, "", "", ""),
    ("sns", "us-gov-west-1", true, false, "", "", ""),
    ("kms", "us-gov-west-1", true, false, "", "", ""),
    ("lambda", "eu-west-1", false, true, "", "", ""),
    ("lambda", "us-gov-west-1", true, false, "", "", ""),
    ("gamelift", "us-west-2", true, false, "", "", ""),
    // Global services.
    ("iam", "us-east-1", true, false, "", "", ""),
    ("iam", "us-east-1", false, true, "", "", ""),
    ("iam", "eu-west-1", true, true, "", "", ""),
    ("iam", "cn-north-1", true, false, "", "", ""),
    ("iam", "us-gov-west-1", true, false, "", "", ""),
    ("route53", "us-west-2", true, false, "", "", ""),
    ("route53", "us-west-2", false, true, "", "", ""),
    ("cloudfront", "us-west-2", true, false, "", "", ""),
];

/// awso's URL for a case (the request URL without its query for S3, the endpoint's origin
/// otherwise), or its error.
fn awso_url(case: &Case) -> Result<String, String> {
    let (service, region, fips, dual_stack, addressing, bucket, configured) = *case;
    let env: BTreeMap<&str, &str> = if configured.is_empty() {
        BTreeMap::new()
    } else {
        BTreeMap::from([("AWS_ENDPOINT_URL", configured)])
    };
    let options = EndpointOptions {
        fips: Some(fips),
        dual_stack: Some(dual_stack),
        s3_addressing: None,
    };
    let service_id = if service == "s3" { "S3" } else { service };
    let e = endpoint::resolve_with_options(
        service,
        service_id,
        region,
        &env,
        &ProfileSet::default(),
        &options,
    )
    .map_err(|e| e.to_string())?;
    if service != "s3" {
        return Ok(origin(&e.url));
    }
    let input = HeadObjectRequest {
        bucket: bucket.into(),
        key: "k".into(),
    };
    let mut request = HeadObject::request(&input, &e.url).map_err(|e| e.to_string())?;
    let style = AddressingStyle::parse(addressing).map_err(|e| e.to_string())?;
    endpoint::s3_addressing(&mut request, &e, style).map_err(|e| e.to_string())?;
    let uri = request.uri().to_string();
    Ok(uri.split('?').next().unwrap().to_owned())
}

/// `scheme://authority` of a URL.
fn origin(url: &str) -> String {
    let uri: awso::http::Uri = url.parse().unwrap();
    format!(
        "{}://{}",
        uri.scheme_str().unwrap(),
        uri.authority().unwrap()
    )
}

#[test]
fn endpoints_match_botocore() {
    assert!(CASES.len() >= 40);
    let json: Vec<awso::serde_json::Value> = CASES
        .iter()
        .map(|c| {
            let (service, region, fips, dualstack, addressing, bucket, url) = *c;
            awso::serde_json::json!({
                "service": service, "region": region, "fips": fips, "dualstack": dualstack,
                "addressing": if addressing.is_empty() { "auto" } else { addressing },
                "bucket": bucket,
                "endpoint_url": if url.is_empty() { None } else { Some(url) },
            })
        })
        .collect();
    let arg = awso::serde_json::Value::Array(json).to_string();
    let answers = common::botocore_json(&[&common::script("endpoints.py"), &arg]);
    let answers = answers.as_array().expect("a list");
    assert_eq!(answers.len(), CASES.len());
    let mut mismatches = Vec::new();
    for (case, answer) in CASES.iter().zip(answers) {
        let ours = awso_url(case);
        let theirs = match (answer.get("url"), answer.get("error")) {
            (Some(url), _) if case.0 == "s3" => Ok(url.as_str().unwrap().to_owned()),
            (Some(url), _) => Ok(origin(url.as_str().unwrap())),
            (_, Some(e)) => Err(e.as_str().unwrap().to_owned()),
            _ => panic!("{answer}"),
        };
        let agree = match (&ours, &theirs) {
            (Ok(a), Ok(b)) => a == b,
            (Err(_), Err(_)) => true,
            _ => false,
        };
        if !agree {
            mismatches.push(format!("{case:?}: awso {ours:?}, botocore {theirs:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// `http_checksum` expands hygienically: no prelude, and local types named like the
/// expansion's.
#[no_implicit_prelude]
mod hygiene {
    use super::{HeadObjectOutput, HeadObjectRequest, S3Error, S3};
    #[allow(dead_code)]
    pub struct Option;
    #[allow(dead_code)]
    pub struct Some;

    ::awso::operation! {
        /// A PUT whose checksum is required, every key of `http_checksum` given.
        pub struct Checked: S3(HeadObjectRequest) -> HeadObjectOutput, S3Error;
        http("PUT" "/{Bucket}/{Key+}");
        http_checksum {
            request_algorithm_member: "Bucket",
            request_checksum_required: true,
            request_validation_mode_member: "Key",
            response_algorithms: ["CRC32", "SHA256"],
        };
    }
}

#[test]
fn http_checksum_declarations() {
    use awso::checksum::{add_request_checksum, member_header, When};
    let spec = hygiene::Checked::HTTP_CHECKSUM.expect("declared");
    assert!(spec.request_checksum_required);
    assert_eq!(spec.response_algorithms, ["CRC32", "SHA256"]);
    assert_eq!(HeadObject::HTTP_CHECKSUM, None);
    // Members bound to a label are not headers: no algorithm header, CRC32 as required.
    assert_eq!(member_header::<HeadObjectRequest>("Bucket"), None);
    let input = HeadObjectRequest {
        bucket: "b-1".into(),
        key: "k".into(),
    };
    let mut request = hygiene::Checked::request(&input, "https://s3.amazonaws.com").unwrap();
    add_request_checksum::<HeadObjectRequest>(&mut request, spec, When::Required, When::Required)
        .unwrap();
    assert_eq!(request.headers()["x-amz-checksum-crc32"], "AAAAAA==");
}
