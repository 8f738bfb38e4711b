use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
pub struct GetDevice<T> {
    pub device_id: T,
}

fn main() {}
