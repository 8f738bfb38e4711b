//! The one place requests meet the network: the [`Transport`] trait and its default,
//! [`ReqwestTransport`].

use std::future::Future;
use std::pin::Pin;

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
/// use seam_runtime::{BoxFuture, ReqwestTransport, Transport, TransportError};
///
/// /// Adds a header to every request.
/// #[derive(Debug)]
/// struct Tagged(ReqwestTransport);
///
/// impl Transport for Tagged {
///     fn send(
///         &self,
///         mut request: http::Request<Bytes>,
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
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;

    /// Whether [`send`](Self::send) itself ends an attempt that outlives the
    /// [`AttemptTimeout`] in the request's extensions, with a
    /// [`Timeout`](crate::TransportErrorKind::Timeout) error. The client then sets no timer
    /// of its own around it. `false` unless a transport says so (as [`ReqwestTransport`]
    /// does, through reqwest's own per-request timeout).
    fn enforces_timeout(&self) -> bool {
        false
    }
}

/// The per-attempt timeout of a request, in its extensions whenever the call has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptTimeout(pub std::time::Duration);

/// Where a transport notes the answer's `seam-request-id` as soon as the head arrives.
///
/// The client puts one in each request's extensions. A transport that reads the head
/// before the body (as [`ReqwestTransport`] does) calls [`set`](Self::set), so an attempt
/// that the client's per-attempt timeout cuts off mid-body still names the request Seam
/// logged. A middleware transport keeps it by passing the request's extensions on.
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

/// The request's URL as the client built it, in each request's extensions.
///
/// A transport on the `url` crate (as [`ReqwestTransport`] is) takes it instead of
/// formatting the request's `Uri` and parsing it again, a cost that grows with the query
/// string. It is only good while it still [`matches`](Self::matches) the `Uri`: a
/// middleware that rewrites the URI makes it stale.
#[derive(Clone, Debug)]
pub struct RequestUrl(url::Url);

impl RequestUrl {
    pub(crate) fn new(url: url::Url) -> Self {
        RequestUrl(url)
    }

    /// The URL.
    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// The URL, owned.
    pub fn into_url(self) -> url::Url {
        self.0
    }

    /// Whether it is still the URL of `uri`: same scheme, authority, path and query.
    pub fn matches(&self, uri: &http::Uri) -> bool {
        use url::Position;
        let url = &self.0;
        uri.scheme_str() == Some(url.scheme())
            && uri.authority().map(|a| a.as_str())
                == Some(&url[Position::BeforeUsername..Position::AfterPort])
            && uri.path_and_query().map(|p| p.as_str())
                == Some(&url[Position::BeforePath..Position::AfterQuery])
    }
}

#[cfg(feature = "reqwest")]
pub use self::reqwest_impl::ReqwestTransport;

#[cfg(feature = "reqwest")]
mod reqwest_impl {
    use bytes::{Bytes, BytesMut};

    use super::{AttemptTimeout, BoxFuture, RequestIdSlot, RequestUrl, Transport};
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

        /// The `reqwest::Request` that [`send`](Transport::send) executes: built on the
        /// client's [`RequestUrl`] while it still matches the request's `Uri`, so the
        /// URL is not formatted and parsed a second time; by reqwest's own conversion
        /// otherwise. For a transport of your own that ends in reqwest.
        pub fn to_reqwest(
            mut request: http::Request<Bytes>,
        ) -> Result<reqwest::Request, TransportError> {
            match request.extensions_mut().remove::<RequestUrl>() {
                Some(url) if url.matches(request.uri()) => {
                    let (parts, body) = request.into_parts();
                    let mut out = reqwest::Request::new(parts.method, url.into_url());
                    *out.headers_mut() = parts.headers;
                    *out.version_mut() = parts.version;
                    *out.body_mut() = Some(body.into());
                    Ok(out)
                }
                _ => reqwest::Request::try_from(request)
                    .map_err(|e| TransportError::new(TransportErrorKind::Other, e)),
            }
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
            request: http::Request<Bytes>,
        ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
            Box::pin(async move {
                let slot = request.extensions().get::<RequestIdSlot>().cloned();
                let timeout = request.extensions().get::<AttemptTimeout>().copied();
                let mut request = ReqwestTransport::to_reqwest(request)?;
                // reqwest's timer covers the head and the whole body, as the client's would.
                *request.timeout_mut() = timeout.map(|t| t.0);
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
