//! The blocking client makes the same calls, outside any async runtime.

use seam::acs::credentials;
use seam::prelude::*;
use seam_fake::FakeSeam;
use seam_runtime::blocking::Seam;

#[test]
fn seed_call_from_the_blocking_client() {
    let fake = FakeSeam::start();
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let credential = fake.add_acs_credential(&user, "1234");
    let seam = Seam::new(fake.client()).unwrap();

    let () = seam
        .acs()
        .credentials()
        .unassign(credentials::Unassign {
            acs_user_id: Some(user.clone()),
            ..credentials::Unassign::new(&*credential)
        })
        .unwrap();
    let held = seam
        .acs()
        .credentials()
        .list(credentials::List {
            acs_user_id: Some(user.clone()),
            ..Default::default()
        })
        .unwrap();
    assert!(held.is_empty());

    let requests = fake.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("PATCH", "/acs/credentials/unassign")
    );
    assert_eq!(
        requests[0].body_text(),
        format!(r#"{{"acs_credential_id":"{credential}","acs_user_id":"{user}"}}"#)
    );

    // The same errors as the async client.
    let error = seam
        .send(credentials::Get::new("no-such-credential"))
        .unwrap_err();
    assert_eq!(error.error_type(), Some("acs_credential_not_found"));
}
