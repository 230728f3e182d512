#!/usr/bin/env python3
"""Seeds the fuzz corpora from the repository's own files (used by scripts/fuzz.sh).

Usage: fuzz_seeds.py TARGET DIR -- writes the seeds of TARGET into DIR (created if missing).
Targets that score under a set take the set's number as their first byte (see
fuzz/fuzz_targets/common/mod.rs): 0 all-kinds, 1 cycle, 2 par-2012, 3 vn-district-2023,
4 vn-commune-2025.
"""
import glob
import hashlib
import json
import os
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = {"all-kinds": 0, "cycle-test": 1, "vn-province-2012-published": 2,
        "vn-district-2023": 3, "vn-commune-2025": 4}


def files(*patterns):
    for p in patterns:
        yield from sorted(glob.glob(os.path.join(ROOT, p)))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def evidences():
    """(set number, evidence JSON bytes) of every evidence in the repository."""
    for path in files("tests/fixtures/*.evidence.json", "examples/data/*.json",
                      "examples/data/batch/*.json"):
        doc = json.loads(read(path))
        yield SETS.get(doc.get("ruleset", ""), 0 if "all-kinds" in path else 1), read(path)
    for path in files("criteria/*/cases/*.toml"):
        case = tomllib.loads(read(path).decode())
        ev = case.get("evidence")
        if ev:
            n = SETS.get(ev.get("ruleset", ""), 3)
            yield n, json.dumps(ev, ensure_ascii=False).encode()
        if case.get("appraisal"):
            yield n, json.dumps(case["appraisal"], ensure_ascii=False).encode()
    batch = json.loads(read(os.path.join(ROOT, "tests/fixtures/par-2012.batch.json")))
    for unit in batch["units"][:5]:
        yield 2, json.dumps(unit, ensure_ascii=False).encode()


def seeds(target):
    if target in ("load_ruleset", "roundtrip"):
        for p in files("criteria/*/ruleset.toml", "tests/fixtures/*.toml",
                       "tests/fixtures/extends/*.toml"):
            yield read(p)
    elif target in ("load_evidence", "evaluate"):
        for _, ev in evidences():
            yield ev
    elif target in ("render", "audit_gaps"):
        for n, ev in evidences():
            yield bytes([n]) + ev
    elif target == "appraisal":
        yield bytes([1]) + read(os.path.join(ROOT, "tests/fixtures/cycle.appraisal.json"))
        for p in files("examples/data/batch/*.json"):
            a = json.loads(read(p)).get("appraisal")
            if a:
                yield bytes([1]) + json.dumps(a, ensure_ascii=False).encode()
    elif target == "batch":
        yield bytes([2]) + read(os.path.join(ROOT, "tests/fixtures/par-2012.batch.json"))
        units = [json.loads(read(p)) for p in files("examples/data/batch/*.json")]
        yield bytes([1]) + json.dumps({"units": units}, ensure_ascii=False).encode()
        for u in units:
            yield bytes([1]) + json.dumps(u, ensure_ascii=False).encode()
    elif target == "what_if":
        for s in ['{"name":"x","set":{"1.1":{"numerator":33}},"remove":["1.2"]}',
                  '{"replace":{"1.2":{"met":true}}}',
                  '{"set":{"1.2":{"numerator":30,"denominator":36}},"remove":["1.3"]}',
                  '{"set":{"2.1":{"numerator":null}}}']:
            for n in range(5):
                yield bytes([n]) + s.encode()
                yield bytes([n + 5]) + s.encode()
    elif target == "annex_csv":
        for p in files("annex/tests/fixtures/*.csv"):
            yield read(p)
    elif target == "annex_xlsx":
        for p in files("annex/tests/fixtures/*.xlsx"):
            yield read(p)
    elif target == "cli":
        # Byte 0: the command line (fuzz/fuzz_targets/cli.rs, TEMPLATES); byte 1: --json,
        # --lang en, the format; then the rule set, the evidence and a third file, 0-separated.
        cycle = [read(os.path.join(ROOT, "tests/fixtures/" + f))
                 for f in ("cycle.toml", "cycle.evidence.json", "cycle.appraisal.json")]
        batch = [json.loads(read(p)) for p in files("examples/data/batch/*.json")]
        third = {8: cycle[2], 9: json.dumps({"units": batch}, ensure_ascii=False).encode(),
                 13: b'{"set":{"1.2":{"numerator":30,"denominator":36}}}',
                 14: cycle[1].replace(b"34", b"30")}
        district = read(os.path.join(ROOT, "examples/data/duyen-hai-2023-q3.json"))
        for pick in range(25):
            for flags in (0, 1, 2 | 4, 1 | 12):
                evidence = district if pick in (2, 4, 11) else cycle[1]
                yield bytes([pick, flags]) + b"\0".join(
                    [cycle[0], evidence, third.get(pick, b"")])
        for p in files("annex/tests/fixtures/*.csv"):
            yield bytes([18, 1]) + read(p)
        for p in files("annex/tests/fixtures/*.xlsx"):
            yield bytes([19, 1]) + read(p)


def main():
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for data in seeds(target):
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
