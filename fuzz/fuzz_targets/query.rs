//! The query encoder and decoder: an arbitrary tree of strings, numbers, booleans, nulls,
//! arrays and nested maps encodes to pairs the rules call for, which the decoder reads
//! back, or is refused with an error naming the param; any text given to the decoder is
//! a value or an error. Never a panic.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use seam_runtime::query::{from_str, to_string};
use serde_json::{Map, Value};

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
    match (to_string(&map), expected(&map)) {
        (Ok(query), Ok(pairs)) => {
            assert!(
                query
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"*-._%+=&".contains(&b)),
                "{query}"
            );
            let got = decode_pairs(&query);
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

/// The pairs the rules in SEAM-API.md call for, in order; `Err` with the name of what a
/// query cannot carry.
fn expected(map: &Map<String, Value>) -> Result<Vec<(String, String)>, String> {
    fn scalar(name: &str, v: &Value) -> Result<Option<String>, String> {
        Ok(match v {
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => return Err(name.to_owned()),
        })
    }
    fn walk(
        prefix: &str,
        map: &Map<String, Value>,
        out: &mut Vec<(String, String)>,
    ) -> Result<(), String> {
        for (key, v) in map {
            // `_strict` at the top is the query's own; an empty name names nothing.
            if key.contains('.') || key.is_empty() || (prefix.is_empty() && key == "_strict") {
                return Err(if key.is_empty() {
                    prefix.to_owned()
                } else {
                    key.clone()
                });
            }
            let name = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match v {
                Value::Null => out.push((name, String::new())),
                Value::Object(inner) => walk(&name, inner, out)?,
                Value::Array(items) if items.is_empty() => out.push((name, String::new())),
                Value::Array(items) => {
                    for item in items {
                        match scalar(&name, item)? {
                            Some(text) => out.push((name.clone(), text)),
                            None => return Err(name),
                        }
                    }
                }
                other => out.extend(scalar(&name, other)?.map(|t| (name, t))),
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk("", map, &mut out)?;
    out.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
    if !out.is_empty() {
        out.push(("_strict".into(), "true".into()));
    }
    Ok(out)
}

/// The pairs of a query, decoded by hand.
fn decode_pairs(query: &str) -> Vec<(String, String)> {
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 2;
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap()
    }
    if query.is_empty() {
        return Vec::new();
    }
    query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            (decode(name), decode(value))
        })
        .collect()
}
