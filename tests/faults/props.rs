//! Response handling on any answer: for a void, a typed and a paginated route, arbitrary
//! status, headers and body bytes give a typed result or a typed error, never a panic,
//! and the error says what the answer was. `fuzz/fuzz_targets/response.rs` runs the same
//! calls on libFuzzer's inputs.

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use proptest::prelude::*;
use seam::{BoxFuture, Error, Seam, Transport, TransportError, devices};
use serde_json::{Value, json};

/// A transport that answers every request with the same canned response.
#[derive(Debug, Clone)]
pub(crate) struct Canned {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Transport for Canned {
    fn send(
        &self,
        _: seam::HttpRequest,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        Box::pin(std::future::ready(Ok(response)))
    }
}

thread_local! {
    static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
}

/// Which route a case calls.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Route {
    Void,
    Typed,
    Paginated,
}

/// Calls `route` through a client whose transport answers with `canned`; the result is
/// reduced to `Ok(())` or the error.
pub(crate) fn call(route: Route, canned: Canned) -> Result<(), Error> {
    let seam = Seam::builder()
        .api_key("seam_k")
        .endpoint("http://127.0.0.1:1")
        .transport(canned)
        .max_retries(0)
        .timeout(None)
        .build()
        .unwrap();
    RUNTIME.with(|rt| {
        rt.block_on(async {
            match route {
                Route::Void => seam
                    .send(devices::ReportProviderMetadata { devices: vec![] })
                    .await
                    .map(drop),
                Route::Typed => seam
                    .send(devices::Get {
                        device_id: Some("d1".into()),
                        name: None,
                    })
                    .await
                    .map(drop),
                Route::Paginated => seam
                    .paginate(devices::List::default())
                    .first_page()
                    .await
                    .map(drop),
            }
        })
    })
}

/// What holds of every answer, whatever it was.
pub(crate) fn check_outcome(canned: &Canned, outcome: &Result<(), Error>) -> Result<(), String> {
    let status = canned.status;
    let header_id = canned
        .headers
        .get("seam-request-id")
        .and_then(|v| v.to_str().ok());
    let error = match outcome {
        Ok(()) if status.is_success() => return Ok(()),
        Ok(()) => return Err(format!("{status} was taken for a success")),
        Err(error) => error,
    };
    // Formatting never panics.
    let text = error.to_string();
    let _ = format!("{error:?}");
    let expected = match error {
        Error::InvalidResponse(_) => status.is_success(),
        Error::Unauthorized { .. } => status == StatusCode::UNAUTHORIZED,
        Error::Api(_) | Error::InvalidInput(_) | Error::Http(_) => {
            !status.is_success() && status != StatusCode::UNAUTHORIZED
        }
        _ => false,
    };
    if !expected {
        return Err(format!("{status} gave {error:?}"));
    }
    if error.status() != Some(status) {
        return Err(format!("{status} gave status {:?}", error.status()));
    }
    if error.attempts() != Some(1) {
        return Err(format!("{:?} attempts with no retries", error.attempts()));
    }
    // The header's request id wins over the body's, and shows in the message.
    if let Some(id) = header_id {
        if error.request_id() != Some(id) {
            return Err(format!(
                "request id {:?}, header {id:?}",
                error.request_id()
            ));
        }
        if !text.contains(id) {
            return Err(format!("`{text}` does not show request id {id}"));
        }
    }
    if let Error::InvalidResponse(e) = error
        && (e.snippet.len() > seam_runtime::SNIPPET_LEN || e.snippet.chars().any(char::is_control))
    {
        return Err(format!(
            "snippet {:?} is not bounded and single-line",
            e.snippet
        ));
    }
    Ok(())
}

fn status() -> impl Strategy<Value = StatusCode> {
    prop_oneof![
        4 => Just(200u16),
        1 => 100u16..=999,
        2 => prop::sample::select(vec![201, 204, 301, 302, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504]),
    ]
    .prop_map(|s| StatusCode::from_u16(s).unwrap())
}

fn headers() -> impl Strategy<Value = HeaderMap> {
    let value = prop_oneof![
        "[ -~]{0,24}".prop_map(|s| HeaderValue::from_str(&s).unwrap()),
        prop::collection::vec(any::<u8>(), 0..24).prop_filter_map("not a header value", |b| {
            HeaderValue::from_bytes(&b).ok()
        }),
    ];
    let name = prop_oneof![
        prop::sample::select(vec![
            "seam-request-id",
            "retry-after",
            "content-type",
            "content-length",
            "location",
        ])
        .prop_map(HeaderName::from_static),
        "[a-z][a-z0-9-]{0,10}".prop_map(|n| HeaderName::from_bytes(n.as_bytes()).unwrap()),
    ];
    prop::collection::vec((name, value), 0..6).prop_map(|pairs| {
        let mut map = HeaderMap::new();
        for (n, v) in pairs {
            map.append(n, v);
        }
        map
    })
}

/// Any JSON value, shallow.
pub(crate) fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{0,10}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A body shaped like Seam's envelopes, with every part of it optional or wrong.
fn envelope() -> impl Strategy<Value = Vec<u8>> {
    let key = prop::sample::select(vec!["device", "devices", "ok", "error", "pagination", "x"]);
    let error = (
        prop::option::of(prop_oneof![
            prop::sample::select(vec![
                "invalid_input",
                "device_not_found",
                "rate_limit_exceeded",
                ""
            ])
            .prop_map(|t| json!(t)),
            json_value(),
        ]),
        prop::option::of(json_value()),
        prop::option::of(json_value()),
        prop::option::of(json_value()),
    )
        .prop_map(|(error_type, message, validation_errors, request_id)| {
            let mut e = serde_json::Map::new();
            let fields = [
                ("type", error_type),
                ("message", message),
                ("validation_errors", validation_errors),
                ("request_id", request_id),
            ];
            for (name, value) in fields {
                if let Some(value) = value {
                    e.insert(name.into(), value);
                }
            }
            Value::Object(e)
        });
    let part = prop_oneof![
        (key, json_value()).prop_map(|(k, v)| (k.to_owned(), v)),
        error.prop_map(|e| ("error".to_owned(), e)),
        Just(("devices".to_owned(), json!([]))),
        json_value().prop_map(|p| ("pagination".to_owned(), p)),
        (any::<bool>(), prop::option::of("[a-z0-9]{0,8}")).prop_map(|(more, cursor)| (
            "pagination".to_owned(),
            json!({"has_next_page": more, "next_page_cursor": cursor})
        )),
    ];
    (
        prop::option::of(prop_oneof![
            Just(json!(true)),
            Just(json!(false)),
            json_value()
        ]),
        prop::collection::vec(part, 0..4),
        0usize..4,
    )
        .prop_map(|(ok, parts, cut)| {
            let mut map = serde_json::Map::new();
            if let Some(ok) = ok {
                map.insert("ok".into(), ok);
            }
            for (k, v) in parts {
                map.insert(k, v);
            }
            let mut bytes = serde_json::to_vec(&Value::Object(map)).unwrap();
            // Now and then, cut it short.
            if cut == 0 && !bytes.is_empty() {
                let at = bytes.len() / 2;
                bytes.truncate(at);
            }
            bytes
        })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => envelope(),
        1 => prop::collection::vec(any::<u8>(), 0..64),
        1 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        1 => Just(b"<html><body>502 Bad Gateway</body></html>".to_vec()),
    ]
}

fn route() -> impl Strategy<Value = Route> {
    prop::sample::select(vec![Route::Void, Route::Typed, Route::Paginated])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_answer_is_a_result_or_a_typed_error(
        route in route(),
        status in status(),
        headers in headers(),
        body in body(),
    ) {
        let canned = Canned { status, headers, body: Bytes::from(body) };
        let outcome = call(route, canned.clone());
        if let Err(message) = check_outcome(&canned, &outcome) {
            return Err(TestCaseError::fail(format!("{route:?}: {message}")));
        }
    }
}

/// The oracle can fail: each kind of answer lands where it should.
#[test]
fn known_answers_land_where_they_should() {
    let canned = |status: u16, body: &str| Canned {
        status: StatusCode::from_u16(status).unwrap(),
        headers: HeaderMap::new(),
        body: Bytes::copy_from_slice(body.as_bytes()),
    };
    let list = canned(
        200,
        r#"{"ok":true,"devices":[],"pagination":{"has_next_page":false}}"#,
    );
    assert!(call(Route::Paginated, list).is_ok());
    assert!(call(Route::Void, canned(200, r#"{"ok":true}"#)).is_ok());
    let missing = call(Route::Typed, canned(200, r#"{"ok":true}"#));
    assert!(matches!(missing, Err(Error::InvalidResponse(_))));
    let not_found = canned(
        404,
        r#"{"ok":false,"error":{"type":"device_not_found","message":"no"}}"#,
    );
    let outcome = call(Route::Typed, not_found.clone());
    assert_eq!(
        outcome.as_ref().unwrap_err().error_type(),
        Some("device_not_found")
    );
    check_outcome(&not_found, &outcome).unwrap();
    // A success claimed for an error status is caught.
    assert!(check_outcome(&not_found, &Ok(())).is_err());
}
