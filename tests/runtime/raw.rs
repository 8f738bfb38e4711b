//! The raw escape hatch: any route by method and path, answered as the whole envelope.

use seam::Method;
use seam::prelude::*;
use seam_fake::FakeSeam;
use serde_json::json;

use crate::builder;

#[tokio::test]
async fn request_returns_the_envelope() {
    let fake = FakeSeam::start();
    let seam = fake.client();
    let body = seam
        .request(
            Method::Get,
            "/devices/get",
            &json!({"device_id": fake.device_id()}),
        )
        .await
        .unwrap();
    assert_eq!(body["ok"], json!(true));
    assert_eq!(body["device"]["device_id"], json!(fake.device_id()));
    assert_eq!(body["device"]["display_name"], json!("Front Door"));

    let r = &fake.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", "/devices/get")
    );
    assert_eq!(
        r.query.as_deref(),
        Some(format!("device_id={}&_strict=true", fake.device_id()).as_str())
    );
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {}", fake.api_key()).as_str())
    );

    // A body route sends JSON, and errors are the same typed errors.
    let error = seam
        .request(
            Method::Post,
            "/locks/unlock_door",
            &json!({"device_id": "nope"}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.error_type(), Some("device_not_found"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let r = &fake.requests()[1];
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.body_json().unwrap(), json!({"device_id": "nope"}));
}

#[tokio::test]
async fn raw_requests_are_retried_like_any_call() {
    let fake = FakeSeam::start();
    fake.fail_next("/devices/get", 503, 2);
    let body = fake
        .client()
        .request(
            Method::Get,
            "/devices/get",
            &json!({"device_id": fake.device_id()}),
        )
        .await
        .unwrap();
    assert_eq!(body["device"]["device_id"], json!(fake.device_id()));
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn the_fake_refuses_what_the_declarations_would_have_stopped() {
    // Raw requests carry no declaration, so nothing is refused before sending: the fake
    // answers as the API would.
    let fake = FakeSeam::start();
    let without_workspace = builder(&fake)
        .personal_access_token_without_workspace(fake.personal_access_token())
        .build()
        .unwrap();
    let error = without_workspace
        .request(Method::Get, "/devices/list", &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");

    let client_session = builder(&fake)
        .client_session_token(fake.client_session_token())
        .build()
        .unwrap();
    let error = client_session
        .request(
            Method::Patch,
            "/acs/credentials/unassign",
            &json!({"acs_credential_id": "c", "acs_user_id": "u"}),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    assert_eq!(fake.requests().len(), 2);

    let bad_path = fake
        .client()
        .request(Method::Get, "devices/get", &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(bad_path, Error::InvalidRequest(_)), "{bad_path:?}");
    assert_eq!(fake.requests().len(), 2);
}
