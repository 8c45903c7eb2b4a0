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
//! SDKs now default to.
//!
//! # FIPS and dual-stack
//!
//! `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` and `AWS_USE_DUALSTACK_ENDPOINT` /
//! `use_dualstack_endpoint` (or [`EndpointOptions`]) pick a variant of the default endpoint,
//! as the services' endpoint rules do: `{prefix}-fips.{region}.{dns_suffix}`,
//! `{prefix}.{region}.{dual_stack_dns_suffix}` (`api.aws`), or both; global services use
//! `{prefix}-fips.amazonaws.com` and `{prefix}.global.api.aws`; in `aws-us-gov` the services
//! of [`US_GOV_FIPS_BY_DEFAULT`] are FIPS at their usual host. A configured endpoint URL wins
//! over both settings (botocore ignores them then).
//!
//! # S3
//!
//! S3's hosts are `s3.{region}.{dns_suffix}` (`s3.amazonaws.com` in `us-east-1` with no
//! variant, as botocore's default `us_east_1_regional_endpoint = legacy`), `s3-fips.`,
//! `s3.dualstack.` and `s3-fips.dualstack.`; FIPS is refused in `aws-cn`. A request naming a
//! bucket is sent virtual-hosted (`https://{bucket}.s3.{region}.amazonaws.com/{key}`) when
//! the bucket can be a host name ([`is_virtual_hostable_bucket`]: 3 to 63 lower-case letters,
//! digits and `-`, no dots under TLS, not an IP address) and [`AddressingStyle`] allows it,
//! else path style (`https://s3.{region}.amazonaws.com/{bucket}/{key}`); with a configured
//! endpoint, path style unless `virtual` is asked for (and always for an IP address host), as
//! botocore does. See [`s3_addressing`].

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
    /// Its dual-stack DNS suffix (`api.aws`).
    pub dual_stack_dns_suffix: &'static str,
}

/// Region-name prefixes and their partitions; the first matching prefix wins, and regions
/// matching none are in `aws`.
const PARTITIONS: &[(&str, Partition)] = &[
    (
        "cn-",
        Partition {
            name: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        },
    ),
    (
        "us-gov-",
        Partition {
            name: "aws-us-gov",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
        },
    ),
    (
        "us-isob-",
        Partition {
            name: "aws-iso-b",
            dns_suffix: "sc2s.sgov.gov",
            dual_stack_dns_suffix: "api.aws.scloud",
        },
    ),
    (
        "us-isof-",
        Partition {
            name: "aws-iso-f",
            dns_suffix: "csp.hci.ic.gov",
            dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        },
    ),
    (
        "us-iso-",
        Partition {
            name: "aws-iso",
            dns_suffix: "c2s.ic.gov",
            dual_stack_dns_suffix: "api.aws.ic.gov",
        },
    ),
    (
        "eu-isoe-",
        Partition {
            name: "aws-iso-e",
            dns_suffix: "cloud.adc-e.uk",
            dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        },
    ),
    (
        "eusc-",
        Partition {
            name: "aws-eusc",
            dns_suffix: "amazonaws.eu",
            dual_stack_dns_suffix: "api.amazonwebservices.eu",
        },
    ),
];

const AWS: Partition = Partition {
    name: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
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

/// Which variant of a default endpoint to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Variant {
    /// A FIPS 140 endpoint (`AWS_USE_FIPS_ENDPOINT`, `use_fips_endpoint`).
    pub fips: bool,
    /// A dual-stack (IPv4 and IPv6) endpoint (`AWS_USE_DUALSTACK_ENDPOINT`,
    /// `use_dualstack_endpoint`).
    pub dual_stack: bool,
}

/// Services whose every endpoint in `aws-us-gov` is FIPS already: their FIPS endpoint there
/// is the usual host (their endpoint rules, as botocore resolves them).
pub const US_GOV_FIPS_BY_DEFAULT: &[&str] = &["dynamodb", "ec2", "sns", "sqs", "sts"];

/// The default endpoint of a service (by its endpoint prefix, `sqs`) in a region: the
/// global-service table, else `https://{prefix}.{region}.{dns_suffix}`. An error for a
/// region or prefix that is not a DNS name.
pub fn default_endpoint(endpoint_prefix: &str, region: &str) -> Result<Endpoint> {
    variant_endpoint(endpoint_prefix, region, Variant::default())
}

/// The default endpoint of a service in a region, in the FIPS and dual-stack variant asked
/// for (see the module docs). An error for a region or prefix that is not a DNS name, and
/// for a variant the service does not have there.
pub fn variant_endpoint(endpoint_prefix: &str, region: &str, variant: Variant) -> Result<Endpoint> {
    check_label("the region", region)?;
    check_label("the endpoint prefix", endpoint_prefix)?;
    let partition = partition(region);
    let endpoint = |host: String, signing_region: &str| Endpoint {
        url: format!("https://{host}"),
        signing_region: signing_region.to_owned(),
        configured: false,
    };
    let fips = if variant.fips { "-fips" } else { "" };
    if endpoint_prefix == "s3" {
        if variant.fips && partition.name == "aws-cn" {
            return Err(Error::message(
                "endpoint: S3 has no FIPS endpoint in the aws-cn partition",
            ));
        }
        let host = match (variant.fips, variant.dual_stack) {
            (false, false) if region == "us-east-1" => "s3.amazonaws.com".to_owned(),
            (_, dual_stack) => format!(
                "s3{fips}{}.{region}.{}",
                if dual_stack { ".dualstack" } else { "" },
                partition.dns_suffix
            ),
        };
        return Ok(endpoint(host, region));
    }
    if let Some((_, _, host, signing_region)) = GLOBAL_ENDPOINTS
        .iter()
        .find(|(prefix, p, _, _)| *prefix == endpoint_prefix && *p == partition.name)
    {
        let host = match (partition.name, variant.fips, variant.dual_stack) {
            (_, false, false) | ("aws-us-gov", true, false) => (*host).to_owned(),
            ("aws", _, true) => format!("{endpoint_prefix}{fips}.global.api.aws"),
            ("aws" | "aws-cn", true, false) => {
                format!("{endpoint_prefix}-fips.{}", partition.dns_suffix)
            }
            _ => {
                return Err(Error::message(format!(
                    "endpoint: awso does not know the FIPS or dual-stack endpoint of the \
                     global service {endpoint_prefix} in {}; set AWS_ENDPOINT_URL",
                    partition.name
                )))
            }
        };
        return Ok(endpoint(host, signing_region));
    }
    let fips = if variant.fips
        && !variant.dual_stack
        && partition.name == "aws-us-gov"
        && US_GOV_FIPS_BY_DEFAULT.contains(&endpoint_prefix)
    {
        ""
    } else {
        fips
    };
    let suffix = if variant.dual_stack {
        partition.dual_stack_dns_suffix
    } else {
        partition.dns_suffix
    };
    Ok(endpoint(
        format!("{endpoint_prefix}{fips}.{region}.{suffix}"),
        region,
    ))
}

/// How S3 requests name their bucket (`s3 = addressing_style = ...` in the config file).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AddressingStyle {
    /// Virtual-hosted when the bucket can be a host name, path style otherwise; path style
    /// with a configured endpoint (botocore's `auto`).
    #[default]
    Auto,
    /// Virtual-hosted whenever the bucket can be a host name, configured endpoints included.
    Virtual,
    /// Always path style (`https://s3.{region}.amazonaws.com/{bucket}/{key}`).
    Path,
}

impl AddressingStyle {
    /// `auto`, `virtual` or `path`.
    pub fn parse(value: &str) -> Result<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(AddressingStyle::Auto),
            "virtual" => Ok(AddressingStyle::Virtual),
            "path" => Ok(AddressingStyle::Path),
            other => Err(Error::message(format!(
                "endpoint: s3 addressing_style must be auto, virtual or path, not {other:?}"
            ))),
        }
    }
}

/// Whether an S3 bucket name can be the first label(s) of a host name, as the endpoint
/// rules' `aws.isVirtualHostableS3Bucket`: 3 to 63 characters, lower-case letters, digits
/// and `-` (and `.` between labels when `allow_dots`), starting and ending with a letter or
/// digit, not an IPv4 address.
pub fn is_virtual_hostable_bucket(bucket: &str, allow_dots: bool) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    (3..=63).contains(&bucket.len())
        && if allow_dots {
            bucket.split('.').all(label)
        } else {
            label(bucket)
        }
        && bucket.parse::<std::net::Ipv4Addr>().is_err()
}

fn is_ip_host(host: &str) -> bool {
    host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok()
}

/// Moves the bucket of a path-style S3 request (`{endpoint}/{bucket}/{key}`, as the
/// operation's URI template `/{Bucket}/...` builds it) into the host when the bucket can be
/// a host name and `style` allows it (see the module docs); leaves the request as it is
/// otherwise. `endpoint` is the endpoint the request was built for.
pub fn s3_addressing(
    request: &mut http::Request<Vec<u8>>,
    endpoint: &Endpoint,
    style: AddressingStyle,
) -> Result<()> {
    let base: http::Uri = endpoint
        .url
        .parse()
        .map_err(|_| Error::message("endpoint: the endpoint is not a valid URL"))?;
    let (Some(scheme), Some(authority)) = (base.scheme_str(), base.authority()) else {
        return Ok(());
    };
    let virtual_hosted = match style {
        AddressingStyle::Path => false,
        AddressingStyle::Auto => !endpoint.configured,
        AddressingStyle::Virtual => !is_ip_host(authority.host()),
    };
    if !virtual_hosted {
        return Ok(());
    }
    let base_path = base.path().trim_end_matches('/');
    let uri = request.uri();
    let Some(rest) = uri.path().strip_prefix(base_path) else {
        return Ok(());
    };
    let Some(rest) = rest.strip_prefix('/') else {
        return Ok(());
    };
    let (bucket, key_path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if !is_virtual_hostable_bucket(bucket, scheme == "http") {
        return Ok(());
    }
    let path = if key_path.is_empty() { "/" } else { key_path };
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    let new = format!("{scheme}://{bucket}.{authority}{base_path}{path}{query}");
    *request.uri_mut() = new
        .parse()
        .map_err(|_| Error::message("endpoint: cannot build the virtual-hosted S3 URL"))?;
    Ok(())
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

/// The region an S3 redirect names: a 301, 307 or 400 response with
/// `x-amz-bucket-region`, or an error body's `<Region>` (botocore's S3 region redirector).
pub fn s3_redirect_region(response: &http::Response<Vec<u8>>) -> Option<String> {
    if !matches!(response.status().as_u16(), 301 | 307 | 400) {
        return None;
    }
    let from_header = response
        .headers()
        .get("x-amz-bucket-region")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let region = from_header.or_else(|| {
        let body = std::str::from_utf8(response.body()).ok()?;
        let start = body.find("<Region>")? + "<Region>".len();
        let end = start + body[start..].find("</Region>")?;
        Some(body[start..end].trim().to_owned())
    })?;
    check_label("the redirect region", &region).ok()?;
    Some(region)
}

/// The URI of a request built for endpoint `from`, moved to endpoint `to`: the endpoint's
/// host replaced, a bucket label before it (virtual-hosted S3) kept.
pub fn redirect_uri(uri: &http::Uri, from: &Endpoint, to: &Endpoint) -> Result<http::Uri> {
    let bad = || Error::message("endpoint: cannot move the request to the redirect's endpoint");
    let from: http::Uri = from.url.parse().map_err(|_| bad())?;
    let to: http::Uri = to.url.parse().map_err(|_| bad())?;
    let (Some(old), Some(new)) = (from.authority(), to.authority()) else {
        return Err(bad());
    };
    let authority = uri.authority().ok_or_else(bad)?.as_str();
    let authority = if authority == old.as_str() {
        new.as_str().to_owned()
    } else if let Some(bucket) = authority.strip_suffix(old.as_str()) {
        format!("{bucket}{new}")
    } else {
        return Err(bad());
    };
    let mut parts = uri.clone().into_parts();
    parts.authority = Some(authority.parse().map_err(|_| bad())?);
    http::Uri::from_parts(parts).map_err(|_| bad())
}

/// What a client sets over the environment and profile: `None` reads the setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EndpointOptions {
    /// FIPS endpoints, else `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`.
    pub fips: Option<bool>,
    /// Dual-stack endpoints, else `AWS_USE_DUALSTACK_ENDPOINT` / `use_dualstack_endpoint`.
    pub dual_stack: Option<bool>,
    /// S3 addressing, else the profile's `s3 = addressing_style = ...` (`auto` when unset).
    pub s3_addressing: Option<AddressingStyle>,
}

fn flag(env: &impl Env, profiles: &ProfileSet, var: &str, key: &str) -> Result<bool> {
    match profile::setting(env, profiles, var, key) {
        None => Ok(false),
        Some(v) if v.trim().eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.trim().eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => Err(Error::message(format!(
            "endpoint: {var} / {key} must be true or false, not {v:?}"
        ))),
    }
}

impl EndpointOptions {
    /// The variant asked for: these options, else the environment, else the profile.
    pub fn variant(&self, env: &impl Env, profiles: &ProfileSet) -> Result<Variant> {
        Ok(Variant {
            fips: match self.fips {
                Some(v) => v,
                None => flag(env, profiles, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?,
            },
            dual_stack: match self.dual_stack {
                Some(v) => v,
                None => flag(
                    env,
                    profiles,
                    "AWS_USE_DUALSTACK_ENDPOINT",
                    "use_dualstack_endpoint",
                )?,
            },
        })
    }

    /// The S3 addressing style: these options, else the profile's
    /// `s3 = addressing_style = ...`, else `auto`.
    pub fn s3_addressing(&self, env: &impl Env, profiles: &ProfileSet) -> Result<AddressingStyle> {
        if let Some(style) = self.s3_addressing {
            return Ok(style);
        }
        match profiles
            .profile(&profile::profile_name(env))
            .and_then(|p| p.get_sub("s3", "addressing_style"))
        {
            Some(v) => AddressingStyle::parse(v),
            None => Ok(AddressingStyle::Auto),
        }
    }
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
    resolve_with_options(
        endpoint_prefix,
        service_id,
        region,
        env,
        profiles,
        &EndpointOptions::default(),
    )
}

/// [`resolve_with`], with the FIPS and dual-stack settings of `options` over the
/// environment's.
pub fn resolve_with_options(
    endpoint_prefix: &str,
    service_id: &str,
    region: &str,
    env: &impl Env,
    profiles: &ProfileSet,
    options: &EndpointOptions,
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
    variant_endpoint(endpoint_prefix, region, options.variant(env, profiles)?)
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

    #[test]
    fn endpoint_variants_from_the_environment_and_profile() {
        let config = "[default]\nuse_fips_endpoint = true\ns3 =\n  addressing_style = path\n\
                      [profile bad]\nuse_dualstack_endpoint = maybe\ns3 =\n  addressing_style = sideways\n";
        let set = ProfileSet::parse(Some(config), None);
        let none = EndpointOptions::default();
        let e = resolve_with_options("sqs", "SQS", "us-east-1", &env(&[]), &set, &none).unwrap();
        assert_eq!(e.url, "https://sqs-fips.us-east-1.amazonaws.com");
        let off = [
            ("AWS_USE_FIPS_ENDPOINT", "false"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE"),
        ];
        let e = resolve_with_options("sqs", "SQS", "us-east-1", &env(&off), &set, &none).unwrap();
        assert_eq!(e.url, "https://sqs.us-east-1.api.aws");
        let client = EndpointOptions {
            fips: Some(true),
            dual_stack: Some(false),
            s3_addressing: Some(AddressingStyle::Virtual),
        };
        let e = resolve_with_options("sqs", "SQS", "us-east-1", &env(&off), &set, &client);
        assert_eq!(e.unwrap().url, "https://sqs-fips.us-east-1.amazonaws.com");
        assert_eq!(
            none.s3_addressing(&env(&[]), &set).unwrap(),
            AddressingStyle::Path
        );
        assert_eq!(
            client.s3_addressing(&env(&[]), &set).unwrap(),
            AddressingStyle::Virtual
        );
        let bad = [("AWS_PROFILE", "bad")];
        let err = resolve_with_options("sqs", "SQS", "us-east-1", &env(&bad), &set, &none);
        assert!(err
            .unwrap_err()
            .to_string()
            .contains("use_dualstack_endpoint"));
        let err = none
            .s3_addressing(&env(&bad), &set)
            .unwrap_err()
            .to_string();
        assert!(err.contains("sideways"), "{err}");
    }

    fn s3_request(endpoint: &Endpoint, path: &str, style: AddressingStyle) -> String {
        let mut r = http::Request::builder()
            .uri(format!("{}{path}", endpoint.url))
            .body(Vec::new())
            .unwrap();
        s3_addressing(&mut r, endpoint, style).unwrap();
        r.uri().to_string()
    }

    #[test]
    fn endpoint_s3_addressing() {
        let aws = default_endpoint("s3", "eu-west-1").unwrap();
        let auto = AddressingStyle::Auto;
        assert_eq!(
            s3_request(&aws, "/bucket/a/b%20c?x=1", auto),
            "https://bucket.s3.eu-west-1.amazonaws.com/a/b%20c?x=1"
        );
        assert_eq!(
            s3_request(&aws, "/bucket?list-type=2", auto),
            "https://bucket.s3.eu-west-1.amazonaws.com/?list-type=2"
        );
        assert_eq!(
            s3_request(&aws, "/my.bucket/k", auto),
            "https://s3.eu-west-1.amazonaws.com/my.bucket/k"
        );
        assert_eq!(
            s3_request(&aws, "/bucket/k", AddressingStyle::Path),
            "https://s3.eu-west-1.amazonaws.com/bucket/k"
        );
        let local = configured("http://localhost:4566/base/", "x", "us-east-1").unwrap();
        assert_eq!(
            s3_request(&local, "/bucket/k", auto),
            "http://localhost:4566/base/bucket/k"
        );
        assert_eq!(
            s3_request(&local, "/my.bucket/k", AddressingStyle::Virtual),
            "http://my.bucket.localhost:4566/base/k"
        );
        assert!(is_virtual_hostable_bucket("a-b", false));
        for bad in [
            "ab",
            "A-b",
            "a_b",
            "-ab",
            "ab-",
            "10.1.2.3",
            &"a".repeat(64),
        ] {
            assert!(!is_virtual_hostable_bucket(bad, true), "{bad}");
        }
        assert!(!is_virtual_hostable_bucket("a..b", true));
        assert!(!is_virtual_hostable_bucket("a.b", false));
    }

    #[test]
    fn endpoint_s3_redirects() {
        let response = |status: u16, header: Option<&str>, body: &str| {
            let mut b = http::Response::builder().status(status);
            if let Some(h) = header {
                b = b.header("x-amz-bucket-region", h);
            }
            b.body(body.as_bytes().to_vec()).unwrap()
        };
        assert_eq!(
            s3_redirect_region(&response(301, Some("eu-west-1"), "")).as_deref(),
            Some("eu-west-1")
        );
        let body =
            "<Error><Code>AuthorizationHeaderMalformed</Code><Region>ap-south-1</Region></Error>";
        assert_eq!(
            s3_redirect_region(&response(400, None, body)).as_deref(),
            Some("ap-south-1")
        );
        assert_eq!(
            s3_redirect_region(&response(200, Some("eu-west-1"), "")),
            None
        );
        assert_eq!(
            s3_redirect_region(&response(301, Some("evil.com/x"), "")),
            None
        );
        let from = default_endpoint("s3", "us-east-1").unwrap();
        let to = default_endpoint("s3", "eu-west-1").unwrap();
        let moved = |uri: &str| {
            redirect_uri(&uri.parse().unwrap(), &from, &to)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            moved("https://b.s3.amazonaws.com/k?x=1"),
            "https://b.s3.eu-west-1.amazonaws.com/k?x=1"
        );
        assert_eq!(
            moved("https://s3.amazonaws.com/my.b/k"),
            "https://s3.eu-west-1.amazonaws.com/my.b/k"
        );
        assert!(redirect_uri(&"https://other.com/".parse().unwrap(), &from, &to).is_err());
    }
}
