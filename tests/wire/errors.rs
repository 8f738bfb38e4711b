//! Error answers become typed errors, whatever the body.

use seam::Error;
use seam::acs::credentials;
use seam::prelude::*;

use crate::capture::CaptureServer;

async fn call(status: u16, content_type: &'static str, body: &'static str) -> Error {
    let server = CaptureServer::start(status, content_type, body).await;
    let seam = server.client();
    seam.acs()
        .credentials()
        .get(credentials::Get {
            acs_credential_id: "c1".into(),
        })
        .max_retries(0)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn invalid_input_carries_messages_per_param() {
    let error = call(
        400,
        "application/json",
        r#"{"ok":false,"error":{"type":"invalid_input","message":"Invalid input","validation_errors":{"_errors":[],"acs_credential_id":{"_errors":["Invalid uuid"]}}}}"#,
    )
    .await;
    let Error::InvalidInput(input) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(input.messages_for("acs_credential_id"), ["Invalid uuid"]);
    assert_eq!(error.request_id(), Some("req_capture"));
    assert_eq!(
        error.to_string(),
        "invalid input (HTTP 400): `acs_credential_id`: Invalid uuid (request id req_capture)"
    );
}

#[tokio::test]
async fn unauthorized_even_with_a_body_that_is_not_json() {
    let error = call(401, "text/plain", "Unauthorized").await;
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(error.request_id(), Some("req_capture"));
}

#[tokio::test]
async fn not_found_is_an_api_error_with_its_type() {
    let error = call(
        404,
        "application/json",
        r#"{"ok":false,"error":{"type":"acs_credential_not_found","message":"Credential not found","data":{"acs_credential_id":"c1"}}}"#,
    )
    .await;
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.error_type, "acs_credential_not_found");
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.data.as_ref().unwrap()["acs_credential_id"], "c1");
    assert_eq!(
        error.to_string(),
        "acs_credential_not_found (HTTP 404): Credential not found (request id req_capture)"
    );
}

#[tokio::test]
async fn a_proxy_html_page_is_an_http_error() {
    let error = call(502, "text/html", "<html><body>Bad Gateway</body></html>").await;
    let Error::Http(http) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(http.status.as_u16(), 502);
    assert_eq!(http.snippet, "<html><body>Bad Gateway</body></html>");
}

#[tokio::test]
async fn a_success_without_the_response_key_is_an_invalid_response() {
    let error = call(200, "application/json", r#"{"ok":true}"#).await;
    let Error::InvalidResponse(invalid) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(invalid.reason, "the body has no `acs_credential`");
    assert_eq!(invalid.route, "GET /acs/credentials/get");
}
