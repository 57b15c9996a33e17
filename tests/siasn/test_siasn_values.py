"""SIASN's value names and id codes (tables/siasn.py), its employment-type columns, its cell habits."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.tables import siasn
from mutasi_opt.tables.read import read_tables

POSITIONS = "position_id,title,unit,kind\nP1,Analis,Dinas A,pelaksana\n"
HEADER = "nip,name,position_id,golongan,education,tmt_jabatan,performance,status"
ROW = {
    "nip": "198807082010011005",
    "name": "Joko",
    "position_id": "P1",
    "golongan": "II/c",
    "education": "SMA",
    "tmt_jabatan": "2018-05-14",
    "performance": "Baik",
    "status": "aktif",
}


def read_one(tmp_path: Path, **cells: str) -> pd.Series:
    """Read one employee whose cells are ROW with ``cells`` changed (extra keys add columns)."""
    row = {**ROW, **cells}
    (tmp_path / "e.csv").write_text(
        ",".join(row) + "\n" + ",".join(row.values()) + "\n", encoding="utf-8"
    )
    (tmp_path / "p.csv").write_text(POSITIONS, encoding="utf-8")
    tables = read_tables({"employees": tmp_path / "e.csv", "positions": tmp_path / "p.csv"})
    return tables.employees.iloc[0]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("S-1/Sarjana", "S1"),
        ("Diploma IV", "D4"),
        ("Diploma III/Sarjana Muda", "D3"),
        ("SLTA Kejuruan", "SMA"),
        ("SLTA Keguruan", "SMA"),
        ("SLTP Kejuruan", "SMP"),
        ("Sekolah Dasar", "SD"),
        ("Profesi", "S1"),
        ("Spesialis", "S2"),
        ("S-2", "S2"),
        ("S-3/Doktor", "S3"),
        *[(ident, code) for ident, _, code in siasn.EDUCATION_LEVELS if ident is not None],
        ("5", "SD"),
    ],
)
def test_siasn_education_names_and_ids(tmp_path: Path, written: str, code: str) -> None:
    assert read_one(tmp_path, education=written)["education"] == code


@pytest.mark.parametrize(("ident", "golongan"), sorted(siasn.GOLONGAN_IDS.items()))
def test_siasn_golongan_ids(tmp_path: Path, ident: str, golongan: str) -> None:
    assert read_one(tmp_path, golongan=ident)["golongan"] == golongan


def test_golongan_ids_cover_the_ladder() -> None:
    from mutasi_opt.domain import GOLONGAN

    assert sorted(siasn.GOLONGAN_IDS.values(), key=GOLONGAN.index) == list(GOLONGAN)


@pytest.mark.parametrize(("ident", "name", "status"), siasn.KEDUDUKAN_HUKUM)
def test_every_kedudukan_hukum_by_name_and_by_id(
    tmp_path: Path, ident: str, name: str, status: str
) -> None:
    by_name = read_one(tmp_path, status=f'"{name}"')
    assert by_name["status"] == status
    by_id = read_one(tmp_path, status=ident)
    assert by_id["status"] == status
    # An id gives the status its SIASN name, as the name itself does (unless it only spells the
    # code: "Tugas Belajar" is tugas_belajar).
    assert by_id["status_name"] == by_name["status_name"]
    assert by_name["status_name"] in (None, name)


def test_pns_kena_hukuman_disiplin_is_a_disciplinary_sanction(tmp_path: Path) -> None:
    e = read_one(tmp_path, status="PNS kena hukuman disiplin")
    assert (e["status"], e["status_name"]) == ("hukuman_disiplin", "PNS kena hukuman disiplin")


@pytest.mark.parametrize(
    ("jenis", "cpns_pns", "expected"),
    [
        ("PNS Daerah Otonom", "P", "PNS"),
        ("PNS Daerah Otonom", "C", "CPNS"),
        ("PNS Pusat DPK", "PNS", "PNS"),
        ("PPPK", "", "PPPK"),
        ("PPPK", "P", "PPPK"),
        ("", "CPNS", "CPNS"),
        ("Pegawai Negeri Sipil", "", "PNS"),
    ],
)
def test_employment_type_from_both_siasn_columns_the_most_specific_wins(
    tmp_path: Path, jenis: str, cpns_pns: str, expected: str
) -> None:
    e = read_one(tmp_path, jenis_pegawai_nama=jenis, status_cpns_pns=cpns_pns)
    assert e["asn_type"] == expected


def test_pppk_aktif_kedudukan_makes_a_pppk_without_a_type_column(tmp_path: Path) -> None:
    e = read_one(tmp_path, status="PPPK Aktif", statusPegawai="")
    assert (e["status"], e["asn_type"]) == ("aktif", "PPPK")


def test_an_unknown_jenis_pegawai_is_an_error_naming_its_column(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_one(tmp_path, jenis_pegawai_nama="TNI yang ditugaskan karyakan", status_cpns_pns="P")
    (issue,) = caught.value.issues
    assert (issue.rule, issue.column, issue.value) == (
        "unknown_asn_type",
        "jenis_pegawai_nama",
        "TNI yang ditugaskan karyakan",
    )


def test_the_name_wins_over_the_id_and_the_id_fills_an_empty_name(tmp_path: Path) -> None:
    e = read_one(
        tmp_path, golongan="III/a", gol_akhir_id="34", education="null", tkPendidikanTerakhirId="40"
    )
    assert (e["golongan"], e["education"]) == ("III/a", "S1")


def test_a_bad_id_is_reported_at_the_id_column(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_one(tmp_path, golongan="", golRuangAkhirId="39")
    (issue,) = caught.value.issues
    assert (issue.rule, issue.column, issue.value) == ("unknown_golongan", "golRuangAkhirId", "39")


@pytest.mark.parametrize("written", ["'Joko", "' Joko", "Joko"])
def test_a_leading_apostrophe_is_excels_text_mark(tmp_path: Path, written: str) -> None:
    e = read_one(tmp_path, name=written, nip="'198807082010011005", position_id="'P1")
    assert (e["name"], e["nip"], e["position_id"]) == ("Joko", "198807082010011005", "P1")


@pytest.mark.parametrize("empty", ["null", "NULL", "'null"])
def test_null_is_an_empty_cell(tmp_path: Path, empty: str) -> None:
    e = read_one(tmp_path, potential=empty, birth_date=empty)
    assert e["potential"] is None
    assert e["birth_date"] == pd.Timestamp(1988, 7, 8)


@pytest.mark.parametrize("empty", ["01-01-0001", "0001-01-01", "1/1/0001"])
def test_siasns_empty_date_is_an_empty_cell(tmp_path: Path, empty: str) -> None:
    e = read_one(tmp_path, birth_date=empty)
    assert e["birth_date"] == pd.Timestamp(1988, 7, 8)


def test_an_empty_tmt_jabatan_date_of_a_placed_person_is_still_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_one(tmp_path, tmt_jabatan="01-01-0001")
    assert [i.rule for i in caught.value.issues] == ["missing_tmt_jabatan"]


@pytest.mark.parametrize(("written", "years"), [("58", 58.0), ("60", 60.0), ("65", 65.0)])
def test_bup_pensiun_is_the_bup_in_years(tmp_path: Path, written: str, years: float) -> None:
    assert read_one(tmp_path, bupPensiun=written)["bup"] == years


@pytest.mark.parametrize("written", ["0", "", "null"])
def test_bup_pensiun_zero_or_empty_is_no_bup(tmp_path: Path, written: str) -> None:
    assert pd.isna(read_one(tmp_path, bupPensiun=written)["bup"])


def test_a_bup_outside_50_to_75_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_one(tmp_path, bupPensiun="85")
    (issue,) = caught.value.issues
    assert (issue.rule, issue.column) == ("bup_out_of_range", "bupPensiun")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Kepala Dinas Kesehatan", "jpt_pratama"),
        ("Inspektur Pembantu Wilayah I", "administrator"),
        ("Inspektur", "jpt_pratama"),
        ("Kepala Subbagian Umum", "pengawas"),
        ("Kepala Sub Bagian Keuangan", "pengawas"),
        ("Kepala Seksi Mutasi", "pengawas"),
        ("Kasir", None),
        ("Sekretaris Dinas Pendidikan", "administrator"),
        ("Sekretaris Daerah", "jpt_pratama"),
        ("Lurah Pancuran Gerobak", "pengawas"),
        ("Camat Sibolga Kota", "administrator"),
    ],
)
def test_title_kind(title: str, kind: str | None) -> None:
    assert siasn.title_kind(title) == kind


@pytest.mark.parametrize(
    ("ident", "name", "kind"),
    [("21", None, "jpt_pratama"), ("32", None, "administrator"), (None, "IV.a", "pengawas"),
     (None, "Eselon III/b", "administrator"), (None, "II.a - JPT PRATAMA", "jpt_pratama"),
     ("51", "V.a", None)],
)  # fmt: skip
def test_eselon_kind(ident: str | None, name: str | None, kind: str | None) -> None:
    assert siasn.eselon_kind(ident, name) == kind
