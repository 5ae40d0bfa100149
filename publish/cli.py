"""The `publish` command. Each subcommand parses its arguments, calls one
library function and turns our errors into Click errors; heavy libraries are
imported inside the commands that need them, so `publish --help` is instant."""

from __future__ import annotations

from pathlib import Path

import click

from publish import __version__
from publish.errors import PublishError

PROJECT = click.Path(exists=True, file_okay=False, path_type=Path)


@click.group()
@click.version_option(__version__, prog_name="publish")
def cli() -> None:
    """Curate, validate and release the Vietnam digital transformation indicators.

    Every value in the data package is traced to the verbatim quote in an
    archived source text that states it.
    """


@cli.command()
@click.argument("path", type=PROJECT, default=".")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for machines.",
)
def validate(path: Path, output: str) -> None:
    """Check the project at PATH (default: the current folder).

    Runs every check: file structure, the Table Schemas, the cross-row rules,
    provenance (each quote is in its archived source and states its number),
    completeness (every number in a source is curated or excluded) and
    agreement between sources. Prints every error with its file, row and
    field, the coverage per source and the acknowledged conflicts.

    Exits 0 when the project is valid, 1 when it has errors.

    Example: publish validate --format json > report.json
    """
    from publish.validate import validate as run

    try:
        report = run(path)
    except PublishError as error:
        raise click.ClickException(str(error)) from None
    click.echo(report.to_json() if output == "json" else report.to_text())
    if not report.valid:
        raise SystemExit(1)
