#!/usr/bin/env bash
# Installs the Debian packages galmorph builds and tests with, if any is missing. Idempotent; retries apt
# (a concurrent apt run can hold the lock). Needs root or sudo. Swift itself is expected at /opt/swift or on PATH.
set -euo pipefail
PKGS=(pkg-config libcfitsio-dev libopenblas-dev libhdf5-dev libturbojpeg0-dev libpng-dev zlib1g-dev
      libchealpix-dev libssl-dev libcairo2-dev fonts-dejavu-core)
# Used by tests that check outputs with the reference tools (LaTeX tables compile; files verify).
PKGS+=(texlive-latex-base texlive-latex-recommended hdf5-tools fitsverify)
# The Slurm test brings up a private slurmctld + slurmd (and munged) from these, and stops them by pid.
PKGS+=(slurm-wlm munge)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "galmorph: installing ${missing[*]}" >&2
  for attempt in 1 2 3 4 5; do
    if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
      break
    fi
    [ $attempt = 5 ] && { echo "galmorph: apt-get failed 5 times" >&2; exit 1; }
    sleep $((attempt * 5))
  done
fi
# Independent references some tests compare against (astropy, pandas, nbformat, healpy) for the python3 on PATH:
# pip if that python has it, else Debian's python3-* packages. Best effort: without them those tests skip and say so.
PYMODS=(astropy pandas nbformat healpy)
if command -v python3 >/dev/null; then
  pymissing=()
  for m in "${PYMODS[@]}"; do python3 -c "import $m" >/dev/null 2>&1 || pymissing+=("$m"); done
  if [ ${#pymissing[@]} -gt 0 ]; then
    echo "galmorph: installing python modules for the reference tests: ${pymissing[*]}" >&2
    python3 -m pip install --quiet --disable-pip-version-check "${pymissing[@]}" >/dev/null 2>&1 || {
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        $(printf 'python3-%s ' "${pymissing[@]}") >/dev/null 2>&1 ||
        echo "galmorph: could not install ${pymissing[*]}; the tests that compare with them will be skipped" >&2; }
  fi
fi
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
command -v swift >/dev/null || { echo "galmorph: Swift 6 toolchain not found (expected /opt/swift)" >&2; exit 1; }
