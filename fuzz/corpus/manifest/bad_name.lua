return { name = "Bad_Name", version = "1.0.0", api = 1 }
