"""The side-rule path (CP-SAT on pruned pairs) against brute force, and against the flow."""

from __future__ import annotations

import numpy as np
import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.instance import Instance
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import instance_from_values, random_structured

from .conftest import assert_valid, settings
from .oracle import brute_force


def tiny(seed: int, *, max_moves: int | None, outflow: bool, must_fill: bool = False) -> Instance:
    """A round of 6 people and 6 posts in 2 units, small enough for brute force."""
    rng = np.random.default_rng(seed)
    n, m = 6, 6
    values = rng.integers(0, 60, size=(n, m)).astype(float)
    values[rng.random((n, m)) < 0.35] = np.nan
    current = np.array([0, 1, 2, 3, 4, -1])
    values[np.arange(5), current[:5]] = rng.integers(0, 60, size=5)  # incumbents may stay
    post_unit = np.array([0, 0, 0, 1, 1, 1])
    cap = None if not outflow else np.array([1, 0])
    fill = None if not must_fill else np.array([False, False, False, False, False, True])
    return instance_from_values(values, current_post=current, post_unit=post_unit, max_moves=max_moves,
                               unit_outflow_cap=cap, must_fill=fill, scale=1)  # fmt: skip


CASES = [
    pytest.param(seed, mm, of, mf, id=f"seed{seed}-moves{mm}-outflow{of}-fill{mf}")
    for seed in range(4)
    for mm, of, mf in [(1, False, False), (2, True, False), (None, True, True), (3, True, True)]
]


@pytest.mark.parametrize(("seed", "max_moves", "outflow", "must_fill"), CASES)
def test_cpsat_matches_brute_force(
    seed: int, max_moves: int | None, outflow: bool, must_fill: bool
) -> None:
    instance = tiny(seed, max_moves=max_moves, outflow=outflow, must_fill=must_fill)
    best, plans = brute_force(instance)
    result = solve(instance, settings("cpsat"))
    if best is None:
        assert result.status == Status.INFEASIBLE
        assert result.conflicts
        return
    assert_valid(instance, result)
    assert result.status == Status.OPTIMAL
    assert result.objective_int == best
    assert result.assignment is not None
    assert tuple(result.assignment.tolist()) in plans


@pytest.mark.parametrize("seed", range(4))
def test_both_backends_agree_without_side_rules(seed: int) -> None:
    instance = tiny(seed, max_moves=None, outflow=False)
    flow = solve(instance, settings("flow"))
    cpsat = solve(instance, settings("cpsat"))
    assert_valid(instance, flow)
    assert_valid(instance, cpsat)
    assert flow.objective_int == cpsat.objective_int == brute_force(instance)[0]
    assert cpsat.backend == "cpsat"


def test_structured_round_is_proven_optimal() -> None:
    instance = random_structured(300, 3, max_moves_share=0.1, outflow_share=0.1)
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.status == Status.OPTIMAL
    assert result.gap == 0.0
    assert result.stats["lp_converged"]
    assert result.stats["fixed_by_reduced_cost"] > 0.9 * len(instance.pairs)
    # Side rules bind: the relaxation alone would move more people.
    free = instance_from_values(
        (instance.pairs.person, instance.pairs.post, instance.pairs.value), n_posts=instance.n_posts,
        capacity=instance.capacity, current_post=instance.current_post, post_unit=instance.post_unit,
        value_int=instance.pairs.value_int,
    )  # fmt: skip
    unconstrained = solve(free, settings())
    assert unconstrained.objective_int is not None
    assert result.objective_int is not None
    assert unconstrained.objective_int >= result.objective_int
    assert result.stats["moves"] <= instance.max_moves


def test_auto_uses_flow_when_side_rules_do_not_bind() -> None:
    instance = tiny(0, max_moves=6, outflow=False)
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.backend == "flow"
    assert result.stats["relaxation_respects_side_rules"] is True


def test_timed_out_run_returns_a_result() -> None:
    instance = random_structured(400, 5, max_moves_share=0.1, outflow_share=0.1)
    result = solve(instance, settings(time_limit_s=0.02))
    assert result.status in (Status.NO_SOLUTION, Status.FEASIBLE, Status.OPTIMAL)
    if result.status == Status.NO_SOLUTION:
        assert result.assignment is None
        assert result.objective is None
    else:
        assert_valid(instance, result)


def test_flow_backend_refuses_side_rules() -> None:
    instance = tiny(0, max_moves=1, outflow=False)
    with pytest.raises(InputError) as caught:
        solve(instance, settings("flow"))
    (issue,) = caught.value.issues
    assert issue.rule == "flow_with_side_rules"
    assert issue.column == "solver.backend"


@pytest.mark.parametrize("backend", ["flow", "cpsat"])
def test_a_round_without_people(backend: str) -> None:
    instance = instance_from_values(np.zeros((0, 3)))
    result = solve(instance, settings(backend))
    assert result.status == Status.OPTIMAL
    assert result.assignment is not None
    assert result.assignment.size == 0
    assert result.objective == 0.0


def test_plan_without_proof_when_the_lp_cannot_finish(monkeypatch: pytest.MonkeyPatch) -> None:
    from mutasi_opt.solve import side_rules as pipeline
    from mutasi_opt.solve.lp import LPTimeout

    def no_time(*args: object, **kwargs: object) -> None:
        raise LPTimeout("the time limit passed while solving the LP relaxation")

    monkeypatch.setattr(pipeline, "lp_bound", no_time)
    instance = random_structured(300, 3, max_moves_share=0.1, outflow_share=0.1)
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.status == Status.FEASIBLE
    assert result.stats["fallback"] is True
    # The bound is the relaxed flow's (no side rules), which the plan cannot beat.
    assert result.bound is not None
    assert result.objective is not None
    assert result.bound >= result.objective
