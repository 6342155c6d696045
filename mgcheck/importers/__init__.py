"""Importers: each turns one kind of food-log file into the normalised log table.

The normalised table has one row per logged item with columns
`subject, file, row, date, food, amount, unit, kind, meal, time, notes` and, where a
source states them, `source_mg` (its own magnesium figure) and profile columns
(`sex, age, pregnant, lactating`). `row` is the 1-based data row of the input file.
"""
