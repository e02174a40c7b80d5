"""Golden NeuralNet model file written by h5py (an independent HDF5 writer) + logits computed by numpy.

The file follows the layout documented on NeuralNet's ModelFile: float32 datasets weights/<layer>/<name>, root
UTF-8 string attributes `network` (ModelMetadata JSON), `provenance` (Provenance JSON) and two extra attributes.
Network: 6x6x2 input -> conv2d 3x3/4 "same" (TF padding rule: 1 px each side) -> batch_norm (inference: running
statistics, eps 1e-5) -> relu -> max_pool2d 2 -> flatten (NHWC order) -> dense 3. Kernels in Keras layouts
([kh, kw, Cin, Cout] and [in, out]). The test loads the file with ModelFile.read, compares every weight bit for bit
and the inference logits with numpy's (float64 here).
Run: python3 gen_model_file_golden.py  (writes model_file_golden.h5 and model_file_golden.json)
"""
import json
import h5py
import numpy as np

rng = np.random.default_rng(20261123)
H, W, C, F, U, N = 6, 6, 2, 4, 3, 4
w = {
    "conv1/kernel": rng.normal(0, 0.3, size=(3, 3, C, F)),
    "conv1/bias": rng.normal(0, 0.1, size=(F,)),
    "bn1/gamma": rng.uniform(0.5, 1.5, size=(F,)),
    "bn1/beta": rng.normal(0, 0.1, size=(F,)),
    "bn1/running_mean": rng.normal(0, 0.2, size=(F,)),
    "bn1/running_var": rng.uniform(0.5, 2.0, size=(F,)),
    "dense1/kernel": rng.normal(0, 0.2, size=(3 * 3 * F, U)),
    "dense1/bias": rng.normal(0, 0.1, size=(U,)),
}
w = {k: v.astype(np.float32) for k, v in w.items()}
X = rng.normal(0, 1, size=(N, H, W, C)).astype(np.float32)

d = {k: v.astype(np.float64) for k, v in w.items()}
xp = np.pad(X.astype(np.float64), ((0, 0), (1, 1), (1, 1), (0, 0)))
y = np.zeros((N, H, W, F))
for ky in range(3):
    for kx in range(3):
        y += np.einsum("nhwc,cf->nhwf", xp[:, ky:ky + H, kx:kx + W, :], d["conv1/kernel"][ky, kx])
y += d["conv1/bias"]
y = (y - d["bn1/running_mean"]) / np.sqrt(d["bn1/running_var"] + 1e-5) * d["bn1/gamma"] + d["bn1/beta"]
y = np.maximum(y, 0)
y = y.reshape(N, H // 2, 2, W // 2, 2, F).max(axis=(2, 4))
logits = y.reshape(N, -1) @ d["dense1/kernel"] + d["dense1/bias"]

arch = {"input_shape": [H, W, C], "layers": [
    {"conv2d": {"filters": F, "kernel": 3, "padding": "same"}}, {"batch_norm": {}}, {"relu": {}},
    {"max_pool2d": {"pool": 2}}, {"flatten": {}}, {"dense": {"units": U}}]}
normalization = {"mean": [0.25, -0.5], "std": [2.0, 0.5]}
network = {"format_version": 1, "architecture": arch, "normalization": normalization}
provenance = {"tool": "galmorph", "tool_version": "h5py-golden", "git_commit": "none",
              "command_line": "python3 gen_model_file_golden.py", "created_utc": "2026-11-23T00:00:00Z",
              "seed": 20261123, "inputs": {}, "extra": {"writer": "h5py " + h5py.__version__}}
extra = {"kind": "golden-test-model", "note": "written by h5py, unicode: \u00e9\u2713"}
str_t = h5py.string_dtype("utf-8")
with h5py.File("model_file_golden.h5", "w") as f:
    for k, v in w.items():
        f.create_dataset("weights/" + k, data=v)
    f.attrs.create("network", json.dumps(network), dtype=str_t)
    f.attrs.create("provenance", json.dumps(provenance), dtype=str_t)
    for k, v in extra.items():
        f.attrs.create(k, v, dtype=str_t)

json.dump({"generator": "gen_model_file_golden.py",
           "weights": {k: {"shape": list(v.shape), "values": v.reshape(-1).tolist()} for k, v in w.items()},
           "inputs": X.reshape(-1).tolist(), "input_shape": [N, H, W, C],
           "logits": logits.reshape(-1).tolist(), "normalization": normalization, "attributes": extra,
           "provenance_seed": provenance["seed"]},
          open("model_file_golden.json", "w"), indent=1)
print("wrote model_file_golden.h5 / model_file_golden.json")
