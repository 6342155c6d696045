"""EFSA 2015 Dietary Reference Values for magnesium, UL from SCF 2001 (rows `efsa` of reference_intakes.csv)."""

from mgcheck.standards.interface import CsvStandard

STANDARD = CsvStandard(
    name="efsa",
    label="EFSA 2015",
    ul_scope=(
        "readily dissociable magnesium salts in supplements, water and fortified foods (EU/SCF 2001 limit), "
        "not magnesium naturally present in food; mgcheck counts the supplements and medicines logged"
    ),
    key="efsa",
)
