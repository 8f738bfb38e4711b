//! `/client_sessions`: what a publishable key is exchanged for
//! (`POST /client_sessions/get_or_create` with `seam-publishable-key`), and what servers
//! create for their users.

use seam::{AuthMode, client_sessions};
use serde_json::{Value, json};

use super::{Args, Reply};
use crate::auth::Auth;
use crate::error::FakeError;
use crate::server::Routes;
use crate::state::{ClientSession, State};

pub(super) fn register(routes: &mut Routes) {
    routes.route::<client_sessions::GetOrCreate>(get_or_create);
    routes.route::<client_sessions::Create>(create);
    routes.route::<client_sessions::Get>(get);
}

/// The caller's session for `user_identifier_key`, created if it has none. A publishable
/// key must name the user.
fn get_or_create(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let user = user_identifier_key(auth, &p)?;
    let existing = user.and_then(|user| {
        state.client_sessions.iter().position(|s| {
            s.workspace_id == auth.workspace_id && s.user_identifier_key.as_deref() == Some(user)
        })
    });
    let session = match existing {
        Some(index) => state.client_sessions[index].clone(),
        None => state.add_client_session(&auth.workspace_id, user).clone(),
    };
    Ok(Reply::ok(session_json(state, &session)))
}

/// A new session, for `user_identifier_key` when given.
fn create(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let user = user_identifier_key(auth, &p)?;
    let session = state.add_client_session(&auth.workspace_id, user).clone();
    Ok(Reply::ok(session_json(state, &session)))
}

/// A session by `client_session_id`, or else by `user_identifier_key`.
fn get(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let (id, user) = (p.str("client_session_id"), p.str("user_identifier_key"));
    if id.is_none() && user.is_none() {
        return Err(FakeError::invalid_input(
            "Must specify either client_session_id or user_identifier_key",
        ));
    }
    let session = state
        .client_sessions
        .iter()
        .filter(|s| s.workspace_id == auth.workspace_id)
        .find(|s| match id {
            Some(id) => s.client_session_id == id,
            None => s.user_identifier_key.as_deref() == user,
        })
        .ok_or_else(|| FakeError::not_found("client_session", "Client session"))?;
    Ok(Reply::ok(session_json(state, session)))
}

/// `user_identifier_key`, which a publishable key must give.
fn user_identifier_key<'a>(auth: &Auth, p: &'a Args) -> Result<Option<&'a str>, FakeError> {
    match p.str("user_identifier_key") {
        None if auth.mode == AuthMode::PublishableKey => Err(FakeError::invalid_param(
            &["user_identifier_key".into()],
            "Required",
        )),
        Some("") => Err(FakeError::invalid_param(
            &["user_identifier_key".into()],
            "String must contain at least 1 character(s)",
        )),
        user => Ok(user),
    }
}

/// A client session as the API answers it, with every field its model requires.
fn session_json(state: &State, session: &ClientSession) -> Value {
    let device_count = state
        .devices
        .iter()
        .filter(|d| d.workspace_id == session.workspace_id)
        .count();
    json!({
        "client_session_id": session.client_session_id,
        "workspace_id": session.workspace_id,
        "token": session.token,
        "user_identifier_key": session.user_identifier_key,
        "created_at": session.created_at,
        "expires_at": session.expires_at,
        "connect_webview_ids": [],
        "connected_account_ids": [],
        "user_identity_ids": [],
        "device_count": device_count,
    })
}
