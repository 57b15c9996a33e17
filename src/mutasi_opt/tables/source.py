"""Reading files into raw text tables: bytes and cells in, strings out, nothing interpreted yet.

Every value is kept as the text it was written as (stripped; empty cells become ``None``) so that
no type guessing happens before the schema decides what a column is. A CSV is decoded as UTF-8
(with or without BOM); bytes that are not UTF-8 are read as Windows-1252, the encoding of Excel's
"CSV" export on Windows, with a warning naming it. The delimiter is taken from the header line:
a comma, or a semicolon or tab when the header has no comma (Excel's CSV export in an Indonesian
locale uses semicolons, and then decimal commas).

A workbook cell that holds a number is turned into text too (``3.0`` -> ``"3"``), and the column
remembers which cells were numbers: a NIP stored as a number has already lost digits and is an
error. Date cells become ``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.errors import IssueCollector
from mutasi_opt.tables.aliases import column_aliases, column_key, ignored_columns
from mutasi_opt.tables.coded import Coded
from mutasi_opt.tables.formulas import (
    formulas_by_column,
    report_cells,
    report_header,
    uncomputed_formulas,
)
from mutasi_opt.textsafe import control_characters, has_control_character

BoolArray = npt.NDArray[np.bool_]
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_CODE = re.compile(r"[A-Za-z]+(\.[A-Za-z0-9]+)+")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """One table as text, with engine column names.

    Attributes
    ----------
    table
        Contract name of the table (``employees``, ...).
    label
        Where it came from, for messages: ``path`` or ``path[sheet]``.
    frame
        One object column per recognised column, values ``str`` or ``None``, RangeIndex.
    rows
        Spreadsheet row number of every frame row (the header is row 1).
    numeric
        Column -> mask of cells that were numbers in a workbook (absent for CSV).
    headers
        Engine column -> the header as written in the file (for messages).
    decimal_comma
        True for semicolon-separated files, whose numbers use a decimal comma.
    cell_columns
        Column -> the header of each cell, where it varies by row (a reshaped wide table, an
        engine column filled from two SIASN columns).
    unread
        Column -> mask of cells already reported as unreadable (a formula without a computed
        value): empty here, and not to be reported again as empty.
    unused
        Headers the engine does not know, as written (their "unused column" warnings are given;
        a missing column's message suggests the nearest of them).
    ignored
        Headers of fields the engine knows and does not use (SIASN's ``agama_nama``, ...), as
        written; ignored without a warning.
    hints
        Engine column -> advice added to the message when that column is missing.
    hints_id
        The same advice in Indonesian.
    coded
        Column -> its values as codes (:mod:`mutasi_opt.tables.coded`), where the reader had
        them; a shortcut that is checked against ``frame`` before use.
    """

    table: str
    label: str
    frame: pd.DataFrame
    rows: npt.NDArray[np.int64]
    numeric: dict[str, BoolArray] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    decimal_comma: bool = False
    cell_columns: dict[str, npt.NDArray[np.object_]] = field(default_factory=dict)
    unread: dict[str, BoolArray] = field(default_factory=dict)
    unused: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    hints: dict[str, str] = field(default_factory=dict)
    hints_id: dict[str, str] = field(default_factory=dict)
    coded: dict[str, Coded] = field(default_factory=dict)

    def coded_column(self, column: str) -> Coded | None:
        """``column`` as codes, when the reader left them and they still describe it."""
        coded = self.coded.get(column)
        if coded is None or column not in self.frame.columns:
            return None
        return coded if coded.fits(self.frame[column]) else None


def decode(data: bytes, label: str, issues: IssueCollector) -> tuple[str, str] | None:
    """Text of a CSV file and its encoding: UTF-8 (BOM or not), UTF-16 with BOM, or Windows-1252
    with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        issues.error(
            "unknown_encoding",
            "file is neither UTF-8 nor Windows-1252 (cp1252) text; save it as CSV UTF-8",
            file=label,
            row=data[: utf8_error.start].count(b"\n") + 1,
            message_id="berkas bukan teks UTF-8 maupun Windows-1252 (cp1252); simpan sebagai "
            "CSV UTF-8",
        )
        return None
    issues.warn(
        "cp1252_encoding",
        "file is not UTF-8; read it as Windows-1252 (cp1252), Excel's Windows CSV encoding. "
        "Check names with accents, or save it as CSV UTF-8",
        file=label,
        message_id="berkas bukan UTF-8; dibaca sebagai Windows-1252 (cp1252), encoding CSV Excel "
        "di Windows. Periksa nama yang memakai aksen, atau simpan sebagai CSV UTF-8",
    )
    return text, "cp1252"


def _delimiter(text: str) -> str:
    end = text.find("\n")
    header = text if end < 0 else text[:end]  # not text.split: a copy of the whole file
    if "," in header:
        return ","
    for candidate in (";", "\t"):
        if candidate in header:
            return candidate
    return ","


def read_csv(path: Path, table: str, label: str, issues: IssueCollector) -> RawTable | None:
    """Read one CSV file into a :class:`RawTable`; ``None`` (with issues) when unusable."""
    data = path.read_bytes()
    if data.startswith(_OLE):
        rule, message, message_id = _ole_workbook(path)
        issues.error(rule, message, file=label, message_id=message_id)
        return None
    if data.startswith(b"PK\x03\x04"):
        issues.error(
            "workbook_named_csv",
            "file is a workbook (XLSX) with a CSV name; name it .xlsx, or save it as CSV UTF-8",
            file=label,
            message_id="berkas adalah workbook (XLSX) dengan nama CSV; beri nama .xlsx, atau "
            "simpan sebagai CSV UTF-8",
        )
        return None
    decoded = decode(data, label, issues)
    if decoded is None:
        return None
    text, encoding = decoded
    if "\x00" in text:
        # The CSV parser would cut a value at it silently.
        line = text[: text.index("\x00")].count("\n") + 1
        issues.error(
            "control_character",
            "file holds a NUL character (U+0000); it is not plain CSV text (UTF-16 without a "
            "byte order mark?): save it as CSV UTF-8",
            file=label,
            row=line,
            message_id="berkas memuat karakter NUL (U+0000); ini bukan teks CSV biasa (UTF-16 "
            "tanpa byte order mark?): simpan sebagai CSV UTF-8",
        )
        return None
    if not text or text.isspace():  # (text.strip() would copy a long file)
        issues.error(
            "empty_file",
            "file is empty (no header row)",
            file=label,
            message_id="berkas kosong (tidak ada baris judul)",
        )
        return None
    sep = _delimiter(text)
    try:
        # header=None: the header is read as data so that duplicate names are not mangled, and
        # every value stays text (categories are always read as strings; no NA guessing: "NA" is
        # a name, not a missing value). As categories, each column comes with its distinct
        # values: a long table is then stripped, checked and parsed per value (tables.coded).
        # UTF-8 goes to the parser as the file's bytes, which it reads faster than text.
        source = io.BytesIO(data) if encoding == "utf-8-sig" else io.StringIO(text)
        grid = pd.read_csv(
            source,
            encoding=encoding if encoding == "utf-8-sig" else None,
            sep=sep,
            header=None,
            dtype="category",
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            index_col=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        _report_csv_syntax(text, sep, label, exc, issues)
        return None
    header = [str(v) for v in grid.iloc[0].tolist()]
    rows = np.arange(2, len(grid) + 1, dtype=np.int64)
    columns = {i: _category_column(grid[grid.columns[i]]) for i in range(len(header))}
    return _assemble(table, label, header, columns, {}, rows, issues, decimal_comma=sep == ";")


def _report_csv_syntax(
    text: str, sep: str, label: str, exc: Exception, issues: IssueCollector
) -> None:
    """Name every row with more fields than the header (pandas stops at the first)."""
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=sep))
    except csv.Error as inner:
        issues.error(
            "csv_syntax",
            f"not readable as CSV: {inner}",
            file=label,
            message_id=f"tidak dapat dibaca sebagai CSV: {inner}",
        )
        return
    width = len(records[0]) if records else 0
    found = False
    for k, record in enumerate(records[1:], start=2):
        if len(record) > width:
            found = True
            issues.error(
                "csv_syntax",
                f"row has {len(record)} fields but the header has {width} "
                "(an unquoted comma inside a value?)",
                file=label,
                row=k,
                message_id=f"baris memuat {len(record)} kolom padahal judulnya {width} kolom "
                "(koma tanpa tanda kutip di dalam nilai?)",
            )
    if not found:
        message = str(exc).strip().removeprefix("Error tokenizing data. C error: ")
        issues.error(
            "csv_syntax",
            f"not readable as CSV: {message}",
            file=label,
            message_id=f"tidak dapat dibaca sebagai CSV: {message}",
        )


def _strip(text: str) -> str | None:
    """``text`` without surrounding white space; a control character is kept (and reported),
    never stripped away unseen.

    Two habits of exports are undone here, for every cell of every table: a leading apostrophe
    (Excel's mark that a cell is text, which SIASN's "Export Data ASN" writes before every value)
    is removed, once; and the word ``null`` (any case), which SIASN writes for nothing, is an empty
    cell.
    """
    stripped = text.strip()
    if has_control_character(text) and not has_control_character(stripped):
        stripped = text.strip(" \t\n\r\xa0")
    if stripped.startswith("'"):
        stripped = stripped[1:].strip()
    if stripped.lower() == "null":
        return None
    return stripped or None


def _text_column(values: pd.Series) -> Coded:
    """Stripped strings; empty -> None (each distinct value stripped once: columns repeat)."""
    coded = Coded.of(values)
    return Coded.mapped(coded.codes, [_strip(u) for u in coded.uniques])


def _category_column(column: pd.Series) -> Coded:
    """:func:`_text_column` of a CSV column read as categories, without its first (header) row."""
    cat = column.array
    assert isinstance(cat, pd.Categorical)
    codes = cat.codes[1:].copy()  # as narrow as pandas made them (int16 up to 32,767 values)
    texts = [_strip(str(u)) for u in cat.categories]
    # Every category is some cell's; only the header's may be no other row's: then it goes.
    header = int(cat.codes[0])
    if header >= 0 and not (codes == header).any():
        codes[codes > header] -= 1
        del texts[header]
    return Coded.mapped(codes, texts, all_held=True)


def _assemble(
    table: str,
    label: str,
    header: list[str],
    columns: dict[int, Coded],
    numeric: dict[int, BoolArray],
    rows: npt.NDArray[np.int64],
    issues: IssueCollector,
    *,
    decimal_comma: bool,
    formulas: dict[int, npt.NDArray[np.object_]] | None = None,
) -> RawTable:
    """Map headers to engine names, drop fully empty rows, and build the RawTable.

    ``formulas`` holds, per column position, the formula of each cell that has one but no
    computed value (``None`` elsewhere; a shared formula's follower is ``""``): each such cell of
    a used column is reported, and its row is kept.
    """
    aliases = column_aliases(table)
    ignored = ignored_columns(table)
    frame_columns: dict[str, Coded] = {}
    frame_numeric: dict[str, BoolArray] = {}
    frame_unread: dict[str, BoolArray] = {}
    headers: dict[str, str] = {}
    unused: list[str] = []
    known_unused: list[str] = []
    for i, raw_name in enumerate(header):
        name = raw_name.strip()
        values = columns[i]
        if not name:
            if values.present.any():
                issues.warn(
                    "unused_column",
                    f"column {i + 1} has values but no header; it is ignored",
                    file=label,
                    message_id=f"kolom {i + 1} memuat nilai tetapi tanpa judul; kolom itu diabaikan",
                )
            continue
        key = column_key(name)
        canonical = aliases.get(key)
        if canonical is None:
            if key in ignored:
                known_unused.append(name)
            elif not _is_wide_competency(table, name):
                unused.append(name)
                issues.warn(
                    "unused_column",
                    "column is not used by the engine; ignored",
                    file=label,
                    column=name,
                    message_id="kolom tidak dipakai oleh mesin; diabaikan",
                )
            if table == "competencies" and _is_wide_competency(table, name):
                # Assessment-centre layout: one column per competency code (see read.py).
                canonical = f"@{name}"
            else:
                continue
        if canonical in frame_columns:
            issues.error(
                "duplicate_column",
                f"two columns name {canonical!r}: {headers[canonical]!r} and {name!r}",
                file=label,
                column=name,
                message_id=f"dua kolom bernama {canonical!r}: {headers[canonical]!r} dan {name!r}",
            )
            continue
        frame_columns[canonical] = _clean_cells(values, label, name, rows, issues)
        headers[canonical] = name
        if i in numeric:
            frame_numeric[canonical] = numeric[i]
        if formulas is not None and i in formulas:
            frame_unread[canonical] = report_cells(formulas[i], label, name, rows, issues)
    keep = np.zeros(len(rows), dtype=bool)
    for coded in frame_columns.values():
        keep |= coded.present
    for mask in frame_unread.values():
        keep |= mask  # a row of formulas is not an empty row
    if not keep.all():
        frame_columns = {k: v.rows(keep) for k, v in frame_columns.items()}
        rows = rows[keep]
        frame_numeric = {k: v[keep] for k, v in frame_numeric.items()}
        frame_unread = {k: v[keep] for k, v in frame_unread.items()}
    # copy=False: each column its own block, as made (by default pandas would copy them all into
    # one block once more, a pass over every cell of a long table).
    frame = pd.DataFrame(
        {
            name: pd.Series(v.values(), dtype=object, copy=False)
            for name, v in frame_columns.items()
        },
        index=pd.RangeIndex(len(rows)),
        copy=False,
    )
    for name, v in frame_columns.items():
        v.bind(frame[name])
    return RawTable(
        table, label, frame, rows, frame_numeric, headers, decimal_comma, unread=frame_unread,
        unused=tuple(unused), ignored=tuple(known_unused), coded=frame_columns,
    )  # fmt: skip


_LINE_BREAKS = re.compile(r"[ ]*[\t\n\r]+[ ]*")
_BREAK = re.compile(r"[\t\n\r]")


def _clean_cells(
    values: Coded,
    label: str,
    column: str,
    rows: npt.NDArray[np.int64],
    issues: IssueCollector,
) -> Coded:
    """Refuse cells with control characters; read a tab or line break inside a cell as a space.

    A control character (:func:`mutasi_opt.textsafe.control_characters`: invisible, refused by
    every workbook, or reordering what a reader sees) is an error naming the cell; it is never
    removed silently, since it may sit in an identifier. A tab or line break inside a cell (Excel's
    Alt+Enter) is read as one space, with a warning. Each distinct value is looked at once.
    """
    uniques = values.uniques
    control = [k for k, u in enumerate(uniques) if has_control_character(u)]
    breaks = [k for k, u in enumerate(uniques) if _BREAK.search(u)]
    if not control and not breaks:
        return values
    codes = values.codes
    for k in np.flatnonzero(np.isin(codes, control)):
        text = str(uniques[codes[k]])
        issues.error(
            "control_character",
            f"holds the invisible control character(s) {', '.join(control_characters(text))}, "
            "which no workbook may hold; remove them",
            file=label,
            row=int(rows[k]),
            column=column,
            value=text,
            message_id="memuat karakter kendali tak terlihat "
            f"{', '.join(control_characters(text))}, yang tidak boleh ada di workbook mana pun; "
            "hapus karakter itu",
        )
    spaced = {k: _LINE_BREAKS.sub(" ", uniques[k]) for k in breaks if k not in set(control)}
    if not spaced:
        return values
    for k in np.flatnonzero(np.isin(codes, list(spaced))):
        issues.warn(
            "line_break_in_cell",
            "a tab or line break inside the cell is read as a space",
            file=label,
            row=int(rows[k]),
            column=column,
            value=str(uniques[codes[k]]),
            message_id="tab atau ganti baris di dalam sel dibaca sebagai spasi",
        )
    return Coded.mapped(codes, [spaced.get(k, u) for k, u in enumerate(uniques)])


def _is_wide_competency(table: str, name: str) -> bool:
    """A header that looks like a competency code (``M.01``, ``SK.01``, ``T.KEU.01``)."""
    return table == "competencies" and _CODE.fullmatch(name.strip()) is not None


# ------------------------------------------------------------------------------------------------
# Workbooks


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of an OLE compound file: what Excel saves a password-protected workbook as (the
XLSX encrypted inside), and the old .xls format."""


def _ole_workbook(path: Path) -> tuple[str, str, str]:
    """Rule and message (English, Indonesian) for an OLE compound file, by the names of the
    streams it holds."""
    encrypted = "EncryptedPackage".encode("utf-16-le")  # ECMA-376 agile or standard encryption
    biff = "Workbook".encode("utf-16-le")  # the stream of an Excel 97-2003 workbook
    found: set[str] = set()
    tail = b""
    with path.open("rb") as handle:
        while (chunk := handle.read(1 << 20)) and "encrypted" not in found:
            window = tail + chunk
            found |= {k for k, name in (("encrypted", encrypted), ("xls", biff)) if name in window}
            tail = chunk[-64:]
    if "encrypted" in found:
        return (
            "encrypted_workbook",
            "workbook is protected with a password (encrypted), so it cannot be read: open it in "
            "Excel and save a copy without the password (or as CSV UTF-8)",
            "workbook dilindungi kata sandi (terenkripsi), sehingga tidak dapat dibaca: buka di "
            "Excel dan simpan salinannya tanpa kata sandi (atau sebagai CSV UTF-8)",
        )
    if "xls" in found:
        return (
            "xls_workbook",
            "file is an old Excel 97-2003 workbook (.xls), not .xlsx: open it in Excel or "
            "LibreOffice and save it as .xlsx (or as CSV UTF-8)",
            "berkas adalah workbook lama Excel 97-2003 (.xls), bukan .xlsx: buka di Excel atau "
            "LibreOffice dan simpan sebagai .xlsx (atau sebagai CSV UTF-8)",
        )
    return (
        "unreadable_workbook",
        "file is an OLE compound document, not an .xlsx workbook (a workbook with a password, or "
        "an old .xls?): save it as .xlsx without a password",
        "berkas adalah dokumen OLE compound, bukan workbook .xlsx (workbook dengan kata sandi, "
        "atau .xls lama?): simpan sebagai .xlsx tanpa kata sandi",
    )


def _open_workbook(path: Path, label: str, issues: IssueCollector) -> Any:
    import zipfile

    from openpyxl import load_workbook

    if path.stat().st_size == 0:
        issues.error(
            "empty_file",
            "file is empty (0 bytes)",
            file=label,
            message_id="berkas kosong (0 byte)",
        )
        return None
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE):
        rule, message, message_id = _ole_workbook(path)
        issues.error(rule, message, file=label, message_id=message_id)
        return None
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        issues.error(
            "unreadable_workbook",
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})",
            file=label,
            message_id=f"bukan workbook .xlsx yang dapat dibaca ({type(exc).__name__}: {exc})",
        )
        return None


def read_sheets(
    path: Path, pick: Callable[[list[str]], dict[str, str]], issues: IssueCollector
) -> dict[str, RawTable | None] | None:
    """Read the sheets of one workbook that ``pick`` chooses, opening it once.

    Parameters
    ----------
    path
        The workbook.
    pick
        Given the sheet names, returns table name -> sheet name for the sheets to read (and
        reports sheets it misses).
    issues
        Where problems go.

    Returns
    -------
    dict or None
        Table name -> raw table (``None`` for an empty sheet); ``None`` when the workbook cannot be
        opened.
    """
    # openpyxl scans every sheet when it opens a workbook: open it once for all tables.
    book = _open_workbook(path, str(path), issues)
    if book is None:
        return None
    try:
        wanted = pick(list(book.sheetnames))
        # The value reader drops formulas: find those without a computed value apart.
        formulas = uncomputed_formulas(path, set(wanted.values())) if wanted else {}
        out: dict[str, RawTable | None] = {}
        for table, sheet in wanted.items():
            label = f"{path}[{sheet}]"
            worksheet = book[sheet]
            # The stored dimensions may be stale (some writers leave "A1"): read every cell.
            worksheet.reset_dimensions()
            out[table] = _read_sheet(
                worksheet.iter_rows(values_only=True), table, label, issues, formulas.get(sheet)
            )
    finally:
        book.close()
    return out


def _read_sheet(
    cells: Iterable[tuple[Any, ...]],
    table: str,
    label: str,
    issues: IssueCollector,
    formulas: Mapping[tuple[int, int], str | None] | None = None,
) -> RawTable | None:
    """One sheet as a raw table; ``formulas``: the cells (row, column; 1-based) that hold a
    formula but no computed value (see :mod:`mutasi_opt.tables.formulas`)."""
    grid = list(cells)
    formulas = formulas or {}
    formula_rows = {r for r, _ in formulas}
    # The header is the first row with a value; rows keep their spreadsheet numbers.
    start = next(
        (k for k, row in enumerate(grid) if k + 1 in formula_rows or any(_present(v) for v in row)),
        None,
    )
    if start is None:
        issues.error(
            "empty_file",
            "sheet is empty (no header row)",
            file=label,
            message_id="sheet kosong (tidak ada baris judul)",
        )
        return None
    header = [_cell_text(v)[0] or "" for v in grid[start]]
    report_header(formulas, start + 1, label, issues)
    body = grid[start + 1 :]
    width = len(header)
    rows = np.arange(start + 2, start + 2 + len(body), dtype=np.int64)
    by_column = formulas_by_column(formulas, start + 2, len(body), width)
    columns: dict[int, Coded] = {}
    numeric: dict[int, BoolArray] = {}
    for i in range(width):
        texts: list[str | None] = []
        flags = np.zeros(len(body), dtype=bool)
        for k, row in enumerate(body):
            value = row[i] if i < len(row) else None
            text, is_number = _cell_text(value)
            texts.append(text)
            flags[k] = is_number
        columns[i] = _text_column(pd.Series(texts, dtype=object))
        numeric[i] = flags
    return _assemble(table, label, header, columns, numeric, rows, issues, decimal_comma=False,
                     formulas=by_column)  # fmt: skip


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _cell_text(value: Any) -> tuple[str | None, bool]:
    """A cell as text, and whether it was a number."""
    if value is None:
        return None, False
    if isinstance(value, bool):
        return ("true" if value else "false"), False
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, float):
        # Excel keeps every number as a double: 3.0 is the integer 3 typed in a cell.
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value)), True
        return repr(value), True
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), False
    if isinstance(value, dt.date):
        return value.isoformat(), False
    return str(value), False
