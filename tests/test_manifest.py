"""The pages describe the downloads the build made, from its manifest (scripts/manifest.py), and never call the code
that makes them."""
from __future__ import annotations

import ast
import dataclasses

from factory import model, obs
from scripts import manifest, pages
from scripts.paths import ROOT
from scripts.validate import validate_datasets
from scripts.model import build_model
from scripts.model.decide import decide

NT = "58"


def test_the_page_modules_never_call_the_code_that_makes_the_files():
    calls = []
    for name in ("pages.py", "release_pages.py"):
        tree = ast.parse((ROOT / "scripts" / name).read_text(encoding="utf-8"))
        calls += [f"{name}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                  and node.func.value.id in ("downloads", "extracts")]
    assert calls == []


def test_a_dataset_page_gives_the_sizes_and_hashes_the_manifest_records():
    m = build_model(validate_datasets().datasets)
    made = manifest.of(m)
    files = made.datasets["documents"]
    doctored = dataclasses.replace(files, sizes={**files.sizes, "documents.csv": 1536},
                                   digests={**files.digests, "documents.csv": "ab" * 32})
    page = pages.dataset_page(m, "documents", "en", dataclasses.replace(made, datasets={"documents": doctored}))
    assert "[CSV](../data/documents/documents.csv) (1.5 KB)" in page
    assert f"sha256 <code>{'ab' * 32}</code>" in page
    assert '"contentSize":"1536 B"' in page


def test_an_indicator_page_links_the_extract_the_build_made():
    m = model([obs(NT, 2016, 16.1)], [])
    made = manifest.Manifest({}, {"3b": "3b.csv.gz"}, 1000)
    page = pages.indicator_page(m, m.indicators["3b"], "vi", decide(m, m.indicators["3b"]), None,
                                "2026-11-29", "", made)
    assert "[CSV, gzip — số liệu của chỉ tiêu này](../data/chi-so/3b.csv.gz)" in page
    assert "3b.csv)" not in page
    assert manifest.Manifest({}).extract("3b") == "3b.csv"
