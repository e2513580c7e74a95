-- met.impact_weighted: an alternative code rule for a board that wants
-- high-impact risks to stand out even when they are unlikely. Score =
-- likelihood + 2 x impact on the register's four-point scale (3-12), so a
-- step up in impact moves a risk twice as far as a step up in likelihood.
-- M v VH (risk 5, CAPABILITY, in December 2021) is amber under met.lxi4 but
-- red here.

local levels = require("levels")

gov.rule {
  id = "met.impact_weighted",
  title = "Impact-weighted score (likelihood + 2 x impact)",
  description = "Score = likelihood + 2 x impact with L=1, M=2, H=3, VH=4 (VL counts as 1), "
    .. "so 3-12. Green up to 6, amber 7-9, red 10-12.",
  -- The register's scale, low to high: the heat map's axes.
  likelihood = { "L", "M", "H", "VH" },
  impact = { "L", "M", "H", "VH" },
  score = function(r)
    return levels.weighted_score(r.likelihood, r.impact)
  end,
  band = function(score)
    return levels.weighted_band(score)
  end,
}
