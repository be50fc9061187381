"""Pure functions over models and DataFrames: checks, ABC, grades, due list. No I/O, no printing."""
