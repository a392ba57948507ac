" Buffer settings for KPI plan files, in Vim and Neovim: `#` comments,
" two-space indentation with spaces, folding by indentation (all folds open
" when a file is opened).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s comments=:#
setlocal shiftwidth=2 softtabstop=2 tabstop=2 expandtab
setlocal formatoptions-=t formatoptions-=o formatoptions+=cqj
setlocal iskeyword+=-
setlocal foldmethod=indent foldlevel=99

let b:undo_ftplugin = 'setlocal commentstring< comments< shiftwidth< softtabstop< tabstop< expandtab<'
      \ . ' formatoptions< iskeyword< foldmethod< foldlevel<'
