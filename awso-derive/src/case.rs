//! `rename_all` rules: how Rust field and variant names become AWS member and enum names. They
//! live in the `awso-case` crate, which awso-codegen uses too, so that the code it writes has
//! a `rename` exactly where these rules give another name.

pub use awso_case::{RenameRule, RULES};
