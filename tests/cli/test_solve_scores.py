"""`mutasi-opt solve` on scores-only scenarios returns the optimum of an independent solver.

With a `scores` table, every other weight at 0 and the default priority, the value of a pair is
score / 100, so the plan's objective is the sum of the given scores / 100 (docs/model.md). The
oracles are SciPy's `linear_sum_assignment` (no side rules) and HiGHS through
`scipy.optimize.milp` on the same 0-1 model written independently here (with side rules).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from typer.testing import CliRunner

from mutasi_opt.cli import app

runner = CliRunner()
AS_OF = "2026-12-01"


def nip(i: int) -> str:
    """A valid, unique NIP for person i: born 1980-01-01, a man, CPNS in January of 2005 + i // 1000."""
    return f"19800101{2005 + i // 1000}01{1}{i % 1000:03d}"


def write_round(
    folder: Path,
    scores: np.ndarray,
    *,
    placed: bool,
    units: int = 1,
    rules: str = "",
) -> Path:
    """People x posts scores (NaN = not listed), one seat per post, a scenario YAML."""
    n, m = scores.shape
    posts = [f"J{j:03d}" for j in range(m)]
    pd.DataFrame(
        {
            "nip": [nip(i) for i in range(n)],
            "name": [f"Pegawai {i}" for i in range(n)],
            "position_id": [posts[i] if placed else "" for i in range(n)],
            "golongan": "III/a",
            "education": "S1",
            "tmt_jabatan": ["2020-01-01" if placed else "" for _ in range(n)],
            "performance": "Baik",
        }
    ).to_csv(folder / "employees.csv", index=False)
    pd.DataFrame(
        {
            "position_id": posts,
            "title": [f"Jabatan {j}" for j in range(m)],
            "unit": [f"OPD {j % units}" for j in range(m)],
            "kind": "pelaksana",
        }
    ).to_csv(folder / "positions.csv", index=False)
    i, j = np.nonzero(~np.isnan(scores))
    pd.DataFrame(
        {"nip": [nip(k) for k in i], "position_id": [posts[k] for k in j], "score": scores[i, j]}
    ).to_csv(folder / "scores.csv", index=False)
    (folder / "scenario.yaml").write_text(
        f"""name: scores-only
as_of: {AS_OF}
data:
  employees: employees.csv
  positions: positions.csv
  scores: scores.csv
rules:
  min_tenure_months: 0
  max_tenure_months: null
{rules}weights: {{fit: 1.0, performance: 0.0, potential: 0.0, preference: 0.0, move_cost: 0.0}}
solver: {{time_limit_s: 60}}
output: {{formats: [csv]}}
""",
        encoding="utf-8",
    )
    return folder / "scenario.yaml"


def solve_cli(scenario: Path, out: Path) -> dict[str, object]:
    result = runner.invoke(app, ["solve", str(scenario), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    summary: dict[str, object] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"
    return summary


def plan_total(out: Path, scores: np.ndarray) -> float:
    """The plan's total score recomputed from assignments.csv (an independent look at the plan)."""
    rows = pd.read_csv(out / "assignments.csv", dtype=str)
    index = {nip(k): k for k in range(scores.shape[0])}
    i = rows["nip"].map(index).to_numpy()
    j = rows["to_position_id"].str[1:].astype(int).to_numpy()
    assert sorted(i.tolist()) == list(range(scores.shape[0]))
    assert len(set(j.tolist())) == len(j)  # one seat per post
    picked = scores[i, j]
    assert not np.isnan(picked).any()  # only listed pairs
    return float(picked.sum())


@pytest.mark.parametrize(("n", "m"), [(40, 40), (30, 45)])
def test_complete_scores_reach_the_scipy_optimum(tmp_path: Path, n: int, m: int) -> None:
    rng = np.random.default_rng(n + m)
    scores = rng.integers(0, 101, size=(n, m)).astype(float)
    scenario = write_round(tmp_path, scores, placed=False)
    summary = solve_cli(scenario, tmp_path / "run")
    rows, cols = linear_sum_assignment(scores, maximize=True)
    optimum = scores[rows, cols].sum()
    assert summary["objective"] == pytest.approx(optimum / 100, abs=1e-9)
    assert plan_total(tmp_path / "run", scores) == optimum


def test_only_scored_pairs_reach_the_scipy_optimum(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    n = 40
    scores = rng.integers(0, 101, size=(n, n)).astype(float)
    listed = rng.random((n, n)) < 0.15
    listed[np.arange(n), rng.permutation(n)] = True  # a perfect assignment exists
    scores[~listed] = np.nan
    scenario = write_round(tmp_path, scores, placed=False, rules="  only_scored_pairs: true\n")
    summary = solve_cli(scenario, tmp_path / "run")
    cost = np.where(np.isnan(scores), -1e9, scores)
    rows, cols = linear_sum_assignment(cost, maximize=True)
    optimum = cost[rows, cols].sum()
    assert summary["objective"] == pytest.approx(optimum / 100, abs=1e-9)
    assert plan_total(tmp_path / "run", scores) == optimum


def milp_optimum(scores: np.ndarray, units: int, max_moves: int, share: float) -> float:
    """Maximum total score with person i in post i now, at most `max_moves` changes and per unit
    at most floor(share x its people) leaving for another unit; HiGHS on the dense 0-1 model."""
    n, m = scores.shape
    unit = np.arange(m) % units
    c = -scores.ravel()
    rows = []
    lower, upper = [], []
    for i in range(n):  # one post per person
        a = np.zeros((n, m))
        a[i, :] = 1
        rows.append(a.ravel())
        lower.append(1)
        upper.append(1)
    for j in range(m):  # one seat per post
        a = np.zeros((n, m))
        a[:, j] = 1
        rows.append(a.ravel())
        lower.append(0)
        upper.append(1)
    moved = np.ones((n, m))
    moved[np.arange(n), np.arange(n)] = 0
    rows.append(moved.ravel())
    lower.append(0)
    upper.append(max_moves)
    for u in range(units):
        people = unit[np.arange(n)] == u
        leave = np.zeros((n, m))
        leave[np.ix_(people, unit != u)] = 1
        rows.append(leave.ravel())
        lower.append(0)
        upper.append(np.floor(share * people.sum()))
    res = milp(
        c,
        constraints=LinearConstraint(np.array(rows), lower, upper),
        integrality=np.ones(n * m),
        bounds=Bounds(0, 1),
    )
    assert res.status == 0
    return float(-res.fun)


def test_side_rules_reach_the_highs_optimum(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    n, m, units = 24, 28, 3
    scores = rng.integers(0, 101, size=(n, m)).astype(float)
    rules = "  max_moves: 6\n  max_unit_outflow_share: 0.25\n"
    scenario = write_round(tmp_path, scores, placed=True, units=units, rules=rules)
    summary = solve_cli(scenario, tmp_path / "run")
    optimum = milp_optimum(scores, units, max_moves=6, share=0.25)
    assert summary["objective"] == pytest.approx(optimum / 100, abs=1e-9)
    assert plan_total(tmp_path / "run", scores) == optimum
    rows = pd.read_csv(tmp_path / "run" / "assignments.csv", dtype=str)
    assert (rows["moved"] == "true").sum() <= 6
    # The side rules bind: without them the optimum is higher.
    free = scores[linear_sum_assignment(scores, maximize=True)].sum()
    assert free > optimum
