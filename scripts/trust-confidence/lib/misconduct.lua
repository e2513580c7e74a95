-- misconduct: the misconduct throughput figures of the More Trust Update to
-- the Performance and Risk Oversight Board, 28 April 2023 (seed 002, para
-- 3.3), each with the metric holding the percentage increase the paper
-- states. The labels follow the paper's wording ("44 cases have been
-- fast-tracked in the public interest"). The indicators here and
-- met-boards' Performance Board paper both read this list, so they name
-- the figures alike.

local misconduct = {}

misconduct.FIGURES = {
  { label = "Gross misconduct hearings concluded", metric = "misconduct.gm_hearings_concluded",
    change = "misconduct.gm_hearings_concluded_change" },
  { label = "Gross misconduct hearings held", metric = "misconduct.gm_hearings_held",
    change = "misconduct.gm_hearings_held_change" },
  { label = "Officers suspended", metric = "misconduct.officers_suspended",
    change = "misconduct.officers_suspended_change" },
  { label = "Officers dismissed for gross misconduct", metric = "misconduct.dismissed_gm",
    change = "misconduct.dismissed_gm_change" },
  { label = "Cases fast-tracked in the public interest", metric = "misconduct.fast_tracked",
    change = "misconduct.fast_tracked_change" },
}

return misconduct
