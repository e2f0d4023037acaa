"""The security page says exactly what is checked (issue 15): every statement on docs/bao-mat.md and its English
twin is a bullet listed below with the tests that prove it. A bullet with no entry here, an entry whose test no
longer exists, or a limit on the page that differs from the code, fails.

To add a statement: write the bullet on both pages, then add a line here with a phrase from each bullet and the
tests (path::function, or case:<folder> for a case of tests/validation/cases/) that check it.
"""
from __future__ import annotations

import ast
import re
from dataclasses import fields
from functools import cache

import pytest

from scripts.excel_limits import CODES as LIMIT_CODES
from scripts.excel_limits import MIB, Limits
from scripts.paths import ROOT

PAGES = {"vi": ROOT / "docs" / "bao-mat.md", "en": ROOT / "docs" / "bao-mat.en.md"}
SAFE = "tests/test_safe_paths.py::"
CORPUS = "tests/validation/test_validation_corpus.py::"
WORKFLOWS = "tests/test_workflows.py::"
LIMITS = "tests/test_excel_limits.py::"

# (phrase of the Vietnamese bullet, phrase of the English bullet, the tests behind it)
CLAIMS = [
    ("Bất kỳ ai", "Anyone", [WORKFLOWS + "test_pull_request_workflow", WORKFLOWS + "test_deploy_workflow"]),
    ("Cán bộ cấp tỉnh", "Provincial staff",
     ["tests/test_excel.py::test_a_failing_import_writes_nothing_and_names_each_cell"]),
    ("Chỉ nhánh chính", "Only the main branch", [WORKFLOWS + "test_deploy_workflow"]),
    ("Mã của pull request chạy với quyền chỉ đọc", "A pull request's code runs with a read-only token",
     [WORKFLOWS + "test_no_job_that_runs_project_code_can_write", WORKFLOWS + "test_the_least_privilege_checks_can_fail",
      WORKFLOWS + "test_the_publishing_job_reads_only_the_report_artifact", WORKFLOWS + "test_pull_request_workflow"]),
    ("Không lưu thông tin đăng nhập", "No credentials are kept on disk",
     [WORKFLOWS + "test_every_checkout_persists_no_credentials"]),
    ("Gói và công cụ được ghim", "Packages and tools are pinned",
     [WORKFLOWS + "test_every_install_checks_hashes", WORKFLOWS + "test_every_action_is_pinned_to_a_commit"]),
    ("Không tệp nào ngoài thư mục bộ dữ liệu", "No file outside its dataset folder",
     [SAFE + "test_safe_file_refuses_every_way_out", SAFE + "test_a_readme_linked_to_git_config_is_refused",
      SAFE + "test_a_schema_linked_out_of_the_folder_leaks_none_of_its_field_names",
      CORPUS + "test_symlink_out_of_the_repository", CORPUS + "test_symlinked_dataset_folder",
      CORPUS + "test_symlinked_descriptor_out_of_the_repository",
      "tests/test_excel.py::test_import_refuses_a_symlinked_dataset_folder",
      "case:readme-symlink-out", "case:license-symlink-out", "case:schema-path-symlink-out",
      "case:dialect-path-symlink-out", "case:data-file-symlink-inside", "case:path-parent-directory",
      "case:path-absolute", "case:schema-path-inside-is-checked"]),
    ("không bao giờ tải gì từ mạng", "never fetches anything from the network",
     [CORPUS + "test_remote_references_are_never_fetched", "case:path-url-not-fetched", "case:schema-url-not-fetched",
      "case:dialect-url-not-fetched", "case:profile-url-not-fetched"]),
    ("Tệp tải về chỉ chứa những gì đã được kiểm tra", "Downloads hold only what was checked",
     [SAFE + "test_the_zip_holds_the_readme_the_validator_read",
      "tests/test_downloads.py::test_a_changed_file_after_validation_is_never_published"]),
    ("Mã hóa UTF-8 không BOM", "UTF-8 without BOM",
     ["case:csv-bom", "case:csv-windows-1258", "case:csv-text-not-nfc", CORPUS + "test_file_over_the_real_size_limit",
      "case:number-decimal-comma", "case:primary-key-duplicate", "case:foreign-key-internal"]),
    ("Không dữ liệu cá nhân của trẻ em", "No personal data about children",
     ["case:personal-data-columns", "case:personal-data-vietnamese-header", "case:small-count",
      "case:suppressed-value-present"]),
    ("Không mã độc trong văn bản", "No code in text",
     ["case:html-script-in-title", "case:html-javascript-url-in-note", "case:markdown-link-in-note",
      "case:markdown-image-in-description", "case:formula-plus-cmd", "case:formula-at-sum",
      "tests/test_injection.py::test_no_payload_becomes_markup", "tests/test_injection.py::test_chart_svgs_hold_text_only",
      "tests/test_injection.py::test_json_ld_and_feeds_stay_well_formed"]),
    ("Tệp Excel được kiểm tra trước khi đọc", "An Excel file is checked before it is read",
     [LIMITS + "test_a_declared_dimension_of_the_whole_sheet_is_refused",
      LIMITS + "test_a_cell_far_beyond_the_template_columns_is_refused",
      LIMITS + "test_more_rows_than_the_limit_are_refused_before_parsing",
      LIMITS + "test_shared_strings_over_the_limit_are_refused_before_parsing",
      LIMITS + "test_inline_strings_over_the_limit_are_refused_before_parsing",
      LIMITS + "test_too_many_parts_are_refused_before_parsing", LIMITS + "test_a_file_over_the_size_limit_is_not_opened",
      LIMITS + "test_a_part_that_understates_its_size_is_never_unpacked_past_it",
      "tests/test_security_claims.py::test_the_limits_on_the_page_are_the_limits_in_the_code"]),
    ("Nhập từ Excel đọc đủ mọi dòng hoặc từ chối", "The Excel import reads every row or refuses",
     [LIMITS + "test_rows_after_a_stale_dimension_all_arrive", LIMITS + "test_rows_openpyxl_would_skip_are_a_problem_not_a_loss",
      LIMITS + "test_rows_and_cells_without_numbers_all_arrive"]),
    ("Báo cáo không thể bị lợi dụng", "The reports cannot be abused",
     ["tests/test_inert_report.py::test_the_validation_report_shows_data_as_code",
      "tests/test_inert_report.py::test_the_excel_report_shows_workbook_text_as_code",
      "tests/test_inert_report.py::test_terminal_tables_and_build_messages_keep_data_on_its_line"]),
    ("Danh sách đầy đủ", "The full list",
     [CORPUS + "test_corpus_is_big_and_well_formed", CORPUS + "test_every_code_has_a_case",
      "tests/test_site.py::test_every_problem_code_is_documented_on_the_site"]),
    ("Không gửi yêu cầu tới bên thứ ba", "no request to any third party",
     ["tests/browser/test_requests.py::test_contacts_no_host_but_the_site",
      "tests/test_site.py::test_no_page_loads_anything_from_another_host",
      "tests/browser/test_csp.py::test_every_page_has_the_policy_and_no_inline_script",
      "tests/browser/test_csp.py::test_injected_inline_script_is_blocked", "tests/browser/test_csp.py::test_site_script_cannot_eval"]),
    ("Không thu thập thông tin người xem", "collects nothing about its readers",
     ["tests/browser/test_requests.py::test_contacts_no_host_but_the_site",
      "tests/test_site.py::test_no_page_loads_anything_from_another_host"]),
    ("Không công bố nửa chừng", "never half-publishes",
     ["tests/test_build.py::test_bad_data_publishes_nothing_and_keeps_the_previous_site",
      "tests/test_build.py::test_a_failing_mkdocs_build_keeps_the_previous_site",
      "tests/test_build.py::test_a_build_killed_at_any_stage_leaves_the_previous_site_complete"]),
    ("Không âm thầm thay đổi số liệu", "never silently changes a number",
     ["tests/test_downloads.py::test_published_csvs_are_the_validated_bytes_and_match_the_published_datapackage",
      "tests/test_excel.py::test_a_failing_import_writes_nothing_and_names_each_cell",
      "tests/test_excel.py::test_values_typed_the_way_staff_type_them_arrive_as_the_csv_expects"]),
    ("Hai lần dựng cùng một phiên bản", "Two builds of the same version",
     ["tests/test_build.py::test_two_builds_of_the_same_sources_are_byte_identical",
      "tests/test_downloads.py::test_downloads_are_reproducible"]),
]


def bullets(lang: str) -> list[str]:
    """Every list item of the page, joined onto one line."""
    items, current = [], None
    for line in PAGES[lang].read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            current = line[2:]
            items.append(current)
        elif line.startswith("  ") and items and current is not None:
            items[-1] += " " + line.strip()
        else:
            current = None
    return items


@cache
def functions(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def exists(test: str) -> bool:
    if test.startswith("case:"):
        return (ROOT / "tests" / "validation" / "cases" / test[5:] / "expected.json").is_file()
    path, _, name = test.partition("::")
    return (ROOT / path).is_file() and name in functions(path)


@pytest.mark.parametrize("lang", PAGES)
def test_every_statement_on_the_security_page_has_its_tests(lang):
    column = 0 if lang == "vi" else 1
    items = bullets(lang)
    assert len(items) >= len(CLAIMS)
    unclaimed = [b for b in items if sum(c[column] in b for c in CLAIMS) != 1]
    assert not unclaimed, f"statements with no entry (or several) in CLAIMS: {unclaimed}"
    absent = [c[column] for c in CLAIMS if sum(c[column] in b for b in items) != 1]
    assert not absent, f"entries of CLAIMS whose statement is not on the page (once): {absent}"


def test_every_test_named_exists():
    missing = [t for c in CLAIMS for t in c[2] if not exists(t)]
    assert not missing, f"tests named in CLAIMS that do not exist: {missing}"
    assert all(c[2] for c in CLAIMS)


def test_the_claims_check_can_fail():
    assert not exists("tests/test_safe_paths.py::test_that_does_not_exist")
    assert not exists("case:no-such-case")
    assert sum("Không tệp nào ngoài thư mục bộ dữ liệu" in b for b in bullets("vi")) == 1


def _vi(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _limit_texts(limits: Limits, lang: str) -> dict[str, str]:
    number = _vi if lang == "vi" else (lambda n: f"{n:,}")
    times = {"vi": "lần", "en": "times"}[lang]
    return {"file_bytes": f"{limits.file_bytes // MIB} MiB", "parts": number(limits.parts),
            "unpacked_bytes": f"{limits.unpacked_bytes // MIB} MiB", "ratio": f"{limits.ratio} {times}",
            "shared_strings_bytes": f"{limits.shared_strings_bytes // MIB} MiB", "rows": number(limits.rows),
            "extra_columns": f"{limits.extra_columns} "}


@pytest.mark.parametrize("lang", PAGES)
def test_the_limits_on_the_page_are_the_limits_in_the_code(lang):
    column = 0 if lang == "vi" else 1
    phrase = next(c[column] for c in CLAIMS if c[0] == "Tệp Excel được kiểm tra trước khi đọc")
    bullet = next(b for b in bullets(lang) if phrase in b)
    for name, text in _limit_texts(Limits(), lang).items():
        assert text in bullet, (name, text)


def test_contributing_lists_every_limit_with_its_setting_value_and_code():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = {line for line in text.splitlines() if line.startswith("| `")}
    values = _limit_texts(Limits(), "vi")
    assert {f.name for f in fields(Limits)} == set(LIMIT_CODES)
    for f in fields(Limits):
        row = next((r for r in rows if f"`{f.name}`" in r), None)
        assert row is not None, f"CONTRIBUTING.md has no row for the limit {f.name}"
        assert values[f.name].strip() in row and f"`{LIMIT_CODES[f.name]}`" in row, row
    assert re.search(r"scripts/excel_limits\.py", text)
