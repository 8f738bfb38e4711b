//! `/action_attempts`: each `get` is one poll, which brings a pending attempt one step
//! closer to its outcome (see [`FakeSeam::action_attempts_settle_after`](crate::FakeSeam::action_attempts_settle_after)).

use seam::action_attempts;
use serde_json::{Value, json};

use super::{Args, Reply, paginate};
use crate::auth::Auth;
use crate::error::FakeError;
use crate::server::Routes;
use crate::state::{ActionAttempt, Outcome, State};

pub(super) fn register(routes: &mut Routes) {
    routes.route::<action_attempts::Get>(get_action_attempt);
    routes.route::<action_attempts::List>(list_action_attempts);
}

fn get_action_attempt(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let id = p.required("action_attempt_id");
    let index = state
        .action_attempts
        .iter()
        .position(|a| a.action_attempt_id == id && a.workspace_id == auth.workspace_id)
        .ok_or_else(|| FakeError::not_found("action_attempt", "Action attempt"))?;
    Ok(Reply::ok(action_attempt_json(
        state.poll_action_attempt(index),
    )))
}

fn list_action_attempts(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let ids = p.strs("action_attempt_ids");
    let attempts: Vec<&ActionAttempt> = state
        .action_attempts
        .iter()
        .filter(|a| a.workspace_id == auth.workspace_id)
        .filter(|a| {
            ids.as_ref()
                .is_none_or(|ids| ids.contains(&a.action_attempt_id.as_str()))
        })
        .filter(|a| p.str("device_id").is_none_or(|id| id == a.device_id))
        .collect();
    let (page, pagination) = paginate(attempts, &p, |a| &a.action_attempt_id)?;
    Ok(
        Reply::ok(page.into_iter().map(action_attempt_json).collect())
            .with("pagination", pagination),
    )
}

/// An action attempt as the API answers it: `result` once it succeeded, `error` once it
/// failed, both `null` while pending.
pub(super) fn action_attempt_json(attempt: &ActionAttempt) -> Value {
    let status = attempt.status();
    let (result, error) = match (&attempt.outcome, status) {
        (Outcome::Success, "success") => (json!({}), Value::Null),
        (
            Outcome::Error {
                error_type,
                message,
            },
            "error",
        ) => (Value::Null, json!({"type": error_type, "message": message})),
        _ => (Value::Null, Value::Null),
    };
    json!({
        "action_attempt_id": attempt.action_attempt_id,
        "action_type": attempt.action_type,
        "status": status,
        "result": result,
        "error": error,
    })
}
