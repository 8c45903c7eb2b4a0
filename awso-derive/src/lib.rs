//! The derive macros of [awso](https://docs.rs/awso). Use them through the `awso` crate:
//! `use awso::AwsShape;` brings in both the trait and the derive.
//!
//! The work is split the way serde_derive splits it: `attr` parses `#[aws(...)]` into the
//! `model`, `check` validates it (every error accumulated in `ctxt` and reported at its span),
//! and `expand` generates code that calls the runtime.
#![forbid(unsafe_code)]

mod attr;
mod case;
mod check;
mod ctxt;
mod debug;
mod expand;
mod model;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `awso::AwsShape` (and, for `#[aws(errors)]` enums, `awso::AwsError`, `Display` and
/// `std::error::Error`). See the `awso` crate for the attributes.
#[proc_macro_derive(AwsShape, attributes(aws))]
pub fn derive_aws_shape(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// Derives `Debug`, printing `*** Sensitive Data Redacted ***` for every `#[aws(sensitive)]`
/// field or variant, or for the whole value of a type marked `#[aws(sensitive)]`.
#[proc_macro_derive(AwsDebug, attributes(aws))]
pub fn derive_aws_debug(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    debug::derive(&input).into()
}
