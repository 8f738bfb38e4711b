//! Credentials: which token goes in which header, checked before any request.

use std::fmt;

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::Error;

const TOKEN_PREFIX: &str = "seam_";
const ACCESS_TOKEN_PREFIX: &str = "seam_at";
const CLIENT_SESSION_PREFIX: &str = "seam_cst";
const PUBLISHABLE_KEY_PREFIX: &str = "seam_pk";
const JWT_PREFIX: &str = "ey";

/// A token that never shows itself: not in `Debug`, not in errors, not in logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Secret(token.into())
    }

    /// The token itself, for the rare code that must send it somewhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(token: String) -> Self {
        Secret(token)
    }
}

impl From<&str> for Secret {
    fn from(token: &str) -> Self {
        Secret(token.to_owned())
    }
}

/// The ways a client can authenticate, as the API's routes name what they accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthMode {
    /// An API key (`seam_…`).
    ApiKey,
    /// A personal access token (`seam_at…`) acting in one workspace.
    PersonalAccessToken,
    /// A personal access token with no workspace (workspace management routes).
    PersonalAccessTokenWithoutWorkspace,
    /// A console session token (a JWT) acting in one workspace.
    ConsoleSession,
    /// A console session token with no workspace.
    ConsoleSessionWithoutWorkspace,
    /// A client session token (`seam_cst…`), also what a publishable key is exchanged for.
    ClientSession,
    /// A publishable key (`seam_pk…`), before it is exchanged for a client session.
    PublishableKey,
}

impl AuthMode {
    /// A short name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            AuthMode::ApiKey => "an API key",
            AuthMode::PersonalAccessToken => "a personal access token",
            AuthMode::PersonalAccessTokenWithoutWorkspace => {
                "a personal access token without a workspace"
            }
            AuthMode::ConsoleSession => "a console session token",
            AuthMode::ConsoleSessionWithoutWorkspace => {
                "a console session token without a workspace"
            }
            AuthMode::ClientSession => "a client session token",
            AuthMode::PublishableKey => "a publishable key",
        }
    }
}

/// How the client authenticates.
#[derive(Clone, Debug)]
pub(crate) enum Credentials {
    /// `authorization: Bearer <seam_…>`.
    ApiKey(Secret),
    /// `authorization: Bearer <seam_at…>`, plus `seam-workspace` when acting in one.
    PersonalAccessToken {
        token: Secret,
        workspace_id: Option<String>,
    },
    /// `authorization: Bearer <seam_cst…>` and `client-session-token: <seam_cst…>`.
    ClientSessionToken(Secret),
    /// `authorization: Bearer <jwt>`, plus `seam-workspace` when acting in one.
    ConsoleSessionToken {
        token: Secret,
        workspace_id: Option<String>,
    },
    /// `seam-publishable-key: <seam_pk…>`: only to get a client session.
    PublishableKey(Secret),
}

/// What a token is, judged by its prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    ClientSession,
    Jwt,
    AccessToken,
    PublishableKey,
    ApiKey,
    Unknown,
}

impl Kind {
    fn of(token: &str) -> Kind {
        if token.starts_with(CLIENT_SESSION_PREFIX) {
            Kind::ClientSession
        } else if token.starts_with(JWT_PREFIX) {
            Kind::Jwt
        } else if token.starts_with(ACCESS_TOKEN_PREFIX) {
            Kind::AccessToken
        } else if token.starts_with(PUBLISHABLE_KEY_PREFIX) {
            Kind::PublishableKey
        } else if token.starts_with(TOKEN_PREFIX) {
            Kind::ApiKey
        } else {
            Kind::Unknown
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::ClientSession => "a client session token",
            Kind::Jwt => "a JWT (console session token)",
            Kind::AccessToken => "a personal access token",
            Kind::PublishableKey => "a publishable key",
            Kind::ApiKey => "an API key",
            Kind::Unknown => "an unknown token",
        }
    }
}

/// Checks that `token` is of the `wanted` kind; `role` and `format` are for the message.
fn expect_kind(token: &Secret, wanted: Kind, role: &str, format: &str) -> Result<(), Error> {
    match Kind::of(token.expose()) {
        kind if kind == wanted => Ok(()),
        Kind::Unknown => Err(Error::InvalidToken(format!(
            "the token is not {role}: {format}"
        ))),
        kind => Err(Error::InvalidToken(format!(
            "{} cannot be used as {role}",
            kind.describe()
        ))),
    }
}

fn workspace(workspace_id: Option<String>) -> Result<Option<String>, Error> {
    match workspace_id {
        Some(id) if id.trim().is_empty() => {
            Err(Error::InvalidOptions("the workspace id is empty".into()))
        }
        other => Ok(other),
    }
}

impl Credentials {
    /// An API key, checked: a key of another kind is an [`Error::InvalidToken`].
    pub(crate) fn api_key(key: Secret) -> Result<Self, Error> {
        expect_kind(
            &key,
            Kind::ApiKey,
            "an API key",
            "an API key starts with `seam_`",
        )?;
        Ok(Credentials::ApiKey(key))
    }

    /// A personal access token, for one workspace or (with `None`) for none.
    pub(crate) fn personal_access_token(
        token: Secret,
        workspace_id: Option<String>,
    ) -> Result<Self, Error> {
        expect_kind(
            &token,
            Kind::AccessToken,
            "a personal access token",
            "one starts with `seam_at`",
        )?;
        Ok(Credentials::PersonalAccessToken {
            token,
            workspace_id: workspace(workspace_id)?,
        })
    }

    /// A client session token, checked.
    pub(crate) fn client_session_token(token: Secret) -> Result<Self, Error> {
        expect_kind(
            &token,
            Kind::ClientSession,
            "a client session token",
            "one starts with `seam_cst`",
        )?;
        Ok(Credentials::ClientSessionToken(token))
    }

    /// A console session token (a JWT), for one workspace or for none.
    pub(crate) fn console_session_token(
        token: Secret,
        workspace_id: Option<String>,
    ) -> Result<Self, Error> {
        expect_kind(
            &token,
            Kind::Jwt,
            "a console session token",
            "one is a JWT, starting with `ey`",
        )?;
        Ok(Credentials::ConsoleSessionToken {
            token,
            workspace_id: workspace(workspace_id)?,
        })
    }

    /// A publishable key, checked.
    pub(crate) fn publishable_key(key: Secret) -> Result<Self, Error> {
        expect_kind(
            &key,
            Kind::PublishableKey,
            "a publishable key",
            "one starts with `seam_pk`",
        )?;
        Ok(Credentials::PublishableKey(key))
    }

    /// The mode, as routes name what they accept.
    pub(crate) fn mode(&self) -> AuthMode {
        match self {
            Credentials::ApiKey(_) => AuthMode::ApiKey,
            Credentials::PersonalAccessToken {
                workspace_id: Some(_),
                ..
            } => AuthMode::PersonalAccessToken,
            Credentials::PersonalAccessToken { .. } => {
                AuthMode::PersonalAccessTokenWithoutWorkspace
            }
            Credentials::ClientSessionToken(_) => AuthMode::ClientSession,
            Credentials::ConsoleSessionToken {
                workspace_id: Some(_),
                ..
            } => AuthMode::ConsoleSession,
            Credentials::ConsoleSessionToken { .. } => AuthMode::ConsoleSessionWithoutWorkspace,
            Credentials::PublishableKey(_) => AuthMode::PublishableKey,
        }
    }

    /// A short name for messages and `Debug`.
    pub(crate) fn kind(&self) -> &'static str {
        self.mode().describe()
    }

    /// The headers that carry these credentials, marked sensitive. Bytes a header cannot
    /// hold (a line break pasted with the token) are an error, never a malformed request.
    pub(crate) fn headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let secret = |value: String| {
            let mut value = HeaderValue::try_from(value).map_err(|_| {
                Error::InvalidToken(format!(
                    "{} holds bytes a header cannot carry (a line break?)",
                    self.kind()
                ))
            })?;
            value.set_sensitive(true);
            Ok::<_, Error>(value)
        };
        let (bearer, workspace) = match self {
            Credentials::ApiKey(key) => (Some(key), None),
            Credentials::PersonalAccessToken {
                token,
                workspace_id,
            }
            | Credentials::ConsoleSessionToken {
                token,
                workspace_id,
            } => (Some(token), workspace_id.as_ref()),
            Credentials::ClientSessionToken(token) => {
                headers.insert(
                    HeaderName::from_static("client-session-token"),
                    secret(token.expose().to_owned())?,
                );
                (Some(token), None)
            }
            Credentials::PublishableKey(key) => {
                headers.insert(
                    HeaderName::from_static("seam-publishable-key"),
                    secret(key.expose().to_owned())?,
                );
                (None, None)
            }
        };
        if let Some(token) = bearer {
            headers.insert(
                http::header::AUTHORIZATION,
                secret(format!("Bearer {}", token.expose()))?,
            );
        }
        if let Some(workspace) = workspace {
            let value = HeaderValue::try_from(workspace.as_str()).map_err(|_| {
                Error::InvalidOptions("the workspace id holds bytes a header cannot carry".into())
            })?;
            headers.insert(HeaderName::from_static("seam-workspace"), value);
        }
        Ok(headers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_keys_are_checked_by_prefix() {
        assert!(Credentials::api_key("seam_test_123".into()).is_ok());
        for (token, needle) in [
            ("seam_cst1", "client session token"),
            ("eyJhbGci", "JWT"),
            ("seam_at1", "a personal access token cannot"),
            ("seam_pk1", "publishable key"),
            (
                "sk_live",
                "is not an API key: an API key starts with `seam_`",
            ),
        ] {
            let err = Credentials::api_key(token.into()).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidToken(m) if m.contains(needle)),
                "{token}: {err}"
            );
            assert!(!err.to_string().contains(token));
        }
    }

    #[test]
    fn personal_access_tokens_are_checked() {
        let ws = || Some("ws".to_owned());
        assert!(Credentials::personal_access_token("seam_at1".into(), ws()).is_ok());
        assert!(matches!(
            Credentials::personal_access_token("seam_at1".into(), Some(" ".into())),
            Err(Error::InvalidOptions(_))
        ));
        assert!(matches!(
            Credentials::personal_access_token("seam_key".into(), ws()),
            Err(Error::InvalidToken(m)) if m.contains("an API key cannot")
        ));
        let without = Credentials::personal_access_token("seam_at1".into(), None).unwrap();
        assert_eq!(
            without.mode(),
            AuthMode::PersonalAccessTokenWithoutWorkspace
        );
    }

    #[test]
    fn each_mode_sends_its_headers() {
        let names = |c: Credentials| {
            let headers = c.headers().unwrap();
            let mut pairs: Vec<String> = headers
                .iter()
                .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap()))
                .collect();
            pairs.sort();
            pairs
        };
        assert_eq!(
            names(Credentials::client_session_token("seam_cst1".into()).unwrap()),
            [
                "authorization: Bearer seam_cst1",
                "client-session-token: seam_cst1"
            ]
        );
        assert_eq!(
            names(Credentials::console_session_token("eyJ1".into(), Some("ws".into())).unwrap()),
            ["authorization: Bearer eyJ1", "seam-workspace: ws"]
        );
        assert_eq!(
            names(Credentials::console_session_token("eyJ1".into(), None).unwrap()),
            ["authorization: Bearer eyJ1"]
        );
        assert_eq!(
            names(Credentials::publishable_key("seam_pk1".into()).unwrap()),
            ["seam-publishable-key: seam_pk1"]
        );
        assert!(Credentials::client_session_token("seam_k".into()).is_err());
        assert!(Credentials::console_session_token("seam_k".into(), None).is_err());
        assert!(Credentials::publishable_key("seam_cst1".into()).is_err());
    }

    #[test]
    fn header_values_are_sensitive() {
        let headers = Credentials::api_key("seam_k".into())
            .unwrap()
            .headers()
            .unwrap();
        assert!(headers[http::header::AUTHORIZATION].is_sensitive());
    }

    #[test]
    fn line_breaks_are_configuration_errors() {
        let creds = Credentials::api_key("seam_a\r\nx: y".into()).unwrap();
        assert!(matches!(creds.headers(), Err(Error::InvalidToken(_))));
        let creds =
            Credentials::personal_access_token("seam_at1".into(), Some("w\ns".into())).unwrap();
        assert!(matches!(creds.headers(), Err(Error::InvalidOptions(_))));
    }

    #[test]
    fn secrets_do_not_show() {
        let s = Secret::new("seam_topsecret");
        assert_eq!(format!("{s:?}"), "Secret(***)");
    }
}
