#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc, straight from the package's sources (no SwiftPM):
#   OUT/fuzz-parser   KPISyntax + KPIPlan + Fuzz/ParserFuzz.swift
#   OUT/fuzz-framing  LanguageServerProtocol + Fuzz/FramingFuzz.swift
# usage: Fuzz/build.sh [OUT]          (default OUT: Fuzz/.build)
# env:   FUZZ_SANITIZE  sanitizers (default "fuzzer"; "fuzzer,address" adds ASan, ~3x slower)
#        FUZZ_OPT       optimisation (default -Onone: builds in seconds, for short runs; -O builds in about
#                       four minutes: use it for long campaigns, recorded in Tests/robustness/README.md, e.g.
#                       FUZZ_OPT=-O Fuzz/build.sh && FUZZ_RUNS=1000000 Fuzz/fuzz.sh parser 36000)
#        SWIFTC         the compiler (default: swiftc on PATH, else /opt/swift/usr/bin/swiftc)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/Fuzz/.build}"
SANITIZE="${FUZZ_SANITIZE:-fuzzer}"
OPT="${FUZZ_OPT:--Onone}"
SWIFTC="${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}"
mkdir -p "$OUT/modules"
cd "$ROOT"

# Others may be editing the sources while this builds: swiftc then stops with "was modified
# during the build"; try again a few times.
compile() {
    local attempt
    for attempt in 1 2 3 4 5; do
        if "$SWIFTC" "$@" 2>"$OUT/swiftc.log"; then
            grep -v "Cannot export local symbol" "$OUT/swiftc.log" >&2 || true
            return 0
        fi
        if grep -q "was modified during the build" "$OUT/swiftc.log"; then sleep 3; continue; fi
        grep -v "Cannot export local symbol" "$OUT/swiftc.log" >&2 || true
        return 1
    done
    cat "$OUT/swiftc.log" >&2
    return 1
}

module() {  # module NAME SOURCES...
    local name="$1"; shift
    compile -sanitize="$SANITIZE" "$OPT" -gline-tables-only -parse-as-library -wmo -module-name "$name" -I "$OUT/modules" \
        -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" -c "$@" -o "$OUT/modules/$name.o"
}

target() {  # target NAME ENTRY OBJECTS...
    local name="$1" entry="$2"; shift 2
    compile -sanitize="$SANITIZE" "$OPT" -gline-tables-only -parse-as-library -module-name "${name//-/_}" -I "$OUT/modules" \
        "$entry" "$@" -o "$OUT/$name"
}

sources() { find "$1" -name '*.swift' | sort; }

module KPISyntax $(sources Sources/KPISyntax)
module KPIPlan $(sources Sources/KPIPlan)
target fuzz-parser Fuzz/ParserFuzz.swift "$OUT/modules/KPISyntax.o" "$OUT/modules/KPIPlan.o"
module LanguageServerProtocol $(sources Sources/LanguageServerProtocol)
target fuzz-framing Fuzz/FramingFuzz.swift "$OUT/modules/LanguageServerProtocol.o"
echo "built $OUT/fuzz-parser and $OUT/fuzz-framing ($SANITIZE, $OPT)"
