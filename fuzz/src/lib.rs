//! Fuzz targets of awso. The target bodies live in `targets.rs`, which the main crate's
//! `tests/wire/fuzz_corpus.rs` also includes (one copy, run as ordinary tests over the regression
//! inputs and the checked-in corpus).

pub mod targets;
