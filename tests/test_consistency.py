"""The rules that keep a row consistent with itself (scripts/validate/consistency.py), one rule at a time on a few
hand-written rows: what is refused, with which code, on which row and field, and what the staff member is told.
Fast unit tests beside the corpus of broken datasets (tests/validation/), which checks the same rules end to end."""
from __future__ import annotations

import pandas as pd

from scripts.validate.consistency import (descriptor_problems, rule_area_validity, rule_conflict_explained,
                                          rule_doubt_has_reason, rule_no_column_names_in_text, rule_qualifier_quoted,
                                          rule_sources_known, rule_text_language, rule_translations_paired)
from scripts.validate.rules import Context, Table

NO_CATALOG = Context({})


def table(rows: list[dict], resource: str = "observations", dataset: str = "ds") -> Table:
    df = pd.DataFrame(rows, dtype=str).fillna("")
    return Table(dataset, resource, df, [{"name": c, "type": "string"} for c in df.columns])


def said(problems) -> list[tuple]:
    """What a staff member reads of each problem: code, row of the file (the header is row 1), field, detail."""
    return [(p.code, p.row, p.field, p.detail) for p in problems]


# --- doubts ----------------------------------------------------------------------------------------------------------
def test_a_doubtful_row_needs_a_reason_and_a_reason_needs_a_doubtful_row():
    rows = table([
        {"verification": "doubtful", "doubt_reason": "hai nguồn khác nhau"},
        {"verification": "doubtful", "doubt_reason": "  "},   # blank after spaces are stripped: no reason
        {"verification": "checked", "doubt_reason": "không rõ"},
        {"verification": "checked", "doubt_reason": ""},
        {"verification": "Doubtful", "doubt_reason": ""},     # the value is a code: only 'doubtful' is doubtful
    ])
    assert said(rule_doubt_has_reason(rows, NO_CATALOG)) == [
        ("doubt-reason-missing", 3, "doubt_reason", "verification = doubtful"),
        ("doubt-reason-unexpected", 4, "doubt_reason", "verification = checked"),
    ]


def test_the_wording_pair_is_checked_like_the_value_pair():
    rows = table([
        {"wording_verification": "doubtful", "wording_doubt_reason": ""},
        {"wording_verification": "", "wording_doubt_reason": "lời văn chưa rõ"},
    ])
    assert said(rule_doubt_has_reason(rows, NO_CATALOG)) == [
        ("doubt-reason-missing", 2, "wording_doubt_reason", "wording_verification = doubtful"),
        ("doubt-reason-unexpected", 3, "wording_doubt_reason", "wording_verification = "),
    ]


def test_both_pairs_are_checked_in_one_table():
    rows = table([{"verification": "doubtful", "doubt_reason": "", "wording_verification": "doubtful",
                   "wording_doubt_reason": ""}])
    assert [p.field for p in rule_doubt_has_reason(rows, NO_CATALOG)] == ["doubt_reason", "wording_doubt_reason"]


def test_a_table_without_both_columns_of_a_pair_is_not_checked_for_it():
    assert rule_doubt_has_reason(table([{"verification": "doubtful"}]), NO_CATALOG) == []
    assert rule_doubt_has_reason(table([{"doubt_reason": "x"}]), NO_CATALOG) == []
    only_wording_reason = table([{"verification": "doubtful", "doubt_reason": "x", "wording_doubt_reason": "y"}])
    assert rule_doubt_has_reason(only_wording_reason, NO_CATALOG) == []


# --- conflicts -------------------------------------------------------------------------------------------------------
def test_a_conflicting_value_needs_a_note_in_any_letter_case():
    rows = table([
        {"conflict": "TRUE", "note_vi": ""},
        {"conflict": "true", "note_vi": " "},
        {"conflict": "True", "note_vi": "Báo chí đưa 16,4"},
        {"conflict": "false", "note_vi": ""},
        {"conflict": "", "note_vi": ""},
    ])
    assert said(rule_conflict_explained(rows, NO_CATALOG)) == [
        ("conflict-note-missing", 2, "note_vi", "conflict = true"),
        ("conflict-note-missing", 3, "note_vi", "conflict = true"),
    ]


def test_a_conflict_is_not_checked_without_a_note_column():
    assert rule_conflict_explained(table([{"conflict": "true"}]), NO_CATALOG) == []
    assert rule_conflict_explained(table([{"note_vi": ""}]), NO_CATALOG) == []


# --- qualifiers and quotes -------------------------------------------------------------------------------------------
def test_a_qualifier_needs_the_source_words_and_a_quote_its_language():
    rows = table([
        {"qualifier": "khoảng", "quote": "", "quote_lang": ""},
        {"qualifier": "khoảng", "quote": "khoảng 16%", "quote_lang": ""},
        {"qualifier": "", "quote": "about 16%", "quote_lang": "en"},
        {"qualifier": " ", "quote": "", "quote_lang": ""},
    ])
    assert said(rule_qualifier_quoted(rows, NO_CATALOG)) == [
        ("qualifier-quote-missing", 2, "quote", "qualifier = khoảng"),
        ("quote-lang-missing", 3, "quote_lang", ""),
    ]


def test_each_half_of_the_quote_rule_needs_only_its_own_columns():
    assert said(rule_qualifier_quoted(table([{"qualifier": "gần", "quote": ""}]), NO_CATALOG)) == [
        ("qualifier-quote-missing", 2, "quote", "qualifier = gần")]
    assert said(rule_qualifier_quoted(table([{"quote": "gần 20%", "quote_lang": ""}]), NO_CATALOG)) == [
        ("quote-lang-missing", 2, "quote_lang", "")]
    assert rule_qualifier_quoted(table([{"qualifier": "gần", "quote_lang": ""}]), NO_CATALOG) == []


# --- translations ----------------------------------------------------------------------------------------------------
def test_a_text_in_one_language_needs_its_twin_in_the_other():
    rows = table([
        {"name_vi": "Tỷ lệ", "name_en": "", "note_vi": "", "note_en": ""},
        {"name_vi": "", "name_en": "Rate", "note_vi": "", "note_en": ""},
        {"name_vi": "Tỷ lệ", "name_en": "Rate", "note_vi": "Ghi chú", "note_en": "  "},
    ])
    assert said(rule_translations_paired(rows, NO_CATALOG)) == [
        ("text-translation-missing", 2, "name_en", "name_vi có, name_en trống"),
        ("text-translation-missing", 3, "name_vi", "name_en có, name_vi trống"),
        ("text-translation-missing", 4, "note_en", "note_vi có, note_en trống"),
    ]


def test_a_text_column_without_a_twin_column_is_not_a_pair():
    rows = table([{"name_vi": "Tỷ lệ", "title_en": "Rate", "vi": "x", "en": ""}])
    assert rule_translations_paired(rows, NO_CATALOG) == []


# --- language of prose -----------------------------------------------------------------------------------------------
ENGLISH = "The rate of children who are not in school fell in the province during the last five years of the plan."
VIETNAMESE = "Tỷ lệ trẻ em được tiêm chủng đầy đủ tăng mạnh trong năm qua."


def test_prose_in_the_wrong_language_is_named_by_its_first_60_characters():
    rows = table([
        {"note_vi": ENGLISH, "note_en": ENGLISH},
        {"note_vi": VIETNAMESE, "note_en": VIETNAMESE},
        {"note_vi": "Ninh Thuận", "note_en": "GSO"},  # too short to say: never guessed
        {"note_vi": ENGLISH, "note_en": ""},
    ])
    assert said(rule_text_language(rows, NO_CATALOG)) == [
        ("text-wrong-language", 2, "note_vi", "The rate of children who are not in school fell in the provi"),
        ("text-wrong-language", 5, "note_vi", "The rate of children who are not in school fell in the provi"),
        ("text-wrong-language", 3, "note_en", VIETNAMESE[:60]),
    ]


def test_every_prose_column_is_read_and_names_and_titles_are_not():
    rows = table([{"definition_note_en": VIETNAMESE, "hours_vi": ENGLISH, "cost_en": VIETNAMESE,
                   "operator_vi": ENGLISH, "legal_basis_en": VIETNAMESE, "name_vi": ENGLISH, "title_en": VIETNAMESE,
                   "footnote_vi": ENGLISH}])
    assert [p.field for p in rule_text_language(rows, NO_CATALOG)] == [
        "definition_note_en", "hours_vi", "cost_en", "operator_vi", "legal_basis_en"]


# --- column names in text --------------------------------------------------------------------------------------------
def test_a_text_may_not_name_a_column_of_its_own_table():
    rows = table([
        {"name_vi": "Xem cột doubt_reason", "name_en": "See name_vi", "doubt_reason": ""},
        {"name_vi": "Tệp data/doubt_reason.csv", "name_en": "mail x@doubt_reason.vn", "doubt_reason": ""},
        {"name_vi": "Không có", "name_en": "None", "doubt_reason": ""},
        {"name_vi": "doubt_reasons và mydoubt_reason", "name_en": "name_vi.", "doubt_reason": ""},
    ])
    assert said(rule_no_column_names_in_text(rows, NO_CATALOG)) == [
        ("column-name-in-text", 2, "name_vi", "doubt_reason"),
        ("column-name-in-text", 2, "name_en", "name_vi"),
        ("column-name-in-text", 5, "name_en", "name_vi"),
    ]


def test_the_longest_column_name_is_the_one_named():
    rows = table([{"note_vi": "Xem wording_doubt_reason", "note_en": "x", "doubt_reason": "",
                   "wording_doubt_reason": ""}])
    assert said(rule_no_column_names_in_text(rows, NO_CATALOG)) == [
        ("column-name-in-text", 2, "note_vi", "wording_doubt_reason")]


def test_a_column_whose_name_extends_another_is_named_in_full():
    rows = table([{"note_vi": "Xem source_id (cũ) và source_id", "note_en": "x", "source_id": "",
                   "source_id (cũ)": ""}])
    assert said(rule_no_column_names_in_text(rows, NO_CATALOG)) == [
        ("column-name-in-text", 2, "note_vi", "source_id (cũ)")]


def test_a_table_whose_columns_have_no_underscore_names_none():
    assert rule_no_column_names_in_text(table([{"name": "name", "unit": "unit"}]), NO_CATALOG) == []


# --- sources ---------------------------------------------------------------------------------------------------------
def sources(*ids: str, dataset: str = "ds") -> Context:
    return Context({dataset: {"sources": table([{"source_id": i} for i in ids], resource="sources")}})


def test_every_corroborating_source_must_be_in_the_sources_table():
    rows = table([{"corroborated_by": "gso unicef"}, {"corroborated_by": "gso  paper news"}, {"corroborated_by": ""}])
    assert said(rule_sources_known(rows, sources("gso", "unicef"))) == [
        ("source-unknown", 3, "corroborated_by", "paper"),
        ("source-unknown", 3, "corroborated_by", "news"),
    ]


def test_sources_are_looked_up_in_the_same_dataset_only():
    rows = table([{"corroborated_by": "gso"}])
    assert said(rule_sources_known(rows, sources("gso", dataset="other"))) == []  # no sources table: not checked
    assert said(rule_sources_known(rows, sources("unicef"))) == [("source-unknown", 2, "corroborated_by", "gso")]


def test_sources_are_not_checked_without_a_source_id_column_or_a_corroborated_by_column():
    no_ids = Context({"ds": {"sources": table([{"id": "gso"}], resource="sources")}})
    assert rule_sources_known(table([{"corroborated_by": "gso"}]), no_ids) == []
    assert rule_sources_known(table([{"source_id": "gso"}]), sources("unicef")) == []


# --- validity of areas -----------------------------------------------------------------------------------------------
def test_a_valid_unit_has_no_end_date_and_an_ended_one_without_a_date_says_why():
    rows = table([
        {"validity": "valid", "valid_to": "2025-06-30", "note_vi": ""},
        {"validity": "valid", "valid_to": " ", "note_vi": ""},
        {"validity": "ended", "valid_to": "", "note_vi": ""},
        {"validity": "ended", "valid_to": "", "note_vi": "Sáp nhập vào Khánh Hòa"},
        {"validity": "ended", "valid_to": "2025-06-30", "note_vi": ""},
    ])
    assert said(rule_area_validity(rows, NO_CATALOG)) == [
        ("area-validity-inconsistent", 2, "validity", "valid_to = 2025-06-30"),
        ("area-validity-inconsistent", 4, "note_vi", "validity = ended, valid_to trống"),
    ]


def test_validity_without_a_note_column_checks_the_end_date_only():
    rows = table([{"validity": "valid", "valid_to": "2025-06-30"}, {"validity": "ended", "valid_to": ""}])
    assert said(rule_area_validity(rows, NO_CATALOG)) == [
        ("area-validity-inconsistent", 2, "validity", "valid_to = 2025-06-30")]
    assert rule_area_validity(table([{"validity": "valid"}]), NO_CATALOG) == []


# --- the descriptor --------------------------------------------------------------------------------------------------
def descriptor(**texts) -> dict:
    return {"resources": [{"name": "observations", "schema": {"fields": [{"name": "area_code"}, {"name": "value"}]}}],
            **texts}


def test_the_package_title_description_and_changelog_may_not_name_a_column():
    problems = descriptor_problems("ds", descriptor(
        title="Tỷ lệ theo area_code", title_en="Rate by area_code", description="Giá trị value",
        description_en="By area_code.", changelog=[
            {"description": "Sửa area_code", "description_en": "Fixed area_code", "withdrawn": "Bỏ area_code",
             "withdrawn_en": "area_code withdrawn"},
            "not an entry", {"description": "area_code", "withdrawn_en": "Nothing"}]))
    assert [(p.dataset, p.resource, p.field, p.code, p.detail) for p in problems] == [
        ("ds", "datapackage.json", "title", "column-name-in-text", "area_code"),
        ("ds", "datapackage.json", "title_en", "column-name-in-text", "area_code"),
        ("ds", "datapackage.json", "description_en", "column-name-in-text", "area_code"),
        ("ds", "datapackage.json", "changelog[0].description", "column-name-in-text", "area_code"),
        ("ds", "datapackage.json", "changelog[0].description_en", "column-name-in-text", "area_code"),
        ("ds", "datapackage.json", "changelog[0].withdrawn", "column-name-in-text", "area_code"),
        ("ds", "datapackage.json", "changelog[0].withdrawn_en", "column-name-in-text", "area_code"),
        ("ds", "datapackage.json", "changelog[2].description", "column-name-in-text", "area_code"),
    ]


def test_names_come_from_every_resource_and_odd_descriptors_are_read_without_error():
    odd = {"resources": ["x", {"schema": "schema.json"}, {"schema": {"fields": "x"}},
                         {"schema": {"fields": ["x", {"name": 3}, {"name": "value"}]}},
                         {"schema": {"fields": [{"name": "source_id"}]}}],
           "title": "Theo source_id", "changelog": "x"}
    assert [(p.field, p.detail) for p in descriptor_problems("ds", odd)] == [("title", "source_id")]
    assert descriptor_problems("ds", {"resources": "x", "title": "source_id"}) == []
    assert descriptor_problems("ds", {"title": "source_id"}) == []
    assert descriptor_problems("ds", {"resources": [{"schema": {"fields": [{"name": "value"}]}}],
                                      "title": "value"}) == []
