local v = string.format("%d.%d.%d", 1, 2, 3)
return { name = "p" .. "q", version = v, api = 1, authors = { [1] = "a", [3] = "c" } }
