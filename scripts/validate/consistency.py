"""Rules that keep doubts, translations, sources and validity consistent row by row (issue 13).

A page may only say what its rows say, so each row must say it completely: a doubtful row its reason, a conflict
with what it conflicts, a qualifier the source's own words, a text in both languages, a unit that ended that it
ended. One function, one rule; each returns a list of Problems.
"""
from __future__ import annotations

import re

import pandas as pd

from scripts.language import guess
from scripts.problems import Problem, as_is
from scripts.validate.rules import Context, Table, by_value


def _blank(column: pd.Series) -> pd.Series:
    return by_value(column, lambda s: s.astype(str).str.strip().eq(""))


def rule_doubt_has_reason(t: Table, ctx: Context) -> list[Problem]:
    """verification = doubtful needs a doubt_reason; a doubt_reason needs verification = doubtful. The same for the
    wording_ pair."""
    out = []
    for prefix in ("", "wording_"):
        ver, why = f"{prefix}verification", f"{prefix}doubt_reason"
        if not t.columns(ver, why):
            continue
        doubtful = t.df[ver].eq("doubtful")
        missing = doubtful & _blank(t.df[why])
        stray = ~doubtful & ~_blank(t.df[why])
        out += [t.problem(i, why, "doubt-reason-missing", **as_is(f"{ver} = doubtful")) for i in t.df.index[missing]]
        out += [t.problem(i, why, "doubt-reason-unexpected", **as_is(f"{ver} = {t.df.at[i, ver]}"))
                for i in t.df.index[stray]]
    return out


def rule_conflict_explained(t: Table, ctx: Context) -> list[Problem]:
    if not t.columns("conflict", "note_vi"):
        return []
    bad = t.df["conflict"].str.lower().eq("true") & _blank(t.df["note_vi"])
    return [t.problem(i, "note_vi", "conflict-note-missing", **as_is("conflict = true")) for i in t.df.index[bad]]


def rule_qualifier_quoted(t: Table, ctx: Context) -> list[Problem]:
    out = []
    if t.columns("qualifier", "quote"):
        bad = ~_blank(t.df["qualifier"]) & _blank(t.df["quote"])
        out += [t.problem(i, "quote", "qualifier-quote-missing", **as_is(f"qualifier = {t.df.at[i, 'qualifier']}"))
                for i in t.df.index[bad]]
    if t.columns("quote", "quote_lang"):
        bad = ~_blank(t.df["quote"]) & _blank(t.df["quote_lang"])
        out += [t.problem(i, "quote_lang", "quote-lang-missing", "") for i in t.df.index[bad]]
    return out


def _pairs(t: Table) -> list[tuple[str, str]]:
    """(vi column, en column) for every text column that exists in both languages."""
    columns = set(t.df.columns)
    return [(c, c[:-3] + "_en") for c in t.df.columns if c.endswith("_vi") and c[:-3] + "_en" in columns]


def rule_translations_paired(t: Table, ctx: Context) -> list[Problem]:
    """A text in one language needs its twin in the other, in the same row."""
    out = []
    for vi, en in _pairs(t):
        only_vi = ~_blank(t.df[vi]) & _blank(t.df[en])
        only_en = _blank(t.df[vi]) & ~_blank(t.df[en])
        out += [t.problem(i, en, "text-translation-missing", f"{vi} có, {en} trống", f"{vi} given, {en} empty")
                for i in t.df.index[only_vi]]
        out += [t.problem(i, vi, "text-translation-missing", f"{en} có, {vi} trống", f"{en} given, {vi} empty")
                for i in t.df.index[only_en]]
    return out


# Notes and descriptions are running prose; names and titles may be proper nouns in either language.
_PROSE = re.compile(r"(^|_)(note|definition_note|hours|cost|operator|legal_basis)_(vi|en)$")


def rule_text_language(t: Table, ctx: Context) -> list[Problem]:
    """A _vi note in English, or an _en note in Vietnamese (outside quotation marks), is a translation left out."""
    out = []
    for column in t.df.columns:
        m = _PROSE.search(column)
        if not m:
            continue
        want = m.group(3)
        values = t.df[column]
        distinct = {v for v in values.unique() if isinstance(v, str) and v.strip()}
        wrong = {v for v in distinct if guess(v) not in ("", want)}
        out += [t.problem(i, column, "text-wrong-language", **as_is(values[i][:60]))
                for i in t.df.index[values.isin(wrong)]]
    return out


def _names_pattern(names) -> re.Pattern:
    """A column name as a word of its own: not part of a longer name, a path or an address (data/x_y.csv)."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w/.-])(" + alternatives + r")(?![\w/-]|\.\w)")


def rule_no_column_names_in_text(t: Table, ctx: Context) -> list[Problem]:
    """Readers never meet internal names: a text column may not name a column of its own table (name_vi …)."""
    names = [n for n in t.df.columns if "_" in n]
    if not names:
        return []
    pattern = _names_pattern(names)
    out = []
    for vi, en in _pairs(t):
        for column in (vi, en):
            values = t.df[column]
            distinct = {v for v in values.unique() if isinstance(v, str) and v}
            bad = {v for v in distinct if pattern.search(v)}
            out += [t.problem(i, column, "column-name-in-text", **as_is(pattern.search(values[i]).group(1)))
                    for i in t.df.index[values.isin(bad)]]
    return out


def rule_sources_known(t: Table, ctx: Context) -> list[Problem]:
    """Every id in corroborated_by names a row of the same dataset's sources table."""
    sources = ctx.catalog.get(t.dataset, {}).get("sources")
    if not t.columns("corroborated_by") or sources is None or not sources.columns("source_id"):
        return []
    known = set(sources.df["source_id"])
    out = []
    for i, value in t.df["corroborated_by"].items():
        out += [t.problem(i, "corroborated_by", "source-unknown", **as_is(sid))
                for sid in str(value).split() if sid not in known]
    return out


def rule_area_validity(t: Table, ctx: Context) -> list[Problem]:
    """A valid unit has no end date; an ended one without a date says why in its note."""
    if not t.columns("validity", "valid_to"):
        return []
    valid = t.df["validity"].eq("valid")
    out = [t.problem(i, "validity", "area-validity-inconsistent", **as_is(f"valid_to = {t.df.at[i, 'valid_to']}"))
           for i in t.df.index[valid & ~_blank(t.df["valid_to"])]]
    if "note_vi" in t.df:
        unexplained = t.df["validity"].eq("ended") & _blank(t.df["valid_to"]) & _blank(t.df["note_vi"])
        out += [t.problem(i, "note_vi", "area-validity-inconsistent", "validity = ended, valid_to trống",
                         "validity = ended, valid_to empty")
                for i in t.df.index[unexplained]]
    return out


def descriptor_problems(dataset: str, descriptor: dict) -> list[Problem]:
    """The package's title, description and changelog are public text: they may not name its columns or tables."""
    names = set()
    for r in descriptor.get("resources") if isinstance(descriptor.get("resources"), list) else []:
        schema = r.get("schema") if isinstance(r, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for f in fields if isinstance(fields, list) else []:
            name = f.get("name") if isinstance(f, dict) else None
            if isinstance(name, str) and "_" in name:
                names.add(name)
    if not names:
        return []
    pattern = _names_pattern(names)
    texts = [(key, descriptor.get(key)) for key in ("title", "title_en", "description", "description_en")]
    changes = descriptor.get("changelog") if isinstance(descriptor.get("changelog"), list) else []
    texts += [(f"changelog[{i}].{key}", c.get(key)) for i, c in enumerate(changes) if isinstance(c, dict)
              for key in ("description", "description_en", "withdrawn", "withdrawn_en")]
    return [Problem(dataset, resource="datapackage.json", field=key, code="column-name-in-text", **as_is(m.group(1)))
            for key, text in texts if isinstance(text, str) for m in [pattern.search(text)] if m]


RULES = [rule_doubt_has_reason, rule_conflict_explained, rule_qualifier_quoted, rule_translations_paired,
         rule_text_language, rule_no_column_names_in_text, rule_sources_known, rule_area_validity]
