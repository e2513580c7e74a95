return "pack"
