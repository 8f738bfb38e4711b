//! Markdown pages.

use crate::{seam, stdout};

#[test]
fn the_seed_page_shows_the_signature_and_both_params() {
    let meta = seam_cli::registry::find("/acs/credentials/unassign").unwrap();
    let page = seam_cli::docs::page(meta);
    for needle in [
        "PATCH /acs/credentials/unassign ⇒ void",
        "## Request Parameters",
        "**`acs_credential_id`** *String* (Required)",
        "**`acs_user_id`** *String* (Optional)",
        "## Response\n\nvoid",
        "## Examples",
        "seam.acs().credentials().unassign(Unassign {",
        "seam acs credentials unassign --acs_credential_id",
    ] {
        assert!(page.contains(needle), "no {needle:?} in:\n{page}");
    }
}

#[test]
fn seam_docs_takes_a_path_or_words() {
    let by_path = seam(&["docs", "/acs/credentials/unassign"]);
    let by_words = seam(&["docs", "acs", "credentials", "unassign"]);
    assert_eq!(by_path.status.code(), Some(0));
    assert_eq!(stdout(&by_path), stdout(&by_words));
    assert!(stdout(&by_path).contains("PATCH /acs/credentials/unassign ⇒ void"));

    let unknown = seam(&["docs", "acs", "credentials", "frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_library_route_is_called_through_send() {
    let meta = seam_cli::registry::find("/widgets/spin").unwrap();
    let page = seam_cli::docs::page(meta);
    assert!(page.contains("# Spins a widget"), "{page}");
    assert!(page.contains("POST /widgets/spin ⇒ void"), "{page}");
    assert!(page.contains("seam.send(SpinWidget {"), "{page}");
    assert!(page.contains("**`turns`** *u32* (Required)"), "{page}");
}
