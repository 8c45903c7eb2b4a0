"""Every paginator and waiter expression of the example services' botocore models, each with
sample documents and what botocore's jmespath makes of them.

Prints JSON: {"expressions": [{"service", "where", "expression", "cases": [[doc, result], ...]}]}.
The documents are random trees built from the expression's own member names and literals, so
that its paths, filters and comparisons meet values that match and values that do not.
"""
import glob
import json
import os
import random
import re
import sys

import botocore
import jmespath

SERVICES = sys.argv[1].split(",") if len(sys.argv) > 1 else ["sqs", "s3", "dynamodb", "ec2", "iam", "sts"]
DATA = os.path.join(os.path.dirname(botocore.__file__), "data")


def expressions():
    seen = {}
    for service in SERVICES:
        for version in sorted(glob.glob(os.path.join(DATA, service, "*"))):
            pag = os.path.join(version, "paginators-1.json")
            if os.path.exists(pag):
                for op, conf in json.load(open(pag))["pagination"].items():
                    for key in ("input_token", "output_token", "result_key", "more_results", "limit_key"):
                        value = conf.get(key)
                        for e in value if isinstance(value, list) else [value] if value else []:
                            seen.setdefault(e, (service, f"paginator {op}.{key}"))
            wait = os.path.join(version, "waiters-2.json")
            if os.path.exists(wait):
                for name, waiter in json.load(open(wait))["waiters"].items():
                    for a in waiter["acceptors"]:
                        if "argument" in a:
                            seen.setdefault(a["argument"], (service, f"waiter {name} ({a['matcher']})"))
    return seen


def sample(names, literals, rng, depth):
    r = rng.random()
    if depth <= 0 or r < 0.25:
        choices = literals + ["x", "", 0, 1, 2, True, False, None]
        return rng.choice(choices)
    if r < 0.55:
        return [sample(names, literals, rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {n: sample(names, literals, rng, depth - 1) for n in names if rng.random() < 0.7}


def merge(a, b, rng):
    if isinstance(a, dict) and isinstance(b, dict):
        return {**a, **b}
    return rng.choice([a, b])


def build(node, leaf, rng):
    """A document on which `node` reaches values made by `leaf` (through its paths,
    projections and filters), so deep paths are exercised and not only missed."""
    t, ch = node["type"], node.get("children", [])
    items = lambda make: [make() for _ in range(rng.randint(0, 3))]
    if t == "field":
        return {node["value"]: leaf()}
    if t == "subexpression":
        return build(ch[0], lambda: build(ch[1], leaf, rng), rng)
    if t == "projection" and ch[0]["type"] == "flatten":
        inner = lambda: build(ch[1], leaf, rng)
        return build(ch[0]["children"][0], lambda: items(lambda: rng.choice([inner(), items(inner)])), rng)
    if t == "projection":
        return build(ch[0], lambda: items(lambda: build(ch[1], leaf, rng)), rng)
    if t == "flatten":
        return build(ch[0], lambda: items(lambda: rng.choice([leaf(), items(leaf)])), rng)
    if t == "index_expression":
        return build(ch[0], lambda: items(leaf), rng)
    if t == "filter_projection":
        def item():
            picked = [leaf] if rng.random() < 0.5 else [lambda: leaf()]
            return merge(build(ch[2], leaf, rng), build(ch[1], picked[0], rng), rng)
        return build(ch[0], lambda: items(item), rng)
    if t in ("comparator", "or_expression", "and_expression", "function_expression"):
        doc = {}
        for c in ch:
            if rng.random() < 0.85:
                doc = merge(doc, build(c, leaf, rng), rng)
        return doc
    if t == "not_expression":
        return build(ch[0], leaf, rng)
    if t == "current":
        return leaf()
    return {}


def main():
    out = []
    for expr, (service, where) in sorted(expressions().items()):
        names = sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r"'[^']*'|`[^`]*`", "", expr))) - {"length", "contains"})
        literals = [s for s in re.findall(r"'([^']*)'", expr)]
        literals += [json.loads(s) for s in re.findall(r"`([^`]*)`", expr)]
        rng = random.Random(expr)
        compiled = jmespath.compile(expr)
        cases = []
        scalars = literals + ["x", "", 0, 1, True, False, None]
        leaf = lambda: rng.choice(scalars) if rng.random() < 0.8 else sample(names, literals, rng, 2)
        for i in range(40):
            if i % 2:
                doc = build(compiled.parsed, leaf, rng)
            else:
                doc = sample(names, literals, rng, 6 if i % 4 else 4)
            if not isinstance(doc, dict):
                doc = {n: doc for n in names[:1]}
            try:
                result = {"ok": compiled.search(doc)}
            except jmespath.exceptions.JMESPathError as e:
                result = {"error": type(e).__name__}
            cases.append([doc, result])
        out.append({"service": service, "where": where, "expression": expr, "cases": cases})
    print(json.dumps({"expressions": out}))


main()
