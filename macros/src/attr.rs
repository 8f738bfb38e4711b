//! Parsing of `#[seam_endpoint(METHOD "/path", option = value, ..)]` and of the `#[seam(..)]`
//! field attributes into typed values that keep their spans.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

use crate::ctxt::{Ctxt, did_you_mean, list};

/// The HTTP methods an endpoint can use.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    const NAMES: [&'static str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    /// The variant of the runtime's `Method` enum.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }

    /// The method as sent on the wire.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// The path to the runtime given with `crate = ..`.
pub(crate) enum CratePath {
    Path(syn::Path),
    Str(LitStr),
}

/// The arguments of `#[seam_endpoint(..)]`, each with the span of what the user wrote.
#[derive(Default)]
pub(crate) struct Args {
    pub(crate) method: Option<(Method, Span)>,
    pub(crate) path: Option<LitStr>,
    pub(crate) response: Option<(Ident, syn::Type)>,
    pub(crate) key: Option<(Ident, LitStr)>,
    pub(crate) krate: Option<(Ident, CratePath)>,
    pub(crate) name: Option<(Ident, Ident)>,
}

/// The options accepted after the path.
pub(crate) const OPTIONS: [&str; 4] = ["response", "key", "crate", "name"];

const EXAMPLE: &str = "expected `#[seam_endpoint(METHOD \"/path\")]`, e.g. `#[seam_endpoint(PATCH \"/acs/credentials/unassign\")]`";

/// Parses the attribute's arguments, recording every mistake in `cx` and keeping going.
pub(crate) fn parse_args(tokens: TokenStream, cx: &mut Ctxt) -> Args {
    let mut args = Args::default();
    let parser = |input: ParseStream<'_>| {
        parse_args_inner(input, &mut args, cx);
        Ok(())
    };
    if let Err(error) = parser.parse2(tokens) {
        cx.push(error);
    }
    args
}

fn parse_args_inner(input: ParseStream<'_>, args: &mut Args, cx: &mut Ctxt) {
    if input.is_empty() {
        cx.at(Span::call_site(), EXAMPLE);
        return;
    }

    // The method.
    if input.peek(LitStr) {
        let lit: LitStr = input.parse().expect("peeked");
        cx.spanned(
            &lit,
            "missing HTTP method before the path, e.g. `GET \"/devices/list\"`; valid methods are `GET`, `POST`, `PUT`, `PATCH`, `DELETE`",
        );
        args.path = Some(lit);
    } else if input.peek(Ident::peek_any) {
        let ident = Ident::parse_any(input).expect("peeked");
        parse_method(&ident, args, cx);
    } else {
        let tt: proc_macro2::TokenTree = match input.parse() {
            Ok(tt) => tt,
            Err(e) => return cx.push(e),
        };
        cx.spanned(
            &tt,
            "expected an HTTP method: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`",
        );
    }

    // The path.
    if args.path.is_none() {
        if input.peek(LitStr) {
            args.path = Some(input.parse().expect("peeked"));
        } else if input.is_empty() || input.peek(Token![,]) {
            let span = args.method.map_or_else(Span::call_site, |(_, s)| s);
            cx.at(
                span,
                "missing endpoint path after the method, e.g. `GET \"/devices/get\"`",
            );
        } else {
            let tt: proc_macro2::TokenTree = input.parse().expect("not empty");
            cx.spanned(
                &tt,
                "expected the endpoint path as a string literal, e.g. `\"/devices/get\"`",
            );
            skip_to_comma(input);
        }
    }

    // The options.
    while !input.is_empty() {
        if let Err(e) = input.parse::<Token![,]>() {
            cx.push(syn::Error::new(
                e.span(),
                "expected `,` before the next option",
            ));
            return;
        }
        if input.is_empty() {
            break;
        }
        if let Err(e) = parse_option(input, args, cx) {
            cx.push(e);
            skip_to_comma(input);
        }
    }
}

fn parse_method(ident: &Ident, args: &mut Args, cx: &mut Ctxt) {
    let name = ident.unraw().to_string();
    match Method::from_name(&name) {
        Some(method) => args.method = Some((method, ident.span())),
        None if Method::from_name(&name.to_ascii_uppercase()).is_some() => cx.spanned(
            ident,
            format_args!(
                "HTTP methods are written in upper case: `{}`",
                name.to_ascii_uppercase()
            ),
        ),
        None if matches!(name.as_str(), "HEAD" | "OPTIONS" | "TRACE" | "CONNECT") => cx.spanned(
            ident,
            format_args!(
                "`{name}` is not a method Seam endpoints use; valid methods are {}",
                list(&Method::NAMES)
            ),
        ),
        None => {
            let hint = did_you_mean(&name, &Method::NAMES)
                .map(|m| format!("; did you mean `{m}`?"))
                .unwrap_or_default();
            cx.spanned(
                ident,
                format_args!(
                    "unknown HTTP method `{name}`{hint} valid methods are {}",
                    list(&Method::NAMES)
                ),
            );
        }
    }
}

fn parse_option(input: ParseStream<'_>, args: &mut Args, cx: &mut Ctxt) -> syn::Result<()> {
    let key = Ident::parse_any(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            format_args!("expected an option: {}", list(&OPTIONS)),
        )
    })?;
    let name = key.to_string();
    let duplicate = |cx: &mut Ctxt| cx.spanned(&key, format_args!("duplicate option `{name}`"));
    match name.as_str() {
        "response" => {
            input.parse::<Token![=]>()?;
            let ty: syn::Type = input.parse()?;
            if args.response.is_some() {
                duplicate(cx);
            } else {
                args.response = Some((key, ty));
            }
        }
        "key" => {
            input.parse::<Token![=]>()?;
            let lit: LitStr = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected the envelope key as a string, e.g. `key = \"device\"`",
                )
            })?;
            let value = lit.value();
            if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                cx.spanned(
                    &lit,
                    "the envelope key must be a non-empty name without whitespace",
                );
            }
            if args.key.is_some() {
                duplicate(cx);
            } else {
                args.key = Some((key, lit));
            }
        }
        "crate" => {
            input.parse::<Token![=]>()?;
            let path = if input.peek(LitStr) {
                let lit: LitStr = input.parse()?;
                if lit.parse::<syn::Path>().is_err() {
                    cx.spanned(&lit, "expected a path, e.g. `crate = ::my_crate::seam`");
                }
                CratePath::Str(lit)
            } else {
                CratePath::Path(input.call(syn::Path::parse_mod_style)?)
            };
            if args.krate.is_some() {
                duplicate(cx);
            } else {
                args.krate = Some((key, path));
            }
        }
        "name" => {
            input.parse::<Token![=]>()?;
            let ident = Ident::parse_any(input).map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected the method name as an identifier, e.g. `name = frobnicate`",
                )
            })?;
            if args.name.is_some() {
                duplicate(cx);
            } else {
                args.name = Some((key, ident));
            }
        }
        _ => {
            let hint = did_you_mean(&name, &OPTIONS)
                .map(|m| format!("did you mean `{m}`? "))
                .unwrap_or_default();
            cx.spanned(
                &key,
                format_args!(
                    "unknown option `{name}`; {hint}valid options are {}",
                    list(&OPTIONS)
                ),
            );
            skip_to_comma(input);
        }
    }
    if !input.is_empty() && !input.peek(Token![,]) {
        let tt: proc_macro2::TokenTree = input.parse()?;
        cx.spanned(&tt, "unexpected tokens; options are separated by `,`");
        skip_to_comma(input);
    }
    Ok(())
}

/// Skips tokens up to (not including) the next top-level comma.
fn skip_to_comma(input: ParseStream<'_>) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

/// What `#[seam(..)]` on a field says.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) rename: Option<LitStr>,
    pub(crate) header: Option<LitStr>,
}

/// The keys `#[seam(..)]` accepts on a field.
pub(crate) const FIELD_OPTIONS: [&str; 2] = ["rename", "header"];

/// Reads the `#[seam(..)]` attributes of a field.
pub(crate) fn parse_field_attrs(attrs: &[syn::Attribute], cx: &mut Ctxt) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("seam")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            let slot = match key.as_str() {
                "rename" => &mut out.rename,
                "header" => &mut out.header,
                _ => {
                    let hint = did_you_mean(&key, &FIELD_OPTIONS)
                        .map(|m| format!("did you mean `{m}`? "))
                        .unwrap_or_default();
                    return Err(meta.error(format_args!(
                        "unknown field option; {hint}valid options are {}",
                        list(&FIELD_OPTIONS)
                    )));
                }
            };
            let lit: LitStr = meta.value()?.parse()?;
            if slot.is_some() {
                cx.spanned(&meta.path, format_args!("duplicate field option `{key}`"));
            }
            *slot = Some(lit);
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    out
}
