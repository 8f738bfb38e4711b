//! Checks that span the whole declaration: arguments against fields, fields against the
//! path, and what the struct may not carry.

use syn::DeriveInput;

use crate::ast::Field;
use crate::attr::{Args, derived_paths, is_derive};
use crate::ctxt::{Ctxt, did_you_mean, list};
use crate::path::Template;

/// Headers the client sets itself, which a field cannot replace.
const RESERVED_HEADERS: [&str; 10] = [
    "authorization",
    "client-session-token",
    "content-length",
    "content-type",
    "host",
    "seam-client-session-token",
    "seam-publishable-key",
    "seam-sdk-name",
    "seam-sdk-version",
    "seam-workspace",
];

/// Checks the arguments on their own: used when the struct or path could not be read.
pub(crate) fn args_only(item: &DeriveInput, args: &Args, cx: &mut Ctxt) {
    response_and_key(args, cx);
    struct_shape(item, cx);
}

/// Every cross-cutting check of a declaration whose path and fields were read.
pub(crate) fn endpoint(
    item: &DeriveInput,
    args: &Args,
    template: &Template,
    fields: &[Field<'_>],
    cx: &mut Ctxt,
) {
    response_and_key(args, cx);
    struct_shape(item, cx);
    options(args, fields, cx);

    let names: Vec<String> = fields.iter().map(Field::name).collect();
    if let Some(path) = &args.path {
        for placeholder in template.placeholders() {
            if !names.iter().any(|n| n == placeholder) {
                let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
                let known = if names.is_empty() {
                    format!("the struct has no fields; add `{placeholder}: String`")
                } else {
                    let hint = did_you_mean(placeholder, &candidates)
                        .map(|n| format!("did you mean `{{{n}}}`? "))
                        .unwrap_or_default();
                    format!("{hint}fields are {}", list(&candidates))
                };
                cx.spanned(
                    path,
                    format_args!(
                        "the placeholder `{{{placeholder}}}` has no field of that name; {known}"
                    ),
                );
            }
        }
    }

    let mut wire: Vec<(String, &Field<'_>)> = Vec::new();
    for field in fields {
        if let Some(header) = &field.attrs.header {
            let name = header.value();
            if field.in_path {
                cx.spanned(
                    header,
                    format_args!(
                        "`{}` fills a path placeholder and cannot also be a header",
                        field.name()
                    ),
                );
            }
            if field.attrs.rename.is_some() {
                cx.spanned(
                    header,
                    "a header field is named by `header`; remove `rename`",
                );
            }
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            {
                cx.spanned(
                    header,
                    "a header name is written in lower case with letters, digits, `-` and `_`, e.g. `\"x-request-source\"`",
                );
            } else if RESERVED_HEADERS.contains(&name.as_str()) {
                cx.spanned(
                    header,
                    format_args!("the client sets `{name}` itself; a field cannot replace it"),
                );
            }
            continue;
        }
        if field.in_path {
            if let Some(rename) = &field.attrs.rename {
                cx.spanned(
                    rename,
                    "a path placeholder binds to the field's own name; remove `rename`",
                );
            }
            continue;
        }
        let name = field.wire_name();
        if let Some(rename) = &field.attrs.rename
            && (name.is_empty() || name.contains('.'))
        {
            cx.spanned(rename, "a parameter name is non-empty and has no `.`");
        }
        if let Some((_, first)) = wire.iter().find(|(n, _)| *n == name) {
            cx.spanned(
                field.ident,
                format_args!(
                    "two fields are sent as `{name}`; the other is `{}`",
                    first.name()
                ),
            );
        } else {
            wire.push((name, field));
        }
    }
}

/// The options that name fields, or that only fit some routes.
fn options(args: &Args, fields: &[Field<'_>], cx: &mut Ctxt) {
    let field = |ident: &syn::Ident| {
        use syn::ext::IdentExt;
        let name = ident.unraw().to_string();
        fields.iter().find(|f| f.name() == name)
    };
    let names: Vec<String> = fields.iter().map(Field::name).collect();
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();

    for (_, group) in &args.at_least_one_of {
        for ident in group {
            match field(ident) {
                None => {
                    let hint = did_you_mean(&ident.to_string(), &candidates)
                        .map(|n| format!("did you mean `{n}`? "))
                        .unwrap_or_default();
                    cx.spanned(
                        ident,
                        format_args!("no field `{ident}`; {hint}fields are {}", list(&candidates)),
                    );
                }
                Some(f) if !f.omittable => cx.spanned(
                    ident,
                    format_args!(
                        "`{ident}` is always sent; `at_least_one_of` groups `Option` or `Nullable` fields"
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    if let Some(paginated) = &args.paginated {
        match fields.iter().find(|f| f.name() == "page_cursor") {
            None => cx.spanned(
                paginated,
                "a `paginated` route needs a `page_cursor: Option<String>` field to send the cursor in",
            ),
            Some(f) if !f.omittable => cx.spanned(
                f.ty,
                "`page_cursor` is `Option<String>` (or `Nullable<String>`): the first page has none",
            ),
            Some(_) => {}
        }
        if args.response.is_none() {
            cx.spanned(
                paginated,
                "a `paginated` route answers with a list: add `response = Vec<Item>, key = \"..\"`",
            );
        }
    }

    if let Some((returns, _, _)) = &args.returns
        && args.response.is_some()
    {
        cx.spanned(
            returns,
            "`returns` is for void routes whose body still carries a resource; this route has a `response`",
        );
    }
}

/// `key` goes with `response`.
fn response_and_key(args: &Args, cx: &mut Ctxt) {
    let misspelled = |name| args.misspelled.contains(&name);
    match (&args.response, &args.key) {
        (None, Some(_)) if misspelled("response") => {}
        (Some(_), None) if misspelled("key") => {}
        (None, Some((key, _))) => cx.spanned(
            key,
            "`key` names where the response sits in the envelope; add `response = Type` too",
        ),
        (Some((response, _)), None) => cx.spanned(
            response,
            "`response` needs the envelope `key` it sits under, e.g. `response = Device, key = \"device\"`",
        ),
        _ => {}
    }
}

/// No generics, and no serde derive the macro already supplies.
fn struct_shape(item: &DeriveInput, cx: &mut Ctxt) {
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.spanned(
            &item.generics,
            "`#[seam_endpoint]` does not support generic parameters; an endpoint's params are concrete types",
        );
    }
    for path in derived_paths(&item.attrs) {
        if is_derive(&path, "Serialize") {
            cx.spanned(
                &path,
                "`#[seam_endpoint]` implements `Serialize` already; remove it from this derive",
            );
        }
    }
}
