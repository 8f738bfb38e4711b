//! Params into an endpoint's struct, from a query string or a JSON body, with the API's
//! `invalid_input` answer (Zod-style `validation_errors`) when they do not fit.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_path_to_error::{Path, Segment};

use crate::error::FakeError;

/// Where a request's params travel.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Params<'a> {
    /// `GET` and `DELETE`: the raw query string (without `?`).
    Query(&'a str),
    /// Every other method: the JSON body; an empty body means `{}`.
    Json(&'a [u8]),
}

/// Decodes `params` into `T`, or the `invalid_input` error the API would answer.
pub(crate) fn decode<T: DeserializeOwned>(params: Params<'_>) -> Result<T, FakeError> {
    match params {
        Params::Query(query) => from_query(query),
        Params::Json(body) => from_json(body),
    }
}

fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, FakeError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    // A struct would also decode from an array, positionally; the API takes objects only.
    let found = match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => None,
        Some(b'[') => Some("array"),
        Some(b'"') => Some("string"),
        Some(b't' | b'f') => Some("boolean"),
        Some(b'n') => Some("null"),
        _ => Some("number"),
    };
    if let Some(found) = found {
        if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() {
            return Err(FakeError::invalid_input("Invalid JSON body"));
        }
        return Err(FakeError::invalid_input(&format!(
            "Expected object, received {found}"
        )));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        if inner.is_data() {
            issue(e.path(), &strip_position(inner))
        } else {
            FakeError::invalid_input("Invalid JSON body")
        }
    })?;
    de.end()
        .map_err(|_| FakeError::invalid_input("Invalid JSON body"))?;
    Ok(value)
}

fn from_query<T: DeserializeOwned>(query: &str) -> Result<T, FakeError> {
    match seam_runtime::query::from_str::<Tracked<T>>(query) {
        Ok(Tracked(Ok(value))) => Ok(value),
        Ok(Tracked(Err((path, message)))) => Err(issue(&path, &message)),
        Err(e) => Err(FakeError::invalid_input(&e.to_string())),
    }
}

/// Decodes `T` through [`serde_path_to_error`] and keeps the failure (where and what)
/// as a value, so it survives a decoder whose error type cannot carry it.
struct Tracked<T>(Result<T, (Path, String)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tracked<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Tracked(
            serde_path_to_error::deserialize(deserializer)
                .map_err(|e| (e.path().clone(), e.inner().to_string())),
        ))
    }
}

/// serde_json's message without its ` at line 1 column 5` suffix.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_owned(),
        _ => text,
    }
}

/// The `invalid_input` error for serde's `message` at `path`, in Zod's words.
fn issue(path: &Path, message: &str) -> FakeError {
    let mut segments: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Map { key } => Some(key.clone()),
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    if let Some(field) = between(message, "missing field `", "`") {
        segments.push(field.to_owned());
        return FakeError::invalid_param(&segments, "Required");
    }
    FakeError::invalid_param(&segments, &zod_message(message))
}

/// What Zod says for what serde (or the query decoder) said.
fn zod_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "Expected {}, received {}",
            json_type(expected),
            json_type(found)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((found, expected)) = rest.split_once("`, expected ")
    {
        let options: Vec<String> = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|o| format!("'{}'", o.trim_matches('`')))
            .collect();
        return format!(
            "Invalid enum value. Expected {}, received '{found}'",
            options.join(" | ")
        );
    }
    // The query decoder: "`limit` is `ten`, not a number".
    if message.ends_with(", not a number") {
        return "Expected number, received string".to_owned();
    }
    if message.ends_with(", not `true` or `false`") {
        return "Expected boolean, received string".to_owned();
    }
    message.to_owned()
}

/// A JSON type name (Zod's vocabulary) for serde's description of a value (`integer `5``)
/// or of what was expected (`a string`, `u32`, `struct Unassign`).
fn json_type(description: &str) -> &str {
    let word = description
        .trim_start_matches("a ")
        .trim_start_matches("an ")
        .trim_start_matches("borrowed ")
        .split([' ', '`'])
        .next()
        .unwrap_or(description);
    match word {
        "string" | "str" | "character" | "char" => "string",
        "integer" | "floating" | "number" | "u8" | "u16" | "u32" | "u64" | "u128" | "i8"
        | "i16" | "i32" | "i64" | "i128" | "f32" | "f64" | "usize" | "isize" => "number",
        "boolean" | "bool" => "boolean",
        "sequence" | "tuple" | "array" => "array",
        "map" | "struct" | "object" => "object",
        "null" | "unit" | "Option" | "option" => "null",
        _ => description,
    }
}

/// The text between `start` and the next `end` in `text`.
fn between<'t>(text: &'t str, start: &str, end: &str) -> Option<&'t str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct P {
        id: String,
        #[serde(default)]
        limit: Option<u32>,
        #[serde(default)]
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        flag: bool,
    }

    fn errors(params: Params<'_>) -> serde_json::Value {
        decode::<P>(params).unwrap_err().validation_errors.unwrap()
    }

    #[test]
    fn decodes_both_encodings() {
        let want = P {
            id: "a".into(),
            limit: Some(3),
            inner: None,
        };
        assert_eq!(
            decode::<P>(Params::Query("id=a&limit=3&_strict=true")).unwrap(),
            want
        );
        assert_eq!(
            decode::<P>(Params::Json(br#"{"id":"a","limit":3}"#)).unwrap(),
            want
        );
    }

    #[test]
    fn missing_fields_are_required() {
        let want = json!({"_errors": [], "id": {"_errors": ["Required"]}});
        assert_eq!(errors(Params::Json(b"")), want);
        assert_eq!(errors(Params::Query("")), want);
        assert_eq!(
            errors(Params::Json(br#"{"id":"a","inner":{}}"#)),
            json!({"_errors": [], "inner": {"_errors": [], "flag": {"_errors": ["Required"]}}})
        );
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        assert_eq!(
            errors(Params::Json(br#"{"id":5}"#)),
            json!({"_errors": [], "id": {"_errors": ["Expected string, received number"]}})
        );
        assert_eq!(
            errors(Params::Json(br#"{"id":"a","limit":"x"}"#)),
            json!({"_errors": [], "limit": {"_errors": ["Expected number, received string"]}})
        );
        assert_eq!(
            errors(Params::Query("id=a&limit=ten")),
            json!({"_errors": [], "limit": {"_errors": ["Expected number, received string"]}})
        );
        assert_eq!(
            errors(Params::Json(b"[\"a\"]")),
            json!({"_errors": ["Expected object, received array"]})
        );
        assert_eq!(
            errors(Params::Json(b"null")),
            json!({"_errors": ["Expected object, received null"]})
        );
        assert_eq!(
            errors(Params::Json(b"nope")),
            json!({"_errors": ["Invalid JSON body"]})
        );
    }

    #[test]
    fn malformed_json_is_invalid_input() {
        let e = decode::<P>(Params::Json(b"{\"id\":")).unwrap_err();
        assert_eq!(e.error_type, "invalid_input");
        let e = decode::<P>(Params::Json(br#"{"id":"a"} x"#)).unwrap_err();
        assert_eq!(e.error_type, "invalid_input");
    }
}
