//! `/workspaces`: `list` and `create` also serve a personal access token or console session
//! token sent without `seam-workspace`.

use seam::{AuthMode, workspaces};
use serde_json::{Value, json};

use super::{Args, Reply};
use crate::Workspace;
use crate::auth::{Auth, Caller};
use crate::error::FakeError;
use crate::server::Routes;
use crate::state::State;

pub(super) fn register(routes: &mut Routes) {
    routes.route_for_caller::<workspaces::List>(list_workspaces);
    routes.route_for_caller::<workspaces::Create>(create_workspace);
    routes.route::<workspaces::Get>(get_workspace);
}

/// An API key or client session sees its own workspace; a personal access token or
/// console session token sees every workspace of the fake.
fn list_workspaces(state: &mut State, caller: &Caller, _: Args) -> Result<Reply, FakeError> {
    let own = matches!(caller.mode, AuthMode::ApiKey | AuthMode::ClientSession);
    let workspaces: Vec<Value> = state
        .workspaces
        .iter()
        .filter(|w| !own || caller.workspace_id.as_deref() == Some(w.workspace_id.as_str()))
        .map(workspace_json)
        .collect();
    Ok(Reply::ok(Value::Array(workspaces)))
}

fn create_workspace(state: &mut State, _: &Caller, p: Args) -> Result<Reply, FakeError> {
    let name = p.required("name");
    if name.trim().is_empty() {
        return Err(FakeError::invalid_param(
            &["name".into()],
            "String must contain at least 1 character(s)",
        ));
    }
    let workspace = state.add_workspace(name);
    Ok(Reply::ok(workspace_json(&workspace)))
}

fn get_workspace(state: &mut State, auth: &Auth, _: Args) -> Result<Reply, FakeError> {
    let workspace = state
        .workspaces
        .iter()
        .find(|w| w.workspace_id == auth.workspace_id)
        .ok_or_else(|| FakeError::not_found("workspace", "Workspace"))?;
    Ok(Reply::ok(workspace_json(workspace)))
}

/// A workspace as the API answers it, with every field its model requires.
fn workspace_json(workspace: &Workspace) -> Value {
    json!({
        "workspace_id": workspace.workspace_id,
        "name": workspace.name,
        "company_name": workspace.name,
        "publishable_key": workspace.publishable_key,
        "is_publishable_key_auth_enabled": true,
        "is_sandbox": true,
        "is_suspended": false,
        "connect_webview_customization": {},
    })
}
