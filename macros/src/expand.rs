//! Turns a checked [`Endpoint`] into tokens; nothing here can fail.
//!
//! The expansion is small on purpose: the struct, the namespaced call's trait, and one
//! `const _` block holding `Serialize` (a line per field; serde's derive only when the
//! struct has serde attributes of its own), the `Endpoint` impl (made of constants), the
//! namespaced method, the registry entry, and `new` only with `constructor`. Inside the
//! block `__s` names the runtime's `__private`, so every path stays short.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Endpoint, Field};
use crate::path::Segment;

/// The whole expansion of one endpoint.
pub(crate) fn endpoint(e: &Endpoint<'_>) -> TokenStream {
    let rt = &e.runtime;
    let ident = &e.item.ident;
    let item = item(e);
    let endpoint_impl = endpoint_impl(e);
    let (call_trait, call_impl) = call(e);
    let extras = extras(e);
    let serialize = if e.own_serialize() {
        serialize_impl(e)
    } else {
        params_check(e)
    };
    // The block first: rustc then reports a param type that cannot be sent at the field
    // (through `Fields`' bounds, or the `where` bounds beside a serde derive) before any
    // serde derive reports it at the attribute.
    quote! {
        #[allow(deprecated)]
        const _: () = {
            use #rt::__private as __s;
            #serialize
            #endpoint_impl
            #extras
            #call_impl
            __s::register!(#ident);
        };
        #item
        #call_trait
    }
}

/// The user's struct: the serde derives first, the user's attributes, then the fields with
/// `#[seam(..)]` turned into what serde needs.
fn item(e: &Endpoint<'_>) -> TokenStream {
    let rt = &e.runtime;
    let serde_crate = format!("{}::__private::serde", e.runtime_text);
    let attrs = &e.item.attrs;
    let vis = &e.item.vis;
    let ident = &e.item.ident;
    let docs = docs(e);
    let fields = e.fields.iter().map(|f| field(e, f));
    let mut derives = Vec::new();
    if !e.own_serialize() {
        derives.push(quote!(#rt::__private::Serialize));
    }
    // The fake server parses requests into params: only then do they derive `Deserialize`.
    if e.fake && !e.derives_deserialize {
        derives.push(quote!(#rt::__private::serde::Deserialize));
    }
    let serde_attrs = (!derives.is_empty() || e.derives_deserialize).then(|| {
        let derive = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
        quote! {
            #derive
            #[serde(crate = #serde_crate)]
        }
    });
    quote! {
        #serde_attrs
        #(#attrs)*
        #docs
        #vis struct #ident {
            #(#fields,)*
        }
    }
}

fn field(e: &Endpoint<'_>, f: &Field<'_>) -> TokenStream {
    let rt = &e.runtime_text;
    let attrs = f
        .original
        .attrs
        .iter()
        .filter(|a| !a.path().is_ident("seam"));
    let vis = &f.original.vis;
    let ident = f.ident;
    let ty = f.ty;
    let own = e.own_serialize();
    let deserialize = e.fake || e.derives_deserialize;
    let mut serde = Vec::new();
    if !f.in_params() {
        if !own {
            serde.push(quote!(skip_serializing));
        }
    } else {
        // Only a derive reads these: `Deserialize`'s, or serde's `Serialize` when the
        // struct has serde attributes of its own.
        if let Some(rename) = f.attrs.rename.as_ref().filter(|_| deserialize || !own) {
            serde.push(quote!(rename = #rename));
        }
        if f.omittable {
            // `default` only matters to `Deserialize`, which the fake server's build adds.
            if deserialize {
                serde.push(quote!(default));
            }
            if !own {
                let skip = format!("{rt}::__private::is_omitted");
                serde.push(quote!(skip_serializing_if = #skip));
            }
        }
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #(#attrs)*
        #serde
        #vis #ident: #ty
    }
}

/// `Serialize`, written out: a line per body or query param, through the runtime's
/// `Fields`, whose `Param` bound checks the field's type, spanned on it, so a type that
/// cannot be sent is reported where the user wrote it. Omitted fields are left out.
fn serialize_impl(e: &Endpoint<'_>) -> TokenStream {
    let ident = &e.item.ident;
    let name = ident.to_string();
    let sent: Vec<&Field<'_>> = e.fields.iter().filter(|f| f.in_params()).collect();
    let len = proc_macro2::Literal::usize_unsuffixed(sent.len());
    let steps = sent.iter().map(|f| {
        let wire = f.wire_name();
        let span = f.ty.span();
        let member = respanned(f.ident, span);
        let method = if f.omittable {
            quote_spanned!(span=> omittable)
        } else {
            quote_spanned!(span=> field)
        };
        quote_spanned!(span=> __f.#method(#wire, &self.#member)?;)
    });
    quote! {
        impl __s::Serialize for #ident {
            fn serialize<__S: __s::Serializer>(&self, __z: __S) -> __s::SerResult<__S> {
                let mut __f = __s::fields(__z, #name, #len)?;
                #(#steps)*
                __f.end()
            }
        }
    }
}

/// Beside serde's derive (a struct with serde attributes of its own), each body or query
/// param's type is checked by a `where` bound spanned on the field's type, so a type that
/// cannot be sent is reported where the user wrote it. One bound per distinct type (the
/// same type twice is one proof), on a function nothing calls, so a failing bound is one
/// error, not one per use.
fn params_check(e: &Endpoint<'_>) -> TokenStream {
    let mut seen = Vec::new();
    let bounds: Vec<TokenStream> = e
        .fields
        .iter()
        .filter(|f| f.in_params())
        .filter(|f| {
            let new = !seen.contains(&&f.ty_text);
            seen.push(&f.ty_text);
            new
        })
        .map(|f| {
            let ty = f.ty;
            quote_spanned!(ty.span()=> #ty: __s::Param)
        })
        .collect();
    if bounds.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[allow(dead_code)]
        fn __seam_params_can_be_sent() where #(#bounds),* {}
    }
}

/// The `Endpoint` impl: constants, plus `path` and `headers` only when fields feed them.
fn endpoint_impl(e: &Endpoint<'_>) -> TokenStream {
    let ident = &e.item.ident;
    let response = match &e.response {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    let path_fn = path_fn(e);
    let headers_fn = headers_fn(e);
    let validate_fn = validate_fn(e);
    let meta = meta(e);
    quote! {
        #[automatically_derived]
        impl __s::Endpoint for #ident {
            type Response = #response;
            #meta
            #path_fn
            #headers_fn
            #validate_fn
        }
    }
}

/// What the declaration says, for the runtime and the registry: only what differs from
/// `EndpointMeta::DEFAULT`, and each param on one line. What only the registry reads
/// (names, params, docs) goes through the runtime's `meta!`, which keeps it only with the
/// `registry` feature.
fn meta(e: &Endpoint<'_>) -> TokenStream {
    let method = format_ident!("{}", e.method.variant());
    let path = &e.path;
    let namespace = &e.call.namespace;
    let name = e.call.method.to_string();
    let name = name.trim_start_matches("r#");
    let params = e.fields.iter().map(|f| param_meta(e, f));
    let mut fields = Vec::new();
    let response_meta = |ty: &syn::Type, key: String| {
        let text = tokens_text(ty);
        quote!(__s::response(#text, #key))
    };
    if let (Some(ty), Some(key)) = (&e.response, &e.key) {
        let response = response_meta(ty, key.value());
        fields.push(quote!(response: #response));
    }
    if let Some((key, ty)) = &e.returns {
        let returns = response_meta(ty, key.to_string());
        fields.push(quote!(returns: #returns));
    }
    if e.paginated.is_some() {
        fields.push(quote!(paginated: true));
    }
    if e.action_attempt {
        fields.push(quote!(action_attempt: true));
    }
    if !e.at_least_one_of.is_empty() {
        let groups = e.at_least_one_of.iter().map(|group| {
            let names = group.iter().map(ToString::to_string);
            quote!(&[#(#names),*])
        });
        fields.push(quote!(at_least_one_of: &[#(#groups),*]));
    }
    if let Some(modes) = &e.auth {
        let modes = modes.iter().map(|m| format_ident!("{m}"));
        fields.push(quote!(auth: ::core::option::Option::Some(&[#(__s::AuthMode::#modes),*])));
    }
    if e.deprecated {
        fields.push(quote!(deprecated: true));
    }
    let ident = &e.item.ident;
    let docs = doc_text(&e.item.attrs);
    let docs = (!docs.is_empty()).then_some(docs);
    quote! {
        __s::meta!(#method #path { #(#fields,)* } [#(#namespace),*] #name #ident [#(#params),*] #docs);
    }
}

/// One param's metadata as `meta!` reads it: name, Rust type, then the `ParamMeta`
/// builder calls it needs, e.g. `"limit" "Option<u32>" optional`.
fn param_meta(e: &Endpoint<'_>, f: &Field<'_>) -> TokenStream {
    let ty = f.ty;
    let rust_type = &f.ty_text;
    let (name, location) = match &f.attrs.header {
        Some(header) => (header.value(), Some(quote!(Header))),
        None if f.in_path => (f.name(), Some(quote!(Path))),
        None => (f.wire_name(), e.method.uses_query().then(|| quote!(Query))),
    };
    let mut meta = quote!(#name #rust_type);
    if let Some(location) = location {
        meta.extend(quote!(at(__s::ParamLocation::#location)));
    }
    if is_nullable(ty) {
        meta.extend(quote!(nullable));
    } else if f.omittable {
        meta.extend(quote!(optional));
    }
    if f.deprecated() {
        meta.extend(quote!(deprecated));
    }
    let docs = doc_text(&f.original.attrs);
    if !docs.is_empty() {
        meta.extend(quote!(docs(#docs)));
    }
    meta
}

/// `validate`, only for `at_least_one_of` groups.
fn validate_fn(e: &Endpoint<'_>) -> Option<TokenStream> {
    if e.at_least_one_of.is_empty() {
        return None;
    }
    let checks = e.at_least_one_of.iter().map(|group| {
        let names = group.iter().map(ToString::to_string);
        quote! {
            __s::at_least_one_of(&[#(__s::is_omitted(&self.#group)),*], &[#(#names),*])?;
        }
    });
    Some(quote! {
        fn validate(&self) -> ::core::result::Result<(), __s::Error> {
            #(#checks)*
            ::core::result::Result::Ok(())
        }
    })
}

/// The impls some options add: pagination, the resource a void route returns, and the
/// constructor.
fn extras(e: &Endpoint<'_>) -> TokenStream {
    let ident = &e.item.ident;
    let mut out = TokenStream::new();
    if let Some(span) = e.paginated {
        // Spanned on `paginated`: a params struct that is not `Clone` is reported there.
        out.extend(quote_spanned! {span=>
            impl __s::Paginated for #ident {
                fn set_page_cursor(&mut self, cursor: ::std::string::String) {
                    self.page_cursor = ::core::convert::From::from(cursor);
                }
            }
        });
    }
    if let Some((key, ty)) = &e.returns {
        let key = key.to_string();
        out.extend(quote! {
            impl __s::ReturnsResource for #ident {
                type Resource = #ty;
                const KEY: &'static str = #key;
            }
        });
    }
    if e.constructor {
        out.extend(constructor(e));
    }
    out
}

/// `new`, taking the required fields and omitting the others.
fn constructor(e: &Endpoint<'_>) -> TokenStream {
    let ident = &e.item.ident;
    let vis = &e.item.vis;
    let required: Vec<&Field<'_>> = e.fields.iter().filter(|f| !f.omittable).collect();
    let args = required.iter().map(|f| {
        let name = f.ident;
        let ty = f.ty;
        quote!(#name: impl __s::Into<#ty>)
    });
    let inits = e.fields.iter().map(|f| {
        let name = f.ident;
        if !f.omittable {
            quote!(#name: __s::Into::into(#name))
        } else if is_nullable(f.ty) {
            quote!(#name: __s::Default::default())
        } else {
            quote!(#name: __s::None)
        }
    });
    let doc = format!("`{ident}` with its required params given and the others omitted.");
    // Only the lints a constructor of this shape can trip.
    let allow = match required.len() {
        0 => Some(quote!(#[allow(clippy::new_without_default)])),
        8.. => Some(quote!(#[allow(clippy::too_many_arguments)])),
        _ => None,
    };
    quote! {
        impl #ident {
            #[doc = #doc]
            #allow
            #[must_use]
            #vis fn new(#(#args),*) -> Self {
                Self { #(#inits,)* }
            }
        }
    }
}

/// `Nullable<T>` fields can be sent as `null`.
fn is_nullable(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Nullable"))
}

/// The text of the `///` comments among `attrs`.
fn doc_text(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|l| l.strip_prefix(' ').unwrap_or(&l).to_owned())
        .collect();
    lines.join("\n").trim().to_owned()
}

fn path_fn(e: &Endpoint<'_>) -> Option<TokenStream> {
    e.template.placeholders().next()?;
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
        fn path(&self) -> ::core::result::Result<__s::PathBuf, __s::Error> {
            let mut __path = __s::PathBuf::new();
            #(#steps)*
            ::core::result::Result::Ok(__path)
        }
    })
}

fn headers_fn(e: &Endpoint<'_>) -> Option<TokenStream> {
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
        fn headers(&self, __headers: &mut __s::Headers) -> ::core::result::Result<(), __s::Error> {
            #(#steps)*
            ::core::result::Result::Ok(())
        }
    })
}

/// The namespaced method: an extension trait, generic over the namespace marker, whose one
/// method is provided, so the impl (inside the `const _` block) is an empty blanket impl
/// for the route's namespace on any client, or for every client at the root. The trait is
/// public, beside the struct.
fn call(e: &Endpoint<'_>) -> (TokenStream, TokenStream) {
    let rt = &e.runtime;
    let private = quote!(#rt::__private);
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
    let trait_doc = format!("The namespaced call of [`{ident}`]: `{call}`.");
    let method_doc = format!(
        "`{} {}`: sends [`{ident}`] and resolves to its response.",
        e.method.as_str(),
        e.path.value()
    );
    let deprecated = e.deprecated.then(|| quote!(#[deprecated]));
    let allow = e.deprecated.then(|| quote!(#[allow(deprecated)]));
    // The marker is named once, in the impl: a namespace not declared is one error there.
    let (generics, bound, output, body, impl_for) = match &e.call.marker {
        Some(marker) => {
            let marker = marker.path(&quote!(__s));
            (
                quote!(<__M>),
                quote!(#private::InNs<__M>),
                quote!(#private::NsCall<Self, __M, #ident>),
                quote!(#private::InNs::__call(self, __p)),
                quote!(impl<__N: __s::InNs<#marker>> #trait_ident<#marker> for __N {}),
            )
        }
        None => (
            TokenStream::new(),
            quote!(#private::Caller),
            quote!(Self::Call<#ident>),
            quote!(#private::Caller::call(self, __p)),
            quote!(impl<__N: __s::Caller> #trait_ident for __N {}),
        ),
    };
    let call_trait = quote! {
        #[doc = #trait_doc]
        #allow
        #vis trait #trait_ident #generics: #bound {
            #[doc = #method_doc]
            #deprecated
            fn #method(&self, __p: #ident) -> #output {
                #body
            }
        }
    };
    let call_impl = impl_for;
    (call_trait, call_impl)
}

/// `ident` pointing at `span`, for generated code that must report at one span.
fn respanned(ident: &syn::Ident, span: Span) -> syn::Ident {
    let mut ident = ident.clone();
    ident.set_span(span);
    ident
}

/// The reference section appended to the struct's docs: the signature line and the params.
fn docs(e: &Endpoint<'_>) -> TokenStream {
    use std::fmt::Write as _;
    let response_type = e
        .response
        .as_ref()
        .map_or_else(|| "void".to_owned(), tokens_text);
    let mut doc = format!(
        "\n# Endpoint\n\n`{} {} ⇒ {response_type}`\n\n## Request parameters\n\n",
        e.method.as_str(),
        e.path.value()
    );
    if e.fields.is_empty() {
        doc.push_str("None.\n");
    }
    for f in &e.fields {
        let (name, place) = match &f.attrs.header {
            Some(h) => (f.name(), format!(", in the `{}` header", h.value())),
            None if f.in_path => (f.name(), ", in the path".to_owned()),
            None => (f.wire_name(), String::new()),
        };
        let required = if f.omittable { "Optional" } else { "Required" };
        let _ = writeln!(doc, "- **`{name}`** `{}` ({required}{place})", f.ty_text);
    }
    let response = match (&e.response, &e.key, &e.returns) {
        (Some(ty), Some(key), _) => format!("`{}`, under `{}`.", tokens_text(ty), key.value()),
        (_, _, Some((key, ty))) => format!(
            "void. The body still carries `{key}` (`{}`): `.returning()` on the call resolves to it.",
            tokens_text(ty)
        ),
        _ => "void.".to_owned(),
    };
    let _ = write!(doc, "\n## Response\n\n{response}\n");
    if e.paginated.is_some() {
        doc.push_str("\nPaginated: page through it with `seam.paginate(params)`.\n");
    }
    if e.action_attempt {
        doc.push_str("\nAnswers with an action attempt, which the call waits for by default.\n");
    }

    let ident = &e.item.ident;
    let method = e.call.method.to_string();
    let method = method.trim_start_matches("r#");
    let chain = if e.call.chain.is_empty() {
        String::new()
    } else {
        format!("{}.", e.call.chain)
    };
    let required: Vec<String> = e
        .fields
        .iter()
        .filter(|f| !f.omittable)
        .map(|f| f.name())
        .collect();
    let params = if e.constructor {
        format!("{ident}::new({})", required.join(", "))
    } else {
        format!("{ident} {{ .. }}")
    };
    let cli_words: Vec<&str> = e.call.namespace.iter().map(String::as_str).collect();
    let cli_flags: Vec<String> = e
        .fields
        .iter()
        .filter(|f| !f.omittable && f.in_params())
        .map(|f| format!("--{} …", f.wire_name()))
        .collect();
    let _ = write!(
        doc,
        "\n## Example\n\n`seam.{chain}{method}({params}).await?`\n\n\
         From the command line: `seam {} {method}{}{}`\n",
        cli_words.join(" "),
        if cli_flags.is_empty() { "" } else { " " },
        cli_flags.join(" ")
    );
    // Read by rustdoc only (`cfg(doc)`): ordinary builds neither keep nor check it.
    quote_spanned!(Span::call_site()=> #[cfg_attr(doc, doc = #doc)])
}

/// Tokens as compact text, e.g. `Option<Vec<String>>` or `::seam_runtime`.
pub(crate) fn tokens_text(tokens: &impl quote::ToTokens) -> String {
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
