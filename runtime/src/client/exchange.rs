//! The exchange every call shares, compiled once: attempts with a per-attempt timeout,
//! retries with backoff and `Retry-After`, tracing, and the wait for action attempts.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::HeaderMap;
use tracing::Instrument;

use super::Inner;
use super::request::{CallOptions, Prepared, Route, encode, finish_prepare, headers};
use crate::action_attempt::{ActionAttempt, ActionAttemptStatus, WaitForActionAttempt};
use crate::endpoint::{Method, RoutePath};
use crate::envelope::{self, RawResponse};
use crate::error::{ActionAttemptTimeout, Error, TransportError, TransportErrorKind};
use crate::meta::EndpointMeta;
use crate::transport::{BoxFuture, HttpRequest, RequestIdSlot};

const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Sends a prepared request: attempts, timeouts, retries and tracing, for every endpoint.
///
/// The future is what every call carries (and what `Box::pin` copies), so it is kept
/// small: an `async move` block keeps each argument once (an `async fn` keeps a second
/// copy of every argument), and the rare wait for an action attempt is boxed
/// ([`settle_boxed`]).
#[expect(
    clippy::manual_async_fn,
    reason = "an `async fn` would keep a second copy of each argument in its future"
)]
pub(super) fn execute(
    inner: Arc<Inner>,
    request: Prepared,
    options: CallOptions,
) -> impl Future<Output = Result<RawResponse, Error>> + Send + 'static {
    async move {
        let span = request_span!("seam.request", request);
        let meta = request.meta;
        let raw = run_attempts(&inner, request, options, &span)
            .instrument(span.clone())
            .await?;
        match (meta, options.wait.unwrap_or(inner.wait)) {
            (Some(meta), Some(wait)) if meta.action_attempt => {
                settle_boxed(&inner, raw, meta, wait, options)
                    .instrument(span)
                    .await
            }
            _ => Ok(raw),
        }
    }
}

/// A span for one exchange named `$name`, with the fields `run_attempts` fills in.
macro_rules! request_span {
    ($name:literal, $request:expr) => {
        tracing::debug_span!(
            $name,
            method = $request.method.as_str(),
            path = $request.url.path(),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        )
    };
}
use request_span;

/// [`settle_action_attempt`] on the heap, built in a frame of its own: its future is
/// large, and every call's stack would otherwise make room for it.
#[inline(never)]
fn settle_boxed<'a>(
    inner: &'a Inner,
    raw: RawResponse,
    meta: &'static EndpointMeta,
    wait: WaitForActionAttempt,
    options: CallOptions,
) -> BoxFuture<'a, Result<RawResponse, Error>> {
    Box::pin(settle_action_attempt(inner, raw, meta, wait, options))
}

/// Waits for the action attempt in `raw` to leave `pending`, polling
/// `GET /action_attempts/get` at least once, with the call's timeout and retries. On
/// success, a route that answers with the attempt answers with its final state.
async fn settle_action_attempt(
    inner: &Inner,
    raw: RawResponse,
    meta: &EndpointMeta,
    wait: WaitForActionAttempt,
    options: CallOptions,
) -> Result<RawResponse, Error> {
    #[derive(serde::Deserialize)]
    struct Answer {
        action_attempt: Option<ActionAttempt>,
    }
    let Ok(Answer {
        action_attempt: Some(first),
    }) = serde_json::from_slice::<Answer>(&raw.body)
    else {
        return Ok(raw);
    };
    let started = tokio::time::Instant::now();
    let deadline = started + wait.timeout;
    let mut attempt = first;
    loop {
        let polled = poll_action_attempt(inner, &attempt.action_attempt_id, options).await?;
        attempt = polled.1;
        tracing::debug!(action_attempt = %attempt, "polled");
        match attempt.status {
            ActionAttemptStatus::Success => {
                let answers_with_attempt = meta.response.is_some_and(|r| r.key == "action_attempt");
                return Ok(if answers_with_attempt { polled.0 } else { raw });
            }
            ActionAttemptStatus::Error => {
                return Err(Error::ActionAttemptFailed(Box::new(attempt)));
            }
            _ => {}
        }
        if tokio::time::Instant::now() + wait.interval > deadline {
            return Err(Error::ActionAttemptTimedOut(Box::new(
                ActionAttemptTimeout {
                    action_attempt: attempt,
                    waited: started.elapsed(),
                },
            )));
        }
        tokio::time::sleep(wait.interval).await;
    }
}

/// `GET /action_attempts/get?action_attempt_id=..`, in a `seam.poll` span of its own.
async fn poll_action_attempt(
    inner: &Inner,
    id: &str,
    options: CallOptions,
) -> Result<(RawResponse, ActionAttempt), Error> {
    #[derive(serde::Serialize)]
    struct Params<'a> {
        action_attempt_id: &'a str,
    }
    let path = "/action_attempts/get";
    let (url, body) = encode(
        inner,
        Method::Get,
        &RoutePath::from_static(path),
        &Params {
            action_attempt_id: id,
        },
    )?;
    let prepared = finish_prepare(Method::Get, url, body, HeaderMap::new());
    let span = request_span!("seam.poll", prepared);
    let options = CallOptions {
        retry_non_idempotent: false,
        wait: None,
        ..options
    };
    let raw = run_attempts(inner, prepared, options, &span)
        .instrument(span.clone())
        .await?;
    let route = Route {
        method: Method::Get,
        path,
    };
    let attempt = envelope::decode(&raw, Some("action_attempt"), &route)?;
    Ok((raw, attempt))
}

/// Sends `request` with the call's timeout and retries, recording each attempt in `span`.
///
/// Only what an attempt needs lives across its `.await`: the request is built for the
/// attempt by [`attempt_request`], and its answer is judged by [`outcome`] before any
/// backoff sleeps.
pub(super) fn run_attempts<'a>(
    inner: &'a Inner,
    request: Prepared,
    options: CallOptions,
    span: &'a tracing::Span,
) -> impl Future<Output = Result<RawResponse, Error>> + Send + 'a {
    let timeout = options.timeout.unwrap_or(inner.timeout);
    let may_retry = request.method.is_idempotent() || options.retry_non_idempotent;
    let max_retries = if may_retry {
        options.max_retries.unwrap_or(inner.max_retries)
    } else {
        0
    };
    // A transport that enforces the timeout itself needs no timer around it, nor a slot
    // for the request id that the timer's error reports.
    let timer = timeout.filter(|_| !inner.transport.enforces_timeout());
    let mut request = Some(request);
    async move {
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let retries_left = attempt <= max_retries;
            // The slot lets the timer's error name the request whose head arrived in time.
            let slot = timer.map(|_| RequestIdSlot::default());
            let http = attempt_request(inner, &mut request, !retries_left, timeout, slot.clone())?;
            let send = inner.transport.send(http);
            let result = match timer {
                Some(limit) => match tokio::time::timeout(limit, send).await {
                    Ok(result) => result,
                    Err(_) => {
                        let error = TransportError::from_kind(TransportErrorKind::Timeout);
                        // Cut off after the head: the id it carried still names the request.
                        Err(match slot.as_ref().and_then(RequestIdSlot::get) {
                            Some(id) => error.with_request_id(id),
                            None => error,
                        })
                    }
                },
                None => send.await,
            };
            match outcome(result, attempt, retries_left, span) {
                Ok(done) => return done,
                Err(delay) => tokio::time::sleep(delay).await,
            }
        }
    }
}

/// What one attempt's `result` means: `Ok` with the call's result, or `Err` with the
/// delay before the next attempt.
fn outcome(
    result: Result<http::Response<bytes::Bytes>, TransportError>,
    attempt: u32,
    retries_left: bool,
    span: &tracing::Span,
) -> Result<Result<RawResponse, Error>, Duration> {
    match result {
        Ok(response) => {
            let (parts, body) = response.into_parts();
            let raw = RawResponse {
                status: parts.status,
                headers: parts.headers,
                body,
                attempts: attempt,
            };
            span.record("status", raw.status.as_u16());
            if let Some(id) = raw.request_id() {
                span.record("request_id", id.as_str());
            }
            if raw.status.is_success() {
                tracing::debug!("answered");
                return Ok(Ok(raw));
            }
            let retryable =
                raw.status == http::StatusCode::TOO_MANY_REQUESTS || raw.status.is_server_error();
            if retryable && retries_left {
                let delay = backoff(attempt)
                    .max(retry_after(&raw.headers, SystemTime::now()).unwrap_or_default());
                tracing::debug!(?delay, "retrying after an error status");
                return Err(delay);
            }
            tracing::debug!("failed");
            Ok(Err(envelope::error(&raw)))
        }
        // The same answer would be too large again: not worth another attempt.
        Err(error) if retries_left && error.kind() != TransportErrorKind::BodyTooLarge => {
            let delay = backoff(attempt);
            tracing::debug!(%error, ?delay, "retrying after a transport error");
            Err(delay)
        }
        Err(error) => {
            if let Some(id) = error.request_id() {
                span.record("request_id", id);
            }
            tracing::debug!(%error, "failed");
            Ok(Err(Error::from(error).with_attempts(attempt)))
        }
    }
}

/// The `HttpRequest` of one attempt: the last takes the prepared request, one that may be
/// retried copies it; each gets the client's headers.
fn attempt_request(
    inner: &Inner,
    request: &mut Option<Prepared>,
    last: bool,
    timeout: Option<Duration>,
    slot: Option<RequestIdSlot>,
) -> Result<HttpRequest, Error> {
    let prepared = if last {
        request.take()
    } else {
        request.clone()
    };
    let Some(prepared) = prepared else {
        return Err(Error::InvalidRequest("the request was already sent".into()));
    };
    let mut http = HttpRequest::new(prepared.method.to_http(), prepared.url);
    *http.headers_mut() = headers(inner, prepared.method, prepared.extra);
    *http.body_mut() = prepared.body;
    *http.timeout_mut() = timeout;
    *http.request_id_slot_mut() = slot;
    Ok(http)
}

/// Exponential backoff from about 200 ms, with jitter between half and all of the step.
fn backoff(attempt: u32) -> Duration {
    let step = FIRST_BACKOFF.saturating_mul(1 << attempt.saturating_sub(1).min(10));
    let jitter = random_unit();
    step.mul_f64(0.5 + 0.5 * jitter)
}

/// A number in `[0, 1)` that differs between calls; good enough for jitter.
fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// `Retry-After`, in seconds or as an HTTP date, capped at a minute.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    let delay = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => crate::timestamp::parse_http_date(value)?
            .duration_since(now)
            .unwrap_or_default(),
    };
    Some(delay.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    /// Every call's future is boxed and copied whole, and a large one costs time that no
    /// instruction count shows (`BENCHMARKS.md`, the findings on `call/get10`). The bound
    /// is loose: it catches the exchange growing back towards its old 3,776 bytes, not
    /// a compiler's few bytes either way.
    #[test]
    fn the_exchange_future_stays_small() {
        let seam = crate::Seam::builder()
            .api_key("seam_test")
            .endpoint("http://127.0.0.1:9")
            .build()
            .unwrap();
        let url = url::Url::parse("http://127.0.0.1:9/devices/list").unwrap();
        let prepared = finish_prepare(Method::Get, url, bytes::Bytes::new(), HeaderMap::new());
        let future = execute(seam.inner.clone(), prepared, CallOptions::default());
        let size = size_of_val(&future);
        assert!(size <= 1536, "the exchange's future is {size} bytes");
    }

    #[test]
    fn backoff_grows_from_about_200ms() {
        let first = backoff(1);
        assert!(first >= Duration::from_millis(100) && first <= Duration::from_millis(200));
        let third = backoff(3);
        assert!(third >= Duration::from_millis(400) && third <= Duration::from_millis(800));
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let headers = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(http::header::RETRY_AFTER, HeaderValue::from_static(v));
            h
        };
        let now = crate::timestamp::parse_http_date("Wed, 03 Dec 2026 10:00:00 GMT").unwrap();
        assert_eq!(
            retry_after(&headers("3"), now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after(&headers("Wed, 03 Dec 2026 10:00:07 GMT"), now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(&headers("Wed, 03 Dec 2026 09:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("3600"), now), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }
}
