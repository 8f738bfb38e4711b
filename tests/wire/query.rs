//! `GET` and `DELETE` put params in the query string, in Seam's format, byte for byte.

use std::collections::BTreeMap;

use seam::prelude::*;
use seam::{Nullable, seam_endpoint};

use crate::capture::CaptureServer;

#[seam_endpoint(GET "/devices/list", response = Vec<String>, key = "devices")]
struct ListDevices {
    device_ids: Vec<String>,
    connected_account_id: Option<String>,
    custom_metadata_has: BTreeMap<String, String>,
    include_if: Vec<String>,
    limit: Option<u32>,
    manufacturer: Option<String>,
    unlocked: Option<bool>,
    created_before: Option<String>,
    space_id: Nullable<String>,
    exclude_if: Vec<String>,
}

#[tokio::test]
async fn get_sends_every_param_in_the_query_string() {
    let server = CaptureServer::start(
        200,
        "application/json",
        r#"{"ok":true,"devices":["d1","d2"]}"#,
    )
    .await;
    let seam = server.client();

    let devices = seam
        .send(ListDevices {
            device_ids: vec!["d1".into(), "d 2".into()],
            connected_account_id: None,
            custom_metadata_has: [
                ("room".to_owned(), "12/B".to_owned()),
                ("floor".to_owned(), "3".to_owned()),
            ]
            .into(),
            include_if: vec![],
            limit: Some(10),
            manufacturer: Some("".into()),
            unlocked: Some(false),
            created_before: Some("2026-12-03T10:00:00.000Z".into()),
            space_id: Nullable::Null,
            exclude_if: vec!["device_has_flaky_connection".into()],
        })
        .await
        .unwrap();
    assert_eq!(devices, ["d1", "d2"]);

    let requests = server.requests();
    assert_eq!(
        requests[0].request_line(),
        "GET /devices/list?created_before=2026-12-03T10%3A00%3A00.000Z&custom_metadata_has.floor=3&custom_metadata_has.room=12%2FB&device_ids=d1&device_ids=d+2&exclude_if=device_has_flaky_connection&include_if=&limit=10&space_id=&unlocked=false&_strict=true"
    );
    assert!(requests[0].body.is_empty());
    assert_eq!(requests[0].header("content-type"), None);
}

#[tokio::test]
async fn delete_uses_the_query_string_and_an_empty_query_adds_nothing() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true}"#).await;
    let seam = server.client();

    seam.acs()
        .credentials()
        .delete(seam::acs::credentials::Delete {
            acs_credential_id: "c1".into(),
        })
        .await
        .unwrap();
    // Every param omitted: no query string at all. (The canned `{"ok":true}` lacks
    // `acs_systems`, so this call's result is an error; only its request matters here.)
    seam.acs()
        .systems()
        .list(seam::acs::systems::List::default())
        .await
        .unwrap_err();

    let requests = server.requests();
    assert_eq!(
        requests[0].request_line(),
        "DELETE /acs/credentials/delete?acs_credential_id=c1&_strict=true"
    );
    assert_eq!(requests[1].request_line(), "GET /acs/systems/list");
}
