//! Procedural macros of the `seam` crate.
//!
//! This crate is an implementation detail: use the macros through `seam` (or
//! `seam-runtime`), which re-export them with their documentation. Everything past these
//! entry points works on `proc_macro2` tokens, so it can be unit-tested and fuzzed.

mod ast;
mod attr;
mod ctxt;
mod entry;
mod expand;
mod fallback;
mod namespace;
mod namespaces;
mod path;
mod valid;

use proc_macro::TokenStream;

/// Whether params also derive `Deserialize`, for the fake server: the runtime's `fake`
/// feature turns on this crate's.
const FAKE: bool = cfg!(feature = "fake");

/// Declares a Seam API endpoint; see `seam_runtime::seam_endpoint` for the manual.
#[proc_macro_attribute]
pub fn seam_endpoint(args: TokenStream, input: TokenStream) -> TokenStream {
    entry::endpoint(args.into(), input.into(), entry::Runtime::SeamRuntime, FAKE).into()
}

/// `seam_endpoint` as re-exported by the `seam` facade: its default runtime path is `::seam`.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn seam_endpoint_in_facade(args: TokenStream, input: TokenStream) -> TokenStream {
    entry::endpoint(args.into(), input.into(), entry::Runtime::Facade, FAKE).into()
}

/// Declares a namespace Seam does not have; see `seam_runtime::namespace` for the manual.
#[proc_macro]
pub fn namespace(input: TokenStream) -> TokenStream {
    namespace::expand(input.into(), entry::Runtime::SeamRuntime).into()
}

/// `namespace!` as re-exported by the `seam` facade.
#[doc(hidden)]
#[proc_macro]
pub fn namespace_in_facade(input: TokenStream) -> TokenStream {
    namespace::expand(input.into(), entry::Runtime::Facade).into()
}

/// Defines the markers and accessors of Seam's own namespaces; used once, by the runtime.
#[doc(hidden)]
#[proc_macro]
pub fn __define_namespaces(input: TokenStream) -> TokenStream {
    namespace::define_known(input.into()).into()
}

/// A derive that emits nothing: what `MaybeDeserialize` is when the runtime's `fake`
/// feature is off, so the facade's nested param types cost no `Deserialize` impl in
/// ordinary builds.
#[doc(hidden)]
#[proc_macro_derive(NoDeserialize)]
pub fn no_deserialize(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
