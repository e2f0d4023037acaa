"""The validation benchmark runs end to end on a small synthetic dataset. Only its output is checked, never its time."""
from __future__ import annotations

import re

import pytest

from scripts import bench


def test_bench_prints_the_ratio(capsys):
    assert bench.main(["--rows", "2000", "--only", "validate"]) == 0
    out = capsys.readouterr().out
    values = dict(line.split(": ", 1) for line in out.splitlines())
    assert values["validate-rows"] == "2000"
    assert re.fullmatch(r"\d+\.\d\d", values["validate-vs-frictionless"]), out
    # The synthetic rows are valid: both validators must agree there is nothing wrong with them.
    assert values["frictionless-errors"] == "0" and values["validate-problems"] == "0", out


def test_synthetic_data_is_marked_synthetic(tmp_path):
    folder = bench.synthetic_observations(tmp_path / "observations", 10)
    text = (folder / "datapackage.json").read_text(encoding="utf-8")
    assert "SYNTHETIC" in text and "GIẢ LẬP" in text
    assert len((folder / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()) == 11


@pytest.mark.xdist_group("build")
def test_site_bench_prints_every_figure(capsys):
    # A tiny national-shaped workload: only the output is checked, never the times.
    assert bench.main(["--only", "site", "--communes", "3"]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines() if ": " in line)
    for key in ("build-seconds", "mkdocs-bare-seconds", "build-vs-mkdocs", "regenerate-one-dataset-vs-full",
                "peak-rss-mb", "site-mb", "indicator-page-kb", "pages"):
        assert float(lines[key]) > 0, key
    assert int(lines["pages"]) > 2 * (34 + 3)  # provinces and communes with data have pages, in both languages
