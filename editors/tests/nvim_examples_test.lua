-- Real-server test of the Neovim integration (editors/nvim) on the shipped
-- examples (examples/acme.kpi, company.kpi, marketing.kpi). Needs the real
-- `kpi` binary in KPI_BIN (the mock server does not compute the numbers):
--   KPI_BIN=/path/to/kpi nvim --headless -u NONE -i NONE -c "luafile editors/tests/nvim_examples_test.lua"
-- It copies examples/ to a temporary folder (the workspace root), opens
-- acme.kpi and checks: attach, the off-track and milestone-behind-path
-- diagnostics, the numbers in two hovers (one through vim.lsp.buf.hover()),
-- metric completion after `metric: `, :KpiParent from marketing.kpi into
-- company.kpi, and :checkhealth kpi. It prints "N passed, M failed" and
-- exits non-zero on failure.
local script = debug.getinfo(1, "S").source:gsub("^@", "")
local editors = vim.fn.fnamemodify(script, ":p:h:h")
local examples = vim.fn.fnamemodify(editors, ":h") .. "/examples"
local kpi_bin = os.getenv("KPI_BIN")
local TIMEOUT = 20000

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
    out("FAIL - " .. name .. (detail and (": " .. tostring(detail)) or ""))
  end
  return ok
end

local function finish()
  out(("%d passed, %d failed"):format(passed, failed))
  for _, client in ipairs(vim.lsp.get_clients({ name = "kpi" })) do
    vim.lsp.stop_client(client.id, true)
  end
  vim.cmd(failed == 0 and "qall!" or "cquit 1")
end

local function realpath(path)
  return (vim.uv or vim.loop).fs_realpath(path) or path
end

local function contains(text, ...)
  for _, needle in ipairs({ ... }) do
    if not (text or ""):find(needle, 1, true) then
      return false
    end
  end
  return true
end

--- 1-based number of the first line of `buf` matching `pattern`.
local function line_of(buf, pattern)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:match(pattern) then
      return lnum
    end
  end
end

local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT) or {}
  for _, response in pairs(responses) do
    if response.result ~= nil then
      return response.result
    end
  end
end

local function hover_text(buf, lnum, col)
  local hover = request(buf, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = lnum - 1, character = col },
  })
  local contents = hover and hover.contents
  if type(contents) == "table" then
    contents = contents.value or vim.inspect(contents)
  end
  return contents or ""
end

local function diagnostic(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then
      return d
    end
  end
end

local function wait_attached(buf)
  local attached = vim.wait(TIMEOUT, function()
    local client = vim.lsp.get_clients({ bufnr = buf, name = "kpi" })[1]
    return client ~= nil and client.initialized
  end, 50)
  return attached and vim.lsp.get_clients({ bufnr = buf, name = "kpi" })[1] or nil
end

local function run()
  if not kpi_bin or vim.fn.executable(kpi_bin) ~= 1 then
    check("KPI_BIN points to an executable", false, kpi_bin)
    return
  end
  vim.opt.runtimepath:prepend(editors .. "/nvim")
  vim.cmd("filetype plugin indent on")
  vim.cmd("syntax on")

  -- A temporary copy, so nothing in the repository is modified.
  local workspace = realpath(vim.fn.tempname())
  vim.fn.mkdir(workspace, "p")
  for _, name in ipairs(vim.fn.readdir(examples)) do
    if name:match("%.kpi$") then
      vim.fn.writefile(vim.fn.readfile(examples .. "/" .. name, "b"), workspace .. "/" .. name, "b")
    end
  end

  -- A team settings file that changes nothing (100% is the default), for :checkhealth kpi to name.
  vim.fn.writefile({ "[realism]", "maxAnnualGrowth = 100" }, workspace .. "/kpi.toml")

  require("kpi").setup({ cmd = { kpi_bin, "lsp" } })
  vim.cmd.edit(vim.fn.fnameescape(workspace .. "/acme.kpi"))
  local acme = vim.api.nvim_get_current_buf()
  local client = wait_attached(acme)
  if not check("kpi client attaches to examples/acme.kpi", client ~= nil) then
    return
  end
  check("root dir is the temporary examples folder",
    realpath(client.config.root_dir or "") == workspace, client.config.root_dir)

  -- Diagnostics.
  vim.wait(TIMEOUT, function()
    return diagnostic(acme, "off-track") ~= nil and diagnostic(acme, "milestone-behind-path") ~= nil
  end, 50)
  local all = vim.inspect(vim.diagnostic.get(acme))
  local off_track = diagnostic(acme, "off-track")
  check("off-track warning is published", off_track ~= nil, all)
  if off_track then
    check("off-track is on line 21 (the 2027-06-30 actual)", off_track.lnum == 20, off_track.lnum + 1)
    check("off-track is a warning", off_track.severity == vim.diagnostic.severity.WARN, off_track.severity)
    check("off-track message has $133K and $136.8K", contains(off_track.message, "$133K", "$136.8K"), off_track.message)
  end
  local codes = vim.tbl_map(function(d)
    return d.code
  end, vim.diagnostic.get(acme))
  table.sort(codes)
  check("each diagnostic is shown once (no pull + push duplicates)",
    table.concat(codes, " ") == "milestone-behind-path off-track", all)
  local behind = diagnostic(acme, "milestone-behind-path")
  check("milestone-behind-path is published", behind ~= nil, all)
  if behind then
    check("milestone-behind-path is on the 2029 milestone",
      behind.lnum + 1 == line_of(acme, "^%s+2029: %$5%.5M"), behind.lnum + 1)
  end

  -- Hover numbers: through the request, then through vim.lsp.buf.hover().
  local extra = hover_text(acme, line_of(acme, "^kpi extra%-revenue"), 6)
  check("hover on extra-revenue shows the split +$1,100 of +$1,500", contains(extra, "+$1,100", "+$1,500"), extra)
  local header = line_of(acme, "^kpi revenue%-2031")
  local path = hover_text(acme, header, 6)
  check("hover on revenue-2031 shows 20.1%/year and $6.93M", contains(path, "20.1%/year", "$6.93M"), path)

  vim.api.nvim_win_set_cursor(0, { header, 6 })
  local main_win = vim.api.nvim_get_current_win()
  vim.lsp.buf.hover()
  local float_text
  vim.wait(TIMEOUT, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= "" then
        float_text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), "\n")
        return true
      end
    end
    return false
  end, 50)
  check("vim.lsp.buf.hover() opens a float with the path table",
    contains(float_text, "20.1%/year", "2029-12-31", "$6.93M"), float_text)
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= "" then
      vim.api.nvim_win_close(win, true)
    end
  end
  vim.api.nvim_set_current_win(main_win)

  -- Completion after `metric: ` on a new line in the price-increase block.
  local owner = line_of(acme, "^  owner: Head of Product")
  vim.api.nvim_buf_set_lines(acme, owner, owner, false, { "  metric: " })
  vim.api.nvim_win_set_cursor(0, { owner + 1, #"  metric: " })
  local completion = request(acme, "textDocument/completion",
    vim.lsp.util.make_position_params(0, client.offset_encoding))
  local items = completion and (completion.items or completion) or {}
  local labels = vim.tbl_map(function(item)
    return item.label
  end, items)
  check("completion after `metric: ` offers MRR and Churn Rate",
    vim.tbl_contains(labels, "MRR") and vim.tbl_contains(labels, "Churn Rate"), table.concat(labels, ", "))
  vim.api.nvim_buf_set_lines(acme, owner, owner + 1, false, {})

  -- :KpiParent from marketing.kpi into company.kpi.
  vim.cmd.edit(vim.fn.fnameescape(workspace .. "/marketing.kpi"))
  local marketing = vim.api.nvim_get_current_buf()
  check("marketing.kpi attaches to the same client", wait_attached(marketing) == client)
  local paid_cac = line_of(marketing, "^kpi paid%-cac")
  vim.api.nvim_win_set_cursor(0, { paid_cac + 5, 4 }) -- the owner: line, not parent:
  vim.cmd("KpiParent")
  local jumped = vim.wait(TIMEOUT, function()
    return vim.api.nvim_buf_get_name(0):match("/company%.kpi$") ~= nil
  end, 50)
  check(":KpiParent in marketing.kpi opens company.kpi", jumped, vim.api.nvim_buf_get_name(0))
  if jumped then
    local company = vim.api.nvim_get_current_buf()
    check(":KpiParent lands on `kpi cac`", vim.api.nvim_win_get_cursor(0)[1] == line_of(company, "^kpi cac "),
      vim.inspect(vim.api.nvim_win_get_cursor(0)))
  end

  -- :checkhealth kpi with the real binary.
  vim.cmd("silent checkhealth kpi")
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  local function ok_line(needle)
    for _, line in ipairs(vim.split(report, "\n")) do
      if line:find("OK", 1, true) and line:find(needle, 1, true) then
        return true
      end
    end
    return false
  end
  check(":checkhealth kpi: OK for the binary", ok_line("found `" .. kpi_bin .. "`"), report)
  -- `kpi --version` prints "kpi 0.1.0"; the health report repeats it.
  local version = vim.trim(vim.system({ kpi_bin, "--version" }, { text = true }):wait(TIMEOUT).stdout or "")
  check("kpi --version prints `kpi X.Y.Z`", version:match("^kpi %d+%.%d+%.%d+") ~= nil, version)
  check(":checkhealth kpi: OK for the version (" .. version .. ")", ok_line("version: " .. version), report)
  check(":checkhealth kpi: OK for the server starting", ok_line("answered initialize"), report)
  check(":checkhealth kpi: OK for the settings file in effect", ok_line("settings file in effect: " .. workspace .. "/kpi.toml"), report)
  check(":checkhealth kpi reports no ERROR", not report:find("ERROR", 1, true), report)
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  nested = true, -- so FileType and LspAttach fire for the buffers the test opens
  callback = function()
    vim.defer_fn(function()
      out("FAIL - the test did not finish within 150 s")
      failed = failed + 1
      finish()
    end, 150000)
    local ok, err = xpcall(run, debug.traceback)
    check("test script ran without errors", ok, err)
    finish()
  end,
})
