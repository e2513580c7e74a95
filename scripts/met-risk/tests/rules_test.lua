-- The three scoring rules on the positions of the December 2021 register
-- (seed 001, Appendix A), worked out by hand:
--   met.lxi4            L=1 M=2 H=3 VH=4, score = L x I, green 1-4, amber 6-9, red 12-16
--   met.grid5           VL=1 .. VH=5, score = L x I, band from the 5x5 grid
--   met.impact_weighted L=1 M=2 H=3 VH=4, score = L + 2 x I, green <=6, amber 7-9, red 10-12

local DECEMBER_2021 = {
  -- ref  position     lxi4            grid5            impact_weighted
  { ref = 1, l = "M", i = "H", lxi4 = { 6, "amber" }, grid5 = { 12, "amber" }, weighted = { 8, "amber" } },
  { ref = 2, l = "H", i = "M", lxi4 = { 6, "amber" }, grid5 = { 12, "amber" }, weighted = { 7, "amber" } },
  { ref = 3, l = "H", i = "H", lxi4 = { 9, "amber" }, grid5 = { 16, "red" }, weighted = { 9, "amber" } },
  { ref = 4, l = "H", i = "M", lxi4 = { 6, "amber" }, grid5 = { 12, "amber" }, weighted = { 7, "amber" } },
  { ref = 5, l = "M", i = "VH", lxi4 = { 8, "amber" }, grid5 = { 15, "red" }, weighted = { 10, "red" } },
  { ref = 6, l = "L", i = "H", lxi4 = { 3, "green" }, grid5 = { 8, "amber" }, weighted = { 7, "amber" } },
  { ref = 7, l = "M", i = "M", lxi4 = { 4, "green" }, grid5 = { 9, "amber" }, weighted = { 6, "green" } },
  { ref = 8, l = "M", i = "H", lxi4 = { 6, "amber" }, grid5 = { 12, "amber" }, weighted = { 8, "amber" } },
  { ref = 9, l = "M", i = "H", lxi4 = { 6, "amber" }, grid5 = { 12, "amber" }, weighted = { 8, "amber" } },
  { ref = 10, l = "VH", i = "VH", lxi4 = { 16, "red" }, grid5 = { 25, "red" }, weighted = { 12, "red" } },
  { ref = 11, l = "M", i = "H", lxi4 = { 6, "amber" }, grid5 = { 12, "amber" }, weighted = { 8, "amber" } },
}

local RULES = { lxi4 = "met.lxi4", grid5 = "met.grid5", weighted = "met.impact_weighted" }

gov.test {
  name = "risk 10 LEGITIMACY, VH v VH, scores 16 and is red under met.lxi4",
  run = function(t)
    local s = t.score("met.lxi4", "VH", "VH")
    t.eq(s.score, 16)
    t.eq(s.band, "red")
  end,
}

gov.test {
  name = "the demo register holds the December 2021 positions these tests expect",
  run = function(t)
    local rows = t.sql([[
      SELECT r.ref, a.likelihood, a.impact
        FROM risks r JOIN risk_assessments a ON a.risk_id = r.id
       WHERE a.as_of = ? ORDER BY r.ref]], "2021-12-31")
    t.eq(#rows, #DECEMBER_2021, "eleven risks in December 2021")
    for k, want in ipairs(DECEMBER_2021) do
      t.eq(rows[k].ref, want.ref)
      t.eq(rows[k].likelihood .. " v " .. rows[k].impact, want.l .. " v " .. want.i, "risk " .. want.ref)
    end
  end,
}

gov.test {
  name = "every December 2021 risk scores as worked out by hand under all three rules",
  run = function(t)
    for _, want in ipairs(DECEMBER_2021) do
      for key, rule in pairs(RULES) do
        local s = t.score(rule, want.l, want.i)
        local what = string.format("%s, risk %d (%s v %s)", rule, want.ref, want.l, want.i)
        t.eq(s.score, want[key][1], what .. " score")
        t.eq(s.band, want[key][2], what .. " band")
      end
    end
  end,
}

gov.test {
  name = "met.lxi4 counts VL as 1, the same as L",
  run = function(t)
    t.eq(t.score("met.lxi4", "VL", "H").score, 3)
    t.eq(t.score("met.lxi4", "L", "H").score, 3)
    t.eq(t.score("met.lxi4", "VL", "VL").band, "green")
  end,
}

gov.test {
  name = "met.lxi4 bands: 4 is green, 6 and 9 amber, 12 red",
  run = function(t)
    t.eq(t.score("met.lxi4", "M", "M").band, "green")  -- 4
    t.eq(t.score("met.lxi4", "L", "VH").band, "green") -- 4
    t.eq(t.score("met.lxi4", "H", "M").band, "amber")  -- 6
    t.eq(t.score("met.lxi4", "H", "H").band, "amber")  -- 9
    t.eq(t.score("met.lxi4", "H", "VH").band, "red")   -- 12
    t.eq(t.score("met.lxi4", "VH", "H").band, "red")   -- 12
  end,
}

gov.test {
  name = "met.grid5 reads every cell of its grid",
  run = function(t)
    local scale = { "VL", "L", "M", "H", "VH" }
    local grid = {
      { "green", "green", "green", "green", "amber" },
      { "green", "green", "amber", "amber", "amber" },
      { "green", "amber", "amber", "amber", "red" },
      { "green", "amber", "amber", "red", "red" },
      { "amber", "amber", "red", "red", "red" },
    }
    for li, l in ipairs(scale) do
      for ii, i in ipairs(scale) do
        local s = t.score("met.grid5", l, i)
        t.eq(s.score, li * ii, l .. " v " .. i .. " score")
        t.eq(s.band, grid[li][ii], l .. " v " .. i .. " band")
      end
    end
  end,
}

gov.test {
  name = "met.impact_weighted ranks impact above likelihood",
  run = function(t)
    -- L v VH (unlikely, severe) outranks VH v L (likely, minor).
    t.eq(t.score("met.impact_weighted", "L", "VH").score, 9)
    t.eq(t.score("met.impact_weighted", "VH", "L").score, 6)
    t.eq(t.score("met.impact_weighted", "L", "VH").band, "amber")
    t.eq(t.score("met.impact_weighted", "VH", "L").band, "green")
  end,
}
