# galmorph — the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
OUT ?= out

.PHONY: deps build demo test bench clean

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
	$(GALMORPH) evaluate --image-stack Catalogs/gz1_cutouts_64.h5 --held-out
	$(GALMORPH) annotate --image-stack Catalogs/gz1_cutouts_64.h5 --output $(OUT)/gz1-annotated.fits
	$(GALMORPH) simulate --config Catalogs/simulations/context-dec.json --out $(OUT)/sim-context-dec
	$(GALMORPH) audit --images $(OUT)/sim-context-dec --split dec:0 --split ra:70,250 --seeds 5 \
	  --input-size 32 --epochs 6 --out $(OUT)/audit-context-dec --resume

# All tests (Swift Testing), release mode: numerical and statistical tests are heavy in debug builds.
test: deps
	swift build -c release --product galmorph
	swift test -c release

bench: deps
	swift run -c release GalmorphBench all

clean:
	rm -rf .build $(OUT)
