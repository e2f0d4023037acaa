"""Every generated path and address, in one place.

The folders under docs/ that the generator writes (each page type and the downloads), the single generated files,
and how a path becomes an absolute address on the site. The address of the site itself is not here: it comes from
the build context (scripts/context.py), from the mkdocs.yml of the project being built.
"""
from __future__ import annotations

# Folders under docs/ (and so under the site) that the generator owns; gitignored, never edited by hand.
GOALS = "muc-tieu"          # a page per goal
INDICATORS = "chi-so"       # a page per indicator (and its extract under data/chi-so/)
DATASETS = "bo-du-lieu"     # a page per dataset
AREAS = "dia-ban"           # a page per area
DATA = "data"               # downloads: data/<dataset>/…, data/chi-so/<indicator>.csv, the feed, the catalogue
CHARTS = "bieu-do"          # chart images and a page per chart
TEMPLATES = "mau-excel"     # Excel templates
VENDOR = "assets/vendor"    # the chart library, served from the site
GENERATED_DIRS = (GOALS, INDICATORS, DATASETS, AREAS, DATA, CHARTS, TEMPLATES, VENDOR)
GENERATED_FILES = (
    "index.md", "index.en.md", "moi-cap-nhat.md", "moi-cap-nhat.en.md",
    "do-bao-phu.md", "do-bao-phu.en.md", "ma-loi.md", "ma-loi.en.md",
)
LANG_PREFIX = {"vi": "", "en": "en/"}  # the default language at the root, English under /en/

FEED = f"{DATA}/releases.atom"
CATALOG = f"{DATA}/catalog.jsonld"
UPDATES = "moi-cap-nhat/"


def dataset_page(name: str) -> str:
    return f"{DATASETS}/{name}/"


def indicator_page(indicator_id: str) -> str:
    return f"{INDICATORS}/{indicator_id}/"


def chart_page(indicator_id: str) -> str:
    return f"{CHARTS}/{indicator_id}/"


def dataset_file(name: str, file_name: str) -> str:
    return f"{DATA}/{name}/{file_name}"


def indicator_extract(indicator_id: str) -> str:
    return f"{DATA}/{INDICATORS}/{indicator_id}.csv"


def page_url(site_url: str, path: str, lang: str = "vi") -> str:
    """Absolute address of a page: page_url(site, 'bo-du-lieu/observations/', 'en')."""
    return site_url + LANG_PREFIX.get(lang, f"{lang}/") + path.lstrip("/")


def file_url(site_url: str, path: str) -> str:
    """Absolute address of a file under docs/ (downloads and charts are shared by both languages)."""
    return site_url + path.lstrip("/")
