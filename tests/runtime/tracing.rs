//! Tracing: every call's span carries method, path, attempt, status and request id, and
//! no token ever shows, in traces, in the client's `Debug`, or in errors.

use seam::devices;
use seam::prelude::*;
use seam_fake::FakeSeam;

use crate::builder;
use crate::capture::Capture;

fn get_device(id: &str) -> devices::Get {
    devices::Get {
        device_id: Some(id.to_owned()),
        name: None,
    }
}

/// In a process of its own: a subscriber set as one thread's default can miss a callsite
/// that another test's thread registers at the same moment (tracing's interest cache).
#[test]
fn traces_carry_the_call_and_never_a_token() {
    crate::run_alone("tracing::traces_in_a_process_of_its_own");
}

// One thread (the current-thread runtime): the subscriber, set as this thread's default,
// sees everything the client does.
#[tokio::test(flavor = "current_thread")]
#[ignore = "run in a process of its own by `traces_carry_the_call_and_never_a_token`"]
async fn traces_in_a_process_of_its_own() {
    let fake = FakeSeam::start();
    let capture = Capture::default();
    let _guard = ::tracing::subscriber::set_default(capture.clone());

    // A call that fails three times with an API key.
    let seam = fake.client();
    fake.fail_next("/devices/get", 503, 3);
    let failed = seam
        .devices()
        .get(get_device(fake.device_id()))
        .await
        .unwrap_err();
    assert_eq!(failed.attempts(), Some(3));

    // A call refused by the fake, with a client session token.
    let frontend = builder(&fake)
        .client_session_token(fake.client_session_token())
        .build()
        .unwrap();
    let missing = frontend
        .devices()
        .get(get_device("no-such-device"))
        .await
        .unwrap_err();
    assert_eq!(missing.error_type(), Some("device_not_found"));

    // A publishable key exchanged for a session.
    let exchanged = builder(&fake)
        .publishable_key(fake.publishable_key(), "user-1")
        .build_async()
        .await
        .unwrap();
    exchanged
        .devices()
        .get(get_device(fake.device_id()))
        .await
        .unwrap();
    // The token the fake handed out, as the next call sent it.
    let session_token = fake
        .requests()
        .last()
        .and_then(|r| r.header("client-session-token").map(str::to_owned))
        .unwrap();

    let text = capture.text();
    for needle in [
        "seam.request",
        "method=GET",
        "path=/devices/get",
        "attempt=1",
        "attempt=3",
        "status=503",
        "status=404",
        "request_id=req_3",
        "path=/client_sessions/get_or_create",
        "method=POST",
    ] {
        assert!(text.contains(needle), "no `{needle}` in:\n{text}");
    }
    let secrets = [
        fake.api_key(),
        fake.client_session_token(),
        fake.publishable_key(),
        session_token.as_str(),
    ];
    for secret in secrets {
        assert!(!text.contains(secret), "`{secret}` in:\n{text}");
        for shown in [
            format!("{seam:?}"),
            format!("{frontend:?}"),
            format!("{exchanged:?}"),
            format!("{:?}", builder(&fake).api_key(fake.api_key())),
            failed.to_string(),
            format!("{failed:?}"),
            missing.to_string(),
            format!("{missing:?}"),
        ] {
            assert!(!shown.contains(secret), "`{secret}` in {shown}");
        }
    }
}

#[tokio::test]
async fn configuration_errors_never_quote_the_token() {
    let fake = FakeSeam::start();
    let token = "seam_at_very_secret_token";
    let errors = [
        builder(&fake).api_key(token).build().unwrap_err(),
        builder(&fake)
            .client_session_token(token)
            .build()
            .unwrap_err(),
        builder(&fake)
            .api_key("seam_very\r\nsecret")
            .build()
            .unwrap_err(),
    ];
    for error in errors {
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains("very"), "{shown}");
        }
    }
}
