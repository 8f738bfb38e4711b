//! Outages on demand: a path answers an error status, or a rate limit with `Retry-After`,
//! or nothing for a while, for its next few requests, then recovers.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use http::StatusCode;

/// What a faulty path does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Answers `status` with Seam's error JSON, and `Retry-After: <seconds>` when given.
    Status {
        status: StatusCode,
        retry_after: Option<u64>,
    },
    /// Answers nothing for this long (or until the fake stops), then answers normally.
    Stall(Duration),
}

impl Fault {
    /// The error `type` and `message` of a [`Fault::Status`] answer.
    pub(crate) fn error(status: StatusCode) -> (&'static str, &'static str) {
        match status.as_u16() {
            429 => ("rate_limit_exceeded", "Too many requests; slow down"),
            502 => ("bad_gateway", "Bad gateway"),
            503 => ("service_unavailable", "The service is unavailable"),
            504 => ("gateway_timeout", "Gateway timeout"),
            500..=599 => ("internal_server_error", "Internal server error"),
            _ => ("fake_failure", "A failure the test asked the fake for"),
        }
    }
}

/// The faults queued per path, each for a number of requests.
#[derive(Debug, Default)]
pub(crate) struct Faults(HashMap<String, VecDeque<(Fault, u32)>>);

impl Faults {
    /// Queues `fault` for the next `times` requests to `path`, after those already queued.
    pub(crate) fn push(&mut self, path: &str, fault: Fault, times: u32) {
        if times > 0 {
            self.0
                .entry(path.to_owned())
                .or_default()
                .push_back((fault, times));
        }
    }

    /// The fault for this request to `path`, if one is queued; uses it up.
    pub(crate) fn take(&mut self, path: &str) -> Option<Fault> {
        let queue = self.0.get_mut(path)?;
        let (fault, times) = queue.front_mut()?;
        let fault = *fault;
        *times -= 1;
        if *times == 0 {
            queue.pop_front();
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_run_out_in_order() {
        let mut faults = Faults::default();
        let unavailable = Fault::Status {
            status: StatusCode::SERVICE_UNAVAILABLE,
            retry_after: None,
        };
        let stall = Fault::Stall(Duration::from_secs(1));
        faults.push("/a", unavailable, 2);
        faults.push("/a", stall, 1);
        faults.push("/b", stall, 0);
        assert_eq!(faults.take("/a"), Some(unavailable));
        assert_eq!(faults.take("/b"), None);
        assert_eq!(faults.take("/a"), Some(unavailable));
        assert_eq!(faults.take("/a"), Some(stall));
        assert_eq!(faults.take("/a"), None);
    }
}
