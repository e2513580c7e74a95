-- measures: single figures from the observations table, as known at the
-- as-of date.
--
-- A figure counts from the end of the period it covers. Where a paper
-- gives no end ("since September", period_end NULL), it counts from the
-- date the paper was published (sources.published), the first day anyone
-- could have read it. A figure with neither date cannot be placed in time
-- and is left out.

local asof = require('asof')

local measures = {}

local LATEST = [[
SELECT o.metric_id, m.title, m.unit, o.period, o.grp, o.value, o.qualifier, o.note,
       COALESCE(o.period_end, s.published) AS known_from
  FROM observations o
  JOIN sources s ON s.id = o.source_id
  LEFT JOIN metrics m ON m.id = o.metric_id
 WHERE o.metric_id = ? AND o.area = ? AND o.grp = ?
   AND COALESCE(o.period_end, s.published) <= ?
 ORDER BY COALESCE(o.period_end, s.published) DESC, o.period DESC
 LIMIT 1]]

--- The latest London-wide observation of a metric (group `grp`, default
--- 'All') known by the as-of date, as a row with the metric's title and
--- unit, or nil.
function measures.latest(ctx, metric, grp)
  return ctx.sql(LATEST, metric, "London", grp or "All", asof.date(ctx))[1]
end

local QUALIFIER_WORDS = { over = "over ", under = "under ", up_to = "up to ", about = "about " }

--- A figure as the paper states it: "over 350", "431".
function measures.stated(row, format)
  local n = format and format(row.value) or string.format("%g", row.value)
  return (QUALIFIER_WORDS[row.qualifier] or "") .. n
end

return measures
