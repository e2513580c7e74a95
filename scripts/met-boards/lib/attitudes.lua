-- attitudes: Public Attitudes Survey (PAS) measures in the observations
-- table, read as at the date a view is drawn as at.
--
-- The metric ids, groups and the comparison group are those of the
-- trust-confidence pack (its lib/pas.lua), so the charts here and its
-- indicator tiles describe the same figures. Its module cannot be required
-- from another pack (it requires a sibling module), hence this short copy
-- of the list. In the demo the PAS series are synthetic (source 901).

local dates = require('dates')

local attitudes = {}

attitudes.LONDON = "London"
attitudes.ALL = "All"
-- The group every confidence gap is measured against.
attitudes.COMPARISON = "White British"
-- The groups a gap can be drawn for, in the order the papers name them.
attitudes.GROUPS = { "Black", "Asian", "Mixed", "Other" }
-- Calendar quarters only: a series mixes no other kind of period.
attitudes.QUARTER = "[0-9][0-9][0-9][0-9]-Q[1-4]"

attitudes.MEASURES = {
  { key = "good_job", metric = "pas.good_job", title = "Police do a good job" },
  { key = "trust", metric = "pas.trust", title = "Trust in the Met" },
  { key = "fair", metric = "pas.fair", title = "Police treat everyone fairly" },
  { key = "listen", metric = "pas.listen", title = "Police listen to local concerns" },
  { key = "relied_on", metric = "pas.relied_on", title = "Police can be relied on" },
}
attitudes.BY_KEY = {}
for _, m in ipairs(attitudes.MEASURES) do attitudes.BY_KEY[m.key] = m end

local SERIES = [[
SELECT o.period, o.value, s.kind AS source_kind
  FROM observations o
  JOIN sources s ON s.id = o.source_id
 WHERE o.metric_id = ? AND o.area = ? AND o.grp = ?
   AND o.period GLOB ? AND o.period_end <= ?
 ORDER BY o.period]]

--- One group's quarterly values of a metric in an area, for quarters ended
--- by the view's date: an array of { period, value, source_kind }.
function attitudes.series(ctx, metric, area, grp)
  return ctx.sql(SERIES, metric, area or attitudes.LONDON, grp or attitudes.ALL, attitudes.QUARTER, dates.as_of(ctx))
end

local GAP_SERIES = [[
SELECT g.period, round(g.value - c.value, 1) AS gap
  FROM observations g
  JOIN observations c
    ON c.metric_id = g.metric_id AND c.area = g.area AND c.period = g.period AND c.grp = ?
 WHERE g.metric_id = ? AND g.area = ? AND g.grp = ?
   AND g.period GLOB ? AND g.period_end <= ?
 ORDER BY g.period]]

--- A group's result minus White British respondents' in an area, by
--- quarter: an array of { period, gap } (percentage points; negative means
--- the group is less confident).
function attitudes.gap_series(ctx, metric, area, grp)
  return ctx.sql(GAP_SERIES, attitudes.COMPARISON, metric, area or attitudes.LONDON, grp, attitudes.QUARTER,
    dates.as_of(ctx))
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
    dates.as_of(ctx))
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
