use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get", respone = String, key = "device")]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
