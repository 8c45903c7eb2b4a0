#!/usr/bin/env python3
"""Build cost of hand-modelled shapes: `#[derive(AwsShape)]` against serde's derives.

    python3 benches/build_cost.py                 # 20 and 100 shapes, both derives
    python3 benches/build_cost.py --shapes 20     # one size
    python3 benches/build_cost.py --aws-sdk       # also a GameLift client with aws-sdk-gamelift
                                                  # and with awso, from clean (heavy: minutes)
    python3 benches/build_cost.py --clients       # only those clients (awso blocking and async),
                                                  # and what adding each costs a crate that
                                                  # already depends on tokio and reqwest
    python3 benches/build_cost.py --tls           # the TLS stacks alone: ureq with rustls (ring,
                                                  # webpki-roots, as awso's `rustls` feature) and
                                                  # ureq with native-tls (system OpenSSL)
    python3 benches/build_cost.py --layers [--awso PATH]
                                                  # clean debug builds of a derive-only crate
                                                  # (awso without its default `client`
                                                  # feature) and of the GameLift client (rustls),
                                                  # against the awso checkout at PATH (default:
                                                  # this one), to compare two revisions

Generates a user crate with N shapes (structures, string enums, lists, maps, an error enum)
twice — awso (`#[derive(AwsShape)]`, awso's JSON, XML and query from the one derive) and serde
(`#[derive(Serialize, Deserialize)]` with the equivalent renames, serde_json) — under
target/build-cost/, and measures, in debug and release (`--profiles`):

- clean: the whole build from an empty target folder, dependencies included (once per derive);
- crate: the user crate alone, dependencies built (`cargo clean -p`);
- incremental: after changing one shape (a field added and removed again);
- code size: `cargo expand` is not installed and `-Zunpretty=expanded` is nightly-only, so the
  proxies are the size of the user crate's rlib and the line count of its LLVM IR
  (`cargo rustc --lib -- --emit=llvm-ir`).
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def chain(structs):
    """The item type of a shape's list: the previous shape, in chains of at most five (as
    real models nest), else strings."""
    return f"Shape{structs[-2]}" if (len(structs) - 1) % 5 != 0 else "String"


def shapes_awso(n):
    out = ["use awso::{AwsShape, Timestamp};", "use std::collections::HashMap;", ""]
    structs = []
    for i in range(n):
        kind = i % 4
        if kind == 3:
            out += [
                "#[derive(AwsShape, Debug, Clone, PartialEq)]",
                '#[aws(rename_all = "SCREAMING_SNAKE_CASE")]',
                f"pub enum Status{i} {{ Pending, InProgress, Completed, Failed, #[aws(unknown)] Unknown(String) }}",
                "",
            ]
            continue
        structs.append(i)
        prev = chain(structs)
        status = f"Status{i - 1}" if i >= 3 and (i - 1) % 4 == 3 else f"Status{3 + 4 * (i // 4)}" if 3 + 4 * (i // 4) < n else "String"
        out += [
            "#[derive(AwsShape, Debug, Clone, PartialEq, Default)]",
            f"pub struct Shape{i} {{",
            "    pub id: String,",
            "    pub name: Option<String>,",
            "    pub count: Option<i32>,",
            "    pub size: Option<i64>,",
            "    pub enabled: Option<bool>,",
            "    pub created_at: Option<Timestamp>,",
            '    #[aws(xml_name = "tagSet", item_name = "item")]',
            "    pub tags: Option<Vec<String>>,",
            "    pub attributes: Option<HashMap<String, String>>,",
            f"    pub items: Option<Vec<{prev}>>,",
            f"    pub status: Option<{status}>,",
            "}",
            "",
        ]
    out += [
        "#[derive(AwsShape, Debug, Clone, PartialEq)]",
        '#[aws(error(code = "NotFoundException", status = 404))]',
        "pub struct NotFoundException { pub message: Option<String> }",
        "",
        "#[derive(AwsShape, Debug, Clone, PartialEq)]",
        "#[aws(error)]",
        "pub struct ThrottlingException { pub message: Option<String> }",
        "",
        "#[derive(AwsShape, Debug)]",
        "#[aws(errors)]",
        "pub enum OperationError {",
        "    NotFoundException(NotFoundException),",
        "    ThrottlingException(ThrottlingException),",
        "    #[aws(unknown)]",
        "    Unknown { code: String, message: Option<String> },",
        "}",
        "",
        "/// Uses every shape so nothing is dropped as unused.",
        "pub fn roundtrip_all(body: &str) -> usize {",
        "    let mut n = 0;",
    ]
    for i in structs:
        out.append(f"    n += awso::json::from_str::<Shape{i}>(body).map(|v| awso::json::to_vec(&v).len()).unwrap_or(0);")
    out += ["    n", "}", ""]
    return "\n".join(out)


def shapes_serde(n):
    out = ["use serde::{Deserialize, Serialize};", "use std::collections::HashMap;", ""]
    structs = []
    skip = '    #[serde(skip_serializing_if = "Option::is_none")]'
    for i in range(n):
        kind = i % 4
        if kind == 3:
            out += [
                "#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]",
                '#[serde(rename_all = "SCREAMING_SNAKE_CASE")]',
                f"pub enum Status{i} {{ Pending, InProgress, Completed, Failed, #[serde(other)] Unknown }}",
                "",
            ]
            continue
        structs.append(i)
        prev = chain(structs)
        status = f"Status{i - 1}" if i >= 3 and (i - 1) % 4 == 3 else f"Status{3 + 4 * (i // 4)}" if 3 + 4 * (i // 4) < n else "String"
        out += [
            "#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]",
            '#[serde(rename_all = "PascalCase")]',
            f"pub struct Shape{i} {{",
            "    pub id: String,",
            skip, "    pub name: Option<String>,",
            skip, "    pub count: Option<i32>,",
            skip, "    pub size: Option<i64>,",
            skip, "    pub enabled: Option<bool>,",
            skip, "    pub created_at: Option<f64>,",
            skip, "    pub tags: Option<Vec<String>>,",
            skip, "    pub attributes: Option<HashMap<String, String>>,",
            skip, f"    pub items: Option<Vec<{prev}>>,",
            skip, f"    pub status: Option<{status}>,",
            "}",
            "",
        ]
    out += [
        "#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]",
        "pub struct NotFoundException { pub message: Option<String> }",
        "",
        "#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]",
        "pub struct ThrottlingException { pub message: Option<String> }",
        "",
        "#[derive(Serialize, Deserialize, Debug)]",
        '#[serde(tag = "__type")]',
        "pub enum OperationError {",
        "    NotFoundException(NotFoundException),",
        "    ThrottlingException(ThrottlingException),",
        "}",
        "",
        "/// Uses every shape so nothing is dropped as unused.",
        "pub fn roundtrip_all(body: &str) -> usize {",
        "    let mut n = 0;",
    ]
    for i in structs:
        out.append(f"    n += serde_json::from_str::<Shape{i}>(body).map(|v| serde_json::to_vec(&v).unwrap().len()).unwrap_or(0);")
    out += ["    n", "}", ""]
    return "\n".join(out)


def write_crate(base, derive, n):
    name = f"user-{derive}-{n}"
    path = os.path.join(base, name)
    os.makedirs(os.path.join(path, "src"), exist_ok=True)
    if derive == "awso":
        deps = f'awso = {{ path = "{ROOT}" }}'
        src = shapes_awso(n)
    else:
        deps = 'serde = { version = "1", features = ["derive"] }\nserde_json = "1"'
        src = shapes_serde(n)
    with open(os.path.join(path, "Cargo.toml"), "w") as fh:
        fh.write(f'[package]\nname = "{name.replace("-", "_")}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
                 f"[dependencies]\n{deps}\n\n[workspace]\n")
    with open(os.path.join(path, "src", "lib.rs"), "w") as fh:
        fh.write("#![allow(missing_docs)]\n" + src)
    return path


def cargo(args, path, target, program="cargo"):
    env = dict(os.environ, CARGO_TARGET_DIR=target, CARGO_INCREMENTAL="1")
    t0 = time.perf_counter()
    done = subprocess.run([program] + args, cwd=path, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"cargo {' '.join(args)} failed in {path}")
    return elapsed


def measure(base, derive, n, clean_all, profile="debug"):
    path = write_crate(base, derive, n)
    target = os.path.join(base, f"target-{derive}")
    pkg = f"user_{derive}_{n}"
    flags = ["--release"] if profile == "release" else []
    row = {"derive": derive, "shapes": n, "profile": profile}
    build = ["build", "--quiet"] + flags
    if clean_all:
        shutil.rmtree(os.path.join(target, profile), ignore_errors=True)
        row["clean"] = cargo(build, path, target)
    else:
        cargo(build, path, target)  # dependencies
    cargo(["clean", "--quiet", "-p", pkg] + flags, path, target)
    row["crate"] = cargo(build, path, target)
    lib = os.path.join(path, "src", "lib.rs")
    with open(lib) as fh:
        src = fh.read()
    changed = src.replace("pub id: String,", "pub id: String,\n    pub extra: Option<String>,", 1)
    with open(lib, "w") as fh:
        fh.write(changed)
    row["incremental"] = cargo(build, path, target)
    with open(lib, "w") as fh:
        fh.write(src)
    cargo(build, path, target)
    rlibs = glob.glob(os.path.join(target, profile, "deps", f"lib{pkg}-*.rlib"))
    row["rlib_kb"] = max(os.path.getsize(r) for r in rlibs) / 1024 if rlibs else float("nan")
    for f in glob.glob(os.path.join(target, profile, "deps", f"{pkg}-*.ll")):
        os.remove(f)
    cargo(["rustc", "--quiet", "--lib"] + flags + ["--", "--emit=llvm-ir"], path, target)
    lls = glob.glob(os.path.join(target, profile, "deps", f"{pkg}-*.ll"))
    row["llvm_ir_lines"] = sum(1 for f in lls for _ in open(f, encoding="utf-8", errors="replace"))
    return row


AWS_SDK_CLIENT = """use aws_sdk_gamelift::Client;

/// Reserves a player slot: what the awso GameLift example does.
pub async fn create_player_session(game_session: &str, player: &str) -> Result<Option<i32>, aws_sdk_gamelift::Error> {
    let config = aws_config::load_from_env().await;
    let client = Client::new(&config);
    let out = client
        .create_player_session()
        .game_session_id(game_session)
        .player_id(player)
        .send()
        .await?;
    Ok(out.player_session.and_then(|s| s.port))
}
"""

AWSO_CLIENT = """#[path = "shapes.rs"]
pub mod shapes;
use shapes::*;

/// Reserves a player slot: what the aws-sdk-gamelift crate does, blocking.
pub fn create_player_session(game_session: &str, player: &str) -> Result<Option<i32>, Box<dyn std::error::Error>> {
    let client = awso::blocking::Client::from_env()?;
    let out = client.call::<CreatePlayerSession>(&CreatePlayerSessionInput {
        game_session_id: game_session.into(),
        player_id: player.into(),
        player_data: None,
    })?;
    Ok(out.player_session.and_then(|s| s.port).map(|p| p.0))
}
"""

AWSO_ASYNC_CLIENT = """#[path = "shapes.rs"]
pub mod shapes;
use shapes::*;

/// Reserves a player slot: what the aws-sdk-gamelift crate does, async (reqwest on tokio).
pub async fn create_player_session(game_session: &str, player: &str) -> Result<Option<i32>, Box<dyn std::error::Error>> {
    let client = awso::Client::from_env()?;
    let out = client.call::<CreatePlayerSession>(&CreatePlayerSessionInput {
        game_session_id: game_session.into(),
        player_id: player.into(),
        player_data: None,
    }).await?;
    Ok(out.player_session.and_then(|s| s.port).map(|p| p.0))
}
"""

# A crate that already calls HTTP APIs with tokio and reqwest (default features: rustls on
# aws-lc-rs), before any AWS client is added to it.
BASE_DEPS = 'tokio = { version = "1", features = ["full"] }\nreqwest = "0.13"'

BASE_LIB = """/// Fetches a page: the crate's own use of reqwest on tokio.
pub async fn fetch(url: &str) -> Result<String, reqwest::Error> {
    reqwest::get(url).await?.text().await
}
"""


class LoadSampler:
    """The 1-minute load average, sampled every 20 s while a build runs (other builds share
    the machine; wall-clock seconds only compare at a similar load, CPU seconds less so)."""

    def __init__(self):
        self.samples = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(20):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    def summary(self):
        return {"load_mean": sum(self.samples) / len(self.samples), "load_min": min(self.samples),
                "load_max": max(self.samples)}


def cargo_peak(args, path, target):
    """`cargo(args)` under GNU time: (seconds, peak resident set of one process in KiB, CPU
    seconds of the whole process tree (user + system), load average samples)."""
    report = os.path.join(target, "time.txt")
    os.makedirs(target, exist_ok=True)
    with LoadSampler() as load:
        elapsed = cargo(["-f%M %U %S", "-o", report, "cargo"] + args, path, target,
                        program="/usr/bin/time")
    with open(report) as fh:
        peak, user, system = fh.read().split()[-3:]
    return elapsed, int(peak), float(user) + float(system), load.summary()


def dir_mb(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total / 1e6


def clean_build(base, slug, deps, files):
    """Writes a crate `slug` with `deps` and the source `files` under `base`, builds it in debug
    from an empty target folder and returns (seconds, peak KiB of one process, crates in the
    build, target folder, CPU seconds and load average of the build)."""
    path = os.path.join(base, slug)
    os.makedirs(os.path.join(path, "src"), exist_ok=True)
    with open(os.path.join(path, "Cargo.toml"), "w") as fh:
        fh.write(f'[package]\nname = "{slug.replace("-", "_")}"\nversion = "0.0.0"\nedition = "2021"\n'
                 f'publish = false\n\n[dependencies]\n{deps}\n\n[workspace]\n')
    for f, text in files.items():
        with open(os.path.join(path, "src", f), "w") as fh:
            fh.write(text)
    target = os.path.join(base, f"target-{slug}")
    shutil.rmtree(target, ignore_errors=True)
    cargo(["fetch", "--quiet"], path, target)
    clean, peak_kb, cpu, load = cargo_peak(["build", "--quiet"], path, target)
    crates = subprocess.run(["cargo", "tree", "--quiet", "-e", "normal,build", "--prefix", "none"],
                            cwd=path, capture_output=True, text=True).stdout.split("\n")
    extra = dict(load, cpu=cpu)
    return clean, peak_kb, len({c.split(" (")[0] for c in crates if c.strip()}), target, extra


def gamelift_shapes():
    return open(os.path.join(ROOT, "examples", "gamelift", "shapes.rs")).read()


def client_crates(base):
    """A GameLift client that can call CreatePlayerSession over HTTPS, built from clean in
    debug: with aws-sdk-gamelift (+ aws-config, default features), with awso blocking (ureq +
    rustls, feature `rustls`) and with awso async (reqwest + rustls: features `reqwest` and
    `rustls` without the default `ureq`). Peak memory is the largest resident set of any one process of the build
    (rustc, a build script or a C compiler), as GNU time reports it for the build's process
    tree."""
    rows = []
    for name, deps, files in [
        ("aws-sdk-gamelift", 'aws-sdk-gamelift = "1"\naws-config = "1"', {"lib.rs": AWS_SDK_CLIENT}),
        ("awso-blocking", f'awso = {{ path = "{ROOT}", features = ["rustls"] }}',
         {"lib.rs": AWSO_CLIENT, "shapes.rs": gamelift_shapes()}),
        ("awso-async", f'awso = {{ path = "{ROOT}", default-features = false, features = ["rustls", "reqwest"] }}',
         {"lib.rs": AWSO_ASYNC_CLIENT, "shapes.rs": gamelift_shapes()}),
    ]:
        clean, peak_kb, crates, target, extra = clean_build(base, f"client-{name}", deps, files)
        rows.append(dict(extra, client=name, clean=clean, target_mb=dir_mb(target),
                         peak_mb=peak_kb / 1024, crates=crates))
        shutil.rmtree(target, ignore_errors=True)  # measured; a full disk stops the next build
        print(rows[-1], file=sys.stderr)
    return rows


def marginal_crates(base):
    """The cost of adding a GameLift client to a crate that already depends on tokio and
    reqwest: the crate is built from clean once (BASE_DEPS), its target folder copied, and
    each client added to a copy (its dependency and its source next to the crate's own)
    and built again, timed. Each row: the added build's seconds and peak memory of one
    process, the crates it added."""
    path = os.path.join(base, "marginal")
    clean, peak_kb, crates, target, extra = clean_build(base, "marginal", BASE_DEPS, {"lib.rs": BASE_LIB})
    rows = [dict(extra, added="(the crate itself: tokio + reqwest, from clean)", build=clean,
                 peak_mb=peak_kb / 1024, crates=crates)]
    print(rows[-1], file=sys.stderr)
    cargo_toml = open(os.path.join(path, "Cargo.toml")).read()
    for name, deps, src in [
        ("awso (async only: features reqwest, rustls)",
         f'awso = {{ path = "{ROOT}", default-features = false, features = ["rustls", "reqwest"] }}',
         AWSO_ASYNC_CLIENT),
        ("aws-sdk-gamelift + aws-config", 'aws-sdk-gamelift = "1"\naws-config = "1"', AWS_SDK_CLIENT),
    ]:
        added = os.path.join(base, "target-marginal-plus")
        shutil.rmtree(added, ignore_errors=True)
        subprocess.run(["cp", "-a", target, added], check=True)  # mtimes kept: nothing rebuilt
        with open(os.path.join(path, "Cargo.toml"), "w") as fh:
            fh.write(cargo_toml.replace("[dependencies]\n", f"[dependencies]\n{deps}\n"))
        with open(os.path.join(path, "src", "lib.rs"), "w") as fh:
            fh.write(BASE_LIB + "\npub mod gamelift;\n")
        with open(os.path.join(path, "src", "gamelift.rs"), "w") as fh:
            fh.write(src.replace('#[path = "shapes.rs"]', '#[path = "gamelift_shapes.rs"]'))
        with open(os.path.join(path, "src", "gamelift_shapes.rs"), "w") as fh:
            fh.write(gamelift_shapes())
        cargo(["fetch", "--quiet"], path, added)
        seconds, peak, cpu, load = cargo_peak(["build", "--quiet"], path, added)
        tree = subprocess.run(["cargo", "tree", "--quiet", "-e", "normal,build", "--prefix", "none"],
                              cwd=path, capture_output=True, text=True).stdout.split("\n")
        total = len({c.split(" (")[0] for c in tree if c.strip()})
        rows.append(dict(load, added=name, build=seconds, cpu=cpu, peak_mb=peak / 1024,
                         crates=total - crates))
        shutil.rmtree(added, ignore_errors=True)
        print(rows[-1], file=sys.stderr)
    with open(os.path.join(path, "Cargo.toml"), "w") as fh:
        fh.write(cargo_toml)
    shutil.rmtree(target, ignore_errors=True)
    return rows


def tls_crates(base):
    """The two TLS stacks the transports could use, each built alone from clean in debug with
    ureq (default features off, gzip on, as awso-client has it): rustls on ring with
    webpki-roots (awso's `rustls` feature) and native-tls (the system OpenSSL on Linux; its
    `der` and `openssl-macros`, which needs syn's `full` features, come with it)."""
    rows = []
    for name, deps in [
        ("ureq + rustls (ring, webpki-roots)",
         'ureq = { version = "3", default-features = false, features = ["gzip", "rustls"] }\n'
         'rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }\n'
         'webpki-roots = "1"'),
        ("ureq + native-tls (OpenSSL)",
         'ureq = { version = "3", default-features = false, features = ["gzip", "native-tls-no-default"] }'),
    ]:
        slug = "tls-" + ("rustls" if "rustls" in name else "native")
        clean, peak_kb, crates, target, extra = clean_build(base, slug, deps, {"lib.rs": "pub fn f() {}\n"})
        shutil.rmtree(target, ignore_errors=True)
        rows.append(dict(extra, stack=name, clean=clean, peak_mb=peak_kb / 1024, crates=crates))
        print(rows[-1], file=sys.stderr)
    return rows


def layers_crates(base, awso_root):
    """Clean debug builds against the awso checkout at `awso_root`: a derive-only user crate
    (20 shapes, `default-features = false`, which drops the client layer where awso has one)
    and the GameLift client with HTTPS (feature `rustls`). Each row: seconds, crates, peak
    memory of one process."""
    tag = "layers-" + os.path.basename(os.path.normpath(awso_root))
    gamelift = open(os.path.join(awso_root, "examples", "gamelift", "shapes.rs")).read()
    rows = []
    for name, dep, files in [
        ("derive-only (20 shapes)", f'awso = {{ path = "{awso_root}", default-features = false }}',
         {"lib.rs": shapes_awso(20)}),
        ("GameLift client, rustls", f'awso = {{ path = "{awso_root}", features = ["rustls"] }}',
         {"lib.rs": AWSO_CLIENT, "shapes.rs": gamelift}),
    ]:
        slug = f"{tag}-{'derive' if name.startswith('derive') else 'client'}"
        clean, peak_kb, crates, _, _ = clean_build(base, slug, dep, files)
        rows.append({"crate": name, "awso": awso_root, "clean": clean, "peak_mb": peak_kb / 1024,
                     "crates": crates})
        print(rows[-1], file=sys.stderr)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", type=int, nargs="*", default=[20, 100])
    ap.add_argument("--derives", nargs="*", default=["awso", "serde"])
    ap.add_argument("--dir", default=os.path.join(ROOT, "target", "build-cost"))
    ap.add_argument("--profiles", nargs="*", default=["debug", "release"])
    ap.add_argument("--layers", action="store_true",
                    help="only the derive-only crate and the GameLift client, from clean, against --awso")
    ap.add_argument("--awso", default=ROOT, help="the awso checkout the --layers crates use")
    ap.add_argument("--clients", action="store_true",
                    help="only the GameLift clients from clean (aws-sdk-gamelift, awso blocking and async)"
                         " and their marginal cost in a crate that already has tokio and reqwest")
    ap.add_argument("--tls", action="store_true",
                    help="only the TLS stacks alone (ureq with rustls, ureq with native-tls)")
    ap.add_argument("--aws-sdk", action="store_true",
                    help="also build a GameLift client from clean with aws-sdk-gamelift and with awso")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    if args.layers:
        print("| crate | awso | clean debug build | crates | peak memory of one process |")
        print("|---|---|---:|---:|---:|")
        for r in layers_crates(args.dir, os.path.abspath(args.awso)):
            print(f"| {r['crate']} | {r['awso']} | {r['clean']:.1f} s | {r['crates']} | {r['peak_mb']:.0f} MB |")
        return
    if args.tls:
        print("| TLS stack | clean debug build | CPU (user + system) | load average | crates | peak memory of one process |")
        print("|---|---:|---:|---:|---:|---:|")
        for r in tls_crates(args.dir):
            print(f"| {r['stack']} | {r['clean']:.1f} s | {r['cpu']:.1f} s | {load(r)} | {r['crates']} | "
                  f"{r['peak_mb']:.0f} MB |")
        return
    if args.clients:
        print_clients(client_crates(args.dir))
        print()
        print("| added to a crate with tokio + reqwest | debug build | CPU (user + system) | load average | crates added | peak memory of one process |")
        print("|---|---:|---:|---:|---:|---:|")
        for r in marginal_crates(args.dir):
            print(f"| {r['added']} | {r['build']:.1f} s | {r['cpu']:.1f} s | {load(r)} | {r['crates']} | "
                  f"{r['peak_mb']:.0f} MB |")
        return
    rows = []
    for profile in args.profiles:
        for derive in args.derives:
            for k, n in enumerate(args.shapes):
                rows.append(measure(args.dir, derive, n, clean_all=(k == 0), profile=profile))
                print(rows[-1], file=sys.stderr)
    clients = client_crates(args.dir) if args.aws_sdk else []
    print("| profile | derive | shapes | clean build (deps included) | crate only | incremental | rlib KiB | LLVM IR lines |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        def s(key, unit="s"):
            return f"{r[key]:.1f} {unit}" if key in r else "—"
        print(f"| {r['profile']} | {r['derive']} | {r['shapes']} | {s('clean')} | {s('crate')} | {s('incremental')} | "
              f"{r.get('rlib_kb', float('nan')):.0f} | {r.get('llvm_ir_lines', '—')} |")
    if clients:
        print()
        print_clients(clients)


def load(r):
    """The load average during a build: mean (least–most)."""
    return f"{r['load_mean']:.1f} ({r['load_min']:.1f}–{r['load_max']:.1f})"


def print_clients(clients):
    print("| GameLift client | clean debug build | CPU (user + system) | load average | crates | target/ size | peak memory of one process |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in clients:
        print(f"| {r['client']} | {r['clean']:.1f} s | {r['cpu']:.1f} s | {load(r)} | {r['crates']} | "
              f"{r['target_mb']:.0f} MB | {r['peak_mb']:.0f} MB |")
    for r in clients[1:]:
        print(f"\naws-sdk-gamelift / {r['client']}: clean build time {clients[0]['clean'] / r['clean']:.1f}x, "
              f"CPU time {clients[0]['cpu'] / r['cpu']:.1f}x, "
              f"peak memory {clients[0]['peak_mb'] / r['peak_mb']:.1f}x")

if __name__ == "__main__":
    main()
