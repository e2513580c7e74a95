-- asof: the date an evaluation is "as at".
--
-- Every dated query in this pack filters on this date, so that evaluating
-- at a past date shows what the boards knew then rather than what the
-- database knows now.

local asof = {}

--- ctx.as_of: the host always gives a real date, checked once on its way
--- in (today in UTC unless --as-of, the window or a scenario says otherwise).
function asof.date(ctx)
  return ctx.as_of
end

--- The last day of a financial year written 'YYYY/YY' (April to March).
function asof.fy_end(year)
  return string.format("%04d-03-31", tonumber(year:sub(1, 4)) + 1)
end

return asof
