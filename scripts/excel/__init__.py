"""Excel round trip: a template for a dataset, and the import of a filled template back into its CSV files.

    python -m scripts template observations -o observations.xlsx
    python -m scripts import observations.xlsx

Template layout (what import relies on, so it stays unambiguous):

* sheet "Hướng dẫn" first: how to fill the workbook, the privacy rules, and every column explained;
* one sheet per resource, named like the resource (cut to Excel's 31 characters);
  row 1 holds the schema's field names, exactly, and nothing else: the Vietnamese title and description of each
  column are the header cell's comment and are repeated on "Hướng dẫn", so no second header row can be mistaken
  for data; every row from 2 on is one record, blank rows are ignored;
* a hidden sheet "_danh_muc" with the lists behind the drop-downs (enum values, and codes from other datasets);
* workbook property "identifier" = the dataset's name (import uses it when --dataset is not given);
* fixed workbook dates and zip timestamps, so the same dataset always gives the same bytes.

Import reads what staff type and normalises it, never guessing:

* numbers: "12,5" and "12.5" are 12.5; spaces or several separators of one kind group thousands
  ("590 467", "1.234.567", "1.234,5"); a single "." or "," followed by exactly three digits ("590.467", "1,250") can be
  thousands or decimals and is reported (excel-number-ambiguous), except in integer fields, which have no decimals;
  a number cell is written as Excel stores it, to 15 significant digits (Excel's precision, so 0.30000000000000004
  from a formula is 0.3), padded with zeros to the decimals its number format shows ("25.0" stays "25.0");
  an integer-valued number in an integer field is written without ".0"; a cell formatted as % is reported;
* dates: Excel dates, "dd/mm/yyyy" (also with "-" or "."; day first, always) and "yyyy-mm-dd" become ISO dates;
* booleans: TRUE/FALSE cells, true/false, đúng/sai, có/không, 1/0;
* text: NFC, line breaks as LF, spaces at both ends removed.

Before openpyxl parses anything, the workbook is checked against limits (scripts/excel_limits.py: file size, parts,
unpacked size, compression ratio, shared strings, rows, columns beyond the template's). Every row is read whatever
range the file declares, and the rows read are compared with the sheet's real extent: every row arrives, or the
import refuses. A dataset folder that is a symbolic link is refused (it would be written wherever it points).

Nothing is written until the result passes validation: the candidate CSV files are written into a temporary copy of
every dataset and validated there; problems are mapped back to the cell they come from ("observations!G5").
Only resources whose rows changed are rewritten (UTF-8 without BOM, LF, minimal quoting, the schema's column order),
each through a temporary file and os.replace.

The package holds the four jobs apart: `template.py` writes the workbook, `normalise.py` turns what staff type into
what the CSV expects, `importer.py` reads a filled workbook back and writes the CSV files, `report.py` says what
happened (JSON, and the pull request's Markdown); `common.py` is what they share (sheet names, cell addresses, a
dataset read as it is).
"""
from __future__ import annotations

from scripts.excel.common import INSTRUCTIONS, LISTS, cell_address, sheet_name
from scripts.excel.importer import CellProblem, Change, ImportResult, import_workbook
from scripts.excel.normalise import Unparseable, clean_text, normalise, parse_number_text
from scripts.excel.report import report_json, report_markdown
from scripts.excel.template import _FixedZip, build_template, write_template

__all__ = ["INSTRUCTIONS", "LISTS", "CellProblem", "Change", "ImportResult", "Unparseable", "_FixedZip",
           "build_template", "cell_address", "clean_text", "import_workbook", "normalise", "parse_number_text",
           "report_json", "report_markdown", "sheet_name", "write_template"]
