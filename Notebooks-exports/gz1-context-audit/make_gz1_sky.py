#!/usr/bin/env python3
"""Real galaxy images on a sky we build, with and without a planted observing context: inputs of the GZ1 audits.

Reads the bundled Catalogs/gz1_cutouts_64.h5 (4545 SDSS cutouts from Galaxy Zoo 1, 64 px, uint8 RGB, labels
spiral/elliptical; see Catalogs/README.md) and writes two image stacks that `galmorph audit --images` reads
(datasets images, labels, id, ra, dec):

- gz1-sky-null.h5: every galaxy at an isotropic random position (seed 2026); images unchanged. No context.
- gz1-sky-context.h5: the same positions; every galaxy south of the equator is "observed by another telescope
  through a crowded field": each channel convolved with a Gaussian PSF of sigma 1.2 px, Gaussian read noise of
  sigma 6 counts added, and 4 to 8 foreground stars (Gaussian profiles of sigma 1.0 px, peak 60-220 counts) put at
  uniform random places of the stamp; clipped to 0-255. Northern images unchanged.
- gz1-sky-reddened.h5: the same positions; every galaxy south of the equator is seen through a foreground dust
  screen of E(B-V) = 0.15 mag (Galactic extinction, as at low latitude): the SDSS colour composites' channels
  (R, G, B) = (i, r, g) are multiplied by 10^(-0.4 A) with A = R_band * E(B-V), R_band = 1.70, 2.29, 3.30 for
  i, r, g (Schlafly & Finkbeiner 2011, Table 6, R_V = 3.1): factors 0.79, 0.73, 0.63. Applied to the display
  values, which approximates the stretch's response; rounded and clipped to 0-255. Northern images unchanged.
  Colour is a strong elliptical/spiral cue in these images, so a model trained on one side reads the other side's
  colours through its own side's calibration: the context interacts with the training side.
- gz1-sky-seeing.h5: the same positions; every galaxy south of the equator is observed in bad seeing: each channel
  convolved with a Gaussian PSF of sigma 2.5 px (FWHM 5.9 px, a tenth of the stamp), nothing else; rounded. This
  blurs spiral arms away, so a model trained on the sharp north should call fewer spirals in the south, while a
  model trained on the blurred south must use other cues (colour, concentration).

The positions ignore the images and labels, so without the plant a galaxy's side carries no information about its
image (the audit's null hypothesis holds by construction). Run from the repository root:
    python3 Notebooks-exports/gz1-context-audit/make_gz1_sky.py OUTDIR
(numpy, scipy and h5py). Deterministic.
"""
import os, sys
import h5py
import numpy as np
from scipy.ndimage import gaussian_filter

out = sys.argv[1] if len(sys.argv) > 1 else "gz1-sky"
os.makedirs(out, exist_ok=True)
src = h5py.File("Catalogs/gz1_cutouts_64.h5", "r")
images = src["images"][...]
labels = src["labels"][...]
ids = src["id"][...]
n = len(images)
rng = np.random.default_rng(2026)
ra = rng.uniform(0, 360, n)
dec = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))


def degrade(img, g):
    x = img.astype(np.float64)
    x = np.stack([gaussian_filter(x[..., c], 1.2) for c in range(3)], -1)
    yy, xx = np.mgrid[0:64, 0:64]
    for _ in range(g.integers(4, 9)):
        cy, cx, peak = g.uniform(0, 64), g.uniform(0, 64), g.uniform(60, 220)
        star = peak * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 2.0)
        x += star[..., None] * g.uniform(0.8, 1.0, 3)
    x += g.normal(0, 6, x.shape)
    return np.clip(np.rint(x), 0, 255).astype(np.uint8)


g = np.random.default_rng(7)
context = images.copy()
south = dec < 0
for i in np.where(south)[0]:
    context[i] = degrade(images[i], g)

AV_FACTORS = 10 ** (-0.4 * np.array([1.70, 2.29, 3.30]) * 0.15)  # (R, G, B) = (i, r, g)
reddened = images.copy()
reddened[south] = np.clip(np.rint(images[south].astype(np.float64) * AV_FACTORS), 0, 255).astype(np.uint8)

seeing = images.copy()
for i in np.where(south)[0]:
    blurred = np.stack([gaussian_filter(images[i, ..., c].astype(np.float64), 2.5) for c in range(3)], -1)
    seeing[i] = np.clip(np.rint(blurred), 0, 255).astype(np.uint8)

for name, imgs, note in [("gz1-sky-null.h5", images, "GZ1 cutouts at isotropic random positions (seed 2026), no context"),
                         ("gz1-sky-context.h5", context, "as gz1-sky-null.h5; south of the equator: PSF sigma 1.2 px, "
                          "read noise 6, 4-8 foreground stars per stamp"),
                         ("gz1-sky-reddened.h5", reddened, "as gz1-sky-null.h5; south of the equator: foreground dust "
                          "E(B-V) = 0.15, channels (i, r, g) x (0.79, 0.73, 0.63)"),
                         ("gz1-sky-seeing.h5", seeing, "as gz1-sky-null.h5; south of the equator: Gaussian PSF "
                          "sigma 2.5 px")]:
    path = os.path.join(out, name)
    with h5py.File(path + ".tmp", "w") as f:
        f.create_dataset("images", data=imgs, chunks=(64, 64, 64, 3), compression="gzip")
        f.create_dataset("labels", data=labels)
        f.create_dataset("id", data=ids)
        f.create_dataset("ra", data=ra)
        f.create_dataset("dec", data=dec)
        f.attrs["description"] = note
        f.attrs["generator"] = "Notebooks-exports/gz1-context-audit/make_gz1_sky.py"
    os.replace(path + ".tmp", path)
    print(path, imgs.shape, "south:", int(south.sum()))
