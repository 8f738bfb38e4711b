//! Calls through the binary: the seed call, exit codes, typed flags, `--fake` and
//! `seam fake serve`.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use seam_fake::FakeSeam;
use serde_json::{Value, json};

use crate::{seam, seam_command, stderr, stdout};

/// A fake seeded with a user who holds a credential: `(fake, user, credential)`.
fn seeded() -> (FakeSeam, String, String) {
    let fake = FakeSeam::start();
    let user = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let credential = fake.add_acs_credential(&user, "1234");
    (fake, user, credential)
}

fn unassign(fake: &FakeSeam, api_key: &str, user: &str, credential: &str) -> std::process::Output {
    let endpoint = fake.endpoint();
    seam(&[
        "--endpoint",
        &endpoint,
        "--api-key",
        api_key,
        "acs",
        "credentials",
        "unassign",
        "--acs_credential_id",
        credential,
        "--acs_user_id",
        user,
    ])
}

#[test]
fn the_seed_call_prints_an_empty_object_and_sends_the_seed_request() {
    let (fake, user, credential) = seeded();
    let output = unassign(&fake, fake.api_key(), &user, &credential);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "{}\n");
    assert_eq!(stderr(&output), "");

    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "PATCH");
    assert_eq!(request.path, "/acs/credentials/unassign");
    assert_eq!(request.query, None);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {}", fake.api_key()).as_str())
    );
    assert_eq!(request.header("seam-sdk-name"), Some("seamapi/rust"));
    assert_eq!(
        request.body_json().unwrap(),
        json!({"acs_credential_id": credential, "acs_user_id": user})
    );
}

#[test]
fn a_missing_required_flag_is_a_usage_error_naming_it() {
    let output = seam(&["acs", "credentials", "unassign", "--acs_user_id", "u"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--acs_credential_id"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn unauthorized_and_rejected_requests_exit_with_distinct_codes_and_one_line() {
    let (fake, user, credential) = seeded();

    let output = unassign(&fake, "seam_test_wrong_key", &user, &credential);
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    let line = stderr(&output);
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.starts_with("error: unauthorized"), "{line}");
    assert!(
        line.contains("HTTP 401") && line.contains("req_1"),
        "{line}"
    );
    assert_eq!(stdout(&output), "");

    // A credential the user does not hold: the fake answers 400.
    let other = fake.add_acs_user(fake.acs_system_id(), "John Roe");
    let output = unassign(&fake, fake.api_key(), &other, &credential);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let line = stderr(&output);
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(
        line.contains("acs_credential_not_assigned_to_acs_user") && line.contains("HTTP 400"),
        "{line}"
    );
    assert!(line.contains("(request id req_2)"), "{line}");

    // An unknown id: another API error.
    let output = unassign(&fake, fake.api_key(), &user, "no-such-credential");
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    assert!(stderr(&output).contains("acs_credential_not_found"));
}

#[test]
fn invalid_input_from_the_api_names_its_type() {
    let fake = FakeSeam::start();
    let endpoint = fake.endpoint();
    let output = seam(&[
        "--endpoint",
        &endpoint,
        "--api-key",
        fake.api_key(),
        "acs",
        "credentials",
        "list",
        "--limit",
        "0",
    ]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let line = stderr(&output);
    assert!(
        line.starts_with("error: invalid_input: invalid input (HTTP 400)"),
        "{line}"
    );
    assert!(
        line.contains("`limit`") && line.contains("request id"),
        "{line}"
    );
}

#[test]
fn configuration_and_transport_errors_have_their_own_codes() {
    let output = seam(&["acs", "systems", "list"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no credentials"),
        "{}",
        stderr(&output)
    );

    // A loopback port nothing listens on (the fake's, after it stopped).
    let endpoint = FakeSeam::start().endpoint();
    let output = seam(&[
        "--endpoint",
        &endpoint,
        "--api-key",
        "seam_test_key",
        "acs",
        "credentials",
        "unassign",
        "--acs_credential_id",
        "c",
    ]);
    assert_eq!(output.status.code(), Some(8), "{}", stderr(&output));
    assert_eq!(stderr(&output).lines().count(), 1);
}

#[test]
fn flags_are_parsed_by_type() {
    let fake = FakeSeam::start();
    let endpoint = fake.endpoint();
    let output = seam(&[
        "--endpoint",
        &endpoint,
        "--api-key",
        fake.api_key(),
        "acs",
        "credentials",
        "create",
        "--access_method",
        "code",
        "--acs_user_id",
        "u",
        "--allowed_acs_entrance_ids",
        "e1",
        "--allowed_acs_entrance_ids",
        r#"["e2", "e3"]"#,
        "--is_multi_phone_sync_credential",
        "--visionline_metadata",
        r#"{"auto_join": true}"#,
    ]);
    // The fake has no such user; what matters is the request.
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    let body: Value = fake.requests()[0].body_json().unwrap();
    assert_eq!(
        body,
        json!({
            "access_method": "code",
            "acs_user_id": "u",
            "allowed_acs_entrance_ids": ["e1", "e2", "e3"],
            "is_multi_phone_sync_credential": true,
            "visionline_metadata": {"auto_join": true},
        })
    );

    let output = seam(&["acs", "credentials", "list", "--limit", "ten"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("invalid value 'ten' for '--limit <NUMBER>': expected a number"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn get_params_travel_in_the_query_and_the_response_key_is_printed() {
    let (fake, user, _) = seeded();
    let endpoint = fake.endpoint();
    let output = seam(&[
        "--endpoint",
        &endpoint,
        "--api-key",
        fake.api_key(),
        "acs",
        "users",
        "get",
        "--acs_user_id",
        &user,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(printed["acs_user_id"], user);
    assert_eq!(printed["full_name"], "Jane Doe");
    let request = &fake.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.query.as_deref(),
        Some(format!("acs_user_id={user}&_strict=true").as_str())
    );
}

#[test]
fn fake_calls_an_in_process_fake() {
    let output = seam(&["--fake", "acs", "systems", "list"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let systems: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(systems[0]["name"], "Main Building");

    let output = seam(&["acs", "users", "list", "--fake"]);
    let users: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(users[0]["full_name"], "Jane Doe");
}

/// A child process, killed if the test fails before it ends.
struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

#[test]
fn fake_serve_runs_until_stdin_closes() {
    let mut child = Reaped(
        seam_command(&["fake", "serve"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let child = &mut child.0;
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut banner = std::collections::BTreeMap::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some((key, value)) = line.split_once('=') {
            banner.insert(key.to_owned(), value.to_owned());
        } else if let Some(rest) = line.strip_prefix("# ")
            && let Some((key, value)) = rest.split_once(": ")
        {
            let value = value.split(' ').next().unwrap_or_default();
            banner.insert(key.to_owned(), value.to_owned());
        }
        if line.starts_with("# acs_credential_id") {
            break;
        }
    }
    let output = seam(&[
        "--endpoint",
        &banner["SEAM_ENDPOINT"],
        "--api-key",
        &banner["SEAM_API_KEY"],
        "acs",
        "credentials",
        "unassign",
        "--acs_credential_id",
        &banner["acs_credential_id"],
        "--acs_user_id",
        &banner["acs_user_id"],
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "{}\n");

    drop(child.stdin.take());
    let status = child.wait().unwrap();
    assert!(status.success());
}
