-- levels: the corporate risk register's scoring convention, in one place so
-- that the met.lxi4 rule, the heat map and every indicator score a position
-- the same way.
--
-- The register (seed 001, Appendix A) writes a position as "likelihood v
-- impact" on a four-point scale: L, M, H, VH. The database stores levels on
-- the five-point scale of level_values (VL = 1 .. VH = 5); the register never
-- uses VL, so this module folds VL into L (both count 1) rather than
-- shifting the whole scale.

local M = {}

-- Ordinal of each label on the register's four-point scale.
M.ORDINAL = { VL = 1, L = 1, M = 2, H = 3, VH = 4 }

-- Scores at or above these are in the band. Products of two 1..4 ordinals
-- are 1, 2, 3, 4, 6, 8, 9, 12 and 16 (5, 7, 10 and 11 cannot occur), so:
--   green  1-4    (L v L up to M v M, L v VH, VH v L)
--   amber  6-9    (H v M, M v H, M v VH, VH v M, H v H)
--   red    12-16  (H v VH, VH v H, VH v VH)
-- README.md explains why these cut-offs were chosen; the paper does not state them.
M.RED_FROM = 12
M.AMBER_FROM = 5

-- The impact-weighted rule (met.impact_weighted): likelihood + 2 x impact,
-- which runs from 3 (L v L) to 12 (VH v VH).
M.WEIGHTED_RED_FROM = 10
M.WEIGHTED_AMBER_FROM = 7

local KNOWN = "VL, L, M, H or VH"

--- The ordinal (1-4) of a level label; raises an error naming the bad label.
function M.ordinal(label)
  local n = M.ORDINAL[label]
  if not n then
    error(string.format("unknown level '%s' (expected %s)", tostring(label), KNOWN), 2)
  end
  return n
end

--- Likelihood x impact on the four-point scale.
function M.score(likelihood, impact)
  return M.ordinal(likelihood) * M.ordinal(impact)
end

--- The heat-map band of a met.lxi4 score.
function M.band(score)
  if score >= M.RED_FROM then return "red" end
  if score >= M.AMBER_FROM then return "amber" end
  return "green"
end

--- "H v M", the way the register prints a position.
function M.position(likelihood, impact)
  return string.format("%s v %s", likelihood, impact)
end

--- The working of a met.lxi4 score: "H v M -> 3 x 2 = 6 -> amber".
function M.explain(likelihood, impact)
  local l, i = M.ordinal(likelihood), M.ordinal(impact)
  return string.format("%s -> %d x %d = %d -> %s", M.position(likelihood, impact), l, i, l * i, M.band(l * i))
end

--- Impact-weighted score: impact counts twice as much as likelihood.
function M.weighted_score(likelihood, impact)
  return M.ordinal(likelihood) + 2 * M.ordinal(impact)
end

function M.weighted_band(score)
  if score >= M.WEIGHTED_RED_FROM then return "red" end
  if score >= M.WEIGHTED_AMBER_FROM then return "amber" end
  return "green"
end

--- How far a position is above its target, in met.lxi4 points. A risk at or
--- better than its target is 0 away: being below target does not offset
--- another risk being above it.
function M.distance(likelihood, impact, target_likelihood, target_impact)
  local d = M.score(likelihood, impact) - M.score(target_likelihood, target_impact)
  return d > 0 and d or 0
end

-- Bands in the order a board reads them.
M.BANDS = { "red", "amber", "green" }

return M
