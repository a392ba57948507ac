" Vim syntax file for KPI plan files (*.kpi): comments and kpi-ignore
" directives, plan/use/kpi keywords, KPI ids, field keys, strings, dates,
" quantities and the by/at value keywords. The language server's semantic
" tokens refine this when it is attached.
if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match

" Comments, with `# kpi-ignore: code-a, code-b` directives. A `#` starts a
" comment where a token starts: at the start of a line, after a blank, or
" right after a string; inside a word (`C#`) it is part of the word.
syn match kpiComment +\%(^\|[ \t"]\)\@1<=#.*$+ contains=kpiIgnore,@Spell
syn match kpiIgnore "#\s*\zskpi-ignore\s*:.*$" contained contains=kpiIgnoreKeyword
syn match kpiIgnoreKeyword "kpi-ignore" contained

" A string runs to the next `"` on the line (or to its end): no escapes.
syn region kpiString start=+"+ end=+"+ end=+$+ oneline contains=@Spell

" Declarations at column 0.
syn match kpiKeyword "^\%(plan\|use\)\>"
syn match kpiKpiKeyword "^kpi\>" nextgroup=kpiId skipwhite
syn match kpiId "[A-Za-z0-9_][A-Za-z0-9_.-]*" contained

" Field keys (indented), the bare top-level flag, and dates used as keys.
" Later items win where several match, so the catch-all unknown key is first.
syn match kpiUnknownKey "^\s\+\zs\a[A-Za-z0-9_-]*\ze\s*:\%(\s\|$\)"
syn match kpiKey "^\s\+\zs\%(fiscal-year-start\|currency\|as-of\|max-annual-growth\|perspective\|category\|metric\|owner\|baseline\|target\|deadline\|split\|weight\|contributes\|growth\|actions\|actuals\|milestones\)\ze\s*:"
syn match kpiKey "^\s\+\zstop-level\ze\s*\%(#\|$\)"
syn match kpiKey "^\s\+\zsparent\ze\s*:" nextgroup=kpiParentSep skipwhite
syn match kpiParentSep ":" contained nextgroup=kpiParentId skipwhite
syn match kpiParentId "[A-Za-z0-9_][A-Za-z0-9_.-]*" contained
syn match kpiKey "^\s\+\zs\%(perspective\|category\|split\|growth\|fiscal-year-start\|currency\)\ze\s*:" nextgroup=kpiEnumSep skipwhite
syn match kpiEnumSep ":" contained nextgroup=kpiEnumValue skipwhite
syn match kpiEnumValue "\a[A-Za-z0-9_-]*" contained
syn match kpiDate "^\s\+\zs\d\{4}\ze\s*:"
syn match kpiListDash "^\s*\zs-\ze\s"

" Values.
syn match kpiValueKeyword "\<\%(at\s\+least\|at\s\+most\|by\|at\)\>"
syn match kpiDate "\<\%(FY\d\{4}\%(-Q[1-4]\)\=\|Q[1-4]\s\+\d\{4}\|\d\{4}-\%(Q[1-4]\|\d\d\%(-\d\d\)\=\)\)\>"
syn match kpiDate "\%(\<\%(by\|at\)\s\+\)\@<=\d\{4}\>[-.,/%]\@!"
syn match kpiQuantity "[+-]\=[$€£¥]\s\=\d[0-9,]*\%(\.\d\+\)\=[KMBkmb]\=\>"
syn match kpiQuantity "[+-]\=\<\d[0-9,]*\%(\.\d\+\)\=\%(%\|pp\>\)"
syn match kpiRate "/\s*\%(day\|week\|month\|quarter\|year\)\>"

hi def link kpiComment       Comment
hi def link kpiIgnore        PreProc
hi def link kpiIgnoreKeyword PreProc
hi def link kpiString        String
hi def link kpiKeyword       Keyword
hi def link kpiKpiKeyword    Keyword
hi def link kpiId            Identifier
hi def link kpiKey           Type
hi def link kpiParentSep     Delimiter
hi def link kpiEnumSep       Delimiter
hi def link kpiParentId      Identifier
hi def link kpiUnknownKey    Normal
hi def link kpiListDash      Delimiter
hi def link kpiValueKeyword  Operator
hi def link kpiDate          Constant
hi def link kpiQuantity      Number
hi def link kpiRate          Special
hi def link kpiEnumValue     Constant

let b:current_syntax = 'kpi'

let &cpo = s:cpo_save
unlet s:cpo_save
