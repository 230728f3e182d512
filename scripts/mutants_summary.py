#!/usr/bin/env python3
"""Per-module table of a cargo-mutants run (used by scripts/mutants.sh).

Usage: mutants_summary.py OUTCOMES_JSON SLICE SECONDS
Prints one Markdown row per file: slice, file, mutants, caught, missed, unviable, timeout,
% caught of the viable (caught + missed + timeout), seconds of the whole slice; then the
missed mutants, one line each.
"""
import collections
import json
import sys


def mutant(scenario):
    return scenario.get("Mutant") if isinstance(scenario, dict) else None


def main():
    path, slice_, secs = sys.argv[1:4]
    try:
        with open(path) as f:
            outcomes = json.load(f)["outcomes"]
    except (OSError, ValueError, KeyError) as e:
        print(f"| `{slice_}` | (no outcomes: {e}) | | | | | | | {secs} |")
        return
    counts = collections.defaultdict(collections.Counter)
    missed = []
    for o in outcomes:
        m = mutant(o.get("scenario"))
        if not m:
            continue
        s = o.get("summary", "?")
        counts[m.get("file", "?")][s] += 1
        if s == "MissedMutant":
            missed.append(f"{m.get('file')}:{m.get('span', {}).get('start', {}).get('line', '?')}: "
                          f"{m.get('name') or m.get('description') or m}")
    for file, c in sorted(counts.items()):
        caught, miss, unv, tmo = (c["CaughtMutant"], c["MissedMutant"], c["Unviable"],
                                  c["Timeout"])
        viable = caught + miss + tmo
        pct = f"{100 * (caught + tmo) / viable:.1f}" if viable else "-"
        print(f"| `{slice_}` | `{file}` | {sum(c.values())} | {caught} | {miss} | {unv} | {tmo}"
              f" | {pct} | {secs} |")
    for line in missed:
        print(f"<!-- missed: {line} -->")


if __name__ == "__main__":
    main()
