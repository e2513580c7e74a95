-- The confidence gap from observations: the demo's synthetic series plus
-- fixtures/gap_observations.sql (Fixtureham and Edgeton, worked by hand in
-- that file).

-- A gap worked out directly: grp minus White British, rounded to 0.1 pp.
local function gap(t, area, period, grp, metric)
  return t.value([[SELECT round(g.value - c.value, 1)
                     FROM observations g
                     JOIN observations c ON c.metric_id = g.metric_id AND c.area = g.area
                                        AND c.period = g.period AND c.grp = 'White British'
                    WHERE g.metric_id = ? AND g.area = ? AND g.period = ? AND g.grp = ?]],
                 metric or "pas.fair", area, period, grp)
end

local END_2022 = { as_of = "2022-12-31" }

gov.test {
  name = "London gap: Black and Asian minus White British, by quarter",
  run = function(t)
    local black = t.eval("trust.confidence_gap.black")
    t.eq(black.kind, "series")
    t.near(black.value, gap(t, "London", "2022-Q4", "Black"), 1e-9)
    t.near(black.series["2021-Q1"], gap(t, "London", "2021-Q1", "Black"), 1e-9)
    t.ok(black.value < 0, "Black respondents are less confident in the demo")
    -- -9.6 pp: within 10 pp of White British, beyond 5: amber
    t.eq(black.rag, "amber")
    local asian = t.eval("trust.confidence_gap.asian")
    t.near(asian.value, gap(t, "London", "2022-Q4", "Asian"), 1e-9)
    t.eq(asian.rag, "green")
  end,
}

gov.test {
  name = "London gap on another measure, and a wrong measure is an error",
  run = function(t)
    local r = t.eval("trust.confidence_gap.black", { params = { measure = "good_job" } })
    t.near(r.value, gap(t, "London", "2022-Q4", "Black", "pas.good_job"), 1e-9)
    t.eq(t.eval("trust.confidence_gap.black", { params = { measure = "happiness" } }).status, "error")
  end,
}

gov.test {
  name = "gap by area: each area at its latest quarter up to the as-of date",
  run = function(t)
    local r = t.eval("trust.confidence_gap.black.by_area")
    t.eq(r.kind, "breakdown")
    t.near(r.breakdown.Camden, gap(t, "Camden", "2022-Q4", "Black"), 1e-9)
    t.near(r.breakdown.Fixtureham, -4.0, 1e-9)   -- its 2023-Q1 figure
    t.near(r.breakdown.Edgeton, -10.0, 1e-9)
    t.eq(r.breakdown.London, nil, "London is the whole, not an area")
    local areas = t.value([[SELECT count(DISTINCT area) FROM observations
                             WHERE metric_id = 'pas.fair' AND grp = 'Black' AND area <> 'London']])
    local n = 0
    for _ in pairs(r.breakdown) do n = n + 1 end
    t.eq(n, areas)
    t.ok(r.explain:find("2023-Q1 (1 area)", 1, true), r.explain)

    local before = t.eval("trust.confidence_gap.black.by_area", END_2022)
    t.near(before.breakdown.Fixtureham, -15.5, 1e-9)
    t.near(before.breakdown.Camden, gap(t, "Camden", "2022-Q4", "Black"), 1e-9)
  end,
}

gov.test {
  name = "gap by area: the headline is the median area",
  run = function(t)
    local rows = t.sql([[SELECT round(g.value - c.value, 1) AS gap
                           FROM observations g
                           JOIN observations c ON c.metric_id = g.metric_id AND c.area = g.area
                                              AND c.period = g.period AND c.grp = 'White British'
                          WHERE g.metric_id = 'pas.fair' AND g.grp = 'Black' AND g.period = '2022-Q4'
                            AND g.area <> 'London'
                          ORDER BY gap]])
    local n = #rows
    local median = n % 2 == 1 and rows[(n + 1) // 2].gap or (rows[n // 2].gap + rows[n // 2 + 1].gap) / 2
    t.near(t.eval("trust.confidence_gap.black.by_area", END_2022).value, median, 1e-9)
  end,
}

gov.test {
  name = "Asian gap by area leaves out an area with no Asian figure",
  run = function(t)
    local r = t.eval("trust.confidence_gap.asian.by_area", END_2022)
    t.near(r.breakdown.Fixtureham, 0.5, 1e-9)
    t.eq(r.breakdown.Edgeton, nil)
  end,
}

gov.test {
  name = "share of areas with a gap wider than 10 pp",
  run = function(t)
    -- The 32 boroughs worked out here; of the fixture areas only Fixtureham
    -- (-15.5) is wider than 10 pp: Edgeton's -10.0 is not.
    local boroughs = t.sql([[SELECT count(*) AS n, sum(round(g.value - c.value, 1) < -10) AS wide
                               FROM observations g
                               JOIN observations c ON c.metric_id = g.metric_id AND c.area = g.area
                                                  AND c.period = g.period AND c.grp = 'White British'
                              WHERE g.metric_id = 'pas.fair' AND g.grp = 'Black' AND g.period = '2022-Q4'
                                AND g.area IN (SELECT name FROM areas WHERE kind = 'borough')]])[1]
    t.eq(boroughs.n, 32)
    local expected = math.floor((boroughs.wide + 1) * 1000 / (boroughs.n + 2) + 0.5) / 10
    local r = t.eval("trust.confidence_gap.black.wide_share")
    t.near(r.series["2022-Q4"], expected, 1e-9)
    -- Fixtureham alone reported 2023-Q1: too few areas to stand for London.
    t.eq(r.series["2023-Q1"], nil)
    t.near(r.value, expected, 1e-9)
    t.ok(r.explain:find("2023-Q1 (1 area)", 1, true), r.explain)
    -- About a third of boroughs: red (green <= 10%, amber <= 25%).
    t.eq(r.rag, "red")
  end,
}

gov.test {
  name = "the wide-gap threshold is a parameter",
  run = function(t)
    -- No demo borough trails by more than 15 pp; Fixtureham (-15.5) does.
    local wide = t.value([[SELECT count(*) FROM observations g
                             JOIN observations c ON c.metric_id = g.metric_id AND c.area = g.area
                                                AND c.period = g.period AND c.grp = 'White British'
                            WHERE g.metric_id = 'pas.fair' AND g.grp = 'Black' AND g.period = '2022-Q4'
                              AND g.area <> 'London' AND round(g.value - c.value, 1) < -15]])
    t.eq(wide, 1)
    local r = t.eval("trust.confidence_gap.black.wide_share", { params = { threshold = "15" } })
    t.near(r.series["2022-Q4"], math.floor(1000 / 34 + 0.5) / 10, 1e-9)
    t.eq(t.eval("trust.confidence_gap.black.wide_share", { params = { threshold = "-3" } }).status, "error")
  end,
}
