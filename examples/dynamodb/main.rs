//! DynamoDB over awsJson1_0: create a table with a sort key and wait until it is active (the
//! `TableExists` waiter), put items with nested values, read one back, query a partition in
//! sort-key order, scan the table page by page (the `Scan` paginator), see modelled errors,
//! and delete the table (waiting with `TableNotExists`).
//!
//! Credentials, region and endpoint come from the environment and `~/.aws`. Against a local
//! moto (`moto_server -p 5000`):
//!
//! ```sh
//! AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=us-east-1 \
//! AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test cargo run --example dynamodb
//! ```
//!
//! `cargo run --example dynamodb -- --async` runs the same workflow on the async client
//! (reqwest on tokio) instead of the blocking one.

#[path = "shapes.rs"]
pub mod shapes;

#[path = "../common/mod.rs"]
pub mod common;

use awso::operation::OperationError;
use awso::waiter::Waiter;
use awso::Blob;
use common::Call;
use shapes::*;
use std::collections::BTreeMap;
use std::error::Error;
use std::time::Duration;

/// What the workflow saw.
#[derive(Debug)]
pub struct Report {
    /// The `DescribeTable` answer that ended the `TableExists` wait.
    pub active: DescribeTableOutput,
    /// The items written, in sort-key order.
    pub written: Vec<Item>,
    /// Every item of the table, scanned two a page.
    pub scanned: Vec<Item>,
    /// The item `GetItem` read back for the second score.
    pub got: Option<Item>,
    /// What `Query` returned for the player, newest first.
    pub queried: QueryOutput,
    /// A conditional put over an existing item.
    pub conflict: OperationError<DynamoDbError>,
    /// A `GetItem` on a table that does not exist.
    pub missing: OperationError<DynamoDbError>,
}

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_owned())
}

fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

/// A score item of `player` at sort key `at`.
pub fn score(player: &str, at: i64, points: i64) -> Item {
    BTreeMap::from([
        ("player".to_string(), s(player)),
        ("at".to_string(), n(at)),
        ("points".to_string(), n(points)),
        (
            "replay".to_string(),
            AttributeValue::B(Blob::from(vec![0u8, at as u8, 255])),
        ),
        (
            "details".to_string(),
            AttributeValue::M(BTreeMap::from([
                (
                    "tags".to_string(),
                    AttributeValue::Ss(vec!["ranked".into(), "eu".into()]),
                ),
                ("verified".to_string(), AttributeValue::Bool(at % 2 == 0)),
                (
                    "rounds".to_string(),
                    AttributeValue::L(vec![n(points / 2), AttributeValue::Null(true)]),
                ),
            ])),
        ),
    ])
}

/// Runs the workflow on table `table`.
pub async fn run(client: &impl Call, table: &str) -> Result<Report, Box<dyn Error>> {
    let created = client
        .call::<CreateTable>(&CreateTableInput {
            table_name: table.into(),
            attribute_definitions: vec![
                AttributeDefinition {
                    attribute_name: "player".into(),
                    attribute_type: "S".into(),
                },
                AttributeDefinition {
                    attribute_name: "at".into(),
                    attribute_type: "N".into(),
                },
            ],
            key_schema: vec![
                KeySchemaElement {
                    attribute_name: "player".into(),
                    key_type: "HASH".into(),
                },
                KeySchemaElement {
                    attribute_name: "at".into(),
                    key_type: "RANGE".into(),
                },
            ],
            billing_mode: Some("PAY_PER_REQUEST".into()),
        })
        .await?;
    println!("created {:?}", created.table_description);
    let table_input = DescribeTableInput {
        table_name: table.into(),
    };
    let waited = client
        .wait::<TableExists>(&table_input, Duration::from_secs(300))
        .await?;
    println!(
        "{} after {} attempt(s): acceptor {} ({:?})",
        TableExists::NAME,
        waited.attempts,
        waited.index,
        waited.acceptor.state
    );
    let active = waited.last?;

    let written: Vec<Item> = (1..=3).map(|at| score("player-1", at, at * 100)).collect();
    for item in written.iter().chain([&score("player-2", 1, 5)]) {
        client
            .call::<PutItem>(&PutItemInput {
                table_name: table.into(),
                item: item.clone(),
                condition_expression: None,
            })
            .await?;
    }
    println!("put {} items", written.len() + 1);

    let got = client
        .call::<GetItem>(&GetItemInput {
            table_name: table.into(),
            key: BTreeMap::from([
                ("player".to_string(), s("player-1")),
                ("at".to_string(), n(2)),
            ]),
            consistent_read: Some(true),
        })
        .await?
        .item;
    println!("got {got:?}");

    let queried = client
        .call::<Query>(&QueryInput {
            table_name: table.into(),
            key_condition_expression: Some("player = :p AND #at > :from".into()),
            expression_attribute_names: Some(BTreeMap::from([(
                "#at".to_string(),
                "at".to_string(),
            )])),
            expression_attribute_values: Some(BTreeMap::from([
                (":p".to_string(), s("player-1")),
                (":from".to_string(), n(0)),
            ])),
            scan_index_forward: Some(false),
            ..Default::default()
        })
        .await?;
    println!(
        "queried {} of {} items",
        queried.count.unwrap_or(0),
        queried.scanned_count.unwrap_or(0)
    );

    // Two items a page, each next page starting at the previous one's LastEvaluatedKey.
    let scanned: Vec<Item> = client
        .items::<Scan, Item>(
            ScanInput {
                table_name: table.into(),
                ..Default::default()
            },
            2,
        )
        .await?;
    println!("scanned {} items", scanned.len());

    let conflict = client
        .call::<PutItem>(&PutItemInput {
            table_name: table.into(),
            item: score("player-1", 1, 0),
            condition_expression: Some("attribute_not_exists(player)".into()),
        })
        .await
        .err()
        .ok_or("a conditional put over an existing item succeeded")?;
    println!("conditional put: {conflict}");
    let missing = client
        .call::<GetItem>(&GetItemInput {
            table_name: format!("{table}-does-not-exist"),
            key: BTreeMap::from([("player".to_string(), s("x")), ("at".to_string(), n(1))]),
            consistent_read: None,
        })
        .await
        .err()
        .ok_or("GetItem found a table that should not exist")?;
    println!("GetItem on a missing table: {missing}");
    client
        .call::<DeleteTable>(&DeleteTableInput {
            table_name: table.into(),
        })
        .await?;
    let gone = client
        .wait::<TableNotExists>(&table_input, Duration::from_secs(300))
        .await?;
    println!("deleted the table ({} attempt(s))", gone.attempts);
    Ok(Report {
        active,
        written,
        scanned,
        got,
        queried,
        conflict,
        missing,
    })
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn Error>> {
    if common::is_async() {
        common::on_tokio(run(&awso::Client::from_env()?, "awso-example-scores"))?;
    } else {
        common::blocking(run(
            &awso::blocking::Client::from_env()?,
            "awso-example-scores",
        ))?;
    }
    Ok(())
}
