//! Each auth mode's exact headers as the fake records them, the publishable key exchange,
//! and what is refused before anything is sent.

use seam::prelude::*;
use seam::{AuthMode, acs, devices, workspaces};
use seam_fake::FakeSeam;
use serde_json::json;

use crate::{auth_headers, builder, line, lines, pairs};

fn get_device(fake: &FakeSeam) -> devices::Get {
    devices::Get {
        device_id: Some(fake.device_id().to_owned()),
        name: None,
    }
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

#[tokio::test]
async fn api_key_sends_the_bearer_token_only() {
    let fake = FakeSeam::start();
    let seam = builder(&fake).api_key(fake.api_key()).build().unwrap();
    assert_eq!(seam.auth_mode(), AuthMode::ApiKey);
    let device = seam.devices().get(get_device(&fake)).await.unwrap();
    assert_eq!(device.device_id, fake.device_id());

    let r = &fake.requests()[0];
    assert_eq!(line(r), "GET /devices/get");
    assert_eq!(
        auth_headers(r),
        pairs(&[("authorization", &bearer(fake.api_key()))])
    );
    assert_eq!(r.header("seam-sdk-name"), Some(seam::SDK_NAME));
    assert_eq!(r.header("seam-sdk-version"), Some(seam::SDK_VERSION));
}

#[tokio::test]
async fn personal_access_token_sends_the_workspace() {
    let fake = FakeSeam::start();
    let seam = builder(&fake)
        .personal_access_token(fake.personal_access_token(), fake.workspace_id())
        .build()
        .unwrap();
    assert_eq!(seam.auth_mode(), AuthMode::PersonalAccessToken);
    let listed = seam.devices().list(devices::List::default()).await.unwrap();
    assert_eq!(listed.len(), 1);

    assert_eq!(
        auth_headers(&fake.requests()[0]),
        pairs(&[
            ("authorization", &bearer(fake.personal_access_token())),
            ("seam-workspace", fake.workspace_id()),
        ])
    );
}

#[tokio::test]
async fn personal_access_token_without_workspace_manages_workspaces() {
    let fake = FakeSeam::start();
    let second = fake.add_workspace("Second");
    let seam = builder(&fake)
        .personal_access_token_without_workspace(fake.personal_access_token())
        .build()
        .unwrap();
    assert_eq!(
        seam.auth_mode(),
        AuthMode::PersonalAccessTokenWithoutWorkspace
    );

    let listed = seam.workspaces().list(workspaces::List {}).await.unwrap();
    let ids: Vec<&str> = listed.iter().map(|w| w.workspace_id.as_str()).collect();
    assert_eq!(ids, [fake.workspace_id(), second.workspace_id.as_str()]);

    let created = seam
        .workspaces()
        .create(serde_json::from_value::<workspaces::Create>(json!({"name": "Third"})).unwrap())
        .await
        .unwrap();
    assert_eq!(created.name, "Third");

    let requests = fake.requests();
    assert_eq!(
        lines(&fake),
        ["GET /workspaces/list", "POST /workspaces/create"]
    );
    for r in &requests {
        assert_eq!(
            auth_headers(r),
            pairs(&[("authorization", &bearer(fake.personal_access_token()))])
        );
    }

    // A route that acts in a workspace is refused before sending.
    let refused = seam
        .devices()
        .list(devices::List::default())
        .await
        .unwrap_err();
    match &refused {
        Error::AuthNotAccepted(e) => {
            assert_eq!(e.route, "GET /devices/list");
            assert_eq!(e.mode, AuthMode::PersonalAccessTokenWithoutWorkspace);
        }
        other => panic!("expected AuthNotAccepted, got {other:?}"),
    }
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn client_session_token_is_sent_twice() {
    let fake = FakeSeam::start();
    let cst = fake.client_session_token();
    let seam = builder(&fake).client_session_token(cst).build().unwrap();
    assert_eq!(seam.auth_mode(), AuthMode::ClientSession);
    seam.devices().get(get_device(&fake)).await.unwrap();
    seam.acs()
        .users()
        .list(acs::users::List::default())
        .await
        .unwrap();

    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    for r in &requests {
        assert_eq!(
            auth_headers(r),
            pairs(&[
                ("authorization", &bearer(cst)),
                ("client-session-token", cst),
            ])
        );
    }
}

#[tokio::test]
async fn publishable_key_is_exchanged_for_a_client_session() {
    let fake = FakeSeam::start();
    let seam = builder(&fake)
        .publishable_key(fake.publishable_key(), "user-1")
        .build_async()
        .await
        .unwrap();
    assert_eq!(seam.auth_mode(), AuthMode::ClientSession);
    assert!(!format!("{seam:?}").contains(fake.publishable_key()));

    let exchange = &fake.requests()[0];
    assert_eq!(line(exchange), "POST /client_sessions/get_or_create");
    assert_eq!(
        auth_headers(exchange),
        pairs(&[("seam-publishable-key", fake.publishable_key())])
    );
    assert_eq!(exchange.header("content-type"), Some("application/json"));
    assert_eq!(
        exchange.body_json().unwrap(),
        json!({"user_identifier_key": "user-1"})
    );

    seam.devices().get(get_device(&fake)).await.unwrap();
    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    let call = &requests[1];
    let cst = call.header("client-session-token").unwrap().to_owned();
    assert!(cst.starts_with("seam_cst"), "{cst}");
    assert_ne!(cst, fake.client_session_token(), "a session of its own");
    assert_eq!(
        auth_headers(call),
        pairs(&[
            ("authorization", &bearer(&cst)),
            ("client-session-token", &cst)
        ])
    );

    // The same user gets the same session back.
    let again = builder(&fake)
        .publishable_key(fake.publishable_key(), "user-1")
        .build_async()
        .await
        .unwrap();
    again.devices().get(get_device(&fake)).await.unwrap();
    assert_eq!(
        fake.requests()[3].header("client-session-token"),
        Some(cst.as_str())
    );

    // A key the fake does not know fails the exchange: nothing to build a client from.
    let unknown = builder(&fake)
        .publishable_key("seam_pk_unknown", "user-1")
        .build_async()
        .await
        .unwrap_err();
    assert!(matches!(unknown, Error::Unauthorized { .. }), "{unknown:?}");
}

#[tokio::test]
async fn console_session_token_with_and_without_workspace() {
    let fake = FakeSeam::start();
    let jwt = fake.console_session_token();
    let inside = builder(&fake)
        .console_session_token(jwt, Some(fake.workspace_id().to_owned()))
        .build()
        .unwrap();
    assert_eq!(inside.auth_mode(), AuthMode::ConsoleSession);
    inside.devices().get(get_device(&fake)).await.unwrap();
    assert_eq!(
        auth_headers(&fake.requests()[0]),
        pairs(&[
            ("authorization", &bearer(jwt)),
            ("seam-workspace", fake.workspace_id()),
        ])
    );

    let outside = builder(&fake)
        .console_session_token(jwt, None)
        .build()
        .unwrap();
    assert_eq!(
        outside.auth_mode(),
        AuthMode::ConsoleSessionWithoutWorkspace
    );
    let listed = outside
        .workspaces()
        .list(workspaces::List {})
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        auth_headers(&fake.requests()[1]),
        pairs(&[("authorization", &bearer(jwt))])
    );
    let refused = outside.devices().get(get_device(&fake)).await.unwrap_err();
    assert!(matches!(refused, Error::AuthNotAccepted(_)), "{refused:?}");
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn wrong_kinds_and_two_modes_are_refused_before_any_request() {
    let fake = FakeSeam::start();
    let kinds = [
        (
            builder(&fake).api_key(fake.client_session_token()).build(),
            "client session token",
        ),
        (
            builder(&fake).api_key(fake.console_session_token()).build(),
            "JWT",
        ),
        (
            builder(&fake).client_session_token(fake.api_key()).build(),
            "an API key cannot be used as a client session token",
        ),
        (
            builder(&fake)
                .personal_access_token(fake.api_key(), fake.workspace_id())
                .build(),
            "an API key cannot be used as a personal access token",
        ),
        (
            builder(&fake)
                .console_session_token(fake.personal_access_token(), None)
                .build(),
            "a personal access token cannot be used as a console session token",
        ),
        (
            builder(&fake)
                .publishable_key(fake.api_key(), "user-1")
                .build_async()
                .await,
            "an API key cannot be used as a publishable key",
        ),
    ];
    for (result, needle) in kinds {
        match result {
            Err(Error::InvalidToken(message)) => {
                assert!(message.contains(needle), "{message}");
                for token in [fake.api_key(), fake.client_session_token()] {
                    assert!(!message.contains(token), "{message}");
                }
            }
            other => panic!("expected InvalidToken ({needle}), got {other:?}"),
        }
    }

    let two = builder(&fake)
        .api_key(fake.api_key())
        .client_session_token(fake.client_session_token())
        .build();
    assert!(matches!(two, Err(Error::InvalidOptions(_))), "{two:?}");
    let two = builder(&fake)
        .publishable_key(fake.publishable_key(), "user-1")
        .personal_access_token(fake.personal_access_token(), fake.workspace_id())
        .build_async()
        .await;
    assert!(matches!(two, Err(Error::InvalidOptions(_))), "{two:?}");
    let not_async = builder(&fake)
        .publishable_key(fake.publishable_key(), "user-1")
        .build();
    assert!(
        matches!(not_async, Err(Error::InvalidOptions(_))),
        "{not_async:?}"
    );
    assert!(fake.requests().is_empty(), "{:?}", lines(&fake));
}

#[tokio::test]
async fn client_session_on_a_server_route_is_refused_before_sending() {
    let fake = FakeSeam::start();
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let credential = fake.add_acs_credential(&user, "1234");
    let seam = builder(&fake)
        .client_session_token(fake.client_session_token())
        .build()
        .unwrap();
    let error = seam
        .acs()
        .credentials()
        .unassign(acs::credentials::Unassign {
            acs_credential_id: credential,
            acs_user_id: Some(user),
            user_identity_id: None,
        })
        .await
        .unwrap_err();
    let Error::AuthNotAccepted(refusal) = &error else {
        panic!("expected AuthNotAccepted, got {error:?}");
    };
    assert_eq!(refusal.route, "PATCH /acs/credentials/unassign");
    assert_eq!(refusal.mode, AuthMode::ClientSession);
    assert!(refusal.accepted.contains(&AuthMode::ApiKey));
    assert!(!refusal.accepted.contains(&AuthMode::ClientSession));
    assert_eq!(error.attempts(), None);
    assert!(
        error
            .to_string()
            .contains("does not accept a client session token")
    );
    assert!(!error.to_string().contains(fake.client_session_token()));
    assert!(fake.requests().is_empty());
}
