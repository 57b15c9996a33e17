"""Excel workbooks for people: styled headers, frozen panes, filters, widths, number formats.

A sheet is a list of blocks written top to bottom: a heading, label/value pairs, or a table. A
sheet holding one table gets its header row frozen and an auto-filter. Every sheet prints on A4
landscape, fitted to the page's width, its table's header row repeated on every page, with page
numbers in the footer. NIPs and other identifiers
are written as text (never numbers: Excel would show 1.99E+17 and lose digits); numbers keep their
value with a display format; enumerations are written as their labels in the report's language.

The workbook is streamed: XlsxWriter's ``constant_memory`` mode writes each row to disk when the
next begins, and a table's values are converted :data:`ROWS_AT_ONCE` rows at a time, so a plan of
100,000 people never holds its workbook's cells (openpyxl's workbook held about 7 million cell
objects and took minutes). Everything a sheet needs before its rows (column widths from a table's
first :data:`WIDTH_SAMPLE` values, the frozen pane, the filter's range, the print titles) is laid
out from the blocks first. A table longer than a worksheet continues on sheets named
``<name> (2)``, ``<name> (3)``, ...

Every text is written as a string cell, never as a formula, a link or a number
(``write_string``: a name typed as ``=HYPERLINK(...)`` stays that text). Characters no workbook may hold (the readers refuse them
first) are dropped rather than ending the write; a text longer than Excel's 32,767 characters per
cell is cut there (Excel refuses a longer one).
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mutasi_opt.report.labels import Language, label, value_label
from mutasi_opt.report.present import Cell, as_text
from mutasi_opt.textsafe import has_control_character, strip_control_characters
from mutasi_opt.zipstamp import stamp_zip_entries

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

__all__ = [
    "ROWS_AT_ONCE",
    "SHEET_ROWS",
    "WIDTH_SAMPLE",
    "Block",
    "Sheet",
    "open_workbook",
    "write_workbook",
]

# Rows of a table converted to cell values at a time (the rest of the table stays in its frame).
ROWS_AT_ONCE = 20_000
# A column's width follows its header and its first values (the rows a reader sees first).
WIDTH_SAMPLE = 300
# Rows of a worksheet (Excel's limit; XlsxWriter ignores a row past it): a longer table continues
# on a next sheet.
SHEET_ROWS = 1_048_576
# XlsxWriter's default column width, the least a column laid out here gets (as openpyxl's
# column dimensions did).
DEFAULT_WIDTH = 13.0

BLUE = "#1F4E79"
HEADER_STYLE: dict[str, Any] = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": BLUE,
    "pattern": 1,
    "text_wrap": True,
    "valign": "vcenter",
}
TITLE_STYLE: dict[str, Any] = {"bold": True, "font_size": 14, "font_color": BLUE}
HEADING_STYLE: dict[str, Any] = {"bold": True, "font_size": 11, "font_color": BLUE}
KEY_STYLE: dict[str, Any] = {"bold": True}

# Formats only where the default display would mislead (decimals, shares, dates) or where a
# retyped identifier must stay text.
NUMBER_FORMATS: dict[str, str] = {
    "num1": "#,##0.0",
    "num2": "#,##0.00",
    "num4": "0.0000",
    "pct": "0.0%",
    "date": "yyyy-mm-dd",
    "code": "@",
}
# A figure among label/value pairs that has a kind but no table format (counts).
PAIR_INT_FORMAT = "#,##0"


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
    longest = max([len(header), *(len(str(v)) for v in values[:WIDTH_SAMPLE] if v is not None)])
    return float(min(max(longest + 2, 8), 60))


class _Styles:
    """The workbook's formats, each made once (XlsxWriter keeps one record per format)."""

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self.header = book.add_format(HEADER_STYLE)
        self.title = book.add_format(TITLE_STYLE)
        self.heading = book.add_format(HEADING_STYLE)
        self.key = book.add_format(KEY_STYLE)
        self.number = {
            kind: book.add_format({"num_format": f}) for kind, f in NUMBER_FORMATS.items()
        }
        self._figures: dict[str, Format] = {}

    def figure(self, kind: str, numeric: bool) -> Format:
        """A pair's value with a kind: right-aligned, a number with the kind's format."""
        fmt = (
            (NUMBER_FORMATS.get(kind) or (PAIR_INT_FORMAT if kind == "int" else ""))
            if numeric
            else ""
        )
        if fmt not in self._figures:
            style: dict[str, Any] = {"align": "right"}
            if fmt:
                style["num_format"] = fmt
            self._figures[fmt] = self._book.add_format(style)
        return self._figures[fmt]


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _put(
    ws: Worksheet, styles: _Styles, row: int, column: int, value: Any, fmt: Format | None = None
) -> None:
    """Write one value at the 0-based ``row`` and ``column``; a text stays a text."""
    if value is None:
        return
    if isinstance(value, str):
        if value:
            ws.write_string(row, column, _clean(value), fmt)
    elif isinstance(value, bool | np.bool_):
        ws.write_boolean(row, column, bool(value), fmt)
    elif _is_number(value):
        number = float(value)
        if math.isfinite(number):
            ws.write_number(row, column, number, fmt)
        else:
            ws.write_string(row, column, str(number), fmt)
    elif isinstance(value, dt.datetime | dt.date):
        ws.write_datetime(row, column, value, fmt or styles.number["date"])
    else:
        ws.write_string(row, column, _clean(str(value)), fmt)


def _cells(
    frame: pd.DataFrame, name: str, kind: Cell, language: Language, rows: slice
) -> list[Any]:
    """The cell values of one column over ``rows``, missing ones None."""
    part = frame[name].iloc[rows] if name in frame.columns else None
    if part is None:
        return [None] * len(range(*rows.indices(len(frame))))
    return [_python(v, kind, language) for v in part.tolist()]


@dataclass(frozen=True)
class _Placed:
    """A block on its sheet: its first row (0-based; a table's header row), and a table's frame
    and columns."""

    row: int
    block: Block
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    columns: tuple[str, ...] = ()


def _lay_out(ws: Worksheet, sheet: Sheet, language: Language) -> list[_Placed]:
    """Place the sheet's blocks, and set what XlsxWriter writes before the rows: the column
    widths, the pane and the filter of a table alone, the print titles of a sheet's only table."""
    tables = sum(1 for b in sheet.blocks if b.kind == "table")
    widths: dict[int, float] = {}
    placed: list[_Placed] = []
    row = used = 0  # the next block's row; the rows holding something
    for block in sheet.blocks:
        if block.kind in ("title", "heading"):
            placed.append(_Placed(row, block))
            used = row + 1
            row += 2 if block.kind == "title" else 1
        elif block.kind == "pairs":
            widths[0] = max(widths.get(0, DEFAULT_WIDTH), 34.0)
            widths[1] = max(widths.get(1, DEFAULT_WIDTH), 40.0)
            placed.append(_Placed(row, block))
            used = max(used, row + len(block.pairs))
            row += len(block.pairs) + 1
        elif block.kind == "table":
            frame = block.frame if block.frame is not None else pd.DataFrame()
            columns = tuple(block.columns)
            head = slice(0, WIDTH_SAMPLE)
            for c, name in enumerate(columns):
                values = _cells(frame, name, block.columns[name], language, head)
                width = _width(values, label(name, language))
                widths[c] = max(widths.get(c, DEFAULT_WIDTH), width)
            placed.append(_Placed(row, block, frame, columns))
            used = row + 1 + len(frame)
            row += len(frame) + 2
        else:
            raise ValueError(f"unknown block kind {block.kind!r}")
    if used > SHEET_ROWS:
        raise ValueError(f"sheet {sheet.name!r}: {used:,} rows, more than a worksheet holds")
    for c, width in sorted(widths.items()):
        ws.set_column(c, c, width)
    only = [p for p in placed if p.block.kind == "table"]
    if tables == 1:
        ws.repeat_rows(only[0].row)
        if len(sheet.blocks) == 1 and only[0].columns:
            table = only[0]
            ws.freeze_panes(table.row + 1, 0)
            ws.autofilter(table.row, 0, table.row + len(table.frame), len(table.columns) - 1)
    return placed


def _continued(sheet: Sheet) -> list[Sheet]:
    """``sheet``, or, for a table alone longer than a worksheet, the table in parts on sheets
    named ``<name> (2)``, ``<name> (3)``, ..., each under its header."""
    block = sheet.blocks[0] if len(sheet.blocks) == 1 else None
    if block is None or block.kind != "table" or block.frame is None:
        return [sheet]
    per = SHEET_ROWS - 1
    if len(block.frame) <= per:
        return [sheet]
    parts = []
    for k, start in enumerate(range(0, len(block.frame), per), start=1):
        suffix = "" if k == 1 else f" ({k})"
        name = sheet.name[: 31 - len(suffix)] + suffix
        parts.append(Sheet(name, [replace(block, frame=block.frame.iloc[start : start + per])]))
    return parts


def _write_table(ws: Worksheet, styles: _Styles, table: _Placed, language: Language) -> None:
    block, frame, row = table.block, table.frame, table.row
    for c, name in enumerate(table.columns):
        ws.write_string(row, c, _clean(label(name, language)), styles.header)
    kinds = [block.columns[name] for name in table.columns]
    formats = [styles.number.get(kind) for kind in kinds]
    for start in range(0, len(frame), ROWS_AT_ONCE):
        rows = slice(start, start + ROWS_AT_ONCE)
        data = [
            _cells(frame, n, k, language, rows) for n, k in zip(table.columns, kinds, strict=True)
        ]
        at = row + 1 + start
        # constant_memory writes a row when the next one begins: row by row, left to right.
        for offset, values in enumerate(zip(*data, strict=True)):
            for c, value in enumerate(values):
                if value is not None:
                    _put(ws, styles, at + offset, c, value, formats[c])


def _print_setup(ws: Worksheet) -> None:
    """A4 landscape, every column on the page's width, page numbers (and the sheet's name) in the
    footer (the repeated header row is the layout's: :func:`_lay_out`)."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&L&A&R&P / &N")


def _write_sheet(ws: Worksheet, styles: _Styles, sheet: Sheet, language: Language) -> None:
    placed = _lay_out(ws, sheet, language)
    _print_setup(ws)
    for item in placed:
        block, row = item.block, item.row
        if block.kind == "title":
            _put(ws, styles, row, 0, block.text, styles.title)
        elif block.kind == "heading":
            _put(ws, styles, row, 0, block.text, styles.heading)
        elif block.kind == "pairs":
            for r, pair in enumerate(block.pairs, start=row):
                key, value = pair[0], pair[1]
                _put(ws, styles, r, 0, key, styles.key)
                if len(pair) > 2:
                    # (label, number, kind[, detail]): a number kept a number, with its format.
                    fmt = styles.figure(pair[2], _is_number(value))
                    _put(ws, styles, r, 1, value, fmt)
                    if len(pair) > 3 and pair[3]:
                        _put(ws, styles, r, 2, pair[3])
                else:
                    _put(ws, styles, r, 1, value)
        else:
            _write_table(ws, styles, item, language)


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
    with open_workbook(path, title=title, created_at=created_at) as book:
        styles = _Styles(book)
        for sheet in (part for whole in sheets for part in _continued(whole)):
            _write_sheet(book.add_worksheet(sheet.name[:31]), styles, sheet, language)


@contextmanager
def open_workbook(
    path: Path,
    *,
    title: str = "",
    created_at: dt.datetime | None = None,
    author: str = "mutasi-opt",
) -> Iterator[Workbook]:
    """An XlsxWriter workbook streamed to ``path``: rows in order, each written when the next
    begins; closed, with its members dated ``created_at``, when the block ends.

    Texts written with ``write`` or ``merge_range`` stay texts too (no formulas, links or numbers
    made of them). If the block raises, no file is left at ``path``.

    Parameters
    ----------
    path
        Target file.
    title
        Document title stored in the workbook's properties.
    created_at
        The workbook's creation time and the date of every member of the file; default: now.
    author
        The document's author.
    """
    from xlsxwriter import Workbook

    moment = created_at or dt.datetime.now().astimezone()
    # The document's times are UTC (XlsxWriter writes them with a "Z"); the zip entries carry the
    # wall time, as openpyxl's and python-docx's packages do (see report.stamp).
    utc = moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment
    # XlsxWriter keeps each sheet's rows in a temporary file until it closes the workbook, and
    # leaves the file of a sheet that got no row: they live in a folder of this call's own.
    with tempfile.TemporaryDirectory(
        prefix=".xlsx-", dir=path.parent, ignore_cleanup_errors=True
    ) as rows_dir:
        options = {
            "constant_memory": True,
            "tmpdir": rows_dir,
            "remove_timezone": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }
        book = Workbook(str(path), options)
        try:
            properties = {"author": author, "created": utc}
            if title:
                properties["title"] = _clean(title)
            book.set_properties(properties)
            yield book
        except BaseException:
            book.close()
            path.unlink(missing_ok=True)  # the half workbook closing wrote
            raise
        book.close()
    stamp_zip_entries(path, moment)
