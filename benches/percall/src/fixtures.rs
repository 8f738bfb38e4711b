//! The calls and bodies the benches use.
//!
//! The bodies are what Seam answers a list of 1,000: every field an August lock, an
//! ecobee thermostat or a Salto user has in Seam's documented samples, ids that differ
//! per item, a warning on some, and the `ok` and `pagination` keys around the list.

use std::fmt::Write as _;

use seam::acs::{credentials, users};
use seam::devices;
use seam::models::{DeviceType, ListManufacturer};

/// `PATCH /acs/credentials/unassign` with `acs_credential_id` and `acs_user_id`: the seed call.
pub fn seed() -> credentials::Unassign {
    credentials::Unassign {
        acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
        acs_user_id: Some("33333333-3333-3333-3333-333333333333".into()),
        user_identity_id: None,
    }
}

/// `GET /devices/list` with ten params, two of them arrays.
pub fn get10() -> devices::List {
    devices::List {
        connected_account_id: Some("22222222-2222-2222-2222-222222222222".into()),
        connected_account_ids: Some(vec![
            "22222222-2222-2222-2222-222222222222".into(),
            "22222222-2222-2222-2222-222222222223".into(),
        ]),
        customer_key: Some("customer-7".into()),
        device_ids: Some(vec![
            "11111111-1111-1111-1111-111111111111".into(),
            "11111111-1111-1111-1111-111111111112".into(),
            "11111111-1111-1111-1111-111111111113".into(),
        ]),
        device_type: Some(DeviceType::AugustLock),
        limit: Some(100.0),
        manufacturer: Some(ListManufacturer::August),
        search: Some("Front Door".into()),
        space_id: Some("44444444-4444-4444-4444-444444444444".into()),
        user_identifier_key: Some("jane@example.com".into()),
        ..devices::List::default()
    }
}

/// `GET /acs/users/list?limit=1000`.
pub fn list_acs_users() -> users::List {
    users::List {
        limit: Some(1000),
        ..users::List::default()
    }
}

/// `GET /devices/list?limit=1000`.
pub fn list_devices() -> devices::List {
    devices::List {
        limit: Some(1000.0),
        ..devices::List::default()
    }
}

fn uuid(prefix: u32, i: usize) -> String {
    format!("{prefix:08x}-1c2d-4e5f-8a9b-{i:012x}")
}

/// `{"ok": true, "acs_users": [..1,000..], "pagination": {..}}`.
pub fn acs_users_body(n: usize) -> String {
    let mut out = String::from("{\"acs_users\":[");
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let warnings = if i % 10 == 3 {
            r#"[{"created_at":"2025-06-16T16:54:17.946Z","message":"The user is not subscribed to the Salto KS site.","warning_code":"salto_ks_user_not_subscribed"}]"#
        } else {
            "[]"
        };
        let _ = write!(
            out,
            r#"{{"acs_user_id":"{user}","acs_system_id":"{system}","connected_account_id":"{account}","workspace_id":"{workspace}","created_at":"2025-06-16T16:54:17.946Z","display_name":"Jane Doe {i}","full_name":"Jane Doe {i}","email":"jane.doe{i}@example.com","email_address":"jane.doe{i}@example.com","phone_number":"+15555550{p:03}","external_type":"salto_site_user","external_type_display_name":"Salto site user","is_managed":true,"is_suspended":false,"access_schedule":{{"starts_at":"2025-06-10T15:00:00.000Z","ends_at":"2025-06-12T11:00:00.000Z"}},"last_successful_sync_at":"2025-06-18T17:45:00.582Z","pending_mutations":[],"user_identity_id":"{identity}","user_identity_full_name":"Jane Doe {i}","user_identity_email_address":"jane.doe{i}@example.com","user_identity_phone_number":"+15555550{p:03}","salto_ks_metadata":{{"is_subscribed":true}},"errors":[],"warnings":{warnings}}}"#,
            user = uuid(0x33333333, i),
            system = uuid(0x55555555, i % 3),
            account = uuid(0x22222222, i % 7),
            workspace = uuid(0x77777777, 0),
            identity = uuid(0x88888888, i),
            p = i % 1000,
        );
    }
    out.push_str(r#"],"pagination":{"has_next_page":false,"next_page_cursor":null,"next_page_url":null},"ok":true}"#);
    out
}

/// `{"ok": true, "devices": [..1,000..], "pagination": {..}}`: two locks for every thermostat.
pub fn devices_body(n: usize) -> String {
    let mut out = String::from("{\"devices\":[");
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let common = format!(
            r#""device_id":"{device}","connected_account_id":"{account}","workspace_id":"{workspace}","created_at":"2025-06-16T16:54:17.946Z","is_managed":true,"custom_metadata":{{"unit":"{unit}","floor":{floor},"vip":{vip}}},"space_ids":["{space}"],"location":{{"location_name":"Jane's Apartment {unit}","time_zone":"America/Los_Angeles","timezone":"America/Los_Angeles"}},"errors":[]"#,
            device = uuid(0x11111111, i),
            account = uuid(0x22222222, i % 7),
            workspace = uuid(0x77777777, 0),
            unit = format_args!("{}B", i % 40),
            floor = i % 12,
            vip = i % 5 == 0,
            space = uuid(0x44444444, i % 50),
        );
        let warnings = if i % 10 == 7 {
            r#"[{"created_at":"2025-06-16T16:54:17.946Z","message":"Too many active backup codes.","warning_code":"many_active_backup_codes","active_access_code_count":18,"max_active_access_code_count":20}]"#
        } else {
            "[]"
        };
        if i % 3 == 2 {
            let _ = write!(
                out,
                r#"{{{common},"device_type":"ecobee_thermostat","display_name":"Living Room {i}","nickname":"Living Room","capabilities_supported":["thermostat"],"can_hvac_cool":true,"can_hvac_heat":true,"can_hvac_heat_cool":true,"can_turn_off_hvac":true,"can_run_thermostat_programs":true,"can_program_thermostat_programs_as_different_each_day":true,"warnings":{warnings},"device_manufacturer":{{"display_name":"ecobee","manufacturer":"ecobee","image_url":"https://connect.getseam.com/assets/images/manufacturers/ecobee.png"}},"properties":{{"online":true,"name":"Living Room {i}","appearance":{{"name":"Living Room {i}"}},"model":{{"display_name":"Thermostat","manufacturer_display_name":"Ecobee","can_connect_accessory_keypad":false,"has_built_in_keypad":false,"offline_access_codes_supported":false,"online_access_codes_supported":false}},"manufacturer":"ecobee","image_url":"https://connect.getseam.com/_next/image?url=https://connect.getseam.com/devices/ecobee3-lite.png&q=75&w=128","image_alt_text":"Ecobee 3 Lite Thermostat","ecobee_metadata":{{"device_name":"Living Room","ecobee_device_id":"ecobee_device_{i}"}},"temperature_celsius":21.{t},"temperature_fahrenheit":70.{t},"relative_humidity":0.36,"is_cooling":false,"is_heating":true,"is_fan_running":false,"is_temporary_manual_override_active":false,"available_hvac_mode_settings":["cool","heat","heat_cool","off"],"available_fan_mode_settings":["auto","on","circulate"],"fan_mode_setting":"auto","current_climate_setting":{{"display_name":"Manual Setting","hvac_mode_setting":"heat_cool","cooling_set_point_celsius":25,"cooling_set_point_fahrenheit":77,"heating_set_point_celsius":20,"heating_set_point_fahrenheit":68,"manual_override_allowed":true,"can_edit":false,"can_delete":false}},"default_climate_setting":{{"display_name":"Manual Setting","hvac_mode_setting":"heat_cool","cooling_set_point_celsius":25,"heating_set_point_celsius":20,"manual_override_allowed":true}},"min_cooling_set_point_celsius":18.3,"min_cooling_set_point_fahrenheit":65,"max_cooling_set_point_celsius":33.3,"max_cooling_set_point_fahrenheit":92,"min_heating_set_point_celsius":7.2,"min_heating_set_point_fahrenheit":45,"max_heating_set_point_celsius":26.1,"max_heating_set_point_fahrenheit":79,"min_heating_cooling_delta_celsius":2.8,"min_heating_cooling_delta_fahrenheit":5,"has_direct_power":true}}}}"#,
                t = i % 10,
            );
        } else {
            let _ = write!(
                out,
                r#"{{{common},"device_type":"august_lock","display_name":"Front Door {i}","nickname":"Front Door","capabilities_supported":["access_code","lock"],"can_remotely_lock":true,"can_remotely_unlock":true,"can_program_online_access_codes":true,"can_simulate_removal":true,"warnings":{warnings},"device_manufacturer":{{"display_name":"August","manufacturer":"august","image_url":"https://connect.getseam.com/assets/images/manufacturers/august.png"}},"properties":{{"online":true,"locked":{locked},"door_open":false,"name":"Front Door {i}","appearance":{{"name":"Front Door {i}"}},"model":{{"display_name":"Wi-Fi Smart Lock","manufacturer_display_name":"August","accessory_keypad_supported":true,"can_connect_accessory_keypad":true,"has_built_in_keypad":false,"offline_access_codes_supported":false,"online_access_codes_supported":true}},"battery_level":0.{b:02},"battery":{{"level":0.{b:02},"status":"good"}},"keypad_battery":{{"level":0.75}},"manufacturer":"august","image_url":"https://connect.getseam.com/_next/image?url=https://connect.getseam.com/devices/august_wifi_lock_2nd_gen.png&q=75&w=128","image_alt_text":"August Wi-Fi Smart Lock 3rd Gen, Silver, Front","serial_number":"00000000-0000-0000-0000-{i:012}","online_access_codes_enabled":true,"offline_access_codes_enabled":false,"supports_accessory_keypad":true,"supports_offline_access_codes":false,"supported_code_lengths":[4,5,6,7,8],"max_active_codes_supported":250,"has_native_entry_events":true,"code_constraints":[{{"constraint_type":"no_zeros"}}],"august_metadata":{{"lock_id":"lock-{i}","lock_name":"Front Door","house_name":"Jane's House","house_id":"house-{h}","has_keypad":true,"keypad_battery_level":"Medium","model":"AUG-SL05-M01-S01"}}}}}}"#,
                locked = i % 2 == 0,
                b = 10 + i % 90,
                h = i % 20,
            );
        }
    }
    out.push_str(r#"],"pagination":{"has_next_page":false,"next_page_cursor":null,"next_page_url":null},"ok":true}"#);
    out
}
