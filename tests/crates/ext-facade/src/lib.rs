//! A library author's crate that depends only on `seam` and declares a route the project
//! does not have.

use seam::seam_endpoint;

/// Reissues a credential: a route under Seam's `acs/credentials` namespace.
#[seam_endpoint(POST "/acs/credentials/reissue", response = String, key = "acs_credential_id")]
pub struct ReissueCredential {
    /// The credential to reissue.
    pub acs_credential_id: String,
    /// Why it is reissued.
    pub reason: Option<String>,
}
