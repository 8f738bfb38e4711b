//! A typed response under its envelope key, a list response, and the `Endpoint` constants.

use seam::{Endpoint, Method, Seam, seam_endpoint};

#[derive(serde::Deserialize)]
pub struct Device {
    pub device_id: String,
    pub display_name: Option<String>,
}

#[seam_endpoint(GET "/devices/get", response = Device, key = "device")]
pub struct GetDevice {
    pub device_id: String,
}

#[seam_endpoint(GET "/devices/list", response = Vec<Device>, key = "devices")]
pub struct ListDevices {
    pub limit: Option<u32>,
}

#[seam_endpoint(GET "/devices/count", response = ::std::collections::BTreeMap<String, u64>, key = "counts")]
pub struct CountDevices {}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    let device: Device = seam
        .devices()
        .get(GetDevice {
            device_id: "d1".into(),
        })
        .await?;
    let _ = (device.device_id, device.display_name);
    let devices: Vec<Device> = seam.send(ListDevices { limit: Some(10) }).await?;
    let _ = devices;
    let counts = seam.devices().count(CountDevices {}).await?;
    let _: u64 = counts.values().sum();
    Ok(())
}

const _: () = {
    assert!(matches!(GetDevice::METHOD, Method::Get));
    assert!(GetDevice::RESPONSE_KEY.is_some());
};

fn main() {
    assert_eq!(GetDevice::PATH, "/devices/get");
    assert_eq!(ListDevices::RESPONSE_KEY, Some("devices"));
    let _ = run;
}
