//! Seam's response envelope: `{"ok": true, "<key>": ..}` on success and
//! `{"ok": false, "error": {..}}` on failure.
//!
//! A success is decoded in one pass: the payload under the key goes straight into the
//! response type, every other key is skipped, and no `serde_json::Value` is built.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::error::{ApiError, Error, HttpError, InvalidInput, InvalidResponse, snippet};
use crate::paginate::Pagination;

/// The header Seam puts its request id in.
pub(crate) const REQUEST_ID: &str = "seam-request-id";

/// An answer as the transport delivered it.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// How many attempts it took.
    pub(crate) attempts: u32,
}

impl RawResponse {
    pub(crate) fn request_id(&self) -> Option<String> {
        self.headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

/// Decodes a success body into `R`, unwrapping the envelope at `key`.
///
/// With no key (a void route), the body must still be a JSON object; `R` is then built
/// from nothing, which `()` accepts.
pub(crate) fn decode<R: DeserializeOwned>(
    raw: &RawResponse,
    key: Option<&str>,
    route: &dyn fmt::Display,
) -> Result<R, Error> {
    decode_page(raw, key, route).map(|(value, _)| value)
}

/// [`decode`], also reading `pagination` when the body has it.
pub(crate) fn decode_page<R: DeserializeOwned>(
    raw: &RawResponse,
    key: Option<&str>,
    route: &dyn fmt::Display,
) -> Result<(R, Option<Pagination>), Error> {
    let invalid = |reason: String| {
        Error::InvalidResponse(Box::new(InvalidResponse {
            status: raw.status,
            route: route.to_string(),
            reason,
            snippet: snippet(&raw.body),
            request_id: raw.request_id(),
            attempts: raw.attempts,
        }))
    };
    if raw.body.is_empty() {
        return Err(invalid("the body is empty".into()));
    }
    let mut de = serde_json::Deserializer::from_slice(&raw.body);
    let envelope = EnvelopeSeed::<R> {
        key,
        _response: PhantomData,
    }
    .deserialize(&mut de)
    .and_then(|envelope| de.end().map(|()| envelope));
    let envelope = match envelope {
        Ok(envelope) => envelope,
        Err(e) => return Err(invalid(decode_reason(&e, key, &raw.body))),
    };
    if envelope.ok == Some(false) {
        return Err(invalid("the body says `\"ok\": false`".into()));
    }
    let value = match (key, envelope.value) {
        (_, Some(value)) => value,
        (Some(key), None) => return Err(invalid(format!("the body has no `{key}`"))),
        (None, None) => R::deserialize(de::value::UnitDeserializer::<serde_json::Error>::new())
            .map_err(|_| invalid("the endpoint declares a response but no envelope key".into()))?,
    };
    Ok((value, envelope.pagination))
}

fn decode_reason(e: &serde_json::Error, key: Option<&str>, body: &[u8]) -> String {
    use serde_json::error::Category;
    // Valid JSON that is not an object fails at its first byte, before any key is read.
    let is_object = body.trim_ascii_start().first() == Some(&b'{');
    match e.classify() {
        Category::Syntax | Category::Eof => format!("the body is not valid JSON ({e})"),
        Category::Data => match key {
            Some(key) if is_object => format!("`{key}` does not match the response type ({e})"),
            _ => format!("the body is not a JSON object ({e})"),
        },
        Category::Io => format!("the body could not be read ({e})"),
    }
}

struct Envelope<R> {
    ok: Option<bool>,
    value: Option<R>,
    pagination: Option<Pagination>,
}

struct EnvelopeSeed<'k, R> {
    key: Option<&'k str>,
    _response: PhantomData<fn() -> R>,
}

impl<'de, R: Deserialize<'de>> DeserializeSeed<'de> for EnvelopeSeed<'_, R> {
    type Value = Envelope<R>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, R: Deserialize<'de>> Visitor<'de> for EnvelopeSeed<'_, R> {
    type Value = Envelope<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (Seam's response envelope)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut envelope = Envelope {
            ok: None,
            value: None,
            pagination: None,
        };
        while let Some(field) = map.next_key_seed(FieldSeed { key: self.key })? {
            match field {
                Field::Ok => envelope.ok = map.next_value::<Option<bool>>()?,
                Field::Value => {
                    if envelope.value.is_some() {
                        return Err(de::Error::custom("the response key appears twice"));
                    }
                    envelope.value = Some(map.next_value()?);
                }
                Field::Pagination => envelope.pagination = map.next_value()?,
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(envelope)
    }
}

enum Field {
    Ok,
    Value,
    Pagination,
    Other,
}

/// Reads an envelope key and says which one it is, borrowing it when it can.
struct FieldSeed<'k> {
    key: Option<&'k str>,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Field;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for FieldSeed<'_> {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        Ok(if self.key == Some(v) {
            Field::Value
        } else if v == "ok" {
            Field::Ok
        } else if v == "pagination" {
            Field::Pagination
        } else {
            Field::Other
        })
    }
}

/// The error an unsuccessful answer stands for.
pub(crate) fn error(raw: &RawResponse) -> Error {
    let header_id = raw.request_id();
    let body: Option<ErrorBody> = serde_json::from_slice(&raw.body).ok();
    let body = body.and_then(|b| b.error);
    if raw.status == StatusCode::UNAUTHORIZED {
        let request_id = header_id.or_else(|| body.and_then(|b| b.request_id));
        return Error::Unauthorized {
            request_id,
            attempts: raw.attempts,
        };
    }
    let Some(body) = body else {
        return Error::Http(Box::new(HttpError {
            status: raw.status,
            snippet: snippet(&raw.body),
            request_id: header_id,
            attempts: raw.attempts,
        }));
    };
    let request_id = header_id.or(body.request_id);
    if body.error_type == "invalid_input" {
        let mut params = BTreeMap::new();
        let mut general = Vec::new();
        if let Some(tree) = &body.validation_errors {
            flatten_validation(tree, "", &mut params, &mut general);
        }
        return Error::InvalidInput(Box::new(InvalidInput {
            status: raw.status,
            message: body.message,
            params,
            general,
            request_id,
            attempts: raw.attempts,
        }));
    }
    Error::Api(Box::new(ApiError {
        status: raw.status,
        error_type: body.error_type,
        message: body.message,
        request_id,
        data: body.data,
        attempts: raw.attempts,
    }))
}

#[derive(Deserialize)]
struct ErrorBody {
    error: Option<ErrorDetails>,
}

#[derive(Deserialize)]
struct ErrorDetails {
    #[serde(rename = "type")]
    error_type: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    data: Option<serde_json::Value>,
    #[serde(default)]
    validation_errors: Option<serde_json::Value>,
    #[serde(default)]
    request_id: Option<String>,
}

/// Zod's formatted errors, `{"_errors": [..], "param": {"_errors": [..], "nested": {..}}}`,
/// as messages per dotted param name.
fn flatten_validation(
    tree: &serde_json::Value,
    prefix: &str,
    params: &mut BTreeMap<String, Vec<String>>,
    general: &mut Vec<String>,
) {
    let Some(object) = tree.as_object() else {
        return;
    };
    for (name, value) in object {
        if name == "_errors" {
            let messages = value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m.as_str().map(str::to_owned));
            if prefix.is_empty() {
                general.extend(messages);
            } else {
                let messages: Vec<String> = messages.collect();
                if !messages.is_empty() {
                    params
                        .entry(prefix.to_owned())
                        .or_default()
                        .extend(messages);
                }
            }
        } else {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            flatten_validation(value, &path, params, general);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::copy_from_slice(body.as_bytes()),
            attempts: 1,
        }
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Thing {
        id: String,
    }

    #[test]
    fn unwraps_the_envelope() {
        let r = raw(
            200,
            r#"{"extra":[1,{"a":2}],"thing":{"id":"t1","more":true},"ok":true}"#,
        );
        let thing: Thing = decode(&r, Some("thing"), &"GET /things/get").unwrap();
        assert_eq!(thing, Thing { id: "t1".into() });
    }

    #[test]
    fn void_accepts_any_object() {
        decode::<()>(&raw(200, r#"{"ok":true}"#), None, &"x").unwrap();
        decode::<()>(
            &raw(200, r#"{"ok":true,"acs_credential":{"id":1}}"#),
            None,
            &"x",
        )
        .unwrap();
    }

    #[test]
    fn rejects_what_is_not_the_promised_body() {
        for (body, key, needle) in [
            ("", Some("thing"), "empty"),
            ("[1]", None, "not a JSON object"),
            ("[1]", Some("thing"), "not a JSON object"),
            (" \"thing\"", Some("thing"), "not a JSON object"),
            ("5", Some("thing"), "not a JSON object"),
            ("{\"ok\":true", Some("thing"), "not valid JSON"),
            ("{\"ok\":true}", Some("thing"), "has no `thing`"),
            (
                "{\"ok\":true,\"thing\":{\"id\":5}}",
                Some("thing"),
                "does not match",
            ),
            (
                "{\"ok\":false,\"thing\":{\"id\":\"x\"}}",
                Some("thing"),
                "false",
            ),
            (
                "{\"ok\":true,\"thing\":{\"id\":\"x\"}} x",
                Some("thing"),
                "not valid JSON",
            ),
        ] {
            let result = if key.is_some() {
                decode::<Thing>(&raw(200, body), key, &"GET /things/get").map(|_| ())
            } else {
                decode::<()>(&raw(200, body), key, &"GET /things/get")
            };
            match result {
                Err(Error::InvalidResponse(e)) => {
                    assert!(e.reason.contains(needle), "{body}: {}", e.reason)
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn maps_errors() {
        let e = error(&raw(401, "<html>nope</html>"));
        assert!(matches!(
            e,
            Error::Unauthorized {
                request_id: None,
                attempts: 1
            }
        ));

        let e = error(&raw(
            400,
            r#"{"ok":false,"error":{"type":"invalid_input","message":"Invalid input","request_id":"r1","validation_errors":{"_errors":[],"device_id":{"_errors":["Required"]},"a":{"_errors":[],"b":{"_errors":["Expected string"]}}}}}"#,
        ));
        let Error::InvalidInput(input) = e else {
            panic!()
        };
        assert_eq!(input.messages_for("device_id"), ["Required"]);
        assert_eq!(input.messages_for("a.b"), ["Expected string"]);
        assert_eq!(input.request_id.as_deref(), Some("r1"));

        let e = error(&raw(
            404,
            r#"{"ok":false,"error":{"type":"device_not_found","message":"Device not found"}}"#,
        ));
        assert_eq!(e.error_type(), Some("device_not_found"));
        assert_eq!(
            e.to_string(),
            "device_not_found (HTTP 404): Device not found"
        );

        let e = error(&raw(502, "<html>Bad Gateway</html>"));
        assert!(matches!(&e, Error::Http(h) if h.snippet == "<html>Bad Gateway</html>"));
    }
}
