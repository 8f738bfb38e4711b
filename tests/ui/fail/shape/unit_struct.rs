use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/list")]
pub struct ListDevices;

fn main() {}
