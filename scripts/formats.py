"""The table formats, in one place: which the validator reads, which a dataset under datasets/ may hold, and the
limits of a table the writers can hold.

The validator (scripts/validate/reader.py), the problem code `format-unsupported` and the *Mã lỗi* page take them
from here. Every readable format is read through frictionless's own parsing, so each project rule (personal data,
small counts, formulas …) sees the rows and columns frictionless checked. Anything else, compressed files included,
is refused with `format-unsupported`, never read.
"""
from __future__ import annotations

# frictionless reads these; the project's rules read the same cells. json: an array of rows (arrays) or of objects.
READABLE = ("csv", "tsv", "json")
# A dataset in datasets/ holds only these: the site publishes each resource's validated bytes as <resource>.csv
# (with their size and hash), and a text file in git shows every changed row in a pull request.
PUBLISHED = ("csv",)

MAX_COLUMNS = 1_000  # the widest shipped table has 14 columns; a header is measured before anything parses it
MAX_CELL_CHARS = 32_767  # the most a spreadsheet cell holds (the site's XLSX downloads): cells and descriptor texts


def listed(formats: tuple[str, ...]) -> str:
    return ", ".join(formats)
