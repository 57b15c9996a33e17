"""``mutasi-opt explain RUN_DIR --nip NIP`` on run folders written by ``solve``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.pipeline import load_run

from .test_solve import DATA, FROZEN, write_scenario

runner = CliRunner()
DEDI = "198304042008011004"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One solved run of tests/data/solve."""
    folder = tmp_path_factory.mktemp("explain")
    out = folder / "run"
    result = runner.invoke(
        app, ["solve", str(write_scenario(folder)), "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_explains_a_stayer_from_the_run_folder(run_dir: Path) -> None:
    result = runner.invoke(app, ["explain", str(run_dir), "--nip", DEDI])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        f"NIP {DEDI} — Dedi Nasution",
        "Jabatan sekarang: Pengadministrasi Umum (Dinas Kominfo) [P05]",
        "Jabatan dalam rencana: Pengadministrasi Umum (Dinas Kominfo) [P05] — stay",
        "Nilai: 0,2",
        "Alasan: Tetap di Pengadministrasi Umum (Dinas Kominfo): masa jabatan 17 bulan < 24 bulan.",
    ]
    assert lines[5] == "Tidak ada jabatan lain yang memenuhi syarat."
    # Every other post is closed to him by the minimum tenure, named with its code.
    assert lines[6] == "Jabatan bernilai lebih tinggi yang tertutup aturan:"
    assert all("[min_tenure]" in line for line in lines[7:])
    assert len(lines[7:]) == 5


def test_explains_every_person_the_same_as_the_plan(run_dir: Path) -> None:
    plan = load_run(run_dir)
    written = pd.read_csv(run_dir / "assignments.csv", dtype=str, keep_default_na=False)
    assert plan.assignments["reason"].tolist() == written["reason"].tolist()
    assert plan.assignments["chain_id"].tolist() == written["chain_id"].tolist()


def test_english_and_json(run_dir: Path) -> None:
    result = runner.invoke(app, ["explain", str(run_dir), "--nip", DEDI, "--language", "en"])
    assert result.exit_code == 0, result.output
    assert (
        "Reason: Stays in Pengadministrasi Umum (Dinas Kominfo): tenure 17 months < 24 months."
        in (result.stdout)
    )
    result = runner.invoke(app, ["explain", str(run_dir), "--nip", DEDI, "--json", "--top", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["reason_code"] == "min_tenure"
    assert len(data["ruled_out"]) == 2
    assert data["ruled_out"][0]["rule_codes"] == ["min_tenure"]


def test_unknown_nip_and_not_a_run_folder_exit_2(run_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["explain", str(run_dir), "--nip", "199901012020011999"])
    assert result.exit_code == 2
    # In the run's language (output.language, Indonesian here), like the explanation itself.
    assert result.stderr.strip() == "NIP 199901012020011999 tidak ada dalam rencana ini"
    result = runner.invoke(app, ["explain", str(tmp_path), "--nip", DEDI])
    assert result.exit_code == 2
    assert "not a run folder: this file is missing [not_a_run]" in result.stderr


def test_changed_inputs_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    scenario = write_scenario(tmp_path)
    text = scenario.read_text(encoding="utf-8").replace(str(DATA), str(data))
    scenario.write_text(text, encoding="utf-8")
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(scenario), "--out", str(out), "--quiet"]).exit_code == 0
    with (data / "preferences.csv").open("a", encoding="utf-8") as handle:
        handle.write("198001012005011001,1,P07,,false\n")
    result = runner.invoke(app, ["explain", str(out), "--nip", DEDI])
    assert result.exit_code == 2
    assert "this input changed since the run" in result.stderr
    assert "preferences.csv" in result.stderr


def test_infeasible_run_has_nothing_to_explain(tmp_path: Path) -> None:
    scenario = write_scenario(tmp_path, positions="positions_abolished.csv", rules=FROZEN)
    out = tmp_path / "run"
    assert runner.invoke(app, ["solve", str(scenario), "--out", str(out), "--quiet"]).exit_code == 3
    result = runner.invoke(app, ["explain", str(out), "--nip", DEDI])
    assert result.exit_code == 2
    assert result.stderr.strip() == "run ini tidak punya rencana (status infeasible)"
