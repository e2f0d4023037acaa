"""Every generated path and address, in one place.

The folders under docs/ that the generator writes (each page type and the downloads), the single generated files,
and how a path becomes an absolute address on the site. The address of the site itself is not here: it comes from
the build context (scripts/context.py), from the mkdocs.yml of the project being built.
"""
from __future__ import annotations

import posixpath

# Folders under docs/ (and so under the site) that the generator owns; gitignored, never edited by hand.
GOALS = "muc-tieu"          # a page per goal
INDICATORS = "chi-so"       # a page per indicator (and its extract under data/chi-so/)
DATASETS = "bo-du-lieu"     # a page per dataset
AREAS = "dia-ban"           # a page per area
DATA = "data"               # downloads: data/<dataset>/…, data/chi-so/<indicator>.csv, the feed, the catalogue
CHARTS = "bieu-do"          # chart images and a page per chart
TEMPLATES = "mau-excel"     # Excel templates
VENDOR = "assets/vendor"    # the chart library, served from the site
VEGA_BUNDLE = f"{VENDOR}/vega-bundle.js"
GENERATED_DIRS = (GOALS, INDICATORS, DATASETS, AREAS, DATA, CHARTS, TEMPLATES, VENDOR)
LANG_PREFIX = {"vi": "", "en": "en/"}  # the default language at the root, English under /en/
SOURCE_SUFFIX = {"vi": "", "en": ".en"}  # a page's Markdown file: <name>.md in Vietnamese, <name>.en.md in English

# The single generated pages, by their path under docs/ without the language suffix.
HOME = "index"
UPDATES_DOC = "moi-cap-nhat"    # what changed, newest first
COVERAGE_DOC = "do-bao-phu"     # which indicators have data where
PROBLEM_CODES_DOC = "ma-loi"    # the validator's problem codes
METHOD_DOC = "phuong-phap"      # hand-written (docs/phuong-phap.md): how the site decides what it says
OPEN_DATA_DOC = "du-lieu-mo"    # hand-written: open data and the API
GENERATED_FILES = tuple(f"{doc}{SOURCE_SUFFIX[lang]}.md" for doc in (HOME, UPDATES_DOC, COVERAGE_DOC, PROBLEM_CODES_DOC)
                        for lang in SOURCE_SUFFIX)

ALL_DATA = f"{DATA}/all-data.zip"
CHANGES_SCHEMA = f"{DATA}/changes.schema.json"   # the JSON Schema of every release's changes.json
CHANGES_SCHEMA_DOC = f"{DATASETS}/phien-ban"     # the page that explains it
FEED = f"{DATA}/releases.atom"
CATALOG = f"{DATA}/catalog.jsonld"


def dataset_file(name: str, file_name: str) -> str:
    return f"{DATA}/{name}/{file_name}"


def indicator_file(file_name: str) -> str:
    """A file of one indicator under data/chi-so/ (its extract, <id>.csv or <id>.csv.gz, its SDMX file, its feed)."""
    return f"{DATA}/{INDICATORS}/{file_name}"


def page_url(site_url: str, path: str, lang: str = "vi") -> str:
    """Absolute address of a page: page_url(site, 'bo-du-lieu/observations/', 'en')."""
    return site_url + LANG_PREFIX.get(lang, f"{lang}/") + path.lstrip("/")


def file_url(site_url: str, path: str) -> str:
    """Absolute address of a file under docs/ (downloads and charts are shared by both languages)."""
    return site_url + path.lstrip("/")


# --- pages as Markdown sources: 'chi-so/3b' is docs/chi-so/3b.md (docs/chi-so/3b.en.md in English) -------------------
def hub_doc(folder: str) -> str:
    """The index page of a folder of pages: hub_doc(INDICATORS) == 'chi-so/index'."""
    return f"{folder}/index"


def goal_doc(goal_id: int | str) -> str:
    return f"{GOALS}/{goal_id}"


def indicator_doc(indicator_id: str) -> str:
    return f"{INDICATORS}/{indicator_id}"


def chart_doc(indicator_id: str) -> str:
    return f"{CHARTS}/{indicator_id}"


def dataset_doc(name: str) -> str:
    return f"{DATASETS}/{name}"


def area_doc(slug: str) -> str:
    return f"{AREAS}/{slug}"


def page_path(doc: str) -> str:
    """A page's address relative to the site's (directory URLs): 'chi-so/3b' → 'chi-so/3b/', 'chi-so/index' →
    'chi-so/', 'index' → ''."""
    folder = posixpath.dirname(doc) if posixpath.basename(doc) == "index" else doc
    return f"{folder}/" if folder else ""


def dataset_page(name: str) -> str:
    return page_path(dataset_doc(name))


def indicator_page(indicator_id: str) -> str:
    return page_path(indicator_doc(indicator_id))


def chart_page(indicator_id: str) -> str:
    return page_path(chart_doc(indicator_id))


def source(doc: str, lang: str) -> str:
    """The Markdown file of a page in a language, relative to docs/: source('chi-so/3b', 'en') == 'chi-so/3b.en.md'."""
    return f"{doc}{SOURCE_SUFFIX[lang]}.md"


def chart_file(indicator_id: str, lang: str, layout: str = "spec") -> str:
    """A rendered chart's files without their extension (.svg, .png, -vegalite.json), shared by both languages'
    pages: 'bieu-do/3b-vi', and 'bieu-do/3b-vi-small' for the phone layout."""
    return f"{CHARTS}/{indicator_id}-{lang}" + ("-small" if layout == "small" else "")


def release_folder(dataset: str, version: str) -> str:
    """Where a release's files are published, under docs/: the stable address /data/<dataset>/<version>/."""
    return dataset_file(dataset, version)


def release_doc(dataset: str, version: str) -> str:
    return f"{release_folder(dataset, version)}/index"


def indicator_feed(indicator_id: str) -> str:
    return indicator_file(f"{indicator_id}.atom")


def template_file(name: str) -> str:
    """A dataset's Excel template."""
    return f"{TEMPLATES}/{name}.xlsx"


def link(here: str, to: str) -> str:
    """A Markdown link from the page `here` to the page `to` (doc paths), relative, as MkDocs resolves it in every
    language: link('chi-so/3b', 'muc-tieu/1') == '../muc-tieu/1.md'."""
    return file_link(here, f"{to}.md")


def file_link(here: str, path: str) -> str:
    """A Markdown link from the page `here` to a file under docs/ (a download, a chart):
    file_link('chi-so/3b', 'data/chi-so/3b.csv') == '../data/chi-so/3b.csv'."""
    return posixpath.relpath(path, posixpath.dirname(here) or ".")


def _built(doc: str, lang: str) -> str:
    """The folder a page is built into: 'chi-so/3b' → 'en/chi-so/3b' in English, 'index' → '.' in Vietnamese."""
    return (LANG_PREFIX[lang] + page_path(doc)).rstrip("/") or "."


def html_link(here: str, lang: str, to: str) -> str:
    """A link in raw HTML, which MkDocs does not rewrite: from the built page of `here` (its own folder, under en/
    in English) to a file under docs/ shared by both languages: html_link('chi-so/3b', 'en', 'bieu-do/3b-en.svg')
    == '../../../bieu-do/3b-en.svg'."""
    return posixpath.relpath(to, _built(here, lang))


def html_page_link(here: str, lang: str, to: str) -> str:
    """A link in raw HTML from one page to another page (a doc path) of the same language: '3b/' from the index of
    chi-so/."""
    return posixpath.relpath(_built(to, lang), _built(here, lang)) + "/"


def to_root(here: str) -> str:
    """The relative prefix from the page `here` to docs/ itself: '../' from 'chi-so/3b', '' from 'index'."""
    up = posixpath.relpath(".", posixpath.dirname(here) or ".")
    return "" if up == "." else f"{up}/"
