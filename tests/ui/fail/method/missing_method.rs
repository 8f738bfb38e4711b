use seam::seam_endpoint;

#[seam_endpoint("/devices/get")]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
