//! S3 over restXml: create a bucket, put objects (with metadata, a key that needs escaping,
//! and a flexible checksum: SHA-256 for the first, the client's default CRC32 for the
//! others), list them, read one back (its checksum checked by the client), see `NoSuchKey`,
//! stream objects both ways (from a file and from a reader, read back as they arrive),
//! upload a file in parts (multipart upload, each part streamed from its range of the
//! file), and presign a GET of an object for anyone to fetch with a plain HTTP client.
//!
//! Credentials, region and endpoint come from the environment and `~/.aws`. Against a local
//! moto (`moto_server -p 5000`):
//!
//! ```sh
//! AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=us-east-1 \
//! AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test cargo run --example s3
//! ```
//!
//! `cargo run --example s3 -- --async` runs the same workflow on the async client
//! (reqwest on tokio) instead of the blocking one.

#[path = "shapes.rs"]
pub mod shapes;

#[path = "../common/mod.rs"]
pub mod common;

use awso::checksum::ChecksumAlgorithm;
use awso::operation::OperationError;
use awso::ByteStream;
use common::Call;
use shapes::*;
use std::collections::BTreeMap;
use std::error::Error;
use std::path::Path;

/// What the workflow saw.
#[derive(Debug)]
pub struct Report {
    /// The keys `ListObjectsV2` returned under the prefix `docs`.
    pub listed: Vec<String>,
    /// The listing's sizes, in the same order.
    pub sizes: Vec<i64>,
    /// The object read back (its body read whole, held as bytes).
    pub object: GetObjectOutput,
    /// The error of a `GetObject` for a key that does not exist.
    pub missing: OperationError<S3Error>,
}

/// The bytes every object holds.
pub const CONTENT: &[u8] = b"hello \x00 binary \xff world";

/// Runs the workflow on bucket `bucket` with objects named `keys` (all under `docs`); reads
/// `keys[0]` back.
pub async fn run(
    client: &impl Call,
    bucket: &str,
    keys: &[&str],
) -> Result<Report, Box<dyn Error>> {
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: bucket.into(),
        })
        .await?;
    println!("created bucket {bucket}");
    for (i, key) in keys.iter().enumerate() {
        let put = client
            .call::<PutObject>(&PutObjectRequest {
                bucket: bucket.into(),
                key: (*key).into(),
                body: Some(ByteStream::from_static(CONTENT)),
                content_type: Some("application/octet-stream".into()),
                metadata: Some(BTreeMap::from([("owner".to_string(), "awso".to_string())])),
                // The client computes the checksum the input names (CRC32 when none).
                checksum_algorithm: (i == 0).then(|| "SHA256".into()),
                ..Default::default()
            })
            .await?;
        println!(
            "put {key:?}: ETag {}, SHA-256 {:?}, CRC32 {:?}",
            put.e_tag.unwrap_or_default(),
            put.checksum_sha256,
            put.checksum_crc32
        );
    }
    let listing = client
        .call::<ListObjectsV2>(&ListObjectsV2Request {
            bucket: bucket.into(),
            // moto rejects signatures of query values with `/`, so the prefix has none.
            prefix: Some("docs".into()),
            max_keys: Some(100),
            continuation_token: None,
        })
        .await?;
    let contents = listing.contents.unwrap_or_default();
    let listed: Vec<String> = contents.iter().filter_map(|o| o.key.clone()).collect();
    let sizes = contents.iter().filter_map(|o| o.size).collect();
    println!("listed {listed:?}");
    let mut object = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: keys[0].into(),
            ..Default::default()
        })
        .await?;
    // The body streams from the connection; reading it to its end checks it against the
    // object's checksum (the client asked for it) and length.
    let bytes = object.body.take().unwrap_or_default().collect().await?;
    println!(
        "got {:?}: {} bytes, metadata {:?}, SHA-256 {:?} (checked)",
        keys[0],
        bytes.len(),
        object.metadata,
        object.checksum_sha256
    );
    object.body = Some(ByteStream::from(bytes));
    let missing = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: "docs/no such key".into(),
            ..Default::default()
        })
        .await
        .err()
        .ok_or("GetObject found a key that should not exist")?;
    println!("GetObject of a missing key: {missing}");
    for key in keys {
        client
            .call::<DeleteObject>(&DeleteObjectRequest {
                bucket: bucket.into(),
                key: (*key).into(),
            })
            .await?;
    }
    Ok(Report {
        listed,
        sizes,
        object,
        missing,
    })
}

/// What [`stream_objects`] sent and read back: per key, the bytes read and their CRC-32.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streamed {
    /// The object's key.
    pub key: String,
    /// The bytes read back.
    pub read: u64,
    /// The CRC-32 of what was read back (base64, as S3 writes checksums).
    pub crc32: String,
}

/// Streams objects both ways: `path` (a file, read as it is sent; signed with its SHA-256,
/// read once before) and `len` bytes of a reader (one-shot: sent in signed aws-chunked
/// chunks over plain HTTP, with a trailing checksum over HTTPS), each read back piece by
/// piece as it arrives, never whole in memory.
pub async fn stream_objects(
    client: &impl Call,
    bucket: &str,
    path: &Path,
    len: u64,
) -> Result<Vec<Streamed>, Box<dyn Error>> {
    let from_reader = std::io::Read::take(std::io::repeat(b'r'), len);
    let uploads = [
        ("streamed/from-file.bin", ByteStream::from_path(path)?),
        (
            "streamed/from-reader.bin",
            ByteStream::from_reader_with_length(from_reader, len),
        ),
    ];
    let mut streamed = Vec::new();
    for (key, body) in uploads {
        client
            .call::<PutObject>(&PutObjectRequest {
                bucket: bucket.into(),
                key: key.into(),
                body: Some(body),
                ..Default::default()
            })
            .await?;
        let object = client
            .call::<GetObject>(&GetObjectRequest {
                bucket: bucket.into(),
                key: key.into(),
                ..Default::default()
            })
            .await?;
        let mut body = object.body.unwrap_or_default();
        let (mut read, mut crc) = (0, ChecksumAlgorithm::Crc32.hasher());
        while let Some(piece) = body.next().await {
            let piece = piece?;
            read += piece.len() as u64;
            crc.update(&piece);
        }
        let crc = crc.finish();
        println!("streamed {key:?}: {read} bytes up and down, CRC-32 {crc}");
        streamed.push(Streamed {
            key: key.into(),
            read,
            crc32: crc,
        });
    }
    Ok(streamed)
}

/// The smallest part S3 takes, but for the last one: 5 MiB.
pub const MIN_PART_SIZE: u64 = 5 << 20;

/// A multipart upload that failed after it started, and what became of its abort.
#[derive(Debug)]
pub struct MultipartFailed {
    /// The upload's id.
    pub upload_id: String,
    /// Why it failed.
    pub error: Box<dyn Error>,
    /// Whether `AbortMultipartUpload` freed its parts (`Err` says why not).
    pub aborted: Result<(), Box<dyn Error>>,
}

impl std::fmt::Display for MultipartFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "multipart upload {} failed: {}; ",
            self.upload_id, self.error
        )?;
        match &self.aborted {
            Ok(()) => f.write_str("aborted, its parts freed"),
            Err(e) => write!(f, "and aborting it failed too: {e}"),
        }
    }
}

impl Error for MultipartFailed {}

/// Uploads the file at `path` to `key` in parts of `part_size` bytes (S3 wants at least
/// [`MIN_PART_SIZE`] but for the last), each part streamed from its range of the file:
/// `CreateMultipartUpload`, `UploadPart` per part (with a CRC-32 checksum), then
/// `CompleteMultipartUpload` naming the parts. Once the upload has started, a failure aborts
/// it (`AbortMultipartUpload`) so no parts are left to pay for ([`MultipartFailed`]).
pub async fn multipart_upload(
    client: &impl Call,
    bucket: &str,
    key: &str,
    path: &Path,
    part_size: u64,
) -> Result<CompleteMultipartUploadOutput, Box<dyn Error>> {
    let size = std::fs::metadata(path)?.len();
    let created = client
        .call::<CreateMultipartUpload>(&CreateMultipartUploadRequest {
            bucket: bucket.into(),
            key: key.into(),
            ..Default::default()
        })
        .await?;
    let upload_id = created
        .upload_id
        .ok_or("CreateMultipartUpload returned no upload id")?;
    let parts = async {
        let mut parts = Vec::new();
        let mut offset = 0;
        while offset < size || parts.is_empty() {
            let len = part_size.max(1).min(size - offset);
            let number = parts.len() as i32 + 1;
            let part = client
                .call::<UploadPart>(&UploadPartRequest {
                    bucket: bucket.into(),
                    key: key.into(),
                    part_number: number,
                    upload_id: upload_id.clone(),
                    body: Some(ByteStream::from_file_range(path, offset, len)?),
                    ..Default::default()
                })
                .await?;
            parts.push(CompletedPart {
                e_tag: part.e_tag,
                part_number: Some(number),
                checksum_crc32: part.checksum_crc32,
            });
            offset += len;
        }
        client
            .call::<CompleteMultipartUpload>(&CompleteMultipartUploadRequest {
                bucket: bucket.into(),
                key: key.into(),
                upload_id: upload_id.clone(),
                multipart_upload: Some(CompletedMultipartUpload { parts: Some(parts) }),
            })
            .await
            .map_err(Box::<dyn Error>::from)
    };
    match parts.await {
        Ok(done) => {
            println!("uploaded {key:?} in parts: ETag {:?}", done.e_tag);
            Ok(done)
        }
        Err(error) => {
            let aborted = client
                .call::<AbortMultipartUpload>(&AbortMultipartUploadRequest {
                    bucket: bucket.into(),
                    key: key.into(),
                    upload_id: upload_id.clone(),
                })
                .await
                .map(drop)
                .map_err(Box::<dyn Error>::from);
            Err(Box::new(MultipartFailed {
                upload_id,
                error,
                aborted,
            }))
        }
    }
}

/// The object a presigned URL shares.
pub fn shared_object(bucket: &str) -> GetObjectRequest {
    GetObjectRequest {
        bucket: bucket.into(),
        key: "shared.txt".into(),
        ..Default::default()
    }
}

/// What anyone can do with a presigned request: no credentials, no awso, e.g. `curl`.
fn print_presigned(presigned: &awso::presign::PresignedRequest) {
    println!(
        "for 15 minutes, anyone can run: curl -X {} '{}'",
        presigned.method, presigned.uri
    );
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn Error>> {
    let keys = ["docs/read me #1?.txt", "docs/nested/z.bin"];
    let bucket = "awso-example-bucket";
    let share = PutObjectRequest {
        bucket: bucket.into(),
        key: "shared.txt".into(),
        body: Some(ByteStream::from_static(b"shared with a presigned URL")),
        ..Default::default()
    };
    let fifteen_minutes = std::time::Duration::from_secs(900);
    // A file of 11 MiB to stream and to upload in three parts.
    let path =
        Scratch(std::env::temp_dir().join(format!("awso-s3-example-{}.bin", std::process::id())));
    let data: Vec<u8> = (0..11u32 << 20).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path.0, &data)?;
    drop(data);
    let path = &path.0;
    if common::is_async() {
        let client = awso::Client::from_env()?;
        common::on_tokio(async {
            run(&client, bucket, &keys).await?;
            stream_objects(&client, bucket, path, 3 << 20).await?;
            multipart_upload(&client, bucket, "multipart.bin", path, MIN_PART_SIZE).await?;
            client.call::<PutObject>(&share).await?;
            let presigned = client
                .presign::<GetObject>(&shared_object(bucket), fifteen_minutes)
                .await?;
            print_presigned(&presigned);
            Ok::<_, Box<dyn Error>>(())
        })
    } else {
        let client = awso::blocking::Client::from_env()?;
        common::blocking(async {
            run(&client, bucket, &keys).await?;
            stream_objects(&client, bucket, path, 3 << 20).await?;
            multipart_upload(&client, bucket, "multipart.bin", path, MIN_PART_SIZE).await?;
            Ok::<_, Box<dyn Error>>(())
        })
        .and_then(|()| {
            client.call::<PutObject>(&share)?;
            let presigned = client.presign::<GetObject>(&shared_object(bucket), fifteen_minutes)?;
            print_presigned(&presigned);
            Ok(())
        })
    }
}

/// A file of the example's, removed when it is done (whether it succeeded or not).
struct Scratch(std::path::PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
