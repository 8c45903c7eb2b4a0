//! The bounds every reader keeps by default, so hostile or broken input costs bounded time
//! and memory. Each format's options (`JsonOptions`, `XmlOptions`, `CborOptions`) can change
//! them per call.

/// The largest body a reader accepts: 64 MiB.
pub const DEFAULT_MAX_SIZE: usize = 64 << 20;

/// The deepest nesting of lists, maps and structures a reader follows: 128 levels.
pub const DEFAULT_MAX_DEPTH: usize = 128;
