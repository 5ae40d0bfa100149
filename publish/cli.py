"""The `publish` command. Each subcommand parses its arguments and calls one
library function; the group turns our errors into Click errors (one message,
exit 1) for all of them. Heavy libraries are imported inside the commands that
need them, so `publish --help` is instant."""

from __future__ import annotations

from pathlib import Path

import click

from publish import __version__
from publish.errors import PublishError

PROJECT = click.Path(exists=True, file_okay=False, path_type=Path)


def project_option(command):
    """`--project DIR`, the way every command that works on a project takes it: the current folder by
    default (left unset where the command also takes the older positional PATH, which `the_project` weighs)."""

    def here_unless_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        takes_path = any(p.name == "path" for p in ctx.command.params)
        return value if value is not None or takes_path else Path(".")

    return click.option(
        "--project", type=PROJECT, default=None, callback=here_unless_path, help="The project folder.  [default: .]"
    )(command)


def format_option(*choices: str, help: str | None = None):
    """`--format`, the way every command that prints for people or machines takes it: the first choice
    (text, for people) by default."""
    return click.option(
        "--format", "output", type=click.Choice(choices), default=choices[0], show_default=True, help=help
    )


def the_project(path: Path | None, project: Path | None) -> Path:
    """The project given as PATH (the older spelling) or --project, the current folder if neither."""
    if path is not None and project is not None and path.resolve() != project.resolve():
        raise click.UsageError(f"PATH {path} and --project {project} name two projects; give one")
    return project or path or Path(".")


def semantic_version(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from publish.release.versions import is_version

    if value is not None and not is_version(value):  # fullmatch: "1.0.0\n" is not a version
        raise click.BadParameter(f"{value!r} is not MAJOR.MINOR.PATCH, for example 1.2.0")
    return value


class PublishGroup(click.Group):
    """A group whose commands' PublishErrors are one message and exit 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PublishError as error:
            findings = getattr(error, "findings", None)
            if findings:  # data validate refuses: its findings as validate prints them, then why
                from publish.findings import findings_lines

                click.echo("\n".join(findings_lines(findings)), err=True)
            raise click.ClickException(str(error)) from None


@click.group(cls=PublishGroup)
@click.version_option(__version__, prog_name="publish")
def cli() -> None:
    """Curate, validate and release the Vietnam digital transformation indicators.

    Every value in the data package is traced to the verbatim quote in an
    archived source text that states it.
    """


@cli.command()
@click.argument("path", type=PROJECT, required=False)
@project_option
@format_option("text", "json", "github", help="text for people, json for machines, github for annotations in Actions.")
def validate(path: Path | None, project: Path | None, output: str) -> None:
    """Check every table, quote and number of a project.

    Checks the project at PATH or --project (default: the current folder).

    Runs every check: file structure, the Table Schemas, the cross-row rules,
    provenance (each quote is in its archived source and states its number),
    completeness (every number in a source is curated or excluded) and
    agreement between sources. Prints every error with its file, row and
    field, the coverage per source and the acknowledged conflicts.

    Exits 0 when the project is valid, 1 when it has errors.

    With --format github each error is a GitHub Actions annotation
    (::error file=…,line=…,title=RULE::message), shown on the line of the
    pull request that has it.

    Example: publish validate --format json > report.json
    """
    from publish.validate import validate

    root = the_project(path, project)
    report = validate(root)
    shown = {"json": report.to_json, "github": lambda: report.to_github(str(root)), "text": report.to_text}
    click.echo(shown[output]())
    if not report.valid:
        raise SystemExit(1)


@cli.command()
@click.argument("path", type=PROJECT, required=False)
@project_option
@click.option("--version", "version", metavar="X.Y.Z", callback=semantic_version, help="The version to release.")
@click.option(
    "--bump",
    "level",
    type=click.Choice(["major", "minor", "patch", "auto"]),
    is_flag=False,
    flag_value="auto",
    help="Release the next major, minor or patch version; with no level (or auto), derive it from the "
    "changes since the last release.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the releases.  [default: the project's releases/]",
)
def release(path: Path | None, project: Path | None, version: str | None, level: str | None, out: Path | None) -> None:
    """Validate the project and write a new release.

    Validates the project at PATH or --project (default: the current folder) and writes a
    versioned release to OUT/X.Y.Z/.

    The release holds the tables as CSV and Parquet, one SQLite database for
    datasette (with its metadata.json), the Data Package descriptor with every
    file's hash, the archived sources and their rights, CITATION.cff,
    schema.org JSON-LD, this version's CHANGELOG entry, SHA256SUMS and one zip
    of it all. It is built in a temporary folder and moved into place at once;
    an existing version is never overwritten, and invalid data writes nothing.
    One release at a time is written into OUT; staging folders a killed
    release left there are removed first. Timestamps come from
    SOURCE_DATE_EPOCH, the CHANGELOG or the last commit, so rebuilding a
    version from the same commit gives the same bytes. The new entry goes
    into CHANGELOG.md only for a release into PATH/releases: a build into
    another --out changes nothing in the project.

    A version is one set of bytes. A published version (a folder in
    releases/ or an entry in CHANGELOG.md) can only be built again into
    another --out, and only to the bytes of its folder: a build that differs
    is refused, naming the files and the level of the change. A new version
    must come after every published one, by at least the level `publish
    diff` finds since the newest published release.

    Example: publish release --bump minor
    """
    if bool(version) == bool(level):
        raise click.UsageError("give either --version X.Y.Z or --bump [major|minor|patch]")
    from publish.release.build import ReleaseRefused, release

    try:
        made = release(the_project(path, project), version=version, level=level, out=out)
    except ReleaseRefused as refused:
        click.echo(refused.report.to_text(), err=True)
        raise
    if made.cleaned:
        left = ", ".join(made.cleaned)
        click.echo(f"Removed {len(made.cleaned)} staging folder(s) an interrupted release left: {left}")
    click.echo(f"Released {made.version} in {made.folder}")
    if made.same_as:
        click.echo(f"It is byte for byte the published {made.same_as}")
    if made.changelog_updated:
        click.echo(f"Added the {made.version} entry to CHANGELOG.md")


@cli.command()
@click.argument("old", type=PROJECT)
@click.argument("new", type=PROJECT, default=".")
@format_option("text", "json")
def diff(old: Path, new: Path, output: str) -> None:
    """Show what changed between two releases.

    From release OLD to NEW (a release or a project; default: the current folder).

    Lists rows added, removed and changed (with old and new values), tables
    and fields added, removed or retyped, every other Table Schema change
    (constraints, keys, field order, descriptions), and the SemVer level the
    change calls for: major when something is removed or retyped or a
    constraint or key is added or tightened, minor when something is added or
    a constraint loosened, patch for corrections and wording.

    Example: publish diff releases/1.0.0 releases/1.1.0
    """
    from publish.release.diff import diff

    result = diff(old, new)
    click.echo(result.to_json() if output == "json" else result.to_text())


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify(folder: Path) -> None:
    """Check that the release in FOLDER is intact.

    Recomputes every file's SHA-256 against SHA256SUMS and the descriptor,
    checks the zip against the files, and lists everything that was changed,
    added (a file, an empty folder, a link) or removed. Reads nothing outside
    FOLDER and follows no link. Exits 1 if anything was.

    Example: publish verify releases/1.0.0
    """
    from publish.release.verify import verify

    result = verify(folder)
    click.echo(result.to_text())
    if not result.ok:
        raise SystemExit(1)


@cli.command("add-source")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="The URL the text names as its origin.")
@click.option("--publisher", required=True, help="The outlet that published the text.")
@click.option("--language", required=True, help="The text's language as a BCP 47 tag (uk, fr, id, en, vi).")
@click.option("--event-date", help="Date of the event the text reports, YYYY-MM-DD.")
@click.option("--title", help="The headline the text carries.")
@click.option(
    "--id",
    "--source-id",
    "source_id",
    help="The source's id.  [default: OUTLET-YEAR-LANGUAGE: the site's main domain (news.laodong.vn: laodong) "
    "or else the publisher's name, the event's year, the language]",
)
@click.option(
    "--text-kind",
    type=click.Choice(["original", "translation"]),
    help="Whether the text is the report as first published or a translation of it.",
)
@click.option("--translation-of", metavar="URL", help="The text translates the report at URL (sets --text-kind).")
@click.option("--original-language", metavar="TAG", help="A translation's original language as a BCP 47 tag (vi).")
@click.option("--retrieved-from", metavar="URL", help="The page the text was copied from, if not --url.")
@click.option("--retrieved-on", metavar="YYYY-MM-DD", help="The day the text was copied.")
@project_option
def add_source(
    file: Path,
    url: str,
    publisher: str,
    language: str,
    event_date: str | None,
    title: str | None,
    source_id: str | None,
    text_kind: str | None,
    translation_of: str | None,
    original_language: str | None,
    retrieved_from: str | None,
    retrieved_on: str | None,
    project: Path,
) -> None:
    """Archive a text in seeds/ and record its source.

    FILE is copied byte for byte into seeds/ and gets a row in the sources table.

    Refuses, changing nothing, if the same bytes are already archived, the
    language is not a valid BCP 47 tag, the date is not a date or the file is
    not UTF-8 text. Then run `publish draft SOURCE_ID` to draft a row for
    each of its numbers, and `publish review SOURCE_ID` to review them.

    Say what the text is: a translation names its original with
    --translation-of URL (and --original-language), and a text copied from a
    page other than the one it names (a republished or translated article)
    gives that page with --retrieved-from and the day with --retrieved-on.

    Example: publish add-source article.txt --url https://example.vn/a --publisher "Báo X" --language uk
    """
    from publish.curate import add_source, origin_of

    archived = add_source(
        project,
        file,
        url=url,
        publisher=publisher,
        language=language,
        event_date=event_date,
        title=title,
        source_id=source_id,
        origin=origin_of(
            language,
            text_kind=text_kind,
            translation_of=translation_of,
            original_language=original_language,
            retrieved_from=retrieved_from,
            retrieved_on=retrieved_on,
        ),
    )
    for done in archived.recovered:
        click.echo(f"Found an interrupted change of the tables: {done}")
    click.echo(f"Archived {file} as {archived.path} (source {archived.source_id}, sha256 {archived.sha256[:12]}…)")
    unsaid = "" if text_kind or translation_of else " and text_kind (original or translation)"
    click.echo(
        f"Next: fill its event fields{unsaid} in the sources table, then `publish draft {archived.source_id}` "
        f"and `publish review {archived.source_id}`."
    )


@cli.command()
@click.argument("source", required=False)
@project_option
@format_option("text", "json")
def todo(source: str | None, project: Path, output: str) -> None:
    """List what is left to do: drafts, then numbers.

    In SOURCE, or in every source.

    First the drafts no one has reviewed yet, by id, least confident first
    (publish review walks them); then the numbers no row covers, each with
    its line, the sentence around it and a suggested parse (value in base
    units, scale word, unit word), read by the same parser as the provenance
    check. A number is done when an observation's quote or an exclusion
    covers it. In JSON each item says whether it is a draft or a number.

    Example: publish todo bvp-2024-uk
    """
    from publish.curate import todo, todo_text
    from publish.review.drafts import todo_item, todo_lines, unreviewed

    items = todo(project, source)
    drafts = unreviewed(project, source)
    if output == "json":
        from publish.validate import json_text

        click.echo(json_text([todo_item(d) for d in drafts] + [{"item": "number", **i.as_dict()} for i in items]))
    elif drafts and not items:
        click.echo("\n".join(todo_lines(drafts)).rstrip())
    else:
        click.echo("\n".join([*todo_lines(drafts), todo_text(items)]))


@cli.command()
@click.argument("source_id")
@project_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the drafts to OUT/observations.csv and OUT/exclusions.csv (and OUT/indicators.csv for proposed "
    "indicators) instead of into the project's tables.",
)
def draft(source_id: str, project: Path | None, out: Path | None) -> None:
    """Draft a row for every number not yet covered.

    Every number of SOURCE_ID that no observation or exclusion covers yet gets one.

    Reads the archived text with the number parser validate uses and proposes,
    for each number, an observation (indicator, value scaled by its scale words,
    range, denominator, unit, qualifier, kind, period, change and compared
    period, the quote that states it, and a note saying why) or an exclusion (a
    date, year, period, ordinal, name, list count or part of the web page).

    Without --out the rows are appended to the project's own tables, marked
    [draft] at the start of their note (an exclusion's reason, a proposed
    indicator's title): review each row there, correct it, and delete the mark.
    publish validate fails (draft.unreviewed) while a mark is left. One draft
    of a project runs at a time, and its tables are replaced together: a draft
    interrupted half-way is completed by the next.

    Example: publish draft vnexpress-2025-vi
    """
    from publish.draft import drafts_text
    from publish.draft_save import draft_into

    drafts, written, recovered = draft_into(project or Path("."), source_id, out)
    for done in recovered:
        click.echo(f"Found an interrupted change of the tables: {done}")
    click.echo(drafts_text(drafts, written))


@cli.command()
@click.option("--indicator", help="Only this indicator's rows.")
@project_option
@format_option("text", "csv")
def series(indicator: str | None, project: Path, output: str) -> None:
    """Print the derived series, one value per fact.

    One value per indicator, period and kind.

    Derived from the observations by the rules in publish/series.py: a fact
    from one source is `single`; facts whose sources agree are `agreed`, with
    the interval they share and the value of the best figure; acknowledged
    disagreements are `conflict`, valued as the conflicts table says. A project
    that does not validate has no series: its errors are listed as `publish
    validate` lists them, and the command exits 1.

    Example: publish series --indicator egov_rank
    """
    from publish.series import series_of, series_text

    rows = series_of(project, indicator)
    if output == "csv":
        from publish.project import derived_table, open_project
        from publish.release.formats import csv_text

        click.echo(csv_text(rows, derived_table(open_project(project), "series")), nl=False)
    else:
        click.echo(series_text(rows))


@cli.command()
@project_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="Where to write the page.",
)
def report(project: Path, out: Path) -> None:
    """Write the project's page for people: one offline HTML file.

    Indicators by topic with their values as a person would say them, a chart
    wherever there is more than one period or source, the verbatim quote and
    source of every value, the conflicts between sources with their
    explanations, and coverage per source. Every release carries the same
    page as index.html.

    Example: publish report --out /tmp/report.html
    """
    from publish.report.page import write_report

    written = write_report(project, out)
    click.echo(f"Wrote {written}")


@cli.command("review")
@click.argument("source_id")
@project_option
@click.option("--page", is_flag=True, help="Write an HTML page of the text with every number marked, instead.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="With --page: where to write it.  [default: review-SOURCE_ID.html]",
)
def review_command(source_id: str, project: Path | None, page: bool, out: Path | None) -> None:
    """Review a source's drafts, least confident first.

    The drafts of SOURCE_ID, one at a time.

    Like `git add -p`: each drafted row shows its sentence with the number
    marked, its fields and why each was chosen (the note), what was guessed
    and the other candidate indicators; then a key and Enter: a accept, e
    edit a field, i choose another indicator, x turn an observation into an
    exclusion or back, r reject (delete the row), s skip, q quit, ? help.

    A draft is as sure as its note says ("confidence: low"), or else as the
    number of fields its note marks as guessed (none high, one medium, more
    low). Each decision is checked by validate before it is written, and
    written at once: a row that would fail is not accepted, and you are told
    why; quitting or a crash loses at most the row on screen.

    With --page, writes one offline HTML page of the text instead, every
    number marked by what the tables say of it and linked to its row.

    Example: publish review vnexpress-2025-vi
    """
    root = project or Path(".")
    if page:
        from publish.review.page import write_page

        click.echo(f"Wrote {write_page(root, source_id, out)}")
        return
    if out is not None:
        raise click.UsageError("--out goes with --page")
    from publish.review.session import review

    click.echo(review(root, source_id).text())


@cli.command("accept")
@click.argument("source_id")
@click.argument("ids", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Every unreviewed draft of SOURCE_ID.")
@click.option(
    "--from",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Take the rows from what `publish draft SOURCE_ID --out DIR` wrote in DIR.",
)
@project_option
def accept_command(
    source_id: str, ids: tuple[str, ...], every: bool, folder: Path | None, project: Path | None
) -> None:
    """Accept drafted rows of SOURCE_ID as they are: IDS, or --all.

    Deletes the draft mark from each row's note (an exclusion's reason) once
    validate finds nothing against the row; the rows that pass are written
    together, at once, and each row that does not is left a draft, with
    validate's reasons (exit 1). With --from DIR the rows come from what
    `publish draft --out DIR` wrote, edited there or not, and are added to
    the tables.

    Example: publish accept vnexpress-2025-vi vnexpress-2025-vi-03 vnexpress-2025-vi-x01
    """
    from publish.review.decide import accept

    report = accept(project or Path("."), source_id, ids, every, folder)
    for done in report.recovered:
        click.echo(f"Found an interrupted change of the tables: {done}")
    if report.accepted:
        click.echo(f"Accepted {len(report.accepted)}: {', '.join(report.accepted)}")
    for key, lines in report.told.items():
        for line in lines:
            click.echo(f"  {key}: validate will say: {line}")
    if report.refused:
        for key, lines in report.refused.items():
            click.echo(f"Not accepted {key}:", err=True)
            for line in lines:
                click.echo(f"  {line}", err=True)
        raise click.ClickException(f"{len(report.refused)} row(s) not accepted; they are still drafts")


@cli.command("reject")
@click.argument("source_id")
@click.argument("ids", nargs=-1, required=True)
@project_option
def reject_command(source_id: str, ids: tuple[str, ...], project: Path | None) -> None:
    """Delete drafted rows IDS of SOURCE_ID (never a reviewed row).

    A proposed indicator no row names any more goes with them. All the rows
    are deleted together, or none if any is unknown, reviewed already or
    named by another row. Their numbers are uncovered again: draft them
    again, or curate them by hand.

    Example: publish reject vnexpress-2025-vi vnexpress-2025-vi-07
    """
    from publish.review.decide import reject

    done = reject(project or Path("."), source_id, ids)
    click.echo(f"Rejected {len(done)}: {', '.join(done)}")


def main() -> None:
    """`publish` as a process runs it: the command, then the end of the process."""
    import gc

    # A full collection walks every object the process holds (pandas, pyarrow, the texts, the
    # patterns): twice in one validate of the repository, 55 ms. A command's process is short and
    # its large data (Arrow columns, arrays) holds no reference cycles, so it runs one a hundred
    # times more rarely; the peak memory of a validate at 1,000,000 observations is unchanged.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)
    try:
        cli.main(prog_name="publish")
    finally:
        # The process ends here. Freezing what it holds spares the collector its last passes over
        # every table, text and pattern read, a tenth of a second of each run; nothing is unwritten.
        gc.freeze()
