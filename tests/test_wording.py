"""The words the site says about an indicator (scripts/wording.py), in Vietnamese and English, on small hand-written
models (tests/factory.py). Every expected sentence is written out by hand from the rows of its test: the numbers
(12,5 in Vietnamese, 12.5 in English), the units, the places, the targets and the order of the words."""
from __future__ import annotations

import pytest

from factory import model, obs, target
from scripts import wording as w
from scripts.model.decide import Latest, Value, decide, status

NT, VN = "58", "VN"
NATIONAL_2025 = target("3b", "national", 2025, "<=", 12.5)
PLAN_182 = target("3b", NT, 2025, "<", 15, document_id="182-kh-ubnd")
KH_2030_FULL = target("3b", "56", 2030, ">=", 100, document_id="kh-56")  # a plan whose number is not known
RANGE_2030 = target("3b", "national", 2030, "=", 2, value_upper=3)


def headline(rows, targets, direction="decrease", unit="per-1000-live-births"):
    m = model(rows, targets, direction, unit)
    return m, decide(m, m.indicators["3b"])


# --- numbers with units ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, unit, qualifier, vi, en", [
    (None, "percent", "", "–", "–"),
    (float("nan"), "percent", "", "–", "–"),
    (16.1, "per-1000-live-births", "", "16,1‰ trẻ đẻ sống", "16.1 per 1,000 live births"),
    (96, "percent", "more-than", "hơn 96%", "more than 96%"),
    (32, "percent", "nearly", "gần 32%", "nearly 32%"),
    (5, "per-100000-children", "", "5 trên 100.000 trẻ em", "5 per 100,000 children"),
])
def test_a_value_in_a_table_or_tooltip_has_its_unit_and_the_sources_qualifier(value, unit, qualifier, vi, en):
    assert w.value_text(value, unit, "vi", qualifier) == vi
    assert w.value_text(value, unit, "en", qualifier) == en


@pytest.mark.parametrize("value, unit, qualifier, vi, en", [
    (16.1, "per-1000-live-births", "", "16,1‰", "16.1‰"),
    (96, "percent", "more-than", "hơn 96%", "more than 96%"),
    (5, "per-100000-children", "", "5 trên 100.000 trẻ em", "5 per 100,000 children"),
])
def test_a_value_in_a_sentence_has_a_short_unit(value, unit, qualifier, vi, en):
    assert w.number_with_unit(value, unit, "vi", qualifier) == vi
    assert w.number_with_unit(value, unit, "en", qualifier) == en
    assert w.short_unit("per-1000-live-births", "en") == "‰"


# --- places and targets ----------------------------------------------------------------------------------------------
def test_a_place_is_named_as_the_unit_its_code_meant_that_year():
    m = model([], [])
    assert [w.place(m, NT, "vi", 2016), w.place(m, NT, "en", 2016)] == ["Ninh Thuận", "Ninh Thuận"]
    assert [w.place(m, VN, "vi"), w.place(m, VN, "en")] == ["Việt Nam", "Viet Nam"]
    assert w.place(m, "56", "vi", 2024) == "Khánh Hòa (trước 1/7/2025)"
    assert w.place(m, "56", "en", 2024) == "Khánh Hòa (before 1 July 2025)"
    assert [w.place(m, "56", "vi", 2026), w.place(m, "56", "en", 2026)] == ["Khánh Hòa", "Khánh Hòa"]
    assert w.place(m, "99", "vi") == "99"  # an unknown code is shown as it is


def test_a_target_scope_is_the_country_or_the_area_with_the_day_it_began():
    m = model([], [])
    assert [w.scope_name(m, s, "vi") for s in ("national", NT, "56", "99")] == [
        "toàn quốc", "Ninh Thuận", "Khánh Hòa (từ 1/7/2025)", "99"]
    assert [w.scope_name(m, s, "en") for s in ("national", NT, "56", "99")] == [
        "national", "Ninh Thuận", "Khánh Hòa (from 1 July 2025)", "99"]


@pytest.mark.parametrize("tg, unit, vi, en", [
    (NATIONAL_2025, "per-1000-live-births", "không quá 12,5‰", "at most 12.5‰"),
    (PLAN_182, "percent", "dưới 15%", "below 15%"),
    (KH_2030_FULL, "per-1000-live-births", "đạt ít nhất 100‰", "at least 100‰"),
    (KH_2030_FULL, "percent", "đạt 100%", "100%"),  # "at least 100%" means all
    (target("3b", "national", 2030, "=", 100), "percent", "đạt 100%", "100%"),
    (target("3b", "national", 2030, ">", 100), "percent", "trên 100%", "above 100%"),
    (target("3b", "national", 2030, ">=", 99), "percent", "đạt ít nhất 99%", "at least 99%"),
    (RANGE_2030, "per-1000-live-births", "2–3‰ trẻ đẻ sống", "2–3 per 1,000 live births"),
    (RANGE_2030, "percent", "2–3%", "2–3%"),
])
def test_a_target_value_says_how_it_is_compared(tg, unit, vi, en):
    assert w.target_value_text(tg, unit, "vi") == vi
    assert w.target_value_text(tg, unit, "en") == en


@pytest.mark.parametrize("tg, vi, en", [
    (NATIONAL_2025, "không quá 12,5", "at most 12.5"), (RANGE_2030, "2–3", "2–3"), (KH_2030_FULL, "đạt 100", "100")])
def test_a_target_value_in_a_table_leaves_the_unit_to_the_header(tg, vi, en):
    assert w.target_value_text(tg, "percent", "vi", with_unit=False) == vi
    assert w.target_value_text(tg, "percent", "en", with_unit=False) == en


@pytest.mark.parametrize("tg, vi, en", [
    (NATIONAL_2025, "Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg", "National 2025 target, Decision 23/QĐ-TTg"),
    (PLAN_182, "Mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND",
     "The 2025 target of Ninh Thuận, Plan 182/KH-UBND"),
    (KH_2030_FULL, "Mục tiêu 2030 của Khánh Hòa (từ 1/7/2025)", "The 2030 target of Khánh Hòa (from 1 July 2025)"),
])
def test_a_target_is_named_by_year_scope_and_the_document_that_sets_it(tg, vi, en):
    m = model([], [])
    assert w.target_label(m, tg, "vi") == vi
    assert w.target_label(m, tg, "en") == en
    assert w.target_label(m, tg, "vi", capital=False) == vi[0].lower() + vi[1:]
    assert w.target_label(m, tg, "en", capital=False) == en[0].lower() + en[1:]


def test_a_document_without_a_number_is_not_named():
    m = model([], [])
    assert (w.target_document(m, PLAN_182, "vi"), w.target_document(m, PLAN_182, "en")) == (
        "Kế hoạch 182/KH-UBND", "Plan 182/KH-UBND")
    assert w.target_document(m, KH_2030_FULL, "vi") == ""


def test_years_are_a_span_or_one_year_never_the_same_year_twice():
    assert w.years_text(2005, 2016) == "2005–2016"
    assert w.years_text(2014, 2014) == "2014"
    assert w.years_text("2014", 2014) == "2014"


def test_doubtful_targets_are_named_by_scope_and_years():
    m = model([], [])
    assert w.doubtful_targets_label(m, "national", [2030, 2025, 2025], "vi") == "Mục tiêu toàn quốc năm 2025 và 2030"
    assert w.doubtful_targets_label(m, "national", [2030, 2025], "en") == "The national target for 2025 and 2030"
    assert w.doubtful_targets_label(m, NT, [2025], "vi") == "Mục tiêu của Ninh Thuận năm 2025"
    assert w.doubtful_targets_label(m, NT, [2025], "en") == "The target of Ninh Thuận for 2025"
    assert w.doubtful_targets_label(m, "56", [2030], "en") == "The target of Khánh Hòa (from 1 July 2025) for 2030"


# --- the latest value ------------------------------------------------------------------------------------------------
def test_the_latest_value_with_its_place_year_and_flags():
    m, h = headline([obs(NT, 2016, 16.1, provisional=True)], [])
    unit = h.indicator.unit
    assert w.latest_value_text(m, h.latest, unit, "vi") == "16,1‰ (Ninh Thuận, năm 2016, số sơ bộ)"
    assert w.latest_value_text(m, h.latest, unit, "en") == "16.1‰ (Ninh Thuận, 2016, preliminary)"
    assert w.latest_value_text(m, h.latest, unit, "vi", with_place=False) == "16,1‰ (năm 2016, số sơ bộ)"
    assert w.latest_value_text(m, h.latest, unit, "en", strong=True) == \
        "<strong>16.1‰</strong> (Ninh Thuận, 2016, preliminary)"
    assert w.latest_value_text(m, h.latest, unit, "en", markup=False, strong=True) == "16.1‰ (Ninh Thuận, 2016, preliminary)"
    assert w.latest_value_text(m, None, unit, "vi") == "Chưa có số liệu"
    assert w.latest_value_text(m, None, unit, "en") == "No data yet"


def test_a_place_from_the_data_is_escaped_in_markup_only():
    m = model([], [])
    odd = Latest(Value("A*B", 2016, 1.5, "percent", "", False, "gso", "m", "gso", "official"))
    assert w.latest_value_text(m, odd, "percent", "en") == "1.5% (A&#42;B, 2016)"
    assert w.latest_value_text(m, odd, "percent", "en", markup=False) == "1.5% (A*B, 2016)"


def test_a_conflict_gives_both_values_and_no_bold():
    m, h = headline([obs(VN, 2020, 13.9, conflict=True), obs(VN, 2020, 12.1, conflict=True)], [])
    assert w.latest_text(m, h, "vi", strong=True) == "Việt Nam, năm 2020: các nguồn mâu thuẫn (13,9‰ và 12,1‰)"
    assert w.latest_text(m, h, "en") == "Viet Nam, 2020: sources disagree (13.9‰ and 12.1‰)"
    assert w.latest_value_text(m, h.latest, h.indicator.unit, "en", with_place=False) == \
        "2020: sources disagree (13.9‰ and 12.1‰)"


def test_no_value_and_no_usable_value_are_told_apart():
    m, h = headline([], [])
    assert (w.latest_text(m, h, "vi"), w.latest_text(m, h, "en")) == ("Chưa có số liệu", "No data yet")
    m, h = headline([obs(VN, 2020, 11.5, "survey", "mirror")], [])
    assert w.latest_text(m, h, "vi") == ("Chưa có giá trị dùng được (chỉ có số từ nguồn có độ tin cậy thấp, không rõ năm "
                                         "hoặc của địa bàn khác)")
    assert w.latest_of(h.latest) is None
    m, h = headline([obs(NT, 2016, 16.1)], [])
    assert w.latest_of(h.latest).value == 16.1


# --- the status ------------------------------------------------------------------------------------------------------
def test_an_assessed_status_is_named_with_no_reason():
    m, h = headline([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0)], [NATIONAL_2025])
    assert (w.status_text(m, h.status, "vi"), w.status_text(m, h.status, "en")) == ("Tiến bộ hạn chế",
                                                                                    "Limited progress")
    assert w.status_badge(h.status, "en") == ('<span class="status-dot status-dot--limited" aria-hidden="true"></span> '
                                              'Limited progress')


@pytest.mark.parametrize("rows, targets, vi, en", [
    ([], [], "Chưa đủ số liệu — chưa có số liệu nào; chưa có mức mục tiêu", "Not enough data — no data yet; no target"),
    ([obs(NT, 2005, 22.6), obs(NT, 2016, 16.1)], [NATIONAL_2025],
     "Chưa đủ số liệu — chưa có số liệu chính thức nào từ năm 2020 (gần nhất: Ninh Thuận năm 2016)",
     "Not enough data — no official figure since 2020 (the latest: Ninh Thuận 2016)"),
    ([obs(NT, 2016, 16.1)], [target("3b", "national", 2025, "<=", 12.5, "doubtful", "copy-error-suspected")],
     "Chưa đủ số liệu — giá trị mục tiêu còn nghi vấn nên không được dùng",
     "Not enough data — the target value is doubtful, so it is not used"),
])
def test_not_enough_data_says_every_reason(rows, targets, vi, en):
    m, h = headline(rows, targets)
    assert w.status_text(m, h.status, "vi") == vi
    assert w.status_text(m, h.status, "en") == en


def test_a_reason_about_the_latest_official_year_shows_a_dash_when_there_is_none():
    m = model([obs(NT, 2016, 16.1)], [NATIONAL_2025])
    s = status(m, m.indicators["3b"])
    from dataclasses import replace
    assert w.reason_text(m, replace(s, last_official=()), "en") == "no official figure since 2020 (the latest: –)"


# --- the chart sentence ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rows, targets, direction, unit, vi, en", [
    # 22.6 (2005) → 16.1 (2016); the 2025 target (not 2030) is the comparison: 16.1 - 12.5 = 3.6 above
    ([obs(NT, 2005, 22.6), obs(NT, 2016, 16.1)], [NATIONAL_2025, target("3b", "national", 2030, "<=", 10)],
     "decrease", "per-1000-live-births",
     "Ninh Thuận, theo Tổng cục Thống kê (bản sao): giảm từ 22,6‰ năm 2005 xuống 16,1‰ năm 2016. Mục tiêu 2025 toàn "
     "quốc, theo Quyết định 23/QĐ-TTg: không quá 12,5‰; giá trị năm 2016 cao hơn mức mục tiêu 3,6‰, nhưng không dùng để đánh giá tiến độ (chưa đủ số liệu).",
     "Ninh Thuận, GSO (copy): fell from 22.6‰ in 2005 to 16.1‰ in 2016. National 2025 target, Decision 23/QĐ-TTg: "
     "at most 12.5‰; the 2016 value is 3.6‰ above the target, but it is not used to assess progress (not enough data)."),
    # the same value in both years, equal to the target
    ([obs(NT, 2005, 16.1), obs(NT, 2016, 16.1)], [target("3b", "national", 2025, "<=", 16.1)],
     "decrease", "per-1000-live-births",
     "Ninh Thuận, theo Tổng cục Thống kê (bản sao): giữ ở mức 16,1‰ từ năm 2005 đến năm 2016. Mục tiêu 2025 toàn quốc, "
     "theo Quyết định 23/QĐ-TTg: không quá 16,1‰; giá trị năm 2016 bằng mức mục tiêu, nhưng không dùng để đánh giá tiến độ (chưa đủ số liệu).",
     "Ninh Thuận, GSO (copy): stayed at 16.1‰ from 2005 to 2016. National 2025 target, Decision 23/QĐ-TTg: at most "
     "16.1‰; the 2016 value is equal to the target, but it is not used to assess progress (not enough data)."),
    # a percentage above its target: 99.35 - 97 = 2.35, said as 2.4 percentage points
    ([obs(NT, 2010, 96.2, unit="percent"), obs(NT, 2015, 99.35, unit="percent")],
     [target("3b", "national", 2025, ">=", 97)], "increase", "percent",
     "Ninh Thuận, theo Tổng cục Thống kê (bản sao): tăng từ 96,2% năm 2010 lên 99,35% năm 2015. Mục tiêu 2025 toàn quốc, "
     "theo Quyết định 23/QĐ-TTg: đạt ít nhất 97%; giá trị năm 2015 cao hơn mức mục tiêu 2,4 điểm phần trăm, nhưng không dùng để đánh giá tiến độ (chưa đủ số liệu).",
     "Ninh Thuận, GSO (copy): rose from 96.2% in 2010 to 99.35% in 2015. National 2025 target, Decision 23/QĐ-TTg: at "
     "least 97%; the 2015 value is 2.4 percentage points above the target, but it is not used to assess progress (not enough data)."),
    # a percentage below its target: 96.2 - 99 = -2.8
    ([obs(NT, 2015, 96.2, unit="percent")], [target("3b", "national", 2025, ">=", 99)], "increase", "percent",
     "Ninh Thuận, theo Tổng cục Thống kê (bản sao): 96,2% năm 2015. Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg: "
     "đạt ít nhất 99%; giá trị năm 2015 thấp hơn mức mục tiêu 2,8 điểm phần trăm, nhưng không dùng để đánh giá tiến độ (chưa đủ số liệu).",
     "Ninh Thuận, GSO (copy): 96.2% in 2015. National 2025 target, Decision 23/QĐ-TTg: at least 99%; the 2015 value "
     "is 2.8 percentage points below the target, but it is not used to assess progress (not enough data)."),
    # another unit: the gap in that unit, 12.5 - 10 = 2.5; 16 → 12.5 fell
    ([obs(NT, 2016, 16.0), obs(NT, 2018, 12.5)], [target("3b", "national", 2025, "<=", 10)], "decrease",
     "per-100000-children",
     "Ninh Thuận, theo Tổng cục Thống kê (bản sao): giảm từ 16 trên 100.000 trẻ em năm 2016 xuống 12,5 trên 100.000 trẻ "
     "em năm 2018. Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg: không quá 10 trên 100.000 trẻ em; giá trị năm 2018 "
     "cao hơn mức mục tiêu 2,5 trên 100.000 trẻ em, nhưng không dùng để đánh giá tiến độ (chưa đủ số liệu).",
     "Ninh Thuận, GSO (copy): fell from 16 per 100,000 children in 2016 to 12.5 per 100,000 children in 2018. National "
     "2025 target, Decision 23/QĐ-TTg: at most 10 per 100,000 children; the 2018 value is 2.5 per 100,000 children "
     "above the target, but it is not used to assess progress (not enough data)."),
    # below a per-thousand target: 11.45 - 12.5 = -1.05, said to one decimal: 1.1 (1.05 is stored as 1.0500000000000000444)
    ([obs(NT, 2016, 11.45)], [NATIONAL_2025], "decrease", "per-1000-live-births",
     "Ninh Thuận, theo Tổng cục Thống kê (bản sao): 11,45‰ năm 2016. Mục tiêu 2025 toàn quốc, theo Quyết định "
     "23/QĐ-TTg: không quá 12,5‰; giá trị năm 2016 thấp hơn mức mục tiêu 1,1‰, nhưng không dùng để đánh giá tiến độ (chưa đủ số liệu).",
     "Ninh Thuận, GSO (copy): 11.45‰ in 2016. National 2025 target, Decision 23/QĐ-TTg: at most 12.5‰; the 2016 value "
     "is 1.1‰ below the target, but it is not used to assess progress (not enough data)."),
])
def test_the_chart_sentence_says_how_the_value_moved_and_how_far_it_is_from_its_target(rows, targets, direction, unit,
                                                                                       vi, en):
    m, h = headline(rows, targets, direction, unit)
    assert w.describe(m, h, "vi") == vi
    assert w.describe(m, h, "en") == en


def test_a_value_given_only_approximately_has_no_exact_gap():
    m, h = headline([obs(NT, 2014, 96, "survey", "paper", qualifier="more-than", unit="percent")],
                    [target("3b", "national", 2025, ">=", 97)], "increase", "percent")
    assert w.describe(m, h, "vi") == ("Ninh Thuận, theo điều tra (báo chí): hơn 96% năm 2014. Mục tiêu 2025 toàn quốc, "
                                      "theo Quyết định 23/QĐ-TTg: đạt ít nhất 97%.")
    assert w.describe(m, h, "en") == ("Ninh Thuận, survey (press): more than 96% in 2014. National 2025 target, "
                                      "Decision 23/QĐ-TTg: at least 97%.")


def test_a_conflict_is_said_with_the_target_but_no_gap():
    m, h = headline([obs(VN, 2020, 13.9, conflict=True), obs(VN, 2020, 12.1, conflict=True)], [NATIONAL_2025])
    assert w.describe(m, h, "vi") == ("Việt Nam, năm 2020: các nguồn mâu thuẫn (13,9‰ và 12,1‰). Mục tiêu 2025 toàn "
                                      "quốc, theo Quyết định 23/QĐ-TTg: không quá 12,5‰.")
    assert w.describe(m, h, "en") == ("Viet Nam, 2020: sources disagree (13.9‰ and 12.1‰). National 2025 target, "
                                      "Decision 23/QĐ-TTg: at most 12.5‰.")
    assert w.trend_phrase(h, "vi") == ""


def test_without_data_the_sentence_says_so_and_names_the_target():
    m, h = headline([], [NATIONAL_2025])
    assert w.describe(m, h, "vi") == ("Chưa có số liệu cho chỉ tiêu “Chỉ tiêu thử”. Mục tiêu 2025 toàn quốc, theo Quyết "
                                      "định 23/QĐ-TTg: không quá 12,5‰.")
    assert w.describe(m, h, "en") == ("There is no data yet for “Test indicator”. National 2025 target, Decision "
                                      "23/QĐ-TTg: at most 12.5‰.")
    m, h = headline([], [])
    assert w.describe(m, h, "en") == "There is no data yet for “Test indicator”."


def test_a_press_figure_and_a_preliminary_one_are_said_as_such():
    m, h = headline([obs(VN, 2020, 99.6, "news", "paper", unit="percent")], [], "increase", "percent")
    assert w.describe(m, h, "en") == "Viet Nam, press: 99.6% in 2020."
    m, h = headline([obs(NT, 2016, 16.1, provisional=True)], [])
    assert w.describe(m, h, "vi") == "Ninh Thuận, theo Tổng cục Thống kê (bản sao): 16,1‰ năm 2016 (số sơ bộ)."
    assert w.describe(m, h, "en") == "Ninh Thuận, GSO (copy): 16.1‰ in 2016 (preliminary)."


def test_doubtful_targets_are_not_compared_and_the_sentence_says_why():
    m, h = headline([obs(NT, 2016, 16.1)], [
        target("3b", "national", 2025, "<=", 12.5, "doubtful", "machine-translation-only"),
        target("3b", "national", 2030, "<=", 10, "doubtful", "copy-error-suspected"),
        target("3b", NT, 2030, "<=", 10, "doubtful", "machine-translation-only")])
    assert w.describe(m, h, "vi") == (
        "Ninh Thuận, theo Tổng cục Thống kê (bản sao): 16,1‰ năm 2016. Giá trị mục tiêu không được dùng: nghi lỗi sao "
        "chép (chỉ thấy trong một bản sao không chính thức và trùng giá trị với một chỉ tiêu khác); chỉ biết qua bản "
        "dịch máy của một bài báo.")
    assert w.describe(m, h, "en") == (
        "Ninh Thuận, GSO (copy): 16.1‰ in 2016. The target value is not used: suspected copy error (found only in an "
        "unofficial copy, with the same values as another indicator); known only from a machine translation of a news "
        "report.")


def test_a_range_target_is_named_and_not_compared():
    m, h = headline([obs(VN, 2017, 2.5, "gso", "gso", unit="percent")], [RANGE_2030], "increase", "percent")
    assert w.describe(m, h, "en") == ("Viet Nam, GSO (copy): 2.5% in 2017. National 2030 target, Decision 23/QĐ-TTg: "
                                      "2–3%.")
    assert w.describe(m, h, "vi") == ("Việt Nam, theo Tổng cục Thống kê (bản sao): 2,5% năm 2017. Mục tiêu 2030 toàn "
                                      "quốc, theo Quyết định 23/QĐ-TTg: 2–3%.")


def test_a_usable_target_elsewhere_is_not_called_doubtful():
    # the national target is doubtful, the province's is usable but a Viet Nam value is not compared with it
    m, h = headline([obs(VN, 2017, 14.4)], [target("3b", "national", 2025, "<=", 12.5, "doubtful", "copy-error-suspected"),
                                            PLAN_182])
    assert h.target is None
    assert w.describe(m, h, "en") == "Viet Nam, GSO (copy): 14.4‰ in 2017."


# --- the cases the first tests left open ---------------------------------------------------------------------------
def test_a_value_without_a_qualifier_is_just_the_number_and_unit():
    assert w.value_text(16.1, "per-1000-live-births", "vi") == "16,1‰ trẻ đẻ sống"


def test_a_city_and_a_province_lose_their_title_in_vietnamese_only(monkeypatch):
    import factory
    from scripts.model import Area

    city = Area("79", "Thành phố Hồ Chí Minh", "Ho Chi Minh City", "province", "VN", "", "", "valid", "", "",
                "nguồn", "source", "", "")
    commune = Area("99", "Xã Mới", "Moi Commune", "commune", "58", "2020-01-01", "2025-06-30", "ended", "", "",
                   "nguồn", "source", "", "")
    monkeypatch.setattr(factory, "AREAS", factory.AREAS + [city, commune])
    m = model([], [])
    assert (w.place(m, "79", "vi"), w.place(m, "79", "en")) == ("Hồ Chí Minh", "Ho Chi Minh City")
    assert w.scope_name(m, "99", "vi") == "Xã Mới (từ 1/1/2020)"  # an ended unit still says when it began


def test_a_province_that_began_on_a_day_says_so_except_ninh_thuan(monkeypatch):
    import factory
    from dataclasses import replace

    monkeypatch.setattr(factory, "AREAS", [replace(a, valid_from="2020-01-01") if a.code == NT else a
                                           for a in factory.AREAS])
    m = model([], [])
    assert w.scope_name(m, NT, "vi") == "Ninh Thuận"


def test_a_document_of_another_kind_is_named_by_its_number_and_a_national_target_without_one_by_nothing():
    import pandas as pd

    m = model([], [])
    m.documents = pd.concat([m.documents, pd.DataFrame([{"document_id": "cv-1", "number": "1/CV", "kind": "letter"}])])
    assert w.target_document(m, target("3b", "national", 2025, "<=", 1, document_id="cv-1"), "vi") == "1/CV"
    assert w.target_label(m, target("3b", "national", 2030, "<=", 1, document_id="kh-56"), "en") == "National 2030 target"


def test_a_range_with_decimals_is_written_in_the_pages_language():
    tg = target("3b", "national", 2030, "=", 2.5, value_upper=3.5)
    assert (w.target_value_text(tg, "percent", "vi"), w.target_value_text(tg, "percent", "en")) == ("2,5–3,5%",
                                                                                                    "2.5–3.5%")


def test_a_value_of_another_area_is_named_as_that_area_was_in_its_year():
    m = model([], [])
    v = Latest(Value("56", 2024, 9.5, "percent", "", False, "gso", "m", "gso", "official"))
    assert w.latest_value_text(m, v, "percent", "vi") == "9,5% (Khánh Hòa (trước 1/7/2025), năm 2024)"


def test_conflicting_values_keep_their_qualifiers_and_a_latest_value_can_be_bold():
    m, h = headline([obs(VN, 2020, 13.9, conflict=True, qualifier="nearly"), obs(VN, 2020, 12.1, conflict=True)], [])
    assert w.latest_text(m, h, "vi") == "Việt Nam, năm 2020: các nguồn mâu thuẫn (gần 13,9‰ và 12,1‰)"
    m, h = headline([obs(NT, 2016, 16.1)], [])
    assert w.latest_text(m, h, "vi", strong=True) == "<strong>16,1‰</strong> (Ninh Thuận, năm 2016)"


def test_small_differences_are_still_a_rise_and_a_gap():
    # 16.1 → 16.6 (a rise of 0.5), 0.5 above its target of at most 16.1
    m, h = headline([obs(NT, 2005, 16.1), obs(NT, 2016, 16.6, qualifier="")], [target("3b", "national", 2025, "<=", 16.1)])
    assert w.describe(m, h, "vi") == ("Ninh Thuận, theo Tổng cục Thống kê (bản sao): tăng từ 16,1‰ năm 2005 lên 16,6‰ "
                                      "năm 2016. Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg: không quá 16,1‰; "
                                      "giá trị năm 2016 cao hơn mức mục tiêu 0,5‰, nhưng không dùng để đánh giá "
                                      "tiến độ (chưa đủ số liệu).")
    assert w.describe(m, h, "en") == ("Ninh Thuận, GSO (copy): rose from 16.1‰ in 2005 to 16.6‰ in 2016. National 2025 "
                                      "target, Decision 23/QĐ-TTg: at most 16.1‰; the 2016 value is 0.5‰ above the "
                                      "target, but it is not used to assess progress (not enough data).")


def test_a_trend_starting_from_an_approximate_value_says_so_and_no_value_has_no_trend():
    m, h = headline([obs(NT, 2005, 22.6, qualifier="nearly"), obs(NT, 2016, 16.1)], [])
    assert w.trend_phrase(h, "en") == "fell from nearly 22.6‰ in 2005 to 16.1‰ in 2016"
    m, h = headline([], [])
    assert w.trend_phrase(h, "en") == ""


def test_a_press_figure_names_the_press_in_lower_case_in_vietnamese():
    m, h = headline([obs(VN, 2020, 99.6, "news", "paper", unit="percent")], [], "increase", "percent")
    assert w.describe(m, h, "vi") == "Việt Nam, theo báo chí: 99,6% năm 2020."


def test_the_range_named_is_the_range_not_another_usable_target():
    # a Viet Nam value has no national target; the only range is Ninh Thuận's, listed after Khánh Hòa's level target
    m, h = headline([obs(VN, 2017, 14.4)], [target("3b", "56", 2030, "<", 8),
                                            target("3b", NT, 2030, "=", 2, value_upper=3)])
    assert h.target is None
    assert w.describe(m, h, "en") == ("Viet Nam, GSO (copy): 14.4‰ in 2017. The 2030 target of Ninh Thuận, Decision "
                                      "23/QĐ-TTg: 2–3 per 1,000 live births.")


def test_a_merged_province_is_named_as_it_is_now_whatever_the_order_of_its_rows(monkeypatch):
    import factory

    ended_first = [a for a in factory.AREAS if a.code != "56" or a.ended] + [a for a in factory.AREAS
                                                                            if a.code == "56" and not a.ended]
    monkeypatch.setattr(factory, "AREAS", ended_first)
    m = model([], [])
    assert w.scope_name(m, "56", "vi") == "Khánh Hòa (từ 1/7/2025)"


def test_an_unknown_document_is_not_named_and_another_kind_is_its_number_in_english_too():
    import pandas as pd

    m = model([], [])
    assert w.target_document(m, target("3b", "national", 2025, "<=", 1, document_id="nowhere"), "vi") == ""
    m.documents = pd.concat([m.documents, pd.DataFrame([{"document_id": "cv-1", "number": "1/CV", "kind": "letter"}])])
    assert w.target_document(m, target("3b", "national", 2025, "<=", 1, document_id="cv-1"), "en") == "1/CV"


def test_a_press_figure_names_the_press_once():
    """The series 'Báo chí' from a press source: 'theo báo chí', never 'theo báo chí (báo chí)'."""
    m, h = headline([obs(NT, 2019, 5.4, "news", "paper", unit="percent")], [], "decrease", "percent")
    assert w.describe(m, h, "vi") == "Ninh Thuận, theo báo chí: 5,4% năm 2019."
    assert w.describe(m, h, "en") == "Ninh Thuận, press: 5.4% in 2019."


def test_a_rate_a_year_is_not_followed_by_a_second_year_word():
    """'16,1% mỗi năm vào năm 2016', never '16,1% mỗi năm năm 2016'."""
    rows = [obs(NT, 2010, 18.0, unit="percent-per-year"), obs(NT, 2016, 16.1, unit="percent-per-year")]
    m, h = headline(rows[1:], [], "decrease", "percent-per-year")
    assert w.trend_phrase(h, "vi") == "16,1% mỗi năm vào năm 2016"
    assert w.trend_phrase(h, "en") == "16.1% a year in 2016"
    m, h = headline(rows, [], "decrease", "percent-per-year")
    assert w.trend_phrase(h, "vi") == "giảm từ 18% mỗi năm vào năm 2010 xuống 16,1% mỗi năm vào năm 2016"
    assert w.trend_phrase(h, "en") == "fell from 18% a year in 2010 to 16.1% a year in 2016"
