"""Generator of stack_golden.json: what `galmorph stack` must store for a few real Galaxy Zoo 1 cutouts.

Independent implementation: Pillow decodes the JPEG (convert("RGB")), numpy takes the centred 224-px crop
(top-left ((H-224)//2, (W-224)//2)), OpenCV INTER_AREA resizes to 64x64 (exact pixel-coverage averaging) and the
result is quantised as round(255 * clip(v, 0, 1)) to uint8. The first five rows of
../shared/data/gz1_smallgz1_images/labels.csv (4 elliptical, then the first spiral) are used; images are stored as
base64 of the uint8 NHWC bytes. JPEG decoders may differ by a grey level, so the test allows |diff| <= 2 and a
small mean difference.
Run from this folder: python3 gen_stack_golden.py  (Pillow, numpy, opencv-python-headless).
"""
import base64, csv, json, os
import numpy as np
import cv2
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.normpath(os.path.join(here, "../../../../shared/data/gz1_smallgz1_images"))
rows = list(csv.DictReader(open(os.path.join(data, "labels.csv"))))
pick = [r for r in rows if r["binary_label"] == "elliptical"][:4] + [r for r in rows if r["binary_label"] == "spiral"][:1]
out = {"generator": "gen_stack_golden.py", "crop_size": 224, "size": 64, "galaxies": []}
for r in pick:
    img = np.asarray(Image.open(os.path.join(data, r["file"])).convert("RGB"), dtype=np.float32) / 255.0
    h, w, _ = img.shape
    y0, x0 = (h - 224) // 2, (w - 224) // 2
    crop = img[y0:y0 + 224, x0:x0 + 224]
    res = cv2.resize(crop, (64, 64), interpolation=cv2.INTER_AREA)
    q = np.round(np.clip(res, 0, 1) * 255).astype(np.uint8)
    out["galaxies"].append({"objid": r["objid"], "file": r["file"], "label": r["binary_label"],
                            "uint8_base64": base64.b64encode(q.tobytes()).decode()})
json.dump(out, open(os.path.join(here, "stack_golden.json"), "w"), indent=1)
print("wrote stack_golden.json with", len(out["galaxies"]), "galaxies")
