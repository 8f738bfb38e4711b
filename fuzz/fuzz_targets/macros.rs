//! The macro's argument and struct parsing, checks and expansion, on arbitrary text: the
//! first line is the attribute's arguments, the rest the item (or, when the first byte
//! is odd, the whole is a `namespace!` input). Whatever lexes gives tokens (an expansion
//! or `compile_error!`s) that lex again, never a panic.
#![no_main]

use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let facade = mode & 2 == 0;
    let out = if mode & 1 == 1 {
        let Ok(input) = TokenStream::from_str(text) else {
            return;
        };
        seam_macro_props::namespace(input, facade)
    } else {
        let (args, item) = text.split_once('\n').unwrap_or((text, ""));
        let (Ok(args), Ok(item)) = (TokenStream::from_str(args), TokenStream::from_str(item))
        else {
            return;
        };
        seam_macro_props::seam_endpoint(args, item, facade)
    };
    let printed = out.to_string();
    assert!(
        TokenStream::from_str(&printed).is_ok(),
        "the expansion does not lex again: {printed}"
    );
});
