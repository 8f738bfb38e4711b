//! A tracing subscriber that writes every span, field record and event, at every level,
//! as text, so a test can read what a call traced or search a whole run for a token.
//! Shared by the `runtime` and `faults` test binaries.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use ::tracing::field::{Field, Visit};
use ::tracing::level_filters::LevelFilter;
use ::tracing::span::{Attributes, Id, Record};
use ::tracing::{Event, Metadata, Subscriber};
use tracing_core::span::Current;

/// A subscriber that writes every span, field record and event, at every level, as one
/// line of text into a shared buffer. It tracks the entered spans (for one thread), as
/// `Span::current()` needs.
#[derive(Clone, Default)]
pub(crate) struct Capture {
    text: Arc<Mutex<String>>,
    last_id: Arc<AtomicU64>,
    spans: Arc<Mutex<HashMap<u64, &'static Metadata<'static>>>>,
    entered: Arc<Mutex<Vec<Id>>>,
}

impl fmt::Debug for Capture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Capture")
    }
}

impl Capture {
    /// Appends a line of text (the subscriber's, or the test's own, e.g. what a
    /// middleware logged).
    pub(crate) fn push(&self, line: &str) {
        let mut text = self.text.lock().unwrap();
        text.push_str(line);
        text.push('\n');
    }

    /// Everything traced so far.
    pub(crate) fn text(&self) -> String {
        self.text.lock().unwrap().clone()
    }
}

/// Fields as ` name=value`, every type through its `Debug` or text.
#[derive(Default)]
struct Fields(String);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        let _ = write!(self.0, " {}={value} ({value:?})", field.name());
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
        self.push(&format!("span {id} {}{}", span.metadata().name(), fields.0));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        self.push(&format!("record {}{}", span.into_u64(), fields.0));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let meta = event.metadata();
        self.push(&format!(
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
