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

# Detail sites not translated yet: scripts/validate/files.py and scripts/validate/consistency.py were being edited
# for other work at the same time. A problem of these codes without an English detail is tolerated (its English
# message shows the Vietnamese detail); test_pending_sites_are_still_untranslated fails once those files give
# English details, so this list is shortened then.
PENDING_FILES = ("scripts/validate/files.py", "scripts/validate/consistency.py")
PENDING_CODES = {
    # scripts/validate/files.py
    "path-unsafe", "file-missing", "file-too-large", "file-empty", "encoding-bom", "encoding-not-utf8",
    "package-json-invalid", "schema-invalid", "text-not-nfc", "line-endings-mixed",
    # scripts/validate/consistency.py
    "doubt-reason-missing", "doubt-reason-unexpected", "conflict-note-missing", "qualifier-quote-missing",
    "quote-lang-missing", "text-translation-missing", "text-wrong-language", "column-name-in-text", "source-unknown",
    "area-validity-inconsistent",
}


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
            if p.code not in PENDING_CODES:
                bad.append((p.code, p.detail, p.detail_en))
            continue
        if p.code in DATA_ONLY and p.detail_en == p.detail:
            continue
        if vietnamese_outside_quotes(p.detail_en):
            bad.append((p.code, p.detail, p.detail_en))
    return bad


def pending_sites_translated() -> list[str]:
    """The pending files that give an English detail somewhere (then PENDING_CODES must be revisited)."""
    return [f for f in PENDING_FILES if "detail_en" in (ROOT / f).read_text(encoding="utf-8")]
