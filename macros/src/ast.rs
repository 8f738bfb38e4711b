//! The checked intermediate form of one endpoint, borrowing the syn nodes it came from.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::{DeriveInput, Ident, LitStr, Type};

use crate::attr::{self, CratePath, FieldAttrs, Method};
use crate::ctxt::Ctxt;
use crate::entry::Runtime;
use crate::namespaces;
use crate::path::{self, Template};
use crate::valid;

/// One endpoint declaration, ready to expand.
pub(crate) struct Endpoint<'a> {
    pub(crate) item: &'a DeriveInput,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) method: Method,
    pub(crate) path: LitStr,
    pub(crate) template: Template,
    pub(crate) response: Option<Type>,
    pub(crate) key: Option<LitStr>,
    /// The runtime's path, e.g. `::seam_runtime`.
    pub(crate) runtime: TokenStream,
    /// The same path as text, for the string attributes serde reads.
    pub(crate) runtime_text: String,
    /// The namespaced method, when the path yields one.
    pub(crate) call: Call,
    /// `returns(key: Type)`: what the void route's body still carries.
    pub(crate) returns: Option<(Ident, Type)>,
    /// `paginated`: pages with `page_cursor`; the keyword's span.
    pub(crate) paginated: Option<Span>,
    /// `action_attempt`: answers with an action attempt to wait for.
    pub(crate) action_attempt: bool,
    /// `at_least_one_of(..)` groups, as field identifiers.
    pub(crate) at_least_one_of: Vec<Vec<Ident>>,
    /// `auth(..)`: the runtime's `AuthMode` variants the route accepts.
    pub(crate) auth: Option<Vec<&'static str>>,
    /// Whether to emit `new`: only with `constructor`.
    pub(crate) constructor: bool,
    /// `#[deprecated]` on the struct.
    pub(crate) deprecated: bool,
    /// The user derives `Deserialize` themselves, so the fake's derive must stay away.
    pub(crate) derives_deserialize: bool,
    /// The runtime's `fake` feature is on: params derive `Deserialize` too.
    pub(crate) fake: bool,
    /// The struct or a field has `#[serde(..)]` attributes, which only serde's derive reads.
    pub(crate) serde_attrs: bool,
}

/// One field of the params struct.
pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: FieldAttrs,
    /// `Option<T>` or `Nullable<T>`: left out of the request when omitted.
    pub(crate) omittable: bool,
    /// Bound to a `{placeholder}` of the path.
    pub(crate) in_path: bool,
    /// The type as compact text, e.g. `Option<String>`, for docs and metadata.
    pub(crate) ty_text: String,
}

impl Field<'_> {
    /// Whether the field carries `#[deprecated]`.
    pub(crate) fn deprecated(&self) -> bool {
        self.original
            .attrs
            .iter()
            .any(|a| a.path().is_ident("deprecated"))
    }

    /// The field's name without `r#`.
    pub(crate) fn name(&self) -> String {
        use syn::ext::IdentExt;
        self.ident.unraw().to_string()
    }

    /// Whether the field travels in the body or query (not in the path or a header).
    pub(crate) fn in_params(&self) -> bool {
        !self.in_path && self.attrs.header.is_none()
    }

    /// The name the field has on the wire.
    pub(crate) fn wire_name(&self) -> String {
        self.attrs
            .rename
            .as_ref()
            .map_or_else(|| self.name(), LitStr::value)
    }
}

/// Where the namespaced method lives: `seam.acs().credentials().unassign(..)`.
pub(crate) struct Call {
    /// The method's name, e.g. `unassign`.
    pub(crate) method: Ident,
    /// The namespace marker the method is implemented for; `None` at the root.
    pub(crate) marker: Option<Marker>,
    /// The namespace as written in calls, e.g. `acs().credentials()`.
    pub(crate) chain: String,
    /// The namespace's segments, e.g. `["acs", "credentials"]`.
    pub(crate) namespace: Vec<String>,
}

/// A namespace's marker type.
pub(crate) enum Marker {
    /// One of Seam's, in the runtime's `__private::ns`.
    Known(Ident),
    /// Declared with `namespace!` beside the endpoint.
    Local(Ident),
}

impl Marker {
    /// The marker's path, given the path of the runtime's `__private`.
    pub(crate) fn path(&self, private: &TokenStream) -> TokenStream {
        match self {
            Marker::Known(ident) => quote!(#private::ns::#ident),
            Marker::Local(ident) => ident.to_token_stream(),
        }
    }
}

impl<'a> Endpoint<'a> {
    /// Parses the arguments, reads the struct, and runs every check, reporting all
    /// mistakes together.
    pub(crate) fn from_syn(
        args: TokenStream,
        item: &'a DeriveInput,
        runtime: Runtime,
        fake: bool,
    ) -> Result<Self, syn::Error> {
        let mut cx = Ctxt::default();
        let args = attr::parse_args(args, &mut cx);
        // The path's errors go where the path is written: after the method's, before the
        // options'.
        let mut path_cx = Ctxt::default();
        let template = args
            .path
            .as_ref()
            .and_then(|lit| Template::parse(&lit.value(), lit.span(), &mut path_cx));
        cx.insert(args.options_at, path_cx);
        let mut fields = read_fields(item, &mut cx);
        if let (Some(template), Some(fields)) = (&template, &mut fields) {
            for field in fields.iter_mut() {
                let name = field.name();
                field.in_path = template.placeholders().any(|p| p == name);
            }
        }
        let runtime = runtime_path(args.krate.as_ref(), runtime);
        let call = template
            .as_ref()
            .and_then(|t| derive_call(t, &args, &mut cx));
        if let (Some(template), Some(fields)) = (&template, &fields) {
            valid::endpoint(item, &args, template, fields, &mut cx);
        } else {
            valid::args_only(item, &args, &mut cx);
        }
        cx.finish()?;

        // Every check passed, so each of these is present.
        match (args.method, args.path, template, fields, call) {
            (Some((method, _)), Some(path), Some(template), Some(fields), Some(call)) => {
                Ok(Endpoint {
                    item,
                    fields,
                    method,
                    path,
                    template,
                    response: args.response.map(|(_, ty)| ty),
                    key: args.key.map(|(_, lit)| lit),
                    runtime_text: crate::expand::tokens_text(&runtime),
                    runtime,
                    call,
                    returns: args.returns.map(|(_, key, ty)| (key, ty)),
                    paginated: args.paginated.map(|k| k.span()),
                    action_attempt: args.action_attempt.is_some(),
                    at_least_one_of: args.at_least_one_of.into_iter().map(|(_, g)| g).collect(),
                    auth: args
                        .auth
                        .map(|(_, modes)| modes.into_iter().map(|(_, v)| v).collect()),
                    constructor: args.constructor.is_some_and(|(_, on)| on),
                    deprecated: item.attrs.iter().any(|a| a.path().is_ident("deprecated")),
                    derives_deserialize: attr::derived_paths(&item.attrs)
                        .iter()
                        .any(|p| attr::is_derive(p, "Deserialize")),
                    fake,
                    serde_attrs: has_serde_attrs(item),
                })
            }
            _ => Err(syn::Error::new(
                Span::call_site(),
                "`#[seam_endpoint]` could not read this declaration",
            )),
        }
    }
}

impl Endpoint<'_> {
    /// Whether the expansion writes `Serialize` itself rather than deriving it: unless the
    /// struct has serde attributes, which only serde's derive would honour.
    pub(crate) fn own_serialize(&self) -> bool {
        !self.serde_attrs
    }
}

/// Whether the struct or any field carries `#[serde(..)]`.
fn has_serde_attrs(item: &DeriveInput) -> bool {
    let serde = |attrs: &[syn::Attribute]| attrs.iter().any(|a| a.path().is_ident("serde"));
    serde(&item.attrs)
        || match &item.data {
            syn::Data::Struct(s) => s.fields.iter().any(|f| serde(&f.attrs)),
            _ => false,
        }
}

/// The path generated code uses to reach the runtime.
pub(crate) fn runtime_path(krate: Option<&(Ident, CratePath)>, runtime: Runtime) -> TokenStream {
    match krate {
        Some((_, CratePath::Path(path))) => path.to_token_stream(),
        Some((_, CratePath::Str(lit))) => lit
            .parse::<syn::Path>()
            .map_or_else(|_| quote!(::seam_runtime), |p| p.to_token_stream()),
        None => match runtime {
            Runtime::SeamRuntime => quote!(::seam_runtime),
            Runtime::Facade => quote!(::seam),
        },
    }
}

/// Reads the named fields, or records why the item cannot be an endpoint.
// The borrows are needed: syn's tokens are `Copy` only with its `clone-impls` feature, which
// this crate does not enable (another crate in a build may, which is when clippy objects).
#[allow(clippy::needless_borrows_for_generic_args)]
fn read_fields<'a>(item: &'a DeriveInput, cx: &mut Ctxt) -> Option<Vec<Field<'a>>> {
    let data = match &item.data {
        syn::Data::Struct(data) => data,
        syn::Data::Enum(data) => {
            cx.spanned(
                &data.enum_token,
                "`#[seam_endpoint]` applies to a struct with named fields, not an enum",
            );
            return None;
        }
        syn::Data::Union(data) => {
            cx.spanned(
                &data.union_token,
                "`#[seam_endpoint]` applies to a struct with named fields, not a union",
            );
            return None;
        }
    };
    let named = match &data.fields {
        syn::Fields::Named(named) => named,
        syn::Fields::Unnamed(unnamed) => {
            cx.spanned(
                unnamed,
                "`#[seam_endpoint]` needs named fields: each field is a request parameter named like it",
            );
            return None;
        }
        syn::Fields::Unit => {
            cx.spanned(
                &item.ident,
                format_args!(
                    "`#[seam_endpoint]` needs braces: write `struct {} {{}}` for an endpoint without parameters",
                    item.ident
                ),
            );
            return None;
        }
    };
    let fields = named
        .named
        .iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            Some(Field {
                original: field,
                ident,
                ty: &field.ty,
                attrs: attr::parse_field_attrs(&field.attrs, cx),
                omittable: is_omittable(&field.ty),
                in_path: false,
                ty_text: crate::expand::tokens_text(&field.ty),
            })
        })
        .collect();
    Some(fields)
}

/// `Option<T>` and `Nullable<T>` are left out of the request when omitted.
fn is_omittable(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    if path.qself.is_some() {
        return false;
    }
    path.path.segments.last().is_some_and(|last| {
        (last.ident == "Option" || last.ident == "Nullable")
            && matches!(&last.arguments, syn::PathArguments::AngleBracketed(a) if a.args.len() == 1)
    })
}

/// Derives the namespaced method from the path (or the `name` option).
fn derive_call(template: &Template, args: &attr::Args, cx: &mut Ctxt) -> Option<Call> {
    let span = args
        .path
        .as_ref()
        .map_or_else(Span::call_site, LitStr::span);
    let literals = template.literals();
    let (namespace, last) = match literals.split_last() {
        Some((last, namespace)) => (namespace, Some(*last)),
        None => (&literals[..], None),
    };

    let method = match (&args.name, last) {
        (Some((_, ident)), _) => {
            use syn::ext::IdentExt;
            method_ident(&ident.unraw().to_string(), ident.span(), cx)?
        }
        (None, Some(last)) => match path::ident_for(last) {
            Some(name) => method_ident(&name, span, cx)?,
            None => {
                cx.at(
                    span,
                    format_args!(
                        "the last path segment `{last}` is not a Rust identifier; name the method with `name = ..`"
                    ),
                );
                return None;
            }
        },
        (None, None) => {
            cx.at(
                span,
                "the path has no literal segment to name the method after; add `name = ..`",
            );
            return None;
        }
    };

    let mut idents = Vec::with_capacity(namespace.len());
    for segment in namespace {
        match path::ident_for(segment) {
            Some(ident) => idents.push(ident),
            None => {
                cx.at(
                    span,
                    format_args!("the namespace segment `{segment}` is not a Rust identifier"),
                );
                return None;
            }
        }
    }
    let prefix = idents.join("/");
    let chain = idents
        .iter()
        .map(|i| format!("{i}()"))
        .collect::<Vec<_>>()
        .join(".");
    let marker = if prefix.is_empty() {
        None
    } else if namespaces::is_known(&prefix) {
        Some(Marker::Known(format_ident!(
            "{}",
            namespaces::camel(&prefix)
        )))
    } else {
        Some(Marker::Local(namespaces::marker_ident(&prefix, span)))
    };
    Some(Call {
        method,
        marker,
        chain,
        namespace: idents,
    })
}

/// The method name as an identifier: raw when it is a keyword.
fn method_ident(name: &str, span: Span, cx: &mut Ctxt) -> Option<Ident> {
    if matches!(name, "self" | "Self" | "super" | "crate" | "_") {
        cx.at(
            span,
            format_args!("`{name}` cannot name a method; set `name = ..`"),
        );
        return None;
    }
    Some(if is_keyword(name) {
        Ident::new_raw(name, span)
    } else {
        Ident::new(name, span)
    })
}

/// Rust's strict and reserved keywords, which need `r#` to be method names.
pub(crate) fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "as" | "break"
            | "const"
            | "continue"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use crate::entry::{Runtime, endpoint};

    fn expand(args: TokenStream, item: TokenStream) -> String {
        endpoint(args, item, Runtime::Facade, false).to_string()
    }

    #[test]
    fn odd_declarations_expand_without_panicking() {
        let item = quote!(
            pub struct S {
                pub id: String,
            }
        );
        for args in [
            quote!(GET "/_1/get"),
            quote!(GET "/__/get"),
            quote!(GET "/devices/_1"),
            quote!(GET "/devices/get", name = r#type),
            quote!(GET "/devices/get", name = _),
            quote!(GET "/devices/get", name = self),
            quote!(GET "/{id}"),
            quote!(GET "/devices/{id}/{id}"),
            quote!(GET "/devices/ü"),
            quote!(GET "/1devices/get"),
        ] {
            expand(args, item.clone());
        }
        for item in [
            quote!(
                fn f() {}
            ),
            quote!(
                pub(crate) const fn f() {}
            ),
            quote!(
                #[derive(serde::Deserialize)]
                struct S {
                    #[serde(default)]
                    #[seam(rename)]
                    a: u8,
                }
            ),
            quote!(
                struct S<T>
                where
                    T: Copy,
                {
                    a: T,
                }
            ),
            quote!(
                struct S(u8);
            ),
            quote!(),
        ] {
            expand(quote!(GET "/devices/get"), item);
        }
    }

    #[test]
    fn raw_method_name_is_raw() {
        let out = expand(
            quote!(GET "/devices/get", name = r#type),
            quote!(
                pub struct S {}
            ),
        );
        assert!(out.contains("fn r#type"), "{out}");
        let out = expand(
            quote!(GET "/_1/get"),
            quote!(
                pub struct S {}
            ),
        );
        assert!(out.contains("_1Ns"), "{out}");
    }

    #[test]
    fn fallback_keeps_the_struct_without_attributes_the_expansion_owns() {
        let out = expand(
            quote!(PTACH "/devices/get"),
            quote!(
                pub struct S {
                    #[seam(rename = "x")]
                    #[serde(default)]
                    pub a: u8,
                }
            ),
        );
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("pub struct S"), "{out}");
        assert!(!out.contains("seam (") && !out.contains("serde ("), "{out}");
        // A serde derive of the user's keeps its attributes, and gets no stub impl.
        let out = expand(
            quote!(PTACH "/devices/get"),
            quote!(
                #[derive(serde::Deserialize)]
                pub struct S {
                    #[serde(default)]
                    pub a: u8,
                }
            ),
        );
        assert!(out.contains("serde (default)"), "{out}");
        assert!(
            out.contains("impl :: seam :: __private :: serde :: Serialize"),
            "{out}"
        );
    }
}
