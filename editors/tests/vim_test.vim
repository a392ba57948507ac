" Vim 9 test of the Vim files in editors/nvim with ALE (Debian's vim-ale) as
" the LSP client, run by vim_test.sh in tmux after a vimrc in the usual order
" (`filetype plugin indent on` before `set runtimepath+=…`). On plan.kpi of a
" copy of tests/fixtures/workspace it checks: filetype kpi (not conf),
" syntax, `o` opening lines at the right indentation, the unknown-parent
" diagnostic through ALE, and completion with ALE's omnifunc. It writes
" "ok - …"/"FAIL - …" lines and "N passed, M failed" to $KPI_VIM_RESULTS and
" quits.
let s:results = []
let s:passed = 0
let s:failed = 0

function! s:Check(name, ok, ...) abort
  if a:ok
    let s:passed += 1
    call add(s:results, 'ok - ' . a:name)
  else
    let s:failed += 1
    call add(s:results, 'FAIL - ' . a:name . (a:0 ? ': ' . string(a:1) : ''))
  endif
endfunction

function! s:Finish() abort
  call add(s:results, printf('%d passed, %d failed', s:passed, s:failed))
  call writefile(s:results, $KPI_VIM_RESULTS)
  qall!
endfunction

" Calls Then() once Condition() holds or after `seconds`, checking every 100 ms.
function! s:WaitThen(Condition, Then, seconds) abort
  let s:condition = a:Condition
  let s:then = a:Then
  let s:deadline = reltimefloat(reltime()) + a:seconds
  call timer_start(100, function('s:Poll'))
endfunction

function! s:Poll(timer) abort
  if s:condition() || reltimefloat(reltime()) > s:deadline
    call s:then()
  else
    call timer_start(100, function('s:Poll'))
  endif
endfunction

function! s:Start() abort
  call s:Check('*.kpi is filetype kpi, not conf', &filetype ==# 'kpi', &filetype)
  call s:Check('the kpi syntax is loaded', get(b:, 'current_syntax', '') ==# 'kpi', get(b:, 'current_syntax', ''))
  call s:Check('ftplugin: shiftwidth=2 expandtab', &shiftwidth == 2 && &expandtab)
  call s:Check('indentexpr is kpi#indent', &indentexpr ==# 'kpi#indent(v:lnum)', &indentexpr)
  " `o` after a header, a field and `actions:`.
  let header = search('^kpi orphan', 'w')
  call feedkeys(header . "Goowner: Me\<Esc>", 'xt')
  call s:Check('`o` below a kpi header opens at column 2', getline(header + 1) ==# '  owner: Me', getline(header + 1))
  call feedkeys("oactions:\<CR>- Call\<Esc>", 'xt')
  call s:Check('`o` below a field stays at column 2', getline(header + 2) ==# '  actions:', getline(header + 2))
  call s:Check('a line below `actions:` opens at column 4', getline(header + 3) ==# '    - Call', getline(header + 3))
  silent undo
  silent undo
  call s:WaitThen({-> s:HasDiagnostic('unknown-parent')}, function('s:AfterDiagnostics'), 30)
endfunction

function! s:HasDiagnostic(code) abort
  return !empty(filter(copy(get(get(g:, 'ale_buffer_info', {}), bufnr(''), {'loclist': []}).loclist),
        \ {_, item -> get(item, 'code', '') ==# a:code}))
endfunction

function! s:AfterDiagnostics() abort
  call s:Check('ALE shows the unknown-parent diagnostic of the server', s:HasDiagnostic('unknown-parent'),
        \ get(get(g:, 'ale_buffer_info', {}), bufnr(''), {}))
  " Completion: `metric: Chu` then <C-x><C-o> with ALE's omnifunc.
  setlocal omnifunc=ale#completion#OmniFunc
  let s:line = search('^  metric: Revenue', 'w')
  call setline(s:line, '  metric: Chu')
  call cursor(s:line, 1)
  call feedkeys("A\<C-x>\<C-o>", 't')
  call s:WaitThen({-> getline(s:line) !=# '  metric: Chu'}, function('s:AfterCompletion'), 20)
endfunction

function! s:AfterCompletion() abort
  call feedkeys("\<Esc>", 'xt')
  call s:Check('<C-x><C-o> (ALE omnifunc) after `metric: Chu` inserts Churn Rate', getline(s:line) ==# '  metric: Churn Rate', getline(s:line))
  call s:Finish()
endfunction

call timer_start(200, {-> s:Start()})
call timer_start(90000, {-> s:Check('the test finished within 90 s', 0) + s:Finish()})
