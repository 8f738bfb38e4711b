//! Header fields: `String`, `&str`, `Option` of one; they are not params.

use seam::{Endpoint, Headers, Seam, seam_endpoint};

#[seam_endpoint(POST "/devices/refresh")]
pub struct RefreshDevice {
    pub device_id: String,
    #[seam(header = "x-request-source")]
    pub source: String,
    #[seam(header = "x-trace-id")]
    pub trace_id: Option<String>,
    #[seam(header = "x-client_tag")]
    pub tag: &'static str,
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    let params = RefreshDevice {
        device_id: "d1".into(),
        source: "ui-test".into(),
        trace_id: None,
        tag: "t",
    };
    seam.devices().refresh(params).await?;
    Ok(())
}

fn main() -> Result<(), seam::Error> {
    let params = RefreshDevice {
        device_id: "d1".into(),
        source: "ui-test".into(),
        trace_id: Some("abc".into()),
        tag: "t",
    };
    params.headers(&mut Headers::default())?;
    let _ = run;
    Ok(())
}
