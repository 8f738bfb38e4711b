//! `/acs/users`: the people an access system knows.

use crate::models::AcsUser;
use crate::seam_endpoint;

/// Creates an access system user.
#[seam_endpoint(POST "/acs/users/create", response = AcsUser, key = "acs_user")]
#[derive(Clone, Debug, PartialEq)]
pub struct Create {
    /// The access system to create the user in.
    pub acs_system_id: String,
    /// The user's full name.
    pub full_name: String,
    /// The user's email address.
    pub email_address: Option<String>,
    /// The user's phone number.
    pub phone_number: Option<String>,
}

/// Deletes an access system user.
#[seam_endpoint(DELETE "/acs/users/delete")]
#[derive(Clone, Debug, PartialEq)]
pub struct Delete {
    /// The user to delete.
    pub acs_user_id: Option<String>,
    /// The access system the user belongs to.
    pub acs_system_id: Option<String>,
    /// The user identity whose user to delete.
    pub user_identity_id: Option<String>,
}

/// Gets an access system user.
#[seam_endpoint(GET "/acs/users/get", response = AcsUser, key = "acs_user")]
#[derive(Clone, Debug, PartialEq)]
pub struct Get {
    /// The user to get.
    pub acs_user_id: Option<String>,
    /// The access system the user belongs to.
    pub acs_system_id: Option<String>,
    /// The user identity whose user to get.
    pub user_identity_id: Option<String>,
}

/// Lists access system users.
#[seam_endpoint(GET "/acs/users/list", response = Vec<AcsUser>, key = "acs_users")]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct List {
    /// Only users of this access system.
    pub acs_system_id: Option<String>,
    /// Only users whose name or contact contains this.
    pub search: Option<String>,
    /// At most this many.
    pub limit: Option<u32>,
}
