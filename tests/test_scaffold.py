"""new-dataset: an empty dataset whose checks list what is still to be written, and that validates once it is."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from scripts.cli import main
from scripts.excel import import_workbook, write_template
from scripts.paths import DATASETS
from scripts.scaffold import NEXT_STEPS, create_dataset
from scripts.validate import dataset_folders, validate_datasets

TODAY = date(2026, 12, 1)


@pytest.fixture
def root(tmp_path) -> Path:
    dst = tmp_path / "datasets"
    shutil.copytree(DATASETS, dst, ignore=shutil.ignore_patterns("*.xlsx"))
    return dst


def problems(root: Path) -> set[tuple[str, str, str]]:
    return {(p.dataset, p.code, p.field) for p in validate_datasets(dataset_folders(root), today=TODAY).problems}


def edit(path: Path, change) -> None:
    d = json.loads(path.read_text(encoding="utf-8"))
    change(d)
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def test_the_scaffold_lists_what_is_missing_then_validates_after_the_documented_steps(root, tmp_path):
    folder, found = create_dataset("so-lieu-moi", root, today=TODAY)
    assert found == [] and folder == root / "so-lieu-moi"
    assert sorted(p.name for p in folder.rglob("*")) == ["README.md", "data", "datapackage.json", "so-lieu-moi.csv"]

    # Untouched, it fails, and the problems are the to-do list.
    assert problems(root) == {("so-lieu-moi", "metadata-missing", "title"),
                              ("so-lieu-moi", "metadata-missing", "description"),
                              ("so-lieu-moi", "metadata-missing", "sources")}

    # Step 1, Vietnamese only: the English twin is asked for next.
    pkg = folder / "datapackage.json"
    edit(pkg, lambda d: d.update(title="Số liệu mới về trẻ em", description="Số liệu thử của tỉnh."))
    assert problems(root) == {("so-lieu-moi", "translation-missing", "title_en"),
                              ("so-lieu-moi", "translation-missing", "description_en"),
                              ("so-lieu-moi", "metadata-missing", "sources")}

    # Steps 1–3 done.
    def fill(d):
        d.update(title_en="New children's data", description_en="Test data of the province.",
                 sources=[{"title": "Cục Thống kê tỉnh", "path": "https://example.org/nien-giam"}])
        d["resources"][0].update(title="Số liệu", title_en="Values", description="Một dòng cho mỗi giá trị.",
                                 description_en="One row per value.")
    edit(pkg, fill)
    assert problems(root) == set()

    # Step 4 with Excel: the template of the new dataset, one row typed in, imported, still valid.
    xlsx = tmp_path / "moi.xlsx"
    assert write_template("so-lieu-moi", xlsx, root) == []
    wb = load_workbook(xlsx)
    wb["so-lieu-moi"].append(["3b", "58", "Ninh Thuận", 2006, "total", "12,5", "reported", "per-1000-live-births",
                              "https://example.org/nien-giam", None])
    wb.save(xlsx)
    result = import_workbook(xlsx, root=root, today=TODAY)
    assert result.ok, [(p.cell, p.problem) for p in result.problems]
    assert (folder / "data/so-lieu-moi.csv").read_bytes() == (
        b"indicator_id,area_code,area_name,year,sex,value,value_status,unit,source_url,note\n"
        b"3b,58,Ninh Thu\xe1\xba\xadn,2006,total,12.5,reported,per-1000-live-births,https://example.org/nien-giam,\n")
    assert problems(root) == set()


def test_the_files_are_written_like_every_other_dataset(root):
    folder, _ = create_dataset("so-lieu-moi", root, today=TODAY)
    text = (folder / "datapackage.json").read_text(encoding="utf-8")
    d = json.loads(text)
    assert text == json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert d["name"] == "so-lieu-moi" and d["version"] == "1.0.0"
    assert d["changelog"] == [{"date": "2026-12-01", "description": "Phát hành lần đầu.",
                               "description_en": "First release.", "version": "1.0.0"}]
    assert d["resources"][0]["path"] == "data/so-lieu-moi.csv"
    raw = (folder / "data/so-lieu-moi.csv").read_bytes()
    assert raw == b"indicator_id,area_code,area_name,year,sex,value,value_status,unit,source_url,note\n"
    assert not any(p.name.startswith(".new-") for p in root.iterdir())


@pytest.mark.parametrize("name", ["Bad_Name", "so lieu", "-x", "x-", "số-liệu", "../evil", "", "a--b"])
def test_names_that_are_not_kebab_case_are_refused(root, name):
    before = sorted(p.name for p in root.iterdir())
    folder, found = create_dataset(name, root)
    assert folder is None and [p.code for p in found] == ["name-not-kebab-case"]
    assert sorted(p.name for p in root.iterdir()) == before


@pytest.mark.parametrize("name", ["observations", "documents"])
def test_existing_datasets_are_never_overwritten(root, name):
    before = (root / name / "datapackage.json").read_bytes()
    folder, found = create_dataset(name, root)
    assert folder is None and [p.code for p in found] == ["duplicate-dataset-name"]
    assert (root / name / "datapackage.json").read_bytes() == before


def test_cli_new_dataset(root, monkeypatch):
    monkeypatch.setattr(create_dataset, "__defaults__", (root, TODAY))
    out = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["new-dataset", "so-lieu-moi"])
    assert out.exit_code == 0, out.output
    assert "title_en" in out.output and NEXT_STEPS.splitlines()[1] in out.output
    assert (root / "so-lieu-moi" / "datapackage.json").is_file()
    out = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["new-dataset", "so-lieu-moi"])
    assert out.exit_code == 1 and "duplicate-dataset-name" in out.output
    out = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["new-dataset", "Số_Liệu"])
    assert out.exit_code == 1 and "name-not-kebab-case" in out.output
