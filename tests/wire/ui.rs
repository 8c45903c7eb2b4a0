//! Compile-time diagnostics of `#[derive(AwsShape)]`: each `tests/ui/*.rs` must fail to compile
//! with exactly the message in its `.stderr`, pointing at the offending token.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
