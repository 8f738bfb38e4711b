//! The query encoder on arbitrary values: what it writes decodes back (through the
//! runtime's decoder, and through a reference decoder written here from the rules in
//! SEAM-API.md), or it refuses with an error that names the param.
//! `fuzz/fuzz_targets/query.rs` runs the same round trip on libFuzzer's inputs.

use std::collections::BTreeMap;

use proptest::prelude::*;
use seam::Nullable;
use seam::query::{from_str, to_string};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::query_oracle::{expected_pairs, reference_pairs};

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
struct Typed {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    s: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    u: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    f: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    b: Option<bool>,
    #[serde(default)]
    v: Vec<String>,
    #[serde(default)]
    nums: Vec<i32>,
    #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
    cleared: Nullable<String>,
    #[serde(default)]
    m: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    inner: Option<Inner>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
struct Inner {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    x: Option<String>,
    flag: bool,
}

/// What the encoder cannot carry in `t`: the names its error may show, one of each
/// param it cannot carry; empty when it can carry it all.
fn uncarriable(t: &Typed) -> Vec<String> {
    let mut names = Vec::new();
    if t.f.is_some_and(|f| !f.is_finite()) {
        names.push("`f`".to_owned());
    }
    if t.v.iter().any(String::is_empty) {
        names.push("`v`".to_owned());
    }
    names.extend(
        t.m.keys()
            .filter(|k| k.contains('.'))
            .map(|k| format!("`{k}`")),
    );
    // `m.=v` would name nothing: an empty key is refused, naming its object.
    if t.m.keys().any(String::is_empty) {
        names.push("`m`".to_owned());
    }
    names
}

/// `t` as it comes back: an empty string is left out of a query, so it returns omitted.
fn normalized(mut t: Typed) -> Typed {
    t.s = t.s.filter(|s| !s.is_empty());
    if matches!(&t.cleared, Nullable::Value(s) if s.is_empty()) {
        t.cleared = Nullable::Omitted;
    }
    t.m.retain(|_, v| !v.is_empty());
    if let Some(inner) = &mut t.inner {
        inner.x = inner.x.take().filter(|s| !s.is_empty());
    }
    t
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9 ]{0,8}",
        2 => "\\PC{0,8}",
        1 => prop::sample::select(vec!["", "&", "=", "+", "%", "%20", "a.b", "_strict", "ü&=", "\u{10000}"])
            .prop_map(str::to_owned),
    ]
}

fn typed() -> impl Strategy<Value = Typed> {
    let nullable = prop_oneof![
        Just(Nullable::Omitted),
        Just(Nullable::Null),
        text().prop_map(Nullable::Value),
    ];
    let float = prop_oneof![
        4 => any::<f64>().prop_filter("finite", |f| f.is_finite()),
        1 => prop::sample::select(vec![f64::NAN, f64::INFINITY, 0.1, -0.0, 1e21, 5e-324]),
    ];
    (
        (
            prop::option::of(text()),
            prop::option::of(any::<i64>()),
            prop::option::of(any::<u64>()),
            prop::option::of(float),
            prop::option::of(any::<bool>()),
        ),
        (
            prop::collection::vec(text(), 0..4),
            prop::collection::vec(any::<i32>(), 0..4),
            nullable,
            prop::collection::btree_map(text(), text(), 0..4),
            prop::option::of((prop::option::of(text()), any::<bool>())),
        ),
    )
        .prop_map(|((s, n, u, f, b), (v, nums, cleared, m, inner))| Typed {
            s,
            n,
            u,
            f,
            b,
            v,
            nums,
            cleared,
            m,
            inner: inner.map(|(x, flag)| Inner { x, flag }),
        })
}

/// JSON values the query format is about: scalars, arrays (of scalars, mostly) and
/// nested objects; param names are never empty.
fn query_value() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        text().prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
    ];
    let name = prop_oneof![8 => "[a-z_]{1,6}", 1 => "[a-z]\\PC{0,4}", 1 => Just("a.b".to_owned())];
    let leaf = prop_oneof![
        6 => scalar.clone(),
        1 => Just(Value::Null),
        2 => prop::collection::vec(scalar, 0..4).prop_map(Value::Array),
        1 => Just(serde_json::json!([null])),
        1 => Just(serde_json::json!([[1]])),
    ];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop::collection::btree_map(name.clone(), inner, 0..4)
            .prop_map(|m| Value::Object(m.into_iter().collect()))
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Typed params come back equal (up to left-out empty strings), or the encoder names
    /// what it cannot carry.
    #[test]
    fn typed_params_round_trip(t in typed()) {
        let refused = uncarriable(&t);
        match (to_string(&t), refused.is_empty()) {
            (Ok(query), true) => {
                let back: Typed = from_str(&query)
                    .map_err(|e| TestCaseError::fail(format!("{query}: {e}")))?;
                prop_assert_eq!(back, normalized(t), "{}", query);
            }
            (Err(e), false) => {
                let message = e.to_string();
                prop_assert!(
                    refused.iter().any(|name| message.contains(name)),
                    "{message} names none of {refused:?}"
                );
            }
            (outcome, _) => {
                return Err(TestCaseError::fail(format!("{outcome:?}, expected to refuse {refused:?}")));
            }
        }
    }

    /// Any nested JSON object: the reference decoder reads back exactly the pairs the
    /// rules call for, in order, from text that escapes every other byte.
    #[test]
    fn json_params_match_the_reference(
        map in prop::collection::btree_map(
            prop_oneof![12 => "[a-z_]{1,6}", 1 => Just("_strict".to_owned())],
            query_value(),
            0..6,
        )
    ) {
        let value: Map<String, Value> = map.into_iter().collect();
        match (to_string(&value), expected_pairs(&value)) {
            (Ok(query), Ok(expected)) => {
                prop_assert!(
                    query.bytes().all(|b| b.is_ascii_alphanumeric() || b"*-._%+=&".contains(&b)),
                    "unescaped byte in {}", query
                );
                let pairs = reference_pairs(&query);
                prop_assert_eq!(pairs.len(), expected.len(), "{}", query);
                for ((name, got), (want_name, want)) in pairs.iter().zip(&expected) {
                    prop_assert_eq!(name, want_name, "{}", query);
                    // Numbers print as JavaScript does; compare their values.
                    match (got.parse::<f64>(), want.parse::<f64>()) {
                        (Ok(a), Ok(b)) if got != want => prop_assert_eq!(a, b, "{}", query),
                        _ => prop_assert_eq!(got, want, "{}", query),
                    }
                }
                // And the runtime's own decoder reads it without error.
                let decoded: Result<Value, _> = from_str(&query);
                prop_assert!(decoded.is_ok(), "{query}: {decoded:?}");
            }
            (Err(e), Err(name)) => {
                let message = e.to_string();
                let last = name.rsplit('.').next().unwrap_or(&name);
                prop_assert!(message.contains(last), "{message} does not name `{name}`");
            }
            (outcome, expected) => {
                return Err(TestCaseError::fail(format!("{outcome:?}, expected {expected:?}")));
            }
        }
    }

    /// Any text at all given to the decoder: a value or an error, never a panic.
    #[test]
    fn decoder_takes_any_text(query in "\\PC{0,40}|[a-z.=&%+0-9A-F]{0,40}") {
        let _ = from_str::<Value>(&query);
        let _ = from_str::<Typed>(&query);
    }
}

/// The oracles can fail: a value the rules encode one way, and one they refuse.
#[test]
fn the_reference_knows_the_rules() {
    let value = serde_json::json!({"b": [1, "x y"], "a": {"k": null}, "e": ""});
    let Value::Object(map) = value else {
        unreachable!()
    };
    assert_eq!(to_string(&map).unwrap(), "a.k=&b=1&b=x+y&_strict=true");
    assert_eq!(
        reference_pairs(&to_string(&map).unwrap()),
        expected_pairs(&map).unwrap()
    );
    let nested = serde_json::json!({"a": [[1]]});
    let Value::Object(nested) = nested else {
        unreachable!()
    };
    assert_eq!(expected_pairs(&nested), Err("a".to_owned()));
    assert!(to_string(&nested).is_err());
}
