#!/usr/bin/env python3
"""Median B/A ratio of every measurement in compare-<label>.jsonl (compare_builds.sh).

A measurement is identified by its case and the benchmark line's non-numeric-result fields (kind, net, mode, batch,
…); its speed is 1/`s_median` (seconds) when present, else its `*_median` rate (images or galaxies per second), and
the table gives the median over rounds. Prints one Markdown row per measurement: A, B, B/A in speed (> 1: B faster), and the
largest load average seen at the start of its runs.
"""
import json
import statistics
import sys
from collections import defaultdict

SKIP = ("images_per_second", "seconds", "checksum", "median", "min", "max", "commit", "version", "round", "rss", "probe", "cpu_s", "gflops", "sha256", "reps",
        "samples", "wall", "p_value", "amplitude", "delta_chi2", "best_sigma", "ra", "dec")


def key_and_value(case, m):
    """(identity of the measurement, speed in 1/s or items/s: higher is better), or (None, None)."""
    ident = {k: v for k, v in m.items() if not any(w in k for w in SKIP) and not isinstance(v, float)}
    if "s_median" in m:
        value = 1.0 / m["s_median"]
    elif "images_per_second" in m:
        value = m["images_per_second"]
    else:
        rate = next((k for k in sorted(m) if k.endswith("_median") and ("ips" in k or "per_s" in k)), None)
        if rate is None:
            return None, None
        value = m[rate]
    return case + " " + json.dumps(ident, sort_keys=True), value


def main(path):
    speed = defaultdict(lambda: {"A": [], "B": []})
    load = defaultdict(float)
    for line in open(path):
        row = json.loads(line)
        k, v = key_and_value(row["case"], row["m"])
        if k is None:
            continue
        speed[k][row["build"]].append(v)
        load[k] = max(load[k], row["load_at_start"])
    print("| measurement | A (1/s) | B (1/s) | B/A speed | max load at start |")
    print("|---|---:|---:|---:|---:|")
    for k in sorted(speed):
        a, b = speed[k]["A"], speed[k]["B"]
        if a and b:
            ma, mb = statistics.median(a), statistics.median(b)
            print(f"| {k} | {ma:.4g} | {mb:.4g} | {mb / ma:.3f} | {load[k]:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
