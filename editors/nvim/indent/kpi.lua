-- Indentation for KPI plan files: one level (shiftwidth) deeper after a
-- `kpi …`/`plan …` header or a line ending in `:`, else the previous line's.
if vim.b.did_indent then
  return
end
vim.b.did_indent = 1

vim.bo.indentexpr = "v:lua.require'kpi.indent'.get(v:lnum)"
vim.bo.indentkeys = "!^F,o,O,0=kpi ,0=plan ,0=use "
vim.bo.autoindent = true
vim.b.undo_indent = "setlocal indentexpr< indentkeys< autoindent<"
