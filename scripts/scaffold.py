"""A new, empty dataset folder: datapackage.json, README.md and data/<name>.csv with its header.

    python -m scripts new-dataset so-lieu-tre-em-2025

The folder is deliberately NOT valid yet. Its title, description and sources are left empty (not filled with
placeholder text), so the validator lists exactly what is still to be written (metadata-missing, then
translation-missing once the Vietnamese text is there) and a half-finished dataset can never be published with
"TODO" as its title. Everything that has a sensible default is filled in: the licence (CC BY 4.0, like every
dataset here), version 1.0.0 with its changelog entry, and one resource in the project's tidy layout (one row per
value: indicator, area, year, sex, value, status, unit, source), every column described in both languages and
linked to programme-targets and admin-units. NEXT_STEPS says what to fill in; after those steps it validates
(tests/test_scaffold.py shows it).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from scripts.paths import DATASETS
from scripts.problems import Problem, as_is, details
from scripts.validate.metadata import KEBAB

UNITS = ["percent", "per-1000-live-births", "per-100000-children", "percent-per-year", "percent-of-age-group",
         "children", "cases"]

NEXT_STEPS = """Việc cần làm tiếp (công cụ kiểm tra sẽ báo lỗi cho đến khi xong bước 1–2):
  1. Mở datapackage.json, điền title và description (tiếng Việt), title_en và description_en (tiếng Anh).
  2. Thêm nguồn vào sources, ví dụ: [{"title": "Cục Thống kê, Niên giám 2024", "path": "https://..."}].
  3. Xem lại các cột trong schema: giữ, đổi hoặc xóa; cột mới cần title, description, title_en, description_en.
     Điền title và description (hai thứ tiếng) của bảng trong resources.
  4. Nhập dữ liệu vào data/<tên>.csv, hoặc tạo mẫu Excel: python -m scripts template <tên>, điền, rồi
     python -m scripts import <tệp>.xlsx
  5. Viết README.md (nguồn, lưu ý, giấy phép).
  6. Chạy python -m scripts validate datasets/<tên> cho đến khi không còn lỗi."""


def _field(name: str, ftype: str, title: str, title_en: str, description: str, description_en: str,
           **constraints) -> dict:
    f = {"name": name, "type": ftype, "title": title, "title_en": title_en, "description": description,
         "description_en": description_en}
    if constraints:
        f["constraints"] = constraints
    return f


def descriptor(name: str, today: date) -> dict:
    fields = [
        _field("indicator_id", "string", "Mã chỉ tiêu", "Indicator id",
               "Mã chỉ tiêu của Quyết định 23/QĐ-TTg (bộ dữ liệu programme-targets); để trống nếu không khớp chỉ tiêu nào.",
               "Decision 23/QĐ-TTg indicator id (programme-targets dataset); blank when none matches."),
        _field("area_code", "string", "Mã địa bàn", "Area code",
               "Mã đơn vị hành chính (bộ dữ liệu admin-units) hoặc VN.",
               "Administrative unit code (admin-units dataset) or VN.", required=True),
        _field("area_name", "string", "Tên địa bàn", "Area name", "Tên địa bàn như nguồn ghi.",
               "Area name as in the source.", required=True),
        _field("year", "integer", "Năm", "Year", "Năm của số liệu.", "Year of the value.", required=True, minimum=1990),
        _field("sex", "string", "Giới tính", "Sex", "total (chung), female (nữ), male (nam).", "total, female or male.",
               required=True, enum=["total", "female", "male"]),
        _field("value", "number", "Giá trị", "Value",
               "Giá trị như nguồn in; để trống chỉ khi value_status là suppressed hoặc missing.",
               "Value as printed; blank only when value_status is suppressed or missing."),
        _field("value_status", "string", "Tình trạng giá trị", "Value status",
               "reported: có giá trị; suppressed: ẩn vì số nhỏ (bảo vệ quyền riêng tư); missing: nguồn không có.",
               "reported; suppressed (small count, privacy); missing (not in the source).",
               required=True, enum=["reported", "suppressed", "missing"]),
        _field("unit", "string", "Đơn vị", "Unit", "Mã đơn vị đo.", "Unit code.", required=True, enum=UNITS),
        _field("source_url", "string", "Nguồn", "Source", "Địa chỉ nguồn.", "Address of the source.", required=True),
        _field("note", "string", "Ghi chú", "Note", "Bảng gốc, định nghĩa, chữ như 'hơn', 'gần'.",
               "Original table, definition, qualifiers such as 'more than'."),
    ]
    fields[8]["format"] = "uri"
    return {
        "name": name,
        "profile": "tabular-data-package",
        "title": "",
        "title_en": "",
        "description": "",
        "description_en": "",
        "keywords": [],
        "version": "1.0.0",
        "changelog": [{"version": "1.0.0", "date": today.isoformat(), "description": "Phát hành lần đầu.",
                       "description_en": "First release."}],
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "contributors": [{"role": "publisher", "title": "Dự án dữ liệu mở Chương trình hành động vì trẻ em Ninh Thuận"}],
        "sources": [],
        "resources": [{
            "name": name,
            "path": f"data/{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": "",
            "title_en": "",
            "description": "",
            "description_en": "",
            "schema": {
                "fields": fields,
                "missingValues": [""],
                "externalForeignKeys": [
                    {"fields": ["indicator_id"],
                     "reference": {"package": "programme-targets", "resource": "indicators", "fields": ["indicator_id"]}},
                    {"fields": ["area_code"],
                     "reference": {"package": "admin-units", "resource": "admin-units", "fields": ["code"]}},
                ],
            },
        }],
    }


README = """# (Tên bộ dữ liệu)

*(English title)*

(Mô tả: bộ dữ liệu có gì, cho địa bàn và những năm nào.)

(Description in English.)

## Tệp / Files

- `data/{name}.csv` — một dòng cho mỗi giá trị. Mô tả từng cột nằm trong `datapackage.json`. / One row per value.

## Lưu ý / Caveats

- (Định nghĩa, số sơ bộ, thay đổi địa giới…)

## Nguồn / Sources

- (Văn bản, bảng số liệu và địa chỉ nguồn.)

## Giấy phép / Licence

CC BY 4.0 — ghi công dự án và các nguồn gốc ở trên. / Credit the project and the upstream sources above.
"""


def create_dataset(name: str, root: Path = DATASETS, today: date | None = None) -> tuple[Path | None, list[Problem]]:
    """Create root/<name>/ ready to be filled in; or say why not (name not kebab-case, already there)."""
    if not isinstance(name, str) or not KEBAB.match(name):
        return None, [Problem(str(name), field="name", code="name-not-kebab-case",
                              **details(f"'{name}': chỉ chữ thường không dấu, chữ số và dấu gạch nối, ví dụ so-lieu-2024",
                                        f"'{name}': lower-case ASCII letters, digits and hyphens only, e.g. so-lieu-2024"))]
    existing = {p.name.lower() for p in root.iterdir()} if root.is_dir() else set()
    if name.lower() in existing:
        return None, [Problem(name, code="duplicate-dataset-name", **details(
            f"đã có thư mục {root.name}/{name}", f"the folder {root.name}/{name} already exists"))]
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".new-{name}-", dir=root))
    try:
        (tmp / "data").mkdir()
        text = json.dumps(descriptor(name, today or date.today()), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (tmp / "datapackage.json").write_text(text, encoding="utf-8", newline="\n")
        (tmp / "README.md").write_text(README.format(name=name), encoding="utf-8", newline="\n")
        header = ",".join(f["name"] for f in descriptor(name, date.today())["resources"][0]["schema"]["fields"])
        (tmp / "data" / f"{name}.csv").write_text(header + "\n", encoding="utf-8", newline="\n")
        for p in (tmp, tmp / "data"):
            os.chmod(p, 0o755)
        os.rename(tmp, root / name)  # atomic; fails if someone created the folder meanwhile
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        return None, [Problem(name, code="duplicate-dataset-name" if (root / name).exists() else "source-error",
                              **as_is(f"{type(exc).__name__}: {exc}"[:200]))]
    return root / name, []
