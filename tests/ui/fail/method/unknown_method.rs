use seam::seam_endpoint;

#[seam_endpoint(PTACH "/acs/credentials/unassign")]
pub struct UnassignCredential {
    pub acs_credential_id: String,
}

fn main() {}
