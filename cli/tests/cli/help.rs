//! `--help` at every level, from the registry's metadata.

use crate::{seam, stdout};

#[test]
fn route_help_lists_its_flags_route_and_response() {
    let output = seam(&["acs", "credentials", "unassign", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for needle in [
        "PATCH /acs/credentials/unassign ⇒ void",
        "--acs_credential_id <STRING>",
        "--acs_user_id <STRING>",
        "[String, required]",
        "[String, optional]",
        "Response: void (prints {})",
        "Usage: seam acs credentials unassign [OPTIONS] --acs_credential_id <STRING>",
    ] {
        assert!(help.contains(needle), "no {needle:?} in:\n{help}");
    }
}

#[test]
fn namespace_help_lists_its_children() {
    let output = seam(&["acs", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for child in ["credentials", "users", "systems", "access_groups"] {
        assert!(help.contains(child), "no {child} in:\n{help}");
    }
    let help = stdout(&seam(&["acs", "credentials", "--help"]));
    assert!(help.contains("unassign") && help.contains("PATCH /acs/credentials/unassign"));
}

#[test]
fn top_level_help_documents_exit_codes_and_environment() {
    let output = seam(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for needle in [
        "acs",
        "openapi",
        "docs",
        "fake",
        "--api-key",
        "SEAM_API_KEY",
        "Exit codes:",
        "4  unauthorized",
        "8  transport",
    ] {
        assert!(help.contains(needle), "no {needle:?} in:\n{help}");
    }
    // A namespace without a route named is a usage error that shows its help.
    assert_eq!(seam(&["acs"]).status.code(), Some(2));
    assert_eq!(seam(&["frobnicate"]).status.code(), Some(2));
}
