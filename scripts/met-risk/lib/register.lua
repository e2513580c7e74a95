-- register: the corporate risk register as it stood at a date.
--
-- The risk_register view always shows each risk's LATEST assessment and
-- target, which is right for "now" but wrong for "as at 30 September 2021".
-- Indicators that honour ctx.as_of read risk_assessments, risk_targets and
-- control_progress through the functions here instead, so the "as at" logic
-- is written once.

local levels = require("levels")

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

-- The positions query with each risk's id and its ref as text (the key of
-- score_by_ref: SQLite writes a number as text several times faster than
-- tostring), whole (in ref order) or for one risk.
local REGISTER = POSITIONS:gsub("SELECT r.ref,", "SELECT r.id AS risk_id, r.ref, CAST(r.ref AS TEXT) AS ref_key,", 1)
local REGISTER_ONE = REGISTER:gsub(" ORDER BY r.ref$", " WHERE r.id = ?")
local COLUMNS = { "risk_id", "ref", "ref_key", "name", "term", "as_of", "period", "likelihood", "impact", "trend",
  "progress", "rag", "target_likelihood", "target_impact", "target_as_of" }

-- A score, or false and why not (an unknown level: the indicators that
-- need the score raise the same error levels.score would have). Known
-- levels are looked up directly, as levels.score does; only a label that is
-- not a level goes through levels.score, for its message (a pcall for every
-- risk was most of the time it took to build a register of 10,000 risks).
local function score_of(likelihood, impact)
  local ordinal = levels.ORDINAL
  local l, i = ordinal[likelihood], ordinal[impact]
  if l and i then return l * i, nil end
  local ok, s = pcall(levels.score, likelihood, impact)
  if ok then return s, nil end
  return false, s
end

-- Risk i's scores under met.lxi4: score, band, and where it has a target,
-- target_score and distance (reg.why / reg.target_why say why a score is
-- false).
local function derive(reg, i)
  local s, why = score_of(reg.likelihood[i], reg.impact[i])
  reg.score[i], reg.why[i] = s, why
  reg.band[i] = s and levels.band(s) or nil
  reg.score_by_ref[reg.ref_key[i]] = s or nil
  local tl, ti = reg.target_likelihood[i], reg.target_impact[i]
  if tl and ti then
    local t, twhy = score_of(tl, ti)
    reg.target_score[i], reg.target_why[i] = t, twhy
    reg.distance[i] = (s and t) and math.max(s - t, 0) or nil
  else
    reg.target_score[i], reg.target_why[i], reg.distance[i] = nil, nil, nil
  end
end

local function build_register(ctx, date)
  local reg, n = ctx.columns_of(REGISTER, date, date)
  reg.n, reg.at = n, {}
  reg.score, reg.why, reg.band, reg.score_by_ref = {}, {}, {}, {}
  reg.target_score, reg.target_why, reg.distance = {}, {}, {}
  local at, id = reg.at, reg.risk_id
  for i = 1, n do
    at[id[i]] = i
    derive(reg, i)
  end
  return reg
end

-- After an edit: the risks whose rows changed are read again and their
-- positions replaced where they stand. A risk that joins or leaves the
-- register, or changes its ref (its place in the order), has the register
-- built again (nil).
local function update_register(ctx, reg, date, changes)
  local ids = {}
  for _, c in ipairs(changes) do
    if c.table == "risks" then
      ids[#ids + 1] = c.row_id
    elseif c.table == "risk_assessments" or c.table == "risk_targets" then
      if c.before then ids[#ids + 1] = c.before.risk_id end
      if c.after then ids[#ids + 1] = c.after.risk_id end
    else
      return nil
    end
  end
  for _, id in ipairs(ids) do
    local i = reg.at[id]
    local rows = ctx.sql(REGISTER_ONE, date, date, id)
    local row = rows[1]
    if not i or not row or row.ref ~= reg.ref[i] then
      if i or row then return nil end -- joins, leaves or moves: build again
    else
      for _, c in ipairs(COLUMNS) do reg[c][i] = row[c] end
      derive(reg, i)
    end
  end
  return reg
end

--- The register as at ctx's date, shared by every indicator of this pack
--- that asks (ctx.shared): one read of the register per state of the
--- database, brought up to date risk by risk after an edit. The columns of
--- position_columns (and risk_id, and ref_key: the ref as text) for i =
--- 1..reg.n, with reg.at[risk_id] = i and each risk's met.lxi4 scores:
--- reg.score[i], reg.band[i], and for risks with a target
--- reg.target_score[i] and reg.distance[i] (as levels.distance gives it);
--- reg.score_by_ref[ref_key] is the score by ref. A score that could not be
--- made is false, with the error in reg.why[i] (reg.target_why[i]).
--- Read-only: every indicator sees the same tables.
function M.register(ctx)
  local date = M.date(ctx)
  return ctx.shared("met-risk.register", function()
    return build_register(ctx, date)
  end, function(reg, changes)
    return update_register(ctx, reg, date, changes)
  end)
end

--- Raises the error levels.score gave for risk i of a register (its
--- target's when `target`), if it gave one.
function M.check_score(reg, i, target)
  if target then
    if reg.target_score[i] == false then error(reg.target_why[i], 0) end
  elseif reg.score[i] == false then
    error(reg.why[i], 0)
  end
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
