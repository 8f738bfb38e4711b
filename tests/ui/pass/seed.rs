//! The seed declaration, verbatim, called both ways.

use seam::Seam;
use seam::seam_endpoint;

#[seam_endpoint(PATCH "/acs/credentials/unassign")]
pub struct UnassignCredential {
    pub acs_credential_id: String,
    pub acs_user_id: Option<String>,
    pub user_identity_id: Option<String>,
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    let () = seam
        .send(UnassignCredential {
            acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
            acs_user_id: Some("33333333-3333-3333-3333-333333333333".into()),
            user_identity_id: None,
        })
        .await?;
    let () = seam
        .acs()
        .credentials()
        .unassign(UnassignCredential {
            acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
            acs_user_id: None,
            user_identity_id: Some("44444444-4444-4444-4444-444444444444".into()),
        })
        .await?;
    Ok(())
}

fn main() {
    let _ = run;
}
