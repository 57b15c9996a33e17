"""The run folder of a real :class:`~mutasi_opt.plan.Plan` (make_plan on the small data set).

The plan is given by hand (no solver): everybody stays, and Fajar, who had no post, is placed in
the vacant K3 (one of his candidate posts). It checks the writer against the planner's real frames
and KPIs, and that ``pipeline.load_run`` reads the folder back.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from mutasi_opt.outfolder import MARKER
from mutasi_opt.pipeline import load_run
from mutasi_opt.plan import Plan, make_plan
from mutasi_opt.problem import build_problem
from mutasi_opt.report import write_run_folder
from mutasi_opt.report.columns import CSV_FILES, RUN_FILES
from mutasi_opt.scenario import load_scenario
from mutasi_opt.solve.result import Result, Status
from mutasi_opt.tables.read import load_tables

from .conftest import CREATED

DATA = Path(__file__).parent / "data" / "needs_small"
FAJAR = "199201012019031006"


@pytest.fixture(scope="module")
def plan() -> Plan:
    """Everybody stays; Fajar is placed in K3."""
    scenario = load_scenario(DATA / "scenario.yaml")
    problem = build_problem(load_tables(scenario), scenario)
    post_index = {str(p): j for j, p in enumerate(problem.post_id)}
    assignment = np.asarray(problem.instance.current_post, dtype=np.int32).copy()
    fajar = int(np.flatnonzero(problem.nip == FAJAR)[0])
    assignment[fajar] = post_index["K3"]
    chosen = problem.instance.pair_index(np.arange(problem.n_people), assignment)
    assert (chosen >= 0).all()
    objective = float(problem.pairs.value[chosen].sum())
    result = Result(
        status=Status.OPTIMAL,
        backend="flow",
        assignment=assignment,
        objective=objective,
        objective_int=int(problem.pairs.value_int[chosen].sum()),
        bound=objective,
        gap=0.0,
        timings={"flow": 0.01},
    )
    return make_plan(problem, result)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_real_plan_run_folder(plan: Plan, tmp_path: Path) -> None:
    out = write_run_folder(plan, tmp_path / "run", created_at=CREATED)
    assert {p.name for p in out.iterdir()} == {*RUN_FILES, MARKER}
    for name, (_, columns, _) in CSV_FILES.items():
        header = (out / name).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",")[: len(columns)] == list(columns), name
    rows = {r["nip"]: r for r in _read(out / "assignments.csv")}
    assert len(rows) == 6
    fajar = rows[FAJAR]
    assert (fajar["to_position_id"], fajar["move_type"], fajar["moved"]) == (
        "K3",
        "placement",
        "true",
    )
    assert sum(r["moved"] == "true" for r in rows.values()) == 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"
    # A placement is not a move of a placed person (max_moves counts those only).
    assert (summary["kpis"]["moves"], summary["kpis"]["placements"]) == (0, 1)
    assert summary["counts"]["people"] == 6
    assert summary["created_at"] == "2026-11-20T09:30:00+07:00"
    html = (out / "report.html").read_text(encoding="utf-8")
    # The frontier, JPM, 9-box, moves per OPD, vacancies by priority; no flow between OPDs (a
    # placement only).
    assert html.count("<svg") == 5
    assert "http" not in html


def test_real_plan_csvs_are_byte_identical(plan: Plan, tmp_path: Path) -> None:
    first = write_run_folder(plan, tmp_path / "a", formats=["csv"], created_at=CREATED)
    second = write_run_folder(plan, tmp_path / "b", formats=["csv"])
    for name in CSV_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_run_folder_reads_back(plan: Plan, tmp_path: Path) -> None:
    out = write_run_folder(plan, tmp_path / "run", formats=["csv"], created_at=CREATED)
    again = load_run(out)
    assert np.array_equal(again.result.assignment, plan.result.assignment)
    assert (
        again.assignments["to_position_id"].tolist() == plan.assignments["to_position_id"].tolist()
    )
