-- Server-less checks of the Neovim integration (editors/nvim), run by
-- check_static.py: filetype detection, ftplugin options, syntax groups,
-- indentexpr, commands, the settings sent to the server, :checkhealth kpi
-- (with a missing binary, and with the mock server given as argument), the
-- Neovim 0.10 FileType fallback, and :helptags on doc/.
--   [KPI_MOCK_SERVER=editors/tests/mock_kpi_server.py] \
--     nvim --headless -u NONE -i NONE -c "luafile editors/tests/nvim_smoke.lua"
-- Prints "ok - …"/"FAIL - …" lines and "N passed, M failed".
local script = debug.getinfo(1, "S").source:gsub("^@", "")
local editors = vim.fn.fnamemodify(script, ":p:h:h")
local mock = os.getenv("KPI_MOCK_SERVER")

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
end

local function syn_at(lnum, col)
  return vim.fn.synIDattr(vim.fn.synID(lnum, col, 1), "name")
end

--- 1-based line and column of the first match of a plain `text` in the buffer.
local function find(text)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local col = line:find(text, 1, true)
    if col then
      return lnum, col
    end
  end
end

local function health_text()
  vim.cmd("checkhealth kpi")
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  vim.cmd("bwipeout!")
  return text
end

local function run()
  vim.opt.runtimepath:prepend(editors .. "/nvim")
  vim.cmd("filetype plugin indent on")
  vim.cmd("syntax on")
  vim.cmd.edit(vim.fn.fnameescape(editors .. "/tests/fixtures/grammar-edge.kpi"))
  check("ftdetect alone (before setup) detects *.kpi", vim.bo.filetype == "kpi", vim.bo.filetype)
  vim.cmd("bwipeout!")
  local kpi = require("kpi")

  kpi.setup({ cmd = { "kpi-binary-that-does-not-exist", "lsp" }, settings = { realism = { maxAnnualGrowth = 80 } } })
  local settings = vim.json.decode(vim.json.encode(kpi.config.settings))
  check("settings without the kpi table are wrapped in it", settings.kpi and settings.kpi.realism.maxAnnualGrowth == 80, settings)
  check("an empty severity table is sent as a JSON object",
    vim.json.encode(kpi.config.settings):find('"severity":{}', 1, true) ~= nil, vim.json.encode(kpi.config.settings))
  check(":KpiParent and :KpiTree exist", vim.fn.exists(":KpiParent") == 2 and vim.fn.exists(":KpiTree") == 2)
  if vim.fn.has("nvim-0.11") == 1 then
    local config = vim.lsp.config.kpi
    check("vim.lsp.config('kpi') has cmd and filetypes",
      config and config.cmd[2] == "lsp" and vim.tbl_contains(config.filetypes, "kpi"), config)
    check("vim.lsp.enable('kpi') was called", vim.lsp.is_enabled == nil or vim.lsp.is_enabled("kpi"))
  end

  vim.cmd.edit(vim.fn.fnameescape(editors .. "/tests/fixtures/sample.kpi"))
  check("*.kpi is detected as filetype kpi", vim.bo.filetype == "kpi", vim.bo.filetype)
  check("ftplugin: shiftwidth=2 expandtab", vim.bo.shiftwidth == 2 and vim.bo.expandtab)
  check("ftplugin: commentstring '# %s'", vim.bo.commentstring == "# %s", vim.bo.commentstring)
  check("ftplugin: foldmethod=indent", vim.wo.foldmethod == "indent", vim.wo.foldmethod)
  check("root dir of a file in the repository is the folder with .git",
    vim.fs.find(".git", { path = kpi.root_dir(0), limit = 1 })[1] ~= nil, kpi.root_dir(0))

  local expectations = {
    { "# Acme", 0, "kpiComment" },
    { "kpi mrr", 0, "kpiKpiKeyword" },
    { "kpi mrr", 4, "kpiId" },
    { '"Grow monthly', 1, "kpiString" },
    { "baseline:", 0, "kpiKey" },
    { "$125K", 0, "kpiQuantity" },
    { "2026-12-31", 0, "kpiDate" },
    { "+20%", 0, "kpiQuantity" },
    { "extra-revenue", 0, "kpiParentId" },
    { "use ", 0, "kpiKeyword" },
    { "2027: $4.6M", 0, "kpiDate" },
  }
  for _, e in ipairs(expectations) do
    local lnum, col = find(e[1])
    local got = lnum and syn_at(lnum, col + e[2]) or "(text not found)"
    check(("syntax: %q is %s"):format(e[1], e[3]), got == e[3], got)
  end
  local lnum = find("by FY2027")
  local col = vim.fn.getline(lnum):find("FY2027", 1, true)
  check('syntax: "FY2027" is kpiDate', syn_at(lnum, col) == "kpiDate", syn_at(lnum, col))

  check("indent: indentexpr is kpi#indent", vim.bo.indentexpr == "kpi#indent(v:lnum)", vim.bo.indentexpr)
  check("indent: after a kpi header", vim.fn["kpi#indent"]((find("  perspective:"))) == 2)
  check("indent: after actions:", vim.fn["kpi#indent"]((find("    - Raise"))) == 4)
  check("indent: a kpi header goes to column 0", vim.fn["kpi#indent"]((find("kpi price-increase"))) == 0)
  check("indent: a trailing comment does not open a block", vim.fn["kpi#opens_block"]("  split: sum  # a: b") == 0)
  check("indent: a key with a comment after the colon opens one", vim.fn["kpi#opens_block"]("  actions:  # todo") == 1)
  check("indent: a # inside a word is no comment", vim.fn["kpi#opens_block"]("  owner: C#:") == 1)

  local no_binary = health_text()
  check(":checkhealth kpi reports a missing binary",
    no_binary:find("kpi-binary-that-does-not-exist", 1, true) and no_binary:find("ERROR"), no_binary)

  if mock and mock ~= "" then
    kpi.config.cmd = { mock, "lsp" }
    local report = health_text()
    check(":checkhealth kpi shows the version", report:find("kpi 0.0.0-mock", 1, true) ~= nil, report)
    check(":checkhealth kpi sees the server answer initialize", report:find("answered initialize", 1, true) ~= nil, report)

    -- The Neovim 0.10 path: FileType autocmd + vim.lsp.start.
    local has = vim.fn.has
    vim.fn.has = function(feature)
      if feature == "nvim-0.11" then
        return 0
      end
      return has(feature)
    end
    for _, client in ipairs(vim.lsp.get_clients({ name = "kpi" })) do
      vim.lsp.stop_client(client.id, true)
    end
    pcall(vim.lsp.enable, "kpi", false)
    kpi.setup({ cmd = { mock, "lsp" } })
    vim.fn.has = has
    check("0.10 fallback: setup defines the FileType autocmd instead of vim.lsp.enable",
      #vim.api.nvim_get_autocmds({ group = "kpi_lsp", event = "FileType" }) == 1
        and (vim.lsp.is_enabled == nil or not vim.lsp.is_enabled("kpi")))
    vim.cmd("bwipeout! | edit " .. vim.fn.fnameescape(editors .. "/tests/fixtures/workspace/plan.kpi"))
    local buf = vim.api.nvim_get_current_buf()
    local attached = vim.wait(10000, function()
      return #vim.lsp.get_clients({ name = "kpi", bufnr = buf }) > 0
    end, 50)
    check("0.10 fallback: a FileType autocmd starts the client", attached)
    for _, client in ipairs(vim.lsp.get_clients({ name = "kpi" })) do
      vim.lsp.stop_client(client.id, true)
    end
  end

  local docs = vim.fn.tempname()
  vim.fn.mkdir(docs, "p")
  vim.fn.writefile(vim.fn.readfile(editors .. "/nvim/doc/kpi.txt", "b"), docs .. "/kpi.txt", "b")
  local ok, err = pcall(vim.cmd.helptags, vim.fn.fnameescape(docs))
  local tags = vim.fn.filereadable(docs .. "/tags") == 1 and vim.fn.readfile(docs .. "/tags") or {}
  local names = vim.tbl_map(function(l)
    return vim.split(l, "\t")[1]
  end, tags)
  check(":helptags on doc/kpi.txt succeeds", ok, err)
  for _, tag in ipairs({ "kpi.txt", "kpi-setup", ":KpiParent", ":KpiTree", "kpi-health", "kpi.setup()" }) do
    check("help tag " .. tag, vim.tbl_contains(names, tag), names)
  end
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  nested = true,
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    check("smoke script ran without errors", ok, err)
    out(("%d passed, %d failed"):format(passed, failed))
    vim.cmd(failed == 0 and "qall!" or "cquit 1")
  end,
})
