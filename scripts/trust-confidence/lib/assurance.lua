-- assurance: the Statement of Internal Control survey and the DARA audit
-- ratings, as known at the as-of date.

local asof = require('asof')

local assurance = {}

-- A survey year's results count from the end of the financial year they
-- report on (the AGS publishes them a few months later; the year end is
-- the earliest date the figures could describe).
local SURVEY_YEAR = [[
SELECT max(year)
  FROM survey_results
 WHERE printf('%04d-03-31', CAST(substr(year, 1, 4) AS INTEGER) + 1) <= ?]]

local SURVEY_RESULTS = [[
SELECT q.number, q.text, q.principle, r.yes_pct
  FROM survey_results r
  JOIN survey_questions q ON q.id = r.question_id
 WHERE r.year = ?
 ORDER BY q.number]]

--- The latest survey year that had ended by the as-of date, or nil.
function assurance.survey_year(ctx)
  return ctx.value(SURVEY_YEAR, asof.date(ctx))
end

--- The financial year before 'YYYY/YY': '2021/22' -> '2020/21'.
function assurance.previous_year(year)
  local y = tonumber(year:sub(1, 4)) - 1
  return string.format("%04d/%02d", y, (y + 1) % 100)
end

--- YES % per question in a survey year: number -> { number, text, principle, yes_pct }.
function assurance.survey(ctx, year)
  local out = {}
  for _, r in ipairs(ctx.sql(SURVEY_RESULTS, year)) do out[r.number] = r end
  return out
end

--- The breakdown key for a question: "Q01" .. "Q12", so that keys sort in
--- question order as text.
function assurance.question_key(number)
  return string.format("Q%02d", number)
end

assurance.RATING_LABELS = {
  substantial = "Substantial",
  adequate = "Adequate",
  limited = "Limited",
  no_assurance = "No assurance",
}
assurance.RATINGS = { "substantial", "adequate", "limited", "no_assurance" }

-- DARA audits with an assurance rating, reported on or before the as-of
-- date. An audit with a rating but no reported date cannot be placed in
-- time; it is counted (the rating is a fact) and reported as undated.
local DARA_RATED = [[
SELECT id, title, review_type, reported, rating, prior_rating
  FROM audits
 WHERE kind = 'DARA' AND rating IS NOT NULL
   AND (reported IS NULL OR reported <= ?)
 ORDER BY reported, id]]

--- The rated DARA audits as at the as-of date: an array of rows.
function assurance.dara_rated(ctx)
  return ctx.sql(DARA_RATED, asof.date(ctx))
end

--- Whether a rating gives limited or no assurance.
function assurance.is_weak(rating)
  return rating == "limited" or rating == "no_assurance"
end

return assurance
