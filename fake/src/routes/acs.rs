//! `/acs/systems`, `/acs/users` and `/acs/credentials`: access systems, their users, and
//! the credentials users hold.
//!
//! Every handler sees only the caller's workspace: a resource of another workspace is
//! `<resource>_not_found`, as an unknown id is. Resources are answered with every field the
//! API marks required, so they decode with the facade's models.

use http::StatusCode;
use seam::acs::{credentials, systems, users};
use serde_json::{Value, json};

use super::{Args, Reply, contains, paginate};
use crate::auth::Auth;
use crate::error::FakeError;
use crate::server::Routes;
use crate::state::{AcsCredential, AcsSystem, AcsUser, State};

/// The access methods a credential can have.
const ACCESS_METHODS: [&str; 4] = ["code", "card", "mobile_key", "cloud_key"];

pub(super) fn register(routes: &mut Routes) {
    routes.route::<systems::Get>(get_system);
    routes.route::<systems::List>(list_systems);

    routes.route::<users::Create>(create_user);
    routes.route::<users::Get>(get_user);
    routes.route::<users::List>(list_users);
    routes.route::<users::Delete>(delete_user);

    routes.route::<credentials::Create>(create_credential);
    routes.route::<credentials::Get>(get_credential);
    routes.route::<credentials::List>(list_credentials);
    routes.route::<credentials::Assign>(assign_credential);
    routes.route::<credentials::Unassign>(unassign_credential);
    routes.route::<credentials::Delete>(delete_credential);
}

// ---- systems ----

fn get_system(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let system = find_system(state, auth, p.required("acs_system_id"))?;
    Ok(Reply::ok(system_json(system)))
}

fn list_systems(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let systems: Vec<&AcsSystem> = state
        .acs_systems
        .iter()
        .filter(|s| s.workspace_id == auth.workspace_id)
        .filter(|s| {
            p.str("connected_account_id")
                .is_none_or(|id| id == s.connected_account_id)
        })
        .filter(|s| p.str("search").is_none_or(|q| contains(&s.name, q)))
        .collect();
    Ok(Reply::ok(systems.into_iter().map(system_json).collect()))
}

fn system_json(system: &AcsSystem) -> Value {
    json!({
        "acs_system_id": system.acs_system_id,
        "name": system.name,
        "created_at": system.created_at,
        "workspace_id": system.workspace_id,
        "connected_account_id": system.connected_account_id,
        "connected_account_ids": [system.connected_account_id],
        "is_credential_manager": false,
        "image_url": "https://connect.getseam.com/assets/images/acs_systems/fake.png",
        "image_alt_text": "Fake access system",
        "location": {"time_zone": null},
        "errors": [],
        "warnings": [],
    })
}

// ---- users ----

fn create_user(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let acs_system_id = find_system(state, auth, p.required("acs_system_id"))?
        .acs_system_id
        .clone();
    if p.str("user_identity_id").is_some() {
        return Err(identity_not_found());
    }
    let full_name = p.required("full_name");
    if full_name.trim().is_empty() {
        return Err(FakeError::invalid_param(
            &["full_name".into()],
            "String must contain at least 1 character(s)",
        ));
    }
    let email_address = p.str("email_address").or_else(|| p.str("email"));
    let user = state
        .add_acs_user(
            &acs_system_id,
            full_name,
            email_address,
            p.str("phone_number"),
        )
        .ok_or_else(|| FakeError::not_found("acs_system", "Access system"))?;
    Ok(Reply::ok(user_json(user)))
}

fn get_user(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let index = find_user(state, auth, &p, p.str("acs_system_id"))?;
    Ok(Reply::ok(user_json(&state.acs_users[index])))
}

fn list_users(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    if p.str("user_identity_id").is_some() {
        // The fake has no user identities: no user belongs to one.
        let (page, pagination) = paginate(Vec::<&AcsUser>::new(), &p, |u| &u.acs_user_id)?;
        return Ok(
            Reply::ok(page.into_iter().map(user_json).collect()).with("pagination", pagination)
        );
    }
    let users: Vec<&AcsUser> = state
        .acs_users
        .iter()
        .filter(|u| u.workspace_id == auth.workspace_id)
        .filter(|u| {
            p.str("acs_system_id")
                .is_none_or(|id| id == u.acs_system_id)
        })
        .filter(|u| {
            p.str("created_before")
                .is_none_or(|t| u.created_at.as_str() < t)
        })
        .filter(|u| {
            p.str("search").is_none_or(|q| {
                [
                    Some(&u.full_name),
                    u.email_address.as_ref(),
                    u.phone_number.as_ref(),
                ]
                .into_iter()
                .flatten()
                .any(|field| contains(field, q))
            })
        })
        .collect();
    let (page, pagination) = paginate(users, &p, |u| &u.acs_user_id)?;
    Ok(Reply::ok(page.into_iter().map(user_json).collect()).with("pagination", pagination))
}

fn delete_user(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let index = find_user(state, auth, &p, p.str("acs_system_id"))?;
    let user = state.acs_users.remove(index);
    // The user's credentials stay, unassigned.
    for credential in &mut state.acs_credentials {
        if credential.acs_user_id.as_deref() == Some(user.acs_user_id.as_str()) {
            credential.acs_user_id = None;
        }
    }
    Ok(Reply::void())
}

fn user_json(user: &AcsUser) -> Value {
    let mut json = json!({
        "acs_user_id": user.acs_user_id,
        "acs_system_id": user.acs_system_id,
        "workspace_id": user.workspace_id,
        "connected_account_id": user.connected_account_id,
        "display_name": user.full_name,
        "full_name": user.full_name,
        "created_at": user.created_at,
        "last_successful_sync_at": user.created_at,
        "is_managed": true,
        "is_suspended": false,
        "errors": [],
        "warnings": [],
    });
    insert_some(&mut json, "email_address", user.email_address.as_deref());
    insert_some(&mut json, "phone_number", user.phone_number.as_deref());
    json
}

// ---- credentials ----

fn create_credential(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let access_method = p.required("access_method");
    if !ACCESS_METHODS.contains(&access_method) {
        return Err(FakeError::invalid_param(
            &["access_method".into()],
            &format!(
                "Invalid enum value. Expected 'code' | 'card' | 'mobile_key' | 'cloud_key', received '{access_method}'"
            ),
        ));
    }
    let system_id = p.str("acs_system_id");
    let (system, acs_user_id) = match (p.str("acs_user_id"), p.str("user_identity_id")) {
        (Some(_), _) => {
            let user = &state.acs_users[find_user(state, auth, &p, None)?];
            if system_id.is_some_and(|id| id != user.acs_system_id) {
                return Err(FakeError::invalid_param(
                    &["acs_system_id".into()],
                    "The access system user belongs to another access system",
                ));
            }
            let system = find_system(state, auth, &user.acs_system_id)?;
            (system, Some(user.acs_user_id.clone()))
        }
        (None, Some(_)) => return Err(identity_not_found()),
        (None, None) => match system_id {
            Some(id) => (find_system(state, auth, id)?, None),
            None => {
                return Err(FakeError::invalid_input(
                    "Must specify acs_user_id, user_identity_id or acs_system_id",
                ));
            }
        },
    };
    let acs_system_id = system.acs_system_id.clone();
    let credential = state
        .add_acs_credential(
            &acs_system_id,
            acs_user_id.as_deref(),
            access_method,
            p.str("code"),
        )
        .ok_or_else(|| FakeError::not_found("acs_system", "Access system"))?;
    Ok(Reply::ok(credential_json(credential)))
}

fn get_credential(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let index = find_credential(state, auth, p.required("acs_credential_id"))?;
    Ok(Reply::ok(credential_json(&state.acs_credentials[index])))
}

fn list_credentials(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    // The fake has no user identities: no credential belongs to one.
    let no_identity = p.str("user_identity_id").is_none();
    let credentials: Vec<&AcsCredential> = state
        .acs_credentials
        .iter()
        .filter(|_| no_identity)
        .filter(|c| c.workspace_id == auth.workspace_id)
        .filter(|c| {
            p.str("acs_system_id")
                .is_none_or(|id| id == c.acs_system_id)
        })
        .filter(|c| {
            p.str("acs_user_id")
                .is_none_or(|id| c.acs_user_id.as_deref() == Some(id))
        })
        .filter(|c| {
            p.str("created_before")
                .is_none_or(|t| c.created_at.as_str() < t)
        })
        .filter(|c| {
            p.str("search").is_none_or(|q| {
                contains(&c.display_name, q)
                    || c.code.as_deref().is_some_and(|code| contains(code, q))
            })
        })
        .collect();
    let (page, pagination) = paginate(credentials, &p, |c| &c.acs_credential_id)?;
    Ok(Reply::ok(page.into_iter().map(credential_json).collect()).with("pagination", pagination))
}

fn assign_credential(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let user = find_user(state, auth, &p, None)?;
    let index = find_credential(state, auth, p.required("acs_credential_id"))?;
    let user = &state.acs_users[user];
    let credential = &mut state.acs_credentials[index];
    if credential.acs_system_id != user.acs_system_id {
        return Err(FakeError::invalid_input(
            "The credential and the access system user belong to different access systems",
        ));
    }
    match &credential.acs_user_id {
        Some(holder) if *holder == user.acs_user_id => {}
        Some(_) => {
            return Err(FakeError::new(
                StatusCode::BAD_REQUEST,
                "acs_credential_already_assigned",
                "The credential is assigned to another access system user",
            ));
        }
        None => credential.acs_user_id = Some(user.acs_user_id.clone()),
    }
    Ok(Reply::void().with("acs_credential", credential_json(credential)))
}

fn unassign_credential(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let user = find_user(state, auth, &p, None)?;
    let index = find_credential(state, auth, p.required("acs_credential_id"))?;
    let user = &state.acs_users[user];
    let credential = &mut state.acs_credentials[index];
    if credential.acs_user_id.as_deref() != Some(user.acs_user_id.as_str()) {
        return Err(FakeError::new(
            StatusCode::BAD_REQUEST,
            "acs_credential_not_assigned_to_acs_user",
            "The credential is not assigned to this access system user",
        ));
    }
    credential.acs_user_id = None;
    Ok(Reply::void().with("acs_credential", credential_json(credential)))
}

fn delete_credential(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let index = find_credential(state, auth, p.required("acs_credential_id"))?;
    state.acs_credentials.remove(index);
    Ok(Reply::void())
}

fn credential_json(credential: &AcsCredential) -> Value {
    let mut json = json!({
        "acs_credential_id": credential.acs_credential_id,
        "acs_system_id": credential.acs_system_id,
        "workspace_id": credential.workspace_id,
        "connected_account_id": credential.connected_account_id,
        "access_method": credential.access_method,
        "display_name": credential.display_name,
        "created_at": credential.created_at,
        "is_managed": true,
        "is_multi_phone_sync_credential": false,
        "is_latest_desired_state_synced_with_provider": true,
        "errors": [],
        "warnings": [],
    });
    insert_some(&mut json, "acs_user_id", credential.acs_user_id.as_deref());
    insert_some(&mut json, "code", credential.code.as_deref());
    json
}

// ---- lookups ----

fn find_system<'s>(state: &'s State, auth: &Auth, id: &str) -> Result<&'s AcsSystem, FakeError> {
    state
        .acs_systems
        .iter()
        .find(|s| s.acs_system_id == id && s.workspace_id == auth.workspace_id)
        .ok_or_else(|| FakeError::not_found("acs_system", "Access system"))
}

/// The index of the user the params name: by `acs_user_id` (in system `in_system`, when
/// given), or by `user_identity_id`, which the fake never knows. One of them is required.
fn find_user(
    state: &State,
    auth: &Auth,
    p: &Args,
    in_system: Option<&str>,
) -> Result<usize, FakeError> {
    match (p.str("acs_user_id"), p.str("user_identity_id")) {
        (Some(id), _) => state
            .acs_users
            .iter()
            .position(|u| {
                u.acs_user_id == id
                    && u.workspace_id == auth.workspace_id
                    && in_system.is_none_or(|s| s == u.acs_system_id)
            })
            .ok_or_else(|| FakeError::not_found("acs_user", "Access system user")),
        (None, Some(_)) => Err(identity_not_found()),
        (None, None) => Err(FakeError::invalid_input(
            "Must specify either acs_user_id or user_identity_id",
        )),
    }
}

fn find_credential(state: &State, auth: &Auth, id: &str) -> Result<usize, FakeError> {
    state
        .acs_credentials
        .iter()
        .position(|c| c.acs_credential_id == id && c.workspace_id == auth.workspace_id)
        .ok_or_else(|| FakeError::not_found("acs_credential", "Access system credential"))
}

fn identity_not_found() -> FakeError {
    FakeError::not_found("user_identity", "User identity")
}

/// Sets `key` on a JSON object when there is a value; an absent optional stays absent.
fn insert_some(json: &mut Value, key: &str, value: Option<&str>) {
    if let (Some(object), Some(value)) = (json.as_object_mut(), value) {
        object.insert(key.to_owned(), Value::String(value.to_owned()));
    }
}
