"""What every generated page tells a reader (scripts/pages.py), decision by decision, on small hand-written models
(tests/factory.py) and hand-made manifests: which value, target, warning, flag, link, size and hash a page shows, in
both languages. Fast unit tests (no site is built); every expected line is worked out by hand from the rows of its
test. tests/test_page_text.py has the indicator page's headline, targets, table and progress blocks."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd

from factory import AREAS, SOURCES, model, obs, target
from scripts import manifest, pages
from scripts.model import Area, Target
from scripts.model.decide import decide
from scripts.validate import Dataset
from scripts.validate.rules import Table

NT, VN = "58", "VN"
GSO_VI = '<a href="https://example.org/gso" rel="noopener nofollow external">Tổng cục Thống kê: Bảng A</a>'
GSO_EN = '<a href="https://example.org/gso" rel="noopener nofollow external">General Statistics Office: Table A</a>'
PAPER_VI = '<a href="https://example.org/paper" rel="noopener nofollow external">Báo X: Bài B</a>'
PAPER_EN = '<a href="https://example.org/paper" rel="noopener nofollow external">Newspaper X: Article B</a>'
MIRROR_EN = '<a href="http://mirror.example/c" rel="noopener nofollow external">Newspaper Y, reproduced: Article C</a>'
DOT = '<span class="status-dot status-dot--{}" aria-hidden="true"></span>'
SITE = "https://tre-em-ninh-thuan.github.io/"
Files = manifest.DatasetFiles


def front(title: str, description: str = "") -> str:
    return f'---\ntitle: "{title}"\n' + (f'description: "{description}"\n' if description else "") + "---\n\n"


# --- small helpers -------------------------------------------------------------------------------------------------
def test_a_sources_own_words_are_quoted_and_marked_with_their_language_only_when_it_is_not_the_pages():
    assert pages.quote("", "vi", "en") == ""
    assert pages.quote("gần <16>", "vi", "en") == '<q lang="vi">gần &lt;16&gt;</q>'
    assert pages.quote("gần <16>", "vi", "vi") == "“gần &lt;16&gt;”"
    assert pages.quote("about 16", "", "en") == "“about 16”"


def test_a_rows_text_is_in_the_pages_language_and_escaped():
    assert pages.text_in("en", "Việt <b>", "English <b>") == "English &lt;b&gt;"
    assert pages.text_in("vi", "Việt <b>", "English <b>") == "Việt &lt;b&gt;"


def test_a_source_is_named_by_publisher_and_title_with_its_trust_unless_asked_not_to():
    m = model([], [])
    assert pages.source_link(m, "gso", "vi") == f"{GSO_VI} (bản sao của nguồn chính thức)"
    assert pages.source_link(m, "mirror", "en") == f"{MIRROR_EN} (low-trust copy)"
    assert pages.source_link(m, "gso", "en", trust=False) == GSO_EN
    assert pages.source_link(m, "unknown <id>", "en") == "unknown &lt;id&gt;"  # not in the sources: its id, escaped
    m.sources["plain"] = replace(SOURCES["gso"], source_id="plain", url="javascript:alert(1)", trust="")
    assert pages.source_link(m, "plain", "en") == "General Statistics Office: Table A"  # no link, no trust


def test_an_indicator_count_names_sub_indicators_only_when_there_are_more_than_numbers():
    m = model([], [])
    goal = m.goals[0]
    assert pages.indicator_count(goal, "vi") == "1 chỉ tiêu"
    assert pages.indicator_count(goal, "en") == "1 indicator"
    three = [replace(goal.indicators[0], id=i) for i in ("3a", "3b", "4")]
    assert pages.indicator_count(replace(goal, indicators=three), "vi") == "2 chỉ tiêu (3 chỉ tiêu con)"
    assert pages.indicator_count(replace(goal, indicators=three), "en") == "2 indicators (3 sub-indicators)"
    same = [replace(goal.indicators[0], id=i) for i in ("3", "4")]
    assert pages.indicator_count(replace(goal, indicators=same), "en") == "2 indicators"


def test_json_in_a_script_element_cannot_close_it_or_start_markup():
    assert pages.script_json({"b": "</script>&x", "a": "\u2028\u2029 Hòa"}) == (
        '{"a":"\\u2028\\u2029 Hòa","b":"\\u003c/script\\u003e\\u0026x"}')


# --- downloads of an indicator page ----------------------------------------------------------------------------------
def test_an_extract_is_linked_as_csv_or_as_gzipped_csv_when_the_build_compressed_it():
    ind = model([], []).indicators["3b"]
    assert pages.extract_link(manifest.Manifest({}), ind, "vi", "chi-so/3b") == \
        "[CSV — số liệu của chỉ tiêu này](../data/chi-so/3b.csv)"
    assert pages.extract_link(manifest.Manifest({}, {"3b": "3b.csv.gz"}), ind, "en", "chi-so/3b") == \
        "[CSV, gzip — this indicator’s data](../data/chi-so/3b.csv.gz)"


def test_a_large_table_is_linked_as_gzipped_csv_and_parquet_a_small_one_as_csv():
    large = Files({}, {}, {}, frozenset({"observations"}), False)
    made = manifest.Manifest({"observations": large})
    assert pages.table_links(made, "observations", "observations", "All", "chi-so/3b") == (
        "[All (CSV, gzip)](../data/observations/observations.csv.gz) · [Parquet](../data/observations/observations.parquet)")
    assert pages.table_links(made, "programme-targets", "targets", "Targets", "chi-so/3b") == \
        "[Targets (CSV)](../data/programme-targets/targets.csv)"
    assert pages.table_links(manifest.Manifest({}), "observations", "observations", "All", "chi-so/3b") == \
        "[All (CSV)](../data/observations/observations.csv)"


def test_the_large_table_note_gives_the_size_setting_only_when_a_table_is_large():
    assert pages.large_note(Files({}, {}, {}, frozenset(), False), 25_000_000, "en") == ""
    note = pages.large_note(Files({}, {}, {}, frozenset({"x"}), False), 25_000_000, "en")
    assert note.startswith("Tables above 25 MB (25,000,000 bytes) are published as gzip-compressed CSV (`.csv.gz`) "
                           "and as Parquet instead of a plain CSV file;")
    vi = pages.large_note(Files({}, {}, {}, frozenset({"x"}), False), 12_500_000, "vi")
    assert "12,5 MB (12.500.000 byte)" in vi


# --- the indicator page's blocks -------------------------------------------------------------------------------------
def noted():
    """A national value with the source's words in Vietnamese and a note, a press value quoted in English, a value
    without either; a target corroborated by two sources, and a note shared by two targets."""
    quoted = obs(NT, 2016, 16.1)
    quoted.update(quote="gần 16,1‰", quote_lang="vi", note_vi="ghi chú", note_en="a note <b>")
    press = obs(VN, 2017, 14.0, "news", "paper")
    press.update(quote="about 14", quote_lang="en")
    plain = obs(VN, 2018, 13.0)
    t2025 = Target("3b", "national", 2025, "<=", 12.5, None, "adopted", "confirmed", "", "23-qd-ttg", "paper",
                   ("gso", "mirror"), "ghi chú mục tiêu", "target note")
    t2030 = replace(t2025, year=2030, value=10, corroborated_by=())
    m = model([quoted, press, plain], [t2025, t2030])
    m.sources["gso"] = replace(SOURCES["gso"], note_vi="Ghi chú nguồn", note_en="Source <note>")
    ind = m.indicators["3b"]
    return m, ind, decide(m, ind)


def test_the_sources_list_gives_each_source_once_with_the_years_it_covers_and_its_note():
    m, ind, _ = noted()
    assert pages.sources_list(m, pages.chart_rows(m, ind, "vi"), "vi") == (
        "**Nguồn**\n\n<div class=\"sources\" data-search-exclude markdown=\"1\">\n\n"
        f"- {GSO_VI} (bản sao của nguồn chính thức) — 2016–2018. Ghi chú nguồn\n"
        f"- {PAPER_VI} (báo chí, thông cáo) — 2017.\n\n</div>\n")
    en = pages.sources_list(m, pages.chart_rows(m, ind, "en"), "en")
    assert f"- {GSO_EN} (copy of an official source) — 2016–2018. Source &lt;note&gt;\n" in en
    assert f"- {PAPER_EN} (press or release) — 2017.\n" in en


def test_value_notes_give_the_sources_words_and_the_rows_note_and_skip_rows_with_neither():
    m, ind, _ = noted()
    assert pages.observation_notes(m, ind, pages.chart_rows(m, ind, "vi"), "vi") == (
        "- **2016, Ninh Thuận — Tổng cục Thống kê · bản sao, 16,1‰ trẻ đẻ sống**: “gần 16,1‰” — ghi chú\n"
        '- **2017, Việt Nam — Báo chí, 14‰ trẻ đẻ sống**: <q lang="en">about 14</q>')
    assert pages.observation_notes(m, ind, pages.chart_rows(m, ind, "en"), "en") == (
        '- **2016, Ninh Thuận — GSO · copy, 16.1 per 1,000 live births**: <q lang="vi">gần 16,1‰</q> — a note &lt;b&gt;\n'
        "- **2017, Viet Nam — Press, 14 per 1,000 live births**: “about 14”")


def test_a_target_names_the_sources_that_corroborate_it_and_its_notes_are_said_once_for_all_their_years():
    m, ind, h = noted()
    vi = pages.targets_section(m, ind, h, "vi")
    assert (f"| 2025 | toàn quốc (Quyết định 23/QĐ-TTg) | **không quá 12,5‰** (dùng để so sánh) | đã đối chiếu | "
            f"{PAPER_VI} (báo chí, thông cáo); đối chiếu với: {GSO_VI}; "
            '<a href="http://mirror.example/c" rel="noopener nofollow external">Báo Y, bản đăng lại: Bài C</a> |') in vi
    assert f"| 2030 | toàn quốc (Quyết định 23/QĐ-TTg) | không quá 10‰ | đã đối chiếu | {PAPER_VI} (báo chí, thông cáo) |" in vi
    assert vi.endswith('<details class="notes" data-search-exclude markdown="1">\n<summary>Ghi chú về các mức mục tiêu'
                       "</summary>\n\n- 2025, 2030, toàn quốc: ghi chú mục tiêu\n\n</details>\n")
    assert "warning" not in vi
    en = pages.targets_section(m, ind, h, "en")
    assert f"(press or release); corroborated by: {GSO_EN}; {MIRROR_EN} |" in en
    assert "<summary>Notes on the targets</summary>\n\n- 2025, 2030, national: target note\n" in en


def test_the_wording_block_gives_the_wording_its_source_its_verification_and_its_doubt():
    m, ind, _ = noted()
    assert pages.wording_block(m, ind, "vi") == ""  # no wording: no block
    ind.wording_vi = "Tỷ suất <tử vong>"
    assert pages.wording_block(m, ind, "vi") == \
        "**Lời văn của chỉ tiêu (nguyên văn của nguồn, kể cả cách viết số):** “Tỷ suất &lt;tử vong&gt;”"
    ind.wording_source_id, ind.wording_verification = "paper", "confirmed"
    ind.wording_doubt_reason = "machine-translation-only"
    assert pages.wording_block(m, ind, "vi") == (
        "**Lời văn của chỉ tiêu (nguyên văn của nguồn, kể cả cách viết số):** “Tỷ suất &lt;tử vong&gt;”\n\n"
        f"Nguồn của lời văn: {PAPER_VI} (báo chí, thông cáo); đã đối chiếu với nguồn khác; chỉ biết qua bản dịch máy "
        "của một bài báo.")
    assert pages.wording_block(m, ind, "en") == (
        "**The indicator's wording (Vietnamese, as printed in the source, numbers included):** "
        '<span lang="vi">“Tỷ suất &lt;tử vong&gt;”</span>\n\n'
        f"Source of the wording: {PAPER_EN} (press or release); checked against another source; known only from a "
        "machine translation of a news report.")
    ind.wording_source_id = "nowhere"  # a source the model does not know is not named
    assert pages.wording_block(m, ind, "en").endswith(
        "Source of the wording: checked against another source; known only from a machine translation of a news report.")


def ranked():
    """2016: Viet Nam 14, Khánh Hòa (before the merger) 15, Ninh Thuận 16.1, an area the model does not know 20; and
    a 2015 value, which is not the latest year."""
    return [obs(NT, 2016, 16.1), obs(VN, 2016, 14.0), obs("56", 2016, 15.0), obs(NT, 2015, 99.0), obs("XX", 2016, 20.0)]


def test_a_ranked_table_gives_the_latest_years_best_and_worst_areas_with_their_true_ranks():
    m = model(ranked(), [])  # lower is better
    ind = m.indicators["3b"]
    assert pages.ranked_table(m, ind, pages.chart_rows(m, ind, "en"), "en", top=1) == (
        "4 areas have data for 2016; below are the best 1 and the worst 1 (the mean of female and male where there "
        "is no total). Every row is in the indicator's CSV file.\n\n"
        "| # | Area | Value |\n|---|---|---|\n"
        "| 1 | [Viet Nam](../dia-ban/vn.md) | 14 per 1,000 live births |\n"
        "| 4 | XX | 20 per 1,000 live births |\n")
    vi = pages.ranked_table(m, ind, pages.chart_rows(m, ind, "vi"), "vi", top=2)  # 4 areas: all shown, in order
    assert vi.startswith("4 địa bàn có số liệu năm 2016; bảng dưới đây là 2 địa bàn tốt nhất và 2 địa bàn kém nhất")
    assert vi.endswith("| # | Địa bàn | Giá trị |\n|---|---|---|\n"
                       "| 1 | [Việt Nam](../dia-ban/vn.md) | 14‰ trẻ đẻ sống |\n"
                       "| 2 | [Tỉnh Khánh Hòa (trước 1/7/2025)](../dia-ban/56-den-2025.md) | 15‰ trẻ đẻ sống |\n"
                       "| 3 | [Tỉnh Ninh Thuận](../dia-ban/58-den-2025.md) | 16,1‰ trẻ đẻ sống |\n"
                       "| 4 | XX | 20‰ trẻ đẻ sống |\n")
    up = model(ranked(), [], direction="increase")  # higher is better
    ind = up.indicators["3b"]
    assert pages.ranked_table(up, ind, pages.chart_rows(up, ind, "en"), "en", top=1).endswith(
        "| 1 | XX | 20 per 1,000 live births |\n| 4 | [Viet Nam](../dia-ban/vn.md) | 14 per 1,000 live births |\n")


def test_a_ranked_table_of_five_areas_shows_the_last_ones_rank_and_skips_the_middle():
    m = model(ranked() + [obs("60", 2016, 30.0)], [])
    ind = m.indicators["3b"]
    table = pages.ranked_table(m, ind, pages.chart_rows(m, ind, "en"), "en", top=2)
    assert table.startswith("5 areas have data for 2016; below are the best 2 and the worst 2")
    assert table.endswith("| 1 | [Viet Nam](../dia-ban/vn.md) | 14 per 1,000 live births |\n"
                          "| 2 | [Khánh Hòa Province (before 1 July 2025)](../dia-ban/56-den-2025.md) | 15 per 1,000 live "
                          "births |\n"
                          "| 4 | XX | 20 per 1,000 live births |\n"
                          "| 5 | 60 | 30 per 1,000 live births |\n")


def test_a_ranked_table_without_totals_ranks_the_mean_of_female_and_male():
    rows = [obs(NT, 2016, 10.0), obs(NT, 2016, 20.0), obs(VN, 2016, 12.0), obs(VN, 2016, 16.0)]
    rows[0]["sex"], rows[1]["sex"], rows[2]["sex"], rows[3]["sex"] = "female", "male", "female", "male"
    m = model(rows, [])
    ind = m.indicators["3b"]
    table = pages.ranked_table(m, ind, pages.chart_rows(m, ind, "en"), "en")
    assert table.startswith("2 areas have data for 2016;")
    assert table.endswith("| 1 | [Viet Nam](../dia-ban/vn.md) | 14 per 1,000 live births |\n"
                          "| 2 | [Ninh Thuận Province](../dia-ban/58-den-2025.md) | 15 per 1,000 live births |\n")
    with_total = model(rows + [obs(NT, 2016, 40.0)], [])  # a total is used as it is, and only totals are ranked
    ind = with_total.indicators["3b"]
    assert pages.ranked_table(with_total, ind, pages.chart_rows(with_total, ind, "en"), "en").endswith(
        "| # | Area | Value |\n|---|---|---|\n| 1 | [Ninh Thuận Province](../dia-ban/58-den-2025.md) | 40 per 1,000 "
        "live births |\n")


def test_an_indicator_page_with_more_rows_than_a_table_holds_shows_the_ranked_table(monkeypatch):
    monkeypatch.setattr(pages, "MAX_TABLE_ROWS", 4)
    m = model(ranked(), [])
    ind = m.indicators["3b"]
    page = pages.indicator_page(m, ind, "en", decide(m, ind), None, "2026-11-29", "D", manifest.Manifest({}))
    assert "## Data table\n\n4 areas have data for 2016; below are the best 15 and the worst 15" in page
    assert "**Sources**" not in page
    monkeypatch.setattr(pages, "MAX_TABLE_ROWS", 5)  # five rows: the table of every value
    page = pages.indicator_page(m, ind, "en", decide(m, ind), None, "2026-11-29", "D", manifest.Manifest({}))
    assert "areas have data for" not in page and "**Sources**" in page


def test_related_series_give_each_measure_area_and_series_its_years_and_latest_value_and_leave_out_the_indicator():
    rows = ranked() + [obs(NT, 2014, 30.0, measure="other"), obs(NT, 2018, 28.5, measure="other", qualifier="nearly"),
                       obs(VN, 2019, 7.0, "news", "paper", measure="other"), obs(NT, 2019, 1.0, measure="survey")]
    m = model(rows, [], measures=(("m", "same"), ("other", "related"), ("survey", "survey-definition")))
    m.measures.loc[m.measures["measure"] == "other", ["name_vi", "name_en", "definition_note_vi",
                                                       "definition_note_en"]] = ["khác", "other <x>", "định nghĩa",
                                                                                 "definition"]
    ind = m.indicators["3b"]
    assert pages.related_rows(m, ind, "en") == (
        "| Series | Area | Source | Years with data | Latest value | Definition |\n|---|---|---|---|---|---|\n"
        "| other &lt;x&gt; | Ninh Thuận | GSO | 2014–2018 | nearly 28.5 per 1,000 live births (2018) | definition |\n"
        "| other &lt;x&gt; | Viet Nam | Press | 2019 | 7 per 1,000 live births (2019) | definition |\n")
    assert "| khác | Ninh Thuận | Tổng cục Thống kê | 2014–2018 | gần 28,5‰ trẻ đẻ sống (2018) | định nghĩa |" in \
        pages.related_rows(m, ind, "vi")
    page = pages.indicator_page(m, ind, "en", decide(m, ind), None, "2026-11-29", "D", manifest.Manifest({}))
    assert "## Related series (different definition, not used for progress)\n\n| Series |" in page
    assert pages.related_rows(model(ranked(), []), ind, "en") == ""


# --- home, updates, goals, the list of indicators --------------------------------------------------------------------
def with_changelogs():
    """One assessed indicator (16 in 2020, 15 in 2024, national target 12.5 in 2025) and two datasets' changelogs."""
    m = model([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0)], [target("3b", "national", 2025, "<=", 12.5)])
    m.datasets["observations"] = Dataset("observations", Path("x"), {
        "title": "Số liệu", "title_en": "Observations", "changelog": [
            {"version": "1.1.0", "date": "2026-02-03", "description": "Thêm <2024>", "description_en": "Added <2024>"},
            {"version": "1.0.0", "date": "2025-01-01", "description": "Đầu", "description_en": "First"}]}, {})
    m.datasets["programme-targets"] = Dataset("programme-targets", Path("x"), {
        "title": "Mục tiêu", "title_en": "Targets", "changelog": [
            {"version": "2.0.0", "date": "2026-01-01", "description": "Mới", "description_en": "New"}]}, {})
    return m, {"3b": decide(m, m.indicators["3b"])}


def test_the_home_page_counts_statuses_per_goal_shows_the_cards_and_the_three_newest_updates():
    m, headlines = with_changelogs()
    m.datasets["documents"] = Dataset("documents", Path("x"), {"title": "Văn bản", "changelog": [
        {"version": "0.1.0", "date": "2024-01-01", "description": "Cũ nhất"}]}, {})
    vi = pages.home(m, "vi", headlines)
    assert vi.startswith(front("Trẻ em Ninh Thuận 2021–2030", "Theo dõi 1 chỉ tiêu của Chương trình hành động quốc "
                                                              "gia vì trẻ em 2021–2030 tại Ninh Thuận.")
                         + "# Trẻ em Ninh Thuận 2021–2030\n\nTrang này theo dõi Chương trình hành động quốc gia vì trẻ "
                         "em 2021–2030 ([Quyết định 23/QĐ-TTg](bo-du-lieu/documents.md)) tại tỉnh Ninh Thuận (Kế hoạch "
                         "861/KH-UBND), nay thuộc tỉnh Khánh Hòa. Có số liệu cho 1 trong 1 chỉ tiêu con, 1 trong đó là "
                         "số của chính Ninh Thuận (mới nhất năm 2024).")
    assert ("## [Mục tiêu 1](muc-tieu/1.md)\n\n**Mục tiêu thử** — 1 chỉ tiêu; tiến bộ hạn chế: 1.\n\n"
            '<div class="dashboard" markdown="1">\n\n<div class="card" markdown="1">\n\n[Thử](chi-so/3b.md)') in vi
    assert ("[Tất cả 24 chỉ tiêu (35 chỉ tiêu con)](chi-so/index.md) · [Độ bao phủ dữ liệu](do-bao-phu.md) · "
            "[Phương pháp](phuong-phap.md)\n\n## Mới cập nhật\n\n"
            "- **2026-02-03** — [Số liệu](bo-du-lieu/observations.md) 1.1.0: Thêm &lt;2024&gt;\n"
            "- **2026-01-01** — [Mục tiêu](bo-du-lieu/programme-targets.md) 2.0.0: Mới\n"
            "- **2025-01-01** — [Số liệu](bo-du-lieu/observations.md) 1.0.0: Đầu\n\n"
            "[Xem tất cả](moi-cap-nhat.md)\n\n\n"
            "## Bộ dữ liệu\n\n[Bộ dữ liệu](bo-du-lieu/index.md) · [Dữ liệu mở và API](du-lieu-mo.md)\n") in vi
    assert "Cũ nhất" not in vi  # the fourth update is on the updates page only
    en = pages.home(m, "en", headlines)
    assert "**Test goal** — 1 indicator; limited progress: 1.\n\n" in en
    assert "- **2026-02-03** — [Observations](bo-du-lieu/observations.md) 1.1.0: Added &lt;2024&gt;\n" in en
    assert "## Datasets\n\n[Datasets](bo-du-lieu/index.md) · [Open data and API](du-lieu-mo.md)\n" in en


def test_the_updates_page_lists_every_changelog_line_newest_first_and_links_the_feed():
    m, _ = with_changelogs()
    assert pages.updates(m, "en") == (front("What&#39;s new") + "# What's new\n\n"
        "- **2026-02-03** — [Observations](bo-du-lieu/observations.md) 1.1.0: Added &lt;2024&gt;\n"
        "- **2026-01-01** — [Targets](bo-du-lieu/programme-targets.md) 2.0.0: New\n"
        "- **2025-01-01** — [Observations](bo-du-lieu/observations.md) 1.0.0: First\n\n"
        "[Atom feed](data/releases.atom)\n")
    m.datasets["documents"] = Dataset("documents", Path("x"), {"changelog": [{"note": "x"}]}, {})  # no date, version, text
    assert pages.updates_list(m, "vi", "moi-cap-nhat").endswith("- **** — [documents](bo-du-lieu/documents.md) : \n")


def test_a_goal_page_has_its_cards_and_the_method():
    m, headlines = with_changelogs()
    page = pages.goal_page(m, m.goals[0], "en", headlines)
    assert page.startswith(front("Goal 1: Test goal") + "# Goal 1: Test goal\n\n1 indicator.\n\n"
                           '<div class="dashboard" markdown="1">\n\n<div class="card" markdown="1">\n\n'
                           '[Test](../chi-so/3b.md) <span class="card-code">Indicator 3b</span>')
    assert page.endswith("</div>\n\nThe latest value, the target it is compared with and the status follow the "
                         "[published method](../phuong-phap.md).\n")


def test_the_goals_hub_lists_each_goal_with_its_count():
    m, _ = with_changelogs()
    assert pages.goals_hub(m, "vi") == (front("Mục tiêu") + "# Mục tiêu\n\n| Mục tiêu | Tên | Chỉ tiêu |\n|---|---|---|\n"
                                        "| [Mục tiêu 1](1.md) | Mục tiêu thử | 1 chỉ tiêu |\n")


def test_the_list_of_indicators_carries_what_it_is_filtered_on_and_only_the_statuses_there_are():
    m, headlines = with_changelogs()
    page = pages.indicators_hub(m, "en", headlines)
    data = {"labels": {"goal": "Goal", "status": "Status", "data": "Data", "all": "All", "with": "With data",
                       "without": "No data yet", "shown": "Showing {n} of {total} sub-indicators"},
            "goals": {"1": "Goal 1: Test goal"}, "statuses": {"limited": "Limited progress"}}
    attribute = page.split('data-filter="', 1)[1].split('"', 1)[0]
    assert json.loads(attribute.replace("&quot;", '"')) == data
    assert ('<li data-goal="1" data-status="limited" data-has-data="yes"><a href="3b/">Test</a> (indicator 3b): '
            f"15‰ (Ninh Thuận, 2024) — {DOT.format('limited')} Limited progress</li>\n</ul>\n\n"
            "[Goal 1: Test goal](../muc-tieu/1.md)\n") in page
    assert page.startswith(front("All 24 indicators (35 sub-indicators)") + "# All 24 indicators (35 sub-indicators)\n\n"
                           "The full list, in the order of Decision 23/QĐ-TTg.")
    empty = model([], [])
    vi = pages.indicators_hub(empty, "vi", {"3b": decide(empty, empty.indicators["3b"])})
    assert ('<li data-goal="1" data-status="insufficient-data" data-has-data="no"><a href="3b/">Thử</a> (chỉ tiêu 3b): '
            f"Chưa có số liệu — {DOT.format('insufficient-data')} Chưa đủ số liệu</li>") in vi
    assert "&quot;statuses&quot;: {&quot;insufficient-data&quot;: &quot;Chưa đủ số liệu&quot;}" in vi


# --- the chart page --------------------------------------------------------------------------------------------------
def test_the_chart_page_offers_the_chart_its_downloads_and_an_embed_code_with_the_absolute_address():
    m = model([obs(NT, 2016, 16.1)], [])
    ind = m.indicators["3b"]
    page = pages.chart_page(m, ind, "en", "Desc <i>", manifest.Manifest({}, {"3b": "3b.csv.gz"}))
    assert page == (front("Chart 3b: Test indicator", "Desc &lt;i&gt;") + "# Indicator 3b: Test indicator\n\n"
        '<div class="vega-chart" data-spec="../../../bieu-do/3b-en-vegalite.json" data-lang="en" '
        'data-small-spec="../../../bieu-do/3b-en-small-vegalite.json" data-small-media="(max-width: 671.98px)">\n'
        '<picture><source media="(max-width: 671.98px)" srcset="../../../bieu-do/3b-en-small.svg">'
        '<img src="../../../bieu-do/3b-en.svg" alt="Desc &lt;i&gt;"></picture>\n</div>\n\n'
        "*Desc &lt;i&gt;*\n\n[← Indicator 3b](../chi-so/3b.md)\n\n## Download the chart\n\n"
        "[SVG](3b-en.svg) · [PNG](3b-en.png) · [PNG for phones](3b-en-small.png) · [Vega-Lite JSON](3b-en-vegalite.json)"
        " · [Data (CSV, gzip)](../data/chi-so/3b.csv.gz)\n\n## Embed this chart\n\nPaste this code into your page:\n\n"
        f'```html\n<iframe src="{SITE}en/bieu-do/3b/" width="700" height="560" title="Test indicator" '
        'loading="lazy"></iframe>\n```\n\n'
        "When reusing, credit: Ninh Thuận Children&#39;s Action Programme open-data project, "
        '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.\n')
    vi = pages.chart_page(m, ind, "vi", "Mô tả", manifest.Manifest({}))
    assert "[Số liệu (CSV)](../data/chi-so/3b.csv)" in vi
    assert f'<iframe src="{SITE}bieu-do/3b/" width="700" height="560" title="Chỉ tiêu thử"' in vi


# --- datasets --------------------------------------------------------------------------------------------------------
def with_dataset():
    """A dataset of one table (three rows: 58 in 2016, VN and an unknown area ZZ in 2020), two sources (one without an
    address), two changelog lines; the build made its datapackage.json, ZIP, CSV, Parquet, XLSX and template."""
    m = model([], [])
    descriptor = {
        "name": "observations", "title": "Số liệu <quan sát>", "title_en": "Observations <x>", "description": "Mô tả",
        "description_en": "About", "version": "1.2.0",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "keywords": ["trẻ em", ""], "keywords_en": ["children"],
        "sources": [{"title": "TCTK", "title_en": "GSO", "path": "https://example.org/gso"}, {"title": "Sổ tay"},
                    {"title": "Báo", "path": "javascript:x"}],
        "changelog": [{"version": "1.2.0", "date": "2026-01-02", "description": "Thêm", "description_en": "Added"},
                      {"version": "1.0.0", "date": "2025-03-04", "description": "Đầu", "description_en": "First"}],
        "resources": [{"name": "observations", "title": "Bảng", "title_en": "Table", "description": "mô tả bảng",
                       "description_en": "table about", "schema": {"fields": [
                           {"name": "year", "type": "integer", "title": "Năm", "title_en": "Year", "description": "năm",
                            "description_en": "the year"},
                           {"name": "area_code", "title": "Mã", "title_en": "Code"}]}},
                      {"name": "empty", "title": "Trống", "title_en": "Empty"}]}
    df = pd.DataFrame({"year": [2016, 2020, 2020], "area_code": ["58", "VN", "ZZ"]})
    m.datasets["observations"] = Dataset("observations", Path("x"), descriptor,
                                         {"observations": Table("observations", "observations", df, [])})
    files = Files({"datapackage.json": 1234, "observations.zip": 2_500_000, "observations.csv": 5678,
                   "observations.parquet": 999, "observations.xlsx": 4000, "notes.txt": 10},
                  {"observations": ("observations.csv",)}, {"observations.csv": "abc123"}, frozenset(), True)
    return m, manifest.Manifest({"observations": files}, {}, 25_000_000)


def test_a_dataset_page_gives_its_facts_each_download_with_its_size_and_each_tables_stable_address_and_hash():
    m, made = with_dataset()
    page = pages.dataset_page(m, "observations", "en", made)
    assert page.startswith(front("Observations &lt;x&gt;", "About") + "# Observations &lt;x&gt;\n\nAbout\n\n"
        "| Property | Value |\n|---|---|\n| Version | 1.2.0 |\n"
        '| Licence | <a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener nofollow external">CC BY 4.0</a> |\n'
        "| Last updated | 2026-01-02 |\n"
        "| datapackage.json | [datapackage.json](../data/observations/datapackage.json) (1.2 KB) |\n"
        "| ZIP | [observations.zip](../data/observations/observations.zip) (2.4 MB) |\n"
        "| Excel template for updates | [observations.xlsx](../mau-excel/observations.xlsx) · see CONTRIBUTING.md |\n\n\n"
        "The ZIP holds the CSV files, datapackage.json, README.md and the licence.")
    assert ("## Data files\n\n### Table (<code>observations</code>)\n\ntable about\n\n"
            "Rows: 3 · [CSV](../data/observations/observations.csv) (5.5 KB) · [Parquet](../data/observations/"
            "observations.parquet) (999 B) · [XLSX](../data/observations/observations.xlsx) (3.9 KB)\n\n"
            f'Stable address: <a href="{SITE}data/observations/observations.csv">{SITE}data/observations/observations.csv'
            "</a> · sha256 <code>abc123</code>\n\n"
            "| Column | Type | Title | Description |\n|---|---|---|---|\n"
            "| <code>year</code> | integer | Year | the year |\n| <code>area_code</code> | string | Code |  |\n") in page
    assert "### Empty (<code>empty</code>)\n\n\n\nRows: 0 · \n\n\n\n## Sources" in page  # no file, no field: no link
    assert ('## Sources\n\n- <a href="https://example.org/gso" rel="noopener nofollow external">GSO</a>\n- Sổ tay\n'
            "- Báo\n\n## Changelog\n\n- **1.2.0** (2026-01-02): Added\n- **1.0.0** (2025-03-04): First\n\n## Cite\n") in page
    assert (f"(2026). *Observations &lt;x&gt;* (version 1.2.0) [Data set]. <a href=\"{SITE}en/bo-du-lieu/observations/\">"
            f"{SITE}en/bo-du-lieu/observations/</a> (accessed …).") in page
    vi = pages.dataset_page(m, "observations", "vi", made)
    assert vi.startswith(front("Số liệu &lt;quan sát&gt;", "Mô tả") + "# Số liệu &lt;quan sát&gt;\n\nMô tả\n\n")
    assert "| Phiên bản | 1.2.0 |\n" in vi and "(1,2 KB) |\n" in vi and "(2,4 MB) |\n" in vi
    assert "### Bảng (<code>observations</code>)\n\nmô tả bảng\n\nSố dòng: 3 · [CSV]" in vi
    assert "| <code>year</code> | integer | Năm | năm |\n| <code>area_code</code> | string | Mã |  |\n" in vi
    assert "- **1.2.0** (2026-01-02): Thêm\n- **1.0.0** (2025-03-04): Đầu" in vi
    assert '- <a href="https://example.org/gso" rel="noopener nofollow external">TCTK</a>\n- Sổ tay\n' in vi


def test_a_dataset_page_says_how_large_tables_are_published_and_links_their_compressed_files():
    m, made = with_dataset()
    files = Files({"datapackage.json": 10, "observations.zip": 20, "observations.csv.gz": 2048, "observations.parquet": 30},
                  {"observations": ("observations.csv.gz", "observations.parquet")},
                  {"observations.csv.gz": "aa", "observations.parquet": "bb"}, frozenset({"observations"}), False)
    page = pages.dataset_page(m, "observations", "en", manifest.Manifest({"observations": files}, {}, 25_000_000))
    assert "Excel template" not in page
    assert ("Rows: 3 · [CSV, gzip](../data/observations/observations.csv.gz) (2.0 KB) · "
            "[Parquet](../data/observations/observations.parquet) (30 B)") in page
    assert (f"Stable address: <a href=\"{SITE}data/observations/observations.csv.gz\">{SITE}data/observations/"
            "observations.csv.gz</a> · sha256 <code>aa</code>\n\n"
            f"Stable address: <a href=\"{SITE}data/observations/observations.parquet\">{SITE}data/observations/"
            "observations.parquet</a> · sha256 <code>bb</code>") in page
    assert ("and the licence. datapackage.json gives the size (`bytes`) and sha256 (`hash`) of each CSV file, to check "
            "a download is intact. Tables above 25 MB (25,000,000 bytes) are published as gzip-compressed CSV") in page
    bare = pages.dataset_page(m, "observations", "en", manifest.Manifest({}))  # a page without files: no sizes
    assert "| datapackage.json | [datapackage.json](../data/observations/datapackage.json) |\n" in bare
    assert "| ZIP | [observations.zip](../data/observations/observations.zip) |\n" in bare


def test_a_dataset_without_version_text_or_schema_still_gets_a_page():
    m, made = with_dataset()
    m.datasets["documents"] = Dataset("documents", Path("x"), {"resources": [{"name": "documents"}]}, {})
    page = pages.dataset_page(m, "documents", "en", made)
    assert "| Version |  |\n" in page
    assert "| Last updated |  |\n" in page
    assert "###  (<code>documents</code>)\n\n\n\nRows: 0 · \n\n\n\n## Sources\n\n\n\n## Changelog\n\n\n\n## Cite" in page
    assert pages.datasets_hub(m, "en").endswith(
        "| [](documents.md) | <code>documents</code> |  | [ZIP](../data/documents/documents.zip) |\n\n"
        "[All data (ZIP)](../data/all-data.zip) · [DCAT catalogue](../data/catalog.jsonld)\n")


def test_the_datasets_hub_lists_each_dataset_with_its_version_and_zip():
    m, _ = with_dataset()
    assert pages.datasets_hub(m, "vi") == (front("Bộ dữ liệu") + "# Bộ dữ liệu\n\n"
        "| Tiêu đề | Bộ dữ liệu | Phiên bản | Tải dữ liệu |\n|---|---|---|---|\n"
        "| [Số liệu &lt;quan sát&gt;](observations.md) | <code>observations</code> | 1.2.0 | "
        "[ZIP](../data/observations/observations.zip) |\n\n"
        "[Tất cả dữ liệu (ZIP)](../data/all-data.zip) · [Danh mục DCAT](../data/catalog.jsonld)\n")
    assert "| [Observations &lt;x&gt;](observations.md) |" in pages.datasets_hub(m, "en")


def jsonld(page: str) -> dict:
    return json.loads(page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])


def test_a_dataset_page_describes_the_dataset_for_search_engines_in_its_language():
    m, made = with_dataset()
    data = jsonld(pages.dataset_page(m, "observations", "en", made))
    url = f"{SITE}en/bo-du-lieu/observations/"
    org = {"@type": "Organization", "name": "Ninh Thuận Children's Action Programme open-data project", "url": SITE}
    assert data == {
        "@context": "https://schema.org", "@type": "Dataset", "@id": f"{url}#dataset", "url": url,
        "name": "Observations <x>", "alternateName": "Số liệu <quan sát>", "description": "About",
        "identifier": "observations", "version": "1.2.0", "inLanguage": "en", "keywords": ["children"],
        "license": "https://creativecommons.org/licenses/by/4.0/", "isAccessibleForFree": True,
        "creator": org, "publisher": org,
        "creditText": "Ninh Thuận Children's Action Programme open-data project (2026). Observations <x> (version 1.2.0) "
                      f"[Data set]. {url} (accessed …). Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).",
        "spatialCoverage": [{"@type": "Place", "name": "Ninh Thuận Province", "identifier": "58"},
                            {"@type": "Place", "name": "Viet Nam", "identifier": "VN"},
                            {"@type": "Place", "name": "ZZ", "identifier": "ZZ"}],
        "isBasedOn": ["https://example.org/gso"],
        "distribution": [
            {"@type": "DataDownload", "name": name, "encodingFormat": media,
             "contentUrl": f"{SITE}data/observations/{name}", "contentSize": size}
            for name, media, size in [
                ("observations.csv", "text/csv", "5678 B"),
                ("observations.parquet", "application/vnd.apache.parquet", "999 B"),
                ("observations.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "4000 B"),
                ("observations.zip", "application/zip", "2500000 B")]],
        "dateModified": "2026-01-02", "datePublished": "2025-03-04", "temporalCoverage": "2016/2020"}
    vi = jsonld(pages.dataset_page(m, "observations", "vi", made))
    assert (vi["name"], vi["alternateName"], vi["description"], vi["keywords"], vi["inLanguage"]) == (
        "Số liệu <quan sát>", "Observations <x>", "Mô tả", ["trẻ em"], "vi")
    assert vi["spatialCoverage"][0]["name"] == "Tỉnh Ninh Thuận"


def test_a_bare_dataset_is_described_by_its_name_covers_viet_nam_and_a_single_year_once():
    m, _ = with_dataset()
    descriptor = {"resources": [{"name": "t", "schema": {"fields": [{"name": "year", "type": "integer"}]}}]}
    m.datasets["documents"] = Dataset("documents", Path("x"), descriptor,
                                      {"t": Table("documents", "t", pd.DataFrame({"year": [2025, 2025]}), [])})
    data = pages.dataset_jsonld(m, "documents", "vi", {"documents.csv.gz": 5, "README.md": 7})
    assert (data["name"], data["alternateName"], data["description"], data["version"], data["keywords"]) == (
        "documents", "documents", "documents", "", [])
    assert data["spatialCoverage"] == [{"@type": "Place", "name": "Việt Nam", "identifier": "VN"}]
    assert data["temporalCoverage"] == "2025"
    assert "dateModified" not in data and "datePublished" not in data and data["isBasedOn"] == []
    assert data["distribution"] == [{"@type": "DataDownload", "name": "documents.csv.gz",
                                     "encodingFormat": "application/gzip",
                                     "contentUrl": f"{SITE}data/documents/documents.csv.gz", "contentSize": "5 B"}]
    m.datasets["documents"].descriptor["title"] = "Văn bản"
    data = pages.dataset_jsonld(m, "documents", "en", {})
    assert (data["name"], data["alternateName"], data["description"]) == ("documents", "Văn bản", "Văn bản")
    assert "temporalCoverage" in data and data["spatialCoverage"][0]["name"] == "Viet Nam"
    m.datasets["documents"].tables = {}
    assert "temporalCoverage" not in pages.dataset_jsonld(m, "documents", "en", {})


# --- areas -----------------------------------------------------------------------------------------------------------
DISTRICT = Area("D1", "Huyện A", "A District", "district", NT, "", "2025-06-30", "ended", "C1 C9 ZZ", "official",
                "nguồn", "source", "ghi chú <x>", "note <x>")
COMMUNES = [Area("C1", "Xã B", "B Commune", "commune", "56", "2025-07-01", "", "valid", "", "", "nguồn", "source", "", ""),
            Area("C2", "Xã C", "C Commune", "commune", "D1", "", "", "ended", "", "", "nguồn", "source", "", "", "2019"),
            Area("C3", "Xã D", "D Commune", "commune", "D1", "", "", "ended", "", "", "nguồn", "source", "", ""),
            Area("C4", "Xã Mới", "New Commune", "commune", NT, "2025-07-01", "", "valid", "", "", "nguồn", "source", "",
                 ""),
            Area("C5", "Xã Cũ", "Old Commune", "commune", NT, "2020-01-01", "2025-06-30", "ended", "C1", "official",
                 "nguồn", "source", "", ""),
            Area("C9", "Xã E", "E Commune", "commune", "56", "2025-07-01", "", "valid", "", "", "nguồn", "source", "", "")]


def with_areas(rows=None):
    """The factory's areas, a district of Ninh Thuận that ended with the merger (succeeded by communes C1, C9 and an
    unknown ZZ) and communes: C2 and C3 below it, C4 (new) and C5 (old) below Ninh Thuận, C1 and C9 of Khánh Hòa.
    Data: the district in 2016 and 2024, C1 in 2026, C2 in 2018 (so C3, C4, C5 and C9 have no page)."""
    m = model(rows if rows is not None else [obs("D1", 2016, 16.1), obs("D1", 2024, 15.0), obs("C1", 2026, 12.0),
                                             obs("C2", 2018, 30.0)], [])
    return type(m)(m.datasets, m.goals, m.indicators, m.observations, m.measures, list(AREAS) + [DISTRICT] + COMMUNES,
                   m.documents, m.channels, m.sources, m.target_sources)


def test_area_pages_are_made_for_every_country_province_and_district_and_for_communes_with_data():
    m = with_areas()
    assert [a.code for a in pages.area_pages_for(m)] == ["VN", NT, "56", "56", "D1", "C1", "C2"]
    assert pages.has_area_page(m, COMMUNES[0]) and not pages.has_area_page(m, COMMUNES[2])


def test_validity_gives_the_days_or_the_year_it_ended_and_never_now_for_a_unit_that_ended():
    m = with_areas()
    assert [pages.validity_text(a, "en") for a in m.areas] == [
        "… → now", "… → 30 June 2025", "1 July 2025 → now", "… → 30 June 2025", "… → 30 June 2025",
        "1 July 2025 → now", "… → ended in 2019, day not known", "… → ended, date not known", "1 July 2025 → now",
        "1 January 2020 → 30 June 2025", "1 July 2025 → now"]
    assert [pages.validity_text(a, "vi") for a in m.areas[5:8]] == [
        "1/7/2025 → nay", "… → hết hiệu lực năm 2019, chưa rõ ngày", "… → đã hết hiệu lực, chưa rõ ngày"]


def test_successors_are_the_units_valid_after_the_change_and_unknown_codes_are_left_out():
    m = with_areas()
    assert [(a.code, a.valid_from) for a in pages.successors(m, DISTRICT)] == [("C1", "2025-07-01"), ("C9", "2025-07-01")]
    assert [(a.code, a.valid_from) for a in pages.successors(m, m.areas[1])] == [("56", "2025-07-01")]  # not the old 56
    assert pages.successors(m, m.areas[0]) == []


def test_a_district_page_gives_its_facts_successors_the_merger_note_its_data_and_the_units_below_it():
    m = with_areas()
    assert pages.area_page(m, DISTRICT, "en") == (front("A District") + "# A District\n\n"
        "| Property | Value |\n|---|---|\n| Level | district level |\n| Valid | … → 30 June 2025 |\n| Code | <code>D1</code> |\n"
        "| Part of | [Ninh Thuận Province](58-den-2025.md) |\n"
        "| Successor | [B Commune](c1.md) and E Commune (under an official act named by a secondary source) |\n"
        "| Source | source |\n| Notes | note &lt;x&gt; |\n\n\n"
        '!!! info "The 2025 reorganisation"\n\n    From 1 July 2025 Ninh Thuận and Khánh Hòa merged into Khánh Hòa '
        "province (code 56) under Resolution 202/2025/QH15; district-level administrative units ended (Resolution "
        "203/2025/QH15). Figures from that date (where there are any) are for the new Khánh Hòa, by commune-level unit. "
        "These resolutions are known from secondary sources only.\n\n"
        "## Indicators with data\n\n| Indicator | Name | Years with data | Latest value |\n|---|---|---|---|\n"
        "| [3b](../chi-so/3b.md) | Test indicator | 2016–2024 | 15‰ (2024) |\n\n"
        "The latest value follows one rule on every page: never a figure from a low-trust copy, of uncertain year or of "
        "unclear series; where sources disagree, both are given. [How it is computed](../phuong-phap.md)\n\n"
        "## Units below it in this dataset (2)\n\n| Code | Name | Level | Successor |\n|---|---|---|---|\n"
        "| <code>C2</code> | [C Commune](c2.md) | commune level | – |\n| <code>C3</code> | D Commune | commune level | – |\n")
    vi = pages.area_page(m, DISTRICT, "vi")
    assert "| Đơn vị kế thừa | [Xã B](c1.md) và Xã E (" in vi
    assert "| Ghi chú | ghi chú &lt;x&gt; |" in vi


def test_a_province_page_lists_only_the_units_below_it_while_it_existed_with_their_successors():
    m = with_areas()
    page = pages.area_page(m, m.areas[1], "en")
    assert ("## Units below it in this dataset (2)\n\n| Code | Name | Level | Successor |\n|---|---|---|---|\n"
            "| <code>C5</code> | Old Commune | commune level | B Commune (<code>C1</code>): under an official act named by a "
            "secondary source |\n"
            "| <code>D1</code> | [A District](d1-den-2025.md) | district level | B Commune (<code>C1</code>) and E Commune "
            "(<code>C9</code>): under an official act named by a secondary source |\n") in page
    assert "New Commune" not in page  # C4 began after Ninh Thuận ended
    assert "| Successor | [Khánh Hòa Province](56.md) (under an official act named by a secondary source) |" in page
    assert "| Notes |" not in page
    assert "## Indicators with data\n\nNo data yet.\n" in page
    new = pages.area_page(m, m.areas[2], "vi")
    assert "| <code>C1</code> | [Xã B](c1.md) | cấp xã | – |\n| <code>C9</code> | Xã E | cấp xã | – |\n" in new
    assert "Đơn vị kế thừa |" not in new.split("##")[0] and '!!! info "' in new


def test_an_area_shows_only_the_data_of_the_years_it_existed():
    m = with_areas([obs(NT, 2016, 16.1), obs("56", 2026, 12.0)])
    old_56, new_56 = m.areas[3], m.areas[2]
    assert "## Indicators with data\n\nNo data yet.\n" in pages.area_page(m, old_56, "en")  # 2026 is the new unit's
    assert "| [3b](../chi-so/3b.md) | Test indicator | 2026 | 12‰ (2026) |" in pages.area_page(m, new_56, "en")
    assert "| [3b](../chi-so/3b.md) | Test indicator | 2016 | 16.1‰ (2016) |" in pages.area_page(m, m.areas[1], "en")
    spans = with_areas([obs("56", 2016, 20.0), obs("56", 2026, 12.0), obs("C4", 2020, 1.0)])
    # a record of a code spanning both units: the latest value only where it falls in the unit's years
    assert "| 2016–2026 | – |" in pages.area_page(spans, spans.areas[3], "en")
    assert "| 2016–2026 | 12‰ (2026) |" in pages.area_page(spans, spans.areas[2], "en")
    assert "## Indicators with data\n\nNo data yet.\n" in pages.area_page(spans, COMMUNES[3], "en")  # 2020 < 2025


def test_a_country_page_has_no_merger_note_and_its_data_in_vietnamese():
    m = with_areas([obs(VN, 2018, 14.0)])
    vi = pages.area_page(m, m.areas[0], "vi")
    assert vi.startswith(front("Việt Nam") + "# Việt Nam\n\n| Thông tin | Giá trị |\n|---|---|\n| Cấp | quốc gia |\n"
                         "| Hiệu lực | … → nay |\n| Mã | <code>VN</code> |\n| Nguồn | nguồn |\n\n\n## Chỉ tiêu có số liệu\n\n"
                         "| Chỉ tiêu | Tên | Các năm có số liệu | Giá trị mới nhất |\n|---|---|---|---|\n"
                         "| [3b](../chi-so/3b.md) | Chỉ tiêu thử | 2018 | 14‰ (năm 2018) |\n\n"
                         "Giá trị mới nhất theo cùng một quy tắc cho mọi trang:")
    assert "!!! info" not in vi


def test_the_area_summary_counts_only_the_indicators_own_values():
    rows = [obs(NT, 2016, 16.1), obs(NT, 2019, 1.0, measure="other"), obs(NT, 2010, float("nan")),
            obs(NT, 2012, 5.0, indicator_id="")]
    m = model(rows, [], measures=(("m", "same"), ("other", "related")))
    [record] = pages.area_summary(m)[NT]
    assert (record.indicator_id, record.first_year, record.last_year, record.value) == ("3b", 2016, 2016, 16.1)
    assert pages.area_summary(model([], [])) == {}


def test_the_areas_hub_lists_every_area_with_a_page_with_its_level_and_validity():
    m = with_areas()
    page = pages.areas_hub(m, "en")
    assert page.startswith(front("Areas") + "# Areas\n\nFrom 1 July 2025 Ninh Thuận and Khánh Hòa merged")
    assert page.endswith("| Name | Code | Level | Valid |\n|---|---|---|---|\n"
                         "| [Viet Nam](vn.md) | <code>VN</code> | country | … → now |\n"
                         "| [Ninh Thuận Province](58-den-2025.md) | <code>58</code> | province | … → 30 June 2025 |\n"
                         "| [Khánh Hòa Province](56.md) | <code>56</code> | province | 1 July 2025 → now |\n"
                         "| [Khánh Hòa Province (before 1 July 2025)](56-den-2025.md) | <code>56</code> | province | … → 30 "
                         "June 2025 |\n"
                         "| [A District](d1-den-2025.md) | <code>D1</code> | district level | … → 30 June 2025 |\n"
                         "| [B Commune](c1.md) | <code>C1</code> | commune level | 1 July 2025 → now |\n"
                         "| [C Commune](c2.md) | <code>C2</code> | commune level | … → ended in 2019, day not known |\n")


# --- coverage and problem codes --------------------------------------------------------------------------------------
def test_coverage_gives_per_indicator_and_area_the_years_with_data_and_counts_the_indicators_without_any():
    m = model([obs(NT, 2016, 16.1), obs(NT, 2024, 15.0), obs(NT, 2024, 15.5, "news", "paper"), obs("56", 2026, 12.0),
               obs(VN, 2018, 14.0)], [])
    assert pages.coverage(m, "en") == (front("Data coverage") + "# Data coverage\n\n"
        "Each cell gives the years with data (and how many). **0 of 1 sub-indicators have no data at all.** A “—” means "
        "no data, not zero.\n\n| Indicator | Name | Ninh Thuận | Khánh Hòa | 60 | Viet Nam |\n|---|---|---|---|---|---|\n"
        "| [3b](chi-so/3b.md) | Test indicator | 2016–2024 (2) | 2026 (1) | — | 2018 (1) |\n")
    empty = model([], [])
    vi = pages.coverage(empty, "vi")
    assert "**1 trong 1 chỉ tiêu con chưa có số liệu nào.**" in vi
    assert "| [3b](chi-so/3b.md) | Chỉ tiêu thử | — | — | — | — |\n" in vi
    old = model([obs("56", 2016, 20.0)], [])  # 56 named as the unit its code meant in the year of its data
    assert "| Ninh Thuận | Khánh Hòa (before 1 July 2025) | 60 | Viet Nam |" in pages.coverage(old, "en")


def test_the_problem_codes_page_lists_every_code_with_an_anchor_its_meaning_and_how_to_fix_it():
    from scripts.problems import CODES
    vi, en = pages.problem_codes("vi"), pages.problem_codes("en")
    assert ('| <span id="package-missing"></span>`package-missing` | package | Không có tệp datapackage.json | Mỗi thư '
            "mục bộ dữ liệu cần một tệp datapackage.json. Tạo bằng: python -m scripts new-dataset &lt;tên&gt;. |") in vi
    assert ('| <span id="package-missing"></span>`package-missing` | package | datapackage.json is missing | Every dataset '
            "folder needs a datapackage.json. Create one with: python -m scripts new-dataset &lt;name&gt;. |") in en
    assert vi.startswith(front("Mã lỗi dữ liệu") + "# Mã lỗi dữ liệu\n\nKhi kiểm tra dữ liệu (`python -m scripts "
                         "validate`, hoặc tự động trong pull request)")
    assert "| Mã | Nhóm | Ý nghĩa | Cách sửa |" in vi and "| Code | Group | Meaning | How to fix |" in en
    assert vi.count('<span id="') == len(CODES) == en.count('<span id="')


# --- the indicator page: table columns, cells, headline, progress, downloads -----------------------------------------
def test_table_columns_put_ninh_thuan_first_then_viet_nam_then_other_areas_the_indicator_before_a_survey_definition():
    m = model([obs("60", 2016, 1), obs(VN, 2016, 2, "news", "paper"), obs(VN, 2016, 3), obs(NT, 2016, 4, "news", "mirror"),
               obs(NT, 2016, 5, "news", "paper"), obs(NT, 2016, 6, measure="s")], [],
              measures=(("m", "same"), ("s", "survey-definition")))
    ind = m.indicators["3b"]
    assert pages._line_order(m, pages.chart_rows(m, ind, "en")) == [
        "Ninh Thuận — Press · low trust", "Ninh Thuận — Press", "Ninh Thuận — GSO · copy · own definition",
        "Viet Nam — GSO · copy", "Viet Nam — Press", "60 — GSO · copy"]
    assert ("| Year | Ninh Thuận — Press · low trust | Ninh Thuận — Press | Ninh Thuận — GSO · copy · own definition | "
            "Viet Nam — GSO · copy | Viet Nam — Press | 60 — GSO · copy |\n|---|---|---|---|---|---|---|\n"
            "| 2016 | 4 | 5 | 6 | 3 | 2 | 1 |") in pages.series_table(m, ind, pages.chart_rows(m, ind, "en"), decide(m, ind), "en")


def test_target_columns_are_national_then_ninh_thuan_then_the_other_scopes_in_order():
    m = model([obs(NT, 2016, 16.1)], [target("3b", "kh-x", 2030, "<", 1), target("3b", "56", 2030, "<", 2),
                                      target("3b", NT, 2030, "<", 3), target("3b", "national", 2030, "<", 4)])
    ind = m.indicators["3b"]
    assert pages.series_table(m, ind, pages.chart_rows(m, ind, "en"), decide(m, ind), "en") == (
        "Unit: per 1,000 live births.\n\n<div class=\"data-table\" data-search-exclude markdown=\"1\">\n\n"
        "| Year | Ninh Thuận — GSO · copy | Target — national | Target — Ninh Thuận | Target — Khánh Hòa (from 1 July 2025) | "
        "Target — kh-x |\n|---|---|---|---|---|---|\n| 2016 | 16.1 |  |  |  |  |\n"
        "| 2030 |  | below 4 | **below 3** (used for comparison) | below 2 | below 1 |\n\n\n</div>\n")
    only = model([], [target("3b", "56", 2030, "<", 2, document_id="kh-56")])  # no value, a target: a table
    ind = only.indicators["3b"]
    assert pages.series_table(only, ind, pages.chart_rows(only, ind, "en"), decide(only, ind), "en").endswith(
        "| Year | Target — Khánh Hòa (from 1 July 2025) |\n|---|---|\n| 2030 | below 2 |\n\n\n</div>\n")


def test_a_cell_gives_the_qualifier_and_every_flag_of_its_value():
    m = model([obs(NT, 2016, 16.3, qualifier="nearly", doubt_reason="year-implied", provisional=True, conflict=True)], [])
    ind = m.indicators["3b"]
    assert ("| 2016 | gần 16,3 <small>(số sơ bộ; ⚠️ các nguồn mâu thuẫn; năm chỉ được suy ra, nguồn không ghi rõ)</small> |"
            in pages.series_table(m, ind, pages.chart_rows(m, ind, "vi"), decide(m, ind), "vi"))


def test_the_headline_of_an_indicator_without_data_or_target_says_so():
    m = model([], [])
    assert pages.headline_block(m, decide(m, m.indicators["3b"]), "en") == (
        '<div class="headline" markdown="1">\n\n**Latest value:** No data yet\n\n**Compared with:** –\n\n'
        f"**Status:** {DOT.format('insufficient-data')} Not enough data — no data yet; no target\n\n</div>\n")


def test_a_provinces_own_target_names_the_plan_it_comes_from_when_the_plan_has_a_title():
    m = model([obs(NT, 2016, 16.1)], [target("3b", NT, 2025, "<", 8, document_id="182-kh-ubnd")])
    h = decide(m, m.indicators["3b"])
    assert pages.comparison_text(m, h, "en") == ("below 8‰ — the 2025 target of Ninh Thuận, Plan 182/KH-UBND — Plan "
                                                 "implementing Decision 1493/QĐ-TTg")
    assert pages.comparison_text(m, h, "vi") == ("dưới 8‰ — mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND — Kế "
                                                 "hoạch thực hiện Quyết định 1493/QĐ-TTg")
    untitled = model([obs(NT, 2016, 16.1)], [target("3b", NT, 2025, "<", 8, document_id="kh-56")])
    untitled.documents = untitled.documents.fillna("")  # as the model reads them: an empty cell is ""
    assert pages.comparison_text(untitled, decide(untitled, untitled.indicators["3b"]), "en") == \
        "below 8‰ — the 2025 target of Ninh Thuận"


def test_a_sparkline_says_which_years_it_leaves_out_because_their_sources_disagree():
    m = model([obs(NT, 2014, 17.0), obs(NT, 2016, 16.1, conflict=True), obs(NT, 2016, 16.5, "news", "paper", conflict=True),
               obs(NT, 2017, 16.0, conflict=True), obs(NT, 2017, 16.2, "news", "paper", conflict=True),
               obs(NT, 2018, 15.0), obs(NT, 2020, 14.0)], [])
    h = decide(m, m.indicators["3b"])
    assert ('aria-label="Ninh Thuận: fell from 17‰ in 2014 to 14‰ in 2020; 2016 and 2017 not drawn: sources disagree">'
            in pages.spark(m, h, "en"))
    assert "; năm 2016 và 2017 không vẽ vì các nguồn mâu thuẫn" in pages.spark(m, h, "vi")
    no_target = pages.spark(m, h, "en")
    assert "spark-target" not in no_target and "target" not in no_target


def test_a_progress_block_shows_only_the_inputs_there_are():
    m = model([obs(NT, 2020, 16.0)], [target("3b", "national", 2025, "<=", 12.5)])
    ind = m.indicators["3b"]
    from scripts.model.decide import Status
    from scripts.progress import Progress
    same_year = Status(Progress("achieved", base_year=2020, base_value=16.0, latest_year=2020, latest_value=16.0,
                                target_year=2030), area_code=VN, series="news")
    assert pages.progress_block(m, ind, same_year, "en") == (
        f"**{DOT.format('achieved')} Target achieved**\n\nAssessed on: Viet Nam, Press.\n\n"
        "Figures used for the assessment:\n\n| Property | Value |\n|---|---|\n"
        "| Baseline | 16 per 1,000 live births (2020) |\n| Target |  (2030) |\n\n\n[How it is computed](../phuong-phap.md)")
    nothing = Status(Progress("insufficient-data"), area_code=NT, series="gso")
    assert pages.progress_block(m, ind, nothing, "en") == (
        f"**{DOT.format('insufficient-data')} Not enough data**\n\n[How it is computed](../phuong-phap.md)")


def noted_page(lang: str, made: manifest.Manifest, quote: str = "") -> str:
    row = obs(NT, 2016, 16.1)
    row.update(note_vi="ghi chú", note_en="a note", quote=quote, quote_lang="vi" if quote else "")
    m = model([obs(NT, 2010, 18.8), row], [target("3b", "national", 2025, "<=", 12.5)])
    ind = m.indicators["3b"]
    return pages.indicator_page(m, ind, lang, decide(m, ind), None, "2026-11-29", "D", made)


def test_an_indicator_page_folds_the_value_notes_and_says_when_they_quote_the_source():
    page = noted_page("en", manifest.Manifest({}))
    assert ('<details class="notes" data-search-exclude markdown="1">\n<summary>Notes on each value</summary>\n\n'
            "- **2016, Ninh Thuận — GSO · copy, 16.1 per 1,000 live births**: a note\n\n</details>\n") in page
    quoted = noted_page("vi", manifest.Manifest({}), quote="16,1")
    assert "<summary>Ghi chú về từng giá trị và nguyên văn của nguồn</summary>" in quoted
    assert "<details" not in pages.indicator_page(*(lambda m: (m, m.indicators["3b"], "en", decide(m, m.indicators["3b"]),
                                                               None, "x", "D", manifest.Manifest({})))(
        model([obs(NT, 2016, 16.1)], [])))


def test_an_indicator_page_links_the_observations_workbook_only_when_the_build_made_it():
    made = manifest.Manifest({"observations": Files({"observations.xlsx": 5}, {}, {}, frozenset(), False)})
    assert ("- [All observations (CSV)](../data/observations/observations.csv) · "
            "[XLSX](../data/observations/observations.xlsx)\n- [All targets (CSV)]") in noted_page("en", made)
    assert "[XLSX]" not in noted_page("en", manifest.Manifest({}))
    large = manifest.Manifest({"observations": Files({}, {}, {}, frozenset({"observations"}), False)})
    assert ("- [Toàn bộ số liệu quan sát (CSV, gzip)](../data/observations/observations.csv.gz) · "
            "[Parquet](../data/observations/observations.parquet)\n") in noted_page("vi", large)


def test_when_sources_disagree_about_the_latest_year_the_headline_and_card_give_both_values_and_no_source():
    m = model([obs(NT, 2014, 17.0), obs(NT, 2016, 16.1, conflict=True), obs(NT, 2016, 16.5, "news", "paper", conflict=True)],
              [target("3b", "national", 2025, "<=", 12.5)])
    h = decide(m, m.indicators["3b"])
    assert pages.headline_block(m, h, "en") == (
        '<div class="headline" markdown="1">\n\n**Latest value:** Ninh Thuận, 2016: sources disagree (16.1‰ and 16.5‰)\n\n'
        "**Compared with:** at most 12.5‰ — national 2025 target, Decision 23/QĐ-TTg\n\n"
        f"**Status:** {DOT.format('insufficient-data')} Not enough data — no official figure since 2020 (the latest: Ninh "
        "Thuận 2016)\n\n</div>\n")
    card = pages.indicator_card(m, h, "en", "index")
    assert "\n\nNinh Thuận, 2016: sources disagree (16.1‰ and 16.5‰)\n{: .card-latest }\n\n" in card
    assert "<svg" not in card and 'class="trust"' not in card


def test_a_card_with_values_but_none_usable_says_so_and_keeps_the_status_last():
    m = model([obs(NT, 2016, 16.1, "news", "mirror")], [])
    card = pages.indicator_card(m, decide(m, m.indicators["3b"]), "en", "index")
    assert card.endswith("{: .card-title }\n\nNo usable value yet (only figures from low-trust sources, of uncertain year "
                         "or of other areas)\n{: .card-latest }\n\nCompared with: –\n{: .card-target }\n\n"
                         f"{DOT.format('insufficient-data')} Not enough data — only figures quoted in the press or from "
                         "single survey rounds, no official time series; no target\n{: .card-status }\n\n</div>")


def test_an_indicators_citation_takes_the_newest_release_of_the_observations_and_targets_and_names_both_versions():
    m = model([], [])
    ind = m.indicators["3b"]
    m.datasets["observations"] = Dataset("observations", Path("x"), {"version": "1.2.0", "changelog": [
        {"version": "1.2.0", "date": "2025-01-02"}]}, {})
    m.datasets["programme-targets"] = Dataset("programme-targets", Path("x"), {"version": "2.0.0", "changelog": [
        {"version": "2.0.0", "date": "2026-05-05"}]}, {})
    m.datasets["documents"] = Dataset("documents", Path("x"), {"version": "9.0.0", "changelog": [
        {"version": "9.0.0", "date": "2027-01-01"}]}, {})
    c = pages.indicator_citation(m, ind, "en")
    assert (c["year"], c["version"], c["title"], c["url"]) == (
        "2026", "observations 1.2.0, programme-targets 2.0.0", "Indicator 3b: Test indicator", f"{SITE}en/chi-so/3b/")
    del m.datasets["observations"]
    c = pages.indicator_citation(m, ind, "vi")
    assert (c["year"], c["version"], c["title"]) == ("2026", "programme-targets 2.0.0", "Chỉ tiêu 3b: Chỉ tiêu thử")
    m.datasets["programme-targets"].descriptor.pop("version")
    assert pages.indicator_citation(m, ind, "vi")["version"] == "programme-targets "
    del m.datasets["programme-targets"]
    assert (pages.indicator_citation(m, ind, "vi")["year"], pages.indicator_citation(m, ind, "vi")["version"]) == ("", "")


def test_a_doubtful_target_without_a_reason_is_struck_through_without_an_empty_reason():
    tg = target("3b", "56", 2030, "<=", 10, "doubtful", "")
    assert pages.target_cell(model([], [tg]), tg, "percent", "en") == \
        "<del>at most 10%</del> — doubtful, not used for comparison"


def test_a_status_without_a_reason_is_given_alone_in_the_headline():
    m = model([obs(NT, 2020, 16.0), obs(NT, 2024, 15.0)], [target("3b", "national", 2025, "<=", 12.5)])
    assert pages.headline_block(m, decide(m, m.indicators["3b"]), "en").endswith(
        f"**Status:** {DOT.format('limited')} Limited progress\n\n</div>\n")


def test_an_english_indicator_page_without_values_or_targets_says_there_are_no_data_in_english():
    m = model([], [])
    ind = m.indicators["3b"]
    page = pages.indicator_page(m, ind, "en", decide(m, ind), None, "2026-11-29", "D", manifest.Manifest({}))
    assert page.startswith(front("Indicator 3b: Test indicator", "D").replace("---\n\n", 'data_date: "2026-11-29"\n---\n\n')
                           + "# Indicator 3b: Test indicator\n\n[Goal 1: Test goal](../muc-tieu/1.md)\n\n")
    assert "## Data table\n\nNo data yet\n\n## Progress" in page
    assert "**Sources**" not in page and "<details" not in page
