//! `crate = ..` for code that reaches the runtime through a re-export: a path, a string,
//! and the runtime's own attribute pointed at the facade.

mod sdk {
    // The runtime under another name: `crate::sdk::rt::__private` resolves.
    pub use seam as rt;
}

mod glob {
    pub use seam::*;
}

#[seam_runtime::seam_endpoint(GET "/devices/get", crate = ::seam)]
pub struct GetDevice {
    pub device_id: String,
}

#[seam::seam_endpoint(GET "/devices/list", crate = crate::sdk::rt)]
pub struct ListDevices {
    pub limit: Option<u32>,
}

#[seam::seam_endpoint(POST "/devices/delete", crate = "crate::sdk::rt")]
pub struct DeleteDevice {
    pub device_id: String,
}

#[glob::seam_endpoint(POST "/devices/update", crate = crate::glob)]
pub struct UpdateDevice {
    pub device_id: String,
}

#[seam_runtime::seam_endpoint(POST "/devices/refresh")]
pub struct RefreshDevice {
    pub device_id: String,
}

async fn run(seam: seam::Seam) -> Result<(), seam::Error> {
    let id = || "d1".to_owned();
    seam.devices().get(GetDevice { device_id: id() }).await?;
    seam.devices().list(ListDevices { limit: None }).await?;
    seam.devices()
        .delete(DeleteDevice { device_id: id() })
        .await?;
    seam.devices()
        .update(UpdateDevice { device_id: id() })
        .await?;
    seam.devices()
        .refresh(RefreshDevice { device_id: id() })
        .await?;
    Ok(())
}

fn main() {
    let _ = run;
}
