"""Each SIASN shape is solved, and whom SIASN marks as not active stays, the reason naming why.

In tests/data/siasn two people SIASN records as not active wish for a vacancy of priority 5: Sri
(kedudukan hukum "Tugas Belajar") and Dedi ("PNS kena hukuman disiplin"). Read as aktif they move
(the last test); read with their SIASN status they stay, and the independent audit agrees.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from mutasi_opt import pipeline
from mutasi_opt.audit import audit_plan
from mutasi_opt.cli import app
from mutasi_opt.rules import kept_by
from mutasi_opt.scenario import load_scenario

from .conftest import SIASN

SRI, DEDI, RUDI, YUSUF = (
    "198803052012122005",
    "198909092014031007",
    "198601012011011014",
    "198507102010011004",
)
STAYS = {
    SRI: "sedang tugas belajar",
    DEDI: "sedang menjalani hukuman disiplin (kedudukan hukum: PNS kena hukuman disiplin)",
    RUDI: "sedang cuti (kedudukan hukum: CLTN)",
}


def plan_of(scenario: Path) -> pipeline.RunOutcome:
    return pipeline.run(scenario, write=False)


@pytest.mark.parametrize("shape", ["export", "data_utama"])
def test_each_shape_solves_and_not_active_people_stay_with_their_siasn_status(
    shape: str,
) -> None:
    outcome = plan_of(SIASN / f"scenario_{shape}.yaml")
    assert outcome.exit_code == 0
    a = outcome.plan.assignments.set_index("nip")
    for nip, words in STAYS.items():
        assert not a.loc[nip, "moved"], nip
        assert words in a.loc[nip, "reason"], a.loc[nip, "reason"]
    audit_plan(outcome.plan.problem, outcome.plan.result.assignment).raise_for_disagreements()


def test_the_solve_command_reads_the_export_directly(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["solve", str(SIASN / "scenario_export.yaml"), "--out", str(tmp_path / "run"), "--quiet"],
    )
    assert result.exit_code == 0, result.output
    a = pd.read_csv(tmp_path / "run" / "assignments.csv", dtype=str).set_index("nip")
    assert "PNS kena hukuman disiplin" in a.loc[DEDI, "reason"]


def test_english_reasons_quote_the_siasn_name_too() -> None:
    scenario = load_scenario(SIASN / "scenario_export.yaml")
    scenario = scenario.model_copy(
        update={"output": scenario.output.model_copy(update={"language": "en"})}
    )
    a = pipeline.run(scenario, write=False).plan.assignments.set_index("nip")
    assert "(kedudukan hukum: PNS kena hukuman disiplin)" in a.loc[DEDI, "reason"]


def test_read_as_aktif_the_same_people_would_move(siasn_copy: Path) -> None:
    """The control: without their SIASN status, Sri and Dedi take the vacancies they wish for."""
    path = siasn_copy / "export_data_asn.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["kedudukan_hukum_id"] = "'01"
    frame["kedudukan_hukum_nama"] = "'Aktif"
    frame.to_csv(path, index=False)
    a = plan_of(siasn_copy / "scenario_export.yaml").plan.assignments.set_index("nip")
    assert a.loc[SRI, "moved"]
    assert a.loc[DEDI, "moved"]


def test_siasns_bup_is_the_bup_of_the_current_post() -> None:
    outcome = plan_of(SIASN / "scenario_data_utama.yaml")
    ctx = outcome.plan.problem.context
    i = list(ctx.nip).index(YUSUF)
    assert ctx.person_bup[i] == 60 * 12  # SIASN's bupPensiun, not the Perawat Ahli Muda's 58
    exported = plan_of(SIASN / "scenario_export.yaml").plan.problem.context
    assert exported.person_bup[list(exported.nip).index(YUSUF)] == 58 * 12


@pytest.mark.parametrize(("bup", "stays"), [("58", True), ("60", False), ("", True)])
def test_siasns_bup_decides_the_retirement_stay(siasn_copy: Path, bup: str, stays: bool) -> None:
    """Budi, a pelaksana (the engine's BUP 58), is 57 years and 4 months old at as_of: within
    the 12-month horizon of 58, not of the 60 SIASN may record (an empty cell: the post's 58)."""
    path = siasn_copy / "data_utama.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[4, ["tglLahir", "bupPensiun"]] = ["01-08-1969", bup]
    frame.to_csv(path, index=False)
    outcome = plan_of(siasn_copy / "scenario_data_utama.yaml")
    ctx = outcome.plan.problem.context
    i = list(ctx.nip).index("199001012015031006")
    assert bool(kept_by("retirement", ctx, np.array([i]))[0]) is stays
    audit_plan(outcome.plan.problem, outcome.plan.result.assignment).raise_for_disagreements()
