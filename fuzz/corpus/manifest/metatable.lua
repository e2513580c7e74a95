return setmetatable({}, { __index = function(t, k) return k == "api" and 1 or "x" end })
