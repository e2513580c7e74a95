-- gip: the Governance Improvement Plans (seed 004, Appendix 1): areas,
-- their assurance mapping at Levels 1-3, their CIPFA principles, and their
-- actions with the quarterly update as known at the view's date.

local dates = require('dates')

local gip = {}

-- The three levels of the assurance mapping, as the plan heads them.
gip.LEVELS = {
  { level = 1, key = "l1", title = "Level 1: internal management controls" },
  { level = 2, key = "l2", title = "Level 2: management scrutiny and oversight" },
  { level = 3, key = "l3", title = "Level 3: independent oversight" },
}

local AREAS = [[
SELECT a.id, a.number, a.title, a.aim, a.status, a.related_risk_note, a.note, o.title AS owner,
       (SELECT group_concat(principle, ', ')
          FROM (SELECT principle FROM improvement_area_principles
                 WHERE area_id = a.id ORDER BY principle)) AS principles,
       (SELECT group_concat(ref, ', ')
          FROM (SELECT r.ref AS ref FROM improvement_area_risks ir JOIN risks r ON r.id = ir.risk_id
                 WHERE ir.area_id = a.id ORDER BY r.ref)) AS risk_refs,
       (SELECT group_concat(title, '; ')
          FROM (SELECT ro.title AS title FROM improvement_area_leads l JOIN roles ro ON ro.id = l.role_id
                 WHERE l.area_id = a.id ORDER BY l.seq)) AS leads
  FROM improvement_areas a
  LEFT JOIN roles o ON o.id = a.owner_role_id
 WHERE a.year = ?
 ORDER BY a.number IS NULL, a.number, a.id]]

--- The areas of a plan year, numbered ones first: an array of rows.
function gip.areas(ctx, year)
  return ctx.sql(AREAS, year)
end

local ASSURANCE = [[
SELECT x.area_id, x.level, x.rag, x.evidence, x.note
  FROM improvement_assurance x
  JOIN improvement_areas a ON a.id = x.area_id
 WHERE a.year = ?
 ORDER BY x.area_id, x.level]]

--- The assurance mapping of a plan year: area id -> { [level] = row }.
function gip.assurance(ctx, year)
  return gip.by_area_level(ctx.sql(ASSURANCE, year))
end

--- Rows with area_id and level, as area id -> { [level] = row }.
function gip.by_area_level(rows)
  local out = {}
  for _, r in ipairs(rows) do
    out[r.area_id] = out[r.area_id] or {}
    out[r.area_id][r.level] = r
  end
  return out
end

--- Ratings counted by band, with those not stated counted apart (a rating
--- the paper does not give is not a band): counts, not_stated.
function gip.count_ratings(rows)
  local counts, not_stated = {}, 0
  for _, r in ipairs(rows) do
    if r.rag then
      counts[r.rag] = (counts[r.rag] or 0) + 1
    else
      not_stated = not_stated + 1
    end
  end
  return counts, not_stated
end

-- An action's status and RAG come from the quarterly update that reported
-- them, so they are known only once that update's date has passed; before
-- then the view says the action had not been reported on.
local ACTIONS = [[
SELECT x.id, x.area_id, a.number AS area_number, a.title AS area_title,
       x.seq, x.action, x.lead, x.timescale, x.due,
       CASE WHEN x.update_as_of <= ? THEN x.status END AS status,
       CASE WHEN x.update_as_of <= ? THEN x.rag END AS rag,
       CASE WHEN x.update_as_of <= ? THEN x.quarterly_update END AS quarterly_update,
       CASE WHEN x.update_as_of <= ? THEN x.update_as_of END AS update_as_of,
       x.carried_forward, x.carry_forward_principle
  FROM improvement_actions x
  JOIN improvement_areas a ON a.id = x.area_id
 WHERE a.year = ?
 ORDER BY a.number, x.seq]]

--- The actions of a plan year as known at the view's date.
function gip.actions(ctx, year)
  local d = dates.as_of(ctx)
  return ctx.sql(ACTIONS, d, d, d, d, year)
end

local PRINCIPLES = [[SELECT letter, number, title FROM cipfa_principles ORDER BY letter]]

--- The seven CIPFA/SOLACE principles, A-G.
function gip.principles(ctx)
  return ctx.sql(PRINCIPLES)
end

--- Splits "E, F, G" into { "E", "F", "G" }.
function gip.letters(list)
  local out = {}
  for l in (list or ""):gmatch("%u") do out[#out + 1] = l end
  return out
end

return gip
