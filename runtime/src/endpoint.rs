//! The [`Endpoint`] trait that `#[seam_endpoint]` implements, and the small types its
//! expansion names.

use std::borrow::Cow;
use std::fmt;

use http::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::meta::EndpointMeta;

/// The HTTP methods Seam endpoints use.
///
/// The method decides how params travel: [`Get`](Method::Get) and
/// [`Delete`](Method::Delete) put every param in the query string, the others send a JSON
/// body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: params in the query string.
    Get,
    /// `POST`: params in a JSON body.
    Post,
    /// `PUT`: params in a JSON body.
    Put,
    /// `PATCH`: params in a JSON body.
    Patch,
    /// `DELETE`: params in the query string.
    Delete,
}

impl Method {
    /// The method as sent on the wire, e.g. `"PATCH"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether params go in the query string rather than a JSON body.
    pub const fn uses_query(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }

    /// Whether a failed request may be sent again without asking: `GET`, `PUT` and `DELETE`.
    /// `POST` and `PATCH` are never replayed automatically (a door must not unlock twice).
    pub const fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    pub(crate) fn to_http(self) -> http::Method {
        match self {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
            Method::Put => http::Method::PUT,
            Method::Patch => http::Method::PATCH,
            Method::Delete => http::Method::DELETE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Seam API endpoint: its params are the struct's fields, the rest is constants.
///
/// `#[seam_endpoint]` implements it; one generic [`Seam::send`](crate::Seam::send) calls any
/// implementor. Implementing it by hand works too, for a route that needs something the
/// attribute does not offer.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Seam endpoint",
    label = "not declared with `#[seam_endpoint]`",
    note = "declare it with `#[seam_endpoint(METHOD \"/path\")]` on the params struct"
)]
pub trait Endpoint: Serialize {
    /// What a successful call returns: `()` for a void route.
    type Response: DeserializeOwned;

    /// Everything the declaration says: method, path, params, response, and the rest.
    /// A hand-written impl starts from [`EndpointMeta::DEFAULT`]:
    ///
    /// ```
    /// # use seam_runtime::{Endpoint, EndpointMeta, Method};
    /// # #[derive(serde::Serialize)] struct Ping {}
    /// impl Endpoint for Ping {
    ///     type Response = ();
    ///     const META: &'static EndpointMeta = &EndpointMeta {
    ///         method: Method::Get,
    ///         path: "/ping",
    ///         ..EndpointMeta::DEFAULT
    ///     };
    /// }
    /// ```
    const META: &'static EndpointMeta;

    /// The HTTP method, which also decides how params are encoded.
    const METHOD: Method = Self::META.method;

    /// The path template, e.g. `"/acs/credentials/unassign"` or `"/things/{id}"`.
    const PATH: &'static str = Self::META.path;

    /// The key under which the response sits in Seam's envelope
    /// (`{"ok": true, "<key>": ..}`); `None` for a void route.
    const RESPONSE_KEY: Option<&'static str> = match Self::META.response {
        Some(response) => Some(response.key),
        None => None,
    };

    /// Checks what the types cannot, before anything is sent: e.g. that at least one
    /// param of a group is given.
    fn validate(&self) -> Result<(), Error> {
        Ok(())
    }

    /// The request path with placeholders filled; [`PATH`](Self::PATH) when it has none.
    fn path(&self) -> Result<RoutePath, Error> {
        Ok(RoutePath::from_static(Self::PATH))
    }

    /// Adds the headers that fields carry (`#[seam(header = "..")]`).
    fn headers(&self, headers: &mut Headers) -> Result<(), Error> {
        let _ = headers;
        Ok(())
    }
}

/// A void route whose body still carries a resource, e.g. `PATCH /acs/credentials/unassign`
/// answers `{"ok": true, "acs_credential": {..}}`.
///
/// The call resolves to `()` as the route promises; [`Request::returning`](crate::Request::returning)
/// resolves to the resource instead. `#[seam_endpoint(.., returns(key: Type))]` implements it.
pub trait ReturnsResource: Endpoint<Response = ()> {
    /// The resource's type.
    type Resource: DeserializeOwned;

    /// The envelope key it sits under.
    const KEY: &'static str;
}

/// A request path being built from a template: literal text and percent-encoded params.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutePath(Cow<'static, str>);

impl RoutePath {
    /// An empty path, to build with [`literal`](Self::literal) and [`param`](Self::param).
    pub fn new() -> Self {
        RoutePath(Cow::Owned(String::with_capacity(64)))
    }

    /// A path without placeholders.
    pub const fn from_static(path: &'static str) -> Self {
        RoutePath(Cow::Borrowed(path))
    }

    /// A path built elsewhere (a raw request's).
    pub(crate) fn owned(path: String) -> Self {
        RoutePath(Cow::Owned(path))
    }

    /// The path, when it is a constant: no placeholder was filled in.
    pub(crate) fn as_static(&self) -> Option<&'static str> {
        match self.0 {
            Cow::Borrowed(path) => Some(path),
            Cow::Owned(_) => None,
        }
    }

    /// Appends template text as written.
    pub fn literal(&mut self, text: &str) {
        self.0.to_mut().push_str(text);
    }

    /// Appends a placeholder's value as one percent-encoded segment, so `/` or `..` in a
    /// value cannot change the route. An empty value is an error: it would change the route
    /// too.
    pub fn param<T: PathParam + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        let text = value.to_path_segment();
        if text.is_empty() || text == "." || text == ".." {
            return Err(Error::InvalidRequest(format!(
                "path parameter `{name}` is `{text}`, which would change the route"
            )));
        }
        let out = self.0.to_mut();
        for byte in text.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'~') {
                out.push(char::from(byte));
            } else {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
        Ok(())
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for RoutePath {
    fn default() -> Self {
        RoutePath::new()
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A value that can fill a `{placeholder}` of an endpoint path.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a path placeholder",
    label = "this field fills a `{{placeholder}}` of the path",
    note = "a placeholder takes a value that implements `Display`, such as `String` or an integer"
)]
pub trait PathParam {
    /// The segment's text before percent-encoding.
    fn to_path_segment(&self) -> Cow<'_, str>;
}

impl<T: fmt::Display + ?Sized> PathParam for T {
    fn to_path_segment(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

/// Headers that an endpoint's fields add to its request.
#[derive(Debug, Default)]
pub struct Headers(pub(crate) HeaderMap);

impl Headers {
    /// Adds `name: value`; an omitted value adds nothing. A value with bytes a header cannot
    /// hold (such as a line break) is an error, never a malformed request.
    pub fn insert<T: HeaderParam + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let Some(value) = value.header_value() else {
            return Ok(());
        };
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::InvalidRequest(format!("header `{name}` holds bytes a header cannot carry"))
        })?;
        let name = HeaderName::from_static(name);
        self.0.insert(name, value);
        Ok(())
    }
}

/// A value a field can send as a header (`#[seam(header = "..")]`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as a header",
    label = "this field is a header",
    note = "a header field is a `String`, `&str` or an `Option` of one"
)]
pub trait HeaderParam {
    /// The header's value, or `None` to leave it out.
    fn header_value(&self) -> Option<&str>;
}

impl HeaderParam for str {
    fn header_value(&self) -> Option<&str> {
        Some(self)
    }
}

impl HeaderParam for String {
    fn header_value(&self) -> Option<&str> {
        Some(self)
    }
}

impl HeaderParam for Cow<'_, str> {
    fn header_value(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: HeaderParam + ?Sized> HeaderParam for &T {
    fn header_value(&self) -> Option<&str> {
        (**self).header_value()
    }
}

impl<T: HeaderParam> HeaderParam for Option<T> {
    fn header_value(&self) -> Option<&str> {
        self.as_ref().and_then(HeaderParam::header_value)
    }
}

/// A type that can be sent as a request param: anything `Serialize`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as a Seam request parameter",
    label = "this field's type does not implement `serde::Serialize`",
    note = "derive or implement `serde::Serialize` for it, or mark the field `#[seam(header = \"..\")]`"
)]
pub trait Param: Serialize {}

impl<T: Serialize + ?Sized> Param for T {}

/// A field that can be left out of a request: `Option` and [`Nullable`](crate::Nullable).
pub trait Omittable {
    /// Whether the value is left out of the request.
    fn is_omitted(&self) -> bool;
}

impl<T> Omittable for Option<T> {
    fn is_omitted(&self) -> bool {
        self.is_none()
    }
}

/// `skip_serializing_if` for omittable fields.
pub fn is_omitted<T: Omittable>(value: &T) -> bool {
    value.is_omitted()
}

/// What `#[seam_endpoint]`'s own `Serialize` impl writes a params struct through: its
/// fields in order, each omitted one left out (serde's `skip_field`).
///
/// Each method's `Param` bound is the check that a field's type can be sent, reported at
/// the field; the generated impl is a line per field, where serde's derive would add a
/// `skip_serializing_if` branch and a length sum.
pub struct Fields<S>(S);

/// Starts the struct `name` with `len` fields at most (serde_json writes `{}` for `0`).
pub fn fields<S: serde::Serializer>(
    serializer: S,
    name: &'static str,
    len: usize,
) -> Result<Fields<S::SerializeStruct>, S::Error> {
    serializer.serialize_struct(name, len).map(Fields)
}

impl<S: serde::ser::SerializeStruct> Fields<S> {
    /// A field that is always sent.
    pub fn field<T: Param + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(name, value)
    }

    /// A field that is left out while omitted.
    pub fn omittable<T: Param + Omittable + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        if value.is_omitted() {
            self.0.skip_field(name)
        } else {
            self.0.serialize_field(name, value)
        }
    }

    /// Ends the struct.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

/// The result of a `Serialize` impl for the serializer `S`.
pub type SerResult<S> = Result<<S as serde::Serializer>::Ok, <S as serde::Serializer>::Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_one_encoded_segment() {
        let mut path = RoutePath::new();
        path.literal("/things/");
        path.param("id", "../a b/ü").unwrap();
        path.literal("/frob");
        assert_eq!(path.as_str(), "/things/%2E%2E%2Fa%20b%2F%C3%BC/frob");
    }

    #[test]
    fn empty_param_is_an_error() {
        let mut path = RoutePath::new();
        assert!(matches!(
            path.param("id", ""),
            Err(Error::InvalidRequest(_))
        ));
        assert!(matches!(
            path.param("id", ".."),
            Err(Error::InvalidRequest(_))
        ));
    }

    #[test]
    fn header_with_newline_is_an_error() {
        let mut headers = Headers::default();
        assert!(headers.insert("x-a", "a\r\nb").is_err());
        headers.insert("x-b", &None::<String>).unwrap();
        headers.insert("x-c", "ok").unwrap();
        assert_eq!(headers.0.len(), 1);
    }
}
