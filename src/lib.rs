//! The Seam API for Rust: smart locks, thermostats and access control systems, every
//! endpoint declared in one line.
//!
//! ```no_run
//! use seam::prelude::*;
//! use seam::acs::credentials;
//!
//! # async fn run() -> Result<(), seam::Error> {
//! let seam = Seam::from_env()?; // SEAM_API_KEY
//! seam.acs()
//!     .credentials()
//!     .unassign(credentials::Unassign {
//!         acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
//!         acs_user_id: Some("33333333-3333-3333-3333-333333333333".into()),
//!         user_identity_id: None,
//!     })
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! Each route is a params struct declared with [`seam_endpoint`], in a module that mirrors
//! its namespace (`/acs/credentials/unassign` is [`acs::credentials::Unassign`]). Call it
//! through its namespace, `seam.acs().credentials().unassign(..)` (with the [`prelude`] in
//! scope), or with [`Seam::send`]. The client, its configuration and errors come from
//! [`seam_runtime`], re-exported here.
//!
//! Declare a route of your own the same way, in your crate, and call it with the same
//! client: see [`seam_endpoint`].
//!
//! # Guide
//!
//! - **Params.** Each struct's `new` takes its required params; set optional ones with
//!   struct update syntax, `Create { name: Some(..), ..Create::new(device_id) }`. `Option`
//!   fields are left out when `None`; [`Nullable`] fields tell "leave unchanged" (omitted)
//!   from "clear" (`null`).
//! - **Responses** are typed [`models`], tolerant of fields and enum values the API adds
//!   later (enums keep unknown values as `Other`). Void routes return `()`; those whose body
//!   still carries a resource expose it with `.returning()`.
//! - **Lists.** [`Seam::paginate`] gives the first page, a page by cursor, streams of pages
//!   or items, and `collect_all`.
//! - **Action attempts.** Routes that act on devices wait for the outcome by default
//!   ([`WaitForActionAttempt`]); failure and timeout are [`Error`] variants carrying the attempt.
//! - **Errors** are one [`Error`] enum; `status()`, `request_id()`, `error_type()` and
//!   `attempts()` read across variants.
//! - **Webhooks.** [`Webhook`] checks Svix signatures and decodes [`models::Event`].
//! - **Blocking.** With the `blocking` feature, `seam::blocking::Seam` makes the same calls
//!   without an async runtime.
//! - **Testing.** The `seam-fake` crate serves the API in-process on loopback, from these
//!   same declarations, and records every request for assertions.

// The routes below are declared with the facade's attribute, whose code names `::seam`.
extern crate self as seam;

mod api;
pub mod models;

pub use api::*;
#[cfg(doc)]
pub use seam_runtime::ReqwestTransport;
#[cfg(feature = "blocking")]
pub use seam_runtime::blocking;
/// Every endpoint linked into this program; with the `registry` feature.
#[cfg(feature = "registry")]
pub use seam_runtime::endpoints;
pub use seam_runtime::{
    ActionAttemptError, ActionAttemptStatus, ActionAttemptTimeout, ApiError, AttemptTimeout,
    AuthMode, AuthNotAccepted, BoxFuture, Caller, DEFAULT_ENDPOINT, DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT, Endpoint, EndpointMeta, Error, HeaderParam, Headers, HttpError, HttpRequest,
    HttpRequestParts, InvalidInput, InvalidResponse, Items, Method, Ns, Nullable, Page, Pages,
    Paginated, Paginator, ParamLocation, ParamMeta, PathParam, Request, RequestIdSlot,
    ResponseFuture, ResponseMeta, ReturnsResource, RoutePath, SDK_NAME, SDK_VERSION, Seam,
    SeamBuilder, Secret, Timestamp, Transport, TransportError, TransportErrorKind,
    WaitForActionAttempt, ns, query, string_enum,
};
pub use seam_runtime::{Webhook, WebhookError};

/// Declares a Seam API endpoint on its params struct.
///
/// The same attribute as [`seam_runtime::seam_endpoint`] (the full reference is there),
/// whose generated code names this crate, so a crate that depends only on `seam` can
/// declare routes of its own:
///
/// ```
/// use seam::seam_endpoint;
///
/// #[seam_endpoint(POST "/acs/credentials/frobnicate")]
/// pub struct Frobnicate {
///     pub acs_credential_id: String,
/// }
/// ```
pub use seam_runtime::seam_endpoint_in_facade as seam_endpoint;

/// Declares a namespace Seam does not have; see [`seam_runtime::namespace`].
pub use seam_runtime::namespace_in_facade as namespace;

/// The client and every route's namespaced method: `use seam::prelude::*;`.
pub mod prelude {
    pub use crate::api::prelude::*;
    pub use crate::{Error, Seam};
}

#[doc(hidden)]
pub use seam_runtime::__private;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
