-- Every indicator against the hand-made fixtures (fixtures/*.csv, imported
-- as the tables stop_search and census_ethnicity, with the real files'
-- headers). Worked by hand:
--
-- census_ethnicity, summed over its 12 output areas:
--   White 6,000   Black 2,000   Asian 2,500   Mixed 400 + Other 600 = 1,000   All 11,500
-- stop_search, 13 searches in June 2016:
--   Black 6: NFA x3, Suspect arrested x2, drugs possession warning x1
--            (4 of them on or before 15 June: NFA x2, arrested, warning)
--   White 3: NFA x2, Suspect arrested (all on or before 15 June; one at 23:30 on the 15th)
--   Asian 1: Local resolution (18 June)
--   Other 2: blank outcome (6 June), NFA (22 June)
--   blank ethnicity 1: Suspect arrested (a vehicle search, 25 June)

local JUNE = { as_of = "2016-06-30" }
local MID_JUNE = { as_of = "2016-06-15" }

local function contains(text, part)
  return type(text) == "string" and text:find(part, 1, true) ~= nil
end

gov.test {
  name = "the fixtures are imported with the real files' column names",
  run = function(t)
    t.eq(t.value([[SELECT count(*) FROM stop_search]]), 13)
    t.eq(t.value([[SELECT count(*) FROM census_ethnicity]]), 12)
    t.eq(t.value([[SELECT count(*) FROM stop_search WHERE "Officer-defined ethnicity" IS NULL]]), 1)
    t.eq(t.value([[SELECT sum("Ethnic Group: Black/African/Caribbean/Black British; measures: Value")
                     FROM census_ethnicity]]), 2000)
  end,
}

gov.test {
  name = "searches per 1,000 residents by ethnicity",
  run = function(t)
    local r = t.eval("stop_search.rate_per_1000", JUNE)
    t.eq(r.status, "ok")
    t.near(r.breakdown.Black, 3.0, 1e-9) -- 6 / 2,000 x 1,000
    t.near(r.breakdown.White, 0.5, 1e-9) -- 3 / 6,000 x 1,000
    t.near(r.breakdown.Asian, 0.4, 1e-9) -- 1 / 2,500 x 1,000
    t.near(r.breakdown.Other, 2.0, 1e-9) -- 2 / (400 + 600) x 1,000
    t.near(r.value, 1000 * 13 / 11500, 1e-9) -- all 13 searches, blank ethnicity included
    t.ok(contains(r.explain, "Black: 6 searches / 2,000 residents x 1,000 = 3.00 (95% CI 1.38 to 6.53)"), r.explain)
    t.near(r.intervals.Black.lower, 1.375629923630108, 1e-9) -- Wilson on 6 of 2,000, x 1,000
    t.near(r.intervals.Black.upper, 6.5299150739353085, 1e-9)
    t.eq(r.intervals.Black.n, 6)
    t.eq(r.n, 13)
    t.ok(contains(r.explain, "(1 with no officer-defined ethnicity)"), r.explain)
  end,
}

gov.test {
  name = "searches dated after the evaluation date are left out",
  run = function(t)
    local r = t.eval("stop_search.rate_per_1000", MID_JUNE)
    t.near(r.breakdown.Black, 2.0, 1e-9) -- 4 / 2,000 x 1,000
    t.near(r.breakdown.White, 0.5, 1e-9) -- the 23:30 search on the 15th still counts
    t.eq(r.breakdown.Asian, 0)           -- residents but no searches yet: 0, not missing
    t.near(r.breakdown.Other, 1.0, 1e-9)
    t.eq(t.eval("stop_search.rate_per_1000", { as_of = "2016-05-31" }).status, "no_data")
  end,
}

gov.test {
  name = "Black/White disproportionality is 3.0 / 0.5 = 6.0x",
  run = function(t)
    local r = t.eval("stop_search.disproportionality.black_white", JUNE)
    t.near(r.value, 6.0, 1e-9)
    -- The log-method interval, exp(ln 6 +/- 1.96 sqrt(1/6 + 1/3)), and the
    -- score test z = (6 - 3 x 2,000/6,000) / sqrt(9 x 2,000/6,000).
    t.near(r.lower, 1.500585919559438, 1e-9)
    t.near(r.upper, 23.99062894750429, 1e-9)
    t.eq(r.n, 9)
    t.eq(r.explain, "Black 3.00 per 1,000 (6 searches) / White 0.50 per 1,000 (3 searches) = 6.0x; interval by the "
      .. "log method; score test of equal rates z = 2.9, p = 0.004\n6 x, 95% CI 1.50 to 23.99, 9 searches")
    t.near(t.eval("stop_search.disproportionality.black_white", MID_JUNE).value, 4.0, 1e-9)
  end,
}

gov.test {
  name = "positive outcome rate: anything but no further action, blank outcomes left out",
  run = function(t)
    local r = t.eval("stop_search.positive_outcome_rate", JUNE)
    t.near(r.breakdown.Black, 50, 1e-9)       -- 3 of 6
    t.near(r.breakdown.White, 100 / 3, 1e-9)  -- 1 of 3
    t.near(r.breakdown.Asian, 100, 1e-9)      -- 1 of 1
    t.near(r.breakdown.Other, 0, 1e-9)        -- 0 of 1: the blank outcome is left out
    t.near(r.value, 50, 1e-9)                 -- 6 of the 12 with an outcome
    t.ok(contains(r.explain, "left out: 1 search with no recorded outcome"), r.explain)
    -- By 15 June the only "Other" search has no outcome, so the group has no rate.
    t.eq(t.eval("stop_search.positive_outcome_rate", MID_JUNE).breakdown.Other, nil)
  end,
}

gov.test {
  name = "arrest rate: outcome 'Suspect arrested'",
  run = function(t)
    local r = t.eval("stop_search.arrest_rate", JUNE)
    t.near(r.breakdown.Black, 100 / 3, 1e-9) -- 2 of 6
    t.near(r.breakdown.White, 100 / 3, 1e-9) -- 1 of 3
    t.near(r.breakdown.Asian, 0, 1e-9)
    t.near(r.breakdown.Other, 0, 1e-9)
    t.near(r.value, 100 / 3, 1e-9)           -- 4 of 12, the blank-ethnicity arrest included
    t.ok(contains(r.explain, "Black: 2 of 6 = 33.3%"), r.explain)
  end,
}
