//! [`SeamBuilder`]: credentials, the environment, the endpoint, and the rest, all checked
//! before anything is sent.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderName, HeaderValue};

use super::{
    DEFAULT_ENDPOINT, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Inner, SDK_NAME, SDK_VERSION, Seam,
};
use crate::action_attempt::WaitForActionAttempt;
use crate::auth::{Credentials, Secret};
use crate::error::Error;
use crate::transport::Transport;

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
                base_url: shared.base_url.clone(),
                routes: Default::default(),
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
        let base_url = url::Url::parse(&endpoint)
            .map_err(|e| Error::InvalidOptions(format!("the endpoint `{endpoint}` ({e})")))?;

        let mut headers = credentials.headers()?;
        headers.extend(sdk_headers());

        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport()?,
        };
        Ok(Inner {
            endpoint,
            base_url,
            routes: Default::default(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::AuthMode;

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
}
