"""Three cases reported from outside (tests/data/outside/), each against two independent oracles.

Each case is solved with ``backend: auto``, ``backend: cpsat`` and ``auto`` plus a non-binding
``max_moves: 100`` (the side-rule path), both through :func:`mutasi_opt.solve.solve` and through
``mutasi-opt solve``. The oracles are a brute force over every valid plan written here (the cases
have at most 9 people) and the HiGHS MILP of :mod:`.milp`. Every case broke the committed solver
before the rewrite: ``lap.lapjv`` takes 1,000,000 as infinity while values are scaled by 1e6, so
``jpt_pratama_rotation`` came out 0.13 short of the optimum, ``profile_matching`` filled nothing
and ``ttc_no_worse_off`` was declared infeasible although everyone staying is a plan. Each
folder's README.md gives the case's source and its hand-checked optimum.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mutasi_opt.check import check_plan
from mutasi_opt.cli import app
from mutasi_opt.instance import Instance
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.scenario import load_scenario
from mutasi_opt.solve import Status, solve
from mutasi_opt.tables.read import load_tables

from .milp import milp_solve

OUTSIDE = Path(__file__).resolve().parents[1] / "data" / "outside"
CASES = ("jpt_pratama_rotation", "profile_matching", "ttc_no_worse_off")
VARIANTS: dict[str, dict[str, Any]] = {
    "auto": {},
    "cpsat": {"solver": {"backend": "cpsat"}},
    "auto_max_moves_100": {"rules": {"max_moves": 100}},
}
DOCUMENTED_OPTIMUM = {
    # The float objective of the optimal plan, as checked by hand in each README.md.
    "jpt_pratama_rotation": 12.658922,
    "profile_matching": 5.55,
    "ttc_no_worse_off": 25 / 6,
}
OPTIMAL_PLANS = {"jpt_pratama_rotation": 1, "profile_matching": 1, "ttc_no_worse_off": 2}
runner = CliRunner()


@dataclass(frozen=True)
class Optimum:
    """What the brute force found: the best ``sum value_int`` and every plan reaching it."""

    value_int: int | None
    plans: list[tuple[int, ...]]
    values: list[float]
    """Float objective (sum of ``value``) of each optimal plan."""


def brute_force(instance: Instance) -> Optimum:
    """Every valid plan by depth-first search, from the model's definition only.

    One candidate pair per person; no post over capacity; every must-fill post filled; at most
    ``max_moves`` placed people off their current post; per unit at most ``unit_outflow_cap[u]``
    placed people whose current post is in ``u`` going to a post of another unit.
    """
    pairs = instance.pairs
    n, m = instance.n_people, instance.n_posts
    ptr = pairs.ptr.tolist()
    post, value_int, value = pairs.post.tolist(), pairs.value_int.tolist(), pairs.value.tolist()
    current = instance.current_post.tolist()
    unit = instance.post_unit.tolist()
    cap = instance.capacity.tolist()
    fill = [j for j in range(m) if bool(instance.must_fill[j])]
    max_moves = instance.max_moves
    outflow = None if instance.unit_outflow_cap is None else instance.unit_outflow_cap.tolist()
    load = [0] * m
    leavers = [0] * len(instance.units)
    chosen: list[int] = []
    best: list[Any] = [None, [], []]

    def visit(i: int, moves: int, total: int) -> None:
        if i == n:
            if any(load[j] == 0 for j in fill):
                return
            plan = tuple(post[k] for k in chosen)
            real = sum(value[k] for k in chosen)
            if best[0] is None or total > best[0]:
                best[0], best[1], best[2] = total, [plan], [real]
            elif total == best[0]:
                best[1].append(plan)
                best[2].append(real)
            return
        for k in range(ptr[i], ptr[i + 1]):
            j = post[k]
            if load[j] >= cap[j]:
                continue
            here = current[i]
            move = here >= 0 and j != here
            if move and max_moves is not None and moves + 1 > max_moves:
                continue
            leave = here >= 0 and unit[j] != unit[here]
            if leave and outflow is not None and leavers[unit[here]] + 1 > outflow[unit[here]]:
                continue
            load[j] += 1
            if leave:
                leavers[unit[here]] += 1
            chosen.append(k)
            visit(i + 1, moves + int(move), total + value_int[k])
            chosen.pop()
            if leave:
                leavers[unit[here]] -= 1
            load[j] -= 1

    visit(0, 0, 0)
    return Optimum(best[0], best[1], best[2])


def variant_scenario(folder: Path, case: str, variant: str) -> Path:
    """A scenario in ``folder`` that extends the case's own and applies the variant's overrides."""
    raw: dict[str, Any] = {
        "extends": str(OUTSIDE / case / "scenario.yaml"),
        "name": f"{case}-{variant}",
        "output": {"dir": str(folder / "runs"), "formats": ["csv"]},
        **VARIANTS[variant],
    }
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def build(path: Path) -> Problem:
    scenario = load_scenario(path)
    return build_problem(load_tables(scenario), scenario)


@pytest.fixture(scope="module")
def optima() -> dict[str, Optimum]:
    """The brute-force optimum of each case (the variants do not change the candidate pairs)."""
    return {case: brute_force(build(OUTSIDE / case / "scenario.yaml").instance) for case in CASES}


@pytest.mark.parametrize("case", CASES)
def test_documented_optimum_is_the_brute_force_one(case: str, optima: dict[str, Optimum]) -> None:
    """The data still mean what their README says (the scoring has not moved under them)."""
    best = optima[case]
    assert best.value_int is not None
    assert len(best.plans) == OPTIMAL_PLANS[case]
    for value in best.values:
        assert value == pytest.approx(DOCUMENTED_OPTIMUM[case], abs=1e-6)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES)
def test_solve_reaches_both_oracles(
    case: str, variant: str, tmp_path: Path, optima: dict[str, Optimum]
) -> None:
    problem = build(variant_scenario(tmp_path, case, variant))
    best = brute_force(problem.instance)
    assert best.value_int is not None  # everyone staying is always a plan here
    assert best.value_int == optima[case].value_int
    oracle = milp_solve(problem.instance)
    assert oracle.objective == best.value_int
    if variant == "auto_max_moves_100":
        assert problem.instance.max_moves == 100
        assert problem.instance.has_side_rules

    result = solve(problem, problem.scenario.solver)
    assert result.status == Status.OPTIMAL, [c.message for c in result.conflicts]
    assert result.objective_int == best.value_int, (
        f"{result.backend} plan {result.assignment} is worth {result.objective}; "
        f"the optimum {best.plans[0]} is worth {best.values[0]}"
    )
    assert result.assignment is not None
    report = check_plan(problem, result.assignment)
    assert report.ok, str(report)
    assert report.objective_int == best.value_int
    proof = getattr(result, "proof", None)
    assert proof is not None, "Result.proof is missing"
    assert proof.verified is True


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES)
def test_cli_reaches_the_oracle_with_a_verified_proof(
    case: str, variant: str, tmp_path: Path, optima: dict[str, Optimum]
) -> None:
    scenario = variant_scenario(tmp_path, case, variant)
    out = tmp_path / "run"
    run = runner.invoke(app, ["solve", str(scenario), "--out", str(out), "--quiet"])
    assert run.exit_code == 0, run.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"
    best = optima[case]
    assert any(abs(summary["objective"] - v) <= 1e-6 for v in best.values), (
        summary["objective"],
        best.values,
    )
    proof = summary.get("proof")
    assert isinstance(proof, dict), "summary.json has no proof"
    assert proof.get("verified") is True, proof
