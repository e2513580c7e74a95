-- asof: the date an evaluation is "as at".
--
-- Every dated query in this pack filters on this date, so that evaluating
-- at a past date shows what the boards knew then rather than what the
-- database knows now.

local asof = {}

--- ctx.as_of, or today (UTC) when the host leaves it empty.
function asof.date(ctx)
  local d = ctx.as_of
  if d == nil or d == "" then return os.date("!%Y-%m-%d") end
  if not d:match("^%d%d%d%d%-%d%d%-%d%d$") then
    error("the as-of date must look like 2021-12-31 (got '" .. tostring(d) .. "')", 2)
  end
  return d
end

--- The last day of a financial year written 'YYYY/YY' (April to March).
function asof.fy_end(year)
  return string.format("%04d-03-31", tonumber(year:sub(1, 4)) + 1)
end

return asof
