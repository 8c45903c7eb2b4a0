#!/usr/bin/env python3
"""Runs the awso runtime benchmarks and prints MB/s per variant and awso / serde ratios.

    python3 benches/report.py                  # one run of `cargo bench -p awso-benches`
    python3 benches/report.py --runs 2         # two runs, to show the spread
    python3 benches/report.py --from out.txt   # read saved divan output instead

Medians of divan's samples are used. Raw output is kept in target/bench-results/ (run-N.txt: the latest).
Ratios are throughput ratios: above 1 means awso is faster. Allocations per message (alloc
+ realloc calls of one call of the workload, counted by the bench binary's global allocator)
are shown next to each variant; awso must not allocate more than serde's derive.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

TREE = "│├╰─ "
UNITS = {"B/s": 1e-6, "KB/s": 1e-3, "MB/s": 1.0, "GB/s": 1e3, "TB/s": 1e6}


def mbps(text):
    """'198.1 MB/s' -> 198.1"""
    value, unit = text.split()
    return float(value) * UNITS[unit]


def parse(output):
    """Divan's tree output -> {(group, op): {variant: median MB/s}}."""
    results = {}
    stack = []
    pending = None
    for line in output.splitlines():
        rest = line.lstrip(TREE)
        prefix_len = len(line) - len(rest)
        if not rest.strip():
            continue
        if rest[0].isdigit():
            if pending is not None:
                cols = [c.strip() for c in rest.split("│")]
                key, variant = pending
                results.setdefault(key, {})[variant] = mbps(cols[2])
                pending = None
            continue
        name = rest.split()[0]
        depth = prefix_len // 3
        del stack[depth:]
        stack.append(name)
        first_col = rest.split("│")[0].split()
        if len(first_col) >= 3 and re.match(r"^[\d.]+$", first_col[1]) and len(stack) >= 3:
            pending = ((stack[-3], stack[-2]), name)
    return results


def parse_allocs(output):
    """The bench binary's `alloc <group>::<op> <variant> <allocs> <reallocs> <bytes>` lines ->
    {(group, op): {variant: (calls, bytes)}}."""
    allocs = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 6 and parts[0] == "alloc" and "::" in parts[1]:
            group, op = parts[1].rsplit("::", 1)
            calls = int(parts[3]) + int(parts[4])
            allocs.setdefault((group, op), {})[parts[2]] = (calls, int(parts[5]))
    return allocs


TIME_UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def parse_times(output):
    """Divan's tree output -> {(group, op, variant): median seconds}."""
    times = {}
    stack = []
    for line in output.splitlines():
        rest = line.lstrip(TREE)
        if not rest.strip() or rest[0].isdigit():
            continue
        depth = (len(line) - len(rest)) // 3
        name = rest.split()[0]
        del stack[depth:]
        stack.append(name)
        cols = [c.strip() for c in rest.split("│")]
        first = cols[0].split()
        if len(first) >= 3 and len(stack) >= 3 and re.match(r"^[\d.]+$", first[1]):
            value, unit = cols[2].split()
            times[(stack[-3], stack[-2], name)] = float(value) * TIME_UNITS[unit]
    return times


CHECKS = {
    # (group prefix, op): [(numerator, denominator, minimum ratio, label)]
    ("json", "parse"): [
        ("awso_direct", "serde_derive", 1.0, "typed parse >= serde_json derive"),
        ("awso_direct", "serde_ignored_any", 1 / 1.5, "typed parse within 1.5x of IgnoredAny"),
    ],
    ("json", "serialize"): [
        ("awso_direct", "serde_derive", 1.0, "serialize >= serde_json derive"),
    ],
    ("cbor", "parse"): [
        ("awso_direct", "serde_derive", 1.0, "parse >= ciborium derive"),
    ],
    ("cbor", "serialize"): [
        ("awso_direct", "serde_derive", 1.0, "serialize >= ciborium derive"),
    ],
    ("xml", "parse"): [
        ("awso_direct", "serde_derive", 1.5, "parse >= 1.5x quick-xml serde"),
    ],
    ("xml", "serialize"): [
        ("awso_direct", "serde_derive", 1.0, "serialize >= quick-xml serde"),
    ],
}

# The median over all JSON parse rows of awso_direct / serde_derive.
MEDIAN_JSON_PARSE = 1.4

BASELINES = {"parse": "serde_derive", "serialize": "serde_derive"}


def run_bench(extra):
    cmd = ["cargo", "bench", "-p", "awso-benches", "--bench", "wire", "--"] + extra
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", "/tmp/target-bench")
    print("$", " ".join(cmd), file=sys.stderr)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(done.returncode)
    return done.stdout


def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--sample-count", type=int, default=100)
    ap.add_argument("--filter", default=None, help="divan filter (a regex of bench names)")
    ap.add_argument("--from", dest="from_files", nargs="*", help="saved divan outputs")
    args = ap.parse_args()

    outputs = []
    if args.from_files:
        for f in args.from_files:
            with open(f, encoding="utf-8") as fh:
                outputs.append(fh.read())
    else:
        os.makedirs("target/bench-results", exist_ok=True)
        extra = ["--sample-count", str(args.sample_count)]
        if args.filter:
            extra.append(args.filter)
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        for i in range(args.runs):
            out = run_bench(extra)
            # run-N.txt is the latest; the stamped copy is kept.
            for name in (f"run-{i + 1}.txt", f"{stamp}-run-{i + 1}.txt"):
                with open(os.path.join("target/bench-results", name), "w", encoding="utf-8") as fh:
                    fh.write(out)
            outputs.append(out)

    runs = [parse(o) for o in outputs]
    allocs = parse_allocs(outputs[-1])
    keys = sorted({k for r in runs for k in r})
    print(f"MB/s, median of divan samples; {len(runs)} run(s): values are run1 / run2 / ...")
    print()
    print(f"| benchmark | op | variant | MB/s | awso / {BASELINES['parse']} | awso / sonic_derive | allocs / msg |")
    print("|---|---|---|---:|---:|---:|---:|")
    verdicts = []
    json_parse = {}
    for key in keys:
        group, op = key
        variants = sorted({v for r in runs for v in r.get(key, {})})
        base = "serde_json_derive" if group.startswith("query") else BASELINES[op]
        for v in variants:
            vals = [r.get(key, {}).get(v) for r in runs]
            shown = " / ".join(fmt(x) for x in vals if x is not None)
            ratio = ""
            sonic = ""
            if v.startswith("awso"):
                rs = [r[key][v] / r[key][base] for r in runs if v in r.get(key, {}) and base in r.get(key, {})]
                ratio = " / ".join(f"{x:.2f}" for x in rs)
                ss = [r[key][v] / r[key]["sonic_derive"] for r in runs
                      if v in r.get(key, {}) and "sonic_derive" in r.get(key, {})]
                sonic = " / ".join(f"{x:.2f}" for x in ss)
            a = allocs.get(key, {}).get(v)
            shown_allocs = f"{a[0]:,}" if a else ""
            print(f"| {group} | {op} | {v} | {shown} | {ratio} | {sonic} | {shown_allocs} |")
        if group.startswith("json") and op == "parse":
            rs = [r[key]["awso_direct"] / r[key]["serde_derive"] for r in runs
                  if "awso_direct" in r.get(key, {}) and "serde_derive" in r.get(key, {})]
            if rs:
                json_parse[group] = statistics.median(rs)
        mine, theirs = allocs.get(key, {}).get("awso_direct"), allocs.get(key, {}).get(base)
        if mine and theirs:
            ok = "MET" if mine[0] <= theirs[0] else "MISSED"
            verdicts.append(f"{ok:6} {group} {op}: allocations per message awso_direct {mine[0]:,} "
                            f"<= {base} {theirs[0]:,}")
        for num, den, minimum, label in CHECKS.get((group.split("_")[0], op), []):
            rs = [r[key][num] / r[key][den] for r in runs if num in r.get(key, {}) and den in r.get(key, {})]
            if not rs:
                continue
            med = statistics.median(rs)
            ok = "MET" if med >= minimum * 0.98 else "MISSED"
            verdicts.append(f"{ok:6} {group} {op}: {label}: {num}/{den} = "
                            + " / ".join(f"{x:.2f}" for x in rs) + f" (need >= {minimum:.2f})")
    if json_parse:
        med = statistics.median(json_parse.values())
        ok = "MET" if med >= MEDIAN_JSON_PARSE * 0.98 else "MISSED"
        verdicts.append(f"{ok:6} median JSON parse awso_direct/serde_derive over {len(json_parse)} rows = "
                        f"{med:.2f} (need >= {MEDIAN_JSON_PARSE:.2f})")
    print()
    print("Targets (2% tolerance for noise):")
    for v in verdicts:
        print("  " + v)


if __name__ == "__main__":
    main()
