-- fmt: how the board views word things. One place for the labels of the
-- schema's codes, so that every view says "Slipped" or "not stated" the
-- same way, and for the rule that a missing value is shown as missing:
-- a NULL RAG is "not stated", never red, never blank.

local stats = require('trust-confidence.stats')

local fmt = {}

fmt.NOT_STATED = "not stated"

-- Band names as the RAG columns expect them, and how a board reads them.
fmt.BANDS = { "red", "amber", "green", "blue" }
fmt.BAND_LABELS = { red = "Red", amber = "Amber", green = "Green", blue = "Blue (complete)" }

--- A RAG cell: the band, or "not stated" when the paper gives none.
function fmt.rag(band)
  if band == nil or band == "" then return fmt.NOT_STATED end
  return band
end

-- Control and risk progress (seed 001 para 1.2: "On Track; Limited;
-- Slipped and No progress").
fmt.PROGRESS = { on_track = "On track", limited = "Limited", slipped = "Slipped", no_progress = "No progress" }
-- Worst first: the order a board wants to read them in.
fmt.PROGRESS_ORDER = { "slipped", "no_progress", "limited", "on_track" }

--- "Slipped", or `missing` (default "not stated") when there is none.
function fmt.progress(code, missing)
  if code == nil then return missing or fmt.NOT_STATED end
  return fmt.PROGRESS[code] or code
end

-- The register's trend arrow is the direction of the risk: a down arrow
-- means the risk is improving (schemas/README.md, Conventions).
fmt.TREND = { improving = "Improving", stable = "Stable", worsening = "Worsening" }

function fmt.trend(code)
  if code == nil then return fmt.NOT_STATED end
  return fmt.TREND[code] or code
end

-- Action status, shared by action plan items and improvement actions.
fmt.STATUS = {
  planned = "Planned", in_progress = "In progress", complete = "Complete",
  on_hold = "On hold", withdrawn = "Withdrawn",
}
fmt.STATUS_ORDER = { "complete", "in_progress", "planned", "on_hold", "withdrawn" }
fmt.NO_STATUS = "No status reported"

function fmt.status(code)
  if code == nil then return fmt.NO_STATUS end
  return fmt.STATUS[code] or code
end

-- DARA assurance ratings, strongest first.
fmt.RATING_ORDER = { "substantial", "adequate", "limited", "no_assurance" }
fmt.RATING = { substantial = "Substantial", adequate = "Adequate", limited = "Limited", no_assurance = "No assurance" }

function fmt.rating(code)
  if code == nil then return fmt.NOT_STATED end
  return fmt.RATING[code] or code
end

--- A register position as the paper prints it: "H v M".
function fmt.position(likelihood, impact)
  if likelihood == nil or impact == nil then return fmt.NOT_STATED end
  return likelihood .. " v " .. impact
end

--- "1 risk", "3 risks"; `plural` defaults to word .. "s".
fmt.count_of = stats.count_of

--- A tile's unit for a count: "risk" for 1, "risks" otherwise (also when n
--- is nil: no data); `plural` defaults to word .. "s".
function fmt.unit(n, word, plural)
  if n == 1 then return word end
  return plural or word .. "s"
end

--- A number as a paper prints it: 431, 9.6.
fmt.num = stats.num

--- part as a percentage of whole to 0.1, or nil when whole is 0.
fmt.percent = stats.percent

--- A whole number stored as REAL (SQLite) as a Lua integer, for integer columns.
function fmt.int(v)
  if v == nil then return nil end
  return math.tointeger(v) or v
end

--- Text cut to about `n` characters at a word boundary, with "..." when cut.
--- Long quarterly updates would otherwise swamp a table.
function fmt.shorten(text, n)
  if text == nil or #text <= n then return text end
  local cut = text:sub(1, n)
  cut = cut:match("^(.*)%s") or cut
  return (cut:gsub("[%s,;:%.%-]+$", "")) .. "..."
end

--- The entries of `list` joined with ", ", or `empty` when there are none.
function fmt.join(list, empty, sep)
  if #list == 0 then return empty end
  return table.concat(list, sep or ", ")
end

--- "10 LEGITIMACY": how a risk is named in lists.
function fmt.risk(ref, name)
  return string.format("%d %s", fmt.int(ref), name)
end

--- A long date as a board paper writes it: "31 December 2021".
local MONTH_NAMES = { "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December" }
function fmt.date(iso)
  local y, m, d = (iso or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return iso end
  return string.format("%d %s %s", tonumber(d), MONTH_NAMES[tonumber(m)], y)
end

return fmt
