use seam::seam_endpoint;

/// Readable from a response, but it cannot be sent.
#[derive(serde::Deserialize)]
pub struct Schedule {
    pub starts_at: String,
}

#[seam_endpoint(POST "/access_codes/create")]
pub struct CreateAccessCode {
    pub device_id: String,
    pub schedule: Schedule,
}

fn main() {}
