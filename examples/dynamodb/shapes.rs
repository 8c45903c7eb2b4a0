//! The DynamoDB shapes of a table with a sort key, items, a key-condition query and a scan,
//! hand-modelled from the DynamoDB API reference (awsJson1_0), with the paginators and
//! waiters of botocore's `paginators-1.json` and `waiters-2.json`. `AttributeValue` is a
//! union: exactly one member is set on the wire, and unknown members land in `Unknown`.

use awso::{AwsShape, Blob, Timestamp};
use std::collections::BTreeMap;

awso::service! {
    /// Amazon DynamoDB.
    pub struct DynamoDb {
        name: "DynamoDB",
        protocol: Protocol::AwsJson1_0,
        target_prefix: "DynamoDB_20120810",
        api_version: "2012-08-10",
        signing_name: "dynamodb",
        endpoint_prefix: "dynamodb",
    }
}

awso::operation! { /** Creates a table. */ pub struct CreateTable: DynamoDb(CreateTableInput) -> CreateTableOutput, DynamoDbError; }
awso::operation! { /** Writes an item. */ pub struct PutItem: DynamoDb(PutItemInput) -> PutItemOutput, DynamoDbError; }
awso::operation! { /** Reads an item by key. */ pub struct GetItem: DynamoDb(GetItemInput) -> GetItemOutput, DynamoDbError; }
awso::operation! { /** Reads the items of one partition key. */ pub struct Query: DynamoDb(QueryInput) -> QueryOutput, DynamoDbError; }
awso::operation! { /** Reads every item of a table. */ pub struct Scan: DynamoDb(ScanInput) -> ScanOutput, DynamoDbError; }
awso::operation! { /** Describes a table (its status). */ pub struct DescribeTable: DynamoDb(DescribeTableInput) -> DescribeTableOutput, DynamoDbError; }
awso::operation! { /** Deletes a table. */ pub struct DeleteTable: DynamoDb(DeleteTableInput) -> CreateTableOutput, DynamoDbError; }

/// An item: attribute name to value.
pub type Item = BTreeMap<String, AttributeValue>;

/// A DynamoDB value.
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub enum AttributeValue {
    /// A string.
    S(String),
    /// A number, as its decimal text (DynamoDB numbers have 38 digits).
    N(String),
    /// Binary.
    B(Blob),
    /// A string set.
    #[aws(rename = "SS")]
    Ss(Vec<String>),
    /// A number set.
    #[aws(rename = "NS")]
    Ns(Vec<String>),
    /// A binary set.
    #[aws(rename = "BS")]
    Bs(Vec<Blob>),
    /// A map.
    M(BTreeMap<String, AttributeValue>),
    /// A list.
    L(Vec<AttributeValue>),
    /// Null.
    #[aws(rename = "NULL")]
    Null(bool),
    /// A boolean.
    #[aws(rename = "BOOL")]
    Bool(bool),
    /// A member this model does not know.
    #[aws(unknown)]
    Unknown,
}

/// An attribute of the key schema and its type (`S`, `N`, `B`).
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct AttributeDefinition {
    /// The attribute.
    pub attribute_name: String,
    /// `S`, `N` or `B`.
    pub attribute_type: String,
}

/// A key attribute and its role (`HASH`, `RANGE`).
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct KeySchemaElement {
    /// The attribute.
    pub attribute_name: String,
    /// `HASH` (partition key) or `RANGE` (sort key).
    pub key_type: String,
}

/// Input of `CreateTable`.
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct CreateTableInput {
    /// The table's name.
    #[aws(length(min = 3, max = 255), pattern = "^[a-zA-Z0-9_.-]+$")]
    pub table_name: String,
    /// The types of the key attributes.
    pub attribute_definitions: Vec<AttributeDefinition>,
    /// The key.
    #[aws(length(min = 1, max = 2))]
    pub key_schema: Vec<KeySchemaElement>,
    /// `PAY_PER_REQUEST` or `PROVISIONED`.
    pub billing_mode: Option<String>,
}

/// Output of `CreateTable` and `DeleteTable`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateTableOutput {
    /// The table.
    pub table_description: Option<TableDescription>,
}

/// A table.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct TableDescription {
    /// The table's name.
    pub table_name: Option<String>,
    /// `CREATING`, `ACTIVE`, ...
    pub table_status: Option<String>,
    /// When it was created (epoch seconds on the wire).
    pub creation_date_time: Option<Timestamp>,
    /// The number of items (updated every six hours).
    pub item_count: Option<i64>,
}

/// Input of `PutItem`.
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct PutItemInput {
    /// The table.
    pub table_name: String,
    /// The item, key attributes included.
    pub item: Item,
    /// A condition the existing item must meet (`attribute_not_exists(pk)`).
    pub condition_expression: Option<String>,
}

/// Output of `PutItem`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutItemOutput {}

/// Input of `GetItem`.
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct GetItemInput {
    /// The table.
    pub table_name: String,
    /// The item's key.
    pub key: Item,
    /// Read what the last write wrote.
    pub consistent_read: Option<bool>,
}

/// Output of `GetItem`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetItemOutput {
    /// The item, if there is one.
    pub item: Option<Item>,
}

/// Input of `Query`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct QueryInput {
    /// The table.
    pub table_name: String,
    /// `pk = :pk AND sk > :from`.
    pub key_condition_expression: Option<String>,
    /// The names of the expression's `#name` placeholders.
    pub expression_attribute_names: Option<BTreeMap<String, String>>,
    /// The values of the expression's `:value` placeholders.
    pub expression_attribute_values: Option<Item>,
    /// Forwards (default) or backwards along the sort key.
    pub scan_index_forward: Option<bool>,
    /// At most this many items.
    #[aws(range(min = 1))]
    pub limit: Option<i32>,
    /// Where the previous page stopped.
    pub exclusive_start_key: Option<Item>,
}

/// Output of `Query`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct QueryOutput {
    /// The items.
    pub items: Option<Vec<Item>>,
    /// How many items matched.
    pub count: Option<i32>,
    /// How many items were read.
    pub scanned_count: Option<i32>,
    /// Where the next page starts, if there is one.
    pub last_evaluated_key: Option<Item>,
}

/// Input of `Scan`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ScanInput {
    /// The table.
    pub table_name: String,
    /// At most this many items a page.
    #[aws(range(min = 1))]
    pub limit: Option<i32>,
    /// Where the previous page stopped.
    pub exclusive_start_key: Option<Item>,
}

/// Output of `Scan`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ScanOutput {
    /// The items.
    pub items: Option<Vec<Item>>,
    /// How many items this page holds.
    pub count: Option<i32>,
    /// Where the next page starts, if there is one.
    pub last_evaluated_key: Option<Item>,
}

/// Input of `DescribeTable`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DescribeTableInput {
    /// The table.
    pub table_name: String,
}

/// Output of `DescribeTable`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DescribeTableOutput {
    /// The table.
    pub table: Option<TableDescription>,
}

/// Input of `DeleteTable`.
#[derive(AwsShape, Debug, Clone, PartialEq)]
pub struct DeleteTableInput {
    /// The table.
    pub table_name: String,
}

/// The table does not exist (or is not active yet).
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 400))]
pub struct ResourceNotFoundException {
    /// What the service said.
    pub message: Option<String>,
}

/// A condition expression was false.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 400))]
pub struct ConditionalCheckFailedException {
    /// What the service said.
    pub message: Option<String>,
    /// The item as it is, when asked for.
    pub item: Option<Item>,
}

/// The errors of the DynamoDB operations modelled here.
#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum DynamoDbError {
    /// The table does not exist.
    ResourceNotFoundException(ResourceNotFoundException),
    /// A condition expression was false.
    ConditionalCheckFailedException(ConditionalCheckFailedException),
    /// Any other error, with its code.
    #[aws(unknown)]
    Unknown {
        /// The error code.
        code: String,
        /// The message, if any.
        message: Option<String>,
    },
}

awso::paginator! {
    Query {
        input_token: "ExclusiveStartKey",
        output_token: "LastEvaluatedKey",
        limit_key: "Limit",
        result_key: "Items",
    }
}

awso::paginator! {
    Scan {
        input_token: "ExclusiveStartKey",
        output_token: "LastEvaluatedKey",
        limit_key: "Limit",
        result_key: "Items",
    }
}

awso::waiter! {
    /// Waits until the table is active.
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
    /// Waits until the table is gone.
    pub struct TableNotExists: DescribeTable {
        delay: 20,
        max_attempts: 25,
        acceptors: [success: error("ResourceNotFoundException")],
    }
}
