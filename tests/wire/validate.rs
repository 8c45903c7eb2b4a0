//! Model constraints: `length`, `range`, `pattern`, `required`, checked by `validate()` with
//! every violation and its path, and by the client before sending.

use crate::shapes;

use awso::{AwsShape, Blob};
use shapes::*;
use std::collections::BTreeMap;

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Limits {
    #[aws(length(min = 2, max = 3))]
    name: Option<String>,
    #[aws(length(max = 2))]
    tags: Option<Vec<Tag>>,
    #[aws(length(min = 1))]
    attributes: Option<BTreeMap<String, Tag>>,
    #[aws(length(min = 1, max = 2))]
    data: Option<Blob>,
    #[aws(range(min = -1.5, max = 2.5))]
    ratio: Option<f64>,
    #[aws(range(min = 0))]
    count: Option<i64>,
    #[aws(required)]
    owner: Option<String>,
    port: Option<PortNumber>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Tag {
    #[aws(length(min = 1, max = 128), pattern = "^[a-z]+$")]
    key: String,
}

#[test]
fn a_valid_value_passes() {
    let ok = Limits {
        name: Some("ab".into()),
        tags: Some(vec![Tag { key: "a".into() }]),
        attributes: Some(BTreeMap::from([("k".into(), Tag { key: "x".into() })])),
        data: Some(Blob::from("a")),
        ratio: Some(2.5),
        count: Some(0),
        owner: Some("me".into()),
        port: Some(PortNumber(60000)),
    };
    assert_eq!(ok.validate(), Ok(()));
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let bad = Limits {
        name: Some("ééée".into()),
        tags: Some(vec![
            Tag { key: "ok".into() },
            Tag {
                key: "NOT OK".into(),
            },
            Tag { key: String::new() },
        ]),
        attributes: Some(BTreeMap::new()),
        data: Some(Blob::from("abc")),
        ratio: Some(f64::NAN),
        count: Some(-1),
        owner: None,
        port: Some(PortNumber(0)),
    };
    let v = bad.validate().unwrap_err();
    let lines: Vec<String> = v.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "Limits.Name: length 4 characters is outside [2, 3]",
            "Limits.Tags: length 3 items is outside (-∞, 2]",
            "Limits.Tags[1].Key: value does not match the pattern ^[a-z]+$",
            "Limits.Tags[2].Key: length 0 characters is outside [1, 128]",
            "Limits.Tags[2].Key: value does not match the pattern ^[a-z]+$",
            "Limits.Attributes: length 0 entries is outside [1, ∞)",
            "Limits.Data: length 3 bytes is outside [1, 2]",
            "Limits.Ratio: value is outside [-1.5, 2.5]",
            "Limits.Count: value is outside [0, ∞)",
            "Limits.Owner: required member is missing",
            "Limits.Port: value is outside [1, 60000]",
        ]
    );
    // Values are never echoed.
    assert!(!v.to_string().contains("NOT OK"));
}

#[test]
fn the_gamelift_input_is_checked_before_it_is_sent() {
    let input = CreatePlayerSessionInput {
        game_session_id: "!!! ???".into(), // patterns are unanchored, as in Smithy
        player_id: String::new(),
        player_data: None,
    };
    let v = input.validate().unwrap_err().to_string();
    assert_eq!(
        v,
        "CreatePlayerSessionInput.GameSessionId: value does not match the pattern [a-zA-Z0-9:/-]+; \
         CreatePlayerSessionInput.PlayerId: length 0 characters is outside [1, 1024]"
    );
    // The client refuses before any network traffic (nothing listens on port 9).
    let client =
        awso::blocking::Client::new(awso::Credentials::new("AKID", "secret", None), "us-west-2")
            .with_endpoint("http://127.0.0.1:9");
    let err = client.call::<CreatePlayerSession>(&input).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid input, not sent: CreatePlayerSessionInput.GameSessionId"),
        "{err}"
    );
    // Opting out sends it (and here fails to connect instead).
    let err = client
        .with_validation(false)
        .call::<CreatePlayerSession>(&input)
        .unwrap_err();
    assert!(
        matches!(err, awso::operation::OperationError::Dispatch(_)),
        "{err}"
    );
}
