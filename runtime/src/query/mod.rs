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
pub use ser::to_string;
pub(crate) use ser::to_url;

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
            (100.0, "100"),
            (-7.0, "-7"),
            (0.5, "0.5"),
            (9007199254740991.0, "9007199254740991"),
            (-9007199254740991.0, "-9007199254740991"),
            (9007199254740992.0, "9007199254740992"),
            (1152921504606846976.0, "1152921504606847000"),
            (-1e21, "-1e+21"),
        ] {
            assert_eq!(js_number(v).as_deref(), Some(s), "{v}");
        }
        assert_eq!(js_number(f64::INFINITY), None);
        assert_eq!(js_number(f64::NAN), None);
    }

    /// `to_url`'s query beside `to_string`'s, the same; and whether it was written
    /// straight into the URL, without the sorted pairs.
    fn streams<T: Serialize>(params: &T) -> bool {
        let base = || url::Url::parse("https://connect.getseam.com/devices/list").unwrap();
        let via_url = to_url(params, base);
        if let Ok(url) = &via_url {
            assert!(!url.as_str().ends_with('?'), "{url}");
        }
        let via_url = via_url.map(|url| url.query().unwrap_or_default().to_owned());
        assert_eq!(via_url, to_string(params));
        ser::stream(params, &mut base()).is_ok()
    }

    #[test]
    fn names_in_order_go_straight_into_the_url() {
        #[derive(Serialize)]
        enum Kind {
            #[serde(rename = "august_lock")]
            AugustLock,
        }
        #[derive(Serialize)]
        struct Ordered {
            a_ids: Vec<&'static str>,
            b: Option<&'static str>,
            blank: &'static str,
            c: Nullable<String>,
            d: Vec<u8>,
            e: Kind,
            f: f64,
            g: BTreeMap<&'static str, Vec<i64>>,
            h: char,
            i: bool,
            j: u128,
            k: f32,
            l: Vec<f64>,
        }
        let ordered = Ordered {
            a_ids: vec!["x y", "ü&="],
            b: Some("1"),
            blank: "",
            c: Nullable::Null,
            d: vec![],
            e: Kind::AugustLock,
            f: 100.0,
            g: [("k", vec![-1, 2]), ("j", vec![])].into(),
            h: 'é',
            i: false,
            j: u128::MAX,
            k: 0.1,
            l: vec![0.5, -0.0, 1e21],
        };
        assert!(streams(&ordered));
        assert!(!streams(&Params {
            b: true,
            a: vec![],
            omitted: None,
            cleared: Nullable::Omitted,
            empty: vec![],
            blank: "x",
            nested: [("k", "v")].into(),
            n: 1.5,
        }));
        let json = serde_json::json!({ "b": [1, 2], "a": { "y": null, "x": "1" }, "c": 2.5 });
        assert!(streams(&json));
        // Nothing but omitted params: no query at all, not even `?`.
        let omitted: BTreeMap<&str, Option<u8>> = [("a", None)].into();
        assert!(streams(&omitted));
        assert!(streams(&serde_json::json!({})));
    }

    #[test]
    fn names_out_of_order_give_the_sorted_query() {
        #[derive(Serialize)]
        struct Reversed {
            z: u8,
            a: u8,
        }
        assert!(!streams(&Reversed { z: 1, a: 2 }));

        // A flattened map that sets a name again: the last value wins, where the first was.
        #[derive(Serialize)]
        struct Again {
            a: u8,
            m: Vec<u8>,
            #[serde(flatten)]
            rest: BTreeMap<&'static str, Vec<u8>>,
        }
        for rest in [
            BTreeMap::from([("m", vec![7])]),
            BTreeMap::from([("a", vec![])]),
            BTreeMap::from([("a", vec![1, 2]), ("n", vec![3])]),
            BTreeMap::from([("m", vec![])]),
            BTreeMap::from([("b", vec![]), ("z", vec![9])]),
        ] {
            let again = Again {
                a: 1,
                m: vec![4, 5],
                rest,
            };
            streams(&again);
        }
        assert!(!streams(&Again {
            a: 1,
            m: vec![4, 5],
            rest: [("m", vec![6])].into(),
        }));
        // A scalar set again, and one set again to an empty string (which is left out).
        #[derive(Serialize)]
        struct Scalar {
            a: &'static str,
            #[serde(flatten)]
            rest: BTreeMap<&'static str, &'static str>,
        }
        assert!(!streams(&Scalar {
            a: "1",
            rest: [("a", "2")].into(),
        }));
        assert!(streams(&Scalar {
            a: "1",
            rest: [("a", "")].into(),
        }));
        // Nested objects out of order, and names that UTF-16 sorts differently.
        #[derive(Serialize)]
        struct Outer {
            o: Reversed,
            p: u8,
        }
        assert!(!streams(&Outer {
            o: Reversed { z: 1, a: 2 },
            p: 3,
        }));
        let wide: BTreeMap<&str, u8> = [("a", 1), ("\u{ffff}", 2), ("\u{10000}", 3)].into();
        assert!(!streams(&wide));
        let from_e000: BTreeMap<&str, u8> = [("a", 1), ("\u{e000}", 2)].into();
        assert!(!streams(&from_e000));
        let under_e000: BTreeMap<&str, u8> = [("a", 1), ("\u{d7ff}", 2)].into();
        assert!(streams(&under_e000));
    }

    #[test]
    fn errors_are_the_sorted_encoders() {
        #[derive(Serialize)]
        struct Two<A, B> {
            z: A,
            a: B,
        }
        streams(&Two { z: 1, a: f64::NAN });
        streams(&Two { z: f64::NAN, a: 1 });
        streams(&Two {
            z: vec![""],
            a: vec![Some("a"), None],
        });
        streams(&Two {
            z: 1,
            a: vec![vec![1]],
        });
        streams(&Two {
            z: vec![f64::INFINITY],
            a: 1,
        });
        let unnamed: BTreeMap<&str, u8> = [("", 1), ("a", 2)].into();
        streams(&unnamed);
        let strict: BTreeMap<&str, bool> = [("_strict", false), ("a", true)].into();
        streams(&strict);
        streams(&5);
    }

    #[test]
    fn the_query_follows_one_the_base_url_has() {
        let base = || url::Url::parse("https://example.com/api/devices/list?k=v#top").unwrap();
        let none: BTreeMap<&str, u8> = BTreeMap::new();
        assert_eq!(to_url(&none, base).unwrap().as_str(), base().as_str());
        for params in [
            BTreeMap::from([("a", 1), ("b", 2)]),
            BTreeMap::from([("\u{ffff}", 1)]),
        ] {
            let url = to_url(&params, base).unwrap();
            let query = to_string(&params).unwrap();
            assert_eq!(url.query(), Some(format!("k=v&{query}").as_str()));
            assert_eq!(url.fragment(), Some("top"));
        }
    }
}
