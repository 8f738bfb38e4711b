//! The resources the API answers with. Every model tolerates fields it does not know, so
//! a new field in the API never breaks decoding.

use serde::Deserialize;

/// A credential: a code, card or mobile key that an access system user holds.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "fake", derive(serde::Serialize))]
pub struct AcsCredential {
    /// The credential's id.
    pub acs_credential_id: String,
    /// The access system it belongs to.
    pub acs_system_id: String,
    /// The user who holds it, if assigned.
    #[serde(default)]
    pub acs_user_id: Option<String>,
    /// How it opens doors: `code`, `card`, `mobile_key` or `cloud_key`.
    pub access_method: String,
    /// The code, for a `code` credential.
    #[serde(default)]
    pub code: Option<String>,
    /// Its name as shown to people.
    pub display_name: String,
    /// When it was created (ISO 8601).
    pub created_at: String,
    /// The workspace it belongs to.
    pub workspace_id: String,
}

/// An access control system connected to a workspace.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "fake", derive(serde::Serialize))]
pub struct AcsSystem {
    /// The system's id.
    pub acs_system_id: String,
    /// Its name.
    pub name: String,
    /// When it was connected (ISO 8601).
    pub created_at: String,
    /// The workspace it belongs to.
    pub workspace_id: String,
}

/// A person an access system knows.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "fake", derive(serde::Serialize))]
pub struct AcsUser {
    /// The user's id.
    pub acs_user_id: String,
    /// The access system the user belongs to.
    pub acs_system_id: String,
    /// The user's name as shown to people.
    pub display_name: String,
    /// The user's full name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// The user's email address.
    #[serde(default)]
    pub email_address: Option<String>,
    /// When the user was created (ISO 8601).
    pub created_at: String,
    /// The workspace the user belongs to.
    pub workspace_id: String,
}
