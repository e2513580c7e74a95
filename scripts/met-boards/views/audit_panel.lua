-- The Audit Panel's corporate risk summary, laid out like Appendix A of the
-- Met Risk Management Report to the Joint Audit Panel of 17 January 2022
-- (seed 001): the register in its short-term and long-term tables, the two
-- heat maps, the progress RAG the report opens with, the risks reporting
-- limited or slipped progress with what the report says about them, and the
-- alignment with the Met Direction pillars.
--
-- Every part is drawn as at the view's date, so the table agrees with the
-- heat maps (which the host scores as at the same date).

local levels = require('met-risk.levels')
local dates = require('dates')
local fmt = require('fmt')
local risks = require('risks')

-- The rule the heat maps and the band column use. Named rather than left to
-- the workspace setting, so that the colours in the table and on the maps
-- always come from the same rule.
local RULE = "met.lxi4"

local TERMS = {
  { key = "short", title = "Short-term risks", map = "Short-term heat map" },
  { key = "long", title = "Long-term risks", map = "Long-term heat map" },
}

local REGISTER_COLUMNS = {
  { key = "ref", label = "Ref", format = "integer" },
  { key = "position", label = "L v I" },
  { key = "trend", label = "Trend" },
  { key = "risk", label = "Risk" },
  { key = "description", label = "Risk description" },
  { key = "owner", label = "Risk owner" },
  { key = "leads", label = "Working lead(s)" },
  { key = "target", label = "Target position" },
  { key = "score", label = "Score", format = "integer" },
  { key = "band", label = "Band", format = "rag" },
}

local function register_rows(register, term)
  local rows = {}
  for _, r in ipairs(register) do
    if r.term == term then
      local score = levels.score(r.likelihood, r.impact)
      rows[#rows + 1] = {
        ref = r.ref,
        position = fmt.position(r.likelihood, r.impact),
        trend = fmt.trend(r.trend),
        risk = r.name,
        description = r.description,
        owner = r.owner,
        leads = r.leads or fmt.NOT_STATED,
        target = fmt.position(r.target_likelihood, r.target_impact),
        score = score,
        band = levels.band(score),
      }
    end
  end
  return rows
end

-- Counts under the rule's bands, and the figures the tiles show.
local function summarise(register)
  local s = { bands = { red = 0, amber = 0, green = 0 }, worsening = 0, above_target = 0, with_target = 0, synthetic = 0 }
  for _, r in ipairs(register) do
    local band = levels.band(levels.score(r.likelihood, r.impact))
    s.bands[band] = s.bands[band] + 1
    if r.trend == "worsening" then s.worsening = s.worsening + 1 end
    if r.target_likelihood then
      s.with_target = s.with_target + 1
      if levels.distance(r.likelihood, r.impact, r.target_likelihood, r.target_impact) > 0 then
        s.above_target = s.above_target + 1
      end
    end
    if r.source_kind == "synthetic" then s.synthetic = s.synthetic + 1 end
  end
  return s
end

-- The report's progress RAG (risk.rag_count in met-risk). An indicator that
-- fails must not take the whole paper down with it: its message is shown
-- in words instead.
local function progress_rag(ctx)
  local ok, result = pcall(ctx.indicator, "risk.rag_count")
  if not ok then return nil, "The progress RAG could not be read: " .. tostring(result) end
  if result.status ~= "ok" or not result.breakdown then return nil, nil end
  local counts, total = {}, 0
  for band, n in pairs(result.breakdown) do
    counts[band] = fmt.int(n)
    total = total + n
  end
  return counts, nil, fmt.int(total)
end

local function attention_rows(register)
  local rows = {}
  for _, r in ipairs(register) do
    if risks.needs_attention(r.progress) then
      rows[#rows + 1] = {
        ref = r.ref, risk = r.name, term = r.term, progress = fmt.progress(r.progress),
        position = fmt.position(r.likelihood, r.impact), trend = fmt.trend(r.trend),
        commentary = r.commentary or fmt.NOT_STATED, severity = risks.severity(r.progress),
      }
    end
  end
  table.sort(rows, function(a, b)
    if a.severity ~= b.severity then return a.severity < b.severity end
    return a.ref < b.ref
  end)
  for _, row in ipairs(rows) do row.severity = nil end -- for sorting only, not a column
  return rows
end

-- Risks the report says something about without reporting them off track:
-- on track, or with an overall RAG of their own (risk 3's 'amber').
-- Synthetic history carries a marker, not commentary, and is left out.
local function other_rows(register)
  local rows = {}
  for _, r in ipairs(register) do
    if not risks.needs_attention(r.progress) and r.source_kind ~= "synthetic"
        and (r.commentary or r.rag or r.progress) then
      rows[#rows + 1] = {
        ref = r.ref, risk = r.name, progress = fmt.progress(r.progress), rag = fmt.rag(r.rag),
        commentary = r.commentary or fmt.NOT_STATED,
      }
    end
  end
  return rows
end

gov.view {
  id = "audit_panel.risks",
  title = "Corporate risk summary and heat maps",
  board = "Audit Panel",
  description = "The corporate risk register laid out like Appendix A of the Met Risk Management Report "
    .. "(Joint Audit Panel, 17 January 2022): short- and long-term risks with position, trend, owner, leads "
    .. "and target; heat maps under met.lxi4; the reported progress RAG; risks with limited or slipped "
    .. "progress; alignment with the Met Direction pillars.",
  params = {
    term = gov.param.choice { "all", "short", "long", label = "Risks shown" },
  },
  build = function(ctx, p)
    local ui = gov.ui
    local as_of = dates.figures_as_at(ctx, { "SELECT max(as_of) FROM risk_assessments WHERE as_of <= ?" })
    local term = p.term or "all"
    local register = risks.register(ctx, term)
    local shown = term == "all" and "the short- and long-term risks" or ("the " .. term .. "-term risks only")

    local page = {
      title = "Corporate risk register as at " .. fmt.date(as_of),
      subtitle = "MPS-MOPAC Joint Audit Panel: Met Risk Management Report, Appendix A",
      as_at = as_of,
    }
    local intro = "This is the Met's corporate risk register as it stood on " .. fmt.date(as_of)
      .. ", laid out like Appendix A of the *Met Risk Management Report* to the Joint Audit Panel of "
      .. "17 January 2022 (seed 001). It shows " .. shown .. ": each risk's current position (likelihood "
      .. "v impact) and trend, its owner and working leads, and its target position; then the heat maps, "
      .. "the progress RAG the report opens with, the risks whose owners report limited or slipped "
      .. "progress, and the alignment with the Met Direction pillars."
    if #register == 0 then
      page[1] = ui.text(intro .. "\n\nNo risk had been assessed by " .. fmt.date(as_of) .. ".")
      return ui.page(page)
    end

    local s = summarise(register)
    if s.synthetic > 0 then
      intro = intro .. "\n\n**Demo data:** " .. fmt.count_of(s.synthetic, "position") .. " shown "
        .. (s.synthetic == 1 and "is" or "are") .. " synthetic history generated for the demonstration, "
        .. "not real register positions."
    end
    page[#page + 1] = ui.text(intro)

    -- With no target recorded, "0 above target" would be a false comfort: no data instead.
    local above = s.with_target > 0 and s.above_target or nil
    page[#page + 1] = ui.tiles {
      items = {
        { label = "Risks on the register", value = #register, unit = fmt.unit(#register, "risk") },
        { label = "Red under " .. RULE, value = s.bands.red, unit = fmt.unit(s.bands.red, "risk"),
          note = "Both likelihood and impact at least H, one of them VH (score 12-16)." },
        { label = "Trend worsening", value = s.worsening, unit = fmt.unit(s.worsening, "risk") },
        { label = "Above target position", value = above, unit = fmt.unit(above, "risk"),
          note = s.with_target > 0
            and string.format("Current score above the target's score under %s; %d of %d risks have a target.",
              RULE, s.with_target, #register)
            or "No target position had been recorded by this date." },
      },
    }

    -- The register, one table per term, as the appendix prints it.
    local register_section = { title = "Corporate risk register" }
    for _, t in ipairs(TERMS) do
      if term == "all" or term == t.key then
        local rows = register_rows(register, t.key)
        if #rows > 0 then
          register_section[#register_section + 1] = ui.table {
            title = t.title, columns = REGISTER_COLUMNS, rows = rows, sort = "ref",
          }
        else
          register_section[#register_section + 1] = ui.text("No " .. t.key .. "-term risk was on the register.")
        end
      end
    end
    register_section[#register_section + 1] = ui.text(
      "L v I is the position as the register writes it, likelihood first: *H v M* is high likelihood, "
      .. "medium impact. A worsening trend is the register's up arrow. Score and band are those of the "
      .. RULE .. " rule (likelihood x impact on L=1 to VH=4; green 1-4, amber 6-9, red 12-16); the paper "
      .. "prints the positions but not the colours, so the bands are the met-risk pack's.")
    page[#page + 1] = ui.section(register_section)

    -- The heat maps: current positions and targets, side by side.
    local maps = { widths = {} }
    for _, t in ipairs(TERMS) do
      if term == "all" or term == t.key then
        maps[#maps + 1] = ui.heatmap { rule = RULE, term = t.key, show = "both", title = t.map }
        maps.widths[#maps.widths + 1] = 1
      end
    end
    page[#page + 1] = ui.section {
      title = "Heat maps",
      ui.text("Each cell lists the risks whose current position falls in it, and separately those whose "
        .. "target position does. Rows are likelihood, columns impact, low to high."),
      ui.columns(maps),
    }

    -- The report's progress RAG beside the heat-map bands: they measure
    -- different things and the paper's counts cannot be tied to risks.
    local counts, problem, rated = progress_rag(ctx)
    local rag_note
    if counts then
      rag_note = string.format("The report opens with the risk owners' and working leads' own assessment "
        .. "of progress towards target: %d green, %d amber and %d red. It does not say which risks they are, "
        .. "and the counts cover %s while the register holds %s. They are about progress, not position, "
        .. "so they need not match the heat-map bands beside them.",
        counts.green or 0, counts.amber or 0, counts.red or 0, fmt.count_of(rated, "risk"),
        fmt.count_of(#risks.register(ctx, "all"), "risk"))
    else
      rag_note = problem or ("No progress RAG had been reported by " .. fmt.date(as_of) .. ".")
    end
    local rag_parts = { widths = { 1, 1 } }
    if counts then
      rag_parts[#rag_parts + 1] = ui.rag_summary { title = "Progress towards target (as reported, whole register)", counts = counts }
    else
      rag_parts.widths = { 1 }
    end
    rag_parts[#rag_parts + 1] = ui.rag_summary { title = "Current positions by " .. RULE .. " band", counts = s.bands }
    page[#page + 1] = ui.section {
      title = "RAG summary",
      ui.columns(rag_parts),
      ui.text(rag_note),
    }

    -- Risks reporting limited or slipped progress, worst first.
    local attention = attention_rows(register)
    local progress_section = { title = "Risks reporting limited or slipped progress" }
    if #attention > 0 then
      progress_section[#progress_section + 1] = ui.table {
        columns = {
          { key = "ref", label = "Ref", format = "integer" },
          { key = "risk", label = "Risk" },
          { key = "term", label = "Term" },
          { key = "progress", label = "Progress" },
          { key = "position", label = "L v I" },
          { key = "trend", label = "Trend" },
          { key = "commentary", label = "Commentary" },
        },
        rows = attention,
      }
    else
      progress_section[#progress_section + 1] = ui.text("No risk shown reported limited, slipped or no "
        .. "progress as at " .. fmt.date(as_of) .. ".")
    end
    local others = other_rows(register)
    if #others > 0 then
      progress_section[#progress_section + 1] = ui.table {
        title = "Other risks the report notes",
        columns = {
          { key = "ref", label = "Ref", format = "integer" },
          { key = "risk", label = "Risk" },
          { key = "progress", label = "Progress" },
          { key = "rag", label = "RAG", format = "rag" },
          { key = "commentary", label = "Commentary" },
        },
        rows = others,
      }
    end
    progress_section[#progress_section + 1] = ui.text("Progress is the owner's assessment of progress "
      .. "towards the target score, one of On track, Limited, Slipped or No progress (para 1.2). The "
      .. "report states it for a few risks only; for the rest it is not stated, which is not the same as "
      .. "on track.")
    progress_section[#progress_section + 1] = ui.link {
      text = "Key controls of each risk (Risk and Assurance Board)", view = "risk_board.controls",
    }
    page[#page + 1] = ui.section(progress_section)

    -- Alignment with the Met Direction pillars.
    local pillar_rows = {}
    for _, pl in ipairs(risks.pillars(ctx, register)) do
      pillar_rows[#pillar_rows + 1] = {
        pillar = tostring(pl.id), -- text: a label, not a quantity the totals row should add up
        title = pl.title,
        kind = pl.kind == "operational" and "Operational priority" or "Enabling priority",
        risks = fmt.join(pl.risks, "none"),
        count = #pl.risks,
      }
    end
    page[#page + 1] = ui.section {
      title = "Alignment with Met Direction pillars",
      ui.table {
        columns = {
          { key = "pillar", label = "Pillar" },
          { key = "title", label = "Met Direction pillar" },
          { key = "kind", label = "Kind" },
          { key = "risks", label = "Risks aligned" },
          { key = "count", label = "Risks", format = "integer" },
        },
        rows = pillar_rows,
        totals = true,
      },
      ui.text("Each risk appears once in the appendix's alignment table. Pillars 1-3 are the Met's "
        .. "operational priorities, 4-7 its enabling priorities."),
    }

    return ui.page(page)
  end,
}
