//! Seam's query-string format for `GET` and `DELETE` params.
//!
//! No crate speaks it, so it is written here: [`to_string`] encodes any `Serialize` value
//! byte for byte as Seam's official SDKs do, and, with the `fake` feature, [`from_str`]
//! decodes it back into a `Deserialize` type (what a server such as the fake needs).
//!
//! ```
//! #[derive(serde::Serialize)]
//! struct ListDevices {
//!     device_ids: Vec<&'static str>,
//!     limit: u32,
//!     custom_metadata_has: std::collections::BTreeMap<&'static str, &'static str>,
//! }
//!
//! let query = seam_runtime::query::to_string(&ListDevices {
//!     device_ids: vec!["d1", "d2"],
//!     limit: 10,
//!     custom_metadata_has: [("room", "12 B")].into(),
//! })?;
//! assert_eq!(
//!     query,
//!     "custom_metadata_has.room=12+B&device_ids=d1&device_ids=d2&limit=10&_strict=true"
//! );
//! # Ok::<(), seam_runtime::query::QueryError>(())
//! ```

mod ser;

#[cfg(feature = "fake")]
mod de;

#[cfg(feature = "fake")]
pub use de::from_str;
pub(crate) use ser::to_pairs;
pub use ser::to_string;

/// A value the query string cannot carry, or a query that does not fit the target type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub(crate) String);

impl serde::ser::Error for QueryError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        QueryError(msg.to_string())
    }
}

impl serde::de::Error for QueryError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        QueryError(msg.to_string())
    }
}

/// Name-value pairs in insertion order; a name may repeat (arrays). A top-level field's
/// name is borrowed from the struct, so most names cost no allocation.
#[derive(Default, Debug)]
pub(crate) struct Pairs(pub(crate) Vec<(Name, String)>);

/// A param's full (dotted) name.
pub(crate) type Name = std::borrow::Cow<'static, str>;

/// `application/x-www-form-urlencoded`: letters, digits and `*-._` as they are, space as
/// `+`, every other byte as `%XX` (the `url` crate's `form_urlencoded`, which writes runs
/// of plain bytes at once).
fn form_encode(text: &str, out: &mut String) {
    out.extend(form_urlencoded::byte_serialize(text.as_bytes()));
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::ser::js_number;
    use super::*;
    use crate::Nullable;

    #[derive(Serialize)]
    struct Params {
        b: bool,
        a: Vec<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        omitted: Option<String>,
        cleared: Nullable<String>,
        empty: Vec<String>,
        blank: &'static str,
        nested: BTreeMap<&'static str, &'static str>,
        n: f64,
    }

    #[test]
    fn encodes_like_the_official_sdks() {
        let q = to_string(&Params {
            b: true,
            a: vec!["x y", "ü&="],
            omitted: None,
            cleared: Nullable::Null,
            empty: vec![],
            blank: "",
            nested: [("k", "v"), ("j", "w")].into(),
            n: 1.5,
        })
        .unwrap();
        assert_eq!(
            q,
            "a=x+y&a=%C3%BC%26%3D&b=true&cleared=&empty=&n=1.5&nested.j=w&nested.k=v&_strict=true"
        );
    }

    #[test]
    fn empty_params_give_an_empty_query() {
        #[derive(Serialize)]
        struct None_ {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<u8>,
        }
        assert_eq!(to_string(&None_ { a: None }).unwrap(), "");
    }

    #[test]
    fn sorts_by_utf16_code_units() {
        let map: BTreeMap<&str, u8> =
            [("\u{ffff}", 1), ("\u{10000}", 2), ("Z", 3), ("a", 4)].into();
        let q = to_string(&map).unwrap();
        // U+10000 is a surrogate pair (0xD800..), which sorts before U+FFFF in UTF-16.
        assert_eq!(q, "Z=3&a=4&%F0%90%80%80=2&%EF%BF%BF=1&_strict=true");
    }

    #[test]
    fn rejects_what_the_query_cannot_carry() {
        #[derive(Serialize)]
        struct Bad<T> {
            v: T,
        }
        assert!(
            to_string(&Bad {
                v: vec![Some("a"), None]
            })
            .unwrap_err()
            .0
            .contains("null")
        );
        assert!(
            to_string(&Bad { v: vec![""] })
                .unwrap_err()
                .0
                .contains("empty string")
        );
        assert!(
            to_string(&Bad { v: vec![vec![1]] })
                .unwrap_err()
                .0
                .contains("arrays or objects")
        );
        assert!(to_string(&Bad { v: f64::NAN }).is_err());
        let dotted: BTreeMap<&str, u8> = [("a.b", 1)].into();
        assert!(to_string(&dotted).unwrap_err().0.contains("`.`"));
        let unnamed: BTreeMap<&str, u8> = [("", 1)].into();
        assert!(to_string(&unnamed).unwrap_err().0.contains("empty"));
        let nested: BTreeMap<&str, BTreeMap<&str, u8>> = [("o", [("", 1)].into())].into();
        assert!(to_string(&nested).unwrap_err().0.contains("`o`"));
        let strict: BTreeMap<&str, bool> = [("_strict", false)].into();
        assert!(to_string(&strict).unwrap_err().0.contains("reserves"));
        // Below the top level it is an ordinary name: `o._strict`.
        let inner: BTreeMap<&str, BTreeMap<&str, u8>> = [("o", [("_strict", 1)].into())].into();
        assert_eq!(to_string(&inner).unwrap(), "o._strict=1&_strict=true");
        assert!(to_string(&5).is_err());
    }

    #[test]
    fn numbers_print_like_javascript() {
        for (v, s) in [
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-2.5, "-2.5"),
            (0.1, "0.1"),
            (123456789.0, "123456789"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(js_number(v).as_deref(), Some(s), "{v}");
        }
        assert_eq!(js_number(f64::INFINITY), None);
    }
}
