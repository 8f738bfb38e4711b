//! Parsing of `#[seam_endpoint(METHOD "/path", option = value, ..)]` and of the `#[seam(..)]`
//! field attributes into typed values that keep their spans.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
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

    /// Whether params go in the query string.
    pub(crate) fn uses_query(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
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
    /// `returns(key: Type)`: what a void route's body still carries.
    pub(crate) returns: Option<(Ident, Ident, syn::Type)>,
    /// `paginated`: the keyword, for spans.
    pub(crate) paginated: Option<Ident>,
    /// `action_attempt`: the keyword, for spans.
    pub(crate) action_attempt: Option<Ident>,
    /// `at_least_one_of(a, b)`, as often as given.
    pub(crate) at_least_one_of: Vec<(Ident, Vec<Ident>)>,
    /// `auth(api_key, pat, ..)`: the modes the route accepts.
    pub(crate) auth: Option<(Ident, Vec<(Ident, &'static str)>)>,
    /// `constructor` (or `constructor = true`): emit `new`; `constructor = false` is the
    /// default, said out loud.
    pub(crate) constructor: Option<(Ident, bool)>,
    /// The options a misspelled one probably meant, e.g. `response` for `respone`: their
    /// absence is not reported again.
    pub(crate) misspelled: Vec<&'static str>,
    /// How many errors `cx` held when the options began: the path's own errors are
    /// reported there, so all errors read in source order.
    pub(crate) options_at: usize,
}

/// The options accepted after the path.
pub(crate) const OPTIONS: [&str; 10] = [
    "response",
    "key",
    "returns",
    "paginated",
    "action_attempt",
    "at_least_one_of",
    "auth",
    "name",
    "constructor",
    "crate",
];

/// The names `auth(..)` accepts, with the runtime's `AuthMode` variant each stands for.
pub(crate) const AUTH_MODES: [(&str, &str); 7] = [
    ("api_key", "ApiKey"),
    ("pat", "PersonalAccessToken"),
    (
        "pat_without_workspace",
        "PersonalAccessTokenWithoutWorkspace",
    ),
    ("console_session", "ConsoleSession"),
    (
        "console_session_without_workspace",
        "ConsoleSessionWithoutWorkspace",
    ),
    ("client_session", "ClientSession"),
    ("publishable_key", "PublishableKey"),
];

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
        args.options_at = cx.mark();
        return;
    }

    // The method.
    if input.peek(LitStr) {
        match input.parse::<LitStr>() {
            Ok(lit) => {
                cx.spanned(
                    &lit,
                    format_args!(
                        "missing HTTP method before the path, e.g. `GET \"/devices/list\"`; valid methods are {}",
                        list(&Method::NAMES)
                    ),
                );
                args.path = Some(lit);
            }
            Err(e) => cx.push(e),
        }
    } else if input.peek(Ident::peek_any) {
        match Ident::parse_any(input) {
            Ok(ident) => parse_method(&ident, args, cx),
            Err(e) => cx.push(e),
        }
    } else {
        let tokens = take_to_comma(input);
        cx.spanned(
            tokens,
            format_args!("expected an HTTP method: {}", list(&Method::NAMES)),
        );
    }

    // The path.
    if args.path.is_none() {
        if input.peek(LitStr) {
            match input.parse::<LitStr>() {
                Ok(lit) => args.path = Some(lit),
                Err(e) => cx.push(e),
            }
        } else if input.is_empty() || input.peek(Token![,]) {
            let span = args.method.map_or_else(Span::call_site, |(_, s)| s);
            cx.at(
                span,
                "missing endpoint path after the method, e.g. `GET \"/devices/get\"`",
            );
        } else {
            let tokens = take_to_comma(input);
            cx.spanned(&tokens, path_not_a_string(&tokens));
        }
    }
    args.options_at = cx.mark();

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
            take_to_comma(input);
        }
    }
}

/// The message for a path written as tokens: quote it, e.g. `GET /devices/get`.
fn path_not_a_string(tokens: &TokenStream) -> String {
    let text: String = tokens.to_string().split_whitespace().collect();
    if text.starts_with('/') && !text.contains('"') {
        format!("the endpoint path is a string literal: write `\"{text}\"`")
    } else {
        "expected the endpoint path as a string literal, e.g. `\"/devices/get\"`".to_owned()
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
        None if matches!(
            name.to_ascii_uppercase().as_str(),
            "HEAD" | "OPTIONS" | "TRACE" | "CONNECT"
        ) =>
        {
            cx.spanned(
                ident,
                format_args!(
                    "`{name}` is not a method Seam endpoints use; valid methods are {}",
                    list(&Method::NAMES)
                ),
            )
        }
        None => cx.spanned(ident, unknown_method(&name)),
    }
}

/// `unknown HTTP method ..`, with a suggestion when one is close.
fn unknown_method(name: &str) -> String {
    let hint = did_you_mean(name, &Method::NAMES)
        .map(|m| format!("did you mean `{m}`? "))
        .unwrap_or_default();
    format!(
        "unknown HTTP method `{name}`; {hint}valid methods are {}",
        list(&Method::NAMES)
    )
}

fn parse_option(input: ParseStream<'_>, args: &mut Args, cx: &mut Ctxt) -> syn::Result<()> {
    let key = Ident::parse_any(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            format_args!("expected an option: {}", list(&OPTIONS)),
        )
    })?;
    let name = key.to_string();
    let duplicate = |cx: &mut Ctxt| {
        cx.spanned(
            &key,
            format_args!("duplicate option `{name}`; give each option once"),
        )
    };
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
        "returns" => {
            let content;
            syn::parenthesized!(content in input);
            let resource = Ident::parse_any(&content).map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `returns(key: Type)`, e.g. `returns(acs_credential: AcsCredential)`",
                )
            })?;
            content.parse::<Token![:]>()?;
            let ty: syn::Type = content.parse()?;
            if !content.is_empty() {
                return Err(content.error("expected `)` after the type"));
            }
            if args.returns.is_some() {
                duplicate(cx);
            } else {
                args.returns = Some((key, resource, ty));
            }
        }
        "paginated" | "action_attempt" => {
            if input.peek(Token![=]) {
                return Err(input.error(format_args!(
                    "`{name}` is a flag and takes no value; write `{name}` alone"
                )));
            }
            let slot = if name == "paginated" {
                &mut args.paginated
            } else {
                &mut args.action_attempt
            };
            if slot.is_some() {
                duplicate(cx);
            } else {
                *slot = Some(key);
            }
        }
        "at_least_one_of" => {
            let names = ident_list(input, "at_least_one_of(acs_user_id, user_identity_id)")?;
            if names.len() < 2 {
                cx.spanned(
                    &key,
                    "`at_least_one_of` names two or more fields, of which at least one is given",
                );
            }
            args.at_least_one_of.push((key, names));
        }
        "auth" => {
            let names = ident_list(input, "auth(api_key, pat, client_session)")?;
            let mut modes = Vec::new();
            let valid: Vec<&str> = AUTH_MODES.iter().map(|(n, _)| *n).collect();
            for ident in names {
                let text = ident.unraw().to_string();
                match AUTH_MODES.iter().find(|(n, _)| *n == text) {
                    Some((_, variant)) if modes.iter().any(|(_, v)| v == variant) => {
                        cx.spanned(&ident, format_args!("`{text}` is listed twice"))
                    }
                    Some((_, variant)) => modes.push((ident, *variant)),
                    None => {
                        let hint = did_you_mean(&text, &valid)
                            .map(|m| format!("did you mean `{m}`? "))
                            .unwrap_or_default();
                        cx.spanned(
                            &ident,
                            format_args!(
                                "unknown auth mode `{text}`; {hint}valid modes are {}",
                                list(&valid)
                            ),
                        );
                    }
                }
            }
            if args.auth.is_some() {
                duplicate(cx);
            } else {
                args.auth = Some((key, modes));
            }
        }
        "constructor" => {
            let value = if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                let value: syn::LitBool = input.parse().map_err(|e| {
                    syn::Error::new(
                        e.span(),
                        "expected `constructor`, `constructor = true` or `constructor = false`",
                    )
                })?;
                value.value
            } else {
                true
            };
            if args.constructor.is_some() {
                duplicate(cx);
            } else {
                args.constructor = Some((key, value));
            }
        }
        _ => {
            let suggestion = did_you_mean(&name, &OPTIONS);
            args.misspelled.extend(suggestion);
            let hint = suggestion
                .map(|m| format!("did you mean `{m}`? "))
                .unwrap_or_default();
            cx.spanned(
                &key,
                format_args!(
                    "unknown option `{name}`; {hint}valid options are {}",
                    list(&OPTIONS)
                ),
            );
            take_to_comma(input);
        }
    }
    if !input.is_empty() && !input.peek(Token![,]) {
        let tokens = take_to_comma(input);
        cx.spanned(tokens, "unexpected tokens; options are separated by `,`");
    }
    Ok(())
}

/// `(a, b, c)`: identifiers in parentheses; `example` shows the form in the error.
fn ident_list(input: ParseStream<'_>, example: &str) -> syn::Result<Vec<Ident>> {
    let content;
    syn::parenthesized!(content in input);
    let names = content
        .parse_terminated(Ident::parse_any, Token![,])
        .map_err(|e| syn::Error::new(e.span(), format_args!("expected names, e.g. `{example}`")))?;
    Ok(names.into_iter().collect())
}

/// Takes the tokens up to (not including) the next top-level comma.
fn take_to_comma(input: ParseStream<'_>) -> TokenStream {
    input
        .step(|cursor| {
            let mut taken = TokenStream::new();
            let mut rest = *cursor;
            while let Some((tt, next)) = rest.token_tree() {
                if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                    break;
                }
                taken.extend([tt]);
                rest = next;
            }
            Ok((taken, rest))
        })
        .unwrap_or_default()
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
                .map(|i| i.unraw().to_string())
                .unwrap_or_else(|| meta.path.to_token_stream().to_string().replace(' ', ""));
            let slot = match key.as_str() {
                "rename" => &mut out.rename,
                "header" => &mut out.header,
                _ => {
                    let hint = did_you_mean(&key, &FIELD_OPTIONS)
                        .map(|m| format!("did you mean `{m}`? "))
                        .unwrap_or_default();
                    return Err(meta.error(format_args!(
                        "unknown field option `{key}`; {hint}valid options are {}",
                        list(&FIELD_OPTIONS)
                    )));
                }
            };
            let lit: LitStr = meta.value()?.parse()?;
            if slot.is_some() {
                cx.spanned(
                    &meta.path,
                    format_args!("duplicate field option `{key}`; give each option once"),
                );
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

/// The paths inside the item's `#[derive(..)]` attributes, e.g. `Debug`, `serde::Serialize`.
pub(crate) fn derived_paths(attrs: &[syn::Attribute]) -> Vec<syn::Path> {
    let mut paths = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        // A malformed derive is rustc's to report; keep what could be read.
        let _ = attr.parse_nested_meta(|meta| {
            paths.push(meta.path);
            Ok(())
        });
    }
    paths
}

/// Whether `path` names the derive `name`: `Serialize`, `serde::Serialize`, ..
pub(crate) fn is_derive(path: &syn::Path, name: &str) -> bool {
    path.segments.last().is_some_and(|s| s.ident == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn errors(tokens: TokenStream) -> (Args, Vec<String>) {
        let mut cx = Ctxt::default();
        let args = parse_args(tokens, &mut cx);
        let messages = cx
            .finish()
            .err()
            .map(|e| e.into_iter().map(|e| e.to_string()).collect())
            .unwrap_or_default();
        (args, messages)
    }

    #[test]
    fn reads_method_path_and_options() {
        let (args, e) = errors(quote!(GET "/devices/get", response = Device, key = "device"));
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(args.method.map(|(m, _)| m), Some(Method::Get));
        assert_eq!(
            args.path.map(|p| p.value()).as_deref(),
            Some("/devices/get")
        );
        assert!(args.response.is_some() && args.key.is_some());
    }

    #[test]
    fn unknown_method_always_lists_the_valid_ones() {
        assert_eq!(
            unknown_method("PTACH"),
            "unknown HTTP method `PTACH`; did you mean `PATCH`? valid methods are `GET`, `POST`, `PUT`, `PATCH`, `DELETE`"
        );
        assert_eq!(
            unknown_method("FROB"),
            "unknown HTTP method `FROB`; valid methods are `GET`, `POST`, `PUT`, `PATCH`, `DELETE`"
        );
        let (_, e) = errors(quote!(head "/x"));
        assert!(e[0].contains("not a method Seam endpoints use"), "{e:?}");
    }

    #[test]
    fn path_written_as_tokens_is_quoted_in_the_message() {
        let (_, e) = errors(quote!(GET / devices / { device_id } / get, key = "k"));
        assert_eq!(
            e[0],
            "the endpoint path is a string literal: write `\"/devices/{device_id}/get\"`"
        );
        let (_, e) = errors(quote!(GET 42));
        assert!(e[0].starts_with("expected the endpoint path"), "{e:?}");
    }

    #[test]
    fn never_panics_on_odd_arguments() {
        for tokens in [
            quote!(),
            quote!(,),
            quote!("/x" "/y"),
            quote!(GET, GET),
            quote!(GET "/x" response),
            quote!(GET "/x", response),
            quote!(GET "/x", response =),
            quote!(GET "/x", = 1),
            quote!(GET "/x", crate = "not a path"),
            quote!(GET "/x", name = 3),
            quote!(42 "/x", key = 1),
            quote!((GET) [x] {y}),
        ] {
            let (_, e) = errors(tokens.clone());
            assert!(!e.is_empty(), "{tokens}");
        }
    }

    #[test]
    fn options_mark_follows_the_head() {
        let (args, e) = errors(quote!(PTACH "/x", respone = u8));
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(args.options_at, 1);
        assert_eq!(args.misspelled, ["response"]);
    }

    #[test]
    fn reads_derives() {
        let attrs: Vec<syn::Attribute> = vec![
            syn::parse_quote!(#[derive(Debug, serde::Deserialize)]),
            syn::parse_quote!(#[doc = "x"]),
        ];
        let paths = derived_paths(&attrs);
        assert_eq!(paths.len(), 2);
        assert!(is_derive(&paths[1], "Deserialize"));
        assert!(!paths.iter().any(|p| is_derive(p, "Serialize")));
    }
}
