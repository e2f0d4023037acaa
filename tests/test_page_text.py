"""What an indicator page says, block by block (scripts/pages.py), on small hand-written models (tests/factory.py):
the headline, the targets with their doubts, the data table with its flags, the progress inputs and the cards. Fast
unit tests (no site is built); every expected line is written by hand from the rows of its test."""
from __future__ import annotations

import pytest

from factory import model, obs, target
from scripts import manifest, pages
from scripts.model.decide import decide

NT, VN = "58", "VN"
NATIONAL_2025 = target("3b", "national", 2025, "<=", 12.5)
PLAN_182 = target("3b", NT, 2025, "<", 15, document_id="182-kh-ubnd")
DOUBT_MT = target("3b", "national", 2030, "<=", 10, "doubtful", "machine-translation-only")
DOUBT_UNEXPLAINED = target("3b", "56", 2030, "<=", 10, "doubtful", "")
DOT = '<span class="status-dot status-dot--{}" aria-hidden="true"></span>'


def mixed():
    """Ninh Thuận's official series (preliminary last value), a press figure of uncertain year, and two Viet Nam
    values that disagree; a national and a provincial target, and two doubtful ones."""
    m = model([obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True), obs(VN, 2016, 14.0, conflict=True),
               obs(VN, 2016, 14.5, "news", "paper", conflict=True),
               obs(NT, 2016, 16.3, "news", "paper", qualifier="nearly", doubt_reason="year-implied")],
              [NATIONAL_2025, PLAN_182, DOUBT_MT, DOUBT_UNEXPLAINED])
    ind = m.indicators["3b"]
    return m, ind, decide(m, ind)


def assessed():
    m = model([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0)], [NATIONAL_2025, target("3b", "national", 2030, "<=", 10)])
    ind = m.indicators["3b"]
    return m, ind, decide(m, ind)


# --- the headline ----------------------------------------------------------------------------------------------------
def test_the_headline_gives_the_latest_value_its_source_the_target_it_is_compared_with_and_the_status():
    m, ind, h = mixed()
    assert pages.headline_block(m, h, "vi") == (
        '<div class="headline" markdown="1">\n\n'
        "**Giá trị mới nhất:** <strong>16,1‰</strong> (Ninh Thuận, năm 2016, số sơ bộ)<br>Nguồn: "
        '<a href="https://example.org/gso" rel="noopener nofollow external">Tổng cục Thống kê: Bảng A</a> '
        "(bản sao của nguồn chính thức)\n\n"
        "**So sánh với:** dưới 15‰ — mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND — Kế hoạch thực hiện "
        "Quyết định 1493/QĐ-TTg\n\n"
        f"**Tình trạng:** {DOT.format('insufficient-data')} Chưa đủ số liệu — chưa có số liệu chính thức nào từ năm "
        "2020 (gần nhất: Ninh Thuận năm 2016, Việt Nam năm 2016)\n\n</div>\n")


def test_a_range_target_is_shown_as_a_range_not_used_and_no_target_as_a_dash():
    m = model([], [target("3b", "national", 2030, "=", 2, value_upper=3)], "increase", "percent-per-year")
    h = decide(m, m.indicators["3b"])
    assert pages.comparison_text(m, h, "vi") == ("– (mục tiêu 2030 toàn quốc, theo Quyết định 23/QĐ-TTg: 2–3% mỗi năm, "
                                                 "là một khoảng, không dùng để so sánh)")
    assert pages.comparison_text(m, h, "en") == ("– (national 2030 target, Decision 23/QĐ-TTg: 2–3% a year, a range, "
                                                 "not used for comparison)")
    m = model([], [])
    assert pages.comparison_text(m, decide(m, m.indicators["3b"]), "en") == "–"


# --- targets and their doubts ----------------------------------------------------------------------------------------
def test_each_doubtful_target_is_struck_through_with_its_own_reason_and_warned_about_once():
    m, ind, h = mixed()
    vi = pages.targets_section(m, ind, h, "vi")
    assert "| 2030 | toàn quốc (Quyết định 23/QĐ-TTg) | <del>không quá 10‰</del> — còn nghi vấn, không dùng để so sánh: " \
           "chỉ biết qua bản dịch máy của một bài báo | còn nghi vấn |" in vi
    assert "| 2025 | Ninh Thuận (Kế hoạch 182/KH-UBND) | **dưới 15‰** (dùng để so sánh) | đã đối chiếu |" in vi
    assert "| 2025 | toàn quốc (Quyết định 23/QĐ-TTg) | không quá 12,5‰ | đã đối chiếu |" in vi
    assert vi.count('!!! warning "Mức mục tiêu còn nghi vấn"') == 2
    assert ("    Mục tiêu toàn quốc năm 2030: chỉ biết qua bản dịch máy của một bài báo. Trang web không dùng các giá "
            "trị này để so sánh hay đánh giá tiến độ.\n") in vi
    assert ("    Mục tiêu của Khánh Hòa (từ 1/7/2025) năm 2030: chưa ghi lý do. Trang web không dùng các giá trị này "
            "để so sánh hay đánh giá tiến độ.\n") in vi
    en = pages.targets_section(m, ind, h, "en")
    assert en.count('!!! warning "Doubtful target"') == 2
    assert ("    The national target for 2030: known only from a machine translation of a news report. The site does "
            "not use these values for comparisons or progress.\n") in en
    assert "| **below 15‰** (used for comparison) |" in en


def test_a_page_whose_only_doubt_is_a_doubtful_target_warns_about_it():
    m = model([obs(NT, 2016, 16.1)], [target("3b", "56", 2030, "<", 8, "doubtful", "machine-translation-only",
                                             document_id="kh-56")])
    h = decide(m, m.indicators["3b"])
    assert ('!!! warning "Mức mục tiêu còn nghi vấn"\n\n    Mục tiêu của Khánh Hòa (từ 1/7/2025) năm 2030: chỉ biết qua bản '
            'dịch máy của một bài báo.') in pages.targets_section(m, m.indicators["3b"], h, "vi")


def test_a_provisional_target_says_so_and_no_target_says_none_yet():
    m = model([], [target("3b", "national", 2025, "<=", 12.5)])
    tg = m.indicators["3b"].targets[0]
    from dataclasses import replace
    assert pages.target_cell(m, replace(tg, status="provisional"), "percent", "en") == \
        "at most 12.5% (provisional, known only from a secondary source)"
    assert pages.target_cell(m, tg, "percent", "en", used=tg) == "**at most 12.5%** (used for comparison)"
    assert pages.target_cell(m, tg, "percent", "en", with_unit=False) == "at most 12.5"
    empty = model([], [])
    h = decide(empty, empty.indicators["3b"])
    assert pages.targets_section(empty, empty.indicators["3b"], h, "vi") == "Chưa có mức mục tiêu."


# --- the data table --------------------------------------------------------------------------------------------------
def test_the_data_table_has_a_row_per_year_a_column_per_series_and_target_scope_and_every_flag():
    m, ind, h = mixed()
    vi = pages.series_table(m, ind, pages.chart_rows(m, ind, "vi"), h, "vi")
    assert vi.startswith("Đơn vị: ‰ trẻ đẻ sống.\n\n")
    assert ("| Năm | Ninh Thuận — Tổng cục Thống kê · bản sao | Ninh Thuận — Báo chí | Việt Nam — Tổng cục Thống kê · "
            "bản sao | Việt Nam — Báo chí | Mức mục tiêu — toàn quốc | Mức mục tiêu — Ninh Thuận | Mức mục tiêu — Khánh "
            "Hòa (từ 1/7/2025) |") in vi
    assert "| 2010 | 18,8 |  |  |  |  |  |  |" in vi
    assert ("| 2016 | 16,1 <small>(số sơ bộ)</small> | gần 16,3 <small>(năm chỉ được suy ra, nguồn không ghi rõ)"
            "</small> | 14 <small>(⚠️ các nguồn mâu thuẫn)</small> | 14,5 <small>(⚠️ các nguồn mâu thuẫn)</small> "
            "|  |  |  |") in vi
    assert "| 2025 |  |  |  |  | không quá 12,5 | **dưới 15** (dùng để so sánh) |  |" in vi
    en = pages.series_table(m, ind, pages.chart_rows(m, ind, "en"), h, "en")
    assert "| 2016 | 16.1 <small>(preliminary)</small> | nearly 16.3 <small>(the year is implied, not stated)</small> " \
           "| 14 <small>(⚠️ sources disagree)</small> | 14.5 <small>(⚠️ sources disagree)</small> |" in en


def test_two_values_of_one_series_in_one_year_share_a_cell():
    m = model([obs(NT, 2016, 16.1), obs(NT, 2016, 16.4, "gso", "gso", measure="m")], [])
    ind = m.indicators["3b"]
    table = pages.series_table(m, ind, pages.chart_rows(m, ind, "en"), decide(m, ind), "en")
    assert "| 2016 | 16.1<br>16.4 |" in table


def test_no_values_and_no_targets_make_no_table():
    m = model([], [])
    ind = m.indicators["3b"]
    assert pages.series_table(m, ind, pages.chart_rows(m, ind, "vi"), decide(m, ind), "vi") == ""


# --- progress ----------------------------------------------------------------------------------------------------------
def test_an_assessed_status_shows_where_it_was_assessed_and_its_inputs_in_percent():
    m, ind, h = assessed()
    vi = pages.progress_block(m, ind, h.status, "vi")
    # observed (15/16)**(1/4) - 1 = -1.60%; required (12.5/16)**(1/5) - 1 = -4.82%; R = 0.33
    assert vi == (f"**{DOT.format('limited')} Tiến bộ hạn chế**\n\n"
                  "Đánh giá theo: Ninh Thuận, Tổng cục Thống kê.\n\n"
                  "Số liệu dùng để đánh giá:\n\n"
                  "| Thông tin | Giá trị |\n|---|---|\n"
                  "| Giá trị gốc | 16‰ trẻ đẻ sống (2020) |\n"
                  "| Giá trị mới nhất | 15‰ trẻ đẻ sống (2024) |\n"
                  "| Mức mục tiêu | không quá 12,5‰ (Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg) |\n"
                  "| CAGR quan sát | -1,60% |\n| CAGR cần thiết | -4,82% |\n| R | 0,33 |\n\n\n"
                  "[Cách tính](../phuong-phap.md)")
    en = pages.progress_block(m, ind, h.status, "en")
    assert "Assessed on: Ninh Thuận, GSO." in en
    assert "| CAGR observed | -1.60% |\n| CAGR required | -4.82% |\n| R | 0.33 |" in en
    assert "| Baseline | 16 per 1,000 live births (2020) |\n| Latest value | 15 per 1,000 live births (2024) |" in en


def test_not_enough_data_shows_the_reason_and_only_the_inputs_there_are():
    m, ind, h = mixed()
    assert pages.progress_block(m, ind, h.status, "en") == (
        f"**{DOT.format('insufficient-data')} Not enough data** — no official figure since 2020 (the latest: Ninh "
        "Thuận 2016, Viet Nam 2016)\n\n[How it is computed](../phuong-phap.md)")
    one = model([obs(NT, 2016, 16.1), obs(NT, 2021, 15.0)], [NATIONAL_2025])
    h = decide(one, one.indicators["3b"])
    en = pages.progress_block(one, one.indicators["3b"], h.status, "en")
    assert "| Baseline | 15 per 1,000 live births (2021) |" in en
    assert "Latest value" not in en and "CAGR" not in en and "Assessed on" not in en
    assert "| Target | at most 12.5‰ (National 2025 target, Decision 23/QĐ-TTg) |" in en


# --- cards and counts ------------------------------------------------------------------------------------------------
def test_a_card_gives_the_latest_value_with_its_trust_the_target_a_sparkline_and_the_status():
    m, ind, h = assessed()
    card = pages.indicator_card(m, h, "en", "muc-tieu/1")  # on a goal page
    assert card.startswith('<div class="card" markdown="1">\n\n[Test](../chi-so/3b.md) '
                           '<span class="card-code">Indicator 3b</span>\n{: .card-title }\n\n')
    assert ('<strong>15‰</strong> (Ninh Thuận, 2024) <span class="trust">copy of an official source</span>\n'
            '{: .card-latest }') in card
    assert ("Compared with: at most 12.5‰ — national 2025 target, Decision 23/QĐ-TTg\n{: .card-target }") in card
    assert ('aria-label="Ninh Thuận: fell from 16‰ in 2020 to 15‰ in 2024. National 2025 target, Decision '
            '23/QĐ-TTg: at most 12.5‰"') in card
    assert card.endswith(f"{DOT.format('limited')} Limited progress\n{{: .card-status }}\n\n</div>")


def test_a_card_without_any_value_says_so_in_one_line():
    m = model([], [target("3b", "national", 2030, "=", 2, value_upper=3)], "increase", "percent-per-year")
    card = pages.indicator_card(m, decide(m, m.indicators["3b"]), "en", "index")  # on the home page
    assert card == ('<div class="card" markdown="1">\n\n[Test](chi-so/3b.md) <span class="card-code">Indicator 3b</span>'
                    '\n{: .card-title }\n\n'
                    f"{DOT.format('insufficient-data')} Not enough data — no data yet; the target is a range (the "
                    "method needs a single level)\n{: .card-status }\n\n"
                    "Compared with: – (national 2030 target, Decision 23/QĐ-TTg: 2–3% a year, a range, not used for "
                    "comparison)\n{: .card-target }\n\n</div>")


def test_a_single_value_gets_no_sparkline():
    m = model([obs(NT, 2016, 16.1)], [NATIONAL_2025])
    assert pages.spark(m, decide(m, m.indicators["3b"]), "vi") == ""


@pytest.mark.parametrize("rows, vi, en", [
    ([obs(NT, 2016, 16.1)],
     "Có số liệu cho 1 trong 1 chỉ tiêu con, 1 trong đó là số của chính Ninh Thuận (mới nhất năm 2016). 0 chỉ tiêu con "
     "chưa có số liệu nào; chưa chỉ tiêu con nào đủ số liệu chính thức để đánh giá tiến độ.",
     "There are figures for 1 of 1 sub-indicators, 1 of them for Ninh Thuận itself (the latest for 2016). 0 "
     "sub-indicators have no figure at all; none has enough official data to assess progress."),
    ([obs(VN, 2017, 14.4)],
     "Có số liệu cho 1 trong 1 chỉ tiêu con, 0 trong đó là số của chính Ninh Thuận. 0 chỉ tiêu con chưa có số liệu "
     "nào; chưa chỉ tiêu con nào đủ số liệu chính thức để đánh giá tiến độ.",
     "There are figures for 1 of 1 sub-indicators, 0 of them for Ninh Thuận itself. 0 sub-indicators have no figure "
     "at all; none has enough official data to assess progress."),
    ([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0)],
     "Có số liệu cho 1 trong 1 chỉ tiêu con, 1 trong đó là số của chính Ninh Thuận (mới nhất năm 2024). 0 chỉ tiêu con "
     "chưa có số liệu nào; 0 chỉ tiêu con chưa đủ số liệu chính thức để đánh giá tiến độ.",
     "There are figures for 1 of 1 sub-indicators, 1 of them for Ninh Thuận itself (the latest for 2024). 0 "
     "sub-indicators have no figure at all; 0 do not have enough official data to assess progress."),
])
def test_the_home_page_counts_what_is_known_and_what_is_missing(rows, vi, en):
    m = model(rows, [NATIONAL_2025])
    headlines = {"3b": decide(m, m.indicators["3b"])}
    assert pages.known_and_missing(m, headlines, "vi") == vi
    assert pages.known_and_missing(m, headlines, "en") == en


# --- the whole indicator page ------------------------------------------------------------------------------------------
def indicator_page(lang, chart):
    m = model([obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True)], [NATIONAL_2025])
    ind = m.indicators["3b"]
    return pages.indicator_page(m, ind, lang, decide(m, ind), chart, "2026-11-29", "Mô tả <b>", manifest.of(m))


def test_an_indicator_page_has_its_title_goal_facts_chart_table_progress_downloads_and_citation_in_order():
    page = indicator_page("vi", {"layer": []})
    assert page.startswith('---\ntitle: "Chỉ tiêu 3b: Chỉ tiêu thử"\ndescription: "Mô tả &lt;b&gt;"\n'
                           'data_date: "2026-11-29"\n---\n\n'  # the date of the data, in the printed page's footer
                           "# Chỉ tiêu 3b: Chỉ tiêu thử\n\n[Mục tiêu 1: Mục tiêu thử](../muc-tieu/1.md)\n\n")
    assert ("| Đơn vị | ‰ trẻ đẻ sống |\n| Xu hướng mong muốn | càng thấp càng tốt |\n| Cập nhật lần cuối | 2026-11-29 |"
            in page)
    assert ('<picture><source media="(max-width: 671.98px)" srcset="../../bieu-do/3b-vi-small.svg">'
            '<img src="../../bieu-do/3b-vi.svg" alt="Mô tả &lt;b&gt;" loading="lazy"></picture>\n\n*Mô tả &lt;b&gt;*\n\n'
            "[SVG](../bieu-do/3b-vi.svg) · [PNG](../bieu-do/3b-vi.png) · [Xem biểu đồ tương tác](../bieu-do/3b.md) · "
            "[Vega-Lite JSON](../bieu-do/3b-vi-vegalite.json)") in page
    assert ("- <a href=\"https://example.org/gso\" rel=\"noopener nofollow external\">Tổng cục Thống kê: Bảng A</a> "
            "(bản sao của nguồn chính thức) — 2010–2016.") in page
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["## Mức mục tiêu", "## Biểu đồ", "## Bảng số liệu", "## Tiến độ", "## Tải dữ liệu", "## Trích dẫn"]


def test_an_indicator_page_without_a_chart_says_so_and_links_every_download():
    page = indicator_page("en", None)
    assert "## Chart\n\nNo data to chart yet.\n\n## Data table" in page
    assert ("- [CSV — this indicator’s data](../data/chi-so/3b.csv)\n"
            "- [All observations (CSV)](../data/observations/observations.csv)\n"
            "- [All targets (CSV)](../data/programme-targets/targets.csv)\n") in page
    assert "- [Datasets](../bo-du-lieu/index.md)" in page
    assert ("*Indicator 3b: Test indicator* [Data set]. <a href=\"https://tre-em-ninh-thuan.github.io/en/chi-so/3b/\">"
            "https://tre-em-ninh-thuan.github.io/en/chi-so/3b/</a>") in page
