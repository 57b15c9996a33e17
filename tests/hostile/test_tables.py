"""Tables: control characters and impossible dates are refused at reading, the same in ``validate``
and ``solve`` (issue 13, items 3 and 6): exit 2, file/row/column named, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from .kit import DATA, cli, edit_cell, hidden, tiny

PROTECTED = DATA.parent / "hostile" / "password_protected.xlsx"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

CONTROL = {
    "vertical_tab": ("\x0b", "U+000B"),
    "nul": ("\x00", "U+0000"),
    "escape": ("\x1b[31m", "U+001B"),
    "delete": ("\x7f", "U+007F"),
    "c1_next_line": ("\x85", "U+0085"),
    "right_to_left_override": ("\u202e", "U+202E"),
}


def _both(scenario: Path, out: Path) -> tuple[str, str]:
    """Run validate and solve; both must exit 2 and write nothing; their stderr."""
    validated = cli("validate", scenario)
    solved = cli("solve", scenario, "--out", out, "--quiet")
    assert (validated.exit_code, solved.exit_code) == (2, 2), (validated.output, solved.output)
    assert not out.exists()
    assert hidden(out.parent) == []
    return validated.stderr, solved.stderr


@pytest.mark.parametrize("kind", list(CONTROL))
def test_a_control_character_in_a_name_is_refused_in_validate_and_solve(
    kind: str, tmp_path: Path
) -> None:
    char, code = CONTROL[kind]
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "employees.csv", 3, "name", f"Budi{char}Hutagalung")
    # A NUL is found before the CSV is parsed (the parser would cut the value there): its line.
    where = "employees.csv, row 3" if kind == "nul" else "employees.csv, row 3, column 'name'"
    for stderr in _both(scenario, tmp_path / "run"):
        assert where in stderr
        assert code in stderr
        assert "[control_character]" in stderr


@pytest.mark.parametrize(("table", "column"), [("positions", "unit"), ("positions", "position_id"),
                                               ("requirements", "competency")])  # fmt: skip
def test_a_control_character_in_any_table_is_refused(
    tmp_path: Path, table: str, column: str
) -> None:
    scenario = tiny(tmp_path)
    path = tmp_path / "data" / f"{table}.csv"
    value = path.read_text(encoding="utf-8").splitlines()[1].split(",")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    edit_cell(path, 2, column, value[header.index(column)] + "\x0c")
    for stderr in _both(scenario, tmp_path / "run"):
        assert f"{table}.csv, row 2, column '{column}'" in stderr
        assert "U+000C" in stderr


def test_a_control_character_in_a_workbook_cell_is_refused(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "employees"
    lines = (tmp_path / "data" / "employees.csv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        ws.append(line.split(","))
    ws["B2"] = "Ani\u202eSiregar"  # legal in a workbook, and it reverses what a reader sees
    book = tmp_path / "data" / "employees.xlsx"
    wb.save(book)
    text = scenario.read_text(encoding="utf-8").replace("data/employees.csv", "data/employees.xlsx")
    scenario.write_text(text, encoding="utf-8")
    for stderr in _both(scenario, tmp_path / "run"):
        assert "employees.xlsx[employees], row 2, column 'name'" in stderr
        assert "U+202E" in stderr


def test_a_line_break_inside_a_title_is_a_space_with_a_warning(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "positions.csv", 3, "title", "Analis\nKependudukan")
    validated = cli("validate", scenario)
    assert validated.exit_code == 0, validated.output
    assert "positions.csv, row 3, column 'title'" in validated.stdout
    assert "[line_break_in_cell]" in validated.stdout
    result = cli("solve", scenario, "--out", tmp_path / "run", "--quiet")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "run" / "assignments.csv").read_text(encoding="utf-8")
    assert "Analis Kependudukan" in text
    assert "Analis\nKependudukan" not in text


def test_a_tab_inside_a_unit_does_not_make_a_second_unit(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "positions.csv", 2, "unit", "Dinas\tKominfo")
    result = cli("validate", scenario)
    assert result.exit_code == 0, result.output
    assert "[line_break_in_cell]" in result.stdout


DATES = {
    # case: (row, column, value, rule)
    "tmt_after_as_of": (2, "tmt_jabatan", "2027-01-04", "tmt_after_as_of"),
    "tmt_before_birth": (3, "tmt_jabatan", "1970-01-01", "tmt_before_birth"),
    "birth_after_as_of": (4, "birth_date", "2027-05-05", "birth_after_as_of"),
}


@pytest.mark.parametrize("case", list(DATES))
def test_an_impossible_date_is_refused(case: str, tmp_path: Path) -> None:
    row, column, value, rule = DATES[case]
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "employees.csv", row, column, value)
    for stderr in _both(scenario, tmp_path / "run"):
        assert f"employees.csv, row {row}, column '{column}'" in stderr
        assert f"[{rule}]" in stderr
        assert f"(value '{value}')" in stderr


def test_a_nip_born_after_as_of_is_refused(tmp_path: Path) -> None:
    scenario = tiny(tmp_path, as_of="1983-01-01")  # Citra's NIP says 1982-03-03, Dedi's 1983-04-04
    for stderr in _both(scenario, tmp_path / "run"):
        assert "column 'nip'" in stderr
        assert "[birth_after_as_of]" in stderr


def test_an_appointment_before_age_18_is_a_named_warning(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "employees.csv", 2, "tmt_jabatan", "1990-01-01")  # born 1980
    result = cli("validate", scenario)
    assert result.exit_code == 0, result.output
    assert "employees.csv, row 2, column 'tmt_jabatan'" in result.stdout
    assert "[tmt_before_age_18]" in result.stdout


def test_an_implausible_age_is_a_named_warning(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "employees.csv", 5, "birth_date", "1940-04-04")
    result = cli("validate", scenario)
    assert result.exit_code == 0, result.output
    assert "[implausible_age]" in result.stdout
    assert "86 years old" in result.stdout


def test_a_huge_cell_is_shown_cut_short(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "employees.csv", 2, "golongan", "X" * 200_000)
    result = cli("validate", scenario)
    assert result.exit_code == 2
    assert "XXX..." in result.stderr
    assert len(result.stderr) < 2_000


def test_a_workbook_saved_under_a_csv_name_is_named(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    wb = Workbook()
    wb.save(tmp_path / "data" / "employees.csv")
    for stderr in _both(scenario, tmp_path / "run"):
        assert "[workbook_named_csv]" in stderr
        assert "name it .xlsx" in stderr


def _read_employees_from(scenario: Path, name: str) -> None:
    text = scenario.read_text(encoding="utf-8").replace("data/employees.csv", f"data/{name}")
    scenario.write_text(text, encoding="utf-8")


def test_a_password_protected_workbook_is_named(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    # Encrypted as Excel does it (msoffcrypto-tool, password "rahasia"): the XLSX inside an OLE file.
    shutil.copy(PROTECTED, tmp_path / "data" / "employees.xlsx")
    _read_employees_from(scenario, "employees.xlsx")
    for stderr in _both(scenario, tmp_path / "run"):
        assert "employees.xlsx: workbook is protected with a password (encrypted)" in stderr
        assert "save a copy without the password" in stderr
        assert "[encrypted_workbook]" in stderr
        assert "97-2003" not in stderr  # no guessing between two causes


def test_a_password_protected_workbook_under_a_csv_name_is_named(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    shutil.copy(PROTECTED, tmp_path / "data" / "employees.csv")  # was: "neither UTF-8 nor ..."
    for stderr in _both(scenario, tmp_path / "run"):
        assert "employees.csv: workbook is protected with a password (encrypted)" in stderr
        assert "[encrypted_workbook]" in stderr
        assert "[unknown_encoding]" not in stderr


def test_an_old_xls_workbook_under_an_xlsx_name_is_named(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    book = tmp_path / "data" / "employees.xlsx"
    # An OLE container whose directory names the stream "Workbook", as Excel 97-2003 writes it.
    book.write_bytes(OLE + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 64)
    _read_employees_from(scenario, "employees.xlsx")
    for stderr in _both(scenario, tmp_path / "run"):
        assert "old Excel 97-2003 workbook (.xls)" in stderr
        assert "[xls_workbook]" in stderr


def test_another_ole_file_is_not_taken_for_a_workbook(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    (tmp_path / "data" / "employees.xlsx").write_bytes(OLE + b"\0" * 504)
    _read_employees_from(scenario, "employees.xlsx")
    for stderr in _both(scenario, tmp_path / "run"):
        assert "OLE compound document, not an .xlsx workbook" in stderr
        assert "[unreadable_workbook]" in stderr
