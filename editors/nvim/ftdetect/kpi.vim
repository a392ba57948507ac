" Filetype detection: *.kpi files are KPI plans (filetype "kpi").
" Vim script, so that Vim users of syntax/kpi.vim get it too.
autocmd BufRead,BufNewFile *.kpi setfiletype kpi
