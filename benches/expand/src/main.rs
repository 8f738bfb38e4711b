//! Counts what `#[seam_endpoint]` adds to each endpoint, running the macro's own code (its
//! modules are compiled into this binary, see `build.rs`).
//!
//! `seam-bench-expand [--print] FILE.rs..` reads each file, expands every struct that
//! carries `#[seam_endpoint(..)]` as the attribute would (runtime path `::seam_runtime`,
//! or `::seam` for a file under `src/api`), pretty-prints the expansion with prettyplease
//! and prints one JSON line per file: endpoints, the lines the struct has alone, the lines
//! of the expansion, and what it adds per endpoint, in all and without doc comments, split
//! by item. `--print` also prints each expansion.

#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/macro_modules.rs"));

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::ToTokens;

fn pretty(items: Vec<syn::Item>) -> String {
    let mut file: syn::File = syn::parse_str("").expect("an empty file");
    file.items = items;
    prettyplease::unparse(&file)
}

/// Non-blank lines, in all and without doc comments (prettyplease prints a one-line doc
/// attribute as `///..` and a longer one as a `/** .. */` block).
fn lines(text: &str) -> (usize, usize) {
    let (mut all, mut code) = (0, 0);
    let mut in_block = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        all += 1;
        if in_block {
            in_block = !t.ends_with("*/");
            continue;
        }
        if t.starts_with("/**") || t.starts_with("/*!") {
            in_block = !(t.len() > 3 && t.ends_with("*/"));
            continue;
        }
        if !t.starts_with("///") && !t.starts_with("//!") {
            code += 1;
        }
    }
    (all, code)
}

/// Token trees, leaves only: a measure no formatter changes.
fn tokens(stream: TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Group(g) => 2 + tokens(g.stream()),
            _ => 1,
        })
        .sum()
}

/// Which part of the expansion an item is, for the breakdown.
fn kind(item: &syn::Item) -> String {
    match item {
        syn::Item::Struct(_) => "struct".into(),
        syn::Item::Impl(i) => match &i.trait_ {
            Some((path, _)) => {
                let last = path.segments.last().unwrap().ident.to_string();
                if last.ends_with("Ext") {
                    "impl <Struct>Ext".into()
                } else {
                    format!("impl {last}")
                }
            }
            None => "inherent impl (new)".into(),
        },
        syn::Item::Trait(_) => "trait <Struct>Ext".into(),
        // Before the `const _` block held everything, it held only the linkme static.
        syn::Item::Const(c) if block_items(c).is_some_and(|items| items.len() == 1) => {
            "registry static (linkme)".into()
        }
        syn::Item::Const(_) => "const _ block (wrapper)".into(),
        syn::Item::Use(_) => "use __s (in the block)".into(),
        syn::Item::Macro(_) => "registry (register!)".into(),
        other => format!("{:?}", std::mem::discriminant(other)),
    }
}

/// The items of a `const _: () = { .. };` block.
fn block_items(c: &syn::ItemConst) -> Option<Vec<syn::Item>> {
    let syn::Expr::Block(b) = &*c.expr else {
        return None;
    };
    Some(
        b.block
            .stmts
            .iter()
            .filter_map(|s| match s {
                syn::Stmt::Item(i) => Some(i.clone()),
                syn::Stmt::Macro(m) => Some(syn::Item::Macro(syn::ItemMacro {
                    attrs: m.attrs.clone(),
                    ident: None,
                    mac: m.mac.clone(),
                    semi_token: m.semi_token,
                })),
                _ => None,
            })
            .collect(),
    )
}

/// The parts of an expansion, with a `const _` block's items counted as their own parts
/// and the block itself as its wrapper lines.
fn parts_of(item: &syn::Item) -> Vec<(String, syn::Item)> {
    if let syn::Item::Const(c) = item
        && let Some(items) = block_items(c)
        && items.len() > 1
    {
        let mut wrapper = c.clone();
        wrapper.expr = syn::parse_quote!({});
        let mut out = vec![(kind(item), syn::Item::Const(wrapper))];
        out.extend(items.into_iter().map(|i| (kind(&i), i)));
        return out;
    }
    vec![(kind(item), item.clone())]
}

/// Which parts of an expansion `--drop` removes, by the names `kind` gives them.
fn dropped(part: &syn::Item, drop: &[String]) -> bool {
    let k = kind(part);
    drop.iter().any(|d| match d.as_str() {
        "ext" => k.contains("Ext"),
        "registry" => k.starts_with("registry"),
        "new" => k.starts_with("inherent impl"),
        _ => false,
    })
}

/// `dropped` and `trim` inside a `const _` block too.
fn apply_drop(mut part: syn::Item, drop: &[String]) -> Option<syn::Item> {
    if dropped(&part, drop) {
        return None;
    }
    if let syn::Item::Const(c) = &mut part
        && let syn::Expr::Block(b) = &mut *c.expr
    {
        b.block.stmts.retain_mut(|stmt| match stmt {
            syn::Stmt::Item(i) => {
                trim(i, drop);
                !dropped(i, drop)
            }
            syn::Stmt::Macro(_) => !drop.iter().any(|d| d == "registry"),
            _ => true,
        });
    }
    trim(&mut part, drop);
    Some(part)
}

/// `--drop docs`: the generated doc comment on the struct. `--drop params`: the params
/// list of `META` (`params: &[]`).
fn trim(part: &mut syn::Item, drop: &[String]) {
    use syn::visit_mut::VisitMut;
    struct Params;
    impl VisitMut for Params {
        fn visit_field_value_mut(&mut self, fv: &mut syn::FieldValue) {
            if matches!(&fv.member, syn::Member::Named(n) if n == "params") {
                fv.expr = syn::parse_quote!(&[]);
            }
            syn::visit_mut::visit_field_value_mut(self, fv);
        }
    }
    if let syn::Item::Struct(s) = part
        && drop.iter().any(|d| d == "docs")
    {
        // The generated reference: `#[doc]` once, `#[cfg_attr(doc, doc = ..)]` now.
        s.attrs
            .retain(|a| !a.path().is_ident("doc") && !a.path().is_ident("cfg_attr"));
    }
    if drop.iter().any(|d| d == "params") {
        Params.visit_item_mut(part);
    }
}

/// `--emit OUT.rs [--drop PART,..] FILE.rs`: writes FILE with every `#[seam_endpoint]`
/// struct replaced by its expansion, less the parts named: `docs`, `ext` (the namespaced
/// call's trait and impl), `registry` (the linkme static), `new`, `params` (the params
/// metadata). The compile series' ablation builds these.
fn emit(file: &str, out: &str, drop: &[String]) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut items = Vec::new();
    for item in std::mem::take(&mut ast.items) {
        let syn::Item::Struct(mut s) = item else {
            items.push(item);
            continue;
        };
        let Some(pos) = s.attrs.iter().position(|a| {
            a.path()
                .segments
                .last()
                .is_some_and(|seg| seg.ident == "seam_endpoint")
        }) else {
            items.push(syn::Item::Struct(s));
            continue;
        };
        let attr = s.attrs.remove(pos);
        let args: TokenStream = match &attr.meta {
            syn::Meta::List(list) => list.tokens.clone(),
            _ => TokenStream::new(),
        };
        let expanded = entry::endpoint(
            args,
            s.to_token_stream(),
            entry::Runtime::SeamRuntime,
            false,
        );
        let expanded: syn::File = syn::parse2(expanded).expect("the expansion parses");
        items.extend(
            expanded
                .items
                .into_iter()
                .filter_map(|part| apply_drop(part, drop)),
        );
    }
    ast.items = items;
    std::fs::write(out, prettyplease::unparse(&ast)).unwrap_or_else(|e| panic!("{out}: {e}"));
}

fn main() {
    let mut print = false;
    let mut files = Vec::new();
    let mut emit_to = None;
    let mut drop = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--print" => print = true,
            "--emit" => emit_to = args.next(),
            "--drop" => {
                drop = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            _ => files.push(arg),
        }
    }
    if let Some(out) = emit_to {
        for file in &files {
            emit(file, &out, &drop);
        }
        return;
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let facade = file.contains("src/api");
        let runtime = if facade {
            entry::Runtime::Facade
        } else {
            entry::Runtime::SeamRuntime
        };
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut endpoints = 0usize;
        let (mut struct_all, mut struct_code) = (0, 0);
        let (mut exp_all, mut exp_code) = (0, 0);
        let (mut struct_tokens, mut exp_tokens) = (0, 0);
        let mut parts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for item in ast.items {
            let syn::Item::Struct(mut item) = item else {
                continue;
            };
            let Some(pos) = item.attrs.iter().position(|a| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "seam_endpoint")
            }) else {
                continue;
            };
            let attr = item.attrs.remove(pos);
            let args: TokenStream = match &attr.meta {
                syn::Meta::List(list) => list.tokens.clone(),
                _ => TokenStream::new(),
            };
            endpoints += 1;
            struct_tokens += tokens(item.to_token_stream());
            let alone = pretty(vec![syn::Item::Struct(item.clone())]);
            let (a, c) = lines(&alone);
            struct_all += a;
            struct_code += c;

            let expanded = entry::endpoint(args, item.to_token_stream(), runtime, false);
            exp_tokens += tokens(expanded.clone());
            let expanded: syn::File = syn::parse2(expanded).expect("the expansion parses");
            for (name, part) in expanded.items.iter().flat_map(parts_of) {
                let (a, c) = lines(&pretty(vec![part]));
                let slot = parts.entry(name).or_default();
                slot.0 += a;
                slot.1 += c;
            }
            let text = prettyplease::unparse(&expanded);
            if print {
                println!("{text}");
            }
            let (a, c) = lines(&text);
            exp_all += a;
            exp_code += c;
        }
        let per = |n: usize| n as f64 / endpoints.max(1) as f64;
        // The struct item's lines beyond the struct as written are the macro's too.
        if let Some(s) = parts.get_mut("struct") {
            s.0 -= struct_all;
            s.1 -= struct_code;
        }
        let parts: BTreeMap<String, (f64, f64)> = parts
            .into_iter()
            .map(|(k, (a, c))| (k, (per(a), per(c))))
            .collect();
        let parts: Vec<String> = parts
            .iter()
            .map(|(k, (a, c))| format!("{k:?}: {{\"all\": {a:.1}, \"code\": {c:.1}}}"))
            .collect();
        println!(
            "{{\"file\": {file:?}, \"endpoints\": {endpoints}, \"struct_lines\": {:.1}, \"expansion_lines\": {:.1}, \"added_per_endpoint\": {:.1}, \"added_code_per_endpoint\": {:.1}, \"added_tokens_per_endpoint\": {:.1}, \"parts_added_per_endpoint\": {{{}}}}}",
            per(struct_all),
            per(exp_all),
            per(exp_all - struct_all),
            per(exp_code - struct_code),
            per(exp_tokens - struct_tokens),
            parts.join(", ")
        );
    }
}
