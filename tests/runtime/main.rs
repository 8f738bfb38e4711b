//! The runtime's behaviour against the fake server over loopback: each auth mode's
//! headers, retries and timeouts, action attempts, pagination, the raw escape hatch, and
//! tracing that never shows a token.

mod action_attempts;
mod auth;
mod pagination;
mod raw;
mod retries;
mod tracing;

#[path = "../support/alone.rs"]
mod alone;
#[path = "../support/capture.rs"]
mod capture;
use alone::run_alone;

use seam::{Seam, SeamBuilder};
use seam_fake::{FakeSeam, RecordedRequest};

/// A builder pointed at `fake`, with no credentials yet.
fn builder(fake: &FakeSeam) -> SeamBuilder {
    Seam::builder().endpoint(fake.endpoint())
}

/// `METHOD /path` of every request the fake recorded, in order.
fn lines(fake: &FakeSeam) -> Vec<String> {
    fake.requests().iter().map(line).collect()
}

/// `METHOD /path` of one request.
fn line(r: &RecordedRequest) -> String {
    format!("{} {}", r.method, r.path)
}

/// The headers a request carried that say who is calling, as sorted `(name, value)`
/// pairs.
fn auth_headers(r: &RecordedRequest) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = r
        .headers
        .iter()
        .filter(|(name, _)| {
            matches!(
                name.as_str(),
                "authorization"
                    | "seam-workspace"
                    | "client-session-token"
                    | "seam-publishable-key"
            )
        })
        .cloned()
        .collect();
    found.sort();
    found
}

/// `(name, value)` pairs, owned, for comparing with [`auth_headers`].
fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    pairs.sort();
    pairs
}
