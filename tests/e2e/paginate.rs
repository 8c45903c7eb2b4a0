//! Paginators and waiters against moto (signatures verified): SQS ListQueues, DynamoDB Scan
//! and Query (a map-valued token), S3 ListObjectsV2 and ListObjectVersions (two tokens), EC2
//! DescribeInstances, IAM ListUsers (Marker / IsTruncated); the waiters DynamoDB TableExists
//! and TableNotExists, S3 BucketExists and ObjectExists, EC2 InstanceRunning and
//! InstanceTerminated, and one ending on a failure acceptor. The paginators and waiters are
//! declared as botocore's `paginators-1.json` and `waiters-2.json` declare them.

use crate::moto;
use crate::workflows::{CreateUser, CreateUserInput, Iam, IamError, User};
use crate::{dynamodb, ec2, s3, sqs};

use awso::blocking::Client;
use awso::waiter::State;
use awso::{AwsShape, Credentials};
use std::collections::BTreeMap;
use std::time::Duration;

// The operations the examples do not have, on the examples' services ---------------------------

use dynamodb::shapes::{
    AttributeValue, CreateTableOutput, DynamoDb, DynamoDbError, Item, QueryInput, TableDescription,
};
use ec2::shapes::{DescribeInstancesOutput, Ec2, Ec2Error, Filter};
use s3::shapes::{S3Error, S3};
use sqs::shapes::{Sqs, SqsError};

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListQueuesInput {
    pub queue_name_prefix: Option<String>,
    pub next_token: Option<String>,
    pub max_results: Option<i32>,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListQueuesOutput {
    pub queue_urls: Option<Vec<String>>,
    pub next_token: Option<String>,
}
awso::operation! { pub struct ListQueues: Sqs(ListQueuesInput) -> ListQueuesOutput, SqsError; }
awso::paginator! { ListQueues { input_token: "NextToken", output_token: "NextToken", limit_key: "MaxResults", result_key: "QueueUrls" } }

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ScanInput {
    pub table_name: String,
    pub limit: Option<i32>,
    pub exclusive_start_key: Option<Item>,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ScanOutput {
    pub items: Option<Vec<Item>>,
    pub count: Option<i32>,
    pub last_evaluated_key: Option<Item>,
}
awso::operation! { pub struct Scan: DynamoDb(ScanInput) -> ScanOutput, DynamoDbError; }
awso::paginator! { Scan { input_token: "ExclusiveStartKey", output_token: "LastEvaluatedKey", limit_key: "Limit", result_key: "Items" } }

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DescribeTableInput {
    pub table_name: String,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DescribeTableOutput {
    pub table: Option<TableDescription>,
}
awso::operation! { pub struct DescribeTable: DynamoDb(DescribeTableInput) -> DescribeTableOutput, DynamoDbError; }
awso::waiter! {
    pub struct TableExists: DescribeTable {
        delay: 20,
        max_attempts: 25,
        acceptors: [
            success: path("Table.TableStatus") == "ACTIVE",
            retry: error("ResourceNotFoundException"),
        ],
    }
}
awso::waiter! {
    pub struct TableNotExists: DescribeTable {
        delay: 20,
        max_attempts: 25,
        acceptors: [success: error("ResourceNotFoundException")],
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListObjectVersionsRequest {
    #[aws(label)]
    pub bucket: String,
    #[aws(query = "key-marker")]
    pub key_marker: Option<String>,
    #[aws(query = "version-id-marker")]
    pub version_id_marker: Option<String>,
    #[aws(query = "max-keys")]
    pub max_keys: Option<i32>,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_name = "ListVersionsResult")]
pub struct ListObjectVersionsOutput {
    pub is_truncated: Option<bool>,
    pub next_key_marker: Option<String>,
    pub next_version_id_marker: Option<String>,
    #[aws(flattened, xml_name = "Version")]
    pub versions: Option<Vec<ObjectVersion>>,
    #[aws(flattened, xml_name = "DeleteMarker")]
    pub delete_markers: Option<Vec<ObjectVersion>>,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ObjectVersion {
    pub key: Option<String>,
    pub version_id: Option<String>,
}
awso::operation! { pub struct ListObjectVersions: S3(ListObjectVersionsRequest) -> ListObjectVersionsOutput, S3Error; http("GET" "/{Bucket}?versions"); }
awso::paginator! {
    ListObjectVersions {
        input_token: ["KeyMarker", "VersionIdMarker"],
        output_token: ["NextKeyMarker", "NextVersionIdMarker"],
        more_results: "IsTruncated",
        limit_key: "MaxKeys",
        result_key: ["Versions", "DeleteMarkers"],
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct HeadBucketRequest {
    #[aws(label)]
    pub bucket: String,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct HeadObjectRequest {
    #[aws(label)]
    pub bucket: String,
    #[aws(label)]
    pub key: String,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct HeadOutput {}
awso::operation! { pub struct HeadBucket: S3(HeadBucketRequest) -> HeadOutput, S3Error; http("HEAD" "/{Bucket}"); }
awso::operation! { pub struct HeadObject: S3(HeadObjectRequest) -> HeadOutput, S3Error; http("HEAD" "/{Bucket}/{Key+}"); }
awso::waiter! {
    pub struct BucketExists: HeadBucket {
        delay: 5,
        max_attempts: 20,
        acceptors: [success: status(200), success: status(301), success: status(403), retry: status(404)],
    }
}
awso::waiter! {
    pub struct ObjectExists: HeadObject {
        delay: 5,
        max_attempts: 20,
        acceptors: [success: status(200), retry: status(404)],
    }
}

/// `DescribeInstances` with a page size (the example's input has none).
pub mod paged {
    use super::*;
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct DescribeInstancesInput {
        #[aws(xml_name = "InstanceId")]
        pub instance_ids: Option<Vec<String>>,
        #[aws(xml_name = "Filter")]
        pub filters: Option<Vec<Filter>>,
        #[aws(xml_name = "nextToken")]
        pub next_token: Option<String>,
        #[aws(xml_name = "maxResults")]
        pub max_results: Option<i32>,
    }
    awso::operation! { pub struct DescribeInstances: Ec2(DescribeInstancesInput) -> DescribeInstancesOutput, Ec2Error; }
    awso::paginator! { DescribeInstances { input_token: "NextToken", output_token: "NextToken", limit_key: "MaxResults", result_key: "Reservations" } }
    awso::waiter! {
        pub struct InstanceRunning: DescribeInstances {
            delay: 15,
            max_attempts: 40,
            acceptors: [
                success: pathAll("Reservations[].Instances[].State.Name") == "running",
                failure: pathAny("Reservations[].Instances[].State.Name") == "shutting-down",
                failure: pathAny("Reservations[].Instances[].State.Name") == "terminated",
                failure: pathAny("Reservations[].Instances[].State.Name") == "stopping",
                retry: error("InvalidInstanceID.NotFound"),
            ],
        }
    }
    awso::waiter! {
        pub struct InstanceTerminated: DescribeInstances {
            delay: 15,
            max_attempts: 40,
            acceptors: [
                success: pathAll("Reservations[].Instances[].State.Name") == "terminated",
                failure: pathAny("Reservations[].Instances[].State.Name") == "pending",
                failure: pathAny("Reservations[].Instances[].State.Name") == "stopping",
            ],
        }
    }
}
use paged::{InstanceRunning, InstanceTerminated};

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListUsersInput {
    pub marker: Option<String>,
    pub max_items: Option<i32>,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListUsersOutput {
    pub users: Option<Vec<User>>,
    pub is_truncated: Option<bool>,
    pub marker: Option<String>,
}
awso::operation! { pub struct ListUsers: Iam(ListUsersInput) -> ListUsersOutput, IamError; }
awso::paginator! { ListUsers { input_token: "Marker", output_token: "Marker", more_results: "IsTruncated", limit_key: "MaxItems", result_key: "Users" } }

/// A client signing with a new allow-all IAM user's key (see `workflows::moto_user`).
fn signed_client(moto: &moto::Moto) -> Client {
    let credentials = crate::workflows::moto_user(moto, "awso");
    Client::new(credentials, "us-east-1").with_endpoint(&moto.url)
}

const WAIT: Duration = Duration::from_secs(30);

#[test]
fn paginators_and_waiters_against_moto() {
    let moto = moto::Moto::start();
    let client = signed_client(&moto);

    // SQS ListQueues: NextToken, MaxResults.
    for i in 0..7 {
        client
            .call::<sqs::shapes::json::CreateQueue>(&sqs::shapes::CreateQueueInput {
                queue_name: format!("pg-{i}"),
                attributes: None,
            })
            .expect("CreateQueue");
    }
    let input = ListQueuesInput {
        queue_name_prefix: Some("pg-".into()),
        ..Default::default()
    };
    let pages: Vec<_> = client
        .paginate::<ListQueues>(input.clone())
        .page_size(3)
        .collect::<Result<_, _>>()
        .expect("ListQueues pages");
    // moto sends every queue in one page (no NextToken); AWS pages by MaxResults.
    assert!(
        !pages.is_empty() && pages.last().unwrap().next_token.is_none(),
        "{pages:?}"
    );
    let urls: Vec<String> = client
        .paginate::<ListQueues>(input.clone())
        .page_size(3)
        .items::<String>()
        .collect::<Result<_, _>>()
        .expect("ListQueues items");
    assert_eq!(urls.len(), 7, "{urls:?}");
    let capped: Vec<String> = client
        .paginate::<ListQueues>(input)
        .page_size(3)
        .max_items(4)
        .items::<String>()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(capped, urls[..4]);

    // IAM ListUsers: Marker in and out, IsTruncated.
    for i in 0..4 {
        client
            .call::<CreateUser>(&CreateUserInput {
                user_name: format!("user-{i}"),
            })
            .expect("CreateUser");
    }
    let pages = client
        .paginate::<ListUsers>(ListUsersInput::default())
        .page_size(2)
        .count();
    // moto answers IsTruncated=false: the paginator stops there.
    assert!(pages >= 1);
    let users: Vec<User> = client
        .paginate::<ListUsers>(ListUsersInput::default())
        .page_size(2)
        .items::<User>()
        .collect::<Result<_, _>>()
        .expect("ListUsers");
    let mut names: Vec<_> = users.iter().filter_map(|u| u.user_name.clone()).collect();
    names.sort();
    assert_eq!(names, ["awso", "user-0", "user-1", "user-2", "user-3"]);

    // DynamoDB: TableExists, Scan and Query with the LastEvaluatedKey map as the token,
    // TableNotExists.
    let table = "paged";
    let missing = client
        .wait::<TableExists>(
            &DescribeTableInput {
                table_name: table.into(),
            },
            // Long enough for two polls even when the machine is busy.
            Duration::from_secs(2),
            Some(Duration::from_millis(100)),
        )
        .expect_err("no such table yet");
    assert!(
        matches!(missing, awso::WaitError::TimedOut { attempts, .. } if attempts >= 2),
        "{missing}"
    );
    client
        .call::<dynamodb::shapes::CreateTable>(&dynamodb::shapes::CreateTableInput {
            table_name: table.into(),
            attribute_definitions: ["pk", "sk"]
                .map(|n| dynamodb::shapes::AttributeDefinition {
                    attribute_name: n.into(),
                    attribute_type: "S".into(),
                })
                .to_vec(),
            key_schema: [("pk", "HASH"), ("sk", "RANGE")]
                .map(|(n, t)| dynamodb::shapes::KeySchemaElement {
                    attribute_name: n.into(),
                    key_type: t.into(),
                })
                .to_vec(),
            billing_mode: Some("PAY_PER_REQUEST".into()),
        })
        .expect("CreateTable");
    let exists = client
        .wait::<TableExists>(
            &DescribeTableInput {
                table_name: table.into(),
            },
            WAIT,
            None,
        )
        .expect("TableExists");
    assert_eq!((exists.index, exists.acceptor.state), (0, State::Success));
    assert_eq!(
        exists.last.unwrap().table.unwrap().table_status.as_deref(),
        Some("ACTIVE")
    );
    for i in 0..5 {
        client
            .call::<dynamodb::shapes::PutItem>(&dynamodb::shapes::PutItemInput {
                table_name: table.into(),
                item: BTreeMap::from([
                    ("pk".to_string(), AttributeValue::S("p".into())),
                    ("sk".to_string(), AttributeValue::S(format!("s{i}"))),
                ]),
                condition_expression: None,
            })
            .expect("PutItem");
    }
    let scan = ScanInput {
        table_name: table.into(),
        ..Default::default()
    };
    let pages: Vec<ScanOutput> = client
        .paginate::<Scan>(scan.clone())
        .page_size(2)
        .collect::<Result<_, _>>()
        .expect("Scan");
    assert!(pages.len() >= 3, "{pages:?}");
    assert!(pages[0]
        .last_evaluated_key
        .as_ref()
        .is_some_and(|k| k.contains_key("sk")));
    let items: Vec<Item> = client
        .paginate::<Scan>(scan)
        .page_size(2)
        .items::<Item>()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(items.len(), 5);
    let query = QueryInput {
        table_name: table.into(),
        key_condition_expression: Some("pk = :pk".into()),
        expression_attribute_values: Some(BTreeMap::from([(
            ":pk".to_string(),
            AttributeValue::S("p".into()),
        )])),
        ..Default::default()
    };
    let items: Vec<Item> = client
        .paginate::<dynamodb::shapes::Query>(query)
        .page_size(2)
        .items::<Item>()
        .collect::<Result<_, _>>()
        .expect("Query");
    let sks: Vec<_> = items.iter().map(|i| i["sk"].clone()).collect();
    assert_eq!(
        sks,
        (0..5)
            .map(|i| AttributeValue::S(format!("s{i}")))
            .collect::<Vec<_>>()
    );
    client
        .call::<dynamodb::shapes::DeleteTable>(&dynamodb::shapes::DeleteTableInput {
            table_name: table.into(),
        })
        .expect("DeleteTable");
    let gone = client
        .wait::<TableNotExists>(
            &DescribeTableInput {
                table_name: table.into(),
            },
            WAIT,
            None,
        )
        .expect("TableNotExists");
    assert!(gone.last.is_err());
    let _: Option<CreateTableOutput> = None;

    // S3: BucketExists, ListObjectsV2 (the example's paginator), ListObjectVersions (two
    // tokens), ObjectExists.
    let bucket = "awso-paged";
    client
        .call::<s3::shapes::CreateBucket>(&s3::shapes::CreateBucketRequest {
            bucket: bucket.into(),
        })
        .expect("CreateBucket");
    let head = HeadBucketRequest {
        bucket: bucket.into(),
    };
    let exists = client
        .wait::<BucketExists>(&head, WAIT, None)
        .expect("BucketExists");
    assert_eq!((exists.index, exists.attempts), (0, 1));
    for i in 0..5 {
        client
            .call::<s3::shapes::PutObject>(&s3::shapes::PutObjectRequest {
                bucket: bucket.into(),
                key: format!("k{i}"),
                body: Some(b"x".to_vec().into()),
                ..Default::default()
            })
            .expect("PutObject");
    }
    let listing = s3::shapes::ListObjectsV2Request {
        bucket: bucket.into(),
        ..Default::default()
    };
    let pages = client
        .paginate::<s3::shapes::ListObjectsV2>(listing.clone())
        .page_size(2)
        .count();
    assert_eq!(pages, 3);
    let keys: Vec<String> = client
        .paginate::<s3::shapes::ListObjectsV2>(listing)
        .page_size(2)
        .items::<s3::shapes::Object>()
        .map(|o| o.map(|o| o.key.unwrap()))
        .collect::<Result<_, _>>()
        .expect("ListObjectsV2");
    assert_eq!(keys, ["k0", "k1", "k2", "k3", "k4"]);
    let versions: Vec<ObjectVersion> = client
        .paginate::<ListObjectVersions>(ListObjectVersionsRequest {
            bucket: bucket.into(),
            ..Default::default()
        })
        .page_size(2)
        .items::<ObjectVersion>()
        .collect::<Result<_, _>>()
        .expect("ListObjectVersions");
    let keys: Vec<_> = versions.iter().filter_map(|v| v.key.as_deref()).collect();
    assert_eq!(keys, ["k0", "k1", "k2", "k3", "k4"]);
    let object = HeadObjectRequest {
        bucket: bucket.into(),
        key: "k3".into(),
    };
    client
        .wait::<ObjectExists>(&object, WAIT, None)
        .expect("ObjectExists");
    let absent = HeadObjectRequest {
        bucket: bucket.into(),
        key: "nope".into(),
    };
    match client.wait::<ObjectExists>(
        &absent,
        // Long enough for two polls even when the machine is busy.
        Duration::from_secs(2),
        Some(Duration::from_millis(100)),
    ) {
        Err(awso::WaitError::TimedOut { attempts, last }) => {
            assert!(attempts >= 2, "{attempts}");
            assert_eq!(
                last.unwrap().unwrap_err().raw_response().unwrap().status,
                404
            );
        }
        other => panic!("expected a timeout, got {other:?}"),
    }

    // EC2: InstanceRunning, DescribeInstances pages, InstanceTerminated, and InstanceRunning
    // on a terminated instance ending on its failure acceptor.
    let mut ids = Vec::new();
    for _ in 0..3 {
        let reservation = client
            .call::<ec2::shapes::RunInstances>(&ec2::shapes::RunInstancesInput {
                image_id: Some("ami-12c6146b".into()),
                instance_type: Some("t3.micro".into()),
                min_count: 1,
                max_count: 1,
                ..Default::default()
            })
            .expect("RunInstances");
        ids.extend(
            reservation
                .instances
                .unwrap()
                .into_iter()
                .filter_map(|i| i.instance_id),
        );
    }
    let these = paged::DescribeInstancesInput {
        instance_ids: Some(ids.clone()),
        ..Default::default()
    };
    let running = client
        .wait::<InstanceRunning>(&these, WAIT, None)
        .expect("InstanceRunning");
    assert_eq!(running.index, 0);
    let reservations: Vec<ec2::shapes::Reservation> = client
        .paginate::<paged::DescribeInstances>(paged::DescribeInstancesInput::default())
        .page_size(1)
        .items()
        .collect::<Result<_, _>>()
        .expect("DescribeInstances");
    assert_eq!(reservations.len(), 3);
    client
        .call::<ec2::shapes::TerminateInstances>(&ec2::shapes::TerminateInstancesInput {
            instance_ids: ids.clone(),
        })
        .expect("TerminateInstances");
    let done = client
        .wait::<InstanceTerminated>(&these, WAIT, None)
        .expect("InstanceTerminated");
    assert_eq!(done.index, 0);
    match client.wait::<InstanceRunning>(&these, WAIT, None) {
        Err(awso::WaitError::Failure(w)) => {
            assert_eq!(
                (w.index, w.acceptor.state, w.attempts),
                (2, State::Failure, 1)
            );
            assert_eq!(w.acceptor.expected, "\"terminated\"");
            assert!(w.last.is_ok());
        }
        other => panic!("expected the failure acceptor, got {other:?}"),
    }
}

/// A service that sends the same token forever.
struct SameToken;

impl awso::blocking::Transport for SameToken {
    fn send(&self, _: awso::http::Request<Vec<u8>>) -> awso::Result<awso::http::Response<Vec<u8>>> {
        Ok(awso::http::Response::new(
            br#"{"QueueUrls":["u"],"NextToken":"again"}"#.to_vec(),
        ))
    }
}

#[test]
fn a_repeated_token_ends_the_pagination_with_an_error() {
    let client = Client::new(Credentials::new("a", "b", None), "us-east-1")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(SameToken);
    let pages: Vec<_> = client
        .paginate::<ListQueues>(ListQueuesInput::default())
        .collect();
    assert_eq!(pages.len(), 3, "two pages, then the error");
    assert!(pages[..2].iter().all(Result::is_ok));
    let error = pages[2].as_ref().unwrap_err().to_string();
    assert!(error.contains("same pagination token twice"), "{error}");
}
