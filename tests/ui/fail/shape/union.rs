use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
pub union GetDevice {
    pub device_id: u64,
}

fn main() {}
