#!/usr/bin/env python3
"""The summary table of README.md from the four audits' exports (audit.csv and audit_seeds.csv of null/, context/,
reddened/ and seeing/): per-side error rates err_M(s) and called-spiral fractions f_M(s) of the sky unit's two models
(A trained in the north, B in the south) on the north (N) and south (S) test sides, D and S with their rank p's among
the 21 units, the verdict's rank p of T and the verdict. Run: python3 summary_table.py (standard library only).
"""
import csv, os

here = os.path.dirname(os.path.abspath(__file__))
skies = [("null", "null"), ("context", "crowded field"), ("reddened", "dust E(B−V) 0.15"), ("seeing", "seeing σ 2.5 px")]
print("| sky | errA(N) | errA(S) | errB(N) | errB(S) | fA(N) | fA(S) | fB(N) | fB(S) | D (rank of \\|D\\|) | S (rank of \\|S\\|) | "
      "T rank p | verdict |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for folder, name in skies:
    try:
        seed = next(csv.DictReader(open(os.path.join(here, folder, "audit_seeds.csv"))))
        row = next(csv.DictReader(open(os.path.join(here, folder, "audit.csv"))))
    except FileNotFoundError:
        continue
    if "p_D" not in row:  # an export from before audit.json format 3
        continue
    f = lambda k: f"{float(seed[k]):.3f}"
    rank = lambda k: f"{round(float(row[k]) * 21)}/21"
    sign = lambda x: f"{float(x):+.3f}".replace("-", "−")
    verdict = f"detected ({row['direction']})" if row["detected"] == "true" else "none"
    print(f"| {name} | {f('err_A_A')} | {f('err_A_B')} | {f('err_B_A')} | {f('err_B_B')} | {f('f_A_A')} | {f('f_A_B')} | "
          f"{f('f_B_A')} | {f('f_B_B')} | {sign(row['D'])} ({rank('p_D')}) | {sign(row['S'])} ({rank('p_S')}) | "
          f"{rank('p')} | {verdict} |")
