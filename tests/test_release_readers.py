"""A release its readers can use without the repository: no "nan" where a value is missing,
paths that resolve inside the release, datasette metadata that labels and facets, schema.org
and CITATION.cff a harvester can use, a README and the licence inside, and a page that offers
every file."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest
from conftest import files_of, release, run

from publish.errors import PublishError
from publish.identity import safe_url
from publish.release.missing import check_release, standing_token

NAME = "vietnam-digital-transformation"
DATABASE = f"{NAME}.sqlite"
ZIP = f"{NAME}-1.0.0.zip"
CURATED = ["units", "indicators", "observations", "exclusions", "conflicts"]  # copied byte for byte
TABLES = ["sources", *CURATED, "series"]
HOMEPAGE = "https://example.org/vietnam-digital-indicators"
SHARED_URL = "https://example.org/news?id=7&lang=fr"
TOKENS = {"nan", "NaN", "None", "NaT"}

# datasette's documented metadata keys (docs.datasette.io, pages "Metadata" and "Facets", 0.x
# stable): at the top level and per database (the same keys plus "tables"), and per table.
DATASETTE_TOP = {
    "title",
    "description",
    "description_html",
    "license",
    "license_url",
    "source",
    "source_url",
    "about",
    "about_url",
    "databases",
    "tables",
    "custom_units",
}
DATASETTE_TABLE = {
    "title",
    "description",
    "description_html",
    "license",
    "license_url",
    "source",
    "source_url",
    "about",
    "about_url",
    "columns",
    "units",
    "sort",
    "sort_desc",
    "size",
    "sortable_columns",
    "label_column",
    "hidden",
    "facets",
    "facet_size",
}


def edit_descriptor(project, change) -> None:
    path = project.root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build(project, tmp_path: Path, name: str = "out") -> Path:
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    return tmp_path / name / "1.0.0"


@pytest.fixture
def sparse(project):
    """The tiny project with every optional cell empty (publisher, url, title, note, symbol,
    maximum, preferred observation, ...), an undated observation, and no licence named."""
    for index in range(2):
        assert not any(project.rows("sources")[index][f] for f in ("url", "publisher", "title", "note"))
    project.edit("observations", 5, period_type="undated", period_start="", period_end="")
    edit_descriptor(project, lambda d: d.pop("licenses"))
    assert project.validate().exit_code == 0
    return project


@pytest.fixture
def built(built_out):
    return built_out


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# 1. No "nan", "None" or "NaT" where a value was missing.


def refuse(constant: str) -> None:
    raise AssertionError(f"JSON holds {constant}")


def json_values(data: object) -> list[str]:
    if isinstance(data, dict):
        return [v for value in data.values() for v in json_values(value)]
    if isinstance(data, list):
        return [v for value in data for v in json_values(value)]
    return [data] if isinstance(data, str) else []


def values_standing_for_missing(folder: Path, skip: set[str]) -> list[tuple[str, str]]:
    """(file, value) for each value of a generated text file that is a token, or has one beside a
    separator: an independent, stricter reading than the release's own check."""
    found = []
    standing = re.compile(r"(^|[\s|:,;(\[{<>=/\"])(nan|NaN|None|NaT)($|[\s|:,;)\]}<>=/\"])")
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not path.is_file() or name in skip or path.suffix in (".parquet", ".sqlite", ".zip"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".json", ".jsonld"):
            values = json_values(json.loads(text, parse_constant=refuse))
        elif path.suffix == ".csv":
            values = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        else:
            values = text.splitlines()
        found += [(name, value) for value in values if standing.search(value)]
    return found


def test_no_generated_file_says_nan_none_or_nat_where_a_cell_is_empty(sparse, tmp_path):
    folder = build(sparse, tmp_path)
    verbatim = {f"data/{t}.csv" for t in CURATED} | {"sources/a.txt", "sources/b.txt"}
    assert values_standing_for_missing(folder, verbatim) == []
    assert {"README.md", "LICENSE-DATA.md"} <= set(files_of(folder))
    # The binary formats keep a missing cell missing: NULL in SQLite, null in Parquet.
    import pyarrow.parquet as pq

    for table in TABLES:
        for column in pq.read_table(folder / "data" / f"{table}.parquet").to_pylist():
            assert not TOKENS & {v for v in column.values() if isinstance(v, str)}, table
    database = sqlite3.connect(folder / DATABASE)
    assert database.execute("select count(*) from sources where publisher is null and url is null").fetchone() == (2,)
    assert database.execute("select period_start from observations where period_type = 'undated'").fetchone() == (None,)
    jsonld = json.loads((folder / "dataset.jsonld").read_text(encoding="utf-8"))
    assert "license" not in jsonld
    assert "license" not in (folder / "CITATION.cff").read_text(encoding="utf-8")
    assert "names no licence" in (folder / "LICENSE-DATA.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "value",
    ["nan", "NaN", " None ", "NaT", "nan: A meeting (id)", "A meeting (None)", "| NaT |", "x, nan, y", "- nan"],
)
def test_a_token_standing_for_a_value_is_found(value):
    assert standing_token(value.removeprefix("- ") if value.startswith("- ") else value)


@pytest.mark.parametrize("value", ["None of the provinces", "by None", "nan giải", "sources/None.txt", "banana", ""])
def test_a_token_that_is_a_word_of_a_sentence_is_not(value):
    assert standing_token(value) is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("datapackage.json", '{"sources": [{"title": "nan: x"}]}\n'),
        ("dataset.jsonld", '{"temporalCoverage": NaN}\n'),
        ("CITATION.cff", "cff-version: 1.2.0\nlicense: nan\n"),
        ("data/series.csv", "series_id,reason\na,None\n"),
        ("README.md", "| `x` | NaT |\n"),
        ("index.html", "<p>Publisher: <b>None</b></p>\n"),
    ],
)
def test_the_check_itself_fires_and_names_the_file(tmp_path, name, content):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(PublishError, match=re.escape(name)):
        check_release(tmp_path)
    check_release(tmp_path, skip=[name])  # a curated table copied as it is is not read


def test_a_release_with_such_text_is_refused_and_nothing_is_written(project, monkeypatch, tmp_path):
    import publish.release.build as build_module

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    written = build_module.citation_cff
    monkeypatch.setattr(build_module, "citation_cff", lambda *a: written(*a) + "license: nan\n")
    with pytest.raises(PublishError, match="CITATION.cff: 'nan'"):
        build_module.release(project.root, version="1.0.0", out=tmp_path / "out")
    assert not (tmp_path / "out").exists()  # created for this release, and removed with it


def test_a_token_the_curated_data_holds_is_data_and_any_other_is_still_refused(project, monkeypatch, tmp_path):
    import publish.release.build as build_module

    project.edit("units", 0, symbol="None")  # odd, but data: shown as it is
    folder = build(project, tmp_path)
    assert "| `usd` | US dollars | None |" in (folder / "README.md").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    written = build_module.rights_statement
    monkeypatch.setattr(build_module, "rights_statement", lambda *a: written(*a) + "| c.txt | nan | id | x |\n")
    with pytest.raises(PublishError, match="sources/RIGHTS.md: 'nan'"):
        build_module.release(project.root, version="1.0.0", out=tmp_path / "again")


# 2. Every path in a published table resolves inside the release.

PATH_LIKE = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+")


def assert_resolves(folder: Path, value: str, where: str) -> None:
    pure = PurePosixPath(value)
    assert not pure.is_absolute() and ".." not in pure.parts, (where, value)
    target = (folder / value).resolve()
    assert target.is_relative_to(folder.resolve()) and target.is_file(), (where, value)


def test_every_path_in_every_table_resolves_inside_the_release(project, built):
    import pandas as pd

    database = sqlite3.connect(built / DATABASE)
    checked = 0
    for table in TABLES:
        frames = {
            "csv": pd.read_csv(built / "data" / f"{table}.csv", dtype=str, keep_default_na=False),
            "parquet": pd.read_parquet(built / "data" / f"{table}.parquet"),
            "sqlite": pd.read_sql(f'select * from "{table}"', database),
        }
        for form, frame in frames.items():
            for column in frame.columns:
                for value in frame[column]:
                    if isinstance(value, str) and PATH_LIKE.fullmatch(value) and "." in value.rsplit("/", 1)[-1]:
                        assert_resolves(built, value, f"{form} {table}.{column}")
                        checked += 1
    assert checked >= 6  # sources.path, two rows, in three formats
    assert [row["path"] for row in csv_rows(built / "data" / "sources.csv")] == ["sources/a.txt", "sources/b.txt"]
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    for source in descriptor["sources"]:
        assert_resolves(built, source["archived"], "descriptor sources")
    [sources] = [r for r in descriptor["resources"] if r["name"] == "sources"]
    [path_field] = [f for f in sources["schema"]["fields"] if f["name"] == "path"]
    assert "sources/" in path_field["description"] and "seeds/" not in path_field["description"]
    pattern = path_field["constraints"]["pattern"]
    assert all(re.fullmatch(pattern, row["path"]) for row in csv_rows(built / "data" / "sources.csv"))
    assert not any(re.fullmatch(pattern, row["path"]) for row in project.rows("sources"))
    # Only the paths changed: the sources' other cells, and every other curated table, are the project's.
    for mine, theirs in zip(csv_rows(built / "data" / "sources.csv"), project.rows("sources"), strict=True):
        assert {k: v for k, v in mine.items() if k != "path"} == {k: v for k, v in theirs.items() if k != "path"}
    for table in CURATED:
        assert (built / "data" / f"{table}.csv").read_bytes() == project.path(table).read_bytes()


def test_diff_compares_the_sources_as_the_release_states_them(project, built, tmp_path):
    import shutil

    result = run("diff", str(built), str(project.root))
    assert result.exit_code == 0 and "no changes" in result.output, result.output
    # A release from before the paths were rewritten (seeds/ in its table and schema) compares the same.
    old = tmp_path / "old" / "1.0.0"
    shutil.copytree(built, old)
    text = (old / "data" / "sources.csv").read_text(encoding="utf-8").replace("sources/", "seeds/")
    (old / "data" / "sources.csv").write_text(text, encoding="utf-8")
    descriptor = json.loads((old / "datapackage.json").read_text(encoding="utf-8"))
    project_schema = json.loads((project.root / "schemas" / "sources.schema.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"] = {k: v for k, v in project_schema.items() if k != "$schema"}
    (old / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert "no changes" in run("diff", str(old), str(project.root)).output
    assert "no changes" in run("diff", str(old), str(built)).output
    project.edit("sources", 1, note="A French text")
    changed = run("diff", str(built), str(project.root)).output
    assert "~ b-fr note: '' -> 'A French text'" in changed and "path" not in changed


# 3. datasette: labels, facets, units, sort, every source listed, whole numbers as integers.


def test_datasette_metadata_uses_documented_keys_and_labels_every_reference(project, tmp_path):
    project.edit("sources", 0, url=SHARED_URL)
    project.edit("sources", 1, url='https://example.vn/"><script>alert(1)</script>')
    folder = build(project, tmp_path)
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert set(metadata) <= DATASETTE_TOP
    [(database_name, database)] = metadata["databases"].items()
    assert database_name == NAME and set(database) <= DATASETTE_TOP
    tables = database["tables"]
    sqlite = sqlite3.connect(folder / DATABASE)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    referenced = {
        key["reference"]["resource"] for r in descriptor["resources"] for key in r["schema"].get("foreignKeys", [])
    }
    assert referenced == {"sources", "units", "indicators", "observations"}
    for name, table in tables.items():
        assert set(table) <= DATASETTE_TABLE, name
        columns = [row[1] for row in sqlite.execute(f'pragma table_info("{name}")')]
        for column in [*table.get("facets", []), *table.get("units", {}), table.get("sort"), table.get("sort_desc")]:
            assert column is None or column in columns, (name, column)
        if name in referenced:
            label = table["label_column"]
            assert (
                sqlite.execute(f'select count(*) from "{name}" where "{label}" is null or "{label}" = ""').fetchone()[0]
                == 0
            ), (name, label)
    assert {n: tables[n]["label_column"] for n in referenced} == {
        "sources": "source_id",
        "units": "label",
        "indicators": "title",
        "observations": "observation_id",
    }
    assert tables["observations"]["facets"] == ["indicator_id", "source_id", "kind", "unit", "qualifier"]
    assert tables["indicators"]["facets"] == ["topic", "unit"]
    assert tables["series"]["facets"] == ["indicator_id", "kind", "unit", "status"]
    assert tables["sources"]["facets"] == ["language", "publisher"]
    assert tables["sources"]["units"] == {"bytes": "byte"}
    listed = tables["sources"]["description_html"]
    assert re.findall(r"<li>(?:<a href=\"([^\"]*)\">)?([^<]*)", listed) == [
        (SHARED_URL.replace("&", "&amp;"), "a-id"),
        ("", "b-fr"),
    ]
    assert all(safe_url(href.replace("&amp;", "&")) for href in re.findall(r'href="([^"]*)"', listed))


def test_sqlite_stores_whole_numbers_as_integers_and_fractions_as_reals(built):
    import pandas as pd

    database = sqlite3.connect(built / DATABASE)
    rows = dict(database.execute("select observation_id, value from observations"))
    assert rows["a-id-03"] == 60000000 and isinstance(rows["a-id-03"], int)  # datasette shows 60000000
    assert rows["a-id-04"] == 18.3 and isinstance(rows["a-id-04"], float)
    assert dict(database.execute("select observation_id, typeof(value) from observations"))["a-id-01"] == "integer"
    frame = pd.read_sql("select * from observations", database)
    assert frame["value"].dtype == "float64" and frame["value"].tolist() == [
        float(r["value"]) for r in csv_rows(built / "data" / "observations.csv")
    ]
    assert {"integer", "real"} <= {kind for (kind,) in database.execute("select typeof(lower) from series")}


# 4. schema.org JSON-LD and CITATION.cff.


def test_json_ld_lists_every_download_with_size_and_hash_and_each_source_once(project, tmp_path):
    project.edit("sources", 0, url=SHARED_URL, publisher="Báo X")
    project.edit("sources", 1, url=SHARED_URL)  # one article in two languages: one work
    folder = build(project, tmp_path)
    jsonld = json.loads((folder / "dataset.jsonld").read_text(encoding="utf-8"))
    downloads = {d["contentUrl"]: d for d in jsonld["distribution"]}
    expected = {f"data/{t}.{kind}" for t in TABLES for kind in ("csv", "parquet")}
    expected |= {DATABASE, "datapackage.json", "README.md", "CITATION.cff", ZIP}
    assert expected <= set(downloads), sorted(expected - set(downloads))
    for path, download in downloads.items():
        assert download["@type"] == "DataDownload" and download["name"] and download["encodingFormat"]
        if path == ZIP:
            assert "sha256" not in download and "contentSize" not in download  # the zip holds this file
            continue
        data = (folder / path).read_bytes()
        assert download["sha256"] == hashlib.sha256(data).hexdigest(), path
        assert download["contentSize"] == f"{len(data)} B", path
    assert jsonld["isBasedOn"] == [
        {
            "@type": "CreativeWork",
            "url": SHARED_URL,
            "inLanguage": ["id", "fr"],
            "publisher": {"@type": "Organization", "name": "Báo X"},
        }
    ]
    for key in ("url", "identifier", "citation"):
        assert key not in jsonld  # no homepage: absent, never a placeholder
    cff = (folder / "CITATION.cff").read_text(encoding="utf-8")
    assert "url:" not in cff and "repository-code:" not in cff
    assert not [line for line in cff.splitlines() if re.search(r"example|placeholder|TODO", line)]


def test_sources_without_a_url_are_named_by_their_archived_file(built):
    jsonld = json.loads((built / "dataset.jsonld").read_text(encoding="utf-8"))
    assert jsonld["isBasedOn"] == [
        {"@type": "CreativeWork", "url": "sources/a.txt", "inLanguage": "id"},
        {"@type": "CreativeWork", "url": "sources/b.txt", "inLanguage": "fr"},
    ]
    for work in jsonld["isBasedOn"]:
        assert_resolves(built, work["url"], "isBasedOn")


def test_the_homepage_gives_url_identifier_citation_and_repository_code(project, tmp_path):
    edit_descriptor(project, lambda d: d.update(homepage=HOMEPAGE))
    folder = build(project, tmp_path)
    jsonld = json.loads((folder / "dataset.jsonld").read_text(encoding="utf-8"))
    assert jsonld["url"] == jsonld["identifier"] == HOMEPAGE
    assert jsonld["citation"].endswith(HOMEPAGE) and "version 1.0.0" in jsonld["citation"]
    cff = (folder / "CITATION.cff").read_text(encoding="utf-8").splitlines()
    assert f'url: "{HOMEPAGE}"' in cff and f'repository-code: "{HOMEPAGE}"' in cff
    assert json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["homepage"] == HOMEPAGE
    assert json.loads((folder / "metadata.json").read_text(encoding="utf-8"))["about_url"] == HOMEPAGE
    assert HOMEPAGE in (folder / "README.md").read_text(encoding="utf-8")


def test_a_homepage_that_is_not_a_web_address_is_refused(project, tmp_path):
    edit_descriptor(project, lambda d: d.update(homepage="javascript:alert(1)"))
    result = release(project, "--version", "1.0.0", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "'homepage'" in result.output
    assert not (tmp_path / "out" / "1.0.0").exists()


# 5. README.md and the licence inside the release and its zip.


def markdown_tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def test_readme_documents_every_table_and_column_from_the_schemas(project, tmp_path):
    project.edit("units", 0, description="Money | in US dollars")  # a pipe stays inside its cell
    project.edit("conflicts", 0, explanation="The two outlets | give different counts of activated accounts.")
    schema_path = project.root / "schemas" / "sources.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == "bytes")["unit"] = "byte"  # a field with a unit
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    folder = build(project, tmp_path)
    readme = (folder / "README.md").read_text(encoding="utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert f"### {resource['name']}: {resource['title']}" in readme
        for field in resource["schema"]["fields"]:
            row = next(
                line
                for line in readme.split(f"### {resource['name']}:")[1].splitlines()
                if line.startswith(f"| `{field['name']}` |")
            )
            assert field["description"].replace("|", "\\|") in row, (resource["name"], field["name"])
            assert field["type"] in row
            for value in field.get("constraints", {}).get("enum", []):
                assert f"`{value}`" in row
    for table in markdown_tables(readme):  # every row of every table has the header's cells
        widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table}
        assert len(widths) == 1, table
    assert "| `usd` | US dollars |  | Money \\| in US dollars | 0 |  |" in readme
    sources = readme.split("### sources:")[1].split("###")[0]
    assert "| column | type | required | unit | description | allowed values |" in sources
    assert "| `bytes` | integer | yes | byte | Size of the archived file in bytes. | at least 1 |" in sources
    assert "| unit |" not in readme.split("### units:")[1].split("###")[0]  # only where a field has one
    assert "`accounts-meeting`" in readme and "The two outlets \\| give different counts" in readme
    assert '"up 15 places" is `-15`' in readme
    assert "Vietnam Digital Transformation Indicators curators (2026)." in readme and "version 1.0.0" in readme
    assert "released on 2026-01-01" in readme and "CC-BY-4.0" in readme and "sources/RIGHTS.md" in readme
    assert "to_pandas().reset_index()" in readme and 'dtype_backend="pyarrow"' in readme
    assert 'na.strings = ""' in readme and f"datasette {DATABASE} -m metadata.json" in readme


def test_readme_and_licence_are_in_the_folder_and_the_zip(built):
    licence = (built / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in licence
    assert "Attribution" in licence and "sources/RIGHTS.md" in licence
    with zipfile.ZipFile(built / ZIP) as archive:
        names = set(archive.namelist())
        assert {f"{NAME}-1.0.0/README.md", f"{NAME}-1.0.0/LICENSE-DATA.md"} <= names
        assert archive.read(f"{NAME}-1.0.0/README.md") == (built / "README.md").read_bytes()
    assert run("verify", str(built)).exit_code == 0


def test_the_readme_one_liners_load_the_release(built):
    readme = (built / "README.md").read_text(encoding="utf-8")
    lines = dict(re.findall(r"^\| (\w+) \| `(.+)` \|$", readme, flags=re.M))
    code = (
        "import frictionless, pandas as pd\n"
        f"observations = {lines['frictionless']}\n"
        "assert 'observation_id' in observations.columns, observations.columns\n"
        f"frame = {lines['pandas']}\n"
        "assert frame['period_start'].dt.year.max() >= 2024\n"
        "print(len(observations), len(frame))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=built, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["8", "8"]
    duckdb = lines["DuckDB"].replace("\\|", "|")
    assert duckdb.startswith("python -c ")
    command = subprocess.run(
        duckdb.replace("python", f'"{sys.executable}"', 1), shell=True, cwd=built, capture_output=True, text=True
    )
    assert command.returncode == 0, command.stderr
    assert "a-id-01" in command.stdout


# 6. The page offers every file, with its size.


class Links(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value for name, value in attrs if tag == "a" and name == "href" and value]


def test_the_page_offers_every_file_of_the_release(built):
    from urllib.parse import unquote

    hrefs = {unquote(h) for h in Links((built / "index.html").read_text(encoding="utf-8")).hrefs}
    expected = {f"data/{t}.{kind}" for t in TABLES for kind in ("csv", "parquet")}
    expected |= {DATABASE, "datapackage.json", "CITATION.cff", "dataset.jsonld", "README.md", ZIP}
    assert expected <= hrefs, sorted(expected - hrefs)
    for href in expected - {ZIP}:
        assert (built / href).is_file()


# The release's descriptor, README and all, is still a valid Data Package, and builds are reproducible.


def test_frictionless_validates_a_fresh_release(sparse, tmp_path):
    from frictionless import Package

    folder = build(sparse, tmp_path)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


@pytest.mark.slow  # a byte-for-byte rebuild
def test_two_builds_with_a_homepage_are_byte_identical(project, tmp_path):
    edit_descriptor(project, lambda d: d.update(homepage=HOMEPAGE))
    assert files_of(build(project, tmp_path, "one")) == files_of(build(project, tmp_path, "two"))


def test_every_token_the_curators_wrote_is_data_not_only_the_first():
    from publish.release.missing import tokens_in_data

    assert tokens_in_data([], ['refuses "nan", "None" or "NaT" where a value is missing']) == {"nan", "None", "NaT"}
