-- Buffer settings for KPI plan files: `#` comments, two-space indentation with
-- spaces, folding by indentation (all folds open when a file is opened).
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

local opt = vim.opt_local
opt.commentstring = "# %s"
opt.comments = ":#"
opt.shiftwidth = 2
opt.softtabstop = 2
opt.tabstop = 2
opt.expandtab = true
opt.formatoptions:remove({ "t", "o" })
opt.formatoptions:append("cqj")
opt.iskeyword:append("-")
opt.foldmethod = "indent"
opt.foldlevel = 99

vim.b.undo_ftplugin = "setlocal commentstring< comments< shiftwidth< softtabstop< tabstop< expandtab<"
  .. " formatoptions< iskeyword< foldmethod< foldlevel<"
