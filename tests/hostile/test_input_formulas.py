"""Workbook cells that hold a formula but no computed value (issue 13, item 12).

A program that does not calculate (openpyxl, many scripts and exporters) saves a formula without
the value Excel would store beside it; read as values such a cell looks empty. It is named for
what it is: one ``formula_without_value`` error per cell with file, sheet, row and column, never
"needs a value", never read silently as an empty optional cell; exit 2 and nothing written, in
``validate`` and ``solve`` alike. A formula with its computed value is read as that value."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

from .kit import cli, hidden, tiny

ROW2 = "employees.xlsx[employees], row 2"
EMPLOYEES = ("nip", "name", "position_id", "golongan", "education", "tmt_jabatan", "performance",
             "performance_prev", "potential", "birth_date", "status", "locked")  # fmt: skip


def _as_workbook(folder: Path, scenario: Path, formulas: dict[str, str]) -> Path:
    """employees.csv as employees.xlsx (written by openpyxl: formulas get no value), with some
    cells (``"D2"``) set to formulas; the scenario reads the workbook. Returns the workbook."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "employees"
    lines = (folder / "data" / "employees.csv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        ws.append(line.split(","))
    for cell, formula in formulas.items():
        ws[cell] = formula
    book = folder / "data" / "employees.xlsx"
    wb.save(book)
    text = scenario.read_text(encoding="utf-8").replace("data/employees.csv", "data/employees.xlsx")
    scenario.write_text(text, encoding="utf-8")
    return book


def _cache(book: Path, cell: str, value: str, kind: str = "str") -> None:
    """Store ``value`` as the computed value of the formula in ``cell``, as Excel would."""
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(book) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    xml = entries[part].decode("utf-8")
    # An empty value is <v/> or <v></v>, as openpyxl writes it with or without lxml.
    pattern = re.compile(rf'<c r="{cell}"([^>]*)>(<f>.*?</f>)(?:<v\s*/>|<v></v>)')
    xml, n = pattern.subn(rf'<c r="{cell}"\1 t="{kind}">\2<v>{value}</v>', xml)
    assert n == 1, xml
    entries[part] = xml.encode("utf-8")
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def _refused(scenario: Path, out: Path) -> tuple[str, str]:
    """validate and solve both exit 2 and write nothing; their stderr."""
    validated = cli("validate", scenario)
    solved = cli("solve", scenario, "--out", out, "--quiet")
    assert (validated.exit_code, solved.exit_code) == (2, 2), (validated.output, solved.output)
    assert not out.exists()
    assert hidden(out.parent) == []
    return validated.stderr, solved.stderr


def test_a_formula_without_a_value_is_named_not_missing(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    _as_workbook(tmp_path, scenario, {"D2": '="III/"&"c"'})
    for stderr in _refused(scenario, tmp_path / "run"):
        assert f"{ROW2}, column 'golongan'" in stderr
        assert "holds a formula but no computed value" in stderr
        assert "save it in Excel or LibreOffice" in stderr
        assert "[formula_without_value]" in stderr
        assert '(value \'="III/"&"c"\')' in stderr
        assert "needs a value" not in stderr
        assert stderr.count("[formula_without_value]") == 1


def test_each_formula_cell_is_one_issue(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    _as_workbook(tmp_path, scenario, {"B3": "=UPPER(B2)", "E4": '="S"&1', "A5": "=A4+1"})
    for stderr in _refused(scenario, tmp_path / "run"):
        assert stderr.count("[formula_without_value]") == 3
        assert "row 3, column 'name'" in stderr
        assert "row 4, column 'education'" in stderr
        assert "row 5, column 'nip'" in stderr
        assert "unknown_nip" not in stderr
        assert "missing_value" not in stderr


def test_a_formula_in_an_optional_column_is_not_read_as_empty(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    # potential may be empty (counted as the middle of the scale): a formula is not "empty".
    _as_workbook(tmp_path, scenario, {"I2": '=IF(1,"tinggi","rendah")'})
    for stderr in _refused(scenario, tmp_path / "run"):
        assert f"{ROW2}, column 'potential'" in stderr
        assert "[formula_without_value]" in stderr


def test_a_row_of_formulas_is_not_dropped_as_empty(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    row7 = {f"{chr(ord('A') + k)}7": f"=A6&{k}" for k in range(len(EMPLOYEES))}
    _as_workbook(tmp_path, scenario, row7)
    for stderr in _refused(scenario, tmp_path / "run"):
        assert stderr.count("[formula_without_value]") == len(EMPLOYEES)
        assert "employees.xlsx[employees], row 7, column 'nip'" in stderr


def test_a_header_made_by_a_formula_is_named(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    _as_workbook(tmp_path, scenario, {"D1": '="golo"&"ngan"'})
    for stderr in _refused(scenario, tmp_path / "run"):
        assert "employees.xlsx[employees], row 1, column 'D'" in stderr
        assert "[formula_without_value]" in stderr


def test_a_formula_with_its_computed_value_is_read_as_that_value(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    book = _as_workbook(tmp_path, scenario, {"D2": '="III/"&"c"', "I2": '=IF(1,"","x")'})
    _cache(book, "D2", "III/c")
    _cache(book, "I2", "")  # a formula that computed an empty text: an empty cell
    result = cli("validate", scenario)
    assert result.exit_code == 0, result.output
    solved = cli("solve", scenario, "--out", tmp_path / "run", "--quiet")
    assert solved.exit_code == 0, solved.output
    assert (tmp_path / "run" / "assignments.csv").is_file()


def test_a_formula_in_the_scenarios_workbook_names_its_sheet(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for name in ("employees", "positions"):
        ws = wb.create_sheet(name)
        for line in (tmp_path / "data" / f"{name}.csv").read_text(encoding="utf-8").splitlines():
            ws.append(line.split(","))
    wb["positions"]["C4"] = "=C3"  # unit: was it the unit above?
    wb.save(tmp_path / "data" / "book.xlsx")
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("  employees: data/employees.csv\n", "  workbook: data/book.xlsx\n")
    text = text.replace("  positions: data/positions.csv\n", "")
    scenario.write_text(text, encoding="utf-8")
    for stderr in _refused(scenario, tmp_path / "run"):
        assert "book.xlsx[positions], row 4, column 'unit'" in stderr
        assert "(value '=C3')" in stderr
        assert "[formula_without_value]" in stderr
