//! The routes the fake serves, one handler per endpoint declaration of the facade, and
//! what handlers share: [`Args`] to read params, [`Reply`] to answer, [`paginate`].
//!
//! A handler reads the params by name from the decoded endpoint struct and answers with
//! JSON shaped like the API's resources, so it depends on the declarations' names, not
//! on the Rust types the facade gives their fields or models.

mod acs;
mod action_attempts;
mod devices;
mod locks;
mod sessions;
mod workspaces;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::FakeError;
use crate::server::Routes;

/// Every route the fake serves.
pub(crate) fn all() -> Routes {
    let mut routes = Routes::default();
    acs::register(&mut routes);
    devices::register(&mut routes);
    locks::register(&mut routes);
    action_attempts::register(&mut routes);
    sessions::register(&mut routes);
    workspaces::register(&mut routes);
    routes
}

/// A request's params, after they decoded into the endpoint's struct, as that struct
/// serializes (omitted params are absent).
#[derive(Debug, Clone, Default)]
pub(crate) struct Args(Map<String, Value>);

impl Args {
    /// The params of `endpoint`.
    pub(crate) fn of<E: Serialize>(endpoint: &E) -> Args {
        match serde_json::to_value(endpoint) {
            Ok(Value::Object(map)) => Args(map),
            _ => Args::default(),
        }
    }

    /// A string param; `None` when omitted or `null`.
    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(Value::as_str)
    }

    /// A string param the declaration requires (so it decoded); `""` if it is missing.
    pub(crate) fn required(&self, name: &str) -> &str {
        self.str(name).unwrap_or_default()
    }

    /// A numeric param; `None` when omitted or `null`.
    pub(crate) fn number(&self, name: &str) -> Option<f64> {
        self.0.get(name).and_then(Value::as_f64)
    }

    /// A boolean param; `None` when omitted or `null`.
    pub(crate) fn bool(&self, name: &str) -> Option<bool> {
        self.0.get(name).and_then(Value::as_bool)
    }

    /// A list of strings param; `None` when omitted or `null`.
    pub(crate) fn strs(&self, name: &str) -> Option<Vec<&str>> {
        let items = self.0.get(name)?.as_array()?;
        Some(items.iter().filter_map(Value::as_str).collect())
    }

    /// Every param, by name.
    pub(crate) fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

/// A handler's answer: the payload under the route's response key, and other members
/// of the envelope (`pagination`, or the resource a void route still returns).
#[derive(Debug, Clone, Default)]
pub(crate) struct Reply {
    pub(crate) payload: Option<Value>,
    pub(crate) extra: Vec<(&'static str, Value)>,
}

impl Reply {
    /// `{"ok": true, "<response key>": payload}`.
    pub(crate) fn ok(payload: Value) -> Reply {
        Reply {
            payload: Some(payload),
            extra: Vec::new(),
        }
    }

    /// `{"ok": true}`, for a void route.
    pub(crate) fn void() -> Reply {
        Reply::default()
    }

    /// Adds `"key": value` to the envelope.
    pub(crate) fn with(mut self, key: &'static str, value: Value) -> Reply {
        self.extra.push((key, value));
        self
    }
}

/// How many items a list answers with when the request sets no `limit`.
const DEFAULT_LIMIT: usize = 500;

/// One page of `items` after the `page_cursor` param, at most `limit` long, and the
/// `pagination` object the API sends beside it. A cursor is the id of a page's first item.
/// (The route table fills `next_page_url`, and hands back a repeated cursor when a test
/// asked for one.)
pub(crate) fn paginate<T>(
    items: Vec<T>,
    args: &Args,
    id: impl Fn(&T) -> &str,
) -> Result<(Vec<T>, Value), FakeError> {
    let limit = match args.number("limit") {
        None => DEFAULT_LIMIT,
        Some(n) if n >= 1.0 && n.fract() == 0.0 => n.min(u32::MAX.into()) as usize,
        Some(_) => {
            return Err(FakeError::invalid_param(
                &["limit".into()],
                "Number must be a whole number greater than 0",
            ));
        }
    };
    let start = match args.str("page_cursor") {
        None => 0,
        Some(cursor) => items
            .iter()
            .position(|item| id(item) == cursor)
            .ok_or_else(|| {
                FakeError::invalid_param(&["page_cursor".into()], "Invalid page cursor")
            })?,
    };
    let mut page: Vec<T> = items.into_iter().skip(start).collect();
    let next = page.get(limit).map(|item| id(item).to_owned());
    page.truncate(limit);
    let pagination = json!({
        "has_next_page": next.is_some(),
        "next_page_cursor": next,
        "next_page_url": null,
    });
    Ok((page, pagination))
}

/// Whether `haystack` contains `needle`, ignoring case.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}
