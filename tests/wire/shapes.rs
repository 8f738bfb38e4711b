//! Path placeholders, header fields, renamed fields and every body method, on the wire.

use seam::prelude::*;
use seam::{namespace, seam_endpoint};

use crate::capture::CaptureServer;

namespace!(things);

#[seam_endpoint(PUT "/things/{thing_id}/labels/{label}", response = Vec<String>, key = "labels")]
struct PutLabel {
    thing_id: String,
    label: u32,
    #[seam(header = "x-request-source")]
    source: Option<String>,
    #[seam(rename = "type")]
    kind: String,
    note: Option<String>,
}

#[seam_endpoint(POST "/things/create", response = Thing, key = "thing")]
struct CreateThing {
    name: String,
    tags: Vec<String>,
    metadata: Option<std::collections::BTreeMap<String, bool>>,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Thing {
    thing_id: String,
    name: String,
}

#[tokio::test]
async fn placeholders_are_one_encoded_segment_and_headers_leave_the_body() {
    let server =
        CaptureServer::start(200, "application/json", r#"{"ok":true,"labels":["a"]}"#).await;
    let seam = server.client();
    let labels = seam
        .send(PutLabel {
            thing_id: "../admin/x y".into(),
            label: 7,
            source: Some("batch-42".into()),
            kind: "sticker".into(),
            note: None,
        })
        .await
        .unwrap();
    assert_eq!(labels, ["a"]);

    let r = &server.requests()[0];
    assert_eq!(
        r.request_line(),
        "PUT /things/%2E%2E%2Fadmin%2Fx%20y/labels/7"
    );
    assert_eq!(r.header("x-request-source"), Some("batch-42"));
    assert_eq!(
        String::from_utf8(r.body.clone()).unwrap(),
        r#"{"type":"sticker"}"#
    );
}

#[tokio::test]
async fn an_empty_placeholder_is_refused_before_sending() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true,"labels":[]}"#).await;
    let seam = server.client();
    let error = seam
        .send(PutLabel {
            thing_id: String::new(),
            label: 1,
            source: None,
            kind: "k".into(),
            note: None,
        })
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn post_sends_a_json_body_and_decodes_the_typed_response() {
    let server = CaptureServer::start(
        200,
        "application/json",
        r#"{"ok":true,"thing":{"thing_id":"t1","name":"Front door","added_later":{"x":[1,2]}}}"#,
    )
    .await;
    let seam = server.client();
    let thing = seam
        .send(CreateThing {
            name: "Front door".into(),
            tags: vec![],
            metadata: Some([("locked".to_owned(), true)].into()),
        })
        .await
        .unwrap();
    assert_eq!(
        thing,
        Thing {
            thing_id: "t1".into(),
            name: "Front door".into()
        }
    );

    let r = &server.requests()[0];
    assert_eq!(r.request_line(), "POST /things/create");
    assert_eq!(
        String::from_utf8(r.body.clone()).unwrap(),
        r#"{"name":"Front door","tags":[],"metadata":{"locked":true}}"#
    );
}

#[seam_endpoint(PATCH "/things/update")]
struct UpdateThing {
    name: Option<String>,
    note: seam::Nullable<String>,
    #[seam(rename = "type")]
    kind: Option<String>,
}

/// The same params with a serde attribute: the macro then leaves `Serialize` to serde's
/// derive, which must send the same bytes.
#[seam_endpoint(PATCH "/things/update_derived")]
struct UpdateThingDerived {
    name: Option<String>,
    note: seam::Nullable<String>,
    #[seam(rename = "type")]
    kind: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    extra: String,
}

#[tokio::test]
async fn omitted_fields_leave_the_body_and_null_is_sent_with_or_without_serde_attributes() {
    let server = CaptureServer::start(200, "application/json", r#"{"ok":true}"#).await;
    let seam = server.client();
    let cases = [
        (None, seam::Nullable::Omitted, None, "{}"),
        (None, seam::Nullable::Null, None, r#"{"note":null}"#),
        (
            Some("Front door"),
            seam::Nullable::Value("n".to_owned()),
            Some("lock"),
            r#"{"name":"Front door","note":"n","type":"lock"}"#,
        ),
    ];
    for (name, note, kind, body) in cases {
        let name = name.map(str::to_owned);
        let kind = kind.map(str::to_owned);
        seam.send(UpdateThing {
            name: name.clone(),
            note: note.clone(),
            kind: kind.clone(),
        })
        .await
        .unwrap();
        seam.send(UpdateThingDerived {
            name,
            note,
            kind,
            extra: String::new(),
        })
        .await
        .unwrap();
        let requests = server.requests();
        let [.., own, derived] = &requests[..] else {
            panic!("two requests");
        };
        assert_eq!(own.request_line(), "PATCH /things/update");
        assert_eq!(String::from_utf8(own.body.clone()).unwrap(), body);
        assert_eq!(derived.request_line(), "PATCH /things/update_derived");
        assert_eq!(String::from_utf8(derived.body.clone()).unwrap(), body);
    }
}
