//! An in-memory, Seam-compatible fake of the [Seam API](https://docs.seam.co), served over
//! loopback HTTP from a background thread: for tests, examples, and offline work.
//!
//! ```
//! use seam::acs::credentials;
//! use seam::prelude::*;
//! use seam_fake::FakeSeam;
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), seam::Error> {
//!     let fake = FakeSeam::start();
//!     // Seed what the test needs, or create it through the API.
//!     let user_id = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
//!     let credential_id = fake.add_acs_credential(&user_id, "1234");
//!
//!     let seam = fake.client(); // the seeded API key, pointed at the fake
//!     seam.acs()
//!         .credentials()
//!         .unassign(credentials::Unassign {
//!             acs_credential_id: credential_id.clone(),
//!             acs_user_id: Some(user_id.clone()),
//!             user_identity_id: None,
//!         })
//!         .await?;
//!     let held = seam
//!         .acs()
//!         .credentials()
//!         .list(credentials::List {
//!             acs_user_id: Some(user_id),
//!             ..Default::default()
//!         })
//!         .await?;
//!     assert!(held.is_empty());
//!
//!     // Every request is recorded as it arrived.
//!     let unassign = &fake.requests()[0];
//!     assert_eq!(unassign.method, "PATCH");
//!     assert_eq!(unassign.path, "/acs/credentials/unassign");
//!     assert_eq!(unassign.header("seam-sdk-name"), Some("seamapi/rust"));
//!     assert_eq!(unassign.body_json().unwrap()["acs_credential_id"], credential_id);
//!     Ok(())
//! }
//! ```
//!
//! # What it serves
//!
//! The routes of `seam::acs::{systems, users, credentials}`, `seam::devices::{get, list}`
//! and `seam::locks::{list, lock_door, unlock_door}` (the fake's devices are all locks),
//! `seam::action_attempts::{get, list}`, `seam::client_sessions::{get_or_create, create,
//! get}` and `seam::workspaces::{list, create, get}`. Each is registered from the same
//! `#[seam_endpoint]` declaration the client sends with (its path, method, params struct,
//! response key and the auth modes it accepts), so the fake and the client cannot drift
//! apart.
//!
//! It behaves like the API on the wire:
//!
//! - Every path accepts `POST` besides its own method. Params come from the query string
//!   for `GET` and `DELETE` (Seam's encoding), from the JSON body otherwise (an empty body
//!   is `{}`).
//! - Success is `200 {"ok": true, "<key>": ..}` (`{"ok": true}` for a void route); errors
//!   are `{"ok": false, "error": {"type", "message", "request_id", "validation_errors"?}}`.
//!   Every answer carries a `seam-request-id` header (`req_1`, `req_2`, ..).
//! - Params that do not decode are `400 invalid_input` with Zod-style
//!   `validation_errors` (`{"_errors": [], "<param>": {"_errors": ["Required"]}}`).
//! - Auth, as the API reads it: the [API key](FakeSeam::api_key) as
//!   `authorization: Bearer <key>`, acting in its workspace; the
//!   [personal access token](FakeSeam::personal_access_token) and the
//!   [console session token](FakeSeam::console_session_token) as bearer tokens, in the
//!   workspace `seam-workspace` names, or in none without it (which only
//!   `/workspaces/list` and `/workspaces/create` accept); a
//!   [client session token](FakeSeam::client_session_token) as the bearer token *and* as
//!   `client-session-token`, the same in both; the
//!   [publishable key](FakeSeam::publishable_key) alone as `seam-publishable-key`, which
//!   only `/client_sessions/get_or_create` (and `create`) accept. A route answers only the
//!   modes its declaration lists. Anything else is `401 unauthorized`. A path the fake does
//!   not serve is `404 not_found`, a method the path does not take `405
//!   method_not_allowed`.
//! - Unknown ids are `404 <resource>_not_found` (`acs_system_not_found`,
//!   `device_not_found`, `action_attempt_not_found`, `user_identity_not_found`: the fake
//!   has no user identities, ..). Resources are scoped to the caller's workspace.
//! - Paginated lists (`/devices/list`, `/acs/users/list`, `/acs/credentials/list`,
//!   `/action_attempts/list`) honour `limit` and `page_cursor` and answer
//!   `pagination: {has_next_page, next_page_cursor, next_page_url}`.
//! - `/locks/unlock_door` and `/locks/lock_door` answer a `pending` action attempt; each
//!   `GET /action_attempts/get` is one poll, and the
//!   [`action_attempts_settle_after`](FakeSeam::action_attempts_settle_after)-th poll
//!   answers `success` (and the lock changes state).
//!
//! Ids are UUID-shaped and come from a counter (`00000000-0000-4000-8000-000000000001`),
//! timestamps from a fixed clock that ticks one second per resource
//! (`2025-01-01T00:00:01.000Z`): the same calls give the same answers on every run.
//!
//! # Recording, canned answers, seeding
//!
//! [`requests`](FakeSeam::requests) returns every request received, rejected ones
//! included, as [`RecordedRequest`]s (method, path, raw query, headers, body).
//! [`respond_once`](FakeSeam::respond_once) queues an exact answer for the next request to
//! a path, e.g. a proxy's HTML `502`, to test how code copes with it.
//!
//! Switches make the fake misbehave on purpose:
//! [`fail_next`](FakeSeam::fail_next) (an outage: `503`, `500`, .. for the next requests
//! to a path), [`rate_limit_next`](FakeSeam::rate_limit_next) (`429` with `Retry-After`),
//! [`stall_next`](FakeSeam::stall_next) (no answer for a while, to make timeouts fire),
//! [`action_attempts_settle_after`](FakeSeam::action_attempts_settle_after),
//! [`next_action_attempt_fails`](FakeSeam::next_action_attempt_fails),
//! [`next_action_attempt_stays_pending`](FakeSeam::next_action_attempt_stays_pending) and
//! [`repeat_page_cursor`](FakeSeam::repeat_page_cursor).
//! [`add_acs_system`](FakeSeam::add_acs_system), [`add_acs_user`](FakeSeam::add_acs_user),
//! [`add_acs_credential`](FakeSeam::add_acs_credential),
//! [`add_device`](FakeSeam::add_device) and [`add_workspace`](FakeSeam::add_workspace)
//! seed data without going through the API.
//!
//! # Shutdown
//!
//! Dropping the [`FakeSeam`] stops the server and joins its thread; it works the same
//! from synchronous code and inside any tokio runtime.

mod auth;
mod decode;
mod error;
mod faults;
mod routes;
mod server;
mod state;
mod switches;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;

use bytes::Bytes;
use http::StatusCode;
use seam::Seam;

use crate::server::{Canned, ServerThread, Shared};
use crate::state::Seeds;

/// A running fake Seam API on `127.0.0.1` with an ephemeral port.
///
/// It starts seeded with one workspace, an [API key](Self::api_key) and a
/// [publishable key](Self::publishable_key) for it, a
/// [personal access token](Self::personal_access_token) and a
/// [console session token](Self::console_session_token), one access system named
/// "Main Building" ([`acs_system_id`](Self::acs_system_id)), one lock named "Front Door"
/// ([`device_id`](Self::device_id)), and one client session for user `fake-user`
/// ([`client_session_token`](Self::client_session_token)). Dropping it shuts the server
/// down.
pub struct FakeSeam {
    addr: SocketAddr,
    seeds: Seeds,
    shared: Arc<Shared>,
    // Declared last: dropped after the rest, it stops and joins the server thread.
    _server: ServerThread,
}

impl fmt::Debug for FakeSeam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeSeam")
            .field("endpoint", &self.endpoint())
            .field("workspace_id", &self.seeds.workspace.workspace_id)
            .finish_non_exhaustive()
    }
}

impl FakeSeam {
    /// Starts a fake on `127.0.0.1` with an ephemeral port, served from a background
    /// thread with its own tokio runtime.
    ///
    /// # Panics
    ///
    /// If the loopback socket or the thread cannot be created; see
    /// [`try_start`](Self::try_start) to handle that instead.
    pub fn start() -> FakeSeam {
        FakeSeam::try_start().expect("the Seam fake could not start on 127.0.0.1")
    }

    /// Like [`start`](Self::start), returning the error when the socket, the runtime or
    /// the thread cannot be created.
    pub fn try_start() -> io::Result<FakeSeam> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let addr = listener.local_addr()?;
        let (mut state, seeds) = state::State::seeded();
        state.base_url = format!("http://{addr}");
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let shared = Arc::new(Shared::new(routes::all(), state, stopping));
        let server = ServerThread::spawn(listener, shared.clone(), stop)?;
        Ok(FakeSeam {
            addr,
            seeds,
            shared,
            _server: server,
        })
    }

    /// The base URL to point a client at, e.g. `http://127.0.0.1:40123`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the fake listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The seeded workspace's API key (`seam_…`).
    pub fn api_key(&self) -> &str {
        &self.seeds.workspace.api_key
    }

    /// A personal access token (`seam_at…`), valid in every workspace of the fake when
    /// sent with `seam-workspace: <workspace_id>`.
    pub fn personal_access_token(&self) -> &str {
        &self.seeds.personal_access_token
    }

    /// The seeded workspace's id.
    pub fn workspace_id(&self) -> &str {
        &self.seeds.workspace.workspace_id
    }

    /// The seeded workspace's publishable key (`seam_pk…`), which
    /// `POST /client_sessions/get_or_create` exchanges for a client session when sent as
    /// `seam-publishable-key`.
    pub fn publishable_key(&self) -> &str {
        &self.seeds.workspace.publishable_key
    }

    /// A console session token (a JWT, `ey…`), valid in every workspace of the fake when
    /// sent with `seam-workspace: <workspace_id>`, and without it on `/workspaces/list`
    /// and `/workspaces/create`.
    pub fn console_session_token(&self) -> &str {
        &self.seeds.console_session_token
    }

    /// The token (`seam_cst…`) of the seeded client session (user `fake-user`, in the
    /// seeded workspace). It authenticates as `authorization: Bearer <token>` together with
    /// `client-session-token: <token>`; one without the other is `401`.
    pub fn client_session_token(&self) -> &str {
        &self.seeds.client_session_token
    }

    /// The seeded access system ("Main Building") in the seeded workspace.
    pub fn acs_system_id(&self) -> &str {
        &self.seeds.acs_system_id
    }

    /// The seeded lock ("Front Door", locked) in the seeded workspace.
    pub fn device_id(&self) -> &str {
        &self.seeds.device_id
    }

    /// A client for the seeded workspace: the [API key](Self::api_key) and this fake's
    /// [endpoint](Self::endpoint), with the client's defaults otherwise (retries included).
    ///
    /// # Panics
    ///
    /// If the client cannot be built, which happens only when `seam` has no transport
    /// (its default `reqwest` feature is off).
    pub fn client(&self) -> Seam {
        Seam::builder()
            .api_key(self.api_key())
            .endpoint(self.endpoint())
            .build()
            .expect("a client for the Seam fake")
    }

    /// Every request received so far, in order, rejected ones included.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// Answers the next request to `path` (any method, before auth and routing) with exactly
    /// `status`, a `content-type` of `content_type`, and `body`, plus a `seam-request-id`.
    /// Calls queue up: each answers one request, in order.
    ///
    /// ```
    /// # use seam_fake::FakeSeam;
    /// let fake = FakeSeam::start();
    /// fake.respond_once("/acs/credentials/unassign", 502, "text/html", "<h1>Bad Gateway</h1>");
    /// ```
    ///
    /// # Panics
    ///
    /// If `status` is not a valid HTTP status (100 to 999).
    pub fn respond_once(
        &self,
        path: &str,
        status: u16,
        content_type: &str,
        body: impl Into<Bytes>,
    ) {
        let status = StatusCode::from_u16(status)
            .unwrap_or_else(|_| panic!("{status} is not an HTTP status"));
        self.shared
            .lock()
            .canned
            .entry(path.to_owned())
            .or_default()
            .push_back(Canned {
                status,
                content_type: content_type.to_owned(),
                body: body.into(),
            });
    }

    /// Adds an access system named `name` to the seeded workspace and returns its id.
    pub fn add_acs_system(&self, name: &str) -> String {
        self.add_acs_system_in(self.workspace_id(), name)
    }

    /// Adds an access system named `name` to the workspace `workspace_id` and returns its
    /// id.
    ///
    /// # Panics
    ///
    /// If the fake has no workspace with that id.
    pub fn add_acs_system_in(&self, workspace_id: &str, name: &str) -> String {
        self.shared
            .lock()
            .state
            .add_acs_system(workspace_id, name)
            .unwrap_or_else(|| panic!("the Seam fake has no workspace `{workspace_id}`"))
    }

    /// Adds a user named `full_name` to access system `acs_system_id` (in that system's
    /// workspace) and returns the user's id.
    ///
    /// # Panics
    ///
    /// If the fake has no access system with that id.
    pub fn add_acs_user(&self, acs_system_id: &str, full_name: &str) -> String {
        self.shared
            .lock()
            .state
            .add_acs_user(acs_system_id, full_name, None, None)
            .map(|user| user.acs_user_id.clone())
            .unwrap_or_else(|| panic!("the Seam fake has no access system `{acs_system_id}`"))
    }

    /// Adds a `code` credential with `code`, assigned to user `acs_user_id` (in the user's
    /// access system), and returns the credential's id.
    ///
    /// # Panics
    ///
    /// If the fake has no access system user with that id.
    pub fn add_acs_credential(&self, acs_user_id: &str, code: &str) -> String {
        let mut inner = self.shared.lock();
        let system = inner
            .state
            .acs_users
            .iter()
            .find(|u| u.acs_user_id == acs_user_id)
            .map(|u| u.acs_system_id.clone())
            .unwrap_or_else(|| panic!("the Seam fake has no access system user `{acs_user_id}`"));
        inner
            .state
            .add_acs_credential(&system, Some(acs_user_id), "code", Some(code))
            .map(|credential| credential.acs_credential_id.clone())
            .unwrap_or_else(|| panic!("the Seam fake has no access system `{system}`"))
    }

    /// Adds a lock named `name` (locked) to the seeded workspace and returns its id. Devices
    /// list in the order they were added.
    pub fn add_device(&self, name: &str) -> String {
        self.add_device_in(self.workspace_id(), name)
    }

    /// Adds a lock named `name` to the workspace `workspace_id` and returns its id.
    ///
    /// # Panics
    ///
    /// If the fake has no workspace with that id.
    pub fn add_device_in(&self, workspace_id: &str, name: &str) -> String {
        self.shared
            .lock()
            .state
            .add_device(workspace_id, name)
            .unwrap_or_else(|| panic!("the Seam fake has no workspace `{workspace_id}`"))
    }

    /// Whether device `device_id` is locked, as the fake holds it; `None` for an unknown
    /// device.
    pub fn device_locked(&self, device_id: &str) -> Option<bool> {
        let inner = self.shared.lock();
        let device = inner
            .state
            .devices
            .iter()
            .find(|d| d.device_id == device_id)?;
        Some(device.locked)
    }

    /// Adds an empty workspace with its own API key and publishable key, e.g. to check that one workspace
    /// cannot see another's resources.
    pub fn add_workspace(&self, name: &str) -> Workspace {
        self.shared.lock().state.add_workspace(name)
    }

    /// The paths the fake serves, sorted, e.g. `"/acs/credentials/unassign"`.
    pub fn routes(&self) -> Vec<&'static str> {
        self.shared.routes().paths()
    }
}

/// A workspace of the fake and the API key that acts in it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Workspace {
    /// The workspace's id.
    pub workspace_id: String,
    /// Its name.
    pub name: String,
    /// An API key (`seam_…`) for it.
    pub api_key: String,
    /// A publishable key (`seam_pk…`) for it, to exchange for client sessions.
    pub publishable_key: String,
}

/// A request the fake received, as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method, e.g. `"PATCH"`.
    pub method: String,
    /// The path, without the query string, e.g. `"/acs/credentials/unassign"`.
    pub path: String,
    /// The raw query string, without `?`, when the URL had one.
    pub query: Option<String>,
    /// The headers in the order received, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl RecordedRequest {
    /// The first value of header `name` (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name` (compared case-insensitively), in order.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The body as JSON.
    pub fn body_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}
