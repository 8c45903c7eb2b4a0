//! A paginator naming a member its input or output does not have.

use awso::AwsShape;

awso::service! {
    pub struct Sqs {
        name: "SQS",
        protocol: Protocol::AwsJson1_0,
        target_prefix: "AmazonSQS",
        api_version: "2012-11-05",
        signing_name: "sqs",
        endpoint_prefix: "sqs",
    }
}

#[derive(AwsShape, Default)]
pub struct ListQueuesInput {
    pub next_token: Option<String>,
    pub max_results: Option<i32>,
}

#[derive(AwsShape, Default)]
pub struct ListQueuesOutput {
    pub queue_urls: Option<Vec<String>>,
    pub next_token: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum SqsError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { pub struct InputToken: Sqs(ListQueuesInput) -> ListQueuesOutput, SqsError; }
awso::operation! { pub struct LimitKey: Sqs(ListQueuesInput) -> ListQueuesOutput, SqsError; }
awso::operation! { pub struct ResultKey: Sqs(ListQueuesInput) -> ListQueuesOutput, SqsError; }

awso::paginator! { InputToken { input_token: "Token", output_token: "NextToken" } }
awso::paginator! { LimitKey { input_token: "NextToken", output_token: "NextToken", limit_key: "MaxItems" } }
awso::paginator! { ResultKey { input_token: "NextToken", output_token: "NextToken", result_key: "QueueUrl[]" } }

fn main() {}
