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

-- Risks with a target as at ctx's date, each with its scores and distance.
-- Read as columns (no table per risk of the register); a table is made only
-- for the risks with a target.
local function distances(ctx)
  local cols, n = register.position_columns(ctx)
  local ref, name = cols.ref, cols.name
  local likelihood, impact = cols.likelihood, cols.impact
  local target_likelihood, target_impact = cols.target_likelihood, cols.target_impact
  local out = {}
  for i = 1, n do
    local l, im, tl, ti = likelihood[i], impact[i], target_likelihood[i], target_impact[i]
    if tl and ti then
      out[#out + 1] = {
        ref = ref[i], name = name[i], likelihood = l, impact = im, target_likelihood = tl, target_impact = ti,
        score = levels.score(l, im), target_score = levels.score(tl, ti), distance = levels.distance(l, im, tl, ti),
      }
    end
  end
  return out
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
    local rows = distances(ctx)
    if #rows == 0 then return nil end
    local total, furthest = 0, rows[1]
    for _, row in ipairs(rows) do
      total = total + row.distance
      if row.distance > furthest.distance then furthest = row end
    end
    local mean = total / #rows
    return {
      value = mean,
      explain = string.format("%d points over %d risks = %.1f points per risk; furthest: %s",
        total, #rows, mean, describe(furthest)),
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
    local rows = distances(ctx)
    if #rows == 0 then return nil end
    -- Count every risk but describe at most SHOWN: a working is read by
    -- people, and a register of thousands would otherwise give pages.
    local count, far = 0, {}
    for _, row in ipairs(rows) do
      if row.distance > n then
        count = count + 1
        if count <= SHOWN then far[#far + 1] = describe(row) end
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
