//! SQS: create a queue, find it among the queues listed page by page (the `ListQueues`
//! paginator), send a message with attributes, receive it, delete it, and see a modelled
//! error, over awsJson1_0 (default) or awsQuery (`-- --protocol query`), with the
//! same hand-modelled shapes.
//!
//! Credentials, region and endpoint come from the environment and `~/.aws` as the AWS SDKs
//! find them. Against a local moto (`moto_server -p 5000`):
//!
//! ```sh
//! AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=us-east-1 \
//! AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test cargo run --example sqs
//! ```
//!
//! `cargo run --example sqs -- --async` runs the same workflow on the async client
//! (reqwest on tokio) instead of the blocking one.
//!
//! AWS itself is `https://`, which the examples can speak (they build awso with its `rustls`
//! feature).

#[path = "shapes.rs"]
pub mod shapes;

#[path = "../common/mod.rs"]
pub mod common;

use awso::operation::OperationError;
use common::Call;
use shapes::*;
use std::collections::BTreeMap;
use std::error::Error;

/// What the workflow saw.
#[derive(Debug)]
pub struct Report {
    /// The queue's URL.
    pub queue_url: String,
    /// The URLs of the queues whose name starts with the queue's, listed a page at a time.
    pub listed: Vec<String>,
    /// The message as sent.
    pub sent: SendMessageOutput,
    /// The message as received.
    pub received: Message,
    /// The error of a `GetQueueUrl` for a queue that does not exist.
    pub missing: OperationError<SqsError>,
}

/// Runs the workflow on queue `queue` with the operations of `A`.
pub async fn run<A: Api>(client: &impl Call, queue: &str) -> Result<Report, Box<dyn Error>> {
    let queue_url = client
        .call::<A::CreateQueue>(&CreateQueueInput {
            queue_name: queue.into(),
            attributes: Some(BTreeMap::from([(
                "VisibilityTimeout".to_string(),
                "30".to_string(),
            )])),
        })
        .await?
        .queue_url
        .ok_or("CreateQueue returned no QueueUrl")?;
    println!("created {queue_url}");

    // Ten queues a page, each next page asked for with the previous one's NextToken.
    let listed: Vec<String> = client
        .items::<A::ListQueues, String>(
            ListQueuesInput {
                queue_name_prefix: Some(queue.into()),
                ..Default::default()
            },
            10,
        )
        .await?;
    println!("listed {listed:?}");

    let sent = client
        .call::<A::SendMessage>(&SendMessageInput {
            queue_url: queue_url.clone(),
            message_body: "player-1 joined gsess-1 ✓".into(),
            delay_seconds: None,
            message_attributes: Some(BTreeMap::from([
                (
                    "level".to_string(),
                    MessageAttributeValue {
                        string_value: Some("7".into()),
                        data_type: "Number".into(),
                        ..Default::default()
                    },
                ),
                (
                    "avatar".to_string(),
                    MessageAttributeValue {
                        binary_value: Some(vec![0u8, 1, 2, 254, 255].into()),
                        data_type: "Binary".into(),
                        ..Default::default()
                    },
                ),
            ])),
        })
        .await?;
    println!("sent {sent:?}");

    let received = client
        .call::<A::ReceiveMessage>(&ReceiveMessageInput {
            queue_url: queue_url.clone(),
            max_number_of_messages: Some(1),
            wait_time_seconds: Some(1),
            message_attribute_names: Some(vec!["All".into()]),
            attribute_names: Some(vec!["All".into()]),
        })
        .await?
        .messages
        .unwrap_or_default()
        .into_iter()
        .next()
        .ok_or("no message received")?;
    println!("received {received:#?}");

    client
        .call::<A::DeleteMessage>(&DeleteMessageInput {
            queue_url: queue_url.clone(),
            receipt_handle: received.receipt_handle.clone().ok_or("no receipt handle")?,
        })
        .await?;
    client
        .call::<A::DeleteQueue>(&DeleteQueueInput {
            queue_url: queue_url.clone(),
        })
        .await?;
    println!("deleted the message and the queue");

    let missing = client
        .call::<A::GetQueueUrl>(&GetQueueUrlInput {
            queue_name: format!("{queue}-does-not-exist"),
        })
        .await
        .err()
        .ok_or("GetQueueUrl found a queue that should not exist")?;
    println!("GetQueueUrl of a missing queue: {missing}");
    Ok(Report {
        queue_url,
        listed,
        sent,
        received,
        missing,
    })
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn Error>> {
    let query = std::env::args().skip_while(|a| a != "--protocol").nth(1);
    async fn workflow(client: &impl Call, query: Option<&str>) -> Result<(), Box<dyn Error>> {
        match query {
            None | Some("json") => run::<json::Protocol>(client, "awso-example").await?,
            Some("query") => run::<query::Protocol>(client, "awso-example").await?,
            Some(other) => return Err(format!("--protocol is json or query, not {other}").into()),
        };
        Ok(())
    }
    if common::is_async() {
        common::on_tokio(workflow(&awso::Client::from_env()?, query.as_deref()))
    } else {
        common::blocking(workflow(
            &awso::blocking::Client::from_env()?,
            query.as_deref(),
        ))
    }
}
