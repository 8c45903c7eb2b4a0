//! SQS: a `SendMessageBatch` request with message attributes, written as an awsQuery form
//! body (the protocol SQS had until 2023) and as awsJson1_0 (the one it has now).

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
    use std::collections::BTreeMap;

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
}

/// The same shapes with serde's derives (the JSON form).
pub mod serde_shapes {
    use serde::{Deserialize, Serialize};
    use std::collections::BTreeMap;

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
