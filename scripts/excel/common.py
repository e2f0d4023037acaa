"""What the template, the import and the reports share: sheet names and cell addresses, a dataset read as it is."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scripts.atomic import write_atomic
from scripts.problems import Problem


INSTRUCTIONS = "Hướng dẫn"
LISTS = "_danh_muc"
MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32767  # Excel's limit; longer text would be cut by Excel, so no template is made
DATE_FORMAT = "DD/MM/YYYY"
FIXED_TIME = datetime(2021, 1, 7)  # Quyết định 23/QĐ-TTg; used only when a dataset has no changelog date
TYPE_LABELS = {"string": "văn bản", "integer": "số nguyên", "number": "số", "date": "ngày (dd/mm/yyyy)",
               "boolean": "true / false", "year": "năm"}
TRUE_WORDS = {"true", "đúng", "có", "yes", "1"}
FALSE_WORDS = {"false", "sai", "không", "no", "0"}


def sheet_name(resource: str) -> str:
    return resource[:MAX_SHEET_NAME]


def cell_address(sheet: str, column: int | None = None, row: int | None = None) -> str:
    """'observations!G5', 'observations!G:G', 'observations!5:5' or 'observations'."""
    from openpyxl.utils import get_column_letter

    name = sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else "'" + sheet.replace("'", "''") + "'"
    if column is not None and row is not None:
        return f"{name}!{get_column_letter(column)}{row}"
    if column is not None:
        letter = get_column_letter(column)
        return f"{name}!{letter}:{letter}"
    if row is not None:
        return f"{name}!{row}:{row}"
    return name


# --- reading a dataset as it is ------------------------------------------------------------------------------------
@dataclass
class Resource:
    name: str
    path: Path | None
    fields: list[dict]
    schema: dict
    rows: list[list[str]] | None  # None when the file is missing or unreadable

    @property
    def names(self) -> list[str]:
        return [str(f.get("name", "")) for f in self.fields]


def _load(folder: Path) -> tuple[dict | None, list[Resource], list[Problem]]:
    from scripts.validate import load_descriptor
    from scripts.validate.files import read_bytes, resolve_resource_path

    if folder.is_symlink():  # everything in it would count as inside the dataset, and be written wherever it points
        return None, [], [Problem(folder.name, code="path-unsafe",
                                  detail=f"'{folder.name}' là liên kết tượng trưng; dùng thư mục thật trong datasets/",
                                  detail_en=f"'{folder.name}' is a symbolic link; use a real folder in datasets/")]
    descriptor, problems = load_descriptor(folder)
    if descriptor is None:
        return None, [], problems
    resources = []
    for r in descriptor["resources"]:
        if not isinstance(r, dict) or not isinstance(r.get("name"), str):
            continue
        schema = r.get("schema") if isinstance(r.get("schema"), dict) else {}
        fields = [f for f in schema.get("fields") or [] if isinstance(f, dict) and isinstance(f.get("name"), str)]
        path, found = resolve_resource_path(folder.name, r["name"], folder, r.get("path"))
        rows = None
        if path is not None:
            try:
                rows = list(csv.reader(io.StringIO(read_bytes(path).decode("utf-8"), newline="")))[1:]
            except (OSError, UnicodeDecodeError, csv.Error):
                rows = None
        elif found and found[0].code == "path-unsafe":
            problems += found
        resources.append(Resource(r["name"], path, fields, schema, rows))
    return descriptor, resources, problems


def _column(folder: Path, resource: str, column: str) -> list[str]:
    """Distinct non-empty values of one column of another dataset, in file order (for drop-down lists)."""
    descriptor, resources, _ = _load(folder) if (folder / "datapackage.json").is_file() else (None, [], [])
    for r in resources:
        if r.name == resource and column in r.names and r.rows is not None:
            i = r.names.index(column)
            return list(dict.fromkeys(row[i] for row in r.rows if i < len(row) and row[i]))
    return []


def _atomic_write(path: Path, data: bytes) -> None:
    write_atomic(path, data, durable=True)
