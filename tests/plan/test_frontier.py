"""The moves-versus-fit frontier against brute force, and at the bundled round's scale.

Every point marked ``best_for_moves`` claims the best value of every plan with at most that many
moves. Brute force enumerates every plan of a random tiny round (tests/solve/oracle.py, written
from the model's definition, sharing no code with the solvers) and checks the claim; on the
bundled Sibolga round one point is re-solved with ``rules.max_moves`` on the side-rule path
(LP prices, pruning, CP-SAT), which must reach exactly the frontier's value.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import mutasi_opt as mo
from audit.builders import make_scenario
from audit.strategies import rounds, sections
from mutasi_opt.plan import frontier as frontier_module
from mutasi_opt.plan.frontier import compute_frontier
from mutasi_opt.plan.measures import plan_measures
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.scoring import VALUE_SCALE
from mutasi_opt.solve import Status, solve
from mutasi_opt.tables.model import Tables
from solve.oracle import feasible_plans

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "sibolga-2026.yaml"


def best_by_moves(problem: Problem) -> dict[int, int]:
    """Brute force: for each number of moves, the best ``sum value_int`` of a plan with exactly
    that many (side rules aside: the frontier is about the round without them)."""
    instance = dataclasses.replace(problem.instance, max_moves=None, unit_outflow_cap=None)
    post = instance.pairs.post
    current = instance.current_post
    best: dict[int, int] = {}
    for chosen, value in feasible_plans(instance):
        posts = post[chosen]
        moves = int(((current >= 0) & (posts != current)).sum())
        best[moves] = max(best.get(moves, value), value)
    return best


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@pytest.mark.parametrize("near", [False, True], ids=["every-pair", "priced-from-neighbours"])
@given(tables=rounds(max_people=4, max_posts=5), scenario=sections())
def test_every_point_is_the_best_plan_for_at_most_its_moves(
    near: bool, tables: Tables, scenario: dict[str, Any]
) -> None:
    problem = build_problem(tables, make_scenario(**scenario))
    best = best_by_moves(problem)
    # Large rounds start each solve from the neighbouring points' pairs: forced here.
    with mock.patch.object(frontier_module, "NEAR_MIN_PAIRS", 0 if near else 10**12):
        frontier = compute_frontier(problem, max_solves=40)
    if not best:
        assert frontier.points == ()
        return
    assert frontier.points, "a round with a plan has a frontier"
    moves = [p.moves for p in frontier.points]
    assert moves == sorted(set(moves))
    for point in frontier.points:
        assert point.kind == "exact"
        ceiling = max(v for m, v in best.items() if m <= point.moves)
        assert point.value_int == ceiling, (point, best)
        # The point's figures are those of a plan with exactly its moves.
        assert point.measures.moves == point.moves
    # Between the points the prices bound every number of moves (weak duality).
    for k in best:
        ceiling = frontier.upper_bound(k)
        assert ceiling is not None
        # value_int rounds each pair's value to 1e-6.
        slack = 1e-6 * problem.n_people
        assert max(v for m, v in best.items() if m <= k) / VALUE_SCALE <= ceiling + slack
    # Its ends: the fewest moves any plan has, and the best plan overall.
    assert moves[0] == min(best)
    assert frontier.points[-1].value_int == max(best.values())
    # Value per extra move never rises along the points (an upper concave envelope).
    values = [p.value_int for p in frontier.points]
    slopes = [(b - a) / (mb - ma) for a, b, ma, mb in
              zip(values, values[1:], moves, moves[1:], strict=False)]  # fmt: skip
    assert all(x >= y - 1e-9 for x, y in itertools.pairwise(slopes))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(tables=rounds(max_people=4, max_posts=5), scenario=sections())
def test_the_solved_plan_is_marked_where_it_lies(tables: Tables, scenario: dict[str, Any]) -> None:
    problem = build_problem(tables, make_scenario(**scenario))
    result = solve(problem)
    if result.assignment is None:
        return
    frontier = compute_frontier(problem, result.assignment, max_solves=40)
    chosen = [p for p in frontier.points if p.chosen]
    assert len(chosen) == 1
    m = plan_measures(problem, result.assignment)
    assert chosen[0].moves == m.moves
    assert chosen[0].value == pytest.approx(result.objective, abs=1e-6)
    if not problem.instance.has_side_rules and result.status is Status.OPTIMAL:
        # Without side rules the plan is the best of all: the last point.
        assert frontier.points[-1].chosen


def test_no_solves_gives_no_points() -> None:
    problem = mo.load_problem(ROOT / "tests" / "data" / "rules" / "profession" / "scenario.yaml")
    frontier = compute_frontier(problem, max_solves=0)
    assert frontier.points == ()
    assert frontier.to_frame().empty


@pytest.fixture(scope="module")
def baseline() -> tuple[Problem, mo.Result]:
    """The bundled round, solved with the default scenario."""
    problem = mo.load_problem(BASELINE)
    return problem, solve(problem)


def test_the_bundled_frontier_runs_from_the_forced_moves_to_the_plan(
    baseline: tuple[Problem, mo.Result],
) -> None:
    problem, result = baseline
    frontier = compute_frontier(problem, result.assignment, max_solves=12)
    frame = frontier.to_frame()
    assert frontier.solves <= 12
    assert len(frame) >= 8
    # The fewest moves: the holders of abolished posts, who must move.
    ctx = problem.context
    cur = problem.instance.current_post
    forced = int(((cur >= 0) & ctx.abolished[np.maximum(cur, 0)]).sum())
    assert int(frame["moves"].iloc[0]) == forced
    # The most: the plan itself, which has no side rules, so it is a proven point.
    last = frame.iloc[-1]
    assert bool(last["chosen"])
    assert bool(last["best_for_moves"])
    assert last["value"] == pytest.approx(result.objective, abs=1e-6)
    assert (frame["moves"].diff().dropna() > 0).all()
    assert (frame["value"].diff().dropna() >= 0).all()
    # Same inputs, same points.
    again = compute_frontier(problem, result.assignment, max_solves=12).to_frame()
    assert again.equals(frame)


def test_a_bundled_point_is_what_max_moves_reaches(baseline: tuple[Problem, mo.Result]) -> None:
    problem, result = baseline
    frame = compute_frontier(problem, result.assignment, max_solves=12).to_frame()
    point = frame[frame["best_for_moves"]].iloc[len(frame) // 3]
    limited = mo.with_settings(problem.scenario, {"rules.max_moves": int(point["moves"])})
    capped = solve(build_problem(problem.tables, limited))
    assert capped.status is Status.OPTIMAL
    assert capped.objective == pytest.approx(float(point["value"]), abs=1e-6)


def test_a_point_between_is_solved_with_max_moves(baseline: tuple[Problem, mo.Result]) -> None:
    problem, result = baseline
    frontier = compute_frontier(problem, result.assignment, max_solves=6, between=1)
    frame = frontier.to_frame()
    between = frame[frame["method"] == "max_moves"]
    assert len(between) == 1
    point = between.iloc[0]
    assert bool(point["best_for_moves"])  # proven optimal within the time limit
    vertices = frame[frame["method"] == "move_price"]
    below = vertices[vertices["moves"] < point["moves"]].iloc[-1]
    # At least the value of the point before it, at most the prices' ceiling.
    ceiling = frontier.upper_bound(int(point["moves"]))
    assert ceiling is not None
    assert below["value"] - 1e-6 <= point["value"] <= ceiling
