//! `/acs/credentials`: the keys, cards and codes of access system users.

use crate::models::AcsCredential;
use crate::seam_endpoint;

/// Assigns a credential to an access system user or user identity.
#[seam_endpoint(PATCH "/acs/credentials/assign")]
#[derive(Clone, Debug, PartialEq)]
pub struct Assign {
    /// The credential to assign.
    pub acs_credential_id: String,
    /// The access system user to assign it to.
    pub acs_user_id: Option<String>,
    /// The user identity to assign it to.
    pub user_identity_id: Option<String>,
}

/// Creates a credential.
#[seam_endpoint(POST "/acs/credentials/create", response = AcsCredential, key = "acs_credential")]
#[derive(Clone, Debug, PartialEq)]
pub struct Create {
    /// How the credential opens doors: `code`, `card`, `mobile_key` or `cloud_key`.
    pub access_method: String,
    /// The access system the credential belongs to.
    pub acs_system_id: Option<String>,
    /// The access system user who holds it.
    pub acs_user_id: Option<String>,
    /// The code, for a `code` credential.
    pub code: Option<String>,
    /// The user identity who holds it.
    pub user_identity_id: Option<String>,
}

/// Deletes a credential.
#[seam_endpoint(DELETE "/acs/credentials/delete")]
#[derive(Clone, Debug, PartialEq)]
pub struct Delete {
    /// The credential to delete.
    pub acs_credential_id: String,
}

/// Gets a credential.
#[seam_endpoint(GET "/acs/credentials/get", response = AcsCredential, key = "acs_credential")]
#[derive(Clone, Debug, PartialEq)]
pub struct Get {
    /// The credential to get.
    pub acs_credential_id: String,
}

/// Lists credentials.
#[seam_endpoint(GET "/acs/credentials/list", response = Vec<AcsCredential>, key = "acs_credentials")]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct List {
    /// Only credentials in this access system.
    pub acs_system_id: Option<String>,
    /// Only credentials of this access system user.
    pub acs_user_id: Option<String>,
    /// Only credentials of this user identity.
    pub user_identity_id: Option<String>,
    /// At most this many.
    pub limit: Option<u32>,
}

/// Unassigns a credential from an access system user or user identity.
#[seam_endpoint(PATCH "/acs/credentials/unassign")]
#[derive(Clone, Debug, PartialEq)]
pub struct Unassign {
    /// The credential to unassign.
    pub acs_credential_id: String,
    /// The access system user to unassign it from.
    pub acs_user_id: Option<String>,
    /// The user identity to unassign it from.
    pub user_identity_id: Option<String>,
}
