return {
  name = "trust-confidence",
  version = "1.0.0",
  api = 1,
  title = "Trust and confidence indicators",
  description = "Public Attitudes Survey measures and the confidence gap between communities (London, "
    .. "boroughs and, from the real PAS files when imported, neighbourhoods); delivery of the Rebuilding "
    .. "Trust priorities; Governance Improvement Plan actions; the internal control survey; misconduct "
    .. "throughput; and the DARA audit assurance profile.",
  authors = { "Strategy & Governance" },
  license = "OGL-3.0",
  -- The tables every indicator reads. The real PAS tables
  -- (pas_neighbourhood_groups, pas_2016) are optional: the indicators that
  -- use them report no data when they are absent.
  -- The tables the real PAS files were imported as; a database that
  -- imported them under other names says so with `govbench setting --db DB
  -- pack.trust-confidence.groups_table NAME`.
  parameters = {
    groups_table = {
      default = "pas_neighbourhood_groups",
      description = "the table holding the pooled 2015-16 to 2020-21 PAS neighbourhood file (--header-rows 3)",
    },
    y2016_table = {
      default = "pas_2016",
      description = "the table holding the 2016 PAS perceptions file (--header-rows 2)",
    },
  },
  data = {
    tables = {
      "observations", "sources", "action_plans", "action_items", "action_updates",
      "improvement_areas", "improvement_actions", "improvement_area_principles", "cipfa_principles",
      "survey_questions", "survey_results", "audits",
    },
  },
}
