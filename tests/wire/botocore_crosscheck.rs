//! Cross-checks against botocore, the reference implementation of the AWS protocols, which runs
//! offline from its bundled service models, in the tests' Python environment
//! (`tests/common/python.rs`: pinned versions, set up on first use).

use crate::common;
use crate::shapes;

use awso::operation::Operation;
use awso::serde_json;
use shapes::*;

/// botocore's serialization of one request, as JSON.
fn botocore(service: &str, operation: &str, protocol: &str, params: &str) -> serde_json::Value {
    common::botocore_json(&[
        &common::script("serialize.py"),
        service,
        operation,
        protocol,
        params,
    ])
}

#[test]
fn create_player_session_body_matches_botocore() {
    // Members in the model's order: botocore writes them in the order it is given them.
    let cases: [&[(&str, &str)]; 2] = [
        &[
            (
                "GameSessionId",
                "arn:aws:gamelift:us-west-2::gamesession/fleet-1/gsess-1",
            ),
            ("PlayerId", "player-1"),
        ],
        &[
            ("GameSessionId", "gsess-1"),
            ("PlayerId", "p\"1\\\n\u{1}"),
            (
                "PlayerData",
                "{\"skill\":7, \"name\":\"Zo\u{eb} \u{1f3ae}\"}",
            ),
        ],
    ];
    for members in cases {
        let get = |name: &str| {
            members
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        };
        let input = CreatePlayerSessionInput {
            game_session_id: get("GameSessionId").unwrap(),
            player_id: get("PlayerId").unwrap(),
            player_data: get("PlayerData"),
        };
        let params = format!(
            "{{{}}}",
            members
                .iter()
                .map(|(k, v)| format!(
                    "{}:{}",
                    serde_json::to_string(k).unwrap(),
                    serde_json::to_string(v).unwrap()
                ))
                .collect::<Vec<_>>()
                .join(",")
        );
        let ours = awso::json::to_vec(&input);
        let theirs = botocore("gamelift", "CreatePlayerSession", "json", &params);
        assert_eq!(
            theirs["headers"]["X-Amz-Target"],
            "GameLift.CreatePlayerSession"
        );
        // The whole request from the operation layer: method, path, headers and body.
        let request =
            CreatePlayerSession::request(&input, "https://gamelift.us-west-2.amazonaws.com")
                .unwrap();
        assert_eq!(request.method().as_str(), theirs["method"]);
        assert_eq!(request.uri().path(), theirs["url_path"]);
        for (name, value) in theirs["headers"].as_object().unwrap() {
            assert_eq!(
                request.headers()[name.as_str()],
                value.as_str().unwrap(),
                "header {name}"
            );
        }
        assert_eq!(request.body(), &ours);
        let body: serde_json::Value =
            serde_json::from_str(theirs["body"].as_str().unwrap()).unwrap();
        let ours_value: serde_json::Value = serde_json::from_slice(&ours).unwrap();
        assert_eq!(ours_value, body, "body differs from botocore's");
        // Same members in the same order as botocore writes them.
        let their_text = theirs["body"].as_str().unwrap();
        let our_text = String::from_utf8(ours).unwrap();
        let order = |text: &str| {
            let mut keys: Vec<(usize, String)> = body
                .as_object()
                .unwrap()
                .keys()
                .map(|k| (text.find(&format!("\"{k}\"")).unwrap(), k.clone()))
                .collect();
            keys.sort();
            keys.into_iter().map(|(_, k)| k).collect::<Vec<_>>()
        };
        assert_eq!(
            order(&our_text),
            order(their_text),
            "member order differs: {our_text}"
        );
    }
}
