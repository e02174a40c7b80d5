#!/usr/bin/env bash
# CI: `make install` into a fresh prefix, then, from a folder outside the checkout, annotate the bundled stack and
# the installed example catalog of cutout files with the installed galmorph and no --model: it must find and use the
# installed model (PREFIX/share/galmorph). Then `make uninstall` must remove everything it installed. BUILD_DIR (optional) is passed on to make.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
prefix=$(mktemp -d "${TMPDIR:-/tmp}/galmorph-prefix.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/galmorph-elsewhere.XXXXXX")
trap 'rm -rf "$prefix" "$work"' EXIT
fail() { echo "install check FAILED: $*" >&2; exit 1; }

make --no-print-directory install PREFIX="$prefix" ${BUILD_DIR:+BUILD_DIR="$BUILD_DIR"}
galmorph="$prefix/bin/galmorph"
model="$prefix/share/galmorph/galmorph-gz1-netb.h5"
for f in "$galmorph" "$model" "$prefix/share/galmorph/gz1_cutouts_64.h5" "$prefix/share/galmorph/MODEL_CARD.md" \
         "$prefix/share/galmorph/README.md" "$prefix/share/galmorph/simulations/context-dec.json" \
         "$prefix/share/man/man1/galmorph.1" "$prefix/share/bash-completion/completions/galmorph" \
         "$prefix/share/zsh/site-functions/_galmorph" "$prefix/share/fish/vendor_completions.d/galmorph.fish"; do
  [ -s "$f" ] || fail "make install did not install $f"
done

cd "$work"
env -u GALMORPH_MODEL "$galmorph" info > info.txt || fail "galmorph info exited $?"
grep -qF "default model: $model" info.txt && grep -q "found via: install prefix" info.txt \
  || fail "galmorph info did not find the installed model: $(cat info.txt)"
sha=$(sha256sum "$model" | cut -d' ' -f1)
grep -qF "sha256: $sha" info.txt || fail "galmorph info printed another SHA-256 than $sha"
grep -q "commit [0-9a-f]\{40\}" <("$galmorph" --version) || fail "the installed galmorph does not know its commit: $("$galmorph" --version)"

env -u GALMORPH_MODEL GALMORPH_PROGRESS=0 "$galmorph" annotate --image-stack "$checkout/Catalogs/gz1_cutouts_64.h5" \
  --output annotated/x.csv || fail "annotate with the installed model exited $?"
grep -qF "\"model_sha256\" : \"$sha\"" annotated/x.csv.meta.json || grep -qF "\"model_sha256\":\"$sha\"" annotated/x.csv.meta.json \
  || fail "annotate did not use the installed model (model_sha256 in annotated/x.csv.meta.json is not $sha)"
rows=$(($(wc -l < annotated/x.csv) - 1))
[ "$rows" -gt 0 ] || fail "annotate wrote no rows"

# The README's first annotation of a catalog of cutout files, with the installed examples and the default model.
env -u GALMORPH_MODEL GALMORPH_PROGRESS=0 "$galmorph" annotate --catalog "$prefix/share/galmorph/examples/examples.csv" \
  --output examples/annotated.csv || fail "annotate --catalog of the installed examples exited $?"
grep -qF "$sha" examples/annotated.csv.meta.json || fail "annotate --catalog did not use the installed model"
[ "$(grep -c ',ok$' examples/annotated.csv)" = 12 ] || fail "annotate --catalog did not annotate the 12 examples: $(cat examples/annotated.csv)"

cd "$checkout"
make --no-print-directory uninstall PREFIX="$prefix" > /dev/null
left=$(find "$prefix" -type f | head -5)
[ -z "$left" ] || fail "make uninstall left files behind: $left"
echo "install check passed: make install to a fresh prefix; from $work the installed galmorph annotated $rows rows with the installed model (sha256 $sha); make uninstall removed it"
