//! The fake's devices, locks, action attempts, client sessions, workspaces, auth modes and
//! test switches, through the real client and through raw HTTP.

use std::time::Duration;

use seam::prelude::*;
use seam::{ActionAttemptStatus, client_sessions, devices, locks, workspaces};
use seam_fake::FakeSeam;
use serde_json::{Value, json};

/// One raw HTTP/1.1 exchange: the status code, the headers (lower-cased) and the JSON body.
fn raw(
    fake: &FakeSeam,
    request_line: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Vec<String>, Value) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(fake.addr()).unwrap();
    let mut head = format!(
        "{request_line} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n",
        fake.addr()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    write!(stream, "{head}content-length: {}\r\n\r\n{body}", body.len()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers = lines.map(str::to_lowercase).collect();
    (
        status,
        headers,
        serde_json::from_str(body).unwrap_or(Value::Null),
    )
}

fn get(id: &str) -> devices::Get {
    devices::Get {
        device_id: Some(id.to_owned()),
        name: None,
    }
}

#[tokio::test]
async fn devices_decode_and_list_by_page() {
    let fake = FakeSeam::start();
    let back = fake.add_device("Back Door");
    let seam = fake.client();
    let device = seam.devices().get(get(fake.device_id())).await.unwrap();
    assert_eq!(device.display_name, "Front Door");
    assert_eq!(device.workspace_id, fake.workspace_id());
    let by_name = seam
        .devices()
        .get(devices::Get {
            device_id: None,
            name: Some("Back Door".into()),
        })
        .await
        .unwrap();
    assert_eq!(by_name.device_id, back);

    let page = seam
        .paginate(devices::List {
            limit: Some(1.0),
            ..Default::default()
        })
        .first_page()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.next_cursor(), Some(back.as_str()));
    let url = page.pagination.next_page_url.unwrap();
    assert_eq!(
        url,
        format!(
            "{}/devices/list?limit=1&page_cursor={back}&_strict=true",
            fake.endpoint()
        )
    );
    let locks = seam.locks().list(locks::List::default()).await.unwrap();
    assert_eq!(locks.len(), 2);

    let error = seam.devices().get(get("nope")).await.unwrap_err();
    assert_eq!(error.error_type(), Some("device_not_found"));
    let other = fake.add_workspace("Other");
    let theirs = fake.add_device_in(&other.workspace_id, "Theirs");
    let error = seam.devices().get(get(&theirs)).await.unwrap_err();
    assert_eq!(error.error_type(), Some("device_not_found"));
}

#[tokio::test]
async fn action_attempts_settle_after_polls_and_take_effect() {
    let fake = FakeSeam::start();
    let seam = fake.client();
    let unlock = || locks::UnlockDoor {
        device_id: fake.device_id().to_owned(),
        sync: None,
    };
    fake.action_attempts_settle_after(3);
    let pending = seam
        .locks()
        .unlock_door(unlock())
        .wait_for_action_attempt(None)
        .await
        .unwrap();
    assert_eq!(pending.status, ActionAttemptStatus::Pending);
    let poll = || {
        seam.action_attempts().get(seam::action_attempts::Get {
            action_attempt_id: pending.action_attempt_id.clone(),
        })
    };
    assert_eq!(poll().await.unwrap().status, ActionAttemptStatus::Pending);
    assert_eq!(poll().await.unwrap().status, ActionAttemptStatus::Pending);
    assert_eq!(fake.device_locked(fake.device_id()), Some(true));
    assert_eq!(poll().await.unwrap().status, ActionAttemptStatus::Success);
    assert_eq!(poll().await.unwrap().status, ActionAttemptStatus::Success);
    assert_eq!(fake.device_locked(fake.device_id()), Some(false));

    // `sync: true` answers settled; forced outcomes apply to one attempt each, in order.
    fake.next_action_attempt_fails("device_offline", "Offline");
    fake.next_action_attempt_stays_pending();
    let sync = || locks::UnlockDoor {
        device_id: fake.device_id().to_owned(),
        sync: Some(true),
    };
    let no_wait = |p| seam.locks().unlock_door(p).wait_for_action_attempt(None);
    let failed = no_wait(sync()).await.unwrap();
    assert_eq!(failed.status, ActionAttemptStatus::Error);
    assert_eq!(failed.error.unwrap().error_type, "device_offline");
    assert_eq!(
        no_wait(sync()).await.unwrap().status,
        ActionAttemptStatus::Pending
    );
    assert_eq!(
        no_wait(sync()).await.unwrap().status,
        ActionAttemptStatus::Success
    );
}

#[tokio::test]
async fn client_sessions_and_workspaces_decode() {
    let fake = FakeSeam::start();
    let seam = fake.client();
    let session = seam
        .client_sessions()
        .get_or_create(client_sessions::GetOrCreate {
            user_identifier_key: Some("fake-user".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(session.token, fake.client_session_token());
    assert_eq!(session.workspace_id, fake.workspace_id());
    let fetched = seam
        .client_sessions()
        .get(client_sessions::Get {
            client_session_id: Some(session.client_session_id.clone()),
            user_identifier_key: None,
        })
        .await
        .unwrap();
    assert_eq!(fetched, session);

    let workspace = seam.workspaces().get(workspaces::Get {}).await.unwrap();
    assert_eq!(workspace.workspace_id, fake.workspace_id());
    assert_eq!(
        workspace.publishable_key.as_deref(),
        Some(fake.publishable_key())
    );
    // An API key sees only its own workspace.
    fake.add_workspace("Other");
    let listed = seam.workspaces().list(workspaces::List {}).await.unwrap();
    assert_eq!(listed.len(), 1);
}

#[test]
fn auth_modes_on_the_wire() {
    let fake = FakeSeam::start();
    let cst = fake.client_session_token();
    let bearer = |t: &str| format!("Bearer {t}");
    let list = "GET /devices/list";

    let ok = raw(
        &fake,
        list,
        &[
            ("authorization", &bearer(cst)),
            ("client-session-token", cst),
        ],
        "",
    );
    assert_eq!(ok.0, 200, "{:?}", ok.2);
    assert_eq!(ok.2["devices"].as_array().unwrap().len(), 1);
    for headers in [
        vec![("authorization", bearer(cst))],
        vec![("client-session-token", cst.to_owned())],
        vec![
            ("authorization", bearer(cst)),
            ("client-session-token", "seam_cst_other".to_owned()),
        ],
        vec![("seam-publishable-key", fake.publishable_key().to_owned())],
        vec![("authorization", bearer(fake.personal_access_token()))],
        vec![("authorization", bearer(fake.console_session_token()))],
    ] {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let (status, _, body) = raw(&fake, list, &headers, "");
        assert_eq!(status, 401, "{headers:?}: {body}");
        assert_eq!(body["error"]["type"], "unauthorized");
    }

    // A publishable key gets a client session, and only that.
    let pk = [("seam-publishable-key", fake.publishable_key())];
    let (status, _, body) = raw(
        &fake,
        "POST /client_sessions/get_or_create",
        &pk,
        r#"{"user_identifier_key":"u1"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let token = body["client_session"]["token"].as_str().unwrap();
    assert!(token.starts_with("seam_cst"), "{token}");
    let (status, _, body) = raw(&fake, "POST /client_sessions/get_or_create", &pk, "{}");
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["error"]["validation_errors"]["user_identifier_key"]["_errors"],
        json!(["Required"])
    );

    // Without a workspace, a personal access token manages workspaces.
    let pat = [("authorization", bearer(fake.personal_access_token()))];
    let pat: Vec<(&str, &str)> = pat.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let (status, _, body) = raw(&fake, "POST /workspaces/create", &pat, r#"{"name":"New"}"#);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workspace"]["name"], "New");
    let (status, _, body) = raw(&fake, "GET /workspaces/list", &pat, "");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workspaces"].as_array().unwrap().len(), 2);
}

#[test]
fn outages_run_out_and_the_route_recovers() {
    let fake = FakeSeam::start();
    let key = format!("Bearer {}", fake.api_key());
    let auth = [("authorization", key.as_str())];
    let path = format!("GET /devices/get?device_id={}", fake.device_id());

    fake.fail_next("/devices/get", 503, 1);
    fake.rate_limit_next("/devices/get", 7, 1);
    let (status, _, body) = raw(&fake, &path, &auth, "");
    assert_eq!(status, 503);
    assert_eq!(body["error"]["type"], "service_unavailable");
    assert_eq!(body["error"]["request_id"], "req_1");
    let (status, headers, body) = raw(&fake, &path, &auth, "");
    assert_eq!(status, 429);
    assert!(
        headers.contains(&"retry-after: 7".to_owned()),
        "{headers:?}"
    );
    assert_eq!(body["error"]["type"], "rate_limit_exceeded");
    let (status, _, _) = raw(&fake, &path, &auth, "");
    assert_eq!(status, 200);

    // A stall holds the answer back, then answers normally.
    fake.stall_next("/devices/get", Duration::from_millis(50), 1);
    let (status, _, body) = raw(&fake, &path, &auth, "");
    assert_eq!(status, 200);
    assert_eq!(body["device"]["device_id"], fake.device_id());
    assert_eq!(fake.requests().len(), 4);
}

#[test]
fn a_stalled_request_does_not_hold_up_shutdown() {
    let fake = FakeSeam::start();
    fake.stall_next("/devices/get", Duration::from_secs(3600), 1);
    let addr = fake.addr();
    let client = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        write!(stream, "GET /devices/get HTTP/1.1\r\nhost: {addr}\r\n\r\n").unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
    });
    // Wait until the request is recorded (it is held after that), then stop the fake.
    while fake.requests().is_empty() {
        std::thread::yield_now();
    }
    drop(fake);
    client.join().unwrap();
}

#[tokio::test]
async fn a_repeated_cursor_comes_back_as_the_next_one() {
    let fake = FakeSeam::start();
    fake.add_device("Two");
    fake.add_device("Three");
    fake.repeat_page_cursor("/devices/list");
    let seam = fake.client();
    let paginator = seam.paginate(devices::List {
        limit: Some(1.0),
        ..Default::default()
    });
    let first = paginator.first_page().await.unwrap();
    let cursor = first.next_cursor().unwrap().to_owned();
    let second = paginator.page(&cursor).await.unwrap();
    assert_eq!(second.items[0].display_name, "Two");
    assert_eq!(second.next_cursor(), Some(cursor.as_str()));
}
