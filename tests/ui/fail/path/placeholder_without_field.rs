use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/{device}/frob")]
pub struct FrobDevice {
    pub device_id: String,
}

fn main() {}
