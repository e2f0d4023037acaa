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


MARKUP = r"[<>\"'*_`\[\]{}#!|~\\]"  # characters that are markup in HTML or Markdown
markup_text = st.lists(st.sampled_from(list("<>&\"'*_`[]{}#!|~\\") + ["a", "b", " ", "the ", "of "]),
                       max_size=12).map("".join)
# Vietnamese quotations inside English (and English text on a Vietnamese page) are what esc_lang marks with a span:
# half the inputs are made of them, with markup around, so that the text outside the spans is tested too.
vi_quote = st.sampled_from(["“giảm tỷ suất tử vong trẻ em”", "\"trẻ em dưới 5 tuổi\"", "(được tiêm chủng đầy đủ)",
                            "‘chăm sóc và bảo vệ trẻ em’"])
en_text = st.sampled_from(["the number of children who are in school", "as reported by the office of statistics"])
mixed = st.builds(lambda a, q, b: a + q + b, markup_text, st.one_of(vi_quote, en_text), markup_text)


@given(st.one_of(text, mixed), st.sampled_from(["vi", "en"]))
def test_esc_lang_only_adds_language_spans(value, lang):
    other = "en" if lang == "vi" else "vi"
    out = fmt.esc_lang(value, lang)
    plain = re.sub(f'<span lang="{other}">|</span>', "", out)  # the spans it may add, in the other language only
    assert html.unescape(plain) == value
    assert not re.search(MARKUP, re.sub(r"&#?\w+;", "", plain)), out  # everything else is escaped


def test_a_vietnamese_quotation_in_english_is_marked_and_the_text_around_it_escaped():
    assert (fmt.esc_lang("Target *met* per “giảm tỷ suất tử vong trẻ em” <b>", "en")
            == 'Target &#42;met&#42; per <span lang="vi">“giảm tỷ suất tử vong trẻ em”</span> &lt;b&gt;')


# Addresses: half are made to start like a link (http, https, and look-alikes) and go on with characters that must
# never reach an href (space, quotes, angle brackets) or may (path, query, Vietnamese letters).
scheme = st.sampled_from(["http://", "https://", "HTTP://", "javascript:", "data:text/html,", "//", "ftp://", " https://"])
rest = st.text(alphabet=st.sampled_from(list("abz09.-/:?=&%#é\"'<> \t\n`")), max_size=20)
addresses = st.one_of(st.text(max_size=40), st.builds(lambda a, b: a + b, scheme, rest))


def is_safe_address(value: str) -> bool:
    """http:// or https:// (lower case), something after it, and no white space, quote or angle bracket anywhere."""
    address = value.strip()
    for prefix in ("http://", "https://"):
        if address.startswith(prefix) and len(address) > len(prefix):
            return not any(c.isspace() or c in "\"'<>" for c in address)
    return False


@given(addresses)
def test_only_http_addresses_become_links(value):
    out = fmt.link(value, "x")
    if is_safe_address(value):
        href = re.fullmatch(r'<a href="([^"]*)" rel="noopener nofollow external">x</a>', out)
        assert href and html.unescape(href.group(1)) == value.strip(), out
    else:
        assert "<" not in out and out == "x", out


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
