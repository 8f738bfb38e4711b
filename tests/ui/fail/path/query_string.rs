use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get?device_id=d1")]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
