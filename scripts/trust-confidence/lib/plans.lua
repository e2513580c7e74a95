-- plans: the Rebuilding Trust priorities and the Governance Improvement
-- Plan actions, as they stood at the as-of date.

local asof = require('asof')

local plans = {}

-- Both Rebuilding Trust plans: October 2021 (RBT) and December 2021 (RBT2).
-- The demo lists priorities for the first only; the seeds do not list the
-- second plan's.
plans.RBT_CODES = { "RBT", "RBT2" }

plans.STATUS_LABELS = {
  complete = "Complete",
  in_progress = "In progress",
  planned = "Planned",
  on_hold = "On hold",
  withdrawn = "Withdrawn",
  none = "No status reported",
}

-- A priority's status at a date is that of its latest dated update with a
-- status on or before the date. Failing that, the item's own status, which
-- the schema records without a date, stands. Plans published after the
-- date are left out: their priorities did not exist yet.
local RBT_ITEMS = [[
SELECT i.id, p.code, i.seq, i.title, i.due,
       COALESCE((SELECT u.status FROM action_updates u
                  WHERE u.item_id = i.id AND u.status IS NOT NULL AND u.as_of <= ?
                  ORDER BY u.as_of DESC, u.id DESC LIMIT 1),
                i.status) AS status,
       (SELECT max(u.as_of) FROM action_updates u
         WHERE u.item_id = i.id AND u.status IS NOT NULL AND u.as_of <= ?) AS status_as_of
  FROM action_items i
  JOIN action_plans p ON p.id = i.plan_id
 WHERE p.code IN (?, ?) AND i.parent_id IS NULL
   AND (p.published IS NULL OR p.published <= ?)
 ORDER BY p.code, i.seq]]

--- The Rebuilding Trust priorities with their status as at the as-of date:
--- an array of rows { id, code, seq, title, due?, status?, status_as_of? }.
function plans.rbt_priorities(ctx)
  local d = asof.date(ctx)
  return ctx.sql(RBT_ITEMS, d, d, plans.RBT_CODES[1], plans.RBT_CODES[2], d)
end

-- GIP actions belong to a plan year; a year's actions count from the day
-- that year begins (1 April).
local GIP_YEAR = [[
SELECT max(a.year)
  FROM improvement_areas a
 WHERE EXISTS (SELECT 1 FROM improvement_actions x WHERE x.area_id = a.id)
   AND printf('%04d-04-01', CAST(substr(a.year, 1, 4) AS INTEGER)) <= ?]]

--- The plan year to report: ctx.params.year, or the latest year with
--- actions that had begun by the as-of date (nil if none).
function plans.gip_year(ctx)
  local year = ctx.params and ctx.params.year
  if year then
    if not year:match("^%d%d%d%d/%d%d$") then
      error("params.year must be a financial year such as 2021/22 (got '" .. year .. "')", 2)
    end
    return year
  end
  return ctx.value(GIP_YEAR, asof.date(ctx))
end

--- The number of distinct actions in a plan year.
function plans.gip_action_count(ctx, year)
  return ctx.value([[
SELECT count(*) FROM improvement_actions x JOIN improvement_areas a ON a.id = x.area_id WHERE a.year = ?]], year)
end

-- A RAG belongs to the quarterly update that reported it, so it counts only
-- once that update's date has passed.
local GIP_RAG = [[
SELECT x.rag, count(*) AS n
  FROM improvement_actions x
  JOIN improvement_areas a ON a.id = x.area_id
 WHERE a.year = ? AND x.rag IS NOT NULL
   AND (x.update_as_of IS NULL OR x.update_as_of <= ?)
 GROUP BY x.rag]]

--- Actions of a plan year with a RAG as at the as-of date: rag -> count,
--- and the number of actions in the year (rated or not).
function plans.gip_by_rag(ctx, year)
  local out = {}
  for _, r in ipairs(ctx.sql(GIP_RAG, year, asof.date(ctx))) do out[r.rag] = r.n end
  return out, plans.gip_action_count(ctx, year)
end

-- An action counts under every CIPFA principle its area is aligned to (an
-- area may have several), so the counts can add up to more than the number
-- of actions. Principles with no action count 0.
local GIP_PRINCIPLE = [[
SELECT c.letter, c.title,
       (SELECT count(*)
          FROM improvement_actions x
          JOIN improvement_areas a ON a.id = x.area_id
          JOIN improvement_area_principles p ON p.area_id = a.id
         WHERE a.year = ? AND p.principle = c.letter) AS n
  FROM cipfa_principles c
 ORDER BY c.letter]]

--- Actions of a plan year by CIPFA principle: an array of { letter, title, n }.
function plans.gip_by_principle(ctx, year)
  return ctx.sql(GIP_PRINCIPLE, year)
end

return plans
