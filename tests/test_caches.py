"""What the build caches between runs (chart specifications, per-indicator extracts) is reused only while every
input is the same: a change to one indicator's rows makes that indicator's outputs again and no other's; a change
shared by all (an area's name) makes them all again; and what comes from the cache equals what would be made."""
from __future__ import annotations

import json

import pytest

from scripts import build, charts, feeds
from scripts.model import build_model
from scripts.paths import ROOT
from scripts.validate import validate_datasets

CHANGED = "3b"  # an indicator with observations drawn in its chart


@pytest.fixture
def model():
    result = validate_datasets()
    assert result.problems == []
    return build_model(result.datasets)


@pytest.fixture
def cache(tmp_path):
    """An empty cache, except for rendered charts (shared with the repository's, keyed by their spec: fast)."""
    (ROOT / ".cache" / "charts").mkdir(parents=True, exist_ok=True)
    (tmp_path / "charts").symlink_to(ROOT / ".cache" / "charts")
    return tmp_path


def counting(monkeypatch, module, name) -> list:
    calls, real = [], getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def change_one_value(model, indicator_id: str) -> None:
    """One observation of the indicator gets another value, in the model and in the validated text alike."""
    obs = model.observations
    label = obs.index[(obs["indicator_id"] == indicator_id) & obs["value"].notna()][0]
    obs.loc[label, "value"] = obs.loc[label, "value"] + 1
    raw = model.datasets["observations"].tables["observations"].df
    raw.iloc[label, raw.columns.get_loc("value")] = f"{obs.loc[label, 'value']:.1f}"
    model.memo.clear()


def as_json(spec) -> str:
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)


def test_a_changed_indicator_gets_its_chart_specs_derived_again_and_no_other(model, cache, monkeypatch):
    _, first = build.chart_outputs(model, 1, cache)
    change_one_value(model, CHANGED)
    derived = counting(monkeypatch, charts, "spec")
    _, second = build.chart_outputs(model, 1, cache)
    assert sorted((ind.id, lang) for _, ind, lang in derived) == [(CHANGED, "en"), (CHANGED, "vi")]
    assert as_json(second[(CHANGED, "vi")]["spec"]) != as_json(first[(CHANGED, "vi")]["spec"])
    for key, item in second.items():
        if key[0] != CHANGED:
            assert as_json(item["spec"]) == as_json(first[key]["spec"]), key
    other = next(key for key in second if key[0] != CHANGED)
    fresh = charts.spec(model, model.indicators[other[0]], other[1])
    assert as_json(second[other]["spec"]) == as_json(fresh), "the cached spec differs from a fresh one"


def test_a_change_every_chart_reads_derives_them_all_again(model, cache, monkeypatch):
    build.chart_outputs(model, 1, cache)
    units = model.datasets["admin-units"].tables["admin-units"].df
    i = units.index[(units["code"] == "58") & units["valid_from"].eq("")][0]
    units.loc[i, "name_vi"] += " (đổi tên)"  # the validated data changes; the model is made again from it
    model = build_model(model.datasets)
    derived = counting(monkeypatch, charts, "spec")
    _, specs = build.chart_outputs(model, 1, cache)
    assert len(derived) == 2 * len(model.indicators)
    assert "(đổi tên)" in as_json(specs[(CHANGED, "vi")]["spec"])


def test_a_changed_indicator_gets_its_extract_written_again_and_no_other(model, cache, monkeypatch):
    first = build.indicator_extracts(model, cache)
    change_one_value(model, CHANGED)
    written = counting(monkeypatch, feeds, "csv_bytes")
    second = build.indicator_extracts(model, cache)
    assert len(written) == 1 and set(written[0][0]["indicator_id"]) == {CHANGED}
    changed = f"data/chi-so/{CHANGED}.csv"
    assert second[changed] != first[changed]
    assert second[changed] == feeds.csv_bytes(feeds.indicator_rows(model, model.indicators[CHANGED]))
    assert {k: v for k, v in second.items() if k != changed} == {k: v for k, v in first.items() if k != changed}


def test_the_digest_of_rows_follows_values_and_order_not_index_labels(model):
    rows = model.observations_for(CHANGED)
    assert build.frame_digest(rows) == build.frame_digest(rows.set_axis(rows.index + 1000))  # a row added above
    assert build.frame_digest(rows) != build.frame_digest(rows.iloc[::-1])
    changed = rows.copy()
    changed.iloc[0, changed.columns.get_loc("value")] = changed["value"].iloc[0] + 1
    assert build.frame_digest(rows) != build.frame_digest(changed)
