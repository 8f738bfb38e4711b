//! The fake's data, in memory: workspaces with their credentials, the ACS resources, the
//! devices and action attempts (`state/devices.rs`) and client sessions
//! (`state/sessions.rs`) the routes read and write, and the switches tests set.
//!
//! Ids and timestamps come from one counter, so the same calls in the same order give the
//! same answers on every run.

mod devices;
mod sessions;

use std::collections::{HashSet, VecDeque};

pub(crate) use devices::{ActionAttempt, Device, Outcome};
pub(crate) use sessions::ClientSession;

use crate::Workspace;

/// The first timestamp the fake hands out: 2025-01-01T00:00:00Z, in seconds since 1970.
const BASE_TIME: u64 = 1_735_689_600;

/// Everything the fake knows.
#[derive(Debug)]
pub(crate) struct State {
    /// The last number handed out for an id or timestamp.
    seq: u64,
    /// The personal access token, valid in every workspace.
    pub(crate) personal_access_token: String,
    /// The console session token (a JWT), valid in every workspace.
    pub(crate) console_session_token: String,
    /// The fake's base URL, for `pagination.next_page_url`.
    pub(crate) base_url: String,
    pub(crate) workspaces: Vec<Workspace>,
    pub(crate) acs_systems: Vec<AcsSystem>,
    pub(crate) acs_users: Vec<AcsUser>,
    pub(crate) acs_credentials: Vec<AcsCredential>,
    pub(crate) devices: Vec<Device>,
    pub(crate) action_attempts: Vec<ActionAttempt>,
    pub(crate) client_sessions: Vec<ClientSession>,
    pub(crate) switches: Switches,
}

/// How the fake misbehaves or paces itself, as tests set it through
/// [`FakeSeam`](crate::FakeSeam).
#[derive(Debug)]
pub(crate) struct Switches {
    /// How many polls of `/action_attempts/get` an action attempt stays `pending` for:
    /// the poll that brings it to zero answers the outcome.
    pub(crate) polls_to_settle: u32,
    /// Outcomes forced on the next action attempts, one each, in order.
    pub(crate) next_outcomes: VecDeque<Outcome>,
    /// List routes (by path) that hand back the request's `page_cursor` as the next one.
    pub(crate) repeat_cursor: HashSet<String>,
}

impl Default for Switches {
    fn default() -> Self {
        Switches {
            polls_to_settle: 1,
            next_outcomes: VecDeque::new(),
            repeat_cursor: HashSet::new(),
        }
    }
}

/// An access control system.
#[derive(Debug, Clone)]
pub(crate) struct AcsSystem {
    pub(crate) acs_system_id: String,
    pub(crate) workspace_id: String,
    /// The connected account it came through: one of its own in the fake.
    pub(crate) connected_account_id: String,
    pub(crate) name: String,
    pub(crate) created_at: String,
}

/// A user of an access system.
#[derive(Debug, Clone)]
pub(crate) struct AcsUser {
    pub(crate) acs_user_id: String,
    pub(crate) workspace_id: String,
    pub(crate) acs_system_id: String,
    pub(crate) connected_account_id: String,
    pub(crate) full_name: String,
    pub(crate) email_address: Option<String>,
    pub(crate) phone_number: Option<String>,
    pub(crate) created_at: String,
}

/// A credential of an access system, held by at most one user.
#[derive(Debug, Clone)]
pub(crate) struct AcsCredential {
    pub(crate) acs_credential_id: String,
    pub(crate) workspace_id: String,
    pub(crate) acs_system_id: String,
    pub(crate) connected_account_id: String,
    pub(crate) acs_user_id: Option<String>,
    /// `code`, `card`, `mobile_key` or `cloud_key`.
    pub(crate) access_method: String,
    pub(crate) code: Option<String>,
    pub(crate) display_name: String,
    pub(crate) created_at: String,
}

/// A new resource's id and creation time.
#[derive(Debug)]
pub(crate) struct Stamp {
    /// UUID-shaped, e.g. `00000000-0000-4000-8000-000000000001`.
    pub(crate) id: String,
    /// ISO 8601 with milliseconds, e.g. `2025-01-01T00:00:01.000Z`.
    pub(crate) created_at: String,
    /// The counter behind both.
    pub(crate) number: u64,
}

impl Stamp {
    /// The creation time plus `seconds`, in the same format.
    pub(crate) fn plus(&self, seconds: u64) -> String {
        iso8601(BASE_TIME + self.number + seconds)
    }
}

/// What [`State::seeded`] created, for the accessors of [`FakeSeam`](crate::FakeSeam).
#[derive(Debug, Clone)]
pub(crate) struct Seeds {
    pub(crate) workspace: Workspace,
    pub(crate) personal_access_token: String,
    pub(crate) console_session_token: String,
    pub(crate) acs_system_id: String,
    pub(crate) device_id: String,
    pub(crate) client_session_token: String,
}

impl State {
    /// One workspace ("Fake Workspace") with an API key and a publishable key, a personal
    /// access token and a console session token, one access system ("Main Building"), one
    /// lock ("Front Door"), and one client session (user `fake-user`).
    pub(crate) fn seeded() -> (State, Seeds) {
        let mut state = State {
            seq: 0,
            personal_access_token: "seam_at_fake_personal_access_token".to_owned(),
            console_session_token: "eyJhbGciOiJIUzI1NiJ9.eyJmYWtlIjp0cnVlfQ.fake_console_session"
                .to_owned(),
            base_url: String::new(),
            workspaces: Vec::new(),
            acs_systems: Vec::new(),
            acs_users: Vec::new(),
            acs_credentials: Vec::new(),
            devices: Vec::new(),
            action_attempts: Vec::new(),
            client_sessions: Vec::new(),
            switches: Switches::default(),
        };
        let workspace = state.add_workspace("Fake Workspace");
        let acs_system_id = state
            .add_acs_system(&workspace.workspace_id, "Main Building")
            .unwrap_or_default();
        let device_id = state
            .add_device(&workspace.workspace_id, "Front Door")
            .unwrap_or_default();
        let client_session_token = state
            .add_client_session(&workspace.workspace_id, Some("fake-user"))
            .token
            .clone();
        let seeds = Seeds {
            workspace,
            personal_access_token: state.personal_access_token.clone(),
            console_session_token: state.console_session_token.clone(),
            acs_system_id,
            device_id,
            client_session_token,
        };
        (state, seeds)
    }

    /// The next id and timestamp.
    pub(crate) fn stamp(&mut self) -> Stamp {
        self.seq += 1;
        Stamp {
            id: format!("00000000-0000-4000-8000-{:012}", self.seq),
            created_at: iso8601(BASE_TIME + self.seq),
            number: self.seq,
        }
    }

    /// A new, empty workspace with its own API key.
    pub(crate) fn add_workspace(&mut self, name: &str) -> Workspace {
        let stamp = self.stamp();
        let workspace = Workspace {
            api_key: format!("seam_test_fake_api_key_{}", self.seq),
            publishable_key: format!("seam_pk_fake_publishable_key_{}", self.seq),
            workspace_id: stamp.id,
            name: name.to_owned(),
        };
        self.workspaces.push(workspace.clone());
        workspace
    }

    /// Whether a workspace has the id `workspace_id`.
    pub(crate) fn has_workspace(&self, workspace_id: &str) -> bool {
        self.workspaces
            .iter()
            .any(|w| w.workspace_id == workspace_id)
    }

    /// The workspace and connected account of access system `acs_system_id`.
    fn acs_system_owner(&self, acs_system_id: &str) -> Option<(String, String)> {
        let system = self
            .acs_systems
            .iter()
            .find(|s| s.acs_system_id == acs_system_id)?;
        Some((
            system.workspace_id.clone(),
            system.connected_account_id.clone(),
        ))
    }

    /// A new access system in `workspace_id`; `None` when no workspace has that id.
    pub(crate) fn add_acs_system(&mut self, workspace_id: &str, name: &str) -> Option<String> {
        if !self.has_workspace(workspace_id) {
            return None;
        }
        let connected_account_id = self.stamp().id;
        let stamp = self.stamp();
        self.acs_systems.push(AcsSystem {
            acs_system_id: stamp.id.clone(),
            workspace_id: workspace_id.to_owned(),
            connected_account_id,
            name: name.to_owned(),
            created_at: stamp.created_at,
        });
        Some(stamp.id)
    }

    /// A new user of access system `acs_system_id` (in that system's workspace); `None`
    /// when no system has that id.
    pub(crate) fn add_acs_user(
        &mut self,
        acs_system_id: &str,
        full_name: &str,
        email_address: Option<&str>,
        phone_number: Option<&str>,
    ) -> Option<&AcsUser> {
        let (workspace_id, connected_account_id) = self.acs_system_owner(acs_system_id)?;
        let stamp = self.stamp();
        self.acs_users.push(AcsUser {
            acs_user_id: stamp.id,
            workspace_id,
            acs_system_id: acs_system_id.to_owned(),
            connected_account_id,
            full_name: full_name.to_owned(),
            email_address: email_address.map(str::to_owned),
            phone_number: phone_number.map(str::to_owned),
            created_at: stamp.created_at,
        });
        self.acs_users.last()
    }

    /// A new credential of access system `acs_system_id`, held by `acs_user_id` when given;
    /// `None` when no system has that id. A `code` credential without a code gets one.
    pub(crate) fn add_acs_credential(
        &mut self,
        acs_system_id: &str,
        acs_user_id: Option<&str>,
        access_method: &str,
        code: Option<&str>,
    ) -> Option<&AcsCredential> {
        let (workspace_id, connected_account_id) = self.acs_system_owner(acs_system_id)?;
        let stamp = self.stamp();
        let code = match (access_method, code) {
            (_, Some(code)) => Some(code.to_owned()),
            // Six digits, different for each credential.
            ("code", None) => Some(format!("{:06}", 100_000 + stamp.number % 900_000)),
            _ => None,
        };
        let display_name = code
            .clone()
            .unwrap_or_else(|| format!("{access_method} credential"));
        self.acs_credentials.push(AcsCredential {
            acs_credential_id: stamp.id,
            workspace_id,
            acs_system_id: acs_system_id.to_owned(),
            connected_account_id,
            acs_user_id: acs_user_id.map(str::to_owned),
            access_method: access_method.to_owned(),
            code,
            display_name,
            created_at: stamp.created_at,
        });
        self.acs_credentials.last()
    }
}

/// `seconds` since 1970 as `YYYY-MM-DDTHH:MM:SS.000Z`, by the runtime's `Timestamp`.
fn iso8601(seconds: u64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
    seam_runtime::Timestamp::from(time).as_str().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_iso8601_with_milliseconds() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(BASE_TIME), "2025-01-01T00:00:00.000Z");
        assert_eq!(
            iso8601(BASE_TIME + 86_400 * 59 + 3661),
            "2025-03-01T01:01:01.000Z"
        );
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn ids_and_times_are_deterministic() {
        let (mut state, seeds) = State::seeded();
        assert_eq!(
            seeds.workspace.workspace_id,
            "00000000-0000-4000-8000-000000000001"
        );
        assert_eq!(seeds.acs_system_id, "00000000-0000-4000-8000-000000000003");
        assert_eq!(seeds.device_id, "00000000-0000-4000-8000-000000000005");
        let stamp = state.stamp();
        assert_eq!(stamp.id, "00000000-0000-4000-8000-000000000007");
        assert_eq!(stamp.created_at, "2025-01-01T00:00:07.000Z");
        assert_eq!(stamp.plus(60), "2025-01-01T00:01:07.000Z");
    }
}
