//! End to end against moto, a local AWS endpoint: hand-modelled shapes, `awso::service!` /
//! `awso::operation!`, SigV4 and the TCP transport, for awsQuery (IAM, STS), awsJson1_0
//! (DynamoDB) and query-compatible awsJson1_0 (SQS).
//!
//! The test starts `moto_server` on a free loopback port with the first three requests free
//! of authentication: they create an IAM user, its access key and an allow-all policy through
//! awso itself. Every later request is signed with that key and moto verifies the signature.
//! Without `moto_server` the test fails with the command that installs it.

use awso::operation::OperationError;
use awso::{AwsError, AwsShape, Blob, Client, Credentials};
use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A moto server on a free loopback port, stopped on drop.
struct Moto {
    child: Child,
    url: String,
}

impl Moto {
    fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let child = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("INITIAL_NO_AUTH_ACTION_COUNT", "3")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start moto_server ({e}); install it with: pip install 'moto[server]'"
                )
            });
        let moto = Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        // Wait for the port with bare TCP connects: every HTTP request counts against the
        // three unauthenticated ones.
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto_server did not start within 30 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        moto
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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

// STS (awsQuery) -------------------------------------------------------------------------------

awso::service! {
    pub struct Sts {
        name: "STS",
        protocol: Protocol::AwsQuery,
        api_version: "2011-06-15",
        signing_name: "sts",
        endpoint_prefix: "sts",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetCallerIdentityOutput {
    pub user_id: Option<String>,
    pub account: Option<String>,
    pub arn: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum StsError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { pub struct GetCallerIdentity: Sts(Empty) -> GetCallerIdentityOutput, StsError; }

// DynamoDB (awsJson1_0) ------------------------------------------------------------------------

awso::service! {
    pub struct DynamoDb {
        name: "DynamoDB",
        protocol: Protocol::AwsJson1_0,
        target_prefix: "DynamoDB_20120810",
        api_version: "2012-08-10",
        signing_name: "dynamodb",
        endpoint_prefix: "dynamodb",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub enum AttributeValue {
    S(String),
    N(String),
    B(Blob),
    #[aws(rename = "SS")]
    Ss(Vec<String>),
    M(BTreeMap<String, AttributeValue>),
    L(Vec<AttributeValue>),
    #[aws(rename = "NULL")]
    Null(bool),
    #[aws(rename = "BOOL")]
    Bool(bool),
    #[aws(unknown)]
    Unknown,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct AttributeDefinition {
    pub attribute_name: String,
    pub attribute_type: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct KeySchemaElement {
    pub attribute_name: String,
    pub key_type: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct CreateTableInput {
    pub table_name: String,
    pub attribute_definitions: Vec<AttributeDefinition>,
    pub key_schema: Vec<KeySchemaElement>,
    pub billing_mode: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateTableOutput {
    pub table_description: Option<TableDescription>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct TableDescription {
    pub table_name: Option<String>,
    pub table_status: Option<String>,
    pub creation_date_time: Option<awso::Timestamp>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct PutItemInput {
    pub table_name: String,
    pub item: BTreeMap<String, AttributeValue>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct GetItemInput {
    pub table_name: String,
    pub key: BTreeMap<String, AttributeValue>,
    pub consistent_read: Option<bool>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetItemOutput {
    pub item: Option<BTreeMap<String, AttributeValue>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
pub struct ResourceNotFoundException {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum DynamoDbError {
    ResourceNotFoundException(ResourceNotFoundException),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { pub struct CreateTable: DynamoDb(CreateTableInput) -> CreateTableOutput, DynamoDbError; }
awso::operation! { pub struct PutItem: DynamoDb(PutItemInput) -> Empty, DynamoDbError; }
awso::operation! { pub struct GetItem: DynamoDb(GetItemInput) -> GetItemOutput, DynamoDbError; }

// SQS (awsJson1_0, awsQuery-compatible) --------------------------------------------------------

awso::service! {
    pub struct Sqs {
        name: "SQS",
        protocol: Protocol::AwsJson1_0,
        target_prefix: "AmazonSQS",
        api_version: "2012-11-05",
        signing_name: "sqs",
        endpoint_prefix: "sqs",
        query_compatible: true,
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct CreateQueueInput {
    pub queue_name: String,
    pub attributes: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct QueueUrlOutput {
    pub queue_url: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct GetQueueUrlInput {
    pub queue_name: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct MessageAttributeValue {
    pub string_value: Option<String>,
    pub binary_value: Option<Blob>,
    pub data_type: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct SendMessageInput {
    pub queue_url: String,
    pub message_body: String,
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct SendMessageOutput {
    pub message_id: Option<String>,
    #[aws(rename = "MD5OfMessageBody")]
    pub md5_of_message_body: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct ReceiveMessageInput {
    pub queue_url: String,
    pub max_number_of_messages: Option<i32>,
    pub message_attribute_names: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ReceiveMessageOutput {
    pub messages: Option<Vec<Message>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Message {
    pub message_id: Option<String>,
    pub body: Option<String>,
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(query_code = "AWS.SimpleQueueService.NonExistentQueue"))]
pub struct QueueDoesNotExist {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum SqsError {
    QueueDoesNotExist(QueueDoesNotExist),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { pub struct CreateQueue: Sqs(CreateQueueInput) -> QueueUrlOutput, SqsError; }
awso::operation! { pub struct GetQueueUrl: Sqs(GetQueueUrlInput) -> QueueUrlOutput, SqsError; }
awso::operation! { pub struct SendMessage: Sqs(SendMessageInput) -> SendMessageOutput, SqsError; }
awso::operation! { pub struct ReceiveMessage: Sqs(ReceiveMessageInput) -> ReceiveMessageOutput, SqsError; }

// S3 (restXml with HTTP bindings) ---------------------------------------------------------------

awso::service! {
    pub struct S3 {
        name: "S3",
        protocol: Protocol::RestXml,
        api_version: "2006-03-01",
        signing_name: "s3",
        endpoint_prefix: "s3",
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateBucketRequest {
    #[aws(label)]
    pub bucket: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateBucketOutput {
    #[aws(header = "Location")]
    pub location: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutObjectRequest {
    #[aws(label)]
    pub bucket: String,
    #[aws(label)]
    pub key: String,
    #[aws(payload)]
    pub body: Option<Blob>,
    #[aws(header = "Content-Type")]
    pub content_type: Option<String>,
    #[aws(prefix_headers = "x-amz-meta-")]
    pub metadata: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutObjectOutput {
    #[aws(header = "ETag")]
    pub e_tag: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetObjectRequest {
    #[aws(label)]
    pub bucket: String,
    #[aws(label)]
    pub key: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetObjectOutput {
    #[aws(payload)]
    pub body: Option<Blob>,
    #[aws(header = "ETag")]
    pub e_tag: Option<String>,
    #[aws(header = "Content-Length")]
    pub content_length: Option<i64>,
    #[aws(header = "Content-Type")]
    pub content_type: Option<String>,
    #[aws(header = "Last-Modified")]
    pub last_modified: Option<awso::Timestamp>,
    #[aws(prefix_headers = "x-amz-meta-")]
    pub metadata: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListObjectsV2Request {
    #[aws(label)]
    pub bucket: String,
    #[aws(query = "prefix")]
    pub prefix: Option<String>,
    #[aws(query = "max-keys")]
    pub max_keys: Option<i32>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_name = "ListBucketResult")]
pub struct ListObjectsV2Output {
    pub name: Option<String>,
    pub prefix: Option<String>,
    pub key_count: Option<i32>,
    pub is_truncated: Option<bool>,
    #[aws(flattened)]
    pub contents: Option<Vec<Object>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Object {
    pub key: Option<String>,
    pub size: Option<i64>,
    #[aws(rename = "ETag")]
    pub e_tag: Option<String>,
    pub last_modified: Option<awso::Timestamp>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 404))]
pub struct NoSuchKey {
    pub message: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum S3Error {
    NoSuchKey(NoSuchKey),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! {
    pub struct CreateBucket: S3(CreateBucketRequest) -> CreateBucketOutput, S3Error;
    http("PUT" "/{Bucket}");
}
awso::operation! {
    pub struct PutObject: S3(PutObjectRequest) -> PutObjectOutput, S3Error;
    http("PUT" "/{Bucket}/{Key+}");
}
awso::operation! {
    pub struct GetObject: S3(GetObjectRequest) -> GetObjectOutput, S3Error;
    http("GET" "/{Bucket}/{Key+}");
}
awso::operation! {
    pub struct ListObjectsV2: S3(ListObjectsV2Request) -> ListObjectsV2Output, S3Error;
    http("GET" "/{Bucket}?list-type=2");
}

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_owned())
}

#[test]
fn moto_end_to_end() {
    let moto = Moto::start();
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

    let credentials = Credentials::new(
        key.access_key_id.clone().unwrap(),
        key.secret_access_key.clone().unwrap(),
        None,
    );
    let client = Client::new(credentials, "us-east-1").with_endpoint(&moto.url);

    // awsQuery with a verified signature.
    let me = client
        .call::<GetCallerIdentity>(&Empty {})
        .expect("GetCallerIdentity");
    assert_eq!(me.arn, user.arn);
    assert_eq!(me.account.as_deref(), Some("123456789012"));

    // A wrong secret is refused: moto really checks the signatures.
    let forged = Credentials::new(key.access_key_id.clone().unwrap(), "not-the-secret", None);
    let err = Client::new(forged, "us-east-1")
        .with_endpoint(&moto.url)
        .call::<GetCallerIdentity>(&Empty {})
        .expect_err("a forged signature must fail");
    match &err {
        OperationError::Service { error, status, .. } => {
            assert_eq!(*status, 403);
            assert_eq!(error.code(), "SignatureDoesNotMatch", "{err}");
        }
        other => panic!("expected a service error, got {other}"),
    }

    // awsJson1_0: DynamoDB with a union-valued item.
    let table = client
        .call::<CreateTable>(&CreateTableInput {
            table_name: "players".into(),
            attribute_definitions: vec![AttributeDefinition {
                attribute_name: "id".into(),
                attribute_type: "S".into(),
            }],
            key_schema: vec![KeySchemaElement {
                attribute_name: "id".into(),
                key_type: "HASH".into(),
            }],
            billing_mode: Some("PAY_PER_REQUEST".into()),
        })
        .expect("CreateTable")
        .table_description
        .unwrap();
    assert_eq!(table.table_name.as_deref(), Some("players"));
    let item = BTreeMap::from([
        ("id".to_string(), s("player-1")),
        ("score".to_string(), AttributeValue::N("42".into())),
        (
            "avatar".to_string(),
            AttributeValue::B(Blob::from(&[0u8, 1, 2, 255][..])),
        ),
        (
            "profile".to_string(),
            AttributeValue::M(BTreeMap::from([
                (
                    "tags".to_string(),
                    AttributeValue::Ss(vec!["a".into(), "b".into()]),
                ),
                ("online".to_string(), AttributeValue::Bool(true)),
                (
                    "history".to_string(),
                    AttributeValue::L(vec![
                        AttributeValue::N("1".into()),
                        AttributeValue::Null(true),
                    ]),
                ),
            ])),
        ),
    ]);
    client
        .call::<PutItem>(&PutItemInput {
            table_name: "players".into(),
            item: item.clone(),
        })
        .expect("PutItem");
    let got = client
        .call::<GetItem>(&GetItemInput {
            table_name: "players".into(),
            key: BTreeMap::from([("id".to_string(), s("player-1"))]),
            consistent_read: Some(true),
        })
        .expect("GetItem");
    assert_eq!(got.item.as_ref(), Some(&item));
    let missing = client
        .call::<GetItem>(&GetItemInput {
            table_name: "no-such-table".into(),
            key: BTreeMap::from([("id".to_string(), s("x"))]),
            consistent_read: None,
        })
        .expect_err("missing table");
    assert!(
        matches!(
            missing.service_error(),
            Some(DynamoDbError::ResourceNotFoundException(_))
        ),
        "{missing}"
    );

    // awsJson1_0, query-compatible: SQS, including a query error code.
    let queue_url = client
        .call::<CreateQueue>(&CreateQueueInput {
            queue_name: "awso-test".into(),
            attributes: Some(BTreeMap::from([(
                "VisibilityTimeout".to_string(),
                "30".to_string(),
            )])),
        })
        .expect("CreateQueue")
        .queue_url
        .unwrap();
    assert!(queue_url.ends_with("/awso-test"), "{queue_url}");
    let sent = client
        .call::<SendMessage>(&SendMessageInput {
            queue_url: queue_url.clone(),
            message_body: "hello from awso ✓".into(),
            message_attributes: Some(BTreeMap::from([(
                "level".to_string(),
                MessageAttributeValue {
                    string_value: Some("7".into()),
                    binary_value: None,
                    data_type: "Number".into(),
                },
            )])),
        })
        .expect("SendMessage");
    assert!(sent.message_id.is_some());
    let received = client
        .call::<ReceiveMessage>(&ReceiveMessageInput {
            queue_url,
            max_number_of_messages: Some(1),
            message_attribute_names: Some(vec!["All".into()]),
        })
        .expect("ReceiveMessage");
    let message = &received.messages.expect("messages")[0];
    assert_eq!(message.body.as_deref(), Some("hello from awso ✓"));
    assert_eq!(message.message_id, sent.message_id);
    let level = &message.message_attributes.as_ref().expect("attributes")["level"];
    assert_eq!(level.string_value.as_deref(), Some("7"));
    let gone = client
        .call::<GetQueueUrl>(&GetQueueUrlInput {
            queue_name: "nope".into(),
        })
        .expect_err("no such queue");
    match gone.service_error() {
        Some(SqsError::QueueDoesNotExist(_)) => {}
        other => panic!("expected QueueDoesNotExist, got {other:?} ({gone})"),
    }

    // restXml with HTTP bindings: S3 (labels, greedy keys, blob payloads, prefix headers,
    // query strings, a flattened list response, a bare <Error>). moto's signature check
    // rejects botocore's own signatures for keys with spaces or `+` and for query values with
    // `/`, so the names here avoid them; the SigV4 encoding rules are proven by the suite.
    client
        .call::<CreateBucket>(&CreateBucketRequest {
            bucket: "awso-bucket".into(),
        })
        .expect("CreateBucket");
    let content = b"hello \x00 binary \xff world".to_vec();
    for key in ["docs/ab.txt", "docs/nested/z.bin", "top.txt"] {
        let put = client
            .call::<PutObject>(&PutObjectRequest {
                bucket: "awso-bucket".into(),
                key: key.into(),
                body: Some(Blob::from(content.clone())),
                content_type: Some("application/octet-stream".into()),
                metadata: Some(BTreeMap::from([("owner".to_string(), "awso".to_string())])),
            })
            .expect("PutObject");
        assert!(put.e_tag.is_some());
    }
    let object = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: "awso-bucket".into(),
            key: "docs/ab.txt".into(),
        })
        .expect("GetObject");
    assert_eq!(object.body.as_ref().map(Blob::as_bytes), Some(&content[..]));
    assert_eq!(object.content_length, Some(content.len() as i64));
    assert_eq!(object.metadata.as_ref().unwrap()["owner"], "awso");
    assert!(object.last_modified.is_some());
    let listing = client
        .call::<ListObjectsV2>(&ListObjectsV2Request {
            bucket: "awso-bucket".into(),
            prefix: Some("docs".into()),
            max_keys: Some(100),
        })
        .expect("ListObjectsV2");
    let keys: Vec<_> = listing
        .contents
        .iter()
        .flatten()
        .filter_map(|o| o.key.clone())
        .collect();
    assert_eq!(keys, ["docs/ab.txt", "docs/nested/z.bin"]);
    assert_eq!(listing.key_count, Some(2));
    assert_eq!(
        listing.contents.unwrap()[0].size,
        Some(content.len() as i64)
    );
    let missing = client
        .call::<GetObject>(&GetObjectRequest {
            bucket: "awso-bucket".into(),
            key: "nope".into(),
        })
        .expect_err("no such key");
    assert!(
        matches!(missing.service_error(), Some(S3Error::NoSuchKey(_))),
        "{missing}"
    );
    drop(moto);
}
