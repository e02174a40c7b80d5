#!/usr/bin/env bash
# `make install`: ROOT/bin/galmorph, the shipped model and bundled catalogs in ROOT/share/galmorph, shell completions
# and the man page under ROOT/share. Usage: .ci/install.sh ROOT BUILD_DIR (ROOT = DESTDIR+PREFIX; BUILD_DIR holds the
# release build, e.g. .build).
# The man page comes from swift-argument-parser's generate-manual plugin (the commands' own help); if the plugin
# cannot run, from `galmorph help` wrapped in roff, so that the page never drifts from the tool.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:?ROOT}; build=${2:-.build}
exe="$build/release/galmorph"; manpages="$build/plugins/GenerateManual/outputs/galmorph"
[ -x "$exe" ] || { echo "galmorph install: $exe is not built (run make build)" >&2; exit 1; }
share="$root/share/galmorph"
install -d "$root/bin" "$share/simulations" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"

install -m 755 "$exe" "$root/bin/galmorph"

# The model, the bundled stack and catalog, their notes and metrics. Ensemble members (re-training leftovers,
# ignored by git) and their logs stay in the checkout.
for f in Catalogs/*; do
  [ -f "$f" ] || continue
  case "$f" in *.member*) continue ;; esac
  install -m 644 "$f" "$share/"
done
install -m 644 Catalogs/simulations/*.json "$share/simulations/"
# Twelve example cutouts and their catalog, for a first `galmorph annotate --catalog` (Catalogs/README.md).
install -d "$share/examples/images"
install -m 644 Catalogs/examples/examples.csv Catalogs/examples/make_examples.py "$share/examples/"
install -m 644 Catalogs/examples/images/*.jpeg "$share/examples/images/"
# The commit the binary was built from, for its provenance records (outside the checkout it cannot ask git).
"$exe" --version | sed -n 's/.*(commit \(.*\))$/\1/p' > "$share/commit"
chmod 644 "$share/commit"

"$exe" --generate-completion-script bash > "$root/share/bash-completion/completions/galmorph"
"$exe" --generate-completion-script zsh > "$root/share/zsh/site-functions/_galmorph"
"$exe" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/galmorph.fish"
chmod 644 "$root/share/bash-completion/completions/galmorph" "$root/share/zsh/site-functions/_galmorph" \
  "$root/share/fish/vendor_completions.d/galmorph.fish"

man="$root/share/man/man1/galmorph.1"
if swift package --scratch-path "$build" generate-manual --configuration release > "$build/generate-manual.log" 2>&1 \
   && [ -f "$manpages/galmorph.1" ]; then
  install -m 644 "$manpages/galmorph.1" "$man"
else
  echo "galmorph install: the generate-manual plugin failed (see $build/generate-manual.log); writing the man page from \`galmorph help\`" >&2
  {
    echo ".TH GALMORPH 1 \"$(date +%Y-%m-%d)\" \"galmorph $("$exe" --version | sed 's/^galmorph //')\" \"User Commands\""
    echo ".SH NAME"
    echo "galmorph \\- galaxy morphology classification and sky-anisotropy audits"
    echo ".SH DESCRIPTION"
    echo ".nf"
    for sub in "" $("$exe" help | awk '/^SUBCOMMANDS:/ {s = 1; next} s && /^  [a-z]/ {print $1}'); do
      [ -n "$sub" ] && echo ".SH ${sub^^}"
      "$exe" help $sub | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/"
    done
    echo ".fi"
  } > "$man"
  chmod 644 "$man"
fi

echo "installed galmorph to $root/bin/galmorph; model and catalogs in $share; man page $man; completions for bash, zsh and fish"
case ":$PATH:" in *":$root/bin:"*) ;; *) echo "note: $root/bin is not on PATH; add it: export PATH=\"$root/bin:\$PATH\"" ;; esac
