use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
pub enum GetDevice {
    ById(String),
}

fn main() {}
