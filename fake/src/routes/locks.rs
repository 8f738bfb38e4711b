//! `/locks/lock_door` and `/locks/unlock_door`: each answers a `pending` action attempt,
//! which `/action_attempts/get` carries to its outcome.

use seam::locks;

use super::action_attempts::action_attempt_json;
use super::devices::find_device;
use super::{Args, Reply};
use crate::auth::Auth;
use crate::error::FakeError;
use crate::server::Routes;
use crate::state::State;

pub(super) fn register(routes: &mut Routes) {
    routes.route::<locks::LockDoor>(lock_door);
    routes.route::<locks::UnlockDoor>(unlock_door);
}

fn lock_door(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    act(state, auth, &p, "LOCK_DOOR")
}

fn unlock_door(state: &mut State, auth: &Auth, p: Args) -> Result<Reply, FakeError> {
    act(state, auth, &p, "UNLOCK_DOOR")
}

/// Starts `action_type` on the device the params name. With `sync: true` the attempt is
/// answered settled (unless a test asked it to stay pending), as the API does when it
/// waits.
fn act(
    state: &mut State,
    auth: &Auth,
    p: &Args,
    action_type: &'static str,
) -> Result<Reply, FakeError> {
    let device_id = find_device(state, auth, p.required("device_id"))?
        .device_id
        .clone();
    let sync = p.bool("sync").unwrap_or(false);
    let attempt = state.start_action_attempt(&auth.workspace_id, &device_id, action_type, sync);
    Ok(Reply::ok(action_attempt_json(attempt)))
}
