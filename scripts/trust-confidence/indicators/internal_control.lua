-- The Statement of Internal Control survey of senior leaders (AGS): the
-- share answering YES to each of the twelve questions, and its change on
-- the year before.

local assurance = require('assurance')
local stats = require('stats')

gov.indicator {
  id = "trust.sic.yes_by_question",
  title = "Internal control survey: senior leaders answering YES, by question",
  description = "YES % for each question of the latest survey year ended by the as-of date. Each question is "
    .. "rated; the indicator takes the worst question's band.",
  unit = "%",
  polarity = "higher_is_better",
  -- Green when three leaders in four answer an unqualified YES; red when
  -- fewer than half do. See README, "Thresholds".
  thresholds = { green = 75, amber = 50 },
  tags = { "governance", "survey" },
  compute = function(ctx)
    local year = assurance.survey_year(ctx)
    if not year then return nil end
    local breakdown, sum, n = {}, 0, 0
    for number, r in pairs(assurance.survey(ctx, year)) do
      breakdown[assurance.question_key(number)] = r.yes_pct
      sum, n = sum + r.yes_pct, n + 1
    end
    if n == 0 then return nil end
    local pct = function(v) return stats.num(v) .. "%" end
    return {
      breakdown = breakdown,
      explain = string.format("%s survey, %s, mean YES %s. Lowest: %s. Highest: %s.",
        year, stats.count_of(n, "question"), pct(sum / n), stats.extremes(breakdown, 3, false, pct), stats.extremes(breakdown, 2, true, pct)),
    }
  end,
}

gov.indicator {
  id = "trust.sic.yes_change",
  title = "Internal control survey: change in YES on the previous year, by question",
  description = "For each question answered in both the latest survey year ended by the as-of date and the "
    .. "year before it, the change in the YES share in percentage points.",
  unit = "pp",
  polarity = "higher_is_better",
  -- A fall of up to 10 pp (some eight of the 80-odd leaders asked) is
  -- amber; a larger fall is red. See README, "Thresholds".
  thresholds = { green = 0, amber = -10 },
  tags = { "governance", "survey" },
  compute = function(ctx)
    local year = assurance.survey_year(ctx)
    if not year then return nil end
    local prev_year = assurance.previous_year(year)
    local now, before = assurance.survey(ctx, year), assurance.survey(ctx, prev_year)
    local breakdown, parts, missing = {}, {}, 0
    for number, r in pairs(now) do
      local b = before[number]
      if b then
        local key = assurance.question_key(number)
        breakdown[key] = r.yes_pct - b.yes_pct
        parts[#parts + 1] = string.format("%s %s%% -> %s%%", key, stats.num(b.yes_pct), stats.num(r.yes_pct))
      else
        missing = missing + 1
      end
    end
    if next(breakdown) == nil then return nil end
    table.sort(parts)
    local text = string.format("%s against %s: %s.", year, prev_year, table.concat(parts, "; "))
    if missing > 0 then
      text = text .. string.format(" %s no %s result to compare with.",
        missing == 1 and "1 question has" or missing .. " questions have", prev_year)
    end
    return { breakdown = breakdown, explain = text }
  end,
}
