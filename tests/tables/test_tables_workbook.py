"""XLSX workbooks: the same tables as CSV, numeric NIPs refused, sheets found or named missing."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.tables.read import read_tables

TABLES = (
    "employees",
    "positions",
    "competencies",
    "requirements",
    "competency_dictionary",
    "preferences",
    "scores",
)
MakeWorkbook = Callable[[str, Mapping[str, list[list[Any]]]], Path]
Sheets = dict[str, list[list[Any]]]


def test_workbook_gives_identical_tables(good_paths: dict[str, Path], good_workbook: Path) -> None:
    from_csv = read_tables(good_paths)
    from_xlsx = read_tables({}, workbook=good_workbook)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(from_csv, name), getattr(from_xlsx, name))
    assert from_xlsx.warnings == []
    assert from_xlsx.sources["employees"] == f"{good_workbook}[employees]"


def test_workbook_of_text_cells_gives_identical_tables(
    good_paths: dict[str, Path], good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    """Cells typed as text (numbers and dates as strings) read the same as typed cells."""
    text = {
        name: [rows[0], *[[None if v is None else _as_text(v) for v in r] for r in rows[1:]]]
        for name, rows in good_sheets.items()
    }
    book = make_workbook("text.xlsx", text)
    from_csv = read_tables(good_paths)
    from_xlsx = read_tables({}, workbook=book)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(from_csv, name), getattr(from_xlsx, name))


def _as_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_nip_as_float_xlsx(good_sheets: Sheets, make_workbook: MakeWorkbook) -> None:
    """A NIP typed into Excel as a number (a float cell) is refused, saying so."""
    good_sheets["employees"][1][0] = float(good_sheets["employees"][1][0])
    book = make_workbook("nip_as_float.xlsx", good_sheets)
    with pytest.raises(InputError) as caught:
        read_tables({}, workbook=book)
    [issue] = caught.value.issues
    assert (issue.rule, issue.file, issue.row, issue.column, issue.value) == (
        "nip_as_number",
        f"{book}[employees]",
        2,
        "nip",
        "1.97501012000031e+17",
    )
    assert issue.message.startswith("NIP was stored as a number, which loses digits")


def test_nip_as_integer_cell_is_refused_too(
    good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    """Even an integer cell: a workbook keeps numbers as doubles, 15-16 significant digits."""
    good_sheets["scores"][2][0] = int(good_sheets["scores"][2][0])
    book = make_workbook("nip_as_int.xlsx", good_sheets)
    with pytest.raises(InputError) as caught:
        read_tables({}, workbook=book)
    assert [(i.rule, i.file, i.row, i.value) for i in caught.value.issues] == [
        ("nip_as_number", f"{book}[scores]", 3, "1.99212122020122e+17"),
    ]


def test_date_as_plain_number(good_sheets: Sheets, make_workbook: MakeWorkbook) -> None:
    good_sheets["employees"][3][5] = 44562
    book = make_workbook("date_number.xlsx", good_sheets)
    with pytest.raises(InputError) as caught:
        read_tables({}, workbook=book)
    assert [(i.rule, i.row, i.column, i.value, i.message) for i in caught.value.issues] == [
        (
            "date_as_number",
            4,
            "tmt_jabatan",
            "44562",
            "date stored as a plain number; format the cell as a date or write YYYY-MM-DD",
        ),
    ]


def test_integer_valued_float_level_is_fine(
    good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    good_sheets["competencies"][1][2] = 2.0
    good_sheets["competencies"][2][2] = 2.5
    book = make_workbook("levels.xlsx", good_sheets)
    with pytest.raises(InputError) as caught:
        read_tables({}, workbook=book)
    assert [(i.rule, i.row, i.value) for i in caught.value.issues] == [("not_an_integer", 3, "2.5")]


def test_missing_required_sheet_lists_the_sheets(
    good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    del good_sheets["positions"]
    del good_sheets["scores"]  # optional: absent is fine
    book = make_workbook("no_positions.xlsx", good_sheets)
    with pytest.raises(InputError) as caught:
        read_tables({}, workbook=book)
    [issue] = caught.value.issues
    assert issue.rule == "missing_sheet"
    assert issue.message == (
        "workbook has no sheet named 'positions' (sheets: employees, competencies, requirements, "
        "competency_dictionary, preferences)"
    )


def test_sheet_names_are_case_insensitive(good_sheets: Sheets, make_workbook: MakeWorkbook) -> None:
    renamed = {
        name.upper() if name == "employees" else name: rows for name, rows in good_sheets.items()
    }
    tables = read_tables({}, workbook=make_workbook("upper.xlsx", renamed))
    assert len(tables.employees) == 6


def test_own_file_with_one_sheet_of_any_name(
    good_paths: dict[str, Path], good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    book = make_workbook("positions.xlsx", {"Sheet1": good_sheets["positions"]})
    tables = read_tables({**good_paths, "positions": book})
    expected = read_tables(good_paths).positions
    pd.testing.assert_frame_equal(tables.positions, expected)
    assert tables.sources["positions"] == f"{book}[Sheet1]"


def test_separate_file_wins_over_workbook_sheet(
    good_paths: dict[str, Path], good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    good_sheets["scores"] = [["nip", "position_id", "score"]]
    book = make_workbook("book.xlsx", good_sheets)
    tables = read_tables({"scores": good_paths["scores"]}, workbook=book)
    assert len(tables.scores) == 2
    assert tables.sources["scores"] == str(good_paths["scores"])


def test_empty_sheet_and_leading_blank_rows(
    good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    good_sheets["preferences"] = []
    employees = good_sheets["employees"]
    employees[3][3] = "III/z"
    good_sheets["employees"] = [[None], [None], *employees]  # header on row 3
    book = make_workbook("blank.xlsx", good_sheets)
    with pytest.raises(InputError) as caught:
        read_tables({}, workbook=book)
    assert [(i.rule, i.file, i.row) for i in caught.value.issues] == [
        ("empty_file", f"{book}[preferences]", None),
        ("unknown_golongan", f"{book}[employees]", 6),
    ]


def test_not_a_workbook(tmp_path: Path, good_paths: dict[str, Path]) -> None:
    fake = tmp_path / "positions.xlsx"
    fake.write_text("position_id,title\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_tables({**good_paths, "positions": fake})
    [issue] = caught.value.issues
    assert issue.rule == "unreadable_workbook"
    assert issue.message.startswith("not a readable .xlsx workbook (BadZipFile")


def test_wide_competency_layout(
    good_paths: dict[str, Path], good_sheets: Sheets, make_workbook: MakeWorkbook
) -> None:
    """The assessment-centre layout (a column per code) reads as the long table."""
    long = good_sheets["competencies"][1:]
    codes = ["M.01", "M.02", "M.03", "SK.01", "T.KOM.01"]
    people = list(dict.fromkeys(r[0] for r in long))
    level = {(r[0], r[1]): r[2] for r in long}
    wide = [["NIP", *codes, "JPM", "Kategori"]]
    wide += [[p, *[level[(p, c)] for c in codes], 87.5, "Cukup Optimal"] for p in people]
    book = make_workbook("wide.xlsx", {"kompetensi": wide})
    tables = read_tables({**good_paths, "competencies": book})
    pd.testing.assert_frame_equal(tables.competencies, read_tables(good_paths).competencies)
    assert tables.warnings == []


def test_wide_layout_errors_name_the_code_column(
    good_paths: dict[str, Path], make_workbook: MakeWorkbook
) -> None:
    wide = [
        ["nip", "M.01", "M.02", "X.99"],
        ["197501012000031001", 3, 7, 2],
        ["198203152006042002", 2, None, None],
    ]
    book = make_workbook("wide.xlsx", {"competencies": wide})
    with pytest.raises(InputError) as caught:
        read_tables({**good_paths, "competencies": book})
    assert [(i.rule, i.row, i.column, i.value) for i in caught.value.issues] == [
        ("level_out_of_range", 2, "M.02", "7"),
        ("unknown_competency", 2, "X.99", "X.99"),
    ]


def test_stale_sheet_dimensions_do_not_truncate(
    good_paths: dict[str, Path], good_workbook: Path, tmp_path: Path
) -> None:
    """Some writers store a wrong used range (``A1``); every cell is still read."""
    stale = tmp_path / "stale.xlsx"
    replaced = 0
    with zipfile.ZipFile(good_workbook) as src, zipfile.ZipFile(stale, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', data)
                replaced += n
            dst.writestr(item, data)
    assert replaced == 7
    tables = read_tables({}, workbook=stale)
    pd.testing.assert_frame_equal(tables.employees, read_tables(good_paths).employees)
