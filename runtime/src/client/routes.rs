//! Each static route's URL, built once per client: `set_path` runs the path through the
//! URL parser, which costs more than the rest of building a small request.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::RwLock;

/// The URL of `base` + a static path, by the path's address and length: a route's
/// path is a `&'static str` constant, so where it lies names it without hashing its text
/// (the same text at two addresses is two entries, both right). Bounded by the routes
/// linked into the program.
#[derive(Default)]
pub(crate) struct Routes(RwLock<HashMap<(usize, usize), url::Url, BuildHasherDefault<AddrHasher>>>);

impl Routes {
    /// The URL of the route at `path`, without a query, built by `build` the first time.
    pub(crate) fn get_or_build(
        &self,
        path: &'static str,
        build: impl FnOnce() -> url::Url,
    ) -> url::Url {
        let key = (path.as_ptr() as usize, path.len());
        if let Some(url) = self.0.read().ok().and_then(|m| m.get(&key).cloned()) {
            return url;
        }
        let url = build();
        if let Ok(mut map) = self.0.write() {
            map.insert(key, url.clone());
        }
        url
    }
}

/// A hasher for addresses: one multiply, since the keys are already unique integers.
#[derive(Default)]
pub(crate) struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(path: &str) -> url::Url {
        url::Url::parse(&format!("https://connect.getseam.com{path}")).unwrap()
    }

    // Statics, so each name is one address (two equal literals need not be).
    static DEVICES: &str = "/devices/list";
    static LOCKS: &str = "/locks/list";

    #[test]
    fn each_static_route_is_built_once() {
        let routes = Routes::default();
        let mut builds = 0;
        let mut get = |path: &'static str| {
            routes.get_or_build(path, || {
                builds += 1;
                built(path)
            })
        };
        let first = get(DEVICES);
        let again = get(DEVICES);
        let other = get(LOCKS);
        assert_eq!(first.as_str(), "https://connect.getseam.com/devices/list");
        assert_eq!(again, first);
        assert_eq!(other.path(), "/locks/list");
        assert_eq!(builds, 2);
    }
}
