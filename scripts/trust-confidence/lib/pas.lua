-- pas: Public Attitudes Survey measures held in the observations table.
--
-- In the demo these are the synthetic quarterly series of 900_synthetic.sql
-- (source 901): five measures for London and its 32 boroughs, broken down
-- by group. Any import that uses the same metric ids, 'YYYY-Qn' periods and
-- grp labels is read the same way.

local asof = require('asof')

local pas = {}

pas.LONDON = "London"
pas.ALL = "All"
-- The comparison group for every confidence gap (risk 9 speaks of the gap
-- between Black communities and others; MOPAC compares with White British).
pas.COMPARISON = "White British"
-- Calendar quarters only: a series mixes no other period kinds.
pas.QUARTER = "[0-9][0-9][0-9][0-9]-Q[1-4]"

-- The five measures, in the order the boards read them. `short` is the
-- title shortened for a chart's legend (met-boards' Performance Board paper).
pas.measures = {
  { key = "good_job",  metric = "pas.good_job",  title = "Police in this area do a good job",
    short = "Police do a good job" },
  { key = "trust",     metric = "pas.trust",     title = "Trust in the Met",
    short = "Trust in the Met" },
  { key = "fair",      metric = "pas.fair",      title = "Police treat everyone fairly",
    short = "Police treat everyone fairly" },
  { key = "listen",    metric = "pas.listen",    title = "Police listen to local concerns",
    short = "Police listen to local concerns" },
  { key = "relied_on", metric = "pas.relied_on", title = "Police can be relied on to be there when needed",
    short = "Police can be relied on" },
}
pas.by_key = {}
for _, m in ipairs(pas.measures) do pas.by_key[m.key] = m end

-- The gap indicators read fair treatment unless told otherwise: of these
-- five measures it is the one on which Black and White British Londoners
-- differ most, in the demo and in the real neighbourhood file (see README).
pas.DEFAULT_GAP_MEASURE = "fair"

--- The measure named by ctx.params.measure, or the default given.
function pas.measure(ctx, default)
  local key = (ctx.params and ctx.params.measure) or default
  local m = pas.by_key[key]
  if not m then
    local keys = {}
    for _, x in ipairs(pas.measures) do keys[#keys + 1] = x.key end
    error("params.measure must be one of " .. table.concat(keys, ", ") .. " (got '" .. tostring(key) .. "')", 2)
  end
  return m
end

--- The area named by ctx.params.area, or London.
function pas.area(ctx)
  return (ctx.params and ctx.params.area) or pas.LONDON
end

local SERIES = [[
SELECT o.period, o.value, s.kind AS source_kind
  FROM observations o
  JOIN sources s ON s.id = o.source_id
 WHERE o.metric_id = ? AND o.area = ? AND o.grp = ?
   AND o.period GLOB ? AND o.period_end <= ?
 ORDER BY o.period]]

--- One group's quarterly values in one area, up to the as-of date:
--- an array of { period, value, source_kind }.
function pas.series(ctx, metric, area, grp)
  return ctx.sql(SERIES, metric, area, grp, pas.QUARTER, asof.date(ctx))
end

local LATEST_QUARTER = [[
SELECT max(period)
  FROM observations
 WHERE metric_id = ? AND area = ? AND period GLOB ? AND period_end <= ?]]

--- The latest quarter ending on or before the as-of date with data for the
--- metric in the area, or nil.
function pas.latest_quarter(ctx, metric, area)
  return ctx.value(LATEST_QUARTER, metric, area, pas.QUARTER, asof.date(ctx))
end

local BY_GROUP = [[
SELECT grp, value
  FROM observations
 WHERE metric_id = ? AND area = ? AND period = ?
 ORDER BY grp]]

--- Every group's value in one area and quarter: grp -> value.
function pas.by_group(ctx, metric, area, period)
  local out = {}
  for _, r in ipairs(ctx.sql(BY_GROUP, metric, area, period)) do out[r.grp] = r.value end
  return out
end

-- A gap is the group's value minus the comparison group's in the same
-- area and quarter, rounded to 0.1 pp like the values themselves (so that a
-- gap of exactly 10.0 is not read as 10.0000000001).
local GAP_SERIES = [[
SELECT g.period, round(g.value - c.value, 1) AS gap
  FROM observations g
  JOIN observations c
    ON c.metric_id = g.metric_id AND c.area = g.area AND c.period = g.period AND c.grp = ?
 WHERE g.metric_id = ? AND g.area = ? AND g.grp = ?
   AND g.period GLOB ? AND g.period_end <= ?
 ORDER BY g.period]]

--- The gap (grp minus White British, pp) by quarter in one area:
--- an array of { period, gap }.
function pas.gap_series(ctx, metric, area, grp)
  return ctx.sql(GAP_SERIES, pas.COMPARISON, metric, area, grp, pas.QUARTER, asof.date(ctx))
end

-- Each area's latest quarter with both groups, on or before the as-of date.
local GAP_BY_AREA = [[
WITH gaps AS (
  SELECT g.area, g.period, round(g.value - c.value, 1) AS gap,
         row_number() OVER (PARTITION BY g.area ORDER BY g.period DESC) AS recency
    FROM observations g
    JOIN observations c
      ON c.metric_id = g.metric_id AND c.area = g.area AND c.period = g.period AND c.grp = ?
   WHERE g.metric_id = ? AND g.grp = ? AND g.area <> ?
     AND g.period GLOB ? AND g.period_end <= ?)
SELECT area, period, gap FROM gaps WHERE recency = 1 ORDER BY area]]

--- The gap in every area below London (boroughs in the demo), each at its
--- latest quarter on or before the as-of date: area -> gap, and
--- period -> number of areas at that period (normally a single quarter).
function pas.gap_by_area(ctx, metric, grp)
  local gaps, periods = {}, {}
  for _, r in ipairs(ctx.sql(GAP_BY_AREA, pas.COMPARISON, metric, grp, pas.LONDON, pas.QUARTER, asof.date(ctx))) do
    gaps[r.area] = r.gap
    periods[r.period] = (periods[r.period] or 0) + 1
  end
  return gaps, periods
end

--- "2022-Q4" when every area is at one quarter, else
--- "2022-Q4 (32 areas), 2023-Q1 (1 area)".
function pas.describe_periods(periods)
  local list = {}
  for p in pairs(periods) do list[#list + 1] = p end
  table.sort(list)
  if #list == 1 then return list[1] end
  for i, p in ipairs(list) do
    list[i] = string.format("%s (%d area%s)", p, periods[p], periods[p] == 1 and "" or "s")
  end
  return "latest quarter per area: " .. table.concat(list, ", ")
end

local WIDE_AREAS = [[
SELECT g.period, count(*) AS areas, sum(round(g.value - c.value, 1) < ?) AS wide
  FROM observations g
  JOIN observations c
    ON c.metric_id = g.metric_id AND c.area = g.area AND c.period = g.period AND c.grp = ?
 WHERE g.metric_id = ? AND g.grp = ? AND g.area <> ?
   AND g.period GLOB ? AND g.period_end <= ?
 GROUP BY g.period
 ORDER BY g.period]]

--- For each quarter up to the as-of date: how many areas below London have
--- both groups, and in how many the group trails White British by more than
--- `threshold` pp. An array of { period, areas, wide }.
function pas.wide_gap_counts(ctx, metric, grp, threshold)
  return ctx.sql(WIDE_AREAS, -threshold, pas.COMPARISON, metric, grp, pas.LONDON, pas.QUARTER, asof.date(ctx))
end

--- The gap threshold (pp) from ctx.params.threshold, default 10.
function pas.threshold(ctx)
  local raw = ctx.params and ctx.params.threshold
  if raw == nil then return 10 end
  local t = tonumber(raw)
  if not t or t <= 0 then error("params.threshold must be a positive number of percentage points (got '" .. tostring(raw) .. "')", 2) end
  return t
end

return pas
