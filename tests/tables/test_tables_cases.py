"""The named data files: the good set loads exactly; each broken file fails with exactly its defect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.tables.read import read_tables

DATA = Path(__file__).resolve().parents[1] / "data" / "tables"

Expected = tuple[str, str, int | None, str | None, str | None, str]

NIP_AS_NUMBER = (
    "NIP was stored as a number, which loses digits (Excel shows 1.97501E+17); "
    "store the NIP column as text"
)
UNKNOWN_POST = "no post with this position_id in the positions table"

# case -> every error it must produce: (rule, file under tests/data/tables, row, column, value, message)
BROKEN: dict[str, list[Expected]] = {
    "capacity_zero": [
        ("capacity_below_1", "broken/capacity_zero/positions.csv", 5, "capacity", "0",
         "capacity must be at least 1"),
    ],
    "duplicate_competency": [
        ("duplicate_competency", "broken/duplicate_competency/competencies.csv", 32, "nip",
         "197501012000031001, M.01", "this NIP and competency appears more than once (first in row 2)"),
    ],
    "duplicate_nip": [
        ("duplicate_nip", "broken/duplicate_nip/employees.csv", 8, "nip", "197501012000031001",
         "NIP appears more than once (first in row 2)"),
    ],
    "duplicate_position": [
        ("duplicate_position", "broken/duplicate_position/positions.csv", 9, "position_id", "P03",
         "position_id appears more than once (first in row 4)"),
    ],
    "duplicate_rank": [
        ("duplicate_rank", "broken/duplicate_rank/preferences.csv", 3, "nip", "199505052019032004, 1",
         "this NIP and rank appears more than once (first in row 2)"),
    ],
    "empty_file": [
        ("empty_file", "broken/empty_file/employees.csv", None, None, None, "file is empty (no header row)"),
    ],
    "golongan_range_inverted": [
        ("golongan_range_inverted", "broken/golongan_range_inverted/positions.csv", 4, "min_golongan",
         "IV/a > III/d", "min_golongan is above max_golongan"),
    ],
    "header_only": [
        ("no_rows", "broken/header_only/employees.csv", None, None, None, "the employees table has no rows"),
    ],
    "impossible_date": [
        ("impossible_date", "broken/impossible_date/employees.csv", 2, "tmt_jabatan", "2020-02-31",
         "no such day in the calendar"),
    ],
    "invalid_date": [
        ("invalid_date", "broken/invalid_date/employees.csv", 2, "tmt_jabatan", "Januari 2021",
         "not a date (write YYYY-MM-DD or DD/MM/YYYY)"),
    ],
    "level_out_of_range": [
        ("level_out_of_range", "broken/level_out_of_range/competencies.csv", 2, "level", "6",
         "level must be 1 to 5"),
    ],
    "missing_column": [
        ("missing_column", "broken/missing_column/employees.csv", None, "golongan", None,
         "required column 'golongan' is missing"),
    ],
    "missing_jenjang": [
        ("missing_jenjang", "broken/missing_jenjang/positions.csv", 5, "jenjang", None,
         "a fungsional post needs a jenjang"),
    ],
    "missing_tmt_jabatan": [
        ("missing_tmt_jabatan", "broken/missing_tmt_jabatan/employees.csv", 4, "tmt_jabatan", None,
         "a placed employee needs a tmt_jabatan"),
    ],
    "missing_value": [
        ("missing_value", "broken/missing_value/employees.csv", 4, "name", None, "name needs a value"),
    ],
    "nip_bad_birth_date": [
        ("nip_birth_date", "broken/nip_bad_birth_date/employees.csv", 4, "nip", "199013202015031003",
         "the NIP's digits 1-8 are not a birth date (YYYYMMDD)"),
    ],
    "nip_bad_gender": [
        ("nip_gender", "broken/nip_bad_gender/employees.csv", 4, "nip", "199001202015033003",
         "the NIP's digit 15 must be 1 (man) or 2 (woman)"),
    ],
    "nip_float": [
        ("nip_as_number", "broken/nip_float/employees.csv", 2, "nip", "197501012000031001.0", NIP_AS_NUMBER),
    ],
    "nip_scientific": [
        ("nip_as_number", "broken/nip_scientific/employees.csv", 2, "nip", "1.97501E+17", NIP_AS_NUMBER),
    ],
    "nip_wrong_length": [
        ("nip_length", "broken/nip_wrong_length/employees.csv", 2, "nip", "19750101200003100",
         "NIP must have 18 digits, this one has 17"),
    ],
    "not_a_bool": [
        ("not_a_bool", "broken/not_a_bool/employees.csv", 6, "locked", "mungkin",
         "not a yes/no value (write true/false, ya/tidak or 1/0)"),
    ],
    "not_utf8": [
        ("unknown_encoding", "broken/not_utf8/employees.csv", 2, None, None,
         "file is neither UTF-8 nor Windows-1252 (cp1252) text; save it as CSV UTF-8"),
    ],
    "over_capacity": [
        ("over_capacity", "good/positions.csv", 2, "capacity", "P01",
         "2 employees hold this post but its capacity is 1"),
    ],
    "preference_both_targets": [
        ("preference_target", "broken/preference_both_targets/preferences.csv", 2, "position_id", "P02",
         "name a post or a unit, not both"),
    ],
    "preference_unknown_post": [
        ("unknown_position", "broken/preference_unknown_post/preferences.csv", 2, "position_id", "P99",
         UNKNOWN_POST),
    ],
    "preference_unknown_unit": [
        ("unknown_unit", "broken/preference_unknown_unit/preferences.csv", 3, "unit", "Dinas Pariwisata",
         "no post of the positions table is in this unit"),
    ],
    "priority_out_of_range": [
        ("priority_out_of_range", "broken/priority_out_of_range/positions.csv", 7, "priority", "9",
         "priority must be 1 to 5"),
    ],
    "ragged_row": [
        ("csv_syntax", "broken/ragged_row/employees.csv", 2, None, None,
         "row has 13 fields but the header has 12 (an unquoted comma inside a value?)"),
    ],
    "score_out_of_range": [
        ("score_out_of_range", "broken/score_out_of_range/scores.csv", 2, "score", "101",
         "score must be 0 to 100"),
    ],
    "score_unknown_nip": [
        ("unknown_nip", "broken/score_unknown_nip/scores.csv", 3, "nip", "199212122020122099",
         "no employee with this NIP"),
    ],
    "unknown_competency": [
        ("unknown_competency", "broken/unknown_competency/requirements.csv", 4, "competency", "M.09",
         "competency code is not in the competency dictionary (built-in M.01-M.08, SK.01 or the file)"),
    ],
    "unknown_competency_nip": [
        ("unknown_nip", "broken/unknown_competency_nip/competencies.csv", 32, "nip", "199901012020011099",
         "no employee with this NIP"),
    ],
    "unknown_education": [
        ("unknown_education", "broken/unknown_education/employees.csv", 6, "education", "S4",
         "unknown education (expected SD, SMP, SMA, D1-D4, S1-S3)"),
    ],
    "unknown_golongan": [
        ("unknown_golongan", "broken/unknown_golongan/employees.csv", 4, "golongan", "III/f",
         "unknown golongan (expected I/a…I/d, II/a…II/d, III/a…III/d or IV/a…IV/e)"),
    ],
    "unknown_position": [
        ("unknown_position", "broken/unknown_position/employees.csv", 4, "position_id", "P99", UNKNOWN_POST),
    ],
    "unknown_predikat": [
        ("unknown_predikat", "broken/unknown_predikat/employees.csv", 5, "performance", "Cukup",
         "unknown predikat (expected Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang)"),
    ],
}  # fmt: skip

# case -> the one warning it must produce (and load fine).
WARNINGS: dict[str, Expected] = {
    "birth_date_mismatch": (
        "birth_date_mismatch", "warnings/birth_date_mismatch/employees.csv", 3, "birth_date", "1982-03-16",
        "birth date differs from the NIP's (1982-03-15); the given birth date is used",
    ),
    "cp1252": (
        "cp1252_encoding", "warnings/cp1252/employees.csv", None, None, None,
        "file is not UTF-8; read it as Windows-1252 (cp1252), Excel's Windows CSV encoding. "
        "Check names with accents, or save it as CSV UTF-8",
    ),
    "no_competency_data": (
        "no_competency_data", "good/employees.csv", 7, "nip", "199212122020122006",
        "no competency data for this person (match 0)",
    ),
    "no_requirements": (
        "no_requirements", "good/positions.csv", 6, "position_id", "P05",
        "active post with no competency requirements",
    ),
    "unused_column": (
        "unused_column", "warnings/unused_column/employees.csv", None, "catatan", None,
        "column is not used by the engine; ignored",
    ),
}  # fmt: skip


def as_tuple(issue: InputIssue) -> Expected:
    """An issue with its file relative to tests/data/tables."""
    file = str(Path(issue.file).relative_to(DATA)) if issue.file else ""
    return (issue.rule, file, issue.row, issue.column, issue.value, issue.message)


def test_every_broken_folder_is_covered() -> None:
    assert sorted(p.name for p in (DATA / "broken").iterdir()) == sorted(BROKEN)
    assert sorted(p.name for p in (DATA / "warnings").iterdir()) == sorted(WARNINGS)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_case_reports_exactly_its_defect(
    case: str, case_paths: Callable[[str, str], dict[str, Path]]
) -> None:
    with pytest.raises(InputError) as caught:
        read_tables(case_paths("broken", case))
    assert [as_tuple(i) for i in caught.value.issues] == BROKEN[case]
    assert all(i.severity == "error" for i in caught.value.issues)


@pytest.mark.parametrize("case", sorted(WARNINGS))
def test_warning_case_loads_and_warns(
    case: str, case_paths: Callable[[str, str], dict[str, Path]]
) -> None:
    tables = read_tables(case_paths("warnings", case))
    assert [as_tuple(w) for w in tables.warnings] == [WARNINGS[case]]
    assert all(w.severity == "warning" for w in tables.warnings)


def test_cp1252_file_is_read_correctly(case_paths: Callable[[str, str], dict[str, Path]]) -> None:
    tables = read_tables(case_paths("warnings", "cp1252"))
    assert tables.employees["name"].iloc[5] == "Maya Sari Dé"


def test_birth_date_given_wins_over_nip(case_paths: Callable[[str, str], dict[str, Path]]) -> None:
    tables = read_tables(case_paths("warnings", "birth_date_mismatch"))
    assert tables.employees["birth_date"].iloc[1] == pd.Timestamp("1982-03-16")


def test_many_problems_are_reported_at_once(tmp_path: Path, good_paths: dict[str, Path]) -> None:
    """Schema errors of several tables and cross-table errors come out together."""
    employees = good_paths["employees"].read_text(encoding="utf-8")
    employees = employees.replace("197501012000031001", "1.97501E+17").replace(
        "P03,III/c", "P99,III/x"
    )
    (tmp_path / "employees.csv").write_text(employees, encoding="utf-8")
    scores = "nip,position_id,score\n199212122020122006,P04,150\n"
    (tmp_path / "scores.csv").write_text(scores, encoding="utf-8")
    paths = {
        **good_paths,
        "employees": tmp_path / "employees.csv",
        "scores": tmp_path / "scores.csv",
    }
    with pytest.raises(InputError) as caught:
        read_tables(paths)
    rules = [(i.rule, i.row) for i in caught.value.issues]
    # NIP references are not checked while an employee's NIP is broken (that would repeat the
    # problem once per reference); the unknown post is still reported.
    assert rules == [
        ("nip_as_number", 2),
        ("unknown_golongan", 4),
        ("score_out_of_range", 2),
        ("unknown_position", 4),
    ]


# ------------------------------------------------------------------------------------------------
# The good set, value by value.


def test_good_set_loads_without_warnings(good_paths: dict[str, Path]) -> None:
    tables = read_tables(good_paths)
    assert tables.warnings == []
    assert tables.counts() == {
        "employees": 6,
        "positions": 7,
        "competencies": 30,
        "requirements": 30,
        "competency_dictionary": 10,
        "preferences": 4,
        "scores": 2,
    }
    assert tables.sources == {t: str(p) for t, p in good_paths.items()}


def test_good_employees_values_and_dtypes(good_paths: dict[str, Path]) -> None:
    e = read_tables(good_paths).employees
    assert list(e.columns) == [
        "nip", "name", "position_id", "golongan", "education", "tmt_jabatan", "performance",
        "performance_prev", "potential", "birth_date", "status", "locked", "asn_type", "qualifications", "gender",
        "cpns_date", "status_name",
    ]  # fmt: skip
    assert e["asn_type"].tolist() == ["PNS"] * 6
    assert e["nip"].tolist()[:2] == ["197501012000031001", "198203152006042002"]
    assert e["position_id"].tolist() == ["P01", "P02", "P03", "P04", "P05", None]
    assert e["golongan"].tolist() == ["IV/c", "IV/a", "III/c", "III/a", "II/c", "III/b"]
    assert e["education"].tolist() == ["S2", "S1", "S1", "S1", "SMA", "D4"]
    assert e["tmt_jabatan"].dtype == np.dtype("datetime64[ns]")
    assert e["tmt_jabatan"].iloc[0] == pd.Timestamp("2021-01-04")
    assert pd.isna(e["tmt_jabatan"].iloc[5])
    assert e["performance_prev"].iloc[4] is None
    assert e["potential"].iloc[4] is None
    # birth_date: given for row 2, from the NIP for the others.
    assert e["birth_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "1975-01-01", "1982-03-15", "1990-01-20", "1995-05-05", "1988-07-08", "1992-12-12",
    ]  # fmt: skip
    assert e["gender"].tolist() == ["L", "P", "L", "P", "L", "P"]
    assert e["cpns_date"].dt.strftime("%Y-%m").tolist() == [
        "2000-03", "2006-04", "2015-03", "2019-03", "2010-01", "2020-12",
    ]  # fmt: skip
    assert e["status"].tolist() == ["aktif", "aktif", "aktif", "cuti", "aktif", "aktif"]
    assert e["locked"].dtype == np.dtype(bool)
    assert e["locked"].tolist() == [False, False, False, False, True, False]
    assert isinstance(e.index, pd.RangeIndex)


def test_good_positions_values_and_dtypes(good_paths: dict[str, Path]) -> None:
    p = read_tables(good_paths).positions
    assert p["capacity"].dtype == np.dtype("int64")
    assert p["capacity"].tolist() == [1, 1, 1, 2, 1, 1, 1]
    assert p["priority"].tolist() == [5, 4, 3, 3, 2, 5, 1]
    assert p["jenjang"].tolist() == [None, None, None, "ahli_pertama", None, None, None]
    assert p["min_golongan"].tolist() == ["IV/c", "IV/a", "III/c", "III/a", None, "IV/c", "III/c"]
    assert p["status"].tolist() == ["active"] * 6 + ["abolished"]
    assert p["needs_external_approval"].tolist() == [False] * 5 + [True, False]


def test_good_small_tables(good_paths: dict[str, Path]) -> None:
    t = read_tables(good_paths)
    assert t.competencies["level"].dtype == np.dtype("int64")
    assert t.competencies.iloc[0].tolist() == ["197501012000031001", "M.01", 2]
    d = t.competency_dictionary
    assert d["code"].tolist() == [
        "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01", "T.KOM.01",
    ]  # fmt: skip
    assert d.iloc[-1].tolist() == ["T.KOM.01", "Pengelolaan Infrastruktur TIK", "teknis"]
    prefs = t.preferences
    assert str(prefs["rank"].dtype) == "Int64"
    assert prefs["rank"].tolist()[:2] == [1, 2]
    assert prefs["rank"].isna().tolist() == [False, False, True, False]
    assert prefs["unit"].tolist() == [None, "Disdukcapil", None, None]
    assert prefs["refuse"].tolist() == [False, False, True, False]
    assert t.scores["score"].tolist() == [82.5, 70.0]


def test_optional_tables_absent_are_empty_with_columns(good_paths: dict[str, Path]) -> None:
    t = read_tables({"employees": good_paths["employees"], "positions": good_paths["positions"]})
    assert t.preferences.empty
    assert list(t.preferences.columns) == ["nip", "rank", "position_id", "unit", "refuse"]
    assert t.scores["score"].dtype == np.dtype("float64")
    assert len(t.competency_dictionary) == 9
    assert [w.rule for w in t.warnings] == ["no_competency_table", "no_requirements_table"]


def test_missing_files_are_all_named(tmp_path: Path, good_paths: dict[str, Path]) -> None:
    paths = {
        **good_paths,
        "employees": tmp_path / "pegawai.csv",
        "scores": tmp_path / "skor.csv",
    }
    with pytest.raises(InputError) as caught:
        read_tables(paths)
    assert [(i.rule, i.file, i.message) for i in caught.value.issues] == [
        (
            "file_not_found",
            str(tmp_path / "pegawai.csv"),
            "file named by data.employees does not exist",
        ),
        ("file_not_found", str(tmp_path / "skor.csv"), "file named by data.scores does not exist"),
    ]


def test_old_xls_is_refused(tmp_path: Path, good_paths: dict[str, Path]) -> None:
    xls = tmp_path / "positions.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as caught:
        read_tables({**good_paths, "positions": xls})
    assert [(i.rule, i.message) for i in caught.value.issues] == [
        (
            "unsupported_format",
            "data.positions must be a .csv or .xlsx file (old .xls workbooks: save as .xlsx)",
        ),
    ]
