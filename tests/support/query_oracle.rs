//! The reference for Seam's query format, written from SEAM-API.md's rules and not from
//! the encoder: what pairs a JSON object becomes, and a query's pairs decoded by hand.
//! Shared by the property tests (`tests/faults/props_query.rs`) and the `query` fuzz
//! target (`fuzz/fuzz_targets/query.rs`).

use serde_json::{Map, Value};

/// The pairs of a query, decoded by hand: `+` is a space, `%XX` a byte.
pub(crate) fn reference_pairs(query: &str) -> Vec<(String, String)> {
    fn decode(text: &str) -> String {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
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

/// The pairs SEAM-API.md says `value` (a JSON object) becomes, in order; `Err` with the
/// offending name when it cannot be carried.
pub(crate) fn expected_pairs(value: &Map<String, Value>) -> Result<Vec<(String, String)>, String> {
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
    walk("", value, &mut out)?;
    out.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
    if !out.is_empty() {
        out.push(("_strict".into(), "true".into()));
    }
    Ok(out)
}
