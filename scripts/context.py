"""The build context: one object made from <root>/mkdocs.yml and the command line, passed down to every step.

It holds what a build is *of* and *for*: the project's root, its configuration, the site's address, the languages,
the cache folder, the number of jobs and the engine. No module keeps any of these in a global: a build of another
checkout (`build --root`) writes that checkout's address everywhere — pages, downloads, the catalogue, the feed and
the sitemap alike.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts import engine, routes
from scripts.paths import CACHE, MKDOCS_YML, ROOT


class ContextError(ValueError):
    """The configuration cannot describe a build (no absolute site_url, say)."""


def site_url_of(config: dict, path: Path) -> str:
    """The site's absolute address from mkdocs.yml `site_url`, always ending in '/'."""
    url = str(config.get("site_url") or "")
    if not re.match(r"^https?://[^\s<>\"']+$", url):
        raise ContextError(f"{path}: site_url must be an absolute http(s) address, not {url!r}")
    return url if url.endswith("/") else url + "/"


def languages_of(config: dict) -> tuple[str, ...]:
    """The site's languages, the default first (mkdocs-static-i18n's list; the theme's language without it)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = (plugin["i18n"] or {}).get("languages") or []
            default = [str(lang["locale"]) for lang in langs if lang.get("default")]
            return tuple(default + [str(lang["locale"]) for lang in langs if not lang.get("default")])
    return (str((config.get("theme") or {}).get("language") or "en"),)


@dataclass(frozen=True)
class Context:
    root: Path
    site_url: str
    languages: tuple[str, ...] = ("vi", "en")
    cache: Path = CACHE
    jobs: int = 2
    engine: str = engine.DEFAULT
    config: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, root: Path = ROOT, *, jobs: int = 2, engine_name: str | None = None,
             cache: Path | None = None) -> Context:
        """The context of the project at `root`, from its mkdocs.yml."""
        root = Path(root)
        path = root / MKDOCS_YML.name
        config = engine.read_config(path)
        cache = Path(cache) if cache else root / CACHE.name
        if cache.is_symlink() and not cache.exists():
            raise ContextError(f"{cache.name} → {os.readlink(cache)}: thư mục bộ nhớ đệm không tồn tại / does not "
                               "exist; tạo thư mục đó hoặc xoá liên kết / create that folder or remove the link")
        return cls(root=root, site_url=site_url_of(config, path), languages=languages_of(config),
                   cache=cache, jobs=jobs, engine=engine.chosen(engine_name), config=config)

    def page_url(self, path: str, lang: str = "vi") -> str:
        return routes.page_url(self.site_url, path, lang)

    def file_url(self, path: str) -> str:
        return routes.file_url(self.site_url, path)
