return { name = "p", version = "1.0.0", api = 1, requires = { p2 = "1.0 - 2.0" } }
