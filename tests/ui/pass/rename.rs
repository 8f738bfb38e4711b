//! `#[seam(rename)]` sends a field under another name, a keyword included; other
//! attributes, serde's among them, pass through.

use seam::{Seam, seam_endpoint};

#[seam_endpoint(POST "/access_codes/create")]
#[derive(Clone, Debug, PartialEq)]
pub struct CreateAccessCode {
    pub device_id: String,
    #[seam(rename = "type")]
    pub kind: String,
    #[seam(rename = "code")]
    pub pin: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    seam.access_codes()
        .create(CreateAccessCode {
            device_id: "d1".into(),
            kind: "ongoing".into(),
            pin: None,
            name: String::new(),
        })
        .await?;
    Ok(())
}

fn main() {
    let params = CreateAccessCode {
        device_id: "d1".into(),
        kind: "ongoing".into(),
        pin: Some("1234".into()),
        name: String::new(),
    };
    assert_eq!(
        serde_json::to_string(&params).unwrap(),
        r#"{"device_id":"d1","type":"ongoing","code":"1234"}"#
    );
    let _ = run;
}
