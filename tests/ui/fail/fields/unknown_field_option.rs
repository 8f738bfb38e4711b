use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
pub struct GetDevice {
    #[seam(renam = "id")]
    pub device_id: String,
}

fn main() {}
