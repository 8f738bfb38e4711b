//! Error collection, so every mistake in one item is reported at once (serde's `Ctxt`).

use std::fmt::Display;

use quote::ToTokens;

/// Collects errors while an item is checked, in the order they are reported.
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// Records an error.
    pub(crate) fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// How many errors were recorded so far: a mark for [`insert`](Self::insert).
    pub(crate) fn mark(&self) -> usize {
        self.errors.len()
    }

    /// Moves the errors of `other` to `mark`, so errors read in source order even when the
    /// checks run in another order.
    pub(crate) fn insert(&mut self, mark: usize, other: Ctxt) {
        let mark = mark.min(self.errors.len());
        self.errors.splice(mark..mark, other.errors);
    }

    /// Records an error pointing at `tokens`.
    pub(crate) fn spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error at `span`.
    pub(crate) fn at(&mut self, span: proc_macro2::Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Whether nothing was recorded yet.
    pub(crate) fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// All recorded errors, or `Ok` when there were none.
    pub(crate) fn finish(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_iter();
        match errors.next() {
            Some(mut first) => {
                first.extend(errors);
                Err(first)
            }
            None => Ok(()),
        }
    }
}

/// The candidate closest to `word`, when it is close enough to suggest.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (distance(&word, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over bytes; the words compared are short identifiers.
fn distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// `a`, `b`, `c` with backticks, for messages that list choices.
pub(crate) fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words() {
        assert_eq!(
            did_you_mean("respons", &["response", "key"]),
            Some("response")
        );
        assert_eq!(did_you_mean("patch", &["GET", "PATCH"]), Some("PATCH"));
        assert_eq!(did_you_mean("zzzzzz", &["response", "key"]), None);
    }

    #[test]
    fn insert_keeps_source_order() {
        let at = |m: &str| syn::Error::new(proc_macro2::Span::call_site(), m);
        let mut cx = Ctxt::default();
        cx.push(at("method"));
        let mark = cx.mark();
        cx.push(at("option"));
        let mut path = Ctxt::default();
        path.push(at("path"));
        cx.insert(mark, path);
        let messages: Vec<String> = cx
            .finish()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(messages, ["method", "path", "option"]);
    }
}
