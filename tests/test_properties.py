"""Property-based tests (hypothesis) of input normalisation and escaping. (Progress: tests/test_progress.py.)"""
from __future__ import annotations

import html
import re
import unicodedata
from datetime import date
from decimal import Decimal

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts import fmt
from scripts.excel import Unparseable, clean_text, normalise, parse_number_text

settings.register_profile("project", max_examples=150, deadline=None, derandomize=True)
settings.load_profile("project")

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80)


# --- escaping --------------------------------------------------------------------------------------------------------
@given(text)
def test_escaped_text_round_trips_and_holds_no_markup(value):
    out = fmt.esc(value)
    assert html.unescape(out) == value
    assert not re.search(r"[<>\"'*_`\[\]{}#!|~\\]", re.sub(r"&#?\w+;", "", out))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60))
def test_escaped_text_is_plain_text_after_markdown(value):
    # What a dataset says comes out of Markdown as the same text: no emphasis, code, link, image or raw HTML.
    # The pages put dataset text in table cells and list items, as here.
    for source, pattern in ((f"| h |\n|---|\n| {fmt.esc(value)} |\n", r"<td>(.*)</td>"),
                            (f"- x {fmt.esc(value)}\n", r"<li>x (.*)</li>")):
        rendered = markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables", "admonition"])
        m = re.search(pattern, rendered, re.S)
        inner = m.group(1) if m else ""
        assert "<" not in inner, rendered
        assert html.unescape(inner).strip() == value.strip()


@given(text, st.sampled_from(["vi", "en"]))
def test_esc_lang_only_adds_language_spans(value, lang):
    out = fmt.esc_lang(value, lang)
    assert html.unescape(re.sub(r'</?span( lang="vi")?>', "", out)) == value


@given(st.text(max_size=40))
def test_only_http_addresses_become_links(value):
    out = fmt.link(value, "x")
    if out.startswith("<a "):
        assert re.match(r'^<a href="https?://', out)
    assert "javascript:" not in out.lower() or not out.startswith("<a ")


# --- numbers typed by staff -----------------------------------------------------------------------------------------
decimals = st.decimals(min_value=Decimal("-99999"), max_value=Decimal("99999"), places=3, allow_nan=False,
                       allow_infinity=False)


@given(decimals)
def test_decimal_comma_and_point_mean_the_same_number(value):
    canonical = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if "." in canonical:
        whole, frac = canonical.split(".")
        frac = frac.rstrip("0")
        if len(frac) == 3:  # '1,250' with three decimals is ambiguous with a thousands separator: refused, tested below
            return
        canonical = whole + ("." + frac if frac else "")
    comma = canonical.replace(".", ",")
    assert Decimal(parse_number_text(canonical)) == Decimal(canonical)
    assert Decimal(parse_number_text(comma)) == Decimal(canonical)
    assert parse_number_text(f"  {comma} ".strip()) == parse_number_text(canonical)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_one_separator_before_three_digits_is_ambiguous_not_guessed(head, tail):
    for sep in ".,":
        with pytest.raises(Unparseable) as exc:
            parse_number_text(f"{head}{sep}{tail:03d}")
        assert exc.value.code == "excel-number-ambiguous"


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_integers_survive_whole(value):
    assert parse_number_text(str(value), integer=True) == str(value)
    assert normalise(value, "integer") == str(value)


@given(st.text(alphabet="abcxyz%€", min_size=1, max_size=6))
def test_text_is_never_a_number(value):
    with pytest.raises(Unparseable):
        parse_number_text(value)


# --- dates and text --------------------------------------------------------------------------------------------------
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(["/", ".", "-"]))
def test_day_first_dates_become_iso(day, sep):
    typed = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"
    assert normalise(typed, "date") == day.isoformat()
    assert normalise(day.isoformat(), "date") == day.isoformat()


@given(st.integers(min_value=1, max_value=31), st.integers(min_value=13, max_value=99), st.integers(2000, 2030))
def test_impossible_dates_are_refused(d, m, y):
    with pytest.raises(Unparseable):
        normalise(f"{d:02d}/{m:02d}/{y}", "date")


@given(text)
def test_text_cleaning_gives_nfc_and_is_idempotent(value):
    once = normalise(unicodedata.normalize("NFD", value), "string")
    assert unicodedata.is_normalized("NFC", once)
    assert normalise(once, "string") == once
    assert once == clean_text(once)
