" Indentation for KPI plan files, in Vim and Neovim: one level (shiftwidth)
" deeper after a `kpi …`/`plan …` header or a line ending in `:`, top-level
" keywords at column 0, else the previous line's indentation, so that `o`
" opens a line where the next field goes. The rules are in autoload/kpi.vim.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=kpi#indent(v:lnum)
setlocal indentkeys=!^F,o,O,0=kpi\ ,0=plan\ ,0=use\ 
setlocal autoindent
let b:undo_indent = 'setlocal indentexpr< indentkeys< autoindent<'
