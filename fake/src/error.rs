//! The errors handlers answer with, and Seam's error body they become.

use http::StatusCode;
use serde_json::{Map, Value, json};

/// An error answer: `{"ok": false, "error": {"type", "message", "validation_errors"?}}`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FakeError {
    pub(crate) status: StatusCode,
    pub(crate) error_type: String,
    pub(crate) message: String,
    /// Zod's formatted errors, for `invalid_input`.
    pub(crate) validation_errors: Option<Value>,
}

impl FakeError {
    /// Any error, by status, type and message.
    pub(crate) fn new(status: StatusCode, error_type: &str, message: impl Into<String>) -> Self {
        FakeError {
            status,
            error_type: error_type.to_owned(),
            message: message.into(),
            validation_errors: None,
        }
    }

    /// `404 <resource>_not_found`, e.g. `not_found("acs_user", "Access system user")`.
    pub(crate) fn not_found(resource: &str, what: &str) -> Self {
        FakeError::new(
            StatusCode::NOT_FOUND,
            &format!("{resource}_not_found"),
            format!("{what} not found"),
        )
    }

    /// `401 unauthorized`.
    pub(crate) fn unauthorized() -> Self {
        FakeError::new(StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized")
    }

    /// `400 invalid_input` about the params as a whole (Zod's top-level `_errors`).
    pub(crate) fn invalid_input(message: &str) -> Self {
        FakeError::invalid_param(&[], message)
    }

    /// `400 invalid_input` about one param, at `path` (`["a", "b"]` for `a.b`); an empty
    /// path is the params as a whole.
    pub(crate) fn invalid_param(path: &[String], message: &str) -> Self {
        let summary = if path.is_empty() {
            message.to_owned()
        } else {
            format!("{}: {message}", path.join("."))
        };
        FakeError {
            status: StatusCode::BAD_REQUEST,
            error_type: "invalid_input".to_owned(),
            message: format!("Invalid input: {summary}"),
            validation_errors: Some(zod_tree(path, message)),
        }
    }

    /// The JSON body, with the request id the answer carries.
    pub(crate) fn to_body(&self, request_id: &str) -> Value {
        let mut error = Map::new();
        error.insert("type".into(), json!(self.error_type));
        error.insert("message".into(), json!(self.message));
        error.insert("request_id".into(), json!(request_id));
        if let Some(validation) = &self.validation_errors {
            error.insert("validation_errors".into(), validation.clone());
        }
        json!({"ok": false, "error": error})
    }
}

/// Zod's `format()` shape for one issue: `{"_errors": [], "a": {"_errors": ["msg"]}}`.
fn zod_tree(path: &[String], message: &str) -> Value {
    let mut node = json!({"_errors": [message]});
    for segment in path.iter().rev() {
        node = json!({"_errors": [], segment.as_str(): node});
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_nest_like_zod() {
        let e = FakeError::invalid_param(&["a".into(), "b".into()], "Required");
        assert_eq!(
            e.validation_errors.unwrap(),
            json!({"_errors": [], "a": {"_errors": [], "b": {"_errors": ["Required"]}}})
        );
        let e = FakeError::invalid_input("Expected object");
        assert_eq!(
            e.validation_errors.unwrap(),
            json!({"_errors": ["Expected object"]})
        );
    }
}
