"""The validation benchmark runs end to end on a small synthetic dataset. Only its output is checked, never its time."""
from __future__ import annotations

import re

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
