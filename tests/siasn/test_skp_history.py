"""``data.skp_history``: nip, year, predikat fill performance and performance_prev (tables/skp.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from mutasi_opt.errors import InputError
from mutasi_opt.scenario import TABLE_KEYS, scenario_from_dict
from mutasi_opt.tables.read import load_tables, read_tables

POSITIONS = (
    "position_id,title,unit,kind\nP1,Analis,Dinas A,pelaksana\nP2,Analis,Dinas B,pelaksana\n"
)
EMPLOYEES = (
    "nip,name,position_id,golongan,education,tmt_jabatan\n"
    "198807082010011005,Joko,P1,II/c,SMA,2018-05-14\n"
    "199001012015032006,Ani,P2,III/a,S1,2019-01-02\n"
)
HISTORY = (
    "nipBaru,tahun,kuadranKinerja,hasilKinerja\n"
    "198807082010011005,2023,BUTUH PERBAIKAN,DI BAWAH EKSPEKTASI\n"
    "198807082010011005,2025,SANGAT BAIK,DI ATAS EKSPEKTASI\n"
    "198807082010011005,2024,BAIK,SESUAI EKSPEKTASI\n"
    "199001012015032006,2025,KURANG/MISCONDUCT,SESUAI EKSPEKTASI\n"
)


def paths(tmp_path: Path, employees: str = EMPLOYEES, history: str = HISTORY) -> dict[str, Path]:
    out = {}
    for name, text in (
        ("employees", employees),
        ("positions", POSITIONS),
        ("skp_history", history),
    ):
        out[name] = tmp_path / f"{name}.csv"
        out[name].write_text(text, encoding="utf-8")
    return out


def test_the_two_latest_years_fill_performance_and_performance_prev(tmp_path: Path) -> None:
    tables = read_tables(paths(tmp_path))
    e = tables.employees.set_index("nip")
    assert tuple(e.loc["198807082010011005", ["performance", "performance_prev"]]) == (
        "Sangat Baik",
        "Baik",
    )
    assert tuple(e.loc["199001012015032006", ["performance", "performance_prev"]]) == (
        "Kurang",
        None,
    )
    assert "skp_history" in tables.sources
    assert [w.rule for w in tables.warnings if w.rule.startswith("skp")] == []


def test_a_value_written_in_employees_wins_with_a_warning_naming_both(tmp_path: Path) -> None:
    employees = EMPLOYEES.replace("tmt_jabatan\n", "tmt_jabatan,performance\n", 1)
    employees = employees.replace("2018-05-14\n", "2018-05-14,Baik\n").replace(
        "2019-01-02\n", "2019-01-02,\n"
    )
    tables = read_tables(paths(tmp_path, employees))
    e = tables.employees.set_index("nip")
    assert e.loc["198807082010011005", "performance"] == "Baik"
    assert e.loc["199001012015032006", "performance"] == "Kurang"
    (warning,) = [w for w in tables.warnings if w.rule == "skp_history_differs"]
    assert (warning.row, warning.column, warning.value) == (2, "performance", "Baik")
    assert "'Sangat Baik' for 2025" in warning.message


def test_a_stale_latest_year_is_used_with_a_warning(tmp_path: Path) -> None:
    history = HISTORY.replace("199001012015032006,2025", "199001012015032006,2022")
    tables = read_tables(paths(tmp_path, history=history))
    assert tables.employees.set_index("nip").loc["199001012015032006", "performance"] == "Kurang"
    (warning,) = [w for w in tables.warnings if w.rule == "skp_history_stale"]
    assert warning.row == 3
    assert "2022" in warning.message
    assert "2025" in warning.message


def test_history_errors_come_all_at_once(tmp_path: Path) -> None:
    history = (
        HISTORY
        + "198807082010011005,2025,BAIK,SESUAI EKSPEKTASI\n"  # the same year twice
        + "197001011995031001,2025,BAIK,SESUAI EKSPEKTASI\n"  # nobody of the round
        + "199001012015032006,20x5,BAIK,SESUAI EKSPEKTASI\n"  # not a year
        + "199001012015032006,2024,LUAR BIASA,SESUAI EKSPEKTASI\n"  # not a predikat
    )
    with pytest.raises(InputError) as caught:
        read_tables(paths(tmp_path, history=history))
    assert [(i.rule, i.row, i.column) for i in caught.value.issues] == [
        ("not_a_number", 8, "tahun"),
        ("unknown_predikat", 9, "kuadranKinerja"),
        ("duplicate_skp_year", 6, "tahun"),
        ("unknown_nip", 7, "nipBaru"),
    ]


def test_a_person_with_no_performance_anywhere_is_an_error(tmp_path: Path) -> None:
    history = "\n".join(HISTORY.splitlines()[:-1]) + "\n"  # Ani's only row removed
    with pytest.raises(InputError) as caught:
        read_tables(paths(tmp_path, history=history))
    (issue,) = caught.value.issues
    assert (issue.rule, issue.row, issue.column) == ("missing_value", 3, "performance")
    assert "no year for this NIP in skp_history" in issue.message


def test_skp_history_is_a_scenario_key(tmp_path: Path) -> None:
    assert "skp_history" in TABLE_KEYS
    files = paths(tmp_path)
    scenario = scenario_from_dict(
        {"name": "skp", "as_of": "2026-12-01", "data": {k: str(v) for k, v in files.items()}}
    )
    assert scenario.data.skp_history == files["skp_history"]
    e = load_tables(scenario).employees
    assert e["performance"].tolist() == ["Sangat Baik", "Kurang"]


def test_skp_history_is_read_from_the_workbook_sheet_of_that_name(tmp_path: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, path in paths(tmp_path).items():
        sheet = book.create_sheet(name)
        for line in path.read_text(encoding="utf-8").splitlines():
            sheet.append(line.split(","))
    book.save(tmp_path / "round.xlsx")
    tables = read_tables({}, workbook=tmp_path / "round.xlsx")
    assert tables.employees["performance_prev"].tolist() == ["Baik", None]
    assert tables.sources["skp_history"].endswith("round.xlsx[skp_history]")
