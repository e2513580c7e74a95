-- Stop and search by officer-defined ethnicity: how often each group is
-- searched relative to its share of London's residents, the Black/White
-- disproportionality ratio, and what the searches found.
--
-- All four have no data when the stop_search or census_ethnicity table
-- (or the tables the pack parameters searches_table and census_table name)
-- has not been imported, and say which file to import as which table. Searches with a blank officer-defined ethnicity count in the
-- overall (headline) figures but in no group.

local searches = require("searches")

local GROUPS = searches.GROUPS

local function pct(part, whole)
  return 100 * part / whole
end

gov.indicator {
  id = "stop_search.rate_per_1000",
  title = "Stop and search rate per 1,000 residents, by ethnicity",
  description = "Searches in the period per 1,000 usual residents (2011 Census) of the same group, "
    .. "by officer-defined ethnicity. Headline: all searches per 1,000 of all residents.",
  unit = "per 1,000",
  polarity = "neutral",
  tags = { "stop and search", "disproportionality" },
  compute = function(ctx)
    local missing = searches.missing(ctx)
    if missing then return { explain = missing } end
    local rates, counts, pop, all = searches.rates(ctx)
    if not rates then return nil end
    local lines, groups = {}, {}
    for _, g in ipairs(GROUPS) do
      if rates[g] then
        local n = counts.groups[g] and counts.groups[g].searches or 0
        -- Searches per resident as a proportion (Wilson), x 1,000: the
        -- interval of the rate if the period's searches are a sample of
        -- what the same policing would give.
        local ci = n <= pop[g] and gov.stats.wilson(n, pop[g]) or nil
        groups[g] = { value = rates[g], n = n, lower = ci and 1000 * ci.lower, upper = ci and 1000 * ci.upper }
        lines[#lines + 1] = string.format("%s: %s searches / %s residents x 1,000 = %.2f%s", g,
          searches.thousands(n), searches.thousands(pop[g]), rates[g],
          ci and string.format(" (95%% CI %.2f to %.2f)", 1000 * ci.lower, 1000 * ci.upper) or "")
      end
    end
    lines[#lines + 1] = string.format("All: %s searches (%s with no officer-defined ethnicity) / %s residents "
      .. "x 1,000 = %.2f", searches.thousands(counts.all.searches), searches.thousands(counts.blank),
      searches.thousands(pop.All), all)
    return {
      breakdown = groups,
      value = all,
      n = counts.all.searches,
      n_label = "searches",
      explain = table.concat(lines, "\n"),
      note = "Other = census Mixed/multiple + Other ethnic group; rates are for the period the "
        .. "imported searches cover, not annualised.",
    }
  end,
}

gov.indicator {
  id = "stop_search.disproportionality.black_white",
  title = "Stop and search disproportionality: Black vs White",
  description = "The Black search rate per 1,000 residents divided by the White rate. "
    .. "1 means parity; 4 means Black residents were searched four times as often.",
  unit = "x",
  -- Parity (1) is the reference point and a ratio below 1 would also be a
  -- disparity, so no direction is simply better and no RAG is imposed here.
  polarity = "neutral",
  tags = { "stop and search", "disproportionality" },
  compute = function(ctx)
    local missing = searches.missing(ctx)
    if missing then return { explain = missing } end
    local rates, counts, pop = searches.rates(ctx)
    if not rates or not rates.Black or not rates.White or rates.White == 0 then return nil end
    local black, white = counts.groups.Black.searches, counts.groups.White.searches
    if black == 0 then
      return { value = 0, explain = "no searches of Black residents in the period: a ratio of 0, without an interval" }
    end
    -- The rate ratio with its log-method interval (searches as Poisson
    -- counts over the census populations), as the College of Policing and
    -- HMICFRS ask when rates are compared.
    local rr = gov.stats.rate_ratio(black, pop.Black, white, pop.White)
    return {
      value = rr.estimate,
      lower = rr.lower,
      upper = rr.upper,
      n = black + white,
      n_label = "searches",
      -- The engine adds the interval and n in words under this line.
      explain = string.format("Black %.2f per 1,000 (%s searches) / White %.2f per 1,000 (%s searches) = %.1fx; "
        .. "interval by the log method; score test of equal rates z = %.1f, p %s",
        rates.Black, searches.thousands(black), rates.White, searches.thousands(white), rr.estimate,
        rr.z, rr.p_value < 0.001 and "< 0.001" or string.format("= %.3f", rr.p_value)),
    }
  end,
}

-- Outcome shares by group. `field` is the count to divide by the searches
-- with a recorded outcome (searches whose Outcome is blank are left out:
-- an unknown outcome is neither a find nor "nothing found").
local function outcome_share(ctx, field, label)
  local missing = searches.missing(ctx)
  if missing then return { explain = missing } end
  local counts = searches.counts(ctx)
  if not counts or counts.all.with_outcome == 0 then return nil end
  local shares, lines = {}, {}
  local function add(name, c)
    if c and c.with_outcome > 0 then
      local share = pct(c[field], c.with_outcome)
      lines[#lines + 1] = string.format("%s: %s of %s = %.1f%%", name, searches.thousands(c[field]),
        searches.thousands(c.with_outcome), share)
      return share
    end
  end
  for _, g in ipairs(GROUPS) do
    shares[g] = add(g, counts.groups[g])
  end
  local all = add("All", counts.all)
  local unknown = counts.all.searches - counts.all.with_outcome
  if unknown > 0 then
    lines[#lines + 1] = string.format("left out: %s with no recorded outcome", unknown == 1 and "1 search"
      or searches.thousands(unknown) .. " searches")
  end
  return { breakdown = shares, value = all, explain = label .. "\n" .. table.concat(lines, "\n") }
end

gov.indicator {
  id = "stop_search.positive_outcome_rate",
  title = "Stop and search positive outcome rate, by ethnicity",
  description = "Share of searches with any outcome other than \"Nothing found - no further action\" "
    .. "(arrest, summons, caution, warning, penalty notice, local resolution, ...), by officer-defined "
    .. "ethnicity. Headline: all searches.",
  unit = "%",
  polarity = "higher_is_better",
  tags = { "stop and search", "outcomes" },
  compute = function(ctx)
    return outcome_share(ctx, "positive", "searches with an outcome other than no further action:")
  end,
}

gov.indicator {
  id = "stop_search.arrest_rate",
  title = "Stop and search arrest rate, by ethnicity",
  description = "Share of searches whose outcome is an arrest (\"Suspect arrested\"), by "
    .. "officer-defined ethnicity. Headline: all searches.",
  unit = "%",
  polarity = "neutral",
  tags = { "stop and search", "outcomes" },
  compute = function(ctx)
    return outcome_share(ctx, "arrests", "searches ending in arrest:")
  end,
}
