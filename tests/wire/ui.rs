//! Compile-time diagnostics of `#[derive(AwsShape)]`, `paginator!` and `waiter!` (a member the
//! input or output lacks): each `tests/ui/*.rs` must fail to compile with exactly the message
//! in its `.stderr`, pointing at the offending token or declaration.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
