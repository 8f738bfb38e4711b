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

/// How the client authenticates.
#[derive(Clone, Debug)]
pub(crate) enum Credentials {
    /// `authorization: Bearer <seam_…>`.
    ApiKey(Secret),
    /// `authorization: Bearer <seam_at…>` plus `seam-workspace`.
    PersonalAccessToken { token: Secret, workspace_id: String },
}

impl Credentials {
    /// An API key, checked: a key of another kind is an [`Error::InvalidToken`].
    pub(crate) fn api_key(key: Secret) -> Result<Self, Error> {
        let k = key.expose();
        let wrong = |kind: &str| {
            Err(Error::InvalidToken(format!(
                "{kind} cannot be used as an API key"
            )))
        };
        if k.starts_with(CLIENT_SESSION_PREFIX) {
            return wrong("a client session token");
        }
        if k.starts_with(JWT_PREFIX) {
            return wrong("a JWT (console session token)");
        }
        if k.starts_with(ACCESS_TOKEN_PREFIX) {
            return wrong("a personal access token");
        }
        if k.starts_with(PUBLISHABLE_KEY_PREFIX) {
            return wrong("a publishable key");
        }
        if !k.starts_with(TOKEN_PREFIX) {
            return Err(Error::InvalidToken(format!(
                "unknown API key format: an API key starts with `{TOKEN_PREFIX}`"
            )));
        }
        Ok(Credentials::ApiKey(key))
    }

    /// A personal access token for one workspace, checked.
    pub(crate) fn personal_access_token(
        token: Secret,
        workspace_id: String,
    ) -> Result<Self, Error> {
        let t = token.expose();
        let wrong = |kind: &str| {
            Err(Error::InvalidToken(format!(
                "{kind} cannot be used as a personal access token"
            )))
        };
        if t.starts_with(JWT_PREFIX) {
            return wrong("a JWT (console session token)");
        }
        if t.starts_with(CLIENT_SESSION_PREFIX) {
            return wrong("a client session token");
        }
        if t.starts_with(PUBLISHABLE_KEY_PREFIX) {
            return wrong("a publishable key");
        }
        if !t.starts_with(ACCESS_TOKEN_PREFIX) {
            return Err(Error::InvalidToken(format!(
                "unknown personal access token format: one starts with `{ACCESS_TOKEN_PREFIX}`"
            )));
        }
        if workspace_id.trim().is_empty() {
            return Err(Error::InvalidOptions(
                "a personal access token needs a workspace id (`seam-workspace`)".into(),
            ));
        }
        Ok(Credentials::PersonalAccessToken {
            token,
            workspace_id,
        })
    }

    /// A short name for messages and `Debug`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Credentials::ApiKey(_) => "api key",
            Credentials::PersonalAccessToken { .. } => "personal access token",
        }
    }

    /// The headers that carry these credentials, marked sensitive. Bytes a header cannot
    /// hold (a line break pasted with the token) are an error, never a malformed request.
    pub(crate) fn headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        let (token, workspace) = match self {
            Credentials::ApiKey(key) => (key, None),
            Credentials::PersonalAccessToken {
                token,
                workspace_id,
            } => (token, Some(workspace_id)),
        };
        let mut bearer =
            HeaderValue::try_from(format!("Bearer {}", token.expose())).map_err(|_| {
                Error::InvalidToken(format!(
                    "the {} holds bytes a header cannot carry (a line break?)",
                    self.kind()
                ))
            })?;
        bearer.set_sensitive(true);
        headers.insert(http::header::AUTHORIZATION, bearer);
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
            ("seam_at1", "personal access token"),
            ("seam_pk1", "publishable key"),
            ("sk_live", "starts with `seam_`"),
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
    fn personal_access_tokens_need_a_workspace() {
        assert!(Credentials::personal_access_token("seam_at1".into(), "ws".into()).is_ok());
        assert!(matches!(
            Credentials::personal_access_token("seam_at1".into(), " ".into()),
            Err(Error::InvalidOptions(_))
        ));
        assert!(matches!(
            Credentials::personal_access_token("seam_key".into(), "ws".into()),
            Err(Error::InvalidToken(_))
        ));
    }

    #[test]
    fn line_breaks_are_configuration_errors() {
        let creds = Credentials::api_key("seam_a\r\nx: y".into()).unwrap();
        assert!(matches!(creds.headers(), Err(Error::InvalidToken(_))));
        let creds = Credentials::personal_access_token("seam_at1".into(), "w\ns".into()).unwrap();
        assert!(matches!(creds.headers(), Err(Error::InvalidOptions(_))));
    }

    #[test]
    fn secrets_do_not_show() {
        let s = Secret::new("seam_topsecret");
        assert_eq!(format!("{s:?}"), "Secret(***)");
    }
}
