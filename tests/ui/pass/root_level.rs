//! A route with no namespace: `seam.health(..)`.

use seam::{Seam, seam_endpoint};

#[seam_endpoint(GET "/health", response = String, key = "msg")]
pub struct Health {}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    let message: String = seam.health(Health {}).await?;
    let _ = message;
    Ok(())
}

fn main() {
    let _ = run;
}
