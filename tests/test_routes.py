"""The route table (scripts/routes.py) owns every generated path and link: the links it computes, and no other
module spelling a generated folder by hand."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scripts import routes
from scripts.paths import ROOT


@pytest.mark.parametrize("here, to, expected", [
    ("chi-so/3b", "muc-tieu/1", "../muc-tieu/1.md"),
    ("index", "chi-so/index", "chi-so/index.md"),
    ("chi-so/index", "bo-du-lieu/index", "../bo-du-lieu/index.md"),
    ("data/observations/2.3.0/index", "bo-du-lieu/observations", "../../../bo-du-lieu/observations.md"),
    ("data/observations/2.3.0/index", "data/observations/2.2.0/index", "../2.2.0/index.md"),
    ("do-bao-phu", "chi-so/3b", "chi-so/3b.md"),
])
def test_a_markdown_link_is_relative_to_the_page_it_is_written_in(here, to, expected):
    assert routes.link(here, to) == expected


@pytest.mark.parametrize("here, path, expected", [
    ("chi-so/3b", "data/chi-so/3b.csv", "../data/chi-so/3b.csv"),
    ("bieu-do/3b", "bieu-do/3b-vi.svg", "3b-vi.svg"),
    ("moi-cap-nhat", "data/releases.atom", "data/releases.atom"),
    ("bo-du-lieu/phien-ban", "data/changes.schema.json", "../data/changes.schema.json"),
])
def test_a_file_link_is_relative_to_the_page_it_is_written_in(here, path, expected):
    assert routes.file_link(here, path) == expected


@pytest.mark.parametrize("here, lang, to, expected", [
    # Raw HTML is not rewritten by MkDocs: the link starts from the folder the page is built into (directory URLs),
    # under en/ in English, to a file both languages share.
    ("chi-so/3b", "vi", "bieu-do/3b-vi.svg", "../../bieu-do/3b-vi.svg"),
    ("chi-so/3b", "en", "bieu-do/3b-en.svg", "../../../bieu-do/3b-en.svg"),
    ("bieu-do/3b", "vi", "bieu-do/3b-vi.svg", "../3b-vi.svg"),
    ("bieu-do/3b", "en", "bieu-do", "../../../bieu-do"),
    ("index", "vi", "bieu-do/x.svg", "bieu-do/x.svg"),
    ("index", "en", "bieu-do/x.svg", "../bieu-do/x.svg"),
])
def test_a_raw_html_link_starts_from_the_built_page(here, lang, to, expected):
    assert routes.html_link(here, lang, to) == expected


def test_a_raw_html_link_between_pages_stays_in_the_language():
    assert routes.html_page_link("chi-so/index", "en", "chi-so/3b") == "3b/"
    assert routes.html_page_link("chi-so/index", "vi", "muc-tieu/1") == "../muc-tieu/1/"


def test_sources_and_the_relative_root():
    assert routes.source("chi-so/3b", "vi") == "chi-so/3b.md"
    assert routes.source("chi-so/3b", "en") == "chi-so/3b.en.md"
    assert routes.to_root("chi-so/3b") == "../"
    assert routes.to_root("data/x/1.0.0/index") == "../../../"
    assert routes.to_root("index") == ""
    assert routes.GENERATED_FILES == ("index.md", "index.en.md", "moi-cap-nhat.md", "moi-cap-nhat.en.md",
                                      "do-bao-phu.md", "do-bao-phu.en.md", "ma-loi.md", "ma-loi.en.md")


def _strings(path: Path):
    """Every string constant of a module, with its line (f-strings: their literal parts)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_module_but_the_route_table_spells_a_generated_folder():
    """A generated page or file is named through scripts/routes.py, never by a literal such as "../chi-so/" or
    f"data/{name}/": a folder renamed there is renamed everywhere. Docstrings and comments may still name them."""
    folders = [d for d in routes.GENERATED_DIRS if d != routes.DATA] + [routes.DATA + "/"]
    # Modules where "data/" is a dataset's own folder (datasets/<name>/data/<table>.csv), not the site's downloads.
    dataset_layout = {"scaffold.py"}
    found = []
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        if path.name in {"routes.py", *dataset_layout}:
            continue
        docstrings = {node.body[0].value.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for line, text in _strings(path):
            if line in docstrings:
                continue
            for folder in folders:
                if text.startswith((folder, "../" + folder, "(" + folder)) or f"/{folder}/" in text \
                        or text == folder or text.startswith(f"{folder}/"):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert found == []


def test_the_readme_map_names_every_module():
    """Where does X happen? The README's map of the code answers for every module under scripts/ (issue 17): a
    module added without a line there fails here. A module is named by its path or, inside a package the map
    describes, by its file name."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "scripts").rglob("*.py"))
               if path.name != "__init__.py" and "overrides" not in path.parts
               and path.relative_to(ROOT).as_posix() not in readme and f"`{path.name}`" not in readme]
    assert missing == []
