//! The client: configuration, the one generic `send`, and the non-generic loop that
//! carries every call (auth headers, timeout, retries, tracing).

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument;

use crate::action_attempt::{ActionAttempt, ActionAttemptStatus, WaitForActionAttempt};
use crate::auth::{AuthMode, Credentials, Secret};
use crate::endpoint::{Endpoint, Headers, Method};
use crate::envelope::{self, RawResponse};
use crate::error::{
    ActionAttemptTimeout, AuthNotAccepted, Error, TransportError, TransportErrorKind,
};
use crate::meta::EndpointMeta;
use crate::transport::{BoxFuture, Transport};

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

const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A Seam API client.
///
/// Cheap to clone (one `Arc`), `Send + Sync`, and its `Debug` never shows a token.
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
    inner: Arc<Inner>,
}

struct Inner {
    endpoint: String,
    credentials: Credentials,
    headers: HeaderMap,
    transport: Arc<dyn Transport>,
    timeout: Option<Duration>,
    max_retries: u32,
    wait: Option<WaitForActionAttempt>,
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
        let prepared = finish_prepare(
            &self.inner,
            Method::Post,
            route,
            "",
            Bytes::from(body),
            HeaderMap::new(),
        )?;
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
        let (query, body) = if method.uses_query() {
            let query = crate::query::to_string(params)
                .map_err(|e| Error::InvalidRequest(e.to_string()))?;
            (query, Bytes::new())
        } else {
            let body = serde_json::to_vec(params)
                .map_err(|e| Error::InvalidRequest(format!("the params are not JSON: {e}")))?;
            (String::new(), Bytes::from(body))
        };
        let mut prepared =
            finish_prepare(&self.inner, method, path, &query, body, HeaderMap::new())?;
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
        Request {
            client: self.clone(),
            prepared: prepare(&self.inner, &endpoint),
            options: CallOptions::default(),
            _endpoint: PhantomData,
        }
    }
}

/// Where the builder reads environment variables from.
type EnvSource = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Builds a [`Seam`] client.
#[derive(Default)]
pub struct SeamBuilder {
    credentials: Vec<Given>,
    endpoint: Option<String>,
    transport: Option<Arc<dyn Transport>>,
    timeout: Option<Option<Duration>>,
    max_retries: Option<u32>,
    wait: Option<Option<WaitForActionAttempt>>,
    allow_insecure_http: bool,
    env: Option<EnvSource>,
}

impl fmt::Debug for SeamBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SeamBuilder")
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("reads_env", &self.env.is_some())
            .finish_non_exhaustive()
    }
}

/// Credentials as given to the builder, checked at `build`.
#[derive(Debug)]
enum Given {
    ApiKey(Secret),
    PersonalAccessToken(Secret, Option<String>),
    ClientSessionToken(Secret),
    ConsoleSessionToken(Secret, Option<String>),
    PublishableKey(Secret, String),
}

impl Given {
    fn describe(&self) -> &'static str {
        match self {
            Given::ApiKey(_) => "an API key",
            Given::PersonalAccessToken(..) => "a personal access token",
            Given::ClientSessionToken(_) => "a client session token",
            Given::ConsoleSessionToken(..) => "a console session token",
            Given::PublishableKey(..) => "a publishable key",
        }
    }
}

impl SeamBuilder {
    /// Authenticates with an API key (`seam_…`).
    pub fn api_key(mut self, api_key: impl Into<Secret>) -> Self {
        self.credentials.push(Given::ApiKey(api_key.into()));
        self
    }

    /// Authenticates with a personal access token (`seam_at…`) in one workspace (sent as
    /// `seam-workspace`).
    pub fn personal_access_token(
        mut self,
        token: impl Into<Secret>,
        workspace_id: impl Into<String>,
    ) -> Self {
        self.credentials.push(Given::PersonalAccessToken(
            token.into(),
            Some(workspace_id.into()),
        ));
        self
    }

    /// Authenticates with a personal access token (`seam_at…`) outside any workspace: for
    /// the routes that manage workspaces (`/workspaces/list`, `/workspaces/create`).
    pub fn personal_access_token_without_workspace(mut self, token: impl Into<Secret>) -> Self {
        self.credentials
            .push(Given::PersonalAccessToken(token.into(), None));
        self
    }

    /// Authenticates with a client session token (`seam_cst…`): sent as the bearer token
    /// and as `client-session-token`.
    pub fn client_session_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials
            .push(Given::ClientSessionToken(token.into()));
        self
    }

    /// Authenticates with a console session token (a JWT), in a workspace when one is
    /// given.
    pub fn console_session_token(
        mut self,
        token: impl Into<Secret>,
        workspace_id: Option<String>,
    ) -> Self {
        self.credentials
            .push(Given::ConsoleSessionToken(token.into(), workspace_id));
        self
    }

    /// Authenticates as one user of a frontend: the publishable key (`seam_pk…`) is
    /// exchanged for a client session by [`build_async`](Self::build_async).
    pub fn publishable_key(
        mut self,
        publishable_key: impl Into<Secret>,
        user_identifier_key: impl Into<String>,
    ) -> Self {
        self.credentials.push(Given::PublishableKey(
            publishable_key.into(),
            user_identifier_key.into(),
        ));
        self
    }

    /// Calls another base URL, e.g. a fake server: `http://127.0.0.1:8080`.
    ///
    /// It must be `https`, except on a loopback host, unless
    /// [`allow_insecure_http`](Self::allow_insecure_http) says otherwise.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Allows plain `http` to a host that is not loopback.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Sends requests through `transport` instead of the default
    /// [`ReqwestTransport`](crate::ReqwestTransport).
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The per-attempt timeout, reset for each retry; `None` or zero disables it.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = Some(timeout.into().filter(|t| !t.is_zero()));
        self
    }

    /// How many times an idempotent request (`GET`, `PUT`, `DELETE`) is retried after a
    /// transport error, a timeout, a `429` or a `5xx`.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// How calls that answer with an action attempt wait for its outcome: by default up
    /// to 10 seconds, asking every second. `None` returns the attempt as first answered,
    /// usually `pending`.
    pub fn wait_for_action_attempts(
        mut self,
        wait: impl Into<Option<WaitForActionAttempt>>,
    ) -> Self {
        self.wait = Some(wait.into());
        self
    }

    /// Fills what was not set explicitly from the process environment at
    /// [`build`](Self::build): `SEAM_API_KEY`, `SEAM_PERSONAL_ACCESS_TOKEN`,
    /// `SEAM_WORKSPACE_ID`, `SEAM_ENDPOINT` (and its deprecated alias `SEAM_API_URL`).
    pub fn with_env(self) -> Self {
        self.env_source(|name| std::env::var(name).ok())
    }

    /// Like [`with_env`](Self::with_env), reading variables through `source` (a
    /// configuration system, or a test's map) instead of the process environment.
    pub fn env_source(
        mut self,
        source: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.env = Some(Box::new(source));
        self
    }

    /// Checks every option and builds the client. Nothing is sent.
    ///
    /// A publishable key needs [`build_async`](Self::build_async) instead.
    pub fn build(self) -> Result<Seam, Error> {
        Ok(Seam {
            inner: Arc::new(self.build_inner(false)?),
        })
    }

    /// Builds the client; with a publishable key, first exchanges it for a client session
    /// (`POST /client_sessions/get_or_create` with `seam-publishable-key`).
    pub async fn build_async(self) -> Result<Seam, Error> {
        let user_identifier_key = match self.credentials.as_slice() {
            [Given::PublishableKey(_, key)] => key.clone(),
            _ => return self.build(),
        };
        let exchange = Seam {
            inner: Arc::new(self.build_inner(true)?),
        };
        let token = exchange.client_session_token(&user_identifier_key).await?;
        let credentials = Credentials::client_session_token(token.into())?;
        let mut headers = credentials.headers()?;
        headers.extend(sdk_headers());
        let shared = &exchange.inner;
        Ok(Seam {
            inner: Arc::new(Inner {
                endpoint: shared.endpoint.clone(),
                credentials,
                headers,
                transport: shared.transport.clone(),
                timeout: shared.timeout,
                max_retries: shared.max_retries,
                wait: shared.wait,
            }),
        })
    }

    fn build_inner(mut self, exchanged: bool) -> Result<Inner, Error> {
        let env = |name: &str| {
            self.env
                .as_ref()
                .and_then(|source| source(name))
                .filter(|v| !v.is_empty())
        };
        let given = match self.credentials.len() {
            0 => None,
            1 => self.credentials.pop(),
            _ => {
                let kinds: Vec<&str> = self.credentials.iter().map(Given::describe).collect();
                return Err(Error::InvalidOptions(format!(
                    "several credentials were given ({}); use one",
                    kinds.join(", ")
                )));
            }
        };
        let credentials = match given {
            Some(Given::ApiKey(key)) => Credentials::api_key(key)?,
            Some(Given::PersonalAccessToken(token, workspace)) => {
                Credentials::personal_access_token(token, workspace)?
            }
            Some(Given::ClientSessionToken(token)) => Credentials::client_session_token(token)?,
            Some(Given::ConsoleSessionToken(token, workspace)) => {
                Credentials::console_session_token(token, workspace)?
            }
            Some(Given::PublishableKey(key, _)) if !exchanged => {
                Credentials::publishable_key(key)?;
                return Err(Error::InvalidOptions(
                    "a publishable key is exchanged for a client session first: use `build_async().await` or `Seam::from_publishable_key`".into(),
                ));
            }
            Some(Given::PublishableKey(key, _)) => Credentials::publishable_key(key)?,
            None => match (env("SEAM_API_KEY"), env("SEAM_PERSONAL_ACCESS_TOKEN")) {
                (Some(_), Some(_)) => {
                    return Err(Error::InvalidOptions(
                        "both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN are set; unset one"
                            .into(),
                    ));
                }
                (Some(key), None) => Credentials::api_key(key.into())?,
                (None, Some(token)) => {
                    let workspace = env("SEAM_WORKSPACE_ID").ok_or_else(|| {
                        Error::InvalidOptions(
                            "SEAM_PERSONAL_ACCESS_TOKEN is set but SEAM_WORKSPACE_ID is not".into(),
                        )
                    })?;
                    Credentials::personal_access_token(token.into(), Some(workspace))?
                }
                (None, None) => {
                    let hint = if self.env.is_some() {
                        "and neither SEAM_API_KEY nor SEAM_PERSONAL_ACCESS_TOKEN is set"
                    } else {
                        "(or build with `Seam::from_env()` to read SEAM_API_KEY)"
                    };
                    return Err(Error::InvalidOptions(format!(
                        "no credentials: give an API key or a personal access token {hint}"
                    )));
                }
            },
        };

        let endpoint = match self.endpoint {
            Some(url) => url,
            None => match (env("SEAM_ENDPOINT"), env("SEAM_API_URL")) {
                (Some(url), _) => url,
                (None, Some(url)) => {
                    tracing::warn!("SEAM_API_URL is deprecated; set SEAM_ENDPOINT instead");
                    url
                }
                (None, None) => DEFAULT_ENDPOINT.to_owned(),
            },
        };
        let endpoint = check_endpoint(&endpoint, self.allow_insecure_http)?;

        let mut headers = credentials.headers()?;
        headers.extend(sdk_headers());

        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport()?,
        };
        Ok(Inner {
            endpoint,
            credentials,
            headers,
            transport,
            timeout: self.timeout.unwrap_or(Some(DEFAULT_TIMEOUT)),
            max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            wait: self
                .wait
                .unwrap_or_else(|| Some(WaitForActionAttempt::default())),
        })
    }
}

/// `seam-sdk-name` and `seam-sdk-version`, which every request carries.
fn sdk_headers() -> [(HeaderName, HeaderValue); 2] {
    [
        (
            HeaderName::from_static("seam-sdk-name"),
            HeaderValue::from_static(SDK_NAME),
        ),
        (
            HeaderName::from_static("seam-sdk-version"),
            HeaderValue::from_static(SDK_VERSION),
        ),
    ]
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Result<Arc<dyn Transport>, Error> {
    Ok(Arc::new(crate::ReqwestTransport::new()?))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Result<Arc<dyn Transport>, Error> {
    Err(Error::InvalidOptions(
        "no transport: enable the `reqwest` feature or call `SeamBuilder::transport`".into(),
    ))
}

/// The base URL without a trailing `/`, after checking it is one we may send tokens to.
fn check_endpoint(raw: &str, allow_insecure_http: bool) -> Result<String, Error> {
    let url = url::Url::parse(raw)
        .map_err(|e| Error::InvalidOptions(format!("the endpoint `{raw}` is not a URL ({e})")))?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(Error::InvalidOptions(format!(
            "the endpoint `{raw}` must be a base URL, without query, fragment or user"
        )));
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(domain)) => domain == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback || allow_insecure_http => {}
        "http" => {
            return Err(Error::InvalidOptions(format!(
                "the endpoint `{raw}` is plain http to a host that is not loopback; use https, or `allow_insecure_http(true)`"
            )));
        }
        other => {
            return Err(Error::InvalidOptions(format!(
                "the endpoint `{raw}` has scheme `{other}`; use https"
            )));
        }
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Options for one call, set on its [`Request`].
#[derive(Clone, Copy, Debug, Default)]
struct CallOptions {
    timeout: Option<Option<Duration>>,
    max_retries: Option<u32>,
    retry_non_idempotent: bool,
    wait: Option<Option<WaitForActionAttempt>>,
}

/// A request, encoded and ready: what every endpoint becomes before it is sent.
struct Prepared {
    method: Method,
    /// What the declaration says, for action attempts; `None` for raw requests.
    meta: Option<&'static EndpointMeta>,
    uri: http::Uri,
    headers: HeaderMap,
    body: Bytes,
}

/// The generic part of a call: encode the params. Everything after it is shared.
fn prepare<E: Endpoint>(inner: &Inner, endpoint: &E) -> Result<Prepared, Error> {
    check_auth(inner, E::META)?;
    endpoint.validate()?;
    let path = endpoint.path()?;
    let mut extra = Headers::default();
    endpoint.headers(&mut extra)?;
    let (query, body) = if E::METHOD.uses_query() {
        let query =
            crate::query::to_string(endpoint).map_err(|e| Error::InvalidRequest(e.to_string()))?;
        (query, Bytes::new())
    } else {
        let body = serde_json::to_vec(endpoint)
            .map_err(|e| Error::InvalidRequest(format!("the params are not JSON: {e}")))?;
        (String::new(), Bytes::from(body))
    };
    let mut prepared = finish_prepare(inner, E::METHOD, path.as_str(), &query, body, extra.0)?;
    prepared.meta = Some(E::META);
    Ok(prepared)
}

/// Refuses a route that does not accept the client's auth mode, before anything is sent.
fn check_auth(inner: &Inner, meta: &EndpointMeta) -> Result<(), Error> {
    let mode = inner.credentials.mode();
    match meta.auth {
        Some(accepted) if !accepted.contains(&mode) => {
            Err(Error::AuthNotAccepted(Box::new(AuthNotAccepted {
                route: meta.route(),
                mode,
                accepted,
            })))
        }
        _ => Ok(()),
    }
}

fn finish_prepare(
    inner: &Inner,
    method: Method,
    path: &str,
    query: &str,
    body: Bytes,
    extra: HeaderMap,
) -> Result<Prepared, Error> {
    let mut uri = String::with_capacity(inner.endpoint.len() + path.len() + query.len() + 1);
    uri.push_str(&inner.endpoint);
    uri.push_str(path);
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(query);
    }
    let uri = http::Uri::try_from(uri)
        .map_err(|e| Error::InvalidRequest(format!("the request URL is invalid ({e})")))?;
    let mut headers = extra;
    for (name, value) in &inner.headers {
        headers.insert(name, value.clone());
    }
    if !method.uses_query() {
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    Ok(Prepared {
        method,
        meta: None,
        uri,
        headers,
        body,
    })
}

/// One call, built by [`Seam::send`] or a namespaced method; `.await` it to send it.
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<E: Endpoint> {
    client: Seam,
    prepared: Result<Prepared, Error>,
    options: CallOptions,
    _endpoint: PhantomData<fn() -> E>,
}

impl<E: Endpoint> fmt::Debug for Request<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &E::METHOD)
            .field("path", &E::PATH)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<E: Endpoint> Request<E> {
    /// The per-attempt timeout for this call; `None` or zero disables it.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.options.timeout = Some(timeout.into().filter(|t| !t.is_zero()));
        self
    }

    /// How many retries this call may make.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// How this call waits for its action attempt; `None` returns the attempt as first
    /// answered (usually `pending`). Only routes that answer with one wait.
    pub fn wait_for_action_attempt(
        mut self,
        wait: impl Into<Option<WaitForActionAttempt>>,
    ) -> Self {
        self.options.wait = Some(wait.into());
        self
    }

    /// Lets this call be retried even though it is a `POST` or `PATCH`. Only for calls
    /// that are safe to repeat: an unlock sent twice unlocks twice.
    pub fn retry_non_idempotent(mut self, allow: bool) -> Self {
        self.options.retry_non_idempotent = allow;
        self
    }
}

impl<E: crate::ReturnsResource> Request<E> {
    /// Sends the call and resolves to the resource the void route's body still carries,
    /// instead of `()`.
    pub async fn returning(self) -> Result<E::Resource, Error> {
        let raw = execute(self.client.inner, self.prepared?, self.options).await?;
        let route = Route {
            method: E::METHOD,
            path: E::PATH,
        };
        envelope::decode(&raw, Some(E::KEY), &route)
    }
}

impl<E: Endpoint> Request<E> {
    /// Sends the call and decodes its answer as one page: the items and `pagination`.
    pub(crate) async fn into_page(self) -> Result<crate::Page<E::Response>, Error> {
        let raw = execute(self.client.inner, self.prepared?, self.options).await?;
        let route = Route {
            method: E::METHOD,
            path: E::PATH,
        };
        let (items, pagination) = envelope::decode_page(&raw, E::RESPONSE_KEY, &route)?;
        Ok(crate::Page {
            items,
            pagination: pagination.unwrap_or_default(),
        })
    }
}

impl<E: Endpoint> IntoFuture for Request<E> {
    type Output = Result<E::Response, Error>;
    type IntoFuture = ResponseFuture<E::Response>;

    fn into_future(self) -> Self::IntoFuture {
        let route = Route {
            method: E::METHOD,
            path: E::PATH,
        };
        let call: BoxFuture<'static, Result<RawResponse, Error>> = match self.prepared {
            Ok(prepared) => Box::pin(execute(self.client.inner, prepared, self.options)),
            Err(error) => Box::pin(std::future::ready(Err(error))),
        };
        ResponseFuture {
            call,
            key: E::RESPONSE_KEY,
            route,
            _response: PhantomData,
        }
    }
}

/// `METHOD /path`, for messages.
#[derive(Clone, Copy, Debug)]
struct Route {
    method: Method,
    path: &'static str,
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// The future of a call: the shared, non-generic exchange, then decoding into `R`.
#[must_use = "futures do nothing unless polled"]
pub struct ResponseFuture<R> {
    call: BoxFuture<'static, Result<RawResponse, Error>>,
    key: Option<&'static str>,
    route: Route,
    _response: PhantomData<fn() -> R>,
}

impl<R> fmt::Debug for ResponseFuture<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("route", &self.route)
            .finish_non_exhaustive()
    }
}

impl<R: serde::de::DeserializeOwned> Future for ResponseFuture<R> {
    type Output = Result<R, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let raw = match self.call.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Ready(Ok(raw)) => raw,
        };
        Poll::Ready(envelope::decode(&raw, self.key, &self.route))
    }
}

/// Sends a prepared request: attempts, timeouts, retries and tracing, for every endpoint.
async fn execute(
    inner: Arc<Inner>,
    request: Prepared,
    options: CallOptions,
) -> Result<RawResponse, Error> {
    let span = request_span!("seam.request", request);
    async {
        let raw = run_attempts(&inner, &request, options, &span).await?;
        let wait = options.wait.unwrap_or(inner.wait);
        match (request.meta, wait) {
            (Some(meta), Some(wait)) if meta.action_attempt => {
                settle_action_attempt(&inner, raw, meta, wait, options).await
            }
            _ => Ok(raw),
        }
    }
    .instrument(span.clone())
    .await
}

/// A span for one exchange named `$name`, with the fields `run_attempts` fills in.
macro_rules! request_span {
    ($name:literal, $request:expr) => {
        tracing::debug_span!(
            $name,
            method = $request.method.as_str(),
            path = $request.uri.path(),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        )
    };
}
use request_span;

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
    let query = crate::query::to_string(&Params {
        action_attempt_id: id,
    })
    .map_err(|e| Error::InvalidRequest(e.to_string()))?;
    let path = "/action_attempts/get";
    let prepared = finish_prepare(
        inner,
        Method::Get,
        path,
        &query,
        Bytes::new(),
        HeaderMap::new(),
    )?;
    let span = request_span!("seam.poll", prepared);
    let options = CallOptions {
        retry_non_idempotent: false,
        wait: None,
        ..options
    };
    let raw = run_attempts(inner, &prepared, options, &span)
        .instrument(span.clone())
        .await?;
    let route = Route {
        method: Method::Get,
        path,
    };
    let attempt = envelope::decode(&raw, Some("action_attempt"), &route)?;
    Ok((raw, attempt))
}

async fn run_attempts(
    inner: &Inner,
    request: &Prepared,
    options: CallOptions,
    span: &tracing::Span,
) -> Result<RawResponse, Error> {
    let timeout = options.timeout.unwrap_or(inner.timeout);
    let may_retry = request.method.is_idempotent() || options.retry_non_idempotent;
    let max_retries = if may_retry {
        options.max_retries.unwrap_or(inner.max_retries)
    } else {
        0
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        span.record("attempt", attempt);
        let mut http = http::Request::new(request.body.clone());
        *http.method_mut() = request.method.to_http();
        *http.uri_mut() = request.uri.clone();
        *http.headers_mut() = request.headers.clone();

        let sent = inner.transport.send(http);
        let result = match timeout {
            Some(limit) => match tokio::time::timeout(limit, sent).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::from_kind(TransportErrorKind::Timeout)),
            },
            None => sent.await,
        };
        let retries_left = attempt <= max_retries;
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
                    return Ok(raw);
                }
                let retryable = raw.status == http::StatusCode::TOO_MANY_REQUESTS
                    || raw.status.is_server_error();
                if retryable && retries_left {
                    let delay = backoff(attempt)
                        .max(retry_after(&raw.headers, SystemTime::now()).unwrap_or_default());
                    tracing::debug!(?delay, "retrying after an error status");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                tracing::debug!("failed");
                return Err(envelope::error(&raw));
            }
            Err(error) if retries_left => {
                let delay = backoff(attempt);
                tracing::debug!(%error, ?delay, "retrying after a transport error");
                tokio::time::sleep(delay).await;
            }
            Err(error) => {
                tracing::debug!(%error, "failed");
                return Err(Error::Transport(error).with_attempts(attempt));
            }
        }
    }
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

    fn env(
        vars: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> + Send + Sync {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn explicit_options_beat_the_environment() {
        let seam = Seam::builder()
            .api_key("seam_explicit")
            .env_source(env(&[
                ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at1"),
                ("SEAM_ENDPOINT", "http://127.0.0.1:9"),
            ]))
            .build()
            .unwrap();
        assert_eq!(seam.auth_mode(), AuthMode::ApiKey);
        assert_eq!(seam.endpoint(), "http://127.0.0.1:9");
    }

    #[test]
    fn both_key_variables_is_an_error() {
        let err = Seam::builder()
            .env_source(env(&[
                ("SEAM_API_KEY", "seam_k"),
                ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at1"),
            ]))
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidOptions(m) if m.contains("both")));
    }

    #[test]
    fn deprecated_api_url_is_an_alias_that_loses_to_endpoint() {
        let seam = Seam::builder()
            .env_source(env(&[
                ("SEAM_API_KEY", "seam_k"),
                ("SEAM_API_URL", "https://old.example"),
            ]))
            .build()
            .unwrap();
        assert_eq!(seam.endpoint(), "https://old.example");
        let seam = Seam::builder()
            .env_source(env(&[
                ("SEAM_API_KEY", "seam_k"),
                ("SEAM_API_URL", "https://old.example"),
                ("SEAM_ENDPOINT", "https://new.example/"),
            ]))
            .build()
            .unwrap();
        assert_eq!(seam.endpoint(), "https://new.example");
    }

    #[test]
    fn endpoints_must_be_https_except_loopback() {
        assert!(check_endpoint("http://127.0.0.1:8080", false).is_ok());
        assert!(check_endpoint("http://[::1]:8080", false).is_ok());
        assert!(check_endpoint("http://localhost", false).is_ok());
        assert!(check_endpoint("http://example.com", false).is_err());
        assert!(check_endpoint("http://example.com", true).is_ok());
        assert!(check_endpoint("ftp://example.com", true).is_err());
        assert!(check_endpoint("https://example.com/?a=1", false).is_err());
        assert!(check_endpoint("not a url", false).is_err());
    }

    #[test]
    fn two_modes_at_once_is_an_error() {
        let err = Seam::builder()
            .api_key("seam_k")
            .personal_access_token("seam_at1", "ws")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidOptions(_)));
    }

    #[test]
    fn debug_never_shows_the_token() {
        let seam = Seam::from_api_key("seam_supersecret").unwrap();
        let text = format!("{seam:?}");
        assert!(!text.contains("supersecret"), "{text}");
        let builder = Seam::builder().api_key("seam_supersecret");
        assert!(!format!("{builder:?}").contains("supersecret"));
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

    #[test]
    fn client_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Seam>();
    }
}
