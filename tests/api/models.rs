//! Every model decodes a full sample of what the API sends, and a sample with what it may
//! add later: unknown fields and unknown enum values.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::spec_lines;

/// A sample value of a type of the route table's grammar (`spec/README.md`). With
/// `later`, enums hold a value this SDK does not know and objects an extra field.
struct Sampler {
    models: BTreeMap<String, Value>,
    later: bool,
}

impl Sampler {
    fn value(&self, ty: &Value, depth: usize) -> Value {
        if let Some(scalar) = ty.as_str() {
            return match scalar {
                "string:uuid" => json!("8d1a6a1f-3c3e-4c0e-9a4e-2b9c3c1f5e7a"),
                "string:date-time" => json!("2026-12-03T10:00:00.000Z"),
                "string:email" => json!("jane@example.com"),
                "string:uri" => json!("https://example.com/a"),
                "integer" => json!(3),
                "number" | "number:float" => json!(1.5),
                "boolean" => json!(true),
                "any" => json!({ "anything": [1, "two"] }),
                _ => json!("Front door"),
            };
        }
        let Some((kind, inner)) = ty.as_object().and_then(|o| o.iter().next()) else {
            panic!("not a type: {ty}");
        };
        match kind.as_str() {
            "enum" => {
                let first = &inner[0];
                if self.later && first.is_string() {
                    json!("a_value_added_later")
                } else {
                    first.clone()
                }
            }
            "array" => json!([self.value(inner, depth + 1)]),
            "record" => json!({ "some_key": self.value(inner, depth + 1) }),
            "nullable" => self.value(inner, depth),
            "oneof" => self.value(&inner[0], depth),
            "object" => self.object(
                inner.as_array().map(Vec::as_slice).unwrap_or(&[]),
                depth + 1,
            ),
            "open_object" => {
                // Its other keys are typed by `rest`: what the API adds later is one more.
                let fields = inner["fields"].as_array().map(Vec::as_slice).unwrap_or(&[]);
                let fixed = Sampler {
                    models: self.models.clone(),
                    later: false,
                };
                let mut object = fixed.object(fields, depth + 1);
                object["another_key"] = self.value(&inner["rest"], depth + 1);
                object
            }
            "ref" => {
                let name = inner.as_str().unwrap_or_default();
                self.model(&self.models[name], 0, depth + 1)
            }
            "union" => self.variant(inner, 0, depth + 1),
            other => panic!("unknown type constructor {other}"),
        }
    }

    fn object(&self, fields: &[Value], depth: usize) -> Value {
        let mut object = Map::new();
        for field in fields {
            // Deep optional branches are left out, as the API leaves them out.
            let required = field["required"].as_bool().unwrap_or(false);
            let name = field["name"].as_str().unwrap_or_default().to_owned();
            // An untyped field that may be null is null, as the API sends it (an action
            // attempt's `error` while it is pending).
            if field["type"] == "any" && field["nullable"] == true {
                object.insert(name, Value::Null);
            } else if required || depth < 4 {
                object.insert(name, self.value(&field["type"], depth));
            }
        }
        if self.later {
            object.insert("field_added_later".into(), json!({ "nested": [true] }));
        }
        Value::Object(object)
    }

    /// One variant of a tagged union: its tags, the common fields and its own.
    fn variant(&self, union: &Value, index: usize, depth: usize) -> Value {
        let variant = &union["variants"][index];
        let mut fields: Vec<Value> = union["common_fields"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        fields.extend(variant["fields"].as_array().cloned().unwrap_or_default());
        let mut object = self.object(&fields, depth);
        for (tag, value) in variant["tag"].as_object().into_iter().flatten() {
            object[tag] = if self.later && value.is_string() {
                json!("a_value_added_later")
            } else {
                value.clone()
            };
        }
        object
    }

    fn model(&self, model: &Value, variant: usize, depth: usize) -> Value {
        match model["kind"].as_str() {
            Some("union") => self.variant(model, variant, depth),
            _ => self.object(
                model["fields"].as_array().map(Vec::as_slice).unwrap_or(&[]),
                depth,
            ),
        }
    }
}

fn decoders() -> BTreeMap<&'static str, seam::models::Decode> {
    seam::models::ALL.iter().copied().collect()
}

#[test]
fn every_model_decodes_full_samples_and_what_the_api_adds_later() {
    let models: BTreeMap<String, Value> = spec_lines("models.jsonl")
        .into_iter()
        .map(|m| (m["name"].as_str().unwrap_or_default().to_owned(), m))
        .collect();
    let decoders = decoders();
    assert_eq!(
        decoders.len(),
        models.len(),
        "a decoder for every model of the spec"
    );

    let mut failures = Vec::new();
    let mut samples = 0;
    for later in [false, true] {
        let sampler = Sampler {
            models: models.clone(),
            later,
        };
        for (name, model) in &models {
            let decode = decoders[name.as_str()];
            let variants = model["variants"].as_array().map_or(1, Vec::len);
            for variant in 0..variants {
                let sample = sampler.model(model, variant, 0);
                samples += 1;
                if let Err(e) = decode(sample.to_string().as_bytes()) {
                    failures.push(format!(
                        "{name} (variant {variant}, later: {later}): {e}\n  {sample}"
                    ));
                }
            }
        }
    }
    assert!(samples > 300, "{samples} samples");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unknown_values_decode_as_other() {
    let credential: seam::models::AcsCredential = serde_json::from_value(json!({
        "access_method": "retina_scan",
        "acs_credential_id": "c1",
        "acs_system_id": "s1",
        "connected_account_id": "a1",
        "created_at": "2026-12-03T10:00:00.000Z",
        "display_name": "Front door",
        "errors": [],
        "is_managed": true,
        "warnings": [{"warning_code": "a_new_warning", "message": "m", "created_at": "2026-12-03T10:00:00.000Z"}],
        "workspace_id": "w1",
        "a_field_added_later": {"x": 1}
    }))
    .unwrap();
    assert_eq!(
        credential.access_method,
        seam::models::AccessMethodKind::Other("retina_scan".into())
    );
    assert_eq!(
        credential.warnings[0].warning_code.as_str(),
        "a_new_warning"
    );
}

#[test]
fn a_realistic_device_decodes() {
    let device: seam::models::Device = serde_json::from_value(json!({
        "device_id": "11111111-1111-1111-1111-111111111111",
        "device_type": "august_lock",
        "display_name": "Front Door",
        "nickname": "Front Door",
        "capabilities_supported": ["access_code", "lock"],
        "can_remotely_lock": true,
        "can_remotely_unlock": true,
        "connected_account_id": "22222222-2222-2222-2222-222222222222",
        "workspace_id": "33333333-3333-3333-3333-333333333333",
        "created_at": "2025-06-16T16:54:17.946Z",
        "is_managed": true,
        "errors": [],
        "warnings": [],
        "custom_metadata": {"unit": "12B", "floor": 3, "vip": true},
        "space_ids": [],
        "location": {"location_name": "Jane's Apartment", "timezone": "America/Los_Angeles"},
        "properties": {
            "online": true,
            "locked": false,
            "name": "Front Door",
            "appearance": {"name": "Front Door"},
            "model": {"display_name": "Wi-Fi Smart Lock", "manufacturer_display_name": "August"},
            "battery_level": 0.86,
            "battery": {"level": 0.86, "status": "full"},
            "manufacturer": "august",
            "image_url": "https://connect.getseam.com/_next/image?url=https://connect.getseam.com/devices/august_wifi_lock_2nd_gen.png",
            "door_open": false
        }
    }))
    .unwrap();
    assert_eq!(device.device_id, "11111111-1111-1111-1111-111111111111");
    assert!(device.created_at.to_system_time().is_some());
}
