-- real_pas: the real Public Attitudes Survey files, imported as they are.
--
--   govbench import ../shared/data/real/2015-16_to_2020-21_inclusive_neighbourhood_indicators.csv \
--       --db DB --table pas_neighbourhood_groups --header-rows 3
--   govbench import ../shared/data/real/2016-police-perceptions.csv \
--       --db DB --table pas_2016 --header-rows 2
--
-- The importer joins a file's header rows with " | " into one column name,
-- so the column names below are the files' own words. Nothing here is
-- cleaned by hand: blank and N/A cells arrive as NULL and are skipped.
-- The tables are optional; every function says so by returning nil when
-- its table is absent (real_pas.missing gives the "no data: import FILE as
-- TABLE" text). A database that imported a file under another name says so
-- with the pack parameters groups_table and y2016_table (pack.lua;
-- `govbench setting --db DB pack.trust-confidence.groups_table NAME`).

local asof = require('asof')

local real_pas = {}

-- The default table names (pack.lua's parameters).
real_pas.GROUPS_TABLE = "pas_neighbourhood_groups"
real_pas.Y2016_TABLE = "pas_2016"

-- For each table parameter: the file to import and its header rows.
local IMPORTS = {
  groups_table = { file = "2015-16_to_2020-21_inclusive_neighbourhood_indicators.csv", header_rows = 3 },
  y2016_table = { file = "2016-police-perceptions.csv", header_rows = 2 },
}

--- The name of a table parameter ("groups_table" or "y2016_table") as this
--- database sets it.
function real_pas.table(ctx, param)
  return ctx.pack_param(param, "trust-confidence")
end

--- A table name quoted for SQL (table names cannot be bound parameters).
local function quoted(name)
  return '"' .. name:gsub('"', '""') .. '"'
end

-- When each file's figures could first be known. The pooled file covers
-- fieldwork from April 2015 to March 2021; the 2016 file names no months,
-- so it counts from the end of 2016.
real_pas.GROUPS_AVAILABLE = "2021-03-31"
real_pas.GROUPS_LABEL = "PAS pooled 2015-16 to 2020-21"
real_pas.Y2016_AVAILABLE = "2016-12-31"
real_pas.Y2016_LABEL = "PAS 2016"

-- pas_neighbourhood_groups: one column per question, group and measure,
-- "<question> | <group> | <measure>". The first column is "neighbourhood"
-- ("Borough - Neighbourhood").
local GROUP_QUESTIONS = {
  fair = { "The police in your area treat everyone fairly regardless of who they are", "% Strongly agree/Tend to agree" },
  listen = { "The police in your area listen to the concerns of local people", "% Strongly agree/Tend to agree" },
  good_job = { "Taking everything into account, how good a job do you think the police in your area are doing?", "% Excellent/Good" },
  stop_search = { "How confident are you that the police in your area use their stop and search powers fairly?", "% Very confident/Fairly confident" },
}
real_pas.GROUP_MEASURES = { "fair", "listen", "good_job", "stop_search" }
real_pas.GROUP_MEASURE_TITLES = {
  fair = "police treat everyone fairly",
  listen = "police listen to local concerns",
  good_job = "police do a good job",
  stop_search = "stop and search used fairly",
}

--- The pas_neighbourhood_groups column for a measure key and group.
function real_pas.group_column(measure, grp)
  local q = GROUP_QUESTIONS[measure]
  if not q then
    error("params.measure for the neighbourhood file must be one of " ..
          table.concat(real_pas.GROUP_MEASURES, ", ") .. " (got '" .. tostring(measure) .. "')", 2)
  end
  return q[1] .. " | " .. grp .. " | " .. q[2]
end

-- pas_2016: "Neighbourhood", "Code", "Group" (a MOPAC neighbourhood
-- cluster, not an ethnic group), then "<question> | <measure>". The file
-- has no "trust in the Met" question.
real_pas.Y2016_COLUMNS = {
  good_job = "Taking everything into account how good a job do you think the police in your area are doing? | % Excellent or Good",
  relied_on = "The police can be relied upon to be there when needed | % Strongly Agree or Tend to agree",
  fair = "The police treat everyone fairly regardless of who they are | % Strongly Agree or Tend to agree",
  listen = "The police listen to the concerns of local people | % Strongly Agree or Tend to agree",
}

--- Whether a table exists in the database.
function real_pas.has_table(ctx, name)
  return ctx.value("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name) ~= nil
end

--- nil when the table a parameter names is there, else "no data: import
--- FILE as TABLE" with the command.
function real_pas.missing(ctx, param)
  local name = real_pas.table(ctx, param)
  if real_pas.has_table(ctx, name) then return nil end
  local i = IMPORTS[param]
  return string.format("no data: import %s as %s (govbench import %s --db DB --table %s --header-rows %d)",
    i.file, name, i.file, name, i.header_rows)
end

-- A table that exists but lacks the columns was imported some other way
-- (usually with the wrong --header-rows); that is an error worth naming,
-- not a quiet "no data".
local function require_columns(ctx, tbl, needed, hint)
  local present = {}
  for _, name in ipairs(ctx.columns(tbl)) do present[name] = true end
  for _, col in ipairs(needed) do
    if not present[col] then
      error(tbl .. " has no column '" .. col .. "'; import the file with " .. hint, 3)
    end
  end
end

--- Per neighbourhood, `grp` minus White British on a measure of the pooled
--- file: neighbourhood -> gap (pp), plus the number of neighbourhoods left
--- out because either cell is blank (samples too small). nil when the table
--- is absent or its figures post-date the as-of date.
function real_pas.neighbourhood_gaps(ctx, measure, grp)
  local tbl = real_pas.table(ctx, "groups_table")
  if not real_pas.has_table(ctx, tbl) then return nil end
  if asof.date(ctx) < real_pas.GROUPS_AVAILABLE then return nil end
  local g_col = real_pas.group_column(measure, grp)
  local c_col = real_pas.group_column(measure, "White British")
  require_columns(ctx, tbl, { "neighbourhood", g_col, c_col }, "--header-rows 3")
  local gaps, blank = {}, 0
  for _, row in ipairs(ctx.sql("SELECT * FROM " .. quoted(tbl))) do
    local g, c = tonumber(row[g_col]), tonumber(row[c_col])
    if row.neighbourhood and g and c then
      gaps[row.neighbourhood] = g - c
    elseif row.neighbourhood then
      blank = blank + 1
    end
  end
  return gaps, blank
end

--- A measure of the 2016 file per neighbourhood: neighbourhood -> %, plus
--- the number of neighbourhoods with no figure. nil when the table is
--- absent or post-dates the as-of date.
function real_pas.neighbourhood_2016(ctx, measure)
  local col = real_pas.Y2016_COLUMNS[measure]
  if not col then return nil end
  local tbl = real_pas.table(ctx, "y2016_table")
  if not real_pas.has_table(ctx, tbl) then return nil end
  if asof.date(ctx) < real_pas.Y2016_AVAILABLE then return nil end
  require_columns(ctx, tbl, { "Neighbourhood", col }, "--header-rows 2")
  local out, blank = {}, 0
  for _, row in ipairs(ctx.sql("SELECT * FROM " .. quoted(tbl))) do
    local v = tonumber(row[col])
    if row.Neighbourhood and v then
      out[row.Neighbourhood] = v
    elseif row.Neighbourhood then
      blank = blank + 1
    end
  end
  return out, blank
end

return real_pas
