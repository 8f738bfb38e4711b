//! The runtime of [`seam`](https://docs.rs/seam): declare an HTTP endpoint of the Seam API
//! in one line, and call it.
//!
//! ```no_run
//! use seam_runtime::{Seam, seam_endpoint};
//!
//! /// Unassigns a credential from an access system user.
//! #[seam_endpoint(PATCH "/acs/credentials/unassign")]
//! pub struct UnassignCredential {
//!     pub acs_credential_id: String,
//!     pub acs_user_id: Option<String>,
//!     pub user_identity_id: Option<String>,
//! }
//!
//! # async fn run() -> Result<(), seam_runtime::Error> {
//! let seam = Seam::from_env()?;
//! let params = UnassignCredential {
//!     acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
//!     acs_user_id: Some("33333333-3333-3333-3333-333333333333".into()),
//!     user_identity_id: None,
//! };
//! seam.acs().credentials().unassign(params).await?; // or: seam.send(params).await?
//! # Ok(()) }
//! ```
//!
//! This crate holds what every endpoint shares: the [`Endpoint`] trait the attribute
//! implements, the [`Seam`] client with its one generic [`send`](Seam::send), the
//! [`Transport`] it speaks HTTP through ([`ReqwestTransport`] by default), credentials,
//! the response envelope, and the one [`Error`] type. Most applications use the `seam`
//! crate, which adds every documented route of the API on top; library authors who
//! declare their own routes can depend on this crate alone.

mod action_attempt;
mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod endpoint;
mod envelope;
mod error;
mod meta;
mod namespace;
mod nullable;
mod paginate;
pub mod query;
mod string_enum;
mod timestamp;
mod transport;
#[cfg(feature = "webhooks")]
mod webhook;

pub use action_attempt::{
    ActionAttempt, ActionAttemptError, ActionAttemptStatus, WaitForActionAttempt,
};
pub use auth::{AuthMode, Secret};
pub use client::{
    DEFAULT_ENDPOINT, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Request, ResponseFuture, SDK_NAME,
    SDK_VERSION, Seam, SeamBuilder,
};
pub use endpoint::{Endpoint, HeaderParam, Headers, Method, PathParam, ReturnsResource, RoutePath};
pub use error::{
    ActionAttemptTimeout, ApiError, AuthNotAccepted, Error, HttpError, InvalidInput,
    InvalidResponse, SNIPPET_LEN, TransportError, TransportErrorKind,
};
#[cfg(feature = "registry")]
pub use meta::endpoints;
pub use meta::{EndpointMeta, ParamLocation, ParamMeta, ResponseMeta};
pub use namespace::{Caller, Ns, ns};
pub use nullable::Nullable;
pub use paginate::{Items, Page, Pages, Paginated, Pagination, Paginator};
pub use timestamp::Timestamp;
#[cfg(feature = "reqwest")]
pub use transport::ReqwestTransport;
pub use transport::{
    AttemptTimeout, BoxFuture, HttpRequest, HttpRequestParts, RequestIdSlot, Transport,
};
#[cfg(feature = "webhooks")]
pub use webhook::{DEFAULT_TOLERANCE, Webhook, WebhookError};

#[doc = include_str!("../doc/seam_endpoint.md")]
pub use seam_macros::seam_endpoint;

#[doc = include_str!("../doc/namespace.md")]
pub use seam_macros::namespace;

#[doc(hidden)]
pub use seam_macros::{namespace_in_facade, seam_endpoint_in_facade};

/// What `#[seam_endpoint]` expansions name. Not public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use core::convert::Into;
    pub use core::default::Default;
    pub use core::option::Option::None;
    pub use serde;
    pub use serde::Serialize;

    /// For hand-written param types the facade's routes nest: `Deserialize` with the
    /// `fake` feature, nothing without it.
    #[cfg(not(feature = "fake"))]
    pub use seam_macros::NoDeserialize as MaybeDeserialize;
    #[cfg(feature = "fake")]
    pub use serde::Deserialize as MaybeDeserialize;

    pub use crate::auth::AuthMode;
    pub use crate::endpoint::{
        Endpoint, Fields, Headers, Method, Omittable, Param, ReturnsResource, RoutePath as PathBuf,
        SerResult, fields, is_omitted,
    };
    pub use crate::paginate::Paginated;
    pub use serde::Serializer;

    /// `validate` for `at_least_one_of(..)`: an error unless some param is given.
    pub fn at_least_one_of(omitted: &[bool], names: &[&str]) -> Result<(), Error> {
        if omitted.iter().all(|o| *o) {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            return Err(Error::InvalidRequest(format!(
                "give at least one of {}",
                names.join(", ")
            )));
        }
        Ok(())
    }
    pub use crate::__seam_meta as meta;
    pub use crate::__seam_register as register;
    pub use crate::error::Error;
    #[cfg(feature = "registry")]
    pub use crate::meta::ENDPOINTS;
    pub use crate::meta::{EndpointMeta, ParamLocation, ParamMeta, ResponseMeta, response};
    pub use crate::namespace::{Caller, InNs, Ns, NsCall, ns};
    pub use crate::string_enum::deserialize_str_with;
    #[cfg(feature = "registry")]
    pub use linkme;
}
