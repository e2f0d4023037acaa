"""Releases on the site: the page of each release (its files with sha256 and what changed), the release list of a
dataset page, "What changed" on an indicator page, the page documenting changes.json, one Atom feed per indicator,
the change summaries of the site-wide feed, and the per-indicator change summary of the pull-request report.

Pure functions from the model and the History (scripts/releases.py) to text. Words are in scripts/i18n.py
(RELEASE_WORDS), numbers and dates go through scripts/fmt.py, values and targets through scripts/wording.py, so a
change reads the same on the site and in the pull-request report. Text from a dataset is escaped (fmt.esc_lang on
pages; a code span in the report).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from scripts import facts, fmt, releases, routes, wording
from scripts.fmt import esc
from scripts.i18n import DIRECTIONS, RELEASE_WORDS, SERIES, UNITS, VERIFICATION, label, t
from scripts.model import Model, Target
from scripts.releases import History, Release

MAX_ROWS = 100          # rows listed per table on a release page (every row is in changes.json)
MAX_LINES = 10          # revisions listed per release on an indicator page
SCHEMA_FILE = routes.CHANGES_SCHEMA
SCHEMA_PAGE = routes.CHANGES_SCHEMA_DOC


_ONE = re.compile(r"(?<![\d.,])1 (rows|values|columns|changes|metadata changes|targets)\b")


def w(lang: str, word: str, **kw) -> str:
    """A phrase of RELEASE_WORDS in the page's language; in English, '1 rows' is '1 row'."""
    text = RELEASE_WORDS[word][lang]
    text = text.format(**kw) if kw else text
    return _ONE.sub(lambda m: f"1 {m.group(1)[:-1]}", text) if lang == "en" else text


def n(value: int, lang: str) -> str:
    return fmt.number(int(value), lang)


def _title(d: dict, lang: str, fallback: str) -> str:
    return str(d.get("title_en" if lang == "en" else "title") or d.get("title") or fallback)


def dataset_title(model: Model, name: str, lang: str) -> str:
    return _title(model.datasets[name].descriptor, lang, name) if name in model.datasets else name


def code(text: object) -> str:
    from scripts.markdown import code as page_code

    return page_code(text)


# --- summaries ---------------------------------------------------------------------------------------------------
FIGURE = "value"  # the column of a value or a target whose change is a revised figure


def figures_split(c: dict, changed: list[dict] | None) -> dict:
    """The counts of a table of values or targets with its revised rows split: 'changed' those whose figure changed,
    'details' those where only other cells did (a note reworded, a source named): their figure was not revised."""
    if changed is None or len(changed) != c.get("changed", 0):
        return c  # the rows are not at hand: every one is counted as revised
    figures = sum(1 for row in changed if FIGURE in (row.get("changes") or {}))
    return {**c, "changed": figures, "details": len(changed) - figures}


def _counts_phrase(c: dict, noun: str, lang: str) -> list[str]:
    """'3 giá trị được sửa, 12 giá trị mới, 1 giá trị bị rút' / '3 values revised, 12 added, 1 withdrawn', then the
    values whose other cells only were revised (c['details'], see figures_split)."""
    parts = []
    for count, kind in ((c.get("changed", 0), "revised"), (c.get("added", 0), "added"),
                        (c.get("removed", 0), "withdrawn"), (c.get("details", 0), "details")):
        if count:
            short = lang == "en" and parts and kind in ("added", "withdrawn")
            parts.append(w(lang, f"{kind}_short" if short else f"{noun}_{kind}", n=n(count, lang)))
    return parts


def _described(r: dict) -> int:
    """Changes of a table's titles and descriptions (its own and its columns')."""
    s = r.get("schema") or {}
    return len(r.get("metadata") or []) + sum(1 for f in s.get("fields_changed", []) if f.get("documentation_only"))


def resource_phrase(r: dict, lang: str, described: bool = True) -> list[str]:
    """What changed in one table, in words (with the count of its descriptions that changed, unless told)."""
    if r["status"] == "added":
        return [w(lang, "table_added", rows=n(r["rows_after"], lang))]
    if r["status"] == "removed":
        return [w(lang, "table_removed", rows=n(r["rows_before"], lang))]
    c = r.get("counts") or {}
    if r.get("compared_by") == "key" and r.get("kind") == "observations":
        parts = _counts_phrase(figures_split(c, r.get("changed")), "values", lang)
    elif r.get("compared_by") == "key":
        parts = _counts_phrase(c, "rows", lang)
    else:
        parts = ([w(lang, "rows_only_new", n=n(c["added"], lang))] if c.get("added") else []) + \
                ([w(lang, "rows_only_old", n=n(c["removed"], lang))] if c.get("removed") else [])
    s = r.get("schema") or {}
    redefined = [f for f in s.get("fields_changed", []) if not f.get("documentation_only")]
    for items, key in ((s.get("fields_added"), "columns_added"), (s.get("fields_removed"), "columns_removed"),
                       (redefined, "columns_changed")):
        if items:
            parts.append(w(lang, key, n=n(len(items), lang)))
    if r.get("key_changed"):
        parts.append(w(lang, "key_changed_short"))
    if described and _described(r):
        parts.append(w(lang, "metadata_changed", n=n(_described(r), lang)))
    return parts


def summary(doc: dict | None, lang: str) -> str:
    """A release's change summary in one line: per table when the dataset has several."""
    if not doc:
        return w(lang, "no_previous")
    if doc["summary"]["first_release"]:
        return w(lang, "first_release", rows=n(sum(r["rows_after"] for r in doc["resources"]), lang))
    several = len(doc["resources"]) > 1
    parts = []
    for r in doc["resources"]:
        phrase = resource_phrase(r, lang, described=False)
        if phrase:
            title = r.get("title_en" if lang == "en" else "title") or r["name"]
            parts.append((f"{title}: " if several else "") + ", ".join(phrase))
    described = len(doc["metadata"]) + sum(_described(r) for r in doc["resources"] if r["status"] == "changed")
    if described:
        parts.append(w(lang, "metadata_changed", n=n(described, lang)))
    return "; ".join(parts) if parts else w(lang, "no_change")


# --- per indicator -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Revision:
    """One row of one release that belongs to an indicator: added, withdrawn or changed."""
    dataset: str
    version: str
    date: str
    resource: dict   # the table's entry in the changes document (without its rows)
    how: str         # 'added', 'removed' or 'changed' (for a table compared by whole rows: only in one release)
    row: dict        # {'key', 'values', 'changes'}


def _indicator_of(row: dict) -> str:
    return str((row.get("values") or {}).get("indicator_id") or (row.get("key") or {}).get("indicator_id") or "")


def revisions(history: History) -> dict[str, list[Revision]]:
    """Every revision of every indicator, newest release first: the rows of any table with an indicator_id column."""
    out: dict[str, list[Revision]] = {}
    docs = sorted(history.changes.values(), key=lambda d: (d["date"], releases.semver(d["version"]) or (0, 0, 0),
                                                           d["dataset"]), reverse=True)
    for doc in docs:
        if doc["summary"]["first_release"]:
            continue
        for r in doc["resources"]:
            head = {k: v for k, v in r.items() if k not in ("added", "removed", "changed")}
            for how in ("changed", "added", "removed"):
                for row in r.get(how) or []:
                    ind = _indicator_of(row)
                    if ind:
                        out.setdefault(ind, []).append(Revision(doc["dataset"], doc["version"], doc["date"], head,
                                                                how, row))
    return out


def indicator_revisions(model: Model, history: History) -> dict[str, list[Revision]]:
    if "release-revisions" not in model.memo:
        model.memo["release-revisions"] = revisions(history)
    return model.memo["release-revisions"]


@dataclass(frozen=True)
class Voice:
    """How data text is shown: on a page (escaped, marked with its language) or in a report (a code span)."""
    lang: str
    data: Callable[[str], str]
    name: Callable[[str], str]


def page_voice(lang: str) -> Voice:
    return Voice(lang, lambda s: fmt.esc_lang(s, lang), code)


def _num(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _value(text: str, unit: str, lang: str, qualifier: str = "") -> str:
    v = _num(text)
    return wording.number_with_unit(v, unit, lang, qualifier) if v is not None else w(lang, "blank")


def _where(model: Model, values: dict, voice: Voice) -> str:
    lang = voice.lang
    year = int(values["year"]) if str(values.get("year", "")).isdigit() else None
    parts = [voice.data(wording.place(model, values.get("area_code", ""), lang, year))]
    if values.get("series"):
        parts.append(voice.data(label(SERIES, values["series"], lang)))
    if values.get("sex") in ("female", "male"):
        parts.append(w(lang, values["sex"]))
    measures = model.measures
    if len(measures) and "measure" in values and (measures["indicator_id"] == values.get("indicator_id")).sum() > 1:
        names = dict(zip(measures["measure"], measures.get(f"name_{lang}", measures["measure"])))
        parts.append(voice.data(str(names.get(values["measure"], values["measure"]))))
    return ", ".join(parts)


def _plain(field: str, old: str, new: str, voice: Voice) -> str:
    lang = voice.lang
    show = lambda s: voice.data(s) if s != "" else w(lang, "blank")  # noqa: E731
    if field.endswith(("_vi", "_en")) or field in ("note", "quote", "name", "title"):
        return w(lang, "text_changed", field=voice.name(field))
    return f"{voice.name(field)}: {show(old)} → {show(new)}"


def _target(values: dict) -> Target | None:
    try:
        upper = values.get("value_upper", "")
        return Target(values.get("indicator_id", ""), values.get("scope", ""), int(values["year"]),
                      values.get("comparison", ""), float(values["value"]), float(upper) if upper else None,
                      values.get("status", ""), values.get("verification", ""), values.get("doubt_reason", ""),
                      values.get("document_id", ""), values.get("source_id", ""), (), "", "")
    except (KeyError, TypeError, ValueError):
        return None


def _old_values(row: dict) -> dict:
    return {**row["values"], **{c: v["old"] for c, v in (row.get("changes") or {}).items()}}


def revision_text(model: Model, rev: Revision, voice: Voice) -> str:
    """One revision in a sentence: '2023 value (Ninh Thuận, GSO) revised: 12.1‰ → 11.8‰'."""
    lang, values = voice.lang, rev.row["values"]
    changes = dict(_in_order(rev.row.get("changes") or {}, rev.resource.get("columns") or []))
    ind = model.indicators.get(_indicator_of(rev.row))
    if rev.resource.get("kind") == "observations":
        unit = values.get("unit") or (ind.unit if ind else "")
        where, year = _where(model, values, voice), values.get("year", "")
        if rev.how == "added":
            return w(lang, "value_added", year=year, where=where, new=_value(values.get("value"), unit, lang,
                                                                            values.get("qualifier", "")))
        if rev.how == "removed":
            return w(lang, "value_withdrawn", year=year, where=where, old=_value(values.get("value"), unit, lang,
                                                                                values.get("qualifier", "")))
        if "value" in changes:
            text = w(lang, "value_revised", year=year, where=where, old=_value(changes["value"]["old"], unit, lang),
                     new=_value(changes["value"]["new"], unit, lang))
            rest = [_plain(c, v["old"], v["new"], voice) for c, v in changes.items() if c != "value"]
            return text + (f"; {'; '.join(rest)}" if rest else "")
        return w(lang, "value_other", year=year, where=where,
                 changes="; ".join(_plain(c, v["old"], v["new"], voice) for c, v in changes.items()))
    if _target_row(values):
        unit = ind.unit if ind else ""
        now, before = _target(values), _target(_old_values(rev.row))
        name = voice.data(wording.target_label(model, now or before, lang, capital=True)) if (now or before) else ""
        show = lambda tg: wording.target_value_text(tg, unit, lang) if tg else w(lang, "blank")  # noqa: E731
        if rev.how == "added":
            return w(lang, "target_added", target=name, new=show(now))
        if rev.how == "removed":
            return w(lang, "target_withdrawn", target=name, old=show(now))
        parts = []
        if {"comparison", "value", "value_upper"} & set(changes):
            parts.append(w(lang, "target_revised", target=name, old=show(before), new=show(now)))
        words = {"verification": (w(lang, "verification_word"), VERIFICATION)}
        for c, v in changes.items():
            if c in ("comparison", "value", "value_upper"):
                continue
            if c in words:
                what, table = words[c]
                parts.append(f"{what}: {label(table, v['old'], lang)} → {label(table, v['new'], lang)}")
            else:
                parts.append(_plain(c, v["old"], v["new"], voice))
        if not {"comparison", "value", "value_upper"} & set(changes):
            return w(lang, "target_other", target=name, changes="; ".join(parts))
        return "; ".join(parts)
    # The indicator itself, or another table with an indicator_id column (measures …).
    if rev.how != "changed":
        title = voice.data(rev.resource.get("title_en" if lang == "en" else "title") or rev.resource["name"])
        key = ", ".join(f"{voice.name(k)} {voice.data(v)}" for k, v in rev.row["key"].items())
        return f"{title}: {w(lang, 'rows_added' if rev.how == 'added' else 'rows_withdrawn', n=n(1, lang))} ({key})"
    named = {"direction": (w(lang, "direction_word"), DIRECTIONS), "unit": (w(lang, "unit_word"), UNITS)}
    parts = []
    for c, v in changes.items():
        if c in named:
            what, table = named[c]
            parts.append(f"{what}: {voice.data(label(table, v['old'], lang))} → {voice.data(label(table, v['new'], lang))}")
        else:
            parts.append(_plain(c, v["old"], v["new"], voice))
    return w(lang, "indicator_revised", changes="; ".join(parts))


def _target_row(values: dict) -> bool:
    return {"scope", "year", "comparison", "value"} <= set(values)


def revision_kind(rev: Revision) -> str:
    """'values' (a row of observations), 'targets', 'definition' (the indicator's own row) or 'rows' (another
    table)."""
    if rev.resource.get("kind") == "observations":
        return "values"
    if _target_row(rev.row["values"]):
        return "targets"
    if list(rev.row.get("key") or {}) == ["indicator_id"]:
        return "definition"
    return "rows"


def indicator_summary(revs: list[Revision], lang: str) -> str:
    """The counts of one release's revisions of one indicator: '1 giá trị được sửa, 2 giá trị mới'."""
    parts = []
    for kind in ("values", "targets", "definition", "rows"):
        mine = [r for r in revs if revision_kind(r) == kind]
        if not mine:
            continue
        if kind == "definition":
            parts.append(w(lang, "definition_changed"))
            continue
        keyed = [r for r in mine if r.resource.get("compared_by") == "key"]
        c = {how: sum(1 for r in keyed if r.how == how) for how in ("changed", "added", "removed")}
        if kind in ("values", "targets"):
            c = figures_split(c, [r.row for r in keyed if r.how == "changed"])
        parts += _counts_phrase(c, kind, lang)
        whole = [r for r in mine if r.resource.get("compared_by") != "key"]
        if whole:
            only_new = sum(1 for r in whole if r.how == "added")
            only_old = sum(1 for r in whole if r.how == "removed")
            parts += ([w(lang, "rows_only_new", n=n(only_new, lang))] if only_new else []) + \
                     ([w(lang, "rows_only_old", n=n(only_old, lang))] if only_old else [])
    return ", ".join(parts)


def not_matched_line(revs: list[Revision], lang: str, show=code) -> str:
    """Of one release's revisions of one indicator, those of rows compared whole: that they could not be matched,
    and the columns that differ between its rows only in the previous release and those only in this one."""
    whole = [r for r in revs if r.resource.get("compared_by") != "key"]
    differ: list[str] = []
    for name in dict.fromkeys(r.resource.get("name") for r in whole):
        mine = [r for r in whole if r.resource.get("name") == name]
        differ += [c for c in differing_columns({
            "columns": mine[0].resource.get("columns"), "added": [r.row for r in mine if r.how == "added"],
            "removed": [r.row for r in mine if r.how == "removed"]}) if c not in differ]
    text = w(lang, "not_matched")
    return text + (" " + w(lang, "columns_differ", columns=", ".join(show(c) for c in differ)) if differ else "")


def by_release(revs: list[Revision]) -> list[tuple[tuple[str, str, str], list[Revision]]]:
    groups: dict[tuple[str, str, str], list[Revision]] = {}
    for r in revs:
        groups.setdefault((r.date, r.dataset, r.version), []).append(r)
    return list(groups.items())


def release_line(model: Model, dataset: str, version: str, date: str, lang: str) -> str:
    when = fmt.day(date, lang) if date else "…"
    return w(lang, "on_release", date=when, version=version) + " — " + dataset_title(model, dataset, lang)


def indicator_section(model: Model, ind, lang: str) -> str:
    """'What changed' on an indicator page: each release that revised its values, targets or definition, newest
    first, with what it revised; a link to its feed."""
    history = releases.of(model)
    if history is None:
        return ""
    here = routes.indicator_doc(ind.id)
    voice = page_voice(lang)
    lines = [f"## {w(lang, 'what_changed')}", w(lang, "indicator_changes_intro")]
    groups = by_release(indicator_revisions(model, history).get(ind.id, []))
    for (date, dataset, version), revs in groups:
        shown = [r for r in revs if r.resource.get("compared_by") == "key"]
        items = [f"- {revision_text(model, r, voice)}" for r in shown[:MAX_LINES]]
        if len(shown) > MAX_LINES:
            items.append(f"- {w(lang, 'more_changes', n=n(len(shown) - MAX_LINES, lang))}")
        if len(shown) < len(revs):
            items.append(f"- {not_matched_line(revs, lang)}")
        head = (f"**[{esc(release_line(model, dataset, version, date, lang))}]"
                f"({routes.link(here, routes.release_doc(dataset, version))})**"
                f": {esc(indicator_summary(revs, lang))}")
        lines.append(head + ("\n\n" + "\n".join(items) if items else ""))
    if not groups:
        lines.append(w(lang, "history_incomplete") if history.incomplete else w(lang, "indicator_no_changes"))
    lines.append(f"{w(lang, 'follow')}: [{w(lang, 'atom_feed')}]({routes.file_link(here, routes.indicator_feed(ind.id))})")
    # The revisions are data, like the tables: the search index keeps the heading only (the page-weight budget).
    return f"{lines[0]}\n\n" + excluded_from_search("\n\n".join(lines[1:]), "release-changes")


# --- the dataset page --------------------------------------------------------------------------------------------
def release_list(model: Model, name: str, lang: str) -> str:
    """The releases of a dataset, newest first: date, version, changelog text, what changed, and a link to its page
    (the stable address of its files). Without history, the changelog as before."""
    history = releases.of(model)
    from scripts.markdown import table

    rows = []
    found = history.releases.get(name, []) if history else []
    for r in reversed(found):
        text = r.description[1] if lang == "en" else r.description[0]
        if r.available:
            version = f"[{esc(r.version)}]({routes.link(routes.dataset_doc(name), routes.release_doc(name, r.version))})"
            changes = esc(summary(history.changes.get((name, r.version)), lang))
        else:
            version, changes = esc(r.version), w(lang, "not_in_history")
        rows.append([version, esc(fmt.day(r.date, lang)) if r.date else "–", fmt.esc_lang(text, lang), changes])
    if not rows:
        return ""
    body = f"{w(lang, 'releases_intro')}\n\n" + table(
        [w(lang, "release"), w(lang, "date"), w(lang, "changelog"), w(lang, "changes")], rows)
    if history and history.incomplete:
        body += f"\n{w(lang, 'history_incomplete')}\n"
    body += f"\n[{w(lang, 'schema_page')}](phien-ban.md)\n"
    # A table of data like the others on the page: the search index keeps the heading only.
    return f"## {w(lang, 'releases')}\n\n" + excluded_from_search(body, "release-list")


def stable_address(model: Model, names: list[str], lang: str) -> str:
    """The line of a citation that names each dataset's current release and its stable address."""
    history = releases.of(model)
    if history is None:
        return ""
    found = [(name, history.current(name)) for name in names]
    found = [(name, r) for name, r in found if r is not None and r.available]
    if not found:
        return ""
    urls = [(name, r, model.context.page_url(f"{r.folder}/", lang)) for name, r in found]
    if len(urls) == 1:
        _, r, url = urls[0]
        return f"{w(lang, 'cite_version', version=esc(r.version))}: {fmt.link(url, url, external=False)}"
    return f"{w(lang, 'cite_versions')}: " + "; ".join(
        f"{esc(dataset_title(model, name, lang))} {esc(r.version)}, {fmt.link(url, url, external=False)}"
        for name, r, url in urls)


# --- the page of a release ---------------------------------------------------------------------------------------
def _fields_of(descriptor: dict, resource: str) -> dict[str, dict]:
    for r in descriptor.get("resources") or []:
        if isinstance(r, dict) and r.get("name") == resource:
            return {str(f.get("name")): f for f in (r.get("schema") or {}).get("fields") or [] if isinstance(f, dict)}
    return {}


def cell(value: str, field: dict | None, lang: str, is_key: bool = False) -> str:
    """A cell of a data row on a page: numbers in the page's language, codes and keys as code, text escaped."""
    if value == "":
        return w(lang, "blank")
    f = field or {}
    kind = f.get("type", "string")
    if not is_key and (kind == "number" or (kind == "integer" and f.get("name") != "year")):
        v = _num(value)
        if v is not None:
            return fmt.number(int(v) if kind == "integer" and v.is_integer() else v, lang)
    if is_key or kind not in ("string",) or (f.get("constraints") or {}).get("enum") or " " not in value:
        return code(value)
    return fmt.esc_lang(value, lang)


def _json_value(value: object, lang: str) -> str:
    if value is None:
        return w(lang, "blank")
    if isinstance(value, str):
        return fmt.esc_lang(value, lang)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return code(text if len(text) <= 400 else text[:400] + " …")


def _flat(value: object, path: str) -> dict[str, object]:
    """A JSON value as path → scalar ('sources[0].title_en' → '…'), to show only what changed inside it."""
    if isinstance(value, dict):
        return {k: v for key in sorted(value) for k, v in _flat(value[key], f"{path}.{key}").items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{path}[{i}]").items()}
    return {path: value}


def _changes_table(changes: list[dict], lang: str, first: str) -> str:
    """Properties that changed, old → new; inside a list or an object (sources, licences), only the parts that
    changed."""
    from scripts.markdown import table

    rows = []
    for c in changes:
        old, new = c["old"], c["new"]
        if isinstance(old, (dict, list)) and isinstance(new, (dict, list)):
            before, after = _flat(old, c["property"]), _flat(new, c["property"])
            rows += [[code(k), _json_value(before.get(k), lang), _json_value(after.get(k), lang)]
                     for k in list(after) + [k for k in before if k not in after] if before.get(k) != after.get(k)]
        else:
            rows.append([code(c["property"]), _json_value(old, lang), _json_value(new, lang)])
    return table([first, w(lang, "before"), w(lang, "after")], rows)


def excluded_from_search(markdown: str, kind: str = "data-table") -> str:
    """Rows are data: the search index leaves them out (pages.excluded_from_search), as it does the data tables."""
    from scripts.markdown import excluded_from_search as exclude

    return exclude(markdown, kind)


def _rows_table(rows: list[dict], key: list[str], fields: dict[str, dict], lang: str,
               compared: list[str] | None = None, differing: list[str] | None = None) -> str:
    """Rows added or withdrawn: by key, the key and the value or name; compared whole, the compared columns that are
    short enough for a table, those that differ first to be kept (every cell is in changes.json)."""
    from scripts.markdown import table

    if key:
        extra = [c for c in ("value", f"name_{lang}", f"title_{lang}", "name", "title") if c in fields and c not in key]
        columns = key + extra[:2]
    else:
        listed = rows[:MAX_ROWS]
        short = [c for c in compared or list(fields) if all(len(r["values"].get(c, "")) <= 60 for r in listed)]
        differ = set(differing or ())
        room = max(8 - sum(1 for c in short if c in differ), 0)  # the short columns that differ always shown
        others = [c for c in short if c not in differ][:room]
        columns = [c for c in short if c in differ or c in others][:8]
    body = [[cell(r["values"].get(c, ""), fields.get(c), lang, is_key=c in key) for c in columns]
            for r in rows[:MAX_ROWS]]
    more = f"\n{w(lang, 'more_rows', n=n(len(rows) - MAX_ROWS, lang))}\n" if len(rows) > MAX_ROWS else ""
    return excluded_from_search(table([code(c) for c in columns], body)) + more


def _in_order(changes: dict, columns: list[str]) -> list[tuple[str, dict]]:
    """Changed cells in the table's column order (a document read back from JSON has its keys sorted)."""
    return [(c, changes[c]) for c in columns if c in changes] + sorted(
        (c, v) for c, v in changes.items() if c not in columns)


def _revised_table(rows: list[dict], key: list[str], fields: dict[str, dict], lang: str,
                   columns: list[str]) -> str:
    from scripts.markdown import table

    body = []
    for r in rows[:MAX_ROWS]:
        keys = [cell(r["key"].get(k, ""), fields.get(k), lang, is_key=True) for k in key]
        for c, v in _in_order(r["changes"], columns):
            body.append(keys + [code(c), cell(v["old"], fields.get(c), lang), cell(v["new"], fields.get(c), lang)])
    more = f"\n{w(lang, 'more_rows', n=n(len(rows) - MAX_ROWS, lang))}\n" if len(rows) > MAX_ROWS else ""
    return excluded_from_search(table([code(k) for k in key] + [w(lang, "column"), w(lang, "before"),
                                                                 w(lang, "after")], body)) + more


def differing_columns(r: dict) -> list[str]:
    """Of rows compared whole, the compared columns whose values are not the same between the rows only in the
    previous release and the rows only in this one (as multisets: a column listed certainly differs)."""
    old, new = r.get("removed") or [], r.get("added") or []
    return [c for c in r.get("columns") or []
            if sorted(row["values"].get(c, "") for row in old) != sorted(row["values"].get(c, "") for row in new)]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def resource_section(r: dict, descriptor: dict, lang: str) -> str:
    """What changed in one table, on a release page."""
    title = r.get("title_en" if lang == "en" else "title") or r["name"]
    parts = [f"### {esc(title)} ({code(r['name'])})", _sentence(esc(", ".join(resource_phrase(r, lang)))) or
             w(lang, "unchanged_table")]
    if r["status"] == "added":
        return "\n\n".join(parts[:1] + [w(lang, "new_table", rows=n(r["rows_after"], lang))])
    if r["status"] == "removed":
        return "\n\n".join(parts[:1] + [w(lang, "removed_table", rows=n(r["rows_before"], lang))])
    if r["status"] == "unchanged":
        return "\n\n".join(parts)
    fields = _fields_of(descriptor, r["name"])
    key = r.get("key") or []
    listed = [row for how in ("changed", "added", "removed") for row in r.get(how) or []][:1]
    matched = [k for k in key if listed and k in listed[0]["key"]] or key  # the key columns both releases have
    if r.get("compared_by") == "key":
        kind = w(lang, "identity_kind") if r.get("key_kind") == "observation-identity" else w(lang, "key_kinds")
        parts.append(w(lang, "matched_by_key", key=f"{kind} " + ", ".join(code(k) for k in key)))
    elif r.get("reason") == "key-changed":
        parts.append(w(lang, "key_changed", old=", ".join(code(k) for k in r.get("previous_key", [])) or "–",
                       new=", ".join(code(k) for k in key) or "–"))
    elif r.get("reason") == "key-not-unique":
        parts.append(w(lang, "key_not_unique"))
    else:
        parts.append(w(lang, "no_key"))
    differing = differing_columns(r) if r.get("compared_by") != "key" and r.get("added") and r.get("removed") else []
    if differing:
        parts.append(w(lang, "columns_differ", columns=", ".join(code(c) for c in differing)))
    s = r.get("schema") or {}
    if s.get("fields_added"):
        parts.append(f"**{w(lang, 'columns_added_title')}:** " + ", ".join(
            f"{code(f['name'])} ({esc(f['type'])})" for f in s["fields_added"]))
    if s.get("fields_removed"):
        parts.append(f"**{w(lang, 'columns_removed_title')}:** " + ", ".join(
            f"{code(f['name'])} ({esc(f['type'])})" for f in s["fields_removed"]))
    for f in s.get("fields_changed") or []:
        note = f" ({w(lang, 'only_descriptions')})" if f.get("documentation_only") else ""
        parts.append(f"**{w(lang, 'columns_changed_title')}: {code(f['name'])}**{note}\n\n"
                     + _changes_table(f["changes"], lang, w(lang, "property")))
    if s.get("other"):
        parts.append(f"**{w(lang, 'schema_other')}**\n\n" + _changes_table(s["other"], lang, w(lang, "property")))
    if r.get("metadata"):
        parts.append(f"**{w(lang, 'metadata')}**\n\n" + _changes_table(r["metadata"], lang, w(lang, "property")))
    by_key = r.get("compared_by") == "key"
    if r.get("changed"):
        parts.append(f"#### {w(lang, 'rows_revised_title')}\n\n" + _revised_table(r["changed"], matched, fields, lang,
                                                                                 r.get("columns") or []))
    for how, title in (("added", "rows_added_title" if by_key else "rows_only_new_title"),
                       ("removed", "rows_withdrawn_title" if by_key else "rows_only_old_title")):
        if r.get(how):
            parts.append(f"#### {w(lang, title)}\n\n" + _rows_table(r[how], matched if by_key else [], fields, lang,
                                                                      r.get("columns"), differing))
    return "\n\n".join(parts)


def release_page(model: Model, history: History, r: Release, lang: str) -> str:
    """The page at a release's stable address (/data/<dataset>/<version>/): what it is, its files with their size
    and sha256, how to cite it, and what changed since the previous release."""
    from scripts.markdown import citation_block, human_size, page, table

    name = r.dataset
    here = routes.release_doc(name, r.version)
    title = dataset_title(model, name, lang)
    found = history.releases[name]
    i = found.index(r)
    doc = history.changes.get((name, r.version))
    text = r.description[1] if lang == "en" else r.description[0]
    about = [[w(lang, "released_on"), esc(fmt.day(r.date, lang)) if r.date else "–"],
             [t(lang, "version"), esc(r.version)]]
    if r.commit:
        about.append([w(lang, "commit"), code(r.commit)])
    if i > 0:
        prev = found[i - 1]
        about.append([w(lang, "previous_release"), f"[{esc(prev.version)}]({routes.link(here, routes.release_doc(name, prev.version))})"
                      if prev.available else esc(prev.version)])
    if i + 1 < len(found):
        nxt = found[i + 1]
        about.append([w(lang, "next_release"), f"[{esc(nxt.version)}]({routes.link(here, routes.release_doc(name, nxt.version))})"
                      if nxt.available else esc(nxt.version)])
    about.append([w(lang, "dataset_page"), f"[{esc(title)}]({routes.link(here, routes.dataset_doc(name))})"])
    parts = [f"# {esc(w(lang, 'release_title', title=title, version=r.version))}", fmt.esc_lang(text, lang),
             table([t(lang, "property"), t(lang, "value")], about)]
    files = history.files.get((name, r.version), [])
    parts.append(f"## {w(lang, 'files_of_release')}\n\n" + table(
        [w(lang, "file"), w(lang, "size"), "sha256"],
        [[f"[{esc(f.name)}]({f.name})", human_size(f.size, lang), code(f.sha256)] for f in files]
        + [["[SHA256SUMS](SHA256SUMS)", "", ""]]))
    parts.append(f"{w(lang, 'check_files')}\n\n```console\n$ sha256sum -c SHA256SUMS\n```")
    c = facts.citation(model.datasets[name].descriptor, lang, model.context.page_url(f"{r.folder}/", lang))
    c.update(version=r.version, year=r.date[:4] or c["year"])
    parts.append(citation_block(c, lang))
    parts.append(f"## {w(lang, 'what_changed')}")
    if doc is None:
        parts.append(esc(summary(None, lang)))
    else:
        if doc["previous"]:
            parts.append(f"{w(lang, 'since_previous', version=esc(doc['previous']['version']))}: "
                         f"{esc(summary(doc, lang))}.")
        else:
            parts.append(esc(summary(doc, lang)).capitalize() + ".")
        if any(r.withdrawn):
            note = r.withdrawn[1] if lang == "en" else r.withdrawn[0]
            parts.append(f"**{w(lang, 'withdrawn_note')}:** {fmt.esc_lang(note, lang)}")
        if doc["metadata"]:
            parts.append(f"**{w(lang, 'metadata')}**\n\n" + _changes_table(doc["metadata"], lang,
                                                                            w(lang, "property")))
        if not doc["summary"]["first_release"]:
            descriptor = model.datasets[name].descriptor if r.current else {}
            descriptor = descriptor or _descriptor_of(history, r, model)
            parts += [resource_section(res, descriptor, lang) for res in doc["resources"]]
        if doc["problems"]:
            from scripts.problems import CODES

            parts.append(f"**{w(lang, 'notices')}**\n\n" + "\n".join(
                f"- [{esc(CODES[p['code']].title_en if lang == 'en' else CODES[p['code']].title_vi)}]"
                f"({routes.link(here, routes.PROBLEM_CODES_DOC)}#{p['code']}) ({code(p['code'])})" for p in doc["problems"]
                if p["code"] in CODES))
        parts.append(f"{w(lang, 'as_data')}: [changes.json](changes.json) "
                     f"([{w(lang, 'structure')}]({routes.link(here, SCHEMA_PAGE)}))")
    # An archived release is reached from its dataset page; searched, every release would repeat the dataset's
    # texts in the index (the page-weight budget of issue 6).
    return page(w(lang, "release_title", title=title, version=r.version), "\n\n".join(parts), text,
                searchable=False)


def _descriptor_of(history: History, r: Release, model: Model) -> dict:
    """The release's own descriptor (the types of its fields, to show its cells), read once per build."""
    memo = model.memo.setdefault("release-descriptors", {})
    if r.state not in memo:
        try:
            memo[r.state] = releases.snapshot_from_git(history.repo, r, model.datasets[r.dataset].folder,
                                                       tables=False).descriptor
        except (releases.GitError, ValueError, OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            memo[r.state] = {}
    return memo[r.state]


# --- the page that documents changes.json --------------------------------------------------------------------------
def schema_page(lang: str) -> str:
    from scripts.markdown import page, table

    intro = t(lang, "releases_intro_schema")
    rules = t(lang, "release_matching_rules")
    rows = []
    for path, kind, text_vi, text_en, same in releases.schema_rows():
        text = esc(text_en if lang == "en" else text_vi)
        if same:
            text += f" ({t(lang, 'each_item_as', name=code(same))})"
        rows.append([code(path), code(kind), text])
    title, schema = w(lang, "schema_page"), routes.file_link(SCHEMA_PAGE, SCHEMA_FILE)
    body = (f"# {title}\n\n{esc(intro)}\n\n{esc(rules)}\n\n## changes.json\n\n"
            + t(lang, "json_schema_link", schema=schema) + t(lang, "every_field") + "\n\n" + excluded_from_search(
                table([t(lang, "field_name"), t(lang, "type"), t(lang, "meaning")], rows)))
    return page(title, body)


# --- feeds -------------------------------------------------------------------------------------------------------
def feed_summaries(history: History) -> dict[tuple[str, str], tuple[str, str]]:
    """(dataset, version) → the change summary in Vietnamese and English, for the site-wide Atom feed."""
    return {key: (summary(doc, "vi"), summary(doc, "en")) for key, doc in history.changes.items()}


def indicator_feed(model: Model, ind, revs: list[Revision]) -> bytes:
    """One indicator's revisions as Atom (RFC 4287): one entry per release that revised it, newest first."""
    from feedgen.feed import FeedGenerator

    voice_vi = Voice("vi", str, lambda s: f"“{s}”")
    voice_en = Voice("en", str, lambda s: f"“{s}”")
    groups = by_release(revs)
    latest = max((date for (date, _, _), _ in groups if date), default="") or facts.FIXED_DATE
    url = model.context.file_url(routes.indicator_feed(ind.id))
    fg = FeedGenerator()
    fg.id(url)
    fg.title(" / ".join(t(lang, "indicator_changes_feed", indicator=t(lang, "indicator_n", id=ind.id),
                            name=ind.name(lang)) for lang in ("vi", "en")))
    fg.author({"name": facts.PROJECT["vi"], "uri": model.context.site_url})
    fg.link(href=model.context.page_url(routes.indicator_page(ind.id)), rel="alternate", hreflang="vi")
    fg.link(href=model.context.page_url(routes.indicator_page(ind.id), "en"), rel="alternate", hreflang="en")
    fg.link(href=url, rel="self", type="application/atom+xml")
    fg.language("vi")
    fg.rights("CC BY 4.0 — " + facts.LICENCE_URL)
    fg.updated(f"{latest}T00:00:00Z")
    for (date, dataset, version), group in reversed(groups):  # feedgen prepends: the newest ends up first
        when = date or latest
        fe = fg.add_entry()
        fe.id(f"{model.context.page_url(routes.indicator_page(ind.id))}#{dataset}-{version}")
        fe.title(f"{release_line(model, dataset, version, date, 'vi')} / "
                 f"{release_line(model, dataset, version, date, 'en')}")
        fe.link(href=model.context.page_url(routes.release_folder(dataset, version) + "/"))
        lines = [f"{indicator_summary(group, lang)}: " + "; ".join(revision_text(model, r, voice)
                                                                  for r in group[:MAX_LINES])
                 for lang, voice in (("vi", voice_vi), ("en", voice_en))]
        fe.summary(" / ".join(lines))
        fe.updated(f"{when}T00:00:00Z")
        fe.published(f"{when}T00:00:00Z")
    return fg.atom_str(pretty=True)


# --- everything the build writes ---------------------------------------------------------------------------------
def outputs(model: Model, history: History, per_dataset: dict[str, dict[str, bytes]], cache_root=None) -> dict[str, bytes]:
    """The files and pages of every release, the changes.json schema and its page, one Atom feed per indicator."""
    out = releases.release_files(history, model, per_dataset, cache_root)
    out[SCHEMA_FILE] = (json.dumps({"$id": model.context.file_url(SCHEMA_FILE), **releases.SCHEMA}, ensure_ascii=False,
                                   indent=1, sort_keys=True) + "\n").encode("utf-8")
    revs = indicator_revisions(model, history)
    for ind in model.indicators.values():
        out[routes.indicator_feed(ind.id)] = indicator_feed(model, ind, revs.get(ind.id, []))
    for lang in ("vi", "en"):
        out[routes.source(SCHEMA_PAGE, lang)] = schema_page(lang).encode("utf-8")
        for found in history.releases.values():
            for r in found:
                if r.available:
                    out[routes.source(routes.release_doc(r.dataset, r.version), lang)] = \
                        release_page(model, history, r, lang).encode("utf-8")
    return out


# --- the pull-request report ---------------------------------------------------------------------------------------
def _inert(text: object) -> str:
    """Text from the data as a Markdown code span on one line: nothing in it can link, mention or format."""
    s = re.sub(r"[\x00-\x1f\x7f\u2028\u2029]", " ", str(text)).replace("|", "\\|")
    fence = "`" * (max((len(m) for m in re.findall("`+", s)), default=0) + 1)
    return f"{fence} {s} {fence}" if s else ""


def pr_report(model: Model | None, changed: dict[str, dict]) -> str:
    """The per-indicator change summary of a pull request (Vietnamese, as the comment is), in the site's words:
    for each dataset that changed, its summary; for each indicator it touches, what changed."""
    if not changed:
        return ""
    voice = Voice("vi", _inert, _inert)
    lines = [f"### {t('vi', 'pr_changes')}", ""]
    for name, doc in sorted(changed.items()):
        prev = (doc.get("previous") or {}).get("version") or "–"
        lines.append(f"- {_inert(name)} ({_inert(prev)} → {_inert(doc['version'])}): {summary(doc, 'vi')}")
    history = History(changes={(name, doc["version"]): doc for name, doc in changed.items()})
    per_indicator = revisions(history)
    if per_indicator:
        lines += ["", f"#### {t('vi', 'pr_by_indicator')}", ""]
        order = list(model.indicators) if model is not None else []
        for ind_id in sorted(per_indicator, key=lambda i: (order.index(i) if i in order else len(order), i)):
            revs = per_indicator[ind_id]
            ind = model.indicators.get(ind_id) if model is not None else None
            name = f" {_inert(ind.name('vi'))}" if ind else ""
            lines.append(f"- **{t('vi', 'indicator_n', id=_inert(ind_id))}**{name}: {indicator_summary(revs, 'vi')}")
            if model is not None:
                shown = [r for r in revs if r.resource.get("compared_by") == "key"]
                lines += [f"    - {revision_text(model, r, voice)}" for r in shown[:MAX_LINES]]
                if len(shown) > MAX_LINES:
                    lines.append(f"    - {w('vi', 'more_changes', n=n(len(shown) - MAX_LINES, 'vi'))}")
                if len(shown) < len(revs):
                    lines.append(f"    - {not_matched_line(revs, 'vi', _inert)}")
    return "\n".join(lines) + "\n"


def _changed(doc: dict) -> bool:
    return bool(doc["metadata"]) or any(r["status"] != "unchanged" for r in doc["resources"])


def pr_changes(base: str, folders: list | None, datasets: dict) -> str:
    """The report's change section for `validate --base`: each dataset folder against base (in the folder's own
    repository), summarised per dataset and per indicator with the working tree's names and units."""
    from pathlib import Path

    from scripts.model import build_model
    from scripts.paths import DATASETS
    from scripts.validate import dataset_folders

    found = dataset_folders(DATASETS) if folders is None else [Path(f) for f in folders]
    changed = {}
    for folder in found:
        doc, _ = releases.changes_since(base, folder, folder)  # its problems are the version rule's, reported above
        if doc and _changed(doc):
            changed[folder.name] = doc
    try:
        model = build_model(datasets)
    except (KeyError, ValueError, TypeError, AttributeError):  # data with problems: the report names codes only
        model = None
    return pr_report(model, changed)
