-- delivery: action plan priorities and commitments (action_plans,
-- action_items, action_updates) as they stood at the date a view is drawn
-- as at: each item's status then, its deadline, and whether it was
-- delivered, overdue or not yet due.

local dates = require('dates')
local fmt = require('fmt')

local delivery = {}

-- The Rebuilding Trust family: the two Rebuilding Trust plans (October and
-- December 2021) and the Commissioner's commitments of February 2022, which
-- the Rebuilding Trust paper to the Audit Panel (seed 000) reports together.
delivery.TRUST_PLANS = { RBT = true, RBT2 = true, COMMIT = true }

-- An item's status at a date is that of its latest dated update with a
-- status on or before the date. Failing that, the status the item itself
-- records, which the paper that listed it gave: it counts from that
-- paper's date (or always, when the paper is undated). Plans published
-- after the date are left out: their items did not exist yet. Sub-items
-- (parent_id) are detail under a priority, not priorities of their own.
local ITEMS = [[
SELECT i.id, p.id AS plan_id, p.code AS plan, p.title AS plan_title, p.published AS plan_published,
       h.seq AS heading_seq, h.title AS heading,
       i.seq, i.title, i.owner, i.due, i.due_text, s.published AS paper_date,
       COALESCE((SELECT u.status FROM action_updates u
                  WHERE u.item_id = i.id AND u.status IS NOT NULL AND u.as_of <= ?
                  ORDER BY u.as_of DESC, u.id DESC LIMIT 1),
                CASE WHEN s.published IS NULL OR s.published <= ? THEN i.status END) AS status,
       (SELECT u.text FROM action_updates u
         WHERE u.item_id = i.id AND u.as_of <= ?
         ORDER BY u.as_of DESC, u.id DESC LIMIT 1) AS update_text,
       (SELECT max(u.as_of) FROM action_updates u
         WHERE u.item_id = i.id AND u.as_of <= ?) AS update_as_of
  FROM action_items i
  JOIN action_plans p ON p.id = i.plan_id
  JOIN sources s ON s.id = i.source_id
  LEFT JOIN plan_headings h ON h.id = i.heading_id
 WHERE i.parent_id IS NULL
   AND (p.published IS NULL OR p.published <= ?)
 ORDER BY p.id, h.seq, i.seq]]

local PLANS = [[
SELECT p.code AS plan, p.title
  FROM action_plans p
 WHERE p.published IS NULL OR p.published <= ?
 ORDER BY p.id]]

--- The plans published by the view's date (or undated) that list no item,
--- as an array of { plan, title }: a plan whose items the papers do not
--- list must still be seen to exist. `codes` as for delivery.items.
function delivery.plans_without_items(ctx, items, codes)
  local listed = {}
  for _, item in ipairs(items) do listed[item.plan] = true end
  local out = {}
  for _, p in ipairs(ctx.sql(PLANS, dates.as_of(ctx))) do
    if (codes == nil or codes[p.plan]) and not listed[p.plan] then out[#out + 1] = p end
  end
  return out
end

--- The deadline of an item: its `due` date, or else the last day of the
--- period its `due_text` names (see dates.due_from_text). Returns the date
--- (or nil) and whether it was derived from the wording.
function delivery.deadline(item)
  if item.due then return item.due, false end
  local d = dates.due_from_text(item.due_text, item.paper_date)
  return d, d ~= nil
end

--- Where an item stands at `as_of`:
---   "delivered"    complete (whenever it was due);
---   "withdrawn"    withdrawn: neither delivered nor owed;
---   "overdue"      its deadline is on or before as_of (the view is drawn at
---                  the close of that day) and it is not complete;
---   "not_yet_due"  its deadline is after as_of;
---   "no_date"      the papers give no deadline.
function delivery.classify(item, as_of)
  if item.status == "complete" then return "delivered" end
  if item.status == "withdrawn" then return "withdrawn" end
  local due = item.deadline
  if due == nil then return "no_date" end
  if due <= as_of then return "overdue" end
  return "not_yet_due"
end

--- The items as at the view's date, each with `deadline`, `derived` and
--- `standing` (delivery.classify) added. `codes` (a set of plan codes) keeps
--- only those plans; nil keeps all.
function delivery.items(ctx, codes)
  local d = dates.as_of(ctx)
  local out = {}
  for _, item in ipairs(ctx.sql(ITEMS, d, d, d, d, d)) do
    if codes == nil or codes[item.plan] then
      item.deadline, item.derived = delivery.deadline(item)
      item.standing = delivery.classify(item, d)
      out[#out + 1] = item
    end
  end
  return out
end

--- Items counted per plan, in the order the items come: an array of
--- { plan, plan_title, listed, due, delivered, delivered_when_due, overdue,
--- not_yet_due, no_date, withdrawn, status = { code -> n } }.
--- `due` counts items whose deadline had come by as_of (withdrawn ones aside);
--- `delivered_when_due` those of them complete.
function delivery.tally(items, as_of)
  local out, by_plan = {}, {}
  for _, item in ipairs(items) do
    local t = by_plan[item.plan]
    if not t then
      t = { plan = item.plan, plan_title = item.plan_title, plan_published = item.plan_published,
            listed = 0, due = 0, delivered = 0, delivered_when_due = 0, overdue = 0,
            not_yet_due = 0, no_date = 0, withdrawn = 0, status = {} }
      by_plan[item.plan] = t
      out[#out + 1] = t
    end
    t.listed = t.listed + 1
    t[item.standing] = t[item.standing] + 1
    local due = item.deadline ~= nil and item.deadline <= as_of and item.standing ~= "withdrawn"
    if due then
      t.due = t.due + 1
      if item.standing == "delivered" then t.delivered_when_due = t.delivered_when_due + 1 end
    end
    local key = item.status or "none"
    t.status[key] = (t.status[key] or 0) + 1
  end
  return out
end

--- "Spring 2022 (31 May 2022)": the deadline as a board reads it, saying
--- when the date was read from the paper's wording.
function delivery.deadline_text(item)
  if item.deadline == nil then return item.due_text or fmt.NOT_STATED end
  if item.derived then return string.format("%s (read as %s)", item.due_text, item.deadline) end
  return item.deadline
end

return delivery
