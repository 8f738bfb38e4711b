//! The encoder: any `Serialize` struct to Seam's query string.
//!
//! This file walks objects and arrays; `leaf` turns array elements, map keys and numbers
//! into text.

mod leaf;
mod sink;

use serde::ser::{self, Impossible, Serialize};

pub(crate) use self::leaf::js_number;
use self::leaf::{Element, Key, js_integer, with_decimal};
use self::sink::{InOrder, Sink};
use super::{Name, Pairs, QueryError, form_encode};

/// Encodes `params` as Seam's query string, without the leading `?`; empty when every
/// param was omitted.
///
/// Names are sorted (by UTF-16 code units, stably); arrays repeat their name; nested
/// objects use dotted names; `true`/`false`; numbers as JavaScript prints them; an explicit
/// null or an empty array is `name=`; an empty string is left out; and `_strict=true` ends
/// every non-empty query.
pub fn to_string<T: Serialize + ?Sized>(params: &T) -> Result<String, QueryError> {
    let pairs = to_pairs(params)?;
    // Most bytes of ids and names need no escaping: room for them, the separators and
    // `&_strict=true`, so the string rarely grows.
    let len: usize = pairs.0.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut out = String::with_capacity(len + len / 8 + 16);
    for (name, value) in &pairs.0 {
        if !out.is_empty() {
            out.push('&');
        }
        form_encode(name, &mut out);
        out.push('=');
        form_encode(value, &mut out);
    }
    if !out.is_empty() {
        out.push_str("&_strict=true");
    }
    Ok(out)
}

/// The pairs [`to_string`] writes, sorted, not yet form-encoded, without `_strict`.
pub(crate) fn to_pairs<T: Serialize + ?Sized>(params: &T) -> Result<Pairs, QueryError> {
    // Room for a typical call's params, so the list rarely grows.
    let mut pairs = Pairs(Vec::with_capacity(16));
    params.serialize(Root { sink: &mut pairs })?;
    pairs.sort();
    Ok(pairs)
}

/// `url()` with `params` appended to its query as [`to_string`] writes them; the URL as
/// it is when every param was omitted.
///
/// Params whose names come in order (as a struct's fields sorted by name do) are encoded
/// straight into the URL; otherwise, or on an error, they are encoded again through the
/// sorted pairs, on a new `url()`, which gives the same query and the same first error.
pub(crate) fn to_url<T: Serialize + ?Sized>(
    params: &T,
    url: impl Fn() -> url::Url,
) -> Result<url::Url, QueryError> {
    let mut out = url();
    if stream(params, &mut out).is_ok() {
        return Ok(out);
    }
    let pairs = to_pairs(params)?;
    let mut out = url();
    if !pairs.0.is_empty() {
        let mut query = out.query_pairs_mut();
        for (name, value) in &pairs.0 {
            query.append_pair(name, value);
        }
        query.append_pair("_strict", "true");
    }
    Ok(out)
}

/// `params` form-encoded into `url`'s query as they come; an error when a name comes out
/// of order, leaving part of a query behind.
pub(super) fn stream<T: Serialize + ?Sized>(
    params: &T,
    url: &mut url::Url,
) -> Result<(), QueryError> {
    let mut sink = InOrder::new(url);
    params.serialize(Root { sink: &mut sink })?;
    sink.finish();
    Ok(())
}

fn unsupported(name: &str, what: &str) -> QueryError {
    QueryError(format!(
        "`{name}` is {what}, which a query string cannot carry"
    ))
}

/// The top level: a struct or map of params.
struct Root<'p> {
    sink: &'p mut dyn Sink,
}

macro_rules! root_rejects {
    ($($method:ident($($arg:ty),*) => $what:literal,)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), QueryError> {
            Err(QueryError(format!("query params must be a struct or map, not {}", $what)))
        })*
    };
}

impl<'p> ser::Serializer for Root<'p> {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = Impossible<(), QueryError>;
    type SerializeTuple = Impossible<(), QueryError>;
    type SerializeTupleStruct = Impossible<(), QueryError>;
    type SerializeTupleVariant = Impossible<(), QueryError>;
    type SerializeMap = Object<'p>;
    type SerializeStruct = Object<'p>;
    type SerializeStructVariant = Impossible<(), QueryError>;

    root_rejects! {
        serialize_bool(bool) => "a boolean",
        serialize_i8(i8) => "a number",
        serialize_i16(i16) => "a number",
        serialize_i32(i32) => "a number",
        serialize_i64(i64) => "a number",
        serialize_u8(u8) => "a number",
        serialize_u16(u16) => "a number",
        serialize_u32(u32) => "a number",
        serialize_u64(u64) => "a number",
        serialize_f32(f32) => "a number",
        serialize_f64(f64) => "a number",
        serialize_char(char) => "a character",
        serialize_str(&str) => "a string",
        serialize_bytes(&[u8]) => "bytes",
        serialize_unit_variant(&'static str, u32, &'static str) => "an enum",
    }

    fn serialize_none(self) -> Result<(), QueryError> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), QueryError> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), QueryError> {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), QueryError> {
        Err(QueryError(
            "query params must be a struct or map, not an enum".into(),
        ))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, QueryError> {
        Err(QueryError(
            "query params must be a struct or map, not a sequence".into(),
        ))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, QueryError> {
        Err(QueryError(
            "query params must be a struct or map, not a tuple".into(),
        ))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, QueryError> {
        Err(QueryError(
            "query params must be a struct or map, not a tuple".into(),
        ))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, QueryError> {
        Err(QueryError(
            "query params must be a struct or map, not an enum".into(),
        ))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, QueryError> {
        Ok(Object::new(self.sink, String::new()))
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, QueryError> {
        Ok(Object::new(self.sink, String::new()))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, QueryError> {
        Err(QueryError(
            "query params must be a struct or map, not an enum".into(),
        ))
    }
}

/// An object's fields: `prefix.name`.
struct Object<'p> {
    sink: &'p mut dyn Sink,
    prefix: String,
    key: Option<String>,
}

impl<'p> Object<'p> {
    fn new(sink: &'p mut dyn Sink, prefix: String) -> Self {
        Object {
            sink,
            prefix,
            key: None,
        }
    }

    fn name(&self, key: Name) -> Result<Name, QueryError> {
        if key.is_empty() {
            return Err(QueryError(match self.prefix.as_str() {
                "" => "a param name is empty".to_owned(),
                prefix => format!("`{prefix}` has a field with an empty name"),
            }));
        }
        if key.contains('.') {
            return Err(QueryError(format!(
                "the param name `{key}` contains `.`, which dotted names cannot carry"
            )));
        }
        if key == "_strict" && self.prefix.is_empty() {
            return Err(QueryError(
                "`_strict` is a param name the query string reserves for itself".into(),
            ));
        }
        Ok(if self.prefix.is_empty() {
            key
        } else {
            Name::Owned(format!("{}.{key}", self.prefix))
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: Name, value: &T) -> Result<(), QueryError> {
        let name = self.name(key)?;
        value.serialize(Value {
            sink: &mut *self.sink,
            name,
        })
    }
}

/// A struct's fields, and a struct variant's (already under the variant's name).
macro_rules! object_fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Object<'_> {
            type Ok = ();
            type Error = QueryError;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), QueryError> {
                self.field(Name::Borrowed(key), value)
            }

            fn end(self) -> Result<(), QueryError> {
                Ok(())
            }
        }
    )*};
}

object_fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), QueryError> {
        self.key = Some(key.serialize(Key)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| QueryError("a map value came without its key".into()))?;
        self.field(Name::Owned(key), value)
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

/// A [`Value`]'s integer methods: the number's decimal text, as JavaScript prints it.
macro_rules! integers_as_text {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), QueryError> {
            with_decimal(v, |text| self.scalar(text))
        })*
    };
}

/// One named value: a scalar, an array, or a nested object.
struct Value<'p> {
    sink: &'p mut dyn Sink,
    name: Name,
}

impl Value<'_> {
    fn scalar(self, value: &str) -> Result<(), QueryError> {
        self.sink.scalar(self.name, value)
    }
}

impl<'p> ser::Serializer for Value<'p> {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = Array<'p>;
    type SerializeTuple = Array<'p>;
    type SerializeTupleStruct = Array<'p>;
    type SerializeTupleVariant = Array<'p>;
    type SerializeMap = Object<'p>;
    type SerializeStruct = Object<'p>;
    type SerializeStructVariant = Object<'p>;

    fn serialize_bool(self, v: bool) -> Result<(), QueryError> {
        self.scalar(if v { "true" } else { "false" })
    }

    integers_as_text! {
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_i128(i128), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_u128(u128),
    }

    fn serialize_f32(self, v: f32) -> Result<(), QueryError> {
        // Through the shortest text of the f32, so 0.1f32 prints as `0.1`.
        let v: f64 = v.to_string().parse().unwrap_or(f64::from(v));
        self.serialize_f64(v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), QueryError> {
        if let Some(int) = js_integer(v) {
            return with_decimal(int, |text| self.scalar(text));
        }
        match js_number(v) {
            Some(text) => self.scalar(&text),
            None => Err(QueryError(format!(
                "`{}` is {v}, which a query string cannot carry",
                self.name
            ))),
        }
    }

    fn serialize_char(self, v: char) -> Result<(), QueryError> {
        self.scalar(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), QueryError> {
        if v.is_empty() {
            return Ok(());
        }
        self.scalar(v)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), QueryError> {
        Err(unsupported(&self.name, "bytes"))
    }

    fn serialize_none(self) -> Result<(), QueryError> {
        self.scalar("")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), QueryError> {
        self.scalar("")
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), QueryError> {
        self.scalar("")
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), QueryError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        let mut object = Object::new(self.sink, self.name.into_owned());
        object.field(Name::Borrowed(variant), value)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Array<'p>, QueryError> {
        Ok(Array::new(self.sink, self.name))
    }

    fn serialize_tuple(self, len: usize) -> Result<Array<'p>, QueryError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Array<'p>, QueryError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Array<'p>, QueryError> {
        let name = format!("{}.{variant}", self.name);
        Value {
            sink: self.sink,
            name: Name::Owned(name),
        }
        .serialize_seq(Some(len))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Object<'p>, QueryError> {
        Ok(Object::new(self.sink, self.name.into_owned()))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'p>, QueryError> {
        Ok(Object::new(self.sink, self.name.into_owned()))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Object<'p>, QueryError> {
        let name = format!("{}.{variant}", self.name);
        Ok(Object::new(self.sink, name))
    }
}

/// An array: one `name=value` pair per element, or `name=` when empty. Elements go
/// straight to the sink, after any earlier value of the name is dropped.
struct Array<'p> {
    sink: &'p mut dyn Sink,
    name: Name,
    len: usize,
}

impl<'p> Array<'p> {
    fn new(sink: &'p mut dyn Sink, name: Name) -> Self {
        sink.array(&name);
        Array { sink, name, len: 0 }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        let element = Element {
            sink: &mut *self.sink,
            name: &self.name,
        };
        if !value.serialize(element)? {
            return Err(QueryError(format!(
                "`{}` is an array holding null, which a query string cannot carry",
                self.name
            )));
        }
        self.len += 1;
        Ok(())
    }

    fn finish(self) -> Result<(), QueryError> {
        if self.len == 0 {
            self.sink.scalar(self.name, "")?;
        }
        Ok(())
    }
}

macro_rules! array_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Array<'_> {
            type Ok = ();
            type Error = QueryError;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
                self.element(value)
            }

            fn end(self) -> Result<(), QueryError> {
                self.finish()
            }
        }
    )*};
}

array_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);
