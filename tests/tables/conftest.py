"""Fixtures for the table readers: the tiny good data set, broken cases, and workbook writers."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

DATA = Path(__file__).resolve().parents[1] / "data" / "tables"
GOOD = DATA / "good"
TABLES = (
    "employees",
    "positions",
    "competencies",
    "requirements",
    "competency_dictionary",
    "preferences",
    "scores",
)

# How the good set's columns are typed when written to a workbook the way Excel users keep them:
# numbers as numbers, dates as date cells, yes/no as booleans, identifiers (NIP) as text.
_INTS = {"capacity", "priority", "level", "rank"}
_FLOATS = {"score"}
_DATES = {"tmt_jabatan", "birth_date"}
_BOOLS = {"locked", "needs_external_approval", "refuse"}


def typed_cell(column: str, text: str) -> Any:
    """The value a workbook cell of ``column`` would hold for the CSV text ``text``."""
    if text == "":
        return None
    if column in _INTS:
        return int(text)
    if column in _FLOATS:
        return float(text)
    if column in _DATES:
        return dt.datetime.fromisoformat(text)
    if column in _BOOLS:
        return text == "true"
    return text


def read_rows(path: Path) -> list[list[str]]:
    """A CSV file's rows as lists of strings (header first)."""
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_workbook(
    path: Path,
    sheets: Mapping[str, list[list[Any]]],
) -> Path:
    """Write a workbook with one sheet per entry (rows of cell values, header first)."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def csv_sheets(folder: Path = GOOD, *, typed: bool = True) -> dict[str, list[list[Any]]]:
    """The CSV set of ``folder`` as workbook sheets (cells typed as Excel users would type them)."""
    sheets: dict[str, list[list[Any]]] = {}
    for table in TABLES:
        rows = read_rows(folder / f"{table}.csv")
        header = rows[0]
        body = [
            [typed_cell(c, v) if typed else (v or None) for c, v in zip(header, r, strict=True)]
            for r in rows[1:]
        ]
        sheets[table] = [header, *body]
    return sheets


@pytest.fixture
def good_paths() -> dict[str, Path]:
    """Table name -> file of the tiny good CSV set."""
    return {t: GOOD / f"{t}.csv" for t in TABLES}


@pytest.fixture
def case_paths() -> Callable[[str, str], dict[str, Path]]:
    """``case_paths(group, name)``: the good set with the files of one named case swapped in."""

    def make(group: str, name: str) -> dict[str, Path]:
        folder = DATA / group / name
        assert folder.is_dir(), folder
        return {
            t: (folder / f"{t}.csv" if (folder / f"{t}.csv").exists() else GOOD / f"{t}.csv")
            for t in TABLES
        }

    return make


@pytest.fixture
def good_workbook(tmp_path: Path) -> Path:
    """The good set written to one typed workbook, a sheet per table."""
    return write_workbook(tmp_path / "good.xlsx", csv_sheets())


@pytest.fixture
def good_sheets() -> dict[str, list[list[Any]]]:
    """The good set as typed workbook sheets (a fresh copy to modify)."""
    return csv_sheets()


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[[str, Mapping[str, list[list[Any]]]], Path]:
    """``make_workbook(name, sheets)``: write a workbook under tmp_path and return its path."""

    def make(name: str, sheets: Mapping[str, list[list[Any]]]) -> Path:
        return write_workbook(tmp_path / name, sheets)

    return make


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[[str, str], Path]:
    """``write_csv(name, text)``: write a UTF-8 file under tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
