-- Delivery of the Rebuilding Trust priorities and the Commissioner's
-- commitments, plan by plan: what was due by the view's date, what was
-- delivered, and what is overdue. The Performance Board monitors "delivery
-- of actions and priorities from the Rebuilding Trust plan" (seed 001 para
-- 1.8); the Audit Panel paper of 28 March 2022 (seed 000) reports them with
-- the Commissioner's commitments.
--
-- Statuses and updates are taken as they stood at the view's date, so the
-- paper can be redrawn as the board would have seen it at any meeting.

local dates = require('dates')
local delivery = require('delivery')
local fmt = require('fmt')
local measures = require('trust-confidence.measures')

local STANDING = {
  delivered = "Delivered", overdue = "Overdue", not_yet_due = "Not yet due",
  no_date = "No deadline given", withdrawn = "Withdrawn",
}
local STANDING_ORDER = { "delivered", "overdue", "not_yet_due", "no_date", "withdrawn" }

-- How far ahead "due soon" looks: a quarter, the boards' reporting cycle.
local SOON_MONTHS = 3
local UPDATE_CHARS = 220

-- The totals the papers themselves give (observations), which count more
-- priorities than the papers list one by one.
local PAPER_FIGURES = {
  { metric = "rbt.priorities", label = "Rebuilding Trust priorities, both plans" },
  { metric = "rbt.priorities_due", label = "Priorities due in the year" },
  { metric = "rbt.priorities_completed", label = "Priorities completed" },
  { metric = "rbt.priorities_underway", label = "Priorities still underway" },
  { metric = "commit.feb22", label = "Commissioner's commitments (February 2022)" },
  { metric = "commit.feb22", grp = "Progressed", label = "Commitments progressed" },
  { metric = "commit.feb22", grp = "On hold", label = "Commitments on hold" },
}

local function item_row(item)
  return {
    plan = item.plan,
    heading = item.heading or "-",
    seq = item.seq,
    title = item.title,
    owner = item.owner or fmt.NOT_STATED,
    deadline = delivery.deadline_text(item),
    status = fmt.status(item.status),
    standing = STANDING[item.standing],
    update_as_of = item.update_as_of,
    update = fmt.shorten(item.update_text, UPDATE_CHARS) or "-",
  }
end

local ITEM_COLUMNS = {
  { key = "plan", label = "Plan" },
  { key = "seq", label = "No.", format = "integer" },
  { key = "title", label = "Priority or commitment" },
  { key = "deadline", label = "Deadline" },
  { key = "status", label = "Status" },
  { key = "update_as_of", label = "Last update", format = "date" },
  { key = "update", label = "Update" },
}

local function items_table(ui, items, keep, title)
  local rows = {}
  for _, item in ipairs(items) do
    if keep(item) then rows[#rows + 1] = item_row(item) end
  end
  if #rows == 0 then return nil end
  return ui.table { title = title, columns = ITEM_COLUMNS, rows = rows }
end

gov.view {
  id = "rebuilding_trust.delivery",
  title = "Rebuilding Trust: delivery of priorities and commitments",
  board = "Performance Board",
  description = "The Rebuilding Trust priorities and the Commissioner's commitments (or every action plan) "
    .. "by plan: listed, due, delivered and overdue as at the view's date, with the overdue items, those due "
    .. "soon, those delivered, and every item with its latest update.",
  params = {
    plans = gov.param.choice { "trust", "all", label = "Plans" },
  },
  build = function(ctx, p)
    local ui = gov.ui
    local as_of = dates.figures_as_at(ctx, {
      "SELECT max(as_of) FROM action_updates WHERE as_of <= ?",
      "SELECT max(published) FROM action_plans WHERE published <= ?",
    })
    local all = p.plans == "all"
    local codes = not all and delivery.TRUST_PLANS or nil
    local items = delivery.items(ctx, codes)

    local intro = "This paper tracks delivery of the Met's Rebuilding Trust priorities (*Rebuilding Trust: "
      .. "Immediate priorities*, October 2021, seed 003, and the second plan of December 2021) and of the "
      .. "Commissioner's commitments of 4 February 2022 (*Rebuilding Trust and Confidence*, Joint Audit Panel, "
      .. "28 March 2022, seed 000)"
      .. (all and ", together with the Met's other action plans (STRIDE, VAWG, the Turnaround Plan and others)" or "")
      .. ". For each plan it shows how many items had fallen due by " .. fmt.date(as_of)
      .. ", how many were delivered and how many were overdue. An item's status is that of its latest "
      .. "update reported by then. Where a paper words a deadline loosely (\"Spring 2022\"), the deadline is "
      .. "the last day of the period it names, and the table says so."
    local page = {
      title = "Rebuilding Trust delivery as at " .. fmt.date(as_of),
      subtitle = "Performance Board: priorities and commitments by plan",
      as_at = as_of,
      ui.text(intro),
    }

    -- The papers' own counts beside the indicators.
    local tiles = { { indicator = "trust.rbt.status" }, { indicator = "trust.rbt.delivered_vs_due" } }
    for _, f in ipairs(PAPER_FIGURES) do
      local row = measures.latest(ctx, f.metric, f.grp)
      if row then
        tiles[#tiles + 1] = {
          label = f.label, value = fmt.int(row.value), unit = row.unit,
          note = "As the paper states it, for " .. row.period .. (row.note and (". " .. row.note) or ""),
        }
      end
    end
    page[#page + 1] = ui.section {
      title = "At a glance",
      ui.tiles { items = tiles },
      ui.text("The first two tiles count the priorities the papers list one by one. "
        .. "The others are totals the papers give, which also cover priorities they do not list, such as those "
        .. "of the December plan; the two need not agree."),
    }

    if #items == 0 then
      page[#page + 1] = ui.text("No plan in scope had been published by " .. fmt.date(as_of) .. ".")
      return ui.page(page)
    end

    -- By plan.
    local tally = delivery.tally(items, as_of)
    local no_date, no_status = 0, 0
    for _, t in ipairs(tally) do
      no_date, no_status = no_date + t.no_date, no_status + (t.status.none or 0)
    end
    local rows, series = {}, {}
    for _, code in ipairs(STANDING_ORDER) do series[#series + 1] = { name = STANDING[code], points = {} } end
    for _, t in ipairs(tally) do
      rows[#rows + 1] = {
        plan = t.plan, title = t.plan_title, published = t.plan_published, listed = t.listed,
        due = t.due, delivered = t.delivered, overdue = t.overdue, not_yet_due = t.not_yet_due,
        no_date = t.no_date, no_status = t.status.none or 0,
      }
      for i, code in ipairs(STANDING_ORDER) do
        local pts = series[i].points
        pts[#pts + 1] = { label = t.plan, value = t[code] }
      end
    end
    local plan_section = {
      title = "Delivery by plan",
      ui.table {
        columns = {
          { key = "plan", label = "Plan" },
          { key = "title", label = "Title" },
          { key = "published", label = "Published", format = "date" },
          { key = "listed", label = "Items listed", format = "integer" },
          { key = "due", label = "Due by date", format = "integer" },
          { key = "delivered", label = "Delivered", format = "integer" },
          { key = "overdue", label = "Overdue", format = "integer" },
          { key = "not_yet_due", label = "Not yet due", format = "integer" },
          { key = "no_date", label = "No deadline", format = "integer" },
          { key = "no_status", label = "No status reported", format = "integer" },
        },
        rows = rows,
        totals = true,
      },
      ui.chart { kind = "stacked_bar", title = "Items by where they stand", unit = "items", series = series },
      ui.text(string.format("*Due by date* counts items whose deadline fell on or before %s; *overdue* "
        .. "those of them not complete. Delivered items count as delivered whatever their deadline. %d of %s "
        .. "have no deadline in the papers, so cannot be overdue; %d have no status reported, which is "
        .. "unknown rather than late.", fmt.date(as_of), no_date, fmt.count_of(#items, "item"), no_status)),
    }
    local unlisted = {}
    for _, pl in ipairs(delivery.plans_without_items(ctx, items, codes)) do
      unlisted[#unlisted + 1] = pl.plan .. " (" .. pl.title .. ")"
    end
    if #unlisted > 0 then
      plan_section[#plan_section + 1] = ui.text("The papers list no items for " .. fmt.join(unlisted, "", "; ")
        .. "; their totals, where given, are in the tiles above.")
    end
    page[#page + 1] = ui.section(plan_section)

    -- Overdue, due soon, delivered.
    local soon = dates.add_months(as_of, SOON_MONTHS)
    local attention = { title = "Overdue and due soon" }
    attention[#attention + 1] = items_table(ui, items, function(i) return i.standing == "overdue" end,
      "Overdue") or ui.text("Nothing is overdue: no item with a deadline on or before " .. fmt.date(as_of)
      .. " is outstanding.")
    attention[#attention + 1] = items_table(ui, items, function(i)
      return i.standing == "not_yet_due" and i.deadline <= soon
    end, "Due by " .. fmt.date(soon)) or ui.text("Nothing falls due by " .. fmt.date(soon) .. ".")
    page[#page + 1] = ui.section(attention)

    page[#page + 1] = ui.section {
      title = "Delivered",
      items_table(ui, items, function(i) return i.standing == "delivered" end)
        or ui.text("No item had been reported complete by " .. fmt.date(as_of) .. "."),
    }

    -- Everything, plan by plan, heading by heading.
    local full = {}
    for _, item in ipairs(items) do full[#full + 1] = item_row(item) end
    page[#page + 1] = ui.section {
      title = "Every priority and commitment",
      ui.table {
        columns = {
          { key = "plan", label = "Plan" },
          { key = "heading", label = "Heading" },
          { key = "seq", label = "No.", format = "integer" },
          { key = "title", label = "Priority or commitment" },
          { key = "owner", label = "Owner" },
          { key = "deadline", label = "Deadline" },
          { key = "status", label = "Status" },
          { key = "standing", label = "Where it stands" },
          { key = "update_as_of", label = "Last update", format = "date" },
          { key = "update", label = "Update" },
        },
        rows = full,
      },
    }
    return ui.page(page)
  end,
}
