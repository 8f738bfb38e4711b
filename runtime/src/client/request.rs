//! From params to a prepared request: the one generic step of a call, and the
//! [`Request`] builder and [`ResponseFuture`] around it.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue};

use super::exchange::execute;
use super::{Inner, Seam};
use crate::action_attempt::WaitForActionAttempt;
use crate::endpoint::{Endpoint, Headers, Method, RoutePath};
use crate::envelope::{self, RawResponse};
use crate::error::{AuthNotAccepted, Error};
use crate::meta::EndpointMeta;
use crate::transport::BoxFuture;

/// Options for one call, set on its [`Request`].
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CallOptions {
    pub(super) timeout: Option<Option<Duration>>,
    pub(super) max_retries: Option<u32>,
    pub(super) retry_non_idempotent: bool,
    pub(super) wait: Option<Option<WaitForActionAttempt>>,
}

/// A request, encoded and ready: what every endpoint becomes before it is sent.
#[derive(Clone)]
pub(super) struct Prepared {
    pub(super) method: Method,
    /// What the declaration says, for action attempts; `None` for raw requests.
    pub(super) meta: Option<&'static EndpointMeta>,
    pub(super) url: url::Url,
    /// The endpoint's own headers; each attempt adds the client's ([`headers`]).
    pub(super) extra: HeaderMap,
    pub(super) body: Bytes,
}

/// The generic part of a call: encode the params. Everything after it is shared.
pub(super) fn prepare<E: Endpoint>(inner: &Inner, endpoint: &E) -> Result<Prepared, Error> {
    check_auth(inner, E::META)?;
    endpoint.validate()?;
    let path = endpoint.path()?;
    let mut extra = Headers::default();
    endpoint.headers(&mut extra)?;
    let (url, body) = encode(inner, E::METHOD, &path, endpoint)?;
    let mut prepared = finish_prepare(E::METHOD, url, body, extra.0);
    prepared.meta = Some(E::META);
    Ok(prepared)
}

/// Refuses a route that does not accept the client's auth mode, before anything is sent.
pub(super) fn check_auth(inner: &Inner, meta: &EndpointMeta) -> Result<(), Error> {
    let mode = inner.credentials.mode();
    match meta.auth {
        Some(accepted) if !accepted.contains(&mode) => {
            Err(Error::AuthNotAccepted(Box::new(AuthNotAccepted {
                route: meta.route(),
                mode,
                accepted,
            })))
        }
        _ => Ok(()),
    }
}

/// The params as the method carries them: the route's URL with a query for `GET` and
/// `DELETE`, a JSON body for the others.
pub(super) fn encode<P: serde::Serialize + ?Sized>(
    inner: &Inner,
    method: Method,
    path: &RoutePath,
    params: &P,
) -> Result<(url::Url, Bytes), Error> {
    if method.uses_query() {
        let url = crate::query::to_url(params, || route_url(inner, path))
            .map_err(|e| Error::InvalidRequest(e.to_string()))?;
        Ok((url, Bytes::new()))
    } else {
        let body = serde_json::to_vec(params)
            .map_err(|e| Error::InvalidRequest(format!("the params are not JSON: {e}")))?;
        Ok((route_url(inner, path), Bytes::from(body)))
    }
}

/// The endpoint with the path set, without a query: built once per static route, else
/// each time.
pub(super) fn route_url(inner: &Inner, path: &RoutePath) -> url::Url {
    let with_path = |path: &str| {
        let mut url = inner.base_url.clone();
        let base = url.path().trim_end_matches('/');
        let mut full = String::with_capacity(base.len() + path.len());
        full.push_str(base);
        full.push_str(path);
        url.set_path(&full);
        url
    };
    match path.as_static() {
        Some(fixed) => inner.routes.get_or_build(fixed, || with_path(fixed)),
        None => with_path(path.as_str()),
    }
}

/// The request: `url`, the endpoint's own headers `extra`, and `body`.
pub(super) fn finish_prepare(
    method: Method,
    url: url::Url,
    body: Bytes,
    extra: HeaderMap,
) -> Prepared {
    Prepared {
        method,
        meta: None,
        url,
        extra,
        body,
    }
}

/// An attempt's headers: the client's over the endpoint's own `extra`, and the content
/// type of a JSON body.
pub(super) fn headers(inner: &Inner, method: Method, extra: HeaderMap) -> HeaderMap {
    // Over no headers, the inserts below give a copy of the client's, unless a name
    // repeats there (an insert keeps the last value). A copy has no room for one more.
    let copy = extra.is_empty() && inner.headers.len() == inner.headers.keys_len();
    if copy && method.uses_query() {
        return inner.headers.clone();
    }
    let mut headers = extra;
    for (name, value) in &inner.headers {
        headers.insert(name, value.clone());
    }
    if !method.uses_query() {
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    headers
}

/// One call, built by [`Seam::send`] or a namespaced method; `.await` it to send it.
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<E: Endpoint> {
    client: Seam,
    prepared: Result<Prepared, Error>,
    options: CallOptions,
    _endpoint: PhantomData<fn() -> E>,
}

impl<E: Endpoint> Request<E> {
    /// Encodes `endpoint` for `client`; sending waits for `.await`.
    pub(super) fn new(client: &Seam, endpoint: &E) -> Self {
        Request {
            client: client.clone(),
            prepared: prepare(&client.inner, endpoint),
            options: CallOptions::default(),
            _endpoint: PhantomData,
        }
    }
}

impl<E: Endpoint> fmt::Debug for Request<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &E::METHOD)
            .field("path", &E::PATH)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<E: Endpoint> Request<E> {
    /// The per-attempt timeout for this call; `None` or zero disables it.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.options.timeout = Some(timeout.into().filter(|t| !t.is_zero()));
        self
    }

    /// How many retries this call may make.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// How this call waits for its action attempt; `None` returns the attempt as first
    /// answered (usually `pending`). Only routes that answer with one wait.
    pub fn wait_for_action_attempt(
        mut self,
        wait: impl Into<Option<WaitForActionAttempt>>,
    ) -> Self {
        self.options.wait = Some(wait.into());
        self
    }

    /// Lets this call be retried even though it is a `POST` or `PATCH`. Only for calls
    /// that are safe to repeat: an unlock sent twice unlocks twice.
    pub fn retry_non_idempotent(mut self, allow: bool) -> Self {
        self.options.retry_non_idempotent = allow;
        self
    }
}

impl<E: crate::ReturnsResource> Request<E> {
    /// Sends the call and resolves to the resource the void route's body still carries,
    /// instead of `()`.
    pub async fn returning(self) -> Result<E::Resource, Error> {
        let raw = execute(self.client.inner, self.prepared?, self.options).await?;
        let route = Route {
            method: E::METHOD,
            path: E::PATH,
        };
        envelope::decode(&raw, Some(E::KEY), &route)
    }
}

impl<E: Endpoint> Request<E> {
    /// Sends the call and decodes its answer as one page: the items and `pagination`.
    pub(crate) async fn into_page(self) -> Result<crate::Page<E::Response>, Error> {
        let raw = execute(self.client.inner, self.prepared?, self.options).await?;
        let route = Route {
            method: E::METHOD,
            path: E::PATH,
        };
        let (items, pagination) = envelope::decode_page(&raw, E::RESPONSE_KEY, &route)?;
        Ok(crate::Page {
            items,
            pagination: pagination.unwrap_or_default(),
        })
    }
}

impl<E: Endpoint> IntoFuture for Request<E> {
    type Output = Result<E::Response, Error>;
    type IntoFuture = ResponseFuture<E::Response>;

    fn into_future(self) -> Self::IntoFuture {
        let route = Route {
            method: E::METHOD,
            path: E::PATH,
        };
        let call: BoxFuture<'static, Result<RawResponse, Error>> = match self.prepared {
            Ok(prepared) => Box::pin(execute(self.client.inner, prepared, self.options)),
            Err(error) => Box::pin(std::future::ready(Err(error))),
        };
        ResponseFuture {
            call,
            key: E::RESPONSE_KEY,
            route,
            _response: PhantomData,
        }
    }
}

/// `METHOD /path`, for messages.
#[derive(Clone, Copy, Debug)]
pub(super) struct Route {
    pub(super) method: Method,
    pub(super) path: &'static str,
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// The future of a call: the shared, non-generic exchange, then decoding into `R`.
#[must_use = "futures do nothing unless polled"]
pub struct ResponseFuture<R> {
    call: BoxFuture<'static, Result<RawResponse, Error>>,
    key: Option<&'static str>,
    route: Route,
    _response: PhantomData<fn() -> R>,
}

impl<R> fmt::Debug for ResponseFuture<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("route", &self.route)
            .finish_non_exhaustive()
    }
}

impl<R: serde::de::DeserializeOwned> Future for ResponseFuture<R> {
    type Output = Result<R, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let raw = match self.call.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Ready(Ok(raw)) => raw,
        };
        Poll::Ready(envelope::decode(&raw, self.key, &self.route))
    }
}
