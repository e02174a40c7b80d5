#!/usr/bin/env python3
"""Golden outputs for Reports' NumberFormat (fixed, significant, scientific, p-value), from Python's format(),
decimal (exact, ROUND_HALF_EVEN) and numpy.format_float_positional. Run from this folder:
    python3 gen_number_format.py   # writes number_format.json
Conventions checked: correct rounding of the exact binary value with ties to even; a result that rounds to zero
drops its sign (Python 'z' option, PEP 682); significant figures keep trailing zeros and never switch to exponents.
"""
import json
import random
from decimal import Decimal, ROUND_HALF_EVEN

import numpy as np

SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def fixed(x, d):
    s = format(x, f"z.{d}f")
    # Independent cross-check: numpy's positional formatter on the exact value.
    n = np.format_float_positional(x, precision=d, unique=False, fractional=True, trim="k")
    n = n.rstrip(".") if d == 0 else n
    if n.startswith("-") and set(n[1:]) <= set("0."):
        n = n[1:]
    assert s == n, (x, d, s, n)
    return s


def significant(x, d):
    if x == 0:
        return "0." + "0" * (d - 1) if d > 1 else "0"
    q = Decimal(x)  # exact binary value
    e = q.adjusted()
    r = q.quantize(Decimal(1).scaleb(e - d + 1), rounding=ROUND_HALF_EVEN)
    if r.adjusted() > e:  # carried into the next decade (9.99 -> 10.0): one decimal place fewer
        r = q.quantize(Decimal(1).scaleb(e - d + 2), rounding=ROUND_HALF_EVEN)
    s = format(r, "f")
    # Cross-check with '#.{d}g' whenever Python keeps that positional.
    g = format(x, f"#.{d}g")
    if "e" not in g:
        assert g.rstrip(".") == s, (x, d, g, s)
    return s


def scientific(x, d):
    if x == 0:
        return significant(0.0, d), significant(0.0, d)
    m, e = format(x, f".{d - 1}e").split("e")
    e = int(e)
    return f"{m} × 10{str(e).translate(SUP)}", f"{m}\\times10^{{{e}}}"


def case(x, kind, d, threshold=None):
    if kind == "fixed":
        plain = latex = fixed(x, d)
    elif kind == "significant":
        plain = latex = significant(x, d)
    elif kind == "scientific":
        plain, latex = scientific(x, d)
    else:  # pvalue
        if x != 0 and abs(x) < threshold:
            plain, latex = scientific(x, d)
        else:
            plain = latex = significant(x, d)
    out = {"x": x, "format": kind, "digits": d, "plain": plain, "latex": latex}
    if threshold is not None:
        out["threshold"] = threshold
    return out


cases = []
edge = [
    (0.0995, "significant", 2), (0.995, "significant", 2), (9.995, "significant", 3), (9.99, "significant", 2),
    (12345.0, "significant", 2), (1e-5, "significant", 2), (-0.0, "significant", 2), (0.0, "significant", 1),
    (-123.456, "significant", 4), (1.0, "significant", 3), (0.5, "significant", 1), (99999.5, "significant", 5),
    (0.125, "fixed", 2), (0.375, "fixed", 2), (2.5, "fixed", 0), (3.5, "fixed", 0), (-0.001, "fixed", 2),
    (-0.0, "fixed", 3), (-0.004999, "fixed", 2), (-0.005001, "fixed", 2), (1.005, "fixed", 2), (123456.789, "fixed", 1),
    (1.5e-5, "scientific", 2), (9.96e-5, "scientific", 2), (6.02214076e23, "scientific", 4),
    (-0.00012345, "scientific", 3), (1.0, "scientific", 1), (0.0, "scientific", 2),
]
for x, k, d in edge:
    cases.append(case(x, k, d))
for p in [3.2e-5, 0.001, 0.000999, 0.0009951, 0.05, 0.049999, 1.0, 0.0, 0.5, 1e-300, 0.0123456]:
    cases.append(case(p, "pvalue", 2, 1e-3))
cases.append(case(0.0123456, "pvalue", 3, 0.05))

rng = random.Random(20261123)
for _ in range(300):
    x = rng.choice([-1, 1]) * 10 ** rng.uniform(-7, 7)
    kind = rng.choice(["fixed", "significant", "scientific", "pvalue"])
    d = rng.randint(1, 5) if kind != "fixed" else rng.randint(0, 6)
    if kind == "pvalue":
        x = abs(x) / 1e7
        cases.append(case(x, kind, d, 1e-3))
    else:
        cases.append(case(x, kind, d))

with open("number_format.json", "w", encoding="utf-8") as f:
    json.dump({"generator": "gen_number_format.py", "python_format_and_decimal": True,
               "numpy": np.__version__, "cases": cases}, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(cases), "cases")
