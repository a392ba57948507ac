-- Live test of the Neovim integration (editors/nvim) against a kpi language
-- server. The server binary comes from the KPI_BIN environment variable.
-- Run from anywhere:
--   KPI_BIN=/path/to/kpi nvim --headless -u NONE -i NONE -c "luafile editors/tests/nvim_test.lua"
-- It copies tests/fixtures/workspace to a temporary folder, opens plan.kpi,
-- and checks: attach, root dir, the unknown-parent diagnostic, hover,
-- :KpiParent across files, kpi/cascadeTree, :KpiTree with <CR>, :KpiReport, and
-- definition on `use`. It prints "N passed, M failed" and exits non-zero on
-- failure.
local script = debug.getinfo(1, "S").source:gsub("^@", "")
local editors = vim.fn.fnamemodify(script, ":p:h:h")
local kpi_bin = os.getenv("KPI_BIN")
local TIMEOUT = 15000

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

local function run()
  if not kpi_bin or vim.fn.executable(kpi_bin) ~= 1 then
    check("KPI_BIN points to an executable", false, kpi_bin)
    return
  end
  vim.opt.runtimepath:prepend(editors .. "/nvim")
  vim.cmd("filetype plugin indent on")
  vim.cmd("syntax on")

  local workspace = realpath(vim.fn.tempname())
  vim.fn.mkdir(workspace, "p")
  for _, name in ipairs({ "company.kpi", "plan.kpi" }) do
    local source = editors .. "/tests/fixtures/workspace/" .. name
    vim.fn.writefile(vim.fn.readfile(source, "b"), workspace .. "/" .. name, "b")
  end

  require("kpi").setup({ cmd = { kpi_bin, "lsp" } })
  vim.cmd.edit(vim.fn.fnameescape(workspace .. "/plan.kpi"))
  local plan_buf = vim.api.nvim_get_current_buf()
  check("filetype is kpi", vim.bo.filetype == "kpi", vim.bo.filetype)

  local attached = vim.wait(TIMEOUT, function()
    return #vim.lsp.get_clients({ bufnr = plan_buf, name = "kpi" }) > 0
  end, 50)
  if not check("kpi client attaches", attached) then
    return
  end
  local client = vim.lsp.get_clients({ bufnr = plan_buf, name = "kpi" })[1]
  vim.wait(TIMEOUT, function()
    return client.initialized
  end, 50)
  check("root dir is the file's folder when there is no .git",
    realpath(client.config.root_dir or "") == workspace, client.config.root_dir)

  local has_unknown_parent = vim.wait(TIMEOUT, function()
    for _, d in ipairs(vim.diagnostic.get(plan_buf)) do
      if d.code == "unknown-parent" then
        return true
      end
    end
    return false
  end, 50)
  check("unknown-parent diagnostic is published", has_unknown_parent, vim.inspect(vim.diagnostic.get(plan_buf)))

  local header = line_of(plan_buf, "^kpi new%-logos")
  local hover = request(plan_buf, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(plan_buf) },
    position = { line = header - 1, character = 5 },
  })
  check("hover on a KPI header answers", hover and hover.contents ~= nil, vim.inspect(hover))

  -- :KpiParent from inside the block, not on its parent: line.
  vim.api.nvim_win_set_cursor(0, { line_of(plan_buf, "^%s+owner: CRO"), 4 })
  vim.cmd("KpiParent")
  local jumped = vim.wait(TIMEOUT, function()
    return vim.api.nvim_buf_get_name(0):match("company%.kpi$") ~= nil
  end, 50)
  check(":KpiParent opens the parent's file", jumped, vim.api.nvim_buf_get_name(0))
  if jumped then
    local company_buf = vim.api.nvim_get_current_buf()
    check(":KpiParent lands on the parent KPI",
      vim.api.nvim_win_get_cursor(0)[1] == line_of(company_buf, "^kpi revenue"),
      vim.inspect(vim.api.nvim_win_get_cursor(0)))
    vim.cmd("execute \"normal! \\<C-o>\"")
    check("CTRL-O returns from the parent", vim.api.nvim_get_current_buf() == plan_buf)
  end
  vim.api.nvim_set_current_buf(plan_buf)

  local tree = request(plan_buf, "kpi/cascadeTree", vim.empty_dict())
  local revenue
  for _, root in ipairs(tree and tree.roots or {}) do
    if root.id == "revenue" then
      revenue = root
    end
  end
  local child_ids = vim.tbl_map(function(node)
    return node.id
  end, revenue and revenue.children or {})
  check("kpi/cascadeTree has revenue > new-logos", vim.tbl_contains(child_ids, "new-logos"), vim.inspect(tree))

  vim.cmd("KpiTree")
  local shown = vim.wait(TIMEOUT, function()
    return vim.api.nvim_buf_get_name(0):match("kpi://cascade%-tree$") ~= nil
  end, 50)
  check(":KpiTree opens the tree buffer", shown, vim.api.nvim_buf_get_name(0))
  if shown then
    local tree_buf = vim.api.nvim_get_current_buf()
    local child_line = line_of(tree_buf, "^  new%-logos")
    check(":KpiTree indents children under their parent",
      line_of(tree_buf, "^revenue") and child_line,
      table.concat(vim.api.nvim_buf_get_lines(tree_buf, 0, -1, false), "\n"))
    if child_line then
      vim.api.nvim_win_set_cursor(0, { child_line, 0 })
      vim.api.nvim_feedkeys(vim.keycode("<CR>"), "x", false)
      local opened = vim.wait(TIMEOUT, function()
        return vim.api.nvim_get_current_buf() == plan_buf
      end, 50)
      check("<CR> in the tree opens the KPI", opened
        and vim.api.nvim_win_get_cursor(0)[1] == header, vim.inspect(vim.api.nvim_win_get_cursor(0)))
    end
  end

  -- :KpiReport writes the page and hands it to vim.ui.open (stubbed: no browser here).
  vim.api.nvim_set_current_buf(plan_buf)
  local opened_report
  local ui_open = vim.ui.open
  vim.ui.open = function(path)
    opened_report = path
  end
  vim.cmd("KpiReport")
  vim.wait(TIMEOUT, function()
    return opened_report ~= nil
  end, 50)
  vim.ui.open = ui_open
  check(":KpiReport opens an .html file with vim.ui.open", opened_report and opened_report:match("%.html$"), opened_report)
  if opened_report then
    local page = table.concat(vim.fn.readfile(opened_report, "b"), "\n")
    check(":KpiReport writes the report's page", page:match("^<!DOCTYPE html>") and page:find('data-kpi="new-logos"', 1, true)
      and page:find('data-kpi="revenue"', 1, true), page:sub(1, 200))
  end

  local definition = request(plan_buf, "textDocument/definition", {
    textDocument = { uri = vim.uri_from_bufnr(plan_buf) },
    position = { line = line_of(plan_buf, "^use ") - 1, character = 6 },
  })
  if definition and definition[1] then
    definition = definition[1]
  end
  local target = definition and (definition.uri or definition.targetUri) or ""
  check("definition on use \"file\" opens that file", target:match("company%.kpi$") ~= nil, vim.inspect(definition))
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  nested = true, -- so FileType and LspAttach fire for the buffers the test opens
  callback = function()
    vim.defer_fn(function()
      out("FAIL - the test did not finish within 120 s")
      failed = failed + 1
      finish()
    end, 120000)
    local ok, err = xpcall(run, debug.traceback)
    check("test script ran without errors", ok, err)
    finish()
  end,
})
