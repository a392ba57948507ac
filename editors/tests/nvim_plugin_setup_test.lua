-- Neovim set up as the README's lazy.nvim spec does it (editors/nvim put on
-- the runtimepath, no :helptags run): `:help kpi` opens doc/kpi.txt (the
-- shipped doc/tags is what :helptags makes of it), and `vim.lsp.enable("kpi")`
-- alone, without require("kpi").setup(), starts `kpi lsp` for a *.kpi file
-- through lsp/kpi.lua (Neovim 0.11 or later) and defines :KpiParent.
--   KPI_BIN=/path/to/kpi nvim --headless -u NONE -i NONE -c "luafile editors/tests/nvim_plugin_setup_test.lua"
-- KPI_BIN may be the mock server. Prints "N passed, M failed".
local script = debug.getinfo(1, "S").source:gsub("^@", "")
local editors = vim.fn.fnamemodify(script, ":p:h:h")
local kpi_bin = os.getenv("KPI_BIN")

local passed, failed = 0, 0
local function out(line)
  io.stdout:write(line .. "\n")
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out("ok - " .. name)
  else
    failed = failed + 1
    out("FAIL - " .. name .. (detail ~= nil and (": " .. vim.inspect(detail)) or ""))
  end
  return ok
end

local function run()
  if not check("KPI_BIN points to an executable", kpi_bin and vim.fn.executable(kpi_bin) == 1, kpi_bin) then
    return
  end
  -- What lazy.nvim does for `dir = ".../editors/nvim"`.
  vim.opt.runtimepath:prepend(editors .. "/nvim")
  vim.cmd("filetype plugin indent on")

  local ok, err = pcall(vim.cmd, "help kpi")
  check(":help kpi works without running :helptags", ok, err)
  check(":help kpi opens kpi.txt", ok and vim.fn.expand("%:t") == "kpi.txt", vim.fn.expand("%:t"))
  if ok then
    vim.cmd("helpclose")
  end
  -- The shipped tags are current: :helptags on a copy of doc/kpi.txt gives them.
  local docs = vim.fn.tempname()
  vim.fn.mkdir(docs, "p")
  vim.fn.writefile(vim.fn.readfile(editors .. "/nvim/doc/kpi.txt", "b"), docs .. "/kpi.txt", "b")
  vim.cmd.helptags(vim.fn.fnameescape(docs))
  local made, shipped = vim.fn.readfile(docs .. "/tags"), vim.fn.readfile(editors .. "/nvim/doc/tags")
  check("doc/tags is what :helptags makes of doc/kpi.txt (regenerate: nvim --headless -c 'helptags editors/nvim/doc' -c q)",
    vim.deep_equal(made, shipped), { made = made, shipped = shipped })

  -- `kpi` on PATH, as a user installs it.
  local bin = vim.fn.tempname()
  vim.fn.mkdir(bin, "p")
  vim.uv.fs_symlink(kpi_bin, bin .. "/kpi")
  vim.env.PATH = bin .. ":" .. vim.env.PATH
  vim.lsp.enable("kpi")
  check("lsp/kpi.lua is the configuration of `kpi`", vim.lsp.config.kpi and vim.lsp.config.kpi.cmd[1] == "kpi", vim.lsp.config.kpi)
  local workspace = vim.fn.tempname()
  vim.fn.mkdir(workspace, "p")
  vim.fn.writefile({ "kpi revenue \"Grow revenue\"", "  top-level", "  metric: revenue" }, workspace .. "/plan.kpi")
  vim.cmd.edit(vim.fn.fnameescape(workspace .. "/plan.kpi"))
  local buf = vim.api.nvim_get_current_buf()
  check("*.kpi is filetype kpi", vim.bo[buf].filetype == "kpi", vim.bo[buf].filetype)
  local attached = vim.wait(15000, function()
    local client = vim.lsp.get_clients({ name = "kpi", bufnr = buf })[1]
    return client ~= nil and client.initialized
  end, 50)
  check("vim.lsp.enable('kpi') alone starts the server for the file", attached)
  check(":KpiParent and :KpiTree exist without setup()", vim.fn.exists(":KpiParent") == 2 and vim.fn.exists(":KpiTree") == 2)
  for _, client in ipairs(vim.lsp.get_clients({ name = "kpi" })) do
    vim.lsp.stop_client(client.id, true)
  end
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  nested = true,
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    check("test script ran without errors", ok, err)
    out(("%d passed, %d failed"):format(passed, failed))
    vim.cmd(failed == 0 and "qall!" or "cquit 1")
  end,
})
