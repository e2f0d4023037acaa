"""Copies of the project's hand-written site sources, for builds in another folder (tests, benchmarks)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from scripts.paths import GENERATED_DIRS, GENERATED_FILES, ROOT

SITE_SOURCES = ("mkdocs.yml", "scripts/theme/material/overrides")


def hand_written_docs(root: Path = ROOT) -> list[str]:
    """docs/ files that are committed (never the generated ones)."""
    try:
        out = subprocess.run(["git", "ls-files", "docs"], cwd=root, capture_output=True, text=True, check=True).stdout
        files = [line for line in out.splitlines() if line]
        if files:
            return files
    except (OSError, subprocess.CalledProcessError):
        pass
    generated = {f"docs/{d}" for d in GENERATED_DIRS} | {f"docs/{f}" for f in GENERATED_FILES}
    return [str(p.relative_to(root)) for p in sorted((root / "docs").rglob("*")) if p.is_file()
            and not any(str(p.relative_to(root)).startswith(g) for g in generated)]


def copy_site_sources(dest: Path, source: Path = ROOT) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        src = source / name
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    for rel in hand_written_docs(source):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / rel, target)
    return dest
