//! Leaves of the query: array elements, map keys, and numbers as JavaScript prints them.

use std::fmt::{self, Write as _};

use serde::ser::{self, Impossible, Serialize};

use super::sink::Sink;
use super::unsupported;
use crate::query::{Name, QueryError};

/// An array element: a scalar's text handed to the sink (`true`), or null (`false`).
pub(super) struct Element<'n> {
    pub(super) sink: &'n mut dyn Sink,
    pub(super) name: &'n Name,
}

impl Element<'_> {
    fn nested(&self) -> QueryError {
        unsupported(self.name, "an array holding arrays or objects")
    }

    fn text(self, text: &str) -> Result<bool, QueryError> {
        if text.is_empty() {
            return Err(QueryError(format!(
                "`{}` is an array holding an empty string, which a query string cannot carry",
                self.name
            )));
        }
        self.sink.element(self.name, text)?;
        Ok(true)
    }
}

/// The part of a [`ser::Serializer`] for a leaf that takes no compound value: the
/// `Impossible` types, and an error built by `$err` (from the serializer `$s`) for a
/// newtype variant, sequence, tuple, map or struct.
macro_rules! rejects_compounds {
    ($ok:ty, |$s:ident| $err:expr) => {
        type SerializeSeq = Impossible<$ok, QueryError>;
        type SerializeTuple = Impossible<$ok, QueryError>;
        type SerializeTupleStruct = Impossible<$ok, QueryError>;
        type SerializeTupleVariant = Impossible<$ok, QueryError>;
        type SerializeMap = Impossible<$ok, QueryError>;
        type SerializeStruct = Impossible<$ok, QueryError>;
        type SerializeStructVariant = Impossible<$ok, QueryError>;

        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, QueryError> {
            let $s = self;
            Err($err)
        }

        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, QueryError> {
            let $s = self;
            Err($err)
        }

        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, QueryError> {
            let $s = self;
            Err($err)
        }

        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, QueryError> {
            let $s = self;
            Err($err)
        }

        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, QueryError> {
            let $s = self;
            Err($err)
        }

        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, QueryError> {
            let $s = self;
            Err($err)
        }

        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, QueryError> {
            let $s = self;
            Err($err)
        }

        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, QueryError> {
            let $s = self;
            Err($err)
        }
    };
}

impl ser::Serializer for Element<'_> {
    type Ok = bool;
    type Error = QueryError;

    fn serialize_bool(self, v: bool) -> Result<bool, QueryError> {
        self.text(if v { "true" } else { "false" })
    }

    fn serialize_i64(self, v: i64) -> Result<bool, QueryError> {
        with_decimal(v, |text| self.text(text))
    }

    fn serialize_i128(self, v: i128) -> Result<bool, QueryError> {
        with_decimal(v, |text| self.text(text))
    }

    fn serialize_u64(self, v: u64) -> Result<bool, QueryError> {
        with_decimal(v, |text| self.text(text))
    }

    fn serialize_u128(self, v: u128) -> Result<bool, QueryError> {
        with_decimal(v, |text| self.text(text))
    }

    fn serialize_i8(self, v: i8) -> Result<bool, QueryError> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<bool, QueryError> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<bool, QueryError> {
        self.serialize_i64(v.into())
    }

    fn serialize_u8(self, v: u8) -> Result<bool, QueryError> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<bool, QueryError> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<bool, QueryError> {
        self.serialize_u64(v.into())
    }

    fn serialize_f32(self, v: f32) -> Result<bool, QueryError> {
        let v: f64 = v.to_string().parse().unwrap_or(f64::from(v));
        self.serialize_f64(v)
    }

    fn serialize_f64(self, v: f64) -> Result<bool, QueryError> {
        if let Some(int) = js_integer(v) {
            return with_decimal(int, |text| self.text(text));
        }
        match js_number(v) {
            Some(text) => self.text(&text),
            None => Err(unsupported(
                self.name,
                "an array holding a non-finite number",
            )),
        }
    }

    fn serialize_char(self, v: char) -> Result<bool, QueryError> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<bool, QueryError> {
        self.text(v)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<bool, QueryError> {
        Err(unsupported(self.name, "an array holding bytes"))
    }

    fn serialize_none(self) -> Result<bool, QueryError> {
        Ok(false)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<bool, QueryError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<bool, QueryError> {
        Ok(false)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<bool, QueryError> {
        Ok(false)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<bool, QueryError> {
        self.text(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<bool, QueryError> {
        value.serialize(self)
    }

    rejects_compounds!(bool, |s| s.nested());
}

/// A map key: text.
pub(super) struct Key;

impl ser::Serializer for Key {
    type Ok = String;
    type Error = QueryError;

    fn serialize_str(self, v: &str) -> Result<String, QueryError> {
        Ok(v.to_owned())
    }

    fn serialize_char(self, v: char) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_bool(self, v: bool) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_i8(self, v: i8) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_i16(self, v: i16) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_i32(self, v: i32) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_i64(self, v: i64) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_u8(self, v: u8) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_u16(self, v: u16) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_u32(self, v: u32) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_u64(self, v: u64) -> Result<String, QueryError> {
        Ok(v.to_string())
    }

    fn serialize_f32(self, _: f32) -> Result<String, QueryError> {
        Err(QueryError(
            "a param name cannot be a number with a fraction".into(),
        ))
    }

    fn serialize_f64(self, _: f64) -> Result<String, QueryError> {
        Err(QueryError(
            "a param name cannot be a number with a fraction".into(),
        ))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<String, QueryError> {
        Err(QueryError("a param name cannot be bytes".into()))
    }

    fn serialize_none(self) -> Result<String, QueryError> {
        Err(QueryError("a param name cannot be null".into()))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, QueryError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<String, QueryError> {
        Err(QueryError("a param name cannot be null".into()))
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<String, QueryError> {
        Err(QueryError("a param name cannot be null".into()))
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, QueryError> {
        Ok(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, QueryError> {
        value.serialize(self)
    }

    rejects_compounds!(String, |_s| QueryError("a param name must be text".into()));
}

/// Text on the stack: room for any integer's decimal digits, `i128::MIN`'s 40 included.
struct Digits {
    bytes: [u8; 40],
    len: usize,
}

impl fmt::Write for Digits {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Calls `f` with `v`'s decimal text, formatted on the stack.
pub(super) fn with_decimal<R>(v: impl fmt::Display, f: impl FnOnce(&str) -> R) -> R {
    let mut digits = Digits {
        bytes: [0; 40],
        len: 0,
    };
    match write!(digits, "{v}")
        .ok()
        .and_then(|()| std::str::from_utf8(&digits.bytes[..digits.len]).ok())
    {
        Some(text) => f(text),
        None => f(&v.to_string()),
    }
}

/// `v` as an integer when JavaScript prints it as its exact value: integral, and below
/// 2^53 in magnitude, where every integer is a double. `-0` is `0`.
pub(crate) fn js_integer(v: f64) -> Option<i64> {
    const EXACT: u64 = 1 << 53;
    // The cast saturates, and NaN becomes 0: neither comes back equal to `v`.
    let int = v as i64;
    (int as f64 == v && int.unsigned_abs() < EXACT).then_some(int)
}

/// A number as JavaScript's `Number::toString` prints it; `None` for NaN and infinities.
pub(crate) fn js_number(v: f64) -> Option<String> {
    if let Some(int) = js_integer(v) {
        return Some(int.to_string());
    }
    if !v.is_finite() {
        return None;
    }
    if v == 0.0 {
        return Some("0".into());
    }
    // `{:e}` gives the shortest digits that round-trip, as `d.ddddde±x`.
    let sci = format!("{:e}", v.abs());
    let (mantissa, exponent) = sci.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let k = i32::try_from(digits.len()).ok()?;
    let n = exponent + 1;
    let mut out = String::new();
    if v < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', usize::try_from(n - k).ok()?));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(usize::try_from(n).ok()?);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-n).ok()?));
        out.push_str(digits);
    } else {
        let e = n - 1;
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if e >= 0 { '+' } else { '-' });
        out.push_str(&e.abs().to_string());
    }
    Some(out)
}
