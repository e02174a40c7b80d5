#!/usr/bin/env python3
"""Golden forward outputs and gradients of the reference networks (Net A, Net B) and of two single layers,
computed with PyTorch in float64 as an independent reference for galmorph's NeuralNet (Swift, Float32, NHWC).

Inputs and weights are not stored: both sides compute them from the same seeded formulas (below, and
`GoldenFormulas` in NetsGoldenTests.swift), in galmorph's layouts:
  input   x[flat NHWC index i] = 0.8 * sin(0.1 * i + 1e-5 * i * i + 0.3)
  param p (ordinal k in the model's parameter order) element j (galmorph layout):
          kernel: sqrt(3 / fan_in) * sin(0.7 * j + 0.1 * (k + 1));  bias: 0.1 * sin(0.7 * j + 0.1 * (k + 1))
  galmorph layouts: conv kernel [kh, kw, Cin, Cout] (torch: [Cout, Cin, kh, kw]); dense kernel [in, out]
  (torch: weight [out, in]); flatten order (h, w, c) (torch permutes NCHW -> NHWC before flattening).
Forward runs in eval mode (dropout off). Losses (mean over the batch of per-example weighted losses):
  Net A: binary cross-entropy with logits, soft targets [0.3, 0.9], weights [0.5, 1.5]
  Net B: softmax cross-entropy, soft targets [[0.2, 0.8], [0.9, 0.1]], weights [1.2, 0.7]
Gradients are stored as samples [index, value] (galmorph layout, ~100 per parameter) plus the sum and the
sum of absolute values of the whole gradient. Run: python3 gen_nets_golden.py  (writes nets_golden.json)
"""
import json, math
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def input_values(n):
    i = np.arange(n, dtype=np.float64)
    return f32(0.8 * np.sin(0.1 * i + 1e-5 * i * i + 0.3))


def param_values(count, ordinal, fan_in, is_bias):
    j = np.arange(count, dtype=np.float64)
    s = np.sin(0.7 * j + 0.1 * (ordinal + 1))
    return f32((0.1 if is_bias else math.sqrt(3.0 / fan_in)) * s)


NETS = {
    "A": dict(input=[29, 29, 3], convs=[(5, 32, 0), (3, 64, 0)], dense=[128, 64, 1]),
    "B": dict(input=[64, 64, 3], convs=[(5, 32, 2), (3, 64, 1), (3, 128, 1), (3, 128, 1)], dense=[256, 2]),
}


def build(spec):
    """Parameters as torch leaf tensors in torch layout, keyed like galmorph, in galmorph's parameter order."""
    params, order = {}, []
    h, w, c = spec["input"]
    k_ord = 0
    for li, (k, co, pad) in enumerate(spec["convs"], start=1):
        fan_in = k * k * c
        kern = param_values(k * k * c * co, k_ord, fan_in, False).reshape(k, k, c, co); k_ord += 1
        bias = param_values(co, k_ord, fan_in, True); k_ord += 1
        params[f"conv{li}/kernel"] = torch.tensor(kern.transpose(3, 2, 0, 1).copy(), requires_grad=True)
        params[f"conv{li}/bias"] = torch.tensor(bias, requires_grad=True)
        order += [f"conv{li}/kernel", f"conv{li}/bias"]
        h = h + 2 * pad - k + 1; w = w + 2 * pad - k + 1; c = co
        h //= 2; w //= 2
    fin = h * w * c
    for li, units in enumerate(spec["dense"], start=1):
        kern = param_values(fin * units, k_ord, fin, False).reshape(fin, units); k_ord += 1
        bias = param_values(units, k_ord, fin, True); k_ord += 1
        params[f"dense{li}/kernel"] = torch.tensor(kern.T.copy(), requires_grad=True)
        params[f"dense{li}/bias"] = torch.tensor(bias, requires_grad=True)
        order += [f"dense{li}/kernel", f"dense{li}/bias"]
        fin = units
    return params, order


def forward(spec, params, x_nhwc):
    x = x_nhwc.permute(0, 3, 1, 2)
    for li, (k, co, pad) in enumerate(spec["convs"], start=1):
        x = F.conv2d(x, params[f"conv{li}/kernel"], params[f"conv{li}/bias"], padding=pad)
        x = F.max_pool2d(F.relu(x), 2)
    x = x.permute(0, 2, 3, 1).flatten(1)
    nd = len(spec["dense"])
    for li in range(1, nd + 1):
        x = F.linear(x, params[f"dense{li}/kernel"], params[f"dense{li}/bias"])
        if li < nd:
            x = F.relu(x)
    return x


def to_galmorph_layout(key, g):
    g = g.detach().numpy()
    if key.startswith("conv") and key.endswith("kernel"):
        return g.transpose(2, 3, 1, 0).reshape(-1)
    if key.startswith("dense") and key.endswith("kernel"):
        return g.T.reshape(-1)
    return g.reshape(-1)


def samples(flat):
    step = max(1, len(flat) // 97)
    return [[int(i), float(flat[i])] for i in range(0, len(flat), step)]


def net_case(name, batch=2):
    spec = NETS[name]
    params, order = build(spec)
    shape = [batch] + spec["input"]
    x = torch.tensor(input_values(int(np.prod(shape))).reshape(shape))
    z = forward(spec, params, x)
    if name == "A":
        t = torch.tensor([[0.3], [0.9]]); wts = torch.tensor([0.5, 1.5])
        per = F.binary_cross_entropy_with_logits(z, t, reduction="none").mean(dim=1)
    else:
        t = torch.tensor([[0.2, 0.8], [0.9, 0.1]]); wts = torch.tensor([1.2, 0.7])
        per = -(t * F.log_softmax(z, dim=1)).sum(dim=1)
    loss = (wts * per).mean()
    loss.backward()
    grads = {}
    for k in order:
        flat = to_galmorph_layout(k, params[k].grad)
        grads[k] = dict(count=len(flat), sum=float(flat.sum()), abs_sum=float(np.abs(flat).sum()),
                        samples=samples(flat))
    return dict(batch=batch, targets=t.reshape(-1).tolist(), weights=wts.tolist(),
                logits=z.detach().reshape(-1).tolist(), loss=float(loss.detach()), gradients=grads, order=order)


def conv_stride2_same_case():
    """Conv 3x3, stride 2, TF 'same' padding on 8x8x3 -> 4x4x5 (pad top/left 0, bottom/right 1), batch 2;
    loss = sum(y * r) with r[i] = cos(0.3 i) (NHWC flat index), so dL/dy = r."""
    n, h, w, c, co, k = 2, 8, 8, 3, 5, 3
    x = torch.tensor(input_values(n * h * w * c).reshape(n, h, w, c), requires_grad=True)
    kern = param_values(k * k * c * co, 0, k * k * c, False).reshape(k, k, c, co)
    bias = param_values(co, 1, k * k * c, True)
    W = torch.tensor(kern.transpose(3, 2, 0, 1).copy(), requires_grad=True)
    b = torch.tensor(bias, requires_grad=True)
    xp = F.pad(x.permute(0, 3, 1, 2), (0, 1, 0, 1))
    y = F.conv2d(xp, W, b, stride=2).permute(0, 2, 3, 1)
    r = torch.tensor(np.cos(0.3 * np.arange(y.numel())).reshape(y.shape))
    (y * r).sum().backward()
    return dict(y=y.detach().reshape(-1).tolist(), dx=x.grad.reshape(-1).tolist(),
                dkernel=to_galmorph_layout("conv/kernel", W.grad).tolist(), dbias=b.grad.tolist())


def batchnorm_case():
    """BatchNorm over channels of a 2x3x3x4 NHWC batch in training mode (torch BatchNorm2d, momentum 0.1, eps 1e-5),
    gamma[j] = 1 + 0.1 j, beta[j] = 0.05 j; loss = sum(y * r), r[i] = cos(0.3 i)."""
    n, h, w, c = 2, 3, 3, 4
    x = torch.tensor(input_values(n * h * w * c).reshape(n, h, w, c), requires_grad=True)
    bn = torch.nn.BatchNorm2d(c, momentum=0.1, eps=1e-5)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([1 + 0.1 * j for j in range(c)]))
        bn.bias.copy_(torch.tensor([0.05 * j for j in range(c)]))
    y = bn(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)
    r = torch.tensor(np.cos(0.3 * np.arange(y.numel())).reshape(y.shape))
    (y * r).sum().backward()
    return dict(y=y.detach().reshape(-1).tolist(), dx=x.grad.reshape(-1).tolist(),
                dgamma=bn.weight.grad.tolist(), dbeta=bn.bias.grad.tolist(),
                running_mean=bn.running_mean.tolist(), running_var=bn.running_var.tolist())


if __name__ == "__main__":
    out = dict(generator="gen_nets_golden.py", torch=torch.__version__, dtype="float64",
               netA=net_case("A"), netB=net_case("B"),
               conv_stride2_same=conv_stride2_same_case(), batchnorm=batchnorm_case())
    with open("nets_golden.json", "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print("wrote nets_golden.json; Net A loss", out["netA"]["loss"], "Net B loss", out["netB"]["loss"])
