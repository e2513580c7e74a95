-- Governance Improvement Plan actions by RAG and by CIPFA principle.

local plans = require('plans')
local stats = require('stats')

local RAG_ORDER = { "red", "amber", "green", "blue" }
local RAG_LABELS = { red = "Red", amber = "Amber", green = "Green", blue = "Blue (complete)" }

gov.indicator {
  id = "trust.gip.actions_by_rag",
  title = "Governance Improvement Plan actions by RAG",
  description = "Actions of the latest plan year begun by the as-of date (or params.year), counted by the RAG "
    .. "their quarterly update gave them. No data when no action has a RAG: a missing rating is not green.",
  unit = "actions",
  polarity = "neutral",
  tags = { "gip", "governance" },
  compute = function(ctx)
    local year = plans.gip_year(ctx)
    if not year then return nil end
    local counts, total = plans.gip_by_rag(ctx, year)
    -- The demo's plans print an empty RAG column, so every rag is NULL and
    -- this is honestly "no data".
    if next(counts) == nil then return nil end
    local breakdown, rated, parts = {}, 0, {}
    for _, rag in ipairs(RAG_ORDER) do
      local n = counts[rag] or 0
      breakdown[RAG_LABELS[rag]] = n
      rated = rated + n
      parts[#parts + 1] = string.format("%d %s", n, rag)
    end
    return {
      breakdown = breakdown,
      explain = string.format("%s plan: %s; %d of %d actions have no RAG.",
        year, table.concat(parts, ", "), total - rated, total),
    }
  end,
}

gov.indicator {
  id = "trust.gip.actions_by_principle",
  title = "Governance Improvement Plan actions by CIPFA principle",
  description = "Actions of the latest plan year begun by the as-of date (or params.year), counted under each "
    .. "CIPFA/SOLACE principle (A-G) their improvement area is aligned to. An area aligned to two principles "
    .. "counts its actions under both.",
  unit = "actions",
  polarity = "neutral",
  tags = { "gip", "governance" },
  compute = function(ctx)
    local year = plans.gip_year(ctx)
    if not year then return nil end
    local actions = plans.gip_action_count(ctx, year)
    if actions == 0 then return nil end
    local breakdown, parts = {}, {}
    for _, p in ipairs(plans.gip_by_principle(ctx, year)) do
      breakdown[p.letter] = p.n
      parts[#parts + 1] = string.format("%s %d (%s)", p.letter, p.n, p.title)
    end
    return {
      breakdown = breakdown,
      explain = string.format("%s plan, %s. %s.", year, stats.count_of(actions, "action"), table.concat(parts, "; ")),
    }
  end,
}
