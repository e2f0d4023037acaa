"""The import's report: JSON for machines, Markdown for the pull request (inert: nothing from a cell can act)."""
from __future__ import annotations


from scripts.excel.importer import ImportResult


def report_json(result: ImportResult) -> str:
    import json

    data = {"valid": result.ok, "dataset": result.dataset, "count": len(result.problems),
            "problems": [cp.as_dict() for cp in result.problems],
            "changes": {k: vars(v) for k, v in result.changes.items()},
            "written": [str(p) for p in result.written], "ignored_sheets": result.ignored_sheets}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def report_markdown(result: ImportResult, workbook: str = "", limit: int = 200) -> str:
    """The import's part of the pull-request report: names, cells and details from the workbook as code spans
    (scripts/inert.py), so a cell cannot link, embed, mention, reference or start a line."""
    from scripts.inert import code, plain
    from scripts.problems import markdown_message

    name = f" {code(workbook, cell=False)}" if workbook else ""
    if result.ok:
        lines = [f"### ✅ Đã nhập tệp Excel{name} vào {code(result.dataset, cell=False)}", ""]
        lines += [f"- {code(k, cell=False)}: {v}" for k, v in result.changes.items()]
        return "\n".join(lines) + "\n"
    lines = [f"### ❌ Tệp Excel{name}: {len(result.problems)} lỗi, không có tệp nào được ghi", "",
             "| # | Ô | Mã lỗi | Lỗi | Cách sửa |", "|---|---|---|---|---|"]
    for i, cp in enumerate(result.problems[:limit], 1):
        lines.append(f"| {i} | {code(cp.cell or cp.problem.where())} | `{cp.problem.code}` | {markdown_message(cp.problem)} "
                     f"| {plain(cp.problem.hint)} |")
    if len(result.problems) > limit:
        lines.append(f"\n… và {len(result.problems) - limit} lỗi khác.")
    return "\n".join(lines) + "\n"
