//! The entry points on `proc_macro2` tokens, past the `proc_macro` boundary: what the
//! attribute does, callable from unit tests and fuzzers.

use proc_macro2::TokenStream;

/// Which crate the generated code names by default.
#[derive(Clone, Copy)]
pub(crate) enum Runtime {
    /// `::seam_runtime`, for users of the runtime crate.
    SeamRuntime,
    /// `::seam`, for users of the facade.
    Facade,
}

/// The whole `#[seam_endpoint]` expansion, on `proc_macro2` tokens: never panics,
/// and on error emits the struct beside the `compile_error!`s. With `fake` (the runtime's
/// `fake` feature, through this crate's), params derive `Deserialize` too.
pub(crate) fn endpoint(
    args: TokenStream,
    input: TokenStream,
    runtime: Runtime,
    fake: bool,
) -> TokenStream {
    let item = match syn::parse2::<syn::DeriveInput>(input.clone()) {
        Ok(item) => item,
        Err(_) => return crate::fallback::not_a_struct(input),
    };
    match crate::ast::Endpoint::from_syn(args.clone(), &item, runtime, fake) {
        Ok(endpoint) => crate::expand::endpoint(&endpoint),
        Err(errors) => {
            // Read the arguments again only for `crate = ..`, so the stubs name the
            // runtime the way the user asked.
            let mut cx = crate::ctxt::Ctxt::default();
            let parsed = crate::attr::parse_args(args, &mut cx);
            let rt = crate::ast::runtime_path(parsed.krate.as_ref(), runtime);
            crate::fallback::endpoint(&item, errors, &rt)
        }
    }
}
