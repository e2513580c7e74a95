return { name = "my-first", version = "0.1.0", api = 1 }
