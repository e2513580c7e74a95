-- Misconduct throughput: gross misconduct hearings, suspensions, dismissals
-- and fast-tracked cases, with the percentage increases the papers state.
--
-- Neither direction is simply better: more dismissals can mean stronger
-- enforcement or more misconduct. These indicators show the figures and
-- leave the colour to the reader.

local measures = require('measures')
local misconduct = require('misconduct')
local stats = require('stats')

-- Each count with the metric holding its stated percentage change (lib/misconduct.lua).
local FIGURES = misconduct.FIGURES

-- The latest known row of each figure's `field` metric ("metric" for the
-- count, "change" for its stated increase), with the figure it belongs to.
local function latest_rows(ctx, field)
  local rows = {}
  for _, f in ipairs(FIGURES) do
    local row = measures.latest(ctx, f[field])
    if row then rows[#rows + 1] = { figure = f, row = row } end
  end
  return rows
end

-- The distinct periods the rows cover, in order ("2022-09..2023-04").
local function periods_of(rows)
  local seen, list = {}, {}
  for _, r in ipairs(rows) do
    if not seen[r.row.period] then
      seen[r.row.period] = true
      list[#list + 1] = r.row.period
    end
  end
  return table.concat(list, ", ")
end

gov.indicator {
  id = "trust.misconduct.throughput",
  title = "Misconduct throughput: hearings, suspensions and dismissals",
  description = "The latest figure known by the as-of date for each count (London).",
  unit = "count",
  polarity = "neutral",
  tags = { "misconduct", "standards" },
  compute = function(ctx)
    local rows = latest_rows(ctx, "metric")
    if #rows == 0 then return nil end
    local breakdown, parts = {}, {}
    for _, r in ipairs(rows) do
      breakdown[r.figure.label] = r.row.value
      local text = r.figure.label .. " " .. measures.stated(r.row, stats.num)
      -- A stated change is quoted only when it describes the same period.
      local change = measures.latest(ctx, r.figure.change)
      if change and change.period == r.row.period then text = text .. string.format(" (%+g%%)", change.value) end
      parts[#parts + 1] = text
    end
    return {
      breakdown = breakdown,
      explain = string.format("Period %s: %s.", periods_of(rows), table.concat(parts, "; ")),
    }
  end,
}

gov.indicator {
  id = "trust.misconduct.change",
  title = "Misconduct throughput: stated percentage increase",
  description = "The percentage change each count showed, as the paper states it; the paper does not say "
    .. "what period it compares with.",
  unit = "%",
  polarity = "neutral",
  tags = { "misconduct", "standards" },
  compute = function(ctx)
    local rows = latest_rows(ctx, "change")
    if #rows == 0 then return nil end
    local breakdown, parts = {}, {}
    for _, r in ipairs(rows) do
      breakdown[r.figure.label] = r.row.value
      parts[#parts + 1] = string.format("%s %+g%%", r.figure.label, r.row.value)
    end
    return {
      breakdown = breakdown,
      explain = string.format("Period %s: %s. Comparison base not stated.", periods_of(rows),
        table.concat(parts, "; ")),
    }
  end,
}
