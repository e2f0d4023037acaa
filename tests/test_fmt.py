"""Numbers, dates, escaping and links as a reader sees them (scripts/fmt.py). Every expected string is written by
hand: 12,5 and 590.467 in Vietnamese, 12.5 and 590,467 in English."""
from __future__ import annotations

import datetime

import pytest

from scripts import fmt


# --- numbers -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, lang, digits, shown", [
    (12.5, "vi", None, "12,5"), (12.5, "en", None, "12.5"),
    (590467, "vi", None, "590.467"), (590467, "en", None, "590,467"),
    (0.125, "vi", None, "0,125"),            # three decimals are kept as printed, not cut to two
    (2.0, "vi", None, "2"),                  # a whole float has no decimals
    (3, "vi", 1, "3,0"), (16.1, "vi", 2, "16,10"),  # digits asked for are given
    (12345678901234567, "vi", None, "12.345.678.901.234.567"),  # a whole number is shown exactly, not as a float
])
def test_a_number_is_shown_with_the_pages_separators_and_its_printed_digits(value, lang, digits, shown):
    assert fmt.number(value, lang, digits) == shown


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_a_missing_number_is_a_dash_never_nan(missing):
    assert fmt.number(missing, "vi") == "–"
    assert fmt.number(missing, "en") == "–"


@pytest.mark.parametrize("value, lang, shown", [
    (0, "vi", "0,0"), (0.0, "en", "0.0"),          # zero has no sign: never "+0,0"
    (1.26, "vi", "+1,3"), (0.5, "vi", "+0,5"),     # a positive difference gets a plus
    (-0.5, "en", "−0.5"), (-2.0, "vi", "−2,0"),    # a negative one the minus sign (U+2212), not a hyphen
])
def test_a_difference_is_signed_and_zero_is_not(value, lang, shown):
    assert fmt.signed(value, lang) == shown


def test_a_difference_keeps_the_digits_asked_for():
    assert fmt.signed(-0.5, "en", 2) == "−0.50"
    assert fmt.signed(1.234, "vi", 0) == "+1"


# --- dates ---------------------------------------------------------------------------------------------------------
def test_a_day_in_a_sentence_is_day_month_year_in_vietnamese_and_written_out_in_english():
    assert fmt.day("2025-07-01", "vi") == "1/7/2025"
    assert fmt.day("2025-07-01T00:00:00", "vi") == "1/7/2025"  # a time after the day is left out
    assert fmt.day("2025-07-01", "en") == "1 July 2025"


def test_a_date_is_dd_mm_yyyy_in_vietnamese_and_short_month_in_english():
    assert fmt.date(datetime.date(2026, 11, 29), "vi") == "29/11/2026"
    assert fmt.date(datetime.date(2026, 3, 5), "vi") == "05/03/2026"
    assert fmt.date(datetime.date(2026, 11, 29), "en") == "29 Nov 2026"


# --- escaping and links --------------------------------------------------------------------------------------------
def test_nothing_is_escaped_to_nothing_and_a_number_to_its_digits():
    assert fmt.esc(None) == ""
    assert fmt.esc(0) == "0"
    assert fmt.esc("<b>*x*</b> & [a](b)") == "&lt;b&gt;&#42;x&#42;&lt;/b&gt; &amp; &#91;a&#93;(b)"


@pytest.mark.parametrize("value", [None, "", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>",
                                   "//example.org", "ftp://example.org", "https://", "https://a.vn/x y",
                                   "https://a.vn/\"onmouseover=alert(1)", "https://a.vn/'x'", "https://a.vn/<x>"])
def test_an_address_that_is_not_a_plain_http_address_is_refused(value):
    assert fmt.url(value) is None
    assert fmt.link(value, "Nguồn") == "Nguồn"


def test_an_http_address_is_trimmed_and_its_ampersands_escaped():
    assert fmt.url(" https://a.vn/x?a=1&b=2 ") == "https://a.vn/x?a=1&amp;b=2"
    assert fmt.url("http://a.vn") == "http://a.vn"


def test_a_link_is_external_unless_told_and_its_text_escaped():
    assert fmt.link("https://a.vn", "<b>Nguồn</b>") == \
        '<a href="https://a.vn" rel="noopener nofollow external">&lt;b&gt;Nguồn&lt;/b&gt;</a>'
    assert fmt.link("https://a.vn", "Nguồn", external=False) == '<a href="https://a.vn">Nguồn</a>'
    assert fmt.link(None, "<b>") == "&lt;b&gt;"


def test_a_links_english_text_is_marked_english_on_a_vietnamese_page_by_default():
    english = "the number of children who are in school"
    assert fmt.link("https://a.vn", english) == \
        f'<a href="https://a.vn" rel="noopener nofollow external"><span lang="en">{english}</span></a>'
    assert fmt.link("https://a.vn", english, lang="en") == \
        f'<a href="https://a.vn" rel="noopener nofollow external">{english}</a>'


# --- search folding ------------------------------------------------------------------------------------------------
def test_folding_drops_diacritics_and_turns_d_with_stroke_into_d():
    assert fmt.fold("suy dinh dưỡng") == "suy dinh duong"
    assert fmt.fold("Địa chỉ đường Nguyễn Huệ") == "Dia chi duong Nguyen Hue"
    assert fmt.fold("Khánh Hòa") == "Khanh Hoa"
    assert fmt.fold("Ninh Thuận") == "Ninh Thuan"


# --- the other language in a text ----------------------------------------------------------------------------------
def test_no_text_is_an_empty_string_in_either_language():
    assert fmt.esc_lang(None, "vi") == ""
    assert fmt.esc_lang(None, "en") == ""
    assert fmt.esc_lang("", "en") == ""


def test_english_text_on_a_vietnamese_page_is_marked_english_and_vietnamese_text_on_an_english_page_vietnamese():
    assert fmt.esc_lang("the number of children who are in school", "vi") == \
        '<span lang="en">the number of children who are in school</span>'
    assert fmt.esc_lang("số trẻ em", "en") == '<span lang="vi">số trẻ em</span>'


def test_text_in_the_pages_own_language_is_only_escaped():
    assert fmt.esc_lang("Chỉ tiêu “giảm tỷ suất tử vong” của tỉnh Ninh Thuận", "vi") == \
        "Chỉ tiêu “giảm tỷ suất tử vong” của tỉnh Ninh Thuận"
    assert fmt.esc_lang("plain english text <here>", "en") == "plain english text &lt;here&gt;"
    # an English quotation naming a Vietnamese place is still English
    assert fmt.esc_lang("Target for (the number of children in Ninh Thuận province)", "en") == \
        "Target for (the number of children in Ninh Thuận province)"


def test_only_the_quotation_in_the_other_language_is_marked():
    assert fmt.esc_lang("Target (giảm tỷ suất tử vong) and (the number of children) or (xyz)", "en") == \
        'Target <span lang="vi">(giảm tỷ suất tử vong)</span> and (the number of children) or (xyz)'
    assert fmt.esc_lang("Chỉ tiêu về trẻ em dưới 5 tuổi được tiêm chủng (the number of children who are in school) "
                        "của tỉnh", "vi") == \
        ('Chỉ tiêu về trẻ em dưới 5 tuổi được tiêm chủng '
         '<span lang="en">(the number of children who are in school)</span> của tỉnh')


def test_an_english_text_quoting_unaccented_words_marks_nothing():
    # no Vietnamese letter anywhere: nothing in it can be Vietnamese
    assert fmt.esc_lang("Indicator (tre em duoi 5 tuoi) of the plan", "en") == "Indicator (tre em duoi 5 tuoi) of the plan"
