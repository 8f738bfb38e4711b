//! The endpoints this program can call: every declaration linked into it (Seam's own and
//! any library's), each route once, in a stable order, and arranged by namespace.

use std::collections::BTreeMap;

use seam::EndpointMeta;

/// Every endpoint linked into this program, one per method and path, sorted by path then
/// method.
///
/// The registry's own order is unspecified, so this one is what the command line, the
/// OpenAPI document and the docs use. When two crates declare the same method and path,
/// Seam's own declaration (the `seam` crate's) wins, then the first by module path.
pub fn routes() -> Vec<&'static EndpointMeta> {
    let mut all: Vec<&'static EndpointMeta> = seam::endpoints().to_vec();
    all.sort_by_key(|m| {
        (
            m.path,
            m.method.as_str(),
            !is_seams_own(m),
            m.module_path,
            m.type_name,
        )
    });
    all.dedup_by_key(|m| (m.path, m.method));
    all
}

/// Whether the `seam` crate declares `meta` (rather than a library of its own).
pub fn is_seams_own(meta: &EndpointMeta) -> bool {
    meta.module_path == "seam" || meta.module_path.starts_with("seam::")
}

/// The route named by `route`: a path (`/acs/credentials/unassign`), or its namespace and
/// name as words (`acs credentials unassign`, also `acs.credentials.unassign`).
pub fn find(route: &str) -> Option<&'static EndpointMeta> {
    let route = route.trim();
    if route.starts_with('/') {
        let path = route.trim_end_matches('/');
        return routes().into_iter().find(|m| m.path == path);
    }
    let words: Vec<&str> = route
        .split(|c: char| c.is_whitespace() || c == '.' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let (name, namespace) = words.split_last()?;
    routes()
        .into_iter()
        .find(|m| m.name == *name && m.namespace == namespace)
}

/// A namespace: the namespaces under it and the routes in it.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    /// The namespaces under this one, by name.
    pub children: BTreeMap<&'static str, Namespace>,
    /// The routes in this namespace, by method name.
    pub routes: BTreeMap<&'static str, &'static EndpointMeta>,
}

impl Namespace {
    /// The namespace at `path` under this one.
    pub fn get(&self, path: &[&str]) -> Option<&Namespace> {
        match path.split_first() {
            None => Some(self),
            Some((first, rest)) => self.children.get(*first)?.get(rest),
        }
    }

    /// How many routes are in this namespace and under it.
    pub fn len(&self) -> usize {
        self.routes.len() + self.children.values().map(Namespace::len).sum::<usize>()
    }

    /// Whether no route is in this namespace or under it.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The routes of [`routes`] arranged by namespace: `["acs", "credentials"]` +
/// `"unassign"` is `root.children["acs"].children["credentials"].routes["unassign"]`.
///
/// A route keeps its place unless an earlier route (by path) has the same namespace and
/// name, or a namespace has its name; such a route is still in [`routes`], only not in
/// the tree. Routes without a name are left out.
pub fn tree() -> Namespace {
    let mut root = Namespace::default();
    for meta in routes() {
        if meta.name.is_empty() {
            continue;
        }
        let mut node = &mut root;
        for segment in meta.namespace {
            node = node.children.entry(segment).or_default();
        }
        node.routes.entry(meta.name).or_insert(meta);
    }
    drop_shadowed(&mut root);
    root
}

fn drop_shadowed(node: &mut Namespace) {
    let Namespace { children, routes } = node;
    routes.retain(|name, _| !children.contains_key(name));
    children.values_mut().for_each(drop_shadowed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_path_and_by_words() {
        let by_path = find("/acs/credentials/unassign").expect("the seed route");
        assert_eq!(by_path.name, "unassign");
        let by_words = find("acs credentials unassign").expect("the seed route");
        assert_eq!(by_words.path, by_path.path);
        assert!(find("acs.credentials.unassign").is_some());
        assert!(find("acs credentials frobnicate").is_none());
    }

    #[test]
    fn the_tree_holds_every_documented_route() {
        let tree = tree();
        assert!(tree.len() >= 201, "{} routes", tree.len());
        let credentials = tree.get(&["acs", "credentials"]).unwrap();
        assert!(credentials.routes.contains_key("unassign"));
    }
}
