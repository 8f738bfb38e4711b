//! Security: tokens never show (not in `Debug`, `Display`, errors or traces at any
//! level), credentials a header cannot carry are configuration errors, endpoints must be
//! `https` except on loopback, and every crate forbids `unsafe`.

use std::fmt::Write as _;
use std::future::IntoFuture;
use std::time::Duration;

use bytes::Bytes;
use proptest::prelude::*;
use seam::{
    BoxFuture, Error, HttpRequest, Seam, Transport, TransportError, WaitForActionAttempt,
    client_sessions, locks,
};
use seam_fake::FakeSeam;
use seam_runtime::ReqwestTransport;

use crate::capture::Capture;
use crate::server::{Recorded, Reply, Server, head};
use crate::{DescribeWidget, GetWidget, TOKEN, builder};

const SESSION_TOKEN: &str = "seam_cst_faults_session_secret";

/// A middleware that logs every request and answer with `Debug`, as a user's might.
#[derive(Debug)]
struct Logging {
    inner: ReqwestTransport,
    log: Capture,
}

impl Transport for Logging {
    fn send(
        &self,
        request: HttpRequest,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        self.log.push(&format!("middleware sends {request:?}"));
        Box::pin(async move {
            let answer = self.inner.send(request).await;
            self.log.push(&format!("middleware got {answer:?}"));
            answer
        })
    }
}

fn get(id: &str) -> GetWidget {
    GetWidget {
        widget_id: id.to_owned(),
    }
}

/// What the token-leak server answers, by the `widget_id` a request carries.
fn misbehave(_: usize, request: &Recorded) -> Reply {
    let id = request
        .target
        .split("widget_id=")
        .nth(1)
        .unwrap_or_default();
    let id = id.split('&').next().unwrap_or_default();
    let json = |status, body: &str| Reply::json(status, body, Some("req_leak"));
    match id {
        "unauthorized" => Reply::Answer {
            status: 401,
            headers: vec![],
            body: b"Unauthorized".to_vec(),
        },
        "invalid_input" => json(
            400,
            r#"{"ok":false,"error":{"type":"invalid_input","message":"bad","validation_errors":{"_errors":[],"widget_id":{"_errors":["Required"]}}}}"#,
        ),
        "api" => json(
            404,
            r#"{"ok":false,"error":{"type":"widget_not_found","message":"gone"}}"#,
        ),
        "html" => Reply::Answer {
            status: 502,
            headers: vec![],
            body: b"<html>Bad Gateway</html>".to_vec(),
        },
        "redirect" => Reply::Answer {
            status: 302,
            headers: vec![("location", "http://127.0.0.1:9/elsewhere".into())],
            body: Vec::new(),
        },
        "invalid" => json(200, "not json"),
        "reset" => Reply::RawThenReset(Vec::new()),
        "stall" => Reply::Stall,
        _ => Reply::RawThenClose(head(200, &[], Some(100_000))),
    }
}

/// Runs [`failing_run_in_a_process_of_its_own`] alone, and searches all it printed (its
/// traces at every level, the errors in every format) for the tokens.
#[test]
fn no_failing_run_ever_shows_a_token() {
    let output = crate::run_alone("security::failing_run_in_a_process_of_its_own");
    for needle in [
        "seam.request",
        "status=401",
        "middleware sends",
        "authorization",
    ] {
        assert!(output.contains(needle), "no `{needle}` in:\n{output}");
    }
    for secret in [TOKEN, SESSION_TOKEN] {
        assert!(!output.contains(secret), "`{secret}` in:\n{output}");
    }
}

/// Every error variant the client can produce, with a subscriber for the whole process
/// that records everything, at every level; prints it all. In a process of its own, so
/// the global subscriber sees every callsite (a thread's default one can miss those that
/// other tests register at the same moment).
#[tokio::test(flavor = "current_thread")]
#[ignore = "run in a process of its own by `no_failing_run_ever_shows_a_token`"]
async fn failing_run_in_a_process_of_its_own() {
    let capture = Capture::default();
    tracing::subscriber::set_global_default(capture.clone()).unwrap();
    let server = Server::start(misbehave).await;
    let logged = || Logging {
        inner: ReqwestTransport::new().unwrap(),
        log: capture.clone(),
    };
    let seam = builder(&server.endpoint())
        .transport(logged())
        .max_retries(1)
        .build()
        .unwrap();
    let small = builder(&server.endpoint())
        .transport(ReqwestTransport::new().unwrap().max_body(10))
        .build()
        .unwrap();
    let frontend = Seam::builder()
        .client_session_token(SESSION_TOKEN)
        .endpoint(server.endpoint())
        .transport(logged())
        .build()
        .unwrap();

    let mut errors: Vec<Error> = Vec::new();
    for id in [
        "unauthorized",
        "invalid_input",
        "api",
        "html",
        "redirect",
        "invalid",
        "reset",
    ] {
        errors.push(seam.send(get(id)).await.unwrap_err());
    }
    errors.push(
        seam.send(get("stall"))
            .timeout(Duration::from_millis(100))
            .await
            .unwrap_err(),
    );
    errors.push(small.send(get("big")).await.unwrap_err());
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_endpoint = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    errors.push(
        builder(&dead_endpoint)
            .transport(logged())
            .build()
            .unwrap()
            .send(get("any"))
            .await
            .unwrap_err(),
    );
    errors.push(
        seam.send(DescribeWidget {
            widget_id: "..".into(),
        })
        .await
        .unwrap_err(),
    );
    errors.push(
        frontend
            .send(client_sessions::Revoke {
                client_session_id: "cs".into(),
            })
            .await
            .unwrap_err(),
    );
    errors.push(frontend.send(get("unauthorized")).await.unwrap_err());
    errors.push(
        builder("http://127.0.0.1:1")
            .personal_access_token(TOKEN, "ws")
            .build()
            .unwrap_err(),
    );
    errors.push(
        Seam::builder()
            .personal_access_token(TOKEN, "ws")
            .build()
            .unwrap_err(),
    );
    errors.push(
        Seam::builder()
            .api_key(format!("{TOKEN}\r\nx-evil: 1"))
            .build()
            .unwrap_err(),
    );
    errors.push(
        Seam::builder()
            .client_session_token(TOKEN)
            .build()
            .unwrap_err(),
    );

    // Action attempts that fail and time out, against the fake and its own key.
    let fake = FakeSeam::start();
    let unlock = || locks::UnlockDoor {
        device_id: fake.device_id().to_owned(),
        sync: None,
    };
    let quick = WaitForActionAttempt {
        timeout: Duration::from_millis(50),
        interval: Duration::from_millis(10),
    };
    fake.next_action_attempt_fails("lock_jammed", "jammed");
    errors.push(fake.client().send(unlock()).await.unwrap_err());
    fake.next_action_attempt_stays_pending();
    errors.push(
        fake.client()
            .send(unlock())
            .wait_for_action_attempt(quick)
            .await
            .unwrap_err(),
    );

    let variants: std::collections::BTreeSet<String> = errors
        .iter()
        .map(crate::matrix::variant)
        .map(|v| {
            v.split(['(', ' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    for expected in [
        "Unauthorized",
        "InvalidInput",
        "Api",
        "Http",
        "InvalidResponse",
        "Transport",
        "InvalidRequest",
        "AuthNotAccepted",
        "InvalidOptions",
        "InvalidToken",
        "ActionAttemptFailed",
        "ActionAttemptTimedOut",
    ] {
        assert!(
            variants.contains(expected),
            "no {expected} among {variants:?}"
        );
    }

    let mut shown = capture.text();
    for error in &errors {
        shown.push_str(&everything_shown(error));
    }
    shown.push_str(&format!("{seam:?}\n{frontend:?}\n{small:?}\n"));
    shown.push_str(&format!("{:?}\n", builder("http://127.0.0.1:1")));
    shown.push_str(&format!("{:?}\n", seam.send(get("x"))));
    // The fake's key is random: search for it here; the caller searches for the others.
    assert!(
        !shown.contains(fake.api_key()),
        "the fake's key in:\n{shown}"
    );
    println!("{shown}");
    // The server did receive the token: it was sent, just never shown.
    let sent = server.requests();
    assert!(
        sent.iter()
            .any(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}")))
    );
}

/// Sends nothing: records the headers of the one request it is given, and answers `{}`.
#[derive(Debug, Default, Clone)]
struct Recording(std::sync::Arc<std::sync::Mutex<Vec<http::HeaderMap>>>);

impl Transport for Recording {
    fn send(
        &self,
        request: HttpRequest,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        self.0.lock().unwrap().push(request.headers().clone());
        Box::pin(std::future::ready(Ok(http::Response::new(
            Bytes::from_static(br#"{"ok":true}"#),
        ))))
    }
}

/// Bytes a header cannot carry, each in a place a token or workspace id goes.
const BAD: [&str; 6] = ["\r\nx-evil: 1", "\n", "\r", "\0", "\x7f", "\x01"];

#[test]
fn credentials_a_header_cannot_carry_are_configuration_errors() {
    for bad in BAD {
        let built = [
            Seam::builder().api_key(format!("seam_k{bad}")).build(),
            Seam::builder()
                .personal_access_token(format!("seam_at1{bad}"), "ws")
                .build(),
            Seam::builder()
                .personal_access_token("seam_at1", format!("ws{bad}"))
                .build(),
            Seam::builder()
                .personal_access_token_without_workspace(format!("seam_at1{bad}"))
                .build(),
            Seam::builder()
                .client_session_token(format!("seam_cst1{bad}"))
                .build(),
            Seam::builder()
                .console_session_token(format!("eyJ1{bad}"), None)
                .build(),
            Seam::builder()
                .console_session_token("eyJ1", Some(format!("ws{bad}")))
                .build(),
            Seam::builder()
                .env_source(move |name| (name == "SEAM_API_KEY").then(|| format!("seam_k{bad}")))
                .build(),
            Seam::builder()
                .env_source(move |name| match name {
                    "SEAM_PERSONAL_ACCESS_TOKEN" => Some("seam_at1".to_owned()),
                    "SEAM_WORKSPACE_ID" => Some(format!("ws{bad}")),
                    _ => None,
                })
                .build(),
        ];
        for (i, result) in built.into_iter().enumerate() {
            assert!(
                matches!(
                    result,
                    Err(Error::InvalidToken(_) | Error::InvalidOptions(_))
                ),
                "case {i} with {bad:?}: {result:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_bad_publishable_key_sends_nothing() {
    let server = Server::start(|_, _: &Recorded| Reply::json(200, "{}", None)).await;
    for bad in BAD {
        let result = Seam::builder()
            .endpoint(server.endpoint())
            .publishable_key(format!("seam_pk1{bad}"), "user")
            .build_async()
            .await;
        assert!(
            matches!(result, Err(Error::InvalidToken(_))),
            "{bad:?}: {result:?}"
        );
    }
    assert_eq!(server.served(), 0);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any API key and workspace id: a configuration error, or a client whose request
    /// carries them byte for byte in their own headers and adds no other header.
    #[test]
    fn any_credential_is_an_error_or_exactly_its_headers(
        key in "seam_\\PC{0,12}|seam_[\\x00-\\x7f]{0,12}",
        workspace in prop::option::of("\\PC{0,8}|[\\x00-\\x7f]{0,8}"),
    ) {
        let recording = Recording::default();
        let built = match &workspace {
            Some(ws) if key.starts_with("seam_at") => Seam::builder()
                .personal_access_token(key.clone(), ws.clone()),
            _ => Seam::builder().api_key(key.clone()),
        }
        .endpoint("http://127.0.0.1:1")
        .transport(recording.clone())
        .build();
        let seam = match built {
            Ok(seam) => seam,
            Err(Error::InvalidToken(_) | Error::InvalidOptions(_)) => return Ok(()),
            Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        let _ = rt.block_on(seam.send(crate::PokeWidget { widget_id: "w".into() }).into_future());
        let sent = recording.0.lock().unwrap().pop().unwrap();
        let auth = sent.get("authorization").unwrap();
        let bearer = format!("Bearer {key}");
        prop_assert_eq!(auth.as_bytes(), bearer.as_bytes());
        prop_assert!(auth.is_sensitive());
        let mut names: Vec<&str> = sent.keys().map(http::HeaderName::as_str).collect();
        names.sort_unstable();
        let mut expected = vec!["authorization", "content-type", "seam-sdk-name", "seam-sdk-version"];
        if let (Some(ws), true) = (&workspace, key.starts_with("seam_at")) {
            prop_assert_eq!(sent.get("seam-workspace").unwrap().as_bytes(), ws.as_bytes());
            expected.push("seam-workspace");
            expected.sort_unstable();
        }
        prop_assert_eq!(names, expected);
    }
}

#[test]
fn endpoints_are_https_except_on_loopback() {
    let build = |url: &str, insecure: bool| {
        Seam::builder()
            .api_key("seam_k")
            .endpoint(url)
            .allow_insecure_http(insecure)
            .build()
    };
    for url in [
        "https://connect.getseam.com",
        "http://127.0.0.1:8080",
        "http://127.1.2.3",
        "http://[::1]:9",
        "http://localhost:3000",
    ] {
        assert!(build(url, false).is_ok(), "{url}");
    }
    for url in [
        "http://connect.getseam.com",
        "HTTP://EXAMPLE.COM",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "http://10.0.0.1",
        "http://[::ffff:8.8.8.8]",
        "ftp://127.0.0.1",
        "ws://127.0.0.1",
        "https://user:pass@example.com",
        "https://example.com/?key=1",
        "example.com",
    ] {
        let result = build(url, false);
        assert!(
            matches!(result, Err(Error::InvalidOptions(_))),
            "{url}: {result:?}"
        );
    }
    assert!(build("http://connect.getseam.com", true).is_ok());
    assert!(matches!(
        build("ftp://example.com", true),
        Err(Error::InvalidOptions(_))
    ));
    // The environment is checked the same way.
    let from_env = Seam::builder()
        .env_source(|name| match name {
            "SEAM_API_KEY" => Some("seam_k".to_owned()),
            "SEAM_ENDPOINT" => Some("http://example.com".to_owned()),
            _ => None,
        })
        .build();
    assert!(matches!(from_env, Err(Error::InvalidOptions(_))));
}

/// `unsafe_code = "forbid"` holds in every crate of the workspace: each inherits the
/// workspace lints.
#[test]
fn every_crate_forbids_unsafe() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("unsafe_code = \"forbid\""));
    let members = manifest
        .split("members = [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap();
    let members: Vec<&str> = members
        .split(',')
        .map(|m| m.trim().trim_matches('"'))
        .filter(|m| !m.is_empty())
        .collect();
    assert!(members.len() >= 8, "{members:?}");
    for member in members {
        let text = std::fs::read_to_string(root.join(member).join("Cargo.toml")).unwrap();
        let lints = text.split("[lints]").nth(1).unwrap_or_default();
        assert!(
            lints.trim_start().starts_with("workspace = true"),
            "{member}/Cargo.toml does not inherit the workspace lints"
        );
    }
}

/// An error as everything a program might print of it: `Display`, `Debug`, and each
/// source in its chain.
fn everything_shown(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = format!("{error}\n{error:?}\n");
    let mut source = error.source();
    while let Some(cause) = source {
        let _ = writeln!(out, "caused by: {cause} / {cause:?}");
        source = cause.source();
    }
    out
}
