//! What is emitted beside an error: the user's struct, so one mistake does not cascade into
//! "cannot find type" errors everywhere it is used, and stub impls so calls still type-check
//! while the declaration is being fixed (thiserror's `fallback.rs`).

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::DeriveInput;

use crate::attr::{derived_paths, is_derive};

/// The input could not be read as a struct, enum or union (a function, a trait, ..): give
/// it back unchanged, with an error at the keyword that says what it is.
pub(crate) fn not_a_struct(input: TokenStream) -> TokenStream {
    let (span, what) = item_keyword(&input).unwrap_or((Span::call_site(), "this item"));
    let error = syn::Error::new(
        span,
        format_args!("`#[seam_endpoint]` applies to a struct with named fields, not {what}"),
    )
    .into_compile_error();
    quote! {
        #error
        #input
    }
}

/// The keyword that says what kind of item `input` is, skipping attributes and visibility.
fn item_keyword(input: &TokenStream) -> Option<(Span, &'static str)> {
    let mut tokens = input.clone().into_iter().peekable();
    while let Some(tt) = tokens.next() {
        let TokenTree::Ident(ident) = tt else {
            continue; // `#`, `[..]` of an attribute, `(crate)` of a visibility
        };
        let next_is_fn = matches!(tokens.peek(), Some(TokenTree::Ident(i)) if i == "fn");
        let what = match ident.to_string().as_str() {
            "pub" | "unsafe" | "async" | "extern" | "default" | "safe" => continue,
            "const" if next_is_fn => continue,
            "fn" => "a function",
            "trait" => "a trait",
            "impl" => "an `impl` block",
            "mod" => "a module",
            "type" => "a type alias",
            "const" => "a constant",
            "static" => "a static",
            "use" => "a `use` declaration",
            _ => return None,
        };
        return Some((ident.span(), what));
    }
    None
}

/// The struct as written, without the attributes only the expansion understands, the
/// errors, and, for a plain braced struct, stub `Serialize` and `Endpoint` impls.
pub(crate) fn endpoint(item: &DeriveInput, errors: syn::Error, rt: &TokenStream) -> TokenStream {
    let errors = errors.into_compile_error();
    let derives = derived_paths(&item.attrs);
    let derives_serialize = derives.iter().any(|p| is_derive(p, "Serialize"));
    let derives_serde = derives_serialize || derives.iter().any(|p| is_derive(p, "Deserialize"));
    // `#[serde(..)]` is understood by the serde derive the expansion adds; without it, and
    // without a serde derive of the user's, it would be an unknown attribute.
    let keep = |attr: &syn::Attribute| {
        !attr.path().is_ident("seam") && (derives_serde || !attr.path().is_ident("serde"))
    };
    // syn's `Clone` impls are a feature this crate does not enable: copy through tokens.
    let Ok(mut item) = syn::parse2::<DeriveInput>(item.to_token_stream()) else {
        return quote!(#errors #item);
    };
    item.attrs.retain(keep);
    if let syn::Data::Struct(data) = &mut item.data {
        for field in data.fields.iter_mut() {
            field.attrs.retain(keep);
        }
    }
    let stubs = (!derives_serialize).then(|| stubs(&item, rt)).flatten();
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
            const META: &'static #rt::__private::EndpointMeta = &#rt::__private::EndpointMeta::DEFAULT;
        }
    })
}
