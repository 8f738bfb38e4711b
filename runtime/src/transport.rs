//! The one place requests meet the network: the [`Transport`] trait and its default,
//! [`ReqwestTransport`].

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;

use crate::error::TransportError;

/// A boxed, `Send` future, as [`Transport::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and delivers the whole answer.
///
/// The client calls it once per attempt, with every header already set (auth, SDK
/// headers, content type). Implement it to put middleware in front of the default
/// (custom headers, recording, metrics) or to use another HTTP stack; wrap
/// [`ReqwestTransport`] to keep its behaviour underneath.
///
/// ```
/// use bytes::Bytes;
/// use seam_runtime::{BoxFuture, HttpRequest, ReqwestTransport, Transport, TransportError};
///
/// /// Adds a header to every request.
/// #[derive(Debug)]
/// struct Tagged(ReqwestTransport);
///
/// impl Transport for Tagged {
///     fn send(
///         &self,
///         mut request: HttpRequest,
///     ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
///         request.headers_mut().insert("x-team", http::HeaderValue::from_static("locks"));
///         self.0.send(request)
///     }
/// }
/// ```
pub trait Transport: Send + Sync + std::fmt::Debug + 'static {
    /// Sends `request` and reads the answer's status, headers and body.
    fn send(
        &self,
        request: HttpRequest,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;

    /// Whether [`send`](Self::send) itself ends an attempt that outlives the request's
    /// [`timeout`](HttpRequest::timeout), with a
    /// [`Timeout`](crate::TransportErrorKind::Timeout) error. The client then sets no timer
    /// of its own around it, and gives the request no [`RequestIdSlot`]. `false` unless a
    /// transport says so (as [`ReqwestTransport`] does, through reqwest's own per-request
    /// timeout).
    fn enforces_timeout(&self) -> bool {
        false
    }
}

/// The per-attempt timeout of a request converted to an `http::Request`, in its
/// extensions whenever the call has one ([`HttpRequest::timeout`] otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptTimeout(pub Duration);

/// Where a transport notes the answer's `seam-request-id` as soon as the head arrives.
///
/// The client gives a request one ([`HttpRequest::request_id_slot`]) when its own timer
/// ends the attempt, that is when the call has a timeout and the transport does not
/// [enforce it](Transport::enforces_timeout). A transport that reads the head before the
/// body (as [`ReqwestTransport`] does) calls [`set`](Self::set), so an attempt that the
/// timer cuts off mid-body still names the request Seam logged. A middleware transport
/// keeps it by passing the request on. In an `http::Request` it is in the extensions.
#[derive(Clone, Debug, Default)]
pub struct RequestIdSlot(std::sync::Arc<std::sync::OnceLock<String>>);

impl RequestIdSlot {
    /// Notes the request id; the first call wins.
    pub fn set(&self, request_id: impl Into<String>) {
        let _ = self.0.set(request_id.into());
    }

    /// The request id noted, if any.
    pub fn get(&self) -> Option<&str> {
        self.0.get().map(String::as_str)
    }
}

/// One HTTP request, as the client hands it to a [`Transport`]: method, URL, headers,
/// body, what the client tells the transport (the attempt's timeout, a [`RequestIdSlot`]),
/// and extensions for whatever a middleware adds.
///
/// It holds the client's parsed [`url::Url`], not an `http::Uri`: reqwest sends a `Url`,
/// so the URL and its query are never formatted and parsed again on the way. A transport
/// on another HTTP stack converts it with `http::Request::try_from`, which parses the URL
/// as a `Uri` then.
///
/// ```
/// use seam_runtime::HttpRequest;
///
/// let url = url::Url::parse("https://connect.getseam.com/devices/list?limit=10")?;
/// let mut request = HttpRequest::new(http::Method::GET, url);
/// request.headers_mut().insert("x-team", http::HeaderValue::from_static("locks"));
/// let request = http::Request::<bytes::Bytes>::try_from(request)?;
/// assert_eq!(request.uri(), "https://connect.getseam.com/devices/list?limit=10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct HttpRequest {
    method: http::Method,
    url: url::Url,
    headers: http::HeaderMap,
    body: Bytes,
    timeout: Option<Duration>,
    request_id_slot: Option<RequestIdSlot>,
    extensions: http::Extensions,
}

/// An [`HttpRequest`] taken apart by [`into_parts`](HttpRequest::into_parts), to move
/// each piece into another HTTP stack's request.
#[derive(Debug)]
#[non_exhaustive]
pub struct HttpRequestParts {
    /// The method.
    pub method: http::Method,
    /// The URL, query included.
    pub url: url::Url,
    /// The headers, every one the client sets included.
    pub headers: http::HeaderMap,
    /// The body; empty for `GET` and `DELETE`.
    pub body: Bytes,
    /// The attempt's timeout, if the call has one.
    pub timeout: Option<Duration>,
    /// Where to note the answer's request id, when the client's timer ends the attempt.
    pub request_id_slot: Option<RequestIdSlot>,
    /// Whatever a middleware adds for the transport it wraps.
    pub extensions: http::Extensions,
}

impl HttpRequest {
    /// A request with no headers, an empty body, no timeout, no request-id slot and no
    /// extensions.
    pub fn new(method: http::Method, url: url::Url) -> Self {
        HttpRequest {
            method,
            url,
            headers: http::HeaderMap::new(),
            body: Bytes::new(),
            timeout: None,
            request_id_slot: None,
            extensions: http::Extensions::new(),
        }
    }

    /// The method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The method, to change.
    pub fn method_mut(&mut self) -> &mut http::Method {
        &mut self.method
    }

    /// The URL, query included.
    pub fn url(&self) -> &url::Url {
        &self.url
    }

    /// The URL, to change (another host, a query param more).
    pub fn url_mut(&mut self) -> &mut url::Url {
        &mut self.url
    }

    /// The headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The headers, to change.
    pub fn headers_mut(&mut self) -> &mut http::HeaderMap {
        &mut self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body, to change.
    pub fn body_mut(&mut self) -> &mut Bytes {
        &mut self.body
    }

    /// The attempt's timeout, if the call has one: a transport that
    /// [enforces it](Transport::enforces_timeout) ends the attempt after it.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The attempt's timeout, to change.
    pub fn timeout_mut(&mut self) -> &mut Option<Duration> {
        &mut self.timeout
    }

    /// Where to note the answer's request id once the head arrives; the client sets one
    /// when its own timer ends the attempt.
    pub fn request_id_slot(&self) -> Option<&RequestIdSlot> {
        self.request_id_slot.as_ref()
    }

    /// The request-id slot, to change.
    pub fn request_id_slot_mut(&mut self) -> &mut Option<RequestIdSlot> {
        &mut self.request_id_slot
    }

    /// The extensions: whatever a middleware adds for the transport it wraps.
    pub fn extensions(&self) -> &http::Extensions {
        &self.extensions
    }

    /// The extensions, to change.
    pub fn extensions_mut(&mut self) -> &mut http::Extensions {
        &mut self.extensions
    }

    /// The pieces, owned.
    pub fn into_parts(self) -> HttpRequestParts {
        HttpRequestParts {
            method: self.method,
            url: self.url,
            headers: self.headers,
            body: self.body,
            timeout: self.timeout,
            request_id_slot: self.request_id_slot,
            extensions: self.extensions,
        }
    }
}

/// For a transport on an HTTP stack that speaks `http`: the URL parsed as a `Uri`, which
/// fails for the rare URL the `url` crate accepts and `http` does not. The timeout and
/// the request-id slot go in the extensions, as [`AttemptTimeout`] and [`RequestIdSlot`].
impl TryFrom<HttpRequest> for http::Request<Bytes> {
    type Error = http::uri::InvalidUri;

    fn try_from(request: HttpRequest) -> Result<Self, Self::Error> {
        let uri = http::Uri::try_from(request.url.as_str())?;
        let mut out = http::Request::new(request.body);
        *out.method_mut() = request.method;
        *out.uri_mut() = uri;
        *out.headers_mut() = request.headers;
        *out.extensions_mut() = request.extensions;
        if let Some(timeout) = request.timeout {
            out.extensions_mut().insert(AttemptTimeout(timeout));
        }
        if let Some(slot) = request.request_id_slot {
            out.extensions_mut().insert(slot);
        }
        Ok(out)
    }
}

/// From a request built with `http`, as tests and other stacks have them: its `Uri`
/// must be absolute (scheme and host). An [`AttemptTimeout`] and a [`RequestIdSlot`] in
/// its extensions become the request's timeout and slot. The HTTP version is not kept.
impl TryFrom<http::Request<Bytes>> for HttpRequest {
    type Error = url::ParseError;

    fn try_from(request: http::Request<Bytes>) -> Result<Self, Self::Error> {
        let (mut parts, body) = request.into_parts();
        let url = url::Url::parse(&parts.uri.to_string())?;
        Ok(HttpRequest {
            method: parts.method,
            url,
            headers: parts.headers,
            body,
            timeout: parts.extensions.remove::<AttemptTimeout>().map(|t| t.0),
            request_id_slot: parts.extensions.remove::<RequestIdSlot>(),
            extensions: parts.extensions,
        })
    }
}

#[cfg(feature = "reqwest")]
pub use self::reqwest_impl::ReqwestTransport;

#[cfg(feature = "reqwest")]
mod reqwest_impl {
    use bytes::{Bytes, BytesMut};

    use super::{BoxFuture, HttpRequest, Transport};
    use crate::error::{TransportError, TransportErrorKind};

    /// The default transport: reqwest with rustls, no redirects, and a bounded body.
    #[derive(Debug, Clone)]
    pub struct ReqwestTransport {
        client: reqwest::Client,
        max_body: usize,
    }

    impl ReqwestTransport {
        /// The largest body read by default: 32 MiB.
        pub const DEFAULT_MAX_BODY: usize = 32 << 20;

        /// A transport over a new reqwest client that follows no redirects, so the
        /// authorization header never travels to another host.
        pub fn new() -> Result<Self, TransportError> {
            Self::install_crypto_provider();
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
            Ok(Self::with_client(client))
        }

        /// A transport over a reqwest client configured by the caller (proxies,
        /// certificates, pools).
        ///
        /// Its redirect policy is the caller's to choose, and reqwest's default follows
        /// redirects to any host, dropping only the headers it knows (`authorization`,
        /// `cookie`): Seam's `client-session-token` and `seam-workspace` would travel on.
        /// Build the client with [`redirect_policy`](Self::redirect_policy), or
        /// `Policy::none()`, so credentials never leave the origin they were meant for:
        ///
        /// ```
        /// use seam_runtime::ReqwestTransport;
        ///
        /// ReqwestTransport::install_crypto_provider();
        /// let client = reqwest::Client::builder()
        ///     .redirect(ReqwestTransport::redirect_policy())
        ///     .build()?;
        /// let transport = ReqwestTransport::with_client(client);
        /// # Ok::<(), reqwest::Error>(())
        /// ```
        pub fn with_client(client: reqwest::Client) -> Self {
            ReqwestTransport {
                client,
                max_body: Self::DEFAULT_MAX_BODY,
            }
        }

        /// Sets the largest body to read; a larger one is a
        /// [`BodyTooLarge`](TransportErrorKind::BodyTooLarge) error.
        pub fn max_body(mut self, bytes: usize) -> Self {
            self.max_body = bytes;
            self
        }

        /// A redirect policy that follows up to 10 redirects within the origin (scheme,
        /// host and port) of the request, and stops at the first that leaves it: the 3xx
        /// answer is then returned, and the client reports it as an HTTP error. For a
        /// client of your own given to [`with_client`](Self::with_client).
        pub fn redirect_policy() -> reqwest::redirect::Policy {
            reqwest::redirect::Policy::custom(|attempt| {
                let previous = attempt.previous();
                if previous.len() > MAX_REDIRECTS {
                    return attempt.error("too many redirects");
                }
                match previous.first() {
                    Some(first) if first.origin() == attempt.url().origin() => attempt.follow(),
                    _ => attempt.stop(),
                }
            })
        }

        /// The `reqwest::Request` that [`send`](Transport::send) executes, per-attempt
        /// timeout included: built on the request's URL as it is, never parsed again. For
        /// a transport of your own that ends in reqwest.
        pub fn to_reqwest(request: HttpRequest) -> reqwest::Request {
            let parts = request.into_parts();
            let mut out = reqwest::Request::new(parts.method, parts.url);
            *out.headers_mut() = parts.headers;
            *out.body_mut() = Some(parts.body.into());
            // reqwest's timer covers the head and the whole body, as the client's would.
            *out.timeout_mut() = parts.timeout;
            out
        }

        /// Installs rustls' ring crypto provider as the process default, unless one is
        /// installed already.
        ///
        /// The runtime builds reqwest without a provider of its own (`rustls-no-provider`),
        /// so a client built by hand for [`with_client`](Self::with_client) needs one
        /// before its first TLS connection; [`new`](Self::new) calls this itself.
        /// Calling it again, or from several threads, is harmless.
        pub fn install_crypto_provider() {
            if rustls::crypto::CryptoProvider::get_default().is_none() {
                // Losing a race to another thread's install is fine: a provider is installed.
                let _ = rustls::crypto::ring::default_provider().install_default();
            }
        }
    }

    /// How many redirects [`ReqwestTransport::redirect_policy`] follows.
    const MAX_REDIRECTS: usize = 10;

    impl Transport for ReqwestTransport {
        fn send(
            &self,
            request: HttpRequest,
        ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
            Box::pin(async move {
                let slot = request.request_id_slot().cloned();
                let request = ReqwestTransport::to_reqwest(request);
                let mut response = self.client.execute(request).await.map_err(classify)?;
                // Once the headers are in, a failure still names the request Seam logged.
                let request_id = response
                    .headers()
                    .get("seam-request-id")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                if let (Some(slot), Some(id)) = (&slot, &request_id) {
                    slot.set(id.clone());
                }
                let with_id = |e: TransportError| match &request_id {
                    Some(id) => e.with_request_id(id.clone()),
                    None => e,
                };
                let limit = self.max_body;
                let too_large =
                    || with_id(TransportError::from_kind(TransportErrorKind::BodyTooLarge));
                if response
                    .content_length()
                    .is_some_and(|len| len > limit as u64)
                {
                    return Err(too_large());
                }
                let mut body = BytesMut::new();
                while let Some(chunk) = response.chunk().await.map_err(|e| with_id(classify(e)))? {
                    if body.len() + chunk.len() > limit {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                let mut out = http::Response::new(body.freeze());
                *out.status_mut() = response.status();
                *out.headers_mut() = std::mem::take(response.headers_mut());
                Ok(out)
            })
        }

        fn enforces_timeout(&self) -> bool {
            true
        }
    }

    fn classify(e: reqwest::Error) -> TransportError {
        let kind = if e.is_connect() {
            TransportErrorKind::Connect
        } else if e.is_timeout() {
            TransportErrorKind::Timeout
        } else if e.is_body() || e.is_request() || e.is_decode() {
            TransportErrorKind::Io
        } else {
            TransportErrorKind::Other
        };
        TransportError::new(kind, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> HttpRequest {
        let url =
            url::Url::parse("https://connect.getseam.com/devices/list?limit=10&q=a+b").unwrap();
        let mut request = HttpRequest::new(http::Method::DELETE, url);
        request
            .headers_mut()
            .insert("x-team", http::HeaderValue::from_static("locks"));
        *request.body_mut() = Bytes::from_static(b"{}");
        *request.timeout_mut() = Some(Duration::from_secs(3));
        *request.request_id_slot_mut() = Some(RequestIdSlot::default());
        request
    }

    #[test]
    fn converts_to_and_from_http_keeping_every_part() {
        let http = http::Request::<Bytes>::try_from(request()).unwrap();
        assert_eq!(http.method(), http::Method::DELETE);
        assert_eq!(
            http.uri(),
            "https://connect.getseam.com/devices/list?limit=10&q=a+b"
        );
        assert_eq!(http.headers()["x-team"], "locks");
        assert_eq!(http.body(), "{}");
        assert_eq!(
            http.extensions().get::<AttemptTimeout>(),
            Some(&AttemptTimeout(Duration::from_secs(3)))
        );
        let slot = http.extensions().get::<RequestIdSlot>().cloned().unwrap();

        let back = HttpRequest::try_from(http).unwrap();
        slot.set("req_1");
        assert_eq!(
            back.request_id_slot().and_then(RequestIdSlot::get),
            Some("req_1")
        );
        let parts = back.into_parts();
        let expected = request().into_parts();
        assert_eq!(parts.method, expected.method);
        assert_eq!(parts.url, expected.url);
        assert_eq!(parts.headers, expected.headers);
        assert_eq!(parts.body, expected.body);
        assert_eq!(parts.timeout, Some(Duration::from_secs(3)));
        assert!(parts.extensions.get::<AttemptTimeout>().is_none());
    }

    #[test]
    fn a_url_http_cannot_carry_is_an_error() {
        let url = url::Url::parse("file:///tmp/locks").unwrap();
        let request = HttpRequest::new(http::Method::GET, url);
        assert!(http::Request::<Bytes>::try_from(request).is_err());
    }

    #[test]
    fn a_relative_uri_is_an_error() {
        let request = http::Request::get("/devices/list")
            .body(Bytes::new())
            .unwrap();
        assert_eq!(
            HttpRequest::try_from(request).err(),
            Some(url::ParseError::RelativeUrlWithoutBase)
        );
    }

    #[cfg(feature = "reqwest")]
    #[test]
    fn reqwest_gets_the_url_as_it_is_and_the_attempt_timeout() {
        let out = ReqwestTransport::to_reqwest(request());
        assert_eq!(out.method(), http::Method::DELETE);
        assert_eq!(
            out.url().as_str(),
            "https://connect.getseam.com/devices/list?limit=10&q=a+b"
        );
        assert_eq!(out.headers()["x-team"], "locks");
        assert_eq!(
            out.body().and_then(reqwest::Body::as_bytes),
            Some(&b"{}"[..])
        );
        assert_eq!(out.timeout(), Some(&Duration::from_secs(3)));
    }
}
