"""Command line: a thin layer. Each command calls one function and turns problems into readable output."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from scripts import routes
from scripts.i18n import CLI_TEXT as TEXT  # what the command line says, in both languages (--lang)
from scripts.inert import line
from scripts.problems import Problem, ValidationFailed, to_json, to_markdown


def _one_line(text: object) -> str:
    """A value on one line of a log: line breaks and other control characters shown, never acted on (a CR or a
    newline from a dataset could otherwise start a line of its own, such as a CI workflow command): inert.line."""
    return line(text)


def default_lang(environ=None) -> str:
    """English when the environment's locale is English (LC_ALL, LC_MESSAGES, LANG, in that order), else Vietnamese."""
    import os

    environ = os.environ if environ is None else environ
    locale = next((environ[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(k)), "")
    return "en" if locale.lower().startswith("en") else "vi"


def lang() -> str:
    """The language chosen for this run (--lang, else the locale)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return (root.obj or {}).get("lang", default_lang()) if root else default_lang()


def say(key: str, **values) -> str:
    return TEXT[key][lang()].format(**values)


def problem_blocks(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """The plain layout, for logs and pipes: a block of lines per problem, the code first and whole, nothing wrapped
    (a CI log or a pager wraps long lines itself, a code cut in two cannot be searched for)."""
    labels = (say("where"), say("problem"), say("fix"))
    width = max(len(label) for label in labels) + 1
    lines = []
    for number, (code, where, message, hint) in enumerate(rows, 1):
        lines.append(f"[{number}] {code}")
        lines += [f"    {label + ':':<{width}} {_one_line(value)}" for label, value in zip(labels, (where, message, hint))]
        lines.append("")
    return lines


def _print_rows(title: str, rows: list[tuple[str, str, str, str]], where_label: str = "") -> None:
    """Problems for a person: a table on a wide terminal; blocks on a narrow one (rich wraps them at spaces) and,
    without any styling, when stdout is not a terminal (CI logs, pipes)."""
    where_label = where_label or say("where")
    if not sys.stdout.isatty():
        click.echo("\n".join([title, ""] + problem_blocks(rows)).rstrip("\n"))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text  # data as Text: never read as rich markup

    console = Console(soft_wrap=False)
    if console.width >= 120:
        table = Table(title=title, show_lines=True, expand=True)
        table.add_column(say("code"), no_wrap=True, min_width=max(len(r[0]) for r in rows))  # a code is never cut
        for col in (where_label, say("problem"), say("fix")):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(Text(_one_line(v)) for v in row))
        console.print(table)
        return
    from rich.padding import Padding

    console.print(f"[bold]{escape(title)}[/bold]\n")
    for number, (code, where, message, hint) in enumerate(rows, 1):
        console.print(Text(f"[{number}] {_one_line(code)}", style="bold red"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(overflow="fold")  # wrapped at spaces, under its own column
        for label, value in zip((where_label, say("problem"), say("fix")), (where, message, hint)):
            grid.add_row(f"{label}:", Text(_one_line(value)))
        console.print(Padding(grid, (0, 0, 1, 4)))


def print_problems(problems: list[Problem], fmt: str = "table") -> None:
    if fmt == "json":
        click.echo(to_json(problems))
        return
    if fmt == "markdown":
        click.echo(to_markdown(problems))
        return
    if not problems:
        click.echo(say("valid"))
        return
    language = lang()
    _print_rows(say("to_fix", n=len(problems)),
                [(p.code, p.where(language), p.message_in(language), p.hint_in(language)) for p in problems])


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
                             show_default=True, help="table cho người đọc, json cho máy, markdown cho pull request.")
min_count_option = click.option("--min-count", default=5, show_default=True,
                                help="Ngưỡng số nhỏ: số ca dưới ngưỡng phải được ẩn (suppressed).")


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="In thông tin chẩn đoán ra stderr.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Ngôn ngữ của thông báo: vi hoặc en (mặc định theo locale của máy, tiếng Việt nếu không phải "
                   "tiếng Anh). / Language of the messages.")
@click.pass_context
def main(ctx: click.Context, verbose: bool, lang: str | None) -> None:
    """Dữ liệu mở Chương trình hành động vì trẻ em — Ninh Thuận (nay thuộc Khánh Hòa)."""
    ctx.obj = {"lang": lang or default_lang()}
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@format_option
@min_count_option
@click.option("--base", default=None, metavar="GIT_REF",
              help="So với nhánh/commit này (ví dụ origin/main): bộ dữ liệu đổi dữ liệu hoặc lược đồ phải tăng version "
                   "và có dòng changelog.")
def validate(folders: tuple[Path, ...], fmt: str, min_count: int, base: str | None) -> None:
    """Kiểm tra các bộ dữ liệu (mặc định: mọi thư mục trong datasets/). Thoát với mã 1 nếu có lỗi.

    Mỗi FOLDERS là một thư mục bộ dữ liệu, một thư mục chứa nhiều bộ dữ liệu, hoặc một tệp ZIP tải từ trang web
    (all-data.zip hay ZIP của một bộ); các bộ được kiểm tra cùng nhau để tham chiếu giữa chúng được giải quyết."""
    from scripts.validate import validate_datasets, validate_paths

    result = validate_paths(list(folders), min_count=min_count) if folders else validate_datasets(min_count=min_count)
    problems = result.problems
    if base:
        from scripts.problems import sort_key
        from scripts.validate.versioning import check_versions

        problems = sorted(set(problems) | set(check_versions(base, list(folders) or None)), key=sort_key)
    print_problems(problems, fmt)
    if base and fmt == "markdown":  # issue 20: what the pull request changes, per indicator, in the site's words
        from scripts.release_pages import pr_changes

        report = pr_changes(base, list(folders) or None, result.datasets)
        if report:
            click.echo("\n" + report, nl=False)
    sys.exit(1 if problems else 0)


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, help="Thư mục đích (mặc định: site/).")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Dựng một bản sao khác của dự án (mặc định: kho này).")
@click.option("--engine", type=click.Choice(["mkdocs", "properdocs"]), default=None,
              help="Công cụ dựng trang: mkdocs (mặc định) hoặc properdocs; mặc định lấy từ biến môi trường SITE_ENGINE.")
@min_count_option
def build(site_dir: Path | None, root: Path | None, engine: str | None, min_count: int) -> None:
    """Kiểm tra, sinh trang và biểu đồ, rồi dựng trang web vào site/ (chỉ thay site/ khi mọi bước thành công)."""
    from scripts.build import BuildFailed, build_site

    try:
        out = build_site(site_dir=site_dir, min_count=min_count, engine_name=engine,
                         **({"root": root.resolve()} if root else {}))
    except ValidationFailed as exc:
        print_problems(exc.problems)
        click.echo(say("not_built"), err=True)
        sys.exit(1)
    except BuildFailed as exc:
        from scripts.inert import line

        click.echo(say("build_failed", error=line(exc)), err=True)
        sys.exit(1)
    click.echo(say("built", out=out))


# --- Excel round trip and new datasets ------------------------------------------------------------------------------
@main.command()
@click.argument("dataset")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Tệp .xlsx cần ghi (mặc định: .build/{routes.TEMPLATES}/<bộ dữ liệu>.xlsx trong kho).")
def template(dataset: str, output: Path | None) -> None:
    """Tạo mẫu Excel của một bộ dữ liệu: mỗi bảng một trang tính, có sẵn dữ liệu hiện có và trang Hướng dẫn."""
    from scripts.excel import write_template
    from scripts.paths import ROOT

    out = output or ROOT / ".build" / routes.TEMPLATES / f"{dataset}.xlsx"
    problems = write_template(dataset, out)
    if problems:
        print_problems(problems)
        sys.exit(1)
    click.echo(say("template_written", out=out))


@main.command(name="import")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dataset", default=None, help="Tên bộ dữ liệu (mặc định: đọc từ mẫu hoặc từ tên các trang tính).")
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra, không ghi tệp nào.")
@format_option
@min_count_option
def import_workbook(workbook: Path, dataset: str | None, dry_run: bool, fmt: str, min_count: int) -> None:
    """Nhập tệp Excel đã điền: chuẩn hóa, kiểm tra, và chỉ khi hợp lệ mới thay các tệp CSV của bộ dữ liệu."""
    from scripts import excel

    result = excel.import_workbook(workbook, dataset, min_count=min_count, write=not dry_run)
    if fmt == "json":
        click.echo(excel.report_json(result), nl=False)
    elif fmt == "markdown":
        click.echo(excel.report_markdown(result, workbook.name), nl=False)
    else:
        _print_import(result, dry_run)
    sys.exit(1 if result.problems else 0)


def _print_import(result, dry_run: bool) -> None:
    if result.problems:
        language = lang()
        _print_rows(say("import_failed", n=len(result.problems)),
                    [(cp.problem.code, cp.cell or cp.problem.where(language), cp.problem.message_in(language),
                      cp.problem.hint_in(language)) for cp in result.problems], where_label=say("cell"))
        return
    for name, change in result.changes.items():
        click.echo(f"{line(name)}: {change}")
    if result.ignored_sheets:
        click.echo(say("ignored_sheets") + ", ".join(map(line, result.ignored_sheets)))
    if result.preexisting:
        click.echo(say("preexisting", n=len(result.preexisting)))
    if dry_run:
        click.echo(say("dry_run"))
    elif result.written:
        click.echo(say("written") + ", ".join(str(p) for p in result.written))
    else:
        click.echo(say("unchanged"))


@main.command(name="new-dataset")
@click.argument("name")
def new_dataset(name: str) -> None:
    """Tạo thư mục bộ dữ liệu mới (datapackage.json, README.md, data/<tên>.csv) để điền tiếp."""
    from scripts.scaffold import NEXT_STEPS, create_dataset

    folder, problems = create_dataset(name)
    if problems:
        print_problems(problems)
        sys.exit(1)
    click.echo(f"Đã tạo {folder}\n{NEXT_STEPS}")
