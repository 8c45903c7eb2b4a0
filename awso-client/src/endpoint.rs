//! Endpoints: where a service's requests go, and the region they are signed for.
//!
//! [`resolve_with`] picks, first match wins (the order of the AWS SDKs' "service-specific
//! endpoints"):
//!
//! 1. `AWS_ENDPOINT_URL_<SERVICE>`: the service id upper-cased, spaces and dashes made
//!    underscores (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_ELASTIC_BEANSTALK`);
//! 2. `AWS_ENDPOINT_URL`;
//! 3. in the config file, the selected profile's `services = NAME` section
//!    `[services NAME]`, key = the service id lower-cased, spaces and dashes made
//!    underscores, sub-property `endpoint_url`;
//! 4. the selected profile's `endpoint_url`;
//! 5. the default endpoint ([`default_endpoint`]).
//!
//! Steps 1 to 4 are skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` or the profile's
//! `ignore_configured_endpoint_urls` is `true`.
//!
//! # Default endpoints
//!
//! `https://{endpoint_prefix}.{region}.{dns_suffix}`, the DNS suffix by partition:
//!
//! | partition | regions | DNS suffix |
//! |---|---|---|
//! | `aws-cn` | `cn-*` | `amazonaws.com.cn` |
//! | `aws-us-gov` | `us-gov-*` | `amazonaws.com` |
//! | `aws-iso` | `us-iso-*` | `c2s.ic.gov` |
//! | `aws-iso-b` | `us-isob-*` | `sc2s.sgov.gov` |
//! | `aws-iso-e` | `eu-isoe-*` | `cloud.adc-e.uk` |
//! | `aws-iso-f` | `us-isof-*` | `csp.hci.ic.gov` |
//! | `aws-eusc` | `eusc-*` | `amazonaws.eu` |
//! | `aws` | every other region | `amazonaws.com` |
//!
//! except the global services of [`GLOBAL_ENDPOINTS`] (IAM, Route 53, CloudFront,
//! Organizations, ...), which have one endpoint per partition and sign for a fixed region
//! ([`Endpoint::signing_region`]). STS is regional (`sts.{region}.amazonaws.com`), as the
//! SDKs now default to. FIPS and dual-stack endpoints are not covered.

use crate::profile::{self, Env, ProcessEnv, ProfileFiles, ProfileSet};
use awso_runtime::{Error, Result};

/// A resolved endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The base URL (`https://sqs.us-east-1.amazonaws.com`), without a trailing `/`.
    pub url: String,
    /// The region to sign for: the request's region, except for global services (IAM in
    /// the `aws` partition signs for `us-east-1`).
    pub signing_region: String,
    /// Whether the URL was configured (environment or config file) rather than derived.
    pub configured: bool,
}

/// A partition: a group of regions sharing a DNS suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// Its name (`aws`, `aws-cn`, ...).
    pub name: &'static str,
    /// Its DNS suffix (`amazonaws.com`).
    pub dns_suffix: &'static str,
}

/// Region-name prefixes and their partitions; the first matching prefix wins, and regions
/// matching none are in `aws`.
const PARTITIONS: &[(&str, Partition)] = &[
    (
        "cn-",
        Partition {
            name: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
        },
    ),
    (
        "us-gov-",
        Partition {
            name: "aws-us-gov",
            dns_suffix: "amazonaws.com",
        },
    ),
    (
        "us-isob-",
        Partition {
            name: "aws-iso-b",
            dns_suffix: "sc2s.sgov.gov",
        },
    ),
    (
        "us-isof-",
        Partition {
            name: "aws-iso-f",
            dns_suffix: "csp.hci.ic.gov",
        },
    ),
    (
        "us-iso-",
        Partition {
            name: "aws-iso",
            dns_suffix: "c2s.ic.gov",
        },
    ),
    (
        "eu-isoe-",
        Partition {
            name: "aws-iso-e",
            dns_suffix: "cloud.adc-e.uk",
        },
    ),
    (
        "eusc-",
        Partition {
            name: "aws-eusc",
            dns_suffix: "amazonaws.eu",
        },
    ),
];

const AWS: Partition = Partition {
    name: "aws",
    dns_suffix: "amazonaws.com",
};

/// Global services: `(endpoint prefix, partition, host, signing region)`, from the AWS
/// endpoint rules (botocore's `endpoints.json`, `partitionEndpoint` of non-regionalized
/// services). Services or partitions not listed are regional.
pub const GLOBAL_ENDPOINTS: &[(&str, &str, &str, &str)] = &[
    ("iam", "aws", "iam.amazonaws.com", "us-east-1"),
    (
        "iam",
        "aws-cn",
        "iam.cn-north-1.amazonaws.com.cn",
        "cn-north-1",
    ),
    (
        "iam",
        "aws-us-gov",
        "iam.us-gov.amazonaws.com",
        "us-gov-west-1",
    ),
    ("route53", "aws", "route53.amazonaws.com", "us-east-1"),
    (
        "route53",
        "aws-cn",
        "route53.amazonaws.com.cn",
        "cn-northwest-1",
    ),
    (
        "route53",
        "aws-us-gov",
        "route53.us-gov.amazonaws.com",
        "us-gov-west-1",
    ),
    ("cloudfront", "aws", "cloudfront.amazonaws.com", "us-east-1"),
    (
        "cloudfront",
        "aws-cn",
        "cloudfront.cn-northwest-1.amazonaws.com.cn",
        "cn-northwest-1",
    ),
    (
        "organizations",
        "aws",
        "organizations.us-east-1.amazonaws.com",
        "us-east-1",
    ),
    (
        "organizations",
        "aws-cn",
        "organizations.cn-northwest-1.amazonaws.com.cn",
        "cn-northwest-1",
    ),
    (
        "organizations",
        "aws-us-gov",
        "organizations.us-gov-west-1.amazonaws.com",
        "us-gov-west-1",
    ),
    ("budgets", "aws", "budgets.amazonaws.com", "us-east-1"),
    (
        "budgets",
        "aws-cn",
        "budgets.amazonaws.com.cn",
        "cn-northwest-1",
    ),
    ("ce", "aws", "ce.us-east-1.amazonaws.com", "us-east-1"),
    (
        "ce",
        "aws-cn",
        "ce.cn-northwest-1.amazonaws.com.cn",
        "cn-northwest-1",
    ),
    ("waf", "aws", "waf.amazonaws.com", "us-east-1"),
    (
        "shield",
        "aws",
        "shield.us-east-1.amazonaws.com",
        "us-east-1",
    ),
];

/// The partition of a region (`aws` for any region no other partition claims).
pub fn partition(region: &str) -> Partition {
    PARTITIONS
        .iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map_or(AWS, |(_, p)| *p)
}

fn check_label(what: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 63
        && !value.starts_with(['-', '.'])
        && !value.ends_with(['-', '.'])
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if ok {
        Ok(())
    } else {
        Err(Error::message(format!(
            "endpoint: {what} must be a DNS name (lower-case letters, digits, '-', '.')"
        )))
    }
}

/// The default endpoint of a service (by its endpoint prefix, `sqs`) in a region: the
/// global-service table, else `https://{prefix}.{region}.{dns_suffix}`. An error for a
/// region or prefix that is not a DNS name.
pub fn default_endpoint(endpoint_prefix: &str, region: &str) -> Result<Endpoint> {
    check_label("the region", region)?;
    check_label("the endpoint prefix", endpoint_prefix)?;
    let partition = partition(region);
    if let Some((_, _, host, signing_region)) = GLOBAL_ENDPOINTS
        .iter()
        .find(|(prefix, p, _, _)| *prefix == endpoint_prefix && *p == partition.name)
    {
        return Ok(Endpoint {
            url: format!("https://{host}"),
            signing_region: (*signing_region).to_owned(),
            configured: false,
        });
    }
    Ok(Endpoint {
        url: format!(
            "https://{endpoint_prefix}.{region}.{}",
            partition.dns_suffix
        ),
        signing_region: region.to_owned(),
        configured: false,
    })
}

/// The environment variable naming a service's endpoint: `AWS_ENDPOINT_URL_` and the
/// service id upper-cased, spaces and dashes made underscores.
pub fn service_env_var(service_id: &str) -> String {
    let mut name = String::from("AWS_ENDPOINT_URL_");
    name.extend(service_id.trim().chars().map(|c| match c {
        ' ' | '-' => '_',
        c => c.to_ascii_uppercase(),
    }));
    name
}

/// The key of a service in a `[services]` section: the service id lower-cased, spaces and
/// dashes made underscores.
pub fn service_config_key(service_id: &str) -> String {
    service_id
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn configured(url: &str, from: &str, region: &str) -> Result<Endpoint> {
    let url = url.trim().trim_end_matches('/');
    let parsed: http::Uri = url
        .parse()
        .map_err(|_| Error::message(format!("endpoint: {from} is not a valid URL")))?;
    if parsed.scheme().is_none() || parsed.host().is_none_or(str::is_empty) {
        return Err(Error::message(format!(
            "endpoint: {from} must be an absolute URL (https://host...)"
        )));
    }
    Ok(Endpoint {
        url: url.to_owned(),
        signing_region: region.to_owned(),
        configured: true,
    })
}

/// Resolves a service's endpoint from explicit inputs: the environment, the parsed shared
/// files, the service's endpoint prefix (`sqs`, `dynamodb`, `s3`) and service id (`SQS`,
/// `DynamoDB`, `S3`, as in the Smithy model), and the region. See the module docs for the
/// order.
pub fn resolve_with(
    endpoint_prefix: &str,
    service_id: &str,
    region: &str,
    env: &impl Env,
    profiles: &ProfileSet,
) -> Result<Endpoint> {
    let profile = profiles.profile(&profile::profile_name(env));
    let ignore = profile::setting(
        env,
        profiles,
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "ignore_configured_endpoint_urls",
    )
    .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !ignore {
        let var = service_env_var(service_id);
        if let Some(url) = env.get_non_empty(&var) {
            return configured(&url, &var, region);
        }
        if let Some(url) = env.get_non_empty("AWS_ENDPOINT_URL") {
            return configured(&url, "AWS_ENDPOINT_URL", region);
        }
        if let Some(profile) = profile {
            let key = service_config_key(service_id);
            if let Some(url) = profile
                .get("services")
                .and_then(|name| profiles.services(name))
                .and_then(|section| section.get_sub(&key, "endpoint_url"))
            {
                return configured(url, "the services section's endpoint_url", region);
            }
            if let Some(url) = profile.get("endpoint_url") {
                return configured(url, "the profile's endpoint_url", region);
            }
        }
    }
    default_endpoint(endpoint_prefix, region)
}

/// [`resolve_with`] the real environment and shared files.
pub fn resolve(endpoint_prefix: &str, service_id: &str, region: &str) -> Result<Endpoint> {
    let files = ProfileFiles::load(&ProcessEnv)?;
    resolve_with(
        endpoint_prefix,
        service_id,
        region,
        &ProcessEnv,
        &files.parse(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn env(pairs: &[(&'static str, &'static str)]) -> BTreeMap<&'static str, &'static str> {
        pairs.iter().copied().collect()
    }

    fn url(prefix: &str, region: &str) -> String {
        default_endpoint(prefix, region).unwrap().url
    }

    #[test]
    fn endpoint_partitions() {
        assert_eq!(
            url("sqs", "us-east-1"),
            "https://sqs.us-east-1.amazonaws.com"
        );
        assert_eq!(
            url("dynamodb", "eu-west-3"),
            "https://dynamodb.eu-west-3.amazonaws.com"
        );
        assert_eq!(
            url("sqs", "cn-north-1"),
            "https://sqs.cn-north-1.amazonaws.com.cn"
        );
        assert_eq!(
            url("sqs", "us-gov-west-1"),
            "https://sqs.us-gov-west-1.amazonaws.com"
        );
        assert_eq!(
            url("sqs", "us-iso-east-1"),
            "https://sqs.us-iso-east-1.c2s.ic.gov"
        );
        assert_eq!(
            url("sqs", "us-isob-east-1"),
            "https://sqs.us-isob-east-1.sc2s.sgov.gov"
        );
        assert_eq!(
            url("sqs", "eusc-de-east-1"),
            "https://sqs.eusc-de-east-1.amazonaws.eu"
        );
        assert_eq!(
            url("sts", "us-east-1"),
            "https://sts.us-east-1.amazonaws.com"
        );
        assert_eq!(
            url("sts", "cn-north-1"),
            "https://sts.cn-north-1.amazonaws.com.cn"
        );
        // A future region of the aws partition.
        assert_eq!(url("sqs", "xx-new-9"), "https://sqs.xx-new-9.amazonaws.com");
        assert_eq!(partition("cn-northwest-1").name, "aws-cn");
        assert_eq!(partition("us-east-1").name, "aws");
    }

    #[test]
    fn endpoint_global_services() {
        let e = default_endpoint("iam", "eu-west-1").unwrap();
        assert_eq!(e.url, "https://iam.amazonaws.com");
        assert_eq!(e.signing_region, "us-east-1");
        let e = default_endpoint("iam", "cn-northwest-1").unwrap();
        assert_eq!(e.url, "https://iam.cn-north-1.amazonaws.com.cn");
        assert_eq!(e.signing_region, "cn-north-1");
        let e = default_endpoint("iam", "us-gov-east-1").unwrap();
        assert_eq!(e.url, "https://iam.us-gov.amazonaws.com");
        assert_eq!(e.signing_region, "us-gov-west-1");
        assert_eq!(
            url("route53", "ap-south-1"),
            "https://route53.amazonaws.com"
        );
        assert_eq!(
            url("cloudfront", "us-west-2"),
            "https://cloudfront.amazonaws.com"
        );
        // Not global in the iso partitions: regional.
        assert_eq!(
            url("waf", "cn-north-1"),
            "https://waf.cn-north-1.amazonaws.com.cn"
        );
        let e = default_endpoint("sqs", "eu-west-1").unwrap();
        assert_eq!(e.signing_region, "eu-west-1");
        assert!(!e.configured);
    }

    #[test]
    fn endpoint_bad_names_are_errors() {
        for (prefix, region) in [
            ("sqs", ""),
            ("sqs", "US-EAST-1"),
            ("sqs", "us-east-1/evil"),
            ("sqs", "a b"),
            ("", "us-east-1"),
            ("sqs", "-x"),
            ("sqs", "evil.com#"),
        ] {
            assert!(
                default_endpoint(prefix, region).is_err(),
                "{prefix} {region}"
            );
        }
    }

    #[test]
    fn endpoint_env_var_names() {
        assert_eq!(service_env_var("DynamoDB"), "AWS_ENDPOINT_URL_DYNAMODB");
        assert_eq!(
            service_env_var("Elastic Beanstalk"),
            "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK"
        );
        assert_eq!(service_env_var("ACM-PCA"), "AWS_ENDPOINT_URL_ACM_PCA");
        assert_eq!(service_config_key("Elastic Beanstalk"), "elastic_beanstalk");
    }

    const CONFIG: &str = "\
[default]
endpoint_url = http://localhost:4566
services = local
[profile plain]
region = us-east-1
[profile ignoring]
endpoint_url = http://localhost:4566
ignore_configured_endpoint_urls = true
[services local]
dynamodb =
  endpoint_url = http://localhost:8000/
elastic_beanstalk =
  endpoint_url = http://localhost:8001
";

    fn resolve_in(
        e: &[(&'static str, &'static str)],
        service_id: &str,
        prefix: &str,
    ) -> Result<Endpoint> {
        let set = ProfileSet::parse(Some(CONFIG), None);
        resolve_with(prefix, service_id, "eu-west-1", &env(e), &set)
    }

    #[test]
    fn endpoint_overrides_in_order() {
        let all = [
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://svc-env:1"),
            ("AWS_ENDPOINT_URL", "http://global-env:2"),
        ];
        let e = resolve_in(&all, "DynamoDB", "dynamodb").unwrap();
        assert_eq!(e.url, "http://svc-env:1");
        assert!(e.configured);
        assert_eq!(e.signing_region, "eu-west-1");
        assert_eq!(
            resolve_in(&all, "SQS", "sqs").unwrap().url,
            "http://global-env:2"
        );
        assert_eq!(
            resolve_in(&[], "DynamoDB", "dynamodb").unwrap().url,
            "http://localhost:8000"
        );
        assert_eq!(
            resolve_in(&[], "Elastic Beanstalk", "elasticbeanstalk")
                .unwrap()
                .url,
            "http://localhost:8001"
        );
        assert_eq!(
            resolve_in(&[], "SQS", "sqs").unwrap().url,
            "http://localhost:4566"
        );
        let plain = [("AWS_PROFILE", "plain")];
        assert_eq!(
            resolve_in(&plain, "SQS", "sqs").unwrap().url,
            "https://sqs.eu-west-1.amazonaws.com"
        );
        let ignoring = [
            ("AWS_PROFILE", "ignoring"),
            ("AWS_ENDPOINT_URL", "http://x:1"),
        ];
        assert_eq!(
            resolve_in(&ignoring, "SQS", "sqs").unwrap().url,
            "https://sqs.eu-west-1.amazonaws.com"
        );
        let ignore_env = [
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"),
            ("AWS_ENDPOINT_URL", "http://x:1"),
        ];
        assert!(!resolve_in(&ignore_env, "SQS", "sqs").unwrap().configured);
        let empty = [("AWS_ENDPOINT_URL", "")];
        assert_eq!(
            resolve_in(&empty, "SQS", "sqs").unwrap().url,
            "http://localhost:4566"
        );
    }

    #[test]
    fn endpoint_bad_configured_url_is_an_error() {
        for bad in ["not a url", "localhost:4566/x y", "/just/a/path"] {
            let e = [("AWS_ENDPOINT_URL", bad)];
            let err = resolve_in(&e, "SQS", "sqs").unwrap_err().to_string();
            assert!(err.contains("AWS_ENDPOINT_URL"), "{bad}: {err}");
        }
    }
}
