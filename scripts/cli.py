"""Command line: a thin layer. Each command calls one function and turns problems into readable output."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from scripts.problems import Problem, ValidationFailed, to_json, to_markdown


def print_problems(problems: list[Problem], fmt: str = "table") -> None:
    if fmt == "json":
        click.echo(to_json(problems))
        return
    if fmt == "markdown":
        click.echo(to_markdown(problems))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=False, soft_wrap=False)
    if not problems:
        console.print("[green]✓ Dữ liệu hợp lệ: không có lỗi nào.[/green]")
        return
    table = Table(title=f"{len(problems)} lỗi cần sửa — không có gì được công bố", show_lines=True, expand=True)
    for col in ("Mã lỗi", "Vị trí", "Lỗi", "Cách sửa"):
        table.add_column(col, overflow="fold")
    for p in problems:
        table.add_row(p.code, p.where(), p.message, p.hint, style=None)
    console.print(table)


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
                             show_default=True, help="table cho người đọc, json cho máy, markdown cho pull request.")
min_count_option = click.option("--min-count", default=5, show_default=True,
                                help="Ngưỡng số nhỏ: số ca dưới ngưỡng phải được ẩn (suppressed).")


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="In thông tin chẩn đoán ra stderr.")
def main(verbose: bool) -> None:
    """Dữ liệu mở Chương trình hành động vì trẻ em — Ninh Thuận (nay thuộc Khánh Hòa)."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@format_option
@min_count_option
def validate(folders: tuple[Path, ...], fmt: str, min_count: int) -> None:
    """Kiểm tra các bộ dữ liệu (mặc định: mọi thư mục trong datasets/). Thoát với mã 1 nếu có lỗi."""
    from scripts.validate import validate_datasets

    result = validate_datasets(list(folders) or None, min_count=min_count)
    print_problems(result.problems, fmt)
    sys.exit(1 if result.problems else 0)


@main.command()
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, help="Thư mục đích (mặc định: site/).")
@min_count_option
def build(site_dir: Path | None, min_count: int) -> None:
    """Kiểm tra, sinh trang và biểu đồ, rồi dựng trang web vào site/ (chỉ thay site/ khi mọi bước thành công)."""
    from scripts.build import BuildFailed, build_site

    try:
        out = build_site(site_dir=site_dir, min_count=min_count)
    except ValidationFailed as exc:
        print_problems(exc.problems)
        click.echo("Không dựng trang: dữ liệu có lỗi. Trang web cũ (nếu có) được giữ nguyên.", err=True)
        sys.exit(1)
    except BuildFailed as exc:
        click.echo(f"Dựng trang thất bại: {exc}\nTrang web cũ (nếu có) được giữ nguyên.", err=True)
        sys.exit(1)
    click.echo(f"Đã dựng trang web vào {out}")
