"""Reports as files a manager sends: an Excel workbook (one sheet per table) or a CSV file
that Excel opens correctly, in the chosen language.

A column's kind comes from its stable name (the CSV's header in English): amounts are numbers
with a currency format (yuan, or 万 with `--units wan`), shares and rates are numbers with a
percent format, dates are dates; enumeration values and headers are named in the chosen
language. The header row is frozen and each column is as wide as its text (a Chinese
character counts two).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

MONEY = {"revenue", "revenue_12m", "year_before", "closing_value", "amount", "value",
         "weighted_value", "before", "now", "change", "previous_amount", "profit",
         "total_value", "target", "last_year", "pipeline", "weighted_pipeline", "open_value",
         "trend_amount"}
PERCENT = {"share", "cumulative_share", "rate", "change_rate", "of_company", "probability",
           "conversion", "trend", "kept_rate"}
DATES = {"date", "expected_close", "reviewed", "opened", "closed", "last_visit", "due", "since"}
NUMBERS = {"profitability", "loyalty", "score", "attractiveness"}
MAX_WIDTH = 60


@dataclass
class Sheet:
    """One table: its name in the chosen language, the stable column names, the rows, and the
    enumeration kind of columns beyond `CSV_VALUES` (column → i18n label kind)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    values: dict[str, str] = field(default_factory=dict)


def header(column: str) -> str:
    """A column's header in the chosen language (the stable name, readable, in English)."""
    from kadev.i18n import lang, t

    return t(f"csv.{column}") if lang() == "zh" else column.replace("_", " ")


def named_rows(sheet: Sheet) -> list[list[Any]]:
    """The rows with enumeration values named in the chosen language (as the CSV does)."""
    from kadev.i18n import label, lang
    from kadev.render.output import CSV_VALUES

    if lang() != "zh" and not sheet.values:
        return [list(r) for r in sheet.rows]
    kinds = (CSV_VALUES if lang() == "zh" else {}) | sheet.values
    where = [(i, kinds[c]) for i, c in enumerate(sheet.columns) if c in kinds]
    rows = []
    for row in sheet.rows:
        cells = list(row)
        for i, kind in where:
            value = cells[i]
            if value is not None and value != "":
                cells[i] = label(kind, str(value).lower() if kind == "bool" else value)
        rows.append(cells)
    return rows


def _cell(column: str, value: Any, symbol: str) -> str:
    """One cell as a reader sees it: amounts with the currency, rates as percentages."""
    from kadev.render.output import money, percent

    if value is None or value == "":
        return ""
    if column in MONEY:
        return money(float(_number(value)), symbol, 0)
    if column in PERCENT:
        return percent(float(_number(value)), 1)
    if isinstance(value, bool):
        from kadev.i18n import label

        return label("bool", "true" if value else "false")
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, float | Decimal | Fraction):
        return f"{float(value):,.4g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def display_rows(sheet: Sheet, symbol: str) -> list[list[str]]:
    """The sheet's rows as text for a screen or a page (enumerations named)."""
    return [[_cell(c, v, symbol) for c, v in zip(sheet.columns, row, strict=True)]
            for row in named_rows(sheet)]


def _number(value: Any) -> Any:
    if isinstance(value, Decimal | Fraction):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return value
    return value


def _day(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _width(value: Any) -> int:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def money_format(symbol: str, units: str) -> str:
    """Excel's number format for amounts: `¥#,##0.00`, or in 万 (ten thousands) `¥0.00万`
    (Excel scales by thousands only: `0!.0000` moves the point four places, exactly)."""
    quoted = f'"{symbol}"' if symbol else ""
    if units == "wan":
        return f'{quoted}#,##0!.0000"万";-{quoted}#,##0!.0000"万"'
    return f"{quoted}#,##0.00;-{quoted}#,##0.00"


def xlsx_bytes(sheets: Sequence[Sheet], about: Sequence[tuple[str, str]], symbol: str,
               units: str) -> bytes:
    """The workbook: one sheet per table, and a last sheet saying what the report is
    (`about`: label, value)."""
    import io

    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    from kadev.i18n import label, t

    book = Workbook()
    book.remove(book.active)
    amounts = money_format(symbol, units)
    used: set[str] = set()
    for sheet in sheets:
        name = _sheet_name(sheet.title, used)
        ws = book.create_sheet(name)
        ws.append([header(c) for c in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [_width(header(c)) for c in sheet.columns]
        formats = [amounts if c in MONEY else "0.00%" if c in PERCENT
                   else "yyyy-mm-dd" if c in DATES else None for c in sheet.columns]
        for row in named_rows(sheet):
            values = []
            for i, value in enumerate(row):
                if value is None:
                    value = None
                elif sheet.columns[i] in MONEY | PERCENT | NUMBERS:
                    value = _number(value)
                elif sheet.columns[i] in DATES:
                    value = _day(value)
                elif isinstance(value, Decimal | Fraction):
                    value = float(value)
                elif isinstance(value, bool):
                    value = label("bool", "true" if value else "false")
                values.append(value)
                if value is not None:
                    widths[i] = max(widths[i], _width(value))
            ws.append(values)
        for i, number_format in enumerate(formats):
            if number_format is None:
                continue
            for cell in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                cell[0].number_format = number_format
        for i, width in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = min(width + 2, MAX_WIDTH)
        ws.freeze_panes = "A2"
    ws = book.create_sheet(_sheet_name(t("xlsx.about"), used))
    for label_, value in about:
        ws.append([label_, value])
    ws.column_dimensions["A"].width = max((_width(a) for a, _ in about), default=10) + 2
    ws.column_dimensions["B"].width = min(max((_width(b) for _, b in about), default=10) + 2,
                                          MAX_WIDTH * 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    """At most 31 characters, none of []:*?/\\, unique in the workbook."""
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name.lower())
    return name


def csv_bytes(columns: Sequence[str], rows: Sequence[Sequence[Any]],
              values: dict[str, str] | None, encoding: str) -> bytes:
    """The CSV of `emit_csv`, in UTF-8 (with a byte-order mark in Chinese) or in GBK
    (GB 18030 for the few characters GBK lacks)."""
    import io

    from kadev.render.output import emit_csv

    buffer = io.StringIO()
    emit_csv(columns, rows, values, out=buffer)
    text = buffer.getvalue()
    if encoding == "gbk":
        return text.removeprefix("\ufeff").encode("gb18030")
    return text.encode("utf-8")
