//! Who is calling: the credentials in a request's headers, as the API reads them, and
//! whether a route accepts them.
//!
//! | credentials | headers | acts in |
//! | --- | --- | --- |
//! | API key | `authorization: Bearer seam_…` | its workspace |
//! | personal access token | `authorization: Bearer seam_at…` | `seam-workspace`, or none |
//! | console session token | `authorization: Bearer ey…` | `seam-workspace`, or none |
//! | client session token | `authorization: Bearer seam_cst…` and the same `client-session-token` | its session's workspace |
//! | publishable key | `seam-publishable-key: seam_pk…`, no `authorization` | its workspace |

use http::StatusCode;
use seam::{AuthMode, EndpointMeta};

use crate::RecordedRequest;
use crate::error::FakeError;
use crate::state::State;

/// Who is calling, before the route is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caller {
    /// How the caller authenticated.
    pub(crate) mode: AuthMode,
    /// The workspace the caller acts in, if any.
    pub(crate) workspace_id: Option<String>,
}

/// A caller acting in a workspace: what most routes need.
#[derive(Debug, Clone)]
pub(crate) struct Auth {
    pub(crate) workspace_id: String,
    /// How the caller authenticated.
    pub(crate) mode: AuthMode,
}

impl Caller {
    /// The caller in its workspace, or `401` when it acts in none (a personal access token
    /// or console session token sent without `seam-workspace`).
    pub(crate) fn in_workspace(&self) -> Result<Auth, FakeError> {
        match &self.workspace_id {
            Some(id) => Ok(Auth {
                workspace_id: id.clone(),
                mode: self.mode,
            }),
            None => Err(unauthorized(
                "This route acts in a workspace: send `seam-workspace` with the token",
            )),
        }
    }
}

/// Whether a route declared with `meta` accepts `mode`: what its declaration lists, or,
/// when it lists nothing, anything but a publishable key (which only gets client sessions).
pub(crate) fn accepts(meta: &EndpointMeta, mode: AuthMode) -> bool {
    match meta.auth {
        Some(modes) => modes.contains(&mode),
        None => mode != AuthMode::PublishableKey,
    }
}

/// `401 unauthorized` with `message`.
pub(crate) fn unauthorized(message: &str) -> FakeError {
    FakeError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
}

/// The caller behind `request`'s credentials, or `401 unauthorized`.
pub(crate) fn authenticate(state: &State, request: &RecordedRequest) -> Result<Caller, FakeError> {
    let authorization = request.header("authorization");
    let client_session = request.header("client-session-token");
    if let Some(key) = request.header("seam-publishable-key") {
        if authorization.is_some() || client_session.is_some() {
            return Err(unauthorized(
                "A publishable key is sent alone, without `authorization`",
            ));
        }
        let workspace = state
            .workspaces
            .iter()
            .find(|w| w.publishable_key == key.trim())
            .ok_or_else(FakeError::unauthorized)?;
        return Ok(Caller {
            mode: AuthMode::PublishableKey,
            workspace_id: Some(workspace.workspace_id.clone()),
        });
    }
    let token = authorization
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(FakeError::unauthorized)?;

    if token.starts_with("seam_cst") || client_session.is_some() {
        if client_session.map(str::trim) != Some(token) {
            return Err(unauthorized(
                "A client session token is sent as the bearer token and as `client-session-token`, the same in both",
            ));
        }
        let session = state
            .client_sessions
            .iter()
            .find(|s| s.token == token)
            .ok_or_else(FakeError::unauthorized)?;
        return Ok(Caller {
            mode: AuthMode::ClientSession,
            workspace_id: Some(session.workspace_id.clone()),
        });
    }

    let named_workspace = |with: AuthMode, without: AuthMode| match request.header("seam-workspace")
    {
        None => Ok(Caller {
            mode: without,
            workspace_id: None,
        }),
        Some(wanted) => state
            .workspaces
            .iter()
            .find(|w| w.workspace_id == wanted)
            .map(|w| Caller {
                mode: with,
                workspace_id: Some(w.workspace_id.clone()),
            })
            .ok_or_else(FakeError::unauthorized),
    };
    if token == state.personal_access_token {
        return named_workspace(
            AuthMode::PersonalAccessToken,
            AuthMode::PersonalAccessTokenWithoutWorkspace,
        );
    }
    if token == state.console_session_token {
        return named_workspace(
            AuthMode::ConsoleSession,
            AuthMode::ConsoleSessionWithoutWorkspace,
        );
    }
    state
        .workspaces
        .iter()
        .find(|w| w.api_key == token)
        .map(|w| Caller {
            mode: AuthMode::ApiKey,
            workspace_id: Some(w.workspace_id.clone()),
        })
        .ok_or_else(FakeError::unauthorized)
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;

    fn request(headers: &[(&str, &str)]) -> RecordedRequest {
        RecordedRequest {
            method: "GET".into(),
            path: "/devices/list".into(),
            query: None,
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: Bytes::new(),
        }
    }

    fn caller(state: &State, headers: &[(&str, &str)]) -> Option<(AuthMode, Option<String>)> {
        authenticate(state, &request(headers))
            .ok()
            .map(|c| (c.mode, c.workspace_id))
    }

    #[test]
    fn each_credential_resolves_to_its_mode_and_workspace() {
        let (state, seeds) = State::seeded();
        let ws = Some(seeds.workspace.workspace_id.clone());
        let bearer = |t: &str| format!("Bearer {t}");
        let key = bearer(&seeds.workspace.api_key);
        assert_eq!(
            caller(&state, &[("authorization", &key)]),
            Some((AuthMode::ApiKey, ws.clone()))
        );
        let pat = bearer(&seeds.personal_access_token);
        let ws_id = seeds.workspace.workspace_id.as_str();
        assert_eq!(
            caller(
                &state,
                &[("authorization", &pat), ("seam-workspace", ws_id)]
            ),
            Some((AuthMode::PersonalAccessToken, ws.clone()))
        );
        assert_eq!(
            caller(&state, &[("authorization", &pat)]),
            Some((AuthMode::PersonalAccessTokenWithoutWorkspace, None))
        );
        assert_eq!(
            caller(
                &state,
                &[("authorization", &pat), ("seam-workspace", "nope")]
            ),
            None
        );
        let console = bearer(&seeds.console_session_token);
        assert_eq!(
            caller(&state, &[("authorization", &console)]),
            Some((AuthMode::ConsoleSessionWithoutWorkspace, None))
        );
        let cst = seeds.client_session_token.as_str();
        assert_eq!(
            caller(
                &state,
                &[
                    ("authorization", &bearer(cst)),
                    ("client-session-token", cst)
                ]
            ),
            Some((AuthMode::ClientSession, ws.clone()))
        );
        assert_eq!(
            caller(
                &state,
                &[("seam-publishable-key", &seeds.workspace.publishable_key)]
            ),
            Some((AuthMode::PublishableKey, ws))
        );
    }

    #[test]
    fn client_session_tokens_need_both_headers_alike() {
        let (state, seeds) = State::seeded();
        let cst = seeds.client_session_token.as_str();
        let bearer = format!("Bearer {cst}");
        assert_eq!(caller(&state, &[("authorization", &bearer)]), None);
        assert_eq!(caller(&state, &[("client-session-token", cst)]), None);
        assert_eq!(
            caller(
                &state,
                &[
                    ("authorization", &bearer),
                    ("client-session-token", "seam_cst_x")
                ]
            ),
            None
        );
        let key = format!("Bearer {}", seeds.workspace.api_key);
        assert_eq!(
            caller(
                &state,
                &[("authorization", &key), ("client-session-token", cst)]
            ),
            None
        );
        assert_eq!(
            caller(
                &state,
                &[
                    ("authorization", &key),
                    ("seam-publishable-key", &seeds.workspace.publishable_key)
                ]
            ),
            None
        );
        assert_eq!(
            caller(&state, &[("authorization", "Bearer seam_other")]),
            None
        );
        assert_eq!(caller(&state, &[]), None);
    }
}
