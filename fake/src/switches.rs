//! The switches a test flips on a running [`FakeSeam`]: outages by path, the pace and
//! outcome of action attempts, and a list route that repeats its cursor.

use std::time::Duration;

use http::StatusCode;

use crate::FakeSeam;
use crate::faults::Fault;
use crate::state::Outcome;

impl FakeSeam {
    /// Answers the next `times` requests to `path` (any method, before auth and routing,
    /// after [`respond_once`](Self::respond_once) answers) with `status` and Seam's error
    /// JSON (`503` is `service_unavailable`, `429` `rate_limit_exceeded`, other `5xx`
    /// `internal_server_error`); later requests are served again. Calls queue up, in order.
    ///
    /// ```
    /// # use seam_fake::FakeSeam;
    /// let fake = FakeSeam::start();
    /// fake.fail_next("/devices/get", 503, 2); // an outage for two requests
    /// ```
    ///
    /// # Panics
    ///
    /// If `status` is not a valid HTTP status (100 to 999).
    pub fn fail_next(&self, path: &str, status: u16, times: u32) {
        let status = StatusCode::from_u16(status)
            .unwrap_or_else(|_| panic!("{status} is not an HTTP status"));
        let fault = Fault::Status {
            status,
            retry_after: None,
        };
        self.shared.lock().faults.push(path, fault, times);
    }

    /// Answers the next `times` requests to `path` with `429 rate_limit_exceeded` and
    /// `Retry-After: <retry_after_seconds>`, as [`fail_next`](Self::fail_next) does.
    pub fn rate_limit_next(&self, path: &str, retry_after_seconds: u64, times: u32) {
        let fault = Fault::Status {
            status: StatusCode::TOO_MANY_REQUESTS,
            retry_after: Some(retry_after_seconds),
        };
        self.shared.lock().faults.push(path, fault, times);
    }

    /// Holds the next `times` requests to `path` for `duration` before answering them
    /// (normally), to make a client's timeout fire. A held request is recorded when it
    /// arrives; the hold ends early when the fake stops.
    pub fn stall_next(&self, path: &str, duration: Duration, times: u32) {
        self.shared
            .lock()
            .faults
            .push(path, Fault::Stall(duration), times);
    }

    /// How many polls of `GET /action_attempts/get` a new action attempt stays `pending`
    /// for: the `polls`-th poll answers its outcome (`success` unless forced otherwise).
    /// The default is 1; 0 counts as 1. Attempts already started keep their pace.
    pub fn action_attempts_settle_after(&self, polls: u32) {
        self.shared.lock().state.switches.polls_to_settle = polls.max(1);
    }

    /// Makes the next action attempt (`/locks/unlock_door`, ..) end in `error` with
    /// `{"type": error_type, "message": message}` instead of `success`, after the usual
    /// number of polls. Calls queue up: each forces one attempt, in order.
    pub fn next_action_attempt_fails(&self, error_type: &str, message: &str) {
        self.shared
            .lock()
            .state
            .switches
            .next_outcomes
            .push_back(Outcome::Error {
                error_type: error_type.to_owned(),
                message: message.to_owned(),
            });
    }

    /// Makes the next action attempt stay `pending` forever, to make a client's wait time
    /// out. Calls queue up with those of
    /// [`next_action_attempt_fails`](Self::next_action_attempt_fails).
    pub fn next_action_attempt_stays_pending(&self) {
        self.shared
            .lock()
            .state
            .switches
            .next_outcomes
            .push_back(Outcome::Pending);
    }

    /// Makes the paginated list route at `path` (e.g. `"/devices/list"`) answer every
    /// request that has a `page_cursor` with that same cursor as the next one, as a broken
    /// API would, so a client that follows cursors blindly loops forever.
    pub fn repeat_page_cursor(&self, path: &str) {
        self.shared
            .lock()
            .state
            .switches
            .repeat_cursor
            .insert(path.to_owned());
    }
}
