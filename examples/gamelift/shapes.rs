//! The GameLift CreatePlayerSession shapes, hand-modelled from the GameLift API reference.
//!
//! Members are PascalCase on the wire by default (`player_session_id` is `PlayerSessionId`).
//! `#[derive(AwsDebug)]` stands in for `Debug` where a member is sensitive in the model.

use awso::{AwsDebug, AwsShape, Timestamp};

awso::service! {
    /// Amazon GameLift over awsJson1_1 (its model also offers rpcv2Cbor).
    pub struct GameLift {
        name: "GameLift",
        protocol: Protocol::AwsJson1_1,
        target_prefix: "GameLift",
        api_version: "2015-10-01",
        signing_name: "gamelift",
        endpoint_prefix: "gamelift",
    }
}

awso::operation! {
    /// Reserves an open player slot in a game session for a player.
    pub struct CreatePlayerSession: GameLift(CreatePlayerSessionInput) -> CreatePlayerSessionOutput, CreatePlayerSessionError;
}

/// Input of `CreatePlayerSession`.
#[derive(AwsShape, AwsDebug, Clone, PartialEq)]
pub struct CreatePlayerSessionInput {
    /// The game session to join (ID or ARN). Required.
    #[aws(length(min = 1, max = 512), pattern = "[a-zA-Z0-9:/-]+")]
    pub game_session_id: String,
    /// The player's unique ID. Required.
    #[aws(sensitive, length(min = 1, max = 1024))]
    pub player_id: String,
    /// Developer-defined data about the player.
    #[aws(length(min = 1, max = 2048))]
    pub player_data: Option<String>,
}

/// Output of `CreatePlayerSession`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct CreatePlayerSessionOutput {
    /// The new player session.
    pub player_session: Option<PlayerSession>,
}

/// A player's reserved or active slot in a game session.
#[derive(AwsShape, AwsDebug, Clone, PartialEq, Default)]
pub struct PlayerSession {
    /// `psess-...`
    pub player_session_id: Option<String>,
    /// The player's unique ID.
    #[aws(sensitive)]
    pub player_id: Option<String>,
    /// The game session the player is in.
    pub game_session_id: Option<String>,
    /// The fleet hosting the game session.
    pub fleet_id: Option<String>,
    /// The fleet's ARN.
    pub fleet_arn: Option<String>,
    /// When the session was created.
    pub creation_time: Option<Timestamp>,
    /// When the session ended.
    pub termination_time: Option<Timestamp>,
    /// Where the session is in its life.
    pub status: Option<PlayerSessionStatus>,
    /// The game session's IP address.
    #[aws(sensitive)]
    pub ip_address: Option<String>,
    /// The game session's DNS name.
    pub dns_name: Option<String>,
    /// The game session's port.
    #[aws(sensitive)]
    pub port: Option<PortNumber>,
    /// Developer-defined data about the player.
    pub player_data: Option<String>,
}

/// The status of a player session.
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
    /// A status this model does not know yet, kept as sent.
    #[aws(unknown)]
    Unknown(String),
}

/// A network port, 1 to 60000.
#[derive(AwsShape, Debug, Clone, Copy, PartialEq)]
#[aws(range(min = 1, max = 60000))]
pub struct PortNumber(pub i32);

/// The game session already has its maximum number of players.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(code = "GameSessionFullException", status = 400))]
pub struct GameSessionFullException {
    /// What went wrong.
    pub message: Option<String>,
}

/// The service failed; retry.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(status = 500, fault = "server"))]
pub struct InternalServiceException {
    /// What went wrong.
    pub message: Option<String>,
}

/// The game session is not in a state that takes players.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
pub struct InvalidGameSessionStatusException {
    /// What went wrong.
    pub message: Option<String>,
}

/// A parameter is missing or invalid.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
pub struct InvalidRequestException {
    /// What went wrong.
    pub message: Option<String>,
}

/// The requested resource was not found.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
pub struct NotFoundException {
    /// What went wrong.
    pub message: Option<String>,
}

/// The fleet's alias uses a terminal routing strategy.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
pub struct TerminalRoutingStrategyException {
    /// What went wrong.
    pub message: Option<String>,
}

/// The caller may not do this.
#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error)]
pub struct UnauthorizedException {
    /// What went wrong.
    pub message: Option<String>,
}

/// Every error `CreatePlayerSession` can return.
#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum CreatePlayerSessionError {
    /// See [`GameSessionFullException`].
    GameSessionFullException(GameSessionFullException),
    /// See [`InternalServiceException`].
    InternalServiceException(InternalServiceException),
    /// See [`InvalidGameSessionStatusException`].
    InvalidGameSessionStatusException(InvalidGameSessionStatusException),
    /// See [`InvalidRequestException`].
    InvalidRequestException(InvalidRequestException),
    /// See [`NotFoundException`].
    NotFoundException(NotFoundException),
    /// See [`TerminalRoutingStrategyException`].
    TerminalRoutingStrategyException(TerminalRoutingStrategyException),
    /// See [`UnauthorizedException`].
    UnauthorizedException(UnauthorizedException),
    /// An error code this model does not know.
    #[aws(unknown)]
    Unknown {
        /// The code, normalised.
        code: String,
        /// The message, if the body had one.
        message: Option<String>,
    },
}
