"""Renderers: each turns the report content (mgcheck.report) into one output format."""
