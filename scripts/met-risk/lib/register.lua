-- register: the corporate risk register as it stood at a date.
--
-- The risk_register view always shows each risk's LATEST assessment and
-- target, which is right for "now" but wrong for "as at 30 September 2021".
-- Indicators that honour ctx.as_of read risk_assessments, risk_targets and
-- control_progress through the functions here instead, so the "as at" logic
-- is written once.

local M = {}

--- The date an evaluation is "as at": ctx.as_of, which the host always
--- gives (today in UTC unless --as-of, the window or a scenario says
--- otherwise), so every pack has the same "today".
function M.date(ctx)
  return ctx.as_of
end

-- Each risk with its latest assessment and latest target on or before the
-- date. A risk with no assessment by then was not yet on the register and is
-- left out; a risk with no target by then has target_* absent (NULL).
local POSITIONS = [[
SELECT r.ref, r.name, r.term,
       a.as_of, a.period, a.likelihood, a.impact, a.trend, a.progress, a.rag,
       t.likelihood AS target_likelihood, t.impact AS target_impact, t.as_of AS target_as_of
  FROM risks r
  JOIN risk_assessments a
    ON a.id = (SELECT a2.id FROM risk_assessments a2
                WHERE a2.risk_id = r.id AND a2.as_of <= ?
                ORDER BY a2.as_of DESC LIMIT 1)
  LEFT JOIN risk_targets t
    ON t.id = (SELECT t2.id FROM risk_targets t2
                WHERE t2.risk_id = r.id AND t2.as_of <= ?
                ORDER BY t2.as_of DESC LIMIT 1)
 ORDER BY r.ref]]

--- The register as at ctx's date: an array of rows ordered by ref.
function M.positions(ctx)
  local date = M.date(ctx)
  return ctx.sql(POSITIONS, date, date)
end

--- The same register as columns: `cols, n` where cols.ref[i], cols.name[i],
--- cols.likelihood[i], ... are risk i's (i = 1..n; a NULL is nil). Built
--- without a table per risk, it is what the indicators here read: on a
--- register of 10,000 risks it takes a fraction of the time of positions().
function M.position_columns(ctx)
  local date = M.date(ctx)
  return ctx.columns_of(POSITIONS, date, date)
end

-- Each key control's latest reported progress on or before the date.
-- control_progress.period is a calendar quarter; where period_end is missing
-- the quarter's last day stands in for it, so a quarter's status counts from
-- the end of that quarter. Controls never reported on are left out.
local CONTROLS = [[
SELECT r.ref, r.name, c.id AS control_id, c.seq, p.period, p.progress
  FROM controls c
  JOIN risks r ON r.id = c.risk_id
  JOIN control_progress p
    ON p.id = (SELECT p2.id FROM control_progress p2
                WHERE p2.control_id = c.id
                  AND COALESCE(p2.period_end,
                               date(substr(p2.period, 1, 4) || '-' ||
                                    printf('%02d', substr(p2.period, 7, 1) * 3) || '-01',
                                    '+1 month', '-1 day')) <= ?
                ORDER BY p2.period DESC LIMIT 1)
 ORDER BY r.ref, c.seq]]

--- Key controls with a reported status as at ctx's date.
function M.controls(ctx)
  return ctx.sql(CONTROLS, M.date(ctx))
end

--- The same controls as columns: `cols, n` (see position_columns).
function M.control_columns(ctx)
  return ctx.columns_of(CONTROLS, M.date(ctx))
end

--- "10 LEGITIMACY": how a risk is named in explanations.
function M.label(row)
  return string.format("%d %s", row.ref, row.name)
end

--- The label of risk i of a columns result.
function M.label_at(cols, i)
  return string.format("%d %s", cols.ref[i], cols.name[i])
end

return M
