//! An endpoint without params.

use seam::{Endpoint, Seam, seam_endpoint};

#[seam_endpoint(POST "/devices/ping")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Ping {}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    seam.devices().ping(Ping {}).await?;
    seam.send(Ping::default()).await?;
    Ok(())
}

fn main() {
    assert_eq!(serde_json::to_string(&Ping {}).unwrap(), "{}");
    assert_eq!(Ping::PATH, "/devices/ping");
    let _ = run;
}
