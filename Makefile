# galmorph — the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
OUT ?= out

.PHONY: deps build demo test bench clean

deps:
	@bash .ci/deps.sh

build: deps
	swift build -c release --product galmorph

# The main job on the bundled default data.
demo: build
	.build/release/galmorph inspect Catalogs/README.md

# All tests (Swift Testing), release mode: numerical and statistical tests are heavy in debug builds.
test: deps
	swift build -c release --product galmorph
	swift test -c release

bench: deps
	swift run -c release GalmorphBench all

clean:
	rm -rf .build $(OUT)
