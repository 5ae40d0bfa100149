"""`python -m publish` runs the `publish` command."""

from publish.cli import main

main()
