//! Method names that are keywords become raw identifiers; `-` becomes `_`; `name = ..`
//! overrides the last segment.

use seam::{Seam, seam_endpoint};

#[seam_endpoint(POST "/acs/credentials/move")]
pub struct MoveCredential {
    pub acs_credential_id: String,
}

#[seam_endpoint(GET "/devices/type")]
pub struct DeviceType {
    pub device_id: String,
}

#[seam_endpoint(POST "/seam/customer/v1/connectors/ical/validate-config")]
pub struct ValidateIcalConfig {
    pub url: String,
}

#[seam_endpoint(POST "/thermostats/set_fan_mode", name = fan)]
pub struct SetFanMode {
    pub device_id: String,
}

#[seam_endpoint(POST "/thermostats/off", name = r#async)]
pub struct TurnOff {
    pub device_id: String,
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    seam.acs()
        .credentials()
        .r#move(MoveCredential {
            acs_credential_id: "c1".into(),
        })
        .await?;
    seam.devices()
        .r#type(DeviceType {
            device_id: "d1".into(),
        })
        .await?;
    seam.seam()
        .customer()
        .v1()
        .connectors()
        .ical()
        .validate_config(ValidateIcalConfig {
            url: "https://example.com/a.ics".into(),
        })
        .await?;
    seam.thermostats()
        .fan(SetFanMode {
            device_id: "d1".into(),
        })
        .await?;
    seam.thermostats()
        .r#async(TurnOff {
            device_id: "d1".into(),
        })
        .await?;
    Ok(())
}

fn main() {
    let _ = run;
}
