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
    figure = {key: float(value) for key, value in lines.items()}
    # each ratio is the quotient of the figures it names (both printed to two decimals)
    assert figure["build-vs-mkdocs"] == pytest.approx(figure["build-seconds"] / figure["mkdocs-bare-seconds"],
                                                      rel=0.02, abs=0.01)
    assert figure["regenerate-one-dataset-vs-full"] == pytest.approx(
        figure["regenerate-one-dataset-seconds"] / figure["generate-full-seconds"], rel=0.02, abs=0.01)
    assert figure["build-seconds"] > figure["generate-full-seconds"]  # the build includes the generation
    assert int(lines["pages"]) > 2 * (34 + 3)  # provinces and communes with data have pages, in both languages
    # an indicator page is tens of kilobytes of HTML, and the site holds it (and more) in megabytes
    assert 5 < figure["indicator-page-kb"] < 500
    assert figure["site-mb"] * 1000 > figure["indicator-page-kb"] * int(lines["pages"]) / 10
    assert 50 < figure["peak-rss-mb"] < 64_000  # a Python process with pandas, in megabytes (not kB or bytes)
