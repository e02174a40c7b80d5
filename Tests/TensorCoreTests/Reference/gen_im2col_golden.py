#!/usr/bin/env python3
"""Golden NHWC convolution outputs for TensorCore's im2col + sgemm path, computed by direct summation in numpy
(float64), independent of any im2col. Input x[i] = sin(0.37 i + 0.1) (flat NHWC), kernel w[j] = cos(0.23 j)
(layout [kh, kw, Cin, Cout]). Cases cover valid/same padding, stride 1/2, odd sizes.
Run: python3 gen_im2col_golden.py  (writes im2col_golden.json)
"""
import json
import numpy as np

CASES = [  # n, h, w, c, k, cout, stride, same
    (2, 5, 6, 3, 3, 4, 1, False),
    (2, 5, 6, 3, 3, 4, 1, True),
    (1, 7, 7, 2, 3, 3, 2, True),
    (1, 8, 8, 2, 5, 2, 2, True),
    (3, 4, 4, 1, 2, 2, 2, False),
]


def conv(x, w, stride, same):
    n, h, wd, c = x.shape
    k, _, _, co = w.shape
    if same:
        oh, ow = -(-h // stride), -(-wd // stride)
        ph = max((oh - 1) * stride + k - h, 0); pw = max((ow - 1) * stride + k - wd, 0)
        pt, pl = ph // 2, pw // 2
        xp = np.zeros((n, h + ph, wd + pw, c)); xp[:, pt:pt + h, pl:pl + wd, :] = x
    else:
        oh, ow = (h - k) // stride + 1, (wd - k) // stride + 1
        xp = x
    y = np.zeros((n, oh, ow, co))
    for b in range(n):
        for i in range(oh):
            for j in range(ow):
                patch = xp[b, i * stride:i * stride + k, j * stride:j * stride + k, :]
                y[b, i, j, :] = np.tensordot(patch, w, axes=([0, 1, 2], [0, 1, 2]))
    return y


out = dict(generator="gen_im2col_golden.py", cases=[])
for (n, h, w, c, k, co, s, same) in CASES:
    x = np.sin(0.37 * np.arange(n * h * w * c) + 0.1).reshape(n, h, w, c)
    wt = np.cos(0.23 * np.arange(k * k * c * co)).reshape(k, k, c, co)
    y = conv(x, wt, s, same)
    out["cases"].append(dict(n=n, h=h, w=w, c=c, k=k, cout=co, stride=s, same=same,
                             out_shape=list(y.shape), y=y.reshape(-1).tolist()))
with open("im2col_golden.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote im2col_golden.json")
