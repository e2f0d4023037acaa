"""The theme behind one small interface: its steps over the site the engine has built.

The generator writes Markdown and data files; the engine (scripts/engine.py) turns them into HTML with the theme
named in mkdocs.yml. What the site needs beyond that — search without diacritics and one index per language, the
theme's stylesheet trimmed, the templates the site overrides — depends on the theme's own files, so it lives in one
folder per theme: scripts/theme/<theme>/ (its template overrides under overrides/, its steps in __init__.py).
The build calls `after_engine(site, config)` and knows nothing else of the theme.

Every step must find what it acts on. When it does not (a new theme version renamed a file, another engine wrote no
search index), the build fails with the step's name and what it missed, instead of publishing a site whose search has
quietly lost its Vietnamese-without-diacritics or its language split. A step can be turned off on purpose in
mkdocs.yml, `extra: theme_steps: {<step>: false}`.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


class ThemeStepFailed(Exception):
    """A theme step found nothing to act on, or the theme has no adapter."""


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Path, dict], str]  # (built site, configuration) → a one-line report; ThemeStepFailed if nothing


def steps_for(config: dict) -> list[Step]:
    """The steps of the theme named in the configuration, each unless turned off; an unknown theme with any step on
    is an error."""
    name = str(((config.get("theme") or {}).get("name")) or "")
    switches = ((config.get("extra") or {}).get("theme_steps") or {})
    unknown = set(switches) - {"overrides", "search_index", "theme_script", "stylesheet"}
    if unknown:
        raise ThemeStepFailed(f"mkdocs.yml extra.theme_steps: unknown step(s) {', '.join(sorted(unknown))}")
    try:
        module = importlib.import_module(f"scripts.theme.{name}") if name.isidentifier() else None
    except ModuleNotFoundError:
        module = None
    if module is None:
        if any(switches.get(s, True) for s in ("overrides", "search_index", "theme_script", "stylesheet")):
            raise ThemeStepFailed(f"theme {name!r} has no adapter in scripts/theme/: turn its steps off in mkdocs.yml "
                                  "(extra.theme_steps) or write one")
        return []
    return [step for step in module.STEPS if switches.get(step.name, True) is not False]


def after_engine(site: Path, config: dict) -> list[str]:
    """Run the theme's steps over the built site, in order; their reports."""
    return [f"{step.name}: {step.run(site, config)}" for step in steps_for(config)]
