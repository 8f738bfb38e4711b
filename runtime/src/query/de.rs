//! The decoder: Seam's query string into any `Deserialize` type, guided by the type (a
//! query string alone cannot tell `"true"` from `true`, or one value from a one-element
//! array).

use std::collections::BTreeMap;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

use super::QueryError;

/// Decodes a query string (with or without `_strict=true`) into `T`.
pub fn from_str<T: DeserializeOwned>(query: &str) -> Result<T, QueryError> {
    let mut root = Node::Map(BTreeMap::new());
    for pair in query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = form_decode(name)?;
        let value = form_decode(value)?;
        if name == "_strict" {
            continue;
        }
        root.insert(&name, value)?;
    }
    T::deserialize(NodeDe {
        node: root,
        name: String::new(),
    })
}

#[derive(Debug)]
enum Node {
    Values(Vec<String>),
    Map(BTreeMap<String, Node>),
}

impl Node {
    fn insert(&mut self, name: &str, value: String) -> Result<(), QueryError> {
        let Node::Map(map) = self else {
            return Err(QueryError(format!(
                "`{name}` is both a value and an object"
            )));
        };
        match name.split_once('.') {
            None => match map
                .entry(name.to_owned())
                .or_insert_with(|| Node::Values(Vec::new()))
            {
                Node::Values(values) => values.push(value),
                Node::Map(_) => {
                    return Err(QueryError(format!(
                        "`{name}` is both a value and an object"
                    )));
                }
            },
            Some((head, rest)) => map
                .entry(head.to_owned())
                .or_insert_with(|| Node::Map(BTreeMap::new()))
                .insert(rest, value)?,
        }
        Ok(())
    }
}

fn form_decode(text: &str) -> Result<String, QueryError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                // Two hex digits exactly: `from_str_radix` alone would take a sign (`%+1`).
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| QueryError(format!("bad percent-encoding in `{text}`")))?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| QueryError(format!("`{text}` is not UTF-8")))
}

struct NodeDe {
    node: Node,
    name: String,
}

impl NodeDe {
    fn single(self) -> Result<(String, String), QueryError> {
        match self.node {
            Node::Values(mut values) if values.len() == 1 => {
                Ok((values.pop().unwrap_or_default(), self.name))
            }
            Node::Values(_) => Err(QueryError(format!("`{}` has several values", self.name))),
            Node::Map(_) => Err(QueryError(format!(
                "`{}` is an object, not a value",
                self.name
            ))),
        }
    }

    fn parse<T: std::str::FromStr>(self, what: &str) -> Result<T, QueryError> {
        let (value, name) = self.single()?;
        value
            .parse()
            .map_err(|_| QueryError(format!("`{name}` is `{value}`, not {what}")))
    }
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
            visitor.$visit(self.parse::<$ty>("a number")?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe {
    type Error = QueryError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        match self.node {
            Node::Map(_) => self.deserialize_map(visitor),
            Node::Values(ref values) if values.len() > 1 => self.deserialize_seq(visitor),
            Node::Values(_) => visitor.visit_string(self.single()?.0),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_bool(self.parse("`true` or `false`")?)
    }

    parse_number! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_char(self.parse("a character")?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_string(self.single()?.0)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, QueryError> {
        Err(QueryError(format!(
            "`{}`: bytes are not supported",
            self.name
        )))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        match &self.node {
            Node::Values(values) if values.len() == 1 && values[0].is_empty() => {
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        match self.node {
            Node::Values(values) => {
                let values: Vec<String> = if values.len() == 1 && values[0].is_empty() {
                    Vec::new()
                } else {
                    values
                };
                let name = self.name;
                visitor.visit_seq(de::value::SeqDeserializer::new(values.into_iter().map(
                    move |v| NodeDe {
                        node: Node::Values(vec![v]),
                        name: name.clone(),
                    },
                )))
            }
            Node::Map(_) => Err(QueryError(format!(
                "`{}` is an object, not an array",
                self.name
            ))),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        match self.node {
            Node::Map(map) => {
                let prefix = self.name;
                visitor.visit_map(de::value::MapDeserializer::new(map.into_iter().map(
                    move |(key, node)| {
                        let name = if prefix.is_empty() {
                            key.clone()
                        } else {
                            format!("{prefix}.{key}")
                        };
                        (key, NodeDe { node, name })
                    },
                )))
            }
            Node::Values(_) => Err(QueryError(format!(
                "`{}` is a value, not an object",
                self.name
            ))),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        let (value, _) = self.single()?;
        visitor.visit_enum(value.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_unit()
    }
}

impl<'de> IntoDeserializer<'de, QueryError> for NodeDe {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::Nullable;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Params {
        ids: Vec<String>,
        one: Vec<u32>,
        none: Vec<String>,
        flag: bool,
        limit: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        absent: Option<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
        cleared: Nullable<String>,
        meta: BTreeMap<String, String>,
        ratio: f64,
    }

    #[test]
    fn round_trips_through_the_encoder() {
        let params = Params {
            ids: vec!["a b".into(), "ü".into()],
            one: vec![7],
            none: vec![],
            flag: false,
            limit: 10,
            absent: None,
            cleared: Nullable::Null,
            meta: [("k".to_owned(), "v=1".to_owned())].into(),
            ratio: 0.25,
        };
        let query = super::super::to_string(&params).unwrap();
        assert_eq!(from_str::<Params>(&query).unwrap(), params);
    }

    #[test]
    fn explains_mismatches() {
        #[derive(Deserialize, Debug)]
        struct Typed {
            #[allow(dead_code)] // read only through Debug
            limit: u32,
        }
        let e = from_str::<Typed>("limit=ten").unwrap_err();
        assert_eq!(e.0, "`limit` is `ten`, not a number");
        assert!(from_str::<Typed>("limit=%zz").is_err());
        assert!(from_str::<Typed>("limit=%+1").is_err());
        assert!(from_str::<Typed>("limit=%-1").is_err());
        assert!(from_str::<Typed>("").unwrap_err().0.contains("limit"));
    }
}
