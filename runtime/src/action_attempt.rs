//! Action attempts: what a route that acts on a device answers with, and the wait for
//! its outcome.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// An action a device was asked to perform (`LOCK_DOOR`, `SET_HVAC_MODE`, ...), as the API
/// reports it.
///
/// Routes that answer with one wait for it by default: the client polls
/// `GET /action_attempts/get` until the status leaves `pending`, and a failure or a timeout
/// is an [`Error`](crate::Error) that carries the attempt.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct ActionAttempt {
    /// The attempt's id.
    pub action_attempt_id: String,
    /// The action, e.g. `"UNLOCK_DOOR"`.
    pub action_type: String,
    /// Where it stands.
    pub status: ActionAttemptStatus,
    /// What the action produced, once it succeeded.
    #[serde(default)]
    pub result: Option<serde_json::Value>,
    /// Why it failed, once it failed.
    #[serde(default)]
    pub error: Option<ActionAttemptError>,
}

crate::string_enum! {
    /// Where an action attempt stands.
    pub enum ActionAttemptStatus {
        /// Still running.
        Pending = "pending",
        /// Done.
        Success = "success",
        /// Failed; see [`ActionAttempt::error`].
        Error = "error",
    }
}

/// Why an action attempt failed.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct ActionAttemptError {
    /// The error type, e.g. `"device_offline"`.
    #[serde(rename = "type")]
    pub error_type: String,
    /// The API's message.
    pub message: String,
}

impl fmt::Display for ActionAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({})",
            self.action_type, self.action_attempt_id, self.status
        )
    }
}

/// How long to wait for action attempts, and how often to ask.
///
/// The default waits up to 10 seconds, asking every second, as Seam's JavaScript SDK does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitForActionAttempt {
    /// Give up after this long.
    pub timeout: Duration,
    /// Ask this often.
    pub interval: Duration,
}

impl Default for WaitForActionAttempt {
    fn default() -> Self {
        WaitForActionAttempt {
            timeout: Duration::from_secs(10),
            interval: Duration::from_secs(1),
        }
    }
}
