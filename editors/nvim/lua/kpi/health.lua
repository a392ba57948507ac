-- :checkhealth kpi — checks the Neovim version, that the configured `kpi`
-- binary is found, what `kpi --version` prints, and that `kpi lsp` answers an
-- LSP initialize request (each step with a short timeout), which kpi.toml
-- settings file the running server reads, and which plans outside the
-- workspace it reads because a `use` names them.
local M = {}

local health = vim.health
local TIMEOUT_MS = 3000

local function frame(message)
  local body = vim.json.encode(message)
  return ("Content-Length: %d\r\n\r\n%s"):format(#body, body)
end

--- Starts `cmd`, sends initialize, and waits for the response.
---@return boolean ok, string detail
local function try_initialize(cmd)
  local output = {}
  local ok_spawn, proc = pcall(vim.system, cmd, {
    stdin = true,
    stdout = function(_, data)
      if data then
        table.insert(output, data)
      end
    end,
  })
  if not ok_spawn then
    return false, tostring(proc)
  end
  proc:write(frame({
    jsonrpc = "2.0",
    id = 1,
    method = "initialize",
    params = {
      processId = vim.NIL,
      rootUri = vim.NIL,
      capabilities = vim.empty_dict(),
      clientInfo = { name = "kpi-checkhealth" },
    },
  }))
  local answered = vim.wait(TIMEOUT_MS, function()
    return table.concat(output):find('"id"%s*:%s*1') ~= nil
  end, 20)
  local response = table.concat(output)
  if answered then
    proc:write(frame({ jsonrpc = "2.0", id = 2, method = "shutdown" }))
    proc:write(frame({ jsonrpc = "2.0", method = "exit" }))
  end
  pcall(proc.write, proc, nil) -- close stdin
  proc:wait(1000) -- kills the server if it has not exited by then
  if not answered then
    return false, "no answer to initialize within " .. TIMEOUT_MS .. " ms"
  end
  local body = response:match("\r\n\r\n(.*)$") or response
  local decoded_ok, decoded = pcall(vim.json.decode, body)
  if decoded_ok and type(decoded) == "table" and type(decoded.result) == "table" and decoded.result.capabilities then
    local info = decoded.result.serverInfo
    local name = type(info) == "table" and ((info.name or "") .. " " .. (info.version or "")) or "server"
    return true, vim.trim(name) .. " answered initialize"
  end
  return false, "unexpected initialize response: " .. body:sub(1, 200)
end

function M.check()
  health.start("kpi: Neovim")
  if vim.fn.has("nvim-0.11") == 1 then
    health.ok("Neovim 0.11 or later: the server is registered with vim.lsp.config / vim.lsp.enable")
  elseif vim.fn.has("nvim-0.10") == 1 then
    health.ok("Neovim 0.10: the server is started from a FileType autocmd")
  else
    health.error("Neovim 0.10 or later is required")
  end

  health.start("kpi: language server")
  local config = require("kpi").config
  local cmd = config.cmd or { "kpi", "lsp" }
  local exe = cmd[1]
  if vim.fn.executable(exe) ~= 1 then
    health.error(("`%s` is not executable or not on PATH"):format(exe), {
      "Install the kpi language server (see the install section of the project's README)",
      'or pass its path: require("kpi").setup({ cmd = { "/path/to/kpi", "lsp" } })',
    })
    return
  end
  health.ok(("found `%s` at %s"):format(exe, vim.fn.exepath(exe)))

  local ok_run, result = pcall(function()
    return vim.system({ exe, "--version" }, { text = true }):wait(TIMEOUT_MS)
  end)
  if not ok_run then
    health.error("could not run `" .. exe .. " --version`: " .. tostring(result))
  elseif result.code ~= 0 then
    health.warn(("`%s --version` exited with %s: %s"):format(exe, tostring(result.code), vim.trim(result.stderr or "")))
  else
    health.ok("version: " .. vim.trim(result.stdout or ""))
  end

  local ok_init, detail = try_initialize(cmd)
  if ok_init then
    health.ok(("`%s`: %s"):format(table.concat(cmd, " "), detail))
  else
    health.error(("`%s` did not start as a language server: %s"):format(table.concat(cmd, " "), detail))
  end

  local clients = vim.lsp.get_clients({ name = "kpi" })
  if #clients > 0 then
    health.ok(("%d kpi client(s) running"):format(#clients))
  else
    health.info("no kpi client running right now (open a .kpi file to start one)")
  end
  M.check_settings_file(clients)
  M.check_outside_plans(clients)
end

--- Plans outside the workspace that a `use` makes the server read (`kpi/outsidePlans`).
function M.check_outside_plans(clients)
  health.start("kpi: plans read from outside the workspace")
  for _, client in ipairs(clients) do
    local response
    if vim.fn.has("nvim-0.11") == 1 then
      response = client:request_sync("kpi/outsidePlans", vim.empty_dict(), TIMEOUT_MS)
    else
      response = client.request_sync("kpi/outsidePlans", vim.empty_dict(), TIMEOUT_MS)
    end
    local result = response and response.result
    local root = client.config.root_dir or "?"
    if type(result) ~= "table" or type(result.uris) ~= "table" then
      health.warn(("client %d (%s): no answer to kpi/outsidePlans"):format(client.id, root))
    elseif #result.uris == 0 then
      health.ok(("client %d (%s): reads only plans inside its workspace"):format(client.id, root))
    else
      for _, uri in ipairs(result.uris) do
        health.info(("client %d (%s): reads %s, outside the workspace, because a plan's `use` names it"):format(client.id, root, vim.uri_to_fname(uri)))
      end
    end
  end
  if #clients == 0 then
    health.info("no kpi client running: the server reads plans outside the workspace only when a plan's `use` names them, and logs each")
  end
end

--- Which kpi.toml is in effect: each running server says (`kpi/settingsFile`);
--- without one, the file `kpi check` would read from the current folder.
function M.check_settings_file(clients)
  health.start("kpi: settings file (kpi.toml)")
  for _, client in ipairs(clients) do
    local response
    if vim.fn.has("nvim-0.11") == 1 then
      response = client:request_sync("kpi/settingsFile", vim.empty_dict(), TIMEOUT_MS)
    else
      response = client.request_sync("kpi/settingsFile", vim.empty_dict(), TIMEOUT_MS)
    end
    local result = response and response.result
    local root = client.config.root_dir or "?"
    if type(result) ~= "table" then
      health.warn(("client %d (%s): no answer to kpi/settingsFile"):format(client.id, root))
    elseif type(result.path) ~= "string" then
      health.info(("client %d (%s): no kpi.toml in or above the workspace folder: editor settings and defaults apply"):format(client.id, root))
    elseif (result.problems or 0) > 0 then
      health.warn(("settings file in effect: %s, with %d problem(s): open it to see them"):format(result.path, result.problems))
    else
      health.ok(("settings file in effect: %s"):format(result.path))
    end
  end
  if #clients == 0 then
    local found = vim.fs.find("kpi.toml", { path = vim.fn.getcwd(), upward = true })[1]
    health.info(found and ("kpi check here would read " .. found) or "no kpi.toml in or above the current folder")
  end
end

return M
