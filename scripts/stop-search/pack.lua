-- stop-search: stop and search rates, disproportionality and outcomes by
-- officer-defined ethnicity, on police.uk records and 2011 Census counts
-- imported as they are published (see README.md for the import commands).
return {
  name = "stop-search",
  version = "1.0.0",
  api = 1,
  title = "Stop and search by ethnicity",
  description = "Searches per 1,000 residents by officer-defined ethnicity, the Black/White "
    .. "disproportionality ratio, and positive-outcome and arrest rates, computed from police.uk "
    .. "stop and search records and 2011 Census output-area counts. No data until both are imported.",
  authors = { "Strategy & Governance" },
  license = "OGL-3.0",
  requires = {},
  data = { tables = { "stop_search", "census_ethnicity" } },
  -- The tables the files were imported as; a database that imported them
  -- under other names says so with `govbench setting --db DB
  -- pack.stop-search.searches_table NAME`.
  parameters = {
    searches_table = { default = "stop_search", description = "the table holding the police.uk stop and search file" },
    census_table = { default = "census_ethnicity", description = "the table holding the 2011 Census ethnic groups by output area" },
  },
}
