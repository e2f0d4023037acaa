"""The theme behind its adapter (scripts/theme/): each step over the built site acts or fails the build, never
quietly does nothing; an engine or theme the project does not know is refused by name."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import engine, theme
from scripts.theme import ThemeStepFailed
from scripts.theme import material

CONFIG = engine.read_config(Path(__file__).resolve().parent.parent / "mkdocs.yml")


def names(config: dict) -> list[str]:
    return [step.name for step in theme.steps_for(config)]


def test_the_project_runs_every_material_step_in_order():
    assert CONFIG["theme"]["name"] == "material"
    assert names(CONFIG) == ["overrides", "search_index", "theme_script", "stylesheet"]


def test_a_step_is_left_out_only_when_the_configuration_turns_it_off():
    config = {**CONFIG, "extra": {"theme_steps": {"stylesheet": False, "search_index": True}}}
    assert names(config) == ["overrides", "search_index", "theme_script"]


def test_an_unknown_step_name_is_refused():
    with pytest.raises(ThemeStepFailed, match="unknown step.*search_idx"):
        theme.steps_for({**CONFIG, "extra": {"theme_steps": {"search_idx": False}}})


def test_a_theme_without_an_adapter_fails_unless_every_step_is_off():
    other = {"theme": {"name": "readthedocs"}}
    with pytest.raises(ThemeStepFailed, match="'readthedocs' has no adapter"):
        theme.steps_for(other)
    off = {step: False for step in ("overrides", "search_index", "theme_script", "stylesheet")}
    assert theme.steps_for({**other, "extra": {"theme_steps": off}}) == []


def test_the_languages_come_from_the_i18n_plugin_default_first():
    assert material.languages(CONFIG) == ("vi", "en")
    config = {"plugins": [{"i18n": {"languages": [{"locale": "en"}, {"locale": "vi", "default": True}]}}]}
    assert material.languages(config) == ("vi", "en")
    assert material.languages({"theme": {"language": "fr"}}) == ("fr",)


def test_a_site_without_a_search_index_fails_the_search_step(tmp_path):
    with pytest.raises(ThemeStepFailed, match="search_index: the engine wrote no search/search_index.json"):
        theme.after_engine(tmp_path, {**CONFIG, "extra": {"theme_steps": {"overrides": False}}})


def test_the_search_step_folds_vietnamese_and_splits_the_index_by_language(tmp_path):
    (tmp_path / "search").mkdir()
    docs = [{"location": "chi-so/3b/", "title": "Tỷ suất tử vong", "text": "trẻ em"},
            {"location": "en/chi-so/3b/", "title": "Infant mortality", "text": "Ninh Thuận"}]
    (tmp_path / "search/search_index.json").write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")
    assert material.search_index(tmp_path, CONFIG) == "2 entries, folded, 2 indexes"
    vi = json.loads((tmp_path / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    en = json.loads((tmp_path / "en/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in vi] == ["chi-so/3b/"] and [d["location"] for d in en] == ["en/chi-so/3b/"]
    assert vi[0]["text"] == "trẻ em <span hidden>Ty suat tre tu</span>"  
    assert en[0]["text"] == "Ninh Thuận <span hidden>Thuan</span>"


def test_a_page_that_does_not_load_theme_js_fails_the_step_and_is_named(tmp_path):
    (tmp_path / "a.html").write_text('<script src="assets/javascripts/theme.js"></script>', encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en/b.html").write_text("<p>no script</p>", encoding="utf-8")
    with pytest.raises(ThemeStepFailed, match=r"1 pages load .* \(first: en/b.html\)"):
        material.theme_script(tmp_path, CONFIG)


def test_a_material_bundle_that_no_longer_asks_for_the_index_fails_the_script_step(tmp_path):
    (tmp_path / "a.html").write_text('<script src="assets/javascripts/theme.js"></script>', encoding="utf-8")
    bundle = tmp_path / "assets/javascripts/bundle.0123abcd.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text('new Worker(u);fetch("search/index.json")', encoding="utf-8")
    with pytest.raises(ThemeStepFailed, match="no longer requests search_index.json"):
        material.theme_script(tmp_path, CONFIG)
    bundle.write_text('new Worker(u);fetch("search/search_index.json")', encoding="utf-8")
    assert material.theme_script(tmp_path, CONFIG) == "1 pages"


def test_a_site_without_materials_stylesheet_fails_the_stylesheet_step(tmp_path):
    with pytest.raises(ThemeStepFailed, match=r"stylesheet: no single assets/stylesheets/main\.\*\.min\.css"):
        material.trim_stylesheet(tmp_path, CONFIG)


def test_an_override_of_a_partial_material_no_longer_has_fails(tmp_path, monkeypatch):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials/search.html").write_text("x", encoding="utf-8")
    monkeypatch.setattr(material, "OVERRIDES", tmp_path)
    assert material.overrides(tmp_path, CONFIG) == "1 partials replaced"
    (tmp_path / "partials/gone-in-a-new-version.html").write_text("x", encoding="utf-8")
    with pytest.raises(ThemeStepFailed, match="Material has no partials/gone-in-a-new-version.html"):
        material.overrides(tmp_path, CONFIG)


def test_the_project_overrides_only_partials_material_has():
    assert material.overrides(Path("."), CONFIG) == "5 partials replaced"  # with partials/languages/vi.html


def test_an_unknown_engine_is_refused_by_name(monkeypatch):
    monkeypatch.delenv("SITE_ENGINE", raising=False)
    assert engine.chosen() == "mkdocs"
    assert engine.chosen("properdocs") == "properdocs"
    monkeypatch.setenv("SITE_ENGINE", "properdocs")
    assert engine.chosen() == "properdocs"
    monkeypatch.setenv("SITE_ENGINE", "zensical")
    with pytest.raises(engine.EngineFailed, match="unknown engine 'zensical'"):
        engine.chosen()
