-- figures: single figures from the observations table (misconduct counts,
-- the totals a paper gives for a plan), as known at the date a view is
-- drawn as at.
--
-- A figure counts from the end of the period it covers; where the paper
-- gives no end ("since September"), from the date of the paper that stated
-- it, the first day anyone could have read it. A figure with neither date
-- cannot be placed in time and is left out. (trust-confidence's
-- lib/measures.lua reads figures the same way; its module cannot be
-- required from another pack because it requires a sibling module.)

local dates = require('dates')

local figures = {}

local LATEST = [[
SELECT o.metric_id, m.title, m.unit, o.period, o.grp, o.value, o.qualifier, o.note,
       COALESCE(o.period_end, s.published) AS known_from
  FROM observations o
  JOIN metrics m ON m.id = o.metric_id
  JOIN sources s ON s.id = o.source_id
 WHERE o.metric_id = ? AND o.area = ? AND o.grp = ?
   AND COALESCE(o.period_end, s.published) <= ?
 ORDER BY COALESCE(o.period_end, s.published) DESC, o.period DESC
 LIMIT 1]]

--- The latest London-wide figure of a metric (group `grp`, default "All")
--- known by the view's date, as a row, or nil.
function figures.latest(ctx, metric, grp)
  return ctx.sql(LATEST, metric, "London", grp or "All", dates.as_of(ctx))[1]
end

local QUALIFIER_WORDS = { over = "over ", under = "under ", up_to = "up to ", about = "about " }

--- A figure as the paper states it: "over 350", "431".
function figures.stated(row)
  local v = math.tointeger(row.value) or row.value
  local n = math.type(v) == "integer" and string.format("%d", v) or string.format("%.1f", v)
  return (QUALIFIER_WORDS[row.qualifier] or "") .. n
end

return figures
