"""Build a whole site into a temporary copy of the project, for tests that look at the output.

The copy holds the committed hand-written docs, mkdocs.yml, the theme's overrides (scripts/theme/material/overrides/)
and a datasets folder of the test's choice, so tests never write into the working tree. Its caches (rendered charts,
downloads) are the test process's own (run_cache()), shared by the builds of one process but never with the
repository's .cache/: a chart rendered by other code must not stand in for what the code under test renders.
"""
from __future__ import annotations

import atexit
import fcntl
import functools
import os
import shutil
import tempfile
from pathlib import Path

from scripts.paths import ROOT
from scripts.project import copy_site_sources


def make_project(dest: Path, datasets: Path | None = None) -> Path:
    """A project root at dest with the repository's hand-written site sources and the given datasets."""
    copy_site_sources(dest)
    shutil.copytree(datasets or ROOT / "datasets", dest / "datasets", symlinks=True)
    (dest / ".cache").symlink_to(run_cache())
    return dest


@functools.cache
def run_cache() -> Path:
    """The test process's cache folder (a new temporary folder, removed when the process ends; each xdist worker
    has its own), or TEST_CACHE_DIR when set."""
    if os.environ.get("TEST_CACHE_DIR"):
        folder = Path(os.environ["TEST_CACHE_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    folder = Path(tempfile.mkdtemp(prefix="test-cache-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def build_project(root: Path) -> Path:
    """Build root's site; returns the real folder site/ points to."""
    from scripts.build import build_site

    return build_site(root=root).resolve()


def shared_site(base: Path) -> Path:
    """The site of the shipped datasets, built once per test run even with several xdist workers."""
    base.mkdir(parents=True, exist_ok=True)
    lock = base / "site.lock"
    root = base / "project"
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        done = base / "site.done"
        if not done.exists():
            if root.exists():
                shutil.rmtree(root)
            make_project(root)
            build_project(root)
            done.write_text("ok")
    return (root / "site").resolve()
