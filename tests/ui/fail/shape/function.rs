use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/list")]
pub fn list_devices() {}

fn main() {}
