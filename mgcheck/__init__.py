"""mgcheck: assess dietary magnesium intake from food logs against reference intakes."""

__version__ = "0.1.0"

# The library entry point for studies (imports nothing heavy until called).
from mgcheck.population import population

__all__ = ["__version__", "population"]
