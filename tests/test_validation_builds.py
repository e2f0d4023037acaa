"""Validation passing implies the build succeeding (issue 15): hypothesis makes datasets, and each one validation
accepts goes through the build's writers.

Each example is the shipped documents and child-protection-channels datasets with generated text put where people
type it: a cell of every text column, the dataset's title and description, its latest changelog entry (which the
*Mới cập nhật* page shows), and extra rows made of such text. Text is drawn from all of Unicode (control characters,
U+2028/U+2029, combining marks, formula and markup starts), so many examples are refused: a refusal must be coded,
never a traceback. An accepted one is built.

What the build step covers: the model, every download writer of those datasets (CSV bytes, XLSX, JSON, the dataset
ZIP and all-data.zip), the Excel templates, the Atom feed and the DCAT catalogue (both parsed back), and the pages
that show the generated text (home, Mới cập nhật, the dataset's page, in both languages, rendered from Markdown as
mkdocs would). Not covered: charts (vl-convert takes seconds a chart, and no generated text reaches one: they show
observations and indicators, which are left as shipped) and mkdocs itself (tests/test_build.py builds whole sites).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts import downloads, manifest, pages
from scripts import atom, catalog
from scripts.context import Context
from scripts.build import excel_templates
from scripts.model import build_model, decide
from scripts.paths import DATASETS
from scripts.problems import CODES
from scripts.validate import INTERNAL, validate_datasets

MUTATED = ("documents", "child-protection-channels")
BUILD = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

anything = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
typed = st.text(alphabet=st.characters(whitelist_categories=("L", "M", "N", "P", "Zs", "S")), max_size=30)
texts = st.one_of(typed, typed, anything)  # mostly what a person types, often anything at all

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


@pytest.fixture(scope="module")
def shipped():
    result = validate_datasets()
    assert result.valid, result.problems
    return result.datasets


def _text_columns(descriptor: dict, resource: str) -> list[str]:
    (r,) = [r for r in descriptor["resources"] if r["name"] == resource]
    return [f["name"] for f in r["schema"]["fields"]
            if f.get("type", "string") == "string" and "enum" not in (f.get("constraints") or {})
            and f.get("format") != "uri" and not (r["schema"].get("primaryKey") in (f["name"], [f["name"]]))]


def _rewrite(folder: Path, edits: dict) -> None:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = edits["title"] or descriptor["title"]
    descriptor["description"] = edits["description"] or descriptor["description"]
    descriptor["changelog"][-1]["description"] = edits["change"] or descriptor["changelog"][-1]["description"]
    for r in descriptor["resources"]:
        path = folder / r["path"]
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        header = list(rows[0])
        columns = _text_columns(descriptor, r["name"])
        for i, value in enumerate(edits["cells"]):
            rows[i % len(rows)][columns[i % len(columns)]] = value
        for n, value in enumerate(edits["new_rows"]):  # a new row: the first row's codes made unique, text given
            row = dict(rows[0])
            key = r["schema"].get("primaryKey")
            for k in [key] if isinstance(key, str) else key or []:
                row[k] = f"{row[k]}-moi-{n}"
            for c in columns:
                row[c] = value
            rows.append(row)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8", newline="")
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def _build(datasets: dict, cache: Path) -> None:
    """The writers of the build for these datasets (see the module's docstring for what is and is not covered)."""
    model = build_model(datasets)
    per_dataset = {name: downloads.dataset_files(ds, CTX.site_url) for name, ds in datasets.items()}
    downloads.all_data_zip(datasets, per_dataset, CTX.site_url)
    excel_templates(model, cache)
    out = {**atom.outputs(model), **catalog.outputs(model)}
    ET.fromstring(out["data/releases.atom"])
    json.loads(out["data/catalog.jsonld"])
    headlines = decide.decide_all(model)
    for lang in ("vi", "en"):
        for text in [pages.home(model, lang, headlines), pages.updates(model, lang)] + [
                pages.dataset_page(model, name, lang, manifest.of(model)) for name in MUTATED]:
            markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "admonition"])


@BUILD
@given(edits=st.fixed_dictionaries({
    "title": texts, "description": texts, "change": texts,
    "cells": st.lists(texts, max_size=6), "new_rows": st.lists(texts, max_size=2)}))
def test_what_validation_accepts_the_build_writes(shipped, edits):
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for name in MUTATED:
            shutil.copytree(DATASETS / name, Path(tmp) / name)
            _rewrite(Path(tmp) / name, edits)
            folders.append(Path(tmp) / name)
        result = validate_datasets(folders, today=date(2026, 6, 1))
        if result.problems:
            assert {p.code for p in result.problems} <= set(CODES)
            assert not [p for p in result.problems if INTERNAL in p.detail]
            return
        _build({**shipped, **result.datasets}, Path(tmp) / "cache")


def test_the_examples_reach_the_build(shipped, tmp_path):
    """The property is not vacuous: a plain edit validates and is built (and a control character is refused)."""
    for name in MUTATED:
        shutil.copytree(DATASETS / name, tmp_path / name)
        # Cell text neutral in language: it goes into Vietnamese and English columns alike (a Vietnamese sentence in
        # an English note is refused, rightly: text-wrong-language).
        _rewrite(tmp_path / name, {"title": "Tiêu đề mới", "description": "", "change": "Thêm dòng",
                                   "cells": ["ZQ 2026"], "new_rows": ["ZQ 1"]})
    result = validate_datasets([tmp_path / n for n in MUTATED], today=date(2026, 6, 1))
    assert result.problems == []
    _build({**shipped, **result.datasets}, tmp_path / "cache")
    _rewrite(tmp_path / "documents", {"title": "", "description": "", "change": "", "cells": ["a\x01b"], "new_rows": []})
    assert {p.code for p in validate_datasets([tmp_path / "documents"]).problems} == {"control-character"}
