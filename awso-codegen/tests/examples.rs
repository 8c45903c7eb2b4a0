//! The examples' workflows on generated shapes: the operations each example under
//! `examples/` calls (SQS, S3, DynamoDB, EC2, STS, and IAM to set moto up) are generated
//! from botocore's models by awso-codegen, untouched, into one scratch crate whose binary runs
//! a compact version of every workflow (create, put, get, list, delete, a modelled error)
//! against moto with signatures that moto verifies; the generated paginators of DynamoDB
//! `Query` and S3 `ListObjectsV2` page through moto's answers one item at a time, the
//! generated waiters of DynamoDB (`TableExists`, `TableNotExists`) and EC2
//! (`InstanceRunning`, `InstanceTerminated`, and `InstanceRunning` failing) wait on it, and S3
//! `PutObject` and `GetObject` carry the model's flexible checksums (`httpChecksum`) and stream
//! their bodies (the streaming blob payload is an `awso::ByteStream`: from a file, from a
//! reader, read back piece by piece).
//!
//! ```sh
//! cargo test -p awso-codegen --test examples -- --nocapture
//! ```

// tests/common/moto.rs brings its own copy of the Python module that `shared` uses too.
#![allow(clippy::duplicate_mod)]

mod shared;

#[allow(dead_code)] // the test uses part of the shared module
#[path = "../../tests/common/moto.rs"]
mod moto;

use awso_codegen::{generate, Options};
use shared::{botocore_data, load, scratch};

/// (botocore service, the operations the example calls).
const EXAMPLES: &[(&str, &[&str])] = &[
    // Bootstraps moto's user, key and policy (tests/e2e/workflows.rs does it by hand).
    ("iam", &["CreateUser", "CreateAccessKey", "PutUserPolicy"]),
    ("sts", &["GetCallerIdentity"]),
    (
        "sqs",
        &[
            "CreateQueue",
            "GetQueueUrl",
            "SendMessage",
            "ReceiveMessage",
            "DeleteMessage",
            "DeleteQueue",
        ],
    ),
    (
        "dynamodb",
        &[
            "CreateTable",
            "DescribeTable",
            "PutItem",
            "GetItem",
            "Query",
            "DeleteTable",
        ],
    ),
    (
        "s3",
        &[
            "CreateBucket",
            "PutObject",
            "GetObject",
            "ListObjectsV2",
            "DeleteObject",
        ],
    ),
    (
        "ec2",
        &["RunInstances", "DescribeInstances", "TerminateInstances"],
    ),
];

/// The workflows, written against the generated types as a user would write them.
const WORKFLOWS: &str = r###"//! The examples' workflows on generated shapes, against the moto server at the URL given.
use awso::operation::OperationError;
use awso::blocking::Client;
use awso::{AwsError, Blob, ByteStream, Credentials};
use codegen_check_examples::{dynamodb, ec2, iam, s3, sqs, sts};
use std::collections::BTreeMap;
use std::error::Error;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The longest a generated waiter may take against moto, whose resources change state at once.
const WAIT: std::time::Duration = std::time::Duration::from_secs(60);

fn check(ok: bool, what: &str) -> Result<()> {
    if ok { Ok(()) } else { Err(format!("check failed: {what}").into()) }
}

fn expect_error<T: std::fmt::Debug, E: AwsError>(
    result: std::result::Result<T, OperationError<E>>,
    what: &str,
) -> Result<E> {
    match result {
        Err(OperationError::Service { error, .. }) => Ok(error),
        other => Err(format!("{what}: expected a service error, got {other:?}").into()),
    }
}

const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

fn main() -> Result<()> {
    let url = std::env::args().nth(1).ok_or("usage: codegen-check-examples MOTO_URL")?;
    error_correction()?;

    // The three requests moto takes unsigned: a user, its key and an allow-all policy.
    let bootstrap = Client::new(Credentials::new("AKIDEXAMPLE", "bootstrap", None), "us-east-1")
        .with_endpoint(&url);
    let user = bootstrap
        .call::<iam::CreateUser>(&iam::CreateUserRequest {
            user_name: "awso-gen".into(),
            ..Default::default()
        })?
        .user
        .ok_or("CreateUser returned no user")?;
    check(user.arn.ends_with(":user/awso-gen"), "the user's ARN")?;
    let key = bootstrap
        .call::<iam::CreateAccessKey>(&iam::CreateAccessKeyRequest {
            user_name: Some("awso-gen".into()),
        })?
        .access_key;
    check(key.status == iam::StatusType::Active, "the key is active")?;
    bootstrap.call::<iam::PutUserPolicy>(&iam::PutUserPolicyRequest {
        user_name: "awso-gen".into(),
        policy_name: "everything".into(),
        policy_document: POLICY.into(),
    })?;

    // From here on moto checks every signature.
    let client = Client::new(
        Credentials::new(key.access_key_id.clone(), key.secret_access_key.clone(), None),
        "us-east-1",
    )
    .with_endpoint(&url);
    let me = client.call::<sts::GetCallerIdentity>(&sts::GetCallerIdentityRequest {})?;
    check(me.arn.as_deref() == Some(user.arn.as_str()), "GetCallerIdentity's ARN")?;
    let forged = Client::new(Credentials::new(key.access_key_id.clone(), "not-the-secret", None), "us-east-1")
        .with_endpoint(&url);
    let refused = expect_error(
        forged.call::<sts::GetCallerIdentity>(&sts::GetCallerIdentityRequest {}),
        "a forged signature",
    )?;
    check(refused.code() == "SignatureDoesNotMatch", "a forged signature is refused")?;
    println!("sts: ok");

    run_sqs(&client)?;
    println!("sqs: ok");
    run_dynamodb(&client)?;
    println!("dynamodb: ok");
    run_s3(&client)?;
    println!("s3: ok");
    run_ec2(&client)?;
    println!("ec2: ok");
    Ok(())
}

/// Required response members a service leaves out are filled with their zero value.
fn error_correction() -> Result<()> {
    let key: dynamodb::KeySchemaElement = awso::json::from_slice(b"{}")?;
    check(key.attribute_name.is_empty(), "a missing required string is empty")?;
    check(key.key_type == dynamodb::KeyType::Unknown(String::new()), "a missing required enum")?;
    let value: sqs::MessageAttributeValue = awso::json::from_slice(br#"{"StringValue":"7"}"#)?;
    check(value.data_type.is_empty() && value.string_value.as_deref() == Some("7"), "DataType")?;
    Ok(())
}

fn run_sqs(client: &Client) -> Result<()> {
    let queue_url = client
        .call::<sqs::CreateQueue>(&sqs::CreateQueueRequest {
            queue_name: "awso-gen".into(),
            attributes: Some(BTreeMap::from([("VisibilityTimeout".into(), "30".into())])),
            ..Default::default()
        })?
        .queue_url
        .ok_or("CreateQueue returned no QueueUrl")?;
    let avatar = [0u8, 1, 2, 254, 255];
    let sent = client.call::<sqs::SendMessage>(&sqs::SendMessageRequest {
        queue_url: queue_url.clone(),
        message_body: "player-1 joined gsess-1 ✓".into(),
        message_attributes: Some(BTreeMap::from([
            (
                "level".to_string(),
                sqs::MessageAttributeValue {
                    string_value: Some("7".into()),
                    data_type: "Number".into(),
                    ..Default::default()
                },
            ),
            (
                "avatar".to_string(),
                sqs::MessageAttributeValue {
                    binary_value: Some(Blob::from(avatar.to_vec())),
                    data_type: "Binary".into(),
                    ..Default::default()
                },
            ),
        ])),
        ..Default::default()
    })?;
    let received = client
        .call::<sqs::ReceiveMessage>(&sqs::ReceiveMessageRequest {
            queue_url: queue_url.clone(),
            max_number_of_messages: Some(1),
            wait_time_seconds: Some(1),
            message_attribute_names: Some(vec!["All".into()]),
            message_system_attribute_names: Some(vec![sqs::MessageSystemAttributeName::All]),
            ..Default::default()
        })?
        .messages
        .unwrap_or_default()
        .into_iter()
        .next()
        .ok_or("no message received")?;
    check(received.body.as_deref() == Some("player-1 joined gsess-1 ✓"), "the body")?;
    check(received.message_id == sent.message_id, "the message ID")?;
    check(received.md5_of_body == sent.md5_of_message_body, "the body's MD5")?;
    let attributes = received.message_attributes.as_ref().ok_or("no message attributes")?;
    check(attributes["level"].data_type == "Number", "level's type")?;
    check(attributes["level"].string_value.as_deref() == Some("7"), "level")?;
    check(
        attributes["avatar"].binary_value.as_ref().map(|b| b.as_bytes()) == Some(&avatar[..]),
        "avatar",
    )?;
    let system = received.attributes.as_ref().ok_or("no system attributes")?;
    check(system.get("ApproximateReceiveCount").map(String::as_str) == Some("1"), "receive count")?;
    client.call::<sqs::DeleteMessage>(&sqs::DeleteMessageRequest {
        queue_url: queue_url.clone(),
        receipt_handle: received.receipt_handle.clone().ok_or("no receipt handle")?,
    })?;
    client.call::<sqs::DeleteQueue>(&sqs::DeleteQueueRequest { queue_url })?;
    let missing = expect_error(
        client.call::<sqs::GetQueueUrl>(&sqs::GetQueueUrlRequest {
            queue_name: "awso-gen-does-not-exist".into(),
            ..Default::default()
        }),
        "GetQueueUrl of a missing queue",
    )?;
    check(
        matches!(missing, sqs::GetQueueUrlError::QueueDoesNotExist(_)),
        &format!("QueueDoesNotExist, not {missing:?}"),
    )
}

fn s(v: &str) -> dynamodb::AttributeValue {
    dynamodb::AttributeValue { s: Some(v.into()), ..Default::default() }
}

fn n(v: i64) -> dynamodb::AttributeValue {
    dynamodb::AttributeValue { n: Some(v.to_string()), ..Default::default() }
}

fn score(player: &str, at: i64, points: i64) -> BTreeMap<String, dynamodb::AttributeValue> {
    use dynamodb::AttributeValue as V;
    BTreeMap::from([
        ("player".to_string(), s(player)),
        ("at".to_string(), n(at)),
        ("points".to_string(), n(points)),
        ("replay".to_string(), V { b: Some(Blob::from(vec![0u8, at as u8, 255])), ..Default::default() }),
        (
            "details".to_string(),
            V {
                m: Some(BTreeMap::from([
                    ("tags".to_string(), V { ss: Some(vec!["ranked".into(), "eu".into()]), ..Default::default() }),
                    ("verified".to_string(), V { bool: Some(at % 2 == 0), ..Default::default() }),
                    (
                        "rounds".to_string(),
                        V { l: Some(vec![n(points / 2), V { null: Some(true), ..Default::default() }]), ..Default::default() },
                    ),
                ])),
                ..Default::default()
            },
        ),
    ])
}

fn run_dynamodb(client: &Client) -> Result<()> {
    use dynamodb::{AttributeDefinition, KeySchemaElement, KeyType, ScalarAttributeType};
    let table = "awso-gen-scores";
    let created = client.call::<dynamodb::CreateTable>(&dynamodb::CreateTableInput {
        table_name: table.into(),
        attribute_definitions: Some(vec![
            AttributeDefinition { attribute_name: "player".into(), attribute_type: ScalarAttributeType::S },
            AttributeDefinition { attribute_name: "at".into(), attribute_type: ScalarAttributeType::N },
        ]),
        key_schema: Some(vec![
            KeySchemaElement { attribute_name: "player".into(), key_type: KeyType::Hash },
            KeySchemaElement { attribute_name: "at".into(), key_type: KeyType::Range },
        ]),
        billing_mode: Some(dynamodb::BillingMode::PayPerRequest),
        ..Default::default()
    })?;
    let description = created.table_description.ok_or("no table description")?;
    // The generated waiter: moto's tables are active at once.
    let describe = dynamodb::DescribeTableInput { table_name: table.into() };
    let waited = client.wait::<dynamodb::TableExists>(&describe, WAIT)?;
    check(waited.index == 0, "TableExists ends on its success acceptor")?;
    check(description.table_name.as_deref() == Some(table), "the table's name")?;
    check(
        description.key_schema.as_ref().and_then(|k| k.first()).map(|k| &k.key_type) == Some(&KeyType::Hash),
        "the key schema",
    )?;
    let written: Vec<_> = (1..=3).map(|at| score("player-1", at, at * 100)).collect();
    for item in written.iter().chain([&score("player-2", 1, 5)]) {
        client.call::<dynamodb::PutItem>(&dynamodb::PutItemInput {
            table_name: table.into(),
            item: item.clone(),
            ..Default::default()
        })?;
    }
    let got = client
        .call::<dynamodb::GetItem>(&dynamodb::GetItemInput {
            table_name: table.into(),
            key: BTreeMap::from([("player".to_string(), s("player-1")), ("at".to_string(), n(2))]),
            consistent_read: Some(true),
            ..Default::default()
        })?
        .item;
    check(got.as_ref() == Some(&written[1]), &format!("GetItem: {got:?}"))?;
    let query = dynamodb::QueryInput {
        table_name: table.into(),
        key_condition_expression: Some("player = :p AND #at > :from".into()),
        expression_attribute_names: Some(BTreeMap::from([("#at".to_string(), "at".to_string())])),
        expression_attribute_values: Some(BTreeMap::from([
            (":p".to_string(), s("player-1")),
            (":from".to_string(), n(0)),
        ])),
        scan_index_forward: Some(false),
        ..Default::default()
    };
    let queried = client.call::<dynamodb::Query>(&query)?;
    let newest_first: Vec<_> = written.iter().rev().cloned().collect();
    check(queried.items.as_ref() == Some(&newest_first), "Query's items, newest first")?;
    check(queried.count == Some(3), "Query's count")?;
    // The generated paginator: one item a page, LastEvaluatedKey back as ExclusiveStartKey.
    let paged: Vec<BTreeMap<String, dynamodb::AttributeValue>> = client
        .paginate::<dynamodb::Query>(query.clone())
        .page_size(1)
        .items()
        .collect::<std::result::Result<_, _>>()?;
    check(paged == newest_first, "Query's items page by page")?;
    let pages = client.paginate::<dynamodb::Query>(query).page_size(1).count();
    check(pages >= 3, &format!("{pages} pages of one item"))?;
    let conflict = expect_error(
        client.call::<dynamodb::PutItem>(&dynamodb::PutItemInput {
            table_name: table.into(),
            item: written[0].clone(),
            condition_expression: Some("attribute_not_exists(player)".into()),
            ..Default::default()
        }),
        "a conditional PutItem",
    )?;
    check(
        matches!(conflict, dynamodb::PutItemError::ConditionalCheckFailedException(_)),
        &format!("ConditionalCheckFailedException, not {conflict:?}"),
    )?;
    client.call::<dynamodb::DeleteTable>(&dynamodb::DeleteTableInput { table_name: table.into() })?;
    // Success on the error ResourceNotFoundException.
    client.wait::<dynamodb::TableNotExists>(&describe, WAIT)?;
    let missing = expect_error(
        client.call::<dynamodb::GetItem>(&dynamodb::GetItemInput {
            table_name: table.into(),
            key: BTreeMap::from([("player".to_string(), s("player-1")), ("at".to_string(), n(2))]),
            ..Default::default()
        }),
        "GetItem on a deleted table",
    )?;
    check(
        matches!(missing, dynamodb::GetItemError::ResourceNotFoundException(_)),
        &format!("ResourceNotFoundException, not {missing:?}"),
    )
}

const CONTENT: &[u8] = b"hello \x00 binary \xff world";

fn run_s3(client: &Client) -> Result<()> {
    let bucket = "awso-gen-bucket";
    client.call::<s3::CreateBucket>(&s3::CreateBucketRequest {
        bucket: bucket.into(),
        ..Default::default()
    })?;
    // moto's signature check rejects keys with `+ = & : @` or non-ASCII letters.
    let keys = ["docs/read me #1?.txt", "docs/nested/z.bin"];
    // The body is the model's streaming blob, an `awso::ByteStream`: one object from a file
    // (signed with its SHA-256), one from a reader (signed aws-chunked chunks).
    let file = std::env::temp_dir().join(format!("awso-gen-body-{}", std::process::id()));
    std::fs::write(&file, CONTENT)?;
    let bodies = [
        ByteStream::from_path(&file)?,
        ByteStream::from_reader_with_length(std::io::Cursor::new(CONTENT), CONTENT.len() as u64),
    ];
    for (key, body) in keys.into_iter().zip(bodies) {
        let put = client.call::<s3::PutObject>(&s3::PutObjectRequest {
            bucket: bucket.into(),
            key: key.into(),
            body: Some(body),
            content_type: Some("application/octet-stream".into()),
            metadata: Some(BTreeMap::from([("owner".to_string(), "awso".to_string())])),
            ..Default::default()
        })?;
        check(put.e_tag.is_some(), "PutObject's ETag")?;
    }
    std::fs::remove_file(&file)?;
    let listing = client.call::<s3::ListObjectsV2>(&s3::ListObjectsV2Request {
        bucket: bucket.into(),
        prefix: Some("docs".into()),
        max_keys: Some(100),
        ..Default::default()
    })?;
    let contents = listing.contents.unwrap_or_default();
    let listed: Vec<_> = contents.iter().filter_map(|o| o.key.as_deref()).collect();
    check(listed == ["docs/nested/z.bin", "docs/read me #1?.txt"], &format!("listed {listed:?}"))?;
    // The generated paginator: a key a page, NextContinuationToken back as ContinuationToken.
    let paged: Vec<String> = client
        .paginate::<s3::ListObjectsV2>(s3::ListObjectsV2Request {
            bucket: bucket.into(),
            prefix: Some("docs".into()),
            ..Default::default()
        })
        .page_size(1)
        .items::<s3::Object>()
        .map(|o| o.map(|o| o.key.unwrap_or_default()))
        .collect::<std::result::Result<_, _>>()?;
    check(paged == listed, &format!("listed page by page: {paged:?}"))?;
    check(contents.iter().all(|o| o.size == Some(CONTENT.len() as i64)), "the sizes")?;
    for key in keys {
        // Returned at the response's head; the body read piece by piece from the connection.
        let mut object = client.call::<s3::GetObject>(&s3::GetObjectRequest {
            bucket: bucket.into(),
            key: key.into(),
            ..Default::default()
        })?;
        let mut body = object.body.take().ok_or("GetObject without a body")?;
        let mut read = Vec::new();
        while let Some(piece) = body.next_blocking() {
            read.extend_from_slice(&piece?);
        }
        check(read == CONTENT, &format!("the body of {key}"))?;
    }
    let object = client.call::<s3::GetObject>(&s3::GetObjectRequest {
        bucket: bucket.into(),
        key: keys[0].into(),
        ..Default::default()
    })?;
    check(object.content_length == Some(CONTENT.len() as i64), "Content-Length")?;
    check(object.metadata.as_ref().and_then(|m| m.get("owner")).map(String::as_str) == Some("awso"), "metadata")?;
    check(object.last_modified.is_some(), "Last-Modified")?;
    let missing = expect_error(
        client.call::<s3::GetObject>(&s3::GetObjectRequest {
            bucket: bucket.into(),
            key: "docs/no such key".into(),
            ..Default::default()
        }),
        "GetObject of a missing key",
    )?;
    check(matches!(missing, s3::GetObjectError::NoSuchKey(_)), &format!("NoSuchKey, not {missing:?}"))?;
    for key in keys {
        client.call::<s3::DeleteObject>(&s3::DeleteObjectRequest {
            bucket: bucket.into(),
            key: key.into(),
            ..Default::default()
        })?;
    }
    Ok(())
}

fn run_ec2(client: &Client) -> Result<()> {
    let tag = |k: &str, v: &str| ec2::Tag { key: Some(k.into()), value: Some(v.into()) };
    let launched = client.call::<ec2::RunInstances>(&ec2::RunInstancesRequest {
        image_id: Some("ami-12c6146b".into()),
        instance_type: Some(ec2::InstanceType::T3Micro),
        min_count: 2,
        max_count: 2,
        tag_specifications: Some(vec![ec2::TagSpecification {
            resource_type: Some(ec2::ResourceType::Instance),
            tags: Some(vec![tag("game", "chess"), tag("Name", "awso generated")]),
        }]),
        ..Default::default()
    })?;
    check(launched.reservation_id.as_deref().is_some_and(|r| r.starts_with("r-")), "the reservation")?;
    let mut ids: Vec<String> =
        launched.instances.iter().flatten().filter_map(|i| i.instance_id.clone()).collect();
    check(ids.len() == 2, "two instances")?;
    let these = ec2::DescribeInstancesRequest { instance_ids: Some(ids.clone()), ..Default::default() };
    let running = client.wait::<ec2::InstanceRunning>(&these, WAIT)?;
    check(running.index == 0, "InstanceRunning: every instance running (pathAll)")?;
    let described: Vec<ec2::Instance> = client
        .call::<ec2::DescribeInstances>(&ec2::DescribeInstancesRequest {
            filters: Some(vec![
                ec2::Filter { name: Some("tag:game".into()), values: Some(vec!["chess".into()]) },
                ec2::Filter {
                    name: Some("instance-state-name".into()),
                    values: Some(vec!["pending".into(), "running".into()]),
                },
            ]),
            ..Default::default()
        })?
        .reservations
        .into_iter()
        .flatten()
        .flat_map(|r| r.instances.unwrap_or_default())
        .collect();
    let mut found: Vec<String> = described.iter().filter_map(|i| i.instance_id.clone()).collect();
    ids.sort();
    found.sort();
    check(found == ids, &format!("described {found:?}, launched {ids:?}"))?;
    for instance in &described {
        check(instance.image_id.as_deref() == Some("ami-12c6146b"), "the image")?;
        check(instance.instance_type == Some(ec2::InstanceType::T3Micro), "the instance type")?;
        check(instance.launch_time.is_some(), "the launch time")?;
        let tags: BTreeMap<_, _> = instance
            .tags
            .iter()
            .flatten()
            .filter_map(|t| Some((t.key.clone()?, t.value.clone()?)))
            .collect();
        check(tags.get("game").map(String::as_str) == Some("chess"), "the game tag")?;
    }
    let terminated = client.call::<ec2::TerminateInstances>(&ec2::TerminateInstancesRequest {
        instance_ids: ids,
        ..Default::default()
    })?;
    let changes = terminated.terminating_instances.unwrap_or_default();
    check(changes.len() == 2, "two instances terminating")?;
    check(
        changes.iter().all(|c| {
            matches!(
                c.current_state.as_ref().and_then(|s| s.name.as_ref()),
                Some(ec2::InstanceStateName::ShuttingDown | ec2::InstanceStateName::Terminated)
            )
        }),
        "shutting down",
    )?;
    client.wait::<ec2::InstanceTerminated>(&these, WAIT)?;
    // Running is no longer possible: InstanceRunning ends on a failure acceptor (pathAny).
    match client.wait::<ec2::InstanceRunning>(&these, WAIT) {
        Err(awso::WaitError::Failure(w)) => check(w.index == 2, "the terminated acceptor")?,
        other => return Err(format!("InstanceRunning on terminated instances: {other:?}").into()),
    }
    let missing = expect_error(
        client.call::<ec2::DescribeInstances>(&ec2::DescribeInstancesRequest {
            instance_ids: Some(vec!["i-0123456789abcdef0".into()]),
            ..Default::default()
        }),
        "DescribeInstances of a missing instance",
    )?;
    check(missing.code() == "InvalidInstanceID.NotFound", &format!("the code of {missing:?}"))
}
"###;

#[test]
fn the_examples_workflows_run_on_generated_shapes_against_moto() {
    let data = botocore_data();
    let mut modules = Vec::new();
    for (service, operations) in EXAMPLES {
        let model = load(&data, service);
        let options = Options {
            operations: operations.iter().map(|o| o.to_string()).collect(),
            ..Options::default()
        };
        let generated = generate(&model, &options).unwrap_or_else(|e| panic!("{service}: {e}"));
        let source = awso_codegen::format(&generated.source).unwrap_or_else(|e| panic!("{e}"));
        if *service == "s3" {
            // Flexible checksums: PutObject sends one, GetObject asks for and checks one.
            for want in [
                "http(\"PUT\" \"/{Bucket}/{Key+}\");\n    http_checksum {\n        request_algorithm_member: \"ChecksumAlgorithm\",\n        request_checksum_required: false,\n    };",
                "http_checksum {\n        request_validation_mode_member: \"ChecksumMode\",\n        response_algorithms: [\"CRC64NVME\", \"CRC32\",",
            ] {
                assert!(source.contains(want), "missing {want:?} in:\n{source}");
            }
            // The streaming blob payloads, without the derives a stream cannot have.
            for (ty, body) in [
                (
                    "PutObjectRequest",
                    "#[aws(payload)]\n    pub body: Option<ByteStream>,",
                ),
                (
                    "GetObjectOutput",
                    "#[aws(payload)]\n    pub body: Option<ByteStream>,",
                ),
            ] {
                let at = source.find(&format!("pub struct {ty} {{")).expect(ty);
                let derive = &source[source[..at].rfind("#[derive(").unwrap()..at];
                assert!(!derive.contains("PartialEq"), "{ty}: {derive}");
                let end = at + source[at..].find("\n}").unwrap();
                assert!(source[at..end].contains(body), "{ty}: {}", &source[at..end]);
            }
        }
        modules.push((service.to_string(), source));
    }
    let dir = scratch::write_crate("examples", &modules, WORKFLOWS, scratch::Awso::Client);
    scratch::cargo(&dir, &["build"]);
    let moto = moto::Moto::start();
    let out = scratch::cargo(&dir, &["run", "--", &moto.url]);
    eprintln!("{out}");
    for service in ["sts", "sqs", "dynamodb", "s3", "ec2"] {
        assert!(out.contains(&format!("{service}: ok")), "{out}");
    }
    drop(moto);
}
