//! A Markdown page per route, in the structure of Seam's docs pages: what `seam docs`
//! prints.

use std::fmt::Write;

use seam::{AuthMode, EndpointMeta, ParamMeta};

use crate::registry;
use crate::types::{Ty, TypeInfo};

/// The Markdown page of one route: title, signature (`PATCH /acs/credentials/unassign ⇒
/// void`), authentication methods, request parameters, response, and examples calling it
/// from Rust and from the command line.
pub fn page(meta: &EndpointMeta) -> String {
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    let _ = write_page(&mut out, meta);
    out
}

/// `METHOD /path ⇒ Response`, `void` for a void route.
pub fn signature(meta: &EndpointMeta) -> String {
    let response = match meta.response {
        Some(response) => TypeInfo::parse(response.rust_type).text,
        None => "void".to_owned(),
    };
    format!("{} {} ⇒ {response}", meta.method, meta.path)
}

/// The title: the first sentence of the route's docs, or its name and namespace.
pub fn title(meta: &EndpointMeta) -> String {
    let first = route_prose(meta).lines().next().unwrap_or("").trim();
    if !first.is_empty() {
        let end = first.find([':', '.']).unwrap_or(first.len());
        return first[..end].trim().to_owned();
    }
    let mut name = meta.name.replace('_', " ");
    if let Some(c) = name.get(..1) {
        name.replace_range(..1, &c.to_uppercase());
    }
    match meta.namespace {
        [] => name,
        namespace => format!("{name} ({})", namespace.join(" ")),
    }
}

/// A route's docs without the line a generator writes when it has nothing to say
/// (`` `PATCH /acs/credentials/unassign`: a void route. ``).
pub fn route_prose(meta: &EndpointMeta) -> &'static str {
    let route = format!("`{}`", meta.route());
    without_stub(meta.docs, &route, &[": a void route"])
}

/// A param's docs without the line a generator writes when it has nothing to say
/// (`` `acs_user_id`, required. ``).
pub fn param_prose(param: &ParamMeta) -> &'static str {
    let name = format!("`{}`", param.name);
    without_stub(
        param.docs,
        &name,
        &[", required", ", always present", " (deprecated)"],
    )
}

/// `docs` without its first line when that line is `head`, any of `tails`, and a period.
fn without_stub(docs: &'static str, head: &str, tails: &[&str]) -> &'static str {
    let docs = docs.trim();
    let (first, rest) = docs.split_once('\n').unwrap_or((docs, ""));
    let Some(mut tail) = first.trim().strip_prefix(head) else {
        return docs;
    };
    while let Some(shorter) = tails.iter().find_map(|t| tail.strip_prefix(t)) {
        tail = shorter;
    }
    if matches!(tail, "" | ".") {
        rest.trim()
    } else {
        docs
    }
}

fn write_page(out: &mut String, meta: &EndpointMeta) -> std::fmt::Result {
    writeln!(out, "# {}\n", title(meta))?;
    if meta.deprecated {
        writeln!(out, "> **Deprecated.**\n")?;
    }
    writeln!(out, "- [Request Parameters](#request-parameters)")?;
    writeln!(out, "- [Response](#response)")?;
    writeln!(out, "- [Examples](#examples)\n")?;
    let prose = route_prose(meta);
    if !prose.is_empty() {
        writeln!(out, "{prose}\n")?;
    }
    writeln!(out, "```\n{}\n```\n", signature(meta))?;

    writeln!(
        out,
        "<details>\n\n<summary>Authentication Methods</summary>\n"
    )?;
    match meta.auth {
        None => writeln!(out, "- Any")?,
        Some(modes) => {
            for mode in modes {
                writeln!(out, "- {}", auth_name(*mode))?;
            }
        }
    }
    writeln!(out, "</details>\n")?;

    writeln!(out, "## Request Parameters\n")?;
    if meta.params.is_empty() {
        writeln!(out, "None.\n")?;
    }
    for param in meta.params {
        write_param(out, param)?;
    }
    for group in meta.at_least_one_of {
        let names: Vec<String> = group.iter().map(|n| format!("`{n}`")).collect();
        writeln!(out, "Give at least one of {}.\n", names.join(", "))?;
    }

    writeln!(out, "\n## Response\n")?;
    match meta.response {
        None => writeln!(out, "void")?,
        Some(response) => {
            let ty = TypeInfo::parse(response.rust_type).text;
            writeln!(out, "*{ty}*, under the `{}` key.", response.key)?;
        }
    }
    if let Some(returns) = meta.returns {
        writeln!(
            out,
            "\nThe body also carries `{}` (*{}*).",
            returns.key,
            TypeInfo::parse(returns.rust_type).text
        )?;
    }
    if meta.paginated {
        writeln!(
            out,
            "\nA paginated list: pass `pagination.next_page_cursor` as `page_cursor` for the next page."
        )?;
    }
    if meta.action_attempt {
        writeln!(
            out,
            "\nAn action attempt: the SDK and the command line wait for its outcome."
        )?;
    }
    writeln!(out, "\n---\n")?;

    write_examples(out, meta)
}

fn write_param(out: &mut String, param: &ParamMeta) -> std::fmt::Result {
    let info = TypeInfo::parse(param.rust_type);
    let mut flags = vec![if param.required {
        "Required"
    } else {
        "Optional"
    }];
    if param.nullable {
        flags.push("nullable");
    }
    if param.deprecated {
        flags.push("deprecated");
    }
    writeln!(
        out,
        "**`{}`** *{}* ({})\n",
        param.name,
        info.text,
        flags.join(", ")
    )?;
    let prose = param_prose(param);
    if !prose.is_empty() {
        writeln!(out, "{prose}\n")?;
    }
    writeln!(out, "---\n")
}

/// The params an example sets: the required ones, the first of each "at least one of"
/// group, and otherwise the first optional id (the target a route usually needs).
fn example_params(meta: &EndpointMeta) -> Vec<&'static ParamMeta> {
    let first_id = meta.params.iter().find(|p| {
        !p.required && p.name.ends_with("_id") && TypeInfo::parse(p.rust_type).ty == Ty::String
    });
    meta.params
        .iter()
        .filter(|p| {
            p.required
                || meta
                    .at_least_one_of
                    .iter()
                    .any(|g| g.first() == Some(&p.name))
                || (meta.at_least_one_of.is_empty() && first_id.is_some_and(|f| f.name == p.name))
        })
        .collect()
}

/// A sample value for the `n`th param of an example: UUID-shaped for ids.
fn sample(param: &ParamMeta, n: usize) -> String {
    if param.name.ends_with("_id") || param.name.ends_with("_ids") {
        let d = char::from(b'1' + (n % 9) as u8);
        let group = |len: usize| std::iter::repeat_n(d, len).collect::<String>();
        format!(
            "{}-{}-{}-{}-{}",
            group(8),
            group(4),
            group(4),
            group(4),
            group(12)
        )
    } else if TypeInfo::parse(param.rust_type).ty == Ty::Timestamp {
        "2025-01-01T00:00:00.000Z".to_owned()
    } else if param.name.contains("email") {
        "jane@example.com".to_owned()
    } else {
        "example".to_owned()
    }
}

/// `seam acs credentials unassign --acs_credential_id "…" ..`: the command line of an
/// example call.
pub fn command_line(meta: &EndpointMeta) -> String {
    let mut line = String::from("seam");
    for word in meta.namespace.iter().chain([&meta.name]) {
        line.push(' ');
        line.push_str(word);
    }
    for (n, param) in example_params(meta).into_iter().enumerate() {
        let ty = TypeInfo::parse(param.rust_type).ty;
        line.push_str(" --");
        line.push_str(param.name);
        if let Some(value) = ty.cli_example(&sample(param, n)) {
            line.push(' ');
            line.push_str(&value);
        }
    }
    line
}

/// The Rust call of an example, through the route's namespace for Seam's own routes and
/// through `Seam::send` for a library's.
pub fn rust_call(meta: &EndpointMeta) -> String {
    let shown = example_params(meta);
    let mut fields = String::new();
    let mut n = 0;
    for param in meta.params {
        let info = TypeInfo::parse(param.rust_type);
        let value = if shown.iter().any(|p| p.name == param.name) {
            let value = info.ty.rust_example(&sample(param, n));
            n += 1;
            match (param.required, param.nullable) {
                (true, _) => value,
                (false, true) => format!("Nullable::Value({value})"),
                (false, false) => format!("Some({value})"),
            }
        } else if param.nullable {
            "Nullable::Omitted".to_owned()
        } else {
            "None".to_owned()
        };
        let _ = writeln!(fields, "    {}: {value},", field_name(param.name));
    }

    let own = registry::is_seams_own(meta);
    let module = if own {
        let rest = meta.module_path.strip_prefix("seam::api").unwrap_or("");
        format!("seam{rest}")
    } else {
        meta.module_path.to_owned()
    };
    let mut code = format!("use {module}::{};\n", meta.type_name);
    code.push_str(if own {
        "use seam::prelude::*;\n"
    } else {
        "use seam::Seam;\n"
    });
    if meta.params.iter().any(|p| p.nullable) {
        code.push_str("use seam::Nullable;\n");
    }
    code.push_str("\nlet seam = Seam::from_env()?;\n");
    let binding = match meta.response {
        Some(response) => format!("let {} = ", response.key),
        None => String::new(),
    };
    let call = if own {
        let mut chain = String::from("seam");
        for segment in meta.namespace {
            let _ = write!(chain, ".{}()", field_name(segment));
        }
        let _ = write!(chain, ".{}", field_name(meta.name));
        chain
    } else {
        "seam.send".to_owned()
    };
    let _ = write!(
        code,
        "{binding}{call}({} {{\n{fields}}})\n.await?;",
        meta.type_name
    );
    code.replace("})\n.await", "}).await")
}

/// A wire name as a Rust field or method name (`type` is `r#type`).
fn field_name(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
        "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
        "struct", "trait", "true", "try", "type", "typeof", "unsafe", "use", "virtual", "where",
        "while", "yield",
    ];
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

fn write_examples(out: &mut String, meta: &EndpointMeta) -> std::fmt::Result {
    writeln!(out, "## Examples\n")?;
    writeln!(out, "### Rust\n")?;
    writeln!(out, "```rust\n{}\n```\n", rust_call(meta))?;
    writeln!(out, "#### Output\n")?;
    match meta.response {
        None => writeln!(out, "```rust\n()\n```\n")?,
        Some(response) => writeln!(
            out,
            "Resolves to *{}*.\n",
            TypeInfo::parse(response.rust_type).text
        )?,
    }
    writeln!(out, "### Command line\n")?;
    writeln!(out, "```sh\n{}\n```\n", command_line(meta))?;
    writeln!(out, "#### Output\n")?;
    match meta.response {
        None => writeln!(out, "```json\n{{}}\n```"),
        Some(response) => writeln!(out, "The `{}` value, as JSON.", response.key),
    }
}

/// How Seam's docs name an auth mode.
fn auth_name(mode: AuthMode) -> &'static str {
    match mode {
        AuthMode::ApiKey => "API key",
        AuthMode::PersonalAccessToken => {
            "Personal access token\n  <br>Must also include the `seam-workspace` header in the request."
        }
        AuthMode::PersonalAccessTokenWithoutWorkspace => {
            "Personal access token, without a workspace"
        }
        AuthMode::ConsoleSession => {
            "Console session token\n  <br>Must also include the `seam-workspace` header in the request."
        }
        AuthMode::ConsoleSessionWithoutWorkspace => "Console session token, without a workspace",
        AuthMode::ClientSession => "Client session token",
        AuthMode::PublishableKey => "Publishable key",
        _ => "Another method",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> &'static EndpointMeta {
        registry::find("/acs/credentials/unassign").expect("the seed route")
    }

    #[test]
    fn the_seed_page_has_the_seed_structure() {
        let page = page(seed());
        assert!(
            page.contains("PATCH /acs/credentials/unassign ⇒ void"),
            "{page}"
        );
        assert!(
            page.contains("**`acs_credential_id`** *String* (Required)"),
            "{page}"
        );
        assert!(
            page.contains("**`acs_user_id`** *String* (Optional)"),
            "{page}"
        );
        assert!(page.contains("## Response\n\nvoid"), "{page}");
    }

    #[test]
    fn generator_stubs_are_not_prose() {
        assert_eq!(route_prose(seed()), "");
        assert_eq!(param_prose(&seed().params[0]), "");
        assert_eq!(title(seed()), "Unassign (acs credentials)");
    }

    #[test]
    fn examples_set_the_required_params_and_the_target() {
        assert_eq!(
            command_line(seed()),
            "seam acs credentials unassign \
             --acs_credential_id \"11111111-1111-1111-1111-111111111111\" \
             --acs_user_id \"22222222-2222-2222-2222-222222222222\""
        );
        let rust = rust_call(seed());
        assert!(
            rust.contains("use seam::acs::credentials::Unassign;"),
            "{rust}"
        );
        assert!(
            rust.contains("seam.acs().credentials().unassign(Unassign {"),
            "{rust}"
        );
        assert!(
            rust.contains("    user_identity_id: None,\n}).await?;"),
            "{rust}"
        );
    }

    #[test]
    fn a_route_with_a_response_names_its_type() {
        let get = registry::find("/acs/credentials/get").unwrap();
        assert_eq!(signature(get), "GET /acs/credentials/get ⇒ AcsCredential");
        assert!(rust_call(get).contains("let acs_credential = seam.acs()"));
    }
}
