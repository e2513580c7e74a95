-- The indicators on the demo database, as at the December 2021 register
-- (seed 001) and as at an earlier quarter of the synthetic history
-- (assets/demo/900_synthetic.sql). Expected figures are worked out by hand
-- in the comments.

local DEC = { as_of = "2021-12-31" }
local SEP = { as_of = "2021-09-30" }

local function contains(text, part)
  return type(text) == "string" and text:find(part, 1, true) ~= nil
end

gov.test {
  name = "eleven corporate risks in December 2021, none before 2020",
  run = function(t)
    local r = t.eval("risk.count", DEC)
    t.eq(r.status, "ok")
    t.eq(r.value, 11)
    t.ok(contains(r.explain, "3 short-term, 8 long-term"), r.explain)
    t.eq(t.eval("risk.count", { as_of = "2019-12-31" }).status, "no_data")
  end,
}

gov.test {
  name = "the report's progress RAG: seven green, two amber, one red",
  run = function(t)
    local r = t.eval("risk.rag_count", DEC)
    t.eq(r.breakdown.green, 7)
    t.eq(r.breakdown.amber, 2)
    t.eq(r.breakdown.red, 1)
    -- Reported for the December 2021 quarter only.
    t.eq(t.eval("risk.rag_count", SEP).status, "no_data")
  end,
}

gov.test {
  name = "risk scores: 10 LEGITIMACY VH v VH is 4 x 4 = 16, red",
  run = function(t)
    local r = t.eval("risk.score", DEC)
    t.eq(r.breakdown["10"], 16)
    t.eq(r.breakdown["6"], 3)  -- L v H
    t.eq(r.breakdown["5"], 8)  -- M v VH
    t.eq(r.rag, "red")         -- the worst risk decides
    t.ok(contains(r.explain, "10 LEGITIMACY: VH v VH -> 4 x 4 = 16 -> red"), r.explain)
    t.ok(contains(r.explain, "2 NEW SYSTEMS: H v M -> 3 x 2 = 6 -> amber"), r.explain)
  end,
}

gov.test {
  name = "band counts under met.lxi4, December 2021: 1 red, 8 amber, 2 green",
  run = function(t)
    -- 16 (risk 10) red; 6, 6, 9, 6, 8, 6, 6, 6 amber; 3 (risk 6) and 4 (risk 7) green.
    local r = t.eval("risk.band_count", DEC)
    t.eq(r.breakdown.red, 1)
    t.eq(r.breakdown.amber, 8)
    t.eq(r.breakdown.green, 2)
    t.ok(contains(r.explain, "red 1: 10 LEGITIMACY"), r.explain)
  end,
}

gov.test {
  name = "band counts as at 30 September 2021 differ: 1 red, 7 amber, 3 green",
  run = function(t)
    -- 2021-Q3 (synthetic): 1 H v H 9, 2 H v M 6, 3 H v H 9, 4 H v M 6, 5 M v VH 8,
    -- 6 H v H 9, 7 M v M 4, 8 M v H 6, 9 L v H 3, 10 VH v VH 16, 11 L v H 3.
    local r = t.eval("risk.band_count", SEP)
    t.eq(r.breakdown.red, 1)
    t.eq(r.breakdown.amber, 7)
    t.eq(r.breakdown.green, 3)
    -- The as-at register is read from risk_assessments, not the latest view.
    t.eq(t.eval("risk.score", SEP).breakdown["6"], 9)
  end,
}

gov.test {
  name = "average distance to target is 49 points over 11 risks",
  run = function(t)
    -- current - target: 1: 6-2=4, 2: 6-4=2, 3: 9-1=8, 4: 6-4=2, 5: 8-1=7, 6: 3-1=2,
    -- 7: 4-1=3, 8: 6-3=3, 9: 6-4=2, 10: 16-4=12, 11: 6-2=4; total 49.
    local r = t.eval("risk.target_distance", DEC)
    t.near(r.value, 49 / 11, 1e-9)
    t.eq(r.rag, "red")
    t.ok(contains(r.explain, "furthest: 10 LEGITIMACY VH v VH (16) vs target M v M (4): 12"), r.explain)
    -- The demo records targets from December 2021 only.
    t.eq(t.eval("risk.target_distance", SEP).status, "no_data")
  end,
}

gov.test {
  name = "risks more than N points from target: 3 for N = 4, 5 for N = 3",
  run = function(t)
    local r = t.eval("risk.far_from_target", DEC)
    t.eq(r.value, 3) -- risks 3 (8), 5 (7) and 10 (12)
    t.eq(r.rag, "red")
    local r3 = t.eval("risk.far_from_target", { as_of = "2021-12-31", params = { n = "3" } })
    t.eq(r3.value, 5) -- and risks 1 and 11 (4 each)
  end,
}

gov.test {
  name = "risks worsening: 9 and 11 in December 2021, none in September, risk 4 in June",
  run = function(t)
    local r = t.eval("risk.worsening", DEC)
    t.eq(r.value, 2)
    t.eq(r.rag, "amber")
    t.ok(contains(r.explain, "9 PUBLIC & LOCAL ENGAGEMENT, 11 ESTATES"), r.explain)
    t.eq(t.eval("risk.worsening", SEP).value, 0)
    t.eq(t.eval("risk.worsening", { as_of = "2021-06-30" }).value, 1)
  end,
}

gov.test {
  name = "progress towards target as the register states it",
  run = function(t)
    local r = t.eval("risk.progress_count", DEC)
    t.eq(r.breakdown.on_track, 1)   -- risk 6
    t.eq(r.breakdown.limited, 2)    -- risks 4 and 8
    t.eq(r.breakdown.slipped, 1)    -- risk 9
    t.eq(r.breakdown.no_progress, 0)
    t.eq(r.breakdown.not_stated, 7)
  end,
}

gov.test {
  name = "key controls on track by risk: 8 has 6 of 9, 9 has 0 of 4",
  run = function(t)
    local r = t.eval("risk.controls.on_track_by_risk", DEC)
    t.near(r.breakdown["8"], 100 * 6 / 9, 1e-9)
    t.eq(r.breakdown["9"], 0)
    t.eq(r.breakdown["10"], nil) -- controls named, but no status reported
    t.eq(r.rag, "red")
    t.ok(contains(r.explain, "8 CRIME PREVENTION: 6 of 9 on track (3 limited)"), r.explain)
  end,
}

gov.test {
  name = "key controls on track overall: 6 of the 13 reported",
  run = function(t)
    local r = t.eval("risk.controls.on_track", DEC)
    t.near(r.value, 100 * 6 / 13, 1e-9)
    t.eq(r.rag, "red")
    t.ok(contains(r.explain, "6 of 13 on track (6 limited, 1 slipped)"), r.explain)
    t.ok(contains(r.explain, "17 other key controls"), r.explain)
    -- No control statuses are recorded before the December 2021 quarter.
    t.eq(t.eval("risk.controls.on_track", SEP).status, "no_data")
  end,
}

gov.test {
  name = "one risk with a slipped control: 9 PUBLIC & LOCAL ENGAGEMENT",
  run = function(t)
    local r = t.eval("risk.controls.slipped", DEC)
    t.eq(r.value, 1)
    t.eq(r.rag, "amber")
    t.ok(contains(r.explain, "9 PUBLIC & LOCAL ENGAGEMENT: 1 slipped, 0 no progress"), r.explain)
  end,
}

gov.test {
  name = "controls read the latest quarter on or before the date (fixture: risk 8 in 2022-Q1)",
  run = function(t)
    -- December 2021 (seed 001): 6 of 9 on track, 3 limited.
    local dec = t.eval("risk.controls.on_track_by_risk", DEC)
    t.near(dec.breakdown["8"], 100 * 6 / 9, 1e-9)
    -- March 2022 (fixtures/controls_2022q1.sql): 8 of 9 on track, 1 slipped.
    local mar = t.eval("risk.controls.on_track_by_risk", { as_of = "2022-03-31" })
    t.near(mar.breakdown["8"], 100 * 8 / 9, 1e-9)
    t.eq(t.eval("risk.controls.slipped", { as_of = "2022-03-31" }).value, 2)
    -- The fixture's rows exist in the test database only.
    t.eq(t.value("SELECT count(*) FROM control_progress WHERE period = '2022-Q1'"), 9)
  end,
}
