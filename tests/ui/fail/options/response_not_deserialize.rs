use seam::seam_endpoint;

/// Serializable only: it cannot be read from a response.
#[derive(serde::Serialize)]
pub struct Device {
    pub device_id: String,
}

#[seam_endpoint(GET "/devices/get", response = Device, key = "device")]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
