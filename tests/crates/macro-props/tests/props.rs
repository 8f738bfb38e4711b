//! Properties of the `#[seam_endpoint]` and `namespace!` logic on any input: tokens or a
//! `compile_error!`, never a panic; the user's struct survives every mistake; the same
//! input always expands the same way.
//!
//! Inputs come from a grammar of near-misses (valid and invalid methods, paths, options,
//! fields and item shapes, put together at random) and from arbitrary token trees. The
//! fuzz targets in `fuzz/` run the same entry points for longer.

use std::str::FromStr;

use proc_macro2::TokenStream;
use proptest::prelude::*;
use seam_macro_props::{namespace, seam_endpoint};

/// A Rust string literal holding `text`.
fn lit(text: &str) -> String {
    format!("{text:?}")
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE"]),
        1 => prop::sample::select(vec!["get", "HEAD", "OPTIONS", "FETCH", "r#GET", "", "42", "\"GET\""]),
    ]
    .prop_map(str::to_owned)
}

/// One path segment: a literal, a placeholder, or something a path cannot hold.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z_]{1,8}",
        2 => "\\{[a-z_]{1,6}\\}",
        1 => prop::sample::select(vec![
            "", "{}", "{", "}", "{{a}}", "a b", "a?b=1", "#frag", "..", ".", "é", "1abc",
            "self", "type", "_", "a-b", "\t", "{device_id}", "{0}", "{r#type}",
        ])
        .prop_map(str::to_owned),
    ]
}

fn path() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(segment(), 0..5),
        any::<bool>(),
    )
        .prop_map(|(leading, segments, trailing)| {
            let mut path = if leading { "/" } else { "" }.to_owned();
            path.push_str(&segments.join("/"));
            if trailing {
                path.push('/');
            }
            lit(&path)
        })
}

fn ident() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z_][a-z0-9_]{0,8}",
        1 => prop::sample::select(vec!["r#type", "self", "Self", "crate", "super", "_", "fn", "r#fn", "é"])
            .prop_map(str::to_owned),
    ]
}

fn ty() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "String",
        "u32",
        "Option<String>",
        "Vec<Device>",
        "Device",
        "()",
        "&'static str",
        "::std::collections::BTreeMap<String, u8>",
        "Option<Option<bool>>",
        "[u8; 4]",
        "impl Trait",
        "dyn Any",
        "fn() -> u8",
        "Nullable<String>",
        "!",
    ])
    .prop_map(str::to_owned)
}

/// One `key = value` option of the attribute, valid or not.
fn option() -> impl Strategy<Value = String> {
    prop_oneof![
        ty().prop_map(|t| format!("response = {t}")),
        "[a-z_ ]{0,8}".prop_map(|k| format!("key = {}", lit(&k))),
        Just("key = device".to_owned()),
        Just("paginated".to_owned()),
        Just("paginated = true".to_owned()),
        Just("action_attempt".to_owned()),
        ident().prop_map(|i| format!("name = {i}")),
        Just("name = \"frob\"".to_owned()),
        prop::sample::select(vec![
            "crate = ::seam",
            "crate = \"::seam\"",
            "crate = \"not a path\"",
            "crate = 5",
            "crate = self::x",
        ])
        .prop_map(str::to_owned),
        (ident(), ty()).prop_map(|(i, t)| format!("returns({i}: {t})")),
        Just("returns(x)".to_owned()),
        prop::collection::vec(ident(), 0..4)
            .prop_map(|names| format!("at_least_one_of({})", names.join(", "))),
        prop::collection::vec(
            prop::sample::select(vec![
                "api_key",
                "pat",
                "client_session",
                "console_session",
                "publishable_key",
                "pat_without_workspace",
                "apikey",
                "7",
            ]),
            0..4
        )
        .prop_map(|modes| format!("auth({})", modes.join(", "))),
        prop::sample::select(vec![
            "constructor = false",
            "constructor = 1",
            "constructor"
        ])
        .prop_map(str::to_owned),
        ident().prop_map(|i| format!("{i} = 1")),
        prop::sample::select(vec!["= =", "()", "a b c", "::", "#", "\"s\"", "'a", "@"])
            .prop_map(str::to_owned),
    ]
}

fn args() -> impl Strategy<Value = String> {
    (
        prop::option::of(method()),
        prop::option::of(path()),
        prop::collection::vec(option(), 0..5),
        prop::sample::select(vec![", ", ",", " ", ",,"]),
    )
        .prop_map(|(method, path, options, sep)| {
            let mut head = String::new();
            if let Some(m) = method {
                head.push_str(&m);
                head.push(' ');
            }
            if let Some(p) = path {
                head.push_str(&p);
            }
            let mut parts = vec![head];
            parts.extend(options);
            parts.join(sep)
        })
}

fn field() -> impl Strategy<Value = String> {
    let attr = prop_oneof![
        3 => Just(String::new()),
        1 => "[a-z_-]{0,8}".prop_map(|n| format!("#[seam(rename = {})]", lit(&n))),
        1 => "[a-z_ -]{0,8}".prop_map(|n| format!("#[seam(header = {})]", lit(&n))),
        1 => prop::sample::select(vec![
            "#[seam(rename)]",
            "#[seam(bogus = \"x\")]",
            "#[seam(rename = \"a\", rename = \"b\")]",
            "#[seam(header = 5)]",
            "#[seam]",
            "#[seam = \"x\"]",
            "#[serde(skip)]",
            "#[doc = \"a field\"]",
        ])
        .prop_map(str::to_owned),
    ];
    (attr, any::<bool>(), ident(), ty()).prop_map(|(attr, public, name, ty)| {
        let vis = if public { "pub " } else { "" };
        format!("{attr} {vis}{name}: {ty}")
    })
}

fn item() -> impl Strategy<Value = (String, String)> {
    let name = "[A-Z][a-zA-Z0-9]{0,6}";
    let fields = prop::collection::vec(field(), 0..5).prop_map(|f| f.join(", "));
    (
        name,
        fields,
        prop::sample::select(vec![
            "struct", "struct", "struct", "generic", "tuple", "unit", "enum", "fn", "derive",
            "union", "garbage",
        ]),
    )
        .prop_map(|(name, fields, shape)| {
            let text = match shape {
                "struct" => format!("/// Docs.\n#[derive(Debug)] pub struct {name} {{ {fields} }}"),
                "generic" => format!("pub struct {name}<T> {{ {fields} }}"),
                "tuple" => format!("pub struct {name}(String);"),
                "unit" => format!("pub struct {name};"),
                "enum" => format!("pub enum {name} {{ A, B }}"),
                "fn" => format!("fn {name}() {{}}"),
                "derive" => {
                    format!("#[derive(serde::Serialize)] pub struct {name} {{ {fields} }}")
                }
                "union" => format!("pub union {name} {{ a: u8 }}"),
                _ => format!("pub struct {name} {{ {fields} "),
            };
            (name, text)
        })
}

/// A declaration that is right as a whole (method, path, placeholders backed by fields,
/// options that fit together), then, half the time, one mistake put into it.
fn declaration() -> impl Strategy<Value = (String, String, String)> {
    let fields = prop::collection::btree_map(
        "[a-z][a-z_]{0,6}",
        prop::sample::select(vec![
            "String",
            "Option<String>",
            "u32",
            "Vec<String>",
            "bool",
        ]),
        0..5,
    );
    (
        fields,
        prop::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE"]),
        prop::collection::vec("[a-z][a-z_]{0,7}", 1..4),
        any::<prop::sample::Index>(),
        prop::option::of(prop::sample::select(vec!["device_id", "widget_id"])),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        prop::option::of(option()),
        prop::option::of(field()),
    )
        .prop_map(
            |(fields, method, literals, at, placeholder, (typed, auth, named), mistake, extra)| {
                let mut fields: Vec<String> = fields
                    .into_iter()
                    .filter(|(name, _)| !is_keyword(name))
                    .map(|(name, ty)| format!("pub {name}: {ty}"))
                    .collect();
                let mut segments = literals;
                if let Some(p) = placeholder {
                    segments.insert(at.index(segments.len() + 1), format!("{{{p}}}"));
                    fields.push(format!("pub {p}: String"));
                }
                let mut args = format!("{method} {}", lit(&format!("/{}", segments.join("/"))));
                if typed {
                    args.push_str(", response = Widget, key = \"widget\"");
                }
                if auth {
                    args.push_str(", auth(api_key, pat)");
                }
                if named {
                    args.push_str(", name = frob");
                }
                if let Some(m) = mistake {
                    args.push_str(", ");
                    args.push_str(&m);
                }
                fields.extend(extra);
                let item = format!("pub struct Decl {{ {} }}", fields.join(", "));
                (args, item, "Decl".to_owned())
            },
        )
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "do"
            | "fn"
            | "if"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "use"
            | "where"
            | "while"
            | "for"
            | "impl"
            | "enum"
            | "else"
            | "false"
            | "crate"
            | "const"
            | "break"
            | "box"
            | "dyn"
            | "gen"
            | "try"
            | "priv"
            | "final"
            | "macro"
            | "async"
            | "await"
            | "yield"
            | "unsafe"
            | "return"
            | "extern"
            | "become"
            | "abstract"
            | "continue"
            | "override"
            | "typeof"
            | "unsized"
            | "virtual"
    )
}

/// Tokens from text the generators made; `None` when it does not lex (an unclosed
/// group), which the macro never sees.
fn tokens(text: &str) -> Option<TokenStream> {
    TokenStream::from_str(text).ok()
}

/// What every expansion must be: tokens that print and lex again.
fn assert_lexes(out: &TokenStream) -> Result<String, TestCaseError> {
    let text = out.to_string();
    prop_assert!(
        TokenStream::from_str(&text).is_ok(),
        "the expansion does not lex again: {text}"
    );
    Ok(text)
}

/// An arbitrary token tree, as text: identifiers, punctuation, literals and groups.
fn token_soup() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_]{0,5}",
        prop::sample::select(vec![
            "=", ",", ":", "::", ";", "#", "!", "<", ">", "&", "'a", "-", "/", "?", ".", "..",
            "=>", "->", "@", "$", "|", "*", "+",
        ])
        .prop_map(str::to_owned),
        any::<i64>().prop_map(|n| n.to_string()),
        "\\PC{0,6}".prop_map(|s| lit(&s)),
        Just("b\"x\"".to_owned()),
        Just("1.5e3f32".to_owned()),
        Just("'c'".to_owned()),
        Just("r#type".to_owned()),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        (
            prop::collection::vec(inner, 0..6),
            prop::sample::select(vec![("(", ")"), ("[", "]"), ("{", "}")]),
        )
            .prop_map(|(items, (open, close))| format!("{open}{}{close}", items.join(" ")))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Near-miss arguments on near-miss items: tokens or errors, and the struct survives.
    #[test]
    fn endpoint_never_panics_and_keeps_the_struct(
        (args, item, name) in prop_oneof![
            declaration(),
            (args(), item()).prop_map(|(a, (n, i))| (a, i, n)),
        ],
        facade in any::<bool>(),
    ) {
        let (Some(args_ts), Some(item_ts)) = (tokens(&args), tokens(&item)) else {
            return Ok(());
        };
        let out = seam_endpoint(args_ts.clone(), item_ts.clone(), facade);
        let text = assert_lexes(&out)?;
        let failed = text.contains("compile_error");
        if syn::parse2::<syn::DeriveInput>(item_ts.clone()).is_ok() {
            // Whatever went wrong, the item itself is still there for the IDE.
            prop_assert!(text.contains(&name), "`{name}` vanished from: {text}");
        } else {
            prop_assert!(failed, "`{item}` is not a struct, yet no error: {text}");
        }
        if !failed {
            prop_assert!(text.contains("Endpoint"), "no error and no impl: {text}");
        }
        // Deterministic: the same input expands to the same tokens.
        prop_assert_eq!(text, seam_endpoint(args_ts, item_ts, facade).to_string());
    }

    /// Any token trees at all, as arguments and as the item.
    #[test]
    fn endpoint_on_token_soup(
        args in prop::collection::vec(token_soup(), 0..6),
        item in prop::collection::vec(token_soup(), 0..6),
        struct_item in any::<bool>(),
    ) {
        let item = if struct_item {
            format!("pub struct S {{ {} }}", item.join(" "))
        } else {
            item.join(" ")
        };
        let (Some(args), Some(item)) = (tokens(&args.join(" ")), tokens(&item)) else {
            return Ok(());
        };
        let out = seam_endpoint(args, item, false);
        assert_lexes(&out)?;
    }

    /// `namespace!` on any path-like input.
    #[test]
    fn namespace_never_panics(
        parts in prop::collection::vec(prop_oneof![ident(), token_soup()], 0..5),
        vis in prop::sample::select(vec!["", "pub ", "pub(crate) ", "pub(in a) "]),
        sep in prop::sample::select(vec!["::", "/", " ", ",", ":: ::"]),
        facade in any::<bool>(),
    ) {
        let Some(input) = tokens(&format!("{vis}{}", parts.join(sep))) else {
            return Ok(());
        };
        let out = namespace(input, facade);
        assert_lexes(&out)?;
    }
}

/// A check that the properties can fail: a well-formed declaration expands without
/// errors, and a known mistake gives one.
#[test]
fn the_oracle_tells_good_from_bad() {
    let good = seam_endpoint(
        tokens("GET \"/widgets/get\", response = Widget, key = \"widget\"").unwrap(),
        tokens("pub struct GetWidget { pub widget_id: String }").unwrap(),
        true,
    )
    .to_string();
    assert!(!good.contains("compile_error"), "{good}");
    assert!(good.contains("Endpoint"), "{good}");

    let bad = seam_endpoint(
        tokens("FETCH \"/widgets/get\"").unwrap(),
        tokens("pub struct GetWidget { pub widget_id: String }").unwrap(),
        true,
    )
    .to_string();
    assert!(bad.contains("compile_error"), "{bad}");
    assert!(bad.contains("GetWidget"), "{bad}");
}
