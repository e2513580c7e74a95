-- searches: reading police.uk stop and search records and 2011 Census
-- population counts exactly as `govbench import` loads them (the CSV header
-- texts become the column names; blank and N/A cells become NULL).
--
-- Everything the indicators share lives here: whether the data is there,
-- the census mapping, the outcome vocabulary and the counting query.

local M = {}

-- The tables' default names; a database may import the files under other
-- names and say so with the pack parameters searches_table and
-- census_table (pack.lua; `govbench setting --db DB
-- pack.stop-search.searches_table NAME`).
M.SEARCHES = "stop_search"
M.CENSUS = "census_ethnicity"

local FILES = {
  searches_table = { file = "a police.uk stop and search file (2016-06-metropolitan-stop-and-search.csv)" },
  census_table = { file = "the 2011 Census ethnic groups by output area (census-2011-ethnic-groups-by-output-area.csv)" },
}

--- The name of one of the pack's tables, as this database sets it.
function M.table(ctx, param)
  return ctx.pack_param(param, "stop-search")
end

--- A table name quoted for SQL (table names cannot be bound parameters).
function M.quoted(name)
  return '"' .. name:gsub('"', '""') .. '"'
end

-- Officer-defined ethnicity as police.uk records it, in reporting order.
M.GROUPS = { "White", "Black", "Asian", "Other" }

-- Outcome texts. police.uk has worded outcomes differently over the years,
-- so each meaning lists every wording we know; the June 2016 Met file uses
-- the first of each pair.
M.NO_FURTHER_ACTION = { "Nothing found - no further action", "A no further action disposal" }
M.ARREST = { "Suspect arrested", "Arrest" }

--- True when the database has a table of that name (an import may not
--- have been run: the plain demo database has neither table).
function M.has_table(ctx, name)
  return ctx.value("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", name) > 0
end

function M.ready(ctx)
  return M.has_table(ctx, M.table(ctx, "searches_table")) and M.has_table(ctx, M.table(ctx, "census_table"))
end

--- nil when both tables are there, else "no data: import FILE as TABLE"
--- naming the first that is missing.
function M.missing(ctx)
  for _, param in ipairs({ "searches_table", "census_table" }) do
    local name = M.table(ctx, param)
    if not M.has_table(ctx, name) then
      return "no data: import " .. FILES[param].file .. " as " .. name
        .. " (govbench import FILE --db DB --table " .. name .. ")"
    end
  end
  return nil
end

--- The date an evaluation is "as at": ctx.as_of, which the host always
--- gives (today in UTC unless --as-of, the window or a scenario says
--- otherwise), so every pack has the same "today".
function M.date(ctx)
  return ctx.as_of
end

-- Residents by group, summed over every output area in the census table.
-- Officer-defined ethnicity has no Mixed category, so the census's Mixed
-- and Other ethnic groups together stand in for the officers' "Other"
-- (README.md discusses the mismatch). Column names are the census file's
-- header texts and are fixed here, never built from values.
local POPULATION = [[
SELECT sum("Ethnic Group: All usual residents; measures: Value") AS "All",
       sum("Ethnic Group: White; measures: Value") AS "White",
       sum("Ethnic Group: Black/African/Caribbean/Black British; measures: Value") AS "Black",
       sum("Ethnic Group: Asian/Asian British; measures: Value") AS "Asian",
       sum("Ethnic Group: Mixed/multiple ethnic groups; measures: Value")
         + sum("Ethnic Group: Other ethnic group; measures: Value") AS "Other"
  FROM %s]]

--- { All = n, White = n, Black = n, Asian = n, Other = n }, or nil if the
--- table is empty.
function M.population(ctx)
  local row = ctx.sql(POPULATION:format(M.quoted(M.table(ctx, "census_table"))))[1]
  if not row or not row.All then return nil end
  return row
end

-- Searches by officer-defined ethnicity (blank -> NULL), with how many have
-- a recorded outcome, how many of those are positive (anything but no
-- further action) and how many are arrests. Searches dated after the
-- evaluation date are left out; undated ones are kept, as they cannot be
-- placed in time. "Date" is ISO 8601 with a time ("2016-06-01T09:15:00+00:00"),
-- so its first ten characters compare as a date.
local COUNTS = [[
WITH s AS (
  SELECT NULLIF(trim("Officer-defined ethnicity"), '') AS ethnicity,
         NULLIF(trim("Outcome"), '') AS outcome
    FROM %s
   WHERE "Date" IS NULL OR substr("Date", 1, 10) <= ?)
SELECT ethnicity,
       count(*) AS searches,
       count(outcome) AS with_outcome,
       coalesce(sum(outcome IS NOT NULL AND outcome NOT IN (?, ?)), 0) AS positive,
       coalesce(sum(outcome IN (?, ?)), 0) AS arrests
  FROM s
 GROUP BY ethnicity]]

--- Counts as at ctx's date: { groups = { White = {...}, ... }, all = {...} }
--- where each entry has searches, with_outcome, positive and arrests; or
--- nil when there are no searches.
function M.counts(ctx)
  local nfa, arrest = M.NO_FURTHER_ACTION, M.ARREST
  local rows = ctx.sql(COUNTS:format(M.quoted(M.table(ctx, "searches_table"))), M.date(ctx), nfa[1], nfa[2], arrest[1], arrest[2])
  local all = { searches = 0, with_outcome = 0, positive = 0, arrests = 0 }
  local groups = {}
  for _, row in ipairs(rows) do
    for k in pairs(all) do all[k] = all[k] + row[k] end
    -- A blank ethnicity comes back as an absent field: it counts in "all"
    -- only. So does any label outside M.GROUPS.
    if row.ethnicity then groups[row.ethnicity] = row end
  end
  if all.searches == 0 then return nil end
  return { groups = groups, all = all, blank = all.searches - M.sum_groups(groups, "searches") }
end

--- Sum of one count over the four reporting groups.
function M.sum_groups(groups, field)
  local n = 0
  for _, g in ipairs(M.GROUPS) do
    if groups[g] then n = n + groups[g][field] end
  end
  return n
end

--- Searches per 1,000 residents, by group and overall.
--- Returns rates, counts, population (or nil when there is no data).
function M.rates(ctx)
  if not M.ready(ctx) then return nil end
  local counts, pop = M.counts(ctx), M.population(ctx)
  if not counts or not pop then return nil end
  local rates = {}
  for _, g in ipairs(M.GROUPS) do
    local n = counts.groups[g] and counts.groups[g].searches or 0
    if pop[g] and pop[g] > 0 then rates[g] = 1000 * n / pop[g] end
  end
  local all = pop.All > 0 and 1000 * counts.all.searches / pop.All or nil
  return rates, counts, pop, all
end

--- 12345678 -> "12,345,678"
function M.thousands(n)
  local s = string.format("%d", math.floor(n + 0.5))
  local out = s:reverse():gsub("(%d%d%d)", "%1,"):reverse()
  return (out:gsub("^,", ""))
end

return M
