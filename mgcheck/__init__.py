"""mgcheck: assess dietary magnesium intake from food logs against reference intakes."""

__version__ = "0.1.0"
