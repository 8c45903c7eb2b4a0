//! The one path from generated code into the runtime: everything `#[derive(AwsShape)]` and
//! `#[derive(AwsDebug)]` expand to is named through this module (`::awso::__private::…`), so
//! the rest of the crate's public items are only the API that users call. Not API itself: it
//! changes with the derive, in lockstep.

/// Reading: the `Deserializer` every format implements, and what derived code calls.
pub mod de {
    pub use crate::de::*;
}

/// Writing: the `Serializer` every format implements.
pub mod ser {
    pub use crate::ser::*;
}

/// The static member descriptions derived code hands to the formats.
pub mod shape {
    pub use crate::shape::*;
}

pub use crate::shape::{Member, Shape};
pub use crate::{
    fmt_error, serde_json, AsMessage, AwsError, AwsErrorShape, AwsShape, ByteStream, Error,
    ErrorInfo, Fault, MapKey, Redacted, Result, TimestampFormat,
};

/// Constraint checking (`length`, `range`, `pattern`, `required`).
pub mod validate {
    pub use crate::validate::check::{Pattern, Validator};
}

/// The JSON body of an errors enum's `Unknown` variant.
pub mod json {
    pub use crate::json::unknown_error_to_json;
}

/// Error codes as errors enums match them.
pub mod error_code {
    pub use crate::error_code::{matches, normalize};
}
