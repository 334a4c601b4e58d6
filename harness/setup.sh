#!/usr/bin/env bash
# Installs every Debian package annotbench needs and, unless data is already found, converts the
# default data sets from Debian packages into .data/. Safe to run again: it installs only what is
# missing and converts only what is absent.
#
#   bash harness/setup.sh                 packages + default data
#   bash harness/setup.sh --packages-only packages (CI: ../shared/data is beside the checkout)
set -euo pipefail
cd "$(dirname "$0")/.."

packages_only=0
for arg in "$@"; do
  case "$arg" in
    --packages-only) packages_only=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get update is run at most once, and only when something is missing.
updated=0
install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $updated -eq 0 ]; then as_root apt-get update -q; updated=1; fi
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_missing cmake ninja-build g++ make libtorch-dev libopenblas0-pthread libbenchmark-dev libgtest-dev \
  libfccp-dev libboost-math-dev nlohmann-json3-dev zlib1g-dev

# The Python package (python/, built with pybind11 for Debian's /usr/bin/python3) and its tests.
install_missing pybind11-dev python3-dev python3-numpy python3-pandas python3-pytest

# Headless chromium checks the report pages as a reader's browser draws them
# (tests/reports/annotation_quality/check_pages_in_chromium.sh); fonts so that their text has glyphs.
install_missing chromium fonts-dejavu-core

# SLURM and munge for `annotbench submit` and the single-node cluster test (harness/cluster/slurm/), and jq
# for that test's checks. Their services must not start at install: without systemd slurmd's init
# script fails for want of /etc/slurm/slurm.conf, which fails the install; harness/cluster/slurm/local-cluster.sh
# starts its own daemons. A policy-rc.d that refuses (101) is put in place for the install if there is none.
install_without_starting_services() {
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod 755 "$policy" && added=1
  fi
  install_missing "$@" || { [ $added -eq 1 ] && as_root rm -f "$policy"; return 1; }
  [ $added -eq 1 ] && as_root rm -f "$policy"
  return 0
}
install_without_starting_services slurm-wlm munge jq

# Debian's LibTorch links the generic libblas.so.3; point it at OpenBLAS (the reference BLAS is ~30x
# slower for matrix products). `annotbench bench` prints the GFLOP/s a user actually gets.
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
openblas=/usr/lib/$multiarch/openblas-pthread/libblas.so.3
if [ -e "$openblas" ]; then
  as_root update-alternatives --set "libblas.so.3-$multiarch" "$openblas" >/dev/null
  as_root update-alternatives --set "liblapack.so.3-$multiarch" "/usr/lib/$multiarch/openblas-pthread/liblapack.so.3" >/dev/null 2>&1 || true
fi

[ $packages_only -eq 1 ] && exit 0

# Default data: ../shared/data or $ANNOTBENCH_DATA when there, else converted from Debian packages.
tables="letterrecognition.csv satellite.csv vehicle.csv vowel.csv glass.csv dna.csv digits.csv.gz iris.csv wine_data.csv breast_cancer.csv"
have_all() { for f in $tables; do [ -e "$1/$f" ] || return 1; done; }
if { [ -n "${ANNOTBENCH_DATA:-}" ] && have_all "$ANNOTBENCH_DATA"; } || have_all ../shared/data || have_all .data; then
  echo "setup: data found"
  exit 0
fi
install_missing python3-sklearn r-cran-mlbench r-base-core
mkdir -p .data
sklearn_data=$(ls -d /usr/lib/python3/dist-packages/sklearn/datasets/data)
for f in digits.csv.gz iris.csv wine_data.csv breast_cancer.csv; do cp "$sklearn_data/$f" .data/; done
# The same R write.csv export that ../shared/data holds (identical md5 sums).
Rscript -e 'suppressMessages(library(mlbench))
for (n in c("LetterRecognition", "Satellite", "Vehicle", "Vowel", "Glass", "DNA")) {
  data(list = n)
  write.csv(get(n), file = file.path(".data", paste0(tolower(n), ".csv")), row.names = FALSE)
}'
echo "setup: default data written to .data/"
