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

const STORE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/store.json");

/// `paginated` (merged with the service's), `smithy.waiters#waitable` and `default` as the
/// generator writes them; `tests/paginators.rs` compiles and runs the same model.
#[test]
fn smithy_paginators_waiters_and_defaults() {
    let model = Model::load(STORE.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    let generated = generate(&model, &options(&[], None)).unwrap_or_else(|e| panic!("{e}"));
    let source = awso_codegen::format(&generated.source).unwrap_or_else(|e| panic!("{e}"));
    for want in [
        "awso::paginator! {\n    ListThings {\n        input_token: \"NextToken\",\n        output_token: \"NextToken\",\n        limit_key: \"MaxResults\",\n        result_key: \"Things\",\n    }\n}",
        "    /// Waits until the thing is `READY`.\n    pub struct ThingReady: GetThing {\n        delay: 3,\n        max_delay: 30,\n",
        "        max_attempts: u32::MAX,\n",
        "            success: path(\"Thing.Status\") == \"READY\",\n            failure: path(\"Thing.Broken\") == true,\n            success: pathAll(\"Thing.Parts[].State\") == \"OK\",\n            failure: pathAny(\"Thing.Parts[].State\") == \"BAD\",\n            retry: error(\"NoSuchThing\"),\n",
        "    pub struct ThingAnswers: GetThing {\n        delay: 2,\n",
        "            success: error(false),\n",
        // Zero-valued defaults fill absent members.
        "    #[aws(default)]\n    pub broken: bool,\n    #[aws(default)]\n    pub count: i32,\n    #[aws(default)]\n    pub label: String,\n    #[aws(default)]\n    pub parts: Vec<Part>,\n",
        // Another value, `@clientOptional`, `default: null`: the member stays optional.
        "    pub limit: Option<i32>,\n    pub size: Option<i64>,\n    pub weight: Option<f64>,\n",
        // Members of an `@input` structure are optional for clients, defaults or not.
        "pub struct ListThingsInput {\n    pub next_token: Option<String>,\n    pub max_results: Option<i32>,\n}",
    ] {
        assert!(source.contains(want), "missing {want:?} in:\n{source}");
    }
    assert!(!source.contains("ThingNamed"), "{source}");
    assert_eq!(
        generated.warnings,
        [
            "Thing.Limit: default 10 left out (#[aws(default)] gives the zero value of the type; the member stays an Option)",
            "waiter ThingNamed (on GetThing) left out: acceptor 0 matches on the input and output together (inputOutput); awso's waiters read the output",
        ]
    );
    assert_eq!(generated.names.paginators, ["ListThings"]);
    let waiters: Vec<&str> = generated
        .names
        .waiters
        .iter()
        .map(|(w, _)| w.as_str())
        .collect();
    assert_eq!(waiters, ["ThingAnswers", "ThingReady"]);
    // Turned off, none is written.
    let none = Options {
        paginators: false,
        waiters: false,
        ..options(&[], None)
    };
    let plain = generate(&model, &none).unwrap_or_else(|e| panic!("{e}"));
    assert!(!plain.source.contains("awso::paginator!") && !plain.source.contains("awso::waiter!"));
}

/// An awsQuery-compatible service speaking JSON: the model's awsQuery code is the error's
/// `query_code` (the `x-amzn-query-error` header's), its JSON code the shape name; in
/// awsQuery itself the awsQuery code is the code.
#[test]
fn query_compatible_errors_answer_to_both_codes() {
    let model = r#"{
      "smithy": "2.0",
      "shapes": {
        "example.q#Queue": {
          "type": "service", "version": "2012-11-05",
          "operations": [{"target": "example.q#GetQueue"}],
          "traits": {"aws.api#service": {"sdkId": "Queue"}, "aws.protocols#awsJson1_0": {},
                     "aws.protocols#awsQuery": {}, "aws.protocols#awsQueryCompatible": {}}
        },
        "example.q#GetQueue": {"type": "operation", "errors": [{"target": "example.q#QueueDoesNotExist"}]},
        "example.q#QueueDoesNotExist": {
          "type": "structure", "members": {},
          "traits": {"smithy.api#error": "client",
                     "aws.protocols#awsQueryError": {"code": "AWS.SimpleQueueService.NonExistentQueue", "httpResponseCode": 400}}
        }
      }
    }"#;
    let model = Model::from_bytes(model.as_bytes(), "queue.json").unwrap_or_else(|e| panic!("{e}"));
    let json = generate(&model, &options(&[], Some("json"))).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        json.source.contains(
            "#[aws(error(status = 400, query_code = \"AWS.SimpleQueueService.NonExistentQueue\"))]\npub struct QueueDoesNotExist"
        ),
        "{}",
        json.source
    );
    let query = generate(&model, &options(&[], Some("query"))).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        query.source.contains(
            "#[aws(error(code = \"AWS.SimpleQueueService.NonExistentQueue\", status = 400))]\npub struct QueueDoesNotExist"
        ),
        "{}",
        query.source
    );
}

/// A restJson1 service whose operations send and receive a `smithy.api#streaming` blob as
/// their HTTP payload.
const STREAMING: &str = r##"{
  "smithy": "2.0",
  "shapes": {
    "example.vault#Vault": {
      "type": "service", "version": "2024-01-01",
      "operations": [{"target": "example.vault#Upload"}, {"target": "example.vault#Download"}],
      "traits": {
        "aws.api#service": {"sdkId": "Vault", "endpointPrefix": "vault"},
        "aws.auth#sigv4": {"name": "vault"},
        "aws.protocols#restJson1": {}
      }
    },
    "example.vault#Upload": {
      "type": "operation",
      "input": {"target": "example.vault#UploadInput"},
      "traits": {"smithy.api#http": {"method": "PUT", "uri": "/archives/{Name}", "code": 200}}
    },
    "example.vault#Download": {
      "type": "operation",
      "input": {"target": "example.vault#DownloadInput"},
      "output": {"target": "example.vault#DownloadOutput"},
      "traits": {"smithy.api#http": {"method": "GET", "uri": "/archives/{Name}", "code": 200}}
    },
    "example.vault#UploadInput": {
      "type": "structure",
      "members": {
        "Name": {"target": "smithy.api#String",
                 "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
        "Data": {"target": "example.vault#Archive", "traits": {"smithy.api#httpPayload": {}}}
      },
      "traits": {"smithy.api#input": {}}
    },
    "example.vault#DownloadInput": {
      "type": "structure",
      "members": {
        "Name": {"target": "smithy.api#String",
                 "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}
      },
      "traits": {"smithy.api#input": {}}
    },
    "example.vault#DownloadOutput": {
      "type": "structure",
      "members": {
        "Size": {"target": "smithy.api#Long", "traits": {"smithy.api#httpHeader": "x-size"}},
        "Data": {"target": "example.vault#Archive",
                 "traits": {"smithy.api#httpPayload": {}, "smithy.api#required": {}}}
      },
      "traits": {"smithy.api#output": {}}
    },
    "example.vault#Archive": {"type": "blob", "traits": {"smithy.api#streaming": {}}}
  }
}"##;

#[test]
fn streaming_payloads_are_byte_streams() {
    let model =
        Model::from_bytes(STREAMING.as_bytes(), "vault.json").unwrap_or_else(|e| panic!("{e}"));
    let generated = generate(&model, &options(&[], None)).unwrap_or_else(|e| panic!("{e}"));
    let source = awso_codegen::format(&generated.source).unwrap_or_else(|e| panic!("{e}"));
    for want in [
        "use awso::{AwsShape, ByteStream};",
        "#[aws(payload)]\n    pub data: Option<ByteStream>,\n}",
        // No equality for the structures holding a stream; the others keep it.
        "#[derive(AwsShape, Debug, Clone, Default)]\npub struct UploadInput {",
        "#[derive(AwsShape, Debug, Clone, Default)]\npub struct DownloadOutput {",
        "#[derive(AwsShape, Debug, Clone, PartialEq, Default)]\npub struct DownloadInput {",
    ] {
        assert!(source.contains(want), "missing {want:?} in:\n{source}");
    }
    // The output's payload is an `Option` though the model requires it: a response may
    // have no body.
    let output = &source[source.find("pub struct DownloadOutput").unwrap()..];
    assert!(
        output[..output.find("\n}").unwrap()].contains("pub data: Option<ByteStream>,"),
        "{output}"
    );
    assert!(!source.contains("Blob"), "{source}");
}
