"""Workbook cells that hold a formula but no computed value.

An XLSX stores a formula cell as the formula and, beside it, the value last computed
(``<c><f>A2&B2</f><v>III/c</v></c>``); the readers read that value. A program that does not
calculate (openpyxl, many scripts and exporters) saves the formula with no value: read as values,
the cell looks empty, and would be reported as "needs a value", or read silently as an empty
optional cell. :func:`uncomputed_formulas` finds those cells in the sheets' XML (the value reader
drops the formula), so that the reader can name them for what they are.

A formula that computed an empty text (``t="str"`` with an empty value, as Excel and LibreOffice
save ``=IF(...,"",...)``) has a value: the empty cell it shows.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

import numpy as np
import numpy.typing as npt

from mutasi_opt.errors import IssueCollector

__all__ = [
    "FORMULA_WITHOUT_VALUE",
    "FORMULA_WITHOUT_VALUE_ID",
    "column_letter",
    "formulas_by_column",
    "report_cells",
    "report_header",
    "uncomputed_formulas",
]

Cell = tuple[int, int]
"""(row, column), both 1-based as a spreadsheet numbers them."""
ObjArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]

FORMULA_WITHOUT_VALUE = (
    "cell holds a formula but no computed value (the file was saved by a program that does not "
    "calculate): open the file and save it in Excel or LibreOffice, or paste the values over the "
    "formulas"
)
"""The message of a ``formula_without_value`` error."""
FORMULA_WITHOUT_VALUE_ID = (
    "sel memuat rumus tetapi tanpa nilai hasil hitungan (berkas disimpan oleh program yang tidak "
    "menghitung): buka berkas itu lalu simpan di Excel atau LibreOffice, atau tempel nilainya di "
    "atas rumusnya"
)
"""The same in Indonesian."""

_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_CHUNK = 1 << 20
_COORDINATE = re.compile(r"([A-Z]+)(\d+)")


def uncomputed_formulas(path: Path, sheets: Collection[str]) -> dict[str, dict[Cell, str | None]]:
    """The cells of ``sheets`` that hold a formula but no computed value.

    Parameters
    ----------
    path
        An XLSX workbook that openpyxl could open.
    sheets
        Sheet names, as openpyxl lists them.

    Returns
    -------
    dict
        Sheet -> cell -> the formula as typed (``"=A2&B2"``; ``None`` for the followers of a
        shared formula, whose text sits in another cell). Sheets without such cells are left out; a
        workbook whose structure cannot be followed gives ``{}`` (the value reader reports it).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            out: dict[str, dict[Cell, str | None]] = {}
            for sheet in sheets:
                part = parts.get(sheet)
                if part is None or not _has_formula(archive, part):
                    continue
                with archive.open(part) as source:
                    found = dict(_scan(source))
                if found:
                    out[sheet] = found
            return out
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ET.ParseError):
        return {}


def report_header(
    formulas: Mapping[Cell, str | None], row: int, label: str, issues: IssueCollector
) -> None:
    """One ``formula_without_value`` error per header cell (``row``) that is such a formula,
    named by its column letter (the header it should give is unknown)."""
    for (r, c), formula in sorted(formulas.items()):
        if r == row:
            issues.error("formula_without_value", FORMULA_WITHOUT_VALUE, file=label, row=r,
                         column=column_letter(c), value=formula,
                         message_id=FORMULA_WITHOUT_VALUE_ID)  # fmt: skip


def formulas_by_column(
    formulas: Mapping[Cell, str | None], first_row: int, n_rows: int, width: int
) -> dict[int, ObjArray]:
    """The body's cells of :func:`uncomputed_formulas` as one array per column position (0-based):
    the formula of each row from ``first_row`` on (``""`` for a shared formula's follower),
    ``None`` elsewhere. Columns past ``width`` (no header) are left out."""
    out: dict[int, ObjArray] = {}
    for (r, c), formula in formulas.items():
        k = r - first_row
        if 0 <= k < n_rows and c <= width:
            out.setdefault(c - 1, np.full(n_rows, None, dtype=object))[k] = formula or ""
    return out


def report_cells(
    formulas: ObjArray, label: str, column: str, rows: npt.NDArray[np.int64], issues: IssueCollector
) -> BoolArray:
    """One ``formula_without_value`` error per cell of one column (``formulas`` as
    :func:`formulas_by_column` gives it; ``rows`` the spreadsheet rows); the mask of those cells."""
    mask = np.array([f is not None for f in formulas.tolist()], dtype=bool)
    for k in np.flatnonzero(mask):
        issues.error(
            "formula_without_value",
            FORMULA_WITHOUT_VALUE,
            file=label,
            row=int(rows[k]),
            column=column,
            value=str(formulas[k]) or None,
            message_id=FORMULA_WITHOUT_VALUE_ID,
        )
    return mask


def column_letter(column: int) -> str:
    """``1`` -> ``A``, ``28`` -> ``AB``."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(archive: zipfile.ZipFile, rels: str, base: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, part path) of a relationships part, targets resolved against ``base``."""
    out: dict[str, tuple[str, str]] = {}
    for rel in ET.fromstring(archive.read(rels)):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        out[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(path))
    return out


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the part (file in the archive) holding its cells."""
    root = _relationships(archive, "_rels/.rels", "")
    book = next(path for kind, path in root.values() if kind.endswith("/officeDocument"))
    folder, name = posixpath.split(book)
    rels = _relationships(archive, posixpath.join(folder, "_rels", f"{name}.rels"), folder)
    parts: dict[str, str] = {}
    for element in ET.fromstring(archive.read(book)).iter():
        if _local(element.tag) != "sheet":
            continue
        # The relationship id is the attribute ``id`` of the relationships namespace (r:id).
        rid = next((v for k, v in element.attrib.items() if k.startswith("{") and
                    _local(k) == "id"), None)  # fmt: skip
        if rid in rels:
            parts[element.get("name", "")] = rels[rid][1]
    return parts


def _has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether the part holds a formula element at all (a quick byte scan, in chunks)."""
    tail = b""
    with archive.open(part) as source:
        while chunk := source.read(_CHUNK):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


def _scan(source: IO[bytes]) -> Iterator[tuple[Cell, str | None]]:
    """Cells of one sheet's XML with a formula and no computed value."""
    row = 0  # the last row seen
    column = 0  # the last column seen in the current row
    pending: list[tuple[int | None, int, str | None]] = []  # (row if the cell names it, ...)
    # "end" events only (half the cost of "start" too): a cell ends before its row does.
    for _, element in ET.iterparse(source):
        name = _local(element.tag)
        if name == "c":
            coordinate = _COORDINATE.fullmatch(element.get("r", ""))
            own_row = None
            if coordinate is None:
                column += 1
            else:
                letters, digits = coordinate.groups()
                own_row = int(digits)
                column = sum((ord(ch) - 64) * 26**k for k, ch in enumerate(reversed(letters)))
            formula = value = None
            for child in element:
                kind = _local(child.tag)
                if kind == "f":
                    formula = child
                elif kind == "v":
                    value = child
            if formula is not None and _uncomputed(value, element.get("t")):
                pending.append((own_row, column, "=" + formula.text if formula.text else None))
            element.clear()
        elif name == "row":
            row = int(element.get("r", row + 1))
            for own_row, col, text in pending:
                yield (row if own_row is None else own_row, col), text
            pending.clear()
            column = 0
            element.clear()


def _uncomputed(value: ET.Element | None, kind: str | None) -> bool:
    """No value stored, or an empty one for a type other than text (a number is never empty)."""
    if value is None:
        return True
    return not (value.text or "") and kind != "str"
