-- The evidence behind the Annual Governance Statement, for the Audit Panel:
-- the Statement of Internal Control survey of senior leaders (twelve
-- questions, each answered YES, PARTLY or NO, year on year) and the audits
-- and inspections the AGS cites, with DARA's assurance ratings. Source: the
-- draft AGS 2021/22, Appendix 2 of the paper to the Joint Audit Panel of
-- 4 July 2022 (seed 004).

local dates = require('dates')
local fmt = require('fmt')
local survey = require('survey')

local KIND_TITLES = {
  DARA = "DARA (internal audit)", HMICFRS = "HMICFRS", IOPC = "IOPC", ICO = "ICO",
  independent = "Independent review", other = "Other",
}
local REVIEW_TYPES = {
  audit = "Audit", follow_up = "Follow-up", advisory = "Advisory", inspection = "Inspection", review = "Review",
}

local function question_label(number) return "Q" .. fmt.int(number) end

-- A column key for a year's YES: "yes_2020_21" (keys stay plain words).
local function year_key(year) return "yes_" .. (year:gsub("/", "_")) end

local function survey_section(ctx, ui, principle, as_of)
  local questions, years = survey.results(ctx, principle)
  local section = { title = "Statement of Internal Control survey" }
  if #years == 0 then
    section[1] = ui.text("No survey year had ended by " .. fmt.date(as_of) .. ".")
    return ui.section(section)
  end
  local latest = years[#years]
  local previous = survey.previous_year(latest)

  -- Columns: the latest year in full, YES for each earlier year, the change.
  local columns = {
    { key = "q", label = "Q" },
    { key = "principle", label = "CIPFA" },
    { key = "text", label = "Question" },
    { key = "yes", label = "YES " .. latest, format = "percent" },
    { key = "partly", label = "PARTLY " .. latest, format = "percent" },
    { key = "no", label = "NO " .. latest, format = "percent" },
  }
  for i = #years - 1, 1, -1 do
    columns[#columns + 1] = { key = year_key(years[i]), label = "YES " .. years[i], format = "percent" }
  end
  columns[#columns + 1] = { key = "change", label = "YES change on " .. previous .. " (pp)", format = "number" }
  columns[#columns + 1] = { key = "note", label = "Note" }

  local rows, yes, partly, no = {}, {}, {}, {}
  local lowest, sum, answered, compared = nil, 0, 0, {}
  for _, q in ipairs(questions) do
    local now, before = q.years[latest], q.years[previous]
    local row = { q = question_label(q.number), principle = q.principle or fmt.NOT_STATED, text = q.text }
    if now then
      row.yes, row.partly, row.no = now.yes, now.partly, now.no
      row.note = survey.sum_note(now)
      sum, answered = sum + now.yes, answered + 1
      if not lowest or now.yes < lowest.yes then lowest = { q = row.q, yes = now.yes, text = q.text } end
    else
      row.note = "not asked or not reported in " .. latest
    end
    for i = 1, #years - 1 do
      local r = q.years[years[i]]
      row[year_key(years[i])] = r and r.yes
    end
    if now and before then
      row.change = now.yes - before.yes
      compared[#compared + 1] = row.q
    end
    rows[#rows + 1] = row
    local label = row.q
    yes[#yes + 1] = { label = label, value = now and now.yes }
    partly[#partly + 1] = { label = label, value = now and now.partly }
    no[#no + 1] = { label = label, value = now and now.no }
  end

  section[#section + 1] = ui.tiles {
    items = {
      { indicator = "trust.sic.yes_by_question" },
      { indicator = "trust.sic.yes_change" },
      { label = "Mean YES, " .. latest, value = answered > 0 and math.floor(sum / answered * 10 + 0.5) / 10 or nil,
        unit = "%", note = fmt.count_of(answered, "question") .. (principle ~= "all" and (", principle " .. principle) or "") },
      lowest and { label = "Lowest YES, " .. latest, value = lowest.yes, unit = "%",
                   note = lowest.q .. ": " .. fmt.shorten(lowest.text, 120) } or nil,
    },
  }
  section[#section + 1] = ui.table { columns = columns, rows = rows }
  section[#section + 1] = ui.chart {
    kind = "stacked_bar", unit = "%", title = "Answers by question, " .. latest,
    series = { { name = "YES", points = yes }, { name = "PARTLY", points = partly }, { name = "NO", points = no } },
  }
  local comparison
  if #compared == 0 then
    comparison = "The papers give no " .. previous .. " results to compare with."
  elseif #compared < #questions then
    comparison = string.format("The papers give %s results for %s only (%s), so the change is shown for %s.",
      previous, fmt.count_of(#compared, "question"), table.concat(compared, ", "), #compared == 1 and "it" or "those")
  else
    comparison = "The change is on " .. previous .. "."
  end
  section[#section + 1] = ui.text("Senior leaders across the Met's commands are asked whether they are "
    .. "confident in each control in their area; the AGS reports the share answering YES, PARTLY and NO. "
    .. "PARTLY is not YES: it says the control is not yet working everywhere. " .. comparison)
  return ui.section(section)
end

local function audits_section(ctx, ui, principle, as_of)
  local audits = survey.audits(ctx, principle)
  local section = { title = "Audits and inspections" }
  if #audits == 0 then
    section[1] = ui.text("No audit or inspection cited by the AGS" .. (principle ~= "all" and
      (" under principle " .. principle) or "") .. " had been reported by " .. fmt.date(as_of) .. ".")
    return ui.section(section)
  end

  -- DARA audits by rating; unrated ones (advisory reviews, ratings the AGS
  -- does not give) are counted apart, not as any rating.
  local counts, unrated = {}, 0
  for _, r in ipairs(fmt.RATING_ORDER) do counts[r] = 0 end
  local dara, others = {}, {}
  for _, a in ipairs(audits) do
    local row = {
      title = a.title,
      kind = KIND_TITLES[a.kind] or a.kind,
      type = REVIEW_TYPES[a.review_type] or fmt.NOT_STATED,
      reported = survey.reported_text(a) or "undated",
      rating = fmt.rating(a.rating),
      prior = a.prior_rating and fmt.rating(a.prior_rating) or "-",
      principle = a.principle or fmt.NOT_STATED,
      recommendations = survey.recommendations_text(a.recommendations, a.done, a.outstanding) or "-",
    }
    if a.kind == "DARA" then
      dara[#dara + 1] = row
      if a.rating then counts[a.rating] = counts[a.rating] + 1 else unrated = unrated + 1 end
    else
      others[#others + 1] = row
    end
  end

  local rating_rows, bars = {}, {}
  for _, r in ipairs(fmt.RATING_ORDER) do
    rating_rows[#rating_rows + 1] = { rating = fmt.RATING[r], audits = counts[r] }
    bars[#bars + 1] = { label = fmt.RATING[r], value = counts[r] }
  end
  rating_rows[#rating_rows + 1] = { rating = "No rating stated", audits = unrated }

  section[#section + 1] = ui.tiles {
    items = { { indicator = "trust.audit.limited_share" }, { indicator = "trust.audit.assurance_profile" } },
  }
  section[#section + 1] = ui.columns {
    widths = { 1, 2 },
    ui.table {
      title = "DARA audits by assurance rating",
      columns = { { key = "rating", label = "Rating" }, { key = "audits", label = "Audits", format = "integer" } },
      rows = rating_rows, totals = true,
    },
    ui.chart { kind = "bar", unit = "audits", title = "DARA audits by assurance rating",
               series = { { name = "DARA audits", points = bars } } },
  }
  local columns = {
    { key = "title", label = "Audit" },
    { key = "type", label = "Type" },
    { key = "reported", label = "Reported" },
    { key = "rating", label = "Rating" },
    { key = "prior", label = "Earlier rating" },
    { key = "principle", label = "AGS section" },
    { key = "recommendations", label = "Recommendations" },
  }
  if #dara > 0 then
    section[#section + 1] = ui.table { title = "DARA audits and follow-ups", columns = columns, rows = dara }
  end
  if #others > 0 then
    local other_columns = { { key = "kind", label = "By" } }
    for _, c in ipairs(columns) do
      if c.key ~= "rating" and c.key ~= "prior" then other_columns[#other_columns + 1] = c end
    end
    section[#section + 1] = ui.table { title = "Inspections and external reviews", columns = other_columns, rows = others }
  end
  section[#section + 1] = ui.text("Ratings are DARA's assurance opinions (substantial, adequate, limited, no "
    .. "assurance). Where the AGS cites an audit without its rating, the rating is shown as not stated; "
    .. "advisory reviews carry none. *Earlier rating* is the rating a follow-up improved on. Audits the AGS "
    .. "gives no date for are listed as undated; the AGS section is the CIPFA principle under which the AGS "
    .. "first cites the audit.")
  return ui.section(section)
end

gov.view {
  id = "ags.survey",
  title = "Annual Governance Statement: internal control survey and audits",
  board = "Audit Panel",
  description = "The Statement of Internal Control survey (YES / PARTLY / NO per question, year on year) and "
    .. "the audits and inspections the Annual Governance Statement cites, with DARA audits by assurance rating.",
  params = {
    principle = gov.param.choice { "all", "A", "B", "C", "D", "E", "F", "G", label = "CIPFA principle" },
  },
  build = function(ctx, p)
    local ui = gov.ui
    -- A survey year counts from the end of its financial year; an audit from its report.
    local as_of = dates.figures_as_at(ctx, {
      [[SELECT max(printf('%04d-03-31', CAST(substr(year, 1, 4) AS INTEGER) + 1)) FROM survey_results
         WHERE printf('%04d-03-31', CAST(substr(year, 1, 4) AS INTEGER) + 1) <= ?]],
      "SELECT max(reported) FROM audits WHERE reported <= ?",
    })
    local principle = p.principle or "all"
    local scope = principle == "all" and "" or (" It is filtered to principle " .. principle .. ".")
    return ui.page {
      title = "Annual Governance Statement evidence as at " .. fmt.date(as_of),
      subtitle = "MPS-MOPAC Joint Audit Panel: draft Annual Governance Statement",
      as_at = as_of,
      ui.text("This paper sets out two bodies of evidence behind the Met's draft *Annual Governance Statement "
        .. "2021/22* (Joint Audit Panel, 4 July 2022, seed 004, Appendix 2): the Statement of Internal Control "
        .. "survey, in which senior leaders say YES, PARTLY or NO to twelve statements about the controls in "
        .. "their areas, and the internal audits (DARA) and external inspections the statement cites, with "
        .. "DARA's assurance ratings. Questions and audits are grouped by the CIPFA principle of good "
        .. "governance the AGS files them under." .. scope),
      survey_section(ctx, ui, principle, as_of),
      audits_section(ctx, ui, principle, as_of),
    }
  end,
}
