"""SYNTHETIC national-scale workload for benchmarks only. Never written under datasets/.

34 provinces and 3,321 communes (made-up names and codes), the real 35 sub-indicators with their real targets,
10 years, values by sex: about 2.3 million observation rows, every one of them random and marked synthetic.
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from scripts.paths import DATASETS

PROVINCES = 34
COMMUNES = 3321
YEARS = list(range(2016, 2026))
SEXES = ("female", "male")
MARK = "SYNTHETIC — dữ liệu giả lập cho benchmark, không phải số liệu thật"


def _write_csv(path: Path, df: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def _mark(descriptor: dict) -> dict:
    descriptor["title"] = f"{MARK}: {descriptor['title']}"
    descriptor["title_en"] = f"SYNTHETIC benchmark data, not real: {descriptor['title_en']}"
    descriptor["description"] = f"{MARK}. {descriptor['description']}"
    descriptor["description_en"] = f"SYNTHETIC benchmark data, not real. {descriptor['description_en']}"
    return descriptor


def areas(communes: int = COMMUNES) -> pd.DataFrame:
    rows = [{"code": "VN", "name_vi": "Quốc gia giả lập", "name_en": "Synthetic country", "level": "country",
             "parent_code": ""}]
    per = -(-communes // PROVINCES)
    n = 0
    # Province codes 56 and 58 are among them, because the real targets name those scopes.
    province_codes = [f"{p:02d}" for p in range(1, PROVINCES - 1)] + ["56", "58"]
    for p, pcode in enumerate(province_codes, 1):
        rows.append({"code": pcode, "name_vi": f"Tỉnh Giả Lập {p}", "name_en": f"Synthetic Province {p}",
                     "level": "province", "parent_code": "VN"})
        for c in range(per):
            if n == communes:
                break
            n += 1
            rows.append({"code": f"{90000 + n}", "name_vi": f"Xã Giả Lập {n}", "name_en": f"Synthetic Commune {n}",
                         "level": "commune", "parent_code": pcode})
    df = pd.DataFrame(rows)
    for col in ("valid_from", "valid_to", "valid_to_year", "successor_code", "successor_basis", "note_vi", "note_en"):
        df[col] = ""
    df["validity"] = "valid"
    df["source_vi"] = "GIẢ LẬP"
    df["source_en"] = "SYNTHETIC"
    return df[["code", "name_vi", "name_en", "level", "parent_code", "valid_from", "valid_to", "valid_to_year", "validity",
               "successor_code", "successor_basis", "source_vi", "source_en", "note_vi", "note_en"]]


def observations(units: pd.DataFrame, indicators: pd.DataFrame, seed: int = 23) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    codes = units.loc[units["level"].isin(["province", "commune"]), "code"].to_numpy()
    names = dict(zip(units["code"], units["name_vi"]))
    parts = []
    bounds = {"percent": (0, 100), "per-1000-live-births": (0, 60), "per-100000-children": (0, 900),
              "percent-per-year": (-5, 5), "percent-of-age-group": (0, 120)}
    for ind in indicators.itertuples():
        lo, hi = bounds.get(ind.unit, (0, 100))
        n = len(codes) * len(YEARS) * len(SEXES)
        area = np.repeat(codes, len(YEARS) * len(SEXES))
        year = np.tile(np.repeat(YEARS, len(SEXES)), len(codes))
        sex = np.tile(SEXES, len(codes) * len(YEARS))
        value = np.round(rng.uniform(lo + (hi - lo) * 0.1, hi - (hi - lo) * 0.1, n), 1)
        parts.append(pd.DataFrame({"measure": f"m{ind.indicator_id}", "indicator_id": ind.indicator_id,
                                   "area_code": area, "year": year, "sex": sex, "value": value, "unit": ind.unit}))
    df = pd.concat(parts, ignore_index=True)
    df.insert(3, "area_name", df["area_code"].map(names))
    df["value_status"] = "reported"
    df["series"] = "official-report"
    for column in ("qualifier", "doubt_reason", "quote", "quote_lang"):
        df[column] = ""
    df["provisional"] = "false"
    df["conflict"] = "false"
    df["source_id"] = "synthetic"
    df["note_vi"] = "GIẢ LẬP"
    df["note_en"] = "SYNTHETIC"
    order = ["measure", "indicator_id", "area_code", "area_name", "year", "sex", "value", "qualifier", "value_status",
             "unit", "series", "provisional", "conflict", "doubt_reason", "source_id", "quote", "quote_lang", "note_vi",
             "note_en"]
    return df[order]


def make_national_project(dest: Path, communes: int = COMMUNES) -> Path:
    """A project root (the site's hand-written sources and SYNTHETIC national-scale datasets) at dest."""
    from scripts.project import copy_site_sources

    copy_site_sources(dest)
    ds = dest / "datasets"
    for name in ("programme-targets", "documents", "child-protection-channels"):
        shutil.copytree(DATASETS / name, ds / name)
    indicators = pd.read_csv(DATASETS / "programme-targets/data/indicators.csv", dtype=str, keep_default_na=False)
    units = areas(communes)
    shutil.copytree(DATASETS / "admin-units", ds / "admin-units")
    _write_csv(ds / "admin-units/data/admin-units.csv", units)
    obs = observations(units, indicators)
    shutil.copytree(DATASETS / "observations", ds / "observations")
    _write_csv(ds / "observations/data/observations.csv", obs)
    measures = pd.DataFrame({"measure": "m" + indicators["indicator_id"], "indicator_id": indicators["indicator_id"],
                             "relation": "same", "name_vi": indicators["name_vi"], "name_en": indicators["name_en"],
                             "unit": indicators["unit"], "definition_note_vi": "GIẢ LẬP",
                             "definition_note_en": "SYNTHETIC", "sdg_series": "", "sdg_series_source": "",
                             "unicef_indicator": "", "unicef_indicator_source": ""})
    _write_csv(ds / "observations/data/measures.csv", measures)
    _write_csv(ds / "observations/data/sources.csv", pd.DataFrame([{
        "source_id": "synthetic", "publisher_vi": "Giả lập", "publisher_en": "Synthetic", "title_vi": MARK,
        "title_en": "SYNTHETIC benchmark data, not real", "url": "https://example.org/synthetic", "trust": "official",
        "note_vi": "", "note_en": ""}]))
    for name in ("admin-units", "observations"):
        path = ds / name / "datapackage.json"
        d = _mark(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return dest
