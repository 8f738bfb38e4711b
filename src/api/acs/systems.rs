//! `/acs/systems`: the access control systems connected to a workspace.

use crate::models::AcsSystem;
use crate::seam_endpoint;

/// Gets an access system.
#[seam_endpoint(GET "/acs/systems/get", response = AcsSystem, key = "acs_system")]
#[derive(Clone, Debug, PartialEq)]
pub struct Get {
    /// The access system to get.
    pub acs_system_id: String,
}

/// Lists access systems.
#[seam_endpoint(GET "/acs/systems/list", response = Vec<AcsSystem>, key = "acs_systems")]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct List {
    /// Only systems of this connected account.
    pub connected_account_id: Option<String>,
    /// Only systems whose name contains this.
    pub search: Option<String>,
}
