-- Distance to target: how far each risk's current position is above the
-- target position the register sets for it, in met.lxi4 points (current
-- score minus target score). A risk at or better than its target counts 0,
-- so one risk beating its target does not hide another missing it.
--
-- Risks with no target recorded by the evaluation date are left out. In
-- the demo database targets are recorded from December 2021 only, so before
-- then these indicators have no data.

local levels = require("levels")
local register = require("register")

-- Past this many risks a working says how many more (as register.lua does).
local SHOWN = 12

-- Risk i of the register (register.register) as a row with its scores
-- and distance, for describe().
local function row_at(reg, i)
  return {
    ref = reg.ref[i], name = reg.name[i], likelihood = reg.likelihood[i], impact = reg.impact[i],
    target_likelihood = reg.target_likelihood[i], target_impact = reg.target_impact[i],
    score = reg.score[i], target_score = reg.target_score[i], distance = reg.distance[i],
  }
end

-- The register as at ctx's date, and the indices of its risks with a
-- target, in ref order. Read from the pack's shared register: no table per
-- risk.
local function with_target(ctx)
  local reg = register.register(ctx)
  local out = {}
  local tl, ti, score, target_score = reg.target_likelihood, reg.target_impact, reg.score, reg.target_score
  for i = 1, reg.n do
    if tl[i] and ti[i] then
      if not score[i] then register.check_score(reg, i) end
      if not target_score[i] then register.check_score(reg, i, true) end
      out[#out + 1] = i
    end
  end
  return reg, out
end

-- "10 LEGITIMACY VH v VH (16) vs target M v M (4): 12"
local function describe(row)
  return string.format("%s %s (%d) vs target %s (%d): %d", register.label(row),
    levels.position(row.likelihood, row.impact), row.score,
    levels.position(row.target_likelihood, row.target_impact), row.target_score, row.distance)
end

gov.indicator {
  id = "risk.target_distance",
  title = "Average distance from target (met.lxi4 points)",
  description = "Mean over the corporate risks of current score minus target score, "
    .. "counting a risk at or below target as 0.",
  unit = "points",
  polarity = "lower_is_better",
  thresholds = { green = 2, amber = 4 },
  tags = { "risk", "target" },
  compute = function(ctx)
    local reg, rows = with_target(ctx)
    if #rows == 0 then return nil end
    local distance = reg.distance
    local total, furthest = 0, rows[1]
    for _, i in ipairs(rows) do
      total = total + distance[i]
      if distance[i] > distance[furthest] then furthest = i end
    end
    local mean = total / #rows
    return {
      value = mean,
      explain = string.format("%d points over %d risks = %.1f points per risk; furthest: %s",
        total, #rows, mean, describe(row_at(reg, furthest))),
    }
  end,
}

-- How many risks are more than N points above target. N is the parameter
-- "n" (ctx.params.n), 4 unless given: on a 16-point scale, more than 4
-- points is more than a whole step of both likelihood and impact from M v M.
local DEFAULT_N = 4

gov.indicator {
  id = "risk.far_from_target",
  title = "Corporate risks more than N points from target",
  description = "Number of risks whose met.lxi4 score is more than N points above their target "
    .. "score (N is the parameter 'n', default 4).",
  unit = "risks",
  polarity = "lower_is_better",
  thresholds = { green = 0, amber = 2 },
  tags = { "risk", "target" },
  compute = function(ctx)
    local n = tonumber(ctx.params and ctx.params.n) or DEFAULT_N
    local reg, rows = with_target(ctx)
    if #rows == 0 then return nil end
    -- Count every risk but describe at most SHOWN: a working is read by
    -- people, and a register of thousands would otherwise give pages.
    local count, far, distance = 0, {}, reg.distance
    for _, i in ipairs(rows) do
      if distance[i] > n then
        count = count + 1
        if count <= SHOWN then far[#far + 1] = describe(row_at(reg, i)) end
      end
    end
    if count > SHOWN then far[#far + 1] = string.format("and %d more", count - SHOWN) end
    return {
      value = count,
      explain = string.format("%d of %d risks more than %s points from target%s%s", count, #rows,
        tostring(n), count > 0 and ":\n" or "", table.concat(far, "\n")),
    }
  end,
}
