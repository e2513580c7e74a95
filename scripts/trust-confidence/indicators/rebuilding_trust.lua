-- Delivery of the Rebuilding Trust immediate priorities (action_items of
-- the RBT and RBT2 plans, with their dated action_updates), as at the
-- as-of date.

local plans = require('plans')
local asof = require('asof')
local measures = require('measures')
local stats = require('stats')

local function is_delivered(item) return item.status == "complete" end

gov.indicator {
  id = "trust.rbt.status",
  title = "Rebuilding Trust priorities by status",
  description = "Each Rebuilding Trust priority counted under its status as at the as-of date (its latest "
    .. "dated update, else the status the plan records). The headline is the number complete.",
  unit = "priorities",
  polarity = "higher_is_better",
  tags = { "rebuilding_trust", "delivery" },
  compute = function(ctx)
    local items = plans.rbt_priorities(ctx)
    if #items == 0 then return nil end
    local counts = {}
    for _, label in pairs(plans.STATUS_LABELS) do counts[label] = 0 end
    local delivered = {}
    for _, item in ipairs(items) do
      local label = plans.STATUS_LABELS[item.status or "none"]
      counts[label] = counts[label] + 1
      if is_delivered(item) then
        delivered[#delivered + 1] = string.format("%s %d (%s)", item.code, item.seq, item.status_as_of or "undated")
      end
    end
    local text = string.format("%s listed; %d complete", stats.count_of(#items, "priority", "priorities"), #delivered)
    if #delivered > 0 then text = text .. ": " .. table.concat(delivered, ", ") end
    local silent = counts[plans.STATUS_LABELS.none]
    text = text .. string.format(". %d %s no status reported by %s.", silent, silent == 1 and "has" or "have", asof.date(ctx))
    -- The papers also give totals for both plans; the item list may hold
    -- fewer priorities than they count, and the board should see both.
    local total, due = measures.latest(ctx, "rbt.priorities"), measures.latest(ctx, "rbt.priorities_due")
    if total then
      text = text .. string.format(" The papers count %s across both plans", stats.num(total.value))
      if due then text = text .. string.format(", %s due in %s", stats.num(due.value), due.period) end
      text = text .. "."
    end
    return { breakdown = counts, value = #delivered, explain = text }
  end,
}

gov.indicator {
  id = "trust.rbt.delivered_vs_due",
  title = "Rebuilding Trust priorities delivered, as a share of those due",
  description = "Of the priorities with a due date on or before the as-of date (withdrawn ones aside), the "
    .. "percentage complete by then. No data when no priority has yet fallen due.",
  unit = "%",
  polarity = "higher_is_better",
  -- Immediate priorities are public promises: missing one in ten of those
  -- due is already visible. See README, "Thresholds".
  thresholds = { green = 90, amber = 70 },
  tags = { "rebuilding_trust", "delivery" },
  compute = function(ctx)
    local d = asof.date(ctx)
    local due, done, late = 0, 0, {}
    for _, item in ipairs(plans.rbt_priorities(ctx)) do
      if item.due and item.due <= d and item.status ~= "withdrawn" then
        due = due + 1
        if is_delivered(item) then
          done = done + 1
        else
          late[#late + 1] = string.format("%s %d (due %s)", item.code, item.seq, item.due)
        end
      end
    end
    -- Nothing due is not "0% delivered": it is no data.
    if due == 0 then return nil end
    local text = string.format("%d of %s due by %s %s complete.", done,
      stats.count_of(due, "priority", "priorities"), d, done == 1 and "is" or "are")
    if #late > 0 then text = text .. " Not complete: " .. table.concat(late, ", ") .. "." end
    return { value = stats.percent(done, due), explain = text }
  end,
}
