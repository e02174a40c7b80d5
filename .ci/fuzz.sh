#!/bin/bash
# `make fuzz`: builds GalmorphFuzz with libFuzzer and AddressSanitizer (Swift -sanitize=fuzzer,address, C
# -fsanitize=fuzzer-no-link,address) into $FUZZ_DIR, seeds one corpus per target from the test fixtures, the bundled
# catalogs and ../shared/data (small files of the target's kind), and runs every target in $FUZZ_TARGETS for
# $FUZZ_SECONDS seconds, or until $FUZZ_RUNS executions when that is set (the documented run: FUZZ_RUNS=1000000 with
# a generous FUZZ_SECONDS as the cap). Findings (crashes, leaks, sanitizer reports, timeouts) are saved under
# $FUZZ_DIR/artifacts/<target>/; the executions per target and the findings are summarised in $FUZZ_DIR/summary.txt.
# Debian's ld.gold crashes linking the instrumented binary (internal error in format_file_lineno), so the link goes
# through the toolchain's ld.lld, put first on PATH under gold's name.
set -euo pipefail
FUZZ_DIR=${FUZZ_DIR:-.build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_RUNS=${FUZZ_RUNS:-}
FUZZ_TARGETS=${FUZZ_TARGETS:-csv csv-gz fits-table fits-image hdf5-stack hdf5-model image sky-expression simulation-config audit-json}
SHARED=${SHARED:-../shared/data}
mkdir -p "$FUZZ_DIR/linker"
printf '#!/bin/sh\nexec /opt/swift/usr/bin/ld.lld "$@"\n' > "$FUZZ_DIR/linker/ld.gold"
chmod +x "$FUZZ_DIR/linker/ld.gold"
PATH="$PWD/$FUZZ_DIR/linker:$PATH" swift build -c release --product GalmorphFuzz --scratch-path "$FUZZ_DIR" \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
  -Xswiftc -DGALMORPH_LIBFUZZER -Xcc -DGALMORPH_LIBFUZZER
BIN="$FUZZ_DIR/release/GalmorphFuzz"
# A corrupt header can make cfitsio or libhdf5 ask for petabytes; glibc's calloc returns NULL and the library reports
# an error (checked by replaying such inputs in the plain build), so ASan should return NULL too instead of stopping.
export ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/.ci/lsan.supp}

# seed <target> <find arguments…>: copies files under 256 KB into the target's seed folder
seed() {
  local t=$1; shift
  mkdir -p "$FUZZ_DIR/seeds/$t" "$FUZZ_DIR/corpus/$t"
  find "$@" -type f -size -256k 2> /dev/null | sed -n 1,40p | while read -r f; do
    cp "$f" "$FUZZ_DIR/seeds/$t/$(echo "$f" | sed 's|^[./]*||' | tr '/' '_')"
  done
}
shared() { [ -d "$SHARED/$1" ] && echo "$SHARED/$1" || echo /nonexistent; }
seed csv Tests Catalogs/examples "$(shared gz2_stripe82_coadd_table5)" "$(shared galaxy10_decals_coords)" -name '*.csv'
seed csv-gz Catalogs "$(shared galaxy10_decals_coords)" -name '*.gz'
seed fits-table Tests "$(shared fits_samples)" -name '*.fits'
seed fits-image Tests "$(shared fits_samples)" -name '*.fits'
seed hdf5-stack Tests "$(shared hdf5_samples)" -name '*.h5'
seed hdf5-model Tests/MorphologyClassifierTests/Reference Tests/NeuralNetTests/Reference -name '*.h5'
seed image Tests "$(shared gz1_smallgz1_images)" "$(shared gzdecals_ring_examples)" \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' \)
mkdir -p "$FUZZ_DIR/seeds/sky-expression" "$FUZZ_DIR/corpus/sky-expression"
for e in "1.2 + 0.4*(dec<0)" "min(0.6, 0.025/max(abs(sin(b)), 0.001))" "0.5 + 25*exp(-abs(b)/12)" "cos(ra)*sin(dec)^2"; do
  printf '%s' "$e" > "$FUZZ_DIR/seeds/sky-expression/$(echo "$e" | md5sum | cut -c1-8)"
done
seed simulation-config Catalogs/simulations -name '*.json'
seed audit-json Notebooks-exports -name audit.json

# FUZZ_REPLAY=1 (`make fuzz-replay`, run by CI): no fuzzing. Every seed and every input under
# Tests/GalmorphFuzzingTests/Regressions/<target>/ goes once through the instrumented readers (libFuzzer -runs=0, whole
# files up to 256 KB); a crash, leak or sanitizer report fails the step. The libhdf5 crash inputs under Findings/ are
# not replayed: they crash inside libhdf5 itself, which the executable isolates in a child process.
if [ -n "${FUZZ_REPLAY:-}" ]; then
  status=0
  for t in $FUZZ_TARGETS; do
    dirs=("$FUZZ_DIR/seeds/$t")
    [ -d "Tests/GalmorphFuzzingTests/Regressions/$t" ] && dirs+=("Tests/GalmorphFuzzingTests/Regressions/$t")
    n=$(find "${dirs[@]}" -type f | wc -l)
    empty=$(mktemp -d)
    log="$FUZZ_DIR/replay-$t.log"
    if GALMORPH_FUZZ_TARGET=$t "$BIN" "$empty" "${dirs[@]}" -runs=0 -max_len=262144 -timeout=20 -rss_limit_mb=2048 \
      -malloc_limit_mb=1048576 > "$log" 2>&1; then
      echo "fuzz replay $t: $n inputs, no finding"
    else
      echo "fuzz replay $t: FAILED on one of $n inputs; see $log"
      grep -m3 -E 'ERROR: |SUMMARY: |deadly signal|Test unit written' "$log" || true
      status=1
    fi
    rm -rf "$empty"
  done
  exit $status
fi

: > "$FUZZ_DIR/summary.txt"
for t in $FUZZ_TARGETS; do
  mkdir -p "$FUZZ_DIR/artifacts/$t"
  log="$FUZZ_DIR/fuzz-$t.log"
  set +e
  # libhdf5 1.10 segfaults on some corrupt files (the executable guards against it by walking each file in a
  # child first): the hdf5 targets run in fork mode and keep going past such crashes, collecting each input.
  # Their timeout is 5 s: an input still running then is libhdf5 looping on a corrupt file (the executable kills such a
  # walk after GALMORPH_INSPECT_TIMEOUT), and every one costs the whole timeout.
  extra=() timeout=20
  case "$t" in hdf5-*) extra=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1) timeout=5 ;; esac
  [ -n "$FUZZ_RUNS" ] && extra+=(-runs="$FUZZ_RUNS")
  start=$(date +%s)
  # A single huge malloc (a corrupt size field) returns NULL under allocator_may_return_null; only the RSS counts.
  GALMORPH_FUZZ_TARGET=$t "$BIN" "$FUZZ_DIR/corpus/$t" "$FUZZ_DIR/seeds/$t" -max_total_time="$FUZZ_SECONDS" \
    -max_len=65536 -timeout="$timeout" -rss_limit_mb=2048 -malloc_limit_mb=1048576 -print_final_stats=1 "${extra[@]}" \
    -artifact_prefix="$FUZZ_DIR/artifacts/$t/" > "$log" 2>&1
  rc=$?
  set -e
  elapsed=$(($(date +%s) - start))
  # Fork mode's parent prints "stat::number_of_executed_units: 0"; its progress lines "#N: …" hold the count.
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
  last=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  [ "${runs:-0}" -ge "${last:-0}" ] || runs=$last
  runs=${runs:-0}
  found=$(find "$FUZZ_DIR/artifacts/$t" -type f 2> /dev/null | wc -l)
  echo "$t: $runs executions in $elapsed s, exit $rc, $found finding(s) $(grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)' "$log" || true)" \
    | tee -a "$FUZZ_DIR/summary.txt"
done
