"""``mutasi-opt import-siasn``: the engine's tables from a SIASN export, with what was mapped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.errors import InputError
from mutasi_opt.outfolder import MARKER
from mutasi_opt.scenario import load_scenario
from mutasi_opt.siasn_import import FILES, import_siasn
from mutasi_opt.tables.model import EMPLOYEE_COLUMNS
from mutasi_opt.tables.read import load_tables

from .conftest import SIASN

runner = CliRunner()
EXPORT, UTAMA, SKP = (
    SIASN / "export_data_asn.csv",
    SIASN / "data_utama.csv",
    SIASN / "skp_history.csv",
)


def run(*args: object) -> Any:
    return runner.invoke(app, ["import-siasn", *map(str, args)])


@pytest.mark.parametrize("export", [EXPORT, UTAMA])
def test_the_written_employees_read_back_as_the_export_reads(export: Path, tmp_path: Path) -> None:
    done = import_siasn(export, tmp_path / "out", skp_history=SKP, as_of=dt.date(2026, 12, 1))
    assert sorted(p.name for p in done.folder.iterdir()) == sorted([*FILES, MARKER])
    marker = json.loads((done.folder / MARKER).read_text(encoding="utf-8"))
    assert marker["kind"] == "siasn_import"
    shape = "export" if export == EXPORT else "data_utama"
    direct = load_tables(load_scenario(SIASN / f"scenario_{shape}.yaml")).employees
    imported = load_tables(load_scenario(done.folder / "scenario.yaml")).employees
    columns = [*EMPLOYEE_COLUMNS, "status_name"]
    pd.testing.assert_frame_equal(imported[columns], direct[columns])


def test_the_positions_draft_holds_every_post_with_its_holders(tmp_path: Path) -> None:
    done = import_siasn(EXPORT, tmp_path / "out", skp_history=SKP)
    p = done.positions.set_index("position_id")
    assert len(p) == 9
    assert p["capacity"].sum() == 13
    perawat = "c2a1e7f04b3d11e9a1b2c3d4e5f60001@8ae4830e7b1c4f2a9d3e5f6a7b8c0101"
    assert tuple(p.loc[perawat, ["title", "kind", "jenjang", "capacity"]]) == (
        "Perawat Ahli Muda",
        "fungsional",
        "ahli_muda",
        2,
    )
    umum = "a5eb03e23c9bf6a0e040640a04020001@8ae4830e7b1c4f2a9d3e5f6a7b8c0201"
    assert tuple(p.loc[umum, ["kind", "capacity"]]) == ("pelaksana", 3)
    # The export has no eselon: each structural post's kind is guessed from its title, and said.
    assert p.loc["8ae4830e7b1c4f2a9d3e5f6a7b8c0202", "kind"] == "administrator"
    assert [n.note for n in done.notes] == [
        f"kind {k} guessed from the title (no eselon in the export): check it"
        for k in ("jpt_pratama", "pengawas", "jpt_pratama", "administrator")
    ]


def test_data_utamas_eselon_gives_the_kind_without_a_guess(tmp_path: Path) -> None:
    done = import_siasn(UTAMA, tmp_path / "out", skp_history=SKP)
    assert done.notes == ()
    assert done.positions.set_index("position_id").loc[
        "8ae4830e7b1c4f2a9d3e5f6a7b8c0102", "kind"
    ] == ("pengawas")
    assert "bup" in done.employees.columns


def test_the_mapping_lists_columns_values_posts_and_performance(tmp_path: Path) -> None:
    done = import_siasn(EXPORT, tmp_path / "out", skp_history=SKP)
    m = pd.read_csv(done.folder / "mapping.csv", dtype=str, keep_default_na=False)
    rows = set(m.itertuples(index=False, name=None))
    assert ("column", "kedudukan_hukum_nama", "", "status", "", "13") in rows
    assert ("column", "agama_nama", "", "(known SIASN field, not used)", "", "") in rows
    assert (
        "value", "kedudukan_hukum_nama", "PNS kena hukuman disiplin", "status",
        "hukuman_disiplin", "1",
    ) in rows  # fmt: skip
    assert ("value", "tingkat_pendidikan_nama", "Profesi", "education", "S1", "1") in rows
    assert ("value", "gol_akhir_id", "31", "golongan", "III/a", "1") in rows
    assert (
        "value", "jenis_pegawai_nama + status_cpns_pns", "PNS Daerah Otonom / C", "asn_type",
        "CPNS", "1",
    ) in rows  # fmt: skip
    assert (
        "post", "jabatan_id@unor_id", "Jabatan Fungsional Umum (pelaksana)", "position_id",
        "2 posts", "5",
    ) in rows  # fmt: skip
    assert ("performance", "skp_history (latest year)", "", "performance", "", "13") in rows
    report = (done.folder / "import-report.md").read_text(encoding="utf-8")
    assert "3 not active" in report
    assert "### Posts to check (4)" in report


def test_the_employees_table_keeps_siasns_status_names(tmp_path: Path) -> None:
    done = import_siasn(EXPORT, tmp_path / "out", skp_history=SKP)
    text = (done.folder / "employees.csv").read_text(encoding="utf-8")
    assert ",PNS kena hukuman disiplin," in text
    assert ",CLTN," in text
    assert ",tugas_belajar," in text


def test_without_skp_history_performance_is_left_to_fill_and_said(tmp_path: Path) -> None:
    result = run(EXPORT, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    e = pd.read_csv(tmp_path / "out" / "employees.csv", dtype=str, keep_default_na=False)
    assert set(e["performance"]) == {""}
    report = (tmp_path / "out" / "import-report.md").read_text(encoding="utf-8")
    assert "SIASN's export has no SKP predikat; 13 people have none" in report
    with pytest.raises(InputError) as caught:
        load_tables(load_scenario(tmp_path / "out" / "scenario.yaml"))
    assert {i.rule for i in caught.value.issues} == {"missing_value"}


def test_problems_in_the_export_all_at_once_exit_2_and_nothing_written(
    siasn_copy: Path, tmp_path: Path
) -> None:
    frame = pd.read_csv(siasn_copy / "export_data_asn.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "tingkat_pendidikan_nama"] = "'Pesantren"
    frame.loc[3, "gol_akhir_nama"] = "'V/a"
    frame.loc[5, "jenis_jabatan_id"] = "'7"
    frame.to_csv(siasn_copy / "export_data_asn.csv", index=False)
    out = tmp_path / "out"
    result = run(siasn_copy / "export_data_asn.csv", "--out", out)
    assert result.exit_code == 2
    text = result.output
    assert "3 problems in the input" in text
    assert "unknown_education" in text
    assert "unknown_golongan" in text
    assert "unknown_jenis_jabatan" in text
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [siasn_copy]


def test_force_replaces_only_a_folder_an_import_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(EXPORT, "--out", out).exit_code == 0
    again = run(EXPORT, "--out", out)
    assert again.exit_code == 2
    assert "already exists" in again.output
    assert run(EXPORT, "--out", out, "--force").exit_code == 0
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = run(EXPORT, "--out", mine, "--force")
    assert refused.exit_code == 2
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"
    sample = tmp_path / "sample"
    assert (
        runner.invoke(app, ["sample", "-n", "100", "--no-xlsx", "--out", str(sample)]).exit_code
        == 0
    )
    refused = run(EXPORT, "--out", sample, "--force")
    assert refused.exit_code == 2
    assert "mutasi-opt sample" in refused.output


def test_a_name_in_the_export_that_a_spreadsheet_would_run_stays_text(
    siasn_copy: Path, tmp_path: Path
) -> None:
    frame = pd.read_csv(siasn_copy / "export_data_asn.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "nama"] = '\'=HYPERLINK("http://x")'
    frame.to_csv(siasn_copy / "export_data_asn.csv", index=False)
    done = import_siasn(siasn_copy / "export_data_asn.csv", tmp_path / "out", skp_history=SKP)
    text = (done.folder / "employees.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    back = load_tables(load_scenario(done.folder / "scenario.yaml"))
    assert back.employees.loc[0, "name"] == '=HYPERLINK("http://x")'


def test_a_missing_file_is_named_as_the_file_given(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.csv", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "the employees file does not exist [file_not_found]" in result.output
    result = run(EXPORT, "--skp-history", tmp_path / "nope.csv", "--out", tmp_path / "out")
    assert "the skp_history file does not exist [file_not_found]" in result.output
    assert not (tmp_path / "out").exists()
