//! Tracing: every call's span carries method, path, attempt, status and request id, and
//! no token ever shows, in traces, in the client's `Debug`, or in errors.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use ::tracing::field::{Field, Visit};
use ::tracing::level_filters::LevelFilter;
use ::tracing::span::{Attributes, Id, Record};
use ::tracing::{Event, Metadata, Subscriber};
use seam::devices;
use seam::prelude::*;
use seam_fake::FakeSeam;
use tracing_core::span::Current;

use crate::builder;

/// A subscriber that writes every span, field record and event, at every level, as one
/// line of text into a shared buffer. It tracks the entered spans (for one thread), as
/// `Span::current()` needs.
#[derive(Clone, Default)]
struct Capture {
    text: Arc<Mutex<String>>,
    last_id: Arc<AtomicU64>,
    spans: Arc<Mutex<HashMap<u64, &'static Metadata<'static>>>>,
    entered: Arc<Mutex<Vec<Id>>>,
}

impl Capture {
    fn push(&self, line: String) {
        let mut text = self.text.lock().unwrap();
        text.push_str(&line);
        text.push('\n');
    }

    fn text(&self) -> String {
        self.text.lock().unwrap().clone()
    }
}

/// Fields as ` name=value`.
#[derive(Default)]
struct Fields(String);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::TRACE)
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.last_id.fetch_add(1, Ordering::Relaxed) + 1;
        self.spans.lock().unwrap().insert(id, span.metadata());
        let mut fields = Fields::default();
        span.record(&mut fields);
        self.push(format!("span {id} {}{}", span.metadata().name(), fields.0));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        self.push(format!("record {}{}", span.into_u64(), fields.0));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let meta = event.metadata();
        self.push(format!(
            "event {} {}{}",
            meta.level(),
            meta.target(),
            fields.0
        ));
    }

    fn enter(&self, span: &Id) {
        self.entered.lock().unwrap().push(span.clone());
    }

    fn exit(&self, span: &Id) {
        let mut entered = self.entered.lock().unwrap();
        if let Some(at) = entered.iter().rposition(|id| id == span) {
            entered.remove(at);
        }
    }

    fn current_span(&self) -> Current {
        let entered = self.entered.lock().unwrap();
        let Some(id) = entered.last() else {
            return Current::none();
        };
        match self.spans.lock().unwrap().get(&id.into_u64()) {
            Some(metadata) => Current::new(id.clone(), metadata),
            None => Current::none(),
        }
    }
}

fn get_device(id: &str) -> devices::Get {
    devices::Get {
        device_id: Some(id.to_owned()),
        name: None,
    }
}

/// In a process of its own: a subscriber set as one thread's default can miss a callsite
/// that another test's thread registers at the same moment (tracing's interest cache).
#[test]
fn traces_carry_the_call_and_never_a_token() {
    crate::run_alone("tracing::traces_in_a_process_of_its_own");
}

// One thread (the current-thread runtime): the subscriber, set as this thread's default,
// sees everything the client does.
#[tokio::test(flavor = "current_thread")]
#[ignore = "run in a process of its own by `traces_carry_the_call_and_never_a_token`"]
async fn traces_in_a_process_of_its_own() {
    let fake = FakeSeam::start();
    let capture = Capture::default();
    let _guard = ::tracing::subscriber::set_default(capture.clone());

    // A call that fails three times with an API key.
    let seam = fake.client();
    fake.fail_next("/devices/get", 503, 3);
    let failed = seam
        .devices()
        .get(get_device(fake.device_id()))
        .await
        .unwrap_err();
    assert_eq!(failed.attempts(), Some(3));

    // A call refused by the fake, with a client session token.
    let frontend = builder(&fake)
        .client_session_token(fake.client_session_token())
        .build()
        .unwrap();
    let missing = frontend
        .devices()
        .get(get_device("no-such-device"))
        .await
        .unwrap_err();
    assert_eq!(missing.error_type(), Some("device_not_found"));

    // A publishable key exchanged for a session.
    let exchanged = builder(&fake)
        .publishable_key(fake.publishable_key(), "user-1")
        .build_async()
        .await
        .unwrap();
    exchanged
        .devices()
        .get(get_device(fake.device_id()))
        .await
        .unwrap();
    // The token the fake handed out, as the next call sent it.
    let session_token = fake
        .requests()
        .last()
        .and_then(|r| r.header("client-session-token").map(str::to_owned))
        .unwrap();

    let text = capture.text();
    for needle in [
        "seam.request",
        "method=GET",
        "path=/devices/get",
        "attempt=1",
        "attempt=3",
        "status=503",
        "status=404",
        "request_id=req_3",
        "path=/client_sessions/get_or_create",
        "method=POST",
    ] {
        assert!(text.contains(needle), "no `{needle}` in:\n{text}");
    }
    let secrets = [
        fake.api_key(),
        fake.client_session_token(),
        fake.publishable_key(),
        session_token.as_str(),
    ];
    for secret in secrets {
        assert!(!text.contains(secret), "`{secret}` in:\n{text}");
        for shown in [
            format!("{seam:?}"),
            format!("{frontend:?}"),
            format!("{exchanged:?}"),
            format!("{:?}", builder(&fake).api_key(fake.api_key())),
            failed.to_string(),
            format!("{failed:?}"),
            missing.to_string(),
            format!("{missing:?}"),
        ] {
            assert!(!shown.contains(secret), "`{secret}` in {shown}");
        }
    }
}

#[tokio::test]
async fn configuration_errors_never_quote_the_token() {
    let fake = FakeSeam::start();
    let token = "seam_at_very_secret_token";
    let errors = [
        builder(&fake).api_key(token).build().unwrap_err(),
        builder(&fake)
            .client_session_token(token)
            .build()
            .unwrap_err(),
        builder(&fake)
            .api_key("seam_very\r\nsecret")
            .build()
            .unwrap_err(),
    ];
    for error in errors {
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains("very"), "{shown}");
        }
    }
}
