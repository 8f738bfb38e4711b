//! The endpoint path template, `"/things/{id}/frob"`: its checks, its placeholders, and the
//! namespace and method name derived from it.

use proc_macro2::Span;

use crate::ctxt::Ctxt;

/// One segment of a path template.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// Text sent as written.
    Literal(String),
    /// `{name}`: filled from the field of that name.
    Placeholder(String),
}

/// A checked path template.
#[derive(Debug)]
pub(crate) struct Template {
    pub(crate) segments: Vec<Segment>,
}

impl Template {
    /// Parses and checks `path`, recording every mistake at `span` (the string literal).
    pub(crate) fn parse(path: &str, span: Span, cx: &mut Ctxt) -> Option<Template> {
        let before = cx.is_ok();
        let mut report = |message: String| cx.at(span, message);

        if path.is_empty() {
            report(
                "the endpoint path is empty; it starts with `/`, e.g. `\"/devices/get\"`".into(),
            );
            return None;
        }
        // What the path should probably read, offered in the messages below: `/` first,
        // no query or fragment, no empty segment, no trailing `/`.
        let route = path.split(['?', '#']).next().unwrap_or_default();
        let fixed = suggestion(route);
        if !path.starts_with('/') {
            report(format!(
                "the endpoint path must start with `/`: write `\"{fixed}\"`"
            ));
        }
        if path.chars().any(char::is_whitespace) {
            report(
                "the endpoint path contains whitespace; separate segments with `/` and words with `_`"
                    .into(),
            );
        }
        if path.contains('?') {
            report(format!(
                "the endpoint path contains `?`; the query string comes from the struct's fields, write `\"{fixed}\"`"
            ));
        }
        if path.contains('#') {
            report(format!(
                "the endpoint path contains `#`; a URL fragment is never sent to the server, write `\"{fixed}\"`"
            ));
        }
        if route.contains("//") {
            report(format!(
                "the endpoint path contains an empty segment (`//`); write `\"{fixed}\"`"
            ));
        }
        if route.len() > 1 && route.ends_with('/') {
            report(format!(
                "the endpoint path ends with `/`; write `\"{fixed}\"`"
            ));
        }
        if route == "/" {
            report(
                "the endpoint path has no segment; name the route, e.g. `\"/devices/get\"`".into(),
            );
        }
        let mut bad: Vec<char> = Vec::new();
        for c in route.chars() {
            let allowed = c.is_ascii_alphanumeric()
                || matches!(c, '-' | '.' | '_' | '~' | '/' | '{' | '}')
                || c.is_whitespace();
            if !allowed && !bad.contains(&c) {
                bad.push(c);
            }
        }
        if !bad.is_empty() {
            let shown: Vec<String> = bad.iter().map(|c| format!("`{c}`")).collect();
            report(format!(
                "the endpoint path contains {}; a path holds letters, digits, `-`, `.`, `_`, `~` and `{{placeholder}}` segments",
                shown.join(", ")
            ));
        }

        let mut segments = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for raw in route.split('/').filter(|s| !s.is_empty()) {
            if raw == "." || raw == ".." {
                report(format!("the endpoint path contains a `{raw}` segment"));
                continue;
            }
            if raw.contains('{') || raw.contains('}') {
                let inner = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}'));
                match inner {
                    Some(name) if is_ident(name) => {
                        if seen.contains(&name) {
                            report(format!(
                                "the placeholder `{{{name}}}` appears twice in the path; a field fills one placeholder"
                            ));
                        } else {
                            seen.push(name);
                            segments.push(Segment::Placeholder(name.to_owned()));
                        }
                    }
                    Some("") => {
                        report("empty placeholder `{}`; name a field, e.g. `{device_id}`".into())
                    }
                    Some(name) => report(format!(
                        "the placeholder `{{{name}}}` must name a field: a Rust identifier"
                    )),
                    None => report(format!(
                        "the segment `{raw}` mixes text and braces; a placeholder fills a whole segment, e.g. `/things/{{id}}`"
                    )),
                }
            } else {
                segments.push(Segment::Literal(raw.to_owned()));
            }
        }
        if before && !cx.is_ok() {
            return None;
        }
        Some(Template { segments })
    }

    /// The names of the placeholders, in order.
    pub(crate) fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Placeholder(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// The literal segments: the namespace is all but the last, the method name the last.
    pub(crate) fn literals(&self) -> Vec<&str> {
        self.segments
            .iter()
            .filter_map(|s| match s {
                Segment::Literal(text) => Some(text.as_str()),
                Segment::Placeholder(_) => None,
            })
            .collect()
    }
}

/// `route` with a leading `/`, without empty segments or a trailing `/`.
fn suggestion(route: &str) -> String {
    let segments: Vec<&str> = route.split('/').filter(|s| !s.is_empty()).collect();
    format!("/{}", segments.join("/"))
}

/// Whether `s` is a plain Rust identifier (ASCII, not starting with a digit).
pub(crate) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s != "_"
}

/// A segment as a Rust identifier: `validate-config` becomes `validate_config`.
pub(crate) fn ident_for(segment: &str) -> Option<String> {
    let name = segment.replace('-', "_");
    is_ident(&name).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(path: &str) -> Option<String> {
        let mut cx = Ctxt::default();
        Template::parse(path, Span::call_site(), &mut cx);
        cx.finish().err().map(|e| {
            e.into_iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        })
    }

    #[test]
    fn accepts_seam_paths() {
        for path in [
            "/acs/credentials/unassign",
            "/seam/customer/v1/connectors/ical/validate-config",
            "/things/{id}/frob",
        ] {
            assert_eq!(errors(path), None, "{path}");
        }
    }

    #[test]
    fn rejects_malformed_paths() {
        for (path, needle) in [
            ("", "empty"),
            ("devices/get", "start with `/`"),
            ("/devices get", "whitespace"),
            ("/devices?x=1", "`?`"),
            ("/devices#x", "`#`"),
            ("/devices//get", "`//`"),
            ("/devices/", "ends with `/`"),
            ("/", "no segment"),
            ("/a/{}", "empty placeholder"),
            ("/a/{id}/{id}", "twice"),
            ("/a/x{id}", "mixes"),
            ("/a/{1x}", "identifier"),
            ("/a/%20", "`%`"),
            ("/a/../b", "`..`"),
        ] {
            let e = errors(path).unwrap_or_default();
            assert!(e.contains(needle), "{path:?}: {e}");
        }
    }

    #[test]
    fn suggests_one_corrected_path() {
        let e = errors("devices//get/").unwrap();
        assert_eq!(e.matches("write `\"/devices/get\"`").count(), 3, "{e}");
        let e = errors("/devices/get?device_id=d1&x=2").unwrap();
        assert_eq!(
            e,
            "the endpoint path contains `?`; the query string comes from the struct's fields, write `\"/devices/get\"`"
        );
        let e = errors("/devices/get#a/b").unwrap();
        assert!(
            e.ends_with("write `\"/devices/get\"`") && !e.contains('|'),
            "{e}"
        );
    }

    #[test]
    fn reports_all_mistakes_together() {
        let e = errors("devices get/").unwrap();
        assert!(
            e.contains("start with") && e.contains("whitespace") && e.contains("ends with"),
            "{e}"
        );
    }

    #[test]
    fn derives_names() {
        let mut cx = Ctxt::default();
        let t = Template::parse("/things/{id}/frob", Span::call_site(), &mut cx).unwrap();
        assert_eq!(t.literals(), ["things", "frob"]);
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["id"]);
        assert_eq!(
            ident_for("validate-config").as_deref(),
            Some("validate_config")
        );
        assert_eq!(ident_for("[provider]"), None);
    }
}
