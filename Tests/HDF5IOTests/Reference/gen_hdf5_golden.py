#!/usr/bin/env python3
"""Golden files for HDF5IOTests, produced with h5py (independent of galmorph's Swift reader).

Run from the package root:  python3 Tests/HDF5IOTests/Reference/gen_hdf5_golden.py

Writes into Tests/HDF5IOTests/Reference/:
  hdf5_samples_golden.json  tree of every file in ../shared/data/hdf5_samples (paths, link kinds, dataset shape,
                            dtype description, byte order, chunking, filters, attribute names and small values) and
                            sum/min/max of every plain numeric dataset h5py can decode.
  h5py_types.h5 / .json     datasets of every supported dtype in both byte orders, strings (fixed/vlen),
                            scalars, chunked gzip+shuffle data and attributes, with their values.
  galaxy10_synthetic.h5 / .json   a small Galaxy10-layout file (images [N,H,W,3] uint8, ans, ra, dec).
"""
import json
import os
import sys

import h5py
import numpy as np
from h5py import h5d, h5o, h5t

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SAMPLES = os.path.join(ROOT, "..", "shared", "data", "hdf5_samples")
GENERATOR = "Tests/HDF5IOTests/Reference/gen_hdf5_golden.py"


def describe(t):
    """Type description in HDF5IO's grammar (HDF5DataType.description)."""
    c = t.get_class()
    size = t.get_size()
    if c == h5t.INTEGER:
        return ("int" if t.get_sign() == h5t.SGN_2 else "uint") + str(size * 8)
    if c == h5t.FLOAT:
        return "float%d" % (size * 8)
    if c == h5t.STRING:
        length = "vlen" if t.is_variable_str() else str(size)
        return "string[%s%s]" % (length, ",utf8" if t.get_cset() == h5t.CSET_UTF8 else "")
    if c == h5t.COMPOUND:
        members = ["%s:%s" % (t.get_member_name(i).decode(), describe(t.get_member_type(i)))
                   for i in range(t.get_nmembers())]
        return "compound{" + ",".join(members) + "}"
    if c == h5t.ENUM:
        names = [t.get_member_name(i).decode() for i in range(t.get_nmembers())]
        return "enum(%s){%s}" % (describe(t.get_super()), ",".join(names))
    if c == h5t.ARRAY:
        return "%s[%s]" % (describe(t.get_super()), ",".join(str(d) for d in t.get_array_dims()))
    if c == h5t.VLEN:
        return "vlen<%s>" % describe(t.get_super())
    if c == h5t.REFERENCE:
        return "region_reference" if t.equal(h5t.STD_REF_DSETREG) else "reference"
    if c == h5t.OPAQUE:
        tag = t.get_tag().decode()
        return "opaque[%d,%s]" % (size, tag) if tag else "opaque[%d]" % size
    if c == h5t.BITFIELD:
        return "bitfield[%d]" % size
    return "class%d[%d]" % (c, size)


def byte_order(t):
    if t.get_class() in (h5t.INTEGER, h5t.FLOAT):
        return "big" if t.get_order() == h5t.ORDER_BE else "little"
    return "none"


def attr_value(obj, name):
    """Small numeric/string attribute values (<= 16 elements) as lists; None for anything else."""
    try:
        aid = h5py.h5a.open(obj.id, name.encode())
        t = aid.get_type()
        c = t.get_class()
        if aid.shape is None or c not in (h5t.INTEGER, h5t.FLOAT, h5t.STRING):
            return None
        v = obj.attrs[name]
    except Exception:
        return None
    arr = np.asarray(v).reshape(-1)
    if arr.size > 16:
        return None
    if c == h5t.STRING:
        out = []
        for x in arr:
            out.append(x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x))
        return {"strings": out}
    return {"numbers": [float(x) for x in arr.astype(np.float64)]}


def attributes(obj):
    names = sorted(obj.attrs.keys(), key=lambda s: s.encode())
    values = {}
    for n in names:
        v = attr_value(obj, n)
        if v is not None:
            values[n] = v
    return names, values


def dataset_info(ds):
    t = ds.id.get_type()
    dcpl = ds.id.get_create_plist()
    chunks = list(dcpl.get_chunk()) if dcpl.get_layout() == h5d.CHUNKED else None
    filters = []
    for i in range(dcpl.get_nfilters()):
        code, flags, values, name = dcpl.get_filter(i)
        filters.append({"id": int(code), "values": [int(v) for v in values]})
    space = ds.id.get_space()
    info = {"shape": list(space.shape) if space.shape is not None else [], "dtype": describe(t),
            "byteOrder": byte_order(t), "chunks": chunks, "filters": filters}
    if t.get_class() in (h5t.INTEGER, h5t.FLOAT):
        try:
            a = np.asarray(ds[()], dtype=np.float64).reshape(-1)
            finite = a[~np.isnan(a)]
            if finite.size > 0:
                info["stats"] = {"count": int(a.size), "nan": int(a.size - finite.size), "sum": float(finite.sum()),
                                 "min": float(finite.min()), "max": float(finite.max())}
        except Exception as e:  # unavailable filter (LZO, blosc, ...): no statistics
            info["readError"] = type(e).__name__
    if t.get_class() == h5t.COMPOUND:
        fields = {}
        try:
            data = ds[()]
        except Exception as e:
            info["readError"] = type(e).__name__
            data = None
        for i in range(t.get_nmembers()) if data is not None else []:
            mt = t.get_member_type(i)
            name = t.get_member_name(i).decode()
            column = np.asarray(data[name]).reshape(-1)
            if mt.get_class() in (h5t.INTEGER, h5t.FLOAT) and column.size > 0:
                a = column.astype(np.float64)
                fields[name] = {"stats": {"count": int(a.size), "nan": int(np.isnan(a).sum()),
                                          "sum": float(np.nansum(a)), "min": float(np.nanmin(a)),
                                          "max": float(np.nanmax(a))}}
            elif mt.get_class() == h5t.STRING and column.size > 0:
                fields[name] = {"strings": [x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x)
                                            for x in column[:5]]}
        info["fields"] = fields
    return info


def walk(f):
    nodes = []
    root_names, root_values = attributes(f)
    nodes.append({"path": "/", "kind": "group", "attributes": root_names, "attributeValues": root_values})
    seen = {h5o.get_info(f.id).addr: "/"}

    def visit(group, path):
        for name in sorted(group.keys(), key=lambda s: s.encode()):
            p = path.rstrip("/") + "/" + name
            link = group.get(name, getlink=True)
            if isinstance(link, h5py.SoftLink):
                nodes.append({"path": p, "kind": "softLink", "target": link.path})
                continue
            if isinstance(link, h5py.ExternalLink):
                nodes.append({"path": p, "kind": "externalLink", "target": "%s:%s" % (link.filename, link.path)})
                continue
            obj = group[name]
            addr = h5o.get_info(obj.id).addr
            if addr in seen:
                nodes.append({"path": p, "kind": "hardLink", "target": seen[addr]})
                continue
            seen[addr] = p
            names, values = attributes(obj)
            if isinstance(obj, h5py.Group):
                nodes.append({"path": p, "kind": "group", "attributes": names, "attributeValues": values})
                visit(obj, p)
            elif isinstance(obj, h5py.Dataset):
                nodes.append({"path": p, "kind": "dataset", "attributes": names, "attributeValues": values,
                              "dataset": dataset_info(obj)})
            elif isinstance(obj, h5py.Datatype):
                nodes.append({"path": p, "kind": "namedType"})
            else:
                nodes.append({"path": p, "kind": "other"})

    visit(f, "/")
    return nodes


def samples_golden():
    files = []
    for folder in sorted(os.listdir(SAMPLES)):
        d = os.path.join(SAMPLES, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            rel = "hdf5_samples/%s/%s" % (folder, name)
            with h5py.File(os.path.join(d, name), "r") as f:
                files.append({"file": rel, "userBlock": int(f.userblock_size), "nodes": walk(f)})
    return {"generator": GENERATOR, "h5py": h5py.version.version, "hdf5": h5py.version.hdf5_version, "files": files}


def h5py_types():
    path = os.path.join(HERE, "h5py_types.h5")
    rng = np.random.default_rng(20261123)
    expected = {}
    with h5py.File(path, "w", track_order=False) as f:
        for code in ["u1", "i4", "i8", "f4", "f8", "i2", "u2", "u4"]:
            for order in "<>":
                dt = np.dtype(order + code)
                if dt.kind == "f":
                    data = rng.normal(0, 1000, size=(7, 5)).astype(dt)
                else:
                    info = np.iinfo(dt)
                    data = rng.integers(info.min, info.max, size=(7, 5), dtype=np.int64 if dt.kind == "i" else np.uint64, endpoint=True).astype(dt)
                name = "numeric/%s_%s" % (code, "be" if order == ">" else "le")
                f.create_dataset(name, data=data)
                expected[name] = [float(x) for x in data.astype(np.float64).reshape(-1)]
        chunked = rng.normal(0, 1, size=(40, 6, 3)).astype("<f4")
        f.create_dataset("chunked/gzip_shuffle", data=chunked, chunks=(8, 6, 3), compression="gzip",
                         compression_opts=6, shuffle=True)
        expected["chunked/gzip_shuffle"] = [float(x) for x in chunked.reshape(-1)]
        f.create_dataset("scalar/f8", data=np.float64(2.718281828459045))
        f.create_dataset("scalar/i4be", data=np.array(-123456, dtype=">i4"))
        expected["scalar/f8"] = [2.718281828459045]
        expected["scalar/i4be"] = [-123456.0]
        vlen = ["alpha", "βeta γ", "", "a somewhat longer string with spaces"]
        f.create_dataset("strings/vlen", data=vlen, dtype=h5py.string_dtype("utf-8"))
        fixed = np.array([b"M31", b"NGC 1300", b"", b"abcdefghij"], dtype="S10")
        f.create_dataset("strings/fixed", data=fixed)
        f.create_dataset("strings/scalar_vlen", data="single", dtype=h5py.string_dtype("utf-8"))
        f.attrs["title"] = "h5py type sampler"
        f.attrs["version"] = np.int32(3)
        f["numeric"].attrs["fixed_ascii"] = np.bytes_(b"fixed-length")
        d = f["numeric/f8_be"]
        d.attrs["scale_be"] = np.array([1.5, -2.25, 1e300], dtype=">f8")
        d.attrs["count_u2"] = np.uint16(65535)
        d.attrs["names"] = np.array(["x", "yy", "zzz"], dtype=h5py.string_dtype("utf-8"))
    strings = {"strings/vlen": vlen, "strings/fixed": ["M31", "NGC 1300", "", "abcdefghij"], "strings/scalar_vlen": ["single"]}
    attrs = {"/": {"title": {"strings": ["h5py type sampler"]}, "version": {"numbers": [3.0]}},
             "/numeric": {"fixed_ascii": {"strings": ["fixed-length"]}},
             "/numeric/f8_be": {"scale_be": {"numbers": [1.5, -2.25, 1e300]}, "count_u2": {"numbers": [65535.0]},
                                "names": {"strings": ["x", "yy", "zzz"]}}}
    shapes = {"chunked/gzip_shuffle": [40, 6, 3], "scalar/f8": [], "scalar/i4be": []}
    return {"generator": GENERATOR, "h5py": h5py.version.version, "numbers": expected, "strings": strings,
            "attributes": attrs, "shapes": shapes}


def galaxy10():
    path = os.path.join(HERE, "galaxy10_synthetic.h5")
    rng = np.random.default_rng(10)
    n, h, w = 12, 9, 7
    images = rng.integers(0, 256, size=(n, h, w, 3), dtype=np.uint8)
    ans = rng.integers(0, 10, size=n, dtype=np.uint8)
    ra = rng.uniform(0, 360, size=n)
    dec = np.degrees(np.arcsin(rng.uniform(-1, 1, size=n)))
    with h5py.File(path, "w") as f:
        f.create_dataset("images", data=images, chunks=(4, h, w, 3), compression="gzip", compression_opts=4)
        f.create_dataset("ans", data=ans)
        f.create_dataset("ra", data=ra)
        f.create_dataset("dec", data=dec)
    return {"generator": GENERATOR, "h5py": h5py.version.version, "shape": [n, h, w, 3],
            "imageSums": [int(images[i].astype(np.int64).sum()) for i in range(n)],
            "firstPixels": [int(x) for x in images[5].reshape(-1)[:12]],
            "labels": [int(x) for x in ans], "ra": [float(x) for x in ra], "dec": [float(x) for x in dec]}


def dump(obj, name):
    with open(os.path.join(HERE, name), "w") as fh:
        json.dump(obj, fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    if not os.path.isdir(SAMPLES):
        sys.exit("shared data not found at %s" % SAMPLES)
    dump(samples_golden(), "hdf5_samples_golden.json")
    dump(h5py_types(), "h5py_types.json")
    dump(galaxy10(), "galaxy10_synthetic.json")
