//! The query encoder and decoder: an arbitrary tree of strings, numbers, booleans, nulls,
//! arrays and nested maps encodes to pairs the rules call for, which the decoder reads
//! back, or is refused with an error naming the param; any text given to the decoder is
//! a value or an error. Never a panic.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use seam_runtime::query::{from_str, to_string};
use serde_json::{Map, Value};

#[path = "../../tests/support/query_oracle.rs"]
mod query_oracle;
use query_oracle::{expected_pairs, reference_pairs};

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)] // Only decoded, to exercise the typed paths.
struct Typed {
    #[serde(default)]
    a: Option<String>,
    #[serde(default)]
    n: Option<f64>,
    #[serde(default)]
    b: Option<bool>,
    #[serde(default)]
    v: Vec<u32>,
    #[serde(default)]
    m: std::collections::BTreeMap<String, String>,
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        let text = String::from_utf8_lossy(rest);
        let _ = from_str::<Value>(&text);
        let _ = from_str::<Typed>(&text);
        return;
    }
    let mut u = Unstructured::new(rest);
    let Ok(map) = object(&mut u, 0) else {
        return;
    };
    match (to_string(&map), expected_pairs(&map)) {
        (Ok(query), Ok(pairs)) => {
            assert!(
                query
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"*-._%+=&".contains(&b)),
                "{query}"
            );
            let got = reference_pairs(&query);
            assert_eq!(got.len(), pairs.len(), "{query} vs {pairs:?}");
            for ((name, value), (want_name, want)) in got.iter().zip(&pairs) {
                assert_eq!(name, want_name, "{query}");
                match (value.parse::<f64>(), want.parse::<f64>()) {
                    (Ok(a), Ok(b)) if value != want => assert_eq!(a, b, "{query}"),
                    _ => assert_eq!(value, want, "{query}"),
                }
            }
            assert!(from_str::<Value>(&query).is_ok(), "{query}");
        }
        (Err(e), Err(name)) => {
            let last = name.rsplit('.').next().unwrap_or_default();
            assert!(e.to_string().contains(last), "{e} does not name {name}");
        }
        (got, want) => panic!("{got:?} but the rules say {want:?} for {map:?}"),
    }
});

fn name(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    // Now and then the names the encoder must refuse: empty, and `_strict` at the top.
    Ok(match u.int_in_range(0..=15)? {
        0 => String::new(),
        1 => "_strict".into(),
        _ => u.arbitrary()?,
    })
}

fn scalar(u: &mut Unstructured<'_>) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=4)? {
        0 => Value::String(u.arbitrary()?),
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => serde_json::Number::from_f64(u.arbitrary()?).map_or(Value::Null, Value::Number),
        _ => Value::Null,
    })
}

fn value(u: &mut Unstructured<'_>, depth: u8) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=3)? {
        0 | 1 => scalar(u)?,
        2 => {
            let len = u.int_in_range(0..=4)?;
            Value::Array((0..len).map(|_| scalar(u)).collect::<Result<_, _>>()?)
        }
        _ if depth < 3 => Value::Object(object(u, depth + 1)?),
        _ => scalar(u)?,
    })
}

fn object(u: &mut Unstructured<'_>, depth: u8) -> arbitrary::Result<Map<String, Value>> {
    let len = u.int_in_range(0..=5)?;
    let mut map = Map::new();
    for _ in 0..len {
        map.insert(name(u)?, value(u, depth)?);
    }
    Ok(map)
}
