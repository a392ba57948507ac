-- kpi.nvim: Neovim client for the `kpi` language server (KPI plan files, *.kpi).
-- require("kpi").setup({...}) registers the server for the `kpi` filetype and
-- defines :KpiParent (go to the parent goal), :KpiTree (cascade tree) and
-- :KpiReport (the plan as an HTML page in the browser).
-- Everything about the language itself comes from the server.
local M = {}

local uv = vim.uv or vim.loop

---@class kpi.Config
---@field cmd string[] Command that starts the server over stdio.
---@field settings table Answers to workspace/configuration, `{ kpi = {...} }`.
---@field on_attach? fun(client: vim.lsp.Client, bufnr: integer)
---@field capabilities? table
---@field filetypes string[]
---@field root_markers string[] Files or folders marking a workspace root.
---@field trace? "off"|"messages"|"verbose"

---@type kpi.Config
M.defaults = {
  cmd = { "kpi", "lsp" },
  settings = {
    kpi = {
      -- Unset, so that the workspace's kpi.toml (or the server's default, 100) applies.
      realism = vim.empty_dict(),
      diagnostics = { severity = vim.empty_dict() },
      files = { exclude = {} },
    },
  },
  on_attach = nil,
  capabilities = nil,
  filetypes = { "kpi" },
  root_markers = { "kpi.toml", ".git" },
  trace = "off",
}

---@type kpi.Config
M.config = vim.deepcopy(M.defaults)

local function notify(msg, level)
  vim.notify("kpi: " .. msg, level or vim.log.levels.INFO)
end

--- Nearest folder above the buffer's file holding one of the root markers,
--- else the file's own folder.
---@param bufnr integer
---@return string?
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return uv.cwd()
  end
  local marker = vim.fs.find(M.config.root_markers, { path = vim.fs.dirname(name), upward = true })[1]
  return vim.fs.dirname(marker or name)
end

--- Accepts settings with or without the outer `kpi` table.
local function normalize_settings(settings)
  if settings == nil then
    return nil
  end
  if settings.kpi == nil then
    return { kpi = settings }
  end
  return settings
end

local function has_011()
  return vim.fn.has("nvim-0.11") == 1
end

--- client:request(...) on 0.11+, client.request(...) before.
local function request(client, method, params, handler, bufnr)
  if has_011() then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- The client capabilities sent to the server: the user's, without pull
--- diagnostics. The server publishes every diagnostic (also the ones a change
--- in another file causes); a client that also pulls them (Neovim 0.12) would
--- show each one twice, once per namespace.
---@param capabilities? table
---@return table
function M.capabilities(capabilities)
  return vim.tbl_deep_extend("force", capabilities or {}, { textDocument = { diagnostic = vim.NIL } })
end

--- The client configuration for `vim.lsp.config("kpi", ...)` (Neovim 0.11 or
--- later): what setup() passes, and what lsp/kpi.lua returns with the defaults.
---@param config kpi.Config
---@return vim.lsp.Config
function M.client_config(config)
  return {
    cmd = config.cmd,
    filetypes = config.filetypes,
    settings = config.settings,
    on_attach = config.on_attach,
    capabilities = M.capabilities(config.capabilities),
    trace = config.trace,
    root_dir = function(bufnr, on_dir)
      on_dir(M.root_dir(bufnr))
    end,
  }
end

---@param opts? kpi.Config
function M.setup(opts)
  opts = opts or {}
  local user_settings = normalize_settings(opts.settings)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts)
  if user_settings then
    M.config.settings = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults.settings), user_settings)
  end
  local config = M.config

  vim.filetype.add({ extension = { kpi = "kpi" } })
  M.create_commands()

  local client_config = M.client_config(config)

  if has_011() and vim.lsp.config and vim.lsp.enable then
    vim.lsp.config("kpi", client_config)
    vim.lsp.enable("kpi")
    return
  end
  client_config.root_dir = nil

  -- Neovim 0.10: start (or reuse) a client from a FileType autocmd.
  local group = vim.api.nvim_create_augroup("kpi_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      if vim.bo[args.buf].buftype ~= "" then
        return
      end
      vim.lsp.start(vim.tbl_extend("force", client_config, {
        name = "kpi",
        root_dir = M.root_dir(args.buf),
      }), { bufnr = args.buf })
    end,
  })
  -- Buffers opened before setup() ran.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(config.filetypes, vim.bo[buf].filetype) then
      vim.api.nvim_exec_autocmds("FileType", { group = group, buffer = buf })
    end
  end
end

--- The kpi client attached to `bufnr`, else any running kpi client.
---@param bufnr? integer
---@return vim.lsp.Client?
function M.client(bufnr)
  local get = vim.lsp.get_clients
  local attached = get({ name = "kpi", bufnr = bufnr or vim.api.nvim_get_current_buf() })[1]
  return attached or get({ name = "kpi" })[1]
end

--- Opens `location` (uri + range) in the current window and records a jump.
local function jump_to(uri, range, client)
  vim.cmd("normal! m'")
  vim.lsp.util.show_document({ uri = uri, range = range }, client.offset_encoding, { focus = true })
end

--- :KpiParent — jump to the parent goal of the KPI around the cursor, using
--- textDocument/prepareTypeHierarchy and typeHierarchy/supertypes.
function M.goto_parent()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = vim.lsp.get_clients({ name = "kpi", bufnr = bufnr })[1]
  if not client then
    notify("no kpi language server attached to this buffer", vim.log.levels.WARN)
    return
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  request(client, "textDocument/prepareTypeHierarchy", params, function(err, items)
    if err then
      notify("prepareTypeHierarchy failed: " .. tostring(err.message or err), vim.log.levels.ERROR)
      return
    end
    if not items or #items == 0 then
      notify("the cursor is not inside a KPI block")
      return
    end
    request(client, "typeHierarchy/supertypes", { item = items[1] }, function(err2, parents)
      if err2 then
        notify("supertypes failed: " .. tostring(err2.message or err2), vim.log.levels.ERROR)
        return
      end
      if not parents or #parents == 0 then
        notify(string.format("%q has no parent goal", items[1].name))
        return
      end
      local function go(parent)
        if parent then
          jump_to(parent.uri, parent.selectionRange or parent.range, client)
        end
      end
      if #parents == 1 then
        go(parents[1])
      else
        vim.ui.select(parents, {
          prompt = "Parent goal",
          format_item = function(item)
            return item.name .. (item.detail and ("  " .. item.detail) or "")
          end,
        }, go)
      end
    end, bufnr)
  end, bufnr)
end

local TREE_NAME = "kpi://cascade-tree"

--- Flattens the cascade tree into display lines and jump targets.
---@return string[] lines, table[] targets
function M.tree_lines(roots)
  local lines, targets = {}, {}
  local function walk(node, depth)
    local parts = { string.rep("  ", depth) .. node.id }
    if node.title and node.title ~= vim.NIL and node.title ~= "" then
      table.insert(parts, node.title)
    end
    if node.allocation and node.allocation ~= vim.NIL then
      table.insert(parts, "[" .. node.allocation .. "]")
    end
    table.insert(lines, table.concat(parts, "  "))
    table.insert(targets, { uri = node.uri, range = node.range })
    for _, child in ipairs(node.children or {}) do
      walk(child, depth + 1)
    end
  end
  for _, root in ipairs(roots or {}) do
    walk(root, 0)
  end
  return lines, targets
end

--- Shows the tree in a scratch split; <CR> opens the KPI under the cursor in
--- the window the tree was opened from, q closes the tree.
local function show_tree(lines, targets, client, origin_win)
  local buf = vim.fn.bufnr(TREE_NAME)
  if buf == -1 then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, TREE_NAME)
  end
  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd("botright 15split")
    win = vim.api.nvim_get_current_win()
    vim.api.nvim_win_set_buf(win, buf)
  else
    vim.api.nvim_set_current_win(win)
  end
  local bo = vim.bo[buf]
  bo.buftype, bo.bufhidden, bo.swapfile = "nofile", "wipe", false
  bo.modifiable = true
  if #lines == 0 then
    lines = { "(no KPIs)" }
  end
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  bo.modifiable = false
  bo.filetype = "kpitree"
  vim.wo[win].wrap, vim.wo[win].number, vim.wo[win].cursorline = false, false, true
  vim.b[buf].kpi_tree_targets = targets

  vim.keymap.set("n", "<CR>", function()
    local target = targets[vim.api.nvim_win_get_cursor(0)[1]]
    if not target then
      return
    end
    if not vim.api.nvim_win_is_valid(origin_win) or origin_win == win then
      vim.cmd("wincmd p")
      if vim.api.nvim_get_current_win() == win then
        vim.cmd("aboveleft new")
      end
    else
      vim.api.nvim_set_current_win(origin_win)
    end
    jump_to(target.uri, target.range, client)
  end, { buffer = buf, nowait = true, desc = "Open the KPI under the cursor" })
  vim.keymap.set("n", "q", "<Cmd>close<CR>", { buffer = buf, nowait = true, desc = "Close the cascade tree" })
end

--- :KpiTree — request kpi/cascadeTree and show it, one line per KPI.
---@param opts? { file?: boolean } file = only the current file's tree
function M.show_tree(opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local origin_win = vim.api.nvim_get_current_win()
  local client = M.client(bufnr)
  if not client then
    notify("no kpi language server is running", vim.log.levels.WARN)
    return
  end
  local params = vim.empty_dict()
  if opts.file then
    params = { uri = vim.uri_from_bufnr(bufnr) }
  end
  request(client, "kpi/cascadeTree", params, function(err, result)
    if err then
      notify("kpi/cascadeTree failed: " .. tostring(err.message or err), vim.log.levels.ERROR)
      return
    end
    local lines, targets = M.tree_lines(result and result.roots)
    show_tree(lines, targets, client, origin_win)
  end, bufnr)
end

--- :KpiReport — request kpi/report (the page `kpi report` writes), write it to
--- a temporary .html file and open that with vim.ui.open (the system's browser).
--- With opts.subtree, only the KPI under the cursor and the KPIs under it.
---@param opts? { subtree?: boolean }
function M.report(opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    notify("no kpi language server is running", vim.log.levels.WARN)
    return
  end
  local params = vim.empty_dict()
  if opts.subtree then
    params = vim.lsp.util.make_position_params(0, client.offset_encoding or "utf-16")
    params = { uri = params.textDocument.uri, position = params.position }
  end
  request(client, "kpi/report", params, function(err, result)
    if err or not (result and result.html) then
      notify("kpi/report failed: " .. tostring(err and (err.message or err) or "no page"), vim.log.levels.ERROR)
      return
    end
    local path = vim.fn.tempname() .. "-kpi-report.html"
    -- Lines written back joined by "\n" with no newline added: the exact bytes of the page.
    if vim.fn.writefile(vim.split(result.html, "\n", { plain = true }), path, "b") ~= 0 then
      notify("cannot write " .. path, vim.log.levels.ERROR)
      return
    end
    M.last_report = path
    if vim.ui.open then
      vim.ui.open(path)
    else
      notify("report written to " .. path)
    end
  end, bufnr)
end

function M.create_commands()
  vim.api.nvim_create_user_command("KpiParent", M.goto_parent, {
    desc = "Go to the parent goal of the KPI under the cursor",
  })
  vim.api.nvim_create_user_command("KpiTree", function(cmd)
    M.show_tree({ file = cmd.bang })
  end, {
    bang = true,
    desc = "Show the KPI cascade tree (! = only this file's tree)",
  })
  vim.api.nvim_create_user_command("KpiReport", function(cmd)
    M.report({ subtree = cmd.bang })
  end, {
    bang = true,
    desc = "Open the KPI report in the browser (! = only the KPI under the cursor and below)",
  })
end

return M
