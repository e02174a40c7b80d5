"""Golden ensemble model file written by h5py (an independent HDF5 writer) + probabilities computed by numpy.

Three networks of one architecture (8x8x3 input -> flatten -> dense 2, Keras kernel layout [in, out]) in the
galmorph classifier layout for ensembles: the first under weights/<layer>/<name>, the others under
members/<k>/<layer>/<name> (k = 1, 2), root attributes as for one network plus format_version "2" and
ensemble_size "3". Expected p_spiral = sigmoid(mean_k (z1_k - z0_k) / T) with z_k = x W_k + b_k.
Run: python3 gen_ensemble_golden.py  (writes ensemble_golden.h5 and ensemble_golden.json)
"""
import json
import h5py
import numpy as np

rng = np.random.default_rng(20261124)
S, C, K, N = 8, 3, 3, 6
Ws = [rng.normal(0, 0.1, size=(S * S * C, 2)).astype(np.float32) for _ in range(K)]
bs = [rng.normal(0, 0.1, size=(2,)).astype(np.float32) for _ in range(K)]
X = rng.normal(0, 1, size=(N, S, S, C)).astype(np.float32)
x = X.reshape(N, -1).astype(np.float64)
d = [(x @ W.astype(np.float64) + b.astype(np.float64)) for W, b in zip(Ws, bs)]
member_logit = np.array([z[:, 1] - z[:, 0] for z in d])      # [K, N]
T = 1.3
p = 1 / (1 + np.exp(-member_logit.mean(axis=0) / T))

arch = {"input_shape": [S, S, C], "layers": [{"flatten": {}}, {"dense": {"units": 2}}]}
network = {"format_version": 1, "architecture": arch}
recipe = {"crop_size": 8, "input_size": 8, "channels": 3, "fits_stretch": "asinh"}
str_t = h5py.string_dtype("utf-8")
with h5py.File("ensemble_golden.h5", "w") as f:
    for k, (W, b) in enumerate(zip(Ws, bs)):
        group = "weights" if k == 0 else f"members/{k}"
        f.create_dataset(f"{group}/dense1/kernel", data=W)
        f.create_dataset(f"{group}/dense1/bias", data=b)
    attrs = {"galmorph_model": "galmorph-morphology-classifier", "format_version": "2", "ensemble_size": str(K),
             "network": json.dumps(network), "preprocessing": json.dumps(recipe),
             "class_names": json.dumps(["elliptical", "spiral"]), "threshold": "0.5", "temperature": str(T),
             "provenance": "", "training_summary": json.dumps({"note": "h5py ensemble golden"})}
    for k, v in attrs.items():
        f.attrs.create(k, v, dtype=str_t)

json.dump({"generator": "gen_ensemble_golden.py", "inputs": X.reshape(N, -1).tolist(),
           "member_logits": member_logit.tolist(), "p_spiral": p.tolist(), "temperature": T},
          open("ensemble_golden.json", "w"), indent=1)
print("wrote ensemble_golden.h5 / ensemble_golden.json")
