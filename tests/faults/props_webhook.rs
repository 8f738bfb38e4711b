//! Webhook verification on arbitrary headers and bodies: a signed event from the right
//! secret within the tolerance is accepted, anything else is a typed rejection, never a
//! panic. `fuzz/fuzz_targets/webhook.rs` runs the same checks on libFuzzer's inputs.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderValue};
use proptest::prelude::*;
use seam::{Webhook, WebhookError};
use serde_json::Value;

const NOW: u64 = 1_764_756_000;

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}

/// `v1,<base64 HMAC-SHA256 of id.timestamp.body>` under `key`.
fn sign(key: &[u8], id: &[u8], timestamp: &[u8], body: &[u8]) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    let mut signed = id.to_vec();
    signed.push(b'.');
    signed.extend_from_slice(timestamp);
    signed.push(b'.');
    signed.extend_from_slice(body);
    format!(
        "v1,{}",
        STANDARD.encode(ring::hmac::sign(&key, &signed).as_ref())
    )
}

fn headers(id: &str, timestamp: &str, signature: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("svix-id", HeaderValue::from_str(id).unwrap());
    h.insert("svix-timestamp", HeaderValue::from_str(timestamp).unwrap());
    h.insert("svix-signature", HeaderValue::from_str(signature).unwrap());
    h
}

/// Whether `body` is what an event must be: an object with text `event_id` and
/// `event_type`.
fn is_event(body: &[u8]) -> bool {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    map.get("event_id").is_some_and(Value::is_string)
        && map.get("event_type").is_some_and(Value::is_string)
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        (
            prop::option::of(prop_oneof![
                "\\PC{0,8}".prop_map(Value::String),
                Just(Value::Null),
                any::<i32>().prop_map(Value::from)
            ]),
            prop::option::of(prop_oneof![
                "[a-z.]{0,12}".prop_map(Value::String),
                Just(Value::Bool(true))
            ]),
            prop::collection::btree_map("[a-z_]{1,8}", "\\PC{0,8}", 0..3),
        )
            .prop_map(|(id, ty, extra)| {
                let mut map: serde_json::Map<String, Value> = extra
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect();
                if let Some(id) = id {
                    map.insert("event_id".into(), id);
                }
                if let Some(ty) = ty {
                    map.insert("event_type".into(), ty);
                }
                serde_json::to_vec(&map).unwrap()
            }),
    ]
}

fn header_value() -> impl Strategy<Value = Option<HeaderValue>> {
    prop::option::of(prop_oneof![
        "[ -~]{0,40}".prop_map(|s| HeaderValue::from_str(&s).unwrap()),
        prop::collection::vec(any::<u8>(), 0..40)
            .prop_filter_map("not a header value", |b| HeaderValue::from_bytes(&b).ok()),
        (any::<u64>(), any::<bool>()).prop_map(|(n, near)| {
            let n = if near {
                NOW.wrapping_add(n % 600).wrapping_sub(300)
            } else {
                n
            };
            HeaderValue::from_str(&n.to_string()).unwrap()
        }),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Arbitrary headers and body: always rejected (no signature can match by chance),
    /// never a panic.
    #[test]
    fn arbitrary_headers_are_rejected(
        id in header_value(),
        timestamp in header_value(),
        signature in header_value(),
        body in body(),
    ) {
        let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let mut h = HeaderMap::new();
        for (name, value) in [("svix-id", id), ("svix-timestamp", timestamp), ("svix-signature", signature)] {
            if let Some(value) = value {
                h.insert(name, value);
            }
        }
        let outcome = webhook.verify_at::<Value>(&h, &body, now());
        prop_assert!(outcome.is_err(), "accepted {h:?}");
    }

    /// A correctly signed body within the tolerance is accepted exactly when it is an
    /// event; one flipped bit anywhere, or a timestamp past the tolerance, is rejected
    /// for that reason.
    #[test]
    fn signed_bodies_are_accepted_only_when_intact(
        key in prop::collection::vec(any::<u8>(), 1..48),
        id in "[a-zA-Z0-9_]{1,20}",
        skew in -300i64..=300,
        body in body(),
        flip in any::<prop::sample::Index>(),
        late in 301u64..100_000,
    ) {
        let secret = format!("whsec_{}", STANDARD.encode(&key));
        let webhook = Webhook::new(&secret).unwrap();
        let ts = NOW.saturating_add_signed(skew).to_string();
        let signature = sign(&key, id.as_bytes(), ts.as_bytes(), &body);
        let good = headers(&id, &ts, &format!("v1,bm90IGl0 {signature}"));

        let outcome = webhook.verify_at::<Value>(&good, &body, now());
        if is_event(&body) {
            prop_assert!(outcome.is_ok(), "{outcome:?}");
        } else {
            prop_assert!(matches!(outcome, Err(WebhookError::Payload(_))), "{outcome:?}");
        }

        if !body.is_empty() {
            let mut tampered = body.clone();
            tampered[flip.index(body.len())] ^= 1;
            let outcome = webhook.verify_at::<Value>(&good, &tampered, now());
            prop_assert_eq!(outcome.unwrap_err(), WebhookError::Signature);
        }
        let other_id = headers(&format!("{id}x"), &ts, &signature);
        prop_assert_eq!(webhook.verify_at::<Value>(&other_id, &body, now()).unwrap_err(), WebhookError::Signature);

        let later = now() + Duration::from_secs(late + 300);
        prop_assert!(matches!(
            webhook.verify_at::<Value>(&good, &body, later),
            Err(WebhookError::Timestamp(_))
        ));
    }

    /// Any secret: a verifier or an `InvalidSecret`, never a panic.
    #[test]
    fn any_secret_is_a_verifier_or_an_error(secret in "(whsec_)?[A-Za-z0-9+/=_ -]{0,40}|\\PC{0,20}") {
        match Webhook::new(&secret) {
            Ok(_) => {
                let encoded = secret.strip_prefix("whsec_").unwrap();
                prop_assert!(STANDARD.decode(encoded).is_ok_and(|k| !k.is_empty()));
            }
            Err(e) => prop_assert!(matches!(e, WebhookError::InvalidSecret(_))),
        }
    }
}

/// The oracle can fail: a good event passes and a tampered one does not.
#[test]
fn the_signing_helper_matches_svix() {
    let key = STANDARD.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let body = br#"{"test": 2432232314}"#;
    assert_eq!(
        sign(&key, b"msg_p5jXN8AQM9LWM0D4loKWxJek", b"1614265330", body),
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    );
    assert!(is_event(br#"{"event_id":"e","event_type":"t"}"#));
    assert!(!is_event(br#"{"event_id":1,"event_type":"t"}"#));
}
