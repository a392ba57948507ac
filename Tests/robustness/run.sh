#!/usr/bin/env bash
# The robustness run: bad input for `kpi lsp` and the `kpi` command line, a load test, a sandbox
# check, and the two libFuzzer targets (parser+model, JSON-RPC framing) for a share of the budget.
#
# usage: Tests/robustness/run.sh [--budget SECONDS] [--allow-skips]     (default 60: the fuzzing time,
#        split 2:1 between the parser and the framing targets; the other suites take what they take, ~3 min)
# env:   KPI_BIN  the `kpi` binary to test (default: built here with `swift build`)
#
# Ends with `robustness: N inputs tried, C crashes, H hangs, L lost responses, S skipped` and
# `P passed, F failed, S skipped`; exits non-zero on any crash, hang, lost response, failed check, or
# skipped check (a check that cannot run here, e.g. without strace or root): `--allow-skips` lets a
# skip pass, for a developer's machine; CI never passes it.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/Tests/robustness"
BUDGET=60
ALLOW_SKIPS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --allow-skips) ALLOW_SKIPS=1; shift ;;
    --budget) BUDGET="$2"; shift 2 ;;
    --budget=*) BUDGET="${1#--budget=}"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$BUDGET" =~ ^[0-9]+$ ]] || { echo "--budget takes whole seconds" >&2; exit 2; }
export PATH="$PATH:/opt/swift/usr/bin"
STARTED=$(date +%s)
WORK="$ROOT/Fuzz/.build"
mkdir -p "$WORK/logs"

# What the run needs: python3, strace (the sandbox and security checks), mount (util-linux, for a
# full and a read-only file system), swiftc. Installed when missing and possible (CI runs as root);
# a check that still cannot run counts as skipped, and a skip fails the run.
need=()
command -v python3 >/dev/null || need+=(python3)
command -v strace >/dev/null || need+=(strace)
command -v mount >/dev/null || need+=(mount)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing ${need[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >"$WORK/logs/apt.log" 2>&1 \
      || echo "could not install ${need[*]} (see $WORK/logs/apt.log)"
  else
    echo "missing ${need[*]} and cannot install them (not root or no apt-get)"
  fi
fi
command -v python3 >/dev/null || { echo "robustness: python3 is required"; echo "0 passed, 1 failed"; exit 1; }

if [[ -z "${KPI_BIN:-}" ]]; then
  echo "== swift build (kpi, debug)"
  (cd "$ROOT" && swift build --product kpi 2>&1 | tail -n 3) || { echo "0 passed, 1 failed"; exit 1; }
  KPI_BIN="$(cd "$ROOT" && swift build --show-bin-path)/kpi"
fi
[[ -x "$KPI_BIN" ]] || { echo "robustness: no kpi binary at $KPI_BIN"; echo "0 passed, 1 failed"; exit 1; }
echo "kpi: $KPI_BIN"

# The fuzzers build on one core while the suites run on the other. A build from unchanged sources is reused.
STAMP=$(cat "$ROOT"/Sources/KPISyntax/*.swift "$ROOT"/Sources/KPIPlan/*.swift "$ROOT"/Sources/KPIPlan/*/*.swift \
        "$ROOT"/Sources/LanguageServerProtocol/*.swift "$ROOT"/Fuzz/*.swift "$ROOT"/Fuzz/build.sh 2>/dev/null | cksum | cut -d' ' -f1)
if [[ -x "$WORK/fuzz-parser" && -x "$WORK/fuzz-framing" && "$(cat "$WORK/stamp" 2>/dev/null)" == "$STAMP" ]]; then
  echo "== fuzzers: reusing the build in $WORK"
  BUILD_PID=""
else
  echo "== fuzzers: building in the background (log: $WORK/logs/build.log)"
  rm -f "$WORK/stamp"
  (bash "$ROOT/Fuzz/build.sh" "$WORK" >"$WORK/logs/build.log" 2>&1 && echo "$STAMP" >"$WORK/stamp") &
  BUILD_PID=$!
fi

INPUTS=0; CRASHES=0; HANGS=0; LOST=0; PASSED=0; FAILED=0; SKIPPED=0
add() {  # add KEY VALUE
  local value="${2:-0}"
  case "$1" in
    inputs) INPUTS=$((INPUTS + value)) ;; crashes) CRASHES=$((CRASHES + value)) ;; hangs) HANGS=$((HANGS + value)) ;;
    lost) LOST=$((LOST + value)) ;; passed) PASSED=$((PASSED + value)) ;; failed) FAILED=$((FAILED + value)) ;;
    skipped) SKIPPED=$((SKIPPED + value)) ;;
  esac
}
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], 0) or 0)' "$1" "$2"; }
suite() {  # suite NAME COMMAND... : runs a python suite, adds up its RESULT line
  local name="$1"; shift
  local log="$WORK/logs/$name.log"
  echo "== $name"
  "$@" 2>&1 | tee "$log" | grep -vE '^  ok |^RESULT ' | cut -c1-3000
  local result
  result=$(grep '^RESULT ' "$log" | tail -n 1 | cut -c8-)
  if [[ -z "$result" ]]; then
    echo "$name did not finish (see $log)"
    add failed 1
    return
  fi
  add inputs "$(field "$result" inputs)"; add crashes "$(field "$result" crashes)"; add hangs "$(field "$result" hangs)"
  add lost "$(field "$result" lost)"; add passed "$(field "$result" passed)"; add failed "$(field "$result" failed)"
  add skipped "$(field "$result" skipped)"
}

suite bad-input python3 "$HERE/bad_input.py" --kpi "$KPI_BIN"
suite load python3 "$HERE/load.py" --kpi "$KPI_BIN" --requests 10000
result=$(grep '^RESULT ' "$WORK/logs/load.log" | tail -n 1 | cut -c8-)
[[ -n "$result" ]] && add inputs "$(field "$result" messages)"
suite sandbox python3 "$HERE/sandbox.py" --kpi "$KPI_BIN"
suite security python3 "$HERE/security.py" --kpi "$KPI_BIN"

if [[ -n "$BUILD_PID" ]]; then
  echo "== fuzzers: waiting for the build"
  if ! wait "$BUILD_PID"; then
    grep -vE 'Cannot export local symbol' "$WORK/logs/build.log" | tail -n 30
    echo "the fuzzers did not build"
    add failed 1
  fi
fi
if [[ -x "$WORK/fuzz-parser" && -x "$WORK/fuzz-framing" && -f "$WORK/stamp" ]]; then
  PARSER_TIME=$(( BUDGET * 2 / 3 )); FRAMING_TIME=$(( BUDGET - PARSER_TIME ))
  for target in parser framing; do
    seconds=$PARSER_TIME; [[ $target == framing ]] && seconds=$FRAMING_TIME
    [[ $seconds -lt 1 ]] && seconds=1
    echo "== fuzz $target (${seconds}s)"
    bash "$ROOT/Fuzz/fuzz.sh" "$target" "$seconds" "$WORK" | tee "$WORK/logs/fuzz-$target.summary" | grep -v '^RESULT '
    result=$(grep '^RESULT ' "$WORK/logs/fuzz-$target.summary" | tail -n 1 | cut -c8-)
    if [[ -z "$result" ]]; then add failed 1; continue; fi
    runs=$(field "$result" runs); c=$(field "$result" crashes); h=$(field "$result" hangs)
    add inputs "$runs"; add crashes "$c"; add hangs "$h"
    if [[ $c -eq 0 && $h -eq 0 ]]; then add passed 1; else add failed 1; fi
  done
fi

echo
echo "robustness: $INPUTS inputs tried, $CRASHES crashes, $HANGS hangs, $LOST lost responses, $SKIPPED skipped ($(( $(date +%s) - STARTED ))s)"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[[ $SKIPPED -eq 0 || $ALLOW_SKIPS -eq 1 ]] || echo "skipped checks fail the run (--allow-skips lets them pass)"
[[ $CRASHES -eq 0 && $HANGS -eq 0 && $LOST -eq 0 && $FAILED -eq 0 && ( $SKIPPED -eq 0 || $ALLOW_SKIPS -eq 1 ) ]]
