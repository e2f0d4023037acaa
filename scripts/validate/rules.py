"""The project's own rules on table contents. One function, one rule; each returns a list of Problems.

Rules receive a Table (one resource, read as strings) and the whole catalogue (for cross-dataset references).
They are vectorised with pandas so a million-row file costs about as much as reading it once; what they compute
from each cell alone (a number, a blank) is computed once per distinct value (by_value).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import numpy as np
import pandas as pd

from scripts.fmt import fold
from scripts.problems import Problem, as_is, details, shown
from scripts.validate.text import column_problems

COUNT_UNITS = {"children", "cases"}
UNIT_BOUNDS = {  # unit: (minimum, maximum); None = unbounded
    "percent": (0, 100), "percent-of-age-group": (0, None), "per-1000-live-births": (0, 1000),
    "per-100000-children": (0, 100000), "children": (0, None), "cases": (0, None), "percent-per-year": (-100, 100),
}
# Attributes of an observation (not part of what identifies it).
OBS_ATTRIBUTES = {"value", "value_status", "unit", "note", "note_vi", "note_en", "conflict", "area_name", "source_status",
                  "indicator_id", "qualifier", "provisional", "doubt_reason", "quote", "quote_lang"}
OBS_MEASURE = {"measure", "indicator_id"}


def by_value(series: pd.Series, compute: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """compute(series) for a computation made cell by cell, made once per distinct value and spread back to every
    row: the same values and dtype (pandas infers a number column's dtype from the set of its values), at the cost
    of the distinct values — codes, units, years and values repeat across a million rows."""
    codes, distinct = pd.factorize(series, use_na_sentinel=False)
    result = compute(pd.Series(np.asarray(distinct, dtype=object)))
    return pd.Series(np.asarray(result)[codes], index=series.index, name=series.name)


def numbers(series: pd.Series) -> pd.Series:
    """pd.to_numeric(series, errors="coerce"), once per distinct value."""
    return by_value(series, lambda s: pd.to_numeric(s, errors="coerce"))


@dataclass
class Table:
    dataset: str
    resource: str
    df: pd.DataFrame
    fields: list[dict]
    schema: dict = field(default_factory=dict)

    def columns(self, *names: str) -> bool:
        return all(n in self.df.columns for n in names)

    def field_type(self, name: str) -> str:
        for f in self.fields:
            if f.get("name") == name:
                return f.get("type", "string")
        return "string"

    def problem(self, index, column: str, code: str, detail: str = "", detail_en: str | None = None) -> Problem:
        return Problem(self.dataset, resource=self.resource, row=int(index) + 2, field=column, code=code, detail=detail,
                       detail_en=detail_en)

    def is_observations(self) -> bool:
        return self.columns("area_code", "year", "value") and bool(OBS_MEASURE & set(self.df.columns))


@dataclass
class Context:
    catalog: dict  # dataset name -> {resource name -> Table}
    min_count: int = 5
    today: date = field(default_factory=date.today)


# --- privacy ------------------------------------------------------------------------------------------------------
_PERSONAL_EXACT = {"name", "ten", "ho", "lop", "class", "truong", "school", "anh", "photo", "image", "email", "dob", "sdt",
                   "phone", "address", "dia_chi", "cccd", "cmnd"}
_PERSONAL_PART = re.compile(
    r"(^|_)(ho_?ten|ho_va_ten|ten_(tre|em|hoc_sinh|chau|nguoi)|(full|first|last|given|family|child|student|kid)_?name|"
    r"ngay_?sinh|ngay_thang_nam_sinh|nam_sinh|birth_?(date|day)|date_of_birth|dia_chi|address|so_dien_thoai|dien_thoai|phone|"
    r"telephone|mobile|cccd|cmnd|can_cuoc|dinh_danh|identity|id_number|national_id|passport|ma_hoc_sinh|student_id|"
    r"ten_truong|truong_hoc|school_name|lop_hoc|class_name|hinh_anh|anh_the|photo|portrait|email)($|_)")


def personal_column(name: str) -> bool:
    n = re.sub(r"[^a-z0-9]+", "_", fold(name).lower()).strip("_")
    return n in _PERSONAL_EXACT or bool(_PERSONAL_PART.search(n))


def rule_personal_columns(t: Table, ctx: Context) -> list[Problem]:
    return [Problem(t.dataset, resource=t.resource, field=c, code="personal-data-column",
                    **details(f"cột '{c}'", f"column '{c}'"))
            for c in t.df.columns if personal_column(str(c))]


def rule_small_counts(t: Table, ctx: Context) -> list[Problem]:
    if not t.columns("value", "unit"):
        return []
    values = numbers(t.df["value"])
    suppressed = t.df["value_status"].eq("suppressed") if "value_status" in t.df else False
    bad = t.df["unit"].isin(COUNT_UNITS) & (values > 0) & (values < ctx.min_count) & ~suppressed
    return [t.problem(i, "value", "small-count", **as_is(f"{t.df.at[i, 'value']} < {ctx.min_count}")) for i in t.df.index[bad]]


def rule_suppressed_cells(t: Table, ctx: Context) -> list[Problem]:
    if not t.columns("value", "value_status"):
        return []
    status, value = t.df["value_status"], t.df["value"]
    out = [t.problem(i, "value", "suppressed-value-present", **as_is(f"'{value[i]}'"))
           for i in t.df.index[status.eq("suppressed") & value.ne("")]]
    out += [t.problem(i, "value", "value-missing", **as_is("value_status = reported"))
            for i in t.df.index[status.eq("reported") & value.eq("")]]
    return out


# --- values -------------------------------------------------------------------------------------------------------
_NONFINITE_WORDS = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}


def rule_plausible_values(t: Table, ctx: Context) -> list[Problem]:
    if not t.columns("value", "unit"):
        return []
    raw = t.df["value"]
    # frictionless lets NaN and Infinity through, and a number too large for a float (1e400) becomes infinite:
    # each is reported once here, then left out of the bounds below. Other non-numeric text is its type-error.
    words = by_value(raw, lambda s: s.astype(str).str.strip().str.lower().isin(_NONFINITE_WORDS))
    with np.errstate(all="ignore"):
        values = numbers(raw.where(~words, "nan"))
    nonfinite = words | np.isinf(values.to_numpy(dtype=float, na_value=np.nan))
    out = [t.problem(i, "value", "value-implausible", **as_is(f"'{raw[i]}'")) for i in t.df.index[nonfinite]]
    values = values.where(~nonfinite)
    for unit, (lo, hi) in UNIT_BOUNDS.items():
        sel = t.df["unit"].eq(unit)
        if not sel.any():
            continue
        v = values[sel]
        bad = (v < lo) if lo is not None else pd.Series(False, index=v.index)
        if hi is not None:
            bad = bad | (v > hi)
        out += [t.problem(i, "value", "value-implausible",
                              **as_is(f"{raw[i]} ({unit}: {lo}–{hi if hi is not None else '∞'})"))
                for i in v.index[bad.fillna(False)]]
    return out


def rule_year_not_future(t: Table, ctx: Context) -> list[Problem]:
    if not t.is_observations():
        return []
    years = numbers(t.df["year"])
    return [t.problem(i, "year", "year-in-future", **as_is(f"{t.df.at[i, 'year']} > {ctx.today.year}"))
            for i in t.df.index[years > ctx.today.year]]


def _identity(t: Table) -> list[str]:
    return [c for c in t.df.columns if c not in OBS_ATTRIBUTES or (c == "indicator_id" and "measure" not in t.df)]


def rule_no_duplicate_observations(t: Table, ctx: Context) -> list[Problem]:
    if not t.is_observations():
        return []
    key = _identity(t)
    dup = t.df.duplicated(subset=key, keep="first")
    return [t.problem(i, "", "duplicate-observation",
                      **as_is(", ".join(f"{k}={t.df.at[i, k]}" for k in key if k not in ("source_url", "source_id"))))
            for i in t.df.index[dup]]


def rule_conflicts_flagged(t: Table, ctx: Context) -> list[Problem]:
    if not (t.is_observations() and "conflict" in t.df):
        return []
    group = [c for c in _identity(t) if c not in ("series", "source_url", "source_id")]
    df = t.df[t.df["value"].ne("")]
    values = numbers(df["value"])
    distinct = values.groupby([df[g] for g in group], sort=False).transform("nunique")  # vectorised, no lambda
    bad = distinct.gt(1) & df["conflict"].str.lower().ne("true")
    return [t.problem(i, "conflict", "conflict-not-flagged", **as_is(", ".join(str(df.at[i, g]) for g in group)))
            for i in df.index[bad]]


def rule_area_valid_for_year(t: Table, ctx: Context) -> list[Problem]:
    units = ctx.catalog.get("admin-units", {}).get("admin-units")
    if not (t.is_observations() and units is not None and units.columns("code", "valid_from", "valid_to")):
        return []
    u = units.df
    start = pd.to_numeric(u["valid_from"].str[:4], errors="coerce").fillna(-np.inf)
    end = pd.to_numeric(u["valid_to"].str[:4], errors="coerce").fillna(np.inf)
    spans = pd.DataFrame({"area_code": u["code"], "start": start, "end": end})
    # Whether a row's area is known and valid in its year depends on its (area_code, year) only: decided once for
    # each distinct pair, then spread back to the rows.
    areas, area_values = pd.factorize(t.df["area_code"], use_na_sentinel=False)
    years, year_values = pd.factorize(t.df["year"], use_na_sentinel=False)
    pair, row_pair = np.unique(areas.astype(np.int64) * len(year_values) + years, return_inverse=True)
    area_values, year_values = np.asarray(area_values, dtype=object), np.asarray(year_values, dtype=object)
    obs = pd.DataFrame({"area_code": area_values[pair // len(year_values)],
                        "year": numbers(pd.Series(year_values))[pair % len(year_values)].to_numpy(),
                        "pair": np.arange(len(pair))})
    merged = obs.merge(spans, on="area_code", how="inner")
    merged["ok"] = (merged["year"] >= merged["start"]) & (merged["year"] <= merged["end"])
    known = np.zeros(len(pair), dtype=bool)
    known[merged["pair"].to_numpy()] = True
    valid = np.zeros(len(pair), dtype=bool)
    valid[merged.loc[merged["ok"], "pair"].to_numpy()] = True
    out = []
    for i in sorted(t.df.index[(known & ~valid)[row_pair]]):
        code = t.df.at[i, "area_code"]
        out.append(t.problem(i, "area_code", "area-not-valid-for-year",
                             **details(f"{code} năm {t.df.at[i, 'year']}", f"{code} in {t.df.at[i, 'year']}")))
    return out


def _reference(fk) -> tuple[str, str, str, str] | dict[str, str]:
    """(column, package, resource, referenced column) of one external foreign key, or why it cannot be read (in both
    languages, as Problem's keywords)."""
    if not isinstance(fk, dict):
        return details(f"mỗi khóa phải là một đối tượng {{fields, reference}}, không phải {shown(fk, 60)}",
                       f"each key must be an object {{fields, reference}}, not {shown(fk, 60)}")
    fields, ref = fk.get("fields"), fk.get("reference")
    ref_fields = ref.get("fields") if isinstance(ref, dict) else None
    single = [f for f in (fields, ref_fields) if isinstance(f, list) and len(f) == 1 and isinstance(f[0], str)]
    if len(single) < 2 or not all(isinstance(ref.get(k), str) for k in ("package", "resource")):
        return details(f"cần fields: [một cột] và reference: {{package, resource, fields: [một cột]}}; đang là {shown(fk, 100)}",
                       f"needs fields: [one column] and reference: {{package, resource, fields: [one column]}}; it is "
                       f"{shown(fk, 100)}")
    return fields[0], ref["package"], ref["resource"], ref_fields[0]


def rule_external_foreign_keys(t: Table, ctx: Context) -> list[Problem]:
    out = []
    fks = t.schema.get("externalForeignKeys") or []
    for fk in fks if isinstance(fks, list) else [fks]:
        ref = _reference(fk)
        where = dict(resource=t.resource, field="externalForeignKeys")
        if isinstance(ref, dict):
            out.append(Problem(t.dataset, **where, code="foreign-key-external", **ref))
            continue
        column, package, resource, ref_col = ref
        arrow = f"{column} → {package}/{resource}.{ref_col}"
        if package not in ctx.catalog:
            out.append(Problem(t.dataset, **where, code="dataset-absent",
                               **details(f"{arrow}: bộ dữ liệu {package} không nằm cạnh bộ {t.dataset}",
                                         f"{arrow}: dataset {package} is not beside dataset {t.dataset}")))
            continue
        target = ctx.catalog[package].get(resource)
        if target is None:
            out.append(Problem(t.dataset, **where, code="foreign-key-external",
                               **details(f"{arrow}: bộ dữ liệu {package} không có bảng {resource} đọc được",
                                         f"{arrow}: dataset {package} has no readable table {resource}")))
            continue
        if column not in t.df or ref_col not in target.df:
            continue
        allow = fk.get("allow") if isinstance(fk.get("allow"), list) else []
        allowed = set(target.df[ref_col]) | {a for a in allow if isinstance(a, str)} | {""}
        bad = ~t.df[column].isin(allowed)
        out += [t.problem(i, column, "foreign-key-external",
                          **details(f"'{t.df.at[i, column]}' không có trong {package}/{resource}.{ref_col}",
                                    f"'{t.df.at[i, column]}' is not in {package}/{resource}.{ref_col}"))
                for i in t.df.index[bad]]
    return out


TEXT_TYPES = {"string", "any"}  # types whose cells frictionless accepts as any text


def rule_text_cells(t: Table, ctx: Context) -> list[Problem]:
    out = []
    for f in t.fields:
        name, constraints = f.get("name"), f.get("constraints")
        if not isinstance(name, str) or name not in t.df or str(f.get("type", "string")) not in TEXT_TYPES:
            continue
        enum = isinstance(constraints, dict) and "enum" in constraints
        out += [t.problem(i, name, code, **detail) for i, code, detail in column_problems(t.df[name], formula=not enum)]
        if f.get("format") == "uri":
            col = t.df[name]
            distinct = pd.Series(col[col.ne("")].unique(), dtype=object)  # addresses repeat: test each once
            wrong = set(distinct[~distinct.str.fullmatch(r"https?://[^\s]+").astype(bool)])
            if wrong:
                out += [t.problem(i, name, "url-invalid", **as_is(col[i][:80])) for i in t.df.index[col.isin(wrong)]]
    return out


def rule_targets_follow_direction(t: Table, ctx: Context) -> list[Problem]:
    if not t.columns("indicator_id", "scope", "year", "comparison", "value"):
        return []
    indicators = ctx.catalog.get(t.dataset, {}).get("indicators")
    if indicators is None or not indicators.columns("indicator_id", "direction"):
        return []
    direction = dict(zip(indicators.df["indicator_id"], indicators.df["direction"]))
    allowed = {"decrease": {"<", "<=", "="}, "increase": {">", ">=", "="}}
    out = []
    for i, row in t.df.iterrows():
        d = direction.get(row["indicator_id"])
        if d in allowed and row["comparison"] not in allowed[d]:
            out.append(t.problem(i, "comparison", "target-direction-mismatch",
                                 **details(f"chỉ tiêu {row['indicator_id']} ({d}) với '{row['comparison']}'",
                                           f"indicator {row['indicator_id']} ({d}) with '{row['comparison']}'")))
    values = numbers(t.df["value"])
    frame = t.df.assign(_v=values, _y=numbers(t.df["year"]))
    for (ind, scope), g in frame.groupby(["indicator_id", "scope"], sort=False):
        g = g.sort_values("_y")
        d = direction.get(ind)
        steps = g["_v"].diff()
        bad = (steps > 0) if d == "decrease" else (steps < 0) if d == "increase" else steps.isna() & False
        for i in g.index[bad.fillna(False)]:
            out.append(t.problem(i, "value", "target-direction-mismatch", **details(
                f"chỉ tiêu {ind} ({d}), phạm vi {scope}: mục tiêu năm {g.at[i, 'year']} là {g.at[i, 'value']}",
                f"indicator {ind} ({d}), scope {scope}: the target for {g.at[i, 'year']} is {g.at[i, 'value']}")))
    return out


RULES: list[Callable[[Table, Context], list[Problem]]] = [
    rule_personal_columns, rule_small_counts, rule_suppressed_cells, rule_plausible_values, rule_year_not_future,
    rule_no_duplicate_observations, rule_conflicts_flagged, rule_area_valid_for_year, rule_external_foreign_keys,
    rule_text_cells, rule_targets_follow_direction,
]
