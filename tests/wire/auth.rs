//! Credentials: the headers each mode sends, and tokens refused before any request.

use seam::acs::credentials;
use seam::prelude::*;

use crate::capture::CaptureServer;

fn unassign() -> credentials::Unassign {
    credentials::Unassign {
        acs_credential_id: "c1".into(),
        acs_user_id: Some("u1".into()),
        user_identity_id: None,
    }
}

#[tokio::test]
async fn personal_access_token_sends_the_workspace() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true}"#).await;
    let seam = Seam::builder()
        .personal_access_token("seam_at_token_1", "ws_1")
        .endpoint(&server.url)
        .build()
        .unwrap();
    seam.acs().credentials().unassign(unassign()).await.unwrap();

    let r = &server.requests()[0];
    assert_eq!(r.request_line(), "PATCH /acs/credentials/unassign");
    assert_eq!(r.header("authorization"), Some("Bearer seam_at_token_1"));
    assert_eq!(r.header("seam-workspace"), Some("ws_1"));
    assert_eq!(
        r.header_names(),
        [
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "seam-sdk-name",
            "seam-sdk-version",
            "seam-workspace"
        ]
    );
}

#[tokio::test]
async fn wrong_tokens_are_refused_before_any_request() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true}"#).await;
    for (result, needle) in [
        (
            Seam::builder()
                .api_key("seam_at_1")
                .endpoint(&server.url)
                .build(),
            "personal access token",
        ),
        (
            Seam::builder()
                .api_key("seam_cst_1")
                .endpoint(&server.url)
                .build(),
            "client session token",
        ),
        (
            Seam::builder()
                .api_key("hunter2")
                .endpoint(&server.url)
                .build(),
            "starts with `seam_`",
        ),
        (
            Seam::builder()
                .personal_access_token("seam_key", "ws")
                .endpoint(&server.url)
                .build(),
            "an API key cannot be used as a personal access token",
        ),
    ] {
        match result {
            Err(Error::InvalidToken(message)) => assert!(message.contains(needle), "{message}"),
            other => panic!("expected an invalid token error, got {other:?}"),
        }
    }
    let both = Seam::builder()
        .api_key("seam_k")
        .personal_access_token("seam_at_1", "ws")
        .endpoint(&server.url)
        .build();
    assert!(matches!(both, Err(Error::InvalidOptions(_))));
    assert!(server.requests().is_empty());
}
