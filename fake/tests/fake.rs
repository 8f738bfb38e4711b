//! The fake through the real client, over loopback HTTP.

use seam::acs::{credentials, systems, users};
use seam::prelude::*;
use seam_fake::FakeSeam;

use custom::{CreateUserWithNumber, Frobnicate, GetSystemByPost, GetWithoutId, PutCredentialGet};
use serde::de::DeserializeOwned;
use serde_json::json;

/// Params built from JSON, so the tests name only the fields they set (and keep compiling
/// as the declarations gain optional fields).
fn params<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("params for the endpoint")
}

/// A user in the seeded system, created through the API.
async fn create_user(fake: &FakeSeam, seam: &Seam, name: &str) -> seam::models::AcsUser {
    seam.acs()
        .users()
        .create(params::<users::Create>(json!({
            "acs_system_id": fake.acs_system_id(),
            "full_name": name,
            "email_address": "jane@example.com",
        })))
        .await
        .unwrap()
}

#[tokio::test]
async fn credential_lifecycle_create_assign_list_unassign() {
    let fake = FakeSeam::start();
    let seam = fake.client();

    let user = create_user(&fake, &seam, "Jane Doe").await;
    assert_eq!(user.acs_system_id, fake.acs_system_id());
    assert_eq!(user.full_name.as_deref(), Some("Jane Doe"));
    assert_eq!(user.workspace_id, fake.workspace_id());

    let credential = seam
        .acs()
        .credentials()
        .create(params::<credentials::Create>(json!({
            "access_method": "code",
            "acs_system_id": fake.acs_system_id(),
            "code": "1234",
        })))
        .await
        .unwrap();
    assert_eq!(credential.acs_user_id, None);
    assert_eq!(credential.code.as_deref(), Some("1234"));
    let id = credential.acs_credential_id.clone();

    seam.acs()
        .credentials()
        .assign(credentials::Assign {
            acs_credential_id: id.clone(),
            acs_user_id: Some(user.acs_user_id.clone()),
            user_identity_id: None,
        })
        .await
        .unwrap();
    let held = seam
        .acs()
        .credentials()
        .list(credentials::List {
            acs_user_id: Some(user.acs_user_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].acs_credential_id, id);
    assert_eq!(
        held[0].acs_user_id.as_deref(),
        Some(user.acs_user_id.as_str())
    );

    seam.acs()
        .credentials()
        .unassign(credentials::Unassign {
            acs_credential_id: id.clone(),
            acs_user_id: Some(user.acs_user_id.clone()),
            user_identity_id: None,
        })
        .await
        .unwrap();
    let held = seam
        .acs()
        .credentials()
        .list(credentials::List {
            acs_user_id: Some(user.acs_user_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(held.is_empty());
    let all = seam
        .acs()
        .credentials()
        .list(credentials::List::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "the credential stays, unassigned");

    // A second unassign: the credential is no longer the user's.
    let err = seam
        .acs()
        .credentials()
        .unassign(credentials::Unassign {
            acs_credential_id: id.clone(),
            acs_user_id: Some(user.acs_user_id.clone()),
            user_identity_id: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        err.error_type(),
        Some("acs_credential_not_assigned_to_acs_user")
    );
}

#[tokio::test]
async fn records_the_request_as_sent() {
    let fake = FakeSeam::start();
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let credential = fake.add_acs_credential(&user, "1234");
    let seam = fake.client();
    seam.acs()
        .credentials()
        .unassign(credentials::Unassign {
            acs_credential_id: credential.clone(),
            acs_user_id: Some(user.clone()),
            user_identity_id: None,
        })
        .await
        .unwrap();
    seam.acs()
        .credentials()
        .get(credentials::Get {
            acs_credential_id: credential.clone(),
        })
        .await
        .unwrap();

    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    let unassign = &requests[0];
    assert_eq!(unassign.method, "PATCH");
    assert_eq!(unassign.path, "/acs/credentials/unassign");
    assert_eq!(unassign.query, None);
    let bearer = format!("Bearer {}", fake.api_key());
    assert_eq!(unassign.header("authorization"), Some(bearer.as_str()));
    assert_eq!(unassign.header("Content-Type"), Some("application/json"));
    assert_eq!(unassign.header("seam-sdk-name"), Some(seam::SDK_NAME));
    assert_eq!(unassign.header("seam-sdk-version"), Some(seam::SDK_VERSION));
    assert_eq!(unassign.header("seam-workspace"), None);
    assert!(unassign.headers.iter().all(|(n, _)| *n == n.to_lowercase()));
    assert_eq!(
        unassign.body_json().unwrap(),
        json!({"acs_credential_id": credential, "acs_user_id": user})
    );

    let get = &requests[1];
    assert_eq!(get.method, "GET");
    assert_eq!(get.path, "/acs/credentials/get");
    assert_eq!(
        get.query.as_deref(),
        Some(format!("acs_credential_id={credential}&_strict=true").as_str())
    );
    assert!(get.body.is_empty());

    fake.clear_requests();
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn wrong_credentials_are_unauthorized_and_recorded() {
    let fake = FakeSeam::start();
    let wrong = Seam::builder()
        .api_key("seam_wrong_key")
        .endpoint(fake.endpoint())
        .build()
        .unwrap();
    let err = wrong
        .acs()
        .systems()
        .list(systems::List::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    assert_eq!(err.request_id(), Some("req_1"));
    let recorded = fake.requests();
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        recorded[0].header("authorization"),
        Some("Bearer seam_wrong_key")
    );

    // A personal access token needs a workspace the fake knows.
    let pat = |workspace: &str| {
        Seam::builder()
            .personal_access_token(fake.personal_access_token(), workspace)
            .endpoint(fake.endpoint())
            .build()
            .unwrap()
    };
    let err = pat("00000000-0000-4000-8000-999999999999")
        .acs()
        .systems()
        .list(systems::List::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    let listed = pat(fake.workspace_id())
        .acs()
        .systems()
        .list(systems::List::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "Main Building");
    assert_eq!(
        fake.requests()[2].header("seam-workspace"),
        Some(fake.workspace_id())
    );
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let fake = FakeSeam::start();
    let err = fake
        .client()
        .acs()
        .credentials()
        .get(credentials::Get {
            acs_credential_id: "00000000-0000-4000-8000-999999999999".into(),
        })
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}");
    };
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(err.error_type(), Some("acs_credential_not_found"));
    assert_eq!(err.request_id(), Some("req_1"));

    let err = fake
        .client()
        .acs()
        .users()
        .get(params::<users::Get>(json!({"acs_user_id": "nobody"})))
        .await
        .unwrap_err();
    assert_eq!(err.error_type(), Some("acs_user_not_found"));
}

/// Declarations the facade does not have, for requests it would never send. In a module
/// of their own, so their namespaced methods do not clash with the facade's.
mod custom {
    use seam::seam_endpoint;

    /// `/acs/credentials/get` declared without its required param.
    #[seam_endpoint(GET "/acs/credentials/get", response = seam::models::AcsCredential, key = "acs_credential")]
    pub(crate) struct GetWithoutId {}

    /// `/acs/users/create` with a number where the API wants a string.
    #[seam_endpoint(POST "/acs/users/create", response = seam::models::AcsUser, key = "acs_user")]
    pub(crate) struct CreateUserWithNumber {
        pub(crate) acs_system_id: String,
        pub(crate) full_name: u32,
    }

    /// `/acs/systems/get`, sent as `POST` with a JSON body, which every route accepts.
    #[seam_endpoint(POST "/acs/systems/get", response = seam::models::AcsSystem, key = "acs_system")]
    pub(crate) struct GetSystemByPost {
        pub(crate) acs_system_id: String,
    }

    /// `/acs/credentials/get` with a method it does not take.
    #[seam_endpoint(PUT "/acs/credentials/get")]
    pub(crate) struct PutCredentialGet {}

    /// A path the fake does not serve.
    #[seam_endpoint(POST "/acs/frobnicate")]
    pub(crate) struct Frobnicate {}
}

#[tokio::test]
async fn invalid_params_are_invalid_input_per_param() {
    let fake = FakeSeam::start();
    let seam = fake.client();

    let err = seam.send(GetWithoutId {}).await.unwrap_err();
    let Error::InvalidInput(input) = &err else {
        panic!("expected invalid input, got {err:?}");
    };
    assert_eq!(input.status.as_u16(), 400);
    assert_eq!(input.messages_for("acs_credential_id"), ["Required"]);

    let err = seam
        .send(CreateUserWithNumber {
            acs_system_id: fake.acs_system_id().to_owned(),
            full_name: 42,
        })
        .await
        .unwrap_err();
    let Error::InvalidInput(input) = &err else {
        panic!("expected invalid input, got {err:?}");
    };
    assert_eq!(
        input.messages_for("full_name"),
        ["Expected string, received number"]
    );

    // Neither acs_user_id nor user_identity_id: a message about the params as a whole.
    let err = seam
        .acs()
        .credentials()
        .assign(credentials::Assign {
            acs_credential_id: "x".into(),
            acs_user_id: None,
            user_identity_id: None,
        })
        .await
        .unwrap_err();
    let Error::InvalidInput(input) = &err else {
        panic!("expected invalid input, got {err:?}");
    };
    assert!(input.params.is_empty());
    assert_eq!(
        input.general,
        ["Must specify either acs_user_id or user_identity_id"]
    );
}

#[tokio::test]
async fn every_route_takes_post_and_unknown_routes_are_not_found() {
    let fake = FakeSeam::start();
    let seam = fake.client();
    let system = seam
        .send(GetSystemByPost {
            acs_system_id: fake.acs_system_id().to_owned(),
        })
        .await
        .unwrap();
    assert_eq!(system.name, "Main Building");
    assert_eq!(fake.requests()[0].method, "POST");

    let err = seam.send(Frobnicate {}).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.error_type(), Some("not_found"));

    let err = seam.send(PutCredentialGet {}).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(405));
    assert_eq!(err.error_type(), Some("method_not_allowed"));
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn canned_non_json_502_is_an_http_error() {
    let fake = FakeSeam::start();
    fake.respond_once(
        "/acs/credentials/unassign",
        502,
        "text/html",
        "<html><h1>502 Bad Gateway</h1></html>",
    );
    let unassign = || credentials::Unassign {
        acs_credential_id: "c".into(),
        acs_user_id: Some("u".into()),
        user_identity_id: None,
    };
    let seam = fake.client();
    let err = seam
        .acs()
        .credentials()
        .unassign(unassign())
        .await
        .unwrap_err();
    let Error::Http(http) = &err else {
        panic!("expected an HTTP error, got {err:?}");
    };
    assert_eq!(http.status.as_u16(), 502);
    assert!(http.snippet.contains("502 Bad Gateway"), "{}", http.snippet);
    assert_eq!(err.request_id(), Some("req_1"));

    // Once only: the next request is answered by the fake again.
    let err = seam
        .acs()
        .credentials()
        .unassign(unassign())
        .await
        .unwrap_err();
    assert_eq!(err.error_type(), Some("acs_user_not_found"));
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn workspaces_do_not_see_each_other() {
    let fake = FakeSeam::start();
    let other = fake.add_workspace("Other");
    let other_system = fake.add_acs_system_in(&other.workspace_id, "Annex");
    let theirs = Seam::builder()
        .api_key(other.api_key.as_str())
        .endpoint(fake.endpoint())
        .build()
        .unwrap();

    let systems = theirs
        .acs()
        .systems()
        .list(systems::List::default())
        .await
        .unwrap();
    assert_eq!(systems.len(), 1);
    assert_eq!(systems[0].acs_system_id, other_system);
    let err = theirs
        .acs()
        .systems()
        .get(systems::Get {
            acs_system_id: fake.acs_system_id().to_owned(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.error_type(), Some("acs_system_not_found"));

    let mine = fake
        .client()
        .acs()
        .systems()
        .list(systems::List::default())
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].acs_system_id, fake.acs_system_id());
}

#[tokio::test]
async fn ids_and_timestamps_are_deterministic() {
    async fn first_user() -> seam::models::AcsUser {
        let fake = FakeSeam::start();
        create_user(&fake, &fake.client(), "Jane Doe").await
    }
    let (a, b) = (first_user().await, first_user().await);
    assert_eq!(a, b);
    assert_eq!(a.acs_user_id, "00000000-0000-4000-8000-000000000007");
    assert_eq!(a.created_at.to_string(), "2025-01-01T00:00:07.000Z");
}

#[tokio::test]
async fn lists_filter_by_their_params() {
    let fake = FakeSeam::start();
    let annex = fake.add_acs_system("Annex");
    let jane = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    fake.add_acs_user(fake.acs_system_id(), "John Roe");
    fake.add_acs_user(&annex, "Jane Annex");
    let seam = fake.client();

    async fn names(seam: &Seam, value: serde_json::Value) -> Vec<String> {
        let users = seam.acs().users().list(params::<users::List>(value));
        let users = users.await.unwrap();
        users.into_iter().map(|u| u.display_name).collect()
    }
    let list = |value| names(&seam, value);
    assert_eq!(
        list(json!({})).await,
        ["Jane Doe", "John Roe", "Jane Annex"]
    );
    assert_eq!(
        list(json!({"acs_system_id": fake.acs_system_id()})).await,
        ["Jane Doe", "John Roe"]
    );
    assert_eq!(
        list(json!({"search": "jane"})).await,
        ["Jane Doe", "Jane Annex"]
    );
    assert_eq!(list(json!({"limit": 1})).await, ["Jane Doe"]);

    let systems = seam
        .acs()
        .systems()
        .list(params::<systems::List>(json!({"search": "annex"})))
        .await
        .unwrap();
    assert_eq!(systems.len(), 1);
    assert_eq!(systems[0].acs_system_id, annex);

    seam.acs()
        .users()
        .delete(params::<users::Delete>(json!({"acs_user_id": jane})))
        .await
        .unwrap();
    assert_eq!(list(json!({})).await, ["John Roe", "Jane Annex"]);
}

#[test]
fn works_from_sync_code_and_stops_on_drop() {
    let fake = FakeSeam::start();
    let endpoint = fake.endpoint();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
    assert!(fake.api_key().starts_with("seam_"));
    assert!(fake.personal_access_token().starts_with("seam_at"));
    assert!(fake.routes().contains(&"/acs/credentials/unassign"));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let seam = fake.client();
    let systems = runtime
        .block_on(
            seam.acs()
                .systems()
                .list(systems::List::default())
                .into_future(),
        )
        .unwrap();
    assert_eq!(systems.len(), 1);
    drop(fake);

    // The port is closed: nothing answers any more.
    let err = runtime
        .block_on(
            seam.acs()
                .systems()
                .list(systems::List::default())
                .max_retries(0)
                .into_future(),
        )
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_and_stops_inside_a_multi_thread_runtime() {
    for _ in 0..3 {
        let fake = FakeSeam::start();
        let systems = fake
            .client()
            .acs()
            .systems()
            .list(systems::List::default())
            .await
            .unwrap();
        assert_eq!(systems.len(), 1);
    }
}

/// One raw HTTP/1.1 exchange with the fake: the status line, headers and body as sent.
fn raw_exchange(fake: &FakeSeam, head: &str, body: &str) -> (String, Vec<String>, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(fake.addr()).unwrap();
    write!(
        stream,
        "{head}\r\nhost: {}\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        fake.addr(),
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines().map(str::to_owned);
    let status = lines.next().unwrap();
    (
        status,
        lines.map(|l| l.to_lowercase()).collect(),
        body.to_owned(),
    )
}

#[test]
fn answers_carry_the_envelope_and_a_request_id() {
    let fake = FakeSeam::start();
    let auth = format!("authorization: Bearer {}", fake.api_key());
    let (status, headers, body) = raw_exchange(
        &fake,
        &format!(
            "GET /acs/systems/get?acs_system_id={}&_strict=true HTTP/1.1\r\n{auth}",
            fake.acs_system_id()
        ),
        "",
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(
        headers.contains(&"seam-request-id: req_1".to_owned()),
        "{headers:?}"
    );
    assert!(headers.contains(&"content-type: application/json".to_owned()));
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["ok"], true);
    assert_eq!(body["acs_system"]["name"], "Main Building");

    // A void route: `{"ok": true}` and whatever the API adds beside it.
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let credential = fake.add_acs_credential(&user, "1234");
    let (status, _, body) = raw_exchange(
        &fake,
        &format!(
            "DELETE /acs/credentials/delete?acs_credential_id={credential} HTTP/1.1\r\n{auth}"
        ),
        "",
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert_eq!(body, r#"{"ok":true}"#);

    // An error: Seam's error body, with the request id in it too.
    let (status, headers, body) = raw_exchange(&fake, "POST /acs/users/get HTTP/1.1", "{}");
    assert!(status.starts_with("HTTP/1.1 401"), "{status}");
    assert!(
        headers.contains(&"seam-request-id: req_3".to_owned()),
        "{headers:?}"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        json!({"ok": false, "error": {"type": "unauthorized", "message": "Unauthorized", "request_id": "req_3"}})
    );
}
