//! Namespaces: Seam's own, defined once in the runtime, and new ones that a library author
//! declares with `namespace!(widgets::gizmos)`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Token};

use crate::ast::{is_keyword, runtime_path};
use crate::attr::CratePath;
use crate::ctxt::Ctxt;
use crate::entry::Runtime;
use crate::namespaces::{KNOWN, camel, is_known, marker_ident};

/// `namespace!([crate = path;] [vis] seg::seg)`: the marker and accessor of one new level.
pub(crate) fn expand(input: TokenStream, runtime: Runtime) -> TokenStream {
    match parse(input) {
        Ok((krate, vis, segments)) => {
            let rt = runtime_path(krate.as_ref(), runtime);
            declare(&rt, &vis, &segments).unwrap_or_else(syn::Error::into_compile_error)
        }
        Err(e) => e.into_compile_error(),
    }
}

type Parsed = (Option<(Ident, CratePath)>, syn::Visibility, Vec<Ident>);

fn parse(input: TokenStream) -> syn::Result<Parsed> {
    let parser = |input: ParseStream<'_>| {
        let mut krate = None;
        if input.peek(Token![crate]) && input.peek2(Token![=]) {
            let key = Ident::parse_any(input)?;
            input.parse::<Token![=]>()?;
            let path = input.call(syn::Path::parse_mod_style)?;
            input.parse::<Token![;]>()?;
            krate = Some((key, CratePath::Path(path)));
        }
        let vis: syn::Visibility = input.parse()?;
        let mut segments = vec![Ident::parse_any(input)?];
        while input.peek(Token![::]) {
            input.parse::<Token![::]>()?;
            segments.push(Ident::parse_any(input)?);
        }
        if input.peek(Token![/]) || input.peek(Token![.]) {
            return Err(input.error("namespace segments are separated by `::`"));
        }
        if !input.is_empty() {
            return Err(input.error("expected a namespace path such as `widgets::gizmos`"));
        }
        Ok((krate, vis, segments))
    };
    parser.parse2(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            format_args!("{e}; write `namespace!(pub widgets::gizmos)`"),
        )
    })
}

fn declare(
    rt: &TokenStream,
    vis: &syn::Visibility,
    segments: &[Ident],
) -> syn::Result<TokenStream> {
    let names: Vec<String> = segments.iter().map(|s| s.unraw().to_string()).collect();
    let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
        return Err(syn::Error::new(
            Span::call_site(),
            "expected a namespace path such as `widgets::gizmos`",
        ));
    };
    let mut cx = Ctxt::default();
    for (segment, name) in segments.iter().zip(&names) {
        if matches!(name.as_str(), "_" | "self" | "Self" | "super" | "crate") {
            cx.spanned(
                segment,
                format_args!(
                    "`{name}` cannot name a namespace; name it after the route's first segments, e.g. `namespace!(pub widgets)` for `\"/widgets/..\"`"
                ),
            );
        }
    }
    let prefix = names.join("/");
    if is_known(&prefix) {
        let rest = &segments[1..];
        let written = quote!(#first #(:: #rest)*);
        cx.spanned(
            written,
            format_args!(
                "`{}` is one of Seam's namespaces already; endpoints under it need no declaration, remove this `namespace!`",
                names.join("::")
            ),
        );
    }
    cx.finish()?;
    let marker = marker_ident(&prefix, last.span());
    let access = format_ident!("{}Access", marker, span = last.span());
    let method = accessor_ident(&last.unraw().to_string(), last.span());
    let marker_doc = format!("Marker of the `{prefix}` namespace, declared with `namespace!`.");
    let access_doc = format!("Reaches the `{prefix}` namespace.");
    let parent = &names[..names.len() - 1];
    let accessor = if parent.is_empty() {
        quote! {
            #[doc = #access_doc]
            #vis trait #access: #rt::__private::Caller + ::core::marker::Sized {
                #[doc = #access_doc]
                fn #method(&self) -> #rt::__private::Ns<'_, Self, #marker>;
            }

            #[automatically_derived]
            impl<__C: #rt::__private::Caller> #access for __C {
                #[inline]
                fn #method(&self) -> #rt::__private::Ns<'_, Self, #marker> {
                    #rt::__private::Ns::new(self)
                }
            }
        }
    } else {
        let parent_prefix = parent.join("/");
        let parent_marker = if is_known(&parent_prefix) {
            let m = format_ident!("{}", camel(&parent_prefix));
            quote!(#rt::__private::ns::#m)
        } else {
            let m = marker_ident(&parent_prefix, last.span());
            quote!(#m)
        };
        quote! {
            #[doc = #access_doc]
            #vis trait #access<'__c, __C> {
                #[doc = #access_doc]
                fn #method(&self) -> #rt::__private::Ns<'__c, __C, #marker>;
            }

            #[automatically_derived]
            impl<'__c, __C: #rt::__private::Caller> #access<'__c, __C> for #rt::__private::Ns<'__c, __C, #parent_marker> {
                #[inline]
                fn #method(&self) -> #rt::__private::Ns<'__c, __C, #marker> {
                    self.child()
                }
            }
        }
    };
    Ok(quote! {
        #[doc = #marker_doc]
        #vis enum #marker {}

        #accessor
    })
}

fn accessor_ident(name: &str, span: Span) -> Ident {
    if is_keyword(name) {
        Ident::new_raw(name, span)
    } else {
        Ident::new(name, span)
    }
}

/// Seam's namespaces, for the runtime: with empty input, every marker and the accessors
/// between them; with `for Type`, the top-level accessors as inherent methods of `Type`.
pub(crate) fn define_known(input: TokenStream) -> TokenStream {
    let parser = |input: ParseStream<'_>| {
        if input.is_empty() {
            return Ok(None);
        }
        input.parse::<Token![for]>()?;
        Ok(Some(input.parse::<syn::Type>()?))
    };
    let root = match parser.parse2(input) {
        Ok(root) => root,
        Err(e) => return e.into_compile_error(),
    };
    let span = Span::call_site();
    match root {
        Some(root) => {
            let methods = KNOWN.iter().filter(|p| !p.contains('/')).map(|prefix| {
                let marker = Ident::new(&camel(prefix), span);
                let method = accessor_ident(prefix, span);
                let doc = format!("The `{prefix}` namespace: endpoints under `/{prefix}/`.");
                quote! {
                    #[doc = #doc]
                    #[inline]
                    pub fn #method(&self) -> crate::Ns<'_, Self, crate::ns::#marker> {
                        crate::Ns::new(self)
                    }
                }
            });
            quote! {
                /// Seam's namespaces, one accessor each.
                impl #root {
                    #(#methods)*
                }
            }
        }
        None => {
            let items = KNOWN.iter().map(|prefix| {
                let marker = Ident::new(&camel(prefix), span);
                let doc = format!("Marker of the `{prefix}` namespace.");
                let accessor = prefix.rsplit_once('/').map(|(parent, last)| {
                    let parent_marker = Ident::new(&camel(parent), span);
                    let method = accessor_ident(last, span);
                    let doc = format!("The `{prefix}` namespace: endpoints under `/{prefix}/`.");
                    quote! {
                        impl<'c, C> crate::Ns<'c, C, #parent_marker> {
                            #[doc = #doc]
                            #[inline]
                            pub fn #method(&self) -> crate::Ns<'c, C, #marker> {
                                self.child()
                            }
                        }
                    }
                });
                quote! {
                    #[doc = #doc]
                    #[derive(Debug)]
                    pub enum #marker {}
                    #accessor
                }
            });
            quote!(#(#items)*)
        }
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::expand;
    use crate::entry::Runtime;

    fn declare(input: TokenStream) -> String {
        expand(input, Runtime::Facade).to_string()
    }

    #[test]
    fn declares_markers_and_accessors() {
        let out = declare(quote!(pub widgets::gizmos));
        assert!(out.contains("enum WidgetsGizmosNs"), "{out}");
        assert!(out.contains("trait WidgetsGizmosNsAccess"), "{out}");
        assert!(out.contains("WidgetsNs"), "{out}");
    }

    #[test]
    fn rejects_mistakes_without_panicking() {
        for (input, needle) in [
            (
                quote!(pub acs::credentials),
                "`acs::credentials` is one of Seam's namespaces",
            ),
            (quote!(pub widgets/gizmos), "separated by `::`"),
            (quote!(pub widgets.gizmos), "separated by `::`"),
            (quote!(pub self::widgets), "`self` cannot name a namespace"),
            (quote!(pub _), "cannot name a namespace"),
            (quote!(), "expected"),
            (quote!(pub), "expected"),
            (quote!(crate = ;), "expected"),
        ] {
            let out = declare(input.clone());
            assert!(out.contains(needle), "{input}: {out}");
        }
        // Odd but valid: no panic, whatever rustc then says.
        for input in [
            quote!(pub _1),
            quote!(pub r#type::r#move),
            quote!(crate = ::seam; widgets),
        ] {
            declare(input);
        }
    }
}
