# galmorph — the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
OUT ?= out
# SwiftPM's build folder for build, demo and install (another one avoids waiting on a concurrent build's lock).
BUILD_DIR ?= .build

.PHONY: deps build demo test install uninstall bench null-calibration fuzz fuzz-replay sanitize sanitize-thread million-rows format format-check clean

deps:
	@bash .ci/deps.sh

build: deps
	swift build -c release --product galmorph --scratch-path $(BUILD_DIR)

# The main job on the bundled default data: score the shipped model (Catalogs/galmorph-gz1-netb.h5) on the held-out
# part of the bundled GZ1 stack and annotate the stack to a FITS table; then simulate the bundled context-dec survey (Catalogs/simulations/, 4000
# galaxies whose observing conditions depend on the sign of Dec; deterministic under its seed) and audit it at the
# default design: the Dec split's sky unit and 20 sky-independent control units, one seed (42 models), verdict,
# tables, figures and a notebook in $(OUT)/audit-context-dec/.
# The simulated survey and the audit's options are variables, so that CI runs the same steps reduced (.ci/run:
# a smaller survey, one seed, tiny models); .ci/check-demo-outputs.sh then checks every file the README promises.
GALMORPH := $(BUILD_DIR)/release/galmorph
DEMO_SIM ?= --config Catalogs/simulations/context-dec.json
DEMO_AUDIT ?= --split dec:0 --input-size 32 --epochs 6
demo: build
	$(GALMORPH) evaluate --image-stack Catalogs/gz1_cutouts_64.h5 --held-out --tta 8
	$(GALMORPH) annotate --image-stack Catalogs/gz1_cutouts_64.h5 --output $(OUT)/gz1-annotated.fits
	$(GALMORPH) simulate $(DEMO_SIM) --out $(OUT)/sim-context-dec
	$(GALMORPH) audit --images $(OUT)/sim-context-dec $(DEMO_AUDIT) --out $(OUT)/audit-context-dec --resume

# All tests (Swift Testing), release mode: numerical and statistical tests are heavy in debug builds.
# The test process runs the OpenBLAS core the galmorph executable picks for this CPU (`galmorph info --blas-core`;
# Debian's OpenBLAS 0.3.21 falls back to its generic kernel on CPUs it does not know, and the executable re-executes
# itself to avoid it), so that in-process tests see the product's roundings; an OPENBLAS_CORETYPE you set wins.
test: deps
	swift build -c release --product galmorph --scratch-path $(BUILD_DIR)
	OPENBLAS_CORETYPE=$${OPENBLAS_CORETYPE:-$$($(GALMORPH) info --blas-core)} swift test -c release --scratch-path $(BUILD_DIR)

# Fuzzing (issue 21): every reader of user files under libFuzzer and AddressSanitizer for FUZZ_SECONDS each
# (.ci/fuzz.sh; FUZZ_TARGETS to choose); executions and findings in .build-fuzz/summary.txt, the inputs that crashed
# in .build-fuzz/artifacts/. A finding becomes a file under Tests/GalmorphFuzzingTests/Regressions/<target>/.
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) bash .ci/fuzz.sh

# The same instrumented readers (AddressSanitizer, LeakSanitizer) run once over every seed and every regression input,
# without fuzzing: what CI runs of the sanitizers (the whole suite under ASan takes over an hour; `make sanitize`).
fuzz-replay: deps
	FUZZ_REPLAY=1 bash .ci/fuzz.sh

# Sanitizer runs of the test suite (issue 21; .ci/sanitize.sh, own build folders .build-asan and .build-tsan):
# `make sanitize` = the whole suite under AddressSanitizer (Swift and C; LeakSanitizer on) with UndefinedBehaviorSanitizer
# on the C code; `make sanitize-thread` = ThreadSanitizer over the suites of the parallel code. SANITIZE_FILTER
# narrows either to matching suites. Any report fails the target; logs in .build-asan/address.log, .build-tsan/thread.log.
sanitize: deps
	SANITIZE_FILTER='$(SANITIZE_FILTER)' bash .ci/sanitize.sh address

sanitize-thread: deps
	SANITIZE_FILTER='$(SANITIZE_FILTER)' bash .ci/sanitize.sh thread

# A 10^6-row catalog annotated with bounded memory (issue 21; .ci/million-rows.sh): generated rows pointing at the 12
# bundled GZ1 cutouts, `galmorph annotate` as a user runs it; peak RSS (≤ 1 GiB) and rows/s over the first and last
# tenth (last ≥ 90 % of first) in $(OUT)/million-rows/summary.txt. ROWS to change the size; MILLION_CPU=1 pins it to
# one CPU. About an hour on 2 cores (~300 rows/s: JPEG decoding and the 3-member ensemble per row).
ROWS ?= 1000000
million-rows: build
	ROWS=$(ROWS) OUT=$(OUT) bash .ci/million-rows.sh

# Null calibration of the audit's verdict at image level, at the default design: NULL_AUDITS independent null skies
# (`--preset null`, sky seeds 1..NULL_AUDITS, NULL_COUNT galaxies each, no context and no dipole), each audited with
# the default design (Dec split, one seed, 20 control units, no --train-size cap: each training set is a whole
# reservoir) and small models (Net B at 16 px, 6 epochs: validation AUC 0.76-0.93, where 2 epochs left most models
# calling every galaxy one class) to keep it affordable (~26 s a sky on 2 cores). Every audit's Dec-split row is
# collected into $(OUT)/null-calibration/summary.csv; the last line counts the false positives at α = 0.05 (exact
# size 1/21 = 0.048). Rerunning skips finished skies and resumes a half-done audit; a failed sky stops the loop and
# names its log. Columns are found by their names in audit.csv's header.
NULL_AUDITS ?= 100
NULL_COUNT ?= 1000
null-calibration: build
	@mkdir -p $(OUT)/null-calibration
	@set -e; for s in $$(seq 1 $(NULL_AUDITS)); do \
	  d=$(OUT)/null-calibration/sky$$s; \
	  [ -f $$d/audit/audit.csv ] || { \
	    $(GALMORPH) simulate --preset null --count $(NULL_COUNT) --seed $$s --out $$d/sim > $$d.log 2>&1 && \
	    $(GALMORPH) audit --images $$d/sim --split dec:0 --input-size 16 --epochs 6 \
	      --permutations 100 --bootstrap 200 --out $$d/audit --resume >> $$d.log 2>&1 && rm -rf $$d/sim $$d/audit/models \
	    || { echo "null sky $$s failed; see $$d.log" >&2; exit 1; }; }; \
	  echo "null sky $$s: $$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$$i] = i; next } { print "p", $$c["p"], "detected", $$c["detected"] }' $$d/audit/audit.csv)"; \
	done
	@{ echo "sky_seed,$$(head -1 $(OUT)/null-calibration/sky1/audit/audit.csv)"; \
	  for s in $$(seq 1 $(NULL_AUDITS)); do echo "$$s,$$(sed -n 2p $(OUT)/null-calibration/sky$$s/audit/audit.csv)"; done; } \
	  > $(OUT)/null-calibration/summary.csv
	@awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$$i] = i; next } { n++; if ($$c["detected"] == "true") k++ } END { printf "%d of %d null audits detected context bias at alpha = 0.05\n", k, n }' \
	  $(OUT)/null-calibration/summary.csv | tee $(OUT)/null-calibration/false-positives.txt

# Installs the release binary to PREFIX/bin; the shipped model, the bundled catalogs and their notes to
# PREFIX/share/galmorph (where the installed galmorph finds its default model: `galmorph info`); bash, zsh and fish
# completions (swift-argument-parser's --generate-completion-script) and man pages (its generate-manual plugin, from
# the commands' own help, so they never drift; a page wrapping `galmorph help` if the plugin cannot run) under
# PREFIX/share. DESTDIR is prepended for staged installs. `make uninstall PREFIX=…` removes exactly these files.
PREFIX ?= $(HOME)/.local
INSTALL_ROOT = $(DESTDIR)$(PREFIX)
install: build
	@bash .ci/install.sh "$(INSTALL_ROOT)" "$(BUILD_DIR)"

uninstall:
	rm -f "$(INSTALL_ROOT)/bin/galmorph" "$(INSTALL_ROOT)/share/bash-completion/completions/galmorph" \
	  "$(INSTALL_ROOT)/share/zsh/site-functions/_galmorph" "$(INSTALL_ROOT)/share/fish/vendor_completions.d/galmorph.fish"
	rm -f "$(INSTALL_ROOT)"/share/man/man1/galmorph.1 "$(INSTALL_ROOT)"/share/man/man1/galmorph.*.1
	rm -rf "$(INSTALL_ROOT)/share/galmorph"

bench: deps
	swift run -c release GalmorphBench all

# Formatting with the toolchain's swift-format and the .swift-format at the root (2-space indent, 120 columns, the
# house's semicolons, `case let`, several variables per line and snake_case golden-file keys allowed).
# `format` rewrites the sources in place; `format-check` fails on any finding without changing a file.
SWIFT_FORMAT_PATHS = Sources Tests Package.swift
format:
	swift-format format --configuration .swift-format --in-place --parallel --recursive $(SWIFT_FORMAT_PATHS)

format-check:
	swift-format lint --configuration .swift-format --strict --parallel --recursive $(SWIFT_FORMAT_PATHS)

clean:
	rm -rf .build $(OUT)
