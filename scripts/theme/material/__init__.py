"""Everything that knows Material for MkDocs, in one folder.

- overrides/: the templates the site overrides (mkdocs.yml `custom_dir`): the page frame with the hotline banner, the
  Content-Security-Policy and the print footer (main.html), the bilingual 404 page, and five of Material's partials
  (its scripts loaded on demand, no palette script, the search box's wording, and its Vietnamese interface words
  without the English it left in them); overrides/assets/javascripts/theme.js
  holds the search index back until the search is opened and asks for the page's own language's index.
- search.py: the search index folded (Vietnamese found typed without diacritics) and split by language.
- stylesheet.py: Material's stylesheet trimmed to the rules the built site can use.

STEPS run in this order after the engine. Each fails the build (ThemeStepFailed) when it finds nothing to act on:
Material moved a file the site relies on, or the engine wrote a different site. tests/browser/test_theme_overrides.py
compares the partials with the installed Material's, so a new Material version is caught before a build.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from scripts.context import languages_of
from scripts.theme import Step, ThemeStepFailed
from scripts.theme.material import search, stylesheet

HERE = Path(__file__).parent
OVERRIDES = HERE / "overrides"
THEME_SCRIPT = "assets/javascripts/theme.js"
BUNDLE = "assets/javascripts/bundle.*.min.js"


languages = languages_of  # the site's languages, the default first


def overrides(site: Path, config: dict) -> str:
    """Each of Material's files that overrides/ replaces still exists in the installed Material: a file it no longer
    has would be overridden by nothing, silently."""
    templates = resources.files("material") / "templates"
    ours = sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html") if p.parent != OVERRIDES)
    gone = [rel for rel in ours if not (templates / rel).is_file()]
    if not ours or gone:
        raise ThemeStepFailed(f"overrides: Material has no {', '.join(gone) or 'partials to override'} any more; "
                              "update scripts/theme/material/overrides/")
    return f"{len(ours)} partials replaced"


def search_index(site: Path, config: dict) -> str:
    entries = search.search_indexes(site, languages(config))
    if entries is None:
        raise ThemeStepFailed(f"search_index: the engine wrote no {search.INDEX}: search would lose its words "
                              "without diacritics and its language split")
    return f"{entries} entries, folded, {len(languages(config))} indexes"


def theme_script(site: Path, config: dict) -> str:
    """Every page loads theme.js, and Material's bundle still requests the search index and starts the search worker
    that theme.js holds back (else the whole index would load with every page, on every phone)."""
    pages = sorted(site.rglob("*.html"))
    missing = [p.relative_to(site).as_posix() for p in pages if THEME_SCRIPT.encode() not in p.read_bytes()]
    bundles = sorted(site.glob(BUNDLE))
    if not pages or missing:
        raise ThemeStepFailed(f"theme_script: {len(missing) or 'no'} pages load {THEME_SCRIPT}"
                              + (f" (first: {missing[0]})" if missing else ""))
    bundle = bundles[0].read_text(encoding="utf-8", errors="replace") if len(bundles) == 1 else ""
    if "search_index.json" not in bundle or "Worker" not in bundle:
        raise ThemeStepFailed(f"theme_script: Material's {BUNDLE} no longer requests search_index.json from a "
                              "Worker: theme.js holds back nothing")
    return f"{len(pages)} pages"


def trim_stylesheet(site: Path, config: dict) -> str:
    trimmed = stylesheet.trim_site(site)
    if trimmed is None:
        raise ThemeStepFailed(f"stylesheet: no single {stylesheet.THEME_CSS} to trim")
    return f"{trimmed[0] // 1024} KB → {trimmed[1] // 1024} KB"


STEPS = [Step("overrides", overrides), Step("search_index", search_index), Step("theme_script", theme_script),
         Step("stylesheet", trim_stylesheet)]
