-- Rebuilding Trust delivery, the improvement plan, the internal control
-- survey, misconduct and audit assurance, against the demo database.

gov.test {
  name = "Rebuilding Trust priorities by status, as at a date",
  run = function(t)
    -- Priorities of both Rebuilding Trust plans, and those whose latest
    -- dated update with a status, by the date, says complete.
    local listed = t.value([[SELECT count(*) FROM action_items i JOIN action_plans p ON p.id = i.plan_id
                              WHERE p.code IN ('RBT', 'RBT2') AND i.parent_id IS NULL]])
    local complete_by = function(date)
      return t.value([[SELECT count(*) FROM action_items i JOIN action_plans p ON p.id = i.plan_id
                        WHERE p.code IN ('RBT', 'RBT2') AND i.parent_id IS NULL
                          AND (SELECT u.status FROM action_updates u
                                WHERE u.item_id = i.id AND u.status IS NOT NULL AND u.as_of <= ?
                                ORDER BY u.as_of DESC LIMIT 1) = 'complete']], date)
    end
    local r = t.eval("trust.rbt.status", { as_of = "2022-03-31" })
    t.eq(r.value, complete_by("2022-03-31"))
    t.eq(r.value, 1, "the VAWG plan, published in November 2021, reported in January 2022")
    t.eq(r.breakdown.Complete, 1)
    t.eq(r.breakdown["No status reported"], listed - 1)
    t.eq(t.eval("trust.rbt.status", { as_of = "2021-12-31" }).value, complete_by("2021-12-31"))
    t.eq(t.eval("trust.rbt.status", { as_of = "2021-09-30" }).status, "no_data", "before the plan was published")
  end,
}

gov.test {
  name = "delivered versus due is no data while no priority has a due date",
  run = function(t)
    t.eq(t.value([[SELECT count(*) FROM action_items i JOIN action_plans p ON p.id = i.plan_id
                    WHERE p.code IN ('RBT', 'RBT2') AND i.due IS NOT NULL]]), 0)
    local r = t.eval("trust.rbt.delivered_vs_due")
    t.eq(r.status, "no_data")
    t.eq(r.rag, nil)
  end,
}

gov.test {
  name = "improvement actions by RAG: no data, because the plan's RAG column is empty",
  run = function(t)
    t.eq(t.value([[SELECT count(*) FROM improvement_actions WHERE rag IS NOT NULL]]), 0)
    t.ok(t.value([[SELECT count(*) FROM improvement_actions]]) > 0)
    local r = t.eval("trust.gip.actions_by_rag")
    t.eq(r.status, "no_data")
    t.eq(r.rag, nil)
  end,
}

gov.test {
  name = "improvement actions by CIPFA principle",
  run = function(t)
    local r = t.eval("trust.gip.actions_by_principle", { as_of = "2022-07-04" })
    t.eq(r.status, "ok")
    for _, p in ipairs(t.sql([[SELECT letter FROM cipfa_principles]])) do
      local n = t.value([[SELECT count(*) FROM improvement_actions x
                           JOIN improvement_area_principles p ON p.area_id = x.area_id
                           JOIN improvement_areas a ON a.id = x.area_id
                          WHERE a.year = '2021/22' AND p.principle = ?]], p.letter)
      t.eq(r.breakdown[p.letter], n, p.letter)
    end
    -- Areas 1, 2 and 4 (3 + 5 + 4 actions) are aligned to E.
    t.eq(r.breakdown.E, 12)
    t.eq(t.eval("trust.gip.actions_by_principle", { as_of = "2021-03-31" }).status, "no_data",
      "before the 2021/22 plan year began")
  end,
}

gov.test {
  name = "internal control survey: YES by question",
  run = function(t)
    local r = t.eval("trust.sic.yes_by_question", { as_of = "2022-07-04" })
    local n = 0
    for _ in pairs(r.breakdown) do n = n + 1 end
    t.eq(n, 12)
    for _, q in ipairs(t.sql([[SELECT q.number, r.yes_pct FROM survey_results r
                                JOIN survey_questions q ON q.id = r.question_id WHERE r.year = '2021/22']])) do
      t.eq(r.breakdown[string.format("Q%02d", q.number)], q.yes_pct, "Q" .. q.number)
    end
    -- Q6 (40%) and Q10 (46%) are below half: the worst band is red.
    t.eq(r.rag, "red")
    t.eq(r.breakdown_rag.Q06, "red")
    t.eq(r.breakdown_rag.Q11, "green")
    -- Before the 2021/22 year ended, only 2020/21 (question 6) is known.
    local earlier = t.eval("trust.sic.yes_by_question", { as_of = "2021-12-31" })
    t.eq(earlier.breakdown.Q06, 49)
    t.eq(earlier.breakdown.Q01, nil)
  end,
}

gov.test {
  name = "internal control survey: change on the previous year",
  run = function(t)
    local r = t.eval("trust.sic.yes_change", { as_of = "2022-07-04" })
    local expected = t.value([[SELECT n.yes_pct - p.yes_pct FROM survey_results n
                                JOIN survey_results p ON p.question_id = n.question_id AND p.year = '2020/21'
                                JOIN survey_questions q ON q.id = n.question_id
                               WHERE n.year = '2021/22' AND q.number = 6]])
    t.eq(r.breakdown.Q06, expected)
    t.eq(r.breakdown.Q06, -9)
    t.eq(r.breakdown.Q01, nil, "no 2020/21 figure to compare with")
    t.eq(r.rag, "amber")
  end,
}

gov.test {
  name = "misconduct throughput and its stated increases",
  run = function(t)
    local function seed(metric)
      return t.value([[SELECT value FROM observations WHERE metric_id = ? AND area = 'London' AND grp = 'All']], metric)
    end
    local r = t.eval("trust.misconduct.throughput")
    t.eq(r.breakdown["Gross misconduct hearings concluded"], seed("misconduct.gm_hearings_concluded"))
    t.eq(r.breakdown["Officers suspended"], seed("misconduct.officers_suspended"))
    t.eq(r.breakdown["Officers dismissed for gross misconduct"], seed("misconduct.dismissed_gm"))
    t.eq(r.breakdown["Officers dismissed for gross misconduct"], 51)
    t.eq(r.rag, nil, "neutral: no colour")
    local c = t.eval("trust.misconduct.change")
    t.eq(c.breakdown["Officers suspended"], seed("misconduct.officers_suspended_change"))
    t.eq(c.breakdown["Gross misconduct hearings concluded"], 62)
    -- The figures have no end date: they count from the paper, 28 April 2023.
    t.eq(t.eval("trust.misconduct.throughput", { as_of = "2023-04-27" }).status, "no_data")
    t.eq(t.eval("trust.misconduct.throughput", { as_of = "2023-04-28" }).status, "ok")
  end,
}

gov.test {
  name = "DARA audits rated limited or no assurance",
  run = function(t)
    local function expected(date)
      local row = t.sql([[SELECT count(*) AS rated,
                                 sum(rating IN ('limited', 'no_assurance')) AS weak
                            FROM audits WHERE kind = 'DARA' AND rating IS NOT NULL
                             AND (reported IS NULL OR reported <= ?)]], date)[1]
      return math.floor(row.weak * 1000 / row.rated + 0.5) / 10, row
    end
    local share, row = expected("2022-07-04")
    local r = t.eval("trust.audit.limited_share", { as_of = "2022-07-04" })
    t.near(r.value, share, 1e-9)
    t.near(r.value, 16.7, 1e-9) -- 2 of 12
    t.eq(r.rag, "amber")
    local p = t.eval("trust.audit.assurance_profile", { as_of = "2022-07-04" })
    t.eq(p.breakdown.Limited, row.weak)
    t.eq(p.breakdown.Adequate + p.breakdown.Limited + p.breakdown.Substantial + p.breakdown["No assurance"], row.rated)
    t.near(t.eval("trust.audit.limited_share", { as_of = "2021-06-30" }).value, (expected("2021-06-30")), 1e-9)
    t.eq(t.eval("trust.audit.limited_share", { as_of = "2021-03-31" }).status, "no_data")
  end,
}
