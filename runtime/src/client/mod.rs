//! The client: configuration, the one generic `send`, and the non-generic loop that
//! carries every call (auth headers, timeout, retries, tracing).
//!
//! `builder` checks the options, `request` turns params into a prepared request (the only
//! generic step), and `exchange` sends it: attempts, retries, action attempts.

mod builder;
mod exchange;
mod request;
mod routes;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::HeaderMap;

use crate::action_attempt::WaitForActionAttempt;
use crate::auth::{AuthMode, Credentials, Secret};
use crate::endpoint::{Endpoint, Method};
use crate::envelope;
use crate::error::Error;
use crate::meta::EndpointMeta;
use crate::transport::Transport;

pub use builder::SeamBuilder;
use exchange::execute;
use request::{CallOptions, Route, check_auth, finish_prepare, route_url};
pub use request::{Request, ResponseFuture};

/// Seam's API, unless `SEAM_ENDPOINT` or the builder says otherwise.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";

/// The per-attempt timeout unless configured: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Retries after the first attempt unless configured: 2 (3 attempts in all).
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The name this SDK reports in `seam-sdk-name`.
pub const SDK_NAME: &str = "seamapi/rust";

/// The version this SDK reports in `seam-sdk-version`.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A Seam API client.
///
/// Cheap to clone (one `Arc`), `Send + Sync`, and its `Debug` never shows a token.
///
/// Calls run on Tokio and need its IO and time drivers (for the connection, and for
/// timeouts, backoff and action-attempt polling): `#[tokio::main]` and
/// `Runtime::new()` enable both; a runtime built by hand needs `.enable_all()`, as
/// reqwest itself does. Outside Tokio, use the `blocking` feature's client.
///
/// ```no_run
/// # async fn run() -> Result<(), seam_runtime::Error> {
/// use seam_runtime::Seam;
///
/// let seam = Seam::from_env()?; // SEAM_API_KEY, or SEAM_PERSONAL_ACCESS_TOKEN + SEAM_WORKSPACE_ID
/// let seam = Seam::from_api_key("seam_test_123")?;
/// let seam = Seam::builder()
///     .personal_access_token("seam_at_123", "ws_123")
///     .endpoint("https://connect.getseam.com")
///     .timeout(std::time::Duration::from_secs(10))
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Seam {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) endpoint: String,
    /// `endpoint`, parsed once: each request's URL starts from it.
    pub(super) base_url: url::Url,
    /// Static routes' URLs on `base_url`, built on first use.
    pub(super) routes: routes::Routes,
    pub(super) credentials: Credentials,
    pub(super) headers: HeaderMap,
    pub(super) transport: Arc<dyn Transport>,
    pub(super) timeout: Option<Duration>,
    pub(super) max_retries: u32,
    pub(super) wait: Option<WaitForActionAttempt>,
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seam")
            .field("endpoint", &self.inner.endpoint)
            .field("auth", &self.inner.credentials.kind())
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("wait_for_action_attempts", &self.inner.wait)
            .field("transport", &self.inner.transport)
            .finish()
    }
}

impl Seam {
    /// A client that authenticates with an API key (`seam_…`).
    pub fn from_api_key(api_key: impl Into<Secret>) -> Result<Self, Error> {
        Seam::builder().api_key(api_key).build()
    }

    /// A client that authenticates with a personal access token (`seam_at…`) and acts in
    /// one workspace (sent as `seam-workspace`).
    pub fn from_personal_access_token(
        token: impl Into<Secret>,
        workspace_id: impl Into<String>,
    ) -> Result<Self, Error> {
        Seam::builder()
            .personal_access_token(token, workspace_id)
            .build()
    }

    /// A client configured from the environment: `SEAM_API_KEY`, or
    /// `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`, and `SEAM_ENDPOINT`.
    pub fn from_env() -> Result<Self, Error> {
        Seam::builder().with_env().build()
    }

    /// A client that authenticates with a client session token (`seam_cst…`), as a
    /// frontend does on behalf of one user. Like the other constructors it calls
    /// [`DEFAULT_ENDPOINT`]; [`Seam::builder`] sets another.
    pub fn from_client_session_token(token: impl Into<Secret>) -> Result<Self, Error> {
        Seam::builder().client_session_token(token).build()
    }

    /// A client for one user of a frontend: exchanges the publishable key (`seam_pk…`) for
    /// a client session (`POST /client_sessions/get_or_create`), then authenticates with
    /// its token. For another endpoint than [`DEFAULT_ENDPOINT`], use
    /// `Seam::builder().endpoint(..).publishable_key(..).build_async()`.
    pub async fn from_publishable_key(
        publishable_key: impl Into<Secret>,
        user_identifier_key: impl Into<String>,
    ) -> Result<Self, Error> {
        Seam::builder()
            .publishable_key(publishable_key, user_identifier_key)
            .build_async()
            .await
    }

    /// How this client authenticates.
    pub fn auth_mode(&self) -> AuthMode {
        self.inner.credentials.mode()
    }

    /// A builder for every option.
    pub fn builder() -> SeamBuilder {
        SeamBuilder::default()
    }

    /// The API's base URL this client calls.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// Exchanges this client's publishable key for a client session token.
    async fn client_session_token(&self, user_identifier_key: &str) -> Result<String, Error> {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            user_identifier_key: &'a str,
        }
        #[derive(serde::Deserialize)]
        struct ClientSession {
            token: String,
        }
        let body = serde_json::to_vec(&Body {
            user_identifier_key,
        })
        .map_err(|e| Error::InvalidRequest(e.to_string()))?;
        let route = "/client_sessions/get_or_create";
        let url = route_url(&self.inner, &crate::RoutePath::from_static(route));
        let prepared = finish_prepare(Method::Post, url, Bytes::from(body), HeaderMap::new());
        let raw = execute(self.inner.clone(), prepared, CallOptions::default()).await?;
        let route = Route {
            method: Method::Post,
            path: route,
        };
        let session: ClientSession = envelope::decode(&raw, Some("client_session"), &route)?;
        Ok(session.token)
    }

    /// Calls a route nothing declares yet: `params` go in the query string for `GET` and
    /// `DELETE` and in a JSON body otherwise, and the whole answer comes back as JSON
    /// (`{"ok": true, ..}`). Auth, retries, timeouts and errors work as for any call.
    ///
    /// ```no_run
    /// # async fn run(seam: seam_runtime::Seam) -> Result<(), seam_runtime::Error> {
    /// use seam_runtime::Method;
    ///
    /// let body = seam
    ///     .request(Method::Get, "/devices/get", &serde_json::json!({ "device_id": "d1" }))
    ///     .await?;
    /// println!("{}", body["device"]["display_name"]);
    /// # Ok(()) }
    /// ```
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        params: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        if !path.starts_with('/') || path.contains(['?', '#']) {
            return Err(Error::InvalidRequest(format!(
                "`{path}` is not a route path: it starts with `/` and has no query"
            )));
        }
        self.request_json(method, path, params, None).await
    }

    /// Calls a declared endpoint found at run time (in [`endpoints`](crate::endpoints)),
    /// with params as JSON: what a command line or a proxy does. The declaration's checks
    /// apply as for a typed call (auth modes, `at_least_one_of`, path placeholders), and
    /// action attempts are waited for. The whole answer comes back as JSON.
    pub async fn send_dynamic(
        &self,
        meta: &'static EndpointMeta,
        params: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        check_auth(&self.inner, meta)?;
        let mut params = params.clone();
        let object = params
            .as_object_mut()
            .ok_or_else(|| Error::InvalidRequest("params are a JSON object".into()))?;
        for group in meta.at_least_one_of {
            let omitted: Vec<bool> = group
                .iter()
                .map(|name| object.get(*name).is_none_or(serde_json::Value::is_null))
                .collect();
            crate::__private::at_least_one_of(&omitted, group)?;
        }
        // Placeholders take their params out of the body or query.
        let mut path = crate::RoutePath::new();
        for segment in meta.path.split('/').skip(1) {
            path.literal("/");
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => {
                    let value = match object.remove(name) {
                        Some(serde_json::Value::String(text)) => text,
                        Some(other) if !other.is_null() => other.to_string(),
                        _ => {
                            return Err(Error::InvalidRequest(format!(
                                "path parameter `{name}` is missing"
                            )));
                        }
                    };
                    path.param(name, &value)?;
                }
                None => path.literal(segment),
            }
        }
        self.request_json(meta.method, path.as_str(), &params, Some(meta))
            .await
    }

    async fn request_json(
        &self,
        method: Method,
        path: &str,
        params: &serde_json::Value,
        meta: Option<&'static EndpointMeta>,
    ) -> Result<serde_json::Value, Error> {
        let route = crate::RoutePath::owned(path.to_owned());
        let (url, body) = request::encode(&self.inner, method, &route, params)?;
        let mut prepared = finish_prepare(method, url, body, HeaderMap::new());
        prepared.meta = meta;
        let raw = execute(self.inner.clone(), prepared, CallOptions::default()).await?;
        serde_json::from_slice(&raw.body).map_err(|e| {
            Error::InvalidResponse(Box::new(crate::error::InvalidResponse {
                status: raw.status,
                route: format!("{method} {path}"),
                reason: format!("the body is not JSON ({e})"),
                snippet: crate::error::snippet(&raw.body),
                request_id: raw.request_id(),
                attempts: raw.attempts,
            }))
        })
    }

    /// Pages through a paginated list route: first page, a page by cursor, a stream of
    /// pages or of items, or everything at once.
    pub fn paginate<E: crate::Paginated>(&self, params: E) -> crate::Paginator<E>
    where
        E::Response: Send,
    {
        crate::Paginator::new(self.clone(), params)
    }

    /// Calls any endpoint: `seam.send(params).await`.
    ///
    /// The params are encoded at once; the request goes out when the returned
    /// [`Request`] is awaited, after any per-call options are set on it.
    pub fn send<E: Endpoint>(&self, endpoint: E) -> Request<E> {
        Request::new(self, &endpoint)
    }
}

/// What the namespaced methods call: the async client answers with a [`Request`].
impl crate::Caller for Seam {
    type Call<E: Endpoint> = Request<E>;

    fn call<E: Endpoint>(&self, endpoint: E) -> Request<E> {
        self.send(endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Seam>();
    }
}
