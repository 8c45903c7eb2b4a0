//! The S3 shapes of a bucket and object round trip, hand-modelled from the S3 API reference:
//! restXml with HTTP bindings (URI labels, a greedy `{Key+}`, headers, `x-amz-meta-*`
//! metadata, query strings, streaming payloads), a flattened list in the `ListObjectsV2` body,
//! and the multipart upload operations (a structure payload with a flattened list).

use awso::{AwsShape, ByteStream, Timestamp};
use std::collections::BTreeMap;

awso::service! {
    /// Amazon S3 (path-style addressing).
    pub struct S3 {
        name: "S3",
        protocol: Protocol::RestXml,
        api_version: "2006-03-01",
        signing_name: "s3",
        endpoint_prefix: "s3",
    }
}

awso::operation! {
    /// Creates a bucket.
    pub struct CreateBucket: S3(CreateBucketRequest) -> CreateBucketOutput, S3Error;
    http("PUT" "/{Bucket}");
}
awso::operation! {
    /// Stores an object.
    pub struct PutObject: S3(PutObjectRequest) -> PutObjectOutput, S3Error;
    http("PUT" "/{Bucket}/{Key+}");
    http_checksum {
        request_algorithm_member: "ChecksumAlgorithm",
        request_checksum_required: false,
    };
}
awso::operation! {
    /// Reads an object.
    pub struct GetObject: S3(GetObjectRequest) -> GetObjectOutput, S3Error;
    http("GET" "/{Bucket}/{Key+}");
    http_checksum {
        request_validation_mode_member: "ChecksumMode",
        response_algorithms: ["CRC64NVME", "CRC32", "CRC32C", "SHA256", "SHA1"],
    };
}
awso::operation! {
    /// Lists (up to 1,000) objects of a bucket.
    pub struct ListObjectsV2: S3(ListObjectsV2Request) -> ListObjectsV2Output, S3Error;
    http("GET" "/{Bucket}?list-type=2");
}
awso::operation! {
    /// Deletes an object.
    pub struct DeleteObject: S3(DeleteObjectRequest) -> DeleteObjectOutput, S3Error;
    http("DELETE" "/{Bucket}/{Key+}");
}
awso::operation! {
    /// Starts a multipart upload.
    pub struct CreateMultipartUpload: S3(CreateMultipartUploadRequest) -> CreateMultipartUploadOutput, S3Error;
    http("POST" "/{Bucket}/{Key+}?uploads");
}
awso::operation! {
    /// Uploads one part of a multipart upload.
    pub struct UploadPart: S3(UploadPartRequest) -> UploadPartOutput, S3Error;
    http("PUT" "/{Bucket}/{Key+}");
    http_checksum {
        request_algorithm_member: "ChecksumAlgorithm",
        request_checksum_required: false,
    };
}
awso::operation! {
    /// Puts the uploaded parts together into the object.
    pub struct CompleteMultipartUpload: S3(CompleteMultipartUploadRequest) -> CompleteMultipartUploadOutput, S3Error;
    http("POST" "/{Bucket}/{Key+}");
}
awso::operation! {
    /// Gives up a multipart upload, freeing its parts.
    pub struct AbortMultipartUpload: S3(AbortMultipartUploadRequest) -> AbortMultipartUploadOutput, S3Error;
    http("DELETE" "/{Bucket}/{Key+}");
}

/// Input of `CreateBucket` (in `us-east-1`: no body).
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateBucketRequest {
    /// The bucket's name.
    #[aws(label, length(min = 3, max = 63))]
    pub bucket: String,
}

/// Output of `CreateBucket`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateBucketOutput {
    /// Where the bucket is (`/name`).
    #[aws(header = "Location")]
    pub location: Option<String>,
}

/// Input of `PutObject`.
#[derive(AwsShape, Debug, Clone, Default)]
pub struct PutObjectRequest {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// The key: any UTF-8; `/` stays a separator, everything else is percent-encoded.
    #[aws(label, length(min = 1))]
    pub key: String,
    /// The object's bytes: from memory, a file or a reader, sent as they are read.
    #[aws(payload)]
    pub body: Option<ByteStream>,
    /// `Content-Type`.
    #[aws(header = "Content-Type")]
    pub content_type: Option<String>,
    /// `Content-Encoding` (`gzip` for a body stored compressed): stored with the object and
    /// sent back with it; the bytes are stored and returned as they are.
    #[aws(header = "Content-Encoding")]
    pub content_encoding: Option<String>,
    /// User metadata, sent as `x-amz-meta-<name>` headers.
    #[aws(prefix_headers = "x-amz-meta-")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// The flexible checksum to send (`CRC32`, `CRC32C`, `CRC64NVME`, `SHA1`, `SHA256`);
    /// unset, the client sends CRC32 (`when_supported`) or none (`when_required`).
    #[aws(header = "x-amz-sdk-checksum-algorithm")]
    pub checksum_algorithm: Option<String>,
}

/// Output of `PutObject`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutObjectOutput {
    /// The entity tag (quoted MD5 for a simple upload).
    #[aws(header = "ETag")]
    pub e_tag: Option<String>,
    /// The object's CRC-32 (base64), when it has one.
    #[aws(header = "x-amz-checksum-crc32")]
    pub checksum_crc32: Option<String>,
    /// Its CRC-32C.
    #[aws(header = "x-amz-checksum-crc32c")]
    pub checksum_crc32c: Option<String>,
    /// Its CRC-64/NVME.
    #[aws(header = "x-amz-checksum-crc64nvme")]
    pub checksum_crc64nvme: Option<String>,
    /// Its SHA-1.
    #[aws(header = "x-amz-checksum-sha1")]
    pub checksum_sha1: Option<String>,
    /// Its SHA-256.
    #[aws(header = "x-amz-checksum-sha256")]
    pub checksum_sha256: Option<String>,
}

/// Input of `GetObject`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetObjectRequest {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// The key.
    #[aws(label)]
    pub key: String,
    /// `ENABLED` asks for the object's checksum, which the client then checks the body
    /// against (set by the client under `when_supported`).
    #[aws(header = "x-amz-checksum-mode")]
    pub checksum_mode: Option<String>,
}

/// Output of `GetObject`.
#[derive(AwsShape, Debug, Clone, Default)]
pub struct GetObjectOutput {
    /// The object's bytes, read from the connection as the caller reads them (checked
    /// against the object's length and checksum when they end).
    #[aws(payload)]
    pub body: Option<ByteStream>,
    /// The entity tag.
    #[aws(header = "ETag")]
    pub e_tag: Option<String>,
    /// The size in bytes.
    #[aws(header = "Content-Length")]
    pub content_length: Option<i64>,
    /// `Content-Type`.
    #[aws(header = "Content-Type")]
    pub content_type: Option<String>,
    /// `Content-Encoding`, as stored (the body is the stored bytes, not decoded).
    #[aws(header = "Content-Encoding")]
    pub content_encoding: Option<String>,
    /// When it was last written (an HTTP date on the wire).
    #[aws(header = "Last-Modified")]
    pub last_modified: Option<Timestamp>,
    /// User metadata from the `x-amz-meta-*` headers.
    #[aws(prefix_headers = "x-amz-meta-")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// The object's CRC-32 (base64), when it has one.
    #[aws(header = "x-amz-checksum-crc32")]
    pub checksum_crc32: Option<String>,
    /// Its CRC-32C.
    #[aws(header = "x-amz-checksum-crc32c")]
    pub checksum_crc32c: Option<String>,
    /// Its CRC-64/NVME.
    #[aws(header = "x-amz-checksum-crc64nvme")]
    pub checksum_crc64nvme: Option<String>,
    /// Its SHA-1.
    #[aws(header = "x-amz-checksum-sha1")]
    pub checksum_sha1: Option<String>,
    /// Its SHA-256.
    #[aws(header = "x-amz-checksum-sha256")]
    pub checksum_sha256: Option<String>,
}

/// Input of `ListObjectsV2`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListObjectsV2Request {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// Only keys that start with this.
    #[aws(query = "prefix")]
    pub prefix: Option<String>,
    /// At most this many keys.
    #[aws(query = "max-keys")]
    pub max_keys: Option<i32>,
    /// Where the previous page stopped.
    #[aws(query = "continuation-token")]
    pub continuation_token: Option<String>,
}

/// Output of `ListObjectsV2`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_name = "ListBucketResult")]
pub struct ListObjectsV2Output {
    /// The bucket.
    pub name: Option<String>,
    /// The prefix asked for.
    pub prefix: Option<String>,
    /// How many keys this page has.
    pub key_count: Option<i32>,
    /// Whether there are more pages.
    pub is_truncated: Option<bool>,
    /// The token of the next page.
    pub next_continuation_token: Option<String>,
    /// The objects (flattened: one `<Contents>` element each).
    #[aws(flattened)]
    pub contents: Option<Vec<Object>>,
}

/// An object in a listing.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Object {
    /// The key.
    pub key: Option<String>,
    /// The size in bytes.
    pub size: Option<i64>,
    /// The entity tag.
    #[aws(rename = "ETag")]
    pub e_tag: Option<String>,
    /// When it was last written (ISO 8601 in the body).
    pub last_modified: Option<Timestamp>,
}

/// Input of `DeleteObject`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DeleteObjectRequest {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// The key.
    #[aws(label)]
    pub key: String,
}

/// Output of `DeleteObject`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DeleteObjectOutput {}

/// Input of `CreateMultipartUpload`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateMultipartUploadRequest {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// The key of the object to be.
    #[aws(label, length(min = 1))]
    pub key: String,
    /// `Content-Type` of the object.
    #[aws(header = "Content-Type")]
    pub content_type: Option<String>,
}

/// Output of `CreateMultipartUpload`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_name = "InitiateMultipartUploadResult")]
pub struct CreateMultipartUploadOutput {
    /// The bucket.
    pub bucket: Option<String>,
    /// The key.
    pub key: Option<String>,
    /// The upload's id, for its parts, completion or abort.
    pub upload_id: Option<String>,
}

/// Input of `UploadPart`.
#[derive(AwsShape, Debug, Clone, Default)]
pub struct UploadPartRequest {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// The key.
    #[aws(label, length(min = 1))]
    pub key: String,
    /// The part's number, 1 to 10,000.
    #[aws(query = "partNumber", range(min = 1, max = 10000))]
    pub part_number: i32,
    /// The upload.
    #[aws(query = "uploadId")]
    pub upload_id: String,
    /// The part's bytes (at least 5 MiB but for the last part).
    #[aws(payload)]
    pub body: Option<ByteStream>,
    /// The flexible checksum to send (CRC32 when unset, under `when_supported`).
    #[aws(header = "x-amz-sdk-checksum-algorithm")]
    pub checksum_algorithm: Option<String>,
}

/// Output of `UploadPart`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct UploadPartOutput {
    /// The part's entity tag, named again to complete the upload.
    #[aws(header = "ETag")]
    pub e_tag: Option<String>,
    /// The part's CRC-32, when it has one.
    #[aws(header = "x-amz-checksum-crc32")]
    pub checksum_crc32: Option<String>,
}

/// Input of `CompleteMultipartUpload`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CompleteMultipartUploadRequest {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// The key.
    #[aws(label, length(min = 1))]
    pub key: String,
    /// The upload.
    #[aws(query = "uploadId")]
    pub upload_id: String,
    /// The parts, in order.
    #[aws(payload, xml_name = "CompleteMultipartUpload")]
    pub multipart_upload: Option<CompletedMultipartUpload>,
}

/// The parts of a completed multipart upload.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CompletedMultipartUpload {
    /// One `<Part>` each.
    #[aws(flattened, rename = "Part")]
    pub parts: Option<Vec<CompletedPart>>,
}

/// One part of a completed multipart upload.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CompletedPart {
    /// The part's entity tag, as `UploadPart` returned it.
    #[aws(rename = "ETag")]
    pub e_tag: Option<String>,
    /// The part's number.
    pub part_number: Option<i32>,
    /// The part's CRC-32, as `UploadPart` returned it.
    #[aws(rename = "ChecksumCRC32")]
    pub checksum_crc32: Option<String>,
}

/// Output of `CompleteMultipartUpload`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_name = "CompleteMultipartUploadResult")]
pub struct CompleteMultipartUploadOutput {
    /// The bucket.
    pub bucket: Option<String>,
    /// The key.
    pub key: Option<String>,
    /// The object's entity tag (`"…-N"` for N parts).
    #[aws(rename = "ETag")]
    pub e_tag: Option<String>,
}

/// Input of `AbortMultipartUpload`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct AbortMultipartUploadRequest {
    /// The bucket.
    #[aws(label)]
    pub bucket: String,
    /// The key.
    #[aws(label, length(min = 1))]
    pub key: String,
    /// The upload.
    #[aws(query = "uploadId")]
    pub upload_id: String,
}

/// Output of `AbortMultipartUpload`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct AbortMultipartUploadOutput {}

/// The key does not exist.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 404))]
pub struct NoSuchKey {
    /// What the service said.
    pub message: Option<String>,
}

/// The bucket does not exist.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 404))]
pub struct NoSuchBucket {
    /// What the service said.
    pub message: Option<String>,
}

/// The errors of the S3 operations modelled here.
#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum S3Error {
    /// The key does not exist.
    NoSuchKey(NoSuchKey),
    /// The bucket does not exist.
    NoSuchBucket(NoSuchBucket),
    /// Any other error, with its code.
    #[aws(unknown)]
    Unknown {
        /// The error code.
        code: String,
        /// The message, if any.
        message: Option<String>,
    },
}

awso::paginator! {
    ListObjectsV2 {
        input_token: "ContinuationToken",
        output_token: "NextContinuationToken",
        more_results: "IsTruncated",
        limit_key: "MaxKeys",
        result_key: "Contents",
    }
}
