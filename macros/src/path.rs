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
        if !path.starts_with('/') {
            report(format!(
                "the endpoint path must start with `/`: `\"/{}\"`",
                path.trim_start_matches('/')
            ));
        }
        if path.chars().any(char::is_whitespace) {
            report("the endpoint path contains whitespace".into());
        }
        if path.contains('?') {
            report(
                "the endpoint path contains `?`; query parameters come from the struct's fields"
                    .into(),
            );
        }
        if path.contains('#') {
            report(
                "the endpoint path contains `#`; a URL fragment is never sent to the server".into(),
            );
        }
        if path.contains("//") {
            report("the endpoint path contains an empty segment (`//`)".into());
        }
        if path.len() > 1 && path.ends_with('/') {
            report(format!(
                "the endpoint path ends with `/`; write `\"{}\"`",
                path.trim_end_matches('/')
            ));
        }
        if path == "/" {
            report(
                "the endpoint path has no segment; name the route, e.g. `\"/devices/get\"`".into(),
            );
        }
        let mut bad: Vec<char> = path
            .chars()
            .filter(|c| {
                !(c.is_ascii_alphanumeric()
                    || matches!(c, '-' | '.' | '_' | '~' | '/' | '{' | '}')
                    || c.is_whitespace()
                    || matches!(c, '?' | '#'))
            })
            .collect();
        bad.dedup();
        if !bad.is_empty() {
            let shown: Vec<String> = bad.iter().map(|c| format!("`{c}`")).collect();
            report(format!(
                "the endpoint path contains {}; a path holds letters, digits, `-`, `.`, `_`, `~` and `{{placeholder}}` segments",
                shown.join(", ")
            ));
        }

        let mut segments = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for raw in path.split('/').skip(1).filter(|s| !s.is_empty()) {
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
                                "the placeholder `{{{name}}}` appears twice in the path"
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
