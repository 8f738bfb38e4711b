//! Turns a checked [`Endpoint`] into tokens; nothing here can fail.
//!
//! The expansion is small on purpose: the struct with the serde derive the client needs,
//! one `Endpoint` impl made of constants, spanned assertions, and the namespaced method.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Endpoint, Field};
use crate::path::Segment;

/// The whole expansion of one endpoint.
pub(crate) fn endpoint(e: &Endpoint<'_>) -> TokenStream {
    let item = item(e);
    let endpoint_impl = endpoint_impl(e);
    let assertions = assertions(e);
    let call = call(e);
    quote! {
        #assertions
        #item
        #endpoint_impl
        #call
    }
}

/// The user's struct: the serde derive first, the user's attributes, then the fields with
/// `#[seam(..)]` turned into what serde needs.
fn item(e: &Endpoint<'_>) -> TokenStream {
    let rt = &e.runtime;
    let serde_crate = format!("{}::__private::serde", tokens_text(rt));
    let attrs = &e.item.attrs;
    let vis = &e.item.vis;
    let ident = &e.item.ident;
    let docs = docs(e);
    let fields = e.fields.iter().map(|f| field(e, f));
    quote! {
        #[derive(#rt::__private::Serialize, #rt::__private::MaybeDeserialize)]
        #[serde(crate = #serde_crate)]
        #(#attrs)*
        #docs
        #vis struct #ident {
            #(#fields,)*
        }
    }
}

fn field(e: &Endpoint<'_>, f: &Field<'_>) -> TokenStream {
    let rt = tokens_text(&e.runtime);
    let attrs = f
        .original
        .attrs
        .iter()
        .filter(|a| !a.path().is_ident("seam"));
    let vis = &f.original.vis;
    let ident = f.ident;
    let ty = f.ty;
    let mut serde = Vec::new();
    if f.in_path || f.attrs.header.is_some() {
        serde.push(quote!(skip_serializing));
    } else {
        if let Some(rename) = &f.attrs.rename {
            serde.push(quote!(rename = #rename));
        }
        if f.omittable {
            let skip = format!("{rt}::__private::is_omitted");
            serde.push(quote!(default, skip_serializing_if = #skip));
        }
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #(#attrs)*
        #serde
        #vis #ident: #ty
    }
}

/// The `Endpoint` impl: constants, plus `path` and `headers` only when fields feed them.
fn endpoint_impl(e: &Endpoint<'_>) -> TokenStream {
    let rt = &e.runtime;
    let ident = &e.item.ident;
    let method = format_ident!("{}", e.method.variant());
    let path = &e.path;
    let response = match &e.response {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let key = match &e.key {
        Some(key) => quote!(::core::option::Option::Some(#key)),
        None => quote!(::core::option::Option::None),
    };
    let path_fn = path_fn(e);
    let headers_fn = headers_fn(e);
    quote! {
        #[automatically_derived]
        impl #rt::__private::Endpoint for #ident {
            type Response = #response;
            const METHOD: #rt::__private::Method = #rt::__private::Method::#method;
            const PATH: &'static str = #path;
            const RESPONSE_KEY: ::core::option::Option<&'static str> = #key;
            #path_fn
            #headers_fn
        }
    }
}

fn path_fn(e: &Endpoint<'_>) -> Option<TokenStream> {
    e.template.placeholders().next()?;
    let rt = &e.runtime;
    let mut literal = String::new();
    let mut steps = Vec::new();
    for segment in &e.template.segments {
        literal.push('/');
        match segment {
            Segment::Literal(text) => literal.push_str(text),
            Segment::Placeholder(name) => {
                let field = e.fields.iter().find(|f| f.name() == *name)?;
                let lit = std::mem::take(&mut literal);
                steps.push(quote!(__path.literal(#lit);));
                // Spanned on the field's type, every token of it: a type that cannot fill a
                // placeholder is reported there, with `PathParam`'s message.
                let span = field.ty.span();
                let member = respanned(field.ident, span);
                steps.push(quote_spanned!(span=> __path.param(#name, &self.#member)?;));
            }
        }
    }
    if !literal.is_empty() {
        steps.push(quote!(__path.literal(#literal);));
    }
    Some(quote! {
        fn path(&self) -> ::core::result::Result<#rt::__private::PathBuf, #rt::__private::Error> {
            let mut __path = #rt::__private::PathBuf::new();
            #(#steps)*
            ::core::result::Result::Ok(__path)
        }
    })
}

fn headers_fn(e: &Endpoint<'_>) -> Option<TokenStream> {
    let rt = &e.runtime;
    let steps: Vec<TokenStream> = e
        .fields
        .iter()
        .filter_map(|f| {
            let header = f.attrs.header.as_ref()?.value();
            // Spanned like the placeholders in `path_fn`.
            let span = f.ty.span();
            let member = respanned(f.ident, span);
            Some(quote_spanned!(span=> __headers.insert(#header, &self.#member)?;))
        })
        .collect();
    if steps.is_empty() {
        return None;
    }
    Some(quote! {
        fn headers(&self, __headers: &mut #rt::__private::Headers) -> ::core::result::Result<(), #rt::__private::Error> {
            #(#steps)*
            ::core::result::Result::Ok(())
        }
    })
}

/// Bounds spanned on the user's types, so rustc reports a type that cannot be a param
/// where the user wrote it (serde's derive reports it too, but at the attribute). Others
/// need none: the calls in `path` and `headers` are spanned on their fields' types, and
/// `type Response = ..` reports a response type that cannot be deserialized at that type.
fn assertions(e: &Endpoint<'_>) -> TokenStream {
    let rt = &e.runtime;
    let mut checks = Vec::new();
    for f in e
        .fields
        .iter()
        .filter(|f| !f.in_path && f.attrs.header.is_none())
    {
        let ty = f.ty;
        checks.push(quote_spanned!(ty.span()=> #rt::__private::assert_param::<#ty>();));
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const _: () = {
            #(#checks)*
        };
    }
}

/// The namespaced method, as an extension trait on the namespace it belongs to.
fn call(e: &Endpoint<'_>) -> TokenStream {
    let rt = &e.runtime;
    let vis = &e.item.vis;
    let ident = &e.item.ident;
    let method = &e.call.method;
    let trait_ident = format_ident!("{}Ext", ident);
    let name = method.to_string();
    let name = name.trim_start_matches("r#");
    let call = if e.call.chain.is_empty() {
        format!("seam.{name}(..)")
    } else {
        format!("seam.{}.{name}(..)", e.call.chain)
    };
    let trait_doc = format!(
        "The namespaced call of [`{ident}`]: `{call}`.\n\nBring it into scope (the facade's \
         `prelude` does) to call the endpoint through its namespace."
    );
    let method_doc = format!(
        "`{} {}`: sends [`{ident}`] and resolves to its response.",
        e.method.as_str(),
        e.path.value()
    );
    let receiver = match &e.call.marker {
        Some(marker) => quote!(#rt::__private::Ns<'__c, __C, #marker>),
        None => quote!(__C),
    };
    let body = match &e.call.marker {
        Some(_) => quote!(self.__send(__params)),
        None => quote!(#rt::__private::Caller::call(self, __params)),
    };
    let lifetime = e.call.marker.as_ref().map(|_| quote!('__c,));
    quote! {
        #[doc = #trait_doc]
        #vis trait #trait_ident<__C: #rt::__private::Caller> {
            #[doc = #method_doc]
            fn #method(&self, params: #ident) -> __C::Call<#ident>;
        }

        #[automatically_derived]
        impl<#lifetime __C: #rt::__private::Caller> #trait_ident<__C> for #receiver {
            #[inline]
            fn #method(&self, __params: #ident) -> __C::Call<#ident> {
                #body
            }
        }
    }
}

/// `ident` pointing at `span`, for generated code that must report at one span.
fn respanned(ident: &syn::Ident, span: Span) -> syn::Ident {
    let mut ident = ident.clone();
    ident.set_span(span);
    ident
}

/// The reference section appended to the struct's docs: the signature line and the params.
fn docs(e: &Endpoint<'_>) -> TokenStream {
    let response = match (&e.response, &e.key) {
        (Some(ty), Some(key)) => format!("`{}` (under `{}`)", tokens_text(ty), key.value()),
        _ => "void".to_owned(),
    };
    let mut lines = vec![
        String::new(),
        "# Endpoint".to_owned(),
        String::new(),
        format!("`{} {} ⇒ {}`", e.method.as_str(), e.path.value(), {
            e.response
                .as_ref()
                .map_or_else(|| "void".to_owned(), tokens_text)
        }),
        String::new(),
    ];
    let params: Vec<String> = e
        .fields
        .iter()
        .map(|f| {
            let place = if f.in_path {
                " (path)".to_owned()
            } else if let Some(h) = &f.attrs.header {
                format!(" (header `{}`)", h.value())
            } else {
                String::new()
            };
            let required = if f.omittable { "optional" } else { "required" };
            format!(
                "- `{}`: `{}`, {required}{place}",
                if f.attrs.header.is_some() || f.in_path {
                    f.name()
                } else {
                    f.wire_name()
                },
                tokens_text(f.ty)
            )
        })
        .collect();
    if params.is_empty() {
        lines.push("Parameters: none.".to_owned());
    } else {
        lines.push("Parameters:".to_owned());
        lines.push(String::new());
        lines.extend(params);
    }
    lines.push(String::new());
    lines.push(format!("Response: {response}."));
    lines.push(String::new());
    let method = e.call.method.to_string();
    let method = method.trim_start_matches("r#");
    let chain = if e.call.chain.is_empty() {
        String::new()
    } else {
        format!("{}.", e.call.chain)
    };
    lines.push(format!(
        "Call it with `seam.send(params)` or `seam.{chain}{method}(params)`."
    ));
    let lines = lines.into_iter().map(|l| {
        let l = if l.is_empty() { l } else { format!(" {l}") };
        quote_spanned!(Span::call_site()=> #[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Tokens as compact text, e.g. `Option<Vec<String>>` or `::seam_runtime`.
fn tokens_text(tokens: &impl quote::ToTokens) -> String {
    let text = quote!(#tokens).to_string();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars.peek().copied();
            let glue = matches!(prev, Some('<' | ':' | '&' | '(' | '['))
                || matches!(next, Some('<' | '>' | ':' | ',' | ')' | ']'))
                || prev.is_none();
            if glue {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tokens_text;
    use quote::quote;

    #[test]
    fn compact_type_text() {
        assert_eq!(
            tokens_text(&quote!(Option<Vec<String>>)),
            "Option<Vec<String>>"
        );
        assert_eq!(tokens_text(&quote!(::seam_runtime)), "::seam_runtime");
        assert_eq!(
            tokens_text(&quote!(std::collections::BTreeMap<String, u8>)),
            "std::collections::BTreeMap<String, u8>"
        );
        assert_eq!(tokens_text(&quote!(&'static str)), "&'static str");
    }
}
