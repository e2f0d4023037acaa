"""What staff type, normalised to what the CSV expects, never guessing (numbers, dates, booleans, text)."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal

from scripts.excel.common import FALSE_WORDS, TRUE_WORDS, TYPE_LABELS


def _float_text(v: float) -> str:
    """A float as Excel means it: 15 significant digits, no exponent, no trailing zeros."""
    s = format(Decimal(format(v, ".15g")), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


class Unparseable(ValueError):
    """A cell that cannot be read: its code and the detail in Vietnamese and English."""

    def __init__(self, code: str, detail: str, detail_en: str):
        super().__init__(detail)
        self.code, self.detail, self.detail_en = code, detail, detail_en


_A_TYPE_EN = {"number": "a number", "integer": "an integer", "date": "a date (dd/mm/yyyy)"}  # TYPE_LABELS' words
_SPACE_SEPARATORS = "\u0020\u00a0\u202f\u2009\u2007'"
_NUMBER_TEXT = re.compile(r"[0-9][0-9.,\u0020\u00a0\u202f\u2009\u2007']*")


def clean_text(value: str) -> str:
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip().strip("\u200b\ufeff").strip()


def _grouped(integer_part: str, sep: str) -> str | None:
    """'1.234.567' with sep '.' -> '1234567'; None when the groups are not thousands groups."""
    groups = integer_part.split(sep)
    if not (1 <= len(groups[0]) <= 3) or groups[0].startswith("0") or any(len(g) != 3 for g in groups[1:]):
        return None
    return "".join(groups)


def parse_number_text(text: str, integer: bool = False) -> str:
    """Typed text -> a number in the CSV's form ('12,5' -> '12.5'); the digits typed are kept as typed."""
    t = clean_text(text).replace("\u2212", "-")
    sign = ""
    if t and t[0] in "+-":
        sign, t = ("-" if t[0] == "-" else ""), t[1:].strip()
    if "%" in t:
        raise Unparseable("excel-value-unparseable", f"'{text}': bỏ dấu % (đơn vị đã ghi ở cột unit)",
                          f"'{text}': remove the % sign (the unit is given in the unit column)")
    if not _NUMBER_TEXT.fullmatch(t) or not t[-1].isdigit():
        raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số", f"'{text}' is not a number")
    spaced = {c for c in t if c in _SPACE_SEPARATORS}
    if len(spaced) > 1:
        raise Unparseable("excel-value-unparseable", f"'{text}': dấu phân cách hàng nghìn lẫn lộn",
                          f"'{text}': mixed thousands separators")
    dots, commas = t.count("."), t.count(",")
    decimal_sep = thousands = None
    if spaced:
        thousands = spaced.pop()
        if dots and commas:
            raise Unparseable("excel-value-unparseable", f"'{text}': vừa có dấu chấm vừa có dấu phẩy",
                              f"'{text}': both a dot and a comma")
        if dots + commas > 1:
            raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số", f"'{text}' is not a number")
        decimal_sep = "." if dots else "," if commas else None
    elif dots and commas:
        decimal_sep = "." if t.rfind(".") > t.rfind(",") else ","
        thousands = "," if decimal_sep == "." else "."
        if t.count(decimal_sep) > 1:
            raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số", f"'{text}' is not a number")
    elif dots > 1 or commas > 1:
        thousands = "." if dots else ","
    elif dots == 1 or commas == 1:
        sep = "." if dots else ","
        head, tail = t.split(sep)
        if len(tail) == 3 and _grouped(head, ",") is not None:  # one group before: could be thousands
            if integer:
                thousands = sep
            else:
                raise Unparseable("excel-number-ambiguous",
                                  f"'{text}' là {sign}{head}{tail} hay {sign}{head},{tail}?",
                                  f"'{text}' is {sign}{head}{tail} or {sign}{head}.{tail}?")
        else:
            decimal_sep = sep
    head, tail = (t.rsplit(decimal_sep, 1) if decimal_sep else (t, ""))
    if thousands:
        grouped = _grouped(head, thousands)
        if grouped is None:
            raise Unparseable("excel-value-unparseable", f"'{text}': nhóm hàng nghìn phải có 3 chữ số",
                              f"'{text}': a thousands group must have 3 digits")
        head = grouped
    if not head.isdigit() or (decimal_sep and not tail.isdigit()):
        raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số", f"'{text}' is not a number")
    if integer and tail:
        raise Unparseable("excel-value-unparseable", f"'{text}' không phải là số nguyên", f"'{text}' is not an integer")
    return sign + head + ("." + tail if tail else "")


def _format_decimals(number_format: str | None) -> int:
    """How many decimals a number format always shows: '0.0' -> 1, '#,##0.00;[Red]-0.00' -> 2, 'General' -> 0."""
    fmt = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", (number_format or "").split(";")[0])
    m = re.search(r"\.(0+)", fmt)
    return len(m.group(1)) if m else 0


def _is_percent(number_format: str | None) -> bool:
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format or "")


def normalise(value, ftype: str, field: dict | None = None, number_format: str | None = None,
              data_type: str | None = None) -> str:
    """One cell's value -> the CSV text for a field of type ftype, or Unparseable."""
    field = field or {}
    if value is None:
        return ""
    if data_type == "e" or (isinstance(value, str) and value in ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!",
                                                                  "#NULL!", "#GETTING_DATA") and data_type != "s"):
        raise Unparseable("excel-value-unparseable", f"ô lỗi của Excel: {value}", f"an Excel error cell: {value}")
    if isinstance(value, str):
        text = clean_text(value)
        if text == "":
            return ""
        if ftype == "number":
            return parse_number_text(text)
        if ftype == "integer":
            return parse_number_text(text, integer=True)
        if ftype == "boolean":
            return _boolean(text.lower(), field, value)
        if ftype == "date":
            return _date_text(text, field)
        return text
    if isinstance(value, bool):
        if ftype == "boolean":
            return _boolean("true" if value else "false", field, value)
        if ftype in ("number", "integer", "date"):
            raise Unparseable("excel-value-unparseable", f"{'TRUE' if value else 'FALSE'} không phải là {TYPE_LABELS[ftype]}",
                              f"{'TRUE' if value else 'FALSE'} is not {_A_TYPE_EN[ftype]}")
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        if isinstance(value, datetime):
            if value.time() != time(0, 0):
                if ftype == "date":
                    raise Unparseable("excel-value-unparseable", f"{value:%d/%m/%Y %H:%M}: chỉ ghi ngày, không ghi giờ",
                                      f"{value:%d/%m/%Y %H:%M}: write the date only, without a time")
                return value.isoformat(sep=" ")
            value = value.date()
        if ftype in ("number", "integer", "boolean"):
            raise Unparseable("excel-value-unparseable",
                              f"Excel đã hiểu ô này là ngày {value:%d/%m/%Y}; định dạng ô là số rồi gõ lại",
                              f"Excel took this cell as the date {value:%d/%m/%Y}; format the cell as a number and type "
                              f"it again")
        return _date_out(value, field)
    if isinstance(value, time):
        raise Unparseable("excel-value-unparseable", f"{value}: Excel đã hiểu ô này là giờ",
                          f"{value}: Excel took this cell as a time")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise Unparseable("excel-value-unparseable", "giá trị không phải số hữu hạn",
                              "the value is not a finite number")
        if ftype in ("number", "integer") and _is_percent(number_format):
            raise Unparseable("excel-value-unparseable",
                              f"ô định dạng phần trăm: Excel lưu {value * 100:g}% là {value:g}; bỏ định dạng % và gõ số",
                              f"a cell formatted as a percentage: Excel stores {value * 100:g}% as {value:g}; remove the % "
                              f"format and type the number")
        if ftype == "date":
            raise Unparseable("excel-value-unparseable", f"{value} là số, không phải ngày; gõ dd/mm/yyyy",
                              f"{value} is a number, not a date; type dd/mm/yyyy")
        if ftype == "boolean":
            if value in (0, 1):
                return _boolean("true" if value else "false", field, value)
            raise Unparseable("excel-value-unparseable", f"{value} không phải true/false", f"{value} is not true/false")
        text = str(value) if isinstance(value, int) else _float_text(value)
        if ftype == "integer":
            if "." in text:
                raise Unparseable("excel-value-unparseable", f"{text} không phải là số nguyên", f"{text} is not an integer")
            return text
        decimals = _format_decimals(number_format)
        have = len(text.split(".")[1]) if "." in text else 0
        if decimals > have:
            text = text + ("" if have else ".") + "0" * (decimals - have)
        return text
    return clean_text(str(value))


def _boolean(word: str, field: dict, original) -> str:
    true = (field.get("trueValues") or ["true"])[0]
    false = (field.get("falseValues") or ["false"])[0]
    if word in TRUE_WORDS:
        return true
    if word in FALSE_WORDS:
        return false
    raise Unparseable("excel-value-unparseable", f"'{original}' không phải true/false", f"'{original}' is not true/false")


def _date_out(d: date, field: dict) -> str:
    fmt = field.get("format")
    return d.strftime(fmt) if isinstance(fmt, str) and "%" in fmt else d.isoformat()


def _date_text(text: str, field: dict) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})", text)
        if not m:
            raise Unparseable("excel-value-unparseable", f"'{text}' không phải ngày dạng dd/mm/yyyy",
                              f"'{text}' is not a date in the form dd/mm/yyyy")
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    try:
        return _date_out(date(y, mo, d), field)
    except ValueError:
        raise Unparseable("excel-value-unparseable", f"'{text}': không có ngày {d} tháng {mo} năm {y}",
                          f"'{text}': there is no such date (day {d}, month {mo}, year {y})") from None


