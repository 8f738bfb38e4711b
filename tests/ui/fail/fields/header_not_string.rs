use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
pub struct GetDevice {
    pub device_id: String,
    #[seam(header = "x-request-attempt")]
    pub attempt: u32,
}

fn main() {}
