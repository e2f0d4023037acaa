"""Decisions into words: every sentence the site writes about an indicator, in Vietnamese and English.

scripts/model/decide.py decides (the latest value, the comparison target, the status and its reasons); this module
only says it, the same way on every page, in chart text alternatives, in page descriptions and in lists. All text
from datasets goes through fmt.esc when `markup` is asked for.
"""
from __future__ import annotations

import pandas as pd

from scripts import fmt
from scripts.i18n import (COMPARISONS, DOCUMENT_KINDS, DOUBT_REASONS, QUALIFIERS, SERIES, STATUS, STATUS_ICON,
                          STATUS_REASON, TRUST_SHORT, UNITS, label, t)
from scripts.model import Area, Indicator, Model, Target
from scripts.model.decide import Headline, Latest, Status, Value
from scripts.progress import BASE_YEAR


# --- numbers -------------------------------------------------------------------------------------------------------
def value_text(value: float | None, unit: str, lang: str, qualifier: str = "") -> str:
    """'16,1‰ trẻ đẻ sống', 'hơn 96%', '–' for no value. The source's own qualifier is part of the value."""
    if value is None or pd.isna(value):
        return "–"
    number = fmt.number(value, lang)
    name = label(UNITS, unit, lang)
    text = f"{number}{name}" if name.startswith(("%", "‰")) else f"{number} {name}".strip()  # 14‰, 100,6% …
    return f"{label(QUALIFIERS, qualifier, lang)} {text}" if qualifier else text


def short_unit(unit: str, lang: str) -> str:
    """The unit after a number in a running sentence: '%', '‰', 'trên 100.000 trẻ em'."""
    if unit == "per-1000-live-births":
        return "‰"
    return label(UNITS, unit, lang)


def number_with_unit(value: float, unit: str, lang: str, qualifier: str = "") -> str:
    n = fmt.number(value, lang)
    u = short_unit(unit, lang)
    text = f"{n}{u}" if u.startswith(("%", "‰")) else f"{n} {u}"  # '16,1%', '16,1% mỗi năm', '12 ca'
    return f"{label(QUALIFIERS, qualifier, lang)} {text}" if qualifier else text


# --- places and targets --------------------------------------------------------------------------------------------
def place(model: Model, code: str, lang: str, year: int | None = None) -> str:
    """An area's short name for a sentence ('Ninh Thuận', 'Việt Nam', 'Khánh Hòa (trước 1/7/2025)'): the unit the
    code meant in that year (codes are reused after the 2025 merger)."""
    area = model.area(code, year)
    return code if area is None else short_name(area, lang)


def short_name(area: Area, lang: str) -> str:
    """'Ninh Thuận' for 'Tỉnh Ninh Thuận' and 'Ninh Thuận Province'."""
    name = area.name(lang)
    for prefix in ("Tỉnh ", "Thành phố "):
        name = name.removeprefix(prefix) if lang == "vi" else name
    return name.replace(" Province", "") if lang == "en" else name


def scope_name(model: Model, scope: str, lang: str, document: bool = False) -> str:
    """'toàn quốc', 'Ninh Thuận', 'Khánh Hòa (từ 1/7/2025)'; with `document`, the document that sets it too:
    'Ninh Thuận, Kế hoạch 182/KH-UBND'."""
    if scope == "national":
        return t(lang, "national").lower()
    area = next((a for a in model.area_index.get(scope, []) if not a.ended), None) or model.area(scope)
    name = short_name(area, lang) if area is not None else scope
    if area is not None and area.valid_from and scope != "58":
        name += f" ({t(lang, 'since_day', day=fmt.day(area.valid_from, lang))})"
    return name


def target_document(model: Model, tg: Target, lang: str) -> str:
    doc = model.document(tg.document_id)
    kind = doc.get("kind", "")
    number = doc.get("number", "")
    if not number:
        return ""
    return f"{label(DOCUMENT_KINDS, kind, lang) if kind in DOCUMENT_KINDS else ''} {number}".strip()


def target_value_text(tg: Target, unit: str, lang: str, with_unit: bool = True) -> str:
    """'dưới 15‰', '2–3% mỗi năm'; without the unit in a table whose unit is given once: 'dưới 15', '2–3'."""
    if tg.is_range:
        span = f"{fmt.number(tg.value, lang)}–{fmt.number(tg.value_upper, lang)}"
        name = label(UNITS, unit, lang)
        return (f"{span}{name}" if name.startswith(("%", "‰")) else f"{span} {name}") if with_unit else span
    number = number_with_unit(tg.value, unit, lang) if with_unit else fmt.number(tg.value, lang)
    if tg.comparison in (">=", "=") and unit == "percent" and tg.value == 100:  # 'at least 100%' means 100%
        return t(lang, "reaches_level", number=number)
    return f"{label(COMPARISONS, tg.comparison, lang)} {number}"


def target_label(model: Model, tg: Target, lang: str, capital: bool = True) -> str:
    """'Mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND', 'National 2030 target, Decision 23/QĐ-TTg'."""
    doc = target_document(model, tg, lang)
    # Without a stated year (the text states none) the year in the row is the site's reading: the whole period.
    when = "year" if tg.year_stated else "period"
    if tg.scope == "national":
        text = t(lang, f"target_national_{when}", year=tg.year)
    else:
        text = t(lang, f"target_area_{when}", year=tg.year, scope=scope_name(model, tg.scope, lang))
    text += f", {t(lang, 'set_by_document', document=doc)}" if doc else ""
    return text if capital else text[0].lower() + text[1:]


def years_text(first: int, last: int) -> str:
    """'2005–2016', or '2014' when both are the same year (never '2014–2014')."""
    return str(first) if int(first) == int(last) else f"{first}–{last}"


def doubtful_targets_label(model: Model, scope: str, years: list[int], lang: str) -> str:
    """'Mục tiêu toàn quốc năm 2025 và 2030' — the doubtful rows named by scope and years, not by the document
    whose copy is the very thing in doubt."""
    joined = f" {t(lang, 'and')} ".join(str(y) for y in sorted(set(years)))
    if scope == "national":
        return t(lang, "doubtful_national_targets", years=joined)
    return t(lang, "doubtful_area_targets", scope=scope_name(model, scope, lang), years=joined)


def doubt_text(reason: str, lang: str) -> str:
    return label(DOUBT_REASONS, reason, lang)


# --- the latest value --------------------------------------------------------------------------------------------
def _value_flags(v: Value, lang: str) -> list[str]:
    return [t(lang, "provisional_value")] if v.provisional else []


def latest_value_text(model: Model, latest: Latest | None, unit: str, lang: str, markup: bool = True,
                      with_place: bool = True, strong: bool = False) -> str:
    """'16,1‰ (Ninh Thuận, năm 2016, số sơ bộ)'; for a conflict: 'Việt Nam, 2020: các nguồn mâu thuẫn
    (13,9‰ và 12,1‰)'; 'Chưa có số liệu' without a value."""
    esc = fmt.esc if markup else str
    if latest is None:
        return t(lang, "no_data")
    where = [esc(place(model, latest.area_code, lang, latest.year))] if with_place else []
    if latest.value is None:
        shown = f" {t(lang, 'and')} ".join(number_with_unit(v.value, unit, lang, v.qualifier) for v in latest.conflicting)
        year = t(lang, "in_year", year=latest.year)
        return f"{', '.join(where + [year])}: {t(lang, 'conflict')} ({shown})"
    v = latest.value
    parts = where + [t(lang, "in_year", year=v.year)] + _value_flags(v, lang)
    shown = number_with_unit(v.value, unit, lang, v.qualifier)
    return f"{f'<strong>{shown}</strong>' if strong and markup else shown} ({', '.join(parts)})"


def latest_text(model: Model, h: Headline, lang: str, markup: bool = True, strong: bool = False) -> str:
    """The headline's latest value in words (latest_value_text); without one, whether there are no values at all
    or only values the rule may not use (a low-trust copy, an uncertain year, another area)."""
    if h.latest is None and h.rows:
        return t(lang, "no_usable_value")
    return latest_value_text(model, h.latest, h.indicator.unit, lang, markup, strong=strong)


# --- status --------------------------------------------------------------------------------------------------------
def status_name(s: Status, lang: str) -> str:
    return label(STATUS, s.code, lang)


def status_badge(s: Status, lang: str) -> str:
    """The coloured dot (decoration, hidden from screen readers) and the status in words."""
    return f"{STATUS_ICON[s.code]} {status_name(s, lang)}"


def reason_text(model: Model, s: Status, lang: str) -> str:
    """Every reason that applies, most fundamental first: 'chưa có số liệu nào; mục tiêu là một khoảng …'. The last
    official year is given for each area that has one: 'Ninh Thuận năm 2016, Việt Nam năm 2017'."""
    years = ", ".join(f"{place(model, area, lang, year)} {t(lang, 'in_year', year=year)}" for area, year in s.last_official)
    words = [label(STATUS_REASON, r, lang).format(years=years or "–", base=BASE_YEAR) for r in s.reasons]
    return "; ".join(words)


def status_text(model: Model, s: Status, lang: str) -> str:
    """'Chưa đủ số liệu: chưa có số liệu nào' — the status and why, in one phrase."""
    reason = reason_text(model, s, lang)
    return f"{status_name(s, lang)} — {reason}" if reason else status_name(s, lang)


# --- the chart sentence --------------------------------------------------------------------------------------------
def _gap_sentence(model: Model, h: Headline, lang: str) -> str:
    v, tg, unit = h.latest.value, h.target, h.indicator.unit
    head = f"{target_label(model, tg, lang)}: {target_value_text(tg, unit, lang)}"
    if v is None:
        return head + "."
    if v.qualifier:  # the source gives no exact number: no exact gap either
        return head + "."
    gap = round(h.gap, 6)
    if unit == "percent":  # a difference of percentages is in percentage points
        amount = f"{fmt.number(abs(gap), lang, 1)} {t(lang, 'percentage_points')}"
    else:
        amount = number_with_unit(round(abs(gap), 1), unit, lang)
    s = h.status  # a gap is no verdict: said when the value is not the one progress is judged on
    judged = s.code != "insufficient-data" and s.area_code == v.area_code and s.series == v.series
    why = f" ({status_name(s, lang).lower()})" if s.code == "insufficient-data" else ""
    rel = t(lang, "gap_above" if gap > 0 else "gap_below" if gap < 0 else "gap_none", amount=amount)
    unused = "" if judged else t(lang, "gap_not_assessed", why=why)
    return t(lang, "gap_sentence", head=head, year=v.year, relation=rel, unused=unused)


def trend_phrase(h: Headline, lang: str) -> str:
    """How the latest value's series moved: 'giảm từ 22,6‰ năm 2005 xuống 16,1‰ năm 2016', or the one value with
    its year: 'hơn 96% năm 2014'. Empty without a single latest value."""
    v = h.latest.value if h.latest else None
    if v is None:
        return ""
    unit = h.indicator.unit
    first = h.trend[0] if h.trend else v
    b = number_with_unit(v.value, unit, lang, v.qualifier)
    # 'năm 2016' after a unit that ends in 'năm' ('% mỗi năm') would read 'mỗi năm năm 2016': 'vào năm 2016'
    year = t(lang, "year_word_after_nam" if b.endswith("năm") else "year_word")
    if first.year == v.year:
        return f"{b} {year} {v.year}"
    diff = v.value - first.value
    a = number_with_unit(first.value, unit, lang, first.qualifier)
    return t(lang, "trend_rose" if diff > 0 else "trend_fell" if diff < 0 else "trend_steady",
             a=a, b=b, in_year=year, first=first.year, last=v.year)


def describe(model: Model, h: Headline, lang: str) -> str:
    """One or two sentences for the chart's text alternative and the page description: what the latest value is
    and how it moved, then how it stands against its comparison target. Plain text (no markup)."""
    ind, unit = h.indicator, h.indicator.unit
    parts = []
    latest = h.latest
    if latest is None:
        parts.append(t(lang, "no_data_for", name=ind.name(lang)))
    elif latest.value is None:
        parts.append(latest_text(model, h, lang, markup=False) + ".")
    else:
        v = latest.value
        series, trust = label(SERIES, v.series, lang), label(TRUST_SHORT, v.trust, lang)
        # 'báo chí', never 'báo chí (báo chí)': the trust is said only when it adds something
        source = series if series.lower() == trust.lower() else f"{series} ({trust})"
        if v.series in ("survey", "news"):  # a common noun, not a name: no capital mid-sentence
            source = source[0].lower() + source[1:]
        where = f"{place(model, v.area_code, lang, v.year)}, {t(lang, 'by_source', source=source)}"
        prelim = f" ({t(lang, 'provisional_value')})" if v.provisional else ""
        parts.append(f"{where}: {trend_phrase(h, lang)}{prelim}.")
    if h.target is not None:
        parts.append(_gap_sentence(model, h, lang) if latest is not None and latest.value is not None else
                     f"{target_label(model, h.target, lang)}: {target_value_text(h.target, unit, lang)}.")
    elif h.doubtful_targets and not any(tg.usable for tg in ind.targets):
        reasons = sorted({tg.doubt_reason for tg in h.doubtful_targets if tg.doubt_reason})
        why = "; ".join(doubt_text(r, lang) for r in reasons)
        parts.append(t(lang, "target_not_used", why=why))
    elif any(tg.usable and tg.is_range for tg in ind.targets):
        tg = next(tg for tg in ind.targets if tg.usable and tg.is_range)
        parts.append(f"{target_label(model, tg, lang)}: {target_value_text(tg, unit, lang)}.")
    return " ".join(parts)


def latest_of(latest: Latest | None) -> Value | None:
    return latest.value if latest else None
