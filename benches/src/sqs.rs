//! SQS: a `SendMessageBatch` request with message attributes, written as an awsQuery form
//! body (the protocol SQS had until 2023) and as awsJson1_0 (the one it has now); and a
//! `ReceiveMessage` output (awsJson1_0) whose bodies are SNS notification envelopes, JSON
//! escaped once, with the published message inside escaped twice.

use crate::Rng;
use base64::Engine as _;
use std::fmt::Write as _;

/// The awsQuery `Action`.
pub const ACTION: &str = "SendMessageBatch";
/// The awsQuery `Version`.
pub const VERSION: &str = "2012-11-05";

/// The shapes with `#[derive(AwsShape)]`, with SQS's query names.
pub mod awso_shapes {
    use awso::{AwsShape, Blob};
    use std::collections::{BTreeMap, HashMap};

    /// `SendMessageBatchRequest`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    pub struct SendMessageBatchInput {
        queue_url: String,
        #[aws(flattened, xml_name = "SendMessageBatchRequestEntry")]
        entries: Vec<SendMessageBatchRequestEntry>,
    }

    /// `SendMessageBatchRequestEntry`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    pub struct SendMessageBatchRequestEntry {
        id: String,
        message_body: String,
        delay_seconds: Option<i32>,
        #[aws(
            flattened,
            xml_name = "MessageAttribute",
            key_name = "Name",
            value_name = "Value"
        )]
        message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
        message_deduplication_id: Option<String>,
        message_group_id: Option<String>,
    }

    /// `MessageAttributeValue`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    pub struct MessageAttributeValue {
        string_value: Option<String>,
        binary_value: Option<Blob>,
        #[aws(flattened, xml_name = "StringListValue", item_name = "StringListValue")]
        string_list_values: Option<Vec<String>>,
        data_type: String,
    }

    /// `ReceiveMessageResult`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct ReceiveMessageOutput {
        messages: Option<Vec<Message>>,
    }

    /// `Message`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct Message {
        message_id: Option<String>,
        receipt_handle: Option<String>,
        #[aws(rename = "MD5OfBody")]
        md5_of_body: Option<String>,
        body: Option<String>,
        attributes: Option<HashMap<String, String>>,
        #[aws(rename = "MD5OfMessageAttributes")]
        md5_of_message_attributes: Option<String>,
        message_attributes: Option<HashMap<String, MessageAttributeValue>>,
    }

    impl ReceiveMessageOutput {
        /// How many messages were read.
        pub fn len(&self) -> usize {
            self.messages.as_ref().map_or(0, Vec::len)
        }

        /// Whether no message was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The same shapes with serde's derives (the JSON form).
pub mod serde_shapes {
    use serde::{Deserialize, Serialize};
    use std::collections::{BTreeMap, HashMap};

    /// `SendMessageBatchRequest`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    pub struct SendMessageBatchInput {
        queue_url: String,
        entries: Vec<SendMessageBatchRequestEntry>,
    }

    /// `SendMessageBatchRequestEntry`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    pub struct SendMessageBatchRequestEntry {
        id: String,
        message_body: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        delay_seconds: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        message_deduplication_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        message_group_id: Option<String>,
    }

    /// `MessageAttributeValue`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    pub struct MessageAttributeValue {
        #[serde(skip_serializing_if = "Option::is_none")]
        string_value: Option<String>,
        #[serde(
            default,
            with = "crate::serde_with::base64_opt",
            skip_serializing_if = "Option::is_none"
        )]
        binary_value: Option<Vec<u8>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        string_list_values: Option<Vec<String>>,
        data_type: String,
    }

    /// `ReceiveMessageResult`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct ReceiveMessageOutput {
        #[serde(skip_serializing_if = "Option::is_none")]
        messages: Option<Vec<Message>>,
    }

    /// `Message`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct Message {
        #[serde(skip_serializing_if = "Option::is_none")]
        message_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        receipt_handle: Option<String>,
        #[serde(rename = "MD5OfBody", skip_serializing_if = "Option::is_none")]
        md5_of_body: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        attributes: Option<HashMap<String, String>>,
        #[serde(
            rename = "MD5OfMessageAttributes",
            skip_serializing_if = "Option::is_none"
        )]
        md5_of_message_attributes: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        message_attributes: Option<HashMap<String, MessageAttributeValue>>,
    }

    impl ReceiveMessageOutput {
        /// How many messages were read.
        pub fn len(&self) -> usize {
            self.messages.as_ref().map_or(0, Vec::len)
        }

        /// Whether no message was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// A `ReceiveMessage` response body with `n` messages (SQS returns at most 10), each an SNS
/// notification of an order event, as a queue subscribed to a topic receives it.
pub fn receive_message_body(n: usize) -> Vec<u8> {
    let b64 = &base64::engine::general_purpose::STANDARD;
    let mut rng = Rng::new(0x05ec_e17e);
    let mut out = String::from(r#"{"Messages":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let sent = 1_732_000_000_000u64 + rng.below(1_000_000);
        let _ = write!(
            out,
            r#"{{"MessageId":"{}","ReceiptHandle":"{}","MD5OfBody":"{}","Body":"{{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"{}\",\n  \"TopicArn\" : \"arn:aws:sns:us-east-1:123456789012:order-events\",\n  \"Subject\" : \"OrderPlaced\",\n  \"Message\" : \"{{\\\"orderId\\\":\\\"{}\\\",\\\"customerId\\\":\\\"cust-{}\\\",\\\"total\\\":{}.{:02},\\\"currency\\\":\\\"EUR\\\",\\\"items\\\":[{{\\\"sku\\\":\\\"SKU-{}\\\",\\\"qty\\\":{}}},{{\\\"sku\\\":\\\"SKU-{}\\\",\\\"qty\\\":{}}}],\\\"shipTo\\\":{{\\\"city\\\":\\\"K\\u00f6ln\\\",\\\"zip\\\":\\\"50667\\\"}}}}\",\n  \"Timestamp\" : \"2024-11-19T07:{:02}:{:02}.{:03}Z\",\n  \"SignatureVersion\" : \"1\",\n  \"Signature\" : \"{}\",\n  \"SigningCertURL\" : \"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem\",\n  \"UnsubscribeURL\" : \"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:order-events:{}\",\n  \"MessageAttributes\" : {{\n    \"eventType\" : {{\"Type\":\"String\",\"Value\":\"OrderPlaced\"}}\n  }}\n}}","Attributes":{{"SenderId":"AIDAIT2UOQQY3AUEKVGXU","ApproximateFirstReceiveTimestamp":"{}","ApproximateReceiveCount":"{}","SentTimestamp":"{sent}"}},"MD5OfMessageAttributes":"{}","MessageAttributes":{{"eventType":{{"StringValue":"OrderPlaced","DataType":"String"}},"schemaVersion":{{"StringValue":"3","DataType":"Number"}}}}}}"#,
            rng.uuid(),
            b64.encode(rng.bytes(290)),
            rng.hex(32),
            rng.uuid(),
            rng.uuid(),
            rng.below(100_000),
            rng.below(1000),
            rng.below(100),
            rng.below(100_000),
            1 + rng.below(4),
            rng.below(100_000),
            1 + rng.below(4),
            rng.below(60),
            rng.below(60),
            rng.below(1000),
            b64.encode(rng.bytes(256)),
            rng.uuid(),
            sent + 50 + rng.below(500),
            1 + rng.below(3),
            rng.hex(32),
        );
    }
    out.push_str("]}");
    out.into_bytes()
}

/// The request as JSON (the awsJson1_0 body; also how the benchmarks build the values).
pub fn send_message_batch_json(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x5a5);
    let mut out = String::from(
        r#"{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/orders-events.fifo","Entries":["#,
    );
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"Id":"msg-{i}","MessageBody":"{{\"orderId\":\"{}\",\"amount\":{}.{:02},\"currency\":\"EUR\",\"note\":\"caf\u00e9 & cr\u00e8me, 100% = ok?\"}}","DelaySeconds":{},"MessageAttributes":{{"#,
            rng.uuid(),
            rng.below(1000),
            rng.below(100),
            rng.below(10),
        );
        let _ = write!(
            out,
            r#""Attempt":{{"StringValue":"{}","DataType":"Number"}},"Checksum":{{"BinaryValue":"{}","DataType":"Binary"}},"Source":{{"StringValue":"checkout-service/v2 (eu-west-1)","DataType":"String"}},"TraceId":{{"StringValue":"Root=1-{}-{};Sampled=1","DataType":"String.trace"}}}},"MessageDeduplicationId":"{}","MessageGroupId":"customer-{}"}}"#,
            1 + rng.below(3),
            base64::engine::general_purpose::STANDARD.encode(rng.bytes(20)),
            rng.hex(8),
            rng.hex(24),
            rng.hex(32),
            rng.below(100),
        );
    }
    out.push_str("]}");
    out.into_bytes()
}

/// The input, built from [`send_message_batch_json`].
pub fn send_message_batch_input(n: usize) -> awso_shapes::SendMessageBatchInput {
    awso::json::from_slice(&send_message_batch_json(n)).expect("the generated request parses")
}

/// The awsQuery form body awso writes for the request.
pub fn send_message_batch_query(n: usize) -> Vec<u8> {
    awso::AwsShape::to_query(&send_message_batch_input(n))
        .to_body(ACTION, VERSION)
        .into_bytes()
}
