//! Smithy JSON AST input: the official AWS model gives the same code as botocore's, and the
//! Smithy traits become the attributes they mean.

mod shared;

use awso_codegen::{generate, Model, Options};

const GAMELIFT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/gamelift-2015-10-01.json"
);

fn options(operations: &[&str], protocol: Option<&str>) -> Options {
    Options {
        operations: operations.iter().map(|o| o.to_string()).collect(),
        protocol: protocol.map(str::to_string),
        ..Options::default()
    }
}

/// The generated source without its header, with each errors enum's variants sorted (the
/// Smithy AST lists an operation's errors by name, botocore in its own order).
fn comparable(source: &str) -> String {
    let mut out = Vec::new();
    let mut variants: Option<Vec<&str>> = None;
    let mut previous = "";
    for line in source.lines().filter(|l| !l.starts_with("//!")) {
        match &mut variants {
            Some(v) if line.contains("#[aws(unknown)]") => {
                v.sort();
                out.append(v);
                out.push(line);
                variants = None;
            }
            Some(v) => v.push(line),
            None => {
                out.push(line);
                if previous == "#[aws(errors)]" {
                    variants = Some(Vec::new());
                }
            }
        }
        previous = line;
    }
    out.join("\n")
}

#[test]
fn gamelift_from_the_smithy_ast_equals_gamelift_from_botocore() {
    let smithy = Model::load(GAMELIFT.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let botocore = shared::load(&shared::botocore_data(), "gamelift");
    let ops = ["CreatePlayerSession", "DescribePlayerSessions"];
    // Without documentation and constraints: the two models are of different dates (the
    // newer anchors its patterns, `^...$`, and rewords some documentation).
    let plain = Options {
        docs: false,
        constraints: false,
        ..options(&ops, Some("json"))
    };
    let from_smithy = generate(&smithy, &plain).unwrap_or_else(|e| panic!("{e}"));
    let from_botocore = generate(&botocore, &plain).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        comparable(&from_smithy.source),
        comparable(&from_botocore.source)
    );
    assert_eq!(from_smithy.names.operations, from_botocore.names.operations);

    // With everything: the constraints and documentation come through too.
    let full = generate(&smithy, &options(&ops, None)).unwrap_or_else(|e| panic!("{e}"));
    let source = awso_codegen::format(&full.source).unwrap_or_else(|e| panic!("{e}"));
    for want in [
        "protocol: Protocol::AwsJson1_1,",
        "target_prefix: \"GameLift\",",
        "signing_name: \"gamelift\",",
        "pub struct CreatePlayerSession: GameLift(CreatePlayerSessionInput) -> CreatePlayerSessionOutput, CreatePlayerSessionError;",
        "#[aws(length(min = 1, max = 512), pattern = \"^[a-zA-Z0-9:/-]+$\")]\n    pub game_session_id: String,",
        "/// Reserves an open player slot in a game session for a player.",
        "#[aws(error(fault = \"server\"))]\npub struct InternalServiceException",
        "#[aws(rename_all = \"SCREAMING_SNAKE_CASE\")]\npub enum PlayerSessionStatus {\n    Reserved,",
    ] {
        assert!(source.contains(want), "missing {want:?} in:\n{source}");
    }
}

/// A small hand-written Smithy model with the traits of the REST and XML protocols.
const REST_XML: &str = r##"{
  "smithy": "2.0",
  "shapes": {
    "example.store#Store": {
      "type": "service", "version": "2024-01-01",
      "operations": [{"target": "example.store#PutThing"}],
      "errors": [{"target": "example.store#Throttled"}],
      "traits": {
        "aws.api#service": {"sdkId": "Store", "endpointPrefix": "store"},
        "aws.auth#sigv4": {"name": "store"},
        "aws.protocols#restXml": {},
        "smithy.api#title": "Example Store",
        "smithy.api#documentation": "<p>Stores things.</p>"
      }
    },
    "example.store#PutThing": {
      "type": "operation",
      "input": {"target": "example.store#PutThingRequest"},
      "output": {"target": "example.store#PutThingOutput"},
      "errors": [{"target": "example.store#NoSuchThing"}],
      "traits": {"smithy.api#http": {"method": "PUT", "uri": "/{Bucket}/{Key+}", "code": 200},
                 "smithy.api#httpChecksumRequired": {}, "smithy.api#auth": []}
    },
    "example.store#PutThingRequest": {
      "type": "structure",
      "members": {
        "Bucket": {"target": "smithy.api#String",
                   "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
        "Key": {"target": "example.store#Key",
                "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
        "Owner": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "x-amz-owner"}},
        "Meta": {"target": "example.store#Meta", "traits": {"smithy.api#httpPrefixHeaders": "x-amz-meta-"}},
        "Version": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "version"}},
        "Config": {"target": "example.store#Config", "traits": {"smithy.api#httpPayload": {}}}
      },
      "traits": {"smithy.api#input": {}}
    },
    "example.store#PutThingOutput": {
      "type": "structure",
      "members": {
        "Tags": {"target": "example.store#Tags", "traits": {"smithy.api#xmlFlattened": {}, "smithy.api#xmlName": "Tag"}},
        "Made": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "epoch-seconds"}},
        "Id": {"target": "smithy.api#String", "traits": {"smithy.api#xmlAttribute": {}, "smithy.api#required": {}}},
        "Kind": {"target": "example.store#Kind"},
        "Status": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpResponseCode": {}}}
      },
      "traits": {"smithy.api#output": {}, "smithy.api#xmlName": "ThingResult"}
    },
    "example.store#Config": {
      "type": "structure",
      "members": {"Size": {"target": "smithy.api#Long"}},
      "traits": {"smithy.api#xmlNamespace": {"uri": "http://store.example.com/doc/2024-01-01/"}}
    },
    "example.store#Key": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
    "example.store#Meta": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
    "example.store#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
    "example.store#Kind": {"type": "string", "traits": {"smithy.api#enum": [{"value": "small"}, {"value": "t2.large"}]}},
    "example.store#NoSuchThing": {
      "type": "structure", "members": {"Message": {"target": "smithy.api#String"}},
      "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}
    },
    "example.store#Throttled": {
      "type": "structure", "members": {},
      "traits": {"smithy.api#error": "server", "smithy.api#httpError": 503}
    }
  }
}"##;

#[test]
fn smithy_traits_become_attributes() {
    let model =
        Model::from_bytes(REST_XML.as_bytes(), "store.json").unwrap_or_else(|e| panic!("{e}"));
    let generated = generate(&model, &options(&[], None)).unwrap_or_else(|e| panic!("{e}"));
    let source = awso_codegen::format(&generated.source).unwrap_or_else(|e| panic!("{e}"));
    for want in [
        "protocol: Protocol::RestXml,",
        "endpoint_prefix: \"store\",",
        "http(\"PUT\" \"/{Bucket}/{Key+}\"); checksum(required); auth(none);",
        "#[aws(label = \"Bucket\")]\n    pub bucket: String,",
        "#[aws(header = \"x-amz-owner\")]\n    pub owner: Option<String>,",
        "#[aws(prefix_headers = \"x-amz-meta-\")]",
        "#[aws(query = \"version\")]\n    pub version: Option<i32>,",
        "#[aws(payload)]\n    pub config: Option<Config>,",
        "#[aws(xml_namespace(uri = \"http://store.example.com/doc/2024-01-01/\"))]",
        "#[aws(xml_name = \"ThingResult\")]",
        "#[aws(xml_name = \"Tag\", flattened)]\n    pub tags: Option<Vec<String>>,",
        "#[aws(timestamp_format = \"epoch-seconds\")]\n    pub made: Option<Timestamp>,",
        "#[aws(xml_attribute, default)]\n    pub id: String,",
        "#[aws(response_code)]",
        "#[aws(rename = \"t2.large\")]\n    T2Large,",
        "#[aws(error(status = 404))]\npub struct NoSuchThing",
        "#[aws(error(status = 503, fault = \"server\"))]\npub struct Throttled",
        // Service-wide errors join every operation's.
        "    Throttled(Throttled),",
        "#[aws(label = \"Key\", length(min = 1))]\n    pub key: String,",
        "/// Stores things.",
    ] {
        assert!(source.contains(want), "missing {want:?} in:\n{source}");
    }
}

#[test]
fn a_bad_smithy_model_is_an_error_not_a_panic() {
    for (text, want) in [
        (r#"{"smithy": "2.0"}"#, "without a \"shapes\" object"),
        (
            r#"{"smithy": "2.0", "shapes": {}}"#,
            "without a service shape",
        ),
        (
            r#"{"smithy": "2.0", "shapes": {"a#S": {"type": "service"}, "a#O": {"type": "operation", "input": {"target": "a#Missing"}}}}"#,
            "a#Missing",
        ),
    ] {
        let e = Model::from_bytes(text.as_bytes(), "bad.json")
            .and_then(|m| generate(&m, &options(&[], None)).map(|_| ()))
            .expect_err(text);
        assert!(e.to_string().contains(want), "{text}: {e}");
    }
}
