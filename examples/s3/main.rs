//! S3 over restXml: create a bucket, put objects (with metadata, a key that needs escaping,
//! and a flexible checksum: SHA-256 for the first, the client's default CRC32 for the
//! others), list them, read one back (its checksum checked by the client), see `NoSuchKey`,
//! and presign a GET of an object for anyone to fetch with a plain HTTP client.
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

use awso::operation::OperationError;
use awso::Blob;
use common::Call;
use shapes::*;
use std::collections::BTreeMap;
use std::error::Error;

/// What the workflow saw.
#[derive(Debug)]
pub struct Report {
    /// The keys `ListObjectsV2` returned under the prefix `docs`.
    pub listed: Vec<String>,
    /// The listing's sizes, in the same order.
    pub sizes: Vec<i64>,
    /// The object read back.
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
                body: Some(Blob::from(CONTENT)),
                content_type: Some("application/octet-stream".into()),
                metadata: Some(BTreeMap::from([("owner".to_string(), "awso".to_string())])),
                // The client computes the checksum the input names (CRC32 when none).
                checksum_algorithm: (i == 0).then(|| "SHA256".into()),
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
    let object = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: bucket.into(),
            key: keys[0].into(),
            ..Default::default()
        })
        .await?;
    // The client asked for the object's checksum and checked the body against it.
    println!(
        "got {:?}: {} bytes, metadata {:?}, SHA-256 {:?} (checked)",
        keys[0],
        object.body.as_ref().map_or(0, |b| b.as_bytes().len()),
        object.metadata,
        object.checksum_sha256
    );
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
        body: Some(Blob::from(&b"shared with a presigned URL"[..])),
        ..Default::default()
    };
    let fifteen_minutes = std::time::Duration::from_secs(900);
    if common::is_async() {
        let client = awso::Client::from_env()?;
        common::on_tokio(async {
            run(&client, bucket, &keys).await?;
            client.call::<PutObject>(&share).await?;
            let presigned = client
                .presign::<GetObject>(&shared_object(bucket), fifteen_minutes)
                .await?;
            print_presigned(&presigned);
            Ok::<_, Box<dyn Error>>(())
        })?;
    } else {
        let client = awso::blocking::Client::from_env()?;
        common::blocking(run(&client, bucket, &keys))?;
        client.call::<PutObject>(&share)?;
        let presigned = client.presign::<GetObject>(&shared_object(bucket), fifteen_minutes)?;
        print_presigned(&presigned);
    }
    Ok(())
}
