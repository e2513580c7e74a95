-- The Risk and Assurance Board's view of key controls: for each corporate
-- risk, how its key controls are progressing (On track, Limited, Slipped,
-- No progress, as the risk report reports them: seed 001 para 1.2), with the
-- slipped and limited controls first, since those are the ones the Board
-- asks owners to explain ("For those risks reporting limited progress, risk
-- owners provided a response to Risk and Assurance Board").

local dates = require('dates')
local fmt = require('fmt')
local risks = require('risks')

local CONTROL_COLUMNS = {
  { key = "ref", label = "Risk", format = "integer" },
  { key = "risk", label = "Risk name" },
  { key = "seq", label = "Control", format = "integer" },
  { key = "description", label = "Key control" },
  { key = "owner", label = "Owner" },
  { key = "target_date", label = "Target date", format = "date" },
  { key = "progress", label = "Progress" },
  { key = "period", label = "Quarter" },
  { key = "note", label = "Note" },
}

local function control_row(c)
  return {
    ref = c.ref, risk = c.risk_name, seq = c.seq, description = c.description,
    owner = c.owner or fmt.NOT_STATED,
    target_date = c.target_date,
    progress = fmt.progress(c.progress, "Not reported"),
    period = c.period or "-",
    -- The progress note says what happened this quarter; failing that, the
    -- control's own note (e.g. that the paper gives counts only).
    note = c.progress_note or c.control_note,
  }
end

gov.view {
  id = "risk_board.controls",
  title = "Key control progress by corporate risk",
  board = "Risk and Assurance Board",
  description = "Progress of each corporate risk's key controls as at the view's date (On track, Limited, "
    .. "Slipped, No progress), per risk and control by control, slipped and limited controls first.",
  params = {
    list = gov.param.choice { "attention", "all", label = "Controls listed" },
  },
  build = function(ctx, p)
    local ui = gov.ui
    local as_of = dates.figures_as_at(ctx, {
      "SELECT max(as_of) FROM risk_assessments WHERE as_of <= ?",
      "SELECT max(period_end) FROM control_progress WHERE period_end <= ?",
    })
    local controls = risks.controls(ctx)
    local page = {
      title = "Key control progress as at " .. fmt.date(as_of),
      subtitle = "Risk and Assurance Board: corporate risks and their key controls",
      as_at = as_of,
      ui.text("This paper shows, for each corporate risk, the key controls in place or in progress to "
        .. "move it towards its target position, and the progress reported for each in the latest quarter "
        .. "ended by " .. fmt.date(as_of) .. ". Statuses follow the *Met Risk Management Report* to the Joint "
        .. "Audit Panel of 17 January 2022 (seed 001, paras 1.2-1.29): On track, Limited, Slipped or No "
        .. "progress. Risks with slipped controls come first, then those with limited ones."),
    }
    if #controls == 0 then
      page[#page + 1] = ui.text("No key control is recorded for the risks on the register at this date.")
      return ui.page(page)
    end

    local tally = risks.tally_controls(controls)
    local totals = { on_track = 0, limited = 0, slipped = 0, no_progress = 0, not_reported = 0 }
    for _, t in ipairs(tally) do
      for k in pairs(totals) do totals[k] = totals[k] + t[k] end
    end
    local reported = #controls - totals.not_reported

    page[#page + 1] = ui.tiles {
      items = {
        { indicator = "risk.controls.on_track" },
        { indicator = "risk.controls.slipped" },
        { label = "Controls slipped or with no progress", value = totals.slipped + totals.no_progress,
          unit = fmt.unit(totals.slipped + totals.no_progress, "control") },
        { label = "Controls with limited progress", value = totals.limited, unit = fmt.unit(totals.limited, "control") },
        { label = "Controls with no status reported", value = totals.not_reported, unit = fmt.unit(totals.not_reported, "control"),
          note = "Of " .. fmt.count_of(#controls, "key control") .. "; unknown is not the same as on track." },
      },
    }

    -- Per risk: the counts, and the same as a stacked bar.
    local per_risk, by_status = {}, {}
    for _, code in ipairs({ "slipped", "no_progress", "limited", "on_track", "not_reported" }) do
      by_status[code] = { name = code == "not_reported" and "Not reported" or fmt.PROGRESS[code], points = {} }
    end
    for _, t in ipairs(tally) do
      per_risk[#per_risk + 1] = {
        ref = t.ref, risk = t.name, total = t.total, slipped = t.slipped + t.no_progress,
        limited = t.limited, on_track = t.on_track, not_reported = t.not_reported,
        on_track_pct = t.on_track_pct,
      }
      local label = fmt.risk(t.ref, t.name)
      for code, series in pairs(by_status) do
        series.points[#series.points + 1] = { label = label, value = t[code] }
      end
    end
    local series = {}
    for _, code in ipairs({ "slipped", "no_progress", "limited", "on_track", "not_reported" }) do
      series[#series + 1] = by_status[code]
    end

    page[#page + 1] = ui.section {
      title = "Controls per risk",
      ui.table {
        columns = {
          { key = "ref", label = "Ref", format = "integer" },
          { key = "risk", label = "Risk" },
          { key = "total", label = "Key controls", format = "integer" },
          { key = "slipped", label = "Slipped / no progress", format = "integer" },
          { key = "limited", label = "Limited", format = "integer" },
          { key = "on_track", label = "On track", format = "integer" },
          { key = "not_reported", label = "Not reported", format = "integer" },
          { key = "on_track_pct", label = "On track, % of reported", format = "percent" },
        },
        rows = per_risk,
        totals = true,
      },
      ui.chart { kind = "stacked_bar", title = "Key controls by progress, per risk", unit = "controls", series = series },
      ui.text(string.format("%s have a reported status: %d on track, %d limited, %d slipped, %d with no "
        .. "progress. The share on track counts only controls with a reported status. Where the report gives "
        .. "counts rather than naming each control, the controls it does not name carry a generic description "
        .. "and a note saying so.", fmt.count_of(reported, "key control"),
        totals.on_track, totals.limited, totals.slipped, totals.no_progress)),
    }

    -- Control by control: those needing attention, or all, worst first.
    local listed = {}
    for _, c in ipairs(risks.sort_by_severity(controls)) do
      if p.list == "all" or risks.needs_attention(c.progress) then listed[#listed + 1] = control_row(c) end
    end
    local section = {
      title = p.list == "all" and "All key controls, worst first" or "Controls slipped, limited or without progress",
    }
    if #listed > 0 then
      section[#section + 1] = ui.table { columns = CONTROL_COLUMNS, rows = listed }
    else
      section[#section + 1] = ui.text("No key control was reported slipped, limited or without progress "
        .. "in a quarter ended by " .. fmt.date(as_of) .. ".")
    end
    if p.list ~= "all" then
      section[#section + 1] = ui.link {
        text = "Show every key control", view = "risk_board.controls", params = { list = "all" },
      }
    end
    section[#section + 1] = ui.link { text = "Corporate risk summary (Audit Panel)", view = "audit_panel.risks" }
    page[#page + 1] = ui.section(section)

    return ui.page(page)
  end,
}
