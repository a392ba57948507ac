-- The kpi language server for Neovim 0.11 or later (see `:help lsp-config`):
-- with editors/nvim on the runtimepath, `vim.lsp.enable("kpi")` starts
-- `kpi lsp` for *.kpi files without require("kpi").setup(), and :KpiParent and
-- :KpiTree are defined when this file is read. setup() configures the same
-- client with your options on top.
local kpi = require("kpi")
kpi.create_commands()
return kpi.client_config(kpi.config)
