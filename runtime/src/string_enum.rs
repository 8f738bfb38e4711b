//! [`string_enum!`](crate::string_enum): the API's string enums, open to values added later.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Declares an enum of the strings an API field takes, plus `Other(String)` for any value
/// the API adds later, so decoding never fails on a new value.
///
/// ```
/// seam_runtime::string_enum! {
///     /// How a credential opens doors.
///     pub enum AccessMethod {
///         /// A code typed on a keypad.
///         Code = "code",
///         /// A card.
///         Card = "card",
///     }
/// }
///
/// let known: AccessMethod = serde_json::from_str("\"card\"").unwrap();
/// assert_eq!(known, AccessMethod::Card);
/// let later: AccessMethod = serde_json::from_str("\"retina\"").unwrap();
/// assert_eq!(later, AccessMethod::Other("retina".into()));
/// assert_eq!(later.as_str(), "retina");
/// assert_eq!(serde_json::to_string(&AccessMethod::Code).unwrap(), "\"code\"");
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the SDK does not know.
            Other(::std::string::String),
        }

        impl $name {
            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Other(other) => other,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::Other(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_str_with(deserializer, |value: &str| <$name as ::core::convert::From<&str>>::from(value))
            }
        }
    };
}

/// Deserializes a string, borrowed when the format allows, through `make`.
pub fn deserialize_str_with<'de, D, T>(deserializer: D, make: fn(&str) -> T) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct StrVisitor<T>(fn(&str) -> T);

    impl<T> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }

    deserializer.deserialize_str(StrVisitor(make))
}
