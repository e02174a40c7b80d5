"""Golden model file written by h5py (an independent HDF5 writer) + probabilities computed by numpy.

Architecture: 8x8x3 input -> flatten -> dense 2 (Keras kernel layout [in, out]); the file follows the galmorph
classifier model layout (weights/<layer>/<name> float32 datasets, JSON string attributes). The test loads it with
ClassifierModel.load and compares weights bit for bit and p_spiral = softmax(x W + b)[1] with numpy's.
Run: python3 gen_model_golden.py  (writes model_golden.h5 and model_golden.json)
"""
import json
import h5py
import numpy as np

rng = np.random.default_rng(20261123)
S, C = 8, 3
W = rng.normal(0, 0.1, size=(S * S * C, 2)).astype(np.float32)
b = rng.normal(0, 0.1, size=(2,)).astype(np.float32)
X = rng.normal(0, 1, size=(5, S, S, C)).astype(np.float32)
z = X.reshape(5, -1).astype(np.float64) @ W.astype(np.float64) + b.astype(np.float64)
p = np.exp(z[:, 1]) / (np.exp(z[:, 0]) + np.exp(z[:, 1]))
T = 1.7
pT = 1 / (1 + np.exp(-(z[:, 1] - z[:, 0]) / T))

arch = {"input_shape": [S, S, C], "layers": [{"flatten": {}}, {"dense": {"units": 2}}]}
network = {"format_version": 1, "architecture": arch}
recipe = {"crop_size": 8, "input_size": 8, "channels": 3, "fits_stretch": "asinh"}
str_t = h5py.string_dtype("utf-8")
with h5py.File("model_golden.h5", "w") as f:
    f.create_dataset("weights/dense1/kernel", data=W)
    f.create_dataset("weights/dense1/bias", data=b)
    attrs = {"galmorph_model": "galmorph-morphology-classifier", "format_version": "1",
             "network": json.dumps(network), "preprocessing": json.dumps(recipe),
             "class_names": json.dumps(["elliptical", "spiral"]), "threshold": "0.5", "temperature": str(T),
             "provenance": "", "training_summary": json.dumps({"note": "h5py golden"})}
    for k, v in attrs.items():
        f.attrs.create(k, v, dtype=str_t)

json.dump({"generator": "gen_model_golden.py", "inputs": X.reshape(5, -1).tolist(),
           "kernel": W.reshape(-1).tolist(), "bias": b.tolist(),
           "p_spiral_T1": p.tolist(), "p_spiral_T": pT.tolist(), "temperature": T},
          open("model_golden.json", "w"), indent=1)
print("wrote model_golden.h5 / model_golden.json")
