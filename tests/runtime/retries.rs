//! Retries of idempotent requests on 429 and 5xx, never of POST and PATCH unless asked,
//! `Retry-After`, per-attempt timeouts, and `max_retries`.

use std::time::{Duration, Instant};

use seam::prelude::*;
use seam::{TransportErrorKind, acs, client_sessions, devices, locks};
use seam_fake::FakeSeam;

use crate::{builder, lines};

fn get_device(fake: &FakeSeam) -> devices::Get {
    devices::Get {
        device_id: Some(fake.device_id().to_owned()),
        name: None,
    }
}

fn unlock(fake: &FakeSeam) -> locks::UnlockDoor {
    locks::UnlockDoor {
        device_id: fake.device_id().to_owned(),
        sync: None,
    }
}

/// `times` copies of `line`.
fn repeated(line: &str, times: usize) -> Vec<String> {
    vec![line.to_owned(); times]
}

#[tokio::test]
async fn get_is_retried_twice_on_503_and_429_then_succeeds() {
    for status in [503, 429] {
        let fake = FakeSeam::start();
        fake.fail_next("/devices/get", status, 2);
        let device = fake
            .client()
            .devices()
            .get(get_device(&fake))
            .await
            .unwrap();
        assert_eq!(device.device_id, fake.device_id());
        assert_eq!(lines(&fake), repeated("GET /devices/get", 3), "{status}");
    }
}

#[tokio::test]
async fn put_and_delete_are_retried_too() {
    let fake = FakeSeam::start();
    let seam = fake.client();
    fake.fail_next("/client_sessions/create", 503, 2);
    let session = seam
        .client_sessions()
        .create(client_sessions::Create {
            user_identifier_key: Some("user-9".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(session.user_identifier_key.as_deref(), Some("user-9"));
    assert_eq!(lines(&fake), repeated("PUT /client_sessions/create", 3));

    fake.clear_requests();
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    fake.fail_next("/acs/users/delete", 502, 2);
    seam.acs()
        .users()
        .delete(acs::users::Delete {
            acs_user_id: Some(user),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(lines(&fake), repeated("DELETE /acs/users/delete", 3));
}

#[tokio::test]
async fn after_three_attempts_the_error_carries_the_last_status() {
    let fake = FakeSeam::start();
    fake.fail_next("/devices/get", 503, 2);
    fake.fail_next("/devices/get", 429, 1);
    let error = fake
        .client()
        .devices()
        .get(get_device(&fake))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.attempts(), Some(3));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.error_type(), Some("rate_limit_exceeded"));
    assert_eq!(error.request_id(), Some("req_3"));
    assert!(error.to_string().contains("after 3 attempts"), "{error}");
    assert_eq!(lines(&fake), repeated("GET /devices/get", 3));
}

#[tokio::test]
async fn post_and_patch_are_sent_exactly_once() {
    let fake = FakeSeam::start();
    let seam = fake.client();
    fake.fail_next("/locks/unlock_door", 503, 1);
    let error = seam.locks().unlock_door(unlock(&fake)).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(lines(&fake), ["POST /locks/unlock_door"]);
    assert_eq!(fake.device_locked(fake.device_id()), Some(true));

    fake.clear_requests();
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let credential = fake.add_acs_credential(&user, "1234");
    fake.fail_next("/acs/credentials/unassign", 503, 1);
    let error = seam
        .acs()
        .credentials()
        .unassign(acs::credentials::Unassign {
            acs_credential_id: credential,
            acs_user_id: Some(user),
            user_identity_id: None,
        })
        .max_retries(5)
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(lines(&fake), ["PATCH /acs/credentials/unassign"]);
}

#[tokio::test]
async fn a_post_is_retried_when_the_call_opts_in() {
    let fake = FakeSeam::start();
    fake.fail_next("/locks/unlock_door", 503, 2);
    let attempt = fake
        .client()
        .locks()
        .unlock_door(unlock(&fake))
        .retry_non_idempotent(true)
        .wait_for_action_attempt(None)
        .await
        .unwrap();
    assert_eq!(attempt.action_type, "UNLOCK_DOOR");
    assert_eq!(lines(&fake), repeated("POST /locks/unlock_door", 3));
}

#[tokio::test]
async fn retry_after_is_respected() {
    let fake = FakeSeam::start();
    fake.rate_limit_next("/devices/get", 1, 1);
    let started = Instant::now();
    fake.client()
        .devices()
        .get(get_device(&fake))
        .await
        .unwrap();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
    assert!(waited < Duration::from_secs(10), "{waited:?}");
    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
}

#[tokio::test]
async fn a_stalled_get_times_out_and_is_retried() {
    let fake = FakeSeam::start();
    let stall = Duration::from_secs(30);
    fake.stall_next("/devices/get", stall, 2);
    let device = fake
        .client()
        .devices()
        .get(get_device(&fake))
        .timeout(Duration::from_millis(200))
        .await
        .unwrap();
    assert_eq!(device.device_id, fake.device_id());
    assert_eq!(lines(&fake), repeated("GET /devices/get", 3));

    fake.stall_next("/devices/get", stall, 3);
    let started = Instant::now();
    let error = fake
        .client()
        .devices()
        .get(get_device(&fake))
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!(error.attempts(), Some(3));
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert!(started.elapsed() < stall);
}

#[tokio::test]
async fn a_client_timeout_applies_to_every_call_and_posts_time_out_once() {
    let fake = FakeSeam::start();
    let seam = builder(&fake)
        .api_key(fake.api_key())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    fake.stall_next("/locks/unlock_door", Duration::from_secs(30), 1);
    let error = seam.locks().unlock_door(unlock(&fake)).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{error:?}"
    );
    assert_eq!(error.attempts(), Some(1));
    assert!(error.to_string().contains("timed out"), "{error}");
}

#[tokio::test]
async fn max_retries_zero_sends_once() {
    let fake = FakeSeam::start();
    fake.fail_next("/devices/get", 503, 1);
    let error = fake
        .client()
        .devices()
        .get(get_device(&fake))
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(lines(&fake), ["GET /devices/get"]);

    // The same from the client's options; the next call finds the fake recovered.
    let seam = builder(&fake)
        .api_key(fake.api_key())
        .max_retries(0)
        .build()
        .unwrap();
    fake.clear_requests();
    fake.fail_next("/devices/get", 500, 1);
    let error = seam.devices().get(get_device(&fake)).await.unwrap_err();
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(error.error_type(), Some("internal_server_error"));
    seam.devices().get(get_device(&fake)).await.unwrap();
    assert_eq!(lines(&fake), repeated("GET /devices/get", 2));
}

#[tokio::test]
async fn the_final_error_counts_every_attempt_whatever_its_kind() {
    let fake = FakeSeam::start();
    fake.fail_next("/devices/get", 503, 1);
    let wrong_key = builder(&fake).api_key("seam_wrong_key").build().unwrap();
    let error = wrong_key
        .devices()
        .get(get_device(&fake))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    assert_eq!(error.attempts(), Some(2));
    assert!(error.to_string().contains("after 2 attempts"), "{error}");
    assert_eq!(lines(&fake), repeated("GET /devices/get", 2));
}

#[tokio::test]
async fn polls_of_an_action_attempt_keep_the_call_s_retries() {
    let fake = FakeSeam::start();
    fake.action_attempts_settle_after(1);
    fake.fail_next("/action_attempts/get", 503, 1);
    let attempt = fake
        .client()
        .locks()
        .unlock_door(unlock(&fake))
        .max_retries(0)
        .await
        .unwrap_err();
    // With no retries for the call, its poll is not retried either.
    assert_eq!(attempt.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        lines(&fake),
        ["POST /locks/unlock_door", "GET /action_attempts/get"]
    );
}

/// A transport that never answers and does not enforce timeouts, noting the per-attempt
/// timeout each request carries; it names the request in its slot, as a transport does
/// once the head arrives.
#[derive(Debug, Default)]
struct Silent {
    timeouts: std::sync::Mutex<Vec<Option<Duration>>>,
}

impl seam::Transport for Silent {
    fn send(
        &self,
        request: seam::HttpRequest,
    ) -> seam::BoxFuture<'_, Result<http::Response<bytes::Bytes>, seam::TransportError>> {
        self.timeouts.lock().unwrap().push(request.timeout());
        if let Some(slot) = request.request_id_slot() {
            slot.set("req_silent");
        }
        Box::pin(std::future::pending())
    }
}

#[tokio::test]
async fn the_client_times_out_a_transport_that_does_not_enforce_timeouts() {
    let silent = std::sync::Arc::new(Silent::default());
    #[derive(Debug)]
    struct Shared(std::sync::Arc<Silent>);
    impl seam::Transport for Shared {
        fn send(
            &self,
            request: seam::HttpRequest,
        ) -> seam::BoxFuture<'_, Result<http::Response<bytes::Bytes>, seam::TransportError>>
        {
            self.0.send(request)
        }
    }
    let seam = Seam::builder()
        .api_key("seam_test_key")
        .endpoint("http://127.0.0.1:9")
        .allow_insecure_http(true)
        .transport(Shared(silent.clone()))
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = seam
        .locks()
        .unlock_door(locks::UnlockDoor {
            device_id: "d1".into(),
            sync: None,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{error:?}"
    );
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(error.request_id(), Some("req_silent"));
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(
        *silent.timeouts.lock().unwrap(),
        [Some(Duration::from_millis(150))]
    );
}
