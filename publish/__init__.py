"""Vietnam digital transformation indicators: curate, validate and release."""

__version__ = "0.1.0"
