//! The seed call, declared verbatim as the project started, on the wire.

use seam::prelude::*;
use seam::seam_endpoint;

use crate::capture::CaptureServer;

#[seam_endpoint(PATCH "/acs/credentials/unassign")]
pub(crate) struct UnassignCredential {
    pub(crate) acs_credential_id: String,
    pub(crate) acs_user_id: Option<String>,
    pub(crate) user_identity_id: Option<String>,
}

#[tokio::test]
async fn seed_call_sends_exactly_what_the_official_sdks_send() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true}"#).await;
    let seam = Seam::builder()
        .api_key("seam_test_key_1")
        .endpoint(&server.url)
        .build()
        .unwrap();
    let () = seam
        .send(UnassignCredential {
            acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
            acs_user_id: Some("33333333-3333-3333-3333-333333333333".into()),
            user_identity_id: None,
        })
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.request_line(), "PATCH /acs/credentials/unassign");
    assert_eq!(r.header("authorization"), Some("Bearer seam_test_key_1"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("seam-sdk-name"), Some("seamapi/rust"));
    assert_eq!(r.header("seam-sdk-version"), Some(seam::SDK_VERSION));
    assert_eq!(r.header("seam-workspace"), None);
    assert_eq!(
        String::from_utf8(r.body.clone()).unwrap(),
        r#"{"acs_credential_id":"66666666-6666-6666-6666-666666666666","acs_user_id":"33333333-3333-3333-3333-333333333333"}"#
    );
}
