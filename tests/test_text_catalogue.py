"""One text catalogue (scripts/i18n.py): the page and chart writers take every word from it, looked up one way, and
every entry of it has both languages."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from scripts import i18n

ROOT = Path(__file__).parents[1]
PAGE_MODULES = ("scripts/pages.py", "scripts/wording.py", "scripts/release_pages.py", "scripts/markdown.py",
                "scripts/charts.py", "scripts/facts.py", "scripts/sparkline.py", "scripts/sdmx/outputs.py")
LANGUAGE_FLAGS = {"vi", "en"}  # the writers' `vi = lang == "vi"`, `en = lang == "en"`
# A dataset's column chosen by language ("title_en" if en else "title") is not a word the page says.
COLUMN = re.compile(r"[a-z_]+")


def is_text(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def is_language_test(test: ast.expr) -> bool:
    """`vi`, `not en`, `lang == "vi"`, `lang != 'en'`: a test of the page's language."""
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if isinstance(test, ast.Name):
        return test.id in LANGUAGE_FLAGS
    if isinstance(test, ast.Compare) and len(test.comparators) == 1:
        sides = (test.left, test.comparators[0])
        return (any(isinstance(x, ast.Name) and x.id == "lang" for x in sides)
                and any(isinstance(x, ast.Constant) and x.value in ("vi", "en") for x in sides))
    return False


def is_column_choice(node: ast.IfExp) -> bool:
    names = [n.value for n in (node.body, node.orelse) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return len(names) == 2 and all(COLUMN.fullmatch(n) for n in names) and any(n.endswith("_en") for n in names)


def inline_choices(source: str) -> list[str]:
    """Each `"…" if vi else "…"` (or if lang == …, if en …) between two literal texts, as line: code."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.IfExp) or not (is_text(node.body) and is_text(node.orelse)):
            continue
        if is_language_test(node.test) and not is_column_choice(node):
            found.append((node.lineno, f"{node.lineno}: {ast.get_source_segment(source, node)}"))
    return [text for _, text in sorted(found)]


def test_the_check_finds_an_inline_choice_and_leaves_other_choices_alone():
    code = ('a = "Tải biểu đồ" if vi else "Download the chart"\n'
            'b = f"năm {y}" if lang == "vi" else str(y)\n'
            'c = (" và " if lang == "vi" else " and ").join(ys)\n'
            'd = f"x {n}" if not en else f"y {n}"\n'
            'e = d.get("title_en" if en else "title")\n'
            'f = "CSV, gzip" if name.endswith(".gz") else "CSV"\n'
            'g = t(lang, "x") if vi else t(lang, "y")\n'
            'h = f" ({doc})" if (doc := document(tg, lang)) else ""\n'
            "i = 'từ' if lang != 'en' else 'from'\n")
    assert [line.split(":")[0] for line in inline_choices(code)] == ["1", "3", "4", "9"]


@pytest.mark.parametrize("module", PAGE_MODULES)
def test_page_modules_take_their_words_from_the_catalogue(module):
    assert inline_choices((ROOT / module).read_text(encoding="utf-8")) == []


def tables() -> dict[str, dict]:
    """Every table of the catalogue whose entries are {"vi": …, "en": …}."""
    return {name: value for name, value in vars(i18n).items()
            if name.isupper() and isinstance(value, dict) and value
            and all(isinstance(v, dict) and set(v) & {"vi", "en"} for v in value.values())}


def test_every_entry_of_the_catalogue_has_both_languages():
    assert {"STATUS", "UNITS", "RELEASE_WORDS", "CLI_TEXT", "PAGE_TEXT"} <= set(tables())
    for name, table in tables().items():
        for key, words in table.items():
            assert set(words) == {"vi", "en"}, (name, key)
            assert all(isinstance(w, str) and w.strip() for w in words.values()), (name, key)
    assert set(i18n.STRINGS["vi"]) == set(i18n.STRINGS["en"])
    for lang in ("vi", "en"):
        assert all(w.strip() for w in i18n.STRINGS[lang].values()), lang


def test_one_key_names_one_text():
    """t() reads STRINGS and PAGE_TEXT as one catalogue, so a key may be in only one of them."""
    assert set(i18n.STRINGS["vi"]) & set(i18n.PAGE_TEXT) == set()


def test_placeholders_are_the_same_in_both_languages():
    fields = re.compile(r"\{(\w*)\}")
    for name, table in tables().items():
        for key, words in table.items():
            assert sorted(fields.findall(words["vi"])) == sorted(fields.findall(words["en"])), (name, key)


def test_t_reads_the_page_text_and_fills_its_fields():
    key = next(k for k, w in i18n.PAGE_TEXT.items() if "{" not in w["vi"])
    assert i18n.t("vi", key) == i18n.PAGE_TEXT[key]["vi"]
    assert i18n.t("en", key) == i18n.PAGE_TEXT[key]["en"]
    assert i18n.t("en", "gap_summary", n=3, total=35, year=2019) == \
        "3 of 35 sub-indicators have no data at all; no Ninh Thuận value after 2019 was found."
