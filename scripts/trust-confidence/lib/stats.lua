-- stats: small numeric and wording helpers shared by the indicators.

local stats = {}

--- The median of a list of numbers, or nil for an empty list.
function stats.median(values)
  local n = #values
  if n == 0 then return nil end
  local sorted = table.move(values, 1, n, 1, {})
  table.sort(sorted)
  if n % 2 == 1 then return sorted[(n + 1) // 2] end
  return (sorted[n // 2] + sorted[n // 2 + 1]) / 2
end

--- part as a percentage of whole, rounded to 0.1; nil when whole is 0.
function stats.percent(part, whole)
  if whole == 0 then return nil end
  return math.floor(part * 1000 / whole + 0.5) / 10
end

--- A number with one decimal place, signed: "+1.7", "-9.6".
function stats.signed(v)
  return string.format("%+.1f", v)
end

--- A number as a board paper would print it: "9.6", "431".
function stats.num(v)
  if math.type(v) == "integer" or v == math.floor(v) then return string.format("%d", v) end
  return string.format("%.1f", v)
end

--- The n entries of a key -> number table with the lowest values (or the
--- highest, when highest is true), as "key (value)" text joined by "; ".
function stats.extremes(map, n, highest, format)
  format = format or stats.num
  local keys = {}
  for k in pairs(map) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if map[a] ~= map[b] then
      if highest then return map[a] > map[b] end
      return map[a] < map[b]
    end
    return a < b
  end)
  local parts = {}
  for i = 1, math.min(n, #keys) do
    parts[#parts + 1] = keys[i] .. " (" .. format(map[keys[i]]) .. ")"
  end
  return table.concat(parts, "; ")
end

--- "1 question", "12 questions"; `plural` defaults to word .. "s".
function stats.count_of(n, word, plural)
  return string.format("%d %s", n, n == 1 and word or (plural or word .. "s"))
end

return stats
