-- The Performance Board's trust and confidence paper: Public Attitudes
-- Survey (PAS) measures over time, the confidence gap between communities
-- (London over time, and by borough and neighbourhood, widest first), and
-- misconduct throughput as the More Trust Update of 28 April 2023 reports
-- it (seed 002).
--
-- The headline tiles are trust-confidence's indicators, so the board sees
-- the same values and colours as the Indicators panel; the charts read the
-- observations directly, because they need every quarter and every group.

local attitudes = require('attitudes')
local dates = require('dates')
local fmt = require('fmt')
local measures = require('trust-confidence.measures')
local misconduct = require('trust-confidence.misconduct')

-- Gaps wider than this (pp) are singled out, as in trust-confidence's
-- wide-gap indicator: beyond 10 pp a gap is unmistakable in one quarter's
-- sample.
local WIDE_GAP = 10
-- Areas listed in the table of widest gaps.
local WORST_LISTED = 10

-- Misconduct figures (More Trust Update, seed 002 para 3.3): first those
-- with a stated increase, from trust-confidence (lib/misconduct.lua) so that
-- this paper and the trust.misconduct.* indicators name them alike.
local MISCONDUCT = {}
for _, f in ipairs(misconduct.FIGURES) do
  MISCONDUCT[#MISCONDUCT + 1] = f
end
-- Then the paper's other figures, which state no increase.
for _, f in ipairs({
  { label = "Officers subject to the hearings held", metric = "misconduct.gm_hearings_held_officers" },
  { label = "Op Onyx: completed cases with possible new lines of enquiry", metric = "onyx.cases_new_lines" },
  { label = "Op Onyx: cases needing urgent risk assessment or vetting review", metric = "onyx.cases_urgent_review" },
  { label = "Additional people in misconduct investigations", metric = "dps.additional_people" },
}) do
  MISCONDUCT[#MISCONDUCT + 1] = f
end

local function points(rows, field)
  local out = {}
  for i, r in ipairs(rows) do out[i] = { label = r.period, value = r[field] } end
  return out
end

-- An indicator's result, or nil and a reason, without letting a failing
-- indicator take the whole paper down.
local function indicator(ctx, id)
  local ok, result = pcall(ctx.indicator, id)
  if not ok then return nil, tostring(result) end
  return result
end

local function pas_section(ctx, ui, measure, synthetic, as_of)
  local series, quarters = {}, 0
  for _, m in ipairs(attitudes.MEASURES) do
    local rows = attitudes.series(ctx, m.metric)
    for _, r in ipairs(rows) do
      if r.source_kind == "synthetic" then synthetic.pas = true end
    end
    quarters = math.max(quarters, #rows)
    series[#series + 1] = { name = m.title, points = points(rows, "value") }
  end
  local tiles = {}
  for _, m in ipairs(attitudes.MEASURES) do tiles[#tiles + 1] = { indicator = "trust.pas." .. m.key } end
  if quarters == 0 then
    return ui.section {
      title = "Public Attitudes Survey",
      ui.tiles { items = tiles },
      ui.text("No survey quarter had ended by " .. fmt.date(as_of) .. "."),
    }
  end
  local by_group = {}
  for _, grp in ipairs({ attitudes.ALL, attitudes.COMPARISON, table.unpack(attitudes.GROUPS) }) do
    by_group[#by_group + 1] = { name = grp, points = points(attitudes.series(ctx, measure.metric, nil, grp), "value") }
  end
  return ui.section {
    title = "Public Attitudes Survey",
    ui.tiles { items = tiles },
    ui.chart { kind = "line", title = "PAS measures, London, all respondents", unit = "%", series = series },
    ui.chart { kind = "line", title = measure.title .. ", London, by group", unit = "%", series = by_group },
    -- The same measure as an XmR chart (statistical process control): the
    -- host draws it from the indicator's own SPC, on screen and on paper.
    ui.chart { kind = "spc", indicator = "trust.pas." .. measure.key,
               title = measure.title .. ", London: XmR chart (mean, process limits, special causes)" },
    ui.text("Each measure is the share of respondents giving the favourable answer, by calendar quarter. "
      .. "The tiles are the trust-confidence indicators for the latest quarter, rated against the level "
      .. "London held through 2020 (see that pack's README); the change is on the quarter before."),
  }
end

local function gap_section(ctx, ui, measure, grp, as_of)
  local section = { title = "The confidence gap" }
  section[#section + 1] = ui.tiles {
    items = {
      { indicator = "trust.confidence_gap.black" },
      { indicator = "trust.confidence_gap.asian" },
      { indicator = "trust.confidence_gap.black.wide_share" },
    },
  }

  local over_time = {}
  for _, g in ipairs(attitudes.GROUPS) do
    over_time[#over_time + 1] = { name = g, points = points(attitudes.gap_series(ctx, measure.metric, nil, g), "gap") }
  end
  local any = false
  for _, s in ipairs(over_time) do any = any or #s.points > 0 end
  if any then
    section[#section + 1] = ui.chart {
      kind = "line", unit = "pp", series = over_time, target = 0,
      title = "Gap on \"" .. measure.title .. "\": each group minus White British, London",
    }
  end

  local areas = attitudes.gaps_by_area(ctx, measure.metric, grp)
  if #areas == 0 then
    section[#section + 1] = ui.text("No borough figures for " .. grp .. " and White British respondents on \""
      .. measure.title .. "\" in a quarter ended by " .. fmt.date(as_of) .. ".")
    return ui.section(section)
  end
  local bars, rows, wide, quarters = {}, {}, 0, {}
  for i, a in ipairs(areas) do
    bars[i] = { label = a.area, value = a.gap }
    if a.gap < -WIDE_GAP then wide = wide + 1 end
    quarters[a.period] = true
    if i <= WORST_LISTED then
      rows[#rows + 1] = { area = a.area, period = a.period, group_value = a.group_value,
                          comparison_value = a.comparison_value, gap = a.gap }
    end
  end
  local quarter_list = {}
  for q in pairs(quarters) do quarter_list[#quarter_list + 1] = q end
  table.sort(quarter_list)
  section[#section + 1] = ui.chart {
    kind = "bar", unit = "pp", series = { { name = grp .. " minus White British", points = bars } },
    title = "Gap by borough, widest first (" .. table.concat(quarter_list, ", ") .. ")",
  }
  section[#section + 1] = ui.table {
    title = "The " .. WORST_LISTED .. " widest gaps",
    columns = {
      { key = "area", label = "Borough" },
      { key = "period", label = "Quarter" },
      { key = "group_value", label = grp, format = "percent" },
      { key = "comparison_value", label = "White British", format = "percent" },
      { key = "gap", label = "Gap (pp)", format = "number" },
    },
    rows = rows,
  }
  section[#section + 1] = ui.text(string.format("The gap is %s respondents' result minus White British "
    .. "respondents', in percentage points, on \"%s\"; negative means %s Londoners are less confident. "
    .. "In %d of %s the gap is wider than %d pp. Borough samples are small: read this as a map of where "
    .. "to look, not a verdict on each borough. The tiles above are trust-confidence's indicators, which "
    .. "read fair treatment for Black and Asian respondents whatever is chosen here.", grp, measure.title, grp, wide,
    fmt.count_of(#areas, "borough"), WIDE_GAP))

  -- Neighbourhoods, from the real pooled PAS file when it has been imported.
  local id = grp == "Black" and "trust.confidence_gap.black.neighbourhood"
    or grp == "Asian" and "trust.confidence_gap.asian.neighbourhood" or nil
  if id then
    local result, problem = indicator(ctx, id)
    if result and result.status == "ok" and result.breakdown then
      -- The headline with its interval and n (the engine's words on the tile).
      section[#section + 1] = ui.tiles { items = { { indicator = id } } }
      local nrows = attitudes.breakdown_rows(result.breakdown)
      local nbars = {}
      for i = 1, math.min(#nrows, 20) do nbars[i] = { label = nrows[i].name, value = nrows[i].gap } end
      section[#section + 1] = ui.chart {
        kind = "bar", unit = "pp", series = { { name = grp .. " minus White British", points = nbars } },
        title = "The 20 widest neighbourhood gaps (real PAS, pooled 2015-16 to 2020-21, fair treatment)",
      }
      section[#section + 1] = ui.text(result.explain or "")
    elseif problem then
      section[#section + 1] = ui.text("The neighbourhood gap could not be read: " .. problem)
    else
      section[#section + 1] = ui.text("No neighbourhood breakdown: the real pooled PAS neighbourhood file "
        .. "has not been imported into this database (table " .. ctx.pack_param("groups_table", "trust-confidence")
        .. "; the trust-confidence README gives the import command).")
    end
  end
  return ui.section(section)
end

-- Stop and search disproportionality with its interval, when the
-- stop-search pack's tables have been imported; nothing otherwise.
local function stop_search_section(ctx, ui)
  local result = indicator(ctx, "stop_search.disproportionality.black_white")
  if not result or result.status ~= "ok" then return nil end
  local section = {
    title = "Stop and search",
    ui.tiles { items = {
      { indicator = "stop_search.disproportionality.black_white" },
      { indicator = "stop_search.rate_per_1000" },
    } },
    ui.text("Disproportionality is the Black search rate per 1,000 residents over the White rate, with its 95% "
      .. "interval (log method, searches as Poisson counts over the 2011 Census populations)."),
  }
  -- The rates by group, each with its interval drawn as a whisker.
  local rates = indicator(ctx, "stop_search.rate_per_1000")
  if rates and rates.status == "ok" and type(rates.breakdown) == "table" then
    local groups = {}
    for g, v in pairs(rates.breakdown) do
      if type(v) == "number" then groups[#groups + 1] = g end
    end
    table.sort(groups, function(a, b) return rates.breakdown[a] > rates.breakdown[b] end)
    local bars, intervals = {}, rates.intervals or {}
    for i, g in ipairs(groups) do
      local ci = intervals[g] or {}
      bars[i] = { label = g, value = rates.breakdown[g], lower = ci.lower, upper = ci.upper }
    end
    section[#section + 1] = ui.chart {
      kind = "bar", unit = "per 1,000", level = rates.level,
      series = { { name = "Searches per 1,000 residents", points = bars } },
      title = "Searches per 1,000 residents by officer-defined ethnicity, with 95% intervals",
    }
  end
  return ui.section(section)
end

local function misconduct_section(ctx, ui, as_of)
  local tiles, rows = {}, {}
  for _, f in ipairs(MISCONDUCT) do
    local row = measures.latest(ctx, f.metric)
    if row then
      local change = f.change and measures.latest(ctx, f.change)
      -- A stated change belongs to a figure only when it covers the same period.
      if change and change.period ~= row.period then change = nil end
      local stated_change = change and string.format("%+g%%", change.value) or nil
      rows[#rows + 1] = {
        figure = f.label, unit = row.unit, stated = measures.stated(row, fmt.num),
        change = stated_change or "-", period = row.period, note = row.note,
      }
      if f.change then
        tiles[#tiles + 1] = {
          label = f.label, value = fmt.int(row.value), unit = row.unit,
          note = stated_change and (stated_change .. " as the paper states it; comparison base not stated") or nil,
        }
      end
    end
  end
  if #rows == 0 then
    return ui.section {
      title = "Misconduct throughput",
      ui.text("No misconduct figures had been published by " .. fmt.date(as_of) .. ". The demo's figures "
        .. "come from the More Trust Update of 28 April 2023 (seed 002)."),
    }
  end
  return ui.section {
    title = "Misconduct throughput",
    ui.tiles { items = tiles },
    ui.table {
      columns = {
        { key = "figure", label = "Figure" },
        { key = "stated", label = "As stated" },
        { key = "unit", label = "Unit" },
        { key = "change", label = "Stated increase" },
        { key = "period", label = "Period" },
        { key = "note", label = "Note" },
      },
      rows = rows,
    },
    ui.text("From the More Trust Update to the Performance and Risk Oversight Board, 28 April 2023 (seed 002, "
      .. "section 3), covering September 2022 to the date of the paper. No colour is given on purpose: more "
      .. "suspensions or dismissals can mean firmer enforcement as well as more misconduct, and the paper does "
      .. "not say what its increases compare with."),
  }
end

gov.view {
  id = "performance.trust",
  title = "Trust and confidence",
  board = "Performance Board",
  description = "Public Attitudes Survey measures over time, the confidence gap between communities by "
    .. "quarter, borough and neighbourhood (widest first), and misconduct throughput.",
  params = {
    measure = gov.param.choice { "fair", "good_job", "trust", "listen", "relied_on", label = "Measure for the gap" },
    group = gov.param.choice { "Black", "Asian", "Mixed", "Other", label = "Group compared with White British" },
  },
  build = function(ctx, p)
    local ui = gov.ui
    local as_of = dates.figures_as_at(ctx, { "SELECT max(period_end) FROM observations WHERE period_end <= ?" })
    local measure = attitudes.BY_KEY[p.measure] or attitudes.BY_KEY.fair
    local grp = p.group or "Black"
    local synthetic = {}

    local pas = pas_section(ctx, ui, measure, synthetic, as_of)
    local intro = "This paper shows the Performance Board how Londoners' confidence in the Met has moved, "
      .. "where the gap in confidence between communities is widest, and how misconduct cases are moving "
      .. "through, as known on " .. fmt.date(as_of) .. ". The survey measures are the Public Attitudes Survey "
      .. "series held in the governance database; the confidence gap follows risk 9 of the corporate "
      .. "register (*Public & Local Engagement*, seed 001) and the AGS 2021/22's \"persistent gap\" (seed 004); "
      .. "the misconduct figures are those of the *More Trust Update* of 28 April 2023 (seed 002)."
    if synthetic.pas then
      intro = intro .. "\n\n**Demo data:** the survey series in this database are synthetic, generated for "
        .. "the demonstration; they are not real survey results."
    end
    local page = {
      title = "Trust and confidence as at " .. fmt.date(as_of),
      subtitle = "Performance Board",
      as_at = as_of,
      ui.text(intro),
      pas,
      gap_section(ctx, ui, measure, grp, as_of),
    }
    page[#page + 1] = stop_search_section(ctx, ui)
    page[#page + 1] = misconduct_section(ctx, ui, as_of)
    return ui.page(page)
  end,
}
