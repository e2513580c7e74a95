#!/usr/bin/env bash
# Installs the Debian 12 packages Governance Workbench needs, and nothing else.
# Idempotent: when every package is present it does nothing and prints one line.
# Usage: tools/install-deps.sh [--quiet] [--bench]
#   --bench   also the benchmark suite's peer, python3-pandas (not needed to
#             build or test, so CI does not install it)
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libsqlite3-dev sqlite3
  liblua5.4-dev
  libimgui-dev libglfw3-dev libstb-dev libgl-dev
  libcairo2-dev libpango1.0-dev librsvg2-dev # PDF papers: cairo pages, pango text, figures drawn from their SVG
  libzip-dev libsodium-dev  # pack bundles and their Ed25519 signatures; libzip also reads workbooks
  libxlsxwriter-dev libexpat1-dev # workbooks out (render/export --format xlsx) and in (their XML, read with expat)
  python3-openpyxl libreoffice-calc-nogui # the tests make workbooks with two other programs and import them
  libedit-dev              # line editing and history in `govbench console` (BSD licensed)
  libpq-dev                # team mode: the hub is a PostgreSQL database (workbench/team)
  postgresql-15            # a throw-away hub server for the tests and `tools/dev.sh hub`
  catch2
  poppler-utils            # the tests read exported PDFs back (pdfinfo, pdftotext)
  python3-scipy python3-statsmodels # gov.stats' reference values, recomputed at test time (tests/unit/stats_reference.py)
  clang libclang-rt-14-dev # libFuzzer targets (fuzz smoke run)
  clang-format clang-tidy  # style: tools/dev.sh test fails on a formatting difference or a clang-tidy warning
  fonts-dejavu-core
  xvfb xauth
)

BENCH_PACKAGES=(
  python3-pandas           # the benchmark's peer: the bundled indicators in pandas (bench/pandas_indicators.py)
)

quiet=0
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=1 ;;
    --bench) PACKAGES+=("${BENCH_PACKAGES[@]}") ;;
    *) echo "install-deps: unknown option '$arg' (use --quiet or --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  [[ $quiet -eq 1 ]] || echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: not root and sudo is not available; ask an administrator to run:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
