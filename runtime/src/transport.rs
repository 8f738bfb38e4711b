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
}

#[cfg(feature = "reqwest")]
pub use self::reqwest_impl::ReqwestTransport;

#[cfg(feature = "reqwest")]
mod reqwest_impl {
    use bytes::{Bytes, BytesMut};

    use super::{BoxFuture, Transport};
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
            install_crypto_provider();
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
            Ok(Self::with_client(client))
        }

        /// A transport over a reqwest client configured by the caller (proxies,
        /// certificates, pools). Its redirect policy is the caller's to choose.
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
    }

    /// rustls needs a crypto provider; install ring unless the application chose one.
    fn install_crypto_provider() {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race to another thread's install is fine: a provider is installed.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    }

    impl Transport for ReqwestTransport {
        fn send(
            &self,
            request: http::Request<Bytes>,
        ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
            Box::pin(async move {
                let request = reqwest::Request::try_from(request)
                    .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
                let mut response = self.client.execute(request).await.map_err(classify)?;
                let limit = self.max_body;
                if response
                    .content_length()
                    .is_some_and(|len| len > limit as u64)
                {
                    return Err(TransportError::from_kind(TransportErrorKind::BodyTooLarge));
                }
                let mut body = BytesMut::new();
                while let Some(chunk) = response.chunk().await.map_err(classify)? {
                    if body.len() + chunk.len() > limit {
                        return Err(TransportError::from_kind(TransportErrorKind::BodyTooLarge));
                    }
                    body.extend_from_slice(&chunk);
                }
                let mut out = http::Response::new(body.freeze());
                *out.status_mut() = response.status();
                *out.headers_mut() = std::mem::take(response.headers_mut());
                Ok(out)
            })
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
