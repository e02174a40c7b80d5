#!/usr/bin/env python3
"""Golden values for ImageCodecsTests (run from this folder: python3 gen_image_golden.py).

Independent reference: Pillow (numpy.asarray(Image.open(path))) for the real JPEG cutouts in ../shared/data and for
PNG fixtures written by Pillow; a minimal pure-Python PNG writer (zlib + struct, PNG spec sections 5, 11 and 8.2 Adam7)
for 16-bit RGB and interlaced fixtures, which Pillow cannot write. Writes image_golden.json and fixtures/*.
"""
import hashlib, io, json, os, struct, zlib
import numpy as np
import PIL
from PIL import Image, features

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("GALMORPH_SHARED_DATA", os.path.join(HERE, "../../../../shared/data"))
FIX = os.path.join(HERE, "fixtures")

JPEGS = [
    "gz1_smallgz1_images/images/587722952767439450.jpeg",
    "gz1_smallgz1_images/images/587722953303916935.jpeg",
    "gz1_smallgz1_images/images/587722981733826738.jpeg",
    "gz1_sdss_dr12_cutouts_morphml/images/elliptical_ra0.00575_dec15.5098.jpg",
    "gz1_sdss_dr12_cutouts_morphml/images/elliptical_ra0.03175_dec15.8342.jpg",
    "gzdecals_ring_examples/images/J000411.19+020924.0.jpg",
    "gzdecals_ring_examples/images/J001655.18-002739.1.jpg",
]
PROBES = [(0, 0), (7, 3), (60, 59), (119, 119), (200, 311), (422, 422)]


def stats(a):
    a3 = a.reshape(a.shape[0], a.shape[1], -1)
    probes = [{"y": y, "x": x, "values": a3[y, x].tolist()} for y, x in PROBES
              if y < a3.shape[0] and x < a3.shape[1]]
    return {
        "height": int(a3.shape[0]), "width": int(a3.shape[1]), "channels": int(a3.shape[2]),
        "sum": [int(a3[..., c].astype(np.int64).sum()) for c in range(a3.shape[2])],
        "min": [int(a3[..., c].min()) for c in range(a3.shape[2])],
        "max": [int(a3[..., c].max()) for c in range(a3.shape[2])],
        "sha256": hashlib.sha256(np.ascontiguousarray(a3.astype(np.uint8 if a3.dtype == np.uint8 else a3.dtype)).tobytes()).hexdigest(),
        "probes": probes,
    }


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def raw_png(a, bit_depth, color_type, interlace=False):
    """Minimal PNG writer: filter type 0 on every scanline, Adam7 passes when interlace is set."""
    h, w = a.shape[:2]
    a3 = a.reshape(h, w, -1)
    dt = ">u2" if bit_depth == 16 else "u1"
    def scanlines(sub):
        return b"".join(b"\x00" + sub[y].astype(dt).tobytes() for y in range(sub.shape[0]))
    if interlace:
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        body = b""
        for x0, y0, dx, dy in passes:
            sub = a3[y0::dy, x0::dx]
            if sub.shape[0] and sub.shape[1]:
                body += scanlines(sub)
    else:
        body = scanlines(a3)
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 1 if interlace else 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(body, 9)) + chunk(b"IEND", b"")


def fixture_entry(name, expected, bit_depth):
    a = np.asarray(expected)
    a3 = a.reshape(a.shape[0], a.shape[1], -1)
    return {"file": name, "height": int(a3.shape[0]), "width": int(a3.shape[1]), "channels": int(a3.shape[2]),
            "bit_depth": bit_depth, "values": a3.astype(np.int64).ravel().tolist()}


def main():
    rng = np.random.default_rng(20261123)
    out = {"generator": "gen_image_golden.py", "pillow": PIL.__version__,
           "pillow_libjpeg_turbo": features.version("libjpeg_turbo"), "jpegs": [], "pngs": []}
    for rel in JPEGS:
        with Image.open(os.path.join(DATA, rel)) as im:
            a = np.asarray(im)
            entry = {"path": rel, "mode": im.mode}
        entry.update(stats(a))
        out["jpegs"].append(entry)

    os.makedirs(FIX, exist_ok=True)
    h, w = 7, 13
    rgba = rng.integers(0, 256, size=(h, w, 4), dtype=np.uint8)
    rgba[0, 0, 3] = 0; rgba[0, 1, 3] = 255
    pil = {
        "pil_gray8.png": Image.fromarray(rgba[..., 0], "L"),
        "pil_ga8.png": Image.fromarray(rgba[..., :2], "LA"),
        "pil_rgb8.png": Image.fromarray(rgba[..., :3], "RGB"),
        "pil_rgba8.png": Image.fromarray(rgba, "RGBA"),
        "pil_bilevel.png": Image.fromarray(rgba[..., 0] > 127).convert("1"),
    }
    pal = Image.fromarray(rgba[..., :3], "RGB").quantize(colors=16, method=Image.Quantize.MEDIANCUT)
    pil["pil_palette.png"] = pal
    g16 = rng.integers(0, 65536, size=(h, w), dtype=np.uint16)
    pil["pil_gray16.png"] = Image.fromarray(g16)  # mode I;16
    for name, im in pil.items():
        im.save(os.path.join(FIX, name))
        with Image.open(os.path.join(FIX, name)) as back:
            mode = back.mode
            if mode == "1":
                a = np.asarray(back.convert("L"))
            elif mode == "P":
                a = np.asarray(back.convert("RGB"))
            else:
                a = np.asarray(back)
        out["pngs"].append(fixture_entry(name, a, 16 if mode.startswith("I;16") else 8) | {"pillow_mode": mode})

    rgb16 = rng.integers(0, 65536, size=(h, w, 3), dtype=np.uint16)
    rgba16 = rng.integers(0, 65536, size=(h, w, 4), dtype=np.uint16)
    rgba16[..., 3] = 65535
    rgba16[0, :4, 3] = [0, 1000, 40000, 65534]
    manual = {
        "raw_rgb16.png": (rgb16, 16, 2, False),
        "raw_rgb8_adam7.png": (rgba[..., :3], 8, 2, True),
        "raw_gray16_adam7.png": (g16, 16, 0, True),
        "raw_rgba8_adam7.png": (rgba, 8, 6, True),
        "raw_rgba16.png": (rgba16, 16, 6, False),
    }
    for name, (a, depth, ctype, inter) in manual.items():
        with open(os.path.join(FIX, name), "wb") as f:
            f.write(raw_png(a, depth, ctype, inter))
        out["pngs"].append(fixture_entry(name, a, depth) | {"pillow_mode": None})

    # A small grayscale JPEG written by Pillow, decoded by Pillow.
    gray = (np.add.outer(np.arange(24) * 9, np.arange(17) * 5) % 256).astype(np.uint8)
    Image.fromarray(gray, "L").save(os.path.join(FIX, "pil_gray.jpg"), quality=90)
    with Image.open(os.path.join(FIX, "pil_gray.jpg")) as im:
        a = np.asarray(im)
    out["gray_jpeg"] = {"path": "fixtures/pil_gray.jpg", "mode": "L"} | stats(a) | {
        "values": a.astype(np.int64).ravel().tolist()}

    with open(os.path.join(HERE, "image_golden.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
