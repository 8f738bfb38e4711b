use seam::seam_endpoint;

#[seam_endpoint(HEAD "/devices/get")]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
