use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
#[derive(Debug, serde::Serialize)]
pub struct GetDevice {
    pub device_id: String,
}

fn main() {}
