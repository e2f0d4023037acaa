"""The Atom feed of data releases (/data/releases.atom): one entry per changelog line of every dataset."""
from __future__ import annotations

from scripts import routes
from scripts.facts import FIXED_DATE, LICENCE_URL, PROJECT, _iso
from scripts.model import Model, changelog_entries

def releases_atom(model: Model, changes: dict[tuple[str, str], tuple[str, str]] | None = None) -> bytes:
    """One entry per changelog line of every dataset (RFC 4287: id, title, updated on the feed and each entry): a
    release; `changes`: (dataset, version) → what changed in it, in Vietnamese and English (scripts/release_pages.py)."""
    from feedgen.feed import FeedGenerator

    entries = changelog_entries(model)
    latest = max((_iso(c.get("date")) for c in entries), default="") or FIXED_DATE
    fg = FeedGenerator()
    ctx = model.context
    fg.id(ctx.file_url(routes.FEED))
    fg.title("Trẻ em Ninh Thuận 2021–2030 — phát hành dữ liệu / data releases")
    fg.subtitle("Mỗi lần một bộ dữ liệu có phiên bản mới / Every new version of a dataset")
    fg.author({"name": PROJECT["vi"], "uri": ctx.site_url})
    fg.link(href=ctx.page_url(routes.page_path(routes.UPDATES_DOC)), rel="alternate", hreflang="vi")
    fg.link(href=ctx.page_url(routes.page_path(routes.UPDATES_DOC), "en"), rel="alternate", hreflang="en")
    fg.link(href=ctx.file_url(routes.FEED), rel="self", type="application/atom+xml")
    fg.language("vi")
    fg.rights("CC BY 4.0 — " + LICENCE_URL)
    fg.updated(f"{latest}T00:00:00Z")
    for c in reversed(entries):  # feedgen prepends: the newest ends up first
        when = _iso(c.get("date")) or latest
        version = str(c.get("version", ""))
        fe = fg.add_entry()
        fe.id(f"{ctx.page_url(routes.dataset_page(c['dataset']))}#v{version}-{when}")
        fe.title(f"{c['title']} {version} / {c['title_en']} {version}")
        # One link only: feedgen 1.0.0 drops rel, type and hreflang of entry links, and a link without rel is
        # rel="alternate" (RFC 4287 4.2.7.2), of which an entry may have one per type and language.
        fe.link(href=ctx.page_url(routes.dataset_page(c['dataset'])))
        change = (changes or {}).get((c["dataset"], version))
        fe.summary(f"{c.get('description', '')} / {c.get('description_en', '')}"
                   + (f" — {change[0]} / {change[1]}" if change else ""))
        fe.updated(f"{when}T00:00:00Z")
        fe.published(f"{when}T00:00:00Z")
    return fg.atom_str(pretty=True)


def outputs(model: Model, changes: dict[tuple[str, str], tuple[str, str]] | None = None) -> dict[str, bytes]:
    return {routes.FEED: releases_atom(model, changes)}
