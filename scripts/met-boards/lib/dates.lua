-- dates: the date a board paper is drawn "as at", and the dates that a
-- paper's looser wording ("Spring 2022", "Q1, 2022/23", "next three
-- months") stands for.
--
-- Everything here is plain text arithmetic on ISO dates, so that it gives
-- the same answer on every machine and in every time zone, and can be
-- tested without a database. The as-of date and financial-year ends are
-- trust-confidence's (its lib/asof.lua), so both packs read them alike.

local asof = require('trust-confidence.asof')

local dates = {}

--- The date a view is drawn as at: ctx.as_of, or today (UTC) if empty.
dates.as_of = asof.date

--- The date a paper's figures are as at: the latest date on or before the
--- view's date found by `queries` (each SQL returning one date, with one `?`
--- for the view's date), or the view's date when none finds any. A paper
--- drawn today on a register last assessed on 31 December 2021 is as at 31
--- December 2021, not today: everything the view computes "as at" a date
--- (what is overdue, which quarter) is computed at this one.
function dates.figures_as_at(ctx, queries)
  local as_of = dates.as_of(ctx)
  local latest = nil
  for _, q in ipairs(queries) do
    for _, row in ipairs(ctx.sql(q, as_of)) do
      local _, d = next(row)
      if type(d) == "string" and d:match("^%d%d%d%d%-%d%d%-%d%d$") and d <= as_of
          and (latest == nil or d > latest) then
        latest = d
      end
    end
  end
  return latest or as_of
end

local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function leap(y) return y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) end

--- The last day of a month: month_end(2024, 2) -> "2024-02-29".
function dates.month_end(y, m)
  local d = DAYS[m]
  if m == 2 and leap(y) then d = 29 end
  return string.format("%04d-%02d-%02d", y, m, d)
end

--- The last day of a calendar quarter written "2021-Q4" -> "2021-12-31".
function dates.quarter_end(period)
  local y, q = period:match("^(%d%d%d%d)%-Q([1-4])$")
  if not y then return nil end
  return dates.month_end(tonumber(y), tonumber(q) * 3)
end

--- The last day of a financial year written "2021/22" -> "2022-03-31";
--- nil when `year` is not written that way.
function dates.fy_end(year)
  if not year:match("^%d%d%d%d/%d%d$") then return nil end
  return asof.fy_end(year)
end

--- The last day of quarter n (1-4) of a financial year: Q1 of 2022/23
--- (April to June 2022) ends on 2022-06-30.
function dates.fy_quarter_end(year, n)
  local y = tonumber(year:match("^(%d%d%d%d)/%d%d$"))
  if not y or n < 1 or n > 4 then return nil end
  local m = 3 + 3 * n -- Q1 ends in June, Q4 in March of the next year
  if m > 12 then return dates.month_end(y + 1, m - 12) end
  return dates.month_end(y, m)
end

--- An ISO date n months later, kept within the month it lands in:
--- add_months("2023-04-28", 3) -> "2023-07-28"; ("2022-01-31", 1) -> "2022-02-28".
function dates.add_months(iso, n)
  local y, m, d = iso:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil end
  local months = tonumber(y) * 12 + (tonumber(m) - 1) + n
  local ny, nm = months // 12, months % 12 + 1
  local last = tonumber(dates.month_end(ny, nm):sub(9, 10))
  return string.format("%04d-%02d-%02d", ny, nm, math.min(tonumber(d), last))
end

local MONTHS = {
  january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7,
  august = 8, september = 9, october = 10, november = 11, december = 12,
  jan = 1, feb = 2, mar = 3, apr = 4, jun = 6, jul = 7, aug = 8, sep = 9, sept = 9,
  oct = 10, nov = 11, dec = 12,
}

-- A season ends with its last month (meteorological seasons): a plan "by
-- Spring 2022" is late from June 2022. Winter 2022 runs into February 2023.
local SEASON_END = { spring = 5, summer = 8, autumn = 11, winter = 14 }

local NUMBER_WORDS = { one = 1, two = 2, three = 3, four = 4, six = 6, nine = 9, twelve = 12 }

--- The deadline a paper's wording stands for: the last day of the period it
--- names, or nil when it names none. `paper_date` (the date of the paper
--- that gave the wording) anchors relative wording such as "next three
--- months". Wording that names a start ("May 2023 onwards") is not a
--- deadline and gives nil. Where two months are named ("April/early May
--- 2023") the later one counts: the item is not late before then.
function dates.due_from_text(text, paper_date)
  if type(text) ~= "string" then return nil end
  local s = text:lower()
  if s:find("onwards", 1, true) or s:find("from ", 1, true) then return nil end

  local count, unit = s:match("next (%w+) (%a+)")
  if count and unit and unit:match("^months?$") then
    local n = tonumber(count) or NUMBER_WORDS[count]
    if n and paper_date then return dates.add_months(paper_date, n) end
    return nil
  end

  local fy = s:match("(%d%d%d%d/%d%d)")
  if fy then
    local q = tonumber(s:match("q([1-4])"))
    if q then return dates.fy_quarter_end(fy, q) end
    return dates.fy_end(fy)
  end

  local year = nil
  for y in s:gmatch("%d%d%d%d") do year = tonumber(y) end
  if not year then return nil end

  local month, season = nil, nil
  for word in s:gmatch("%a+") do
    if MONTHS[word] then month = MONTHS[word] end
    if SEASON_END[word] then season = SEASON_END[word] end
  end
  if month then return dates.month_end(year, month) end
  if season then
    if season > 12 then return dates.month_end(year + 1, season - 12) end
    return dates.month_end(year, season)
  end
  return string.format("%04d-12-31", year)
end

return dates
