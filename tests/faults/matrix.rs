//! The fault matrix: for each way a server or the network can fail, how many attempts an
//! idempotent `GET` and a non-idempotent `POST` make, which error comes back, and whether
//! the `seam-request-id` survives. Each case runs against its own misbehaving loopback
//! server, which counts the requests it really received.

use std::time::{Duration, Instant};

use seam::{Error, Seam};
use seam_runtime::ReqwestTransport;

use crate::server::{Recorded, Reply, Server, head};
use crate::{WIDGET, builder, create, get};

/// One row of the matrix.
struct Case {
    /// The same reply to every request.
    reply: fn() -> Reply,
    /// The per-attempt timeout, when the case is about time.
    timeout: Option<Duration>,
    /// The transport's body limit, when the case is about size.
    max_body: Option<usize>,
    get_attempts: u32,
    post_attempts: u32,
    /// What [`variant`] says of the error.
    error: &'static str,
    /// A piece of the error's message.
    message: &'static str,
    /// The request id the error carries.
    request_id: Option<&'static str>,
}

/// The error's variant and its distinguishing detail, e.g. `Api(rate_limit_exceeded 429)`.
pub(crate) fn variant(error: &Error) -> String {
    match error {
        Error::Transport(e) => format!("Transport({:?})", e.kind()),
        Error::Api(e) => format!("Api({} {})", e.error_type, e.status.as_u16()),
        Error::Http(e) => format!("Http({})", e.status.as_u16()),
        Error::Unauthorized { .. } => "Unauthorized".into(),
        Error::InvalidResponse(e) => format!("InvalidResponse({})", e.status.as_u16()),
        Error::InvalidInput(e) => format!("InvalidInput({})", e.status.as_u16()),
        other => format!("{other:?}"),
    }
}

fn client_for(server: &Server, case: &Case) -> Seam {
    let mut builder = builder(&server.endpoint());
    if let Some(timeout) = case.timeout {
        builder = builder.timeout(timeout);
    }
    if let Some(limit) = case.max_body {
        builder = builder.transport(ReqwestTransport::new().unwrap().max_body(limit));
    }
    builder.build().unwrap()
}

/// Runs `case` with a `GET` and a `POST`, each against a fresh server, and checks the
/// attempts (as the error counts them and as the server saw them), the error and the
/// request id.
async fn check(name: &str, case: Case) {
    for post in [false, true] {
        let server = Server::start(move |_, _: &Recorded| (case.reply)()).await;
        let seam = client_for(&server, &case);
        let result = if post {
            seam.send(create()).await
        } else {
            seam.send(get()).await
        };
        let method = if post { "POST" } else { "GET" };
        let error = match result {
            Ok(widget) => panic!("{name} {method}: succeeded with {widget:?}"),
            Err(error) => error,
        };
        let expected = if post {
            case.post_attempts
        } else {
            case.get_attempts
        };
        assert_eq!(variant(&error), case.error, "{name} {method}: {error}");
        assert_eq!(error.attempts(), Some(expected), "{name} {method}: {error}");
        assert_eq!(
            server.served(),
            expected as usize,
            "{name} {method}: requests the server received"
        );
        for request in server.requests() {
            assert_eq!(request.method, method, "{name}");
            let body: &[u8] = if post { br#"{"name":"gizmo"}"# } else { b"" };
            assert_eq!(request.body, body, "{name} {method}");
        }
        assert_eq!(error.request_id(), case.request_id, "{name} {method}");
        let text = error.to_string();
        assert!(text.contains(case.message), "{name} {method}: {text}");
        if let Some(id) = case.request_id {
            assert!(text.contains(id), "{name} {method}: {text}");
        }
    }
}

fn seam_error(status: u16, error_type: &str) -> Reply {
    let body = format!(r#"{{"ok":false,"error":{{"type":"{error_type}","message":"m"}}}}"#);
    Reply::json(status, &body, Some("req_matrix"))
}

#[tokio::test]
async fn connection_refused() {
    // A port that was just free: bound, then released, so nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let seam = crate::client(&endpoint);
    let error = seam.send(get()).await.unwrap_err();
    assert_eq!(variant(&error), "Transport(Connect)", "{error}");
    assert_eq!(error.attempts(), Some(3));
    let error = seam.send(create()).await.unwrap_err();
    assert_eq!(variant(&error), "Transport(Connect)", "{error}");
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(error.request_id(), None);
}

#[tokio::test]
async fn reset_before_the_response() {
    let case = Case {
        reply: || Reply::RawThenReset(Vec::new()),
        timeout: None,
        max_body: None,
        get_attempts: 3,
        post_attempts: 1,
        error: "Transport(Io)",
        message: "the connection failed",
        request_id: None,
    };
    check("reset before the response", case).await;
}

#[tokio::test]
async fn reset_during_the_body() {
    let case = Case {
        reply: || {
            let mut bytes = head(200, &[("seam-request-id", "req_lost")], Some(200));
            bytes.extend_from_slice(br#"{"ok":true,"widget":{"#);
            Reply::RawThenReset(bytes)
        },
        timeout: None,
        max_body: None,
        get_attempts: 3,
        post_attempts: 1,
        error: "Transport(Io)",
        message: "the connection failed",
        // The head carried one: the error keeps it, so the lost answer can be traced.
        request_id: Some("req_lost"),
    };
    check("reset during the body", case).await;
}

#[tokio::test]
async fn close_during_the_body() {
    let case = Case {
        reply: || {
            let mut bytes = head(200, &[], Some(200));
            bytes.extend_from_slice(br#"{"ok":true,"widget":{"#);
            Reply::RawThenClose(bytes)
        },
        timeout: None,
        max_body: None,
        get_attempts: 3,
        post_attempts: 1,
        error: "Transport(Io)",
        message: "the connection failed",
        request_id: None,
    };
    check("close during the body", case).await;
}

#[tokio::test]
async fn stalled_response_times_out() {
    let started = Instant::now();
    let case = Case {
        reply: || Reply::Stall,
        timeout: Some(Duration::from_millis(300)),
        max_body: None,
        get_attempts: 3,
        post_attempts: 1,
        error: "Transport(Timeout)",
        message: "timed out",
        request_id: None,
    };
    check("stalled response", case).await;
    // Four attempts of 300 ms each (three for the GET, one for the POST) at the least.
    assert!(started.elapsed() >= Duration::from_millis(1200));
}

#[tokio::test]
async fn rate_limited_without_retry_after() {
    let case = Case {
        reply: || seam_error(429, "rate_limit_exceeded"),
        timeout: None,
        max_body: None,
        get_attempts: 3,
        post_attempts: 1,
        error: "Api(rate_limit_exceeded 429)",
        message: "rate_limit_exceeded (HTTP 429)",
        request_id: Some("req_matrix"),
    };
    check("429 without Retry-After", case).await;
}

/// `Retry-After: 1` is honoured over the shorter backoff: a GET succeeds on its second
/// attempt, a second later; a POST is not retried.
#[tokio::test]
async fn rate_limited_with_retry_after() {
    let reply = |n: usize, _: &Recorded| match n {
        0 => seam_error(429, "rate_limit_exceeded").with_header("retry-after", "1"),
        _ => Reply::json(200, WIDGET, None),
    };
    let server = Server::start(reply).await;
    let seam = crate::client(&server.endpoint());
    let started = Instant::now();
    let widget = seam.send(get()).await.unwrap();
    assert_eq!(widget.widget_id, "w1");
    assert_eq!(server.served(), 2);
    assert!(started.elapsed() >= Duration::from_secs(1));

    let server = Server::start(reply).await;
    let seam = crate::client(&server.endpoint());
    let error = seam.send(create()).await.unwrap_err();
    assert_eq!(variant(&error), "Api(rate_limit_exceeded 429)");
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(error.request_id(), Some("req_matrix"));
    assert_eq!(server.served(), 1);
}

#[tokio::test]
async fn server_errors_500_502_503_504() {
    fn case(reply: fn() -> Reply, error: &'static str) -> Case {
        Case {
            reply,
            timeout: None,
            max_body: None,
            get_attempts: 3,
            post_attempts: 1,
            error,
            message: "(HTTP 5",
            request_id: Some("req_matrix"),
        }
    }
    let cases = [
        (
            "500",
            case(
                || seam_error(500, "internal_server_error"),
                "Api(internal_server_error 500)",
            ),
        ),
        (
            "502",
            case(|| seam_error(502, "bad_gateway"), "Api(bad_gateway 502)"),
        ),
        (
            "503",
            case(
                || seam_error(503, "service_unavailable"),
                "Api(service_unavailable 503)",
            ),
        ),
        (
            "504",
            case(
                || seam_error(504, "gateway_timeout"),
                "Api(gateway_timeout 504)",
            ),
        ),
    ];
    for (name, case) in cases {
        check(name, case).await;
    }
}

#[tokio::test]
async fn html_error_page_from_a_proxy() {
    let case = Case {
        reply: || Reply::Answer {
            status: 502,
            headers: vec![
                ("content-type", "text/html".into()),
                ("seam-request-id", "req_proxy".into()),
            ],
            body: b"<html>\n<h1>502 Bad Gateway</h1>\n</html>".to_vec(),
        },
        timeout: None,
        max_body: None,
        get_attempts: 3,
        post_attempts: 1,
        error: "Http(502)",
        message: "<html> <h1>502 Bad Gateway</h1> </html>",
        request_id: Some("req_proxy"),
    };
    check("HTML error page", case).await;
}

#[tokio::test]
async fn non_json_401() {
    let case = Case {
        reply: || Reply::Answer {
            status: 401,
            headers: vec![("seam-request-id", "req_401".into())],
            body: b"Unauthorized".to_vec(),
        },
        timeout: None,
        max_body: None,
        get_attempts: 1,
        post_attempts: 1,
        error: "Unauthorized",
        message: "unauthorized",
        request_id: Some("req_401"),
    };
    check("non-JSON 401", case).await;
}

/// A success whose body is not what the route promises: never retried, always an
/// invalid-response error that quotes the body and keeps the request id.
#[tokio::test]
async fn success_status_with_a_bad_body() {
    fn case(reply: fn() -> Reply, message: &'static str) -> Case {
        Case {
            reply,
            timeout: None,
            max_body: None,
            get_attempts: 1,
            post_attempts: 1,
            error: "InvalidResponse(200)",
            message,
            request_id: Some("req_bad"),
        }
    }
    let cases = [
        (
            "truncated JSON",
            case(
                || Reply::json(200, r#"{"ok":true,"widget":{"widg"#, Some("req_bad")),
                "not valid JSON",
            ),
        ),
        (
            "empty body",
            case(
                || Reply::json(200, "", Some("req_bad")),
                "the body is empty",
            ),
        ),
        (
            "an array",
            case(
                || Reply::json(200, "[1,2]", Some("req_bad")),
                "expected a JSON object",
            ),
        ),
        (
            "a string",
            case(
                || Reply::json(200, "\"ok\"", Some("req_bad")),
                "expected a JSON object",
            ),
        ),
        (
            "null",
            case(
                || Reply::json(200, "null", Some("req_bad")),
                "expected a JSON object",
            ),
        ),
        (
            "no response key",
            case(
                || Reply::json(200, r#"{"ok":true}"#, Some("req_bad")),
                "has no `widget`",
            ),
        ),
        (
            "key of the wrong type",
            case(
                || Reply::json(200, r#"{"ok":true,"widget":[]}"#, Some("req_bad")),
                "`widget` does not match",
            ),
        ),
    ];
    for (name, case) in cases {
        check(name, case).await;
    }
}

/// A void route still needs an object: an empty or non-object 200 is an invalid response.
#[tokio::test]
async fn void_route_with_a_bad_body() {
    for body in ["", "[]", "nope", "{\"ok\":false}"] {
        let server = Server::start(move |_, _: &Recorded| Reply::json(200, body, None)).await;
        let seam = crate::client(&server.endpoint());
        let error = seam
            .send(crate::PokeWidget {
                widget_id: "w1".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(variant(&error), "InvalidResponse(200)", "{body:?}: {error}");
        assert_eq!(server.served(), 1);
    }
}

#[tokio::test]
async fn body_larger_than_the_limit() {
    fn body() -> Vec<u8> {
        format!(
            r#"{{"ok":true,"widget":{{"widget_id":"{}"}}}}"#,
            "x".repeat(4096)
        )
        .into_bytes()
    }
    // With a content-length: refused before reading.
    let declared = Case {
        reply: || Reply::Answer {
            status: 200,
            headers: vec![("seam-request-id", "req_big".into())],
            body: body(),
        },
        timeout: None,
        max_body: Some(1024),
        // Not retried: the same answer would be too large again.
        get_attempts: 1,
        post_attempts: 1,
        error: "Transport(BodyTooLarge)",
        message: "too large",
        request_id: Some("req_big"),
    };
    check("body too large (content-length)", declared).await;
    // Without one (read to the end of the connection): cut off while reading.
    let streamed = Case {
        reply: || {
            let mut bytes = head(
                200,
                &[("connection", "close"), ("seam-request-id", "req_big")],
                None,
            );
            bytes.extend_from_slice(&body());
            Reply::RawThenClose(bytes)
        },
        timeout: None,
        max_body: Some(1024),
        get_attempts: 1,
        post_attempts: 1,
        error: "Transport(BodyTooLarge)",
        message: "too large",
        request_id: Some("req_big"),
    };
    check("body too large (streamed)", streamed).await;
}

/// A body that trickles in, a few bytes at a time: fine while it fits the timeout; past
/// it, the timeout ends the attempt even though bytes keep coming.
#[tokio::test]
async fn slow_trickle_body() {
    let trickle = |pause_ms: u64| {
        move |_: usize, _: &Recorded| Reply::Trickle {
            head: head(200, &[], Some(WIDGET.len())),
            body: WIDGET.as_bytes().to_vec(),
            chunk: 4,
            pause: Duration::from_millis(pause_ms),
        }
    };
    let server = Server::start(trickle(5)).await;
    let seam = builder(&server.endpoint()).build().unwrap();
    let widget = seam.send(get()).await.unwrap();
    assert_eq!(widget.widget_id, "w1");
    assert_eq!(server.served(), 1);

    // About 10 chunks of 200 ms each: two seconds, against a 300 ms timeout.
    let case = Case {
        reply: || Reply::Trickle {
            head: head(200, &[("seam-request-id", "req_slow")], Some(WIDGET.len())),
            body: WIDGET.as_bytes().to_vec(),
            chunk: 4,
            pause: Duration::from_millis(200),
        },
        timeout: Some(Duration::from_millis(300)),
        max_body: None,
        get_attempts: 3,
        post_attempts: 1,
        error: "Transport(Timeout)",
        message: "timed out",
        // The head arrived before the timeout cut the body off: its id is kept.
        request_id: Some("req_slow"),
    };
    let started = Instant::now();
    check("trickle past the timeout", case).await;
    // Four attempts each cut at 300 ms, far less than the 8 s the bodies would take.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(1200), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(8), "{elapsed:?}");
}

/// `retry_non_idempotent(true)` opts a POST into the GET's retries.
#[tokio::test]
async fn post_retries_only_when_asked() {
    let server = Server::start(|_, _: &Recorded| seam_error(503, "service_unavailable")).await;
    let seam = crate::client(&server.endpoint());
    let error = seam
        .send(create())
        .retry_non_idempotent(true)
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), Some(3));
    assert_eq!(server.served(), 3);
}
