//! What is emitted beside an error: the user's struct, so one mistake does not cascade into
//! "cannot find type" errors everywhere it is used, and stub impls so calls still type-check
//! while the declaration is being fixed (thiserror's `fallback.rs`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// The input could not be read as a struct, enum or union: give it back unchanged.
pub(crate) fn not_a_struct(input: TokenStream) -> TokenStream {
    let error = syn::Error::new(
        proc_macro2::Span::call_site(),
        "`#[seam_endpoint]` applies to a struct with named fields",
    )
    .into_compile_error();
    quote! {
        #error
        #input
    }
}

/// The struct without its `#[seam(..)]` attributes, the errors, and, for a plain braced
/// struct, stub `Serialize` and `Endpoint` impls.
pub(crate) fn endpoint(item: &DeriveInput, errors: syn::Error, rt: &TokenStream) -> TokenStream {
    let errors = errors.into_compile_error();
    let mut item = item.clone();
    if let syn::Data::Struct(data) = &mut item.data {
        for field in data.fields.iter_mut() {
            field.attrs.retain(|a| !a.path().is_ident("seam"));
        }
    }
    let stubs = stubs(&item, rt);
    quote! {
        #errors
        #item
        #stubs
    }
}

fn stubs(item: &DeriveInput, rt: &TokenStream) -> Option<TokenStream> {
    let syn::Data::Struct(data) = &item.data else {
        return None;
    };
    if !matches!(data.fields, syn::Fields::Named(_)) || !item.generics.params.is_empty() {
        return None;
    }
    let derives_serialize = item
        .attrs
        .iter()
        .any(|a| a.path().is_ident("derive") && quote!(#a).to_string().contains("Serialize"));
    if derives_serialize {
        return None;
    }
    let ident = &item.ident;
    Some(quote! {
        #[automatically_derived]
        impl #rt::__private::serde::Serialize for #ident {
            fn serialize<__S: #rt::__private::serde::Serializer>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                __serializer.serialize_unit()
            }
        }

        #[automatically_derived]
        impl #rt::__private::Endpoint for #ident {
            type Response = ();
            const METHOD: #rt::__private::Method = #rt::__private::Method::Post;
            const PATH: &'static str = "/";
            const RESPONSE_KEY: ::core::option::Option<&'static str> = ::core::option::Option::None;
        }
    })
}
