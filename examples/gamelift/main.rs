//! GameLift `CreatePlayerSession` over awsJson1_1, with hand-modelled shapes.
//!
//! Prints the request body, parses a response and two error responses. Run with
//! `cargo run --example gamelift`; `cargo run --example gamelift -- --protocol cbor` does the
//! same over rpcv2Cbor (the protocol GameLift's model now names), printing CBOR in diagnostic
//! notation.

mod shapes;

use awso::operation::Operation;
use awso::{AwsError, AwsShape};
use shapes::*;

/// A response body as GameLift sends it for CreatePlayerSession.
const RESPONSE: &str = r#"{"PlayerSession":{"PlayerSessionId":"psess-0fe1c3a5-8d1e-4c5b-9a7d-2b3c4d5e6f70","PlayerId":"player-1","GameSessionId":"arn:aws:gamelift:us-west-2::gamesession/fleet-2ad1b4c0-7e8f-4a1b-9c3d-5e6f7a8b9c0d/gsess-1","FleetId":"fleet-2ad1b4c0-7e8f-4a1b-9c3d-5e6f7a8b9c0d","FleetArn":"arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-2ad1b4c0-7e8f-4a1b-9c3d-5e6f7a8b9c0d","CreationTime":1.732528861345E9,"Status":"RESERVED","IpAddress":"192.0.2.44","DnsName":"ec2-192-0-2-44.us-west-2.compute.amazonaws.com","Port":7777,"PlayerData":"{\"skill\":7}"}}"#;

/// A GameSessionFullException as GameLift sends it (HTTP 400).
const FULL: &str = r#"{"__type":"GameSessionFullException","Message":"Game session gsess-1 is full (8/8 players)."}"#;

/// An error this model does not know, with the code as some services send it.
const THROTTLED: &str =
    r#"{"__type":"com.amazonaws.gamelift#ThrottlingException","message":"Rate exceeded"}"#;

/// The same service and operation over rpcv2Cbor.
mod cbor_api {
    use super::shapes::*;
    awso::service! {
        /// Amazon GameLift over rpcv2Cbor (`smithy-rpc-v2-cbor`).
        pub struct GameLift {
            name: "GameLift",
            protocol: Protocol::RpcV2Cbor,
            api_version: "2015-10-01",
            signing_name: "gamelift",
            endpoint_prefix: "gamelift",
        }
    }
    awso::operation! {
        /// Reserves an open player slot in a game session for a player.
        pub struct CreatePlayerSession: GameLift(CreatePlayerSessionInput) -> CreatePlayerSessionOutput, CreatePlayerSessionError;
    }
}

/// `--protocol cbor`: the request, a response and an error over rpcv2Cbor.
fn cbor_main(input: &CreatePlayerSessionInput) -> Result<(), Box<dyn std::error::Error>> {
    use awso::cbor::Cbor;
    use awso::operation::OperationError;
    let text = |s: &str| Cbor::Text(s.to_owned());

    println!("== request (rpcv2Cbor)");
    let request =
        cbor_api::CreatePlayerSession::request(input, "https://gamelift.us-west-2.amazonaws.com")?;
    println!("{} {} HTTP/1.1", request.method(), request.uri());
    for (name, value) in request.headers() {
        println!("{name}: {}", value.to_str()?);
    }
    println!();
    println!("{}", Cbor::from_slice(request.body())?);
    println!("({} bytes)", request.body().len());

    println!("\n== response");
    let body = Cbor::Map(vec![(
        text("PlayerSession"),
        Cbor::Map(vec![
            (
                text("PlayerSessionId"),
                text("psess-0fe1c3a5-8d1e-4c5b-9a7d-2b3c4d5e6f70"),
            ),
            (text("PlayerId"), text("player-1")),
            (
                text("FleetId"),
                text("fleet-2ad1b4c0-7e8f-4a1b-9c3d-5e6f7a8b9c0d"),
            ),
            (
                text("CreationTime"),
                Cbor::Tag(1, Box::new(Cbor::Float64(1_732_528_861.345))),
            ),
            (text("Status"), text("RESERVED")),
            (text("IpAddress"), text("192.0.2.44")),
            (text("Port"), Cbor::Integer(7777)),
            (text("PlayerData"), text(r#"{"skill":7}"#)),
        ]),
    )]);
    println!("{body}");
    let bytes = body.to_vec();
    let response = awso::http::Response::builder()
        .status(200)
        .header("smithy-protocol", "rpc-v2-cbor")
        .header("content-type", "application/cbor")
        .body(&bytes[..])?;
    let output = cbor_api::CreatePlayerSession::response(response)?;
    println!("{output:#?}");

    println!("\n== error response: GameSessionFullException");
    let body = Cbor::Map(vec![
        (
            text("__type"),
            text("com.amazonaws.gamelift#GameSessionFullException"),
        ),
        (
            text("Message"),
            text("Game session gsess-1 is full (8/8 players)."),
        ),
    ]);
    println!("{body}");
    let bytes = body.to_vec();
    let response = awso::http::Response::builder()
        .status(400)
        .header("smithy-protocol", "rpc-v2-cbor")
        .body(&bytes[..])?;
    match cbor_api::CreatePlayerSession::response(response) {
        Err(OperationError::Service { error, status, .. }) => {
            println!("HTTP {status}: {error:?}");
            println!("display: {error}");
        }
        other => println!("unexpected: {other:?}"),
    }

    println!("\n== a bad response names the member and byte offset");
    let bad = Cbor::Map(vec![(
        text("PlayerSession"),
        Cbor::Map(vec![(text("Port"), text("7777"))]),
    )]);
    match awso::cbor::from_slice::<CreatePlayerSessionOutput>(&bad.to_vec()) {
        Ok(v) => println!("unexpectedly parsed: {v:?}"),
        Err(e) => println!("error: {e}"),
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let protocol = match args.iter().position(|a| a == "--protocol") {
        Some(i) => args.get(i + 1).map(String::as_str),
        None => args.iter().find_map(|a| a.strip_prefix("--protocol=")),
    };
    let cbor = match protocol {
        None | Some("json") => false,
        Some("cbor") => true,
        Some(other) => return Err(format!("unknown protocol {other}: use json or cbor").into()),
    };
    let input = CreatePlayerSessionInput {
        game_session_id: "arn:aws:gamelift:us-west-2::gamesession/fleet-2ad1b4c0-7e8f-4a1b-9c3d-5e6f7a8b9c0d/gsess-1".into(),
        player_id: "player-1".into(),
        player_data: Some(r#"{"skill":7}"#.into()),
    };
    if cbor {
        return cbor_main(&input);
    }
    println!("== request (awsJson1_1)");
    let request = CreatePlayerSession::request(&input, "https://gamelift.us-west-2.amazonaws.com")?;
    println!("{} {} HTTP/1.1", request.method(), request.uri());
    for (name, value) in request.headers() {
        println!("{name}: {}", value.to_str()?);
    }
    println!();
    println!("{}", std::str::from_utf8(request.body())?);
    println!("input (Debug, sensitive members redacted): {input:?}");

    println!("\n== response");
    let output: CreatePlayerSessionOutput = awso::json::from_str(RESPONSE)?;
    println!("{output:#?}");
    println!("to_value: {:?}", output.to_value());

    println!("\n== error response: GameSessionFullException");
    let body: awso::serde_json::Value = awso::serde_json::from_str(FULL)?;
    let code = awso::json::error_code(None, &body).unwrap_or_default();
    let error = CreatePlayerSessionError::error_of_json(code, &body)?;
    println!("{error:?}");
    println!("display: {error}");
    println!("error_to_json: {}", error.error_to_json());

    println!("\n== error response: unmodelled code");
    let body: awso::serde_json::Value = awso::serde_json::from_str(THROTTLED)?;
    let code = awso::json::error_code(None, &body).unwrap_or_default();
    let error = CreatePlayerSessionError::error_of_json(code, &body)?;
    println!("{error:?}");
    println!("display: {error}");

    println!("\n== a bad response names the member");
    let bad = r#"{"PlayerSession":{"PlayerSessionId":"psess-1","Port":"7777"}}"#;
    match awso::json::from_str::<CreatePlayerSessionOutput>(bad) {
        Ok(v) => println!("unexpectedly parsed: {v:?}"),
        Err(e) => println!("error: {e}"),
    }
    Ok(())
}
