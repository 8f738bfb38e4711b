//! What the per-call benches share: the fixtures (the seed call, a `GET` with ten query
//! params, 1,000 ACS users, 1,000 devices), the Transports that stand in for the network,
//! the hand-written reqwest + serde client they are compared with, and the runtime's own
//! envelope decoder compiled in here, to time decoding alone.
//!
//! The benches are in `benches/percall.rs`; `python3 benches/run.py percall` runs them in
//! alternating pairs and prints the ratios.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use seam::models::{AcsUser, Device};
use seam_runtime::{BoxFuture, HttpRequest, ReqwestTransport, Seam, Transport, TransportError};
use serde::Deserialize;

pub mod cases;
pub mod fixtures;
pub mod hand;

/// The runtime's envelope decoder (`runtime/src/envelope.rs`), compiled into this crate
/// unchanged: the client's decoding step without the exchange around it. Its error paths
/// build the stand-in error types of [`error`], which the benches never reach.
#[path = "../../../runtime/src/envelope.rs"]
#[allow(dead_code, unreachable_pub, clippy::all)]
mod envelope;

/// Stand-ins for the runtime's error types, with the same fields, for [`envelope`]. The
/// runtime's own are `#[non_exhaustive]`, so they cannot be built from here.
#[allow(dead_code)]
mod error {
    use std::collections::BTreeMap;

    use http::StatusCode;

    #[derive(Debug)]
    pub(crate) enum Error {
        Unauthorized {
            request_id: Option<String>,
            attempts: u32,
        },
        InvalidInput(Box<InvalidInput>),
        Api(Box<ApiError>),
        InvalidResponse(Box<InvalidResponse>),
        Http(Box<HttpError>),
    }

    #[derive(Debug)]
    pub(crate) struct ApiError {
        pub(crate) status: StatusCode,
        pub(crate) error_type: String,
        pub(crate) message: String,
        pub(crate) request_id: Option<String>,
        pub(crate) data: Option<serde_json::Value>,
        pub(crate) attempts: u32,
    }

    #[derive(Debug)]
    pub(crate) struct InvalidInput {
        pub(crate) status: StatusCode,
        pub(crate) message: String,
        pub(crate) params: BTreeMap<String, Vec<String>>,
        pub(crate) general: Vec<String>,
        pub(crate) request_id: Option<String>,
        pub(crate) attempts: u32,
    }

    #[derive(Debug)]
    pub(crate) struct InvalidResponse {
        pub(crate) status: StatusCode,
        pub(crate) route: String,
        pub(crate) reason: String,
        pub(crate) snippet: String,
        pub(crate) request_id: Option<String>,
        pub(crate) attempts: u32,
    }

    #[derive(Debug)]
    pub(crate) struct HttpError {
        pub(crate) status: StatusCode,
        pub(crate) snippet: String,
        pub(crate) request_id: Option<String>,
        pub(crate) attempts: u32,
    }

    /// As the runtime's `snippet`.
    pub(crate) fn snippet(body: &[u8]) -> String {
        let text = String::from_utf8_lossy(&body[..body.len().min(256)]);
        text.trim_end_matches('\u{fffd}').to_owned()
    }
}

mod paginate {
    pub(crate) use seam_runtime::Pagination;
}

/// Decodes a success body as the client does, with the runtime's own decoder: the payload
/// under `key` straight into `R`, other keys skipped. `None` on any error.
pub fn runtime_decode<R: serde::de::DeserializeOwned>(body: &Bytes, key: &str) -> Option<R> {
    let raw = envelope::RawResponse {
        status: http::StatusCode::OK,
        headers: http::HeaderMap::new(),
        body: body.clone(),
        attempts: 1,
    };
    envelope::decode(&raw, Some(key), &"GET /bench").ok()
}

/// The hand-written envelope of `/acs/users/list`: the list straight into its type,
/// every other key skipped.
#[derive(Deserialize)]
pub struct AcsUsersEnvelope {
    /// The users.
    pub acs_users: Vec<AcsUser>,
}

/// The hand-written envelope of `/devices/list`.
#[derive(Deserialize)]
pub struct DevicesEnvelope {
    /// The devices.
    pub devices: Vec<Device>,
}

/// A Transport that answers every request with a canned `200` body at once. Before it
/// answers it turns the request into a `reqwest::Request`, as `ReqwestTransport` does
/// before any I/O, so a call through it costs what a call through the default transport
/// costs on the CPU, less the network.
#[derive(Debug, Clone)]
pub struct Canned {
    body: Bytes,
    /// How many requests it saw.
    pub seen: Arc<AtomicUsize>,
}

impl Canned {
    /// Answers `body` to everything.
    pub fn new(body: impl Into<Bytes>) -> Self {
        Canned {
            body: body.into(),
            seen: Arc::default(),
        }
    }
}

impl Transport for Canned {
    fn send(
        &self,
        request: HttpRequest,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        // Exactly what `ReqwestTransport` executes.
        let request = ReqwestTransport::to_reqwest(request);
        std::hint::black_box(&request);
        self.seen.fetch_add(1, Ordering::Relaxed);
        // No headers: the floor's stand-in hands over status and body alone, and the
        // client reads no header of a success but `seam-request-id`.
        let response = http::Response::new(self.body.clone());
        Box::pin(std::future::ready(Ok(response)))
    }
}

/// The API key every client here uses.
pub const API_KEY: &str = "seam_bench1_0123456789abcdefghij";

/// The base URL every client here uses; nothing listens there.
pub const ENDPOINT: &str = "http://127.0.0.1:9";

/// A client over `transport`, with the defaults a user gets (30 s timeout, 2 retries).
/// With `SEAM_BENCH_NO_TIMEOUT` set, without the timeout: a diagnostic for what the
/// client's per-attempt timer costs (`BENCHMARKS.md`, per-call findings).
pub fn seam_client(transport: impl Transport) -> Seam {
    let builder = Seam::builder()
        .api_key(API_KEY)
        .endpoint(ENDPOINT)
        .transport(transport);
    let builder = if std::env::var_os("SEAM_BENCH_NO_TIMEOUT").is_some() {
        builder.timeout(None)
    } else {
        builder
    };
    builder.build().expect("a valid client")
}

/// A current-thread runtime with a timer, as the client's timeout needs.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime")
}
