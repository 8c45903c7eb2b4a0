//! A waiter whose path starts with a member the output does not have.

use awso::AwsShape;

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

#[derive(AwsShape, Default)]
pub struct DescribeTableInput {
    pub table_name: String,
}

#[derive(AwsShape, Default)]
pub struct DescribeTableOutput {
    pub table: Option<TableDescription>,
}

#[derive(AwsShape, Default)]
pub struct TableDescription {
    pub table_status: Option<String>,
}

#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum DynamoDbError {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

awso::operation! { pub struct DescribeTable: DynamoDb(DescribeTableInput) -> DescribeTableOutput, DynamoDbError; }

awso::waiter! {
    pub struct TableExists: DescribeTable {
        delay: 20,
        max_attempts: 25,
        acceptors: [
            success: path("Tabel.TableStatus") == "ACTIVE",
            retry: error("ResourceNotFoundException"),
        ],
    }
}

fn main() {}
