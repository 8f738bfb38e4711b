//! Webhook verification: arbitrary headers and bodies are rejected with a typed error;
//! a body signed with the secret, within the tolerance, is accepted exactly when it is an
//! event. Never a panic.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use arbitrary::Arbitrary;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderValue};
use libfuzzer_sys::fuzz_target;
use seam::{Webhook, WebhookError};
use serde_json::Value;

const KEY: &str = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW: u64 = 1_764_756_000;

#[derive(Debug, Arbitrary)]
struct Input {
    id: Vec<u8>,
    timestamp: Vec<u8>,
    signature: Vec<u8>,
    body: Vec<u8>,
    /// Sign the body properly, at `NOW + skew`, instead of using `timestamp`/`signature`.
    sign: bool,
    skew: i16,
    secret: String,
}

fuzz_target!(|input: Input| {
    // Any secret: a verifier or an error.
    let _ = Webhook::new(&input.secret);

    let webhook = Webhook::new(&format!("whsec_{KEY}")).unwrap();
    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    let timestamp = if input.sign {
        NOW.saturating_add_signed(i64::from(input.skew))
            .to_string()
            .into_bytes()
    } else {
        input.timestamp
    };
    let signature = if input.sign {
        sign(&input.id, &timestamp, &input.body).into_bytes()
    } else {
        input.signature
    };
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("svix-id", &input.id),
        ("svix-timestamp", &timestamp),
        ("svix-signature", &signature),
    ] {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.insert(name, value);
        }
    }
    let outcome = webhook.verify_at::<Value>(&headers, &input.body, now);
    let complete = headers.len() == 3 && headers.values().all(|v| v.to_str().is_ok());
    if input.sign && complete && input.skew.unsigned_abs() <= 300 {
        if is_event(&input.body) {
            assert!(outcome.is_ok(), "{outcome:?}");
        } else {
            assert!(
                matches!(outcome, Err(WebhookError::Payload(_))),
                "{outcome:?}"
            );
        }
    } else if !input.sign {
        assert!(outcome.is_err(), "accepted unsigned input");
    }
});

fn sign(id: &[u8], timestamp: &[u8], body: &[u8]) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &STANDARD.decode(KEY).unwrap());
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

fn is_event(body: &[u8]) -> bool {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    map.get("event_id").is_some_and(Value::is_string)
        && map.get("event_type").is_some_and(Value::is_string)
}
