//! The logic of `seam-macros` (argument and struct parsing, checks, expansion), compiled
//! as an ordinary library so property tests and fuzzers can call it on any tokens.
//!
//! A proc-macro crate exports only its macros, so this crate includes the macro crate's
//! own files by path: what runs here is exactly what `#[seam_endpoint]` and `namespace!`
//! run, minus the `proc_macro` entry points. Nothing here is public API.

use proc_macro2::TokenStream;

#[path = "../../../../macros/src/ast.rs"]
mod ast;
#[path = "../../../../macros/src/attr.rs"]
mod attr;
#[path = "../../../../macros/src/ctxt.rs"]
mod ctxt;
#[path = "../../../../macros/src/entry.rs"]
mod entry;
#[path = "../../../../macros/src/expand.rs"]
mod expand;
#[path = "../../../../macros/src/fallback.rs"]
mod fallback;
#[path = "../../../../macros/src/namespace.rs"]
mod namespace;
#[path = "../../../../macros/src/namespaces.rs"]
mod namespaces;
#[path = "../../../../macros/src/path.rs"]
mod path;
#[path = "../../../../macros/src/valid.rs"]
mod valid;

/// `#[seam_endpoint(args)] input`, as the attribute expands it; `facade` picks the default
/// runtime path (`::seam` when true, `::seam_runtime` otherwise).
pub fn seam_endpoint(args: TokenStream, input: TokenStream, facade: bool) -> TokenStream {
    entry::endpoint(args, input, runtime(facade), false)
}

/// `namespace!(input)`, as the macro expands it.
pub fn namespace(input: TokenStream, facade: bool) -> TokenStream {
    namespace::expand(input, runtime(facade))
}

/// What the runtime's one `__define_namespaces!` call expands to.
pub fn define_namespaces(input: TokenStream) -> TokenStream {
    namespace::define_known(input)
}

fn runtime(facade: bool) -> entry::Runtime {
    if facade {
        entry::Runtime::Facade
    } else {
        entry::Runtime::SeamRuntime
    }
}
