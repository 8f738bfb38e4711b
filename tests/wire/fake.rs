//! The seed call against the fake server: the request it records, and the void result.

use seam::prelude::*;
use seam_fake::FakeSeam;

use crate::seed::UnassignCredential;

#[tokio::test]
async fn seed_call_against_the_fake() {
    let fake = FakeSeam::start();
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let credential = fake.add_acs_credential(&user, "1234");
    let seam = fake.client();

    // The facade declares this route too (`seam::acs::credentials::Unassign`), so its
    // namespaced method is the prelude's; the seed declaration goes through `send`.
    let () = seam
        .send(UnassignCredential {
            acs_credential_id: credential.clone(),
            acs_user_id: Some(user.clone()),
            user_identity_id: None,
        })
        .await
        .unwrap();

    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str(), r.query.as_deref()),
        ("PATCH", "/acs/credentials/unassign", None)
    );
    assert_eq!(
        r.header("authorization"),
        Some(&*format!("Bearer {}", fake.api_key()))
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("seam-sdk-name"), Some("seamapi/rust"));
    assert_eq!(r.header("seam-sdk-version"), Some(seam::SDK_VERSION));
    assert_eq!(r.header("seam-workspace"), None);
    assert_eq!(
        r.body_text(),
        format!(r#"{{"acs_credential_id":"{credential}","acs_user_id":"{user}"}}"#)
    );

    // Unassigning again is refused by the fake, as by the API.
    let again = seam
        .send(UnassignCredential {
            acs_credential_id: credential,
            acs_user_id: Some(user),
            user_identity_id: None,
        })
        .await
        .unwrap_err();
    assert_eq!(again.status().map(|s| s.as_u16()), Some(400));
}

#[tokio::test]
async fn personal_access_token_mode_sends_the_workspace_the_fake_requires() {
    let fake = FakeSeam::start();
    let seam = Seam::builder()
        .personal_access_token(fake.personal_access_token(), fake.workspace_id())
        .endpoint(fake.endpoint())
        .build()
        .unwrap();
    let systems = seam
        .acs()
        .systems()
        .list(seam::acs::systems::List::default())
        .await
        .unwrap();
    assert_eq!(systems.len(), 1);
    let r = &fake.requests()[0];
    assert_eq!(
        r.header("authorization"),
        Some(&*format!("Bearer {}", fake.personal_access_token()))
    );
    assert_eq!(r.header("seam-workspace"), Some(fake.workspace_id()));

    let wrong = Seam::builder()
        .personal_access_token(fake.personal_access_token(), "ws_unknown")
        .endpoint(fake.endpoint())
        .build()
        .unwrap();
    let error = wrong
        .acs()
        .systems()
        .list(seam::acs::systems::List::default())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
}
