"""Validation problems of the SDMX output (issue 21), found before anything is written:

- sdmx-code-not-in-list: a value that becomes an SDMX code has none in its code list (a sex, unit, series, qualifier,
  reason for doubt or trust the SDMX code lists do not have, e.g. after a schema's list of values was extended), or
  cannot be an SDMX code at all (an area, indicator, measure or source id with a space, a dot …);
- global-code-without-source: a measure's SDG series or UNICEF indicator code without the metadata page it comes from;
- global-code-multiple: one measure mapped to two global series (two codes in one cell).

Rules take a validator Table and Context (scripts/validate/rules.py) and return Problems; they are run with the
validator's other rules (scripts/validate/__init__.py).
"""
from __future__ import annotations

import re

import pandas as pd

from scripts.problems import Problem, as_is, details
from scripts.sdmx import codes

# Columns of an observations table whose values are SDMX codes as they are (their code lists come from the datasets).
ID_COLUMNS = ("area_code", "indicator_id", "measure", "source_id")
FIXED_COLUMNS = ("sex", "unit", "series", "qualifier", "doubt_reason")
_SEPARATOR = re.compile(r"[\s,;/|]+")
NOT_AN_ID = "không dùng được làm mã SDMX (chỉ chữ, số, _ @ $ -)"
NOT_AN_ID_EN = "cannot be an SDMX code (letters, digits, _ @ $ - only)"


def _not_in_list(t, column: str, allowed, what: str, what_en: str) -> list[Problem]:
    values = t.df[column]
    distinct = pd.Series(values[values.ne("")].unique(), dtype=object)
    wrong = set(distinct[~distinct.map(allowed)])
    if not wrong:
        return []
    return [t.problem(i, column, "sdmx-code-not-in-list", **details(f"'{values[i]}' — {what}", f"'{values[i]}' — {what_en}"))
            for i in t.df.index[values.isin(wrong)]]


def rule_sdmx_codes(t, ctx) -> list[Problem]:
    """Every value of an observations table that becomes an SDMX code has one in its code list."""
    out: list[Problem] = []
    if t.is_observations():
        for column in ID_COLUMNS:
            if column in t.df:
                out += _not_in_list(t, column, lambda v: bool(codes.SDMX_ID.match(v)),
                                    NOT_AN_ID, NOT_AN_ID_EN)
        for column in FIXED_COLUMNS:
            if column in t.df:
                listed = codes.FIXED[column]
                out += _not_in_list(t, column, lambda v, c=column: codes.fixed_code(c, v) is not None,
                                    f"không có trong danh mục {listed.id}", f"not in the code list {listed.id}")
    if t.columns("source_id", "trust") and not t.is_observations():
        out += _not_in_list(t, "trust", lambda v: codes.fixed_code("trust", v) is not None,
                            f"không có trong danh mục {codes.FIXED['trust'].id}",
                            f"not in the code list {codes.FIXED['trust'].id}")
    return out


def rule_global_codes(t, ctx) -> list[Problem]:
    """A measure's global code: one code, valid as an SDMX code, with the metadata page it comes from."""
    if not t.columns("measure", "relation"):
        return []
    out: list[Problem] = []
    for column, (source, _) in codes.GLOBAL_CODES.items():
        if column not in t.df:
            continue
        cells = t.df[column].str.strip()
        for i in t.df.index[cells.ne("")]:
            found = [c for c in _SEPARATOR.split(cells[i]) if c]
            if len(found) > 1:
                out.append(t.problem(i, column, "global-code-multiple",
                                     **as_is(f"{t.df.at[i, 'measure']}: {', '.join(found)}")))
            elif not codes.SDMX_ID.match(found[0]):
                out.append(t.problem(i, column, "sdmx-code-not-in-list",
                                     **details(f"'{cells[i]}' — {NOT_AN_ID}", f"'{cells[i]}' — {NOT_AN_ID_EN}")))
            if source not in t.df or not t.df.at[i, source].strip():
                out.append(t.problem(i, source, "global-code-without-source",
                                     **as_is(f"{t.df.at[i, 'measure']}: {cells[i]}")))
    return out


RULES = [rule_sdmx_codes, rule_global_codes]
