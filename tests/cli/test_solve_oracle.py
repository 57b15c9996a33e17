"""`mutasi-opt solve` on seeded rounds written as CSV files reaches the MILP optimum, with a proof.

Each round is written to ``tmp_path`` as the engine's input tables (employees, positions,
competencies, requirements, preferences, sometimes scores) and a scenario, and solved through the
CLI. The oracle is the HiGHS MILP of ``tests/solve/milp.py`` on the candidate pairs of the same
files; the plan of ``assignments.csv`` is re-checked by :func:`mutasi_opt.check.check_plan`.
``summary.json`` must say ``optimal`` with a verified proof, and ``proof.json`` must hold the
duals. For rounds without side rules and must-fill posts, the docs/model.md dual conditions are
re-checked here too: every ``v >= 0``, ``value_ij <= u_i + v_j`` on every candidate pair, and
``B = sum u + sum capacity * v`` equal to the objective.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from mutasi_opt.check import check_plan
from mutasi_opt.cli import app
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.scenario import load_scenario
from mutasi_opt.tables.read import load_tables
from solve.milp import milp_solve

runner = CliRunner()
CODES = ("M.01", "M.02", "M.03", "M.04", "SK.01")
GOLONGAN = ("II/c", "II/d", "III/a", "III/b", "III/c", "III/d")
EDUCATION = ("SMA", "D3", "S1", "S2")
PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan")
POTENTIAL = ("rendah", "menengah", "tinggi")
DUAL_TOL = 1e-5  # proof.json's value-unit numbers are rounded to 6 decimals


@dataclass(frozen=True)
class Round:
    """How one round is drawn."""

    seed: int
    people: int
    posts: int
    units: int = 2
    pooled: bool = False
    scores: str = "none"  # none | partial | only_scored
    rules: dict[str, Any] = field(default_factory=dict)
    weights: dict[str, Any] = field(default_factory=dict)


ROUNDS = {
    "single-seats-dense": Round(1, 8, 9, rules={"min_tenure_months": 0, "allow_demotion": True}),
    "pooled-with-unplaced-and-must-fill": Round(
        3, 10, 6, pooled=True, rules={"must_fill_min_priority": 5}
    ),
    "max-moves": Round(3, 9, 9, rules={"max_moves": 3, "min_tenure_months": 0}),
    "unit-outflow-and-max-moves": Round(
        4, 12, 8, units=3, pooled=True, rules={"max_unit_outflow_share": 0.5, "max_moves": 6}
    ),
    "only-scored-pairs": Round(7, 7, 8, scores="only_scored", rules={"min_tenure_months": 0}),
    "partial-scores-no-move-cost": Round(
        6, 10, 10, scores="partial", weights={"move_cost": 0.0}, rules={"refusals": "soft"}
    ),
    "promotions-and-ties": Round(
        7, 12, 10, units=3, pooled=True, rules={"min_tenure_months": 0, "allow_demotion": True}
    ),
}


def nip(i: int, rng: np.random.Generator) -> str:
    """A valid NIP: birth date, CPNS month, gender digit, sequence."""
    birth = f"{int(rng.integers(1975, 1993))}{int(rng.integers(1, 13)):02d}15"
    cpns = f"{int(rng.integers(2010, 2016))}{int(rng.integers(1, 13)):02d}"
    return f"{birth}{cpns}{int(rng.integers(1, 3))}{i + 1:03d}"


def write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row[c] for c in columns})


def write_round(folder: Path, spec: Round) -> Path:
    """The round's tables as CSV files and its scenario; returns the scenario's path."""
    rng = np.random.default_rng(spec.seed)
    units = [f"Dinas {chr(ord('A') + u)}" for u in range(spec.units)]
    posts: list[dict[str, Any]] = []
    for j in range(spec.posts):
        kind = str(rng.choice(["pelaksana"] * 3 + ["pengawas", "fungsional"]))
        posts.append(
            {
                "position_id": f"J{j + 1:02d}",
                # Functional posts share one family (profession): who may take them is the
                # family's holders and people listing it in qualifications.
                "title": (
                    f"Analis Kebijakan Ahli Pertama pada {units[j % spec.units]}"
                    if kind == "fungsional"
                    else f"Jabatan {j + 1}"
                ),
                "unit": units[j % spec.units],
                "kind": kind,
                "jenjang": "ahli_pertama" if kind == "fungsional" else None,
                "capacity": int(rng.choice([1, 1, 2, 3])) if spec.pooled else 1,
                "min_golongan": "III/a" if rng.random() < 0.15 else None,
                "min_education": "S1" if rng.random() < 0.15 else None,
                "priority": int(rng.choice([2, 3, 3, 4, 5])),
                "status": "active",
                "needs_external_approval": "false",
            }
        )
    free = {p["position_id"]: p["capacity"] for p in posts}
    people: list[dict[str, Any]] = []
    for i in range(spec.people):
        pid = str(rng.choice([p["position_id"] for p in posts]))
        placed = rng.random() < 0.85 and free[pid] > 0
        free[pid] -= int(placed)
        months = int(rng.integers(10, 70))
        year, month = divmod(2026 * 12 + 11 - months, 12)
        people.append(
            {
                "nip": nip(i, rng),
                "name": f"Pegawai {i + 1}",
                "position_id": pid if placed else None,
                "golongan": str(rng.choice(GOLONGAN)),
                "education": str(rng.choice(EDUCATION)),
                "tmt_jabatan": f"{year}-{month + 1:02d}-01" if placed else None,
                "performance": str(rng.choice(PREDIKAT)),
                "performance_prev": str(rng.choice(PREDIKAT[:2])),
                "potential": str(rng.choice(POTENTIAL)),
                "status": "aktif",
                "locked": "false",
                "qualifications": "Analis Kebijakan" if rng.random() < 0.7 else None,
            }
        )
    nips = [p["nip"] for p in people]
    pids = [p["position_id"] for p in posts]
    levels = [
        {"nip": k, "competency": c, "level": int(rng.integers(1, 5))}
        for k in nips
        for c in CODES
        if rng.random() < 0.85
    ]
    standards = [
        {"position_id": j, "competency": c, "level": int(rng.integers(1, 4))}
        for j in pids
        for c in CODES
        if rng.random() < 0.5
    ]
    wishes: list[dict[str, Any]] = []
    for k in nips:
        seen: set[tuple[str, str]] = set()
        for rank in range(1, int(rng.integers(0, 3)) + 1):
            target = ("position_id", str(rng.choice(pids)))
            if rng.random() < 0.3:
                target = ("unit", str(rng.choice(units)))
            if target not in seen:
                seen.add(target)
                wishes.append({"nip": k, "rank": rank, target[0]: target[1], "refuse": "false"})
        if rng.random() < 0.2:
            target = ("position_id", str(rng.choice(pids)))
            if target not in seen:
                wishes.append({"nip": k, target[0]: target[1], "refuse": "true"})
    data = {
        "employees": "employees.csv",
        "positions": "positions.csv",
        "competencies": "competencies.csv",
        "requirements": "requirements.csv",
        "preferences": "preferences.csv",
    }
    write_csv(folder / "employees.csv", people, list(people[0]))
    write_csv(folder / "positions.csv", posts, [*posts[0], "max_golongan"])
    write_csv(folder / "competencies.csv", levels, ["nip", "competency", "level"])
    write_csv(folder / "requirements.csv", standards, ["position_id", "competency", "level"])
    write_csv(folder / "preferences.csv", wishes, ["nip", "rank", "position_id", "unit", "refuse"])
    rules = dict(spec.rules)
    if spec.scores != "none":
        share = 0.5 if spec.scores == "only_scored" else 0.3
        scores = [
            {"nip": k, "position_id": j, "score": int(10 * rng.integers(4, 11))}
            for k in nips
            for j in pids
            if rng.random() < share
        ]
        write_csv(folder / "scores.csv", scores, ["nip", "position_id", "score"])
        data["scores"] = "scores.csv"
        rules["only_scored_pairs"] = spec.scores == "only_scored"
    scenario = {
        "name": f"oracle-{spec.seed}",
        "as_of": "2026-12-01",
        "data": data,
        "rules": rules,
        "weights": spec.weights,
        "solver": {"time_limit_s": 60},
        "output": {"formats": ["csv"]},
    }
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(scenario, sort_keys=False), encoding="utf-8")
    return path


def load_problem(path: Path) -> Problem:
    scenario = load_scenario(path)
    return build_problem(load_tables(scenario), scenario)


def check_duals(problem: Problem, proof: dict[str, Any], objective: float) -> None:
    """docs/model.md's LP dual of the transportation problem, in value units (no side rules)."""
    u = np.array([proof["person_dual"][str(k)] for k in problem.nip.tolist()], dtype=np.float64)
    v = np.array([proof["post_dual"][str(j)] for j in problem.post_id.tolist()], dtype=np.float64)
    assert (v >= -DUAL_TOL).all(), v
    pairs = problem.pairs
    slack = u[pairs.person] + v[pairs.post] - pairs.value
    assert slack.min(initial=0.0) >= -DUAL_TOL, slack.min()
    bound = float(u.sum() + (problem.instance.capacity * v).sum())
    assert bound == pytest.approx(proof["bound"], abs=DUAL_TOL * (1 + problem.n_people))
    assert bound == pytest.approx(objective, abs=DUAL_TOL * (1 + problem.n_people))


@pytest.mark.parametrize("name", ROUNDS)
def test_cli_reaches_the_milp_optimum_with_a_proof(name: str, tmp_path: Path) -> None:
    spec = ROUNDS[name]
    scenario = write_round(tmp_path, spec)
    problem = load_problem(scenario)
    oracle = milp_solve(problem.instance)
    assert oracle.objective is not None, "the round was drawn to have a plan"

    out = tmp_path / "run"
    run = runner.invoke(app, ["solve", str(scenario), "--out", str(out), "--quiet"])
    assert run.exit_code == 0, run.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"

    rows = pd.read_csv(out / "assignments.csv", dtype=str, keep_default_na=False)
    plan = dict(zip(rows["nip"], rows["to_position_id"], strict=True))
    report = check_plan(problem, plan)
    assert report.ok, str(report)
    assert report.objective_int == oracle.objective, (
        f"the CLI plan is worth {report.objective_int}, the MILP's {oracle.objective}"
    )
    assert summary["objective"] == pytest.approx(report.objective, abs=1e-6)

    proof = summary.get("proof")
    assert isinstance(proof, dict), "summary.json has no proof"
    assert proof.get("verified") is True, proof
    assert (out / "proof.json").is_file()
    certificate = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    assert "person_dual" in certificate
    assert "post_dual" in certificate
    assert set(certificate["person_dual"]) == {str(k) for k in problem.nip.tolist()}
    assert set(certificate["post_dual"]) <= {str(j) for j in problem.post_id.tolist()}
    if not problem.instance.has_side_rules and not problem.instance.must_fill.any():
        check_duals(problem, certificate, summary["objective"])
