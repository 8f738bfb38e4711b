//! Includes every module of `macros/src` (all but `lib.rs`, the `proc_macro` entry points)
//! into this binary by path, so the counts follow the macro as it is today. When the
//! entry module still lives inline in `lib.rs` rather than in `entry.rs`, it is cut out of
//! `lib.rs` into `OUT_DIR`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // The copy being measured. Every copy builds into the same target dir, so a change
    // of copy must rerun this script: the paths it wrote name the previous one.
    println!("cargo:rerun-if-env-changed=SEAM_BENCH_SRC");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../macros/src");
    let src = src.canonicalize().expect("macros/src");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed={}", src.display());
    let mut modules = String::new();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&src).expect("read macros/src") {
        let path = entry.unwrap().path();
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            names.push((name, path));
        }
    }
    if !names.iter().any(|(n, _)| n == "entry") {
        let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
        let start = lib.find("mod entry {").expect("an entry module in lib.rs");
        let body = &lib[start + "mod entry {".len()..];
        let end = body.rfind('}').expect("the end of mod entry");
        let path = out.join("entry.rs");
        std::fs::write(&path, &body[..end]).unwrap();
        names.push(("entry".into(), path));
    }
    names.sort();
    for (name, path) in names {
        let _ = writeln!(
            modules,
            "#[path = {:?}]\n#[allow(dead_code, unused_imports, unreachable_pub, clippy::all)]\nmod {name};",
            path.display().to_string()
        );
    }
    std::fs::write(out.join("macro_modules.rs"), modules).unwrap();
}
