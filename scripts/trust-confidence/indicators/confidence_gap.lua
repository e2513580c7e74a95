-- The confidence gap: a group's PAS result minus White British respondents',
-- in percentage points, from the observations table (the demo's synthetic
-- quarterly series). Negative means the group is less confident.
--
-- Risk 9 (Public & Local Engagement) of the December 2021 register is about
-- raising confidence "amongst Black communities and other groups where a
-- confidence gap exists"; the AGS 2021/22 speaks of a "persistent gap".
-- The measure is fair treatment unless params.measure names another.

local pas = require('pas')
local stats = require('stats')

-- A gap within 5 pp is inside what a quarter's sampling can produce; beyond
-- 10 pp it is unmistakable. See README, "Thresholds".
local GAP_THRESHOLDS = { green = -5, amber = -10 }

local GROUPS = {
  { key = "black", grp = "Black" },
  { key = "asian", grp = "Asian" },
}

local function pp(v) return stats.signed(v) .. " pp" end

for _, g in ipairs(GROUPS) do
  gov.indicator {
    id = "trust.confidence_gap." .. g.key,
    title = "Confidence gap: " .. g.grp .. " minus White British respondents (London, by quarter)",
    description = "PAS result of " .. g.grp .. " respondents minus that of White British respondents, in "
      .. "percentage points, by quarter up to the as-of date. Treat-fairly measure unless params.measure "
      .. "says otherwise; London unless params.area names a borough.",
    unit = "pp",
    polarity = "higher_is_better",
    thresholds = GAP_THRESHOLDS,
    tags = { "pas", "gap", "series" },
    compute = function(ctx)
      local m = pas.measure(ctx, pas.DEFAULT_GAP_MEASURE)
      local area = pas.area(ctx)
      local rows = pas.gap_series(ctx, m.metric, area, g.grp)
      if #rows == 0 then return nil end
      local series = {}
      for i, r in ipairs(rows) do series[i] = { period = r.period, value = r.gap } end
      local first, last = rows[1], rows[#rows]
      local text = string.format("%s, %s, \"%s\": %s minus %s = %s", area, last.period, m.title,
        g.grp, pas.COMPARISON, pp(last.gap))
      if #rows > 1 then text = text .. string.format(" (%s in %s)", pp(first.gap), first.period) end
      return { series = series, explain = text .. "." }
    end,
  }

  gov.indicator {
    id = "trust.confidence_gap." .. g.key .. ".by_area",
    title = "Confidence gap: " .. g.grp .. " minus White British (by borough, latest quarter)",
    description = "The gap in every area below London (the 32 boroughs in the demo), each at its latest "
      .. "quarter up to the as-of date. The headline is the median area; each area is rated on its own.",
    unit = "pp",
    polarity = "higher_is_better",
    thresholds = GAP_THRESHOLDS,
    tags = { "pas", "gap", "areas" },
    compute = function(ctx)
      local m = pas.measure(ctx, pas.DEFAULT_GAP_MEASURE)
      local gaps, periods = pas.gap_by_area(ctx, m.metric, g.grp)
      if next(gaps) == nil then return nil end
      local list = {}
      for _, v in pairs(gaps) do list[#list + 1] = v end
      local median = stats.median(list)
      local text = string.format("%s, \"%s\", %s: median gap %s. Lowest: %s. Highest: %s.",
        pas.describe_periods(periods), m.title, stats.count_of(#list, "area"), pp(median),
        stats.extremes(gaps, 3, false, pp), stats.extremes(gaps, 2, true, pp))
      return { breakdown = gaps, value = median, explain = text }
    end,
  }
end

gov.indicator {
  id = "trust.confidence_gap.black.wide_share",
  title = "Share of boroughs where Black respondents trail White British by more than 10 pp",
  description = "For each quarter up to the as-of date, the percentage of areas below London in which the "
    .. "Black minus White British gap is below minus the threshold (params.threshold, default 10 pp).",
  unit = "%",
  polarity = "lower_is_better",
  -- A few boroughs (up to three in 32) are local problems; more than a
  -- quarter of them is a London-wide pattern. See README, "Thresholds".
  thresholds = { green = 10, amber = 25 },
  tags = { "pas", "gap", "series" },
  compute = function(ctx)
    local m = pas.measure(ctx, pas.DEFAULT_GAP_MEASURE)
    local threshold = pas.threshold(ctx)
    local rows = pas.wide_gap_counts(ctx, m.metric, "Black", threshold)
    -- A quarter counts once at least half as many areas as the fullest
    -- quarter have reported, so that one early borough cannot stand for
    -- all of them.
    local most = 0
    for _, r in ipairs(rows) do most = math.max(most, r.areas) end
    local series, kept, skipped = {}, {}, {}
    for _, r in ipairs(rows) do
      if r.areas * 2 >= most then
        series[#series + 1] = { period = r.period, value = stats.percent(r.wide, r.areas) }
        kept[#kept + 1] = r
      else
        skipped[#skipped + 1] = string.format("%s (%s)", r.period, stats.count_of(r.areas, "area"))
      end
    end
    if #kept == 0 then return nil end
    local last = kept[#kept]
    local text = string.format("%s, \"%s\": %d of %s have a Black minus White British gap below -%s pp.",
      last.period, m.title, last.wide, stats.count_of(last.areas, "area"), stats.num(threshold))
    if #skipped > 0 then
      text = text .. " Left out, too few areas reported: " .. table.concat(skipped, ", ") .. "."
    end
    return { series = series, explain = text }
  end,
}
