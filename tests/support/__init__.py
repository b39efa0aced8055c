"""What the tests share and are not tests themselves: the builders, the permission table, the browser, crafted
files, fuzzing, paths."""
