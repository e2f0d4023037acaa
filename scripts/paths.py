"""Every path the project uses, resolved from one ROOT (never from the working directory)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
DOCS = ROOT / "docs"
SITE = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"
CACHE = ROOT / ".cache"

# Folders (and single files) under docs/ that the generator writes; all gitignored, never edited by hand.
GENERATED_DIRS = ("muc-tieu", "chi-so", "bo-du-lieu", "dia-ban", "data", "bieu-do", "mau-excel", "assets/vendor")
GENERATED_FILES = (
    "index.md", "index.en.md", "moi-cap-nhat.md", "moi-cap-nhat.en.md",
    "do-bao-phu.md", "do-bao-phu.en.md", "ma-loi.md", "ma-loi.en.md",
)
