#!/usr/bin/env bash
# Installs the Debian packages galmorph builds and tests with, if any is missing. Idempotent; retries apt
# (a concurrent apt run can hold the lock). Needs root or sudo. Swift itself is expected at /opt/swift or on PATH.
set -euo pipefail
PKGS=(pkg-config libcfitsio-dev libopenblas-dev libhdf5-dev libturbojpeg0-dev libpng-dev zlib1g-dev
      libchealpix-dev libssl-dev libcairo2-dev fonts-dejavu-core)
# Used by tests that check outputs with the reference tools (LaTeX tables compile; files verify).
PKGS+=(texlive-latex-base texlive-latex-recommended hdf5-tools)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "galmorph: installing ${missing[*]}" >&2
  for attempt in 1 2 3 4 5; do
    if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
      break
    fi
    [ $attempt = 5 ] && { echo "galmorph: apt-get failed 5 times" >&2; exit 1; }
    sleep $((attempt * 5))
  done
fi
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
command -v swift >/dev/null || { echo "galmorph: Swift 6 toolchain not found (expected /opt/swift)" >&2; exit 1; }
