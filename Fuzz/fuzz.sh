#!/usr/bin/env bash
# Runs one libFuzzer target for a fixed time and reports what it found.
# usage: Fuzz/fuzz.sh parser|framing SECONDS [BUILD]     (BUILD: where build.sh put the targets,
#        default Fuzz/.build; seeds come from Fuzz/seeds.py; findings go to BUILD/artifacts/)
# env:   FUZZ_RUNS  stop after this many inputs instead (a campaign: FUZZ_RUNS=1000000 with a
#        generous SECONDS, on targets built with FUZZ_OPT=-O)
# Prints a line `RESULT {"target":…,"runs":N,"crashes":C,"hangs":H}`; exits 1 when it found something.
# Reproduce a finding: BUILD/fuzz-parser BUILD/artifacts/parser/crash-…
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$1"
SECONDS_BUDGET="$2"
BUILD="${3:-$ROOT/Fuzz/.build}"
case "$TARGET" in
  parser) MAX_LEN=2048; DICT="$ROOT/Fuzz/kpi.dict" ;;
  framing) MAX_LEN=4096; DICT="$ROOT/Fuzz/framing.dict" ;;
  *) echo "usage: $0 parser|framing SECONDS [BUILD]" >&2; exit 2 ;;
esac
BINARY="$BUILD/fuzz-$TARGET"
[[ -x "$BINARY" ]] || { echo "no $BINARY: run Fuzz/build.sh first" >&2; exit 2; }
CORPUS="$BUILD/corpus/$TARGET"          # grows from run to run; seeded from examples/
ARTIFACTS="$BUILD/artifacts/$TARGET"
LOG="$BUILD/logs/$TARGET.log"
mkdir -p "$CORPUS" "$ARTIFACTS" "$BUILD/logs" "$BUILD/seeds"
python3 "$ROOT/Fuzz/seeds.py" "$BUILD/seeds" >/dev/null
rm -f "$ARTIFACTS"/crash-* "$ARTIFACTS"/timeout-* "$ARTIFACTS"/oom-* "$ARTIFACTS"/leak-*

# A crash is reported by libFuzzer; Swift's own backtracer would only slow it down.
export SWIFT_BACKTRACE=enable=no
STARTED=$(date +%s)
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0:detect_leaks=0}"
"$BINARY" "$CORPUS" "$BUILD/seeds/$TARGET" \
    -max_total_time="$SECONDS_BUDGET" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -timeout=20 -rss_limit_mb=3072 -max_len="$MAX_LEN" -dict="$DICT" \
    -artifact_prefix="$ARTIFACTS/" -print_final_stats=1 >"$LOG" 2>&1
STATUS=$?

RUNS=$(grep -oE '^(Done [0-9]+ runs|#[0-9]+)' "$LOG" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
CRASHES=$(find "$ARTIFACTS" -name 'crash-*' -o -name 'oom-*' -o -name 'leak-*' | wc -l)
HANGS=$(find "$ARTIFACTS" -name 'timeout-*' | wc -l)
if [[ $STATUS -ne 0 && $CRASHES -eq 0 && $HANGS -eq 0 ]]; then CRASHES=1; fi   # died without saving an input
echo "fuzz $TARGET: ${RUNS:-0} inputs in $(( $(date +%s) - STARTED ))s, $CRASHES crashes, $HANGS hangs (corpus $(ls "$CORPUS" | wc -l) files)"
if [[ $CRASHES -ne 0 || $HANGS -ne 0 ]]; then
    grep -E 'fuzz invariant broken|Fatal error|ERROR|ALARM|SUMMARY|Test unit written' "$LOG" | head -n 20 | cut -c1-2000
    echo "log: $LOG; inputs: $ARTIFACTS"
fi
echo "RESULT {\"target\":\"$TARGET\",\"runs\":${RUNS:-0},\"crashes\":$CRASHES,\"hangs\":$HANGS}"
[[ $CRASHES -eq 0 && $HANGS -eq 0 ]]
