"""The engine that turns docs/ into a site: MkDocs 1.6 or ProperDocs (its maintained fork), chosen by one setting.

Both read the same mkdocs.yml and load the same plugins (Material, mkdocs-static-i18n); ProperDocs writes the same
site apart from the `generator` meta line (measured: every built-site test passes on either). The engine is picked by
`build --engine`, else by the SITE_ENGINE environment variable, else MkDocs. Nothing else in the build depends on it:
what is theme-specific happens after it, in scripts/theme/.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENGINES = {"mkdocs": "mkdocs", "properdocs": "properdocs"}  # name → the Python module run as `python -m <module>`
DEFAULT = "mkdocs"


class EngineFailed(Exception):
    """The engine refused the site (strict mode: a broken link, a missing file) or could not run."""


def chosen(name: str | None = None) -> str:
    """The engine to use: the one named, else SITE_ENGINE, else MkDocs. An unknown name is an error, never a
    silent fallback."""
    name = name or os.environ.get("SITE_ENGINE") or DEFAULT
    if name not in ENGINES:
        raise EngineFailed(f"unknown engine {name!r}: one of {', '.join(sorted(ENGINES))}")
    return name


def command(name: str, config: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", ENGINES[chosen(name)], "build", "--strict", "-f", str(config), "-d", str(out)]


def run(name: str, config: Path, out: Path, epoch: str | None = None) -> None:
    """Build the site described by `config` (a mkdocs.yml) into `out`, strictly; EngineFailed with the engine's
    warnings and errors (its INFO lines left out) if it refuses."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        env["SOURCE_DATE_EPOCH"] = epoch
    cmd = command(name, config, out)
    result = subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        messages = "\n".join(line for line in (result.stderr + result.stdout).splitlines()
                             if line.strip() and not line.startswith(("INFO", "  - ")))
        raise EngineFailed(f"{ENGINES[chosen(name)]} build --strict:\n{messages[-4000:]}")


def read_config(path: Path) -> dict:
    """mkdocs.yml as data. Tags such as !!python/name are read as nothing and never run."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=Loader) or {}
