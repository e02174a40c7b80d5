# galmorph — the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
OUT ?= out

.PHONY: deps build demo test bench clean

deps:
	@bash .ci/deps.sh

build: deps
	swift build -c release --product galmorph

# The main job on the bundled default data (until `galmorph audit` lands): describe the bundled GZ1 catalog, then
# test its spiral flag for a dipole — a real positive control, sky-clustered by how the spirals were collected.
demo: build
	.build/release/galmorph inspect Catalogs/gz1_flags_positions.csv.gz
	.build/release/galmorph dipole --catalog Catalogs/gz1_flags_positions.csv.gz --label-column gz1_flag \
	  --positive spiral --permutations 2000 --seed 1 --out $(OUT)/demo-dipole

# All tests (Swift Testing), release mode: numerical and statistical tests are heavy in debug builds.
test: deps
	swift build -c release --product galmorph
	swift test -c release

bench: deps
	swift run -c release GalmorphBench all

clean:
	rm -rf .build $(OUT)
