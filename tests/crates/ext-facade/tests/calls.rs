//! A route declared in a crate that depends only on `seam`, called namespaced over loopback.

use seam::prelude::*;
use seam_ext_facade::{ReissueCredential, ReissueCredentialExt};
use seam_fake::FakeSeam;

#[tokio::test]
async fn a_route_of_its_own_through_the_facade() {
    let fake = FakeSeam::start();
    fake.respond_once(
        "/acs/credentials/reissue",
        200,
        "application/json",
        r#"{"ok":true,"acs_credential_id":"c2"}"#,
    );
    let seam = fake.client();
    let reissued = seam
        .acs()
        .credentials()
        .reissue(ReissueCredential {
            acs_credential_id: "c1".into(),
            reason: Some("lost".into()),
        })
        .await
        .unwrap();
    assert_eq!(reissued, "c2");

    let request = &fake.requests()[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/acs/credentials/reissue");
    assert_eq!(
        request.body_text(),
        r#"{"acs_credential_id":"c1","reason":"lost"}"#
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn built_in_routes_still_work_beside_it() {
    let fake = FakeSeam::start();
    let seam = fake.client();
    let systems = seam
        .acs()
        .systems()
        .list(seam::acs::systems::List::default())
        .await
        .unwrap();
    assert_eq!(systems.len(), 1);
}
