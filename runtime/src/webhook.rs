//! Webhooks: Seam signs the events it posts to you with [Svix](https://www.svix.com); a
//! [`Webhook`] checks the signature and decodes the event.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;
use serde::de::DeserializeOwned;

/// How far a webhook's timestamp may be from now, either way, by default: five minutes.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Verifies the webhooks of one endpoint, with its signing secret (`whsec_…`).
///
/// ```
/// use seam_runtime::Webhook;
///
/// #[derive(serde::Deserialize)]
/// struct Event {
///     event_id: String,
///     event_type: String,
/// }
///
/// # fn handle(headers: &http::HeaderMap, body: &[u8]) -> Result<(), seam_runtime::WebhookError> {
/// let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let event: Event = webhook.verify(headers, body)?;
/// println!("{} {}", event.event_type, event.event_id);
/// # Ok(()) }
/// ```
///
/// With the `seam` crate, decode into `seam::models::Event`, which keeps event types this
/// version does not know as `Other`.
#[derive(Clone)]
pub struct Webhook {
    key: ring::hmac::Key,
    tolerance: Duration,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

/// Why a webhook was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signing secret is not `whsec_` followed by base64.
    #[error("invalid webhook secret: {0}")]
    InvalidSecret(&'static str),
    /// A Svix header is missing.
    #[error("the webhook has no `{0}` header")]
    MissingHeader(&'static str),
    /// A Svix header is not what it should be.
    #[error("the webhook's `{0}` header is malformed")]
    InvalidHeader(&'static str),
    /// The timestamp is further from now than the tolerance: a replay, or a wrong clock.
    #[error("the webhook's timestamp is {0:?} away from now, more than the tolerance")]
    Timestamp(Duration),
    /// No signature matches: the body, id or timestamp were changed, or the secret is
    /// another endpoint's.
    #[error("the webhook's signature does not match")]
    Signature,
    /// The signature matches, but the body is not an event.
    #[error("the webhook's body is not an event: {0}")]
    Payload(String),
}

impl Webhook {
    /// A verifier for the endpoint whose signing secret is `secret` (`whsec_…`).
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let encoded = secret
            .strip_prefix("whsec_")
            .ok_or(WebhookError::InvalidSecret("it starts with `whsec_`"))?;
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret("what follows `whsec_` is not base64"))?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret("it is empty"));
        }
        Ok(Webhook {
            key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key),
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// Accepts timestamps up to `tolerance` away from now (five minutes by default).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks the signature and the timestamp against now, then decodes the body.
    pub fn verify<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// [`verify`](Self::verify), with the current time given.
    pub fn verify_at<T: DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<T, WebhookError> {
        let header = |name: &'static str| {
            headers
                .get(name)
                .ok_or(WebhookError::MissingHeader(name))?
                .to_str()
                .map_err(|_| WebhookError::InvalidHeader(name))
        };
        let id = header("svix-id")?;
        let timestamp = header("svix-timestamp")?;
        let signatures = header("svix-signature")?;

        let seconds: u64 = timestamp
            .trim()
            .parse()
            .map_err(|_| WebhookError::InvalidHeader("svix-timestamp"))?;
        let sent = UNIX_EPOCH
            .checked_add(Duration::from_secs(seconds))
            .ok_or(WebhookError::InvalidHeader("svix-timestamp"))?;
        let skew = match now.duration_since(sent) {
            Ok(age) => age,
            Err(ahead) => ahead.duration(),
        };
        if skew > self.tolerance {
            return Err(WebhookError::Timestamp(skew));
        }

        let mut signed = Vec::with_capacity(id.len() + timestamp.len() + body.len() + 2);
        signed.extend_from_slice(id.as_bytes());
        signed.push(b'.');
        signed.extend_from_slice(timestamp.as_bytes());
        signed.push(b'.');
        signed.extend_from_slice(body);

        let mut any = false;
        for candidate in signatures.split(' ').filter(|s| !s.is_empty()) {
            any = true;
            let Some(("v1", encoded)) = candidate.split_once(',') else {
                continue;
            };
            let Ok(signature) = STANDARD.decode(encoded) else {
                continue;
            };
            // Constant-time comparison, inside ring.
            if ring::hmac::verify(&self.key, &signed, &signature).is_ok() {
                return decode(body);
            }
        }
        if any {
            Err(WebhookError::Signature)
        } else {
            Err(WebhookError::InvalidHeader("svix-signature"))
        }
    }
}

/// The verified body: an event has an `event_id` and an `event_type`.
fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    #[derive(serde::Deserialize)]
    struct Required {
        #[allow(dead_code)] // Only its presence is checked.
        event_id: String,
        #[allow(dead_code)] // Only its presence is checked.
        event_type: String,
    }
    serde_json::from_slice::<Required>(body).map_err(|e| WebhookError::Payload(e.to_string()))?;
    serde_json::from_slice(body).map_err(|e| WebhookError::Payload(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    fn headers(id: &str, timestamp: &str, signature: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("svix-id", id.parse().unwrap());
        h.insert("svix-timestamp", timestamp.parse().unwrap());
        h.insert("svix-signature", signature.parse().unwrap());
        h
    }

    fn sign(id: &str, timestamp: &str, body: &str) -> String {
        let key = ring::hmac::Key::new(
            ring::hmac::HMAC_SHA256,
            &STANDARD.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap(),
        );
        let tag = ring::hmac::sign(&key, format!("{id}.{timestamp}.{body}").as_bytes());
        format!("v1,{}", STANDARD.encode(tag.as_ref()))
    }

    #[test]
    fn matches_svix_s_published_vector() {
        // Svix's documented example: this id, timestamp and body sign to this value.
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            sign("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[derive(serde::Deserialize, Debug)]
    struct Event {
        event_type: String,
    }

    #[test]
    fn accepts_good_and_rejects_tampered_expired_and_malformed() {
        let webhook = Webhook::new(SECRET).unwrap();
        let now = UNIX_EPOCH + Duration::from_secs(1_764_756_000);
        let ts = "1764756000";
        let body = r#"{"event_id":"e1","event_type":"lock.unlocked","device_id":"d1"}"#;
        let good = headers(
            "msg_1",
            ts,
            &format!("v1,bm90IGl0 {}", sign("msg_1", ts, body)),
        );

        let event: Event = webhook.verify_at(&good, body.as_bytes(), now).unwrap();
        assert_eq!(event.event_type, "lock.unlocked");

        let tampered = body.replace("d1", "d2");
        assert_eq!(
            webhook
                .verify_at::<Event>(&good, tampered.as_bytes(), now)
                .unwrap_err(),
            WebhookError::Signature
        );
        let later = now + Duration::from_secs(301);
        assert!(matches!(
            webhook.verify_at::<Event>(&good, body.as_bytes(), later),
            Err(WebhookError::Timestamp(_))
        ));
        let mut missing = good.clone();
        missing.remove("svix-id");
        assert_eq!(
            webhook
                .verify_at::<Event>(&missing, body.as_bytes(), now)
                .unwrap_err(),
            WebhookError::MissingHeader("svix-id")
        );
        let bad_ts = headers("msg_1", "yesterday", &sign("msg_1", ts, body));
        assert_eq!(
            webhook
                .verify_at::<Event>(&bad_ts, body.as_bytes(), now)
                .unwrap_err(),
            WebhookError::InvalidHeader("svix-timestamp")
        );
        let other_secret = Webhook::new("whsec_c2VjcmV0").unwrap();
        assert_eq!(
            other_secret
                .verify_at::<Event>(&good, body.as_bytes(), now)
                .unwrap_err(),
            WebhookError::Signature
        );
        let not_event = r#"{"hello":"world"}"#;
        let signed = headers("msg_1", ts, &sign("msg_1", ts, not_event));
        assert!(matches!(
            webhook.verify_at::<Event>(&signed, not_event.as_bytes(), now),
            Err(WebhookError::Payload(_))
        ));
    }

    #[test]
    fn rejects_bad_secrets() {
        assert!(Webhook::new("MfKQ9r8").is_err());
        assert!(Webhook::new("whsec_***").is_err());
        assert!(Webhook::new("whsec_").is_err());
    }
}
