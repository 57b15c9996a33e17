"""Hypothesis: random valid tables read back exactly; one corrupted cell is reported exactly there."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from mutasi_opt.domain import (
    ASN_TYPES,
    EDUCATION,
    EMPLOYEE_STATUS,
    GOLONGAN,
    JENJANG,
    KINDS,
    POSITION_STATUS,
    POTENTIAL,
    PREDIKAT,
)
from mutasi_opt.errors import InputError
from mutasi_opt.tables.model import EMPLOYEE_COLUMNS, POSITION_COLUMNS
from mutasi_opt.tables.read import read_tables

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Free text as people type it: letters (also non-ASCII), digits, spaces inside, punctuation that
# CSV must quote. No control characters, no leading "=" (a workbook would take it as a formula).
_TEXT = (
    st.text(
        alphabet=st.characters(categories=["L", "N"], include_characters=" ,.'\"-/()&"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    # A leading apostrophe (Excel's text mark) and the word "null" are read as SIASN exports
    # mean them (tables/source.py); tested by example in tests/tables/test_siasn_shapes.py.
    .filter(lambda s: s != "" and not s.startswith("'") and s.lower() != "null")
)
_DATES = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2025, 12, 31))


@dataclass
class Instance:
    """Rows of a valid employees and positions table, as Python values."""

    employees: list[dict[str, Any]]
    positions: list[dict[str, Any]]


@st.composite
def positions_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = draw(st.lists(_TEXT, min_size=1, max_size=6, unique=True))
    rows = []
    for pid in ids:
        kind = draw(st.sampled_from(KINDS))
        lo, hi = sorted(
            draw(st.lists(st.sampled_from(GOLONGAN), min_size=2, max_size=2)), key=GOLONGAN.index
        )
        ranged = draw(st.booleans())
        rows.append(
            {
                "position_id": pid,
                "title": draw(_TEXT),
                "unit": draw(st.sampled_from(["Dinas A", "Dinas B", "Kecamatan C"])),
                "kind": kind,
                "jenjang": draw(st.sampled_from(JENJANG)) if kind == "fungsional" else None,
                "capacity": draw(st.integers(1, 3)),
                "min_golongan": lo if ranged else None,
                "max_golongan": hi if ranged else None,
                "min_education": draw(st.none() | st.sampled_from(EDUCATION)),
                "priority": draw(st.integers(1, 5)),
                "status": draw(st.sampled_from(POSITION_STATUS)),
                "needs_external_approval": draw(st.booleans()),
                "family": draw(st.none() | st.sampled_from(["Guru", "Perawat", "Bidan"])),
            }
        )
    return rows


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    positions = draw(positions_rows())
    free = {p["position_id"]: p["capacity"] for p in positions}
    n = draw(st.integers(1, 8))
    employees = []
    for k in range(n):
        birth = draw(_DATES)
        cpns = draw(_DATES)
        gender = draw(st.sampled_from("12"))
        nip = f"{birth:%Y%m%d}{cpns:%Y%m}{gender}{k + 1:03d}"
        open_posts = [pid for pid, c in free.items() if c > 0]
        post = draw(st.none() | st.sampled_from(open_posts)) if open_posts else None
        if post is not None:
            free[post] -= 1
        own_birth = draw(st.booleans())
        employees.append(
            {
                "nip": nip,
                "name": draw(_TEXT),
                "position_id": post,
                "golongan": draw(st.sampled_from(GOLONGAN)),
                "education": draw(st.sampled_from(EDUCATION)),
                # Never before the person's birth (an impossible date, refused by the reader).
                "tmt_jabatan": (
                    draw(st.dates(min_value=birth, max_value=dt.date(2025, 12, 31)))
                    if post is not None
                    else None
                ),
                "performance": draw(st.sampled_from(PREDIKAT)),
                "performance_prev": draw(st.none() | st.sampled_from(PREDIKAT)),
                "potential": draw(st.none() | st.sampled_from(POTENTIAL)),
                # Given, it equals the NIP's (a different one is a warning, tested elsewhere).
                "birth_date": birth if own_birth else None,
                "status": draw(st.sampled_from(EMPLOYEE_STATUS)),
                "locked": draw(st.booleans()) if post is not None else False,
                "asn_type": draw(st.sampled_from(ASN_TYPES)),
                "qualifications": draw(st.none() | st.sampled_from(["Bidan", "Guru; Perawat"])),
            }
        )
    return Instance(employees, positions)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows([[_cell(r[c]) for c in columns] for r in rows])
    return path


def write_xlsx(path: Path, sheets: dict[str, tuple[tuple[str, ...], list[dict[str, Any]]]]) -> Path:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, (columns, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(list(columns))
        for r in rows:
            sheet.append([r[c] for c in columns])
    book.save(path)
    return path


def expected_employees(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The canonical employees frame, computed from the generated values (not by the reader)."""

    def ts(d: dt.date | None) -> pd.Timestamp | None:
        return None if d is None else pd.Timestamp(d)

    frame = pd.DataFrame(
        {
            "nip": pd.Series([r["nip"] for r in rows], dtype=object),
            "name": pd.Series([r["name"] for r in rows], dtype=object),
            "position_id": pd.Series([r["position_id"] for r in rows], dtype=object),
            "golongan": pd.Series([r["golongan"] for r in rows], dtype=object),
            "education": pd.Series([r["education"] for r in rows], dtype=object),
            "tmt_jabatan": pd.Series([ts(r["tmt_jabatan"]) for r in rows], dtype="datetime64[ns]"),
            "performance": pd.Series([r["performance"] for r in rows], dtype=object),
            "performance_prev": pd.Series([r["performance_prev"] for r in rows], dtype=object),
            "potential": pd.Series([r["potential"] for r in rows], dtype=object),
            "birth_date": pd.Series(
                [pd.Timestamp(dt.datetime.strptime(r["nip"][:8], "%Y%m%d")) for r in rows],
                dtype="datetime64[ns]",
            ),
            "status": pd.Series([r["status"] for r in rows], dtype=object),
            "locked": pd.Series([r["locked"] for r in rows], dtype=bool),
            "asn_type": pd.Series([r["asn_type"] for r in rows], dtype=object),
            "qualifications": pd.Series([r["qualifications"] for r in rows], dtype=object),
            "gender": pd.Series(["L" if r["nip"][14] == "1" else "P" for r in rows], dtype=object),
            "cpns_date": pd.Series(
                [pd.Timestamp(dt.datetime.strptime(r["nip"][8:14] + "01", "%Y%m%d")) for r in rows],
                dtype="datetime64[ns]",
            ),
            "status_name": pd.Series([None] * len(rows), dtype=object),
        }
    )
    return frame


def expected_positions(rows: list[dict[str, Any]]) -> pd.DataFrame:
    out = {}
    for c in POSITION_COLUMNS:
        values = [r[c] for r in rows]
        if c in ("capacity", "priority"):
            out[c] = pd.Series(values, dtype=np.int64)
        elif c == "needs_external_approval":
            out[c] = pd.Series(values, dtype=bool)
        else:
            out[c] = pd.Series(values, dtype=object)
    return pd.DataFrame(out)


@SETTINGS
@given(instance=instances())
def test_valid_tables_read_back_exactly(instance: Instance, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir(exist_ok=True)
    paths = {
        "employees": write_csv(folder / "employees.csv", EMPLOYEE_COLUMNS, instance.employees),
        "positions": write_csv(folder / "positions.csv", POSITION_COLUMNS, instance.positions),
    }
    tables = read_tables(paths)
    pd.testing.assert_frame_equal(tables.employees, expected_employees(instance.employees))
    pd.testing.assert_frame_equal(tables.positions, expected_positions(instance.positions))


@settings(SETTINGS, max_examples=15)
@given(instance=instances())
def test_csv_and_workbook_agree(instance: Instance, tmp_path: Path) -> None:
    folder = tmp_path / "both"
    folder.mkdir(exist_ok=True)
    paths = {
        "employees": write_csv(folder / "employees.csv", EMPLOYEE_COLUMNS, instance.employees),
        "positions": write_csv(folder / "positions.csv", POSITION_COLUMNS, instance.positions),
    }
    book = write_xlsx(
        folder / "book.xlsx",
        {
            "employees": (EMPLOYEE_COLUMNS, instance.employees),
            "positions": (POSITION_COLUMNS, instance.positions),
        },
    )
    from_csv = read_tables(paths)
    from_xlsx = read_tables({}, workbook=book)
    pd.testing.assert_frame_equal(from_csv.employees, from_xlsx.employees)
    pd.testing.assert_frame_equal(from_csv.positions, from_xlsx.positions)


# (table, column) -> (bad text, rule); each breaks one cell and nothing else.
CORRUPTIONS: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("employees", "nip"): [("1.97501E+17", "nip_as_number"), ("19750101200003100", "nip_length"),
                           ("19751301200003 1001", "nip_birth_date"), ("NIP-0001", "nip_format")],
    ("employees", "golongan"): [("V/a", "unknown_golongan"), ("II/e", "unknown_golongan")],
    ("employees", "education"): [("S9", "unknown_education")],
    ("employees", "performance"): [("Cukup", "unknown_predikat"), ("", "missing_value")],
    ("employees", "potential"): [("sangat tinggi", "unknown_potential")],
    ("employees", "birth_date"): [("2021-02-30", "impossible_date"), ("kemarin", "invalid_date")],
    ("employees", "locked"): [("mungkin", "not_a_bool")],
    ("employees", "asn_type"): [("honorer", "unknown_asn_type"), ("", "missing_value")],
    ("positions", "capacity"): [("0", "capacity_below_1"), ("1.5", "not_an_integer"), ("dua", "not_a_number")],
    ("positions", "priority"): [("6", "priority_out_of_range")],
    ("positions", "kind"): [("kepala", "unknown_kind")],
    ("positions", "title"): [("", "missing_value")],
}  # fmt: skip


@SETTINGS
@given(instance=instances(), data=st.data())
def test_one_corrupted_cell_is_reported_at_its_row_and_column(
    instance: Instance, data: st.DataObject, tmp_path: Path
) -> None:
    table, column = data.draw(st.sampled_from(sorted(CORRUPTIONS)))
    bad, rule = data.draw(st.sampled_from(CORRUPTIONS[(table, column)]))
    rows = instance.employees if table == "employees" else instance.positions
    k = data.draw(st.integers(0, len(rows) - 1))
    rows[k] = {**rows[k], column: bad}
    folder = tmp_path / "bad"
    folder.mkdir(exist_ok=True)
    paths = {
        "employees": write_csv(folder / "employees.csv", EMPLOYEE_COLUMNS, instance.employees),
        "positions": write_csv(folder / "positions.csv", POSITION_COLUMNS, instance.positions),
    }
    try:
        read_tables(paths)
    except InputError as exc:
        found = [(i.rule, i.file, i.row, i.column) for i in exc.issues]
    else:
        found = []
    assert found == [(rule, str(paths[table]), k + 2, column)]
