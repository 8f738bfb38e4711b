use seam::seam_endpoint;

#[seam_endpoint]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
