"""Every path the project uses, resolved from one ROOT (never from the working directory)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
DOCS = ROOT / "docs"
SITE = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"
CACHE = ROOT / ".cache"

# Folders (and single files) under docs/ that the generator writes: their names are the route table's.
from scripts.routes import GENERATED_DIRS, GENERATED_FILES  # noqa: E402,F401

__all__ = ["ROOT", "DATASETS", "DOCS", "SITE", "MKDOCS_YML", "CACHE", "GENERATED_DIRS", "GENERATED_FILES"]
