//! Client sessions: what a publishable key is exchanged for, and what a frontend acts
//! through for one user.

use super::State;

/// How long a client session lasts: one day.
const SESSION_SECONDS: u64 = 86_400;

/// A client session of one workspace.
#[derive(Debug, Clone)]
pub(crate) struct ClientSession {
    pub(crate) client_session_id: String,
    pub(crate) workspace_id: String,
    /// `seam_cst…`, sent as the bearer token and as `client-session-token`.
    pub(crate) token: String,
    pub(crate) user_identifier_key: Option<String>,
    pub(crate) created_at: String,
    pub(crate) expires_at: String,
}

impl State {
    /// A new client session in `workspace_id`, for `user_identifier_key` when given.
    pub(crate) fn add_client_session(
        &mut self,
        workspace_id: &str,
        user_identifier_key: Option<&str>,
    ) -> &ClientSession {
        let stamp = self.stamp();
        self.client_sessions.push(ClientSession {
            token: format!("seam_cst_fake_client_session_{}", stamp.number),
            client_session_id: stamp.id.clone(),
            workspace_id: workspace_id.to_owned(),
            user_identifier_key: user_identifier_key.map(str::to_owned),
            expires_at: stamp.plus(SESSION_SECONDS),
            created_at: stamp.created_at,
        });
        let last = self.client_sessions.len() - 1;
        &self.client_sessions[last]
    }
}
