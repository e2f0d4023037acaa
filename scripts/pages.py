"""Generated pages: pure functions from the model to Markdown text, one per page type, in either language.

What a page says about an indicator is decided once (scripts/model/decide.py) and put into words once
(scripts/wording.py); the functions here only lay it out. All text that comes from a dataset goes through fmt.esc (or
fmt.link for addresses), so nothing a dataset says can become markup, a script or a link. Links between pages are
Markdown links, so `mkdocs build --strict` checks them.
"""
from __future__ import annotations

import html
import json
from collections import Counter

import pandas as pd

from scripts import charts, downloads, facts, fmt, release_pages, routes, wording
from scripts.sdmx import outputs as sdmx_outputs
from scripts.charts import chart_rows
from scripts.fmt import esc, link
from scripts.i18n import (BASIS, DIRECTIONS, LEVELS, QUALIFIERS, SERIES, STATUS, TRUST, UNITS,
                          VERIFICATION, WORDING_VERIFICATION, label, t)
from scripts.model import Area, Goal, Indicator, Model, Target, changelog_entries
from scripts.model.areas import area_latest, area_pages_for, area_summary, has_area_page  # noqa: F401
from scripts.model.decide import HEADLINE_AREAS, Headline, Status
from scripts.problems import CODES
from scripts.sparkline import sparkline
from scripts.wording import status_badge, value_text
from scripts.manifest import DatasetFiles, Manifest
from scripts.markdown import citation_block, code, excluded_from_search, human_size, page, table



def text_in(lang: str, text_vi: str, text_en: str) -> str:
    """A row's text in the page's language, escaped; on an English page, any Vietnamese quoted in it is marked."""
    return fmt.esc_lang(text_en if lang == "en" else text_vi, lang)


def quote(text: str, quote_lang: str, lang: str) -> str:
    """The source's own words, in quotation marks, marked with their language when it is not the page's."""
    if not text:
        return ""
    inner = f"“{esc(text)}”"
    return f'<q lang="{quote_lang}">{esc(text)}</q>' if quote_lang and quote_lang != lang else inner


def source_link(model: Model, source_id: str, lang: str, trust: bool = True) -> str:
    """A source named by its publisher and title (never by its host), linked, with how far it can be trusted."""
    s = model.source(source_id)
    if not s.source_id:
        return esc(source_id)
    name = f"{s.publisher(lang)}: {s.title(lang)}"
    shown = link(s.url, name, lang=lang) if fmt.url(s.url) else fmt.esc_lang(name, lang)
    return shown + (f" ({esc(label(TRUST, s.trust, lang))})" if trust and s.trust else "")


# --- home --------------------------------------------------------------------------------------------------------
def indicator_count(goal: Goal, lang: str) -> str:
    """'7 chỉ tiêu (13 chỉ tiêu con)': Decision 23 numbers its indicators; 3a, 3b, 3c are sub-indicators of 3."""
    numbers = len({i.number for i in goal.indicators})
    subs = len(goal.indicators)
    return (t(lang, "one_indicator" if numbers == 1 else "n_indicators", n=numbers)
            + (f" ({t(lang, 'n_sub_indicators', n=subs)})" if subs != numbers else ""))


def spark(model: Model, h: Headline, lang: str) -> str:
    """The latest value's series as a sparkline, its target as a dashed level; the same words as the chart say."""
    if h.latest is None or h.latest.value is None or len(h.trend) < 2:
        return ""
    v = h.latest.value
    label = f"{wording.place(model, v.area_code, lang, v.year)}: {wording.trend_phrase(h, lang)}"
    if h.trend_gaps:  # a year left out is said, and the line is broken there
        years = f" {t(lang, 'and')} ".join(map(str, h.trend_gaps))
        label += "; " + t(lang, "years_not_drawn", years=years)
    if h.target is not None:
        label += f". {wording.target_label(model, h.target, lang)}: {wording.target_value_text(h.target, h.indicator.unit, lang)}"
    return sparkline([(p.year, p.value) for p in h.trend], label, h.target.value if h.target else None, h.trend_gaps)


def indicator_card(model: Model, h: Headline, lang: str, here: str) -> str:
    """One indicator at a glance: its name, the latest value with year, area and how far its source can be trusted,
    the target it is compared with (whose), a sparkline, and the status with its reason in words."""
    ind = h.indicator
    v = h.latest.value if h.latest else None
    trust = f' <span class="trust">{esc(label(TRUST, v.trust, lang))}</span>' if v is not None and v.trust else ""
    reason = wording.reason_text(model, h.status, lang)
    status = f'{status_badge(h.status, lang)}' + (f" — {esc(reason)}" if reason else "")
    title = (f'[{esc(ind.short_name(lang))}]({routes.link(here, routes.indicator_doc(ind.id))}) '
             f'<span class="card-code">{t(lang, "indicator")} {esc(ind.id)}</span>\n{{: .card-title }}')
    target = f'{t(lang, "compared_target")}: {comparison_text(model, h, lang)}\n{{: .card-target }}'
    if h.latest is None and not h.rows:  # no figure at all: the status says so, in one line instead of two
        lines = [title, f"{status}\n{{: .card-status }}", target]
    else:
        lines = [title, f'{wording.latest_text(model, h, lang, strong=True)}{trust}\n{{: .card-latest }}', target,
                 spark(model, h, lang), f"{status}\n{{: .card-status }}"]
    return '<div class="card" markdown="1">\n\n' + "\n\n".join(x for x in lines if x) + "\n\n</div>"


def dashboard(model: Model, goal: Goal, headlines: dict[str, Headline], lang: str, here: str) -> str:
    """A goal's indicators as cards, in the programme's order (HTML: the links are the site's own, relative)."""
    return '<div class="dashboard" markdown="1">\n\n' + "\n\n".join(indicator_card(model, headlines[i.id], lang, here)
                                                               for i in goal.indicators) + "\n\n</div>\n"


def home(model: Model, lang: str, headlines: dict[str, Headline]) -> str:
    """How the children are doing, in ten seconds: what the programme is, what we know and what is missing, then each
    goal's indicators by name with their latest figure. The hotline is in every page's banner, once."""
    here = routes.HOME
    documents = routes.link(here, routes.dataset_doc("documents"))
    intro = t(lang, "home_intro", documents=documents) + known_and_missing(model, headlines, lang)
    parts = [f"# {t(lang, 'site_name')}", intro]
    for goal in model.goals:
        counts = Counter(headlines[i.id].status.code for i in goal.indicators)
        summary = ", ".join(f"{label(STATUS, s, lang).lower()}: {counts[s]}" for s in STATUS if counts[s])
        parts.append(f"## [{t(lang, 'goal_n', id=goal.id)}]({routes.link(here, routes.goal_doc(goal.id))})\n\n"
                     f"**{esc(goal.name(lang))}** — {indicator_count(goal, lang)}; {summary}.\n\n"
                     + dashboard(model, goal, headlines, lang, here))
    parts.append(f"[{t(lang, 'all_indicators')}]({routes.link(here, routes.hub_doc(routes.INDICATORS))}) · "
                 f"[{t(lang, 'coverage')}]({routes.link(here, routes.COVERAGE_DOC)}) · "
                 f"[{t(lang, 'methodology')}]({routes.link(here, routes.METHOD_DOC)})")
    parts.append(f"## {t(lang, 'updates')}\n\n" + updates_list(model, lang, here, limit=3) +
                 f"\n[{t(lang, 'see_all')}]({routes.link(here, routes.UPDATES_DOC)})\n")
    parts.append(f"## {t(lang, 'datasets')}\n\n[{t(lang, 'datasets')}]({routes.link(here, routes.hub_doc(routes.DATASETS))}) · "
                 f"[{t(lang, 'open_data_api')}]({routes.link(here, routes.OPEN_DATA_DOC)})\n")
    n = len({i.number for i in model.indicators.values()})
    return page(t(lang, "site_name"), "\n\n".join(parts), t(lang, "home_description", n=n))


def known_and_missing(model: Model, headlines: dict[str, Headline], lang: str) -> str:
    """What we know and what is missing, in two plain sentences, counted from the decisions."""
    total = len(headlines)
    with_value = [h for h in headlines.values() if h.latest is not None]
    in_province = [h for h in with_value if h.latest.area_code == HEADLINE_AREAS[0]]
    nt = model.observations[model.observations["area_code"] == HEADLINE_AREAS[0]] if len(model.observations) else None
    last_year = int(nt["year"].max()) if nt is not None and len(nt) else None
    assessed = sum(1 for h in headlines.values() if h.status.code != "insufficient-data")
    first = (t(lang, "figures_for", n=len(with_value), total=total, in_province=len(in_province))
             + (f" ({t(lang, 'latest_in', year=last_year)})." if last_year else "."))
    second = (t(lang, "no_figure_count", n=total - len(with_value)) + "; "
              + (t(lang, "not_assessable", n=total - assessed) if assessed else t(lang, "none_assessable")) + ".")
    return f"{first} {second}"


def updates_list(model: Model, lang: str, here: str, limit: int | None = None) -> str:
    rows = []
    for c in changelog_entries(model)[:limit]:
        title = c["title_en"] if lang == "en" else c["title"]
        desc = c.get("description_en") if lang == "en" else c.get("description")
        rows.append(f"- **{esc(c.get('date', ''))}** — [{esc(title)}]({routes.link(here, routes.dataset_doc(c['dataset']))}) "
                    f"{esc(c.get('version', ''))}: {esc(desc or '')}")
    return "\n".join(rows) + "\n"


def updates(model: Model, lang: str) -> str:
    feed = t(lang, "atom_feed_link")
    here = routes.UPDATES_DOC
    body = f"# {t(lang, 'updates')}\n\n" + updates_list(model, lang, here) + f"\n[{feed}]({routes.file_link(here, routes.FEED)})\n"
    return page(t(lang, "updates"), body)


# --- goals -------------------------------------------------------------------------------------------------------
def comparison_text(model: Model, h: Headline, lang: str) -> str:
    """The target a headline is compared with, with its scope and document: never a bare number. A range target
    is shown as what it is, not used."""
    ind = h.indicator
    if h.target is None:
        ranges = [tg for tg in ind.targets if tg.usable and tg.is_range]
        if ranges:
            tg = ranges[0]
            return (f"– ({esc(wording.target_label(model, tg, lang, capital=False))}: "
                    f"{wording.target_value_text(tg, ind.unit, lang)}, {t(lang, 'range_not_used')})")
        return "–"
    text = f"{wording.target_value_text(h.target, ind.unit, lang)} — " \
           f"{esc(wording.target_label(model, h.target, lang, capital=False))}"
    if h.target.scope != "national":  # a province's own target may come from another programme's plan: say which
        title = model.document(h.target.document_id).get("title_en" if lang == "en" else "title_vi", "")
        text += f" — {fmt.esc_lang(title, lang)}" if title else ""
    return text


def goal_page(model: Model, goal: Goal, lang: str, headlines: dict[str, Headline]) -> str:
    here = routes.goal_doc(goal.id)
    body = (f"# {t(lang, 'goal_n', id=goal.id)}: {esc(goal.name(lang))}\n\n{indicator_count(goal, lang)}.\n\n"
            + dashboard(model, goal, headlines, lang, here)
            + f"\n{t(lang, 'goal_method', method=routes.link(here, routes.METHOD_DOC))}\n")
    return page(f"{t(lang, 'goal_n', id=goal.id)}: {goal.name(lang)}", body)


def goals_hub(model: Model, lang: str) -> str:
    here = routes.hub_doc(routes.GOALS)
    rows = [[f"[{t(lang, 'goal_n', id=g.id)}]({routes.link(here, routes.goal_doc(g.id))})", esc(g.name(lang)),
             indicator_count(g, lang)]
            for g in model.goals]
    body = f"# {t(lang, 'goals')}\n\n" + table([t(lang, "goal"), t(lang, "name"), t(lang, "indicators")], rows)
    return page(t(lang, "goals"), body)


def indicators_hub(model: Model, lang: str, headlines: dict[str, Headline]) -> str:
    """All sub-indicators in one list: a plain list without JavaScript; with it (assets/js/filter.js), filters by
    goal, by status and by whether there are data. Each item carries what it is filtered on."""
    here = routes.hub_doc(routes.INDICATORS)
    labels = {"goal": t(lang, "goal"), "status": t(lang, "status"), "data": t(lang, "data_for"),
              "all": t(lang, "filter_all"), "with": t(lang, "filter_with_data"), "without": t(lang, "no_data"),
              "shown": t(lang, "filter_shown")}  # {n} and {total} are filled in by assets/js/filter.js
    goals = {str(g.id): f"{t(lang, 'goal_n', id=g.id)}: {g.name(lang)}" for g in model.goals}
    statuses = {code: label(STATUS, code, lang) for code in STATUS
                if any(h.status.code == code for h in headlines.values())}
    data = {"labels": labels, "goals": goals, "statuses": statuses}
    items = []
    for goal in model.goals:
        for ind in goal.indicators:
            h = headlines[ind.id]
            has = "yes" if h.rows else "no"
            items.append(f'<li data-goal="{goal.id}" data-status="{h.status.code}" data-has-data="{has}">'
                         f'<a href="{routes.html_page_link(here, lang, routes.indicator_doc(ind.id))}">{esc(ind.short_name(lang))}</a> ({t(lang, "indicator").lower()} '
                         f'{esc(ind.id)}): {wording.latest_text(model, h, lang)} — {status_badge(h.status, lang)}</li>')
    body = (f"# {t(lang, 'all_indicators')}\n\n"
            + t(lang, "indicators_intro")
            + f'\n\n<ul class="indicator-list" data-filter="{html.escape(json.dumps(data, ensure_ascii=False), quote=True)}">\n'
            + "\n".join(items) + "\n</ul>\n\n"
            + "\n\n".join(f"[{t(lang, 'goal_n', id=g.id)}: {esc(g.name(lang))}]({routes.link(here, routes.goal_doc(g.id))})"
                           for g in model.goals) + "\n")
    return page(t(lang, "all_indicators"), body)


# --- indicators --------------------------------------------------------------------------------------------------
def target_cell(model: Model, tg: Target, unit: str, lang: str, used: Target | None = None,
                with_unit: bool = True) -> str:
    """A target's value with what the reader must know about it: struck through with its own reason when doubtful,
    'provisional' when known only from a secondary source, and marked when it is the one values are compared with."""
    text = wording.target_value_text(tg, unit, lang, with_unit)
    if not tg.usable:
        why = wording.doubt_text(tg.doubt_reason, lang) if tg.doubt_reason else ""
        return f"<del>{text}</del> — {t(lang, 'doubtful_target')}" + (f": {esc(why)}" if why else "")
    if tg.status == "provisional":
        text += f" ({t(lang, 'provisional_target')})"
    if used is not None and tg == used:
        text = f"**{text}** ({t(lang, 'used_for_comparison')})"
    return text


def targets_section(model: Model, ind: Indicator, h: Headline, lang: str) -> str:
    rows = []
    for tg in ind.targets:
        corroborated = [source_link(model, s, lang, trust=False) for s in tg.corroborated_by]
        sources = source_link(model, tg.source_id, lang) + (
            f"; {t(lang, 'corroborated_by')}: " + "; ".join(corroborated) if corroborated else "")
        rows.append([str(tg.year), esc(wording.scope_name(model, tg.scope, lang)) +
                     (f" ({esc(doc)})" if (doc := wording.target_document(model, tg, lang)) else ""),
                     target_cell(model, tg, ind.unit, lang, h.target),
                     esc(label(VERIFICATION, tg.verification, lang)), sources])
    if not rows:
        return t(lang, "no_target_yet")
    out = excluded_from_search(table([t(lang, "year"), t(lang, "scope"), t(lang, "target"), t(lang, "verification"),
                                      t(lang, "source")], rows))
    doubts: dict[tuple[str, str], list[int]] = {}  # each doubt with its own reason, from its own rows
    for tg in ind.targets:
        if not tg.usable:
            doubts.setdefault((tg.scope, tg.doubt_reason), []).append(tg.year)
    for (scope, reason), years in doubts.items():
        why = wording.doubt_text(reason, lang) if reason else t(lang, "doubt_unexplained")
        title = t(lang, "doubtful_target_title")
        what = esc(wording.doubtful_targets_label(model, scope, years, lang))
        body = t(lang, "doubtful_target_body", what=what, why=esc(why))
        out += f'\n!!! warning "{title}"\n\n    {body}\n'
    notes: dict[tuple[str, str], list[int]] = {}  # a note said once for every year it applies to
    for tg in ind.targets:
        if tg.note(lang):
            notes.setdefault((tg.scope, tg.note(lang)), []).append(tg.year)
    lines = [f"- {', '.join(map(str, years))}, {esc(wording.scope_name(model, scope, lang))}: "
             f"{fmt.esc_lang(note, lang)}" for (scope, note), years in notes.items()]
    if lines:
        out += "\n" + details(t(lang, "target_notes"), "\n".join(lines))
    return out


def details(summary: str, body: str) -> str:
    """A folded block (closed by default) for notes that would otherwise drown the page. Left out of the search
    index: readers search for indicators and topics, and every note is in the downloads."""
    return (f'<details class="notes" data-search-exclude markdown="1">\n<summary>{summary}</summary>\n\n{body}\n\n'
            f'</details>\n')


def wording_block(model: Model, ind: Indicator, lang: str) -> str:
    """The indicator's wording, with where it comes from and how far it was checked (never called verbatim
    Decision 23 when it comes from a copy)."""
    if not ind.wording_vi:
        return ""
    q = f"“{esc(ind.wording_vi)}”"
    q = f'<span lang="vi">{q}</span>' if lang == "en" else q
    facts = []
    if model.source(ind.wording_source_id).source_id:
        facts.append(source_link(model, ind.wording_source_id, lang))
    if ind.wording_verification:
        facts.append(esc(label(WORDING_VERIFICATION, ind.wording_verification, lang)))
    if ind.wording_doubt_reason:
        facts.append(esc(wording.doubt_text(ind.wording_doubt_reason, lang)))
    note = f"\n\n{t(lang, 'wording_source')}: {'; '.join(facts)}." if facts else ""
    return f"**{t(lang, 'wording')}:** {q}{note}"


def headline_block(model: Model, h: Headline, lang: str) -> str:
    """What a reader needs first: the latest value with its source, what it is compared with, and the status with
    its reasons — as short paragraphs, which a phone shows at full width."""
    latest = f"**{t(lang, 'latest')}:** {wording.latest_text(model, h, lang, strong=True)}"
    if h.latest and h.latest.value:
        latest += f"<br>{t(lang, 'source')}: {source_link(model, h.latest.value.source_id, lang)}"
    reason = wording.reason_text(model, h.status, lang)
    lines = [latest, f"**{t(lang, 'compared_target')}:** {comparison_text(model, h, lang)}",
             f"**{t(lang, 'status')}:** {status_badge(h.status, lang)}" + (f" — {esc(reason)}" if reason else "")]
    return '<div class="headline" markdown="1">\n\n' + "\n\n".join(lines) + "\n\n</div>\n"


def indicator_page(model: Model, ind: Indicator, lang: str, h: Headline, chart: dict | None, updated: str,
                   description: str, made: Manifest) -> str:
    here = routes.indicator_doc(ind.id)
    goal = next(g for g in model.goals if g.id == ind.goal_id)
    parts = [f"# {t(lang, 'indicator_n', id=ind.id)}: {esc(ind.name(lang))}",
             f"[{t(lang, 'goal_n', id=goal.id)}: {esc(goal.name(lang))}]({routes.link(here, routes.goal_doc(goal.id))})",
             headline_block(model, h, lang),
             table([t(lang, "property"), t(lang, "value")],
                   [[t(lang, "unit"), esc(label(UNITS, ind.unit, lang))],
                    [t(lang, "direction"), esc(label(DIRECTIONS, ind.direction, lang))],
                    [t(lang, "last_updated"), esc(updated)]])]
    block = wording_block(model, ind, lang)
    if block:
        parts.append(block)
    parts.append(f"## {t(lang, 'targets')}\n\n" + targets_section(model, ind, h, lang))
    parts.append(f"## {t(lang, 'chart')}")
    if chart:
        # Raw HTML is not rewritten by MkDocs: from /chi-so/<id>/ or /en/chi-so/<id>/ to the shared /bieu-do/ files.
        files = routes.file_link(here, routes.chart_file(ind.id, lang))
        parts.append(charts.picture(routes.html_link(here, lang, routes.CHARTS) + "/", f"{ind.id}-{lang}",
                                    esc(description), chart) + "\n\n"
                     f"*{esc(description)}*\n\n"
                     f"[SVG]({files}.svg) · [PNG]({files}.png) · "
                     f"[{t(lang, 'interactive')}]({routes.link(here, routes.chart_doc(ind.id))}) · "
                     f"[Vega-Lite JSON]({files}-vegalite.json)")
    else:
        parts.append(t(lang, "no_chart"))
    parts.append(f"## {t(lang, 'data_table')}")
    obs = chart_rows(model, ind, lang)
    if len(obs) > MAX_TABLE_ROWS:
        parts.append(ranked_table(model, ind, obs, lang))
    else:
        parts.append(series_table(model, ind, obs, h, lang) or t(lang, "no_data"))
        if len(obs):
            parts.append(sources_list(model, obs, lang))
            notes = observation_notes(model, ind, obs, lang)
            if notes:
                quoted = obs["quote"].astype(str).str.strip().ne("").any()  # "the source's words" only if shown
                parts.append(details(t(lang, "value_notes_quoted" if quoted else "value_notes"), notes))
    parts.append(f"## {t(lang, 'progress')}")
    parts.append(progress_block(model, ind, h.status, lang))
    related = related_rows(model, ind, lang)
    if related:
        parts.append(f"## {t(lang, 'related_series')}\n\n" + related)
    changed = release_pages.indicator_section(model, ind, lang)  # issue 20: what changed, release by release
    if changed:
        parts.append(changed)
    parts.append(f"## {t(lang, 'download')}\n\n"
                 f"- {extract_link(made, ind, lang, here)}\n"
                 f"- {table_links(made, 'observations', 'observations', t(lang, 'all_observations'), here)}"
                 + (f" · [XLSX]({routes.file_link(here, routes.dataset_file('observations', 'observations.xlsx'))})"
                    if "observations.xlsx" in made.datasets.get("observations", EMPTY).sizes else "") + "\n"
                 f"- {table_links(made, 'programme-targets', 'targets', t(lang, 'all_targets'), here)}\n"
                 + sdmx_outputs.indicator_line(model, ind.id, lang, routes.to_root(here)) +
                 f"- [{t(lang, 'datasets')}]({routes.link(here, routes.hub_doc(routes.DATASETS))})")
    parts.append(citation_block(indicator_citation(model, ind, lang), lang))
    return page(f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}", "\n\n".join(parts), description,
                data_date=updated)


def _line_order(model: Model, obs: pd.DataFrame) -> list[str]:
    """Series columns: Ninh Thuận first, then Viet Nam, then other areas; the indicator itself before a survey
    definition; then by series and trust."""
    rank = {a: i for i, a in enumerate(HEADLINE_AREAS)}
    keys = obs[["line", "area_code", "relation", "series", "trust"]].astype(str).drop_duplicates("line")
    keys = keys.assign(_a=keys["area_code"].map(lambda a: rank.get(a, len(rank))),
                       _r=keys["relation"].ne("same"))
    return list(keys.sort_values(["_a", "area_code", "_r", "series", "trust"], kind="stable")["line"])


def _cell(model: Model, r, lang: str) -> str:
    """One value in the table (its unit is given once, above the table), with what must be known beside it: the
    source's qualifier, preliminary, sources disagree, why its year is in doubt."""
    text = fmt.number(r.value, lang)
    if r.qualifier:
        text = f"{esc(label(QUALIFIERS, r.qualifier, lang))} {text}"
    marks = []
    if r.provisional:
        marks.append(t(lang, "provisional_value"))
    if r.conflict:
        marks.append("⚠️ " + t(lang, "conflict"))
    if r.doubt_reason:
        marks.append(esc(wording.doubt_text(r.doubt_reason, lang)))
    return text + (f" <small>({'; '.join(marks)})</small>" if marks else "")


def series_table(model: Model, ind: Indicator, obs: pd.DataFrame, h: Headline, lang: str) -> str:
    """A statistical table: one row per year, one column per series (area, series, trust of its source), then one
    column per target scope. The long form (one row per value) is the CSV download."""
    scopes = [s for s in ("national", HEADLINE_AREAS[0]) if any(tg.scope == s for tg in ind.targets)]
    scopes += sorted({tg.scope for tg in ind.targets} - set(scopes))
    if obs.empty and not scopes:
        return ""
    lines = _line_order(model, obs) if len(obs) else []
    years = sorted(set(obs["year"].astype(int)) if len(obs) else set()) 
    years = sorted(set(years) | {tg.year for tg in ind.targets})
    cells: dict[tuple[int, str], list[str]] = {}
    for r in obs.itertuples():
        cells.setdefault((int(r.year), r.line), []).append(_cell(model, r, lang))
    header = [t(lang, "year")] + [esc(line) for line in lines] + [
        f"{t(lang, 'target')} — {esc(wording.scope_name(model, s, lang))}" for s in scopes]
    rows = []
    for y in years:
        row = [str(y)] + ["<br>".join(cells.get((y, line), [])) or "" for line in lines]
        for s in scopes:
            tgs = [tg for tg in ind.targets if tg.scope == s and tg.year == y]
            row.append("<br>".join(target_cell(model, tg, ind.unit, lang, h.target, with_unit=False) for tg in tgs))
        rows.append(row)
    return f"{t(lang, 'unit')}: {esc(label(UNITS, ind.unit, lang))}.\n\n" + excluded_from_search(table(header, rows))


def sources_list(model: Model, obs: pd.DataFrame, lang: str) -> str:
    used = list(dict.fromkeys(obs["source_id"].astype(str)))
    items = []
    for sid in used:
        s = model.source(sid)
        years = sorted(set(obs.loc[obs["source_id"] == sid, "year"].astype(int)))
        span = wording.years_text(years[0], years[-1])
        note = f" {text_in(lang, s.note_vi, s.note_en)}" if s.note(lang) else ""
        items.append(f"- {source_link(model, sid, lang)} — {span}.{note}")
    return f"**{t(lang, 'sources')}**\n\n" + excluded_from_search("\n".join(items), "sources")


def observation_notes(model: Model, ind: Indicator, obs: pd.DataFrame, lang: str) -> str:
    """Per value: the source's own words (marked with their language) and the row's note, in the page's language."""
    items = []
    for r in obs.itertuples():
        words = quote(r.quote, r.quote_lang, lang)
        note = text_in(lang, r.note_vi, r.note_en)
        if not (words or note):
            continue
        what = f"{r.year}, {esc(r.line)}, {esc(r.value_label)}"
        items.append(f"- **{what}**: " + " — ".join(x for x in (words, note) if x))
    return "\n".join(items)


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
            name = f"[{name}]({routes.link(routes.indicator_doc(ind.id), routes.area_doc(area.slug))})"
        rows.append([str(place), name, value_text(r.value, ind.unit, lang)])
    intro = t(lang, "ranked_intro", n=n, year=year, top=top)
    return intro + "\n\n" + table(["#", t(lang, "area"), t(lang, "value")], rows)


def progress_block(model: Model, ind: Indicator, s: Status, lang: str) -> str:
    p = s.progress
    reason = wording.reason_text(model, s, lang)
    lines = [f"**{status_badge(s, lang)}**" + (f" — {esc(reason)}" if reason else "")]
    if s.area_code and s.code != "insufficient-data":
        lines.append(f"{t(lang, 'assessed_on')}: {esc(wording.place(model, s.area_code, lang))}, "
                     f"{esc(label(SERIES, s.series, lang))}.")
    rows = []
    if p.base_year is not None:
        rows.append([t(lang, "baseline"), f"{value_text(p.base_value, ind.unit, lang)} ({p.base_year})"])
    if p.latest_year is not None and p.latest_year != p.base_year:
        rows.append([t(lang, "latest"), f"{value_text(p.latest_value, ind.unit, lang)} ({p.latest_year})"])
    if p.target_year is not None:
        used = next((tg for tg in s.targets if tg.year == p.target_year), None)
        rows.append([t(lang, "target"), (wording.target_value_text(used, ind.unit, lang) if used else "")
                     + f" ({esc(wording.target_label(model, used, lang)) if used else p.target_year})"])
    if p.ratio is not None:
        pct = lambda v: f"{fmt.number(v * 100, lang, 2)}%"  # noqa: E731
        rows.append([t(lang, "cagr_observed"), pct(p.cagr_observed)])
        rows.append([t(lang, "cagr_required"), pct(p.cagr_required)])
        rows.append(["R", fmt.number(p.ratio, lang, 2)])
    if rows:
        lines.append(f"{t(lang, 'progress_inputs')}:\n\n" + table([t(lang, "property"), t(lang, "value")], rows))
    lines.append(f"[{t(lang, 'how_computed')}]({routes.link(routes.indicator_doc(ind.id), routes.METHOD_DOC)})")
    return "\n\n".join(lines)


def related_rows(model: Model, ind: Indicator, lang: str) -> str:
    relation = dict(zip(model.measures["measure"], model.measures["relation"]))
    related_measures = sorted(set(model.measures.loc[model.measures["indicator_id"] == ind.id, "measure"]))
    obs = model.rows("measure", *related_measures)
    obs = obs[~obs["measure"].map(relation).isin(("same", "survey-definition"))]
    if obs.empty:
        return ""
    names = dict(zip(model.measures["measure"], model.measures["name_" + lang]))
    notes = dict(zip(model.measures["measure"], model.measures.get(f"definition_note_{lang}", pd.Series(dtype=str))))
    rows = []
    for (measure, area, series), g in obs.groupby(["measure", "area_code", "series"], sort=True):
        g = g.sort_values("year")
        last = g.iloc[-1]
        rows.append([esc(names.get(measure, measure)), esc(wording.place(model, area, lang, int(last["year"]))),
                     esc(label(SERIES, series, lang)), wording.years_text(g['year'].min(), g['year'].max()),
                     f"{wording.value_text(last['value'], last['unit'], lang, last.get('qualifier', ''))} "
                     f"({last['year']})", esc(notes.get(measure, "") or "")])
    return table([t(lang, "series"), t(lang, "area"), t(lang, "source"), t(lang, "years_with_data"), t(lang, "latest"),
                  t(lang, "definition")], rows)


def script_json(data: object) -> str:
    """JSON for a <script> element: '<', '>' and '&' become \\u003c, \\u003e and \\u0026 (and the JavaScript line
    separators are escaped), so no text inside can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def chart_page(model: Model, ind: Indicator, lang: str, description: str, made: Manifest) -> str:
    """The interactive version: vega, vega-lite and vega-embed come from the site itself, only when opened."""
    extract = made.extract(ind.id)  # <id>.csv, or <id>.csv.gz above the size setting
    # Raw HTML is not rewritten by MkDocs: from /bieu-do/<id>/ or /en/bieu-do/<id>/ to the shared /bieu-do/ files.
    doc = routes.chart_doc(ind.id)
    here = routes.html_link(doc, lang, routes.CHARTS) + "/"
    files = routes.file_link(doc, routes.chart_file(ind.id, lang))
    embed = (f'<iframe src="{model.context.page_url(routes.chart_page(ind.id), lang)}" width="700" height="560" '
             f'title="{html.escape(ind.name(lang), quote=True)}" loading="lazy"></iframe>')  # shown in a code block
    body = (f"# {t(lang, 'indicator_n', id=ind.id)}: {esc(ind.name(lang))}\n\n"
            f'<div class="vega-chart" data-spec="{here}{ind.id}-{lang}-vegalite.json" data-lang="{lang}" '
            f'data-small-spec="{here}{ind.id}-{lang}-small-vegalite.json" data-small-media="{charts.SMALL_SCREEN}">\n'
            f'{charts.picture(here, f"{ind.id}-{lang}", esc(description), lazy=False)}\n</div>\n\n'
            f"*{esc(description)}*\n\n"
            f"[← {t(lang, 'indicator_n', id=ind.id)}]({routes.link(doc, routes.indicator_doc(ind.id))})\n\n"
            f"## {t(lang, 'download_chart')}\n\n"
            f"[SVG]({files}.svg) · [PNG]({files}.png) · "
            f"[{t(lang, 'png_for_phones')}]({routes.file_link(doc, routes.chart_file(ind.id, lang, 'small'))}.png) · "
            f"[Vega-Lite JSON]({files}-vegalite.json) · "
            f"[{t(lang, 'data_for')} ({'CSV, gzip' if extract.endswith('.gz') else 'CSV'})]"
            f"({routes.file_link(doc, routes.indicator_file(extract))})\n\n"
            f"## {t(lang, 'embed_chart')}\n\n"
            f"{t(lang, 'paste_code')}:\n\n"
            f"```html\n{embed}\n```\n\n"
            f"{t(lang, 'credit_when_reusing')}: {esc(facts.PROJECT[lang])}, "
            f"{link(facts.LICENCE_URL, 'CC BY 4.0', external=False)}.\n")
    return page(f"{t(lang, 'chart')} {ind.id}: {ind.name(lang)}", body, description)


def extract_link(made: Manifest, ind: Indicator, lang: str, here: str) -> str:
    """The link to an indicator's extract: plain CSV, or gzipped CSV above the size setting (downloads.py)."""
    name = made.extract(ind.id)
    what = t(lang, "this_indicator_data")
    kind = "CSV, gzip" if name.endswith(".gz") else "CSV"
    return f"[{kind} — {what}]({routes.file_link(here, routes.indicator_file(name))})"


def table_links(made: Manifest, dataset: str, resource: str, label: str, here: str) -> str:
    """The links to a whole table from the page `here`: its CSV, or its .csv.gz and Parquet when it is large
    (downloads.py)."""
    file = routes.file_link(here, routes.dataset_file(dataset, resource))
    if resource not in made.datasets.get(dataset, EMPTY).large:
        return f"[{label} (CSV)]({file}.csv)"
    return f"[{label} (CSV, gzip)]({file}.csv.gz) · [Parquet]({file}.parquet)"


# --- datasets ----------------------------------------------------------------------------------------------------
def indicator_citation(model: Model, ind: Indicator, lang: str) -> dict[str, str]:
    """An indicator page draws on the observations and the programme's targets: its year is the latest release of
    either, its version names both."""
    used = [model.datasets[n] for n in ("observations", "programme-targets") if n in model.datasets]
    base = used[0].descriptor if used else {}
    c = facts.citation(base, lang, model.context.page_url(routes.indicator_page(ind.id), lang),
                       title=f"{t(lang, 'indicator_n', id=ind.id)}: {ind.name(lang)}")
    c["year"] = max((facts.modified(ds.descriptor)[:4] for ds in used), default="")
    c["version"] = ", ".join(f"{ds.name} {ds.descriptor.get('version', '')}" for ds in used)
    c["stable"] = release_pages.stable_address(model, [ds.name for ds in used], lang)
    return c


EMPTY = DatasetFiles({}, {}, {}, frozenset(), False)  # a dataset the build made no files for
MEDIA = {"csv": "text/csv", "xlsx": downloads.XLSX_MEDIA, "json": "application/json", "zip": "application/zip",
         "gz": "application/gzip", "parquet": downloads.PARQUET_MEDIA}


def dataset_places(model: Model, ds, lang: str) -> list[dict]:
    """schema.org Places for the areas named in the data's area_code columns; Viet Nam when there are none."""
    codes = sorted({c for tb in ds.tables.values() if "area_code" in tb.df.columns
                    for c in tb.df["area_code"].unique() if isinstance(c, str) and c})
    places = []
    for code in codes:
        area = model.area(code)
        name = area.name(lang) if area else t(lang, "viet_nam") if code == "VN" else code
        places.append({"@type": "Place", "name": name, "identifier": code})
    # No area column (documents, the national hotline, targets by scope): the country, which holds every one of them.
    return places or [{"@type": "Place", "name": t(lang, "viet_nam"), "identifier": "VN"}]


def dataset_jsonld(model: Model, name: str, lang: str, sizes: dict[str, int]) -> dict:
    """schema.org Dataset for search engines and tools that read the page (not the DCAT catalogue, which is
    data/catalog.jsonld)."""
    ds = model.datasets[name]
    d = ds.descriptor
    en = lang == "en"
    url = model.context.page_url(routes.dataset_page(name), lang)
    org = {"@type": "Organization", "name": facts.publisher(d, lang), "url": model.context.site_url}
    dists = []
    for fname in sorted(sizes):
        ext = fname.rsplit(".", 1)[-1]
        if fname != "datapackage.json" and ext in MEDIA:
            dists.append({"@type": "DataDownload", "name": fname, "encodingFormat": MEDIA[ext],
                          "contentUrl": model.context.file_url(routes.dataset_file(name, fname)),
                          "contentSize": f"{sizes[fname]} B"})
    cite = facts.citation(d, lang, url)
    data = {"@context": "https://schema.org", "@type": "Dataset", "@id": f"{url}#dataset", "url": url,
            "name": str(d.get("title_en" if en else "title") or name),
            "alternateName": str(d.get("title" if en else "title_en") or name),
            "description": str(d.get("description_en" if en else "description") or d.get("title") or name),
            "identifier": name, "version": str(d.get("version") or ""), "inLanguage": lang,
            "keywords": [str(k) for k in d.get("keywords_en" if en else "keywords") or [] if k],  # in the page's language
            "license": facts.licence(d)[1], "isAccessibleForFree": True,
            "creator": org, "publisher": org, "creditText": facts.citation_text(cite, lang),
            "spatialCoverage": dataset_places(model, ds, lang),
            "isBasedOn": [s["path"] for s in d.get("sources") or [] if isinstance(s, dict) and fmt.url(s.get("path"))],
            "distribution": dists}
    if facts.modified(d):
        data["dateModified"] = facts.modified(d)
        data["datePublished"] = facts.issued(d)
    years = facts.data_years(ds)
    if years:  # one year is written once (ISO 8601), never "2025/2025"
        data["temporalCoverage"] = str(years[0]) if years[0] == years[1] else f"{years[0]}/{years[1]}"
    return data


FILE_KINDS = {"csv.gz": "CSV, gzip", "parquet": "Parquet"}


def large_note(files: DatasetFiles, limit_bytes: int, lang: str) -> str:
    """What a dataset page says when a table is above the size setting (downloads.LARGE_FILE_MB): how it is published
    and what the ZIP holds. Empty otherwise."""
    if not files.large:
        return ""
    return t(lang, "large_tables_note", mb=fmt.number(limit_bytes / 1_000_000, lang),
             limit=fmt.number(limit_bytes, lang))


def dataset_page(model: Model, name: str, lang: str, made: Manifest) -> str:
    ds = model.datasets[name]
    d = ds.descriptor
    en = lang == "en"
    title = d.get("title_en") if en else d.get("title")
    desc = d.get("description_en") if en else d.get("description")
    files = made.datasets.get(name, EMPTY)
    sizes = files.sizes
    size = lambda f: f" ({human_size(sizes[f], lang)})" if f in sizes else ""  # noqa: E731
    here = routes.dataset_doc(name)
    data = lambda f: routes.file_link(here, routes.dataset_file(name, f))  # noqa: E731
    lic_name, lic_url = facts.licence(d)
    parts = [f"# {esc(title)}", esc(desc)]
    parts.append(table([t(lang, "property"), t(lang, "value")], [
        [t(lang, "version"), esc(d.get("version", ""))],
        [t(lang, "licence"), link(lic_url, lic_name)],
        [t(lang, "last_updated"), esc(facts.modified(d))],
        ["datapackage.json", f"[datapackage.json]({data('datapackage.json')}){size('datapackage.json')}"],
        ["ZIP", f"[{esc(name)}.zip]({data(f'{name}.zip')}){size(f'{name}.zip')}"],
    ] + ([[t(lang, "excel_template"),
           f"[{esc(name)}.xlsx]({routes.file_link(here, routes.template_file(name))}) · "
           f"{t(lang, 'template_guide')}"]]
         if files.template else [])))
    parts.append(t(lang, "zip_holds") + large_note(files, made.large_file_bytes, lang)
                 + f"[{t(lang, 'how_to_use')}]({routes.link(here, routes.OPEN_DATA_DOC)})")
    if sdmx_outputs.dataset_downloads(model, name):  # issue 21: the dataset's SDMX files
        parts.append(sdmx_outputs.dataset_paragraph(model, name, lang, routes.to_root(here)))
    parts.append(f"## {t(lang, 'resources')}")
    for r in d.get("resources", []):
        rname = r["name"]
        rtitle = r.get("title_en") if en else r.get("title")
        links = " · ".join(f"[{FILE_KINDS.get(ext, ext.upper())}]({data(f'{rname}.{ext}')}){size(f'{rname}.{ext}')}"
                           for ext in ("csv", "csv.gz", "parquet", "xlsx", "json") if f"{rname}.{ext}" in sizes)
        nrows = len(ds.tables[rname].df) if rname in ds.tables else 0
        stable = "".join(
            f"\n\n{t(lang, 'stable_address')}: "
            f"{link(model.context.file_url(routes.dataset_file(name, fname)), model.context.file_url(routes.dataset_file(name, fname)), external=False)}"
            f" · sha256 <code>{esc(files.digests[fname])}</code>" for fname in files.published.get(rname, ()))
        parts.append(f"### {esc(rtitle)} ({code(rname)})\n\n{esc(r.get('description_en') if en else r.get('description'))}\n\n"
                     f"{t(lang, 'rows')}: {fmt.number(nrows, lang)} · {links}{stable}")
        fields = (r.get("schema") or {}).get("fields") or []
        parts.append(table([t(lang, "field"), t(lang, "type"), t(lang, "title"), t(lang, "description")],
                           [[code(f.get("name")), esc(f.get("type", "string")),
                             esc(f.get("title_en") if en else f.get("title")),
                             esc(f.get("description_en") if en else f.get("description"))] for f in fields]))
    parts.append(f"## {t(lang, 'sources')}\n\n" + "\n".join(
        f"- {link(s.get('path'), src_title, lang=lang) if s.get('path') else fmt.esc_lang(src_title, lang)}"
        for s in d.get("sources") or [] for src_title in [s.get("title_en" if en else "title") or s.get("title", "")]))
    parts.append(release_pages.release_list(model, name, lang) or  # issue 20: releases from git history
                 f"## {t(lang, 'dataset_changelog')}\n\n" + "\n".join(
        f"- **{esc(c.get('version'))}** ({esc(c.get('date'))}): {esc(c.get('description_en') if en else c.get('description'))}"
        for c in d.get("changelog") or []))
    parts.append(citation_block({**facts.citation(d, lang, model.context.page_url(routes.dataset_page(name), lang)),
                                 "stable": release_pages.stable_address(model, [name], lang)}, lang))
    parts.append(f'<script type="application/ld+json">{script_json(dataset_jsonld(model, name, lang, sizes))}</script>')
    return page(title, "\n\n".join(parts), desc or "")


def datasets_hub(model: Model, lang: str) -> str:
    en = lang == "en"
    here = routes.hub_doc(routes.DATASETS)
    rows = [[f"[{esc(ds.descriptor.get('title_en' if en else 'title'))}]({routes.link(here, routes.dataset_doc(n))})",
             code(n), esc(ds.descriptor.get("version", "")),
             f"[ZIP]({routes.file_link(here, routes.dataset_file(n, f'{n}.zip'))})"] for n, ds in model.datasets.items()]
    body = (f"# {t(lang, 'datasets')}\n\n" + table([t(lang, "title"), t(lang, "dataset"), t(lang, "version"), t(lang, "download")], rows) +
            f"\n[{t(lang, 'all_data_zip')}]({routes.file_link(here, routes.ALL_DATA)}) · "
            f"[{t(lang, 'dcat_catalogue')}]({routes.file_link(here, routes.CATALOG)})\n")
    return page(t(lang, "datasets"), body)


# --- areas -------------------------------------------------------------------------------------------------------
def validity_text(area: Area, lang: str) -> str:
    """'… → 30/6/2025', '1/7/2025 → nay', or, for a unit that ended on a day no source gives, 'đã hết hiệu lực,
    chưa rõ ngày' — never 'now' for a unit that no longer exists."""
    start = fmt.day(area.valid_from, lang) if area.valid_from else "…"
    if area.valid_to:
        end = fmt.day(area.valid_to, lang)
    elif area.validity == "ended" and area.valid_to_year:
        end = t(lang, "ended_in_year", year=area.valid_to_year)
    elif area.validity == "ended":
        end = t(lang, "ended_no_date")
    else:
        end = t(lang, "valid_now")
    return f"{start} → {end}"


def successors(model: Model, area: Area) -> list[Area]:
    """The units that took over from `area` (successor_code may list several codes, separated by spaces, when the
    unit is listed as a predecessor of several new ones): for each code the unit valid after the change."""
    out = []
    for c in area.successor_code.split():
        found = next((a for a in model.area_index.get(c, []) if a.valid_from), None) or model.area(c)
        if found is not None:
            out.append(found)
    return out


def area_page(model: Model, area: Area, lang: str) -> str:
    here = routes.area_doc(area.slug)
    to_area = lambda a: routes.link(here, routes.area_doc(a.slug))  # noqa: E731
    parts = [f"# {esc(area.name(lang))}"]
    facts = [[t(lang, "level"), esc(label(LEVELS, area.level, lang))], [t(lang, "valid"), validity_text(area, lang)],
             [t(lang, "code"), code(area.code)]]
    parent = model.area(area.parent_code) if area.parent_code else None
    if parent:
        facts.append([t(lang, "parent"), f"[{esc(parent.name(lang))}]({to_area(parent)})"])
    found = successors(model, area)
    if found:
        names = f" {t(lang, 'and')} ".join(
            f"[{esc(a.name(lang))}]({to_area(a)})" if has_area_page(model, a) else esc(a.name(lang)) for a in found)
        facts.append([t(lang, "successor"), f"{names} ({esc(label(BASIS, area.successor_basis, lang))})"])
    facts.append([t(lang, "source"), fmt.esc_lang(area.source(lang), lang)])
    if area.note(lang):
        facts.append([t(lang, "notes"), fmt.esc_lang(area.note(lang), lang)])
    parts.append(table([t(lang, "property"), t(lang, "value")], facts))
    if area.code in ("58", "56") or area.level == "district":
        parts.append(f'!!! info "{t(lang, "reorganisation_2025")}"\n\n    {t(lang, "merger_note")}')
    start = int(area.valid_from[:4]) if area.valid_from else -1
    end = int(area.valid_to[:4]) if area.valid_to else 10**6
    summary = [s for s in area_summary(model).get(area.code, ()) if s.last_year >= start and s.first_year <= end]
    parts.append(f"## {t(lang, 'indicators_with_data')}")
    if not summary:
        parts.append(t(lang, "no_data") + ".")
    else:
        rows = []
        latest_all = area_latest(model)
        for s in summary:
            if s.indicator_id not in model.indicators:
                continue
            ind = model.indicators[s.indicator_id]
            found = latest_all.get((area.code, ind.id))
            shown = wording.latest_value_text(model, found, ind.unit, lang, with_place=False) \
                if found is not None and start <= found.year <= end else "–"
            rows.append([f"[{ind.id}]({routes.link(here, routes.indicator_doc(ind.id))})", esc(ind.name(lang)),
                         wording.years_text(s.first_year, s.last_year), shown])
        parts.append(table([t(lang, "indicator"), t(lang, "name"), t(lang, "years_with_data"), t(lang, "latest")], rows)
                     + f"\n{t(lang, 'latest_rule')} [{t(lang, 'how_computed')}]({routes.link(here, routes.METHOD_DOC)})")
    children = [a for a in model.children(area.code)
                if not area.valid_to or not a.valid_from or a.valid_from <= area.valid_to]
    if children:
        rows = []
        for c in sorted(children, key=lambda a: a.code):
            found = [a for a in successors(model, c) if a.valid_from]
            name = f"[{esc(c.name(lang))}]({to_area(c)})" if has_area_page(model, c) else esc(c.name(lang))
            named = f" {t(lang, 'and')} ".join(f"{esc(a.name(lang))} ({code(a.code)})" for a in found)
            rows.append([code(c.code), name, esc(label(LEVELS, c.level, lang)),
                         f"{named}: {esc(label(BASIS, c.successor_basis, lang))}" if found else "–"])
        parts.append(f"## {t(lang, 'units_below')} ({len(rows)})\n\n" + table(
            [t(lang, "code"), t(lang, "name"), t(lang, "level"), t(lang, "successor")], rows))
    return page(area.name(lang), "\n\n".join(parts))


def areas_hub(model: Model, lang: str) -> str:
    here = routes.hub_doc(routes.AREAS)
    rows = [[f"[{esc(a.name(lang))}]({routes.link(here, routes.area_doc(a.slug))})", code(a.code),
             esc(label(LEVELS, a.level, lang)),
             validity_text(a, lang)] for a in area_pages_for(model)]
    body = f"# {t(lang, 'areas')}\n\n{t(lang, 'merger_note')}\n\n" + table(
        [t(lang, "name"), t(lang, "code"), t(lang, "level"), t(lang, "valid")], rows)
    return page(t(lang, "areas"), body)


# --- coverage ----------------------------------------------------------------------------------------------------
def coverage(model: Model, lang: str) -> str:
    areas = ["58", "56", "60", "VN"]
    obs_all = model.observations
    # Each column names the unit its code meant in the years of its data (56 before 1/7/2025 is pre-merger Khánh Hòa).
    last_year = {c: int(obs_all.loc[obs_all["area_code"] == c, "year"].max()) if len(obs_all) and
                 (obs_all["area_code"] == c).any() else None for c in areas}
    names = {c: wording.place(model, c, lang, last_year[c]) for c in areas}
    rows = []
    for ind in model.indicators.values():
        obs = chart_rows(model, ind, lang)
        cells = []
        for c in areas:
            years = sorted(set(obs.loc[obs["area_code"] == c, "year"])) if len(obs) else []
            cells.append(f"{wording.years_text(years[0], years[-1])} ({len(years)})" if years else "—")
        rows.append([f"[{ind.id}]({routes.link(routes.COVERAGE_DOC, routes.indicator_doc(ind.id))})", esc(ind.name(lang))]
                    + cells)
    empty = sum(1 for r in rows if all(c == "—" for c in r[2:]))
    intro = t(lang, "coverage_intro", empty=empty, total=len(rows))
    body = f"# {t(lang, 'coverage')}\n\n{intro}\n\n" + table([t(lang, "indicator"), t(lang, "name")] + [esc(names[c]) for c in areas], rows)
    return page(t(lang, "coverage"), body)


# --- problem codes -----------------------------------------------------------------------------------------------
def problem_codes(lang: str) -> str:
    vi = lang == "vi"
    intro = t(lang, "problem_codes_intro")
    rows = [[f'<span id="{code}"></span>`{code}`', esc(c.group), esc(c.title_vi if vi else c.title_en),
             esc(c.hint_vi if vi else c.hint_en)] for code, c in CODES.items()]
    body = f"# {t(lang, 'problem_codes')}\n\n{intro}\n\n" + table(
        [t(lang, "code"), t(lang, "group"), t(lang, "meaning"), t(lang, "how_to_fix")], rows)
    return page(t(lang, "problem_codes"), body)
