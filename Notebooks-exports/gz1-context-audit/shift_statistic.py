#!/usr/bin/env python3
"""Unit statistics recomputed from an audit's test_annotations.csv: D (the verdict's), S and two combinations.

For every unit (the sky unit `dec_0` and control units `controlNN`) and its two models A and B (one seed), with
f_M(s) the fraction of test galaxies on side s that model M calls spiral (probability >= 0.5, as the audit):
  D = (f_A(a) - f_A(b)) - (f_B(a) - f_B(b))            interaction (the audit's statistic at this commit)
  S = ((f_A(a) - f_B(a)) + (f_A(b) - f_B(b))) / 2      main effect of the training side
and the sky unit's rank p = (1 + #{controls >= sky}) / (M + 1) of |D|, |S|, max(|D|/sd, |S|/sd) and their
root-sum-square (sd over all units). Usage: python3 shift_statistic.py AUDIT/test_annotations.csv ...
"""
import csv, sys, math, statistics as st
def units_of(path, split="dec_0"):
    rows = list(csv.DictReader(open(path)))
    side = [r[f"side_{split}"] for r in rows]
    cols = [c for c in rows[0] if c.startswith("p_")]
    names = sorted({c[2:].rsplit("-", 1)[0] for c in cols})
    out = {}
    sides = sorted(set(side))
    for u in names:
        f = {}
        for m in "AB":
            c = f"p_{u}-{m}"
            for s in sides:
                idx = [i for i in range(len(rows)) if side[i] == s]
                f[m, s] = sum(float(rows[i][c]) >= 0.5 for i in idx) / len(idx)
        a, b = sides
        D = (f["A", a] - f["A", b]) - (f["B", a] - f["B", b])
        S = ((f["A", a] - f["B", a]) + (f["A", b] - f["B", b])) / 2
        out[u] = (D, S, f)
    return out
def rank_p(stat, sky):
    others = [v for k, v in stat.items() if k != sky]
    return (1 + sum(v >= stat[sky] for v in others)) / (len(others) + 1)
def analyse(path):
    u = units_of(path)
    sky = [k for k in u if not k.startswith("control")][0]
    D = {k: v[0] for k, v in u.items()}; S = {k: v[1] for k, v in u.items()}
    sdD = st.pstdev(D.values()); sdS = st.pstdev(S.values())
    T = {"D": {k: abs(x) for k, x in D.items()}, "S": {k: abs(x) for k, x in S.items()},
         "max": {k: max(abs(D[k]) / sdD, abs(S[k]) / sdS) for k in u},
         "l2": {k: math.hypot(D[k] / sdD, S[k] / sdS) for k in u}}
    return D[sky], S[sky], sdD, sdS, {n: rank_p(t, sky) for n, t in T.items()}
if __name__ == "__main__":
    for p in sys.argv[1:]:
        D, S, sdD, sdS, ps = analyse(p)
        print(f"{p}: D {D:+.4f} (all-unit sd {sdD:.4f})  S {S:+.4f} (sd {sdS:.4f})  p: " +
              "  ".join(f"{n} {v:.3f}" for n, v in ps.items()))
