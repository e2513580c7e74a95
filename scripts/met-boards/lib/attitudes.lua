-- attitudes: Public Attitudes Survey (PAS) measures in the observations
-- table, read as at the date a view is drawn as at.
--
-- The metric ids, groups, the comparison group and the series queries are
-- trust-confidence's (its lib/pas.lua), so the charts here and its
-- indicator tiles describe the same figures. What is this pack's own: the
-- groups a paper can draw, the measures' short titles for chart legends,
-- and the borough gaps with both groups' values, widest first. In the demo
-- the PAS series are synthetic (source 901).

local asof = require('trust-confidence.asof')
local pas = require('trust-confidence.pas')

local attitudes = {}

attitudes.LONDON = pas.LONDON
attitudes.ALL = pas.ALL
-- The group every confidence gap is measured against.
attitudes.COMPARISON = pas.COMPARISON
-- The groups a gap can be drawn for, in the order the papers name them.
attitudes.GROUPS = { "Black", "Asian", "Mixed", "Other" }
-- Calendar quarters only: a series mixes no other kind of period.
attitudes.QUARTER = pas.QUARTER

-- The five measures, titled for a chart's legend.
attitudes.MEASURES = {}
attitudes.BY_KEY = {}
for _, m in ipairs(pas.measures) do
  local measure = { key = m.key, metric = m.metric, title = m.short }
  attitudes.MEASURES[#attitudes.MEASURES + 1] = measure
  attitudes.BY_KEY[m.key] = measure
end

--- One group's quarterly values of a metric in an area, for quarters ended
--- by the view's date: an array of { period, value, source_kind }.
function attitudes.series(ctx, metric, area, grp)
  return pas.series(ctx, metric, area or attitudes.LONDON, grp or attitudes.ALL)
end

--- A group's result minus White British respondents' in an area, by
--- quarter: an array of { period, gap } (percentage points; negative means
--- the group is less confident).
function attitudes.gap_series(ctx, metric, area, grp)
  return pas.gap_series(ctx, metric, area or attitudes.LONDON, grp)
end

-- Each area's latest quarter with both groups, ended by the date. Areas
-- below London only: London is the total, not one of the places compared.
local GAPS_BY_AREA = [[
WITH pairs AS (
  SELECT g.area, g.period, g.value AS group_value, c.value AS comparison_value,
         round(g.value - c.value, 1) AS gap,
         row_number() OVER (PARTITION BY g.area ORDER BY g.period DESC) AS recency
    FROM observations g
    JOIN observations c
      ON c.metric_id = g.metric_id AND c.area = g.area AND c.period = g.period AND c.grp = ?
   WHERE g.metric_id = ? AND g.grp = ? AND g.area <> ?
     AND g.period GLOB ? AND g.period_end <= ?)
SELECT area, period, group_value, comparison_value, gap FROM pairs WHERE recency = 1]]

--- The gap in every area below London at its latest quarter, worst first:
--- an array of { area, period, group_value, comparison_value, gap }.
function attitudes.gaps_by_area(ctx, metric, grp)
  local rows = ctx.sql(GAPS_BY_AREA, attitudes.COMPARISON, metric, grp, attitudes.LONDON, attitudes.QUARTER,
    asof.date(ctx))
  return attitudes.worst_first(rows)
end

--- Sorts rows with a `gap` (and a `area` or `name` label) so the widest
--- negative gap comes first; equal gaps by label, so the order is stable.
--- Sorts in place and returns the rows.
function attitudes.worst_first(rows)
  table.sort(rows, function(a, b)
    if a.gap ~= b.gap then return a.gap < b.gap end
    return (a.area or a.name or "") < (b.area or b.name or "")
  end)
  return rows
end

--- A breakdown table (name -> gap), such as an indicator's, as rows worst
--- first: an array of { name, gap }.
function attitudes.breakdown_rows(breakdown)
  local rows = {}
  for name, gap in pairs(breakdown or {}) do
    if type(gap) == "number" then rows[#rows + 1] = { name = name, gap = gap } end
  end
  return attitudes.worst_first(rows)
end

return attitudes
