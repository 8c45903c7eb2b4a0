//! awsQuery and ec2Query request bodies: the legacy protocol cases
//! (`tests/protocol-tests/legacy/input/{query,ec2}.json`, which the conformance harness does not
//! run; compared byte for byte) and botocore's serialization of hand-modelled real requests
//! (SNS, SQS's query API, STS, IAM, CloudFormation, CloudWatch, EC2). The current official
//! cases run once, in the conformance harness.
//!
//! The botocore cross-checks run in the tests' Python environment (`tests/common/python.rs`).

use crate::common;

use awso::query::{self, Query, QueryFlavor};
use awso::serde_json::{self, json};
use awso::{AwsShape, Blob, Document, Timestamp};
use std::collections::{BTreeMap, HashMap};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Serializes a request with botocore and returns the body as botocore sends it (encoded by its
/// own `AWSRequest.prepare`). `service` is a bundled service name, or a whole service model as
/// JSON for models botocore no longer bundles in query form. `params` is awso's JSON form of
/// the input (member names, declaration order); blobs and non-finite floats are turned back
/// into what botocore takes.
///
/// (`tests/botocore/serialize.py` cannot be used here: it expects the body as bytes or text,
/// and the query serializers return a dict that only `AWSRequest.prepare` encodes.)
fn botocore(service: &str, operation: &str, protocol: &str, params: &str) -> String {
    const SCRIPT: &str = r#"
import base64, json, sys
import botocore.awsrequest, botocore.model, botocore.serialize, botocore.session

service, operation, protocol, params = sys.argv[1:5]
if service.startswith('{'):
    model = botocore.model.ServiceModel(json.loads(service))
else:
    model = botocore.session.get_session().get_service_model(service)
op = model.operation_model(operation)

def fix(value, shape):
    t = shape.type_name
    if t == 'structure':
        return {k: fix(v, shape.members[k]) for k, v in value.items()}
    if t == 'list':
        return [fix(v, shape.member) for v in value]
    if t == 'map':
        return {k: fix(v, shape.value) for k, v in value.items()}
    if t == 'blob':
        return base64.b64decode(value)
    if t in ('float', 'double') and isinstance(value, str):
        return float(value)
    return value

params = fix(json.loads(params), op.input_shape) if op.input_shape else {}
request = botocore.serialize.create_serializer(protocol).serialize_to_request(params, op)
prepared = botocore.awsrequest.AWSRequest(
    method=request['method'], url='https://example.com/', data=request['body'],
    headers=request['headers']).prepare()
body = prepared.body or ''
if isinstance(body, bytes):
    body = body.decode()
print(json.dumps({'body': body, 'content_type': request['headers'].get('Content-Type'),
                  'version': model.api_version}))
"#;
    let v = common::botocore_json(&["-c", SCRIPT, service, operation, protocol, params]);
    assert_eq!(
        v["content_type"],
        "application/x-www-form-urlencoded; charset=utf-8"
    );
    v["body"].as_str().expect("a text body").to_owned()
}

/// Checks that awso's body for `input` is byte for byte botocore's, and returns it.
fn same_as_botocore<T: AwsShape>(
    service: &str,
    operation: &str,
    protocol: &str,
    version: &str,
    input: &T,
) -> String {
    let flavor = if protocol == "ec2" {
        QueryFlavor::Ec2
    } else {
        QueryFlavor::AwsQuery
    };
    let ours = query::to_query_with(input, flavor).to_body(operation, version);
    let theirs = botocore(service, operation, protocol, &awso::json::to_string(input));
    assert_eq!(
        params(&ours),
        params(&theirs),
        "parameters differ from botocore's"
    );
    assert_eq!(ours, theirs, "same parameters, different bytes");
    ours
}

/// A body split into its `key=value` parameters (still encoded), in order.
fn params(body: &str) -> Vec<&str> {
    body.split('&').collect()
}

/// The expected body of a legacy conformance case (they have no ids): suite by description,
/// case by index.
fn legacy_body(file: &str, suite: &str, index: usize) -> String {
    let path = format!(
        "{}/tests/protocol-tests/legacy/input/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let suites: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let s = suites
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["description"] == suite)
        .unwrap_or_else(|| panic!("no suite {suite:?} in {file}"));
    s["cases"][index]["serialized"]["body"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn ec2<T: AwsShape>(v: &T) -> Query {
    query::to_query_with(v, QueryFlavor::Ec2)
}

fn map<V>(entries: &[(&str, V)]) -> BTreeMap<String, V>
where
    V: Clone,
{
    entries
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// Shapes of the official awsQuery cases (the conformance harness runs those cases; these serve
// the botocore cross-checks below)

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum FooEnum {
    Foo,
    Baz,
    Bar,
    #[aws(rename = "1")]
    One,
    #[aws(rename = "0")]
    Zero,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum IntegerEnum {
    #[aws(value = 1)]
    A,
    #[aws(value = 2)]
    B,
    #[aws(unknown)]
    Unknown(i32),
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct SimpleInputParamsInput {
    foo: Option<String>,
    bar: Option<String>,
    baz: Option<bool>,
    bam: Option<i32>,
    float_value: Option<f32>,
    boo: Option<f64>,
    qux: Option<Blob>,
    foo_enum: Option<FooEnum>,
    integer_enum: Option<IntegerEnum>,
    // ec2Query only (the Smithy model's ec2QueryName / xmlName traits).
    #[aws(rename = "hasQueryName", query_name = "HasQueryName")]
    has_query_name: Option<String>,
    #[aws(
        rename = "hasQueryAndXmlName",
        query_name = "HasQueryAndXmlName",
        xml_name = "hasQueryAndXmlName"
    )]
    has_query_and_xml_name: Option<String>,
    #[aws(rename = "usesXmlName", xml_name = "usesXmlName")]
    uses_xml_name: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename_all = "camelCase")]
struct QueryTimestampsInput {
    normal_format: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    epoch_member: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    epoch_target: Option<Timestamp>,
}

// ---------------------------------------------------------------------------------------------
// Legacy conformance cases (legacy/input/{query,ec2}.json): the older botocore-era rules

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyFlattenedList {
    scalar_arg: Option<String>,
    #[aws(flattened)]
    list_arg: Option<Vec<String>>,
    // Botocore-era models name a flattened list's items on the list member only.
    #[aws(flattened, item_name = "Foo")]
    named_list_arg: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyFlattenedListWithLocationName {
    scalar_arg: Option<String>,
    #[aws(flattened, item_name = "ListArgLocation")]
    list_arg: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyFlatMap {
    #[aws(flattened)]
    map_arg: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyMap {
    map_arg: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyNamedMap {
    #[aws(key_name = "TheKey", value_name = "TheValue")]
    map_arg: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct RecursiveStructType {
    no_recurse: Option<String>,
    recursive_struct: Option<Box<RecursiveStructType>>,
    recursive_list: Option<Vec<RecursiveStructType>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyRecursive {
    recursive_struct: Option<RecursiveStructType>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyTimestamps {
    time_arg: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    time_custom: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    time_format: Option<Timestamp>,
}

#[test]
fn legacy_query_cases() {
    let body = |q: Query| q.to_body("OperationName", "2014-01-01");
    let file = "query.json";
    assert_eq!(
        body(
            LegacyFlattenedList {
                scalar_arg: Some("foo".into()),
                list_arg: Some(strings(&["a", "b", "c"])),
                ..Default::default()
            }
            .to_query()
        ),
        legacy_body(file, "Flattened list", 0)
    );
    assert_eq!(
        body(
            LegacyFlattenedList {
                named_list_arg: Some(strings(&["a"])),
                ..Default::default()
            }
            .to_query()
        ),
        legacy_body(file, "Flattened list", 1)
    );
    assert_eq!(
        body(
            LegacyFlattenedListWithLocationName {
                scalar_arg: Some("foo".into()),
                list_arg: Some(strings(&["a", "b", "c"])),
            }
            .to_query()
        ),
        legacy_body(file, "Flattened list with LocationName", 0)
    );
    let kv = || {
        Some(map(&[
            ("key1", "val1".to_string()),
            ("key2", "val2".to_string()),
        ]))
    };
    assert_eq!(
        body(LegacyFlatMap { map_arg: kv() }.to_query()),
        legacy_body(file, "Serialize flattened map type", 0)
    );
    assert_eq!(
        body(LegacyMap { map_arg: kv() }.to_query()),
        legacy_body(file, "Serialize map type", 0)
    );
    assert_eq!(
        body(LegacyNamedMap { map_arg: kv() }.to_query()),
        legacy_body(file, "Serialize map type with locationName", 0)
    );
    let t = Timestamp::from_secs(1_422_172_800);
    assert_eq!(
        body(
            LegacyTimestamps {
                time_arg: Some(t),
                time_custom: Some(t),
                time_format: Some(t),
            }
            .to_query()
        ),
        legacy_body(file, "Timestamp values", 0)
    );
    let leaf = |s: &str| RecursiveStructType {
        no_recurse: Some(s.into()),
        ..Default::default()
    };
    let nested = |inner: RecursiveStructType| RecursiveStructType {
        recursive_struct: Some(Box::new(inner)),
        ..Default::default()
    };
    let recursive = [
        leaf("foo"),
        nested(leaf("foo")),
        nested(nested(nested(leaf("foo")))),
        RecursiveStructType {
            recursive_list: Some(vec![leaf("foo"), leaf("bar")]),
            ..Default::default()
        },
        RecursiveStructType {
            recursive_list: Some(vec![leaf("foo"), nested(leaf("bar"))]),
            ..Default::default()
        },
    ];
    for (i, r) in recursive.into_iter().enumerate() {
        assert_eq!(
            body(
                LegacyRecursive {
                    recursive_struct: Some(r),
                }
                .to_query()
            ),
            legacy_body(file, "Recursive shapes", i),
            "recursive case {i}"
        );
    }
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyScalars {
    foo: Option<String>,
    bar: Option<String>,
    baz: Option<bool>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyStructArg {
    scalar_arg: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyNested {
    struct_arg: Option<LegacyStructArg>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyList {
    list_arg: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyItemList {
    #[aws(item_name = "item")]
    list_arg: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyToken {
    token: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyName {
    name: Option<String>,
}

#[test]
fn legacy_simple_cases_both_flavours() {
    let op = |q: Query| q.to_body("OperationName", "2014-01-01");
    for (file, flavor) in [
        ("query.json", QueryFlavor::AwsQuery),
        ("ec2.json", QueryFlavor::Ec2),
    ] {
        let q = |v: &dyn Fn(QueryFlavor) -> Query| op(v(flavor));
        assert_eq!(
            q(&|f| query::to_query_with(
                &LegacyScalars {
                    foo: Some("val1".into()),
                    bar: Some("val2".into()),
                    baz: None,
                },
                f
            )),
            legacy_body(file, "Scalar members", 0)
        );
        assert_eq!(
            q(&|f| query::to_query_with(
                &LegacyToken {
                    token: Some("abc123".into())
                },
                f
            )),
            legacy_body(file, "Idempotency token auto fill", 0)
        );
        for (i, action) in ["StaticOp", "MemberRefOp"].into_iter().enumerate() {
            let v = LegacyName {
                name: Some("myname".into()),
            };
            assert_eq!(
                query::to_query_with(&v, flavor).to_body(action, "2014-01-01"),
                legacy_body(file, "Endpoint host trait", i)
            );
        }
    }
    let file = "query.json";
    for (i, baz) in [true, false].into_iter().enumerate() {
        assert_eq!(
            op(LegacyScalars {
                baz: Some(baz),
                ..Default::default()
            }
            .to_query()),
            legacy_body(file, "Scalar members", i + 1)
        );
    }
    assert_eq!(
        op(LegacyNested {
            struct_arg: Some(LegacyStructArg {
                scalar_arg: Some("foo".into())
            })
        }
        .to_query()),
        legacy_body(file, "Nested structure members", 0)
    );
    for (i, items) in [strings(&["foo", "bar", "baz"]), vec![]]
        .into_iter()
        .enumerate()
    {
        assert_eq!(
            op(LegacyList {
                list_arg: Some(items)
            }
            .to_query()),
            legacy_body(file, "List types", i)
        );
    }
    assert_eq!(
        op(LegacyItemList {
            list_arg: Some(strings(&["a", "b", "c"]))
        }
        .to_query()),
        legacy_body(file, "Non flattened list with LocationName", 0)
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct RecursiveWithMap {
    no_recurse: Option<String>,
    recursive_map: Option<HashMap<String, RecursiveWithMap>>,
}

#[test]
fn legacy_query_recursive_map_keeps_insertion_order_of_the_map_type() {
    // The case's map is {"foo": ..., "bar": ...} in that order: a map type that keeps insertion
    // order gives the same numbering; with HashMap only the set of entries is fixed.
    let mut m = HashMap::new();
    for k in ["foo", "bar"] {
        m.insert(
            k.to_string(),
            RecursiveWithMap {
                no_recurse: Some(k.into()),
                recursive_map: None,
            },
        );
    }
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    struct Input {
        recursive_struct: Option<RecursiveWithMap>,
    }
    let q = Input {
        recursive_struct: Some(RecursiveWithMap {
            no_recurse: None,
            recursive_map: Some(m),
        }),
    }
    .to_query();
    let expected = legacy_body("query.json", "Recursive shapes", 5);
    let ours = q.to_body("OperationName", "2014-01-01");
    let mut a = params(&ours);
    let mut b = params(&expected);
    // Entry numbers depend on the order; compare key/value pairs entry by entry.
    let entries = |ps: &mut Vec<&str>| {
        let mut by_entry: Vec<Vec<String>> = Vec::new();
        for n in 1..=2 {
            let mut e: Vec<String> = ps
                .iter()
                .filter(|p| p.contains(&format!(".entry.{n}.")))
                .map(|p| p.replace(&format!(".entry.{n}."), ".entry.N."))
                .collect();
            e.sort();
            by_entry.push(e);
        }
        by_entry.sort();
        ps.retain(|p| !p.contains(".entry."));
        by_entry
    };
    assert_eq!(entries(&mut a), entries(&mut b));
    assert_eq!(a, b);
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyEc2Names {
    foo: Option<String>,
    #[aws(xml_name = "barLocationName")]
    bar: Option<String>,
    #[aws(xml_name = "yuckLocationName", query_name = "yuckQueryName")]
    yuck: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyEc2Struct {
    #[aws(xml_name = "Struct")]
    struct_arg: Option<LegacyEc2Scalar>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyEc2Scalar {
    #[aws(xml_name = "Scalar")]
    scalar_arg: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyEc2Lists {
    list_arg: Option<Vec<String>>,
    #[aws(xml_name = "ListMemberName", item_name = "item")]
    named: Option<Vec<String>>,
    #[aws(
        xml_name = "ListMemberName",
        query_name = "ListQueryName",
        item_name = "item"
    )]
    query_named: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct LegacyBlob {
    blob_arg: Option<Blob>,
}

#[test]
fn legacy_ec2_cases() {
    let file = "ec2.json";
    let body = |q: Query| q.to_body("OperationName", "2014-01-01");
    assert_eq!(
        body(ec2(&LegacyEc2Names {
            foo: Some("val1".into()),
            bar: Some("val2".into()),
            yuck: Some("val3".into()),
        })),
        legacy_body(
            file,
            "Structure with locationName and queryName applied to members",
            0
        )
    );
    assert_eq!(
        body(ec2(&LegacyEc2Struct {
            struct_arg: Some(LegacyEc2Scalar {
                scalar_arg: Some("foo".into())
            }),
        })),
        legacy_body(file, "Nested structure members", 0)
    );
    assert_eq!(
        body(ec2(&LegacyEc2Lists {
            list_arg: Some(strings(&["foo", "bar", "baz"])),
            ..Default::default()
        })),
        legacy_body(file, "List types", 0)
    );
    let abc = || Some(strings(&["a", "b", "c"]));
    assert_eq!(
        body(ec2(&LegacyEc2Lists {
            named: abc(),
            ..Default::default()
        })),
        legacy_body(file, "List with location name applied to member", 0)
    );
    assert_eq!(
        body(ec2(&LegacyEc2Lists {
            query_named: abc(),
            ..Default::default()
        })),
        legacy_body(file, "List with locationName and queryName", 0)
    );
    let blob = LegacyBlob {
        blob_arg: Some(Blob::from("foo")),
    };
    assert_eq!(
        body(ec2(&blob)),
        legacy_body(file, "Base64 encoded Blobs", 0)
    );
    assert_eq!(
        body(blob.to_query()),
        legacy_body("query.json", "Base64 encoded Blobs", 0)
    );
    let t = Timestamp::from_secs(1_422_172_800);
    assert_eq!(
        body(ec2(&LegacyTimestamps {
            time_arg: Some(t),
            time_custom: Some(t),
            time_format: Some(t),
        })),
        legacy_body(file, "Timestamp values", 0)
    );
}

// ---------------------------------------------------------------------------------------------
// SNS (awsQuery): Publish and PublishBatch with message attributes

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct MessageAttributeValue {
    pub data_type: String,
    pub string_value: Option<String>,
    pub binary_value: Option<Blob>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PublishInput {
    pub topic_arn: Option<String>,
    pub target_arn: Option<String>,
    pub phone_number: Option<String>,
    pub message: String,
    pub subject: Option<String>,
    pub message_structure: Option<String>,
    #[aws(key_name = "Name", value_name = "Value")]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
    pub message_deduplication_id: Option<String>,
    pub message_group_id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PublishBatchRequestEntry {
    pub id: String,
    pub message: String,
    pub subject: Option<String>,
    pub message_structure: Option<String>,
    #[aws(key_name = "Name", value_name = "Value")]
    pub message_attributes: Option<BTreeMap<String, MessageAttributeValue>>,
    pub message_deduplication_id: Option<String>,
    pub message_group_id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PublishBatchInput {
    pub topic_arn: String,
    pub publish_batch_request_entries: Vec<PublishBatchRequestEntry>,
}

fn attrs() -> BTreeMap<String, MessageAttributeValue> {
    let mut m = BTreeMap::new();
    m.insert(
        "customer id".to_string(),
        MessageAttributeValue {
            data_type: "String".into(),
            string_value: Some("ü/+=&?~*".into()),
            binary_value: None,
        },
    );
    m.insert(
        "payload".to_string(),
        MessageAttributeValue {
            data_type: "Binary".into(),
            string_value: None,
            binary_value: Some(Blob::new(vec![0u8, 1, 0xfe, 0xff, b'>'])),
        },
    );
    m.insert(
        "store".to_string(),
        MessageAttributeValue {
            data_type: "String.Array".into(),
            string_value: Some(r#"["a", "b c"]"#.into()),
            binary_value: None,
        },
    );
    m
}

#[test]
fn sns_publish_with_message_attributes_matches_botocore() {
    let input = PublishInput {
        topic_arn: Some("arn:aws:sns:us-east-1:123456789012:my-topic".into()),
        message: "Hello, world! 😀\n{\"default\": \"x\"}".into(),
        subject: Some("Greetings & more".into()),
        message_attributes: Some(attrs()),
        ..Default::default()
    };
    let body = same_as_botocore("sns", "Publish", "query", "2010-03-31", &input);
    assert!(body.starts_with("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3A"));
    let q = input.to_query();
    assert_eq!(q.get("MessageAttributes.entry.1.Name"), Some("customer id"));
    assert_eq!(
        q.get("MessageAttributes.entry.1.Value.DataType"),
        Some("String")
    );
    assert_eq!(
        q.get("MessageAttributes.entry.2.Value.BinaryValue"),
        Some("AAH+/z4=")
    );
    assert!(body.contains("&MessageAttributes.entry.1.Name=customer+id&"));
    assert!(body.contains("&MessageAttributes.entry.2.Value.BinaryValue=AAH%2B%2Fz4%3D"));
}

#[test]
fn sns_publish_batch_matches_botocore() {
    let input = PublishBatchInput {
        topic_arn: "arn:aws:sns:us-east-1:123456789012:orders.fifo".into(),
        publish_batch_request_entries: vec![
            PublishBatchRequestEntry {
                id: "1".into(),
                message: "first".into(),
                message_attributes: Some(attrs()),
                message_group_id: Some("g".into()),
                ..Default::default()
            },
            PublishBatchRequestEntry {
                id: "2".into(),
                message: "second".into(),
                message_deduplication_id: Some("d-2".into()),
                ..Default::default()
            },
        ],
    };
    let body = same_as_botocore("sns", "PublishBatch", "query", "2010-03-31", &input);
    assert!(body.contains("&PublishBatchRequestEntries.member.1.MessageAttributes.entry.3.Value.StringValue=%5B%22a%22%2C+%22b+c%22%5D&"));
    assert!(body.ends_with("&PublishBatchRequestEntries.member.2.MessageDeduplicationId=d-2"));
}

// ---------------------------------------------------------------------------------------------
// SQS's query API: flattened lists and maps with item, key and value names. botocore's bundled
// SQS model is awsJson now and has lost these names, so the cross-check gives botocore the
// query-era model of the two operations.

const SQS_QUERY_MODEL: &str = r#"{
  "metadata": {"apiVersion": "2012-11-05", "protocol": "query", "serviceId": "SQS",
               "endpointPrefix": "sqs", "signatureVersion": "v4"},
  "operations": {
    "SendMessageBatch": {"name": "SendMessageBatch", "http": {"method": "POST", "requestUri": "/"},
                         "input": {"shape": "SendMessageBatchRequest"}},
    "ReceiveMessage": {"name": "ReceiveMessage", "http": {"method": "POST", "requestUri": "/"},
                       "input": {"shape": "ReceiveMessageRequest"}}
  },
  "shapes": {
    "SendMessageBatchRequest": {"type": "structure", "required": ["QueueUrl", "Entries"],
      "members": {"QueueUrl": {"shape": "String"},
                  "Entries": {"shape": "SendMessageBatchRequestEntryList"}}},
    "SendMessageBatchRequestEntryList": {"type": "list", "flattened": true,
      "member": {"shape": "SendMessageBatchRequestEntry", "locationName": "SendMessageBatchRequestEntry"}},
    "SendMessageBatchRequestEntry": {"type": "structure", "required": ["Id", "MessageBody"],
      "members": {"Id": {"shape": "String"}, "MessageBody": {"shape": "String"},
                  "DelaySeconds": {"shape": "Integer"},
                  "MessageAttributes": {"shape": "MessageBodyAttributeMap", "locationName": "MessageAttribute"},
                  "MessageDeduplicationId": {"shape": "String"},
                  "MessageGroupId": {"shape": "String"}}},
    "MessageBodyAttributeMap": {"type": "map", "flattened": true,
      "key": {"shape": "String", "locationName": "Name"},
      "value": {"shape": "MessageAttributeValue", "locationName": "Value"}},
    "MessageAttributeValue": {"type": "structure", "required": ["DataType"],
      "members": {"StringValue": {"shape": "String"}, "BinaryValue": {"shape": "Binary"},
                  "StringListValues": {"shape": "StringList", "flattened": true, "locationName": "StringListValue"},
                  "BinaryListValues": {"shape": "BinaryList", "flattened": true, "locationName": "BinaryListValue"},
                  "DataType": {"shape": "String"}}},
    "StringList": {"type": "list", "member": {"shape": "String", "locationName": "StringListValue"}},
    "BinaryList": {"type": "list", "member": {"shape": "Binary", "locationName": "BinaryListValue"}},
    "ReceiveMessageRequest": {"type": "structure", "required": ["QueueUrl"],
      "members": {"QueueUrl": {"shape": "String"},
                  "AttributeNames": {"shape": "AttributeNameList"},
                  "MessageAttributeNames": {"shape": "MessageAttributeNameList"},
                  "MaxNumberOfMessages": {"shape": "Integer"},
                  "WaitTimeSeconds": {"shape": "Integer"}}},
    "AttributeNameList": {"type": "list", "flattened": true,
      "member": {"shape": "QueueAttributeName", "locationName": "AttributeName"}},
    "MessageAttributeNameList": {"type": "list", "flattened": true,
      "member": {"shape": "String", "locationName": "MessageAttributeName"}},
    "QueueAttributeName": {"type": "string", "enum": ["All", "Policy", "VisibilityTimeout"]},
    "String": {"type": "string"}, "Integer": {"type": "integer"}, "Binary": {"type": "blob"}
  }
}"#;

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct SqsMessageAttributeValue {
    pub string_value: Option<String>,
    pub binary_value: Option<Blob>,
    #[aws(xml_name = "StringListValue", flattened, item_name = "StringListValue")]
    pub string_list_values: Option<Vec<String>>,
    #[aws(xml_name = "BinaryListValue", flattened, item_name = "BinaryListValue")]
    pub binary_list_values: Option<Vec<Blob>>,
    pub data_type: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct SendMessageBatchRequestEntry {
    pub id: String,
    pub message_body: String,
    pub delay_seconds: Option<i32>,
    #[aws(
        xml_name = "MessageAttribute",
        flattened,
        key_name = "Name",
        value_name = "Value"
    )]
    pub message_attributes: Option<BTreeMap<String, SqsMessageAttributeValue>>,
    pub message_deduplication_id: Option<String>,
    pub message_group_id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct SendMessageBatchRequest {
    pub queue_url: String,
    /// As in the query-era model: the items' name on the list member only.
    #[aws(flattened, item_name = "SendMessageBatchRequestEntry")]
    pub entries: Vec<SendMessageBatchRequestEntry>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
pub enum QueueAttributeName {
    All,
    Policy,
    VisibilityTimeout,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct ReceiveMessageRequest {
    pub queue_url: String,
    #[aws(flattened, item_name = "AttributeName")]
    pub attribute_names: Option<Vec<QueueAttributeName>>,
    #[aws(flattened, item_name = "MessageAttributeName")]
    pub message_attribute_names: Option<Vec<String>>,
    pub max_number_of_messages: Option<i32>,
    pub wait_time_seconds: Option<i32>,
}

#[test]
fn sqs_send_message_batch_matches_botocore_and_the_wire_format() {
    let mut attrs = BTreeMap::new();
    attrs.insert(
        "trace id".to_string(),
        SqsMessageAttributeValue {
            string_value: Some("00-abc-01".into()),
            data_type: "String".into(),
            ..Default::default()
        },
    );
    attrs.insert(
        "z".to_string(),
        SqsMessageAttributeValue {
            binary_value: Some(Blob::new(vec![0u8, 1, 255])),
            string_list_values: Some(strings(&["x", "y"])),
            binary_list_values: Some(vec![Blob::from("b")]),
            data_type: "Binary".into(),
            ..Default::default()
        },
    );
    let input = SendMessageBatchRequest {
        queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/q".into(),
        entries: vec![
            SendMessageBatchRequestEntry {
                id: "a".into(),
                message_body: "one".into(),
                delay_seconds: Some(0),
                message_attributes: Some(attrs),
                ..Default::default()
            },
            SendMessageBatchRequestEntry {
                id: "b".into(),
                message_body: "two two".into(),
                ..Default::default()
            },
        ],
    };
    let body = same_as_botocore(
        SQS_QUERY_MODEL,
        "SendMessageBatch",
        "query",
        "2012-11-05",
        &input,
    );
    // The parameters SQS documents for its query API.
    let q = input.to_query();
    for (k, v) in [
        ("SendMessageBatchRequestEntry.1.Id", "a"),
        ("SendMessageBatchRequestEntry.1.DelaySeconds", "0"),
        (
            "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name",
            "trace id",
        ),
        (
            "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue",
            "00-abc-01",
        ),
        (
            "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType",
            "String",
        ),
        (
            "SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.BinaryValue",
            "AAH/",
        ),
        (
            "SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.StringListValue.2",
            "y",
        ),
        (
            "SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.BinaryListValue.1",
            "Yg==",
        ),
        ("SendMessageBatchRequestEntry.2.MessageBody", "two two"),
    ] {
        assert_eq!(q.get(k), Some(v), "{k} in {body}");
    }
}

#[test]
fn sqs_receive_message_flattened_lists_named_by_item_name() {
    let input = ReceiveMessageRequest {
        queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/q".into(),
        attribute_names: Some(vec![QueueAttributeName::All, QueueAttributeName::Policy]),
        message_attribute_names: Some(strings(&["trace.*"])),
        max_number_of_messages: Some(10),
        wait_time_seconds: Some(20),
    };
    let body = same_as_botocore(
        SQS_QUERY_MODEL,
        "ReceiveMessage",
        "query",
        "2012-11-05",
        &input,
    );
    assert_eq!(
        body,
        "Action=ReceiveMessage&Version=2012-11-05\
         &QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F123456789012%2Fq\
         &AttributeName.1=All&AttributeName.2=Policy&MessageAttributeName.1=trace.%2A\
         &MaxNumberOfMessages=10&WaitTimeSeconds=20"
    );
}

// ---------------------------------------------------------------------------------------------
// STS and IAM (awsQuery)

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PolicyDescriptorType {
    #[aws(rename = "arn")]
    pub arn: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct AssumeRoleRequest {
    pub role_arn: String,
    pub role_session_name: String,
    pub policy_arns: Option<Vec<PolicyDescriptorType>>,
    pub policy: Option<String>,
    pub duration_seconds: Option<i32>,
    pub tags: Option<Vec<Tag>>,
    pub transitive_tag_keys: Option<Vec<String>>,
    pub external_id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct GetCallerIdentityRequest {}

#[test]
fn sts_assume_role_matches_botocore() {
    let input = AssumeRoleRequest {
        role_arn: "arn:aws:iam::123456789012:role/demo".into(),
        role_session_name: "session-1".into(),
        policy_arns: Some(vec![PolicyDescriptorType {
            arn: Some("arn:aws:iam::aws:policy/ReadOnlyAccess".into()),
        }]),
        policy: Some(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
                .into(),
        ),
        duration_seconds: Some(3600),
        tags: Some(vec![
            Tag {
                key: "Project".into(),
                value: "Unicorn Rainbow".into(),
            },
            Tag {
                key: "Team".into(),
                value: "Automation~1".into(),
            },
        ]),
        transitive_tag_keys: Some(strings(&["Project"])),
        external_id: Some("ext-123".into()),
    };
    let body = same_as_botocore("sts", "AssumeRole", "query", "2011-06-15", &input);
    assert!(body
        .contains("&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&"));
    assert!(body.contains("&Tags.member.2.Value=Automation~1&"));
    assert!(body.contains("&TransitiveTagKeys.member.1=Project&"));

    let body = same_as_botocore(
        "sts",
        "GetCallerIdentity",
        "query",
        "2011-06-15",
        &GetCallerIdentityRequest {},
    );
    assert_eq!(body, "Action=GetCallerIdentity&Version=2011-06-15");
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateUserRequest {
    pub path: Option<String>,
    pub user_name: String,
    pub permissions_boundary: Option<String>,
    pub tags: Option<Vec<Tag>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct TagUserRequest {
    pub user_name: String,
    pub tags: Vec<Tag>,
}

#[test]
fn iam_requests_match_botocore_including_empty_lists() {
    let input = CreateUserRequest {
        path: Some("/division_abc/subdivision_xyz/".into()),
        user_name: "Bob+Alice=1,2@example".into(),
        permissions_boundary: Some("arn:aws:iam::123456789012:policy/boundary".into()),
        tags: Some(vec![Tag {
            key: "cost-center".into(),
            value: "12 34".into(),
        }]),
    };
    let body = same_as_botocore("iam", "CreateUser", "query", "2010-05-08", &input);
    assert!(body.contains("&Path=%2Fdivision_abc%2Fsubdivision_xyz%2F&"));
    assert!(body.contains("&UserName=Bob%2BAlice%3D1%2C2%40example&"));

    // An empty list is sent as `Tags=`, as botocore does.
    let body = same_as_botocore(
        "iam",
        "TagUser",
        "query",
        "2010-05-08",
        &TagUserRequest {
            user_name: "bob".into(),
            tags: vec![],
        },
    );
    assert_eq!(body, "Action=TagUser&Version=2010-05-08&UserName=bob&Tags=");
}

// ---------------------------------------------------------------------------------------------
// CloudFormation and CloudWatch (awsQuery)

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Parameter {
    pub parameter_key: Option<String>,
    pub parameter_value: Option<String>,
    pub use_previous_value: Option<bool>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(clippy::enum_variant_names)] // CloudFormation's own values: CAPABILITY_IAM, ...
pub enum Capability {
    CapabilityIam,
    CapabilityNamedIam,
    CapabilityAutoExpand,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OnFailure {
    DoNothing,
    Rollback,
    Delete,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct RollbackTrigger {
    pub arn: String,
    pub r#type: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct RollbackConfiguration {
    pub rollback_triggers: Option<Vec<RollbackTrigger>>,
    pub monitoring_time_in_minutes: Option<i32>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateStackInput {
    pub stack_name: String,
    pub template_body: Option<String>,
    pub parameters: Option<Vec<Parameter>>,
    pub disable_rollback: Option<bool>,
    pub rollback_configuration: Option<RollbackConfiguration>,
    pub timeout_in_minutes: Option<i32>,
    #[aws(rename = "NotificationARNs")]
    pub notification_arns: Option<Vec<String>>,
    pub capabilities: Option<Vec<Capability>>,
    pub on_failure: Option<OnFailure>,
    pub tags: Option<Vec<Tag>>,
    pub enable_termination_protection: Option<bool>,
}

#[test]
fn cloudformation_create_stack_matches_botocore() {
    let input = CreateStackInput {
        stack_name: "my-stack".into(),
        template_body: Some(
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
                .into(),
        ),
        parameters: Some(vec![
            Parameter {
                parameter_key: Some("Env".into()),
                parameter_value: Some("prod".into()),
                ..Default::default()
            },
            Parameter {
                parameter_key: Some("Size".into()),
                use_previous_value: Some(true),
                ..Default::default()
            },
        ]),
        disable_rollback: Some(false),
        rollback_configuration: Some(RollbackConfiguration {
            rollback_triggers: Some(vec![RollbackTrigger {
                arn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a".into(),
                r#type: "AWS::CloudWatch::Alarm".into(),
            }]),
            monitoring_time_in_minutes: Some(5),
        }),
        timeout_in_minutes: Some(30),
        notification_arns: Some(vec![]),
        capabilities: Some(vec![
            Capability::CapabilityIam,
            Capability::CapabilityNamedIam,
        ]),
        on_failure: Some(OnFailure::Rollback),
        tags: Some(vec![Tag {
            key: "a".into(),
            value: "b".into(),
        }]),
        enable_termination_protection: Some(true),
    };
    let body = same_as_botocore(
        "cloudformation",
        "CreateStack",
        "query",
        "2010-05-15",
        &input,
    );
    assert!(body.contains("&Capabilities.member.2=CAPABILITY_NAMED_IAM&"));
    assert!(body.contains("&NotificationARNs=&"));
    assert!(body.contains(
        "&RollbackConfiguration.RollbackTriggers.member.1.Type=AWS%3A%3ACloudWatch%3A%3AAlarm&"
    ));
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Dimension {
    pub name: String,
    pub value: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct StatisticSet {
    pub sample_count: f64,
    pub sum: f64,
    pub minimum: f64,
    pub maximum: f64,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct MetricDatum {
    pub metric_name: String,
    pub dimensions: Option<Vec<Dimension>>,
    pub timestamp: Option<Timestamp>,
    pub value: Option<f64>,
    pub statistic_values: Option<StatisticSet>,
    pub values: Option<Vec<f64>>,
    pub counts: Option<Vec<f64>>,
    pub unit: Option<String>,
    pub storage_resolution: Option<i32>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Entity {
    pub key_attributes: Option<BTreeMap<String, String>>,
    pub attributes: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct EntityMetricData {
    pub entity: Option<Entity>,
    pub metric_data: Option<Vec<MetricDatum>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct PutMetricDataInput {
    pub namespace: String,
    pub metric_data: Option<Vec<MetricDatum>>,
    pub entity_metric_data: Option<Vec<EntityMetricData>>,
}

#[test]
fn cloudwatch_put_metric_data_floats_timestamps_maps_match_botocore() {
    let datum = MetricDatum {
        metric_name: "Latency".into(),
        dimensions: Some(vec![Dimension {
            name: "Service Name".into(),
            value: "api/v1".into(),
        }]),
        timestamp: Some(Timestamp::from_secs(1_700_000_000)),
        value: Some(0.25),
        statistic_values: Some(StatisticSet {
            sample_count: 3.0,
            sum: 10.5,
            minimum: -1.125,
            maximum: 123456.789,
        }),
        values: Some(vec![1.0, 0.001, 2.5]),
        counts: Some(vec![]),
        unit: Some("Milliseconds".into()),
        storage_resolution: Some(1),
    };
    let input = PutMetricDataInput {
        namespace: "My/App".into(),
        metric_data: Some(vec![datum.clone()]),
        entity_metric_data: Some(vec![EntityMetricData {
            entity: Some(Entity {
                key_attributes: Some(map(&[
                    ("Environment", "prod".to_string()),
                    ("Type", "Service".to_string()),
                ])),
                attributes: None,
            }),
            metric_data: Some(vec![datum]),
        }]),
    };
    // CloudWatch's model lists awsQuery among its protocols.
    let body = same_as_botocore("cloudwatch", "PutMetricData", "query", "2010-08-01", &input);
    assert!(body.contains("&MetricData.member.1.Timestamp=2023-11-14T22%3A13%3A20Z&"));
    assert!(body.contains("&MetricData.member.1.StatisticValues.Maximum=123456.789&"));
    assert!(body.contains("&EntityMetricData.member.1.Entity.KeyAttributes.entry.2.value=Service&"));
}

// ---------------------------------------------------------------------------------------------
// EC2 (ec2Query): DescribeInstances, RunInstances, CreateTags

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub name: Option<String>,
    #[aws(xml_name = "Value", item_name = "item")]
    pub values: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DescribeInstancesRequest {
    #[aws(xml_name = "InstanceId", item_name = "InstanceId")]
    pub instance_ids: Option<Vec<String>>,
    #[aws(xml_name = "dryRun")]
    pub dry_run: Option<bool>,
    #[aws(xml_name = "Filter", item_name = "Filter")]
    pub filters: Option<Vec<Filter>>,
    #[aws(xml_name = "nextToken")]
    pub next_token: Option<String>,
    #[aws(xml_name = "maxResults")]
    pub max_results: Option<i32>,
}

#[test]
fn ec2_describe_instances_matches_botocore() {
    let input = DescribeInstancesRequest {
        instance_ids: Some(vec![]),
        dry_run: Some(false),
        filters: Some(vec![
            Filter {
                name: Some("tag:Name".into()),
                values: Some(strings(&["web server", "db*"])),
            },
            Filter {
                name: Some("instance-state-name".into()),
                values: Some(strings(&["running"])),
            },
        ]),
        next_token: Some("eyJ2IjoxfQ==".into()),
        max_results: Some(5),
    };
    let body = same_as_botocore("ec2", "DescribeInstances", "ec2", "2016-11-15", &input);
    assert_eq!(
        body,
        "Action=DescribeInstances&Version=2016-11-15&DryRun=false\
         &Filter.1.Name=tag%3AName&Filter.1.Value.1=web+server&Filter.1.Value.2=db%2A\
         &Filter.2.Name=instance-state-name&Filter.2.Value.1=running\
         &NextToken=eyJ2IjoxfQ%3D%3D&MaxResults=5"
    );
    // The same shape in awsQuery form keeps xml names as written and wraps lists.
    let q = input.to_query();
    assert_eq!(q.get("dryRun"), Some("false"));
    assert_eq!(q.get("InstanceId"), Some(""));
    assert_eq!(q.get("Filter.Filter.1.Value.item.2"), Some("db*"));
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Ec2Tag {
    #[aws(xml_name = "key")]
    pub key: Option<String>,
    #[aws(xml_name = "value")]
    pub value: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "kebab-case")]
pub enum ResourceType {
    Instance,
    Volume,
    NetworkInterface,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct TagSpecification {
    #[aws(xml_name = "resourceType")]
    pub resource_type: Option<ResourceType>,
    #[aws(xml_name = "Tag", item_name = "item")]
    pub tags: Option<Vec<Ec2Tag>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct EbsBlockDevice {
    #[aws(xml_name = "deleteOnTermination")]
    pub delete_on_termination: Option<bool>,
    #[aws(xml_name = "iops")]
    pub iops: Option<i32>,
    #[aws(xml_name = "volumeSize")]
    pub volume_size: Option<i32>,
    #[aws(xml_name = "volumeType")]
    pub volume_type: Option<String>,
    #[aws(xml_name = "encrypted")]
    pub encrypted: Option<bool>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct BlockDeviceMapping {
    #[aws(xml_name = "ebs")]
    pub ebs: Option<EbsBlockDevice>,
    #[aws(xml_name = "deviceName")]
    pub device_name: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct SpotMarketOptions {
    pub max_price: Option<String>,
    pub valid_until: Option<Timestamp>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct InstanceMarketOptionsRequest {
    pub market_type: Option<String>,
    pub spot_options: Option<SpotMarketOptions>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct RunInstancesMonitoringEnabled {
    #[aws(xml_name = "enabled")]
    pub enabled: bool,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct RunInstancesRequest {
    #[aws(xml_name = "BlockDeviceMapping", item_name = "BlockDeviceMapping")]
    pub block_device_mappings: Option<Vec<BlockDeviceMapping>>,
    pub image_id: Option<String>,
    pub instance_type: Option<String>,
    pub key_name: Option<String>,
    pub max_count: i32,
    pub min_count: i32,
    pub monitoring: Option<RunInstancesMonitoringEnabled>,
    #[aws(xml_name = "SecurityGroupId", item_name = "SecurityGroupId")]
    pub security_group_ids: Option<Vec<String>>,
    pub subnet_id: Option<String>,
    pub user_data: Option<String>,
    #[aws(xml_name = "TagSpecification", item_name = "item")]
    pub tag_specifications: Option<Vec<TagSpecification>>,
    pub instance_market_options: Option<InstanceMarketOptionsRequest>,
}

#[test]
fn ec2_run_instances_with_tag_specifications_matches_botocore() {
    let input = RunInstancesRequest {
        block_device_mappings: Some(vec![BlockDeviceMapping {
            ebs: Some(EbsBlockDevice {
                delete_on_termination: Some(true),
                volume_size: Some(100),
                volume_type: Some("gp3".into()),
                encrypted: Some(true),
                ..Default::default()
            }),
            device_name: Some("/dev/xvda".into()),
        }]),
        image_id: Some("ami-0abcdef1234567890".into()),
        instance_type: Some("t3.micro".into()),
        key_name: Some("my key".into()),
        max_count: 2,
        min_count: 1,
        monitoring: Some(RunInstancesMonitoringEnabled { enabled: true }),
        security_group_ids: Some(strings(&["sg-1", "sg-2"])),
        subnet_id: Some("subnet-6e7f829e".into()),
        user_data: Some("IyEvYmluL2Jhc2gKZWNobyBoaQ==".into()),
        tag_specifications: Some(vec![
            TagSpecification {
                resource_type: Some(ResourceType::Instance),
                tags: Some(vec![
                    Ec2Tag {
                        key: Some("Name".into()),
                        value: Some("web-1".into()),
                    },
                    Ec2Tag {
                        key: Some("owner".into()),
                        value: Some("a@b.c".into()),
                    },
                ]),
            },
            TagSpecification {
                resource_type: Some(ResourceType::NetworkInterface),
                tags: Some(vec![]),
            },
        ]),
        instance_market_options: Some(InstanceMarketOptionsRequest {
            market_type: Some("spot".into()),
            spot_options: Some(SpotMarketOptions {
                max_price: Some("0.05".into()),
                valid_until: Some(Timestamp::from_secs(1_767_225_600)),
            }),
        }),
    };
    let body = same_as_botocore("ec2", "RunInstances", "ec2", "2016-11-15", &input);
    for p in [
        "BlockDeviceMapping.1.Ebs.DeleteOnTermination=true",
        "BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda",
        "Monitoring.Enabled=true",
        "SecurityGroupId.2=sg-2",
        "TagSpecification.1.ResourceType=instance",
        "TagSpecification.1.Tag.2.Key=owner",
        "TagSpecification.1.Tag.2.Value=a%40b.c",
        "TagSpecification.2.ResourceType=network-interface",
        "InstanceMarketOptions.SpotOptions.ValidUntil=2026-01-01T00%3A00%3A00Z",
    ] {
        assert!(params(&body).contains(&p), "{p} not in {body}");
    }
    // The empty tag list of the second specification is not sent.
    assert!(!body.contains("TagSpecification.2.Tag"));
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreateTagsRequest {
    #[aws(xml_name = "dryRun")]
    pub dry_run: Option<bool>,
    #[aws(xml_name = "ResourceId")]
    pub resources: Vec<String>,
    #[aws(xml_name = "Tag", item_name = "item")]
    pub tags: Vec<Ec2Tag>,
}

#[test]
fn ec2_create_tags_matches_botocore() {
    let input = CreateTagsRequest {
        dry_run: Some(true),
        resources: strings(&["i-1", "vol-2"]),
        tags: vec![Ec2Tag {
            key: Some("Stack".into()),
            value: Some("production é".into()),
        }],
    };
    let body = same_as_botocore("ec2", "CreateTags", "ec2", "2016-11-15", &input);
    assert_eq!(
        body,
        "Action=CreateTags&Version=2016-11-15&DryRun=true&ResourceId.1=i-1&ResourceId.2=vol-2\
         &Tag.1.Key=Stack&Tag.1.Value=production+%C3%A9"
    );
}

// ---------------------------------------------------------------------------------------------
// Rules botocore is given its own small model for: unions, nested lists and maps, timestamp
// formats, every integer width, int enums.

const MISC_MODEL: &str = r#"{
  "metadata": {"apiVersion": "2024-01-01", "protocol": "query", "serviceId": "Misc",
               "endpointPrefix": "misc", "signatureVersion": "v4"},
  "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                        "input": {"shape": "OpInput"}}},
  "shapes": {
    "OpInput": {"type": "structure", "members": {
      "Choice": {"shape": "Choice"},
      "ListOfLists": {"shape": "ListOfLists"},
      "MapOfMaps": {"shape": "MapOfMaps"},
      "ListOfMaps": {"shape": "ListOfMaps"},
      "When": {"shape": "Time"},
      "WhenEpoch": {"shape": "Time", "timestampFormat": "unixTimestamp"},
      "WhenHttp": {"shape": "Time", "timestampFormat": "rfc822"},
      "HttpList": {"shape": "HttpTimeList"},
      "Tiny": {"shape": "Byte"}, "Small": {"shape": "Short"}, "Big": {"shape": "Long"},
      "Level": {"shape": "Level"}}},
    "Choice": {"type": "structure", "union": true, "members": {
      "Text": {"shape": "String"}, "Number": {"shape": "Integer"},
      "Nested": {"shape": "Choice"}, "Names": {"shape": "StringList", "locationName": "Name"}}},
    "ListOfLists": {"type": "list", "member": {"shape": "StringList"}},
    "StringList": {"type": "list", "member": {"shape": "String"}},
    "MapOfMaps": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "StringMap"}},
    "StringMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    "ListOfMaps": {"type": "list", "member": {"shape": "StringMap"}},
    "HttpTimeList": {"type": "list", "member": {"shape": "HttpTime"}},
    "HttpTime": {"type": "timestamp", "timestampFormat": "rfc822"},
    "Time": {"type": "timestamp"},
    "Level": {"type": "integer"},
    "String": {"type": "string"}, "Integer": {"type": "integer"}, "Byte": {"type": "integer"},
    "Short": {"type": "integer"}, "Long": {"type": "long"}
  }
}"#;

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum Choice {
    Text(String),
    Number(i32),
    Nested(Box<Choice>),
    #[aws(xml_name = "Name")]
    Names(Vec<String>),
    #[aws(unknown)]
    Unknown,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
enum Level {
    #[aws(value = 1)]
    Low,
    #[aws(value = 10)]
    High,
    #[aws(unknown)]
    Unknown(i32),
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct OpInput {
    choice: Option<Choice>,
    list_of_lists: Option<Vec<Vec<String>>>,
    map_of_maps: Option<BTreeMap<String, BTreeMap<String, String>>>,
    list_of_maps: Option<Vec<BTreeMap<String, String>>>,
    when: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    when_epoch: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    when_http: Option<Timestamp>,
    /// A member's format applies to the timestamps of its lists (in botocore's model, the
    /// list's member shape carries it).
    #[aws(timestamp_format = "http-date")]
    http_list: Option<Vec<Timestamp>>,
    tiny: Option<i8>,
    small: Option<i16>,
    big: Option<i64>,
    level: Option<Level>,
}

#[test]
fn unions_nesting_timestamps_and_integers_match_botocore() {
    let t = Timestamp::from_secs(1_422_172_800);
    let input = OpInput {
        choice: Some(Choice::Nested(Box::new(Choice::Names(strings(&[
            "x", "y",
        ]))))),
        list_of_lists: Some(vec![strings(&["a", "b"]), vec![], strings(&["c"])]),
        map_of_maps: Some(map(&[
            ("m1", map(&[("k", "v".to_string())])),
            ("m2", BTreeMap::new()),
        ])),
        list_of_maps: Some(vec![map(&[
            ("k1", "v1".to_string()),
            ("k2", "v2".to_string()),
        ])]),
        when: Some(t),
        when_epoch: Some(Timestamp::from_secs(-1)),
        when_http: Some(t),
        http_list: Some(vec![t, Timestamp::from_secs(0)]),
        tiny: Some(i8::MIN),
        small: Some(i16::MAX),
        big: Some(i64::MIN),
        level: Some(Level::High),
    };
    let body = same_as_botocore(MISC_MODEL, "Op", "query", "2024-01-01", &input);
    for p in [
        "Choice.Nested.Name.member.2=y",
        "ListOfLists.member.1.member.2=b",
        "ListOfLists.member.2=",
        "MapOfMaps.entry.1.value.entry.1.key=k",
        "ListOfMaps.member.1.entry.2.value=v2",
        "WhenHttp=Sun%2C+25+Jan+2015+08%3A00%3A00+GMT",
        "HttpList.member.2=Thu%2C+01+Jan+1970+00%3A00%3A00+GMT",
        "WhenEpoch=-1",
        "Tiny=-128",
        "Small=32767",
        "Big=-9223372036854775808",
        "Level=10",
    ] {
        assert!(params(&body).contains(&p), "{p} not in {body}");
    }
    // A union is a structure with its one member.
    for (choice, expected) in [
        (Choice::Text("hi there".into()), "Choice.Text=hi+there"),
        (Choice::Number(-7), "Choice.Number=-7"),
    ] {
        let v = OpInput {
            choice: Some(choice),
            ..Default::default()
        };
        let body = same_as_botocore(MISC_MODEL, "Op", "query", "2024-01-01", &v);
        assert_eq!(body, format!("Action=Op&Version=2024-01-01&{expected}"));
    }
    // The catch-all variant of a union has nothing to send.
    let v = OpInput {
        choice: Some(Choice::Unknown),
        ..Default::default()
    };
    assert!(v.to_query().is_empty());
}

const EC2_MAP_MODEL: &str = r#"{
  "metadata": {"apiVersion": "2016-11-15", "protocol": "ec2", "serviceId": "Ec2Like",
               "endpointPrefix": "ec2like", "signatureVersion": "v4"},
  "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                        "input": {"shape": "OpInput"}}},
  "shapes": {
    "OpInput": {"type": "structure", "members": {
      "Plain": {"shape": "StringMap"},
      "Named": {"shape": "NamedMap", "locationName": "namedMap"},
      "Flat": {"shape": "FlatMap"},
      "Grid": {"shape": "ListOfLists", "locationName": "grid"}}},
    "StringMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    "NamedMap": {"type": "map", "key": {"shape": "String", "locationName": "name"},
                 "value": {"shape": "StringList", "locationName": "values"}},
    "FlatMap": {"type": "map", "flattened": true, "key": {"shape": "String"},
                "value": {"shape": "String"}},
    "StringList": {"type": "list", "member": {"shape": "String", "locationName": "item"}},
    "ListOfLists": {"type": "list", "member": {"shape": "StringList", "locationName": "item"}},
    "String": {"type": "string"}
  }
}"#;

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Ec2MapInput {
    plain: Option<BTreeMap<String, String>>,
    #[aws(xml_name = "namedMap", key_name = "name", value_name = "values")]
    named: Option<BTreeMap<String, Vec<String>>>,
    #[aws(flattened)]
    flat: Option<BTreeMap<String, String>>,
    #[aws(xml_name = "grid", item_name = "item")]
    grid: Option<Vec<Vec<String>>>,
}

#[test]
fn ec2_maps_and_nested_lists_match_botocore() {
    // No Smithy case has an ec2Query map; botocore writes them as awsQuery does, with the
    // ec2Query upper-casing of any given key and value names.
    let input = Ec2MapInput {
        plain: Some(map(&[("a", "1".to_string()), ("b", "2".to_string())])),
        named: Some(map(&[("k", strings(&["x", "y"])), ("l", vec![])])),
        flat: Some(map(&[("f", "3".to_string())])),
        grid: Some(vec![strings(&["p"]), vec![], strings(&["q", "r"])]),
    };
    let body = same_as_botocore(EC2_MAP_MODEL, "Op", "ec2", "2016-11-15", &input);
    assert_eq!(
        body,
        "Action=Op&Version=2016-11-15\
         &Plain.entry.1.key=a&Plain.entry.1.value=1&Plain.entry.2.key=b&Plain.entry.2.value=2\
         &NamedMap.entry.1.Name=k&NamedMap.entry.1.Values.1=x&NamedMap.entry.1.Values.2=y\
         &NamedMap.entry.2.Name=l&Flat.1.key=f&Flat.1.value=3\
         &Grid.1.1=p&Grid.3.1=q&Grid.3.2=r"
    );
}

// ---------------------------------------------------------------------------------------------
// Where awso and botocore differ on purpose (the Smithy specification wins)

#[test]
fn sub_second_timestamps_have_millisecond_precision() {
    // Smithy: date-time and epoch-seconds with optional millisecond precision. botocore writes
    // microseconds in date-time (`.123000Z`) and drops the fraction of epoch-seconds.
    let t = Timestamp::from_millis(1_422_172_800_123);
    let v = QueryTimestampsInput {
        normal_format: Some(t),
        epoch_member: Some(t),
        epoch_target: None,
    };
    assert_eq!(
        v.to_query().to_string(),
        "normalFormat=2015-01-25T08%3A00%3A00.123Z&epochMember=1422172800.123"
    );
}

#[test]
fn floats_are_shortest_round_trip_text() {
    // botocore prints Python's `str(float)` (`1e+20`, `1e-05`); awso the shortest round-trip
    // digits without a `+` (`1e20`), as smithy-rs does. Services read both.
    let v = SimpleInputParamsInput {
        float_value: Some(0.1),
        boo: Some(1e20),
        ..Default::default()
    };
    assert_eq!(v.to_query().to_string(), "FloatValue=0.1&Boo=1e20");
    let v = SimpleInputParamsInput {
        boo: Some(-0.0),
        ..Default::default()
    };
    assert_eq!(v.to_query().get("Boo"), Some("-0.0"));
}

// ---------------------------------------------------------------------------------------------
// The Query type, encoding, and inputs that must not panic

#[test]
fn query_type_api() {
    let input = TagUserRequest {
        user_name: "bob".into(),
        tags: vec![Tag {
            key: "k".into(),
            value: "v w".into(),
        }],
    };
    let q = input.to_query();
    assert_eq!(q.len(), 3);
    assert!(!q.is_empty());
    assert_eq!(
        q.params(),
        &[
            ("UserName".to_owned(), "bob".to_owned()),
            ("Tags.member.1.Key".to_owned(), "k".to_owned()),
            ("Tags.member.1.Value".to_owned(), "v w".to_owned()),
        ]
    );
    let keys: Vec<&str> = q.iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        ["UserName", "Tags.member.1.Key", "Tags.member.1.Value"]
    );
    assert_eq!(
        q.to_string(),
        "UserName=bob&Tags.member.1.Key=k&Tags.member.1.Value=v+w"
    );
    let mut body = String::from("prefix:");
    q.write_body("TagUser", "2010-05-08", &mut body);
    assert_eq!(
        body,
        "prefix:Action=TagUser&Version=2010-05-08&UserName=bob&Tags.member.1.Key=k&Tags.member.1.Value=v+w"
    );
    let mut extended = Query::new();
    extended.push("X", "1");
    extended.extend(q.clone());
    assert_eq!(extended.len(), 4);
    assert_eq!(extended.params()[1].0, "UserName");
    let owned: Vec<(String, String)> = q.clone().into_iter().collect();
    assert_eq!(owned.len(), 3);
    assert_eq!(query::to_query(&input), q);
    assert_eq!(query::to_query_with(&input, QueryFlavor::AwsQuery), q);
    assert_eq!(QueryFlavor::default(), QueryFlavor::AwsQuery);
}

#[test]
fn encoding_is_botocores() {
    // Every printable ASCII character and some non-ASCII, through botocore's own encoder.
    let text: String = (0x20u8..0x7f).map(char::from).collect::<String>() + "é€😀\u{0}\n";
    let mut attributes = BTreeMap::new();
    attributes.insert(
        text.clone(),
        MessageAttributeValue {
            data_type: "String".into(),
            string_value: Some("=&".into()),
            binary_value: None,
        },
    );
    let input = PublishInput {
        topic_arn: Some(text.clone()),
        message: text.clone(),
        message_attributes: Some(attributes),
        ..Default::default()
    };
    same_as_botocore("sns", "Publish", "query", "2010-03-31", &input);
    let mut out = String::new();
    query::encode(&text, &mut out);
    assert_eq!(
        out,
        "+%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40\
         ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~\
         %C3%A9%E2%82%AC%F0%9F%98%80%00%0A"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Odd {
    sparse: Option<Vec<Option<String>>>,
    sparse_map: Option<BTreeMap<String, Option<i32>>>,
    doc: Option<Document>,
    #[aws(rename = "")]
    unnamed: Option<String>,
    #[aws(rename = "ñame", flattened)]
    flat_map: Option<HashMap<String, String>>,
    deep: Option<Box<Odd>>,
}

#[test]
fn unusual_inputs_do_not_panic() {
    let mut v = Odd {
        sparse: Some(vec![Some("a".into()), None, Some("c".into())]),
        sparse_map: Some(map(&[("x", None), ("y", Some(1))])),
        doc: Some(Document::from(json!({"a": [1, 2.5, null, "s"]}))),
        unnamed: Some("u".into()),
        flat_map: Some(HashMap::from([("k".to_string(), "v".to_string())])),
        deep: None,
    };
    let q = v.to_query();
    assert_eq!(q.get("Sparse.member.2"), Some(""));
    assert_eq!(q.get("Sparse.member.3"), Some("c"));
    assert_eq!(q.get("SparseMap.entry.1.value"), Some(""));
    assert_eq!(q.get("Doc"), Some(r#"{"a":[1,2.5,null,"s"]}"#));
    assert_eq!(q.get(""), Some("u"));
    assert_eq!(q.get("ñame.1.key"), Some("k"));
    assert_eq!(ec2(&v).get("Ñame.1.key"), Some("k"));
    // Deep nesting: keys grow, nothing overflows at this depth.
    for _ in 0..200 {
        v = Odd {
            deep: Some(Box::new(v)),
            ..Default::default()
        };
    }
    let q = v.to_query();
    let deepest = q.params().last().unwrap();
    assert_eq!(deepest.0.matches("Deep.").count(), 200);
    let body = q.to_body("A", "B");
    assert!(body.starts_with("Action=A&Version=B&Deep.Deep."));
}
