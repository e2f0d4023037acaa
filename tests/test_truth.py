"""Every sentence the site writes is true to its rows (issue 13), one test per class of defect found by reading the
pages as a journalist would. Unit tests use small hand-written models (tests/factory.py); expected words and
numbers are worked out by hand. Site tests read the built pages of the shipped datasets."""
from __future__ import annotations

import html as _html
import json
import re

import pytest

from factory import model, obs, target
from scripts import wording
from scripts.model.decide import decide, latest, status

NT, VN = "58", "VN"


# --- 1. every doubt carries its own reason, per row ------------------------------------------------------------------
def test_a_doubtful_provincial_target_gets_its_own_reason_and_not_another_rows():
    m = model([], [target("3b", "national", 2025, "<=", 12.5),
                   target("3b", "56", 2030, "<", 8, "doubtful", "machine-translation-only", document_id="kh-56")])
    h = decide(m, m.indicators["3b"])
    assert h.target.scope == "national" and h.target.value == 12.5  # the doubtful row is never the comparison
    assert [t.doubt_reason for t in h.doubtful_targets] == ["machine-translation-only"]
    assert wording.doubt_text("machine-translation-only", "vi") == "chỉ biết qua bản dịch máy của một bài báo"


@pytest.mark.parametrize("ind_id", ["1", "2", "4b", "5b", "8a", "9", "12", "17a", "18a", "19", "21"])
def test_pages_whose_only_doubt_is_khanh_hoa_say_that_doubt_and_no_other(built_site, ind_id):
    for prefix, mine, other in (("", "bản dịch máy", "lỗi sao chép"), ("en/", "machine translation", "copy error")):
        page = text_of(built_site / f"{prefix}chi-so/{ind_id}/index.html")
        assert mine in page, (ind_id, prefix)
        assert other not in page, (ind_id, prefix)


def test_indicator_15_says_its_own_doubt(built_site):
    page = text_of(built_site / "chi-so/15/index.html")
    assert "nghi lỗi sao chép" in page and "bản dịch máy" not in page
    assert "Lời văn của chỉ tiêu" in page and "còn nghi vấn" in page


# --- 2. the latest value and the status reason agree with the table --------------------------------------------------
def test_the_latest_value_is_the_latest_year_not_the_first():
    m = model([obs(NT, 2005, 22.6), obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True)],
              [target("3b", "national", 2025, "<=", 12.5)])
    h = decide(m, m.indicators["3b"])
    assert (h.latest.value.year, h.latest.value.value) == (2016, 16.1)
    assert wording.latest_text(m, h, "vi") == "16,1‰ (Ninh Thuận, năm 2016, số sơ bộ)"
    assert wording.latest_text(m, h, "en") == "16.1‰ (Ninh Thuận, 2016, preliminary)"


def test_a_conflict_in_the_latest_year_is_reported_as_a_conflict_not_chosen():
    m = model([obs(VN, 2013, 99.7, "news", "paper"), obs(VN, 2020, 99.6, "news", "paper", conflict=True),
               obs(VN, 2020, 99.96, "news", "paper", conflict=True)], [], "increase", "percent")
    h = decide(m, m.indicators["3b"])
    assert h.latest.value is None and sorted(v.value for v in h.latest.conflicting) == [99.6, 99.96]
    assert wording.latest_text(m, h, "vi") == "Việt Nam, năm 2020: các nguồn mâu thuẫn (99,6% và 99,96%)"
    assert wording.latest_text(m, h, "en") == "Viet Nam, 2020: sources disagree (99.6% and 99.96%)"


def test_ninh_thuan_comes_before_viet_nam_and_a_province_value_is_never_replaced_by_a_national_one():
    m = model([obs(VN, 2017, 14.4), obs(NT, 2016, 16.1)], [])
    assert latest(m, m.indicators["3b"]).value.area_code == NT


def test_press_only_data_gives_no_official_series_as_the_reason():
    m = model([obs(VN, 2020, 99.6, "news", "paper")], [target("3b", "national", 2025, ">=", 99.1)], "increase")
    s = status(m, m.indicators["3b"])
    assert s.reasons == ("no-official-series",)
    assert wording.reason_text(m, s, "vi") == ("chỉ có số liệu báo chí dẫn lại hoặc từ từng cuộc điều tra riêng lẻ, "
                                               "không có chuỗi số liệu chính thức theo thời gian")


def test_an_official_series_that_ends_before_2020_names_its_last_year_per_area():
    m = model([obs(NT, 2016, 16.1), obs(VN, 2017, 14.4), obs(VN, 2020, 13.9, "news", "paper")],
              [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert s.reasons == ("no-official-data-since-base",)
    assert wording.reason_text(m, s, "vi") == ("chưa có số liệu chính thức nào từ năm 2020 (gần nhất: Ninh Thuận năm "
                                               "2016, Việt Nam năm 2017)")
    assert wording.reason_text(m, s, "en") == "no official figure since 2020 (the latest: Ninh Thuận 2016, Viet Nam 2017)"


def test_a_confirmed_range_target_without_data_is_not_called_unverified():
    m = model([], [target("3b", "national", 2030, "=", 2, value_upper=3)], "increase", "percent-per-year")
    s = status(m, m.indicators["3b"])
    assert s.reasons == ("no-data", "range-target")
    assert "chưa có số liệu nào; mức mục tiêu là một khoảng" in wording.reason_text(m, s, "vi")
    assert "xác minh" not in wording.reason_text(m, s, "vi")


# --- 3. one function chooses the comparison target -------------------------------------------------------------------
def test_the_provinces_own_target_is_used_before_the_national_one_in_the_sentence_and_the_status():
    m = model([obs(NT, 2010, 18.8), obs(NT, 2016, 16.1, provisional=True)],
              [target("3b", "national", 2025, "<=", 12.5), target("3b", NT, 2025, "<", 15, "single-source",
                                                                    document_id="182-kh-ubnd")])
    h = decide(m, m.indicators["3b"])
    assert (h.target.scope, h.target.value) == (NT, 15)
    assert h.status.targets[0].scope == NT
    said = wording.describe(m, h, "vi")
    assert said == ("Ninh Thuận, theo Tổng cục Thống kê (bản sao): giảm từ 18,8‰ năm 2010 xuống 16,1‰ năm 2016 (số sơ "
                    "bộ). Mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND: dưới 15‰; giá trị năm 2016 cao hơn "
                    "mức mục tiêu 1,1‰, nhưng không dùng để đánh giá tiến độ (chưa đủ số liệu).")
    assert wording.describe(m, h, "en").endswith("The 2025 target of Ninh Thuận, Plan 182/KH-UBND: below 15‰; the 2016 "
                                                 "value is 1.1‰ above the target, but it is not used to assess progress "
                                                 "(not enough data).")


def test_a_rise_toward_a_higher_target_says_rose_and_below():
    m = model([obs(NT, 2010, 96.2, unit="percent"), obs(NT, 2015, 98.1, unit="percent")],
              [target("3b", "national", 2025, ">=", 99)], "increase", "percent")
    said = wording.describe(m, decide(m, m.indicators["3b"]), "vi")
    assert "tăng từ 96,2% năm 2010 lên 98,1% năm 2015" in said
    assert "thấp hơn mức mục tiêu 0,9 điểm phần trăm" in said  # 98.1 - 99 = -0.9, percentage points


@pytest.mark.parametrize("ind_id, gap_vi, gap_en", [("3b", "1,1‰", "1.1‰"), ("3c", "4,2‰", "4.2‰")])
def test_the_shipped_pages_compare_ninh_thuan_with_plan_182(built_site, ind_id, gap_vi, gap_en):
    # 3b: 16.1 (2016) against Plan 182's 15; 3c: 24.2 (2016) against 20 (targets.csv, observations.csv)
    vi, en = text_of(built_site / f"chi-so/{ind_id}/index.html"), text_of(built_site / f"en/chi-so/{ind_id}/index.html")
    assert f"cao hơn mức mục tiêu {gap_vi}" in vi and "Mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND" in vi
    assert f"{gap_en} above the target" in en and "Plan 182/KH-UBND" in en
    description = re.search(r'<meta name="description" content="([^"]*)"', raw(built_site / f"chi-so/{ind_id}/index.html"))
    assert f"cao hơn mức mục tiêu {gap_vi}" in _html.unescape(description.group(1))


# --- 5. the source's words are kept -----------------------------------------------------------------------------------
def test_a_qualifier_is_said_with_the_value_and_no_exact_gap_is_invented():
    m = model([obs(NT, 2010, 32, "unicef-sitan", "paper", qualifier="nearly", unit="percent")],
              [target("3b", "national", 2025, "<=", 17)], unit="percent")
    h = decide(m, m.indicators["3b"])
    assert wording.latest_text(m, h, "vi") == "gần 32% (Ninh Thuận, năm 2010)"
    assert wording.latest_text(m, h, "en") == "nearly 32% (Ninh Thuận, 2010)"
    assert h.gap is None and "cao hơn" not in wording.describe(m, h, "vi")


@pytest.mark.parametrize("ind_id, vi, en", [("4b", "gần 32%", "nearly 32%"), ("14", "hơn 96%", "more than 96%")])
def test_the_shipped_qualifiers_reach_the_page(built_site, ind_id, vi, en):
    assert vi in text_of(built_site / f"chi-so/{ind_id}/index.html")
    assert en in text_of(built_site / f"en/chi-so/{ind_id}/index.html")


def test_wording_from_a_copy_is_not_called_verbatim_decision_23(built_site):
    for ind_id in ("3b", "15"):
        page = text_of(built_site / f"chi-so/{ind_id}/index.html")
        assert "Nguyên văn trong Quyết định 23" not in page
        assert "bản sao có độ tin cậy thấp" in page  # the wording's source and its trust


# --- 6. weak sources are not shown as equals ------------------------------------------------------------------------
def test_a_low_trust_value_is_never_the_latest():
    m = model([obs(VN, 2016, 13.9, provisional=True), obs(VN, 2020, 11.5, "survey", "mirror")], [], unit="percent")
    assert latest(m, m.indicators["3b"]).value.year == 2016


def test_no_link_is_named_by_a_bare_host(built_site):
    host = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")
    for page in (built_site / "chi-so").rglob("index.html"):
        for text in re.findall(r"<a [^>]*>([^<]+)</a>", raw(page)):
            assert not host.match(text.strip()), (page, text)


def test_the_legend_names_a_low_trust_series(built_site):
    spec = (built_site / "bieu-do/4b-vi-vegalite.json").read_text(encoding="utf-8")
    assert "Việt Nam — Điều tra · độ tin cậy thấp" in spec
    en = (built_site / "bieu-do/4b-en-vegalite.json").read_text(encoding="utf-8")
    assert "Viet Nam — Survey · low trust" in en


# --- 7. areas and labels -----------------------------------------------------------------------------------------------
def test_binh_thuan_is_not_shown_as_still_valid(built_site):
    page = text_of(built_site / "dia-ban/60/index.html")
    # review defect 26: the facts give the year (2025, the provincial reorganisation, one report), not the day
    assert "hết hiệu lực năm 2025, chưa rõ ngày" in page and "→ nay" not in page
    assert "ended in 2025, day not known" in text_of(built_site / "en/dia-ban/60/index.html")


def test_the_coverage_page_names_khanh_hoa_before_the_merger(built_site):
    assert "Khánh Hòa (trước 1/7/2025)" in text_of(built_site / "do-bao-phu/index.html")
    assert "Khánh Hòa (before 1 July 2025)" in text_of(built_site / "en/do-bao-phu/index.html")


def test_the_merged_province_lists_only_the_units_in_the_data_and_says_so(built_site):
    page = text_of(built_site / "dia-ban/56/index.html")
    assert "Đơn vị trực thuộc có trong bộ dữ liệu (24)" in page
    assert "65 đơn vị hành chính cấp xã" in page and "chỉ liệt kê 24 đơn vị" in page


def test_goal_1_counts_indicators_as_decision_23_does(built_site):
    assert "7 chỉ tiêu (13 chỉ tiêu con)" in text_of(built_site / "muc-tieu/1/index.html")
    assert "3 chỉ tiêu" in text_of(built_site / "muc-tieu/4/index.html")
    assert "7 indicators (13 sub-indicators)" in text_of(built_site / "en/muc-tieu/1/index.html")


def test_goal_pages_label_the_target_they_compare_with(built_site):
    page = text_of(built_site / "muc-tieu/1/index.html")
    assert "mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND" in page
    assert "mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg" in page


def test_indicator_13_a_yearly_reduction_is_better_when_higher(built_site):
    assert "càng cao càng tốt" in text_of(built_site / "chi-so/13/index.html")


# --- 9. escaping and repetition ------------------------------------------------------------------------------------------
def test_field_names_show_once_escaped(built_site):
    page = raw(built_site / "bo-du-lieu/observations/index.html")
    assert "<code>indicator_id</code>" in page and "&amp;#95;" not in page
    assert not [c for c in re.findall(r"<code>(.*?)</code>", page) if "&#" in c]  # code shows what it says


def test_no_flag_is_said_twice_and_no_english_filler(built_site):
    for page in (built_site / "chi-so").rglob("index.html"):
        text = text_of(page)
        assert "số sơ bộ; số sơ bộ" not in text, page
    for page in (built_site / "en/chi-so").rglob("index.html"):
        text = text_of(page)
        assert "from it" not in text and "Better direction" not in text, page


def test_headline_sentences_have_no_nested_parentheses(built_site):
    nested = re.compile(r"\([^()]*\([^()]*\)[^()]*\)")
    for page in (built_site / "chi-so").rglob("index.html"):
        description = re.search(r'<meta name="description" content="([^"]*)"', raw(page))
        assert not nested.search(_html.unescape(description.group(1))), page


# --- helpers ---------------------------------------------------------------------------------------------------------
def raw(path) -> str:
    return path.read_text(encoding="utf-8")


def description_of(path) -> str:
    """What the page says of itself in its first paragraph (the dataset's description), not in its changelog."""
    found = re.search(r"<h1[^>]*>.*?</h1>\s*<p>(.*?)</p>", raw(path), re.S)
    return _html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))) if found else ""


def text_of(path) -> str:
    """The page's visible text (tags removed, entities decoded, whitespace collapsed)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", raw(path), flags=re.S)
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_helpers_read_what_a_reader_sees(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<p>a&amp;b <b>c</b></p><script>x</script>", encoding="utf-8")
    assert text_of(page).split() == ["a&b", "c"] and json.dumps(text_of(page))


# --- the methodology page's rules, held against the code -------------------------------------------------------------
def test_a_province_series_that_stops_before_2020_and_one_national_value_since_give_a_reason_not_a_crash():
    m = model([obs(NT, 2015, 16.4), obs(NT, 2016, 16.1), obs(VN, 2017, 14.4), obs(VN, 2021, 12.0)],
              [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert s.code == "insufficient-data" and s.reasons == ("one-value-since-base",)
    assert wording.reason_text(m, s, "vi") == "chỉ có một giá trị chính thức từ năm 2020"


def test_press_figures_are_never_joined_into_a_trend():
    m = model([obs(VN, 2013, 99.7, "news", "paper", unit="percent"), obs(VN, 2020, 99.6, "news", "paper", unit="percent")],
              [], "increase", "percent")
    h = decide(m, m.indicators["3b"])
    assert [v.year for v in h.trend] == [2020]
    said = wording.describe(m, h, "vi")
    assert "99,6% năm 2020" in said and "giảm" not in said and "99,7" not in said


def test_a_value_the_source_gives_only_approximately_is_not_assessed():
    m = model([obs(NT, 2020, 20.0), obs(NT, 2022, 18.0, qualifier="nearly")], [target("3b", "national", 2025, "<=", 12.5)])
    s = status(m, m.indicators["3b"])
    assert s.code == "insufficient-data" and s.reasons == ("one-value-since-base",)


# --- journalist's review (1 December 2026) ---------------------------------------------------------------------------
def _descriptor(name: str) -> dict:
    from scripts.paths import DATASETS
    return json.loads((DATASETS / name / "datapackage.json").read_text(encoding="utf-8"))


def _sources_table(name: str) -> list[dict]:
    import csv

    from scripts.paths import DATASETS
    path = DATASETS / name / "data" / "sources.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", ["observations", "programme-targets"])
def test_a_dataset_names_only_sources_its_sources_table_holds(name):
    """Review defect 1: the programme-targets page listed the full text on thuvienphapluat.vn and the Báo Khánh Hòa
    original, neither of which was read. A dataset with a sources table names no other source (a descriptor entry
    may name the repository that holds a row's file)."""
    urls = [r["url"] for r in _sources_table(name) if r["url"]]
    named = [s["path"] for s in _descriptor(name)["sources"] if s.get("path")]
    assert [p for p in named if not any(u.startswith(p) for u in urls)] == []


def test_the_programme_targets_page_lists_the_sources_used_and_says_what_was_not_read(built_site):
    section = re.search(r"<h2[^>]*>Nguồn<a[^>]*>.*?</a></h2>\s*<ul>(.*?)</ul>|<h2[^>]*>Nguồn</h2>\s*<ul>(.*?)</ul>",
                        raw(built_site / "bo-du-lieu/programme-targets/index.html"), re.S)
    listed = _html.unescape(re.sub(r"<[^>]+>", " ", section.group(1) or section.group(2)))  # not the changelog
    for used in ("Báo Thừa Thiên Huế", "Báo Lâm Đồng", "bvndtp.org.vn", "vietnam.vn"):
        assert used in listed, used
    assert "bản toàn văn trên thuvienphapluat.vn" not in listed and "baokhanhhoa.vn" not in listed
    assert "chưa đối chiếu với văn bản chính thức" in listed
    assert "Báo Khánh Hòa, qua bản dịch máy của vietnam.vn" in listed


def test_khanh_hoa_targets_are_described_as_known_only_from_a_machine_translation(built_site):
    """Review defect 2: the targets are doubtful (machine-translation-only), not 'provisional'."""
    for prefix, said, wrong in (("", "chỉ biết qua bản dịch máy (còn nghi vấn)", "mục tiêu tạm thời"),
                                ("en/", "known only from a machine translation (in doubt)", "provisional 2025–2030")):
        page = description_of(built_site / f"{prefix}bo-du-lieu/programme-targets/index.html")
        assert said in page and wrong not in page, prefix


def _observations() -> list[dict]:
    import csv

    from scripts.paths import DATASETS
    with open(DATASETS / "observations/data/observations.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_2016_underweight_conflict_of_the_facts_is_in_the_data_and_on_the_page(built_site):
    """Review defect 4: the facts give 13.9 (GSO table, preliminary) and 13.6 (a journal abstract) for 2016."""
    rows = [r for r in _observations() if r["measure"] == "underweight_u5" and r["area_code"] == "VN"
            and r["year"] == "2016"]
    assert sorted((r["value"], r["conflict"]) for r in rows) == [("13.6", "true"), ("13.9", "true")]
    assert "các nguồn mâu thuẫn (13,9% và 13,6%)" in text_of(built_site / "chi-so/4a/index.html")
    assert "sources disagree (13.9% and 13.6%)" in text_of(built_site / "en/chi-so/4a/index.html")


def test_the_u5mr_2020_note_compares_with_the_un_igme_value_of_the_year_it_names():
    """Review defect 5: 21.0 is UN IGME's 2020 value (its 2016 value is 21.8)."""
    igme = {r["year"]: r["value"] for r in _observations() if r["measure"] == "u5mr_un_igme" and r["area_code"] == "VN"}
    assert (igme["2016"], igme["2020"]) == ("21.8", "21")
    note = next(r for r in _observations() if r["measure"] == "u5mr" and r["year"] == "2020" and r["area_code"] == "VN")
    assert "giá trị năm 2020 của UN IGME (21,0)" in note["note_vi"]
    assert "UN IGME's 2020 value (21.0)" in note["note_en"]


def test_the_2020_stunting_note_does_not_claim_a_match_with_the_institutes_figure():
    """Review defect 8: the Institute's own figure was not found (facts §8.6)."""
    note = next(r for r in _observations() if r["measure"] == "stunting_u5" and r["year"] == "2020")
    assert "khớp" not in note["note_vi"] and "matches" not in note["note_en"]
    assert "chưa đối chiếu được với số của Viện Dinh dưỡng" in note["note_vi"]


def test_the_observations_page_describes_the_columns_that_exist_in_plain_vietnamese(built_site):
    """Review defects 13, 15 and 19: the source-status column was replaced by the sources table and its trust;
    'resource' is not Vietnamese; 'Không có … được tìm thấy' is a calque."""
    page = description_of(built_site / "bo-du-lieu/observations/index.html")
    assert "chuỗi số liệu, nguồn và độ tin cậy của nguồn" in page and "tình trạng nguồn" not in page
    page = text_of(built_site / "bo-du-lieu/observations/index.html")
    assert "Chưa tìm thấy số liệu nào của Ninh Thuận sau năm 2016" in page
    en = description_of(built_site / "en/bo-du-lieu/observations/index.html")
    assert "series, source and the source's trust" in en and "source status" not in en
    for name in ("observations", "programme-targets"):
        assert "xem resource" not in text_of(built_site / f"bo-du-lieu/{name}/index.html"), name


def test_a_target_whose_text_states_no_year_is_not_called_a_2025_target():
    """Review defect 6: indicator 12's text states no year; the row for 2025 is the site's reading."""
    implied = target("12", "national", 2025, ">=", 100)
    implied = type(implied)(**{**implied.__dict__, "year_stated": False})
    m = model([], [implied], "increase", "percent", indicator_id="12")
    h = decide(m, m.indicators["12"])
    assert wording.target_label(m, h.target, "vi") == ("Mục tiêu cả giai đoạn toàn quốc (văn bản không nêu năm), "
                                                       "theo Quyết định 23/QĐ-TTg")
    assert wording.target_label(m, h.target, "en") == ("National target for the whole period (no year stated), "
                                                       "Decision 23/QĐ-TTg")
    stated = target("12", "national", 2025, ">=", 100)
    assert wording.target_label(m, stated, "vi") == "Mục tiêu 2025 toàn quốc, theo Quyết định 23/QĐ-TTg"


def test_the_shipped_indicator_12_says_no_year_is_stated(built_site):
    for prefix, said, wrong in (("", "mục tiêu cả giai đoạn toàn quốc (văn bản không nêu năm)", "mục tiêu 2025 toàn quốc"),
                                ("en/", "national target for the whole period (no year stated)", "national 2025 target")):
        for page in ("index.html", "muc-tieu/2/index.html", "chi-so/12/index.html"):
            text = text_of(built_site / prefix / page)
            code = "Chỉ tiêu" if not prefix else "Indicator"
            start = text.find(f"{code} 12 ")
            card = text[start:text.find(f"{code} 13 ", start)] if "chi-so" not in page else text  # its own card
            assert said in card.lower() or said in card, (prefix, page)
            if "chi-so" not in page:
                assert wrong not in card.lower(), (prefix, page)


def test_a_provincial_comparison_target_names_the_document_it_comes_from_on_the_card():
    """Review defect 7: Plan 182/KH-UBND implements Decision 1493, another programme; the cards must say so, from the
    documents table, not only the indicator page's note."""
    from scripts.pages import comparison_text

    m = model([obs(NT, 2016, 16.1)], [target("3b", "national", 2025, "<=", 12.5),
                                      target("3b", "58", 2025, "<", 15, "single-source", document_id="182-kh-ubnd")])
    h = decide(m, m.indicators["3b"])
    assert comparison_text(m, h, "vi") == ("dưới 15‰ — mục tiêu 2025 của Ninh Thuận, theo Kế hoạch 182/KH-UBND "
                                           "— Kế hoạch thực hiện Quyết định 1493/QĐ-TTg")
    assert comparison_text(m, h, "en") == ("below 15‰ — the 2025 target of Ninh Thuận, Plan 182/KH-UBND "
                                           "— Plan implementing Decision 1493/QĐ-TTg")


def test_the_shipped_cards_say_plan_182_implements_decision_1493(built_site):
    text = text_of(built_site / "index.html")
    card = text[text.find("Chỉ tiêu 3b"):][:700]
    assert "theo Kế hoạch 182/KH-UBND — Kế hoạch của tỉnh Ninh Thuận thực hiện Quyết định 1493/QĐ-TTg" in card


def test_a_unit_split_between_two_successors_shows_both(built_site):
    """Review defect 9: the old Phường Đông Hải (22768) is listed as a predecessor of 22780 and 22888."""
    page = re.sub(r"\(\s+|\s+\)", lambda m: m.group(0).strip(), text_of(built_site / "dia-ban/582-den-2025/index.html"))
    row = page[page.find("22768"):][:300]
    assert "Phường Đông Hải (22780)" in row and "Xã Phước Dinh (22888)" in row, row


def test_a_succession_known_only_from_a_secondary_report_is_not_called_official(built_site):
    """Review defect 10: Resolution 202/2025/QH15 is known only from a secondary source."""
    for prefix, said in (("", "nguồn thứ cấp"), ("en/", "secondary source")):
        page = text_of(built_site / f"{prefix}dia-ban/58-den-2025/index.html")
        cell = page[page.find("Đơn vị kế thừa" if not prefix else "Successor"):][:200]
        assert said in cell and "(chính thức)" not in cell and "(official)" not in cell, cell


def test_notes_are_headed_as_the_sources_words_only_when_a_quotation_is_shown(built_site):
    """Review defect 11: indicator 10 shows only the compiler's note (no quotation), under 'nguyên văn của nguồn'."""
    assert "Ghi chú về từng giá trị" in text_of(built_site / "chi-so/10/index.html")
    assert "nguyên văn" not in text_of(built_site / "chi-so/10/index.html").split("Ghi chú về từng giá trị", 1)[1][:40]
    assert "own words" not in text_of(built_site / "en/chi-so/10/index.html").split("Notes on each value", 1)[1][:40]
    assert "Ghi chú về từng giá trị và nguyên văn của nguồn" in text_of(built_site / "chi-so/14/index.html")
    assert "Notes on each value and the source's own words" in text_of(built_site / "en/chi-so/14/index.html")


def test_a_sparkline_says_which_year_it_leaves_out_and_breaks_its_line_there():
    """Review defect 14: the 3b sparkline joined 2009 to 2011, silently dropping 2010 (GSO 18.8 against 23 from a UN
    press release, both marked conflicting)."""
    from scripts.pages import spark

    m = model([obs(NT, 2009, 19.5), obs(NT, 2010, 18.8, conflict=True), obs(NT, 2010, 23, "news", "paper", conflict=True),
               obs(NT, 2011, 18.6), obs(NT, 2016, 16.1, provisional=True)], [target("3b", "national", 2025, "<=", 12.5)])
    h = decide(m, m.indicators["3b"])
    svg = spark(m, h, "vi")
    assert "năm 2010 không vẽ vì các nguồn mâu thuẫn" in svg
    assert svg.count("<polyline") == 2  # 2009 | 2011–2016: no segment across the year left out
    assert "2010 not drawn: sources disagree" in spark(m, h, "en")


def test_a_gap_to_the_target_says_when_the_value_is_not_used_to_judge_progress():
    """Review defect 12: indicator 5a read as 'target already met' (a preliminary 2016 value against the 2025 target)
    while its status is 'not enough data'. An assessed value gets no such words."""
    m = model([obs(NT, 2010, 97.7, unit="percent"), obs(NT, 2016, 98.2, unit="percent", provisional=True)],
              [target("3b", "national", 2025, ">=", 97)], "increase", "percent")
    said = wording.describe(m, decide(m, m.indicators["3b"]), "vi")
    assert said.endswith("giá trị năm 2016 cao hơn mức mục tiêu 1,2 điểm phần trăm, nhưng không dùng để đánh giá tiến "
                         "độ (chưa đủ số liệu).")
    assessed = model([obs(NT, 2020, 14.0), obs(NT, 2023, 12.0)], [target("3b", "national", 2025, "<=", 12.5)])
    h = decide(assessed, assessed.indicators["3b"])
    assert h.status.code != "insufficient-data"
    assert wording.describe(assessed, h, "vi").endswith("giá trị năm 2023 thấp hơn mức mục tiêu 0,5‰.")


def test_a_unit_sign_is_written_against_its_number():
    """Review defect 21: '14 ‰ trẻ đẻ sống' beside '16,1‰'; '100,6 % nhóm tuổi'."""
    assert wording.value_text(14, "per-1000-live-births", "vi") == "14‰ trẻ đẻ sống"
    assert wording.value_text(100.6, "percent-of-age-group", "vi") == "100,6% so với dân số trong độ tuổi"
    assert wording.value_text(100.6, "percent-of-age-group", "en") == "100.6% of the age group"
    assert wording.value_text(550, "per-100000-children", "vi") == "550 trên 100.000 trẻ em"


def test_the_home_page_opens_with_a_sentence(built_site):
    """Review defect 23: the opening was a noun phrase, not a sentence."""
    assert ("Trang này theo dõi Chương trình hành động quốc gia vì trẻ em 2021–2030"
            in text_of(built_site / "index.html"))
    assert "This site follows the National Action Programme for Children 2021–2030" in text_of(
        built_site / "en/index.html")


def test_english_sentences_have_no_capital_mid_sentence_and_no_verb_as_a_target():
    """Review defect 24: 'Viet Nam, Survey (press): 5.4% in 2018'; 'Compared with: reach 100%'."""
    m = model([obs(VN, 2018, 5.4, "survey", "paper", unit="percent")], [target("3b", "national", 2025, ">=", 100)],
              "decrease", "percent")
    h = decide(m, m.indicators["3b"])
    assert wording.describe(m, h, "en").startswith("Viet Nam, survey (press): 5.4% in 2018.")
    assert wording.target_value_text(h.target, "percent", "en") == "100%"
    assert wording.target_value_text(h.target, "percent", "vi") == "đạt 100%"


def test_the_admin_units_sources_are_the_ones_its_rows_cite():
    """Review defect 29: the GSO list of units was named as a source, though it was only used through the
    thanglequoc/vietnamese-provinces-database copy that the rows cite."""
    import csv

    from scripts.paths import DATASETS
    with open(DATASETS / "admin-units/data/admin-units.csv", encoding="utf-8", newline="") as fh:
        cited = " ".join(r["source_vi"] + " " + r["note_vi"] for r in csv.DictReader(fh))
    named = [s["path"] for s in _descriptor("admin-units")["sources"] if s.get("path")]
    assert named and [p for p in named if p not in cited and p.removeprefix("https://github.com/") not in cited] == []


@pytest.mark.parametrize("name", ["admin-units", "child-protection-channels"])
def test_english_dataset_json_ld_has_no_vietnamese_keywords_and_no_false_coverage(built_site, name):
    """Review defect 28: Vietnamese keywords on English pages; '2025/2025'; the national hotline's coverage given as
    Ninh Thuận."""
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                      raw(built_site / f"en/bo-du-lieu/{name}/index.html"), re.S)
    d = json.loads(found.group(1))
    from scripts.language import VI_LETTERS
    assert [k for k in d.get("keywords", []) if VI_LETTERS.search(k)] == []
    assert "temporalCoverage" not in d or not re.fullmatch(r"(\d{4})/\1", d["temporalCoverage"])
    if name == "child-protection-channels":
        assert [p["identifier"] for p in d["spatialCoverage"]] == ["VN"]


def test_one_word_for_doubt_and_a_grammatical_trust_label():
    """Review defect 20: labels said 'đáng ngờ' where the pages say 'còn nghi vấn'; 'bản sao độ tin cậy thấp' lacks
    its verb."""
    from scripts import i18n
    from scripts.paths import ROOT
    tables = [i18n.STRINGS["vi"]] + [{k: v["vi"] for k, v in table.items()} for table in
                                     (i18n.VERIFICATION, i18n.TRUST, i18n.STATUS_REASON, i18n.WORDING_VERIFICATION)]
    said = " ".join(v for table in tables for v in table.values())
    assert i18n.label(i18n.VERIFICATION, "doubtful", "vi") == "còn nghi vấn"
    assert i18n.label(i18n.TRUST, "low-trust-copy", "vi") == "bản sao có độ tin cậy thấp"
    hand = (ROOT / "docs/phuong-phap.md").read_text(encoding="utf-8")
    assert "đáng ngờ" not in said + hand and "sao độ tin cậy" not in said + hand


def test_the_direction_is_named_in_plain_vietnamese(built_site):
    """Review defect 18: 'Chiều tốt hơn' is a calque of 'which way is better'."""
    page = text_of(built_site / "chi-so/3b/index.html")
    assert "Xu hướng mong muốn càng thấp càng tốt" in page and "Chiều tốt hơn" not in page


def test_a_quoted_wording_says_it_is_kept_as_printed(built_site):
    """Review defect 27: '… dưới 18.5 …' (a decimal point on a Vietnamese page) is the copy's own text, kept as it is."""
    vi = text_of(built_site / "chi-so/3c/index.html")
    assert "Lời văn của chỉ tiêu (nguyên văn của nguồn, kể cả cách viết số): “giảm tỷ suất" in vi
    en = text_of(built_site / "en/chi-so/3c/index.html")
    assert "The indicator's wording (Vietnamese, as printed in the source, numbers included): “giảm tỷ suất" in en


def test_the_last_official_year_counts_a_disputed_official_value():
    """After defect 4's conflict was recorded, 4a said 'the latest official figure: Viet Nam 2015' although GSO's
    2016 figure exists (disputed, so not assessed, but published)."""
    m = model([obs(VN, 2015, 14.1, unit="percent"), obs(VN, 2016, 13.9, unit="percent", conflict=True, provisional=True),
               obs(VN, 2016, 13.6, "news", "paper", unit="percent", conflict=True)],
              [target("3b", "national", 2025, "<", 9)], "decrease", "percent")
    s = status(m, m.indicators["3b"])
    assert wording.reason_text(m, s, "vi") == "chưa có số liệu chính thức nào từ năm 2020 (gần nhất: Việt Nam năm 2016)"


@pytest.mark.parametrize("lang, page", [("vi", "phuong-phap.md"), ("en", "phuong-phap.en.md")])
def test_the_method_page_explains_every_reason_the_site_can_give(lang, page):
    """The table of reasons on the method page has one row per reason the code can give, each named in the words a
    reader sees on an indicator page (a reason added in code without its explanation fails here)."""
    from scripts import i18n
    from scripts.model.decide import REASONS
    from scripts.paths import ROOT
    from scripts.progress import BASE_YEAR
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    head = "| Lý do | Nghĩa |" if lang == "vi" else "| Reason | Meaning |"
    table = text[text.index(head):].split("\n\n")[0].splitlines()[2:]
    named = [row.split(" | ")[0].removeprefix("| ") for row in table]
    said = [i18n.label(i18n.STATUS_REASON, r, lang).format(base=BASE_YEAR, years="") for r in REASONS]
    assert len(named) == len(REASONS)
    assert [n for n, s in zip(named, said) if n not in s] == []
