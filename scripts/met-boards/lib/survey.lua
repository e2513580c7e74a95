-- survey: the Statement of Internal Control survey of senior leaders (seed
-- 004, Appendix 2) and the audits the Annual Governance Statement cites, as
-- known at the date a view is drawn as at.

local dates = require('dates')

local survey = {}

-- A survey year's results count from the end of the financial year they
-- report on, the earliest date the figures could describe.
local RESULTS = [[
SELECT q.number, q.text, q.principle, r.year, r.yes_pct, r.partly_pct, r.no_pct, r.note
  FROM survey_questions q
  LEFT JOIN survey_results r
    ON r.question_id = q.id
   AND printf('%04d-03-31', CAST(substr(r.year, 1, 4) AS INTEGER) + 1) <= ?
 WHERE (? = 'all' OR q.principle = ?)
 ORDER BY q.number, r.year]]

--- The questions (all, or those of one CIPFA principle) with their results
--- by year, as survey.pivot returns them.
function survey.results(ctx, principle)
  principle = principle or "all"
  return survey.pivot(ctx.sql(RESULTS, dates.as_of(ctx), principle, principle))
end

--- Rows of (question, year) as questions, each with its results by year:
--- questions = array of { number, text, principle, years = { [year] = row } },
--- and the years present, oldest first.
function survey.pivot(rows)
  local questions, by_number, seen, years = {}, {}, {}, {}
  for _, r in ipairs(rows) do
    local q = by_number[r.number]
    if not q then
      q = { number = r.number, text = r.text, principle = r.principle, years = {} }
      by_number[r.number] = q
      questions[#questions + 1] = q
    end
    if r.year then
      q.years[r.year] = { yes = r.yes_pct, partly = r.partly_pct, no = r.no_pct, note = r.note }
      if not seen[r.year] then
        seen[r.year] = true
        years[#years + 1] = r.year
      end
    end
  end
  table.sort(years)
  return questions, years
end

--- The financial year before "2021/22": "2020/21".
function survey.previous_year(year)
  local y = tonumber(year:sub(1, 4)) - 1
  return string.format("%04d/%02d", y, (y + 1) % 100)
end

--- "sums to 97 as printed" when YES, PARTLY and NO are all given and do not
--- add up to 100 (the paper's rounding or a missing answer), else nil.
function survey.sum_note(result)
  if not (result and result.yes and result.partly and result.no) then return nil end
  local sum = result.yes + result.partly + result.no
  if math.abs(sum - 100) < 0.05 then return nil end
  return string.format("sums to %g as printed", sum)
end

-- Audits and inspections reported by the date (or undated), all or those
-- the AGS cites under one principle, with their recommendations counted.
local AUDITS = [[
SELECT a.id, a.kind, a.review_type, a.title, a.reported, a.date_precision, a.rating, a.prior_rating,
       a.principle, a.summary,
       (SELECT count(*) FROM audit_recommendations r WHERE r.audit_id = a.id) AS recommendations,
       (SELECT count(*) FROM audit_recommendations r
         WHERE r.audit_id = a.id AND r.status IN ('implemented', 'closed')) AS done,
       (SELECT count(*) FROM audit_recommendations r
         WHERE r.audit_id = a.id AND r.status IN ('open', 'in_progress')) AS outstanding
  FROM audits a
 WHERE (a.reported IS NULL OR a.reported <= ?)
   AND (? = 'all' OR a.principle = ?)
 ORDER BY a.kind, a.reported IS NULL, a.reported, a.id]]

function survey.audits(ctx, principle)
  principle = principle or "all"
  return ctx.sql(AUDITS, dates.as_of(ctx), principle, principle)
end

--- "13: 11 done, 2 outstanding" for an audit's recommendations, or nil
--- when it has none. A recommendation whose status the papers do not give
--- is counted as such, not as outstanding.
function survey.recommendations_text(total, done, outstanding)
  if not total or total == 0 then return nil end
  local parts = {}
  if done > 0 then parts[#parts + 1] = done .. " done" end
  if outstanding > 0 then parts[#parts + 1] = outstanding .. " outstanding" end
  local unknown = total - done - outstanding
  if unknown > 0 then parts[#parts + 1] = unknown .. " status not stated" end
  return total .. ": " .. table.concat(parts, ", ")
end

--- "May 2021" or "2019" as the paper dates a report; nil when undated.
local MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December" }
function survey.reported_text(audit)
  local d = audit.reported
  if not d then return nil end
  if audit.date_precision == "year" then return d:sub(1, 4) end
  if audit.date_precision == "month" then return MONTHS[tonumber(d:sub(6, 7))] .. " " .. d:sub(1, 4) end
  return d
end

return survey
