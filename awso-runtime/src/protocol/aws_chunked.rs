//! The `aws-chunked` content encoding of S3 streaming uploads: a body sent as chunks whose
//! signatures chain from the request's own (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`), optionally
//! ending with a trailing checksum (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`,
//! `STREAMING-UNSIGNED-PAYLOAD-TRAILER`), so a body whose hash cannot be known before it is
//! sent is still signed and checked. Pure computation: [`AwsChunked`] is a
//! [`BodyEncoder`] the client wraps the body in.
//!
//! The framing (S3 API reference, "Signature Calculations for the Authorization Header:
//! Transferring Payload in Multiple Chunks" and "... Including Trailing Headers"):
//!
//! ```text
//! signed:    <hex size>;chunk-signature=<signature>\r\n<data>\r\n   ... then the last, empty chunk
//!            0;chunk-signature=<signature>\r\n
//!            [x-amz-checksum-crc32:<value>\r\n x-amz-trailer-signature:<signature>\r\n]
//!            \r\n
//! unsigned:  <hex size>\r\n<data>\r\n   ...   0\r\n x-amz-checksum-crc32:<value>\r\n \r\n
//! ```
//!
//! Chunk `i`'s signature signs `AWS4-HMAC-SHA256-PAYLOAD`, the request's date and scope, the
//! previous signature (the request's own for the first chunk: the *seed*), the SHA-256 of the
//! empty string and the chunk's SHA-256; the trailer's signs `AWS4-HMAC-SHA256-TRAILER`, the
//! date, scope, the last chunk's signature and the SHA-256 of the trailing headers
//! (`name:value\n` each). The request carries `Content-Encoding: aws-chunked`,
//! `x-amz-decoded-content-length` (the body's length), `Content-Length` (the encoded length,
//! [`AwsChunked::encoded_len`]), `x-amz-content-sha256` naming the mode and, with a trailer,
//! `x-amz-trailer` naming its header ([`AwsChunked::prepare_request`]).
//!
//! Checked against the S3 documentation's example (a 66,560-byte body of `a` in 64 KiB
//! chunks: seed, chunk and final signatures, encoded length) and the AWS CRT's trailer vector.

use crate::checksum::{ChecksumAlgorithm, Hasher};
use crate::sigv4::{self, SigningParams};
use crate::types::byte_stream::BodyEncoder;
use crate::{Error, Result};
use sha2::{Digest, Sha256};
use std::fmt;

/// `x-amz-content-sha256` of a body in signed chunks.
pub const STREAMING_SIGNED_PAYLOAD: &str = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
/// `x-amz-content-sha256` of a body in signed chunks with a signed trailing checksum.
pub const STREAMING_SIGNED_PAYLOAD_TRAILER: &str = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
/// `x-amz-content-sha256` of a body in unsigned chunks with a trailing checksum (over HTTPS).
pub const STREAMING_UNSIGNED_PAYLOAD_TRAILER: &str = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

/// The chunk size the AWS SDKs use: 64 KiB.
pub const DEFAULT_CHUNK_SIZE: usize = 64 * 1024;

/// The smallest chunk S3 accepts (all but the last): 8 KiB.
pub const MIN_CHUNK_SIZE: usize = 8 * 1024;

/// The SHA-256 of nothing, part of every chunk's string to sign.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The length of a signature in hex.
const SIGNATURE_LEN: u64 = 64;

/// Signs the chunks of one request: each signature chains from the previous one, the first
/// from the request's (the seed). `Debug` shows no key.
pub struct ChunkSigner {
    key: Vec<u8>,
    amz_date: String,
    scope: String,
    previous: String,
}

impl ChunkSigner {
    /// The signer of the chunks of a request signed with `params`, whose signature is
    /// `seed_signature` (what [`sigv4::sign_streaming`] returned).
    pub fn new(params: &SigningParams<'_>, seed_signature: &str) -> Result<Self> {
        let amz_date = sigv4::amz_date(params.time)?;
        let date = &amz_date[..8];
        if seed_signature.len() != SIGNATURE_LEN as usize
            || !seed_signature.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(Error::message(
                "aws-chunked: the seed signature must be 64 hex digits",
            ));
        }
        Ok(ChunkSigner {
            key: sigv4::signing_key(
                &params.credentials.secret_access_key,
                date,
                params.region,
                params.service,
            ),
            scope: format!("{date}/{}/{}/aws4_request", params.region, params.service),
            amz_date,
            previous: seed_signature.to_owned(),
        })
    }

    /// The signature of the next chunk (`data`; empty for the last one).
    pub fn chunk_signature(&mut self, data: &[u8]) -> String {
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{}\n{}\n{}\n{EMPTY_SHA256}\n{}",
            self.amz_date,
            self.scope,
            self.previous,
            sigv4::hex(&Sha256::digest(data))
        );
        self.chain(&string_to_sign)
    }

    /// The signature of the trailing headers, after the last chunk: `(name, value)` pairs,
    /// names lower-case, in the order sent.
    pub fn trailer_signature(&mut self, trailers: &[(&str, &str)]) -> String {
        let mut canonical = String::new();
        for (name, value) in trailers {
            canonical.push_str(name);
            canonical.push(':');
            canonical.push_str(value.trim());
            canonical.push('\n');
        }
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-TRAILER\n{}\n{}\n{}\n{}",
            self.amz_date,
            self.scope,
            self.previous,
            sigv4::hex(&Sha256::digest(canonical.as_bytes()))
        );
        self.chain(&string_to_sign)
    }

    fn chain(&mut self, string_to_sign: &str) -> String {
        let signature = sigv4::hex(&sigv4::hmac(&self.key, string_to_sign.as_bytes()));
        self.previous.clone_from(&signature);
        signature
    }
}

impl fmt::Debug for ChunkSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkSigner")
            .field("scope", &self.scope)
            .field("previous", &self.previous)
            .finish_non_exhaustive()
    }
}

/// The aws-chunked encoder of one request body (see the [module docs](self)).
pub struct AwsChunked {
    chunk_size: usize,
    signer: Option<ChunkSigner>,
    trailer: Option<Hasher>,
    /// Body bytes waiting for a whole chunk.
    buffer: Vec<u8>,
}

impl AwsChunked {
    /// Chunks signed by `signer`, with a trailing checksum of `trailer` when given
    /// (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`).
    pub fn signed(signer: ChunkSigner, trailer: Option<ChecksumAlgorithm>) -> Self {
        AwsChunked {
            chunk_size: DEFAULT_CHUNK_SIZE,
            signer: Some(signer),
            trailer: trailer.map(ChecksumAlgorithm::hasher),
            buffer: Vec::new(),
        }
    }

    /// Unsigned chunks with a trailing checksum of `trailer`
    /// (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`).
    pub fn unsigned(trailer: ChecksumAlgorithm) -> Self {
        AwsChunked {
            chunk_size: DEFAULT_CHUNK_SIZE,
            signer: None,
            trailer: Some(trailer.hasher()),
            buffer: Vec::new(),
        }
    }

    /// Chunks of `bytes` (at least [`MIN_CHUNK_SIZE`]; smaller sizes are raised to it)
    /// instead of 64 KiB.
    pub fn with_chunk_size(mut self, bytes: usize) -> Self {
        self.chunk_size = bytes.max(MIN_CHUNK_SIZE);
        self
    }

    /// The `x-amz-content-sha256` value of this encoding.
    pub fn content_sha256(&self) -> &'static str {
        content_sha256(self.signer.is_some(), self.trailer.is_some())
    }

    /// The encoded length of a body of `decoded` bytes (the request's `Content-Length`).
    pub fn encoded_len(&self, decoded: u64) -> u64 {
        encoded_len(
            decoded,
            self.chunk_size as u64,
            self.signer.is_some(),
            self.trailer.as_ref().map(Hasher::algorithm),
        )
    }

    /// Sets the headers of an aws-chunked request with a body of `decoded` bytes, before it
    /// is signed (see [`prepare_request`]).
    pub fn prepare_request(&self, headers: &mut http::HeaderMap, decoded: u64) {
        set_headers(
            headers,
            decoded,
            self.encoded_len(decoded),
            self.signer.is_some(),
            self.trailer.as_ref().map(Hasher::algorithm),
        );
    }

    /// Writes one chunk of `data` (empty: the last chunk, without its CRLF).
    fn write_chunk(&mut self, data: &[u8], out: &mut Vec<u8>) {
        out.extend_from_slice(format!("{:x}", data.len()).as_bytes());
        if let Some(signer) = &mut self.signer {
            out.extend_from_slice(b";chunk-signature=");
            out.extend_from_slice(signer.chunk_signature(data).as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        if !data.is_empty() {
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
    }
}

impl BodyEncoder for AwsChunked {
    fn encode(&mut self, mut data: &[u8], out: &mut Vec<u8>) {
        if let Some(hasher) = &mut self.trailer {
            hasher.update(data);
        }
        // Whole chunks straight from the input when nothing waits; the rest is kept.
        while !data.is_empty() {
            if self.buffer.is_empty() && data.len() >= self.chunk_size {
                let (chunk, rest) = data.split_at(self.chunk_size);
                self.write_chunk(chunk, out);
                data = rest;
                continue;
            }
            let take = (self.chunk_size - self.buffer.len()).min(data.len());
            self.buffer.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.buffer.len() == self.chunk_size {
                let chunk = std::mem::take(&mut self.buffer);
                self.write_chunk(&chunk, out);
            }
        }
    }

    fn finish(&mut self, out: &mut Vec<u8>) -> std::io::Result<()> {
        if !self.buffer.is_empty() {
            let chunk = std::mem::take(&mut self.buffer);
            self.write_chunk(&chunk, out);
        }
        self.write_chunk(&[], out);
        if let Some(hasher) = self.trailer.take() {
            let name = hasher.algorithm().header();
            let value = hasher.finish();
            out.extend_from_slice(format!("{name}:{value}\r\n").as_bytes());
            if let Some(signer) = &mut self.signer {
                let signature = signer.trailer_signature(&[(name, &value)]);
                out.extend_from_slice(
                    format!("x-amz-trailer-signature:{signature}\r\n").as_bytes(),
                );
            }
        }
        out.extend_from_slice(b"\r\n");
        Ok(())
    }

    fn encoded_len(&self, len: u64) -> Option<u64> {
        Some(AwsChunked::encoded_len(self, len))
    }
}

impl fmt::Debug for AwsChunked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsChunked")
            .field("mode", &self.content_sha256())
            .field("chunk_size", &self.chunk_size)
            .finish_non_exhaustive()
    }
}

/// The `x-amz-content-sha256` value of an aws-chunked body, signed or not, with a trailing
/// checksum or not (an unsigned body always has one).
pub fn content_sha256(signed: bool, trailer: bool) -> &'static str {
    match (signed, trailer) {
        (true, false) => STREAMING_SIGNED_PAYLOAD,
        (true, true) => STREAMING_SIGNED_PAYLOAD_TRAILER,
        (false, _) => STREAMING_UNSIGNED_PAYLOAD_TRAILER,
    }
}

/// Sets the headers of a request whose body of `decoded` bytes goes aws-chunked in chunks of
/// [`DEFAULT_CHUNK_SIZE`] (signed or not, with a trailing checksum of `trailer` or none),
/// before it is signed: `Content-Encoding` (`aws-chunked` first), `Content-Length` (the
/// encoded length), `x-amz-decoded-content-length`, `x-amz-content-sha256` and, with a
/// trailer, `x-amz-trailer`; `Transfer-Encoding` is removed.
pub fn prepare_request(
    headers: &mut http::HeaderMap,
    decoded: u64,
    signed: bool,
    trailer: Option<ChecksumAlgorithm>,
) {
    let encoded = encoded_len(decoded, DEFAULT_CHUNK_SIZE as u64, signed, trailer);
    set_headers(headers, decoded, encoded, signed, trailer);
}

fn set_headers(
    headers: &mut http::HeaderMap,
    decoded: u64,
    encoded: u64,
    signed: bool,
    trailer: Option<ChecksumAlgorithm>,
) {
    use http::header::{HeaderValue, CONTENT_ENCODING, CONTENT_LENGTH, TRANSFER_ENCODING};
    let encoding = match headers.get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
        Some(existing) if !existing.trim().is_empty() => {
            let others: Vec<&str> = existing
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty() && !e.eq_ignore_ascii_case("aws-chunked"))
                .collect();
            std::iter::once("aws-chunked")
                .chain(others)
                .collect::<Vec<_>>()
                .join(",")
        }
        _ => "aws-chunked".to_owned(),
    };
    if let Ok(value) = HeaderValue::from_str(&encoding) {
        headers.insert(CONTENT_ENCODING, value);
    }
    headers.remove(TRANSFER_ENCODING);
    headers.insert(CONTENT_LENGTH, HeaderValue::from(encoded));
    headers.insert("x-amz-decoded-content-length", HeaderValue::from(decoded));
    headers.insert(
        "x-amz-content-sha256",
        HeaderValue::from_static(content_sha256(signed, trailer.is_some())),
    );
    if let Some(trailer) = trailer {
        headers.insert("x-amz-trailer", HeaderValue::from_static(trailer.header()));
    }
}

/// The aws-chunked length of a body of `decoded` bytes in chunks of `chunk_size`, signed or
/// not, with a trailing checksum of `trailer` or none.
pub fn encoded_len(
    decoded: u64,
    chunk_size: u64,
    signed: bool,
    trailer: Option<ChecksumAlgorithm>,
) -> u64 {
    let signature = if signed {
        ";chunk-signature=".len() as u64 + SIGNATURE_LEN
    } else {
        0
    };
    let chunk = |size: u64| hex_digits(size) + signature + 2 + if size > 0 { size + 2 } else { 0 };
    let chunk_size = chunk_size.max(1);
    let full = decoded / chunk_size;
    let rest = decoded % chunk_size;
    let mut len = full * chunk(chunk_size) + if rest > 0 { chunk(rest) } else { 0 } + chunk(0);
    if let Some(algorithm) = trailer {
        len += (algorithm.header().len() + 1 + algorithm.encoded_len() + 2) as u64;
        if signed {
            len += "x-amz-trailer-signature:".len() as u64 + SIGNATURE_LEN + 2;
        }
    }
    len + 2
}

fn hex_digits(n: u64) -> u64 {
    u64::from((64 - n.leading_zeros()).div_ceil(4).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sigv4::{Credentials, Payload};
    use crate::Timestamp;

    /// The S3 documentation's example: `PUT /examplebucket/chunkObject.txt`, 66,560 bytes of
    /// `a` in chunks of 64 KiB, signed on 2013-05-24 in us-east-1.
    fn example_request() -> http::Request<()> {
        http::Request::put("https://s3.amazonaws.com/examplebucket/chunkObject.txt")
            .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
            .body(())
            .unwrap()
    }

    fn credentials() -> Credentials {
        Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
        )
    }

    const SEED: &str = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

    fn params(credentials: &Credentials, payload: &str) -> SigningParams<'static> {
        let credentials: &'static Credentials = Box::leak(Box::new(credentials.clone()));
        SigningParams {
            payload: Payload::Precomputed(payload.to_owned()),
            ..SigningParams::s3(
                credentials,
                "us-east-1",
                Timestamp::from_secs(1_369_353_600),
            )
        }
    }

    #[test]
    fn the_s3_documentation_example_signs_and_frames_as_published() {
        let credentials = credentials();
        let params = params(&credentials, STREAMING_SIGNED_PAYLOAD);
        let mut request = example_request();
        let probe = AwsChunked::signed(ChunkSigner::new(&params, SEED).unwrap(), None);
        probe.prepare_request(request.headers_mut(), 66_560);
        assert_eq!(request.headers()["content-length"], "66824");
        assert_eq!(request.headers()["content-encoding"], "aws-chunked");
        assert_eq!(request.headers()["x-amz-decoded-content-length"], "66560");

        let output = sigv4::sign_streaming(&mut request, &params).unwrap();
        assert_eq!(output.signature, SEED);
        assert_eq!(
            output.signed_headers,
            "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;\
             x-amz-decoded-content-length;x-amz-storage-class"
        );

        let mut encoder =
            AwsChunked::signed(ChunkSigner::new(&params, &output.signature).unwrap(), None);
        let body = vec![b'a'; 66_560];
        let mut out = Vec::new();
        // Fed in uneven pieces: chunking does not depend on how the body arrives.
        for piece in body.chunks(10_000) {
            encoder.encode(piece, &mut out);
        }
        encoder.finish(&mut out).unwrap();
        assert_eq!(out.len(), 66_824);
        let text = String::from_utf8_lossy(&out);
        let first = "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n";
        let second = "400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n";
        let last = "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n";
        assert!(text.starts_with(first), "{}", &text[..100]);
        let second_at = first.len() + 65_536 + 2;
        assert_eq!(&text[second_at..second_at + second.len()], second);
        assert!(text.ends_with(last));
    }

    #[test]
    fn trailer_signatures_match_the_aws_crt_vector() {
        // aws-c-auth / aws-crt-swift ChunkSignerTests: the trailer `first:1st`, `second:2nd`,
        // `third:3rd` after the example's last chunk.
        let credentials = credentials();
        let params = params(&credentials, STREAMING_SIGNED_PAYLOAD_TRAILER);
        let mut signer = ChunkSigner::new(&params, SEED).unwrap();
        signer.chunk_signature(&[b'a'; 65_536]);
        signer.chunk_signature(&[b'a'; 1024]);
        assert_eq!(
            signer.chunk_signature(&[]),
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
        );
        assert_eq!(
            signer.trailer_signature(&[("first", "1st"), ("second", "2nd"), ("third", "3rd")]),
            "df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c"
        );
    }

    #[test]
    fn encoded_lengths_match_the_bytes_written() {
        let credentials = credentials();
        let params = params(&credentials, STREAMING_SIGNED_PAYLOAD);
        for len in [0usize, 1, 8191, 8192, 8193, 65_536, 100_000, 200_000] {
            for trailer in [
                None,
                Some(ChecksumAlgorithm::Crc32),
                Some(ChecksumAlgorithm::Sha256),
            ] {
                let body = vec![7u8; len];
                let mut encoders =
                    vec![
                        AwsChunked::signed(ChunkSigner::new(&params, SEED).unwrap(), trailer)
                            .with_chunk_size(8192),
                    ];
                if let Some(t) = trailer {
                    encoders.push(AwsChunked::unsigned(t));
                }
                for mut encoder in encoders {
                    let expected = encoder.encoded_len(len as u64);
                    let mut out = Vec::new();
                    encoder.encode(&body, &mut out);
                    encoder.finish(&mut out).unwrap();
                    assert_eq!(out.len() as u64, expected, "{len} {encoder:?}");
                }
            }
        }
    }

    #[test]
    fn unsigned_chunks_end_with_the_trailing_checksum() {
        let mut encoder = AwsChunked::unsigned(ChecksumAlgorithm::Crc32);
        assert_eq!(encoder.content_sha256(), STREAMING_UNSIGNED_PAYLOAD_TRAILER);
        let mut out = Vec::new();
        encoder.encode(b"Hello world", &mut out);
        encoder.finish(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "b\r\nHello world\r\n0\r\nx-amz-checksum-crc32:i9aeUg==\r\n\r\n"
        );
        let mut headers = http::HeaderMap::new();
        headers.insert("content-encoding", "gzip".parse().unwrap());
        AwsChunked::unsigned(ChecksumAlgorithm::Crc32).prepare_request(&mut headers, 11);
        assert_eq!(headers["content-encoding"], "aws-chunked,gzip");
        assert_eq!(headers["x-amz-trailer"], "x-amz-checksum-crc32");
        assert_eq!(headers["x-amz-decoded-content-length"], "11");
    }

    #[test]
    fn a_bad_seed_is_an_error_and_debug_shows_no_key() {
        let credentials = credentials();
        let params = params(&credentials, STREAMING_SIGNED_PAYLOAD);
        assert!(ChunkSigner::new(&params, "not hex").is_err());
        let signer = ChunkSigner::new(&params, SEED).unwrap();
        let debug = format!("{signer:?}");
        assert!(
            !debug.contains("wJalr") && !debug.contains("key"),
            "{debug}"
        );
    }
}
