-- risks: the corporate risk register and its key controls as they stood at
-- the date a view is drawn as at.
--
-- The risk_register and control_status views of the schema always show the
-- LATEST rows. A board paper drawn "as at 30 September 2021" must show what
-- was known then, and must agree with the heat maps, which the host scores
-- as at the same date. So these queries take the date, the way met-risk's
-- lib/register.lua does, and add what a paper prints beside the position:
-- description, owner, leads, commentary and pillars.

local dates = require('dates')
local fmt = require('fmt')

local risks = {}

-- Each risk with its latest assessment and target on or before the date.
-- A risk with no assessment by then was not yet on the register and is left
-- out. The second pair of placeholders filters on term ('all' keeps both).
local REGISTER = [[
SELECT r.id AS risk_id, r.ref, r.name, r.description, r.term, o.title AS owner,
       (SELECT group_concat(title, '; ')
          FROM (SELECT ro.title AS title FROM risk_leads rl JOIN roles ro ON ro.id = rl.role_id
                 WHERE rl.risk_id = r.id ORDER BY rl.seq)) AS leads,
       a.as_of, a.period, a.likelihood, a.impact, a.trend, a.progress, a.rag, a.commentary,
       s.kind AS source_kind,
       t.likelihood AS target_likelihood, t.impact AS target_impact
  FROM risks r
  JOIN roles o ON o.id = r.owner_role_id
  JOIN risk_assessments a
    ON a.id = (SELECT a2.id FROM risk_assessments a2
                WHERE a2.risk_id = r.id AND a2.as_of <= ?
                ORDER BY a2.as_of DESC LIMIT 1)
  JOIN sources s ON s.id = a.source_id
  LEFT JOIN risk_targets t
    ON t.id = (SELECT t2.id FROM risk_targets t2
                WHERE t2.risk_id = r.id AND t2.as_of <= ?
                ORDER BY t2.as_of DESC LIMIT 1)
 WHERE (? = 'all' OR r.term = ?)
 ORDER BY r.ref]]

--- The register as at the view's date, filtered to `term` ("all", "short"
--- or "long"): an array of rows ordered by ref.
function risks.register(ctx, term)
  local d = dates.as_of(ctx)
  term = term or "all"
  return ctx.sql(REGISTER, d, d, term, term)
end

-- Pillars with the risks aligned to them (seed 001, Appendix A, "Alignment
-- with Met Direction pillars"). A pillar with no risk still appears.
local PILLARS = [[
SELECT p.id, p.title, p.kind, r.ref, r.name, r.term
  FROM pillars p
  LEFT JOIN risk_pillars rp ON rp.pillar_id = p.id
  LEFT JOIN risks r ON r.id = rp.risk_id
 ORDER BY p.id, r.ref]]

--- Every pillar with the refs of the risks in `register` (rows of
--- risks.register) aligned to it: an array of { id, title, kind, risks = {...} }.
function risks.pillars(ctx, register)
  local on_register = {}
  for _, r in ipairs(register) do on_register[r.ref] = true end
  local out, by_id = {}, {}
  for _, row in ipairs(ctx.sql(PILLARS)) do
    local p = by_id[row.id]
    if not p then
      p = { id = row.id, title = row.title, kind = row.kind, risks = {} }
      by_id[row.id] = p
      out[#out + 1] = p
    end
    if row.ref and on_register[row.ref] then p.risks[#p.risks + 1] = fmt.risk(row.ref, row.name) end
  end
  return out
end

-- Every key control of a risk on the register at the date, with its latest
-- progress whose quarter had ended by then (NULL when none had been
-- reported). Where period_end is missing, the last day of the quarter
-- stands in for it.
local CONTROLS = [[
SELECT r.ref, r.name AS risk_name, r.term, c.id AS control_id, c.seq, c.description, c.owner,
       c.target_date, c.note AS control_note,
       p.period, p.progress, p.note AS progress_note
  FROM controls c
  JOIN risks r ON r.id = c.risk_id
  LEFT JOIN control_progress p
    ON p.id = (SELECT p2.id FROM control_progress p2
                WHERE p2.control_id = c.id
                  AND COALESCE(p2.period_end,
                               date(substr(p2.period, 1, 4) || '-' ||
                                    printf('%02d', substr(p2.period, 7, 1) * 3) || '-01',
                                    '+1 month', '-1 day')) <= ?
                ORDER BY p2.period DESC LIMIT 1)
 WHERE EXISTS (SELECT 1 FROM risk_assessments a WHERE a.risk_id = r.id AND a.as_of <= ?)
 ORDER BY r.ref, c.seq]]

--- Key controls as at the view's date: an array of rows ordered by ref and seq.
function risks.controls(ctx)
  local d = dates.as_of(ctx)
  return ctx.sql(CONTROLS, d, d)
end

-- How bad a progress status is, for sorting: slipped 1 .. on track 4, and
-- a control nobody reported on after them all (unknown is not on track,
-- but it is not known to be off track either).
local SEVERITY = {}
for i, code in ipairs(fmt.PROGRESS_ORDER) do SEVERITY[code] = i end
local UNREPORTED = #fmt.PROGRESS_ORDER + 1

function risks.severity(progress)
  return SEVERITY[progress] or UNREPORTED
end

--- Whether a progress status asks for the board's attention.
function risks.needs_attention(progress)
  return progress == "slipped" or progress == "no_progress" or progress == "limited"
end

--- Control rows worst first: slipped and no progress, then limited, then on
--- track, then unreported; within a status by risk and control number.
--- Sorts `rows` in place and returns it.
function risks.sort_by_severity(rows)
  table.sort(rows, function(a, b)
    local sa, sb = risks.severity(a.progress), risks.severity(b.progress)
    if sa ~= sb then return sa < sb end
    if a.ref ~= b.ref then return a.ref < b.ref end
    return a.seq < b.seq
  end)
  return rows
end

--- Controls counted per risk: an array of { ref, name, total, on_track,
--- limited, slipped, no_progress, not_reported, reported, on_track_pct },
--- risks with slipped (or no progress) controls first, then those with
--- limited ones, each by how many; ties by ref.
function risks.tally_controls(rows)
  local by_ref, out = {}, {}
  for _, c in ipairs(rows) do
    local t = by_ref[c.ref]
    if not t then
      t = { ref = c.ref, name = c.risk_name, total = 0, on_track = 0, limited = 0, slipped = 0,
            no_progress = 0, not_reported = 0 }
      by_ref[c.ref] = t
      out[#out + 1] = t
    end
    t.total = t.total + 1
    local key = c.progress and t[c.progress] and c.progress or "not_reported"
    t[key] = t[key] + 1
  end
  for _, t in ipairs(out) do
    t.reported = t.total - t.not_reported
    -- A share of nothing reported is no figure at all, not 0%.
    t.on_track_pct = t.reported > 0 and fmt.percent(t.on_track, t.reported) or nil
  end
  table.sort(out, function(a, b)
    local sa, sb = a.slipped + a.no_progress, b.slipped + b.no_progress
    if sa ~= sb then return sa > sb end
    if a.limited ~= b.limited then return a.limited > b.limited end
    return a.ref < b.ref
  end)
  return out
end

return risks
