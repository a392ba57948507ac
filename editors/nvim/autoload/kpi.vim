" indentexpr for KPI plan files (set by indent/kpi.vim). KPI plans are
" off-side: a header (`kpi …`, `plan …`) or a `key:` line with nothing after
" the colon opens a block one shiftwidth deeper; top-level keywords go to
" column 0; any other line keeps the previous line's indentation.

" The line without its trailing comment: a `#` where a token starts (at the
" start, after a blank or right after a string), outside strings.
function! kpi#code(line) abort
  let in_string = 0
  let previous = ' '
  for i in range(len(a:line))
    let c = a:line[i]
    if c ==# '"'
      let in_string = !in_string
    elseif c ==# '#' && !in_string && previous =~# '[ \t"]'
      return strpart(a:line, 0, i)
    endif
    let previous = c
  endfor
  return a:line
endfunction

" Whether a line opens an indented block.
function! kpi#opens_block(line) abort
  return a:line =~# '^\%(kpi\|plan\)\s' || kpi#code(a:line) =~# ':\s*$'
endfunction

function! kpi#indent(lnum) abort
  if getline(a:lnum) =~# '^\s*\%(kpi\|plan\|use\)\s'
    return 0
  endif
  let previous = prevnonblank(a:lnum - 1)
  if previous == 0
    return 0
  endif
  return indent(previous) + (kpi#opens_block(getline(previous)) ? shiftwidth() : 0)
endfunction
