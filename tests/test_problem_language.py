"""A problem says what is wrong in the language asked: its title, hint and detail (issue 17, one text catalogue)."""
from __future__ import annotations

import json

from scripts.problems import CODES, Problem, details, to_json
from scripts.scaffold import create_dataset
from tests.problem_language import untranslated


def test_each_language_has_its_own_detail_and_the_vietnamese_message_is_unchanged():
    p = Problem("ds", resource="r", row=3, field="year", code="area-not-valid-for-year",
                **details("58 năm 2026", "58 in 2026"))
    code = CODES["area-not-valid-for-year"]
    assert p.message == p.message_in("vi") == f"{code.title_vi}: 58 năm 2026"
    assert p.message_in("en") == f"{code.title_en}: 58 in 2026"
    row = json.loads(to_json([p]))["problems"][0]
    assert (row["detail"], row["detail_en"]) == ("58 năm 2026", "58 in 2026")
    assert (row["message_vi"], row["message_en"]) == (p.message_in("vi"), p.message_in("en"))
    # A translation, not another problem: equal, and one in a set.
    assert p == Problem("ds", resource="r", row=3, field="year", code="area-not-valid-for-year", detail="58 năm 2026")
    assert len({p, Problem("ds", resource="r", row=3, field="year", code="area-not-valid-for-year",
                           detail="58 năm 2026")}) == 1


def test_a_detail_not_yet_translated_is_shown_as_it_is_and_is_found_by_the_check():
    p = Problem("ds", code="line-endings-mixed", detail="2 CRLF, 1 LF, 0 CR")
    assert p.message_in("en") == f"{CODES['line-endings-mixed'].title_en}: 2 CRLF, 1 LF, 0 CR"
    assert untranslated([Problem("ds", code="small-count", detail="3 < 5")]) == [("small-count", "3 < 5", None)]
    assert untranslated([Problem("ds", code="small-count", **details("dòng 3", "dòng 3"))])  # Vietnamese as English
    assert not untranslated([Problem("ds", code="personal-data-column", **details("cột 'Họ tên'", "column 'Họ tên'"))])


def test_a_new_dataset_refused_says_why_in_english(tmp_path):
    (tmp_path / "so-lieu").mkdir()
    problems = create_dataset("Số liệu", tmp_path)[1] + create_dataset("so-lieu", tmp_path)[1]
    assert [p.detail_en for p in problems] == [
        "'Số liệu': lower-case ASCII letters, digits and hyphens only, e.g. so-lieu-2024",
        f"the folder {tmp_path.name}/so-lieu already exists"]
    assert not untranslated(problems)
