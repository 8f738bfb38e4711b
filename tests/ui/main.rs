//! Compile-time behaviour of `#[seam_endpoint]` and `namespace!`: declarations that must
//! compile, and mistakes whose messages are reviewed snapshots.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*/*.rs");
}
