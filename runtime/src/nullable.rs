//! [`Nullable`]: a param that can be left out, cleared, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A param with three states, because Seam tells them apart: omitted leaves the value
/// unchanged, `null` clears it, a value sets it.
///
/// A field of this type is left out of the request while [`Omitted`](Nullable::Omitted),
/// as an `Option` field is while `None`.
///
/// ```
/// use seam_runtime::Nullable;
///
/// let keep: Nullable<String> = Nullable::Omitted;
/// let clear: Nullable<String> = Nullable::Null;
/// let set: Nullable<String> = Nullable::Value("Front door".into());
/// assert!(keep.is_omitted() && clear.is_null() && set.as_value().is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// Not sent: the value stays as it is.
    #[default]
    Omitted,
    /// Sent as `null`: the value is cleared.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the param is left out of the request.
    pub fn is_omitted(&self) -> bool {
        matches!(self, Nullable::Omitted)
    }

    /// Whether the param is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, when one is set.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T> crate::endpoint::Omittable for Nullable<T> {
    fn is_omitted(&self) -> bool {
        Nullable::is_omitted(self)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Omitted | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        })
    }
}
