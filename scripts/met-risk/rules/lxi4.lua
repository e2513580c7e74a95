-- met.lxi4: the corporate risk register's own convention (seed 001,
-- Appendix A). A position "H v M" scores ordinal(likelihood) x
-- ordinal(impact) on the four-point scale L = 1, M = 2, H = 3, VH = 4 (VL,
-- which the register does not use, counts as 1). The scoring and the band
-- cut-offs live in lib/levels.lua, shared with the indicators.

local levels = require("levels")

gov.rule {
  id = "met.lxi4",
  title = "Likelihood x impact on the register's four-point scale",
  description = "Score = likelihood x impact with L=1, M=2, H=3, VH=4 (VL counts as 1), "
    .. "so 1-16. Green 1-4, amber 6-9, red 12-16.",
  -- The register's scale, low to high: the heat map's axes.
  likelihood = { "L", "M", "H", "VH" },
  impact = { "L", "M", "H", "VH" },
  score = function(r)
    return levels.score(r.likelihood, r.impact)
  end,
  band = function(score)
    return levels.band(score)
  end,
}
