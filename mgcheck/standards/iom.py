"""IOM 1997 Dietary Reference Intakes for magnesium (rows `iom` of reference_intakes.csv)."""

from mgcheck.standards.interface import CsvStandard

STANDARD = CsvStandard(
    name="iom",
    label="IOM 1997",
    ul_scope="supplements and medicines (antacids, laxatives) only; never food or water (IOM 1997)",
    key="iom",
)
