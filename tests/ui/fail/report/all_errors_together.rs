use seam::seam_endpoint;

#[seam_endpoint(PTACH "devices/get/", respone = String)]
pub struct GetDevice {
    #[seam(hedaer = "x-source")]
    pub device_id: String,
}

fn main() {}
