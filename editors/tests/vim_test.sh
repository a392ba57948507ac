#!/usr/bin/env bash
# Vim 9 with the Vim files of editors/nvim and ALE (Debian's vim-ale) as the
# LSP client, against the real server:
#   KPI_BIN=path/to/kpi bash editors/tests/vim_test.sh
# Writes a vimrc in the usual order (`filetype plugin indent on` and `syntax
# on` first, then `set runtimepath+=…/editors/nvim`), registers `kpi lsp` with
# ALE, runs Vim in a detached tmux session on a copy of
# tests/fixtures/workspace/plan.kpi with tests/vim_test.vim, and prints the
# results that script writes ("N passed, M failed" last).
set -uo pipefail

TESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EDITORS="$(dirname "$TESTS")"
fail() { printf 'FAIL - %s\n0 passed, 1 failed\n' "$1"; exit 1; }

[[ -n ${KPI_BIN:-} && -x $KPI_BIN ]] || fail "KPI_BIN is not an executable (${KPI_BIN:-unset})"
command -v vim >/dev/null || fail "vim is not installed (apt-get install vim)"
command -v tmux >/dev/null || fail "tmux is not installed (apt-get install tmux)"
[[ -d /usr/share/vim/vimfiles/pack/dist-bundle/opt/ale ]] || fail "ALE is not installed (apt-get install vim-ale)"

work=$(mktemp -d)
trap 'tmux kill-session -t "kpi-vim-$$" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$TESTS/fixtures/workspace" "$work/workspace"
git -C "$work/workspace" init -q 2>/dev/null || mkdir "$work/workspace/.git"
server="$(cd "$(dirname "$KPI_BIN")" && pwd)/$(basename "$KPI_BIN")"
cat >"$work/vimrc" <<VIMRC
set nocompatible
filetype plugin indent on
syntax on
set runtimepath+=$EDITORS/nvim
packadd ale
let g:ale_linters = {'kpi': ['kpi']}
let g:ale_lint_on_text_changed = 'never'
call ale#linter#Define('kpi', {
      \\ 'name': 'kpi',
      \\ 'lsp': 'stdio',
      \\ 'executable': '$server',
      \\ 'command': '%e lsp',
      \\ 'project_root': {buffer -> fnamemodify(ale#path#FindNearestDirectory(buffer, '.git'), ':h:h')},
      \\ })
autocmd VimEnter * ++nested source $TESTS/vim_test.vim
VIMRC
results="$work/results.txt"
tmux new-session -d -s "kpi-vim-$$" -x 120 -y 40 \
  "KPI_VIM_RESULTS='$results' vim -N -u '$work/vimrc' -i NONE '$work/workspace/plan.kpi'"
for _ in $(seq 1 1200); do
  [[ -s $results ]] && break
  sleep 0.1
done
[[ -s $results ]] || { tmux capture-pane -p -t "kpi-vim-$$" 2>/dev/null | tail -n 20; fail "Vim wrote no results within 120 s"; }
cat "$results"
tail -n 1 "$results" | grep -q ', 0 failed$'
