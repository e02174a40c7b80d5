#!/usr/bin/env python3
"""Table of issue 4's speed figures from run_annotate_side_by_side.sh's raw lines (annotate-galmorph.jsonl,
annotate-peers.jsonl), one row per round so that ratios are taken within a round.

galmorph's annotation rate is end to end (JPEG decode, crop, resize, every network of the ensemble, CSV output);
the network forward passes behind it are galaxies/s x networks x TTA, which is the figure comparable with the peers'
network-only Net B inference (batch 256, synthetic input). Training: images/s of one epoch on the bundled stack
(3,284 training galaxies plus the validation pass) against the peers' Net B training step rate (batch 64).

    python3 Notebooks-exports/benchmarks/summarize_annotate_side_by_side.py
"""
import json
import pathlib
import statistics

HERE = pathlib.Path(__file__).resolve().parent


def lines(name):
    path = HERE / name
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()] if path.exists() else []


def main():
    ours, peers = lines("annotate-galmorph.jsonl"), lines("annotate-peers.jsonl")
    rounds = sorted({r.get("round", 1) for r in ours})
    print("| round | galmorph annotate, --tta 1 (galaxies/s) | --tta 8 (galaxies/s) | forward passes/s at --tta 8 "
          "| peers' Net B inference (images/s) | galmorph epoch (s) | peers' Net B training (images/s) |")
    print("|---|---|---|---|---|---|---|")
    for r in rounds:
        mine = [x for x in ours if x.get("round", 1) == r]
        ann = {x["tta"]: x for x in mine if x.get("what") == "annotate_jpeg" and "tta" in x}
        ep = next((x for x in mine if x.get("what") == "train_epoch"), None)
        theirs = [p for p in peers if p.get("round") == r and p.get("net") == "B"]
        infer = ", ".join(f"{p['framework']} {p['ips_median']:.0f}" for p in theirs if p.get("mode") == "infer")
        train = ", ".join(f"{p['framework']} {p['ips_median']:.0f}" for p in theirs if p.get("mode") == "train")
        t1, t8 = ann.get(1), ann.get(8)
        passes = t8["galaxies_per_s_median"] * t8["networks"] * 8 if t8 else float("nan")
        epoch = f"{ep['seconds_median']} ({ep['seconds_min']}–{ep['seconds_max']})" if ep else "—"
        print(f"| {r} | {t1['galaxies_per_s_median'] if t1 else '—'} | {t8['galaxies_per_s_median'] if t8 else '—'} "
              f"| {passes:.0f} | {infer or '—'} | {epoch} | {train or '—'} |")
    t8s = [x["galaxies_per_s_median"] for x in ours if x.get("tta") == 8]
    if t8s:
        print(f"\nmedian over rounds: --tta 8 {statistics.median(t8s):.1f} galaxies/s")


if __name__ == "__main__":
    main()
