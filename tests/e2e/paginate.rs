//! Paginators and waiters against moto (signatures verified), on both clients: the blocking
//! client's iterators and the async client's streams.
//!
//! - Pagination over several pages where moto pages by the page size: DynamoDB Scan and Query
//!   (the `LastEvaluatedKey` map going back as `ExclusiveStartKey`), S3 ListObjectsV2 and
//!   ListObjectVersions (`KeyMarker` + `VersionIdMarker`, with a page ending between two
//!   versions of one key), EC2 DescribeInstances. moto 5.2.1 answers SQS ListQueues and IAM
//!   ListUsers in one page whatever `MaxResults` / `MaxItems` say, so those go through a
//!   loopback gate in front of moto that pages moto's answers as AWS documents the two
//!   operations (`paginate/gate.rs`): several pages, `NextToken`, `Marker` and `IsTruncated`.
//! - Waiters: DynamoDB TableExists and TableNotExists, S3 BucketExists and ObjectExists, EC2
//!   InstanceRunning and InstanceTerminated, and InstanceRunning ending on its `terminated`
//!   failure acceptor; waits that run out of time.
//! - Without a server: a repeated token ends a pagination with an error, and a declaration
//!   whose path names a member the shapes do not have (deeper than the macros can see) is an
//!   error at first use, before any request.
//!
//! The paginators and waiters are declared as botocore's `paginators-1.json` and
//! `waiters-2.json` declare them.

mod gate;

use crate::moto;
use crate::workflows::{CreateUser, CreateUserInput, Iam, IamError, User};
use crate::{dynamodb, ec2, s3, sqs};

use awso::blocking::Client;
use awso::waiter::State;
use awso::{AwsShape, Credentials, WaitError};
use dynamodb::shapes::{
    AttributeValue, DescribeTable, DescribeTableInput, DynamoDb, DynamoDbError, Item, QueryInput,
    ScanInput, ScanOutput, TableExists, TableNotExists,
};
use ec2::shapes::{DescribeInstancesOutput, Ec2, Ec2Error, Filter};
use futures_util::{StreamExt, TryStreamExt};
use s3::shapes::{S3Error, S3};
use sqs::common::on_tokio;
use sqs::shapes::json::ListQueues;
use sqs::shapes::{ListQueuesInput, ListQueuesOutput};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

// The operations the examples do not have, on the examples' services ---------------------------

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
#[derive(AwsShape, Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
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
pub struct PutBucketVersioningRequest {
    #[aws(label)]
    pub bucket: String,
    #[aws(payload)]
    pub versioning_configuration: VersioningConfiguration,
}
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_namespace(uri = "http://s3.amazonaws.com/doc/2006-03-01/"))]
pub struct VersioningConfiguration {
    pub status: Option<String>,
}
awso::operation! { pub struct PutBucketVersioning: S3(PutBucketVersioningRequest) -> HeadOutput, S3Error; http("PUT" "/{Bucket}?versioning"); }

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

/// Credentials of a new allow-all IAM user (see `workflows::moto_user`).
fn credentials(moto: &moto::Moto) -> Credentials {
    crate::workflows::moto_user(moto, "awso")
}

const WAIT: Duration = Duration::from_secs(30);

/// A table with a string hash key `pk` and a string sort key `sk`.
fn create_table(client: &Client, table: &str) {
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
}

/// Item `s{i}` of partition `p`.
fn item(i: usize) -> Item {
    BTreeMap::from([
        ("pk".to_string(), AttributeValue::S("p".into())),
        ("sk".to_string(), AttributeValue::S(format!("s{i}"))),
    ])
}

fn put_items(client: &Client, table: &str, n: usize) {
    for i in 0..n {
        client
            .call::<dynamodb::shapes::PutItem>(&dynamodb::shapes::PutItemInput {
                table_name: table.into(),
                item: item(i),
                condition_expression: None,
            })
            .expect("PutItem");
    }
}

fn query(table: &str) -> QueryInput {
    QueryInput {
        table_name: table.into(),
        key_condition_expression: Some("pk = :pk".into()),
        expression_attribute_values: Some(BTreeMap::from([(
            ":pk".to_string(),
            AttributeValue::S("p".into()),
        )])),
        ..Default::default()
    }
}

fn put_object(client: &Client, bucket: &str, key: &str) {
    client
        .call::<s3::shapes::PutObject>(&s3::shapes::PutObjectRequest {
            bucket: bucket.into(),
            key: key.into(),
            body: Some(b"x".to_vec().into()),
            ..Default::default()
        })
        .expect("PutObject");
}

fn create_bucket(client: &Client, bucket: &str) {
    client
        .call::<s3::shapes::CreateBucket>(&s3::shapes::CreateBucketRequest {
            bucket: bucket.into(),
        })
        .expect("CreateBucket");
}

#[test]
fn paginators_go_over_several_pages_of_moto() {
    let moto = moto::Moto::start();
    let client = Client::new(credentials(&moto), "us-east-1").with_endpoint(&moto.url);

    // DynamoDB Scan and Query: Limit 2 over 5 items is 3 pages, each next page starting at
    // the LastEvaluatedKey map of the one before (ExclusiveStartKey).
    let table = "paged";
    create_table(&client, table);
    put_items(&client, table, 5);
    let scan = ScanInput {
        table_name: table.into(),
        ..Default::default()
    };
    let pages: Vec<ScanOutput> = client
        .paginate::<dynamodb::shapes::Scan>(scan.clone())
        .page_size(2)
        .collect::<Result<_, _>>()
        .expect("Scan");
    let counts: Vec<_> = pages.iter().map(|p| p.count).collect();
    assert_eq!(counts, [Some(2), Some(2), Some(1)], "{pages:?}");
    let last = |p: &ScanOutput| p.items.as_ref().unwrap().last().cloned();
    assert_eq!(
        pages[0].last_evaluated_key,
        last(&pages[0]),
        "the map token"
    );
    assert_eq!(pages[1].last_evaluated_key, last(&pages[1]));
    assert_eq!(pages[2].last_evaluated_key, None);
    let mut scanned: Vec<Item> = client
        .paginate::<dynamodb::shapes::Scan>(scan.clone())
        .page_size(2)
        .items::<Item>()
        .collect::<Result<_, _>>()
        .unwrap();
    scanned.sort_by_key(|i| format!("{:?}", i["sk"]));
    assert_eq!(scanned, (0..5).map(item).collect::<Vec<_>>());
    // A cap on items: two pages are enough for three items.
    let capped: Vec<Item> = client
        .paginate::<dynamodb::shapes::Scan>(scan)
        .page_size(2)
        .max_items(3)
        .items::<Item>()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(capped.len(), 3);
    let pages = client
        .paginate::<dynamodb::shapes::Query>(query(table))
        .page_size(2)
        .map(|p| p.map(|p| p.count))
        .collect::<Result<Vec<_>, _>>()
        .expect("Query pages");
    assert_eq!(pages, [Some(2), Some(2), Some(1)]);
    let items: Vec<Item> = client
        .paginate::<dynamodb::shapes::Query>(query(table))
        .page_size(2)
        .items::<Item>()
        .collect::<Result<_, _>>()
        .expect("Query");
    assert_eq!(
        items,
        (0..5).map(item).collect::<Vec<_>>(),
        "in sort-key order"
    );

    // S3 ListObjectsV2: MaxKeys 2 over 5 keys is 3 pages (ContinuationToken, IsTruncated).
    let bucket = "awso-paged";
    create_bucket(&client, bucket);
    for i in 0..5 {
        put_object(&client, bucket, &format!("k{i}"));
    }
    let listing = s3::shapes::ListObjectsV2Request {
        bucket: bucket.into(),
        ..Default::default()
    };
    let pages: Vec<_> = client
        .paginate::<s3::shapes::ListObjectsV2>(listing.clone())
        .page_size(2)
        .collect::<Result<_, _>>()
        .expect("ListObjectsV2 pages");
    assert_eq!(pages.len(), 3, "{pages:?}");
    let keys: Vec<String> = client
        .paginate::<s3::shapes::ListObjectsV2>(listing)
        .page_size(2)
        .items::<s3::shapes::Object>()
        .map(|o| o.map(|o| o.key.unwrap()))
        .collect::<Result<_, _>>()
        .expect("ListObjectsV2");
    assert_eq!(keys, ["k0", "k1", "k2", "k3", "k4"]);

    // S3 ListObjectVersions, two tokens: with three versions of `a` and two of `b`, pages of
    // two end between two versions of `a`, so the next page needs both KeyMarker and
    // VersionIdMarker to start at the right version.
    let versioned = "awso-versions";
    create_bucket(&client, versioned);
    client
        .call::<PutBucketVersioning>(&PutBucketVersioningRequest {
            bucket: versioned.into(),
            versioning_configuration: VersioningConfiguration {
                status: Some("Enabled".into()),
            },
        })
        .expect("PutBucketVersioning");
    for key in ["a", "a", "a", "b", "b"] {
        put_object(&client, versioned, key);
    }
    let all = ListObjectVersionsRequest {
        bucket: versioned.into(),
        ..Default::default()
    };
    let whole = client
        .call::<ListObjectVersions>(&all)
        .expect("ListObjectVersions in one page");
    let mut expected = whole.versions.clone().unwrap_or_default();
    assert_eq!(expected.len(), 5, "{whole:?}");
    let pages: Vec<ListObjectVersionsOutput> = client
        .paginate::<ListObjectVersions>(all.clone())
        .page_size(2)
        .collect::<Result<_, _>>()
        .expect("ListObjectVersions pages");
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert_eq!(pages[0].next_key_marker.as_deref(), Some("a"));
    assert_eq!(
        pages[0].next_version_id_marker,
        pages[0].versions.as_ref().unwrap()[1].version_id,
        "the first page ends inside `a`'s versions"
    );
    let mut versions: Vec<ObjectVersion> = client
        .paginate::<ListObjectVersions>(all)
        .page_size(2)
        .items::<ObjectVersion>()
        .collect::<Result<_, _>>()
        .expect("ListObjectVersions");
    versions.sort();
    expected.sort();
    assert_eq!(versions, expected, "every version once");

    // EC2 DescribeInstances: MaxResults 1 over three reservations is 3 pages (NextToken).
    for _ in 0..3 {
        client
            .call::<ec2::shapes::RunInstances>(&ec2::shapes::RunInstancesInput {
                image_id: Some("ami-12c6146b".into()),
                instance_type: Some("t3.micro".into()),
                min_count: 1,
                max_count: 1,
                ..Default::default()
            })
            .expect("RunInstances");
    }
    let pages: Vec<DescribeInstancesOutput> = client
        .paginate::<paged::DescribeInstances>(paged::DescribeInstancesInput::default())
        .page_size(1)
        .collect::<Result<_, _>>()
        .expect("DescribeInstances pages");
    let tokens: Vec<_> = pages.iter().map(|p| p.next_token.is_some()).collect();
    assert_eq!(tokens, [true, true, false]);
    let reservations: Vec<ec2::shapes::Reservation> = client
        .paginate::<paged::DescribeInstances>(paged::DescribeInstancesInput::default())
        .page_size(1)
        .items()
        .collect::<Result<_, _>>()
        .expect("DescribeInstances");
    let mut ids: Vec<_> = reservations
        .iter()
        .map(|r| r.reservation_id.clone().unwrap())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "{ids:?}");
}

#[test]
fn list_queues_and_list_users_page_through_a_gate_that_pages_as_aws_does() {
    let moto = moto::Moto::start();
    let credentials = credentials(&moto);
    let gate = gate::Gate::start(&moto.url);
    let client = Client::new(credentials.clone(), "us-east-1").with_endpoint(&gate.url);
    for i in 0..7 {
        client
            .call::<sqs::shapes::json::CreateQueue>(&sqs::shapes::CreateQueueInput {
                queue_name: format!("pg-{i}"),
                attributes: None,
            })
            .expect("CreateQueue");
    }
    for i in 0..4 {
        client
            .call::<CreateUser>(&CreateUserInput {
                user_name: format!("user-{i}"),
            })
            .expect("CreateUser");
    }
    let queues = ListQueuesInput {
        queue_name_prefix: Some("pg-".into()),
        ..Default::default()
    };
    let list_queues = |token: Option<&str>| gate::Paged {
        operation: "ListQueues",
        token: token.map(str::to_owned),
        size: Some(3),
    };
    let list_users = |token: Option<&str>| gate::Paged {
        operation: "ListUsers",
        token: token.map(str::to_owned),
        size: Some(2),
    };

    // Blocking: SQS ListQueues, 7 queues 3 a page.
    let pages: Vec<ListQueuesOutput> = client
        .paginate::<ListQueues>(queues.clone())
        .page_size(3)
        .collect::<Result<_, _>>()
        .expect("ListQueues pages");
    let sizes: Vec<_> = pages
        .iter()
        .map(|p| p.queue_urls.as_ref().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [3, 3, 1]);
    let tokens: Vec<_> = pages.iter().map(|p| p.next_token.clone()).collect();
    assert_eq!(
        gate.paged(),
        [
            list_queues(None),
            list_queues(tokens[0].as_deref()),
            list_queues(tokens[1].as_deref())
        ],
        "each page asked for with the token of the one before"
    );
    assert_eq!(tokens[2], None);
    let urls: Vec<String> = client
        .paginate::<ListQueues>(queues.clone())
        .page_size(3)
        .items::<String>()
        .collect::<Result<_, _>>()
        .expect("ListQueues items");
    let names: Vec<_> = urls.iter().map(|u| u.rsplit('/').next().unwrap()).collect();
    assert_eq!(
        names,
        ["pg-0", "pg-1", "pg-2", "pg-3", "pg-4", "pg-5", "pg-6"]
    );
    let asked = gate.paged().len();
    let capped: Vec<String> = client
        .paginate::<ListQueues>(queues.clone())
        .page_size(3)
        .max_items(4)
        .items::<String>()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(capped, urls[..4]);
    assert_eq!(gate.paged().len() - asked, 2, "two pages hold four items");

    // Blocking: IAM ListUsers, 5 users 2 a page (Marker, IsTruncated).
    let asked = gate.paged().len();
    let pages: Vec<ListUsersOutput> = client
        .paginate::<ListUsers>(ListUsersInput::default())
        .page_size(2)
        .collect::<Result<_, _>>()
        .expect("ListUsers pages");
    let truncated: Vec<_> = pages.iter().map(|p| p.is_truncated).collect();
    assert_eq!(truncated, [Some(true), Some(true), Some(false)]);
    let markers: Vec<_> = pages.iter().map(|p| p.marker.clone()).collect();
    assert_eq!(
        gate.paged()[asked..],
        [
            list_users(None),
            list_users(markers[0].as_deref()),
            list_users(markers[1].as_deref())
        ]
    );
    let users: Vec<User> = client
        .paginate::<ListUsers>(ListUsersInput::default())
        .page_size(2)
        .items::<User>()
        .collect::<Result<_, _>>()
        .expect("ListUsers");
    let mut names: Vec<_> = users.iter().filter_map(|u| u.user_name.clone()).collect();
    names.sort();
    assert_eq!(names, ["awso", "user-0", "user-1", "user-2", "user-3"]);

    // Async: the same as streams.
    on_tokio(async {
        let client = awso::Client::new(credentials, "us-east-1").with_endpoint(&gate.url);
        let asked = gate.paged().len();
        let mut pages = client.paginate::<ListQueues>(queues.clone()).page_size(3);
        let mut sizes = Vec::new();
        while let Some(page) = pages.next().await {
            sizes.push(page.expect("ListQueues page").queue_urls.unwrap().len());
        }
        assert_eq!(sizes, [3, 3, 1]);
        assert!(pages.next().await.is_none(), "the stream stays ended");
        assert_eq!(gate.paged().len() - asked, 3);
        let streamed: Vec<String> = client
            .paginate::<ListQueues>(queues.clone())
            .page_size(3)
            .items::<String>()
            .try_collect()
            .await
            .expect("ListQueues items");
        assert_eq!(streamed, urls);
        let mut items = client
            .paginate::<ListQueues>(queues)
            .page_size(3)
            .max_items(4)
            .items::<String>();
        let mut capped = Vec::new();
        while let Some(url) = items.next_item().await {
            capped.push(url.unwrap());
        }
        assert_eq!(capped, urls[..4]);
        let users: Vec<User> = client
            .paginate::<ListUsers>(ListUsersInput::default())
            .page_size(2)
            .items::<User>()
            .try_collect()
            .await
            .expect("ListUsers");
        assert_eq!(users.len(), 5);
        let mut pages = client
            .paginate::<ListUsers>(ListUsersInput::default())
            .page_size(2);
        let first = pages.next_page().await.unwrap().unwrap();
        assert_eq!(first.is_truncated, Some(true));
        assert_eq!(pages.count().await, 2, "two more pages");
    });
}

#[test]
fn waiters_against_moto() {
    let moto = moto::Moto::start();
    let client = Client::new(credentials(&moto), "us-east-1").with_endpoint(&moto.url);

    // DynamoDB: TableExists runs out of time before the table exists (retrying on
    // ResourceNotFoundException), then matches; TableNotExists after DeleteTable.
    let table = "waited";
    let describe = DescribeTableInput {
        table_name: table.into(),
    };
    let missing = client
        .waiter::<TableExists>()
        .min_delay(Duration::from_millis(100))
        .max_delay(Duration::from_millis(200))
        // Long enough for two polls even when the machine is busy.
        .wait(&describe, Duration::from_secs(2))
        .expect_err("no such table yet");
    match &missing {
        WaitError::TimedOut { attempts, last } => {
            assert!(*attempts >= 2, "{missing}");
            let last = last.as_ref().unwrap().as_ref().unwrap_err();
            assert!(
                matches!(
                    last.service_error(),
                    Some(DynamoDbError::ResourceNotFoundException(_))
                ),
                "{last}"
            );
        }
        other => panic!("expected a time-out, got {other}"),
    }
    // The attempts bound a wait too; with no least delay the backoff stays at zero.
    let start = std::time::Instant::now();
    match client
        .waiter::<TableExists>()
        .min_delay(Duration::ZERO)
        .max_attempts(3)
        .wait(&describe, WAIT)
    {
        Err(WaitError::TimedOut { attempts: 3, .. }) => {}
        other => panic!("expected three attempts, got {other:?}"),
    }
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    create_table(&client, table);
    let exists = client
        .wait::<TableExists>(&describe, WAIT)
        .expect("TableExists");
    assert_eq!((exists.index, exists.acceptor.state), (0, State::Success));
    assert_eq!(
        exists.last.unwrap().table.unwrap().table_status.as_deref(),
        Some("ACTIVE")
    );
    client
        .call::<dynamodb::shapes::DeleteTable>(&dynamodb::shapes::DeleteTableInput {
            table_name: table.into(),
        })
        .expect("DeleteTable");
    let gone = client
        .wait::<TableNotExists>(&describe, WAIT)
        .expect("TableNotExists");
    assert_eq!((gone.index, gone.acceptor.state), (0, State::Success));
    assert!(matches!(
        gone.last.unwrap_err().service_error(),
        Some(DynamoDbError::ResourceNotFoundException(_))
    ));

    // S3: BucketExists retries on 404 until it runs out of time, then matches 200 at once;
    // ObjectExists the same for a key.
    let bucket = "awso-waited";
    let head = HeadBucketRequest {
        bucket: bucket.into(),
    };
    match client
        .waiter::<BucketExists>()
        .min_delay(Duration::from_millis(100))
        .wait(&head, Duration::from_secs(2))
    {
        Err(WaitError::TimedOut { attempts, last }) => {
            assert!(attempts >= 2, "{attempts}");
            let status = last.unwrap().unwrap_err().raw_response().unwrap().status;
            assert_eq!(status, 404);
        }
        other => panic!("expected a time-out, got {other:?}"),
    }
    create_bucket(&client, bucket);
    let exists = client
        .wait::<BucketExists>(&head, WAIT)
        .expect("BucketExists");
    assert_eq!((exists.index, exists.attempts), (0, 1));
    put_object(&client, bucket, "k3");
    let object = HeadObjectRequest {
        bucket: bucket.into(),
        key: "k3".into(),
    };
    let found = client
        .wait::<ObjectExists>(&object, WAIT)
        .expect("ObjectExists");
    assert_eq!((found.index, found.attempts), (0, 1));
    let absent = HeadObjectRequest {
        bucket: bucket.into(),
        key: "nope".into(),
    };
    match client
        .waiter::<ObjectExists>()
        .min_delay(Duration::from_millis(100))
        .wait(&absent, Duration::from_secs(2))
    {
        Err(WaitError::TimedOut { attempts, last }) => {
            assert!(attempts >= 2, "{attempts}");
            let status = last.unwrap().unwrap_err().raw_response().unwrap().status;
            assert_eq!(status, 404);
        }
        other => panic!("expected a time-out, got {other:?}"),
    }

    // EC2: InstanceRunning, InstanceTerminated, and InstanceRunning on terminated instances
    // ending on its failure acceptor at the first attempt.
    let mut ids = Vec::new();
    for _ in 0..2 {
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
        .wait::<InstanceRunning>(&these, WAIT)
        .expect("InstanceRunning");
    assert_eq!((running.index, running.acceptor.state), (0, State::Success));
    client
        .call::<ec2::shapes::TerminateInstances>(&ec2::shapes::TerminateInstancesInput {
            instance_ids: ids.clone(),
        })
        .expect("TerminateInstances");
    let done = client
        .wait::<InstanceTerminated>(&these, WAIT)
        .expect("InstanceTerminated");
    assert_eq!(done.index, 0);
    match client.wait::<InstanceRunning>(&these, WAIT) {
        Err(WaitError::Failure(w)) => {
            assert_eq!(
                (w.index, w.acceptor.state, w.attempts),
                (2, State::Failure, 1)
            );
            assert_eq!(w.acceptor.expected, "\"terminated\"");
            let states: Vec<_> = w
                .last
                .unwrap()
                .reservations
                .unwrap()
                .iter()
                .flat_map(|r| r.instances.clone().unwrap())
                .map(|i| i.state.unwrap().name.unwrap())
                .collect();
            assert_eq!(states, ["terminated", "terminated"]);
        }
        other => panic!("expected the failure acceptor, got {other:?}"),
    }
}

#[test]
fn the_async_client_waits_and_pages_as_a_stream() {
    let moto = moto::Moto::start();
    let credentials = credentials(&moto);
    on_tokio(async {
        let client = awso::Client::new(credentials, "us-east-1").with_endpoint(&moto.url);
        let table = "streamed";
        let describe = DescribeTableInput {
            table_name: table.into(),
        };
        match client
            .waiter::<TableExists>()
            .min_delay(Duration::from_millis(100))
            .wait(&describe, Duration::from_secs(2))
            .await
        {
            Err(WaitError::TimedOut { attempts, .. }) => assert!(attempts >= 2, "{attempts}"),
            other => panic!("expected a time-out, got {other:?}"),
        }
        create_table_async(&client, table).await;
        let exists = client
            .wait::<TableExists>(&describe, WAIT)
            .await
            .expect("TableExists");
        assert_eq!((exists.index, exists.attempts), (0, 1));
        for i in 0..5 {
            client
                .call::<dynamodb::shapes::PutItem>(&dynamodb::shapes::PutItemInput {
                    table_name: table.into(),
                    item: item(i),
                    condition_expression: None,
                })
                .await
                .expect("PutItem");
        }
        // A pagination can move to another task (tokio::spawn needs Send).
        fn send<T: Send>(t: T) -> T {
            t
        }
        let counts: Vec<_> = send(client.paginate::<dynamodb::shapes::Query>(query(table)))
            .page_size(2)
            .map(|page| page.map(|p| p.count))
            .try_collect::<Vec<_>>()
            .await
            .expect("Query pages");
        assert_eq!(counts, [Some(2), Some(2), Some(1)]);
        let items: Vec<Item> = client
            .paginate::<dynamodb::shapes::Query>(query(table))
            .page_size(2)
            .items::<Item>()
            .try_collect()
            .await
            .expect("Query");
        assert_eq!(items, (0..5).map(item).collect::<Vec<_>>());
        let first_three: Vec<Item> = client
            .paginate::<dynamodb::shapes::Scan>(ScanInput {
                table_name: table.into(),
                ..Default::default()
            })
            .page_size(2)
            .items::<Item>()
            .take(3)
            .try_collect()
            .await
            .expect("Scan");
        assert_eq!(first_three.len(), 3);
        client
            .call::<dynamodb::shapes::DeleteTable>(&dynamodb::shapes::DeleteTableInput {
                table_name: table.into(),
            })
            .await
            .expect("DeleteTable");
        client
            .wait::<TableNotExists>(&describe, WAIT)
            .await
            .expect("TableNotExists");
    });
}

async fn create_table_async(client: &awso::Client, table: &str) {
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
        .await
        .expect("CreateTable");
}

// Without a server ---------------------------------------------------------------------------

/// A service that answers every request with `body` (200), counting the requests.
struct Canned {
    body: &'static str,
    sent: AtomicUsize,
}

impl Canned {
    fn new(body: &'static str) -> Canned {
        Canned {
            body,
            sent: AtomicUsize::new(0),
        }
    }

    fn answer(&self) -> awso::Result<awso::http::Response<Vec<u8>>> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        Ok(awso::http::Response::new(self.body.as_bytes().to_vec()))
    }
}

impl awso::blocking::Transport for &Canned {
    fn send(&self, _: awso::http::Request<Vec<u8>>) -> awso::Result<awso::http::Response<Vec<u8>>> {
        self.answer()
    }
}

impl awso::transport::Transport for Canned {
    async fn send(
        &self,
        _: awso::http::Request<Vec<u8>>,
    ) -> awso::Result<awso::http::Response<Vec<u8>>> {
        self.answer()
    }
}

fn offline() -> Client {
    Client::new(Credentials::new("a", "b", None), "us-east-1").with_endpoint("http://127.0.0.1:9")
}

#[test]
fn a_repeated_token_ends_the_pagination_with_an_error() {
    let same_token = Canned::new(r#"{"QueueUrls":["u"],"NextToken":"again"}"#);
    let client = offline().with_transport(&same_token);
    let pages: Vec<_> = client
        .paginate::<ListQueues>(ListQueuesInput::default())
        .collect();
    assert_eq!(pages.len(), 3, "two pages, then the error");
    assert!(pages[..2].iter().all(Result::is_ok));
    let error = pages[2].as_ref().unwrap_err().to_string();
    assert!(error.contains("same pagination token twice"), "{error}");
    assert_eq!(same_token.sent.load(Ordering::Relaxed), 2);

    let same_token = Canned::new(r#"{"QueueUrls":["u"],"NextToken":"again"}"#);
    let client = awso::Client::new(Credentials::new("a", "b", None), "us-east-1")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(same_token);
    on_tokio(async {
        let items: Vec<_> = client
            .paginate::<ListQueues>(ListQueuesInput::default())
            .items::<String>()
            .collect()
            .await;
        assert_eq!(items.len(), 3, "two items, then the error");
        let error = items[2].as_ref().unwrap_err().to_string();
        assert!(error.contains("same pagination token twice"), "{error}");
    });
}

// `Scan` with a result key whose first member exists (so `paginator!` accepts it) and whose
// last does not: items are maps of `AttributeValue`, which has no member `Sz`.
awso::operation! { pub struct ScanWithTypo: DynamoDb(ScanInput) -> ScanOutput, DynamoDbError; }
awso::paginator! { ScanWithTypo { input_token: "ExclusiveStartKey", output_token: "LastEvaluatedKey", result_key: "Items[].pk.Sz" } }

awso::waiter! {
    /// `TableExists` with a typo past the first member.
    pub struct TableStatusTypo: DescribeTable {
        delay: 1,
        max_attempts: 2,
        acceptors: [success: path("Table.TableStatuz") == "ACTIVE"],
    }
}
awso::waiter! {
    /// A path that goes on past a string.
    pub struct PastAString: DescribeTable {
        delay: 1,
        max_attempts: 2,
        acceptors: [success: path("Table.TableStatus.Name") == "ACTIVE"],
    }
}

#[test]
fn paths_to_members_the_shapes_lack_are_errors_at_first_use_before_any_request() {
    let canned = Canned::new(r#"{"Table":{"TableStatus":"ACTIVE"}}"#);
    let client = offline().with_transport(&canned);
    let describe = DescribeTableInput {
        table_name: "t".into(),
    };
    let typo = client
        .wait::<TableStatusTypo>(&describe, WAIT)
        .unwrap_err()
        .to_string();
    assert_eq!(
        typo,
        "waiter TableStatusTypo: path `Table.TableStatuz` names `TableStatuz`, which \
         TableDescription has no member of (it has TableName, TableStatus, CreationDateTime, \
         ItemCount)"
    );
    let past = client
        .wait::<PastAString>(&describe, WAIT)
        .unwrap_err()
        .to_string();
    assert_eq!(
        past,
        "waiter PastAString: path `Table.TableStatus.Name` reads `Name` from a string, which \
         has no members"
    );
    let items: Vec<_> = client
        .paginate::<ScanWithTypo>(ScanInput::default())
        .items::<Item>()
        .collect();
    assert_eq!(items.len(), 1, "{items:?}");
    let error = items[0].as_ref().unwrap_err().to_string();
    assert!(
        error.contains(
            "paginator of ScanWithTypo: result_key `Items[].pk.Sz` names `Sz`, which \
             AttributeValue has no member of (it has S, N, B, SS, "
        ),
        "{error}"
    );
    assert_eq!(
        canned.sent.load(Ordering::Relaxed),
        0,
        "no request was sent"
    );

    let canned = Canned::new("{}");
    let client = awso::Client::new(Credentials::new("a", "b", None), "us-east-1")
        .with_endpoint("http://127.0.0.1:9")
        .with_transport(&canned);
    on_tokio(async {
        let error = client
            .wait::<TableStatusTypo>(&describe, WAIT)
            .await
            .unwrap_err();
        assert!(matches!(error, WaitError::Declaration(_)), "{error}");
        let first = client
            .paginate::<ScanWithTypo>(ScanInput::default())
            .next_page()
            .await
            .unwrap();
        assert!(first.unwrap_err().to_string().contains("names `Sz`"));
    });
    assert_eq!(
        canned.sent.load(Ordering::Relaxed),
        0,
        "no request was sent"
    );
}
