-- met-risk: the Met corporate risk register's own scoring convention
-- (likelihood v impact on L, M, H, VH), two alternative rules, and
-- indicators on the register, its targets and its key controls.
return {
  name = "met-risk",
  version = "1.0.0",
  api = 1,
  title = "Met corporate risk register",
  description = "Scores the corporate risk register the way the Met's risk report does "
    .. "(\"L v I\" on a four-point scale), with a five-point data rule and an impact-weighted "
    .. "rule beside it, and indicators on band counts, distance to target, trend and key controls. "
    .. "Every indicator honours the evaluation date.",
  authors = { "Strategy & Governance" },
  license = "OGL-3.0",
  requires = {},
  data = {
    tables = { "risks", "risk_assessments", "risk_targets", "controls", "control_progress", "observations" },
  },
}
