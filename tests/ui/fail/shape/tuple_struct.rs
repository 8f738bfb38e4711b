use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
pub struct GetDevice(pub String);

fn main() {}
