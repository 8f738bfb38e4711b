//! Where the encoder puts its pairs: a list that is sorted after ([`Pairs`]), or straight
//! into a URL's query while the names arrive in order ([`InOrder`]).

use super::{Name, Pairs, QueryError};

/// What the encoder hands on, in serialization order.
pub(super) trait Sink {
    /// `name` set to one value, replacing any earlier one.
    fn scalar(&mut self, name: Name, value: &str) -> Result<(), QueryError>;

    /// An array of `name` begins: any earlier value of the name goes.
    fn array(&mut self, name: &Name);

    /// One element of the array begun last.
    fn element(&mut self, name: &Name, value: &str) -> Result<(), QueryError>;
}

impl Sink for Pairs {
    fn scalar(&mut self, name: Name, value: &str) -> Result<(), QueryError> {
        self.set(name, value.to_owned());
        Ok(())
    }

    fn array(&mut self, name: &Name) {
        self.0.retain(|(n, _)| n != name);
    }

    fn element(&mut self, name: &Name, value: &str) -> Result<(), QueryError> {
        self.0.push((name.clone(), value.to_owned()));
        Ok(())
    }
}

impl Pairs {
    /// Sets `name` to one value, replacing any earlier one.
    fn set(&mut self, name: Name, value: String) {
        if let Some(i) = self.0.iter().position(|(n, _)| *n == name) {
            self.0[i].1 = value;
            let mut seen = false;
            self.0.retain(|(n, _)| {
                if *n != name {
                    return true;
                }
                let keep = !seen;
                seen = true;
                keep
            });
        } else {
            self.0.push((name, value));
        }
    }

    /// Sorts by name, comparing UTF-16 code units as JavaScript does; stable.
    pub(super) fn sort(&mut self) {
        // UTF-8 bytes sort as code points, which is UTF-16's order too unless a name
        // holds U+E000 or above (lead bytes 0xEE and up): then compare in UTF-16.
        if self.0.iter().all(|(n, _)| in_byte_order(n)) {
            self.0
                .sort_by(|(a, _), (b, _)| a.as_bytes().cmp(b.as_bytes()));
        } else {
            self.0
                .sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
        }
    }
}

/// Whether `name` sorts by its UTF-8 bytes as it does by UTF-16 code units: no lead
/// byte of U+E000 or above.
fn in_byte_order(name: &str) -> bool {
    name.bytes().all(|b| b < 0xEE)
}

/// The pairs form-encoded into a URL's query as they come, while each name sorts after
/// the one before it (or repeats it, within one array): then sorting the pairs would
/// change nothing, and the query is what [`Pairs`] gives once sorted. It fails at the
/// first pair out of order; the caller then encodes again through [`Pairs`].
pub(super) struct InOrder<'u> {
    /// The URL until the first pair opens its query: a query is only added for one.
    url: Option<&'u mut url::Url>,
    query: Option<form_urlencoded::Serializer<'u, url::UrlQuery<'u>>>,
    last: Name,
    in_array: bool,
}

impl<'u> InOrder<'u> {
    pub(super) fn new(url: &'u mut url::Url) -> Self {
        InOrder {
            url: Some(url),
            query: None,
            last: Name::Borrowed(""),
            in_array: false,
        }
    }

    /// Ends the query with `_strict=true` if any pair was written.
    pub(super) fn finish(mut self) {
        if let Some(query) = &mut self.query {
            query.append_pair("_strict", "true");
        }
    }

    /// Checks that `name` sorts strictly after the last pair's.
    fn next(&self, name: &str) -> Result<(), QueryError> {
        if name.as_bytes() > self.last.as_bytes() && in_byte_order(name) {
            Ok(())
        } else {
            Err(out_of_order())
        }
    }

    fn write(&mut self, name: &str, value: &str) -> Result<(), QueryError> {
        if self.query.is_none() {
            let url = self.url.take().ok_or_else(out_of_order)?;
            self.query = Some(url.query_pairs_mut());
        }
        let query = self.query.as_mut().ok_or_else(out_of_order)?;
        query.append_pair(name, value);
        Ok(())
    }
}

impl Sink for InOrder<'_> {
    fn scalar(&mut self, name: Name, value: &str) -> Result<(), QueryError> {
        self.next(&name)?;
        self.in_array = false;
        self.write(&name, value)?;
        self.last = name;
        Ok(())
    }

    fn array(&mut self, _: &Name) {
        self.in_array = false;
    }

    fn element(&mut self, name: &Name, value: &str) -> Result<(), QueryError> {
        if !self.in_array {
            self.next(name)?;
            self.last = name.clone();
            self.in_array = true;
        } else if *name != self.last {
            return Err(out_of_order());
        }
        self.write(name, value)
    }
}

/// Never shown: the caller encodes again through [`Pairs`] on any error.
fn out_of_order() -> QueryError {
    QueryError(String::new())
}
