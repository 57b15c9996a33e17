"""Excel workbooks for people: styled headers, frozen panes, filters, widths, number formats.

A sheet is a list of blocks written top to bottom: a heading, label/value pairs, or a table. A
sheet holding one table gets its header row frozen and an auto-filter. Every sheet prints on A4
landscape, fitted to the page's width, its table's header row repeated on every page, with page
numbers in the footer. NIPs and other identifiers
are written as text (never numbers: Excel would show 1.99E+17 and lose digits); numbers keep their
value with a display format; enumerations are written as their labels in the report's language.

Every text is written as a string cell, never as a formula: openpyxl turns a string that starts
with ``=`` into a formula, so such cells are set back to the string type (a name typed as
``=HYPERLINK(...)`` stays that text). Characters no workbook may hold (the readers refuse them
first) are dropped rather than ending the write.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mutasi_opt.report.labels import Language, label, value_label
from mutasi_opt.report.present import Cell, as_text
from mutasi_opt.report.stamp import restamp_zip
from mutasi_opt.textsafe import has_control_character, strip_control_characters

__all__ = ["Block", "Sheet", "write_workbook"]

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE_FONT = Font(bold=True, size=14, color="1F4E79")
HEADING_FONT = Font(bold=True, size=11, color="1F4E79")
KEY_FONT = Font(bold=True)

# Formats set cell by cell cost time at save: only where the default display would mislead
# (decimals, shares, dates) or where a retyped identifier must stay text.
NUMBER_FORMATS: dict[str, str] = {
    "num1": "#,##0.0",
    "num2": "#,##0.00",
    "num4": "0.0000",
    "pct": "0.0%",
    "date": "yyyy-mm-dd",
    "code": "@",
}


@dataclass(frozen=True)
class Block:
    """One part of a sheet: ``kind`` is ``"title"``, ``"heading"``, ``"pairs"`` or ``"table"``.

    Attributes
    ----------
    kind
        What the block is.
    text
        The title or heading text.
    pairs
        Label/value pairs (``"pairs"``); a pair may carry a third item, the value's kind
        (``int``, ``num1``, ``pct``, ...: the number is kept a number with that format), and a
        fourth, a detail written beside it.
    frame, columns
        The table's data and its columns with how to show each (``"table"``).
    """

    kind: str
    text: str = ""
    pairs: Sequence[tuple[Any, ...]] = ()
    frame: pd.DataFrame | None = None
    columns: Mapping[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class Sheet:
    """A named sheet made of blocks."""

    name: str
    blocks: Sequence[Block]


def _clean(text: str) -> str:
    return strip_control_characters(text) if has_control_character(text) else text


def _is_formula_text(value: Any) -> bool:
    """A string openpyxl would store as a formula."""
    return isinstance(value, str) and len(value) > 1 and value.startswith("=")


def _put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write one cell; a text stays a text (see the module docstring)."""
    if isinstance(value, str):
        value = _clean(value)
    cell = ws.cell(row=row, column=column, value=value)
    if _is_formula_text(value):
        cell.data_type = "s"
    return cell


def _python(value: Any, kind: Cell, language: Language) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if kind in ("text", "code"):
        return as_text(value)
    if kind == "int":
        return int(value)
    if kind in ("num1", "num2", "num4", "pct"):
        return float(value)
    if kind == "bool":
        return value_label("bool", "true" if bool(value) else "false", language)
    if kind == "date":
        stamp = pd.Timestamp(value)
        return dt.date(stamp.year, stamp.month, stamp.day)
    return value_label(kind, value, language)


def _width(values: Sequence[Any], header: str) -> float:
    longest = max([len(header), *(len(str(v)) for v in values[:300] if v is not None)])
    return float(min(max(longest + 2, 8), 60))


def _write_table(ws: Worksheet, row: int, block: Block, language: Language, alone: bool) -> int:
    frame = block.frame if block.frame is not None else pd.DataFrame()
    columns = list(block.columns)
    header_row = row
    for c, name in enumerate(columns, start=1):
        cell = _put(ws, row, c, label(name, language))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    data: list[list[Any]] = []
    for name in columns:
        kind = block.columns[name]
        source = frame[name].tolist() if name in frame.columns else [None] * len(frame)
        values = [_python(v, kind, language) for v in source]
        data.append([_clean(v) if isinstance(v, str) else v for v in values])
    # The header is the sheet's last row, so appending puts the data right under it (much faster
    # than addressing every cell).
    if ws.max_row == row:
        for row_values in zip(*data, strict=True):
            ws.append(row_values)
    else:
        for offset in range(len(frame)):
            for c, column_values in enumerate(data, start=1):
                ws.cell(row=row + 1 + offset, column=c, value=column_values[offset])
    for c, column_values in enumerate(data, start=1):
        for offset, value in enumerate(column_values):
            if _is_formula_text(value):
                ws.cell(row=row + 1 + offset, column=c).data_type = "s"
    for c, name in enumerate(columns, start=1):
        kind = block.columns[name]
        fmt = NUMBER_FORMATS.get(kind)
        if fmt is not None and len(frame):
            for (cell,) in ws.iter_rows(
                min_row=row + 1, max_row=row + len(frame), min_col=c, max_col=c
            ):
                cell.number_format = fmt
        letter = get_column_letter(c)
        width = _width(data[c - 1], label(name, language))
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(width, current)
    end = row + len(frame)
    if alone and columns:
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        ws.auto_filter.ref = (
            f"A{header_row}:{get_column_letter(len(columns))}{max(end, header_row)}"
        )
    return end + 2


def _print_setup(ws: Worksheet, title_row: int | None) -> None:
    """A4 landscape, every column on the page's width, the table's header row repeated on every
    page, page numbers (and the sheet's name) in the footer."""
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "&P / &N"


def _write_sheet(ws: Worksheet, sheet: Sheet, language: Language) -> None:
    tables = sum(1 for b in sheet.blocks if b.kind == "table")
    row = 1
    title_row: int | None = None
    for block in sheet.blocks:
        if block.kind == "title":
            _put(ws, row, 1, block.text).font = TITLE_FONT
            row += 2
        elif block.kind == "heading":
            _put(ws, row, 1, block.text).font = HEADING_FONT
            row += 1
        elif block.kind == "pairs":
            for pair in block.pairs:
                key, value = pair[0], pair[1]
                _put(ws, row, 1, key).font = KEY_FONT
                cell = _put(ws, row, 2, value)
                if len(pair) > 2:
                    # (label, number, kind[, detail]): a number kept a number, with its format.
                    fmt = NUMBER_FORMATS.get(pair[2]) or ("#,##0" if pair[2] == "int" else None)
                    if fmt is not None and isinstance(value, int | float):
                        cell.number_format = fmt
                    cell.alignment = Alignment(horizontal="right")
                    if len(pair) > 3 and pair[3]:
                        _put(ws, row, 3, pair[3])
                row += 1
            ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 34)
            ws.column_dimensions["B"].width = max(ws.column_dimensions["B"].width or 0, 40)
            row += 1
        elif block.kind == "table":
            if title_row is None and tables == 1:
                title_row = row
            row = _write_table(
                ws, row, block, language, alone=tables == 1 and len(sheet.blocks) == 1
            )
        else:
            raise ValueError(f"unknown block kind {block.kind!r}")
    _print_setup(ws, title_row)


def write_workbook(
    path: Path,
    sheets: Sequence[Sheet],
    language: Language,
    *,
    title: str = "",
    created_at: dt.datetime | None = None,
) -> None:
    """Write the sheets, in order, to an XLSX file.

    Parameters
    ----------
    path
        Target file.
    sheets
        The sheets (names at most 31 characters, unique).
    language
        Headers and labels.
    title
        Document title stored in the workbook's properties.
    created_at
        The workbook's creation time, and the date of every member of the file (so the same
        plan gives the same bytes); default: now.
    """
    wb = Workbook()
    default = wb.active
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.name[:31])
        _write_sheet(ws, sheet, language)
    if default is not None:
        wb.remove(default)
    wb.properties.creator = "mutasi-opt"
    wb.properties.title = _clean(title) or None
    if created_at is not None:
        wb.properties.created = created_at.replace(tzinfo=None)
        wb.properties.modified = created_at.replace(tzinfo=None)
    wb.save(path)
    if created_at is not None:
        restamp_zip(path, created_at)
