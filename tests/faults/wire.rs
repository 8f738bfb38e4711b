//! On the wire: path placeholders cannot change the route, and redirects never carry the
//! credentials to another host.

use std::time::Duration;

use seam::{Error, Seam};
use seam_runtime::ReqwestTransport;

use crate::matrix::variant;
use crate::server::{Recorded, Reply, Server};
use crate::{DescribeWidget, GetWidget, TOKEN, WIDGET, builder};

/// `%XX` back to bytes.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

const HOSTILE: [&str; 12] = [
    "../../devices/delete",
    "a/b",
    "/",
    "...",
    "%2e%2e",
    "%2F",
    "?x=1#frag",
    "a b",
    "é/ü",
    "\\..\\",
    ".%2e",
    "w1;x=y",
];

/// Each hostile value reaches the server as one segment, in the route's place, and
/// decodes back to itself; through the typed call and through `send_dynamic`.
#[tokio::test]
async fn placeholders_stay_one_segment() {
    let server = Server::start(|_, _: &Recorded| Reply::json(200, WIDGET, None)).await;
    let seam = crate::client(&server.endpoint());
    let meta = *seam_runtime::endpoints()
        .iter()
        .find(|m| m.path == "/widgets/{widget_id}/describe")
        .unwrap();
    for value in HOSTILE {
        seam.send(DescribeWidget {
            widget_id: value.to_owned(),
        })
        .await
        .unwrap();
        seam.send_dynamic(meta, &serde_json::json!({ "widget_id": value }))
            .await
            .unwrap();
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2 * HOSTILE.len());
    for (request, value) in requests.iter().zip(HOSTILE.iter().flat_map(|v| [v, v])) {
        let path = request.target.split('?').next().unwrap();
        let segments: Vec<&str> = path.split('/').collect();
        assert_eq!(segments.len(), 4, "{value:?} sent as {}", request.target);
        assert_eq!(
            (segments[0], segments[1], segments[3]),
            ("", "widgets", "describe"),
            "{value:?} sent as {}",
            request.target
        );
        assert_eq!(percent_decode(segments[2]), *value, "{}", request.target);
    }
}

/// `.`, `..` and the empty string would change the route even encoded: refused, and
/// nothing is sent.
#[tokio::test]
async fn dot_segments_are_refused() {
    let server = Server::start(|_, _: &Recorded| Reply::json(200, WIDGET, None)).await;
    let seam = crate::client(&server.endpoint());
    for value in ["", ".", ".."] {
        let error = seam
            .send(DescribeWidget {
                widget_id: value.to_owned(),
            })
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{value:?}: {error}"
        );
    }
    assert_eq!(server.served(), 0);
}

/// Two loopback servers: the first redirects to the second, which answers anything.
async fn redirecting(status: u16) -> (Server, Server) {
    let target = Server::start(|_, _: &Recorded| Reply::json(200, WIDGET, None)).await;
    let location = format!("{}/widgets/get?widget_id=w1", target.endpoint());
    let first = Server::start(move |_, _: &Recorded| Reply::Answer {
        status,
        headers: vec![("location", location.clone())],
        body: Vec::new(),
    })
    .await;
    (first, target)
}

/// A caller's own reqwest client, with reqwest's default policy: up to 10 redirects.
fn following_transport() -> ReqwestTransport {
    ReqwestTransport::install_crypto_provider();
    ReqwestTransport::with_client(reqwest::Client::new())
}

/// A caller's own reqwest client with the runtime's same-origin redirect policy.
fn policy_transport() -> ReqwestTransport {
    ReqwestTransport::install_crypto_provider();
    let client = reqwest::Client::builder()
        .redirect(ReqwestTransport::redirect_policy())
        .build()
        .unwrap();
    ReqwestTransport::with_client(client)
}

fn get() -> GetWidget {
    GetWidget {
        widget_id: "w1".into(),
    }
}

/// The default transport follows no redirect: the answer is an HTTP error carrying the
/// status, and the other host is never contacted.
#[tokio::test]
async fn redirects_are_not_followed() {
    for status in [301, 302, 303, 307, 308] {
        let (first, target) = redirecting(status).await;
        let seam = crate::client(&first.endpoint());
        let error = seam.send(get()).await.unwrap_err();
        assert_eq!(variant(&error), format!("Http({status})"), "{error}");
        assert_eq!(error.attempts(), Some(1));
        assert_eq!(first.served(), 1);
        assert_eq!(target.served(), 0, "{status} was followed");
    }
}

/// A caller's own reqwest client may follow redirects (its policy is theirs); reqwest
/// then drops `authorization` for another host (here, another port).
#[tokio::test]
async fn a_following_client_drops_authorization_for_another_host() {
    let (first, target) = redirecting(307).await;
    let seam = builder(&first.endpoint())
        .transport(following_transport())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    seam.send(get()).await.unwrap();
    assert_eq!(
        first.requests()[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let forwarded = target.requests();
    assert_eq!(forwarded.len(), 1);
    assert_eq!(forwarded[0].header("authorization"), None);
}

/// A caller's client built with [`ReqwestTransport::redirect_policy`] stops at a
/// redirect to another origin: Seam's own credential headers (`client-session-token`,
/// which reqwest does not know to drop) never reach the other host, and the 3xx is an
/// HTTP error.
#[tokio::test]
async fn the_redirect_policy_stops_at_another_origin() {
    for status in [301, 302, 303, 307, 308] {
        let (first, target) = redirecting(status).await;
        let seam = Seam::builder()
            .client_session_token("seam_cst_redirect_secret")
            .endpoint(first.endpoint())
            .transport(policy_transport())
            .build()
            .unwrap();
        let error = seam.send(get()).await.unwrap_err();
        assert_eq!(variant(&error), format!("Http({status})"), "{error}");
        assert_eq!(
            first.requests()[0].header("client-session-token"),
            Some("seam_cst_redirect_secret")
        );
        assert_eq!(
            target.served(),
            0,
            "{status} was followed to another origin"
        );
    }
}

/// Within the origin the policy follows, credentials included, up to 10 hops.
#[tokio::test]
async fn the_redirect_policy_follows_within_the_origin() {
    let server = Server::start(|i, _: &Recorded| match i {
        0 => Reply::Answer {
            status: 307,
            headers: vec![("location", "/widgets/get?widget_id=w2".to_owned())],
            body: Vec::new(),
        },
        _ => Reply::json(200, WIDGET, None),
    })
    .await;
    let seam = Seam::builder()
        .client_session_token("seam_cst_redirect_secret")
        .endpoint(server.endpoint())
        .transport(policy_transport())
        .build()
        .unwrap();
    seam.send(get()).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].target, "/widgets/get?widget_id=w2");
    for request in &requests {
        assert_eq!(
            request.header("client-session-token"),
            Some("seam_cst_redirect_secret")
        );
    }

    // A redirect loop ends after 10 hops with a transport error, not a hang.
    let looping = Server::start(|_, _: &Recorded| Reply::Answer {
        status: 307,
        headers: vec![("location", "/widgets/get?widget_id=w1".to_owned())],
        body: Vec::new(),
    })
    .await;
    let seam = builder(&looping.endpoint())
        .transport(policy_transport())
        .max_retries(0)
        .build()
        .unwrap();
    let error = seam.send(get()).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error}");
    assert_eq!(looping.served(), 11);
}

/// A middleware that points every request at another server, then hands it to the
/// default transport.
#[derive(Debug)]
struct Rerouted {
    port: u16,
    inner: ReqwestTransport,
}

impl seam::Transport for Rerouted {
    fn send(
        &self,
        mut request: seam::HttpRequest,
    ) -> seam::BoxFuture<'_, Result<http::Response<bytes::Bytes>, seam::TransportError>> {
        request.url_mut().set_port(Some(self.port)).unwrap();
        self.inner.send(request)
    }
}

/// A middleware that rewrites the request's URL is obeyed: the request, query and all,
/// reaches the server it names.
#[tokio::test]
async fn a_middleware_can_reroute_the_url() {
    let first = Server::start(|_, _: &Recorded| Reply::json(200, WIDGET, None)).await;
    let second = Server::start(|_, _: &Recorded| Reply::json(200, WIDGET, None)).await;
    let port = reqwest::Url::parse(&second.endpoint())
        .unwrap()
        .port()
        .unwrap();
    let seam = builder(&first.endpoint())
        .transport(Rerouted {
            port,
            inner: ReqwestTransport::new().unwrap(),
        })
        .build()
        .unwrap();
    seam.send(get()).await.unwrap();
    assert_eq!(first.served(), 0);
    let requests = second.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target, "/widgets/get?widget_id=w1&_strict=true");

    // Without the middleware, the same bytes reach the first server.
    let seam = crate::client(&first.endpoint());
    seam.send(get()).await.unwrap();
    assert_eq!(
        first.requests()[0].target,
        "/widgets/get?widget_id=w1&_strict=true"
    );
}
