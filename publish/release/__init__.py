"""Versioned, reproducible, immutable releases: build, diff, verify."""
