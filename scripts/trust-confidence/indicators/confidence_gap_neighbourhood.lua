-- The confidence gap per neighbourhood from the real PAS file pooled over
-- 2015-16 to 2020-21 (table pas_neighbourhood_groups; see README for the
-- import). No data when the table is absent: the demo database has none.
--
-- The file reports four questions for White British, Asian and Black
-- respondents. The gap is read on fair treatment unless params.measure
-- names another (fair, listen, good_job, stop_search).

local pas = require('pas')
local real_pas = require('real_pas')
local stats = require('stats')

-- The same bands as the borough gaps (confidence_gap.lua), noise-aware:
-- red only when the median's interval lies wholly below -10 pp.
local GAP_THRESHOLDS = { green = -5, amber = -10, mode = "significant" }

local GROUPS = {
  { key = "black", grp = "Black" },
  { key = "asian", grp = "Asian" },
}

local function pp(v) return stats.signed(v) .. " pp" end

for _, g in ipairs(GROUPS) do
  gov.indicator {
    id = "trust.confidence_gap." .. g.key .. ".neighbourhood",
    title = "Confidence gap: " .. g.grp .. " minus White British (by neighbourhood, real PAS 2015-21)",
    description = "Per Met neighbourhood, the pooled 2015-16 to 2020-21 PAS result of " .. g.grp
      .. " respondents minus White British respondents (pp), from table pas_neighbourhood_groups (or the table the pack parameter "
      .. "groups_table names). "
      .. "Neighbourhoods whose cells are blank (samples too small) are left out. The headline is the median.",
    unit = "pp",
    polarity = "higher_is_better",
    thresholds = GAP_THRESHOLDS,
    tags = { "pas", "gap", "real", "neighbourhood" },
    compute = function(ctx)
      local missing = real_pas.missing(ctx, "groups_table")
      if missing then return { explain = missing } end
      local measure = (ctx.params and ctx.params.measure) or pas.DEFAULT_GAP_MEASURE
      local gaps, blank = real_pas.neighbourhood_gaps(ctx, measure, g.grp)
      if not gaps or next(gaps) == nil then return nil end
      local list = {}
      for _, v in pairs(gaps) do list[#list + 1] = v end
      -- The file gives percentages without their sample sizes, so no
      -- neighbourhood's own gap can carry an interval. The headline can:
      -- the median over neighbourhoods with its distribution-free
      -- interval (order statistics), n = the neighbourhoods.
      local m = gov.stats.median(list)
      local median = m.estimate
      local text = string.format("%s, \"%s\": %s, median gap %s. Lowest: %s. Highest: %s.",
        real_pas.GROUPS_LABEL, real_pas.GROUP_MEASURE_TITLES[measure], stats.count_of(#list, "neighbourhood"), pp(median),
        stats.extremes(gaps, 3, false, pp), stats.extremes(gaps, 2, true, pp))
      if blank > 0 then
        text = text .. " " .. stats.count_of(blank, "neighbourhood") .. " left out: a blank cell (sample too small)."
      end
      text = text .. " The file publishes no sample sizes: the interval is the median's across neighbourhoods, "
        .. "not any one neighbourhood's."
      return { breakdown = gaps, value = median, lower = m.lower, upper = m.upper, n = m.n,
               n_label = "neighbourhoods", explain = text,
               -- Under six neighbourhoods no pair of order statistics
               -- reaches 95%: say the interval's true confidence.
               level = m.coverage < 0.95 and m.coverage or nil }
    end,
  }
end

gov.indicator {
  id = "trust.confidence_gap.black.neighbourhood_wide_share",
  title = "Share of neighbourhoods where Black respondents trail White British by more than 10 pp (real PAS 2015-21)",
  description = "Of the neighbourhoods with both figures in trust.confidence_gap.black.neighbourhood, the "
    .. "percentage whose gap is below minus the threshold (params.threshold, default 10 pp).",
  unit = "%",
  polarity = "lower_is_better",
  thresholds = { green = 10, amber = 25 },
  tags = { "pas", "gap", "real", "neighbourhood" },
  compute = function(ctx)
    local threshold = pas.threshold(ctx)
    local missing = real_pas.missing(ctx, "groups_table")
    if missing then return { explain = missing } end
    local gaps = ctx.indicator("trust.confidence_gap.black.neighbourhood")
    if gaps.status ~= "ok" or not gaps.breakdown then return nil end
    local wide, total = 0, 0
    for _, v in pairs(gaps.breakdown) do
      total = total + 1
      if v < -threshold then wide = wide + 1 end
    end
    if total == 0 then return nil end
    local measure = (ctx.params and ctx.params.measure) or pas.DEFAULT_GAP_MEASURE
    return {
      value = stats.percent(wide, total),
      explain = string.format("%s, \"%s\": %d of %s have a Black minus White British gap below -%s pp.",
        real_pas.GROUPS_LABEL, real_pas.GROUP_MEASURE_TITLES[measure], wide,
        stats.count_of(total, "neighbourhood"), stats.num(threshold)),
    }
  end,
}
