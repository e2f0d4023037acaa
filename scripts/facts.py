"""What a dataset's descriptor says about it, as pages, downloads, the feed and the catalogue all say it: its
publisher, release dates, licence, years covered and citation. Dates come from the changelog, never from the clock.
"""
from __future__ import annotations

import re
from datetime import date

from scripts.i18n import t

PROJECT = {"vi": "Dự án dữ liệu mở Chương trình hành động vì trẻ em Ninh Thuận",
           "en": "Ninh Thuận Children's Action Programme open-data project"}
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FIXED_DATE = "2021-01-07"  # Decision 23/QĐ-TTg: the date used when a dataset has no dated release


# --- facts about a dataset ----------------------------------------------------------------------------------------
def _iso(value) -> str:
    text = str(value or "")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def release_dates(descriptor: dict) -> list[str]:
    """The valid ISO dates of the changelog, oldest first."""
    changes = descriptor.get("changelog") if isinstance(descriptor.get("changelog"), list) else []
    return sorted({d for c in changes if isinstance(c, dict) for d in [_iso(c.get("date"))] if d})


def modified(descriptor: dict) -> str:
    dates = release_dates(descriptor)
    return dates[-1] if dates else ""


def issued(descriptor: dict) -> str:
    dates = release_dates(descriptor)
    return dates[0] if dates else ""


def publisher(descriptor: dict, lang: str) -> str:
    """The contributor with role 'publisher', else the project; in English when the project is the publisher."""
    for c in descriptor.get("contributors") or []:
        if isinstance(c, dict) and c.get("role") == "publisher" and c.get("title"):
            title = str(c["title"])
            if lang == "en":
                return str(c.get("title_en") or (PROJECT["en"] if title == PROJECT["vi"] else title))
            return title
    return PROJECT[lang]


def licence(descriptor: dict) -> tuple[str, str]:
    """(name, url) of the dataset's first licence; CC BY 4.0 when it has none that we can link."""
    lic = (descriptor.get("licenses") or [{}])[0]
    lic = lic if isinstance(lic, dict) else {}
    url = str(lic.get("path") or "")
    if not re.match(r"^https?://[^\s<>\"']+$", url):
        url = LICENCE_URL
    name = str(lic.get("name") or lic.get("title") or "CC-BY-4.0")
    return ("CC BY 4.0" if name.upper().replace(" ", "-") == "CC-BY-4.0" else name), url


def data_years(ds) -> tuple[int, int] | None:
    """First and last year in the data: from fields named 'year' or typed year, date or datetime."""
    years: set[int] = set()
    for r in ds.descriptor.get("resources") or []:
        if not isinstance(r, dict) or r.get("name") not in ds.tables:
            continue
        df = ds.tables[r["name"]].df
        for f in (r.get("schema") or {}).get("fields") or []:
            if not isinstance(f, dict) or f.get("name") not in df.columns:
                continue
            kind = f.get("type")
            if kind in ("year", "date", "datetime") or (f.get("name") == "year" and kind == "integer"):
                for value in df[f["name"]].astype(str).str[:4].unique():  # distinct values only: millions of rows
                    if re.match(r"^\d{4}$", value) and 1900 <= int(value) <= 2100:
                        years.add(int(value))
    return (min(years), max(years)) if years else None


def citation(descriptor: dict, lang: str, url: str, title: str | None = None) -> dict[str, str]:
    """The parts of a citation: publisher, year (of the latest release), title, version, url, licence."""
    name, lic_url = licence(descriptor)
    when = modified(descriptor)
    return {"publisher": publisher(descriptor, lang), "year": when[:4] if when else "",
            "title": title if title is not None else str(descriptor.get("title_en" if lang == "en" else "title") or ""),
            "version": str(descriptor.get("version") or ""), "url": url, "licence": name, "licence_url": lic_url}


def citation_text(c: dict[str, str], lang: str) -> str:
    """One line of plain text (for README, LICENSE.txt and spreadsheets; pages escape it themselves)."""
    return (f"{c['publisher']} ({c['year'] or t(lang, 'no_year')}). {c['title']} "
            f"({t(lang, 'version_n', version=c['version'])}) [{t(lang, 'data_set')}]. {c['url']} "
            f"({t(lang, 'accessed_on')}). {t(lang, 'licence')}: {c['licence']} ({c['licence_url']}).")
