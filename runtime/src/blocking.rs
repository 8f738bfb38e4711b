//! A client that blocks the calling thread, for programs without an async runtime: the
//! same endpoints, namespaces, errors, retries and action-attempt waits.
//!
//! ```no_run
//! use seam_runtime::blocking::Seam;
//! # use seam_runtime::seam_endpoint;
//! # #[seam_endpoint(PATCH "/acs/credentials/unassign")]
//! # pub struct Unassign { pub acs_credential_id: String, pub acs_user_id: Option<String> }
//!
//! let seam = Seam::from_env()?;
//! seam.send(Unassign { acs_credential_id: "c1".into(), acs_user_id: Some("u1".into()) })?;
//! // or, with the extension trait in scope: seam.acs().credentials().unassign(..)?
//! # Ok::<(), seam_runtime::Error>(())
//! ```

use std::fmt;
use std::sync::Arc;

use crate::paginate::Paginated;
use crate::{Endpoint, Error, Method, Page, Request, Secret};

/// A blocking Seam client: wraps the async [`Seam`](crate::Seam) and a private runtime
/// that drives it. Cheap to clone and `Send + Sync`.
///
/// Calls return their result directly. Calling from inside an async runtime is an
/// [`Error::InvalidOptions`]: use the async client there.
#[derive(Clone)]
pub struct Seam {
    client: crate::Seam,
    runtime: Arc<Runtime>,
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::Seam").field(&self.client).finish()
    }
}

/// The runtime, shut down without blocking when the last client goes, so dropping a
/// client inside an async context cannot panic.
struct Runtime(Option<tokio::runtime::Runtime>);

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Seam {
    /// A blocking client around an async one (built with [`SeamBuilder`](crate::SeamBuilder)).
    pub fn new(client: crate::Seam) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("seam-blocking")
            .enable_all()
            .build()
            .map_err(|e| {
                Error::InvalidOptions(format!("the blocking client's runtime did not start: {e}"))
            })?;
        Ok(Seam {
            client,
            runtime: Arc::new(Runtime(Some(runtime))),
        })
    }

    /// A blocking client that authenticates with an API key.
    pub fn from_api_key(api_key: impl Into<Secret>) -> Result<Self, Error> {
        Seam::new(crate::Seam::from_api_key(api_key)?)
    }

    /// A blocking client that authenticates with a personal access token in a workspace.
    pub fn from_personal_access_token(
        token: impl Into<Secret>,
        workspace_id: impl Into<String>,
    ) -> Result<Self, Error> {
        Seam::new(crate::Seam::from_personal_access_token(
            token,
            workspace_id,
        )?)
    }

    /// A blocking client configured from the environment, as
    /// [`Seam::from_env`](crate::Seam::from_env).
    pub fn from_env() -> Result<Self, Error> {
        Seam::new(crate::Seam::from_env()?)
    }

    /// The async client underneath.
    pub fn async_client(&self) -> &crate::Seam {
        &self.client
    }

    /// Calls any endpoint and waits for the answer.
    pub fn send<E: Endpoint>(&self, endpoint: E) -> Result<E::Response, Error> {
        self.block_on(self.client.send(endpoint).into_future())?
    }

    /// Calls an endpoint with per-call options: `seam.send_with(params, |r| r.timeout(d))`.
    pub fn send_with<E: Endpoint>(
        &self,
        endpoint: E,
        options: impl FnOnce(Request<E>) -> Request<E>,
    ) -> Result<E::Response, Error> {
        self.block_on(options(self.client.send(endpoint)).into_future())?
    }

    /// Calls a route nothing declares yet; see [`Seam::request`](crate::Seam::request).
    pub fn request(
        &self,
        method: Method,
        path: &str,
        params: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        self.block_on(self.client.request(method, path, params))?
    }

    /// One page of a paginated list route, from its cursor (`None` for the first).
    pub fn page<E: Paginated>(
        &self,
        params: E,
        cursor: Option<&str>,
    ) -> Result<Page<E::Response>, Error>
    where
        E::Response: Send,
    {
        let paginator = self.client.paginate(params);
        match cursor {
            Some(cursor) => self.block_on(paginator.page(cursor))?,
            None => self.block_on(paginator.first_page())?,
        }
    }

    /// Every page of a paginated list route, fetched as the iterator advances.
    pub fn pages<E: Paginated>(&self, params: E) -> BlockingPages<E>
    where
        E::Response: Send,
    {
        BlockingPages {
            client: self.clone(),
            pages: self.client.paginate(params).pages(),
        }
    }

    fn block_on<F: Future>(&self, future: F) -> Result<F::Output, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::InvalidOptions(
                "the blocking client cannot wait inside an async runtime; use `Seam` (the async client) there".into(),
            ));
        }
        match &self.runtime.0 {
            Some(runtime) => Ok(runtime.block_on(future)),
            None => Err(Error::InvalidOptions(
                "the blocking client was shut down".into(),
            )),
        }
    }
}

/// The pages of a list route, for the blocking client.
pub struct BlockingPages<E: Paginated>
where
    E::Response: Send,
{
    client: Seam,
    pages: crate::Pages<E>,
}

impl<E: Paginated> fmt::Debug for BlockingPages<E>
where
    E::Response: Send,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BlockingPages").field(&self.pages).finish()
    }
}

impl<E: Paginated> Iterator for BlockingPages<E>
where
    E::Response: Send,
{
    type Item = Result<Page<E::Response>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        use futures_core::Stream;
        let pages = &mut self.pages;
        let next = std::future::poll_fn(|cx| std::pin::Pin::new(&mut *pages).poll_next(cx));
        match self.client.block_on(next) {
            Ok(item) => item,
            Err(error) => Some(Err(error)),
        }
    }
}

/// The namespaced methods of the blocking client return their result directly.
impl crate::Caller for Seam {
    type Call<E: Endpoint> = Result<E::Response, Error>;

    fn call<E: Endpoint>(&self, endpoint: E) -> Self::Call<E> {
        self.send(endpoint)
    }
}

seam_macros::__define_namespaces!(for Seam);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_block_inside_an_async_runtime() {
        let seam = Seam::new(crate::Seam::from_api_key("seam_k").unwrap()).unwrap();
        let outer = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let result =
            outer.block_on(async { seam.request(Method::Get, "/x", &serde_json::json!({})) });
        assert!(matches!(result, Err(Error::InvalidOptions(m)) if m.contains("async runtime")));
        // Dropping the last clone inside an async context does not panic either.
        outer.block_on(async move { drop(seam) });
    }

    #[test]
    fn is_send_sync_clone() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Seam>();
    }
}
