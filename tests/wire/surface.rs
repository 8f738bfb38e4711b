//! The generated API surface on the wire: namespaced calls, constructors, returned
//! resources of void routes, and `at_least_one_of` groups checked before sending.

use seam::models::FanModeSetting;
use seam::prelude::*;
use seam::{acs, connected_accounts, thermostats};

use crate::capture::CaptureServer;

#[tokio::test]
async fn a_namespaced_call_with_a_constructor_sends_only_what_was_set() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true,"action_attempt":{"action_attempt_id":"aa1","action_type":"SET_FAN_MODE","status":"pending","result":null,"error":null}}"#).await;
    let seam = server.client();
    let attempt = seam
        .thermostats()
        .set_fan_mode(thermostats::SetFanMode {
            fan_mode_setting: Some(FanModeSetting::Circulate),
            ..thermostats::SetFanMode::new("d1")
        })
        .wait_for_action_attempt(None)
        .await
        .unwrap();
    assert_eq!(attempt.action_attempt_id, "aa1");
    let r = &server.requests()[0];
    assert_eq!(r.request_line(), "POST /thermostats/set_fan_mode");
    assert_eq!(
        String::from_utf8(r.body.clone()).unwrap(),
        r#"{"device_id":"d1","fan_mode_setting":"circulate"}"#
    );
}

#[tokio::test]
async fn a_void_route_returns_unit_and_exposes_what_its_body_carries() {
    let body = r#"{"ok":true,"acs_credential":{"access_method":"code","acs_credential_id":"c1","acs_system_id":"s1","connected_account_id":"a1","created_at":"2026-12-03T10:00:00.000Z","display_name":"Front door","errors":[],"is_managed":true,"warnings":[],"workspace_id":"w1"}}"#;
    let server = CaptureServer::start(200, "application/json", body).await;
    let seam = server.client();
    let params = || acs::credentials::Unassign {
        acs_user_id: Some("u1".into()),
        ..acs::credentials::Unassign::new("c1")
    };
    let () = seam.acs().credentials().unassign(params()).await.unwrap();
    let credential = seam
        .acs()
        .credentials()
        .unassign(params())
        .returning()
        .await
        .unwrap();
    assert_eq!(credential.acs_credential_id, "c1");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn at_least_one_of_is_checked_before_sending() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true}"#).await;
    let seam = server.client();
    let error = seam
        .connected_accounts()
        .get(connected_accounts::Get::default())
        .await
        .unwrap_err();
    match &error {
        Error::InvalidRequest(message) => {
            assert_eq!(
                message,
                "give at least one of `connected_account_id`, `email`"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(server.requests().is_empty());
}
