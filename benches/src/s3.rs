//! S3 (restXml): a `ListObjectsV2` response with many keys: flattened `Contents`, a default
//! namespace, entities (`&quot;` in ETags), timestamps, 64-bit sizes, enums.

use crate::Rng;
use std::fmt::Write as _;

/// The shapes with `#[derive(AwsShape)]`.
pub mod awso_shapes {
    use awso::{AwsShape, Timestamp};

    /// `ListObjectsV2Output`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(
        xml_name = "ListBucketResult",
        xml_namespace(uri = "http://s3.amazonaws.com/doc/2006-03-01/")
    )]
    pub struct ListObjectsV2Output {
        is_truncated: Option<bool>,
        #[aws(flattened)]
        contents: Option<Vec<Object>>,
        name: Option<String>,
        prefix: Option<String>,
        delimiter: Option<String>,
        max_keys: Option<i32>,
        #[aws(flattened)]
        common_prefixes: Option<Vec<CommonPrefix>>,
        encoding_type: Option<String>,
        key_count: Option<i32>,
        continuation_token: Option<String>,
        next_continuation_token: Option<String>,
        start_after: Option<String>,
    }

    /// `Object`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct Object {
        key: Option<String>,
        last_modified: Option<Timestamp>,
        #[aws(rename = "ETag")]
        e_tag: Option<String>,
        #[aws(flattened)]
        checksum_algorithm: Option<Vec<ChecksumAlgorithm>>,
        checksum_type: Option<String>,
        size: Option<i64>,
        storage_class: Option<ObjectStorageClass>,
        owner: Option<Owner>,
    }

    /// `ChecksumAlgorithm`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    #[aws(rename_all = "UPPERCASE")]
    pub enum ChecksumAlgorithm {
        /// `CRC32`
        Crc32,
        /// `CRC32C`
        Crc32c,
        /// `SHA1`
        Sha1,
        /// `SHA256`
        Sha256,
        /// Any other value.
        #[aws(unknown)]
        Unknown(String),
    }

    /// `ObjectStorageClass`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    #[aws(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum ObjectStorageClass {
        /// `STANDARD`
        Standard,
        /// `STANDARD_IA`
        StandardIa,
        /// `GLACIER`
        Glacier,
        /// `INTELLIGENT_TIERING`
        IntelligentTiering,
        /// Any other value.
        #[aws(unknown)]
        Unknown(String),
    }

    /// `Owner`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct Owner {
        display_name: Option<String>,
        #[aws(rename = "ID")]
        id: Option<String>,
    }

    /// `CommonPrefix`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct CommonPrefix {
        prefix: Option<String>,
    }

    impl ListObjectsV2Output {
        /// How many keys were read.
        pub fn len(&self) -> usize {
            self.contents.as_ref().map_or(0, Vec::len)
        }

        /// Whether no key was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The same shapes with serde's derives, for quick-xml.
pub mod serde_shapes {
    use awso::Timestamp;
    use serde::{Deserialize, Serialize};

    /// `ListObjectsV2Output`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase", rename = "ListBucketResult")]
    pub struct ListObjectsV2Output {
        #[serde(rename = "@xmlns", default, skip_serializing_if = "Option::is_none")]
        xmlns: Option<String>,
        is_truncated: Option<bool>,
        #[serde(default)]
        contents: Vec<Object>,
        name: Option<String>,
        prefix: Option<String>,
        delimiter: Option<String>,
        max_keys: Option<i32>,
        #[serde(default)]
        common_prefixes: Vec<CommonPrefix>,
        encoding_type: Option<String>,
        key_count: Option<i32>,
        continuation_token: Option<String>,
        next_continuation_token: Option<String>,
        start_after: Option<String>,
    }

    /// `Object`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct Object {
        key: Option<String>,
        #[serde(default, with = "crate::serde_with::date_time_opt")]
        last_modified: Option<Timestamp>,
        #[serde(rename = "ETag")]
        e_tag: Option<String>,
        #[serde(default)]
        checksum_algorithm: Vec<ChecksumAlgorithm>,
        checksum_type: Option<String>,
        size: Option<i64>,
        storage_class: Option<ObjectStorageClass>,
        owner: Option<Owner>,
    }

    /// `ChecksumAlgorithm`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[serde(rename_all = "UPPERCASE")]
    pub enum ChecksumAlgorithm {
        /// `CRC32`
        Crc32,
        /// `CRC32C`
        Crc32c,
        /// `SHA1`
        Sha1,
        /// `SHA256`
        Sha256,
        /// Any other value.
        #[serde(other)]
        Unknown,
    }

    /// `ObjectStorageClass`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum ObjectStorageClass {
        /// `STANDARD`
        Standard,
        /// `STANDARD_IA`
        StandardIa,
        /// `GLACIER`
        Glacier,
        /// `INTELLIGENT_TIERING`
        IntelligentTiering,
        /// Any other value.
        #[serde(other)]
        Unknown,
    }

    /// `Owner`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct Owner {
        display_name: Option<String>,
        #[serde(rename = "ID")]
        id: Option<String>,
    }

    /// `CommonPrefix`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct CommonPrefix {
        prefix: Option<String>,
    }

    impl ListObjectsV2Output {
        /// How many keys were read.
        pub fn len(&self) -> usize {
            self.contents.len()
        }

        /// Whether no key was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// A `ListObjectsV2` response body with `n` keys.
pub fn list_objects_v2_body(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x53);
    let mut out = String::with_capacity(n * 420);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>analytics-raw-eu-west-1</Name>\
<Prefix>events/</Prefix><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>\
<KeyCount>{n}</KeyCount><MaxKeys>{n}</MaxKeys><IsTruncated>true</IsTruncated>"
    );
    for i in 0..n {
        let _ = write!(
            out,
            "<Contents><Key>events/2024/{:02}/{:02}/part-{i:05}-{}.snappy.parquet</Key>\
<LastModified>2024-{:02}-{:02}T{:02}:{:02}:{:02}.000Z</LastModified><ETag>&quot;{}&quot;</ETag>\
<ChecksumAlgorithm>{}</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>{}</Size>\
<StorageClass>{}</StorageClass><Owner><DisplayName>data-platform</DisplayName>\
<ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner></Contents>",
            1 + i % 12,
            1 + i % 28,
            rng.uuid(),
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(24),
            rng.below(60),
            rng.below(60),
            rng.hex(32),
            rng.pick(&["CRC32", "CRC32C", "SHA256"]),
            rng.below(5_000_000_000),
            rng.pick(&["STANDARD", "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING"]),
        );
    }
    out.push_str("</ListBucketResult>");
    out.into_bytes()
}
