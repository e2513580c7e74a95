-- The per-neighbourhood gap from the real PAS file's layout, on the
-- fixture fixtures/pas_neighbourhood_groups.csv: the real file's column
-- names (its three header rows joined with " | ", as the importer makes
-- them) and six made-up neighbourhoods. Worked by hand, fair treatment,
-- Black minus White British:
--   Testborough - North      64 - 80 = -16
--   Testborough - South      70 - 72 =  -2
--   Testborough - East       blank row: left out
--   Otherborough - Central   59 - 70 = -11
--   Otherborough - West      76 - 66 = +10
--   Otherborough - Riverside White British N/A: left out
-- Median of (-16, -11, -2, +10) = -6.5; wider than 10 pp: 2 of 4 = 50%.

local FAIR_BLACK = "The police in your area treat everyone fairly regardless of who they are | Black | % Strongly agree/Tend to agree"
local FAIR_WHITE = "The police in your area treat everyone fairly regardless of who they are | White British | % Strongly agree/Tend to agree"

gov.test {
  name = "the fixture has the real file's column names",
  run = function(t)
    t.eq(t.value([[SELECT count(*) FROM pas_neighbourhood_groups]]), 6)
    -- The row is read by column name; the name must be exactly the real one.
    local row = t.sql([[SELECT * FROM pas_neighbourhood_groups WHERE neighbourhood = ?]], "Testborough - North")[1]
    t.eq(row[FAIR_BLACK], 64)
    t.eq(row[FAIR_WHITE], 80)
  end,
}

gov.test {
  name = "Black minus White British per neighbourhood, blanks left out",
  run = function(t)
    local r = t.eval("trust.confidence_gap.black.neighbourhood")
    t.eq(r.status, "ok")
    t.eq(r.kind, "breakdown")
    t.eq(r.breakdown["Testborough - North"], -16)
    t.eq(r.breakdown["Testborough - South"], -2)
    t.eq(r.breakdown["Otherborough - Central"], -11)
    t.eq(r.breakdown["Otherborough - West"], 10)
    t.eq(r.breakdown["Testborough - East"], nil)
    t.eq(r.breakdown["Otherborough - Riverside"], nil)
    t.near(r.value, -6.5, 1e-9)
    -- Four neighbourhoods: the median's order-statistic interval is their
    -- whole range, at 1 - 2 x 0.5^4 = 87.5% (no pair reaches 95%).
    t.eq(r.n, 4)
    t.eq(r.lower, -16)
    t.eq(r.upper, 10)
    t.near(r.level, 0.875, 1e-12)
    t.ok(r.explain:find("-6.5 pp, 87.5% CI -16.0 to 10.0, 4 neighbourhoods", 1, true), r.explain)
    t.ok(r.explain:find("publishes no sample sizes", 1, true), r.explain)
    t.eq(r.rag, "amber")
    t.ok(r.explain:find("2 neighbourhoods left out", 1, true), r.explain)
    -- The same figure straight from the table.
    local direct = t.value([[SELECT "]] .. FAIR_BLACK .. [[" - "]] .. FAIR_WHITE .. [["
                               FROM pas_neighbourhood_groups WHERE neighbourhood = ?]], "Otherborough - Central")
    t.eq(r.breakdown["Otherborough - Central"], direct)
  end,
}

gov.test {
  name = "Asian minus White British per neighbourhood",
  run = function(t)
    -- North 78 - 80 = -2, South 74 - 72 = +2, Central 81 - 70 = +11; West has
    -- no Asian figure and Riverside no White British one.
    local r = t.eval("trust.confidence_gap.asian.neighbourhood")
    t.eq(r.breakdown["Otherborough - Central"], 11)
    t.eq(r.breakdown["Otherborough - West"], nil)
    t.near(r.value, 2, 1e-9)
    t.eq(r.rag, "green")
  end,
}

gov.test {
  name = "share of neighbourhoods wider than 10 pp, uses the gap indicator",
  run = function(t)
    local r = t.eval("trust.confidence_gap.black.neighbourhood_wide_share")
    t.near(r.value, 50, 1e-9)
    t.eq(r.rag, "red")
    -- On listening every gap is -10 or narrower (-10, +1, -10, -4, -4):
    -- exactly 10 pp is not wider than 10 pp.
    local listen = { params = { measure = "listen" } }
    t.near(t.eval("trust.confidence_gap.black.neighbourhood", listen).value, -4, 1e-9)
    t.near(t.eval("trust.confidence_gap.black.neighbourhood_wide_share", listen).value, 0, 1e-9)
    t.eq(t.eval("trust.confidence_gap.black.neighbourhood_wide_share", { params = { threshold = "15" } }).value, 25)
  end,
}

gov.test {
  name = "the pooled file counts only from the end of its fieldwork (March 2021)",
  run = function(t)
    t.eq(t.eval("trust.confidence_gap.black.neighbourhood", { as_of = "2021-03-30" }).status, "no_data")
    t.eq(t.eval("trust.confidence_gap.black.neighbourhood", { as_of = "2021-03-31" }).status, "ok")
    t.eq(t.eval("trust.confidence_gap.black.neighbourhood_wide_share", { as_of = "2020-12-31" }).status, "no_data")
  end,
}

gov.test {
  name = "an unknown measure for the neighbourhood file is an error, not no data",
  run = function(t)
    t.eq(t.eval("trust.confidence_gap.black.neighbourhood", { params = { measure = "trust" } }).status, "error")
  end,
}
