-- indentexpr for KPI plan files (set by indent/kpi.lua). KPI plans are
-- off-side: a header (`kpi …`, `plan …`) or a `key:` line with nothing after
-- the colon opens a block one shiftwidth deeper; top-level keywords go to
-- column 0; any other line keeps the previous line's indentation.
local M = {}

local function strip_comment(line)
  -- Drop a trailing `# comment` that is not inside a string.
  local in_string = false
  for i = 1, #line do
    local c = line:sub(i, i)
    if c == '"' then
      in_string = not in_string
    elseif c == "#" and not in_string then
      return line:sub(1, i - 1)
    end
  end
  return line
end

--- True when `line` opens an indented block.
function M.opens_block(line)
  local code = vim.trim(strip_comment(line))
  return line:match("^kpi%s") ~= nil or line:match("^plan%s") ~= nil or (code ~= "" and code:sub(-1) == ":")
end

---@param lnum integer
---@return integer
function M.get(lnum)
  local current = vim.fn.getline(lnum)
  if current:match("^%s*kpi%s") or current:match("^%s*plan%s") or current:match("^%s*use%s") then
    return 0
  end
  local prev = vim.fn.prevnonblank(lnum - 1)
  if prev == 0 then
    return 0
  end
  local prev_line = vim.fn.getline(prev)
  local indent = vim.fn.indent(prev)
  if M.opens_block(prev_line) then
    return indent + vim.fn.shiftwidth()
  end
  return indent
end

return M
