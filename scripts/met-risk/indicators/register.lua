-- The register as a whole: how many corporate risks, where they sit on the
-- heat map under met.lxi4, which way they are moving, and the progress RAG
-- the report opens with. Every indicator here reads the register as at
-- ctx.as_of (lib/register.lua), so evaluating at past dates gives history.

local levels = require("levels")
local register = require("register")

-- A working is read by people: past this many risks, say how many more
-- rather than list them (a large register would otherwise give pages).
local SHOWN = 12

-- Lists the labels of risks `members` (indices into the register's
-- columns) as "9 PUBLIC & LOCAL ENGAGEMENT, 11 ESTATES" (or "none").
-- `total` is how many members there are (#members unless the list holds
-- only the first SHOWN + 1).
local function list(cols, members, total)
  total = total or #members
  local out = {}
  for k, i in ipairs(members) do
    if k > SHOWN then
      out[#out + 1] = string.format("and %d more", total - SHOWN)
      break
    end
    out[#out + 1] = register.label_at(cols, i)
  end
  return #out > 0 and table.concat(out, ", ") or "none"
end

gov.indicator {
  id = "risk.count",
  title = "Corporate risks on the register",
  description = "Risks with an assessment on or before the evaluation date.",
  unit = "risks",
  polarity = "neutral",
  tags = { "risk" },
  compute = function(ctx)
    local reg = register.register(ctx)
    local n = reg.n
    if n == 0 then return nil end -- no register yet at this date
    local short, term = 0, reg.term
    for i = 1, n do
      if term[i] == "short" then short = short + 1 end
    end
    return {
      value = n,
      explain = string.format("%d risks as at %s: %d short-term, %d long-term",
        n, register.date(ctx), short, n - short),
    }
  end,
}

-- The report's own summary (seed 001, "Report Summary"): seven risks green,
-- two amber and one red for PROGRESS, as judged by risk owners and working
-- leads. The paper does not say which risks, so the demo stores the counts
-- as observations of metric risk.rag_count (grp = the RAG) rather than on
-- the risks; this indicator reads the latest such count as at the date.
gov.indicator {
  id = "risk.rag_count",
  title = "Corporate risks by progress RAG (as reported)",
  description = "Number of risks the owners and working leads rated green, amber or red for progress "
    .. "towards target, as the risk report states it.",
  unit = "risks",
  polarity = "neutral",
  tags = { "risk", "progress" },
  compute = function(ctx)
    local rows = ctx.sql([[
      SELECT o.period, o.grp, o.value
        FROM observations o
       WHERE o.metric_id = ?
         AND o.area = ?
         AND o.period = (SELECT p.period FROM observations p
                          WHERE p.metric_id = ? AND p.area = ?
                            AND COALESCE(p.period_end, p.period_start) <= ?
                          ORDER BY COALESCE(p.period_end, p.period_start) DESC
                          LIMIT 1)]],
      "risk.rag_count", "London", "risk.rag_count", "London", register.date(ctx))
    if #rows == 0 then return nil end
    local counts, total = {}, 0
    for _, row in ipairs(rows) do
      local n = math.tointeger(row.value) or row.value -- stored as REAL
      counts[row.grp] = n
      total = total + n
    end
    local parts = {}
    for _, band in ipairs({ "green", "amber", "red" }) do -- the report's order
      parts[#parts + 1] = string.format("%d %s", counts[band] or 0, band)
    end
    return {
      breakdown = counts,
      explain = string.format("%s: %s (%d risks rated for progress; the report does not say which)",
        rows[1].period, table.concat(parts, ", "), total),
    }
  end,
}

gov.indicator {
  id = "risk.score",
  title = "Risk scores under met.lxi4",
  description = "Each risk's current position scored likelihood x impact on the register's "
    .. "four-point scale; rated by the met.lxi4 bands.",
  unit = "points",
  polarity = "lower_is_better",
  -- The same cut-offs as the rule's bands: up to 4 green, up to 9 amber, 12+ red.
  thresholds = { green = 4, amber = 9 },
  tags = { "risk", "heat map" },
  compute = function(ctx)
    local reg = register.register(ctx)
    local n = reg.n
    if n == 0 then return nil end
    local lines, score = {}, reg.score
    for i = 1, n do
      if not score[i] then register.check_score(reg, i) end
    end
    local likelihood, impact = reg.likelihood, reg.impact
    for i = 1, math.min(n, SHOWN) do
      lines[#lines + 1] = register.label_at(reg, i) .. ": " .. levels.explain(likelihood[i], impact[i])
    end
    if n > SHOWN then lines[#lines + 1] = string.format("and %d more risks", n - SHOWN) end
    -- The register's own table of scores by ref (read-only: it is shared).
    return { breakdown = reg.score_by_ref, explain = table.concat(lines, "\n") }
  end,
}

gov.indicator {
  id = "risk.band_count",
  title = "Corporate risks by heat-map band (met.lxi4)",
  description = "Number of risks whose current position falls in the red, amber and green bands "
    .. "of the register's four-point heat map.",
  unit = "risks",
  polarity = "neutral",
  tags = { "risk", "heat map" },
  compute = function(ctx)
    local reg = register.register(ctx)
    local n = reg.n
    if n == 0 then return nil end
    local counts, members = {}, {}
    for _, band in ipairs(levels.BANDS) do
      counts[band], members[band] = 0, {}
    end
    local bands, score = reg.band, reg.score
    for i = 1, n do
      if not score[i] then register.check_score(reg, i) end
      local band = bands[i]
      local c = counts[band] + 1
      counts[band] = c
      if c <= SHOWN + 1 then members[band][c] = i end -- list() shows SHOWN
    end
    local lines = {}
    for _, band in ipairs(levels.BANDS) do
      lines[#lines + 1] = string.format("%s %d: %s", band, counts[band], list(reg, members[band], counts[band]))
    end
    return { breakdown = counts, explain = table.concat(lines, "\n") }
  end,
}

gov.indicator {
  id = "risk.worsening",
  title = "Corporate risks worsening",
  description = "Risks whose trend arrow in the latest assessment points up (worsening).",
  unit = "risks",
  polarity = "lower_is_better",
  thresholds = { green = 0, amber = 2 },
  tags = { "risk", "trend" },
  compute = function(ctx)
    local cols = register.register(ctx)
    local n = cols.n
    if n == 0 then return nil end
    local worse, trend = {}, cols.trend
    for i = 1, n do
      if trend[i] == "worsening" then worse[#worse + 1] = i end
    end
    return {
      value = #worse,
      explain = string.format("%d of %d risks worsening: %s", #worse, n, list(cols, worse)),
    }
  end,
}

-- The owner's overall view of progress towards target, one of the report's
-- four options (seed 001 para 1.2). The December 2021 register states it for
-- only a few risks, so "not stated" is a group of its own rather than being
-- guessed.
local PROGRESS = { "on_track", "limited", "slipped", "no_progress" }

gov.indicator {
  id = "risk.progress_count",
  title = "Corporate risks by progress towards target",
  description = "Number of risks whose latest assessment reports progress On track, Limited, "
    .. "Slipped or No progress (or none stated).",
  unit = "risks",
  polarity = "neutral",
  tags = { "risk", "progress" },
  compute = function(ctx)
    local cols = register.register(ctx)
    local n = cols.n
    if n == 0 then return nil end
    local counts, members = { not_stated = 0 }, { not_stated = {} }
    for _, p in ipairs(PROGRESS) do
      counts[p], members[p] = 0, {}
    end
    local progress = cols.progress
    for i = 1, n do
      local p = progress[i] or "not_stated"
      local c = counts[p] + 1
      counts[p] = c
      if c <= SHOWN + 1 then members[p][c] = i end -- list() shows SHOWN
    end
    local lines = {}
    for _, p in ipairs(PROGRESS) do
      lines[#lines + 1] = string.format("%s %d: %s", p, counts[p], list(cols, members[p], counts[p]))
    end
    lines[#lines + 1] = string.format("not stated %d", counts.not_stated)
    return { breakdown = counts, explain = table.concat(lines, "\n") }
  end,
}
