#!/usr/bin/env python3
"""Benchmarks of the seam workspace: regenerates the fixtures, runs each series with
paired, alternating runs, and prints tables of ratios. BENCHMARKS.md at the root records
a run; this script takes it again.

    python3 benches/run.py machine      # what the figures were taken on
    python3 benches/run.py gen          # writes the compile-time fixture crates
    python3 benches/run.py compile      # cargo check / cargo build of each fixture form
    python3 benches/run.py compile-callgrind  # rustc's instructions for the same, noise-free
    python3 benches/run.py ablate       # (a) at the largest N with parts of its expansion cut
    python3 benches/run.py expand       # lines each form expands to, per endpoint
    python3 benches/run.py macro-build  # seam-macros' own build, clean and deps prebuilt
    python3 benches/run.py facade-check # cargo check of the `seam` crate: clean, incremental
    python3 benches/run.py percall      # criterion + callgrind: request building, decoding
    python3 benches/run.py loopback     # 10,000 seed calls over loopback, and Python
    python3 benches/run.py loopback-pair  # the same throughput, two clients in one process
    python3 benches/run.py loopback-callgrind  # instructions per call, client side
    python3 benches/run.py all          # every series above, in that order
    python3 benches/run.py report       # prints the tables of the last run again

Options: --out DIR (default $CARGO_TARGET_DIR/bench, else <repo>/target/bench; the
fixtures, their target dirs, criterion's output, the Python venv and results/*.json go
there, never into the source tree), --runs N (compile, macro-build, facade-check),
--rounds N and --measurement-time S (percall), --calls N (loopback), --batches N (loopback-pair), --ns 100,500,
--forms a,b,c,d,e, --no-wait (do not wait for a quiet machine), --no-callgrind, --no-criterion,
--no-python, --pin (loopback), --working-tree. Every series measures a copy of HEAD
exported under the out dir (commit it first; --working-tree measures the working tree
instead), and records the commit in its results. The benches workspace builds into <repo>/target/benches.

Fixture forms, each a crate of N endpoints (a params struct of 5 fields and a 4-field
response model per endpoint):
  a  #[seam_endpoint(POST "/ns/op_i", response = Model_i, key = "model")]
  b  the floor: the same structs with #[derive(Serialize)] / #[derive(Deserialize)] only
  c  the same with a hand-written `impl seam_runtime::Endpoint`
  d  rustify's #[derive(Endpoint)] #[endpoint(path, method, response)]
  e  one inlined async fn per endpoint, as openapi-generator's Rust (reqwest) client emits

Before each series the script waits (polling every 15 s, up to 40 minutes) for the
1-minute load average to fall below 0.6, and records the load it started at. Every pair
is measured alternately, in rotating order, so drift cancels. Nothing here is a test and
nothing asserts a time.
"""

import argparse
import contextlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
REPO = BENCHES.parent
# What is measured: a copy of HEAD (`git archive`) under the out dir, so edits in the
# working tree never leak into a run and every figure belongs to one commit. Set in main().
SRC = REPO
COMMIT = None
FORMS = {
    "a": "seam_endpoint",
    "b": "floor (serde only)",
    "c": "hand-written Endpoint impl",
    "d": "rustify derive",
    "e": "inline async fn (openapi-generator style)",
}
NAMESPACES = ["devices", "locks", "access_codes", "thermostats", "acs/credentials"]
QUIET_LOAD = 0.6


# ---------------------------------------------------------------------------------------
# Helpers


def out_dir(args):
    if args.out:
        return Path(args.out).resolve()
    target = os.environ.get("CARGO_TARGET_DIR")
    return (Path(target) if target else REPO / "target") / "bench"


def benches_target():
    """Where the benches workspace builds: benches/.cargo/config.toml says <repo>/target/benches."""
    target = os.environ.get("CARGO_TARGET_DIR")
    return Path(target) if target else REPO / "target" / "benches"


def load1():
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_quiet(args, series):
    """Waits until the 1-minute load is below QUIET_LOAD (15 s polls, 40 minutes at most)."""
    start = time.time()
    while not args.no_wait and load1() >= QUIET_LOAD and time.time() - start < 40 * 60:
        print(f"  [{series}] load {load1():.2f} >= {QUIET_LOAD}; waiting 15 s", flush=True)
        time.sleep(15)
    load = load1()
    print(f"  [{series}] starting at load {load:.2f} after {time.time() - start:.0f} s", flush=True)
    return {"load_at_start": load, "waited_s": round(time.time() - start)}


def run(cmd, cwd=None, env=None, check=True, capture=True):
    merged = dict(os.environ)
    merged.update(env or {})
    p = subprocess.run(
        cmd, cwd=cwd, env=merged, text=True,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
    )
    if check and p.returncode != 0:
        sys.stderr.write(f"command failed: {' '.join(map(str, cmd))}\n{p.stdout or ''}{p.stderr or ''}")
        raise SystemExit(1)
    return p


def snapshot(out, working_tree):
    """Exports HEAD to <out>/src/<commit>, once per commit; the working tree itself with
    --working-tree."""
    global SRC, COMMIT
    COMMIT = run(["git", "rev-parse", "HEAD"], cwd=REPO).stdout.strip()
    if working_tree:
        SRC, COMMIT = REPO, COMMIT + "+working-tree"
        return
    SRC = out / "src" / COMMIT[:12]
    if not (SRC / "Cargo.toml").exists():
        SRC.mkdir(parents=True, exist_ok=True)
        archive = subprocess.Popen(["git", "archive", "HEAD"], cwd=REPO, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(SRC)], stdin=archive.stdout, check=True)
        archive.wait()
    print(f"measuring {COMMIT[:12]} (a copy of HEAD in {SRC})", flush=True)


def bench_env():
    """The benches workspace of the copy, built into <repo>/target/benches."""
    # SEAM_BENCH_SRC reruns benches/expand's build script when the copy changes.
    return {"CARGO_TARGET_DIR": str(benches_target()), "SEAM_BENCH_SRC": str(SRC)}


def save(out, name, data):
    if isinstance(data, dict):
        data["commit"] = COMMIT
    d = out / "results"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{name}.json").write_text(json.dumps(data, indent=2))


def rotate(items, r):
    r %= len(items)
    return items[r:] + items[:r]


def table(header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(header))
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        print(line(row))
    print()


# ---------------------------------------------------------------------------------------
# machine


def cmd_machine(args):
    out = out_dir(args)
    info = {}
    lscpu = run(["lscpu"]).stdout
    keep = ("Architecture", "Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket",
            "CPU max MHz", "L2 cache", "L3 cache", "Hypervisor vendor")
    info["lscpu"] = {k.strip(): v.strip() for k, v in
                     (l.split(":", 1) for l in lscpu.splitlines() if ":" in l) if k.strip() in keep}
    info["nproc"] = run(["nproc"]).stdout.strip()
    info["memory"] = run(["free", "-h"]).stdout.splitlines()[1]
    info["kernel"] = platform.release()
    info["rustc"] = run(["rustc", "-V"]).stdout.strip()
    info["cargo"] = run(["cargo", "-V"]).stdout.strip()
    info["python"] = sys.version.split()[0]
    info["load"] = Path("/proc/loadavg").read_text().strip()
    for k, v in info.items():
        print(f"{k}: {v}")
    save(out, "machine", info)


# ---------------------------------------------------------------------------------------
# gen: the fixture crates

PARAMS = [
    ("device_id", "String"),
    ("name", "Option<String>"),
    ("is_enabled", "Option<bool>"),
    ("tags", "Option<Vec<String>>"),
    ("limit", "Option<i64>"),
]
MODEL = [("thing_id", "String"), ("display_name", "String"), ("created_at", "String"), ("is_managed", "bool")]


def endpoint(i):
    ns = NAMESPACES[i % len(NAMESPACES)]
    return f"Op{i}", f"Model{i}", f"/{ns}/op_{i}", f"op_{i}"


def model(name):
    fields = "".join(f"    pub {f}: {t},\n" for f, t in MODEL)
    return f"#[derive(Deserialize)]\npub struct {name} {{\n{fields}}}\n"


def params(name, serde_skip):
    out = []
    for f, t in PARAMS:
        if serde_skip and t.startswith("Option"):
            out.append('    #[serde(skip_serializing_if = "Option::is_none")]\n')
        out.append(f"    pub {f}: {t},\n")
    return f"pub struct {name} {{\n{''.join(out)}}}\n"


def gen_a(n):
    s = ["use seam_runtime::seam_endpoint;\nuse serde::Deserialize;\n"]
    for i in range(n):
        op, m, path, _ = endpoint(i)
        s.append(model(m))
        s.append(f'#[seam_endpoint(POST "{path}", response = {m}, key = "model")]\n' + params(op, False))
    return "\n".join(s)


def gen_b(n):
    s = ["use serde::{Deserialize, Serialize};\n"]
    for i in range(n):
        op, m, _, _ = endpoint(i)
        s.append(model(m))
        s.append("#[derive(Serialize)]\n" + params(op, True))
    return "\n".join(s)


def gen_c(n):
    s = ["use seam_runtime::{Endpoint, EndpointMeta, Method, ResponseMeta};\n"
         "use serde::{Deserialize, Serialize};\n"]
    for i in range(n):
        op, m, path, _ = endpoint(i)
        s.append(model(m))
        s.append("#[derive(Serialize)]\n" + params(op, True))
        s.append(
            f"impl Endpoint for {op} {{\n"
            f"    type Response = {m};\n"
            f"    const META: &'static EndpointMeta = &EndpointMeta {{\n"
            f"        method: Method::Post,\n"
            f'        path: "{path}",\n'
            f'        response: Some(ResponseMeta {{ rust_type: "{m}", key: "model" }}),\n'
            f"        ..EndpointMeta::DEFAULT\n"
            f"    }};\n"
            f"}}\n")
    return "\n".join(s)


def gen_d(n):
    s = ["use rustify_derive::Endpoint;\nuse serde::Deserialize;\nuse serde::de::DeserializeOwned;\n",
         "/// Seam's envelope, `{\"ok\": true, \"model\": ..}`: `endpoint.exec(&client).await?.wrap::<Envelope<_>>()`.\n"
         "#[derive(Deserialize)]\npub struct Envelope<T> {\n    pub model: T,\n}\n\n"
         "impl<T: DeserializeOwned + Send + Sync> rustify::endpoint::Wrapper for Envelope<T> {\n"
         "    type Value = T;\n}\n"]
    for i in range(n):
        op, m, path, _ = endpoint(i)
        s.append(model(m))
        s.append(f'#[derive(Endpoint)]\n#[endpoint(path = "{path[1:]}", method = "POST", response = "{m}")]\n'
                 + params(op, False))
    return "\n".join(s)


E_SHARED = '''use serde::{Deserialize, Serialize};
use serde::de::Error as _;

/// What every operation needs, as the generator's `apis/configuration.rs` has it.
pub struct Configuration {
    pub base_path: String,
    pub user_agent: Option<String>,
    pub client: reqwest::Client,
    pub bearer_access_token: Option<String>,
}

#[derive(Debug)]
pub struct ResponseContent<T> {
    pub status: reqwest::StatusCode,
    pub content: String,
    pub entity: Option<T>,
}

#[derive(Debug)]
pub enum Error<T> {
    Reqwest(reqwest::Error),
    Serde(serde_json::Error),
    Io(std::io::Error),
    ResponseError(ResponseContent<T>),
}

impl<T> From<reqwest::Error> for Error<T> {
    fn from(e: reqwest::Error) -> Self {
        Error::Reqwest(e)
    }
}

impl<T> From<serde_json::Error> for Error<T> {
    fn from(e: serde_json::Error) -> Self {
        Error::Serde(e)
    }
}

pub enum ContentType {
    Json,
    Text,
    Unsupported(String),
}

impl From<&str> for ContentType {
    fn from(content_type: &str) -> Self {
        if content_type.starts_with("application") && content_type.contains("json") {
            Self::Json
        } else if content_type.starts_with("text/plain") {
            Self::Text
        } else {
            Self::Unsupported(content_type.to_string())
        }
    }
}
'''

E_OP = '''#[derive(Deserialize)]
pub struct {op}Response {{
    pub ok: bool,
    pub model: {m},
}}

/// Errors of `{fn}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum {op}Error {{
    UnknownValue(serde_json::Value),
}}

pub async fn {fn}(configuration: &Configuration, params: {op}) -> Result<{op}Response, Error<{op}Error>> {{
    let p_body = params;
    let uri_str = format!("{{}}{path}", configuration.base_path);
    let mut req_builder = configuration.client.request(reqwest::Method::POST, &uri_str);
    if let Some(ref user_agent) = configuration.user_agent {{
        req_builder = req_builder.header(reqwest::header::USER_AGENT, user_agent.clone());
    }}
    if let Some(ref token) = configuration.bearer_access_token {{
        req_builder = req_builder.bearer_auth(token.to_owned());
    }};
    req_builder = req_builder.json(&p_body);
    let req = req_builder.build()?;
    let resp = configuration.client.execute(req).await?;
    let status = resp.status();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream");
    let content_type = ContentType::from(content_type);
    if !status.is_client_error() && !status.is_server_error() {{
        let content = resp.text().await?;
        match content_type {{
            ContentType::Json => serde_json::from_str(&content).map_err(Error::from),
            ContentType::Text => Err(Error::from(serde_json::Error::custom("Received `text/plain` content type response that cannot be converted to `{op}Response`"))),
            ContentType::Unsupported(unknown_type) => Err(Error::from(serde_json::Error::custom(format!("Received `{{unknown_type}}` content type response that cannot be converted to `{op}Response`")))),
        }}
    }} else {{
        let content = resp.text().await?;
        let entity: Option<{op}Error> = serde_json::from_str(&content).ok();
        Err(Error::ResponseError(ResponseContent {{ status, content, entity }}))
    }}
}}
'''


def gen_e(n):
    s = [E_SHARED]
    for i in range(n):
        op, m, path, fn = endpoint(i)
        s.append(model(m))
        s.append("#[derive(Serialize)]\n" + params(op, True))
        s.append(E_OP.format(op=op, m=m, fn=fn, path=path))
    return "\n".join(s)


GENERATORS = {"a": gen_a, "b": gen_b, "c": gen_c, "d": gen_d, "e": gen_e}


def deps(form):
    runtime = f'seam-runtime = {{ path = "{SRC / "runtime"}" }}\n'
    serde = 'serde = { version = "1.0.220", features = ["derive"] }\n'
    return {
        "a": runtime + serde,
        "b": serde,
        "c": runtime + serde,
        "d": serde + 'rustify = { version = "0.7", default-features = false, features = ["rustls-no-provider"] }\n'
                     'rustify_derive = "0.5"\n',
        "e": serde + 'serde_json = "1.0.140"\n'
                     'reqwest = { version = "0.13", default-features = false, features = ["rustls-no-provider", "http2", "json"] }\n',
    }[form]


def crate_name(form, n):
    return f"fx_{form}_n{n}"


def cmd_gen(args):
    out = out_dir(args) / "fixtures"
    out.mkdir(parents=True, exist_ok=True)
    members = []
    for n in args.ns:
        for form in "abcde":
            name = crate_name(form, n)
            members.append(name)
            d = out / name
            (d / "src").mkdir(parents=True, exist_ok=True)
            (d / "Cargo.toml").write_text(
                f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
                f"[lib]\npath = \"src/lib.rs\"\n\n[dependencies]\n{deps(form)}")
            header = (f"//! Generated by benches/run.py: {n} endpoints, form ({form}) {FORMS[form]}.\n"
                      "#![allow(dead_code, clippy::all)]\n\n")
            src = header + GENERATORS[form](n)
            lib = d / "src" / "lib.rs"
            if not lib.exists() or lib.read_text() != src:
                lib.write_text(src)
    (out / "Cargo.toml").write_text(
        "# Generated by benches/run.py; regenerate with `python3 benches/run.py gen`.\n"
        "[workspace]\nresolver = \"3\"\nmembers = [\n" + "".join(f'  "{m}",\n' for m in members) + "]\n")
    lock = out / "Cargo.lock"
    if not lock.exists():
        # Start from the workspace's lock file, so shared dependencies are the same versions.
        shutil.copy(SRC / "Cargo.lock", lock)
    print(f"fixtures in {out}: {', '.join(members)}")
    return out


# ---------------------------------------------------------------------------------------
# compile


def fixture_env(out):
    return {"CARGO_TARGET_DIR": str(out / "fixtures-target"), "CARGO_INCREMENTAL": "0"}


def timed_cargo(fixtures, env, mode, name):
    (fixtures / name / "src" / "lib.rs").touch()
    t = time.perf_counter()
    run(["cargo", mode, "-p", name, "--offline", "-q"], cwd=fixtures, env=env)
    return time.perf_counter() - t


def cmd_compile(args):
    out = out_dir(args)
    fixtures = cmd_gen(args)
    env = fixture_env(out)
    forms = args.forms
    # Dependencies prebuilt: every crate built and checked once, untimed.
    for n in args.ns:
        for form in forms:
            for mode in ("build", "check"):
                print(f"  prebuilding: cargo {mode} -p {crate_name(form, n)}", flush=True)
                run(["cargo", mode, "-p", crate_name(form, n)], cwd=fixtures, env=env)
    results = {"meta": wait_quiet(args, "compile"), "runs": args.runs, "ns": args.ns,
               "forms": forms, "times": {}}
    for n in args.ns:
        for mode in args.modes.split(","):
            # The prebuild above warmed the caches.
            for r in range(args.runs):
                for form in rotate(list(forms), r):
                    t = timed_cargo(fixtures, env, mode, crate_name(form, n))
                    results["times"].setdefault(f"{mode}/{n}/{form}", []).append(t)
                    print(f"  cargo {mode} N={n} ({form}) run {r + 1}: {t:.2f} s", flush=True)
    results["meta"]["load_at_end"] = load1()
    save(out, "compile", results)
    print_compile(results, forms, args.ns)


def print_compile(results, forms, ns):
    t = results["times"]
    ns = results.get("ns") or sorted({int(k.split("/")[1]) for k in t})
    forms = results.get("forms") or sorted({k.split("/")[2] for k in t})
    for mode in ("check", "build"):
        if not any(k.startswith(f"{mode}/") for k in t):
            continue
        rows = []
        for n in ns:
            floor = t.get(f"{mode}/{n}/b")
            for form in forms:
                xs = t[f"{mode}/{n}/{form}"]
                med = statistics.median(xs)
                # Paired: each run's time over the floor's in the same round, then the median.
                per_run = [x / f for x, f in zip(xs, floor)] if floor else []
                ratio = f"{statistics.median(per_run):.2f}" if per_run else "-"
                spread = f"{min(per_run):.2f}-{max(per_run):.2f}" if per_run else "-"
                rows.append([n, f"({form}) {FORMS[form]}", f"{med:.2f}", f"{min(xs):.2f}-{max(xs):.2f}",
                             ratio, spread])
        print(f"cargo {mode} (median of {results['runs']}, s; ratio = median over rounds of the time "
              "over the floor (b)'s in the same round)")
        table(["N", "form", "median s", "range s", "/ (b)", "range of / (b)"], rows)
        for n in ns:
            a = t.get(f"{mode}/{n}/a")
            for peer in ("d", "e"):
                p = t.get(f"{mode}/{n}/{peer}")
                if a and p:
                    per_run = [x / y for x, y in zip(a, p)]
                    print(f"  N={n}: (a) / ({peer}) = {statistics.median(per_run):.2f} "
                          f"(rounds {min(per_run):.2f}-{max(per_run):.2f})")
        print()


# ---------------------------------------------------------------------------------------
# compile-callgrind: rustc's instructions, the noise-free complement of `compile`


def rustc_command(fixtures, env, mode, name):
    """The rustc command cargo runs for `name` (its own crate, dependencies built)."""
    (fixtures / name / "src" / "lib.rs").touch()
    p = run(["cargo", mode, "-p", name, "--offline", "-v"], cwd=fixtures, env=env)
    for line in p.stderr.splitlines():
        line = line.strip()
        if line.startswith("Running `") and f"--crate-name {name} " in line:
            return line[len("Running `"):-1]
    raise SystemExit(f"no rustc command for {name}")


def cmd_compile_callgrind(args):
    """Instructions rustc executes for `cargo check` / `cargo build` of each fixture crate
    (cachegrind without cache simulation): the same comparison as `compile`, but a count
    that does not depend on what else the machine is doing."""
    out = out_dir(args)
    fixtures = cmd_gen(args)
    env = fixture_env(out)
    scratch = out / "rustc-out"
    scratch.mkdir(parents=True, exist_ok=True)
    results = {"meta": {"load_at_start": load1()}, "ns": args.ns, "forms": args.forms,
               "modes": args.modes.split(","), "instructions": {}}
    for n in args.ns:
        for mode in args.modes.split(","):
            for form in args.forms:
                name = crate_name(form, n)
                run(["cargo", mode, "-p", name, "--offline", "-q"], cwd=fixtures, env=env)
                cmd = rustc_command(fixtures, env, mode, name)
                cmd = re.sub(r"--out-dir \S+", f"--out-dir {scratch}", cmd)
                cmd = re.sub(r"--error-format=json --json=\S+", "", cmd)
                p = subprocess.run(
                    f"valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null {cmd}",
                    shell=True, cwd=fixtures, text=True, capture_output=True,
                    env={**os.environ, **env})
                m = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
                if not m:
                    raise SystemExit(f"cachegrind failed for {name}:\n{p.stderr[-2000:]}")
                count = int(m.group(1).replace(",", ""))
                results["instructions"][f"{mode}/{n}/{form}"] = count
                print(f"  rustc instructions, cargo {mode} N={n} ({form}): {count:,}", flush=True)
    save(out, "compile-callgrind", results)
    print_compile_callgrind(results)


def print_compile_callgrind(results):
    t = results["instructions"]
    rows = []
    for n in results["ns"]:
        for mode in results["modes"]:
            floor = t.get(f"{mode}/{n}/b")
            for form in results["forms"]:
                x = t.get(f"{mode}/{n}/{form}")
                if x is None:
                    continue
                rows.append([n, mode, f"({form}) {FORMS[form]}", f"{x / 1e9:.3f}",
                             f"{x / floor:.3f}" if floor else "-"])
    print("rustc instructions (cachegrind, billions); ratio over the floor (b) of the same N and command")
    table(["N", "cargo", "form", "instructions (G)", "/ (b)"], rows)
    print()


# ---------------------------------------------------------------------------------------
# ablate: which part of the expansion the compile time goes to

ABLATIONS = [
    ("attr", None, "(a) as written: #[seam_endpoint]"),
    ("expanded", "", "(a) expanded, pasted as source (no attribute macro to run)"),
    ("no-docs", "docs", "expanded, less the generated doc comment"),
    ("no-ext", "ext", "expanded, less the namespaced call (trait + impl)"),
    ("no-registry", "registry", "expanded, less the registry entry (register!)"),
    ("no-new", "new", "expanded, less `new`"),
    ("no-params", "params", "expanded, less the params metadata"),
    ("bare", "docs,ext,registry,new,params", "expanded, less all five: serde derive + Endpoint impl (+ param check)"),
    ("floor", None, "(b) the floor: serde derives only"),
]


def cmd_ablate(args):
    """cargo check of (a) at the largest N with parts of its expansion removed, paired and
    rotated like the compile series: what each part of the expansion costs."""
    out = out_dir(args)
    fixtures = cmd_gen(args)
    n = max(args.ns)
    run(["cargo", "build", "-q", "-p", "seam-bench-expand"], cwd=SRC / "benches", env=bench_env())
    exe = benches_target() / "debug" / "seam-bench-expand"
    ab = out / "ablate"
    members = []
    for name, drop, _ in ABLATIONS:
        crate = f"ab_{name.replace('-', '_')}_n{n}"
        members.append(crate)
        d = ab / crate
        (d / "src").mkdir(parents=True, exist_ok=True)
        form = "b" if name == "floor" else "a"
        (d / "Cargo.toml").write_text(
            f'[package]\nname = "{crate}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
            f"[dependencies]\n{deps('a')}")
        src = fixtures / crate_name(form, n) / "src" / "lib.rs"
        lib = d / "src" / "lib.rs"
        if drop is None:
            text = src.read_text()
        else:
            tmp = ab / "emit.rs"
            run([str(exe), "--emit", str(tmp), "--drop", drop, str(src)])
            text = "#![allow(unused_imports)]\n" + tmp.read_text()
        if not lib.exists() or lib.read_text() != text:
            lib.write_text(text)
    (ab / "Cargo.toml").write_text(
        "# Generated by benches/run.py ablate.\n[workspace]\nresolver = \"3\"\nmembers = [\n"
        + "".join(f'  "{m}",\n' for m in members) + "]\n")
    if not (ab / "Cargo.lock").exists():
        shutil.copy(fixtures / "Cargo.lock", ab / "Cargo.lock")
    env = {"CARGO_TARGET_DIR": str(out / "ablate-target"), "CARGO_INCREMENTAL": "0"}
    for crate in members:
        run(["cargo", "check", "-q", "--offline", "-p", crate], cwd=ab, env=env)
    results = {"meta": wait_quiet(args, "ablate"), "n": n, "runs": args.runs, "times": {}}
    for r in range(args.runs):
        for i in rotate(list(range(len(members))), r):
            t = timed_cargo(ab, env, "check", members[i])
            results["times"].setdefault(ABLATIONS[i][0], []).append(t)
            print(f"  cargo check {members[i]} run {r + 1}: {t:.2f} s", flush=True)
    results["meta"]["load_at_end"] = load1()
    save(out, "ablate", results)
    print_ablate(results)


def print_ablate(results):
    t = results["times"]
    floor = t["floor"]
    attr = t["attr"]
    rows = []
    for name, _, what in ABLATIONS:
        xs = t[name]
        # Paired: over the floor's time in the same round, then the median.
        ratio = statistics.median(x / f for x, f in zip(xs, floor))
        share = statistics.median((x - f) / (a - f) for x, f, a in zip(xs, floor, attr) if a != f)
        rows.append([name, what, f"{statistics.median(xs):.2f}", f"{ratio:.2f}", f"{share * 100:.0f}%"])
    print(f"cargo check at N = {results['n']}, median of {results['runs']} (s); ratios paired by round; "
          "share = of (a)'s time over the floor's")
    table(["variant", "what", "median s", "/ floor", "share of (a) - floor"], rows)


# ---------------------------------------------------------------------------------------
# expand


def count_lines(text):
    return sum(1 for l in text.splitlines() if l.strip())


def cmd_expand(args):
    out = out_dir(args)
    fixtures = cmd_gen(args)
    results = {"meta": {"load_at_start": load1()}, "ns": args.ns, "forms": args.forms,
               "macro": {}, "crate": {}}
    # The project's own expansion, through its own code (benches/expand).
    run(["cargo", "build", "-q", "-p", "seam-bench-expand"], cwd=SRC / "benches", env=bench_env())
    exe = benches_target() / "debug" / "seam-bench-expand"
    files = [str(fixtures / crate_name("a", n) / "src" / "lib.rs") for n in args.ns]
    files += [str(p) for p in sorted((SRC / "src" / "api").rglob("*.rs"))]
    p = run([str(exe)] + files)
    facade = {"endpoints": 0}
    for line in p.stdout.splitlines():
        row = json.loads(line)
        if "/src/api/" in row["file"]:
            if row["endpoints"]:
                for k in ("struct_lines", "expansion_lines", "added_per_endpoint",
                          "added_code_per_endpoint", "added_tokens_per_endpoint"):
                    facade[k] = facade.get(k, 0) + row[k] * row["endpoints"]
                facade["endpoints"] += row["endpoints"]
        else:
            results["macro"][row["file"]] = row
    for k in list(facade):
        if k != "endpoints":
            facade[k] = round(facade[k] / facade["endpoints"], 1)
    results["macro"]["facade src/api (201 routes)"] = facade
    # Every form's whole crate after expansion (derives, attributes, the lot), as
    # `cargo expand` shows it: rustc's -Zunpretty=expanded, which cargo-expand itself runs
    # with RUSTC_BOOTSTRAP=1 on a stable toolchain. A target dir of its own, so the
    # compile series' prebuilt dependencies are not disturbed.
    env = {"CARGO_TARGET_DIR": str(out / "expand-target"), "RUSTC_BOOTSTRAP": "1"}
    for n in args.ns:
        for form in args.forms:
            name = crate_name(form, n)
            src = (fixtures / name / "src" / "lib.rs").read_text()
            p = run(["cargo", "rustc", "-q", "-p", name, "--profile=check", "--",
                     "-Zunpretty=expanded"], cwd=fixtures, env=env)
            results["crate"][f"{n}/{form}"] = {"source": count_lines(src), "expanded": count_lines(p.stdout)}
    save(out, "expand", results)
    print_expand(results, args.forms, args.ns)


def print_expand(results, forms, ns):
    ns = results.get("ns") or sorted({int(k.split("/")[0]) for k in results["crate"]})
    forms = results.get("forms") or sorted({k.split("/")[1] for k in results["crate"]})
    rows = []
    for key, row in results["macro"].items():
        rows.append([Path(key).parent.parent.name if "fx_" in key else key, row["endpoints"],
                     row["added_per_endpoint"], row["added_code_per_endpoint"],
                     row["added_tokens_per_endpoint"]])
    print("#[seam_endpoint]'s own expansion, per endpoint, beyond the struct as written "
          "(prettyplease; code = without doc comments)")
    table(["input", "endpoints", "lines added", "code lines added", "tokens added"], rows)
    for key, row in results["macro"].items():
        if "parts_added_per_endpoint" in row:
            parts = ", ".join(f"{k} {v['all']:.0f} ({v['code']:.0f} code)"
                              for k, v in row["parts_added_per_endpoint"].items())
            print(f"  {Path(key).parent.parent.name}: {parts}")
    print()
    rows = []
    for n in ns:
        floor = results["crate"].get(f"{n}/b")
        for form in forms:
            c = results["crate"][f"{n}/{form}"]
            over = (c["expanded"] - floor["expanded"]) / n if floor else 0
            rows.append([n, f"({form}) {FORMS[form]}", f"{c['source'] / n:.1f}",
                         f"{c['expanded'] / n:.1f}", f"{over:+.1f}"])
    print("Whole crate after every expansion (rustc -Zunpretty=expanded), lines per endpoint")
    table(["N", "form", "source", "expanded", "vs (b)"], rows)


# ---------------------------------------------------------------------------------------
# macro-build


def cmd_macro_build(args):
    out = out_dir(args)
    fixtures = cmd_gen(args)
    results = {"meta": wait_quiet(args, "macro-build"), "times": {}}
    target = out / "macro-build-target"
    cases = [
        ("seam-macros", SRC, "seam-macros"),
        ("serde_derive", fixtures, "serde_derive"),
        ("rustify_derive", fixtures, "rustify_derive"),
    ]
    for r in range(args.runs):
        for label, cwd, pkg in rotate(cases, r):
            env = {"CARGO_TARGET_DIR": str(target / label), "CARGO_INCREMENTAL": "0"}
            shutil.rmtree(target / label, ignore_errors=True)
            t = time.perf_counter()
            run(["cargo", "build", "-q", "--offline", "-p", pkg], cwd=cwd, env=env)
            clean = time.perf_counter() - t
            # Its dependencies prebuilt: only the crate itself again.
            run(["cargo", "clean", "-q", "-p", pkg], cwd=cwd, env=env)
            t = time.perf_counter()
            run(["cargo", "build", "-q", "--offline", "-p", pkg], cwd=cwd, env=env)
            alone = time.perf_counter() - t
            results["times"].setdefault(label, []).append({"clean": clean, "deps_prebuilt": alone})
            print(f"  {label} run {r + 1}: clean {clean:.2f} s, deps prebuilt {alone:.2f} s", flush=True)
    save(out, "macro-build", results)
    rows = []
    for label, xs in results["times"].items():
        rows.append([label, f"{statistics.median(x['clean'] for x in xs):.2f}",
                     f"{statistics.median(x['deps_prebuilt'] for x in xs):.2f}"])
    print(f"cargo build -p <macro crate>, debug, median of {args.runs} (s)")
    table(["crate", "clean (with its deps)", "deps prebuilt"], rows)


# ---------------------------------------------------------------------------------------
# facade-check: `cargo check` of the `seam` crate itself (201 routes)


def cmd_facade_check(args):
    """`cargo check -p seam` on the copy of HEAD (so the working tree is never touched): fully
    clean, the crate alone with its dependencies checked, and incremental after touching
    one endpoint file. Incremental compilation on, as cargo's dev profile has it."""
    out = out_dir(args)
    src = SRC
    commit = COMMIT
    target = out / "facade-target"
    env = {"CARGO_TARGET_DIR": str(target)}
    check = ["cargo", "check", "-q", "--offline", "-p", "seam"]
    touched = src / "src" / "api" / "acs" / "credentials.rs"
    run(check, cwd=src, env=env)  # fetch nothing later, warm the caches
    results = {"meta": wait_quiet(args, "facade-check"), "commit": commit, "runs": args.runs,
               "times": {}}

    def timed(label):
        t = time.perf_counter()
        run(check, cwd=src, env=env)
        t = time.perf_counter() - t
        results["times"].setdefault(label, []).append(t)
        print(f"  {label}: {t:.2f} s", flush=True)

    for r in range(args.runs):
        if r < min(args.runs, 3):
            shutil.rmtree(target, ignore_errors=True)
            timed("clean (with dependencies)")
        run(["cargo", "clean", "-q", "--offline", "-p", "seam"], cwd=src, env=env)
        timed("clean, seam alone (dependencies checked)")
        os.utime(touched)
        timed("incremental, after touching src/api/acs/credentials.rs")
    results["meta"]["load_at_end"] = load1()
    save(out, "facade-check", results)
    print_facade_check(results)


def print_facade_check(results):
    rows = [[label, f"{statistics.median(xs):.2f}", f"{min(xs):.2f}-{max(xs):.2f}", len(xs)]
            for label, xs in results["times"].items()]
    print(f"cargo check -p seam at {results['commit'][:10]} (s)")
    table(["case", "median s", "range s", "runs"], rows)


# ---------------------------------------------------------------------------------------
# percall

PAIRS = ["build/seed", "build/get10", "call/seed", "call/get10", "call/acs_users",
         "call/devices", "decode/acs_users", "decode/devices"]


def cargo_executable(args_, name, kind):
    """Builds with `args_` in the benches workspace and returns the path of `name`."""
    p = run(["cargo"] + args_ + ["--message-format=json"], cwd=SRC / "benches", env=bench_env())
    for line in p.stdout.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable") \
                and msg["target"]["name"] == name and kind in msg["target"]["kind"]:
            return msg["executable"]
    raise SystemExit(f"no executable {name}")


def criterion_median(home, bench_id):
    for est in Path(home).rglob("new/benchmark.json"):
        meta = json.loads(est.read_text())
        if meta.get("full_id") == bench_id:
            e = json.loads((est.parent / "estimates.json").read_text())
            return e["median"]["point_estimate"]
    raise SystemExit(f"no criterion estimate for {bench_id}")


def callgrind_instructions(exe, bench_id, iters):
    """Instructions `percall-iter` executes for `iters` iterations, under callgrind."""
    p = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", exe, bench_id, str(iters)])
    return int(re.search(r"refs:\s+([\d,]+)", p.stderr).group(1).replace(",", ""))


CACHE_PAIRS = ["call/seed", "call/get10"]


def cachegrind_counts(exe, bench_id, iters):
    """Instructions and simulated D1 misses of `percall-iter` for `iters` iterations."""
    p = run(["valgrind", "--tool=cachegrind", "--cache-sim=yes", "--cachegrind-out-file=/dev/null",
             exe, bench_id, str(iters)])
    num = lambda label: int(re.search(label + r":\s+([\d,]+)", p.stderr).group(1).replace(",", ""))
    return {"instructions": num(r"I\s+refs"), "d1_misses": num(r"D1\s+misses")}


def cmd_percall(args):
    out = out_dir(args)
    exe = cargo_executable(["bench", "-p", "seam-bench-percall", "--bench", "percall", "--no-run"],
                           "percall", "bench")
    home = out / "criterion"
    if not args.no_criterion:
        results = {"meta": wait_quiet(args, "percall"), "rounds": args.rounds,
                   "measurement_time_s": args.measurement_time, "ns": {}}
        for r in range(args.rounds):
            for pair in PAIRS:
                sides = ["seam", "hand"] if r % 2 == 0 else ["hand", "seam"]
                for side in sides:
                    bench_id = f"{pair}/{side}"
                    run([exe, "--bench", "--exact", bench_id, "--warm-up-time", "1",
                         "--measurement-time", str(args.measurement_time), "--noplot"],
                        env={"CRITERION_HOME": str(home)})
                    ns = criterion_median(home, bench_id)
                    results["ns"].setdefault(bench_id, []).append(ns)
                    print(f"  round {r + 1} {bench_id}: {fmt_ns(ns)}", flush=True)
        results["meta"]["load_at_end"] = load1()
        save(out, "percall", results)
    if not args.no_callgrind and shutil.which("valgrind"):
        # Instruction counts: (count at 2N - count at N) / N, so set-up cancels out. Not
        # timed, so no wait for a quiet machine.
        it = cargo_executable(["build", "--release", "-p", "seam-bench-percall", "--bin", "percall-iter"],
                              "percall-iter", "bin")
        counts = {}
        for pair in PAIRS:
            n = 20 if pair.endswith(("acs_users", "devices")) else 200
            for side in ("seam", "hand"):
                bench_id = f"{pair}/{side}"
                a = callgrind_instructions(it, bench_id, n)
                b = callgrind_instructions(it, bench_id, 2 * n)
                counts[bench_id] = (b - a) / n
                print(f"  callgrind {bench_id}: {(b - a) / n:,.0f} instructions per call", flush=True)
        save(out, "percall-callgrind", counts)
        # The calls' memory traffic, which instructions do not show: cachegrind's simulated
        # first-level data cache (the host's geometry), misses per call the same way.
        misses = {}
        for pair in CACHE_PAIRS:
            for side in ("seam", "hand"):
                bench_id = f"{pair}/{side}"
                a = cachegrind_counts(it, bench_id, 2000)
                b = cachegrind_counts(it, bench_id, 4000)
                misses[bench_id] = {k: (b[k] - a[k]) / 2000 for k in a}
                print(f"  cachegrind {bench_id}: {misses[bench_id]['d1_misses']:.1f} D1 misses per call",
                      flush=True)
        save(out, "percall-cachegrind", misses)
    print_percall(out)


def fmt_ns(ns):
    return f"{ns / 1e6:.2f} ms" if ns >= 1e6 else f"{ns / 1e3:.2f} µs"


def print_percall(out):
    res = out / "results"
    results = json.loads((res / "percall.json").read_text()) if (res / "percall.json").exists() \
        else {"ns": {}, "rounds": 0}
    ins = json.loads((res / "percall-callgrind.json").read_text()) \
        if (res / "percall-callgrind.json").exists() else {}
    rows = []
    for pair in PAIRS:
        s = results["ns"].get(f"{pair}/seam")
        h = results["ns"].get(f"{pair}/hand")
        si, hi = ins.get(f"{pair}/seam"), ins.get(f"{pair}/hand")
        row = [pair]
        if s and h:
            per_round = [a / b for a, b in zip(s, h)]
            row += [fmt_ns(statistics.median(s)), fmt_ns(statistics.median(h)),
                    f"{statistics.median(per_round):.3f}", f"{min(per_round):.3f}-{max(per_round):.3f}"]
        else:
            row += ["-"] * 4
        row += [f"{si:,.0f}" if si else "-", f"{hi:,.0f}" if hi else "-",
                f"{si / hi:.3f}" if si and hi else "-"]
        rows.append(row)
    print(f"criterion medians, {results['rounds']} alternating rounds; ratio = median over rounds of "
          "seam / hand in that round; instructions per call from callgrind")
    table(["case", "seam", "hand-written", "ratio", "per-round range", "seam instr", "hand instr",
           "instr ratio"], rows)
    if (res / "percall-cachegrind.json").exists():
        misses = json.loads((res / "percall-cachegrind.json").read_text())
        rows = [[pair, f"{misses[f'{pair}/seam']['d1_misses']:.1f}",
                 f"{misses[f'{pair}/hand']['d1_misses']:.1f}"]
                for pair in CACHE_PAIRS if f"{pair}/seam" in misses]
        print()
        print("first-level data cache misses per call (cachegrind's simulation, 2,000 and 4,000 calls)")
        table(["case", "seam", "hand-written"], rows)


# ---------------------------------------------------------------------------------------
# loopback


def venv_python(out):
    venv = out / "py-venv"
    py = venv / "bin" / "python"
    if not py.exists():
        run([sys.executable, "-m", "venv", str(venv)])
        run([str(py), "-m", "pip", "install", "-q", "seam"])
    return py


def time_v(cmd, env=None):
    p = run(["/usr/bin/time", "-v"] + cmd, env=env)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", p.stderr).group(1))
    sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", p.stderr).group(1))
    row = json.loads(p.stdout.strip().splitlines()[-1])
    row.update({"max_rss_kb": rss, "cpu_s": user + sys_})
    return row


PIN = False  # set by --pin


def pinned(cpu, cmd):
    """`cmd` pinned to one CPU with `taskset` under `--pin`, when there are two or more
    and taskset is installed: the loopback server gets the last CPU and every client the
    first, so the two never take turns on one core. (On the 2-vCPU machine of
    BENCHMARKS.md it did not narrow the rounds' spread, so it is off by default.)"""
    if PIN and shutil.which("taskset") and (os.cpu_count() or 1) >= 2:
        return ["taskset", "-c", str(cpu if cpu >= 0 else os.cpu_count() + cpu)] + cmd
    return cmd


@contextlib.contextmanager
def loopback_server(pin=True):
    """Builds the loopback binaries, starts `bench-server` (on the last CPU under `--pin`
    when `pin`), and yields the binaries' dir and the server's URL; kills it after."""
    run(["cargo", "build", "-q", "--release", "-p", "seam-bench-loopback"], cwd=SRC / "benches",
        env=bench_env())
    bins = benches_target() / "release"
    cmd = [str(bins / "bench-server")]
    server = subprocess.Popen(pinned(-1, cmd) if pin else cmd, stdout=subprocess.PIPE, text=True)
    try:
        yield bins, f"http://127.0.0.1:{int(server.stdout.readline().split()[1])}"
    finally:
        server.kill()


def cmd_loopback(args):
    out = out_dir(args)
    py = venv_python(out) if not args.no_python else None
    sdk = run([str(py), "-m", "pip", "show", "seam"]).stdout.split("\n")[1] if py else None
    with loopback_server() as (bins, url):
        results = {"meta": wait_quiet(args, "loopback"), "python_sdk": sdk, "calls": args.calls,
                   "rounds": args.rounds, "runs": {},
                   "pinned": pinned(0, ["x"]) != ["x"]}
        # Diagnostic rows, for what the per-attempt timer costs: `seam-no-timeout` is the
        # client without its default 30 s timeout, `hand-timeout` the hand-written client
        # with reqwest's own 30 s timeout.
        impls = ["seam", "hand", "seam-no-timeout", "hand-timeout"] + (["python"] if py else [])
        for r in range(args.rounds):
            for mode in ("seq", "par"):
                for which in rotate(impls, r):
                    if which == "python":
                        row = time_v(pinned(0, [str(py), str(BENCHES / "loopback" / "python" / "client.py"),
                                                mode, url, str(args.calls)]))
                    else:
                        row = time_v(pinned(0, [str(bins / "bench-client"), which, mode, url,
                                                str(args.calls)]))
                    results["runs"].setdefault(f"{mode}/{which}", []).append(row)
                    print(f"  round {r + 1} {mode} {which}: {row['calls_per_sec']:.0f} calls/s, "
                          f"peak RSS {row['max_rss_kb'] / 1024:.1f} MiB, CPU {row['cpu_s']:.2f} s", flush=True)
        results["meta"]["load_at_end"] = load1()
    save(out, "loopback", results)
    print_loopback(results)


def median_ci(xs, z=1.96):
    """The median of `xs` and a distribution-free 95 % interval for it, from the order
    statistics (ranks n/2 -/+ z*sqrt(n)/2), treating the samples as independent."""
    xs = sorted(xs)
    n = len(xs)
    lo = max(0, int(math.floor(n / 2 - z * math.sqrt(n) / 2)))
    hi = min(n - 1, int(math.ceil(n / 2 + z * math.sqrt(n) / 2)))
    return statistics.median(xs), xs[lo], xs[hi]


# `hand` / `hand` is the control. The last two pairs split the per-attempt timer out: the
# `seam` client keeps a 30 s timeout on every attempt by default (reqwest's timer, one tokio
# `Sleep` per request), which the plain hand-written client does not have.
LOOPBACK_PAIRS = [("seam", "hand"), ("hand", "hand"), ("seam", "hand-timeout"),
                  ("seam-no-timeout", "hand")]


def cmd_loopback_pair(args):
    """Throughput in one process: `bench-pair` times batches of calls by two clients
    against the same server, alternating every batch, so the two sides of a ratio are
    milliseconds apart instead of a second or more. `hand` / `hand` (two hand-written
    clients) is the control: it shows how closely the method can tell two equal clients
    apart on this machine. `seam` / `hand-timeout` and `seam-no-timeout` / `hand` compare
    clients that both have, or both lack, a per-attempt timer."""
    out = out_dir(args)
    with loopback_server() as (bins, url):
        results = {"meta": wait_quiet(args, "loopback-pair"), "calls": args.calls,
                   "batches": args.batches, "rounds": args.rounds, "runs": {}}
        for r in range(args.rounds):
            for mode in ("seq", "par"):
                for a, b in rotate(LOOPBACK_PAIRS, r):
                    p = run(pinned(0, [str(bins / "bench-pair"), a, b, mode, url, str(args.calls),
                                       str(args.batches)]))
                    row = json.loads(p.stdout.strip().splitlines()[-1])
                    results["runs"].setdefault(f"{mode}/{a}/{b}", []).append(row)
                    m = statistics.median(row["a_over_b"])
                    print(f"  round {r + 1} {mode} {a} / {b}: median of {len(row['a_over_b'])} "
                          f"batch ratios {m:.3f}", flush=True)
        results["meta"]["load_at_end"] = load1()
    save(out, "loopback-pair", results)
    print_loopback_pair(results)


def print_loopback_pair(results):
    rows = []
    for key, runs in results["runs"].items():
        mode, a, b = key.split("/")
        pooled = [x for row in runs for x in row["a_over_b"]]
        med, lo, hi = median_ci(pooled)
        per_round = [statistics.median(row["a_over_b"]) for row in runs]
        rate = statistics.median(x for row in runs for x in row["a_calls_per_sec"])
        rows.append([mode, f"{a} / {b}", f"{rate:.0f}", str(len(pooled)), f"{med:.3f}",
                     f"{lo:.3f}-{hi:.3f}", f"{min(per_round):.3f}-{max(per_round):.3f}"])
    calls = results["calls"]
    print(f"throughput in one process, {results['rounds']} rounds of {calls} calls per client in "
          f"{results['batches']} alternating batches (seq = one at a time, par = 64 in flight); "
          "ratio = median of every batch's rate over the other client's batch next to it, with a "
          "95 % interval for that median")
    table(["mode", "pair", "calls/s (first)", "batch pairs", "ratio", "95 % interval",
           "range of round medians"], rows)


def cmd_loopback_callgrind(args):
    """Instructions per seed call in the client process, under callgrind (threads run one
    at a time there, so this is the CPU work, not the throughput): (count at 2N calls -
    count at N) / N, for each Rust client, one at a time and 64 in flight. Not timed."""
    out = out_dir(args)
    calls = min(args.calls, 1000)  # 1,000 and 2,000 calls: valgrind is slow
    results = {"calls": calls, "instructions": {}}
    with loopback_server(pin=False) as (bins, url):
        for mode in ("seq", "par"):
            for which in ("seam", "hand", "seam-no-timeout", "hand-timeout"):
                counts = []
                for n in (calls, 2 * calls):
                    p = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                             str(bins / "bench-client"), which, mode, url, str(n)])
                    counts.append(int(re.search(r"refs:\s+([\d,]+)", p.stderr).group(1).replace(",", "")))
                per_call = (counts[1] - counts[0]) / calls
                results["instructions"][f"{mode}/{which}"] = per_call
                print(f"  callgrind {mode} {which}: {per_call:,.0f} instructions per call", flush=True)
    save(out, "loopback-callgrind", results)
    print_loopback_callgrind(results)


def print_loopback_callgrind(results):
    ins = results["instructions"]
    rows = []
    for key, v in ins.items():
        mode, which = key.split("/")
        rows.append([mode, which, f"{v:,.0f}", f"{v / ins[f'{mode}/hand']:.3f}"])
    print(f"instructions per seed call in the client process (callgrind, {results['calls']} and "
          f"{2 * results['calls']} calls)")
    table(["mode", "client", "instructions", "/ hand"], rows)


def print_loopback(results):
    rows = []
    runs = results["runs"]
    for mode in ("seq", "par"):
        hand = runs[f"{mode}/hand"]
        for which in ("seam", "hand", "seam-no-timeout", "hand-timeout", "python"):
            if f"{mode}/{which}" not in runs:
                continue
            xs = runs[f"{mode}/{which}"]
            # Paired: the ratio to the hand-written client in the same round, then the median.
            tp_ratio = [x["calls_per_sec"] / h["calls_per_sec"] for x, h in zip(xs, hand)]
            rss_ratio = [x["max_rss_kb"] / h["max_rss_kb"] for x, h in zip(xs, hand)]
            rows.append([mode, which,
                         f"{statistics.median(x['calls_per_sec'] for x in xs):.0f}",
                         f"{statistics.median(tp_ratio):.3f}",
                         f"{min(tp_ratio):.2f}-{max(tp_ratio):.2f}",
                         f"{statistics.median(x['max_rss_kb'] for x in xs) / 1024:.1f}",
                         f"{statistics.median(rss_ratio):.3f}",
                         f"{statistics.median(x['cpu_s'] for x in xs):.2f}"])
    pin = ("; server and client pinned to separate CPUs" if results.get("pinned") else "")
    print(f"{results['calls']} seed calls over loopback, {results['rounds']} alternating rounds "
          "(seq = one at a time, par = 64 in flight on one client); ratios = median over rounds of "
          f"the ratio to `hand` in the same round{pin}")
    table(["mode", "client", "calls/s", "/ hand", "range", "peak RSS MiB", "/ hand", "CPU s"], rows)


# ---------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("series", choices=["machine", "gen", "compile", "compile-callgrind", "expand", "macro-build", "facade-check", "ablate",
                                       "percall", "loopback", "loopback-pair", "loopback-callgrind", "all", "report"])
    ap.add_argument("--out")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--ns", default="100,500")
    ap.add_argument("--forms", default="abcde")
    ap.add_argument("--modes", default="check,build", help="compile: which cargo commands to time")
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--batches", type=int, default=20, help="loopback-pair: batches per client and round")
    ap.add_argument("--measurement-time", type=int, default=3)
    ap.add_argument("--no-wait", action="store_true")
    ap.add_argument("--pin", action="store_true", help="loopback: pin server and client to separate CPUs")
    ap.add_argument("--no-python", action="store_true")
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--no-criterion", action="store_true")
    ap.add_argument("--working-tree", action="store_true")
    args = ap.parse_args()
    global PIN
    PIN = args.pin
    args.ns = [int(n) for n in args.ns.split(",")]
    args.forms = [f for f in args.forms.replace(",", "")]
    if args.series not in ("report", "machine"):
        snapshot(out_dir(args), args.working_tree)
    series = {
        "machine": cmd_machine, "gen": cmd_gen, "compile": cmd_compile,
        "compile-callgrind": cmd_compile_callgrind, "expand": cmd_expand,
        "macro-build": cmd_macro_build, "facade-check": cmd_facade_check, "ablate": cmd_ablate, "percall": cmd_percall, "loopback": cmd_loopback,
        "loopback-pair": cmd_loopback_pair, "loopback-callgrind": cmd_loopback_callgrind,
    }
    if args.series == "all":
        for name in ("machine", "compile", "compile-callgrind", "ablate", "expand", "macro-build", "facade-check",
                     "percall", "loopback", "loopback-pair", "loopback-callgrind"):
            print(f"== {name}", flush=True)
            series[name](args)
    elif args.series == "report":
        res = out_dir(args) / "results"
        if (res / "compile.json").exists():
            print_compile(json.loads((res / "compile.json").read_text()), args.forms, args.ns)
        if (res / "compile-callgrind.json").exists():
            print_compile_callgrind(json.loads((res / "compile-callgrind.json").read_text()))
        if (res / "ablate.json").exists():
            print_ablate(json.loads((res / "ablate.json").read_text()))
        if (res / "facade-check.json").exists():
            print_facade_check(json.loads((res / "facade-check.json").read_text()))
        if (res / "expand.json").exists():
            print_expand(json.loads((res / "expand.json").read_text()), args.forms, args.ns)
        if (res / "percall.json").exists() or (res / "percall-callgrind.json").exists():
            print_percall(out_dir(args))
        if (res / "loopback.json").exists():
            print_loopback(json.loads((res / "loopback.json").read_text()))
        if (res / "loopback-pair.json").exists():
            print_loopback_pair(json.loads((res / "loopback-pair.json").read_text()))
        if (res / "loopback-callgrind.json").exists():
            print_loopback_callgrind(json.loads((res / "loopback-callgrind.json").read_text()))
    else:
        series[args.series](args)


if __name__ == "__main__":
    main()
