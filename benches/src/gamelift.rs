//! GameLift (awsJson1_1): `DescribePlayerSessions` output with many `PlayerSession`s, and the
//! small `CreatePlayerSession` output.

use crate::Rng;
use std::fmt::Write as _;

/// The shapes with `#[derive(AwsShape)]`.
pub mod awso_shapes {
    use awso::{AwsShape, Timestamp};

    /// `DescribePlayerSessionsOutput`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct DescribePlayerSessionsOutput {
        player_sessions: Option<Vec<PlayerSession>>,
        next_token: Option<String>,
    }

    /// `CreatePlayerSessionOutput`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct CreatePlayerSessionOutput {
        player_session: Option<PlayerSession>,
    }

    /// `PlayerSession`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct PlayerSession {
        player_session_id: Option<String>,
        player_id: Option<String>,
        game_session_id: Option<String>,
        fleet_id: Option<String>,
        fleet_arn: Option<String>,
        creation_time: Option<Timestamp>,
        termination_time: Option<Timestamp>,
        status: Option<PlayerSessionStatus>,
        ip_address: Option<String>,
        dns_name: Option<String>,
        port: Option<PortNumber>,
        player_data: Option<String>,
    }

    /// `PlayerSessionStatus`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    #[aws(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum PlayerSessionStatus {
        /// `RESERVED`
        Reserved,
        /// `ACTIVE`
        Active,
        /// `COMPLETED`
        Completed,
        /// `TIMEDOUT`
        Timedout,
        /// Any other value.
        #[aws(unknown)]
        Unknown(String),
    }

    /// `PortNumber`.
    #[derive(AwsShape, Debug, Clone, Copy, PartialEq)]
    pub struct PortNumber(i32);

    impl DescribePlayerSessionsOutput {
        /// How many sessions were read.
        pub fn len(&self) -> usize {
            self.player_sessions.as_ref().map_or(0, Vec::len)
        }

        /// Whether no session was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The same shapes with serde's derives.
pub mod serde_shapes {
    use awso::Timestamp;
    use serde::{Deserialize, Serialize};

    /// `DescribePlayerSessionsOutput`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct DescribePlayerSessionsOutput {
        #[serde(skip_serializing_if = "Option::is_none")]
        player_sessions: Option<Vec<PlayerSession>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        next_token: Option<String>,
    }

    /// `CreatePlayerSessionOutput`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct CreatePlayerSessionOutput {
        #[serde(skip_serializing_if = "Option::is_none")]
        player_session: Option<PlayerSession>,
    }

    /// `PlayerSession`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct PlayerSession {
        #[serde(skip_serializing_if = "Option::is_none")]
        player_session_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        player_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        game_session_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        fleet_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        fleet_arn: Option<String>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_opt",
            skip_serializing_if = "Option::is_none"
        )]
        creation_time: Option<Timestamp>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_opt",
            skip_serializing_if = "Option::is_none"
        )]
        termination_time: Option<Timestamp>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<PlayerSessionStatus>,
        #[serde(skip_serializing_if = "Option::is_none")]
        ip_address: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        dns_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        port: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        player_data: Option<String>,
    }

    /// `PlayerSessionStatus` (serde keeps no text for unknown values: `#[serde(other)]`).
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum PlayerSessionStatus {
        /// `RESERVED`
        Reserved,
        /// `ACTIVE`
        Active,
        /// `COMPLETED`
        Completed,
        /// `TIMEDOUT`
        Timedout,
        /// Any other value.
        #[serde(other)]
        Unknown,
    }

    impl DescribePlayerSessionsOutput {
        /// How many sessions were read.
        pub fn len(&self) -> usize {
            self.player_sessions.as_ref().map_or(0, Vec::len)
        }

        /// Whether no session was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

const FLEET: &str = "fleet-2ad1b4c0-7e8f-4a1b-9c3d-5e6f7a8b9c0d";

fn player_session(rng: &mut Rng, i: usize, out: &mut String) {
    let status = *rng.pick(&[
        "RESERVED",
        "ACTIVE",
        "ACTIVE",
        "ACTIVE",
        "COMPLETED",
        "TIMEDOUT",
    ]);
    let created = 1_732_000_000_000u64 + rng.below(500_000_000);
    let ip = format!("192.0.{}.{}", rng.below(256), rng.below(256));
    let _ = write!(
        out,
        r#"{{"PlayerSessionId":"psess-{}","PlayerId":"player-{i}","GameSessionId":"arn:aws:gamelift:us-west-2::gamesession/{FLEET}/gsess-{}","FleetId":"{FLEET}","FleetArn":"arn:aws:gamelift:us-west-2:123456789012:fleet/{FLEET}","CreationTime":{}"#,
        rng.uuid(),
        rng.uuid(),
        java_epoch(created),
    );
    if matches!(status, "COMPLETED" | "TIMEDOUT") {
        let ended = created + 60_000 + rng.below(3_600_000);
        let _ = write!(out, r#","TerminationTime":{}"#, java_epoch(ended));
    }
    let _ = write!(
        out,
        r#","Status":"{status}","IpAddress":"{ip}","DnsName":"ec2-{}.us-west-2.compute.amazonaws.com","Port":{},"PlayerData":"{{\"skill\":{},\"team\":\"{}\",\"loadout\":[\"{}\",\"{}\"]}}"}}"#,
        ip.replace('.', "-"),
        7000 + rng.below(1000),
        rng.below(100),
        rng.pick(&["red", "blue", "green"]),
        rng.pick(&["rifle", "smg", "shotgun", "sniper"]),
        rng.pick(&["medkit", "grenade", "shield"]),
    );
}

/// Epoch milliseconds as the GameLift service writes them: `1.732528861345E9`.
fn java_epoch(ms: u64) -> String {
    let digits = ms.to_string(); // 13 digits
    let mantissa = format!("{}.{}", &digits[..1], &digits[1..]);
    let trimmed = mantissa.trim_end_matches('0');
    format!("{trimmed}E9")
}

/// A `DescribePlayerSessions` response body with `n` sessions.
pub fn describe_player_sessions_body(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x6a_6d_6c_69_66_74);
    let mut out = String::with_capacity(n * 700);
    out.push_str(r#"{"PlayerSessions":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        player_session(&mut rng, i, &mut out);
    }
    out.push_str(r#"],"NextToken":"eyJ2IjoxLCJjIjoiYWJjZGVmIn0="}"#);
    out.into_bytes()
}

/// A `CreatePlayerSession` response body.
pub fn create_player_session_body() -> Vec<u8> {
    let mut rng = Rng::new(7);
    let mut out = String::from(r#"{"PlayerSession":"#);
    player_session(&mut rng, 1, &mut out);
    out.push('}');
    out.into_bytes()
}
