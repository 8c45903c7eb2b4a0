//! # awso: AWS shapes as plain Rust types
//!
//! Hand-model the AWS API shapes you need as structs and enums, add `#[derive(AwsShape)]`,
//! and get the AWS wire protocols for them.
//!
//! ```
//! use awso::{AwsShape, Timestamp};
//!
//! #[derive(AwsShape, Debug, Clone, PartialEq)]
//! pub struct CreatePlayerSessionInput {
//!     pub game_session_id: String,
//!     pub player_id: String,
//!     pub player_data: Option<String>,
//! }
//!
//! let input = CreatePlayerSessionInput {
//!     game_session_id: "gsess-1".into(),
//!     player_id: "player-1".into(),
//!     player_data: None,
//! };
//! assert_eq!(
//!     awso::json::to_string(&input),
//!     r#"{"GameSessionId":"gsess-1","PlayerId":"player-1"}"#
//! );
//! let back: CreatePlayerSessionInput = awso::json::from_str(r#"{"GameSessionId":"gsess-1","PlayerId":"player-1"}"#)?;
//! assert_eq!(back, input);
//! # Ok::<(), awso::Error>(())
//! ```
//!
//! See the README for the attributes and the protocol support table.
#![forbid(unsafe_code)]

pub use awso_derive::{AwsDebug, AwsShape};
pub use awso_runtime::*;
