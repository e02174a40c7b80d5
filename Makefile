# galmorph — the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
OUT ?= out

.PHONY: deps build demo test bench null-calibration clean

deps:
	@bash .ci/deps.sh

build: deps
	swift build -c release --product galmorph

# The main job on the bundled default data: score the shipped model (Catalogs/galmorph-gz1-netb.h5) on the held-out
# part of the bundled GZ1 stack and annotate the stack to a FITS table; then simulate the bundled context-dec survey (Catalogs/simulations/, 4000
# galaxies whose observing conditions depend on the sign of Dec; deterministic under its seed) and audit it: one model
# per side of the Dec and RA splits and per seed, plus sky-independent control pairs, verdicts, tables, figures and
# a notebook in $(OUT)/audit-context-dec/.
GALMORPH := .build/release/galmorph
demo: build
	$(GALMORPH) evaluate --image-stack Catalogs/gz1_cutouts_64.h5 --held-out --tta 8
	$(GALMORPH) annotate --image-stack Catalogs/gz1_cutouts_64.h5 --output $(OUT)/gz1-annotated.fits
	$(GALMORPH) simulate --config Catalogs/simulations/context-dec.json --out $(OUT)/sim-context-dec
	$(GALMORPH) audit --images $(OUT)/sim-context-dec --split dec:0 --split ra:70,250 --seeds 5 \
	  --input-size 32 --epochs 6 --out $(OUT)/audit-context-dec --resume

# All tests (Swift Testing), release mode: numerical and statistical tests are heavy in debug builds.
test: deps
	swift build -c release --product galmorph
	swift test -c release

# Null calibration of the audit's verdict at image level: NULL_AUDITS independent null skies (`--preset null`, sky
# seeds 1..NULL_AUDITS, 2000 galaxies each, no context and no dipole), each audited with small models (Dec split, 5
# seeds, Net B at 16 px, 400 training galaxies per model, 3 epochs). Every audit's Dec-split row is collected into
# $(OUT)/null-calibration/summary.csv; the last line counts the false positives at α = 0.05. Rerunning skips finished
# skies and resumes a half-done audit; a failed sky stops the loop and names its log.
NULL_AUDITS ?= 100
null-calibration: build
	@mkdir -p $(OUT)/null-calibration
	@set -e; for s in $$(seq 1 $(NULL_AUDITS)); do \
	  d=$(OUT)/null-calibration/sky$$s; \
	  [ -f $$d/audit/audit.csv ] || { \
	    $(GALMORPH) simulate --preset null --count 2000 --seed $$s --out $$d/sim > $$d.log 2>&1 && \
	    $(GALMORPH) audit --images $$d/sim --split dec:0 --seeds 5 --input-size 16 --train-size 400 --epochs 3 \
	      --permutations 100 --bootstrap 200 --out $$d/audit --resume >> $$d.log 2>&1 && rm -rf $$d/sim $$d/audit/models \
	    || { echo "null sky $$s failed; see $$d.log" >&2; exit 1; }; }; \
	  echo "null sky $$s: $$(sed -n 2p $$d/audit/audit.csv | cut -d, -f4,10,15)"; \
	done
	@{ echo "sky_seed,$$(head -1 $(OUT)/null-calibration/sky1/audit/audit.csv)"; \
	  for s in $$(seq 1 $(NULL_AUDITS)); do echo "$$s,$$(sed -n 2p $(OUT)/null-calibration/sky$$s/audit/audit.csv)"; done; } \
	  > $(OUT)/null-calibration/summary.csv
	@awk -F, 'NR > 1 { n++; if ($$16 == "true") k++ } END { printf "%d of %d null audits detected context bias at alpha = 0.05\n", k, n }' \
	  $(OUT)/null-calibration/summary.csv | tee $(OUT)/null-calibration/false-positives.txt

bench: deps
	swift run -c release GalmorphBench all

clean:
	rm -rf .build $(OUT)
