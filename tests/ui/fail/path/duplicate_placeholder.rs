use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/{device_id}/frob/{device_id}")]
pub struct FrobDevice {
    pub device_id: String,
}

fn main() {}
