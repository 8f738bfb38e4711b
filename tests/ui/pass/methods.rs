//! Every method, each called through its namespace.

use seam::{Endpoint, Method, Seam, seam_endpoint};

#[seam_endpoint(GET "/locks/get")]
pub struct GetLock {
    pub device_id: String,
}

#[seam_endpoint(POST "/locks/unlock_door")]
pub struct UnlockDoor {
    pub device_id: String,
}

#[seam_endpoint(PUT "/locks/replace")]
pub struct ReplaceLock {
    pub device_id: String,
}

#[seam_endpoint(PATCH "/locks/update")]
pub struct UpdateLock {
    pub device_id: String,
    pub name: Option<String>,
}

#[seam_endpoint(DELETE "/locks/delete")]
pub struct DeleteLock {
    pub device_id: String,
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    let id = || "d1".to_owned();
    seam.locks().get(GetLock { device_id: id() }).await?;
    seam.locks()
        .unlock_door(UnlockDoor { device_id: id() })
        .await?;
    seam.locks()
        .replace(ReplaceLock { device_id: id() })
        .await?;
    seam.locks()
        .update(UpdateLock {
            device_id: id(),
            name: None,
        })
        .await?;
    seam.locks().delete(DeleteLock { device_id: id() }).await?;
    Ok(())
}

fn main() {
    assert_eq!(
        [
            GetLock::METHOD,
            UnlockDoor::METHOD,
            ReplaceLock::METHOD,
            UpdateLock::METHOD,
            DeleteLock::METHOD
        ],
        [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete
        ],
    );
    let _ = run;
}
