-- The PAS measures against the demo's synthetic series (900_synthetic.sql).
-- Expected values come straight from the observations table here, not
-- from the pack's lib/, so a wrong query in the pack cannot agree with
-- itself.

local MEASURES = { "good_job", "trust", "fair", "listen", "relied_on" }

-- The London, all-groups value of a measure in a quarter.
local function london(t, key, period, grp)
  return t.value([[SELECT value FROM observations
                    WHERE metric_id = ? AND area = 'London' AND grp = ? AND period = ?]],
                 "pas." .. key, grp or "All", period)
end

gov.test {
  name = "each London PAS series runs by quarter to the latest quarter",
  run = function(t)
    for _, key in ipairs(MEASURES) do
      local r = t.eval("trust.pas." .. key)
      t.eq(r.status, "ok", key)
      t.eq(r.kind, "series", key)
      local quarters = t.value([[SELECT count(*) FROM observations
                                  WHERE metric_id = ? AND area = 'London' AND grp = 'All']], "pas." .. key)
      local n = 0
      for _ in pairs(r.series) do n = n + 1 end
      t.eq(n, quarters, key .. " quarters")
      t.eq(r.value, london(t, key, "2022-Q4"), key .. " headline")
      t.eq(r.series["2020-Q1"], london(t, key, "2020-Q1"), key .. " first quarter")
    end
  end,
}

gov.test {
  name = "the London series stops at the as-of date",
  run = function(t)
    local r = t.eval("trust.pas.good_job", { as_of = "2021-12-31" })
    t.eq(r.value, london(t, "good_job", "2021-Q4"))
    t.eq(r.series["2022-Q1"], nil, "a quarter ending after the as-of date")
    -- A quarter counts only once it has ended.
    t.eq(t.eval("trust.pas.good_job", { as_of = "2021-12-30" }).value, london(t, "good_job", "2021-Q3"))
    t.eq(t.eval("trust.pas.good_job", { as_of = "2019-12-31" }).status, "no_data")
  end,
}

gov.test {
  name = "PAS RAG follows the thresholds in the README",
  run = function(t)
    -- good job: green >= 60, amber >= 55 (values from the demo, checked here)
    local function rag_at(as_of)
      local r = t.eval("trust.pas.good_job", { as_of = as_of })
      local v = r.value
      local expected = v >= 60 and "green" or v >= 55 and "amber" or "red"
      t.eq(r.rag, expected, as_of .. " (value " .. tostring(v) .. ")")
      return r.rag
    end
    t.eq(rag_at("2020-03-31"), "green")
    t.eq(rag_at("2021-12-31"), "amber")
    t.eq(rag_at("2022-12-31"), "red")
  end,
}

gov.test {
  name = "by group: every group but All, in the latest quarter, rated on the worst",
  run = function(t)
    for _, key in ipairs(MEASURES) do
      local r = t.eval("trust.pas." .. key .. ".by_group")
      t.eq(r.status, "ok", key)
      t.eq(r.breakdown.All, nil, key .. ": All is the total, not a group")
      for _, grp in ipairs({ "White British", "Black", "Asian", "Mixed", "Other" }) do
        t.eq(r.breakdown[grp], london(t, key, "2022-Q4", grp), key .. " " .. grp)
      end
    end
    -- In 2022-Q4 every group is below its measure's amber line for fair treatment (65).
    t.eq(t.eval("trust.pas.fair.by_group").rag, "red")
  end,
}

gov.test {
  name = "a borough instead of London with params.area",
  run = function(t)
    local r = t.eval("trust.pas.trust", { params = { area = "Camden" } })
    t.eq(r.value, t.value([[SELECT value FROM observations WHERE metric_id = 'pas.trust'
                             AND area = 'Camden' AND grp = 'All' AND period = '2022-Q4']]))
    t.eq(t.eval("trust.pas.trust", { params = { area = "Atlantis" } }).status, "no_data")
  end,
}

gov.test {
  name = "the 2016 neighbourhood measures have no data without the pas_2016 table",
  run = function(t)
    t.eq(t.value([[SELECT count(*) FROM sqlite_master WHERE name = 'pas_2016']]), 0)
    for _, key in ipairs({ "good_job", "fair", "listen", "relied_on" }) do
      t.eq(t.eval("trust.pas." .. key .. ".neighbourhood").status, "no_data", key)
    end
  end,
}
