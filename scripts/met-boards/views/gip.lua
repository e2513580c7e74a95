-- The Governance Improvement Plan tracker for the Audit Panel: each
-- improvement area's assurance mapping at Levels 1-3, the CIPFA principles
-- the areas serve, and every action with its lead, timescale, status and
-- RAG, as in Appendix 1 of the paper to the Joint Audit Panel of 4 July
-- 2022 (seed 004).
--
-- Many ratings in the plan did not survive the text extraction, and its
-- RAG column for actions is empty. Those are shown as "not stated", never
-- as a colour: a rating nobody gave is not a red one.

local dates = require('dates')
local fmt = require('fmt')
local gip = require('gip')

local UPDATE_CHARS = 200

gov.view {
  id = "gip.tracker",
  title = "Governance Improvement Plan tracker",
  board = "Audit Panel",
  description = "Governance improvement areas by assurance level (Level 1, 2 and 3 RAG) and by CIPFA "
    .. "principle, and every improvement action with its lead, timescale, status and RAG.",
  params = {
    year = gov.param.choice { "2021/22", "2022/23", label = "Plan year" },
  },
  build = function(ctx, p)
    local ui = gov.ui
    local as_of = dates.figures_as_at(ctx, {
      "SELECT max(update_as_of) FROM improvement_actions WHERE update_as_of <= ?",
    })
    local year = p.year or "2021/22"
    local areas = gip.areas(ctx, year)
    local assurance = gip.assurance(ctx, year)
    local actions = gip.actions(ctx, year)

    local page = {
      title = "Governance Improvement Plan " .. year .. " as at " .. fmt.date(as_of),
      subtitle = "MPS-MOPAC Joint Audit Panel: Governance Improvement Plans",
      as_at = as_of,
      ui.text("This paper tracks the Met's Governance Improvement Plan for " .. year .. ", from the paper to "
        .. "the Joint Audit Panel of 4 July 2022 (*MPS Draft Annual Governance Statement and Governance Improvement "
        .. "Plan*, seed 004: the 2021/22 plans with their quarterly updates in Appendix 1, the areas proposed for "
        .. "2022/23 at the end of each section of the draft AGS in Appendix 2). It shows how well assured each improvement area is at Level 1 "
        .. "(internal management controls), Level 2 (management scrutiny and oversight) and Level 3 "
        .. "(independent oversight), which CIPFA principles of good governance the areas serve, and every "
        .. "action with its lead, timescale, status and RAG as known on " .. fmt.date(as_of) .. "."),
    }
    if #areas == 0 then
      page[#page + 1] = ui.text("The database holds no improvement area for " .. year .. ".")
      return ui.page(page)
    end

    -- At a glance.
    local n = { complete = 0, in_progress = 0, on_hold = 0, none = 0, carried = 0, past_due = 0, rag = 0 }
    for _, a in ipairs(actions) do
      if a.status == nil then
        n.none = n.none + 1
      elseif n[a.status] then
        n[a.status] = n[a.status] + 1
      end
      if a.carried_forward == 1 then n.carried = n.carried + 1 end
      if a.due and a.due <= as_of and a.status ~= "complete" then n.past_due = n.past_due + 1 end
      if a.rag then n.rag = n.rag + 1 end
    end
    local tiles = { { label = "Improvement areas", value = #areas, unit = fmt.unit(#areas, "area") } }
    if #actions > 0 then
      for _, tile in ipairs({
        { label = "Actions", value = #actions, unit = fmt.unit(#actions, "action") },
        { label = "Complete", value = n.complete, unit = fmt.unit(n.complete, "action") },
        { label = "In progress", value = n.in_progress, unit = fmt.unit(n.in_progress, "action") },
        { label = "On hold", value = n.on_hold, unit = fmt.unit(n.on_hold, "action") },
        { label = "No status reported", value = n.none, unit = fmt.unit(n.none, "action") },
        { label = "Past their timescale, not complete", value = n.past_due, unit = fmt.unit(n.past_due, "action"),
          note = "Due on or before " .. fmt.date(as_of) .. " by the plan's own timescale." },
        { label = "Carried forward to the next plan", value = n.carried, unit = fmt.unit(n.carried, "action") },
        { label = "Actions with a RAG", value = n.rag, unit = fmt.unit(n.rag, "action"),
          note = "Where the plan's \"Status (Red Amber Green)\" column is empty, the RAG is not stated; it is not red." },
      }) do tiles[#tiles + 1] = tile end
    end
    page[#page + 1] = ui.tiles { items = tiles }

    -- Assurance by area and level.
    local area_rows, evidence_rows, ratings, any_status = {}, {}, {}, false
    for _, a in ipairs(areas) do
      any_status = any_status or a.status ~= nil
      local row = {
        number = a.number and tostring(a.number) or "-",
        area = a.title,
        owner = a.owner or fmt.NOT_STATED,
        leads = a.leads or fmt.NOT_STATED,
        principles = a.principles or fmt.NOT_STATED,
        risks = a.risk_refs or a.related_risk_note or fmt.NOT_STATED,
        status = a.status and (a.status:sub(1, 1):upper() .. a.status:sub(2):gsub("_", " ")) or "-",
      }
      local levels = assurance[a.id] or {}
      local notes = {}
      for _, lv in ipairs(gip.LEVELS) do
        local r = levels[lv.level]
        row[lv.key] = fmt.rag(r and r.rag)
        if r then
          ratings[#ratings + 1] = r
          if r.note and not notes[r.note] then
            notes[r.note] = true
            notes[#notes + 1] = r.note
          end
          if r.evidence then
            evidence_rows[#evidence_rows + 1] = {
              number = row.number, area = a.title, level = lv.level, rag = fmt.rag(r.rag),
              evidence = fmt.shorten(r.evidence, 300),
            }
          end
        end
      end
      row.note = fmt.join(notes, nil, " ")
      area_rows[#area_rows + 1] = row
    end
    local counts, not_stated = gip.count_ratings(ratings)
    local area_columns = {
      { key = "number", label = "Area" },
      { key = "area", label = "Improvement area" },
      { key = "owner", label = "Area owner" },
      { key = "leads", label = "Working lead(s)" },
      { key = "principles", label = "CIPFA" },
      { key = "risks", label = "Corporate risks" },
    }
    -- Only proposed areas carry a status; a column of dashes says nothing.
    if any_status then area_columns[#area_columns + 1] = { key = "status", label = "Status" } end
    -- A year with no mapping at all (the proposed areas) gets no level
    -- columns: a page of "not stated" would bury the one sentence that matters.
    if #ratings > 0 then
      for _, lv in ipairs(gip.LEVELS) do
        area_columns[#area_columns + 1] = { key = lv.key, label = "Level " .. lv.level, format = "rag" }
      end
      area_columns[#area_columns + 1] = { key = "note", label = "Note" }
    end
    local assurance_section = {
      title = "Assurance mapping by area",
      ui.table { columns = area_columns, rows = area_rows },
    }
    if #ratings > 0 then
      assurance_section[#assurance_section + 1] = ui.rag_summary {
        title = string.format("Assurance ratings stated (%d of %d; %d not stated)",
          #ratings - not_stated, #ratings, not_stated),
        counts = counts,
      }
      assurance_section[#assurance_section + 1] = ui.text("Where the paper's ratings could not be read, the "
        .. "rating is shown as not stated and the note gives the letters that survived in the text; they "
        .. "cannot be assigned to levels with confidence. Corporate risks are the refs of the risk register "
        .. "the plan relates the area to, or the plan's own words where it names none.")
      if #evidence_rows > 0 then
        assurance_section[#assurance_section + 1] = ui.table {
          title = "What each level rests on",
          columns = {
            { key = "number", label = "Area" },
            { key = "area", label = "Improvement area" },
            { key = "level", label = "Level", format = "integer" },
            { key = "rag", label = "Rating", format = "rag" },
            { key = "evidence", label = "Evidence (as the plan lists it)" },
          },
          rows = evidence_rows,
        }
      end
    else
      assurance_section[#assurance_section + 1] = ui.text("No assurance mapping is recorded for the "
        .. year .. " areas" .. (year == "2022/23" and ": they are the areas the draft AGS proposes for "
        .. "2022/23, not yet planned in detail." or "."))
    end
    page[#page + 1] = ui.section(assurance_section)

    -- By CIPFA principle: an area aligned to two principles counts under both.
    local per = {}
    for _, pr in ipairs(gip.principles(ctx)) do
      per[pr.letter] = { letter = pr.letter, title = pr.title, areas = {}, actions = 0, complete = 0, carried = 0 }
    end
    local area_letters = {}
    for _, a in ipairs(areas) do
      area_letters[a.id] = gip.letters(a.principles)
      for _, l in ipairs(area_letters[a.id]) do
        local label = a.number and tostring(a.number) or a.title
        table.insert(per[l].areas, label)
      end
    end
    for _, x in ipairs(actions) do
      for _, l in ipairs(area_letters[x.area_id] or {}) do
        per[l].actions = per[l].actions + 1
        if x.status == "complete" then per[l].complete = per[l].complete + 1 end
      end
      -- The covering report lists carried-forward actions under one area of
      -- its own choosing (para 1.8), which may differ from the area's.
      if x.carry_forward_principle then
        per[x.carry_forward_principle].carried = per[x.carry_forward_principle].carried + 1
      end
    end
    local principle_rows, bars = {}, {}
    for _, l in ipairs({ "A", "B", "C", "D", "E", "F", "G" }) do
      local pr = per[l]
      if pr then
        principle_rows[#principle_rows + 1] = {
          letter = l, title = pr.title, areas = fmt.join(pr.areas, "none", year == "2021/22" and ", " or "; "),
          area_count = #pr.areas, actions = pr.actions, complete = pr.complete, carried = pr.carried,
        }
        bars[#bars + 1] = { label = l, value = #actions > 0 and pr.actions or #pr.areas }
      end
    end
    page[#page + 1] = ui.section {
      title = "By CIPFA principle",
      ui.table {
        columns = {
          { key = "letter", label = "Principle" },
          { key = "title", label = "CIPFA/SOLACE principle of good governance" },
          { key = "areas", label = "Which areas" },
          { key = "area_count", label = "Areas", format = "integer" },
          { key = "actions", label = "Actions", format = "integer" },
          { key = "complete", label = "Complete", format = "integer" },
          { key = "carried", label = "Carried forward", format = "integer" },
        },
        rows = principle_rows,
      },
      ui.chart {
        kind = "bar", unit = #actions > 0 and "actions" or "areas",
        title = #actions > 0 and "Actions by principle" or "Areas by principle",
        series = { { name = year, points = bars } },
      },
      ui.text("An area aligned to two principles counts its actions under both, so the column does not add "
        .. "up to the number of actions. *Carried forward* follows the covering report's table of outstanding "
        .. "actions (para 1.8), which files each action under one principle."),
    }

    -- Every action.
    local action_rows = {}
    for _, x in ipairs(actions) do
      action_rows[#action_rows + 1] = {
        area = x.area_number and tostring(x.area_number) or "-",
        seq = x.seq,
        action = fmt.shorten(x.action, 180),
        lead = x.lead or fmt.NOT_STATED,
        timescale = x.timescale or fmt.NOT_STATED,
        due = x.due,
        status = x.update_as_of and fmt.status(x.status) or "Not yet reported",
        rag = fmt.rag(x.rag),
        past_due = (x.due and x.due <= as_of and x.status ~= "complete") and "Yes" or "No",
        carried = x.carried_forward == 1 and ("Yes (" .. (x.carry_forward_principle or "?") .. ")") or "No",
        update = fmt.shorten(x.quarterly_update, UPDATE_CHARS) or "-",
      }
    end
    local actions_section = { title = "Actions" }
    if #action_rows > 0 then
      actions_section[#actions_section + 1] = ui.table {
        columns = {
          { key = "area", label = "Area" },
          { key = "seq", label = "No.", format = "integer" },
          { key = "action", label = "Improvement or control" },
          { key = "lead", label = "Lead" },
          { key = "timescale", label = "Timescale" },
          { key = "due", label = "Due", format = "date" },
          { key = "status", label = "Status" },
          { key = "rag", label = "RAG", format = "rag" },
          { key = "past_due", label = "Past due" },
          { key = "carried", label = "Carried forward" },
          { key = "update", label = "Quarterly update" },
        },
        rows = action_rows,
      }
      actions_section[#actions_section + 1] = ui.text("Timescale is the plan's wording; *due* is the last day "
        .. "of the period it names. Status is read from the quarterly update reported to the Panel; before "
        .. "that update's date it is shown as not yet reported. *Past due* means the due date had passed by "
        .. fmt.date(as_of) .. " without the action being reported complete.")
    else
      actions_section[#actions_section + 1] = ui.text("No action is recorded for the " .. year .. " areas.")
    end
    page[#page + 1] = ui.section(actions_section)

    return ui.page(page)
  end,
}
