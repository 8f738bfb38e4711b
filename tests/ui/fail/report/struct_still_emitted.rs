use seam::Seam;
use seam::seam_endpoint;

// The one mistake: the method. The struct, its fields (serde attributes included) and an
// `Endpoint` impl are still emitted, so the code below reports nothing.
#[seam_endpoint(PTACH "/acs/credentials/unassign")]
pub struct UnassignCredential {
    pub acs_credential_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acs_user_id: Option<String>,
}

fn params() -> UnassignCredential {
    UnassignCredential {
        acs_credential_id: "c1".into(),
        acs_user_id: None,
    }
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    seam.send(params()).await?;
    Ok(())
}

fn main() {
    let _ = params().acs_credential_id;
    let _ = run;
}
