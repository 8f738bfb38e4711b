//! `/devices` and `/locks/list`: the workspace's devices, which in the fake are all locks.
//!
//! A client session sees every device of its workspace (the API would narrow it to the
//! session's connected accounts; the fake has no connect webviews).

use seam::{devices, locks};
use serde_json::{Value, json};

use super::{Args, Reply, contains, paginate};
use crate::auth::Auth;
use crate::error::FakeError;
use crate::server::Routes;
use crate::state::{Device, State};

pub(super) fn register(routes: &mut Routes) {
    routes.route::<devices::Get>(get_device);
    routes.route::<devices::List>(list_devices);
    routes.route::<locks::List>(list_locks);
}

fn get_device(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let device = match (p.str("device_id"), p.str("name")) {
        (Some(id), _) => find_device(state, auth, id)?,
        (None, Some(name)) => state
            .devices
            .iter()
            .find(|d| d.display_name == name && d.workspace_id == auth.workspace_id)
            .ok_or_else(device_not_found)?,
        (None, None) => {
            return Err(FakeError::invalid_input(
                "Must specify either device_id or name",
            ));
        }
    };
    Ok(Reply::ok(device_json(device)))
}

fn list_devices(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let (page, pagination) = paginate(filtered(state, auth, &p), &p, |d| &d.device_id)?;
    Ok(Reply::ok(page.into_iter().map(device_json).collect()).with("pagination", pagination))
}

fn list_locks(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    let devices = filtered(state, auth, &p);
    let limit = p
        .number("limit")
        .map_or(usize::MAX, |n| n.max(0.0) as usize);
    Ok(Reply::ok(
        devices.into_iter().take(limit).map(device_json).collect(),
    ))
}

/// The caller's devices that pass the list filters the fake understands.
fn filtered<'s>(state: &'s State, auth: &Auth, p: &Args) -> Vec<&'s Device> {
    let ids = p.strs("device_ids");
    let types = p.strs("device_types");
    state
        .devices
        .iter()
        .filter(|d| d.workspace_id == auth.workspace_id)
        .filter(|d| {
            ids.as_ref()
                .is_none_or(|ids| ids.contains(&d.device_id.as_str()))
        })
        .filter(|d| {
            p.str("connected_account_id")
                .is_none_or(|id| id == d.connected_account_id)
        })
        .filter(|_| p.str("device_type").is_none_or(|t| t == DEVICE_TYPE))
        .filter(|_| types.as_ref().is_none_or(|t| t.contains(&DEVICE_TYPE)))
        .filter(|d| {
            p.str("created_before")
                .is_none_or(|t| d.created_at.as_str() < t)
        })
        .filter(|d| p.str("search").is_none_or(|q| contains(&d.display_name, q)))
        .collect()
}

/// The type of every device in the fake.
const DEVICE_TYPE: &str = "august_lock";

/// A device as the API answers it, with every field its model requires.
pub(super) fn device_json(device: &Device) -> Value {
    json!({
        "device_id": device.device_id,
        "workspace_id": device.workspace_id,
        "connected_account_id": device.connected_account_id,
        "device_type": DEVICE_TYPE,
        "display_name": device.display_name,
        "nickname": device.display_name,
        "created_at": device.created_at,
        "capabilities_supported": ["lock", "access_code"],
        "can_remotely_lock": true,
        "can_remotely_unlock": true,
        "custom_metadata": {},
        "is_managed": true,
        "space_ids": [],
        "errors": [],
        "warnings": [],
        "properties": {
            "name": device.display_name,
            "online": true,
            "locked": device.locked,
            "manufacturer": "august",
            "appearance": {"name": device.display_name},
            "model": {
                "display_name": "Fake Lock",
                "manufacturer_display_name": "August",
            },
        },
    })
}

/// The caller's device `id`, or `404 device_not_found`.
pub(super) fn find_device<'s>(
    state: &'s State,
    auth: &Auth,
    id: &str,
) -> Result<&'s Device, FakeError> {
    state
        .devices
        .iter()
        .find(|d| d.device_id == id && d.workspace_id == auth.workspace_id)
        .ok_or_else(device_not_found)
}

fn device_not_found() -> FakeError {
    FakeError::not_found("device", "Device")
}
