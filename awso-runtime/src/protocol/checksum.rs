//! Flexible checksums (the Smithy `httpChecksum` trait): a checksum of the request body in an
//! `x-amz-checksum-*` header, and the response body checked against the one the service
//! sends, with the AWS SDKs' settings deciding when.
//!
//! An operation declares the trait with `; http_checksum { ... }` in
//! [`operation!`](crate::operation!), the model's keys in snake case:
//!
//! ```ignore
//! awso::operation! {
//!     pub struct PutObject: S3(PutObjectRequest) -> PutObjectOutput, S3Error;
//!     http("PUT" "/{Bucket}/{Key+}");
//!     http_checksum {
//!         request_algorithm_member: "ChecksumAlgorithm",
//!         request_checksum_required: false,
//!     };
//! }
//! ```
//!
//! Requests ([`add_request_checksum`]): with [`When::Supported`] (the SDKs' default
//! `when_supported`) every operation with the trait sends a checksum, CRC32 unless the
//! input's algorithm member names another; with [`When::Required`] only operations whose
//! checksum is required or whose input names an algorithm do. A checksum header the input
//! already sets is left alone. Responses ([`validate_response`]): with `when_supported` the
//! request asks for checksums (`x-amz-checksum-mode: ENABLED` through the validation mode
//! member's header) and the body is checked against the first of CRC64NVME, CRC32C, CRC32,
//! SHA-1 and SHA-256 the response carries (botocore's order); with `when_required` only when
//! the input asked. Checksums of multipart objects (`...-3`) are not of the body and are not
//! checked.

use crate::shape::HttpBinding;
use crate::{AwsShape, Error, Result};
use base64::Engine;

/// A flexible checksum algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChecksumAlgorithm {
    /// CRC-32 (ISO HDLC, as zlib).
    Crc32,
    /// CRC-32C (Castagnoli).
    Crc32c,
    /// CRC-64/NVME.
    Crc64Nvme,
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
}

/// The order in which the AWS SDKs pick the response checksum to validate.
pub const VALIDATION_ORDER: [ChecksumAlgorithm; 5] = [
    ChecksumAlgorithm::Crc64Nvme,
    ChecksumAlgorithm::Crc32c,
    ChecksumAlgorithm::Crc32,
    ChecksumAlgorithm::Sha1,
    ChecksumAlgorithm::Sha256,
];

static CRC32C: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISCSI);
static CRC64NVME: crc::Crc<u64> = crc::Crc::<u64>::new(&crc::CRC_64_NVME);

impl ChecksumAlgorithm {
    /// Every algorithm.
    pub const ALL: [ChecksumAlgorithm; 5] = [
        ChecksumAlgorithm::Crc32,
        ChecksumAlgorithm::Crc32c,
        ChecksumAlgorithm::Crc64Nvme,
        ChecksumAlgorithm::Sha1,
        ChecksumAlgorithm::Sha256,
    ];

    /// The name in the models and the `ChecksumAlgorithm` members (`CRC32`, `SHA256`).
    pub fn name(self) -> &'static str {
        match self {
            ChecksumAlgorithm::Crc32 => "CRC32",
            ChecksumAlgorithm::Crc32c => "CRC32C",
            ChecksumAlgorithm::Crc64Nvme => "CRC64NVME",
            ChecksumAlgorithm::Sha1 => "SHA1",
            ChecksumAlgorithm::Sha256 => "SHA256",
        }
    }

    /// The header carrying it (`x-amz-checksum-crc32`).
    pub fn header(self) -> &'static str {
        match self {
            ChecksumAlgorithm::Crc32 => "x-amz-checksum-crc32",
            ChecksumAlgorithm::Crc32c => "x-amz-checksum-crc32c",
            ChecksumAlgorithm::Crc64Nvme => "x-amz-checksum-crc64nvme",
            ChecksumAlgorithm::Sha1 => "x-amz-checksum-sha1",
            ChecksumAlgorithm::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// The algorithm of a name, in any case (`crc32c`, `SHA256`).
    pub fn parse(name: &str) -> Result<Self> {
        VALIDATION_ORDER
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                Error::message(format!(
                    "checksum: unknown algorithm {name:?} (CRC32, CRC32C, CRC64NVME, SHA1 or \
                     SHA256)"
                ))
            })
    }

    /// The checksum of `data` as the header carries it: the big-endian digest in base64.
    pub fn checksum(self, data: &[u8]) -> String {
        let mut hasher = self.hasher();
        hasher.update(data);
        hasher.finish()
    }

    /// A checksum computed piece by piece (streamed bodies).
    pub fn hasher(self) -> Hasher {
        use sha2::Digest;
        let state = match self {
            ChecksumAlgorithm::Crc32 => HasherState::Crc32(crc32fast::Hasher::new()),
            ChecksumAlgorithm::Crc32c => HasherState::Crc32c(CRC32C.digest()),
            ChecksumAlgorithm::Crc64Nvme => HasherState::Crc64Nvme(CRC64NVME.digest()),
            ChecksumAlgorithm::Sha1 => HasherState::Sha1(sha1::Sha1::new()),
            ChecksumAlgorithm::Sha256 => HasherState::Sha256(sha2::Sha256::new()),
        };
        Hasher {
            algorithm: self,
            state,
        }
    }

    /// The length of the checksum as the header carries it (base64 characters).
    pub fn encoded_len(self) -> usize {
        let digest: usize = match self {
            ChecksumAlgorithm::Crc32 | ChecksumAlgorithm::Crc32c => 4,
            ChecksumAlgorithm::Crc64Nvme => 8,
            ChecksumAlgorithm::Sha1 => 20,
            ChecksumAlgorithm::Sha256 => 32,
        };
        digest.div_ceil(3) * 4
    }
}

/// A checksum being computed over a body read piece by piece
/// ([`ChecksumAlgorithm::hasher`]).
pub struct Hasher {
    algorithm: ChecksumAlgorithm,
    state: HasherState,
}

enum HasherState {
    Crc32(crc32fast::Hasher),
    Crc32c(crc::Digest<'static, u32>),
    Crc64Nvme(crc::Digest<'static, u64>),
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
}

impl Hasher {
    /// The algorithm.
    pub fn algorithm(&self) -> ChecksumAlgorithm {
        self.algorithm
    }

    /// Adds the next bytes.
    pub fn update(&mut self, data: &[u8]) {
        use sha2::Digest;
        match &mut self.state {
            HasherState::Crc32(h) => h.update(data),
            HasherState::Crc32c(h) => h.update(data),
            HasherState::Crc64Nvme(h) => h.update(data),
            HasherState::Sha1(h) => h.update(data),
            HasherState::Sha256(h) => h.update(data),
        }
    }

    /// The checksum as the header carries it: the big-endian digest in base64.
    pub fn finish(self) -> String {
        use sha2::Digest;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        match self.state {
            HasherState::Crc32(h) => b64(&h.finalize().to_be_bytes()),
            HasherState::Crc32c(h) => b64(&h.finalize().to_be_bytes()),
            HasherState::Crc64Nvme(h) => b64(&h.finalize().to_be_bytes()),
            HasherState::Sha1(h) => b64(&h.finalize()),
            HasherState::Sha256(h) => b64(&h.finalize()),
        }
    }
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// An operation's `httpChecksum` trait (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpChecksum {
    /// The input member naming the algorithm (`ChecksumAlgorithm`), bound to a header;
    /// empty for none.
    pub request_algorithm_member: &'static str,
    /// Whether every request must carry a checksum.
    pub request_checksum_required: bool,
    /// The input member asking for response validation (`ChecksumMode`), bound to a
    /// header; empty for none.
    pub request_validation_mode_member: &'static str,
    /// The algorithms the response may carry (`["CRC64NVME", "CRC32", ...]`).
    pub response_algorithms: &'static [&'static str],
}

impl HttpChecksum {
    /// No member, nothing required (the base of the declarations of
    /// [`operation!`](crate::operation!)).
    pub const NONE: HttpChecksum = HttpChecksum {
        request_algorithm_member: "",
        request_checksum_required: false,
        request_validation_mode_member: "",
        response_algorithms: &[],
    };
}

/// When checksums are computed or validated: the SDKs' `when_supported` and
/// `when_required` (`AWS_REQUEST_CHECKSUM_CALCULATION`, `AWS_RESPONSE_CHECKSUM_VALIDATION`,
/// `request_checksum_calculation`, `response_checksum_validation`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum When {
    /// Whenever the operation supports it (the default).
    #[default]
    Supported,
    /// Only when the operation requires it or the input asks for it: for S3-compatible
    /// stores that reject the newer checksums.
    Required,
}

impl When {
    /// `when_supported` or `when_required`, in any case.
    pub fn parse(value: &str) -> Result<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "when_supported" => Ok(When::Supported),
            "when_required" => Ok(When::Required),
            other => Err(Error::message(format!(
                "checksum: the setting must be when_supported or when_required, not {other:?}"
            ))),
        }
    }
}

/// The header of input member `member` of `I` (`ChecksumAlgorithm` ->
/// `x-amz-sdk-checksum-algorithm`).
pub fn member_header<I: AwsShape>(member: &str) -> Option<&'static str> {
    if member.is_empty() {
        return None;
    }
    I::SHAPE?
        .members
        .iter()
        .find(|m| m.name == member)
        .and_then(|m| match m.location {
            HttpBinding::Header(name) => Some(name),
            _ => None,
        })
}

fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Adds the request checksum of `request` (as built for input type `I`) when `spec` and
/// `when` say so, and `x-amz-checksum-mode: ENABLED` when responses are to be validated
/// under `validation`. An algorithm member naming an unknown algorithm is an error.
pub fn add_request_checksum<I: AwsShape>(
    request: &mut http::Request<Vec<u8>>,
    spec: &HttpChecksum,
    calculation: When,
    validation: When,
) -> Result<()> {
    if let Some(algorithm) =
        prepare_request_checksum::<I>(request.headers_mut(), spec, calculation, validation)?
    {
        let value = algorithm.checksum(request.body());
        request.headers_mut().insert(
            algorithm.header(),
            http::HeaderValue::from_str(&value).expect("base64 is a header value"),
        );
    }
    Ok(())
}

/// The headers of [`add_request_checksum`] but the checksum itself, for a body that streams:
/// the algorithm member's header (when the input names none), the validation mode's, and the
/// algorithm whose checksum of the body is due, if one is (`None` when none is, or when the
/// input gave the checksum): the caller sends it in its header or as a trailer
/// ([`aws_chunked`](crate::aws_chunked)).
pub fn prepare_request_checksum<I: AwsShape>(
    headers: &mut http::HeaderMap,
    spec: &HttpChecksum,
    calculation: When,
    validation: When,
) -> Result<Option<ChecksumAlgorithm>> {
    let algorithm_header = member_header::<I>(spec.request_algorithm_member);
    let chosen = algorithm_header
        .and_then(|h| header(headers, h))
        .map(str::to_owned);
    let algorithm = match chosen {
        Some(ref name) => Some(ChecksumAlgorithm::parse(name)?),
        None if spec.request_checksum_required
            || (calculation == When::Supported && algorithm_header.is_some()) =>
        {
            Some(ChecksumAlgorithm::Crc32)
        }
        None => None,
    };
    let mut due = None;
    if let Some(algorithm) = algorithm {
        let given = VALIDATION_ORDER
            .iter()
            .any(|a| headers.contains_key(a.header()));
        if !given {
            due = Some(algorithm);
            if let (Some(name), None) = (algorithm_header, &chosen) {
                headers.insert(
                    http::HeaderName::from_static(name),
                    http::HeaderValue::from_static(algorithm.name()),
                );
            }
        }
    }
    if validation == When::Supported {
        if let Some(mode) = member_header::<I>(spec.request_validation_mode_member) {
            if !headers.contains_key(mode) {
                headers.insert(
                    http::HeaderName::from_static(mode),
                    http::HeaderValue::from_static("ENABLED"),
                );
            }
        }
    }
    Ok(due)
}

/// Checks a response body against the checksum the response carries, when the request (as
/// built for input type `I`) asked for validation (`ENABLED` in the validation mode
/// member's header). `Ok(Some(algorithm))` when one was checked, `Ok(None)` when none was,
/// an error naming both values when the body is not what the service sent.
pub fn validate_response<I: AwsShape>(
    spec: &HttpChecksum,
    request_headers: &http::HeaderMap,
    response: &http::Response<&[u8]>,
) -> Result<Option<ChecksumAlgorithm>> {
    let Some(mut check) =
        response_check::<I>(spec, request_headers, response.status(), response.headers())
    else {
        return Ok(None);
    };
    check.hasher.update(response.body());
    check.verdict().map_err(Error::message)?;
    Ok(Some(check.algorithm()))
}

/// The check of a response body streamed to the caller, when the request (as built for input
/// type `I`) asked for validation and the response carries a checksum it can check (see
/// [`validate_response`]): it sees the body as it is read and fails the read that reaches
/// its end when the body is not what the service sent (a
/// [`BodyCheck`](crate::types::byte_stream::BodyCheck)).
pub fn response_check<I: AwsShape>(
    spec: &HttpChecksum,
    request_headers: &http::HeaderMap,
    status: http::StatusCode,
    response_headers: &http::HeaderMap,
) -> Option<ResponseChecksum> {
    let enabled = member_header::<I>(spec.request_validation_mode_member)
        .and_then(|h| header(request_headers, h))
        .is_some_and(|v| v.eq_ignore_ascii_case("ENABLED"));
    if !enabled || !status.is_success() {
        return None;
    }
    for algorithm in VALIDATION_ORDER {
        if !spec
            .response_algorithms
            .iter()
            .any(|a| a.eq_ignore_ascii_case(algorithm.name()))
        {
            continue;
        }
        let Some(expected) = header(response_headers, algorithm.header()) else {
            continue;
        };
        // A multipart object's checksum is of its parts' checksums, not of the body.
        if expected.contains('-') {
            return None;
        }
        return Some(ResponseChecksum {
            hasher: algorithm.hasher(),
            expected: expected.trim().to_owned(),
        });
    }
    None
}

/// A response checksum being checked as the body is read ([`response_check`]).
#[derive(Debug)]
pub struct ResponseChecksum {
    hasher: Hasher,
    expected: String,
}

impl ResponseChecksum {
    /// The algorithm checked.
    pub fn algorithm(&self) -> ChecksumAlgorithm {
        self.hasher.algorithm()
    }

    fn verdict(&mut self) -> std::result::Result<(), String> {
        let algorithm = self.hasher.algorithm();
        let hasher = std::mem::replace(&mut self.hasher, algorithm.hasher());
        let actual = hasher.finish();
        if actual != self.expected {
            return Err(format!(
                "checksum mismatch: the response's {} is {}, its body's is {actual} (the body \
                 was damaged in transit, or is not the object's)",
                algorithm.header(),
                self.expected
            ));
        }
        Ok(())
    }
}

impl crate::types::byte_stream::BodyCheck for ResponseChecksum {
    fn update(&mut self, data: &[u8]) {
        self.hasher.update(data);
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.verdict()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_of_known_values() {
        // "Hello world" as the AWS SDKs' checksum tests have it.
        let data = b"Hello world";
        assert_eq!(ChecksumAlgorithm::Crc32.checksum(data), "i9aeUg==");
        assert_eq!(ChecksumAlgorithm::Crc32c.checksum(data), "crUfeA==");
        assert_eq!(ChecksumAlgorithm::Crc64Nvme.checksum(data), "OOJZ0D8xKts=");
        assert_eq!(
            ChecksumAlgorithm::Sha1.checksum(data),
            "e1AsOh9IyGCa4hLN+2Od7jlnP14="
        );
        assert_eq!(
            ChecksumAlgorithm::Sha256.checksum(data),
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw="
        );
        assert_eq!(ChecksumAlgorithm::Crc32.checksum(b""), "AAAAAA==");
        for algorithm in ChecksumAlgorithm::ALL {
            let mut hasher = algorithm.hasher();
            hasher.update(b"Hello");
            hasher.update(b" world");
            let whole = algorithm.checksum(data);
            assert_eq!(hasher.finish(), whole, "{algorithm:?}");
            assert_eq!(whole.len(), algorithm.encoded_len(), "{algorithm:?}");
        }
        assert_eq!(
            ChecksumAlgorithm::parse("crc64nvme").unwrap(),
            ChecksumAlgorithm::Crc64Nvme
        );
        assert!(ChecksumAlgorithm::parse("md5").is_err());
        assert_eq!(When::parse("WHEN_REQUIRED").unwrap(), When::Required);
        assert!(When::parse("always").is_err());
    }
}
