"""The package's Jinja templates, each environment built once per process.

Jinja compiles a template to Python the first time it is asked for; that compiling costs more than
rendering a small page, so every page, README and review page asks here instead of building an
environment of its own. An HTML template escapes everything it is given (autoescape on for every
file name: `select_autoescape` would leave `.html.j2` unescaped); a Markdown template escapes
nothing and fails on any name it is not given, its `cell` and `code` filters keeping data in its
place.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Template


@cache
def html_template(folder: str, name: str) -> Template:
    """The HTML template NAME of publish/FOLDER, every value escaped."""
    from jinja2 import Environment, PackageLoader

    environment = Environment(
        loader=PackageLoader("publish", folder), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    return environment.get_template(name)


@cache
def markdown_template(folder: str, name: str, cell: Callable[[object], str]) -> Template:
    """The Markdown template NAME of publish/FOLDER: a name it is not given is an error, and its `cell`
    and `code` filters write a table cell's text with CELL, as Markdown that stays in its cell."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("publish", folder),
        autoescape=False,  # Markdown: the cell filter keeps data in its place
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    environment.filters["cell"] = cell
    environment.filters["code"] = lambda value: f"`{cell(value)}`"
    return environment.get_template(name)
