use seam::seam_endpoint;

/// An id without `Display`.
#[derive(serde::Deserialize)]
pub struct DeviceId(pub String);

#[seam_endpoint(GET "/devices/{device_id}/frob")]
pub struct FrobDevice {
    pub device_id: DeviceId,
}

fn main() {}
