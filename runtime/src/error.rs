//! The one error type every call returns.

use std::collections::BTreeMap;
use std::fmt;

use http::StatusCode;

use std::time::Duration;

use crate::action_attempt::ActionAttempt;
use crate::auth::AuthMode;

/// Everything that can go wrong when calling Seam.
///
/// `Display` says what happened in one line; the variants carry the details (status, the
/// API's error type, the request id Seam logged the call under). Tokens never appear in
/// it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `401`: the credentials were missing, unknown or revoked. Seam answers this even
    /// with a body that is not JSON.
    #[error("unauthorized: Seam rejected the credentials (HTTP 401){}{}", Attempts(*attempts), RequestId(request_id.as_deref()))]
    Unauthorized {
        /// The id Seam logged the request under, when it sent one.
        request_id: Option<String>,
        /// How many attempts were made (more than one after retried failures).
        attempts: u32,
    },

    /// `invalid_input`: Seam rejected the params, with a message per param.
    #[error("{0}")]
    InvalidInput(Box<InvalidInput>),

    /// Any other error the API reported: `device_not_found`, rate limits, outages.
    #[error("{0}")]
    Api(Box<ApiError>),

    /// A success status whose body is not what the endpoint promises: not JSON, not an
    /// object, missing the response key, or not decodable into the response type.
    #[error("{0}")]
    InvalidResponse(Box<InvalidResponse>),

    /// An error status whose body is not Seam's error JSON, e.g. a proxy's HTML page.
    #[error("{0}")]
    Http(Box<HttpError>),

    /// The request never got an answer: connection refused or reset, timeout, TLS.
    #[error(transparent)]
    Transport(Box<TransportError>),

    /// The client's options are wrong or conflict (no key, two auth modes, a bad URL).
    #[error("invalid options: {0}")]
    InvalidOptions(String),

    /// A token of the wrong kind or format for how it was given.
    #[error("invalid token: {0}")]
    InvalidToken(String),

    /// An action attempt the call waited for ended in `error`.
    #[error("action attempt {} {} failed: {}", .0.action_type, .0.action_attempt_id, .0.error.as_ref().map_or("no reason given".to_owned(), |e| format!("{}: {}", e.error_type, e.message)))]
    ActionAttemptFailed(Box<ActionAttempt>),

    /// An action attempt the call waited for was still `pending` at the deadline.
    #[error("action attempt {} {} still pending after {:?}", .0.action_attempt.action_type, .0.action_attempt.action_attempt_id, .0.waited)]
    ActionAttemptTimedOut(Box<ActionAttemptTimeout>),

    /// The route does not accept how this client authenticates, so nothing was sent
    /// (e.g. a client session token on a route for servers).
    #[error("{0}")]
    AuthNotAccepted(Box<AuthNotAccepted>),

    /// The params could not be turned into a request (an empty path param, a value the
    /// query string cannot carry, a header with a line break).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(Box::new(e))
    }
}

impl Error {
    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Unauthorized { .. } => Some(StatusCode::UNAUTHORIZED),
            Error::InvalidInput(e) => Some(e.status),
            Error::Api(e) => Some(e.status),
            Error::InvalidResponse(e) => Some(e.status),
            Error::Http(e) => Some(e.status),
            _ => None,
        }
    }

    /// The id Seam logged the request under (from the `seam-request-id` header or the
    /// error body), to quote to Seam's support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Unauthorized { request_id, .. } => request_id.as_deref(),
            Error::InvalidInput(e) => e.request_id.as_deref(),
            Error::Api(e) => e.request_id.as_deref(),
            Error::InvalidResponse(e) => e.request_id.as_deref(),
            Error::Http(e) => e.request_id.as_deref(),
            Error::Transport(e) => e.request_id(),
            _ => None,
        }
    }

    /// How many attempts the call made before this error; `None` when nothing was sent.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Api(e) => Some(e.attempts),
            Error::Http(e) => Some(e.attempts),
            Error::Transport(e) => Some(e.attempts),
            Error::Unauthorized { attempts, .. } => Some(*attempts),
            Error::InvalidInput(e) => Some(e.attempts),
            Error::InvalidResponse(e) => Some(e.attempts),
            _ => None,
        }
    }

    /// Records that `attempts` attempts were made.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        match &mut self {
            Error::Api(e) => e.attempts = attempts,
            Error::Http(e) => e.attempts = attempts,
            Error::Transport(e) => e.attempts = attempts,
            Error::Unauthorized { attempts: a, .. } => *a = attempts,
            Error::InvalidInput(e) => e.attempts = attempts,
            Error::InvalidResponse(e) => e.attempts = attempts,
            _ => {}
        }
        self
    }

    /// The API's error type, e.g. `"device_not_found"`, for errors the API reported.
    pub fn error_type(&self) -> Option<&str> {
        match self {
            Error::Unauthorized { .. } => Some("unauthorized"),
            Error::InvalidInput(_) => Some("invalid_input"),
            Error::Api(e) => Some(&e.error_type),
            _ => None,
        }
    }
}

/// An action attempt that did not finish in time.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ActionAttemptTimeout {
    /// The attempt as last seen, still pending.
    pub action_attempt: ActionAttempt,
    /// How long the call waited.
    pub waited: Duration,
}

/// A route refused a client's auth mode before sending.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuthNotAccepted {
    /// The route, e.g. `PATCH /acs/credentials/unassign`.
    pub route: String,
    /// How the client authenticates.
    pub mode: AuthMode,
    /// What the route accepts.
    pub accepted: &'static [AuthMode],
}

impl fmt::Display for AuthNotAccepted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} does not accept {}; it accepts ",
            self.route,
            self.mode.describe()
        )?;
        for (i, mode) in self.accepted.iter().enumerate() {
            let sep = match i {
                0 => "",
                i if i + 1 == self.accepted.len() => " or ",
                _ => ", ",
            };
            write!(f, "{sep}{}", mode.describe())?;
        }
        Ok(())
    }
}

/// An error the API reported, other than `unauthorized` and `invalid_input`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status, e.g. `404`.
    pub status: StatusCode,
    /// The error type, e.g. `"device_not_found"`.
    pub error_type: String,
    /// The API's message.
    pub message: String,
    /// The id Seam logged the request under.
    pub request_id: Option<String>,
    /// Extra data the API attached, if any.
    pub data: Option<serde_json::Value>,
    /// How many attempts were made (more than one when retries ran out).
    pub attempts: u32,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (HTTP {}): {}{}{}",
            self.error_type,
            self.status.as_u16(),
            self.message,
            Attempts(self.attempts),
            RequestId(self.request_id.as_deref())
        )
    }
}

/// Seam rejected the params (`invalid_input`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InvalidInput {
    /// The HTTP status, usually `400`.
    pub status: StatusCode,
    /// The API's message.
    pub message: String,
    /// Messages per param, keyed by the param's name (dotted for nested params).
    pub params: BTreeMap<String, Vec<String>>,
    /// Messages about the params as a whole.
    pub general: Vec<String>,
    /// The id Seam logged the request under.
    pub request_id: Option<String>,
    /// How many attempts were made (more than one after retried failures).
    pub attempts: u32,
}

impl InvalidInput {
    /// The messages about one param; empty when it had none.
    pub fn messages_for(&self, param: &str) -> &[String] {
        self.params.get(param).map_or(&[], Vec::as_slice)
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid input (HTTP {})", self.status.as_u16())?;
        let mut sep = ": ";
        for message in &self.general {
            write!(f, "{sep}{message}")?;
            sep = "; ";
        }
        for (param, messages) in &self.params {
            write!(f, "{sep}`{param}`: {}", messages.join(", "))?;
            sep = "; ";
        }
        if sep == ": " {
            write!(f, ": {}", self.message)?;
        }
        write!(
            f,
            "{}{}",
            Attempts(self.attempts),
            RequestId(self.request_id.as_deref())
        )
    }
}

/// A success status with a body the endpoint cannot decode.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InvalidResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The route, e.g. `PATCH /acs/credentials/unassign`.
    pub route: String,
    /// What was wrong.
    pub reason: String,
    /// The start of the body, at most [`SNIPPET_LEN`] bytes.
    pub snippet: String,
    /// The id Seam logged the request under.
    pub request_id: Option<String>,
    /// How many attempts were made (more than one after retried failures).
    pub attempts: u32,
}

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid response to {} (HTTP {}): {}; body: `{}`{}{}",
            self.route,
            self.status.as_u16(),
            self.reason,
            self.snippet,
            Attempts(self.attempts),
            RequestId(self.request_id.as_deref())
        )
    }
}

/// An error status whose body is not Seam's error JSON.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The start of the body, at most [`SNIPPET_LEN`] bytes.
    pub snippet: String,
    /// The id Seam logged the request under, from the `seam-request-id` header.
    pub request_id: Option<String>,
    /// How many attempts were made (more than one when retries ran out).
    pub attempts: u32,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if self.snippet.is_empty() {
            f.write_str(" with an empty body")?;
        } else {
            write!(
                f,
                " with a body that is not Seam's error JSON: `{}`",
                self.snippet
            )?;
        }
        write!(
            f,
            "{}{}",
            Attempts(self.attempts),
            RequestId(self.request_id.as_deref())
        )
    }
}

/// The most of a body an error message quotes.
pub const SNIPPET_LEN: usize = 256;

/// The start of `body` as text, cut at a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_LEN)]);
    let text = text.trim_end_matches('\u{fffd}');
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A request that got no answer.
#[derive(Debug, thiserror::Error)]
#[error("{kind}{}{}{}", source.as_ref().map(|s| format!(": {s}")).unwrap_or_default(), Attempts(*attempts), RequestId(request_id.as_deref()))]
pub struct TransportError {
    kind: TransportErrorKind,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
    attempts: u32,
    request_id: Option<String>,
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS).
    Connect,
    /// No answer within the per-attempt timeout.
    Timeout,
    /// The connection broke while sending or receiving.
    Io,
    /// The body was larger than the transport's limit.
    BodyTooLarge,
    /// Anything else the transport reported.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "transport error: could not connect",
            TransportErrorKind::Timeout => "transport error: timed out",
            TransportErrorKind::Io => "transport error: the connection failed",
            TransportErrorKind::BodyTooLarge => "transport error: the response body is too large",
            TransportErrorKind::Other => "transport error",
        })
    }
}

impl TransportError {
    /// A transport error of `kind`, caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        TransportError {
            kind,
            source: Some(source.into()),
            attempts: 1,
            request_id: None,
        }
    }

    /// A transport error of `kind` with no underlying error.
    pub fn from_kind(kind: TransportErrorKind) -> Self {
        TransportError {
            kind,
            source: None,
            attempts: 1,
            request_id: None,
        }
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records the id Seam logged the request under, for a failure after the answer's
    /// headers arrived (the body broke off, or was too large).
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The id Seam logged the request under, when its headers arrived before the failure.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// ` after N attempts`, or nothing for one.
struct Attempts(u32);

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 | 1 => Ok(()),
            n => write!(f, " after {n} attempts"),
        }
    }
}

/// ` (request id X)`, or nothing.
struct RequestId<'a>(Option<&'a str>);

impl fmt::Display for RequestId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, " (request id {id})"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_stays_small() {
        assert!(size_of::<Error>() <= 32);
    }

    #[test]
    fn snippet_is_bounded_and_single_line() {
        let body = "é".repeat(400);
        let s = snippet(body.as_bytes());
        assert!(s.len() <= SNIPPET_LEN);
        assert!(s.chars().all(|c| c == 'é'));
        assert_eq!(snippet(b"<html>\n<h1>502</h1>"), "<html> <h1>502</h1>");
    }
}
