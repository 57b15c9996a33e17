"""Both SIASN shapes read directly: "Export Data ASN" (snake_case) and data-utama (camelCase).

tests/data/siasn holds the same thirteen synthetic people in both shapes, with SIASN's own values
(education ``S-1/Sarjana``, ``Profesi``; golongan and education ids; *kedudukan hukum* names and
ids) and the export's cell habits (a leading ``'`` on every cell, ``null``, ``01-01-0001``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.errors import InputError
from mutasi_opt.scenario import load_scenario
from mutasi_opt.tables.model import EMPLOYEE_COLUMNS
from mutasi_opt.tables.read import load_tables, read_tables

from .conftest import SIASN

DINKES = "8ae4830e7b1c4f2a9d3e5f6a7b8c0101"
BKPSDM = "8ae4830e7b1c4f2a9d3e5f6a7b8c0201"
PERAWAT = "c2a1e7f04b3d11e9a1b2c3d4e5f60001"
PENGADM = "a5eb03e23c9bf6a0e040640a04020001"

# nip -> (position_id, golongan, education, status, status_name, asn_type, performance, prev)
EXPECTED = {
    "197003151995031002": (DINKES, "IV/b", "S2", "aktif", None, "PNS", "Sangat Baik", "Baik"),
    "198507102010011004": (f"{PERAWAT}@{DINKES}", "III/c", "S1", "aktif", None, "PNS", "Baik", "Baik"),
    "198803052012122005": (
        f"{PERAWAT}@{DINKES}", "III/c", "S1", "tugas_belajar", None, "PNS", "Baik", "Baik",
    ),
    "199001012015031006": (
        f"{PENGADM}@{DINKES}", "II/c", "SMA", "aktif", None, "PNS", "Butuh Perbaikan", "Baik",
    ),
    "198909092014031007": (
        f"{PENGADM}@{BKPSDM}", "II/c", "SMA", "hukuman_disiplin", "PNS kena hukuman disiplin",
        "PNS", "Butuh Perbaikan", "Kurang",
    ),
    "199112122016012008": (f"{PENGADM}@{BKPSDM}", "III/a", "D3", "aktif", None, "PNS", "Baik", "Baik"),
    "199302142019031011": (
        "c2a1e7f04b3d11e9a1b2c3d4e5f60002@8ae4830e7b1c4f2a9d3e5f6a7b8c0202", "III/a", "S1",
        "aktif", None, "PNS", "Baik", "Baik",
    ),
    "199806182025052012": (f"{PENGADM}@{BKPSDM}", "II/a", "SMA", "aktif", None, "CPNS", "Baik", None),
    "199004042023032013": (
        f"{PERAWAT}@8ae4830e7b1c4f2a9d3e5f6a7b8c0103", "III/b", "D4", "aktif", "PPPK Aktif", "PPPK",
        "Baik", "Baik",
    ),
    "198601012011011014": (f"{PENGADM}@{DINKES}", "II/c", "SMA", "cuti", "CLTN", "PNS", "Baik", None),
}  # fmt: skip
COLUMNS = (
    "position_id", "golongan", "education", "status", "status_name", "asn_type", "performance",
    "performance_prev",
)  # fmt: skip


def load(shape: str) -> pd.DataFrame:
    tables = load_tables(load_scenario(SIASN / f"scenario_{shape}.yaml"))
    assert "unused_column" not in [w.rule for w in tables.warnings]
    return tables.employees


@pytest.mark.parametrize("shape", ["export", "data_utama"])
def test_each_shape_reads_into_the_engine_values(shape: str) -> None:
    e = load(shape).set_index("nip")
    assert len(e) == 13
    for nip, expected in EXPECTED.items():
        assert tuple(e.loc[nip, list(COLUMNS)]) == expected, nip


def test_both_shapes_read_the_same_people() -> None:
    columns = [*EMPLOYEE_COLUMNS, "gender", "cpns_date", "status_name"]
    export, utama = load("export")[columns], load("data_utama")[columns]
    pd.testing.assert_frame_equal(export, utama)


def test_export_cell_habits_are_read_as_the_export_means_them() -> None:
    """A leading ``'`` on every cell, ``null`` for nothing, ``01-01-0001`` for no date."""
    raw = (SIASN / "export_data_asn.csv").read_text(encoding="utf-8")
    assert "'null" in raw
    assert "'01-01-0001" in raw
    assert ",'19" in raw
    e = load("export").set_index("nip")
    # Sri's tanggal_lahir is 01-01-0001: her birth date is the NIP's.
    assert e.loc["198803052012122005", "birth_date"] == pd.Timestamp(1988, 3, 5)
    assert e.loc["197003151995031002", "name"] == "Ahmad Siregar"
    assert e.loc["197003151995031002", "tmt_jabatan"] == pd.Timestamp(2021, 1, 2)


def test_a_structural_post_is_its_unit_and_a_general_post_is_jabatan_at_unit() -> None:
    """The id of "Pengadministrasi Perkantoran" is the same in every OPD: the post is that id
    in the person's unit, so the two OPDs' holders hold two different posts."""
    e = load("data_utama")
    general = e.loc[e["position_id"].str.startswith(PENGADM), "position_id"]
    assert set(general) == {f"{PENGADM}@{DINKES}", f"{PENGADM}@{BKPSDM}"}
    assert e.set_index("nip").loc["197205051997031009", "position_id"] == BKPSDM


def test_data_utama_bup_is_kept_and_a_mismatch_is_a_warning_naming_both() -> None:
    tables = load_tables(load_scenario(SIASN / "scenario_data_utama.yaml"))
    e = tables.employees.set_index("nip")
    assert e.loc["198507102010011004", "bup"] == 60.0
    assert e.loc["197003151995031002", "bup"] == 60.0
    (warning,) = [w for w in tables.warnings if w.rule == "bup_differs"]
    assert warning.column == "bupPensiun"
    assert warning.row == 4
    assert "BUP 60" in warning.message
    assert "BUP 58" in warning.message


def test_the_export_has_no_bup_column() -> None:
    tables = load_tables(load_scenario(SIASN / "scenario_export.yaml"))
    assert "bup" not in tables.employees.columns


def _write(folder: Path, name: str, frame: pd.DataFrame) -> Path:
    path = folder / name
    frame.to_csv(path, index=False)
    return path


def _errors(paths: dict[str, Path]) -> list[tuple[str, int | None, str | None, str | None]]:
    with pytest.raises(InputError) as caught:
        read_tables(paths, as_of=dt.date(2026, 12, 1))
    return [(i.rule, i.row, i.column, i.value) for i in caught.value.issues]


def test_a_general_post_without_its_unit_is_an_error(siasn_copy: Path) -> None:
    frame = pd.read_csv(siasn_copy / "data_utama.csv", dtype=str, keep_default_na=False)
    frame.loc[4, "unorId"] = ""  # Budi: Pengadministrasi Perkantoran, but no unit
    frame.loc[2, "jabatanFungsionalId"] = ""  # Yusuf: a Perawat without the jabatan id
    paths = {
        "employees": _write(siasn_copy, "e.csv", frame),
        "positions": siasn_copy / "positions.csv",
        "skp_history": siasn_copy / "skp_history.csv",
    }
    found = [e for e in _errors(paths) if e[0] == "siasn_post_id"]
    assert found == [
        ("siasn_post_id", 4, "jabatanFungsionalId", None),
        ("siasn_post_id", 6, "unorId", None),
    ]


def test_jabatan_ids_without_a_unit_column_say_why_the_post_is_missing(siasn_copy: Path) -> None:
    frame = pd.read_csv(siasn_copy / "data_utama.csv", dtype=str, keep_default_na=False)
    paths = {
        "employees": _write(siasn_copy, "e.csv", frame.drop(columns=["unorId"])),
        "positions": siasn_copy / "positions.csv",
        "skp_history": siasn_copy / "skp_history.csv",
    }
    with pytest.raises(InputError) as caught:
        read_tables(paths)
    (issue,) = [i for i in caught.value.issues if i.rule == "missing_column"]
    assert issue.column == "position_id"
    assert "add the unit column (unor_id or unorId)" in issue.message


def test_a_missing_column_with_a_near_siasn_name_gets_did_you_mean(siasn_copy: Path) -> None:
    frame = pd.read_csv(siasn_copy / "export_data_asn.csv", dtype=str, keep_default_na=False)
    frame = frame.drop(columns=["gol_akhir_id"]).rename(columns={"gol_akhir_nama": "gol_akhir_nm"})
    paths = {
        "employees": _write(siasn_copy, "e.csv", frame),
        "positions": siasn_copy / "positions.csv",
        "skp_history": siasn_copy / "skp_history.csv",
    }
    with pytest.raises(InputError) as caught:
        read_tables(paths)
    (issue,) = [i for i in caught.value.issues if i.rule == "missing_column"]
    assert issue.column == "golongan"
    assert "did you mean 'gol_akhir_nm' (accepted as 'gol_akhir_nama')?" in issue.message


def test_without_skp_history_the_export_lacks_performance_and_says_so() -> None:
    paths = {"employees": SIASN / "export_data_asn.csv", "positions": SIASN / "positions.csv"}
    with pytest.raises(InputError) as caught:
        read_tables(paths)
    assert [(i.rule, i.column) for i in caught.value.issues] == [("missing_column", "performance")]


def test_a_left_service_kedudukan_is_read_as_not_active_with_a_warning(siasn_copy: Path) -> None:
    frame = pd.read_csv(siasn_copy / "export_data_asn.csv", dtype=str, keep_default_na=False)
    frame.loc[1, ["kedudukan_hukum_id", "kedudukan_hukum_nama"]] = ["'99", "'null"]
    paths = {
        "employees": _write(siasn_copy, "e.csv", frame),
        "positions": siasn_copy / "positions.csv",
        "skp_history": siasn_copy / "skp_history.csv",
    }
    tables = read_tables(paths)
    e = tables.employees.set_index("nip")
    assert tuple(e.loc["198204202006042003", ["status", "status_name"]]) == (
        "tidak_aktif",
        "Pensiun",
    )
    (warning,) = [w for w in tables.warnings if w.rule == "siasn_left_service"]
    assert (warning.row, warning.column, warning.value) == (3, "kedudukan_hukum_id", "99")
    assert "'Pensiun'" in warning.message


def test_a_data_utama_workbook_with_ids_typed_as_numbers_reads_the_same(tmp_path: Path) -> None:
    """Ids that Excel keeps as numbers (golongan 33, education 40, kedudukan 1) read as their
    text would; the NIP stays text."""
    frame = pd.read_csv(SIASN / "data_utama.csv", dtype=str, keep_default_na=False)
    numbers = {"kedudukanPnsId", "tkPendidikanTerakhirId", "golRuangAkhirId", "bupPensiun",
               "jenisJabatanId", "eselonId"}  # fmt: skip
    book = Workbook()
    sheet = book.active
    sheet.title = "employees"  # type: ignore[union-attr]
    sheet.append(list(frame.columns))  # type: ignore[union-attr]
    for row in frame.itertuples(index=False):
        sheet.append(  # type: ignore[union-attr]
            [
                int(v) if c in numbers and v else (v or None)
                for c, v in zip(frame.columns, row, strict=True)
            ]
        )
    book.save(tmp_path / "data_utama.xlsx")
    paths = {
        "employees": tmp_path / "data_utama.xlsx",
        "positions": SIASN / "positions.csv",
        "skp_history": SIASN / "skp_history.csv",
    }
    from_book = read_tables(paths).employees
    columns = [*EMPLOYEE_COLUMNS, "status_name", "bup"]
    pd.testing.assert_frame_equal(from_book[columns], load("data_utama")[columns])


def test_validate_lists_the_skp_history() -> None:
    result = CliRunner().invoke(app, ["validate", str(SIASN / "scenario_export.yaml")])
    assert result.exit_code == 0, result.output
    assert "skp_history" in result.stdout
    assert "(fills performance)" in result.stdout
