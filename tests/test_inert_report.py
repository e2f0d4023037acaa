"""The reports are inert (issue 15, finding 4): text from data or a workbook can neither link, embed, mention nor
reference in the pull-request comment or the job summary, and can never start a workflow command in a log.

The Markdown is parsed with markdown-it-py (CommonMark with GFM tables, as GitHub reads a comment): every payload
must come out inside a code span, and nothing may become a link, an image or HTML. Mentions, #N references and bare
URLs are GitHub's own additions, applied to text outside code, so they are checked as text outside code spans.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from scripts import cli
from scripts.excel import CellProblem, Change, ImportResult, report_markdown
from scripts.inert import code, line
from scripts.problems import Problem, ValidationFailed, to_markdown

PAYLOADS = {
    "link": "[Xác minh tài khoản](https://phish.example/login)",
    "image": "![](https://phish.example/pixel.png)",
    "mentions": "@octocat @github/security-team",
    "reference": "#1",
    "bare-url": "https://phish.example/login",
    "html": "<img src=x onerror=alert(1)>",
    "cr": "ok\r::error::giả mạo",
    "newline": "ok\n::add-mask::x",
    "line-separator": "ok\u2028::warning::x",
    "backticks": "`` ` `x` ``",
    "pipe": "a|b",
}
LIVE = ("@octocat", "@github", "#1", "https://", "<img", "](", "::error", "::add-mask", "::warning")
MD = MarkdownIt("commonmark").enable("table")


def problems_with(payload: str) -> list[Problem]:
    return [Problem(dataset=payload, resource=payload, row=3, field=payload, code="type-error", detail=payload),
            Problem(dataset="observations", code="html-in-text", detail=f"'{payload}' — note")]


def import_result(payload: str) -> ImportResult:
    result = ImportResult(payload)
    result.problems = [CellProblem(f"{payload}!A2", Problem(payload, resource=payload, row=2, field=payload,
                                                            code="excel-value-unparseable", detail=payload))]
    return result


def inline_tokens(markdown: str):
    for token in MD.parse(markdown):
        assert token.type not in ("html_block",), token
        for child in token.children or []:
            yield child


def assert_inert(markdown: str, payload: str) -> None:
    spans = []
    for child in inline_tokens(markdown):
        assert child.type not in ("link_open", "image", "html_inline"), (child.type, child.content)
        if child.type == "code_inline":
            spans.append(child.content)
        elif child.type == "text":
            assert not any(live in child.content for live in LIVE), child.content
    assert line(payload) in spans  # shown, as it is, as code
    assert_one_line_each(markdown)


def assert_one_line_each(text: str) -> None:
    """No line, split wherever Python or the runner would split, starts with '::' (a workflow command)."""
    assert "\r" not in text and "\u2028" not in text
    assert not [ln for ln in text.splitlines() if ln.lstrip().startswith("::")]


@pytest.mark.parametrize("name", PAYLOADS)
def test_the_validation_report_shows_data_as_code(name):
    assert_inert(to_markdown(problems_with(PAYLOADS[name])), PAYLOADS[name])


@pytest.mark.parametrize("name", PAYLOADS)
def test_the_excel_report_shows_workbook_text_as_code(name):
    payload = PAYLOADS[name]
    assert_inert(report_markdown(import_result(payload), workbook=f"{payload}.xlsx"), payload)
    ok = ImportResult(payload, changes={payload: Change(added=1)})
    assert_inert(report_markdown(ok, workbook="a.xlsx"), payload)


def test_a_code_span_holds_the_text_exactly():
    for payload in PAYLOADS.values():
        span = [c.content for c in inline_tokens(f"| a |\n|---|\n| {code(payload)} |\n") if c.type == "code_inline"]
        assert span == [line(payload)], payload
    assert code("") == ""
    assert line("a\r\nb\u2028c\x1b[31m\u202e") == "a\\r\\nb\\u2028c\\x1b[31m\\u202e"


@pytest.mark.parametrize("name", ["cr", "newline", "line-separator", "mentions", "link"])
def test_terminal_tables_and_build_messages_keep_data_on_its_line(name, monkeypatch, capsys):
    """The tables printed to the log (validate, import, and build when it stops) and a build failure's message;
    rich never reads data as its own markup ([link=…], [bold] …)."""
    payload = PAYLOADS[name]
    cli._print_import(import_result(payload), dry_run=True)
    printed = capsys.readouterr().out
    assert "1 lỗi — không có tệp nào được ghi" in printed
    assert "[Xác" in printed or name != "link"  # shown, not swallowed as rich markup
    assert_one_line_each(printed)

    def stopped(**kwargs):
        raise ValidationFailed(problems_with(payload))
    monkeypatch.setattr("scripts.build.build_site", stopped)
    out = CliRunner().invoke(cli.main, ["build"])
    assert out.exit_code == 1 and "type-error" in out.output
    assert_one_line_each(out.output)

    from scripts.build import BuildFailed

    def failed(**kwargs):
        raise BuildFailed(f"chart of {payload}")
    monkeypatch.setattr("scripts.build.build_site", failed)
    out = CliRunner().invoke(cli.main, ["build"])
    assert out.exit_code == 1 and "chart of" in out.output
    assert_one_line_each(out.output)
