return {
  name = "trust-confidence", version = "1.2.3-beta.1+build.5", api = 1,
  title = "Trust and confidence indicators",
  description = "Indicators from the Public Attitudes Survey",
  authors = { "Strategy & Governance", "Analysts" }, license = "OGL-3.0",
  requires = { ["met-risk"] = "^1.0", ["stop-search"] = ">=0.2.0 <1.0.0 || ~2.1" },
  data = { tables = { "observations", "metrics" }, columns = { observations = { "metric_id", "value" } } },
  permissions = { "write:notes" },
}
