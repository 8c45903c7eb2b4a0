//! End to end against moto, a local AWS endpoint: the hand-modelled services of `examples/`
//! (STS and IAM over awsQuery, SQS over awsJson1_0 and awsQuery, DynamoDB over awsJson1_0,
//! S3 over restXml, EC2 over ec2Query) with `awso::service!`/`awso::operation!` and SigV4, each
//! workflow once through the blocking client (ureq) and once through the async one (reqwest on
//! tokio).
//!
//! The test starts moto's server on a free loopback port with the first three requests free
//! of authentication: they create an IAM user, its access key and an allow-all policy through
//! awso itself. Every later request is signed with that key and moto verifies the signature.
//! The examples' clients are made by `from_env()` with `AWS_ENDPOINT_URL` pointing at moto, as
//! a user would point them at it; the workflows are written once, over the examples' `Call`
//! trait. moto comes from the tests' Python environment
//! (`tests/common/python.rs`).

use crate::moto;

use crate::dynamodb;
use crate::ec2;
use crate::s3;
use crate::sqs;
use crate::sts;

use awso::blocking::Client;
use awso::operation::OperationError;
use awso::{AwsError, AwsShape, Credentials};
use sqs::common::{blocking, on_tokio};
use std::collections::BTreeMap;

// IAM (awsQuery) -------------------------------------------------------------------------------

awso::service! {
    /// AWS Identity and Access Management.
    pub struct Iam {
        name: "IAM",
        protocol: Protocol::AwsQuery,
        api_version: "2010-05-08",
        signing_name: "iam",
        endpoint_prefix: "iam",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct CreateUserInput {
    pub user_name: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateUserOutput {
    pub user: Option<User>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct User {
    pub user_name: Option<String>,
    pub user_id: Option<String>,
    pub arn: Option<String>,
    pub create_date: Option<awso::Timestamp>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct CreateAccessKeyInput {
    pub user_name: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateAccessKeyOutput {
    pub access_key: Option<AccessKey>,
}

#[derive(AwsShape, awso::AwsDebug, Clone, PartialEq, Default)]
pub struct AccessKey {
    pub user_name: Option<String>,
    pub access_key_id: Option<String>,
    pub status: Option<String>,
    #[aws(sensitive)]
    pub secret_access_key: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct PutUserPolicyInput {
    pub user_name: String,
    pub policy_name: String,
    pub policy_document: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Empty {}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum IamError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { pub struct CreateUser: Iam(CreateUserInput) -> CreateUserOutput, IamError; }
awso::operation! { pub struct CreateAccessKey: Iam(CreateAccessKeyInput) -> CreateAccessKeyOutput, IamError; }
awso::operation! { pub struct PutUserPolicy: Iam(PutUserPolicyInput) -> Empty, IamError; }

/// Credentials of a new IAM user `user` with an allow-all policy, made through moto's three
/// requests that need no signature (`INITIAL_NO_AUTH_ACTION_COUNT=3`); every later request
/// must be signed with them.
pub fn moto_user(moto: &crate::moto::Moto, user: &str) -> Credentials {
    let anonymous = Credentials::new("AKIDEXAMPLE", "bootstrap-secret", None);
    let bootstrap = awso::blocking::Client::new(anonymous, "us-east-1").with_endpoint(&moto.url);
    bootstrap
        .call::<CreateUser>(&CreateUserInput {
            user_name: user.into(),
        })
        .expect("CreateUser");
    let key = bootstrap
        .call::<CreateAccessKey>(&CreateAccessKeyInput {
            user_name: Some(user.into()),
        })
        .expect("CreateAccessKey")
        .access_key
        .expect("an access key");
    bootstrap
        .call::<PutUserPolicy>(&PutUserPolicyInput {
            user_name: user.into(),
            policy_name: "everything".into(),
            policy_document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#.into(),
        })
        .expect("PutUserPolicy");
    Credentials::new(
        key.access_key_id.expect("an access key id"),
        key.secret_access_key.expect("a secret"),
        None,
    )
}

#[test]
fn moto_end_to_end() {
    let moto = moto::Moto::start();
    let anonymous = Credentials::new("AKIDEXAMPLE", "bootstrap-secret", None);
    let bootstrap = Client::new(anonymous, "us-east-1").with_endpoint(&moto.url);

    // The three unauthenticated requests, through awso's own awsQuery + XML path.
    let user = bootstrap
        .call::<CreateUser>(&CreateUserInput {
            user_name: "awso".into(),
        })
        .expect("CreateUser")
        .user
        .expect("a user");
    assert_eq!(user.user_name.as_deref(), Some("awso"));
    assert!(
        user.arn
            .as_deref()
            .is_some_and(|a| a.ends_with(":user/awso")),
        "{user:?}"
    );
    assert!(user.create_date.is_some());
    let key = bootstrap
        .call::<CreateAccessKey>(&CreateAccessKeyInput {
            user_name: Some("awso".into()),
        })
        .expect("CreateAccessKey")
        .access_key
        .expect("an access key");
    assert!(!format!("{key:?}").contains(key.secret_access_key.as_deref().unwrap()));
    bootstrap
        .call::<PutUserPolicy>(&PutUserPolicyInput {
            user_name: "awso".into(),
            policy_name: "everything".into(),
            policy_document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#.into(),
        })
        .expect("PutUserPolicy");

    // From here on every request is signed with the new key, and moto checks it.
    let _environment = moto.point_environment_here(
        key.access_key_id.as_deref().unwrap(),
        key.secret_access_key.as_deref().unwrap(),
    );

    // A wrong secret is refused: moto really checks the signatures.
    let forged = Credentials::new(key.access_key_id.clone().unwrap(), "not-the-secret", None);
    let input = sts::GetCallerIdentityInput {};
    let blocking_err = Client::new(forged.clone(), "us-east-1")
        .with_endpoint(&moto.url)
        .call::<sts::GetCallerIdentity>(&input);
    let async_client = awso::Client::new(forged, "us-east-1").with_endpoint(&moto.url);
    let async_err = on_tokio(async_client.call::<sts::GetCallerIdentity>(&input));
    for err in [blocking_err, async_err] {
        match &err.expect_err("a forged signature must fail") {
            OperationError::Service { error, status, .. } => {
                assert_eq!(*status, 403);
                assert_eq!(error.code(), "SignatureDoesNotMatch", "{error}");
            }
            other => panic!("expected a service error, got {other}"),
        }
    }

    // The examples' workflows, once through each client as made by `from_env`.
    let client = Client::from_env().expect("a blocking client from the environment");
    blocking(workflows(&client, user.arn.as_deref(), ""));
    let client = awso::Client::from_env().expect("an async client from the environment");
    on_tokio(workflows(&client, user.arn.as_deref(), "-async"));
    drop(moto);
}

/// Either client, as every example's workflow takes it.
pub trait AnyClient:
    sqs::common::Call
    + s3::common::Call
    + dynamodb::common::Call
    + ec2::common::Call
    + sts::common::Call
{
}

impl<C> AnyClient for C where
    C: sqs::common::Call
        + s3::common::Call
        + dynamodb::common::Call
        + ec2::common::Call
        + sts::common::Call
{
}

/// The examples' workflows through `client`, on resources named with `run` so that both
/// clients can go through them on one server. `arn` is the caller's.
async fn workflows(client: &impl AnyClient, arn: Option<&str>, run: &str) {
    // STS (awsQuery).
    let me = sts::run(client).await.expect("GetCallerIdentity");
    assert_eq!(me.arn.as_deref(), arn);
    assert_eq!(me.account.as_deref(), Some("123456789012"));

    // SQS over awsJson1_0 (query-compatible) and over awsQuery, with the same shapes.
    for (queue, report) in [
        (
            format!("awso-json{run}"),
            sqs::run::<sqs::shapes::json::Protocol>(client, &format!("awso-json{run}")).await,
        ),
        (
            format!("awso-query{run}"),
            sqs::run::<sqs::shapes::query::Protocol>(client, &format!("awso-query{run}")).await,
        ),
    ] {
        let report = report.unwrap_or_else(|e| panic!("SQS workflow on {queue}: {e}"));
        assert!(
            report.queue_url.ends_with(&format!("/{queue}")),
            "{report:?}"
        );
        // The paginator's listing (one page from moto, which does not page ListQueues;
        // tests/e2e/paginate.rs pages it through a gate).
        assert_eq!(report.listed, std::slice::from_ref(&report.queue_url));
        let message = &report.received;
        assert_eq!(message.body.as_deref(), Some("player-1 joined gsess-1 ✓"));
        assert_eq!(message.message_id, report.sent.message_id);
        assert_eq!(message.md5_of_body, report.sent.md5_of_message_body);
        let attributes = message
            .message_attributes
            .as_ref()
            .expect("message attributes");
        assert_eq!(attributes["level"].string_value.as_deref(), Some("7"));
        assert_eq!(attributes["level"].data_type, "Number");
        assert_eq!(
            attributes["avatar"]
                .binary_value
                .as_ref()
                .map(|b| b.as_bytes()),
            Some(&[0u8, 1, 2, 254, 255][..])
        );
        let system = message.attributes.as_ref().expect("system attributes");
        assert_eq!(system["ApproximateReceiveCount"], "1", "{system:?}");
        assert!(system.contains_key("SentTimestamp"), "{system:?}");
        assert!(
            matches!(
                report.missing.service_error(),
                Some(sqs::shapes::SqsError::QueueDoesNotExist(_))
            ),
            "{queue}: {}",
            report.missing
        );
    }

    // DynamoDB (awsJson1_0): nested union values, a key-condition query, modelled errors.
    let report = dynamodb::run(client, &format!("awso-scores{run}"))
        .await
        .expect("DynamoDB workflow");
    assert_eq!(report.got.as_ref(), Some(&report.written[1]));
    // TableExists ended on its success acceptor, with the active table; the Scan paginator
    // went over every item, two a page.
    let active = report.active.table.as_ref().expect("the described table");
    assert_eq!(active.table_status.as_deref(), Some("ACTIVE"));
    let mut scanned = report.scanned.clone();
    let mut all: Vec<_> = report.written.clone();
    all.push(dynamodb::score("player-2", 1, 5));
    let key = |i: &dynamodb::shapes::Item| format!("{:?}{:?}", i["player"], i["at"]);
    scanned.sort_by_key(key);
    all.sort_by_key(key);
    assert_eq!(scanned, all);
    let items = report.queried.items.clone().expect("query items");
    let newest_first: Vec<_> = report.written.iter().rev().cloned().collect();
    assert_eq!(items, newest_first);
    assert_eq!(report.queried.count, Some(3));
    assert!(
        matches!(
            report.conflict.service_error(),
            Some(dynamodb::shapes::DynamoDbError::ConditionalCheckFailedException(_))
        ),
        "{}",
        report.conflict
    );
    assert!(
        matches!(
            report.missing.service_error(),
            Some(dynamodb::shapes::DynamoDbError::ResourceNotFoundException(
                _
            ))
        ),
        "{}",
        report.missing
    );

    // S3 (restXml): labels (a key with a space, `#` and `?`, which must be escaped), a
    // greedy key, blob payloads, metadata headers, query strings, a flattened list, and a
    // bare <Error>. Keys with `+`, `=`, `&`, `:`, `@` or non-ASCII letters are not used here:
    // moto's signature check rejects those even from botocore (tests/e2e/tls.rs round-trips them
    // where moto does not check signatures).
    let keys = ["docs/read me #1?.txt", "docs/nested/z.bin"];
    let report = s3::run(client, &format!("awso-bucket{run}"), &keys)
        .await
        .expect("S3 workflow");
    assert_eq!(report.listed, ["docs/nested/z.bin", "docs/read me #1?.txt"]);
    assert_eq!(report.sizes, [s3::CONTENT.len() as i64; 2]);
    let object = &report.object;
    assert_eq!(
        object.body.as_ref().and_then(|b| b.as_bytes()),
        Some(&awso::byte_stream::Bytes::from_static(s3::CONTENT))
    );
    assert_eq!(object.content_length, Some(s3::CONTENT.len() as i64));
    assert_eq!(object.metadata.as_ref().unwrap()["owner"], "awso");
    assert!(object.last_modified.is_some());
    assert!(
        matches!(
            report.missing.service_error(),
            Some(s3::shapes::S3Error::NoSuchKey(_))
        ),
        "{}",
        report.missing
    );

    // EC2 (ec2Query): launch with tags, describe by filter, terminate, an error code.
    let report = ec2::run(client, "ami-12c6146b", &format!("chess{run}"))
        .await
        .expect("EC2 workflow");
    let launched = report.launched.instances.clone().unwrap_or_default();
    assert_eq!(launched.len(), 2);
    assert!(report
        .launched
        .reservation_id
        .as_deref()
        .is_some_and(|r| r.starts_with("r-")));
    let mut ids: Vec<_> = launched.iter().map(|i| i.instance_id.clone()).collect();
    let mut found: Vec<_> = report
        .described
        .iter()
        .map(|i| i.instance_id.clone())
        .collect();
    ids.sort();
    found.sort();
    assert_eq!(found, ids);
    for instance in &report.described {
        assert_eq!(instance.image_id.as_deref(), Some("ami-12c6146b"));
        assert_eq!(instance.instance_type.as_deref(), Some("t3.micro"));
        assert!(instance.launch_time.is_some());
        let tags: BTreeMap<_, _> = instance
            .tags
            .iter()
            .flatten()
            .map(|t| (t.key.clone().unwrap(), t.value.clone().unwrap()))
            .collect();
        assert_eq!(tags["game"], format!("chess{run}"));
        assert_eq!(tags["Name"], "awso example");
    }
    let changes = report.terminated.terminating_instances.unwrap_or_default();
    assert_eq!(changes.len(), 2);
    assert!(changes.iter().all(|c| c
        .current_state
        .as_ref()
        .is_some_and(|s| s.name.as_deref() == Some("shutting-down")
            || s.name.as_deref() == Some("terminated"))));
    assert_eq!(
        report.missing.service_error().map(|e| e.code()),
        Some("InvalidInstanceID.NotFound"),
        "{}",
        report.missing
    );
}
