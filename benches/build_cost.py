#!/usr/bin/env python3
"""Build cost of hand-modelled shapes: `#[derive(AwsShape)]` against serde's derives.

    python3 benches/build_cost.py                 # 20 and 100 shapes, both derives
    python3 benches/build_cost.py --shapes 20     # one size
    python3 benches/build_cost.py --aws-sdk       # also build aws-sdk-gamelift (heavy: minutes)

Generates a user crate with N shapes (structures, string enums, lists, maps, an error enum)
twice — awso (`#[derive(AwsShape)]`, awso's JSON, XML and query from the one derive) and serde
(`#[derive(Serialize, Deserialize)]` with the equivalent renames, serde_json) — under
target/build-cost/, and measures, in debug:

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


def cargo(args, path, target):
    env = dict(os.environ, CARGO_TARGET_DIR=target, CARGO_INCREMENTAL="1")
    t0 = time.perf_counter()
    done = subprocess.run(["cargo"] + args, cwd=path, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"cargo {' '.join(args)} failed in {path}")
    return elapsed


def measure(base, derive, n, clean_all):
    path = write_crate(base, derive, n)
    target = os.path.join(base, f"target-{derive}")
    pkg = f"user_{derive}_{n}"
    row = {"derive": derive, "shapes": n}
    if clean_all:
        shutil.rmtree(target, ignore_errors=True)
        row["clean"] = cargo(["build", "--quiet"], path, target)
    else:
        cargo(["build", "--quiet"], path, target)  # dependencies
    cargo(["clean", "--quiet", "-p", pkg], path, target)
    row["crate"] = cargo(["build", "--quiet"], path, target)
    lib = os.path.join(path, "src", "lib.rs")
    with open(lib) as fh:
        src = fh.read()
    changed = src.replace("pub id: String,", "pub id: String,\n    pub extra: Option<String>,", 1)
    with open(lib, "w") as fh:
        fh.write(changed)
    row["incremental"] = cargo(["build", "--quiet"], path, target)
    with open(lib, "w") as fh:
        fh.write(src)
    cargo(["build", "--quiet"], path, target)
    rlibs = glob.glob(os.path.join(target, "debug", "deps", f"lib{pkg}-*.rlib"))
    row["rlib_kb"] = max(os.path.getsize(r) for r in rlibs) / 1024 if rlibs else float("nan")
    for f in glob.glob(os.path.join(target, "debug", "deps", f"{pkg}-*.ll")):
        os.remove(f)
    cargo(["rustc", "--quiet", "--lib", "--", "--emit=llvm-ir"], path, target)
    lls = glob.glob(os.path.join(target, "debug", "deps", f"{pkg}-*.ll"))
    row["llvm_ir_lines"] = sum(1 for f in lls for _ in open(f, encoding="utf-8", errors="replace"))
    return row


def aws_sdk(base):
    path = os.path.join(base, "user-aws-sdk-gamelift")
    os.makedirs(os.path.join(path, "src"), exist_ok=True)
    with open(os.path.join(path, "Cargo.toml"), "w") as fh:
        fh.write('[package]\nname = "user_aws_sdk_gamelift"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
                 '[dependencies]\naws-sdk-gamelift = { version = "1", default-features = false }\n\n[workspace]\n')
    with open(os.path.join(path, "src", "lib.rs"), "w") as fh:
        fh.write("pub use aws_sdk_gamelift::types::PlayerSession;\n")
    target = os.path.join(base, "target-aws-sdk")
    shutil.rmtree(target, ignore_errors=True)
    return {"derive": "aws-sdk-gamelift", "shapes": "all", "clean": cargo(["build", "--quiet"], path, target)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", type=int, nargs="*", default=[20, 100])
    ap.add_argument("--derives", nargs="*", default=["awso", "serde"])
    ap.add_argument("--dir", default=os.path.join(ROOT, "target", "build-cost"))
    ap.add_argument("--aws-sdk", action="store_true", help="also build aws-sdk-gamelift from clean")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    rows = []
    for derive in args.derives:
        for k, n in enumerate(args.shapes):
            rows.append(measure(args.dir, derive, n, clean_all=(k == 0)))
            print(rows[-1], file=sys.stderr)
    if args.aws_sdk:
        rows.append(aws_sdk(args.dir))
    print("| derive | shapes | clean build (deps included) | crate only | incremental | rlib KiB | LLVM IR lines |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        def s(key, unit="s"):
            return f"{r[key]:.1f} {unit}" if key in r else "—"
        print(f"| {r['derive']} | {r['shapes']} | {s('clean')} | {s('crate')} | {s('incremental')} | "
              f"{r.get('rlib_kb', float('nan')):.0f} | {r.get('llvm_ir_lines', '—')} |")


if __name__ == "__main__":
    main()
