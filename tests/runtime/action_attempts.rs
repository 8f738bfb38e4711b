//! Waiting for action attempts: success after polls, failure and timeout as distinct
//! errors that carry the attempt, and no wait at all.

use std::time::{Duration, Instant};

use seam::prelude::*;
use seam::{ActionAttemptStatus, WaitForActionAttempt, locks};
use seam_fake::FakeSeam;

use crate::lines;

fn unlock(fake: &FakeSeam) -> locks::UnlockDoor {
    locks::UnlockDoor {
        device_id: fake.device_id().to_owned(),
        sync: None,
    }
}

fn quick(timeout_ms: u64) -> WaitForActionAttempt {
    WaitForActionAttempt {
        timeout: Duration::from_millis(timeout_ms),
        interval: Duration::from_millis(50),
    }
}

/// The `action_attempt_id` each poll asked for.
fn polled_ids(fake: &FakeSeam) -> Vec<String> {
    fake.requests()
        .iter()
        .filter(|r| r.path == "/action_attempts/get")
        .map(|r| {
            assert_eq!(r.method, "GET");
            let query = r.query.clone().unwrap_or_default();
            let id = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("action_attempt_id="))
                .unwrap_or_default();
            id.to_owned()
        })
        .collect()
}

#[tokio::test]
async fn success_after_two_polls() {
    let fake = FakeSeam::start();
    fake.action_attempts_settle_after(2);
    let attempt = fake
        .client()
        .locks()
        .unlock_door(unlock(&fake))
        .wait_for_action_attempt(quick(5_000))
        .await
        .unwrap();
    assert_eq!(attempt.status, ActionAttemptStatus::Success);
    assert_eq!(attempt.action_type, "UNLOCK_DOOR");
    assert!(attempt.error.is_none());
    assert_eq!(
        lines(&fake),
        [
            "POST /locks/unlock_door",
            "GET /action_attempts/get",
            "GET /action_attempts/get"
        ]
    );
    assert_eq!(
        polled_ids(&fake),
        [attempt.action_attempt_id.clone(), attempt.action_attempt_id]
    );
    assert_eq!(fake.device_locked(fake.device_id()), Some(false));
}

#[tokio::test]
async fn the_client_default_wait_polls_until_done() {
    let fake = FakeSeam::start();
    let attempt = fake
        .client()
        .locks()
        .lock_door(locks::LockDoor {
            device_id: fake.device_id().to_owned(),
            sync: None,
        })
        .await
        .unwrap();
    assert_eq!(attempt.status, ActionAttemptStatus::Success);
    assert_eq!(attempt.action_type, "LOCK_DOOR");
    assert_eq!(
        lines(&fake),
        ["POST /locks/lock_door", "GET /action_attempts/get"]
    );
}

#[tokio::test]
async fn failure_is_an_error_carrying_the_attempt() {
    let fake = FakeSeam::start();
    fake.next_action_attempt_fails("device_offline", "The lock is offline");
    let error = fake
        .client()
        .locks()
        .unlock_door(unlock(&fake))
        .wait_for_action_attempt(quick(5_000))
        .await
        .unwrap_err();
    let Error::ActionAttemptFailed(attempt) = &error else {
        panic!("expected ActionAttemptFailed, got {error:?}");
    };
    assert_eq!(attempt.status, ActionAttemptStatus::Error);
    assert_eq!(attempt.action_type, "UNLOCK_DOOR");
    assert_eq!(polled_ids(&fake), [attempt.action_attempt_id.as_str()]);
    let reason = attempt.error.as_ref().unwrap();
    assert_eq!(reason.error_type, "device_offline");
    assert_eq!(reason.message, "The lock is offline");
    let text = error.to_string();
    assert!(text.contains(&attempt.action_attempt_id), "{text}");
    assert!(text.contains("device_offline"), "{text}");
    assert_eq!(fake.device_locked(fake.device_id()), Some(true));
}

#[tokio::test]
async fn an_attempt_that_stays_pending_times_out() {
    let fake = FakeSeam::start();
    fake.next_action_attempt_stays_pending();
    let started = Instant::now();
    let error = fake
        .client()
        .locks()
        .unlock_door(unlock(&fake))
        .wait_for_action_attempt(quick(300))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    let Error::ActionAttemptTimedOut(timeout) = &error else {
        panic!("expected ActionAttemptTimedOut, got {error:?}");
    };
    assert_eq!(timeout.action_attempt.status, ActionAttemptStatus::Pending);
    assert_eq!(timeout.action_attempt.action_type, "UNLOCK_DOOR");
    assert!(timeout.waited >= Duration::from_millis(200), "{timeout:?}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    let polls = polled_ids(&fake);
    assert!(polls.len() >= 2, "{polls:?}");
    assert!(
        polls
            .iter()
            .all(|id| *id == timeout.action_attempt.action_attempt_id)
    );
    assert!(error.to_string().contains("still pending"), "{error}");
}

#[tokio::test]
async fn no_wait_returns_the_pending_attempt_without_polling() {
    let fake = FakeSeam::start();
    let attempt = fake
        .client()
        .locks()
        .unlock_door(unlock(&fake))
        .wait_for_action_attempt(None)
        .await
        .unwrap();
    assert_eq!(attempt.status, ActionAttemptStatus::Pending);
    assert_eq!(lines(&fake), ["POST /locks/unlock_door"]);

    // Switched off for the whole client, too.
    let seam = crate::builder(&fake)
        .api_key(fake.api_key())
        .wait_for_action_attempts(None)
        .build()
        .unwrap();
    fake.clear_requests();
    let attempt = seam.locks().unlock_door(unlock(&fake)).await.unwrap();
    assert_eq!(attempt.status, ActionAttemptStatus::Pending);
    assert_eq!(lines(&fake), ["POST /locks/unlock_door"]);
}
