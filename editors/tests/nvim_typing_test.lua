-- Real-server test of what a Neovim user types, on a copy of examples/:
-- Neovim's built-in completion (`<C-x><C-o>` with the omnifunc the client
-- sets, `vim.lsp.omnifunc`) inserts what was meant, not the server's first
-- item (`parent: rep` becomes `parent: repeat-customers`, `metric: Chu`
-- becomes `metric: Churn Rate`), and :KpiParent on the `parent:` line goes
-- to that KPI's parent, not the grandparent. Keys are typed with
-- nvim_feedkeys and the test waits in a coroutine, so Neovim's main loop
-- handles them as it would a user's. Needs the real `kpi` in KPI_BIN:
--   KPI_BIN=/path/to/kpi nvim --headless -u NONE -i NONE -c "luafile editors/tests/nvim_typing_test.lua"
-- It prints "N passed, M failed" and exits non-zero on failure.
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

--- Yields to Neovim's main loop (which then handles typed keys and server
--- answers) until `condition()` holds or the time is up.
local function wait_for(condition, timeout)
  local co = coroutine.running()
  local deadline = vim.uv.now() + (timeout or TIMEOUT)
  local function poll()
    if condition() or vim.uv.now() > deadline then
      coroutine.resume(co)
    else
      vim.defer_fn(poll, 20)
    end
  end
  vim.defer_fn(poll, 20)
  coroutine.yield()
  return condition()
end

local function line_of(buf, pattern)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:match(pattern) then
      return lnum
    end
  end
end

local function keys(text)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(text, true, false, true), "t", false)
end

--- Opens a new line below `lnum`, types `text`, then <C-x><C-o>; waits for
--- the line to change as the completion is inserted (the first match, as
--- Neovim does), leaves insert mode and returns the line.
local function complete_after(buf, lnum, text)
  vim.api.nvim_win_set_cursor(0, { lnum, 0 })
  keys("o" .. text)
  wait_for(function()
    return vim.fn.mode() == "i" and vim.trim(vim.api.nvim_get_current_line()) == text
  end)
  local typed = vim.api.nvim_get_current_line()
  keys("<C-x><C-o>")
  wait_for(function()
    return vim.api.nvim_get_current_line() ~= typed
  end)
  keys("<Esc>")
  wait_for(function()
    return vim.fn.mode() == "n"
  end)
  return vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
end

local function run()
  if not kpi_bin or vim.fn.executable(kpi_bin) ~= 1 then
    check("KPI_BIN points to an executable", false, kpi_bin)
    return
  end
  vim.opt.runtimepath:prepend(editors .. "/nvim")
  vim.cmd("filetype plugin indent on")
  vim.o.showmode = false -- "-- INSERT --" and "The only match" would go to stdout
  vim.opt.shortmess:append("c")
  local workspace = realpath(vim.fn.tempname())
  vim.fn.mkdir(workspace, "p")
  for _, name in ipairs(vim.fn.readdir(examples)) do
    if name:match("%.kpi$") then
      vim.fn.writefile(vim.fn.readfile(examples .. "/" .. name, "b"), workspace .. "/" .. name, "b")
    end
  end
  require("kpi").setup({ cmd = { kpi_bin, "lsp" } })
  vim.cmd.edit(vim.fn.fnameescape(workspace .. "/acme.kpi"))
  local acme = vim.api.nvim_get_current_buf()
  local attached = wait_for(function()
    local client = vim.lsp.get_clients({ bufnr = acme, name = "kpi" })[1]
    return client ~= nil and client.initialized
  end)
  if not check("kpi client attaches to acme.kpi", attached) then
    return
  end
  check("the omnifunc is the LSP one", vim.bo[acme].omnifunc == "v:lua.vim.lsp.omnifunc", vim.bo[acme].omnifunc)

  -- A new KPI at the end of acme.kpi: `parent: rep` and `metric: Chu`.
  local last = vim.api.nvim_buf_line_count(acme)
  vim.api.nvim_buf_set_lines(acme, last, last, false, { "", "kpi loyalty \"Loyal customers\"" })
  local header = last + 2
  local parent = complete_after(acme, header, "parent: rep")
  check("<C-x><C-o> after `parent: rep` inserts repeat-customers", parent == "  parent: repeat-customers", parent)
  local metric = complete_after(acme, header + 1, "metric: Chu")
  check("<C-x><C-o> after `metric: Chu` inserts Churn Rate", metric == "  metric: Churn Rate", metric)
  -- Neovim inserts a plain-text edit up to its first space: `owner: ` as `owner:`.
  local field = complete_after(acme, header + 2, "own")
  check("<C-x><C-o> after `own` inserts the owner field", field == "  owner:", field)

  -- :KpiParent on the `parent:` line of new-customers (parent: extra-revenue)
  -- goes to extra-revenue, not to mrr (extra-revenue's parent).
  local new_customers = line_of(acme, "^kpi new%-customers")
  local parent_line = new_customers + 1
  check("new-customers' parent line", vim.api.nvim_buf_get_lines(acme, parent_line - 1, parent_line, false)[1] == "  parent: extra-revenue")
  for _, column in ipairs({ 12, 3 }) do
    vim.api.nvim_win_set_cursor(0, { parent_line, column })
    vim.cmd("KpiParent")
    local target = line_of(acme, "^kpi extra%-revenue")
    local landed = wait_for(function()
      return vim.api.nvim_win_get_cursor(0)[1] == target
    end)
    check((":KpiParent on the parent: line (column %d) lands on `kpi extra-revenue`"):format(column), landed,
      vim.inspect(vim.api.nvim_win_get_cursor(0)))
  end
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  nested = true,
  callback = function()
    vim.defer_fn(function()
      out("FAIL - the test did not finish within 150 s")
      failed = failed + 1
      finish()
    end, 150000)
    coroutine.wrap(function()
      local ok, err = xpcall(run, debug.traceback)
      check("test script ran without errors", ok, err)
      finish()
    end)()
  end,
})
