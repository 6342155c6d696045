"""Entry point for `python -m mgcheck`."""

from mgcheck.cli import main

main()
