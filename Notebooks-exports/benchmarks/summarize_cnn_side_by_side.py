"""Table of cnn-side-by-side.md from cnn-galmorph.jsonl and cnn-peers.jsonl (run_cnn_side_by_side.sh).

Per (net, mode): images/s as the median of the per-round medians [min-max over every timed sample of every round];
ratios galmorph/peer are computed within each round (same phase of the shared machine) and reported as their
median [min-max over rounds].
"""
import json, os, statistics, sys

D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
S = sys.argv[2] if len(sys.argv) > 2 else ""  # session suffix, e.g. "-2"


def load(name):
    p = os.path.join(D, name)
    return [json.loads(l) for l in open(p) if l.strip().startswith("{")] if os.path.exists(p) else []


ours = [r for r in load(f"cnn-galmorph{S}.jsonl") if r.get("framework") == "galmorph"]
peers = [r for r in load(f"cnn-peers{S}.jsonl") if "framework" in r]
probe = load(f"cnn-probe{S}.jsonl")
names = {"tensorflow-keras": "TF", "onnxruntime": "ORT"}


def pick(rows, fw, net, mode):
    return {r["round"]: r for r in rows if r["framework"] == fw and r["net"] == net and r["mode"] == mode}


def cell(by_round):
    if not by_round:
        return "-"
    med = statistics.median(r["ips_median"] for r in by_round.values())
    lo = min(r["ips_min"] for r in by_round.values()); hi = max(r["ips_max"] for r in by_round.values())
    return f"{med:,.0f} [{lo:,.0f}-{hi:,.0f}]"


def ratio(a, b):
    rs = [a[k]["ips_median"] / b[k]["ips_median"] for k in a if k in b]
    if not rs:
        return "-"
    return f"{statistics.median(rs):.2f} [{min(rs):.2f}-{max(rs):.2f}]"


print("| net | mode | batch | galmorph img/s | TF img/s | ORT img/s | galmorph/TF | galmorph/ORT | galmorph GFLOP/s | BLAS core |")
print("|---|---|---|---|---|---|---|---|---|---|")
for net in ("A", "B"):
    for mode in ("train", "infer"):
        g = pick(ours, "galmorph", net, mode)
        tf = pick(peers, "tensorflow-keras", net, mode); ort = pick(peers, "onnxruntime", net, mode)
        if not g:
            continue
        any_g = next(iter(g.values()))
        gf = statistics.median(r["gflops_median"] for r in g.values())
        cores = sorted({r.get("blas_core", "?") for r in g.values()})
        print(f"| {net} | {mode} | {any_g['batch']} | {cell(g)} | {cell(tf)} | {cell(ort)} | {ratio(g, tf)} | {ratio(g, ort)} "
              f"| {gf:.0f} | {', '.join(cores)} |")
rss = [r["peak_rss_mib"] for r in ours if r["net"] == "B" and r["mode"] == "train" and "peak_rss_mib" in r]
if rss:
    print(f"\nPeak RSS, galmorph Net B training at batch 64 (VmHWM of the bench process, which had run nothing before): "
          f"{statistics.median(rss):.0f} MiB [{min(rss):.0f}-{max(rss):.0f}] over {len(rss)} rounds")
sg = [r["probe_sgemm_gflops"] for r in ours if "probe_sgemm_gflops" in r]
if sg:
    print(f"Same-moment SGEMM probe in the galmorph runs (8192x64x288 per worker, 2 workers): median {statistics.median(sg):.0f}, "
          f"min {min(sg):.0f}, max {max(sg):.0f} GFLOP/s")
if probe:
    v = [p["gflops_median"] for p in probe if "gflops_median" in p]
    if v:
        print(f"2-thread AVX-512 FMA probe before each peer run: median {statistics.median(v):.0f}, min {min(v):.0f}, max {max(v):.0f} GFLOP/s ({len(v)} probes)")
commits = sorted({r.get("commit", "?") for r in ours})
versions = sorted({r["framework"] + " " + str(r.get("version", "?")) for r in peers})
print(f"galmorph commit(s): {', '.join(commits)}; peers: " + ", ".join(versions))
