//! Path placeholders: any `Display` type fills one, and the rest of the fields are params.

use seam::{Endpoint, Seam, seam_endpoint};

#[seam_endpoint(POST "/devices/{device_id}/calibrate/{index}")]
pub struct CalibrateSensor {
    pub device_id: String,
    pub index: u8,
    pub offset: Option<f64>,
}

#[seam_endpoint(GET "/spaces/{space_id}/describe")]
pub struct DescribeSpace {
    pub space_id: &'static str,
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    seam.devices()
        .calibrate(CalibrateSensor {
            device_id: "d/1".into(),
            index: 2,
            offset: None,
        })
        .await?;
    seam.spaces()
        .describe(DescribeSpace { space_id: "s1" })
        .await?;
    Ok(())
}

fn main() -> Result<(), seam::Error> {
    let params = CalibrateSensor {
        device_id: "d/1".into(),
        index: 2,
        offset: Some(0.5),
    };
    assert_eq!(params.path()?.as_str(), "/devices/d%2F1/calibrate/2");
    assert_eq!(
        CalibrateSensor::PATH,
        "/devices/{device_id}/calibrate/{index}"
    );
    let _ = run;
    Ok(())
}
