"""What the build caches between runs (chart specifications, per-indicator extracts) is reused only while every
input is the same: a change to one indicator's rows makes that indicator's outputs again and no other's; a change
shared by all (an area's name) makes them all again; and what comes from the cache equals what would be made."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from scripts import build, charts
from scripts import extracts
from scripts.context import Context
from scripts.model import build_model
from scripts.paths import ROOT
from sitebuild import run_cache
from scripts.validate import validate_datasets

CHANGED = "3b"  # an indicator with observations drawn in its chart

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


@pytest.fixture
def model():
    result = validate_datasets()
    assert result.problems == []
    return build_model(result.datasets)


@pytest.fixture
def cache(tmp_path):
    """An empty cache, except for rendered charts (the test process's, tests/sitebuild.py; keyed by their spec)."""
    (run_cache() / "charts").mkdir(parents=True, exist_ok=True)
    (tmp_path / "charts").symlink_to(run_cache() / "charts")
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
    written = counting(monkeypatch, extracts, "csv_bytes")
    second = build.indicator_extracts(model, cache)
    assert len(written) == 1 and set(written[0][0]["indicator_id"]) == {CHANGED}
    changed = f"data/chi-so/{CHANGED}.csv"
    assert second[changed] != first[changed]
    assert second[changed] == extracts.csv_bytes(extracts.indicator_rows(model, model.indicators[CHANGED]))
    assert {k: v for k, v in second.items() if k != changed} == {k: v for k, v in first.items() if k != changed}


def test_the_digest_of_rows_follows_values_and_order_not_index_labels(model):
    rows = model.observations_for(CHANGED)
    assert build.frame_digest(rows) == build.frame_digest(rows.set_axis(rows.index + 1000))  # a row added above
    assert build.frame_digest(rows) != build.frame_digest(rows.iloc[::-1])
    changed = rows.copy()
    changed.iloc[0, changed.columns.get_loc("value")] = changed["value"].iloc[0] + 1
    assert build.frame_digest(rows) != build.frame_digest(changed)


# --- the one cache (scripts/cache.py): keyed on the code automatically, bounded in size -----------------------------
def test_a_changed_writer_changes_the_code_digest(tmp_path):
    """Editing one line of a writer (here the XLSX writer, whose stale output the download cache once kept serving)
    gives another digest, without a version to bump."""
    from scripts import cache

    scripts = tmp_path / "scripts"
    shutil.copytree(ROOT / "scripts", scripts, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_digest(scripts)
    writer = scripts / "downloads.py"
    writer.write_text(writer.read_text(encoding="utf-8").replace("def xlsx_bytes(", "def xlsx_bytes_(", 1)
                      + "\nxlsx_bytes = xlsx_bytes_\n", encoding="utf-8")
    cache.code_digest.cache_clear()  # a new process: the digest is read once per process
    assert cache.code_digest(scripts) != before
    assert cache.code_digest(ROOT / "scripts") == cache.code_digest()  # the build's own code


def test_downloads_and_charts_are_made_again_when_the_code_changes(model, tmp_path, monkeypatch):
    """The same inputs under other code: every cached download (the Excel workbooks among them) and every chart is
    made again, none served from the cache."""
    from scripts import cache, downloads

    (tmp_path / "charts").mkdir()
    monkeypatch.setattr(model, "indicators", {CHANGED: model.indicators[CHANGED]})  # one chart: a fast test
    made = counting(monkeypatch, downloads, "xlsx_bytes")
    downloads._CACHE.clear()
    first = downloads.dataset_files(model.datasets["programme-targets"], CTX.site_url, tmp_path / "downloads")
    downloads._CACHE.clear()
    workbooks = len(made)
    assert workbooks == 4  # one per table of the dataset
    downloads.dataset_files(model.datasets["programme-targets"], CTX.site_url, tmp_path / "downloads")
    assert len(made) == workbooks  # the second time from the disk cache
    rendered = counting(monkeypatch, charts, "render_svg")
    build.chart_outputs(model, 1, tmp_path)
    assert rendered, "the charts were rendered into the empty cache"
    rendered.clear()
    build.chart_outputs(model, 1, tmp_path)
    assert rendered == []
    monkeypatch.setattr(cache, "code_digest", lambda scripts=None: "other code")
    downloads._CACHE.clear()
    again = downloads.dataset_files(model.datasets["programme-targets"], CTX.site_url, tmp_path / "downloads")
    assert len(made) == 2 * workbooks
    assert again == first  # the same bytes, made again
    build.chart_outputs(model, 1, tmp_path)
    assert len(rendered) == 4  # both languages, both layouts


def test_the_cache_is_pruned_to_its_limit_least_recently_used_first(tmp_path):
    from scripts import cache

    for age, name in enumerate(["newest", "used", "old", "oldest"]):
        path = tmp_path / "downloads" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x" * 100)
        os.utime(path, (1_000_000 - age * 1000, 1_000_000 - age * 1000))
    assert cache.cached("recipe", lambda: b"made", tmp_path / "downloads") == b"made"  # a new entry, used now
    os.utime(tmp_path / "downloads" / "used", (999_000, 999_000))
    assert cache.cached("recipe", lambda: b"never", tmp_path / "downloads") == b"made"  # a hit
    assert cache.prune(tmp_path, max_bytes=204) == 200
    assert sorted(p.name for p in (tmp_path / "downloads").iterdir()) == sorted(["newest", "used", cache.key("recipe")])
    assert cache.prune(tmp_path, max_bytes=10_000) == 0
