use seam::seam_endpoint;

#[seam_endpoint(GET "/devices/get")]
pub struct GetDevice {
    pub device_id: String,
    #[seam(header = "seam-workspace")]
    pub workspace_id: Option<String>,
}

fn main() {}
