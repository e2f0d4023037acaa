"""Whether a problem says what is wrong in English as well as in Vietnamese (issue 17: one text catalogue).

A problem's detail quotes the data, so its English detail may hold Vietnamese inside quotes ('Hà Nội') and, for the
codes whose detail is nothing but the data (DATA_ONLY), is the data itself. Everything else in it is English.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")

# Codes whose detail is the data alone (an excerpt of the text, the values that identify a row): the same in both
# languages, whatever language the data is in.
DATA_ONLY = {"html-in-text", "markdown-in-text", "formula-cell", "url-invalid", "duplicate-observation",
             "conflict-not-flagged", "text-not-nfc", "text-wrong-language", "column-name-in-text", "source-unknown"}

def vietnamese_outside_quotes(text: str) -> bool:
    return bool(VIETNAMESE.search(QUOTED.sub("", text)))


def untranslated(problems) -> list[tuple[str, str, str | None]]:
    """(code, detail, English detail) of every problem whose detail has no proper English twin."""
    bad = []
    for p in problems:
        if not p.detail:
            if p.detail_en:
                bad.append((p.code, p.detail, p.detail_en))
            continue
        if p.detail_en is None:
            bad.append((p.code, p.detail, p.detail_en))
            continue
        if p.code in DATA_ONLY and p.detail_en == p.detail:
            continue
        if vietnamese_outside_quotes(p.detail_en):
            bad.append((p.code, p.detail, p.detail_en))
    return bad
