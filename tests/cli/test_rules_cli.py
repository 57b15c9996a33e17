"""The profession and missing_technical rules through ``mutasi-opt solve`` and ``explain``.

The round (tests/data/rules/profession/README.md): every pair fits equally, so only the rules
decide who may take the priority-5 posts B1 (Bidan), G2 (Guru) and S2 (asks the teknis T.KEU.01).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app

DATA = Path(__file__).resolve().parents[1] / "data" / "rules" / "profession"
SARI, RINA, BUDI, DEDI = (
    "198001012005012001", "198102022006012002", "198203032007011003", "198304042008011004",
)  # fmt: skip
runner = CliRunner()


def _solve(tmp_path: Path, extra: str = "") -> pd.DataFrame:
    folder = tmp_path / "round"
    shutil.copytree(DATA, folder)
    scenario = folder / "scenario.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8") + extra, encoding="utf-8")
    out = tmp_path / "run"
    result = runner.invoke(app, ["solve", str(scenario), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return pd.read_csv(out / "assignments.csv", dtype=str, keep_default_na=False).set_index("nip")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    tmp = tmp_path_factory.mktemp("rules")
    return tmp / "run", _solve(tmp)


def test_functional_posts_go_only_to_their_family(run: tuple[Path, pd.DataFrame]) -> None:
    _, plan = run
    to = plan["to_position_id"]
    # Rina's Bidan STR opens B1; Budi, a Guru, takes G2; Sari stays a nurse.
    assert to[RINA] == "B1"
    assert to[BUDI] == "G2"
    assert to[SARI] in {"N1", "N2"}
    # Dedi (pelaksana) enters no functional family and lacks S2's teknis competency: he stays.
    assert to[DEDI] == "S1"
    assert plan.loc[DEDI, "moved"] == "false"


def test_explain_names_the_failing_requirement(run: tuple[Path, pd.DataFrame]) -> None:
    out, _ = run
    result = runner.invoke(app, ["explain", str(out), "--nip", DEDI])
    assert result.exit_code == 0, result.output
    lines = {line.split(" [")[0].strip(" -:"): line for line in result.stdout.splitlines()}
    text = result.stdout
    assert "[missing_technical] (belum memiliki T.KEU.01)" in text
    assert "[profession] (rumpun jabatan Bidan; rumpun pegawai: -)" in text
    assert "[profession] (rumpun jabatan Guru; rumpun pegawai: -)" in text
    assert lines  # the output has lines
    english = runner.invoke(app, ["explain", str(out), "--nip", DEDI, "--language", "en"])
    assert "[missing_technical] (lacks T.KEU.01)" in english.stdout


def test_switched_off_the_rules_let_the_moves_through(tmp_path: Path) -> None:
    plan = _solve(tmp_path, "rules:\n  profession: off\n  missing_technical: off\n")
    to = plan["to_position_id"]
    # Four people for three priority-5 seats: with no family nor teknis bar, all three fill and
    # someone leaves their profession (what the default rules forbid).
    assert {to[n] for n in (SARI, RINA, BUDI, DEDI)} >= {"B1", "G2", "S2"}
