"""``mutasi-opt validate``: counts and warnings when all is well; every problem, exit 2, nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from mutasi_opt.cli import app

DATA = (Path(__file__).resolve().parents[1] / "data" / "tables").resolve()
GOOD = DATA / "good"
runner = CliRunner()

NIP_AS_NUMBER = (
    "NIP was stored as a number, which loses digits (Excel shows 1.97501E+17); "
    "store the NIP column as text"
)

# case folder under tests/data/tables/broken -> the exact line validate prints for it on stderr.
BROKEN_LINES = {
    "duplicate_nip": "  - {b}/duplicate_nip/employees.csv, row 8, column 'nip': NIP appears more than once "
    "(first in row 2) (value '197501012000031001') [duplicate_nip]",
    "nip_scientific": f"  - {{b}}/nip_scientific/employees.csv, row 2, column 'nip': {NIP_AS_NUMBER} "
    "(value '1.97501E+17') [nip_as_number]",
    "nip_float": f"  - {{b}}/nip_float/employees.csv, row 2, column 'nip': {NIP_AS_NUMBER} "
    "(value '197501012000031001.0') [nip_as_number]",
    "nip_wrong_length": "  - {b}/nip_wrong_length/employees.csv, row 2, column 'nip': NIP must have 18 "
    "digits, this one has 17 (value '19750101200003100') [nip_length]",
    "unknown_golongan": "  - {b}/unknown_golongan/employees.csv, row 4, column 'golongan': unknown golongan "
    "(expected I/a…I/d, II/a…II/d, III/a…III/d or IV/a…IV/e) (value 'III/f') [unknown_golongan]",
    "unknown_position": "  - {b}/unknown_position/employees.csv, row 4, column 'position_id': no post "
    "with this position_id in the positions table (value 'P99') [unknown_position]",
    "missing_column": "  - {b}/missing_column/employees.csv, column 'golongan': required column "
    "'golongan' is missing [missing_column]",
    "impossible_date": "  - {b}/impossible_date/employees.csv, row 2, column 'tmt_jabatan': no such day "
    "in the calendar (value '2020-02-31') [impossible_date]",
    "unknown_predikat": "  - {b}/unknown_predikat/employees.csv, row 5, column 'performance': unknown "
    "predikat (expected Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang) (value 'Cukup') "
    "[unknown_predikat]",
    "empty_file": "  - {b}/empty_file/employees.csv: file is empty (no header row) [empty_file]",
    "not_utf8": "  - {b}/not_utf8/employees.csv, row 2: file is neither UTF-8 nor Windows-1252 (cp1252) "
    "text; save it as CSV UTF-8 [unknown_encoding]",
    "score_out_of_range": "  - {b}/score_out_of_range/scores.csv, row 2, column 'score': score must be "
    "0 to 100 (value '101') [score_out_of_range]",
    "duplicate_position": "  - {b}/duplicate_position/positions.csv, row 9, column 'position_id': "
    "position_id appears more than once (first in row 4) (value 'P03') [duplicate_position]",
    "capacity_zero": "  - {b}/capacity_zero/positions.csv, row 5, column 'capacity': capacity must be "
    "at least 1 (value '0') [capacity_below_1]",
    "over_capacity": "  - {g}/positions.csv, row 2, column 'capacity': 2 employees hold this post but its "
    "capacity is 1 (value 'P01') [over_capacity]",
    "level_out_of_range": "  - {b}/level_out_of_range/competencies.csv, row 2, column 'level': level "
    "must be 1 to 5 (value '6') [level_out_of_range]",
    "unknown_competency": "  - {b}/unknown_competency/requirements.csv, row 4, column 'competency': "
    "competency code is not in the competency dictionary (built-in M.01-M.08, SK.01 or the file) "
    "(value 'M.09') [unknown_competency]",
    "preference_unknown_post": "  - {b}/preference_unknown_post/preferences.csv, row 2, column "
    "'position_id': no post with this position_id in the positions table (value 'P99') [unknown_position]",
    "preference_unknown_unit": "  - {b}/preference_unknown_unit/preferences.csv, row 3, column 'unit': "
    "no post of the positions table is in this unit (value 'Dinas Pariwisata') [unknown_unit]",
}


def snapshot(folder: Path) -> list[tuple[str, int]]:
    """Every file under ``folder`` with its size (to show that nothing was written)."""
    return sorted(
        (str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*") if p.is_file()
    )


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of tests/data/tables (validate must write nothing into it)."""
    return Path(shutil.copytree(DATA, tmp_path / "tables"))


def test_valid_scenario_prints_counts(data_copy: Path) -> None:
    before = snapshot(data_copy)
    result = runner.invoke(app, ["validate", str(data_copy / "good" / "scenario.yaml")])
    assert result.exit_code == 0, result.output
    good = data_copy / "good"
    assert result.stdout.splitlines() == [
        "Scenario 'tiny-good' is valid (as of 2026-12-01).",
        f"  employees                     6 rows  {good}/employees.csv",
        f"  positions                     7 rows  {good}/positions.csv",
        f"  competencies                 30 rows  {good}/competencies.csv",
        f"  requirements                 30 rows  {good}/requirements.csv",
        f"  competency_dictionary        10 rows  {good}/competency_dictionary.csv",
        f"  preferences                   4 rows  {good}/preferences.csv",
        f"  scores                        2 rows  {good}/scores.csv",
        "No warnings.",
    ]
    assert result.stderr == ""
    assert snapshot(data_copy) == before


def test_warnings_are_printed_and_counted(data_copy: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(data_copy / "warnings" / "cp1252" / "scenario.yaml")]
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[-2:] == [
        "1 warning:",
        f"  - {data_copy}/warnings/cp1252/employees.csv: file is not UTF-8; read it as Windows-1252 "
        "(cp1252), Excel's Windows CSV encoding. Check names with accents, or save it as CSV UTF-8 "
        "[cp1252_encoding]",
    ]


@pytest.mark.parametrize("case", sorted(BROKEN_LINES))
def test_broken_case_exits_2_with_the_problem(case: str, data_copy: Path) -> None:
    before = snapshot(data_copy)
    result = runner.invoke(app, ["validate", str(data_copy / "broken" / case / "scenario.yaml")])
    assert result.exit_code == 2
    expected = BROKEN_LINES[case].format(b=data_copy / "broken", g=data_copy / "good")
    assert result.stderr.splitlines() == ["1 problem in the input:", expected]
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert snapshot(data_copy) == before


def test_many_problems_are_grouped_by_rule(tmp_path: Path) -> None:
    rows = (GOOD / "employees.csv").read_text(encoding="utf-8").splitlines()
    header, first = rows[0], rows[1]
    people = [first.replace("197501012000031001", f"1.975010120000{k:02d}E+17") for k in range(8)]
    people += [
        first.replace("197501012000031001", f"19750101200003100{k}").replace("IV/c", "IV/x")
        for k in range(4)
    ]
    (tmp_path / "employees.csv").write_text("\n".join([header, *people]) + "\n", encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        f"name: many\ndata:\n  employees: employees.csv\n  positions: {GOOD}/positions.csv\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "13 problems in the input:"
    headers = [line for line in lines if not line.startswith("  ")]
    assert headers == [
        "13 problems in the input:",
        "nip_as_number (8):",
        "unknown_golongan (4):",
        "over_capacity (1):",
    ]
    assert len(lines) == 1 + 3 + 13


def test_misspelt_scenario_key(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        f"name: typo\ndata:\n  employees: {GOOD}/employees.csv\n  positions: {GOOD}/positions.csv\n"
        "rules:\n  min_tenure_month: 12\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "1 problem in the input:",
        f"  - {scenario}, key 'rules.min_tenure_month': unknown key (check the spelling) [unknown_key]",
    ]


def test_wrong_type_in_scenario(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        f"name: t\ndata:\n  employees: {GOOD}/employees.csv\n  positions: {GOOD}/positions.csv\n"
        "solver:\n  time_limit_s: sebentar\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        f"  - {scenario}, key 'solver.time_limit_s': Input should be a valid number, unable to parse "
        "string as a number (value 'sebentar') [bad_value]"
    )


def test_table_paths_that_do_not_exist(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: t\ndata:\n  employees: pegawai.csv\n  positions: jabatan.xlsx\n"
        f"  preferences: {GOOD}/preferences.csv\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "2 problems in the input:",
        f"  - {tmp_path}/pegawai.csv: file named by data.employees does not exist [file_not_found]",
        f"  - {tmp_path}/jabatan.xlsx: file named by data.positions does not exist [file_not_found]",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml"]


def test_missing_scenario_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "1 problem in the input:",
        f"  - {tmp_path}/nope.yaml: scenario file does not exist [file_not_found]",
    ]


def _run_module(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mutasi_opt", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_python_dash_m_validate(data_copy: Path) -> None:
    """The real program: exit codes, streams, no traceback."""
    bad = _run_module("validate", str(data_copy / "broken" / "duplicate_nip" / "scenario.yaml"))
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "1 problem in the input:",
        BROKEN_LINES["duplicate_nip"].format(b=data_copy / "broken"),
    ]
    good = _run_module("validate", str(data_copy / "good" / "scenario.yaml"))
    assert good.returncode == 0, good.stderr
    assert good.stdout.splitlines()[-1] == "No warnings."
    assert good.stderr == ""


def test_workbook_with_numeric_nip(tmp_path: Path) -> None:
    """nip_as_float.xlsx: a workbook whose NIP cell holds a number."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "employees"
    for k, row in enumerate((GOOD / "employees.csv").read_text(encoding="utf-8").splitlines()):
        cells: list[object] = row.split(",")
        if k == 3:
            cells[0] = float(str(cells[0]))
        sheet.append(cells)
    positions = book.create_sheet("positions")
    for row in (GOOD / "positions.csv").read_text(encoding="utf-8").splitlines():
        positions.append(row.split(","))
    book.save(tmp_path / "nip_as_float.xlsx")
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: wb\ndata:\n  workbook: nip_as_float.xlsx\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "1 problem in the input:",
        f"  - {tmp_path}/nip_as_float.xlsx[employees], row 4, column 'nip': {NIP_AS_NUMBER} "
        "(value '1.99001202015031e+17') [nip_as_number]",
    ]


def test_thousands_of_problems_of_one_rule_are_counted_not_all_printed(tmp_path: Path) -> None:
    from mutasi_opt.cli.common import MAX_PER_RULE

    n = MAX_PER_RULE + 50
    rows = "\n".join(f"12345,Pegawai {i},,III/a,S1,,Baik" for i in range(n))
    (tmp_path / "employees.csv").write_text(
        "nip,name,position_id,golongan,education,tmt_jabatan,performance\n" + rows + "\n"
    )
    (tmp_path / "positions.csv").write_text("position_id,title,unit,kind\nP1,Staf,OPD,pelaksana\n")
    (tmp_path / "s.yaml").write_text(
        "name: t\ndata: {employees: employees.csv, positions: positions.csv}\n"
    )
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "s.yaml")])
    assert result.exit_code == 2
    assert f"nip_length ({n}):" in result.stderr
    assert result.stderr.count("[nip_length]") == MAX_PER_RULE
    assert "... and 50 more of nip_length" in result.stderr
