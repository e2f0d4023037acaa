"""Generated pages: pure functions from the model to Markdown text, one per page type, in either language.

All text that comes from a dataset goes through fmt.esc (or fmt.link for addresses), so nothing a dataset says can
become markup, a script or a link. Links between pages are Markdown links, so `mkdocs build --strict` checks them.
"""
from __future__ import annotations

import html
import json
from collections import Counter

import pandas as pd

from scripts import charts, downloads, feeds, fmt
from scripts.charts import chart_rows
from scripts.fmt import esc, link
from scripts.i18n import (BASIS, COMPARISONS, DIRECTIONS, LEVELS, SERIES, SOURCE_STATUS, STATUS, STATUS_ICON,
                          STATUS_REASON, UNITS, VERIFICATION, label, t)
from scripts.model import Area, Goal, Indicator, Model
from scripts.problems import CODES
from scripts.progress import Progress, assess

SUFFIX = {"vi": "", "en": ".en"}


def page(title: str, body: str, description: str = "", data_date: str = "") -> str:
    """Front matter and body. The theme puts title and description into the HTML without escaping them (Jinja
    autoescape is off in MkDocs, and <title> even unescapes), so both are escaped here. `data_date`, the date of the
    data a page shows, goes into the printed page's footer (overrides/main.html)."""
    meta = {"title": esc(title)}
    if description:
        meta["description"] = esc(description[:300])
    if data_date:
        meta["data_date"] = esc(data_date)
    front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{front}\n---\n\n{body.strip()}\n"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (fmt.esc) or be links we made."""
    if not rows:
        return ""
    cell = lambda c: str(c).replace("|", "&#124;").replace("\n", " ")  # noqa: E731
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def value_text(value: float | None, unit: str, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{fmt.number(value, lang)} {label(UNITS, unit, lang)}".replace("% ", "%").strip() if unit != "percent" \
        else f"{fmt.number(value, lang)}%"


def target_text(tg, unit: str, lang: str) -> str:
    if tg.value_upper is not None:
        text = f"{fmt.number(tg.value, lang)}–{fmt.number(tg.value_upper, lang)} {label(UNITS, unit, lang)}"
    else:
        text = f"{label(COMPARISONS, tg.comparison, lang)} {value_text(tg.value, unit, lang)}"
    if not tg.usable:
        text = f"<del>{text}</del> ⚠️ {t(lang, 'doubtful_target')}"
    elif tg.status == "provisional":
        text += f" ({t(lang, 'provisional_target')})"
    return text


def scope_name(model: Model, scope: str, lang: str) -> str:
    if scope == "national":
        return t(lang, "national")
    if scope == "56":
        return "Khánh Hòa (từ 1/7/2025)" if lang == "vi" else "Khánh Hòa (from 1 July 2025)"
    area = model.area(scope)
    return esc(area.name(lang)) if area else esc(scope)


# --- progress ----------------------------------------------------------------------------------------------------
# Progress is judged only on official series that are one table over time. Figures quoted one by one in the press,
# or single survey rounds, are shown but never turned into a trend (their sources and definitions differ).
PROGRESS_SERIES = ("gso", "official-report")


def _target_scope(ind: Indicator, area: str) -> str | None:
    """Ninh Thuận is judged against its own target where it has one, otherwise against the national one."""
    scopes = ("58", "national") if area == "58" else ("national",)
    return next((s for s in scopes if any(x.scope == s and x.usable for x in ind.targets)), None)


def progress_for(model: Model, ind: Indicator) -> tuple[Progress, str, str]:
    """Status of the headline series: Ninh Thuận first, else Viet Nam; the first series that can be assessed."""
    obs = chart_rows(model, ind, "vi")
    obs = obs[~obs["conflict"]] if len(obs) else obs
    best = None
    for area in ("58", "VN"):
        scope = _target_scope(ind, area)
        targets = [(tg.year, tg.comparison, tg.value) for tg in ind.targets
                   if tg.usable and tg.value_upper is None and tg.scope == scope]
        for series in PROGRESS_SERIES:
            sel = obs[(obs["area_code"] == area) & (obs["series"] == series)] if len(obs) else obs
            if len(sel):
                p = assess(list(zip(sel["year"].astype(int), sel["value"].astype(float))), ind.direction, targets)
                if best is None or (best[0].status == "insufficient-data" and p.status != "insufficient-data"):
                    best = (p, area, series)
    if best is None:
        usable = [(tg.year, tg.comparison, tg.value) for tg in ind.targets if tg.usable and tg.value_upper is None]
        return assess([], ind.direction, usable), "", ""
    return best


def status_badge(p: Progress, lang: str) -> str:
    return f"{STATUS_ICON[p.status]} {label(STATUS, p.status, lang)}"


def latest_text(model: Model, ind: Indicator, lang: str) -> str:
    obs = chart_rows(model, ind, lang)
    if obs.empty:
        return t(lang, "no_data")
    for area in ("58", "VN", "56", "60"):
        sel = obs[(obs["area_code"] == area) & ~obs["conflict"]]
        if len(sel):
            last = sel.sort_values("year").iloc[-1]
            where = model.area(area)
            name = esc(where.name(lang)).replace("Tỉnh ", "").replace(" Province", "") if where else area
            return f"{value_text(last['value'], ind.unit, lang)} ({last['year']}, {name})"
    return t(lang, "no_data")


# --- home --------------------------------------------------------------------------------------------------------
def hotline_box(model: Model, lang: str, depth: int) -> str:
    href = "../" * depth + ("bao-ve-tre-em.md" if lang == "vi" else "bao-ve-tre-em.md")
    more = "Các kênh khác và cách báo cáo trực tuyến" if lang == "vi" else "Other channels and how to report online"
    return (f'!!! danger "{t(lang, "hotline_title")}"\n\n'
            f'    **[☎ 111](tel:111)** — {t(lang, "hotline_text")} [{more}]({href})\n')


def home(model: Model, lang: str, statuses: dict[str, Progress]) -> str:
    vi = lang == "vi"
    intro = (
        "Trang này theo dõi **Chương trình hành động quốc gia vì trẻ em giai đoạn 2021–2030** "
        "([Quyết định 23/QĐ-TTg](bo-du-lieu/documents.md), 07/01/2021) tại tỉnh **Ninh Thuận** "
        "(Kế hoạch 861/KH-UBND năm 2021). Từ 1/7/2025 Ninh Thuận là một phần của tỉnh Khánh Hòa. "
        "Mỗi con số đều có nguồn và có thể tải về; chỗ nào chưa có số liệu, trang web nói rõ là chưa có."
        if vi else
        "This site follows the **National Action Programme for Children 2021–2030** "
        "([Decision 23/QĐ-TTg](bo-du-lieu/documents.md), 7 January 2021) in **Ninh Thuận** province "
        "(Plan 861/KH-UBND, 2021). Since 1 July 2025 Ninh Thuận is part of Khánh Hòa province. "
        "Every number has its source and can be downloaded; where there is no data, the site says so.")
    parts = [f"# {t(lang, 'site_name')}", hotline_box(model, lang, 0), intro, f"## {t(lang, 'goals')}"]
    for goal in model.goals:
        counts = Counter(statuses[i.id].status for i in goal.indicators)
        summary = ", ".join(f"{STATUS_ICON[s]} {label(STATUS, s, lang)}: {counts[s]}" for s in STATUS if counts[s])
        parts.append(f"### [{t(lang, 'goal_n', id=goal.id)}: {esc(goal.name(lang))}](muc-tieu/{goal.id}.md)\n\n"
                     f"{len(goal.indicators)} {t(lang, 'indicators').lower()} — {summary}\n")
        parts.append(" · ".join(f"[{i.id}](chi-so/{i.id}.md)" for i in goal.indicators) + "\n")
    total = len(model.indicators)
    empty = sum(1 for i in model.indicators.values() if chart_rows(model, i, lang).empty)
    nt = model.observations[model.observations["area_code"] == "58"]
    last_year = int(nt["year"].max()) if len(nt) else "–"
    parts.append(f"## {t(lang, 'coverage')}\n\n{t(lang, 'gap_summary', n=empty, total=total, year=last_year)} "
                 f"[{t(lang, 'coverage')}](do-bao-phu.md) · [{t(lang, 'all_indicators')}](chi-so/index.md)\n")
    parts.append(f"## {t(lang, 'updates')}\n\n" + updates_list(model, lang, limit=5, prefix="") +
                 f"\n[{t(lang, 'see_all')}](moi-cap-nhat.md)\n")
    parts.append(f"## {t(lang, 'datasets')}\n\n[{t(lang, 'datasets')}](bo-du-lieu/index.md) · "
                 f"[{'Dữ liệu mở và API' if vi else 'Open data and API'}](du-lieu-mo.md) · "
                 f"[{'Phương pháp' if vi else 'Methodology'}](phuong-phap.md)\n")
    return page(t(lang, "site_name"), "\n\n".join(parts),
                "Theo dõi 24 chỉ tiêu của Chương trình hành động quốc gia vì trẻ em 2021–2030 tại Ninh Thuận." if vi else
                "Monitoring the 24 indicators of the National Action Programme for Children 2021–2030 in Ninh Thuận.")


def changelog_entries(model: Model) -> list[dict]:
    out = []
    for name, ds in model.datasets.items():
        for c in ds.descriptor.get("changelog") or []:
            if isinstance(c, dict):
                out.append({"dataset": name, "title": ds.descriptor.get("title", name),
                            "title_en": ds.descriptor.get("title_en", name), **c})
    return sorted(out, key=lambda c: (str(c.get("date", "")), c["dataset"]), reverse=True)


def updates_list(model: Model, lang: str, limit: int | None = None, prefix: str = "") -> str:
    rows = []
    for c in changelog_entries(model)[:limit]:
        title = c["title_en"] if lang == "en" else c["title"]
        desc = c.get("description_en") if lang == "en" else c.get("description")
        rows.append(f"- **{esc(c.get('date', ''))}** — [{esc(title)}]({prefix}bo-du-lieu/{c['dataset']}.md) "
                    f"{esc(c.get('version', ''))}: {esc(desc or '')}")
    return "\n".join(rows) + "\n"


def updates(model: Model, lang: str) -> str:
    feed = "Nguồn cấp Atom" if lang == "vi" else "Atom feed"
    body = f"# {t(lang, 'updates')}\n\n" + updates_list(model, lang) + f"\n[{feed}](data/releases.atom)\n"
    return page(t(lang, "updates"), body)


# --- goals -------------------------------------------------------------------------------------------------------
def goal_page(model: Model, goal: Goal, lang: str, statuses: dict[str, Progress]) -> str:
    rows = []
    for ind in goal.indicators:
        t25 = next((target_text(x, ind.unit, lang) for x in ind.targets if x.scope == "national" and x.year == 2025), "–")
        t30 = next((target_text(x, ind.unit, lang) for x in ind.targets if x.scope == "national" and x.year == 2030), "–")
        rows.append([f"[{ind.id}]({ind.id}.md)".replace("(", "(../chi-so/", 1), esc(ind.name(lang)),
                     latest_text(model, ind, lang), t25, t30, status_badge(statuses[ind.id], lang)])
    body = (f"# {t(lang, 'goal_n', id=goal.id)}: {esc(goal.name(lang))}\n\n"
            + table([t(lang, "indicator"), t(lang, "name"), t(lang, "latest"), t(lang, "target_2025"), t(lang, "target_2030"),
                     t(lang, "status")], rows)
            + f"\n{'Tình trạng tính theo' if lang == 'vi' else 'Status follows the'} "
              f"[{'phương pháp đã công bố' if lang == 'vi' else 'published method'}](../phuong-phap.md).\n")
    return page(f"{t(lang, 'goal_n', id=goal.id)}: {goal.name(lang)}", body)


def goals_hub(model: Model, lang: str) -> str:
    rows = [[f"[{t(lang, 'goal_n', id=g.id)}]({g.id}.md)", esc(g.name(lang)), str(len(g.indicators))] for g in model.goals]
    body = f"# {t(lang, 'goals')}\n\n" + table([t(lang, "goal"), t(lang, "name"), t(lang, "indicators")], rows)
    return page(t(lang, "goals"), body)


def indicators_hub(model: Model, lang: str, statuses: dict[str, Progress]) -> str:
    parts = [f"# {t(lang, 'all_indicators')}"]
    for goal in model.goals:
        parts.append(f"## [{t(lang, 'goal_n', id=goal.id)}: {esc(goal.name(lang))}](../muc-tieu/{goal.id}.md)")
        parts.append(table([t(lang, "indicator"), t(lang, "name"), t(lang, "latest"), t(lang, "status")],
                           [[f"[{i.id}]({i.id}.md)", f"[{esc(i.name(lang))}]({i.id}.md)", latest_text(model, i, lang),
                             status_badge(statuses[i.id], lang)] for i in goal.indicators]))
    return page(t(lang, "all_indicators"), "\n\n".join(parts))


# --- indicators --------------------------------------------------------------------------------------------------
def _source_label(model: Model, url: str, lang: str) -> str:
    safe = fmt.url(url)
    if not safe:
        return esc(url)
    host = url.split("/")[2] if url.count("/") >= 2 else url
    return link(url, host)


def indicator_page(model: Model, ind: Indicator, lang: str, progress: tuple[Progress, str, str], chart: dict | None,
                   updated: str) -> str:
    vi = lang == "vi"
    p, p_area, p_series = progress
    goal = next(g for g in model.goals if g.id == ind.goal_id)
    parts = [f"# {t(lang, 'indicator_n', id=ind.id)}: {esc(ind.name(lang))}",
             f"[{t(lang, 'goal_n', id=goal.id)}: {esc(goal.name(lang))}](../muc-tieu/{goal.id}.md)"]
    facts = [[t(lang, "unit"), esc(label(UNITS, ind.unit, lang))],
             [t(lang, "direction"), esc(label(DIRECTIONS, ind.direction, lang))]]
    for tg in ind.targets:
        facts.append([f"{t(lang, 'target')} {tg.year} — {scope_name(model, tg.scope, lang)}",
                      f"{target_text(tg, ind.unit, lang)} · {esc(label(VERIFICATION, tg.verification, lang))} · "
                      f"{link(tg.source_url, t(lang, 'source'))}"])
    reason = f" ({esc(label(STATUS_REASON, p.reason, lang))})" if p.reason else ""
    facts.append([t(lang, "status"), f"**{status_badge(p, lang)}**{reason}"])
    facts.append([t(lang, "latest"), latest_text(model, ind, lang)])
    facts.append([t(lang, "last_updated"), esc(updated)])
    parts.append(table([t(lang, "property"), t(lang, "value")], facts))
    if ind.wording_vi:
        quote = f"“{esc(ind.wording_vi)}”"
        parts.append(f"**{t(lang, 'wording')}:** " + (f'<span lang="vi">{quote}</span>' if lang == "en" else quote))
    if any(not tg.usable for tg in ind.targets):
        parts.append('!!! warning "' + ("Giá trị mục tiêu đáng ngờ" if vi else "Doubtful target") + '"\n\n    ' + (
            "Giá trị mục tiêu của chỉ tiêu này chỉ thấy trong một bản sao không chính thức của Quyết định 23/QĐ-TTg và "
            "trùng với chỉ tiêu khác, có thể do lỗi sao chép. Trang web không dùng nó làm mục tiêu cho tới khi đối chiếu "
            "được văn bản chính thức." if vi else
            "This indicator's target values appear only in an unofficial copy of Decision 23/QĐ-TTg and equal another "
            "indicator's, which suggests a copy error. The site does not use them as targets until they are checked "
            "against the official text."))
    # chart
    parts.append(f"## {t(lang, 'chart')}")
    if chart:
        # Raw HTML is not rewritten by MkDocs: from /chi-so/<id>/ or /en/chi-so/<id>/ to the shared /bieu-do/ files.
        parts.append(charts.picture("../../bieu-do/" if lang == "vi" else "../../../bieu-do/", f"{ind.id}-{lang}",
                                    esc(chart["description"]), chart) + "\n\n"
                     f"*{esc(chart['description'])}*\n\n"
                     f"[SVG](../bieu-do/{ind.id}-{lang}.svg) · [PNG](../bieu-do/{ind.id}-{lang}.png) · "
                     f"[{t(lang, 'interactive')}](../bieu-do/{ind.id}.md) · "
                     f"[Vega-Lite JSON](../bieu-do/{ind.id}-{lang}-vegalite.json)")
    else:
        parts.append(t(lang, "no_chart"))
    # table: observations and targets together
    parts.append(f"## {t(lang, 'data_table')}")
    obs = chart_rows(model, ind, lang)
    rows = []
    if len(obs) > MAX_TABLE_ROWS:
        parts.append(ranked_table(model, ind, obs, lang))
        obs = obs.iloc[0:0]
    for r in obs.itertuples():
        flags = []
        if r.preliminary:
            flags.append(t(lang, "provisional_value"))
        if r.conflict:
            flags.append("⚠️ " + t(lang, "conflict"))
        flags.append(esc(label(SOURCE_STATUS, r.source_status, lang)))
        rows.append([t(lang, "observed"), str(r.year), esc(r.line), value_text(r.value, ind.unit, lang),
                     "; ".join(flags), _source_label(model, r.source_url, lang)])
    for tg in ind.targets:
        rows.append([f"**{t(lang, 'target')}**", str(tg.year), scope_name(model, tg.scope, lang),
                     target_text(tg, ind.unit, lang), esc(label(VERIFICATION, tg.verification, lang)),
                     _source_label(model, tg.source_url, lang)])
    parts.append(table([t(lang, "kind"), t(lang, "year"), t(lang, "series"), t(lang, "value"), t(lang, "notes"),
                        t(lang, "source")], rows) or t(lang, "no_data"))
    # progress
    parts.append(f"## {t(lang, 'progress')}")
    parts.append(progress_block(model, ind, p, p_area, p_series, lang))
    # related series
    related = related_rows(model, ind, lang)
    if related:
        parts.append(f"## {t(lang, 'related_series')}\n\n" + related)
    # notes
    notes = [f"- {t(lang, 'target')} {tg.year} ({scope_name(model, tg.scope, lang)}): {fmt.esc_lang(tg.note, lang)}"
             for tg in ind.targets if tg.note]
    obs_notes = sorted(set(obs["note"])) if len(obs) else []
    notes += [f"- {fmt.esc_lang(n, lang)}" for n in obs_notes if n]
    if notes:
        parts.append(f"## {t(lang, 'notes')}\n\n" + "\n".join(notes))
    # downloads
    parts.append(f"## {t(lang, 'download')}\n\n"
                 f"- [CSV — {'số liệu của chỉ tiêu này' if vi else 'this indicator’s data'}](../data/chi-so/{ind.id}.csv)\n"
                 f"- [{'Toàn bộ số liệu quan sát' if vi else 'All observations'} (CSV)](../data/observations/observations.csv)"
                 + (" · [XLSX](../data/observations/observations.xlsx)"
                    if "observations.xlsx" in downloads.dataset_files(model.datasets["observations"]) else "") + "\n"
                 f"- [{'Toàn bộ mục tiêu' if vi else 'All targets'} (CSV)](../data/programme-targets/targets.csv)\n"
                 f"- [{t(lang, 'datasets')}](../bo-du-lieu/index.md)")
    parts.append(citation_block(indicator_citation(model, ind, lang), lang))
    return page(f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}", "\n\n".join(parts),
                chart["description"] if chart else ind.name(lang), data_date=updated)


MAX_TABLE_ROWS = 300  # above this (national scale) the page shows a ranked table; every row stays in the CSV


def ranked_table(model: Model, ind: Indicator, obs: pd.DataFrame, lang: str, top: int = 15) -> str:
    """The latest year's values by area, highest and lowest first: readable with thousands of communes."""
    year = int(obs["year"].max())
    latest = obs[obs["year"] == year]
    if "sex" in latest:
        total = latest[latest["sex"] == "total"]
        latest = total if len(total) else latest.groupby(["area_code", "series"], as_index=False)["value"].mean()
    latest = latest.sort_values("value", ascending=ind.direction == "decrease", kind="stable")
    n = len(latest)
    shown = latest if n <= 2 * top else pd.concat([latest.head(top), latest.tail(top)])
    rows = []
    for rank, (pos, r) in enumerate(zip(range(n), shown.itertuples()), 1):
        place = rank if rank <= top or n <= 2 * top else n - (len(shown) - rank)
        area = model.area(r.area_code, year)
        name = esc(area.name(lang)) if area else esc(r.area_code)
        if area is not None and has_area_page(model, area):
            name = f"[{name}](../dia-ban/{area.slug}.md)"
        rows.append([str(place), name, value_text(r.value, ind.unit, lang)])
    intro = (f"{n} địa bàn có số liệu năm {year}; bảng dưới đây là {top} địa bàn tốt nhất và {top} địa bàn kém nhất "
             f"(giá trị trung bình của nam và nữ khi không có số chung). Mọi dòng có trong tệp CSV của chỉ tiêu."
             if lang == "vi" else
             f"{n} areas have data for {year}; below are the best {top} and the worst {top} (the mean of female and "
             f"male where there is no total). Every row is in the indicator's CSV file.")
    return intro + "\n\n" + table(["#", t(lang, "area"), t(lang, "value")], rows)


def progress_block(model: Model, ind: Indicator, p: Progress, area: str, series: str, lang: str) -> str:
    vi = lang == "vi"
    lines = [f"**{status_badge(p, lang)}**" + (f" — {esc(label(STATUS_REASON, p.reason, lang))}" if p.reason else "")]
    if area:
        where = model.area(area)
        lines.append(f"{t(lang, 'assessed_on')}: {esc(where.name(lang)) if where else area}, "
                     f"{esc(label(SERIES, series, lang))}.")
    rows = []
    if p.base_year is not None:
        rows.append([t(lang, "baseline"), f"{value_text(p.base_value, ind.unit, lang)} ({p.base_year})"])
    if p.latest_year is not None and p.latest_year != p.base_year:
        rows.append([t(lang, "latest"), f"{value_text(p.latest_value, ind.unit, lang)} ({p.latest_year})"])
    if p.target_year is not None:
        rows.append([t(lang, "target"), f"{label(COMPARISONS, p.comparison, lang)} "
                                        f"{value_text(p.target_value, ind.unit, lang)} ({p.target_year})"])
    if p.ratio is not None:
        pct = lambda v: f"{fmt.number(v * 100, lang, 2)}%"  # noqa: E731
        rows.append(["CAGR " + ("quan sát" if vi else "observed"), pct(p.cagr_observed)])
        rows.append(["CAGR " + ("cần thiết" if vi else "required"), pct(p.cagr_required)])
        rows.append(["R", fmt.number(p.ratio, lang, 2)])
    if rows:
        lines.append(f"{t(lang, 'progress_inputs')}:\n\n" + table([t(lang, "property"), t(lang, "value")], rows))
    lines.append(f"[{t(lang, 'how_computed')}](../phuong-phap.md)")
    return "\n\n".join(lines)


def related_rows(model: Model, ind: Indicator, lang: str) -> str:
    relation = dict(zip(model.measures["measure"], model.measures["relation"]))
    related_measures = sorted(set(model.measures.loc[model.measures["indicator_id"] == ind.id, "measure"]))
    obs = model.rows("measure", *related_measures)
    obs = obs[~obs["measure"].map(relation).isin(("same", "survey-definition"))]
    if obs.empty:
        return ""
    names = dict(zip(model.measures["measure"], model.measures["name_" + lang]))
    rows = []
    for (measure, area, series), g in obs.groupby(["measure", "area_code", "series"], sort=True):
        g = g.sort_values("year")
        last = g.iloc[-1]
        rows.append([esc(names.get(measure, measure)), esc(area), esc(label(SERIES, series, lang)),
                     f"{g['year'].min()}–{g['year'].max()}", f"{value_text(last['value'], last['unit'], lang)} ({last['year']})"])
    return table([t(lang, "series"), t(lang, "area"), t(lang, "source"), t(lang, "years_with_data"), t(lang, "latest")], rows)


def citation_block(c: dict[str, str], lang: str) -> str:
    """A citation (feeds.citation: publisher, year, title, version, absolute URL, licence), an access-date
    placeholder and the licence notice. Every part is escaped: titles and publishers come from datasets."""
    vi = lang == "vi"
    year = esc(c["year"]) or ("không rõ năm" if vi else "n.d.")
    kind = "Bộ dữ liệu" if vi else "Data set"
    version = f" ({'phiên bản' if vi else 'version'} {esc(c['version'])})" if c["version"] else ""
    accessed = "truy cập ngày …" if vi else "accessed …"
    lic = link(c["licence_url"], c["licence"], external=False)
    notice = (f"Giấy phép: {lic}. Bạn được tự do chia sẻ và dùng lại, kể cả cho mục đích thương mại, miễn là ghi công "
              f"như trên và ghi nguồn gốc của từng số liệu (cột nguồn)." if vi else
              f"Licence: {lic}. You may share and reuse this, including commercially, as long as you credit it as "
              f"above and credit the source of each figure (the source column).")
    return (f"## {t(lang, 'cite')}\n\n"
            f'<div class="citation" markdown="1">\n\n'
            f"{esc(c['publisher'])} ({year}). *{esc(c['title'])}*{version} [{kind}]. "
            f"{link(c['url'], c['url'], external=False)} ({accessed}).\n\n</div>\n\n{notice}\n")


def script_json(data: object) -> str:
    """JSON for a <script> element: '<', '>' and '&' become \\u003c, \\u003e and \\u0026 (and the JavaScript line
    separators are escaped), so no text inside can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def chart_page(ind: Indicator, lang: str, description: str) -> str:
    """The interactive version: vega, vega-lite and vega-embed come from the site itself, only when opened."""
    # Raw HTML is not rewritten by MkDocs: from /bieu-do/<id>/ or /en/bieu-do/<id>/ to the shared /bieu-do/ files.
    here = "../" if lang == "vi" else "../../../bieu-do/"
    vi = lang == "vi"
    embed = (f'<iframe src="{feeds.page_url(f"bieu-do/{ind.id}/", lang)}" width="700" height="560" '
             f'title="{html.escape(ind.name(lang), quote=True)}" loading="lazy"></iframe>')  # shown in a code block
    body = (f"# {t(lang, 'indicator_n', id=ind.id)}: {esc(ind.name(lang))}\n\n"
            f'<div class="vega-chart" data-spec="{here}{ind.id}-{lang}-vegalite.json" data-lang="{lang}" '
            f'data-small-spec="{here}{ind.id}-{lang}-small-vegalite.json" data-small-media="{charts.SMALL_SCREEN}">\n'
            f'{charts.picture(here, f"{ind.id}-{lang}", esc(description), lazy=False)}\n</div>\n\n'
            f"*{esc(description)}*\n\n"
            f"[← {t(lang, 'indicator_n', id=ind.id)}](../chi-so/{ind.id}.md)\n\n"
            f"## {'Tải biểu đồ' if vi else 'Download the chart'}\n\n"
            f"[SVG]({ind.id}-{lang}.svg) · [PNG]({ind.id}-{lang}.png) · "
            f"[PNG {'cho điện thoại' if vi else 'for phones'}]({ind.id}-{lang}-small.png) · "
            f"[Vega-Lite JSON]({ind.id}-{lang}-vegalite.json) · "
            f"[{'Số liệu' if vi else 'Data'} (CSV)](../data/chi-so/{ind.id}.csv)\n\n"
            f"## {'Nhúng biểu đồ vào trang khác' if vi else 'Embed this chart'}\n\n"
            f"{'Dán đoạn mã này vào trang của bạn' if vi else 'Paste this code into your page'}:\n\n"
            f"```html\n{embed}\n```\n\n"
            f"{'Khi dùng lại, hãy ghi công' if vi else 'When reusing, credit'}: {esc(feeds.PROJECT[lang])}, "
            f"{link(feeds.LICENCE_URL, 'CC BY 4.0', external=False)}.\n")
    return page(f"{t(lang, 'chart')} {ind.id}: {ind.name(lang)}", body, description)


# --- datasets ----------------------------------------------------------------------------------------------------
def human_size(n: int, lang: str) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{fmt.number(n / scale, lang, 1)} {unit}"
    return f"{fmt.number(n, lang)} B"


def indicator_citation(model: Model, ind: Indicator, lang: str) -> dict[str, str]:
    """An indicator page draws on the observations and the programme's targets: its year is the latest release of
    either, its version names both."""
    used = [model.datasets[n] for n in ("observations", "programme-targets") if n in model.datasets]
    base = used[0].descriptor if used else {}
    c = feeds.citation(base, lang, feeds.page_url(f"chi-so/{ind.id}/", lang),
                       title=f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}")
    c["year"] = max((feeds.modified(ds.descriptor)[:4] for ds in used), default="")
    c["version"] = ", ".join(f"{ds.name} {ds.descriptor.get('version', '')}" for ds in used)
    return c


MEDIA = {"csv": "text/csv", "xlsx": downloads.XLSX_MEDIA, "json": "application/json", "zip": "application/zip"}


def dataset_places(model: Model, ds, lang: str) -> list[dict]:
    """schema.org Places for the areas named in the data's area_code columns; Ninh Thuận when there are none."""
    codes = sorted({c for tb in ds.tables.values() if "area_code" in tb.df.columns
                    for c in tb.df["area_code"].unique() if isinstance(c, str) and c})
    places = []
    for code in codes:
        area = model.area(code)
        name = area.name(lang) if area else ("Việt Nam" if lang == "vi" else "Viet Nam") if code == "VN" else code
        places.append({"@type": "Place", "name": name, "identifier": code})
    return places or [{"@type": "Place", "name": "Ninh Thuận, Việt Nam" if lang == "vi" else "Ninh Thuận, Viet Nam",
                       "identifier": "58"}]


def dataset_jsonld(model: Model, name: str, lang: str, files: dict[str, bytes]) -> dict:
    """schema.org Dataset for search engines and tools that read the page (not the DCAT catalogue, which is
    data/catalog.jsonld)."""
    ds = model.datasets[name]
    d = ds.descriptor
    en = lang == "en"
    url = feeds.page_url(f"bo-du-lieu/{name}/", lang)
    org = {"@type": "Organization", "name": feeds.publisher(d, lang), "url": feeds.SITE_URL}
    dists = []
    for fname in sorted(files):
        ext = fname.rsplit(".", 1)[-1]
        if fname != "datapackage.json" and ext in MEDIA:
            dists.append({"@type": "DataDownload", "name": fname, "encodingFormat": MEDIA[ext],
                          "contentUrl": feeds.file_url(f"data/{name}/{fname}"), "contentSize": f"{len(files[fname])} B"})
    cite = feeds.citation(d, lang, url)
    data = {"@context": "https://schema.org", "@type": "Dataset", "@id": f"{url}#dataset", "url": url,
            "name": str(d.get("title_en" if en else "title") or name),
            "alternateName": str(d.get("title" if en else "title_en") or name),
            "description": str(d.get("description_en" if en else "description") or d.get("title") or name),
            "identifier": name, "version": str(d.get("version") or ""), "inLanguage": lang,
            "keywords": [str(k) for k in d.get("keywords") or [] if k],
            "license": feeds.licence(d)[1], "isAccessibleForFree": True,
            "creator": org, "publisher": org, "creditText": feeds.citation_text(cite, lang),
            "spatialCoverage": dataset_places(model, ds, lang),
            "isBasedOn": [s["path"] for s in d.get("sources") or [] if isinstance(s, dict) and fmt.url(s.get("path"))],
            "distribution": dists}
    if feeds.modified(d):
        data["dateModified"] = feeds.modified(d)
        data["datePublished"] = feeds.issued(d)
    years = feeds.data_years(ds)
    if years:
        data["temporalCoverage"] = f"{years[0]}/{years[1]}"
    return data


def dataset_page(model: Model, name: str, lang: str) -> str:
    ds = model.datasets[name]
    d = ds.descriptor
    en = lang == "en"
    title = d.get("title_en") if en else d.get("title")
    desc = d.get("description_en") if en else d.get("description")
    files = downloads.dataset_files(ds)
    sizes = {k: len(v) for k, v in files.items()}
    size = lambda f: f" ({human_size(sizes[f], lang)})" if f in sizes else ""  # noqa: E731
    lic_name, lic_url = feeds.licence(d)
    parts = [f"# {esc(title)}", esc(desc)]
    parts.append(table([t(lang, "property"), t(lang, "value")], [
        [t(lang, "version"), esc(d.get("version", ""))],
        [t(lang, "licence"), link(lic_url, lic_name)],
        [t(lang, "last_updated"), esc(feeds.modified(d))],
        ["datapackage.json", f"[datapackage.json](../data/{name}/datapackage.json){size('datapackage.json')}"],
        ["ZIP", f"[{esc(name)}.zip](../data/{name}/{name}.zip){size(f'{name}.zip')}"],
    ] + ([[("Mẫu Excel để cập nhật" if not en else "Excel template for updates"),
           f"[{esc(name)}.xlsx](../mau-excel/{name}.xlsx) · "
           f"{'hướng dẫn trong CONTRIBUTING.md' if not en else 'see CONTRIBUTING.md'}"]]
         if downloads.has_template(ds) else [])))
    parts.append(("Tệp ZIP gồm các tệp CSV, datapackage.json, README.md và giấy phép. datapackage.json ghi dung lượng "
                  "(`bytes`) và mã băm sha256 (`hash`) của từng tệp CSV để kiểm tra tệp tải về còn nguyên vẹn. "
                  if not en else
                  "The ZIP holds the CSV files, datapackage.json, README.md and the licence. datapackage.json gives the "
                  "size (`bytes`) and sha256 (`hash`) of each CSV file, to check a download is intact. ") +
                 f"[{'Cách dùng' if not en else 'How to use them'}](../du-lieu-mo.md)")
    parts.append(f"## {t(lang, 'resources')}")
    for r in d.get("resources", []):
        rname = r["name"]
        rtitle = r.get("title_en") if en else r.get("title")
        links = " · ".join(f"[{ext.upper()}](../data/{name}/{rname}.{ext}){size(f'{rname}.{ext}')}"
                           for ext in ("csv", "xlsx", "json") if f"{rname}.{ext}" in files)
        nrows = len(ds.tables[rname].df) if rname in ds.tables else 0
        stable = (f"\n\n{'Địa chỉ cố định' if not en else 'Stable address'}: "
                  f"{link(feeds.file_url(f'data/{name}/{rname}.csv'), feeds.file_url(f'data/{name}/{rname}.csv'), external=False)}"
                  f" · sha256 <code>{esc(ds.hashes.get(rname, ''))}</code>"
                  if rname in ds.hashes else "")
        parts.append(f"### {esc(rtitle)} (`{esc(rname)}`)\n\n{esc(r.get('description_en') if en else r.get('description'))}\n\n"
                     f"{t(lang, 'rows')}: {fmt.number(nrows, lang)} · {links}{stable}")
        fields = (r.get("schema") or {}).get("fields") or []
        parts.append(table([t(lang, "field"), t(lang, "type"), t(lang, "title"), t(lang, "description")],
                           [[f"`{esc(f.get('name'))}`", esc(f.get("type", "string")),
                             esc(f.get("title_en") if en else f.get("title")),
                             esc(f.get("description_en") if en else f.get("description"))] for f in fields]))
    parts.append(f"## {t(lang, 'sources')}\n\n" + "\n".join(
        f"- {link(s.get('path'), src_title, lang=lang) if s.get('path') else fmt.esc_lang(src_title, lang)}"
        for s in d.get("sources") or [] for src_title in [s.get("title_en" if en else "title") or s.get("title", "")]))
    parts.append(f"## {'Nhật ký thay đổi' if not en else 'Changelog'}\n\n" + "\n".join(
        f"- **{esc(c.get('version'))}** ({esc(c.get('date'))}): {esc(c.get('description_en') if en else c.get('description'))}"
        for c in d.get("changelog") or []))
    parts.append(citation_block(feeds.citation(d, lang, feeds.page_url(f"bo-du-lieu/{name}/", lang)), lang))
    parts.append(f'<script type="application/ld+json">{script_json(dataset_jsonld(model, name, lang, files))}</script>')
    return page(title, "\n\n".join(parts), desc or "")


def datasets_hub(model: Model, lang: str) -> str:
    en = lang == "en"
    rows = [[f"[{esc(ds.descriptor.get('title_en' if en else 'title'))}]({n}.md)", f"`{n}`",
             esc(ds.descriptor.get("version", "")), f"[ZIP](../data/{n}/{n}.zip)"] for n, ds in model.datasets.items()]
    body = (f"# {t(lang, 'datasets')}\n\n" + table([t(lang, "title"), t(lang, "dataset"), t(lang, "version"), t(lang, "download")], rows) +
            f"\n[{'Tất cả dữ liệu (ZIP)' if not en else 'All data (ZIP)'}](../data/all-data.zip) · "
            f"[{'Danh mục DCAT' if not en else 'DCAT catalogue'}](../data/catalog.jsonld)\n")
    return page(t(lang, "datasets"), body)


# --- areas -------------------------------------------------------------------------------------------------------
def area_pages_for(model: Model) -> list[Area]:
    """Country, provinces and districts always; communes when they have data (national scale: 3,321 of them)."""
    if "area_pages" not in model.memo:
        with_data = set(model.index.get("area_code", {}))
        model.memo["area_pages"] = [a for a in model.areas
                                    if a.level in ("country", "province", "district") or a.code in with_data]
        model.memo["area_page_set"] = {id(a) for a in model.memo["area_pages"]}
    return model.memo["area_pages"]


def has_area_page(model: Model, area: Area) -> bool:
    area_pages_for(model)
    return id(area) in model.memo["area_page_set"]


def area_page(model: Model, area: Area, lang: str, statuses: dict[str, Progress]) -> str:
    vi = lang == "vi"
    parts = [f"# {esc(area.name(lang))}"]
    valid = f"{esc(area.valid_from) or '…'} → {esc(area.valid_to) or ('nay' if vi else 'now')}"
    facts = [[t(lang, "level"), esc(label(LEVELS, area.level, lang))], [t(lang, "valid"), valid],
             ["Mã" if vi else "Code", f"`{esc(area.code)}`"]]
    parent = model.area(area.parent_code) if area.parent_code else None
    if parent:
        facts.append([t(lang, "parent"), f"[{esc(parent.name(lang))}]({parent.slug}.md)"])
    if area.successor_code:
        succ = next((a for a in model.area_index.get(area.successor_code, []) if a.valid_from), None) or model.area(area.successor_code)
        if succ:
            target = f"[{esc(succ.name(lang))}]({succ.slug}.md)" if has_area_page(model, succ) else esc(succ.name(lang))
            facts.append([t(lang, "successor"), f"{target} ({esc(label(BASIS, area.successor_basis, lang))})"])
    facts.append([t(lang, "source"), fmt.esc_lang(area.source, lang)])
    parts.append(table([t(lang, "property"), t(lang, "value")], facts))
    if area.code in ("58", "56") or area.level == "district":
        parts.append(f'!!! info "{"Sắp xếp đơn vị hành chính 2025" if vi else "The 2025 reorganisation"}"\n\n    {t(lang, "merger_note")}')
    start = int(area.valid_from[:4]) if area.valid_from else -1
    end = int(area.valid_to[:4]) if area.valid_to else 10**6
    summary = [s for s in area_summary(model).get(area.code, ()) if s.last_year >= start and s.first_year <= end]
    parts.append(f"## {t(lang, 'indicators_with_data')}")
    if not summary:
        parts.append(t(lang, "no_data") + ("." if vi else "."))
    else:
        rows = []
        for s in summary:
            if s.indicator_id not in model.indicators:
                continue
            ind = model.indicators[s.indicator_id]
            rows.append([f"[{ind.id}](../chi-so/{ind.id}.md)", esc(ind.name(lang)), f"{s.first_year}–{s.last_year}",
                         f"{value_text(s.value, s.unit, lang)} ({s.last_year}, {esc(label(SERIES, s.series, lang))})"])
        parts.append(table([t(lang, "indicator"), t(lang, "name"), t(lang, "years_with_data"), t(lang, "latest")], rows))
    children = [a for a in model.children(area.code)
                if not area.valid_to or not a.valid_from or a.valid_from <= area.valid_to]
    if children:
        rows = []
        for c in sorted(children, key=lambda a: a.code):
            succ = next((a for a in model.area_index.get(c.successor_code, []) if a.valid_from), None)
            name = f"[{esc(c.name(lang))}]({c.slug}.md)" if has_area_page(model, c) else esc(c.name(lang))
            rows.append([f"`{esc(c.code)}`", name, esc(label(LEVELS, c.level, lang)),
                         f"{esc(succ.name(lang))} (`{esc(succ.code)}`, {esc(label(BASIS, c.successor_basis, lang))})" if succ else "–"])
        parts.append(f"## {t(lang, 'units_below')}\n\n" + table(
            ["Mã" if vi else "Code", t(lang, "name"), t(lang, "level"), t(lang, "successor")], rows))
    return page(area.name(lang), "\n\n".join(parts))


def area_summary(model: Model) -> dict[str, list]:
    """Per area, a record per indicator (in the programme's order): first and last year with data and the latest
    value — one pass over the table for all areas (at national scale a per-area groupby took minutes), kept as plain
    records (a page per area filtering a DataFrame of its own took 11 s for 6,700 pages). The latest row is the last
    in the table's order for the latest year, as the indicator pages show it."""
    if "area_summary" not in model.memo:
        obs = model.observations
        obs = obs[obs["indicator_id"].ne("") & obs["value"].notna()] if len(obs) else obs
        if obs.empty:
            model.memo["area_summary"] = {}
        else:
            ordered = obs.sort_values(["area_code", "indicator_id", "year"], kind="stable")
            grouped = ordered.groupby(["area_code", "indicator_id"], sort=False)
            summary = grouped.tail(1)[["area_code", "indicator_id", "year", "value", "unit", "series"]].rename(
                columns={"year": "last_year"})
            summary["first_year"] = grouped["year"].min().to_numpy()
            order = {k: i for i, k in enumerate(model.indicators)}
            summary = summary.assign(_o=summary["indicator_id"].map(order)).sort_values(["area_code", "_o"], kind="stable")
            records: dict[str, list] = {}
            for record in summary.drop(columns="_o").itertuples(index=False, name="AreaIndicator"):
                records.setdefault(record.area_code, []).append(record)
            model.memo["area_summary"] = records
    return model.memo["area_summary"]


def areas_hub(model: Model, lang: str) -> str:
    rows = [[f"[{esc(a.name(lang))}]({a.slug}.md)", f"`{esc(a.code)}`", esc(label(LEVELS, a.level, lang)),
             f"{esc(a.valid_from) or '…'} → {esc(a.valid_to) or ('nay' if lang == 'vi' else 'now')}"] for a in area_pages_for(model)]
    body = f"# {t(lang, 'areas')}\n\n{t(lang, 'merger_note')}\n\n" + table(
        [t(lang, "name"), "Mã" if lang == "vi" else "Code", t(lang, "level"), t(lang, "valid")], rows)
    return page(t(lang, "areas"), body)


# --- coverage ----------------------------------------------------------------------------------------------------
def coverage(model: Model, lang: str) -> str:
    areas = ["58", "56", "60", "VN"]
    names = {c: (model.area(c).name(lang).replace("Tỉnh ", "").replace(" Province", "") if model.area(c) else c) for c in areas}
    rows = []
    for ind in model.indicators.values():
        obs = chart_rows(model, ind, lang)
        cells = []
        for c in areas:
            years = sorted(set(obs.loc[obs["area_code"] == c, "year"])) if len(obs) else []
            cells.append(f"{years[0]}–{years[-1]} ({len(years)})" if years else "—")
        rows.append([f"[{ind.id}](chi-so/{ind.id}.md)", esc(ind.name(lang))] + cells)
    empty = sum(1 for r in rows if all(c == "—" for c in r[2:]))
    intro = (f"Mỗi ô cho biết khoảng năm có số liệu (và số năm). **{empty} trong {len(rows)} chỉ tiêu con chưa có số liệu "
             f"nào.** Ô “—” là chưa có số liệu, không phải bằng 0." if lang == "vi" else
             f"Each cell gives the years with data (and how many). **{empty} of {len(rows)} sub-indicators have no data "
             f"at all.** A “—” means no data, not zero.")
    body = f"# {t(lang, 'coverage')}\n\n{intro}\n\n" + table([t(lang, "indicator"), t(lang, "name")] + [esc(names[c]) for c in areas], rows)
    return page(t(lang, "coverage"), body)


# --- problem codes -----------------------------------------------------------------------------------------------
def problem_codes(lang: str) -> str:
    vi = lang == "vi"
    intro = ("Khi kiểm tra dữ liệu (`python -m scripts validate`, hoặc tự động trong pull request), mỗi lỗi có một mã "
             "cố định dưới đây, vị trí (bộ dữ liệu, tệp, dòng, cột) và cách sửa. Trang này được sinh từ mã nguồn nên "
             "luôn khớp với trình kiểm tra." if vi else
             "When data is validated (`python -m scripts validate`, or automatically in a pull request), every problem "
             "has one of the stable codes below, a location (dataset, file, row, column) and a hint. This page is "
             "generated from the code, so it always matches the validator.")
    rows = [[f'<span id="{code}"></span>`{code}`', esc(c.group), esc(c.title_vi if vi else c.title_en),
             esc(c.hint_vi if vi else c.hint_en)] for code, c in CODES.items()]
    body = f"# {t(lang, 'problem_codes')}\n\n{intro}\n\n" + table(
        ["Mã" if vi else "Code", "Nhóm" if vi else "Group", "Ý nghĩa" if vi else "Meaning", "Cách sửa" if vi else "How to fix"], rows)
    return page(t(lang, "problem_codes"), body)
