"""`python -m publish` runs the `publish` command."""

from publish.cli import cli

cli()
