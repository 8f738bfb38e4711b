//! A signed webhook decodes into the typed event, whatever event type it carries.

use std::time::{Duration, UNIX_EPOCH};

use seam::models::{Event, EventType};
use seam::{Webhook, WebhookError};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const KNOWN: &str = r#"{"event_id":"e1","event_type":"lock.unlocked","device_id":"d1","workspace_id":"w1","created_at":"2026-12-03T10:00:00.000Z","occurred_at":"2026-12-03T10:00:00.000Z","connected_account_id":"a1"}"#;
const UNKNOWN: &str = r#"{"event_id":"e2","event_type":"lock.levitated","device_id":"d1","workspace_id":"w1","created_at":"2026-12-03T10:00:00.000Z","occurred_at":"2026-12-03T10:00:00.000Z","altitude_m":2}"#;

/// Svix's headers for `msg_1` at 1764756000, with the signature of the body (computed
/// with HMAC-SHA256 outside this project; the runtime checks Svix's own vector).
fn headers(signature: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert("svix-id", "msg_1".parse().unwrap());
    headers.insert("svix-timestamp", "1764756000".parse().unwrap());
    headers.insert("svix-signature", signature.parse().unwrap());
    headers
}

fn now() -> std::time::SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_764_756_030)
}

#[test]
fn a_signed_event_decodes_into_the_typed_event() {
    let webhook = Webhook::new(SECRET).unwrap();
    let event: Event = webhook
        .verify_at(
            &headers("v1,r85DzGF1IaheGWP1L2EVPCES9A3zgBvrtQYsFwJoqmE="),
            KNOWN.as_bytes(),
            now(),
        )
        .unwrap();
    assert_eq!(event.event_type, EventType::LockUnlocked);
    assert_eq!(event.device_id.as_deref(), Some("d1"));
}

#[test]
fn an_event_type_added_later_still_decodes() {
    let webhook = Webhook::new(SECRET).unwrap();
    let event: Event = webhook
        .verify_at(
            &headers("v1,G2kjK1b3EhllcHwPE8xP3oELO+O3ddYB7gmmTiB3vfk="),
            UNKNOWN.as_bytes(),
            now(),
        )
        .unwrap();
    assert_eq!(event.event_type, EventType::Other("lock.levitated".into()));
}

#[test]
fn a_signature_for_another_body_is_refused() {
    let webhook = Webhook::new(SECRET).unwrap();
    let error = webhook
        .verify_at::<Event>(
            &headers("v1,r85DzGF1IaheGWP1L2EVPCES9A3zgBvrtQYsFwJoqmE="),
            UNKNOWN.as_bytes(),
            now(),
        )
        .unwrap_err();
    assert_eq!(error, WebhookError::Signature);
}
