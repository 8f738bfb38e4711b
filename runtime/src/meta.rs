//! What an endpoint declares, readable at run time: the registry of every endpoint linked
//! into the program, built in or declared in a library author's crate.

use crate::auth::AuthMode;
use crate::endpoint::Method;

/// Everything one declaration says about its endpoint.
///
/// `#[seam_endpoint]` fills in `namespace`, `name`, `type_name`, `module_path`, `params`
/// and `docs` (what only the registry and the tools built on it read) only with the
/// `registry` feature; without it they keep [`DEFAULT`](Self::DEFAULT)'s empty values.
///
/// `#[seam_endpoint]` fills it in; a hand-written [`Endpoint`](crate::Endpoint) impl can
/// start from [`EndpointMeta::DEFAULT`] with struct update syntax.
#[derive(Debug, Clone, Copy)]
pub struct EndpointMeta {
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `"/acs/credentials/unassign"`.
    pub path: &'static str,
    /// The namespace the method lives in, e.g. `["acs", "credentials"]`.
    pub namespace: &'static [&'static str],
    /// The namespaced method's name, e.g. `"unassign"`.
    pub name: &'static str,
    /// The params struct's name, e.g. `"Unassign"`.
    pub type_name: &'static str,
    /// The module the params struct is declared in.
    pub module_path: &'static str,
    /// The params, in declaration order.
    pub params: &'static [ParamMeta],
    /// The response type and its envelope key; `None` for a void route.
    pub response: Option<ResponseMeta>,
    /// What a void route still returns in its body, if anything.
    pub returns: Option<ResponseMeta>,
    /// Whether the route is a paginated list (`page_cursor` in, `pagination` out).
    pub paginated: bool,
    /// Whether the route answers with an action attempt to wait for.
    pub action_attempt: bool,
    /// Groups of params of which at least one must be given.
    pub at_least_one_of: &'static [&'static [&'static str]],
    /// The auth modes the route accepts; `None` when it does not say.
    pub auth: Option<&'static [AuthMode]>,
    /// Whether the route is deprecated.
    pub deprecated: bool,
    /// The params struct's own documentation, without the generated reference.
    pub docs: &'static str,
}

impl EndpointMeta {
    /// A `POST /` endpoint with no params, namespace or flags: a base to update.
    pub const DEFAULT: EndpointMeta = EndpointMeta {
        method: Method::Post,
        path: "/",
        namespace: &[],
        name: "",
        type_name: "",
        module_path: "",
        params: &[],
        response: None,
        returns: None,
        paginated: false,
        action_attempt: false,
        at_least_one_of: &[],
        auth: None,
        deprecated: false,
        docs: "",
    };

    /// The param called `name` on the wire.
    pub fn param(&self, name: &str) -> Option<&'static ParamMeta> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Whether the route accepts `mode` (routes that do not say accept any).
    pub fn accepts(&self, mode: AuthMode) -> bool {
        self.auth.is_none_or(|modes| modes.contains(&mode))
    }

    /// `METHOD /path`.
    pub fn route(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// One param of an endpoint.
#[derive(Debug, Clone, Copy)]
pub struct ParamMeta {
    /// The name on the wire.
    pub name: &'static str,
    /// The field's Rust type, as written.
    pub rust_type: &'static str,
    /// Whether it must be given (not an `Option` or `Nullable`).
    pub required: bool,
    /// Whether it can be sent as `null` (a `Nullable`).
    pub nullable: bool,
    /// Where it travels.
    pub location: ParamLocation,
    /// Whether it is deprecated.
    pub deprecated: bool,
    /// The field's documentation.
    pub docs: &'static str,
}

impl ParamMeta {
    /// A required param in the body or query, of the given Rust type, with no docs.
    pub const fn new(name: &'static str, rust_type: &'static str) -> Self {
        ParamMeta {
            name,
            rust_type,
            required: true,
            nullable: false,
            location: ParamLocation::Body,
            deprecated: false,
            docs: "",
        }
    }

    /// Left out of the request when omitted (an `Option`).
    pub const fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    /// Omitted, `null` or a value (a `Nullable`).
    pub const fn nullable(mut self) -> Self {
        self.required = false;
        self.nullable = true;
        self
    }

    /// Travels in `location`.
    pub const fn at(mut self, location: ParamLocation) -> Self {
        self.location = location;
        self
    }

    /// Deprecated.
    pub const fn deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    /// With documentation.
    pub const fn docs(mut self, docs: &'static str) -> Self {
        self.docs = docs;
        self
    }
}

/// Where a param travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the JSON body (`POST`, `PUT`, `PATCH`).
    Body,
    /// In the query string (`GET`, `DELETE`).
    Query,
    /// In a `{placeholder}` of the path.
    Path,
    /// In a header.
    Header,
}

/// A response type and the envelope key it sits under.
#[derive(Debug, Clone, Copy)]
pub struct ResponseMeta {
    /// The Rust type, as written.
    pub rust_type: &'static str,
    /// The envelope key, e.g. `"acs_credential"`.
    pub key: &'static str,
}

/// `Some(ResponseMeta { rust_type, key })`, as `#[seam_endpoint]` writes it.
#[doc(hidden)]
pub const fn response(rust_type: &'static str, key: &'static str) -> Option<ResponseMeta> {
    Some(ResponseMeta { rust_type, key })
}

/// Every endpoint linked into this program, built in or declared in any crate.
///
/// Each `#[seam_endpoint]` adds its [`EndpointMeta`] at link time; nothing runs at
/// start-up. The order is unspecified.
///
/// Only with the `registry` feature, which the `seam` command line turns on: without it
/// a declaration registers nothing and costs nothing for it. Features unify, so one crate
/// in the build that turns it on registers every declaration of every crate.
#[cfg(feature = "registry")]
pub fn endpoints() -> &'static [&'static EndpointMeta] {
    &ENDPOINTS
}

#[cfg(feature = "registry")]
#[doc(hidden)]
#[linkme::distributed_slice]
pub static ENDPOINTS: [&'static EndpointMeta];

/// An endpoint's `META` constant, as `#[seam_endpoint]` writes it in its `Endpoint` impl:
/// the method, the path and the other fields the runtime reads, over a base holding those
/// only the registry reads (names, params, docs).
#[doc(hidden)]
#[macro_export]
macro_rules! __seam_meta {
    ($method:ident $path:literal { $($call:tt)* } $($registry:tt)*) => {
        const META: &'static $crate::__private::EndpointMeta = &$crate::__private::EndpointMeta {
            method: $crate::__private::Method::$method,
            path: $path,
            $($call)*
            ..$crate::__seam_registry_base!($($registry)*)
        };
    };
}

/// The base of [`__seam_meta`]: the registry's fields over the default with the
/// `registry` feature, the default alone without it. Written compactly: the namespace's
/// segments, the method's name, the type, each param as its name and Rust type followed
/// by the `ParamMeta` builder calls it needs (`"limit" "Option<u32>" optional`), and the
/// docs if any.
#[cfg(feature = "registry")]
#[doc(hidden)]
#[macro_export]
macro_rules! __seam_registry_base {
    (
        $namespace:tt $name:literal $ty:ident
        [$($param:literal $rust_type:literal $($set:ident $(($($arg:tt)*))?)*),*]
        $($docs:literal)?
    ) => {
        $crate::__private::EndpointMeta {
            namespace: &$namespace,
            name: $name,
            type_name: ::core::stringify!($ty),
            module_path: ::core::module_path!(),
            params: &[$(
                $crate::__private::ParamMeta::new($param, $rust_type) $(.$set($($($arg)*)?))*
            ),*],
            $(docs: $docs,)?
            ..$crate::__private::EndpointMeta::DEFAULT
        }
    };
}

/// The base of [`__seam_meta`]: the default alone, without the `registry` feature.
#[cfg(not(feature = "registry"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __seam_registry_base {
    ($($registry:tt)*) => {
        $crate::__private::EndpointMeta::DEFAULT
    };
}

/// Registers an endpoint: what `#[seam_endpoint]` expands to last. With the `registry`
/// feature, a static in the registry's slice; without it, nothing.
#[cfg(feature = "registry")]
#[doc(hidden)]
#[macro_export]
macro_rules! __seam_register {
    ($ty:ty) => {
        #[$crate::__private::linkme::distributed_slice($crate::__private::ENDPOINTS)]
        #[linkme(crate = $crate::__private::linkme)]
        static __SEAM_ENDPOINT: &'static $crate::__private::EndpointMeta =
            <$ty as $crate::__private::Endpoint>::META;
    };
}

/// Registers an endpoint: what `#[seam_endpoint]` expands to last. With the `registry`
/// feature, a static in the registry's slice; without it, nothing.
#[cfg(not(feature = "registry"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __seam_register {
    ($ty:ty) => {};
}
