# Summarises Notebooks-exports/mitigation/ (made by make_mitigation.sh) into the tables of its README: the audit
# before and after each de-biasing method, L of labels and models, and `galmorph clean` on GZ1. Standard library only.
# Run: python3 summarise.py Notebooks-exports/mitigation > summary.md
import json, os, statistics, sys

root = sys.argv[1]
methods = [("before", "none (the README's audit)"), ("augment", "(a) `--context-augment`"),
           ("augment-p03", "(a) `--context-augment --context-probability 0.3`"),
           ("balance", "(b) `--balance-by column:psf_fwhm:2`"), ("adversary", "(c) `--adversary column:psf_fwhm:2`")]
print("| Method | Verdict | Mean D (3 seeds) | Mean \\|D\\| | Mean S | Rank p | Control D sd | Test accuracy, all models | Sky models |")
print("|:--|:--|--:|--:|--:|--:|--:|--:|--:|")
rows = {}
for name, label in methods:
    path = os.path.join(root, name, "audit.json")
    if not os.path.exists(path):
        continue
    d = json.load(open(path))
    s = d["splits"][0]
    import csv
    with open(os.path.join(root, name, "audit.csv")) as fh:
        row = next(csv.DictReader(fh))
    acc = [m["testAccuracy"]["value"] for m in d["models"]]
    sky = [m["testAccuracy"]["value"] for m in d["models"] if m["role"] in ("side-A", "side-B")]
    absd = float(row["abs_D_sky"])
    v = s["verdict"]
    rows[name] = (s["sky"]["mean"], statistics.mean(acc))
    print("| %s | %s | %.3f | %s | %.3f | %.3f | %.3f | %.4f | %.4f |" % (
        label, ("**detected**, " + v["direction"]) if v["detected"] else "not detected", s["sky"]["mean"],
        "%.3f" % absd, s["sky_S"]["mean"], s["p_adjusted"], s["control_sd_D"], statistics.mean(acc),
        statistics.mean(sky)))
if "before" in rows:
    b = rows["before"]
    print()
    for name, label in methods[1:]:
        if name in rows:
            r = rows[name]
            print("- %s: mean D %.3f → %.3f (%.0f %% of before); accuracy of all models %+.4f" % (
                label, b[0], r[0], 100 * abs(r[0]) / abs(b[0]), r[1] - b[1]))

print()
print("| Method | L truth | L side A (north-trained), seeds 1–3 | L side B (south-trained) | L control unit 1, A and B |")
print("|:--|--:|:--|:--|:--|")
for name, label in methods:
    path = os.path.join(root, name, "bias_metric.json")
    if not os.path.exists(path):
        continue
    res = {r["label_column"]: r for r in json.load(open(path))["results"]}
    f = lambda r: "%.3f ± %.3f" % (r["L"], r["L_error"])
    pick = lambda pre: ", ".join("%.3f" % res[k]["L"] for k in sorted(res) if k.startswith(pre))
    print("| %s | %s | %s | %s | %s |" % (label, f(res["label"]), pick("p_dec_0-seed") and ", ".join(
        "%.3f" % res[k]["L"] for k in sorted(res) if k.startswith("p_dec_0") and k.endswith("-A")),
        ", ".join("%.3f" % res[k]["L"] for k in sorted(res) if k.startswith("p_dec_0") and k.endswith("-B")),
        ", ".join("%.3f" % res[k]["L"] for k in sorted(res) if k.startswith("p_control01"))))

print()
print("| Injected flips | Out-of-fold ROC AUC | Suspects (ellipticals, spirals) | Suspect-score ROC AUC for the flips | Precision | Recall |")
print("|--:|--:|:--|--:|--:|--:|")
for f in ("0", "0.02", "0.05"):
    path = os.path.join(root, "clean-" + f, "clean.summary.json")
    if not os.path.exists(path):
        continue
    d = json.load(open(path))
    inj = d.get("injected_flips")
    print("| %s | %.4f | %d of %d (%.2f %%), %d of %d (%.2f %%) | %s | %s | %s |" % (
        "none" if f == "0" else "%g %% (%d)" % (100 * float(f), inj["flipped"]), d["out_of_fold_roc_auc"],
        d["suspects_per_class"][0], d["examples_per_class"][0], 100 * d["suspect_rate_per_class"][0],
        d["suspects_per_class"][1], d["examples_per_class"][1], 100 * d["suspect_rate_per_class"][1],
        "%.4f" % inj["suspect_score_roc_auc"] if inj else "–", "%.3f" % inj["precision"] if inj else "–",
        "%.3f" % inj["recall"] if inj else "–"))


def metrics(line):
    """The key=value fields of an `evaluate` line."""
    return {k: float(v) for k, v in (f.split("=") for f in line.split() if "=" in f)}


grid = os.path.join(root, "vat", "grid-eval.txt")
if os.path.exists(grid):
    chosen = open(os.path.join(root, "vat", "grid.txt")).read()
    aucs = {}
    for line in chosen.splitlines():
        if line.startswith("VAT ε = "):
            parts = line.split()
            aucs[parts[3]] = line.split("validation roc_auc=")[1].split()[0]
    print()
    print("| VAT ε (GZ1, 5 % flips, seed 0) | Validation ROC AUC (noisy labels) | Held-out ROC AUC (true labels) | FPR at TPR 0.90 |")
    print("|--:|--:|--:|--:|")
    for line in open(grid):
        eps = line.split()[1]
        m = metrics(line)
        print("| %s%s | %s | %.4f | %.4f |" % (eps, " (chosen)" if ("VAT ε = %s\n" % eps) in chosen else "",
                                           aucs.get(eps, "–"), m["roc_auc"], m["fpr@tpr0.90"]))

ev = os.path.join(root, "vat", "eval.txt")
if os.path.exists(ev):
    runs = {}
    for line in open(ev):
        name, _, seed = line.split()[:3]
        runs.setdefault(name, []).append(metrics(line))
    labels = [("plain", "plain (noisy labels)"), ("vat", "VAT"), ("clean", "clean + retrain (suspects removed)"),
              ("vatclean", "VAT, suspects unlabelled")]
    print()
    print("| Training on 5 % flipped labels | Held-out ROC AUC, seeds 0–2 | Mean | FPR at TPR 0.90, seeds 0–2 | Mean | Accuracy (mean) |")
    print("|:--|:--|--:|:--|--:|--:|")
    for name, label in labels:
        if name not in runs:
            continue
        r = runs[name]
        print("| %s | %s | %.4f | %s | %.4f | %.4f |" % (
            label, ", ".join("%.4f" % x["roc_auc"] for x in r), statistics.mean(x["roc_auc"] for x in r),
            ", ".join("%.4f" % x["fpr@tpr0.90"] for x in r), statistics.mean(x["fpr@tpr0.90"] for x in r),
            statistics.mean(x["accuracy"] for x in r)))
