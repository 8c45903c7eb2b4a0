//! The SQS shapes of a queue's life (create, list, send, receive, delete), hand-modelled from
//! the SQS API reference (with `ListQueues`' paginator from botocore's `paginators-1.json`), and the service declared twice: over awsJson1_0 (what SQS speaks now,
//! with awsQuery compatibility) and over awsQuery (what it spoke before 2023). The same shapes
//! serve both; the `xml_name`/`flattened`/`key_name`/`value_name` attributes give the query
//! names (`MessageAttribute.1.Name`) and JSON uses the member names (`MessageAttributes`).

use awso::operation::Operation;
use awso::paginate::Paginated;
use awso::{AwsShape, Blob};
use std::collections::BTreeMap;

awso::service! {
    /// Amazon SQS over awsJson1_0, awsQuery-compatible (error codes also come in
    /// `x-amzn-query-error`).
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

awso::service! {
    /// Amazon SQS over awsQuery.
    pub struct SqsQuery {
        name: "SQS",
        protocol: Protocol::AwsQuery,
        api_version: "2012-11-05",
        signing_name: "sqs",
        endpoint_prefix: "sqs",
    }
}

/// Input of `CreateQueue`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateQueueInput {
    /// The queue's name (up to 80 characters; `.fifo` for FIFO queues).
    #[aws(length(min = 1, max = 80))]
    pub queue_name: String,
    /// Queue attributes (`VisibilityTimeout`, `DelaySeconds`, ...).
    #[aws(
        xml_name = "Attribute",
        flattened,
        key_name = "Name",
        value_name = "Value"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
}

/// Output of `CreateQueue` and `GetQueueUrl`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct QueueUrlOutput {
    /// The queue's URL, which names it in every other call.
    pub queue_url: Option<String>,
}

/// Input of `ListQueues`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListQueuesInput {
    /// Only the queues whose name starts with this.
    pub queue_name_prefix: Option<String>,
    /// Where the previous page stopped.
    pub next_token: Option<String>,
    /// At most this many queues a page (1 to 1,000); SQS pages only when it is set.
    #[aws(range(min = 1, max = 1000))]
    pub max_results: Option<i32>,
}

/// Output of `ListQueues`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ListQueuesOutput {
    /// The queues' URLs (`<QueueUrl>` elements in awsQuery).
    #[aws(xml_name = "QueueUrl", flattened)]
    pub queue_urls: Option<Vec<String>>,
    /// Where the next page starts, if there is one.
    pub next_token: Option<String>,
}

/// Input of `GetQueueUrl`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetQueueUrlInput {
    /// The queue's name.
    pub queue_name: String,
}

/// A message attribute: a typed value next to the body.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct MessageAttributeValue {
    /// The value of a `String` or `Number` attribute.
    pub string_value: Option<String>,
    /// The value of a `Binary` attribute.
    pub binary_value: Option<Blob>,
    /// `String`, `Number` or `Binary`, optionally with a custom suffix (`Number.int`).
    pub data_type: String,
}

/// Input of `SendMessage`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct SendMessageInput {
    /// The queue.
    pub queue_url: String,
    /// The body (up to 256 KiB of text).
    #[aws(length(min = 1, max = 262144))]
    pub message_body: String,
    /// Seconds before the message becomes visible (0 to 900).
    #[aws(range(min = 0, max = 900))]
    pub delay_seconds: Option<i32>,
    /// Typed attributes.
    #[aws(
        xml_name = "MessageAttribute",
        flattened,
        key_name = "Name",
        value_name = "Value"
    )]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
}

/// Output of `SendMessage`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct SendMessageOutput {
    /// The message's ID.
    pub message_id: Option<String>,
    /// MD5 of the body, to check what SQS received.
    #[aws(rename = "MD5OfMessageBody")]
    pub md5_of_message_body: Option<String>,
    /// MD5 of the message attributes.
    #[aws(rename = "MD5OfMessageAttributes")]
    pub md5_of_message_attributes: Option<String>,
}

/// Input of `ReceiveMessage`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ReceiveMessageInput {
    /// The queue.
    pub queue_url: String,
    /// At most this many messages (1 to 10).
    #[aws(range(min = 1, max = 10))]
    pub max_number_of_messages: Option<i32>,
    /// Long polling: wait up to this many seconds for a message (0 to 20).
    #[aws(range(min = 0, max = 20))]
    pub wait_time_seconds: Option<i32>,
    /// The message attributes to return (`All`, or names).
    #[aws(xml_name = "MessageAttributeName", flattened)]
    pub message_attribute_names: Option<Vec<String>>,
    /// The system attributes to return (`All`, `SentTimestamp`, ...).
    #[aws(xml_name = "AttributeName", flattened)]
    pub attribute_names: Option<Vec<String>>,
}

/// Output of `ReceiveMessage`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ReceiveMessageOutput {
    /// The messages received (none when the queue was empty).
    #[aws(xml_name = "Message", flattened)]
    pub messages: Option<Vec<Message>>,
}

/// A received message.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Message {
    /// The message's ID.
    pub message_id: Option<String>,
    /// The handle that deletes this receipt of the message.
    pub receipt_handle: Option<String>,
    /// MD5 of the body.
    #[aws(rename = "MD5OfBody")]
    pub md5_of_body: Option<String>,
    /// The body.
    pub body: Option<String>,
    /// System attributes (`SentTimestamp`, `ApproximateReceiveCount`, ...).
    #[aws(
        xml_name = "Attribute",
        flattened,
        key_name = "Name",
        value_name = "Value"
    )]
    pub attributes: Option<BTreeMap<String, String>>,
    /// The message attributes asked for.
    #[aws(
        xml_name = "MessageAttribute",
        flattened,
        key_name = "Name",
        value_name = "Value"
    )]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
}

/// Input of `DeleteMessage`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DeleteMessageInput {
    /// The queue.
    pub queue_url: String,
    /// The receipt handle of the message to delete.
    pub receipt_handle: String,
}

/// Input of `DeleteQueue`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DeleteQueueInput {
    /// The queue.
    pub queue_url: String,
}

/// An output without members.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Empty {}

/// The queue does not exist (awsQuery code `AWS.SimpleQueueService.NonExistentQueue`).
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 400, query_code = "AWS.SimpleQueueService.NonExistentQueue"))]
pub struct QueueDoesNotExist {
    /// What the service said.
    pub message: Option<String>,
}

/// The receipt handle is not valid (any more).
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 400))]
pub struct ReceiptHandleIsInvalid {
    /// What the service said.
    pub message: Option<String>,
}

/// The errors of the SQS operations modelled here.
#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum SqsError {
    /// The queue does not exist.
    QueueDoesNotExist(QueueDoesNotExist),
    /// The receipt handle is not valid.
    ReceiptHandleIsInvalid(ReceiptHandleIsInvalid),
    /// Any other error, with its code.
    #[aws(unknown)]
    Unknown {
        /// The error code.
        code: String,
        /// The message, if any.
        message: Option<String>,
    },
}

/// The operations of one protocol, so a workflow can be written once for both.
pub trait Api {
    /// `CreateQueue`.
    type CreateQueue: Operation<Input = CreateQueueInput, Output = QueueUrlOutput, Error = SqsError>;
    /// `GetQueueUrl`.
    type GetQueueUrl: Operation<Input = GetQueueUrlInput, Output = QueueUrlOutput, Error = SqsError>;
    /// `ListQueues`, with its paginator.
    type ListQueues: Paginated<Input = ListQueuesInput, Output = ListQueuesOutput, Error = SqsError>;
    /// `SendMessage`.
    type SendMessage: Operation<
        Input = SendMessageInput,
        Output = SendMessageOutput,
        Error = SqsError,
    >;
    /// `ReceiveMessage`.
    type ReceiveMessage: Operation<
        Input = ReceiveMessageInput,
        Output = ReceiveMessageOutput,
        Error = SqsError,
    >;
    /// `DeleteMessage`.
    type DeleteMessage: Operation<Input = DeleteMessageInput, Output = Empty, Error = SqsError>;
    /// `DeleteQueue`.
    type DeleteQueue: Operation<Input = DeleteQueueInput, Output = Empty, Error = SqsError>;
}

/// Declares the seven operations on `$service` in module `$module`, and its [`Api`].
macro_rules! operations {
    ($module:ident, $service:ident) => {
        /// The operations over this protocol.
        pub mod $module {
            use super::*;
            awso::operation! { /** Creates a queue. */ pub struct CreateQueue: $service(CreateQueueInput) -> QueueUrlOutput, SqsError; }
            awso::operation! { /** Looks a queue's URL up by name. */ pub struct GetQueueUrl: $service(GetQueueUrlInput) -> QueueUrlOutput, SqsError; }
            awso::operation! { /** Lists queues, a page at a time. */ pub struct ListQueues: $service(ListQueuesInput) -> ListQueuesOutput, SqsError; }
            awso::paginator! { ListQueues { input_token: "NextToken", output_token: "NextToken", limit_key: "MaxResults", result_key: "QueueUrls" } }
            awso::operation! { /** Sends a message. */ pub struct SendMessage: $service(SendMessageInput) -> SendMessageOutput, SqsError; }
            awso::operation! { /** Receives up to ten messages. */ pub struct ReceiveMessage: $service(ReceiveMessageInput) -> ReceiveMessageOutput, SqsError; }
            awso::operation! { /** Deletes a received message. */ pub struct DeleteMessage: $service(DeleteMessageInput) -> Empty, SqsError; }
            awso::operation! { /** Deletes a queue. */ pub struct DeleteQueue: $service(DeleteQueueInput) -> Empty, SqsError; }

            /// This protocol's operations.
            pub struct Protocol;

            impl Api for Protocol {
                type CreateQueue = CreateQueue;
                type GetQueueUrl = GetQueueUrl;
                type ListQueues = ListQueues;
                type SendMessage = SendMessage;
                type ReceiveMessage = ReceiveMessage;
                type DeleteMessage = DeleteMessage;
                type DeleteQueue = DeleteQueue;
            }
        }
    };
}

operations!(json, Sqs);
operations!(query, SqsQuery);
