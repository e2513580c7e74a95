-- met-boards: board papers as views. Six views, one per board paper the
-- Strategy & Governance team prepares from the governance database: the
-- Audit Panel's corporate risk summary, the Risk and Assurance Board's key
-- controls, the Performance Board's trust and confidence measures, delivery
-- of the Rebuilding Trust priorities, the Governance Improvement Plan and
-- the Annual Governance Statement's internal control survey.
return {
  name = "met-boards",
  version = "1.0.0",
  api = 1,
  title = "Met board papers",
  description = "Board views laid out like the papers the Audit Panel, the Risk and Assurance Board and the "
    .. "Performance Board read: the corporate risk register with its heat maps (Appendix A of the risk "
    .. "report), key control progress, Public Attitudes Survey measures and the confidence gap, misconduct "
    .. "throughput, Rebuilding Trust delivery, the Governance Improvement Plan and the Annual Governance "
    .. "Statement survey. Every view is drawn as at the evaluation date.",
  authors = { "Strategy & Governance" },
  license = "OGL-3.0",
  -- met-risk: the met.lxi4 rule the heat maps use, its levels module and the
  -- register indicators; trust-confidence: the PAS, gap, delivery, survey
  -- and audit indicators shown as tiles, and its stats module.
  requires = { ["met-risk"] = "^1.0", ["trust-confidence"] = "^1.0" },
  data = {
    tables = {
      "risks", "risk_leads", "risk_pillars", "risk_assessments", "risk_targets", "roles", "pillars",
      "controls", "control_progress", "sources", "observations",
      "action_plans", "plan_headings", "action_items", "action_updates",
      "improvement_areas", "improvement_area_leads", "improvement_area_risks", "improvement_area_principles",
      "improvement_assurance", "improvement_actions", "cipfa_principles",
      "survey_questions", "survey_results", "audits", "audit_recommendations",
    },
  },
}
