" Filetype detection for *.kpi that does not depend on the vimrc's order: a
" vimrc that runs `filetype on` before `set runtimepath+=…/editors/nvim` never
" reads ftdetect/kpi.vim, and Vim then takes *.kpi files (with their `#`
" comments) for `conf`. Plugins are read after the vimrc, so this autocmd is
" defined either way, after Vim's own detection, and corrects it.
if exists('g:loaded_kpi_filetype')
  finish
endif
let g:loaded_kpi_filetype = 1

augroup kpi_filetype
  autocmd!
  autocmd BufNewFile,BufRead *.kpi if &filetype !=# 'kpi' | setlocal filetype=kpi | endif
augroup END
