-- Key controls: the actions in place or under way to bring a risk to its
-- target, each reported quarterly as On track, Limited, Slipped or No
-- progress (seed 001 para 1.2). Shares count only controls with a reported
-- status as at the date: the December 2021 report gives statuses for the
-- controls of risks 8 and 9 only, and a control nobody reported on is
-- unknown, not off track.

local register = require("register")

local STATUSES = { "on_track", "limited", "slipped", "no_progress" }
local LABEL = { on_track = "on track", limited = "limited", slipped = "slipped", no_progress = "no progress" }

-- Controls as at ctx's date grouped by risk, in ref order:
-- { { ref, name, total, counts = { on_track = n, ... } }, ... }
local function by_risk(ctx)
  local risks, index = {}, {}
  local cols, n = register.control_columns(ctx)
  local ref, name, progress = cols.ref, cols.name, cols.progress
  for i = 1, n do
    local r = index[ref[i]]
    if not r then
      r = { ref = ref[i], name = name[i], total = 0, counts = {} }
      for _, s in ipairs(STATUSES) do r.counts[s] = 0 end
      index[ref[i]] = r
      risks[#risks + 1] = r
    end
    r.total = r.total + 1
    r.counts[progress[i]] = r.counts[progress[i]] + 1
  end
  return risks
end

-- "6 of 9 on track (3 limited)"
local function summary(counts, total)
  local others = {}
  for _, s in ipairs(STATUSES) do
    if s ~= "on_track" and counts[s] > 0 then
      others[#others + 1] = string.format("%d %s", counts[s], LABEL[s])
    end
  end
  local rest = #others > 0 and " (" .. table.concat(others, ", ") .. ")" or ""
  return string.format("%d of %d on track%s", counts.on_track, total, rest)
end

local function share(part, whole)
  return 100 * part / whole
end

gov.indicator {
  id = "risk.controls.on_track_by_risk",
  title = "Key controls on track, by risk",
  description = "For each risk with reported key controls: the share of them on track.",
  unit = "%",
  polarity = "higher_is_better",
  thresholds = { green = 75, amber = 50 },
  tags = { "risk", "controls" },
  compute = function(ctx)
    local risks = by_risk(ctx)
    if #risks == 0 then return nil end
    local shares, lines = {}, {}
    for _, r in ipairs(risks) do
      shares[tostring(r.ref)] = share(r.counts.on_track, r.total)
      lines[#lines + 1] = string.format("%s: %s = %.0f%%", register.label(r),
        summary(r.counts, r.total), shares[tostring(r.ref)])
    end
    return { breakdown = shares, explain = table.concat(lines, "\n") }
  end,
}

gov.indicator {
  id = "risk.controls.on_track",
  title = "Key controls on track",
  description = "Share of all key controls with a reported status that are on track.",
  unit = "%",
  polarity = "higher_is_better",
  thresholds = { green = 75, amber = 50 },
  tags = { "risk", "controls" },
  compute = function(ctx)
    local risks = by_risk(ctx)
    if #risks == 0 then return nil end
    local counts, total = {}, 0
    for _, s in ipairs(STATUSES) do counts[s] = 0 end
    for _, r in ipairs(risks) do
      total = total + r.total
      for _, s in ipairs(STATUSES) do counts[s] = counts[s] + r.counts[s] end
    end
    local all = ctx.value("SELECT count(*) FROM controls")
    local value = share(counts.on_track, total)
    return {
      value = value,
      explain = string.format("%s = %.1f%% of the key controls with a reported status; "
        .. "%d other key controls have no status reported", summary(counts, total), value, all - total),
    }
  end,
}

gov.indicator {
  id = "risk.controls.slipped",
  title = "Corporate risks with slipped or stalled controls",
  description = "Number of risks with at least one key control reported Slipped or No progress.",
  unit = "risks",
  polarity = "lower_is_better",
  thresholds = { green = 0, amber = 1 },
  tags = { "risk", "controls" },
  compute = function(ctx)
    local risks = by_risk(ctx)
    if #risks == 0 then return nil end
    local hit = {}
    for _, r in ipairs(risks) do
      if r.counts.slipped + r.counts.no_progress > 0 then
        hit[#hit + 1] = string.format("%s: %d slipped, %d no progress", register.label(r),
          r.counts.slipped, r.counts.no_progress)
      end
    end
    return {
      value = #hit,
      explain = #hit > 0 and table.concat(hit, "\n")
        or string.format("no slipped or stalled controls among %d risks with reported controls", #risks),
    }
  end,
}
