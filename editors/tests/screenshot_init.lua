-- Neovim init file for tests/screenshot.sh: the picture of examples/acme.kpi
-- in docs/images/nvim-acme.png. Loads the plugin with the real server
-- (KPI_BIN), waits for the off-track and milestone-behind-path diagnostics
-- (shown as virtual text), folds the small contributing KPIs so the plan fits
-- on one screen, opens the hover of revenue-2031 (its year-by-year path) and
-- then creates the file named by KPI_SHOT_READY, for the script to capture.
local editors = os.getenv("KPI_EDITORS")
local ready_file = os.getenv("KPI_SHOT_READY")
vim.opt.runtimepath:prepend(editors .. "/nvim")
vim.cmd("filetype plugin indent on")
vim.cmd("syntax on")

vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = "yes"
vim.o.showmode = false
vim.o.cmdheight = 0
vim.o.shortmess = vim.o.shortmess .. "IFWsc"
vim.o.swapfile = false
vim.o.foldtext = ""
vim.opt.fillchars:append({ fold = " ", eob = " " })
vim.diagnostic.config({
  virtual_text = { prefix = "■", spacing = 2 },
  signs = true,
  underline = true,
  severity_sort = true,
})

require("kpi").setup({ cmd = { os.getenv("KPI_BIN"), "lsp" } })

local FOLDED = { "inbound-leads", "extra-revenue", "price-increase", "repeat-customers", "new-customers" }

local function line_of(pattern)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    if line:match(pattern) then
      return lnum
    end
  end
end

--- Last non-blank line of the KPI block that starts at `first`.
local function block_end(first)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  local last = first
  for lnum = first + 1, #lines do
    local line = lines[lnum]
    if line:match("^%S") then
      break
    end
    if line:match("%S") then
      last = lnum
    end
  end
  return last
end

local function has_diagnostics()
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    codes[d.code or ""] = true
  end
  return codes["off-track"] and codes["milestone-behind-path"]
end

local function hover_window()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= "" then
      return win
    end
  end
end

local function poll(predicate, then_do, tries)
  tries = tries or 300
  if predicate() then
    then_do()
  elseif tries > 0 then
    vim.defer_fn(function()
      poll(predicate, then_do, tries - 1)
    end, 100)
  end
end

--- 0-based row of line `lnum` in window `win`, counting closed folds as one row.
local function screen_row(win, lnum)
  local row, l = 0, vim.fn.line("w0", win)
  while l < lnum do
    local fold_end = vim.fn.foldclosedend(l)
    l = (fold_end > 0 and fold_end or l) + 1
    row = row + 1
  end
  return row
end

local function compose()
  vim.o.foldmethod = "manual"
  for _, id in ipairs(FOLDED) do
    local first = line_of("^kpi " .. vim.pesc(id) .. "%f[^%w_%.%-]")
    if first then
      vim.cmd(("%d,%dfold"):format(first, block_end(first)))
    end
  end
  local header = line_of("^kpi revenue%-2031")
  local win = vim.api.nvim_get_current_win()
  vim.api.nvim_win_set_cursor(win, { header, 4 })
  vim.fn.winrestview({ topline = line_of("^plan "), lnum = header, col = 4 })
  vim.cmd("redraw")
  vim.lsp.buf.hover({ border = "rounded", max_width = 70 })
  poll(hover_window, function()
    -- Beside the code: from the row under the off-track warning, right of the
    -- KPI lines, so that neither warning is covered.
    local off_track
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.code == "off-track" then
        off_track = d.lnum + 1
      end
    end
    local textoff = vim.fn.getwininfo(win)[1].textoff
    vim.wo[hover_window()].linebreak = true
    vim.api.nvim_win_set_config(hover_window(), {
      relative = "win",
      anchor = "NW",
      win = win,
      row = screen_row(win, off_track) + 1,
      col = textoff + 58,
    })
    vim.cmd("redraw")
    vim.defer_fn(function()
      vim.cmd("redraw")
      vim.fn.writefile({ "ready" }, ready_file)
    end, 500)
  end)
end

vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  callback = function()
    poll(has_diagnostics, compose)
  end,
})
