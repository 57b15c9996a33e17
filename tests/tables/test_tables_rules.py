"""Reader rules one by one: aliases, accepted spellings, row rules and cross-table rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.tables.read import read_tables

WriteCsv = Callable[[str, str], Path]

EMPLOYEE_HEADER = (
    "nip,name,position_id,golongan,education,tmt_jabatan,performance,performance_prev,"
    "potential,birth_date,status,locked\n"
)
# One valid employee in P05 (capacity 1 in the good set), to vary one cell at a time.
JOKO = "198807082010011005,Joko,P05,II/c,SMA,2018-05-14,Baik,,,,aktif,false\n"


def employees_with(write_csv: WriteCsv, row: str, header: str = EMPLOYEE_HEADER) -> Path:
    """An employees file holding one row."""
    return write_csv("employees.csv", header + row)


def errors_of(paths: dict[str, Path]) -> list[tuple[str, int | None, str | None, str | None]]:
    """(rule, row, column, value) of every error when reading ``paths``."""
    with pytest.raises(InputError) as caught:
        read_tables(paths)
    return [(i.rule, i.row, i.column, i.value) for i in caught.value.issues]


def one_employee(good_paths: dict[str, Path], write_csv: WriteCsv, row: str) -> pd.Series:
    """Read the good set with an employees table of one row; return that row."""
    paths = {
        "employees": employees_with(write_csv, row),
        "positions": good_paths["positions"],
    }
    return read_tables(paths).employees.iloc[0]


# ------------------------------------------------------------------------------------------------
# Columns: SIASN aliases, case, BOM, delimiter


def test_siasn_column_names(good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    header = (
        "nipBaru,nama,jabatanId,golRuangAkhir,tkPendidikanTerakhir,tmtJabatan,predikat,"
        "jenisKelamin,unorNama,tglLahir,eselon\n"
    )
    row = (
        "198807082010011005,Joko,P05,II/c,SMA,2018-05-14,Baik,Laki-laki,Kecamatan Sibolga Kota,,\n"
    )
    tables = read_tables(
        {"employees": write_csv("e.csv", header + row), "positions": good_paths["positions"]}
    )
    e = tables.employees.iloc[0]
    assert (e["nip"], e["name"], e["position_id"], e["golongan"], e["education"]) == (
        "198807082010011005",
        "Joko",
        "P05",
        "II/c",
        "SMA",
    )
    assert e["tmt_jabatan"] == pd.Timestamp("2018-05-14")
    assert e["performance"] == "Baik"
    # Known SIASN fields the engine does not use are ignored without a warning.
    assert [w.rule for w in tables.warnings] == [
        "absent_asn_type",
        "no_competency_table",
        "no_requirements_table",
    ]


def test_header_case_spaces_and_bom(good_paths: dict[str, Path], tmp_path: Path) -> None:
    header = "NIP,Name,Position ID,GOLONGAN,education,TMT-Jabatan,Performance\n"
    row = "198807082010011005,Joko,P05,II/c,SMA,2018-05-14,Baik\n"
    path = tmp_path / "e.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (header + row).encode("utf-8"))
    e = read_tables({"employees": path, "positions": good_paths["positions"]}).employees
    assert e["nip"].iloc[0] == "198807082010011005"
    assert e["tmt_jabatan"].iloc[0] == pd.Timestamp("2018-05-14")


def test_two_columns_for_one_name(good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    header = EMPLOYEE_HEADER.rstrip("\n") + ",nipBaru\n"
    path = write_csv("e.csv", header + JOKO.rstrip("\n") + ",198807082010011005\n")
    with pytest.raises(InputError) as caught:
        read_tables({"employees": path, "positions": good_paths["positions"]})
    [issue] = caught.value.issues
    assert (issue.rule, issue.column, issue.message) == (
        "duplicate_column",
        "nipBaru",
        "two columns name 'nip': 'nip' and 'nipBaru'",
    )


def test_semicolon_file_with_decimal_comma(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    scores = write_csv("s.csv", "nip;position_id;score\n199212122020122006;P04;82,5\n")
    tables = read_tables({**good_paths, "scores": scores})
    assert tables.scores["score"].tolist() == [82.5]


def test_blank_lines_keep_row_numbers(good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    text = EMPLOYEE_HEADER + JOKO + "\n,,,,,,,,,,,\n" + JOKO.replace("II/c", "II/x")
    paths = {"employees": write_csv("e.csv", text), "positions": good_paths["positions"]}
    assert errors_of(paths) == [
        ("unknown_golongan", 5, "golongan", "II/x"),
        ("duplicate_nip", 5, "nip", "198807082010011005"),
        ("over_capacity", 6, "capacity", "P05"),  # the good positions file, row of P05
    ]


def test_missing_tmt_column_with_placed_people(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    header = "nip,name,position_id,golongan,education,performance\n"
    path = write_csv("e.csv", header + "198807082010011005,Joko,P05,II/c,SMA,Baik\n")
    assert errors_of({"employees": path, "positions": good_paths["positions"]}) == [
        ("missing_column", None, "tmt_jabatan", None),
    ]


def test_missing_tmt_column_is_fine_when_nobody_is_placed(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    header = "nip,name,position_id,golongan,education,performance\n"
    path = write_csv("e.csv", header + "198807082010011005,Joko,,II/c,SMA,Baik\n")
    e = read_tables({"employees": path, "positions": good_paths["positions"]}).employees
    assert pd.isna(e["tmt_jabatan"].iloc[0])
    assert e["tmt_jabatan"].dtype == np.dtype("datetime64[ns]")


# ------------------------------------------------------------------------------------------------
# Values: accepted spellings


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("III/c", "III/c"), ("iii/c", "III/c"), ("III / C", "III/c"), ("IIIc", "III/c"),
     ("3/c", "III/c"), ("iv-e", "IV/e"), ("I/a", "I/a"), ("II.d", "II/d")],
)  # fmt: skip
def test_golongan_spellings(
    written: str, canonical: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    e = one_employee(good_paths, write_csv, JOKO.replace("II/c", written))
    assert e["golongan"] == canonical


@pytest.mark.parametrize("written", ["I/e", "II/e", "V/a", "III", "IIIa/b", "Penata Muda"])
def test_golongan_that_does_not_exist(
    written: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    paths = {
        "employees": employees_with(write_csv, JOKO.replace("II/c", written)),
        "positions": good_paths["positions"],
    }
    assert errors_of(paths) == [("unknown_golongan", 2, "golongan", written)]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("SMA", "SMA"), ("SLTA", "SMA"), ("SMK", "SMA"), ("SLTP", "SMP"), ("D-III", "D3"),
     ("DIII", "D3"), ("D III", "D3"), ("D IV", "D4"), ("D-4", "D4"), ("S-1", "S1"), ("s2", "S2"),
     ("S.3", "S3")],
)  # fmt: skip
def test_education_spellings(
    written: str, canonical: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    e = one_employee(good_paths, write_csv, JOKO.replace(",SMA,", f",{written},"))
    assert e["education"] == canonical


@pytest.mark.parametrize(
    "written",
    ["2018-05-14", "14/05/2018", "14-05-2018", "14.05.2018", "2018-05-14 00:00:00", "2018-5-14"],
)
def test_date_formats(written: str, good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    e = one_employee(good_paths, write_csv, JOKO.replace("2018-05-14", written))
    assert e["tmt_jabatan"] == pd.Timestamp("2018-05-14")


@pytest.mark.parametrize(
    ("written", "rule"),
    [("2018-02-30", "impossible_date"), ("31/04/2018", "impossible_date"),
     ("05/14/2018", "impossible_date"), ("2018/05/14", "invalid_date"), ("14 Mei 2018", "invalid_date"),
     ("20180514", "invalid_date")],
)  # fmt: skip
def test_bad_dates(
    written: str, rule: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    paths = {
        "employees": employees_with(write_csv, JOKO.replace("2018-05-14", written)),
        "positions": good_paths["positions"],
    }
    assert errors_of(paths) == [(rule, 2, "tmt_jabatan", written)]


@pytest.mark.parametrize(
    ("written", "value"),
    [("true", True), ("TRUE", True), ("ya", True), ("Yes", True), ("1", True), ("false", False),
     ("Tidak", False), ("no", False), ("0", False), ("", False)],
)  # fmt: skip
def test_yes_no_spellings(
    written: str, value: bool, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    e = one_employee(good_paths, write_csv, JOKO.replace("aktif,false", f"aktif,{written}"))
    assert e["locked"] is np.bool_(value) or e["locked"] == value


def test_predikat_potential_status_any_case(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    row = "198807082010011005,Joko,P05,II/c,SMA,2018-05-14,sangat baik,BUTUH PERBAIKAN,High,,Tugas Belajar,\n"
    e = one_employee(good_paths, write_csv, row)
    assert (e["performance"], e["performance_prev"], e["potential"], e["status"]) == (
        "Sangat Baik",
        "Butuh Perbaikan",
        "tinggi",
        "tugas_belajar",
    )


@pytest.mark.parametrize(
    "written", ["19880708 201001 1 005", "'198807082010011005", " 198807082010011005 "]
)
def test_nip_printed_forms(written: str, good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    e = one_employee(good_paths, write_csv, JOKO.replace("198807082010011005", written))
    assert e["nip"] == "198807082010011005"


@pytest.mark.parametrize(
    ("written", "rule"),
    [("1.98807E+17", "nip_as_number"), ("198807082010011005.0", "nip_as_number"),
     ("1,98807E+17", "nip_format"), ("19880708201001100A", "nip_format"),
     ("1988070820100110050", "nip_length"), ("198807322010011005", "nip_birth_date"),
     ("198807082010131005", "nip_cpns_date"), ("198807082010010005", "nip_gender")],
)  # fmt: skip
def test_bad_nips(
    written: str, rule: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    text = JOKO.replace("198807082010011005", f'"{written}"')
    paths = {"employees": employees_with(write_csv, text), "positions": good_paths["positions"]}
    assert errors_of(paths) == [(rule, 2, "nip", written)]


@pytest.fixture
def good_paths_without_placements(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> dict[str, Path]:
    """The good set's employees, nobody placed or locked (a positions file may name any posts)."""
    text = good_paths["employees"].read_text(encoding="utf-8")
    lines = text.splitlines()
    cleared = {2: "", 5: "", 11: "false"}  # position_id, tmt_jabatan, locked
    unplaced = [lines[0]] + [
        ",".join(cleared.get(i, c) for i, c in enumerate(line.split(","))) for line in lines[1:]
    ]
    return {**good_paths, "employees": write_csv("unplaced.csv", "\n".join(unplaced) + "\n")}


def test_position_kind_and_jenjang_spellings(
    good_paths_without_placements: dict[str, Path], write_csv: WriteCsv
) -> None:
    positions = write_csv(
        "p.csv",
        "position_id,title,unit,kind,jenjang,capacity,priority,status\n"
        "X1,Kepala Dinas,Dinas A,JPT Pratama,,,,\n"
        "X2,Analis,Dinas A,Fungsional,Ahli Pertama,3,5,Dihapus\n",
    )
    employees = good_paths_without_placements["employees"]
    p = read_tables({"employees": employees, "positions": positions}).positions
    assert p["kind"].tolist() == ["jpt_pratama", "fungsional"]
    assert p["jenjang"].tolist() == [None, "ahli_pertama"]
    assert p["capacity"].tolist() == [1, 3]
    assert p["priority"].tolist() == [3, 5]
    assert p["status"].tolist() == ["active", "abolished"]


def test_numbers_must_be_whole_and_numbers(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    comps = write_csv(
        "c.csv",
        "nip,competency,level\n"
        "197501012000031001,M.01,2.5\n"
        "197501012000031001,M.02,tiga\n"
        "197501012000031001,M.03,3.0\n"
        "197501012000031001,M.04,0\n",
    )
    assert errors_of({**good_paths, "competencies": comps}) == [
        ("not_a_number", 3, "level", "tiga"),
        ("not_an_integer", 2, "level", "2.5"),
        ("level_out_of_range", 5, "level", "0"),
    ]


def test_every_row_with_a_repeated_bad_value_is_reported(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    rows = "".join(f"197501012000031001,M.0{k},9\n" for k in range(1, 9))
    comps = write_csv("c.csv", "nip,competency,level\n" + rows)
    errors = errors_of({**good_paths, "competencies": comps})
    assert errors == [("level_out_of_range", r, "level", "9") for r in range(2, 10)]


# ------------------------------------------------------------------------------------------------
# Row and cross-table rules


def test_jenjang_only_on_fungsional(
    good_paths_without_placements: dict[str, Path], write_csv: WriteCsv
) -> None:
    positions = write_csv(
        "p.csv",
        "position_id,title,unit,kind,jenjang\nX1,Kasubbag,Dinas A,pengawas,ahli_muda\n",
    )
    paths = {"employees": good_paths_without_placements["employees"], "positions": positions}
    assert errors_of(paths) == [("jenjang_not_fungsional", 2, "jenjang", "ahli_muda")]


def test_locked_but_not_placed(good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    row = JOKO.replace(",P05,", ",,").replace("2018-05-14", "").replace("aktif,false", "aktif,true")
    paths = {"employees": employees_with(write_csv, row), "positions": good_paths["positions"]}
    assert errors_of(paths) == [("locked_not_placed", 2, "locked", "True")]


def test_pooled_post_holds_up_to_capacity(good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    """P04 has capacity 2: two holders are fine, three are not."""
    second = "199602022020122007,Dewi,P04,III/a,S1,2021-01-01,Baik,,,,aktif,false,PNS\n"
    third = "199703032021011008,Fajar,P04,III/a,S1,2021-01-01,Baik,,,,aktif,false,PPPK\n"
    base = good_paths["employees"].read_text(encoding="utf-8")
    two = {**good_paths, "employees": write_csv("two.csv", base + second)}
    assert [w.rule for w in read_tables(two).warnings] == ["no_competency_data"]
    three = {**good_paths, "employees": write_csv("three.csv", base + second + third)}
    with pytest.raises(InputError) as caught:
        read_tables(three)
    assert [(i.rule, i.row, i.value, i.message) for i in caught.value.issues] == [
        ("over_capacity", 5, "P04", "3 employees hold this post but its capacity is 2"),
    ]


def test_preference_rules(good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    prefs = write_csv(
        "pr.csv",
        "nip,rank,position_id,unit,refuse\n"
        "199505052019032004,1,P02,,\n"  # fine
        "199505052019032004,,P03,,\n"  # a wish without rank
        "199505052019032004,2,,,\n"  # neither post nor unit
        "199505052019032004,3,P02,,\n"  # same post again
        "199505052019032004,,P02,,ya\n"  # refusing a post also wished: a warning
        "199505052019032004,0,P05,,\n",  # rank 0
    )
    assert errors_of({**good_paths, "preferences": prefs}) == [
        ("rank_below_1", 7, "rank", "0"),
        ("preference_target", 4, "position_id", None),
        ("missing_rank", 3, "rank", None),
        ("duplicate_preference", 5, "nip", "199505052019032004, post P02"),
    ]


def test_wish_and_refusal_of_one_post_is_a_warning(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    prefs = write_csv(
        "pr.csv",
        "nip,rank,position_id,unit,refuse\n"
        "199505052019032004,1,,Disdukcapil,\n"
        "199505052019032004,,,Disdukcapil,true\n"
        "199505052019032004,,P02,,true\n",
    )
    tables = read_tables({**good_paths, "preferences": prefs})
    assert [(w.rule, w.row, w.value, w.message) for w in tables.warnings] == [
        ("wish_and_refusal", 3, "199505052019032004, unit Disdukcapil",
         "this NIP both wishes for and refuses this post or unit"),
    ]  # fmt: skip


def test_preferences_need_a_target_column(good_paths: dict[str, Path], write_csv: WriteCsv) -> None:
    prefs = write_csv("pr.csv", "nip,rank\n199505052019032004,1\n")
    assert errors_of({**good_paths, "preferences": prefs}) == [
        ("missing_column", None, "position_id", None)
    ]


def test_duplicates_in_requirements_scores_and_dictionary(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    req = good_paths["requirements"].read_text(encoding="utf-8") + "P01,m.01,2\n"
    scores = good_paths["scores"].read_text(encoding="utf-8") + "197501012000031001,P06,50\n"
    dictionary = "code,name,kind\nT.KOM.01,A,teknis\nT.KOM.01,B,teknis\n"
    paths = {
        **good_paths,
        "requirements": write_csv("r.csv", req),
        "scores": write_csv("s.csv", scores),
        "competency_dictionary": write_csv("d.csv", dictionary),
    }
    assert errors_of(paths) == [
        ("duplicate_code", 3, "code", "T.KOM.01"),
        ("duplicate_requirement", 32, "position_id", "P01, M.01"),
        ("duplicate_score", 4, "nip", "197501012000031001, P06"),
    ]


def test_dictionary_file_overrides_builtin_names(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    dictionary = write_csv(
        "d.csv", "code,name,kind\nM.01,Integritas (PermenPANRB 38/2017),manajerial\nT.KOM.01,TIK,\n"
    )
    d = read_tables({**good_paths, "competency_dictionary": dictionary}).competency_dictionary
    assert d["code"].tolist()[-2:] == ["M.01", "T.KOM.01"]
    assert len(d) == 10
    assert d.set_index("code").loc["M.01", "name"] == "Integritas (PermenPANRB 38/2017)"
    assert d.set_index("code").loc["T.KOM.01", "kind"] == "teknis"


def test_unknown_competency_in_people_levels(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    comps = (
        good_paths["competencies"].read_text(encoding="utf-8") + "197501012000031001,T.KEU.01,3\n"
    )
    assert errors_of({**good_paths, "competencies": write_csv("c.csv", comps)}) == [
        ("unknown_competency", 32, "competency", "T.KEU.01"),
    ]


def test_abolished_post_holder_is_not_a_problem(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    """Holding an abolished post is what abolition means: no error, no warning."""
    base = good_paths["employees"].read_text(encoding="utf-8")
    moved = base.replace("Maya Sari,,III/b,D4,,", "Maya Sari,P07,III/b,D4,2023-01-02,")
    tables = read_tables({**good_paths, "employees": write_csv("e.csv", moved)})
    assert tables.warnings == []
    assert tables.employees["position_id"].iloc[5] == "P07"


def test_unknown_codes_in_positions_employees_and_dictionary(
    good_paths_without_placements: dict[str, Path], write_csv: WriteCsv
) -> None:
    positions = write_csv(
        "p.csv",
        "position_id,title,unit,kind,jenjang,status\n"
        "X1,Analis,Dinas A,fungsional,ahli_senior,active\n"
        "X2,Kasi,Dinas A,pengawas,,ditutup\n",
    )
    employees = good_paths_without_placements["employees"].read_text(encoding="utf-8")
    employees = employees.replace(",cuti,", ",berlibur,")
    dictionary = write_csv("d.csv", "code,name,kind\nT.KOM.01,TIK,teknikal\n")
    paths = {
        "employees": write_csv("e.csv", employees),
        "positions": positions,
        "competency_dictionary": dictionary,
    }
    assert errors_of(paths) == [
        ("unknown_status", 5, "status", "berlibur"),
        ("unknown_jenjang", 2, "jenjang", "ahli_senior"),
        ("unknown_status", 3, "status", "ditutup"),
        ("unknown_competency_kind", 2, "kind", "teknikal"),
    ]


def test_no_employees_table_named() -> None:
    with pytest.raises(InputError) as caught:
        read_tables({})
    assert [(i.rule, i.column, i.message) for i in caught.value.issues] == [
        ("missing_table", "data.employees", "no employees table: name a file in data.employees"),
        ("missing_table", "data.positions", "no positions table: name a file in data.positions"),
    ]


# ------------------------------------------------------------------------------------------------
# Employment type (asn_type) and the statuses of kedudukan hukum


def test_no_asn_type_column_makes_everyone_pns_and_says_so(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    paths = {"employees": employees_with(write_csv, JOKO), "positions": good_paths["positions"]}
    tables = read_tables(paths)
    assert tables.employees["asn_type"].tolist() == ["PNS"]
    (notice,) = [w for w in tables.warnings if w.rule == "absent_asn_type"]
    assert notice.severity == "warning"
    assert notice.column == "asn_type"
    assert notice.row is None
    assert "everyone is taken as PNS" in notice.message


@pytest.mark.parametrize(
    ("written", "value"), [("PNS", "PNS"), ("cpns", "CPNS"), (" Pppk ", "PPPK")]
)
def test_asn_type_values_any_case(
    written: str, value: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    header = EMPLOYEE_HEADER.replace("locked\n", "locked,jenis_asn\n")
    path = employees_with(write_csv, JOKO.replace("\n", f",{written}\n"), header)
    tables = read_tables({"employees": path, "positions": good_paths["positions"]})
    assert tables.employees["asn_type"].tolist() == [value]
    assert "absent_asn_type" not in [w.rule for w in tables.warnings]


@pytest.mark.parametrize(
    "column", ["jenis_pegawai_nama", "jenisPegawaiNama", "statusPegawai", "status_cpns_pns"]
)
@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("Pegawai Negeri Sipil", "PNS"),
        ("Calon Pegawai Negeri Sipil", "CPNS"),
        ("Pegawai Pemerintah dengan Perjanjian Kerja", "PPPK"),
        ("P3K", "PPPK"),
        ("CPNS", "CPNS"),
    ],
)
def test_siasn_employment_type_columns_and_words(
    column: str, written: str, value: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    header = EMPLOYEE_HEADER.replace("locked\n", f"locked,{column}\n")
    path = employees_with(write_csv, JOKO.replace("\n", f",{written}\n"), header)
    tables = read_tables({"employees": path, "positions": good_paths["positions"]})
    assert tables.employees["asn_type"].tolist() == [value]
    assert "absent_asn_type" not in [w.rule for w in tables.warnings]


def test_status_pegawai_stays_the_status_and_statuspegawai_is_the_type(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    """SIASN's ``statusPegawai`` (PNS, CPNS) is the employment type; a "Status Pegawai" header
    (with a space or an underscore) remains the status (kedudukan hukum), as before."""
    header = EMPLOYEE_HEADER.replace(",status,", ",Status Pegawai,").replace(
        "locked\n", "locked,statusPegawai\n"
    )
    row = JOKO.replace(",aktif,", ",CLTN,").replace("\n", ",CPNS\n")
    path = employees_with(write_csv, row, header)
    e = read_tables({"employees": path, "positions": good_paths["positions"]}).employees
    assert (e.at[0, "status"], e.at[0, "asn_type"]) == ("cuti", "CPNS")


def test_an_empty_asn_type_cell_is_an_error(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    header = EMPLOYEE_HEADER.replace("locked\n", "locked,asn_type\n")
    maya = "199212122020122006,Maya,,III/b,D4,,Baik,,,,aktif,false"
    path = employees_with(write_csv, JOKO.replace("\n", ",PNS\n") + maya + ",\n", header)
    paths = {"employees": path, "positions": good_paths["positions"]}
    assert errors_of(paths) == [("missing_value", 3, "asn_type", None)]
    with pytest.raises(InputError) as caught:
        read_tables(paths)
    (issue,) = caught.value.issues
    assert issue.file == str(path)


def test_an_unknown_asn_type_is_an_error_listing_the_allowed_ones(
    good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    header = EMPLOYEE_HEADER.replace("locked\n", "locked,asn_type\n")
    path = employees_with(write_csv, JOKO.replace("\n", ",honorer\n"), header)
    with pytest.raises(InputError) as caught:
        read_tables({"employees": path, "positions": good_paths["positions"]})
    (issue,) = caught.value.issues
    assert (issue.rule, issue.row, issue.column, issue.value) == (
        "unknown_asn_type",
        2,
        "asn_type",
        "honorer",
    )
    assert "PNS, CPNS or PPPK" in issue.message


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("proses_hukum", "proses_hukum"),
        ("Ikatan Dinas", "ikatan_dinas"),
        ("Pemberhentian Sementara", "pemberhentian_sementara"),
        ("Masa Persiapan Pensiun", "masa_persiapan_pensiun"),
        ("PNS kena hukuman disiplin", "hukuman_disiplin"),
        # Cuti di luar tanggungan negara is one of the kinds of cuti: it keeps the person in place.
        ("CLTN", "cuti"),
        ("Cuti di Luar Tanggungan Negara", "cuti"),
    ],
)
def test_kedudukan_hukum_statuses(
    written: str, status: str, good_paths: dict[str, Path], write_csv: WriteCsv
) -> None:
    e = one_employee(good_paths, write_csv, JOKO.replace(",aktif,", f",{written},"))
    assert e["status"] == status
