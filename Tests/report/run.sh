#!/usr/bin/env bash
# `kpi report` in a real browser: renders the report of every example (each file, and the
# examples folder) and checks it in headless Chromium through the DevTools protocol (browser.py):
# every KPI has its tree node and card, the worked numbers are where they should be, the page made
# no network request and logged no error, it works with JavaScript off and from the keyboard, and
# "print to PDF" gives one page per top-level goal (counted with pdfinfo). It also takes the
# README's screenshot, docs/images/report.png.
#   KPI_BIN=path/to/kpi bash Tests/report/run.sh
# Installs chromium and poppler-utils (apt) when missing; without them it fails, it never skips.
# The last line is "report: N passed, M failed".
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
KPI_BIN="${KPI_BIN:-$ROOT/.build/debug/kpi}"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
if ((${#missing[@]})); then
  echo "installing from apt: ${missing[*]}"
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo -n)
  { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 ||
    echo "apt-get install ${missing[*]} failed"
fi
for tool in chromium pdfinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL $tool is missing: the browser tests cannot run"
    echo "report: 0 passed, 1 failed"
    exit 1
  fi
done
if [[ ! -x "$KPI_BIN" ]]; then
  echo "FAIL KPI_BIN=$KPI_BIN is not executable (build with swift build)"
  echo "report: 0 passed, 1 failed"
  exit 1
fi
cd "$ROOT" && exec python3 "$HERE/browser.py" --kpi "$KPI_BIN" --screenshot docs/images/report.png "$@"
