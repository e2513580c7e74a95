return { name = "p", version = "1.0", api = 1 }
