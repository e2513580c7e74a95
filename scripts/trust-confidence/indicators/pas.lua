-- Public Attitudes Survey measures: London by quarter, by group, and (from
-- the real 2016 file, when imported) by neighbourhood.
--
-- One definition per measure, made in a loop: the five measures differ
-- only in their metric id and thresholds.

local pas = require('pas')
local real_pas = require('real_pas')
local stats = require('stats')

-- Green is about the level London held through 2020, before the falls of
-- 2021-22; amber is the 5 points below that. See README, "Thresholds".
local THRESHOLDS = {
  good_job  = { green = 60, amber = 55 },
  trust     = { green = 75, amber = 70 },
  fair      = { green = 70, amber = 65 },
  listen    = { green = 65, amber = 60 },
  relied_on = { green = 65, amber = 60 },
}

local function pct(v) return stats.num(v) .. "%" end

for _, m in ipairs(pas.measures) do
  gov.indicator {
    id = "trust.pas." .. m.key,
    title = "PAS: " .. m.title .. " (London, by quarter)",
    description = "Share of Public Attitudes Survey respondents giving the favourable answer, all groups, "
      .. "by calendar quarter up to the as-of date. params.area picks a borough instead of London.",
    unit = "%",
    polarity = "higher_is_better",
    thresholds = THRESHOLDS[m.key],
    tags = { "pas", "series" },
    compute = function(ctx)
      local area = pas.area(ctx)
      local rows = pas.series(ctx, m.metric, area, pas.ALL)
      if #rows == 0 then return nil end
      local series = {}
      for i, r in ipairs(rows) do series[i] = { period = r.period, value = r.value } end
      local first, last = rows[1], rows[#rows]
      local text = string.format("%s, %s: %s of all respondents", area, last.period, pct(last.value))
      if #rows > 1 then
        text = text .. string.format(" (%s pp since %s, when it was %s)",
          stats.signed(last.value - first.value), first.period, pct(first.value))
      end
      if last.source_kind == "synthetic" then text = text .. ". Synthetic demo series, not real survey results" end
      -- The XmR chart of the quarters (issue 22): its verdict and whether
      -- the latest change is beyond noise show on the tile; assurance is
      -- judged against the green line.
      local spc = #series >= 2 and { target = THRESHOLDS[m.key].green } or nil
      return { series = series, spc = spc, explain = text .. "." }
    end,
  }

  gov.indicator {
    id = "trust.pas." .. m.key .. ".by_group",
    title = "PAS: " .. m.title .. " (by group, latest quarter)",
    description = "The measure for each respondent group in the latest quarter up to the as-of date "
      .. "(London, or params.area). Each group is rated; the indicator takes the worst group's band.",
    unit = "%",
    polarity = "higher_is_better",
    thresholds = THRESHOLDS[m.key],
    tags = { "pas", "groups" },
    compute = function(ctx)
      local area = pas.area(ctx)
      local period = pas.latest_quarter(ctx, m.metric, area)
      if not period then return nil end
      local values = pas.by_group(ctx, m.metric, area, period)
      -- 'All' is the total, not a group: it goes in the working instead.
      local all = values[pas.ALL]
      values[pas.ALL] = nil
      if next(values) == nil then return nil end
      local text = string.format("%s, %s. Lowest: %s. Highest: %s.", area, period,
        stats.extremes(values, 2, false, pct), stats.extremes(values, 1, true, pct))
      if all then text = text .. " All respondents: " .. pct(all) .. "." end
      return { breakdown = values, explain = text }
    end,
  }
end

-- The real 2016 PAS file by neighbourhood (table pas_2016). It has no
-- "trust in the Met" question, so four of the five measures.
for _, m in ipairs(pas.measures) do
  if real_pas.Y2016_COLUMNS[m.key] then
    gov.indicator {
      id = "trust.pas." .. m.key .. ".neighbourhood",
      title = "PAS 2016: " .. m.title .. " (by neighbourhood, real data)",
      description = "From the real 2016 PAS file imported as table pas_2016 (see README; the pack "
        .. "parameter y2016_table names another); no data when the table is absent. The headline is the median neighbourhood.",
      unit = "%",
      polarity = "higher_is_better",
      thresholds = THRESHOLDS[m.key],
      tags = { "pas", "real", "neighbourhood" },
      compute = function(ctx)
        local missing = real_pas.missing(ctx, "y2016_table")
        if missing then return { explain = missing } end
        local values, blank = real_pas.neighbourhood_2016(ctx, m.key)
        if not values or next(values) == nil then return nil end
        local list = {}
        for _, v in pairs(values) do list[#list + 1] = v end
        local median = stats.median(list)
        local text = string.format("%s, %s: median %s. Lowest: %s. Highest: %s.",
          real_pas.Y2016_LABEL, stats.count_of(#list, "neighbourhood"), pct(median),
          stats.extremes(values, 3, false, pct), stats.extremes(values, 3, true, pct))
        if blank > 0 then text = text .. " " .. stats.count_of(blank, "neighbourhood") .. " without a figure (N/A in the file)." end
        return { breakdown = values, value = median, explain = text }
      end,
    }
  end
end
