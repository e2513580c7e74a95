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
-- its table is absent.

local asof = require('asof')

local real_pas = {}

real_pas.GROUPS_TABLE = "pas_neighbourhood_groups"
real_pas.Y2016_TABLE = "pas_2016"

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

-- The host allows PRAGMA table_info but not the pragma_table_info()
-- function, and a table name cannot be a bound parameter: hence one fixed
-- statement per table.
local TABLE_INFO = {
  [real_pas.GROUPS_TABLE] = "PRAGMA table_info(pas_neighbourhood_groups)",
  [real_pas.Y2016_TABLE] = "PRAGMA table_info(pas_2016)",
}

-- A table that exists but lacks the columns was imported some other way
-- (usually with the wrong --header-rows); that is an error worth naming,
-- not a quiet "no data".
local function require_columns(ctx, tbl, needed, hint)
  local present = {}
  for _, r in ipairs(ctx.sql(TABLE_INFO[tbl])) do present[r.name] = true end
  for _, col in ipairs(needed) do
    if not present[col] then
      error(tbl .. " has no column '" .. col .. "'; import the file with " .. hint, 3)
    end
  end
end

local ALL_GROUP_ROWS = [[SELECT * FROM pas_neighbourhood_groups]]

--- Per neighbourhood, `grp` minus White British on a measure of the pooled
--- file: neighbourhood -> gap (pp), plus the number of neighbourhoods left
--- out because either cell is blank (samples too small). nil when the table
--- is absent or its figures post-date the as-of date.
function real_pas.neighbourhood_gaps(ctx, measure, grp)
  if not real_pas.has_table(ctx, real_pas.GROUPS_TABLE) then return nil end
  if asof.date(ctx) < real_pas.GROUPS_AVAILABLE then return nil end
  local g_col = real_pas.group_column(measure, grp)
  local c_col = real_pas.group_column(measure, "White British")
  require_columns(ctx, real_pas.GROUPS_TABLE, { "neighbourhood", g_col, c_col }, "--header-rows 3")
  local gaps, blank = {}, 0
  for _, row in ipairs(ctx.sql(ALL_GROUP_ROWS)) do
    local g, c = tonumber(row[g_col]), tonumber(row[c_col])
    if row.neighbourhood and g and c then
      gaps[row.neighbourhood] = g - c
    elseif row.neighbourhood then
      blank = blank + 1
    end
  end
  return gaps, blank
end

local ALL_2016_ROWS = [[SELECT * FROM pas_2016]]

--- A measure of the 2016 file per neighbourhood: neighbourhood -> %, plus
--- the number of neighbourhoods with no figure. nil when the table is
--- absent or post-dates the as-of date.
function real_pas.neighbourhood_2016(ctx, measure)
  local col = real_pas.Y2016_COLUMNS[measure]
  if not col then return nil end
  if not real_pas.has_table(ctx, real_pas.Y2016_TABLE) then return nil end
  if asof.date(ctx) < real_pas.Y2016_AVAILABLE then return nil end
  require_columns(ctx, real_pas.Y2016_TABLE, { "Neighbourhood", col }, "--header-rows 2")
  local out, blank = {}, 0
  for _, row in ipairs(ctx.sql(ALL_2016_ROWS)) do
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
