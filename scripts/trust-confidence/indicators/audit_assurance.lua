-- The audit assurance profile: how the Directorate of Audit, Risk and
-- Assurance (DARA) rated the audits reported by the as-of date.

local assurance = require('assurance')
local stats = require('stats')

gov.indicator {
  id = "trust.audit.limited_share",
  title = "DARA audits rated limited or no assurance",
  description = "Of the DARA audits and follow-ups with an assurance rating reported by the as-of date, the "
    .. "percentage rated limited or no assurance. Advisory reviews and unrated audits are not counted.",
  unit = "%",
  polarity = "lower_is_better",
  -- One weak audit in ten is an ordinary year; more than one in four
  -- puts the annual audit opinion at risk. See README, "Thresholds".
  thresholds = { green = 10, amber = 25 },
  tags = { "audit", "governance" },
  compute = function(ctx)
    local rated = assurance.dara_rated(ctx)
    if #rated == 0 then return nil end
    local weak, undated = {}, 0
    for _, a in ipairs(rated) do
      if assurance.is_weak(a.rating) then
        weak[#weak + 1] = string.format("%s (%s, %s)", a.title, assurance.RATING_LABELS[a.rating],
          a.reported and a.reported:sub(1, 7) or "undated")
      end
      if not a.reported then undated = undated + 1 end
    end
    local text = string.format("%d of %s give%s limited or no assurance", #weak,
      stats.count_of(#rated, "rated DARA audit"), #weak == 1 and "s" or "")
    if #weak > 0 then text = text .. ": " .. table.concat(weak, "; ") end
    text = text .. "."
    if undated > 0 then text = text .. " " .. stats.count_of(undated, "rated audit") .. " without a reported date." end
    return { value = stats.percent(#weak, #rated), explain = text }
  end,
}

gov.indicator {
  id = "trust.audit.assurance_profile",
  title = "DARA audits by assurance rating",
  description = "The number of DARA audits and follow-ups reported by the as-of date at each assurance rating.",
  unit = "audits",
  polarity = "neutral",
  tags = { "audit", "governance" },
  compute = function(ctx)
    local rated = assurance.dara_rated(ctx)
    if #rated == 0 then return nil end
    local breakdown = {}
    for _, r in ipairs(assurance.RATINGS) do breakdown[assurance.RATING_LABELS[r]] = 0 end
    local improved = 0
    for _, a in ipairs(rated) do
      local label = assurance.RATING_LABELS[a.rating]
      breakdown[label] = breakdown[label] + 1
      if a.prior_rating and a.prior_rating ~= a.rating then improved = improved + 1 end
    end
    local parts = {}
    for _, r in ipairs(assurance.RATINGS) do
      parts[#parts + 1] = string.format("%s %d", assurance.RATING_LABELS[r], breakdown[assurance.RATING_LABELS[r]])
    end
    local text = string.format("%s: %s.", stats.count_of(#rated, "rated audit"), table.concat(parts, ", "))
    if improved > 0 then
      text = text .. " " .. stats.count_of(improved, "follow-up") .. " moved from an earlier rating."
    end
    return { breakdown = breakdown, explain = text }
  end,
}
