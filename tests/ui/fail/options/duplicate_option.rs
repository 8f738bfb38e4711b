use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get", response = String, key = "device", key = "device_id")]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
