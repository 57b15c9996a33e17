"""How firm each move is: veto costs against brute force, stability over perturbed ratings.

The veto cost of a move is the optimum minus the optimum without that pair: brute force computes
both on small rounds with ties, capacities and forbidden pairs. On the flow path the engine's
cost must equal it exactly; on the side-rule path it is a bound from the duals, never above it.
"""

from __future__ import annotations

import dataclasses
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.instance import Instance
from mutasi_opt.plan import firmness
from mutasi_opt.plan.firmness import veto_costs
from mutasi_opt.plan.robustness import perturb_levels, stability
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import instance_from_values
from scoring.builders import build, make_tables
from solve.conftest import settings
from solve.oracle import brute_force

SETTINGS = hsettings(max_examples=40, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


@st.composite
def rounds(draw: st.DrawFn) -> Instance:
    """3-6 people, ties on the product's value scale, capacities, maybe a move cap."""
    n = draw(st.integers(3, 6))
    m = draw(st.integers(n - 1, n + 2))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = rng.choice([0.2, 0.5, 0.8, 0.8, 1.0, 1.4], size=(n, m))
    values[rng.random((n, m)) < 0.3] = np.nan
    current = np.where(rng.random(n) < 0.8, rng.integers(0, m, size=n), -1)
    placed = current >= 0
    values[np.flatnonzero(placed), current[placed]] = 0.6
    capacity = np.maximum(1, rng.integers(0, 3, size=m))
    max_moves = draw(st.one_of(st.none(), st.integers(0, n)))
    return instance_from_values(values, current_post=current, capacity=capacity,
                                max_moves=max_moves)  # fmt: skip


def _without(instance: Instance, pair: int) -> Instance:
    keep = np.ones(len(instance.pairs), dtype=bool)
    keep[pair] = False
    return instance.restrict(keep)


@SETTINGS
@given(rounds())
def test_veto_costs_are_the_brute_force_loss_or_a_bound_below_it(instance: Instance) -> None:
    best, _ = brute_force(instance)
    result = solve(instance, settings())
    if best is None:
        assert result.status == Status.INFEASIBLE
        return
    assert result.assignment is not None
    veto = veto_costs(instance, result)
    plan = result.assignment.astype(np.int64)
    chosen = instance.pair_index(np.arange(instance.n_people), plan)
    scale = instance.value_scale()
    for i in np.flatnonzero(plan != instance.current_post).tolist():
        vetoed, _ = brute_force(_without(instance, int(chosen[i])))
        truth = np.inf if vetoed is None else (best - vetoed) / scale
        if instance.has_side_rules and veto.kind[i] == "exact":
            assert np.isinf(veto.cost[i])  # the person has no other candidate: no plan without it
            assert np.isinf(truth)
        elif instance.has_side_rules:
            assert veto.kind[i] == "bound"
            assert veto.cost[i] <= truth + 1e-9
        else:
            assert veto.kind[i] == "exact"
            assert veto.cost[i] == pytest.approx(truth, abs=1e-6)
    assert np.isnan(veto.cost[plan == instance.current_post]).all()


def test_a_move_without_which_there_is_no_plan_costs_infinity() -> None:
    # Person 1 can only take J0, so person 0 must leave it for J1.
    values = np.array([[1.0, 5.0], [1.0, np.nan]])
    inst = instance_from_values(values, current_post=[0, -1], scale=1)
    result = solve(inst, settings())
    assert result.assignment is not None
    assert result.assignment.tolist() == [1, 0]
    veto = veto_costs(inst, result)
    assert np.isinf(veto.cost[0])
    assert np.isinf(veto.cost[1])  # a placement with a single candidate: no plan without it


def _sample_round() -> object:
    people = [{"position_id": f"J{k}"} for k in (1, 2, 3, 4)]
    posts = [{"position_id": f"J{k}"} for k in (1, 2, 3, 4, 5)]
    levels = [(f"19800101200501100{k}", c, lv) for k in range(1, 5)
              for c, lv in (("M.01", 1 + k % 3), ("M.02", 2 + k % 2))]  # fmt: skip
    requirements = [
        (f"J{k}", c, lv) for k in range(1, 6) for c, lv in (("M.01", 1 + k % 4), ("M.02", 3))
    ]
    return build(make_tables(people, posts, levels, requirements),
                 rules={"min_tenure_months": 0, "no_fit_loss": False})  # fmt: skip


def test_perturbed_levels_move_by_one_within_the_range_and_are_reproducible() -> None:
    problem = _sample_round()
    table = problem.tables.competencies  # type: ignore[attr-defined]
    a = perturb_levels(table, 0.5, np.random.default_rng([0, 3]))
    b = perturb_levels(table, 0.5, np.random.default_rng([0, 3]))
    assert a.equals(b)
    diff = (a["level"] - table["level"]).abs()
    assert set(diff.unique()) <= {0, 1}
    assert a["level"].between(1, 5).all()
    assert (diff == 1).any()
    assert perturb_levels(table, 0.0, np.random.default_rng(1)).equals(table)


def test_stability_is_the_share_of_samples_a_move_survives() -> None:
    problem = _sample_round()
    result = solve(problem)  # type: ignore[arg-type]
    assert result.assignment is not None
    none = stability(problem, result.assignment, samples=3, probability=0.0)  # type: ignore[arg-type]
    movers = result.assignment != problem.instance.current_post  # type: ignore[attr-defined]
    assert (none.share[movers] == 1.0).all()  # no noise: every move survives
    assert np.isnan(none.share[~movers]).all()
    noisy = stability(problem, result.assignment, samples=6, probability=0.5)  # type: ignore[arg-type]
    again = stability(problem, result.assignment, samples=6, probability=0.5)  # type: ignore[arg-type]
    np.testing.assert_array_equal(noisy.share, again.share)
    assert noisy.samples == 6
    # By hand: each sample's plan, compared with the plan.
    from mutasi_opt.plan.robustness import sample_plan

    plans = [sample_plan(problem.tables, problem.scenario, None, None, 0.5, 0, s)  # type: ignore[attr-defined]
             for s in range(6)]  # fmt: skip
    kept = sum((p == result.assignment) for p in plans if p is not None)
    np.testing.assert_allclose(noisy.share[movers], (kept / 6)[movers])


def test_side_rule_rounds_get_bounds_marked_as_such() -> None:
    values = np.array([[1.0, 3.0, 2.0], [2.0, 1.0, 3.0], [3.0, 2.0, 1.0]])
    inst = instance_from_values(values, current_post=[0, 1, 2], max_moves=2, scale=1)
    result = solve(inst, settings())
    veto = veto_costs(inst, result)
    moved = result.assignment != inst.current_post
    assert set(veto.kind[moved]) == {"bound"}
    assert (veto.cost[moved] >= 0).all()
    free = dataclasses.replace(inst, max_moves=None)
    exact = veto_costs(free, solve(free, settings()))
    assert set(exact.kind[exact.kind != ""]) == {"exact"}


@st.composite
def flow_rounds(draw: st.DrawFn) -> Instance:
    """Rounds of the flow path: ties, forbidden pairs, capacities, must-fill posts, free seats."""
    n = draw(st.integers(2, 9))
    m = draw(st.integers(n - 1, n + 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = rng.choice([0.0, 0.2, 0.5, 0.8, 0.8, 1.0, 1.4], size=(n, m))
    values[rng.random((n, m)) < 0.35] = np.nan
    current = np.where(rng.random(n) < 0.6, rng.integers(0, m, size=n), -1)
    placed = current >= 0
    values[np.flatnonzero(placed), current[placed]] = 0.6
    capacity = np.maximum(1, rng.integers(0, 3, size=m))
    must_fill = rng.random(m) < draw(st.sampled_from([0.0, 0.3]))
    return instance_from_values(values, current_post=current, capacity=capacity,
                                must_fill=must_fill)  # fmt: skip


def _same_veto(a: object, b: object) -> None:
    assert isinstance(a, type(b))
    np.testing.assert_array_equal(a.kind, b.kind)  # type: ignore[attr-defined]
    np.testing.assert_array_equal(np.round(a.cost, 6), np.round(b.cost, 6))  # type: ignore[attr-defined]


@SETTINGS
@given(flow_rounds(), st.sampled_from([None, 1, 12, 40]))
def test_shortest_paths_give_what_re_solving_gives(instance: Instance, budget: int | None) -> None:
    # The restricted rounds answered by shortest paths: the same costs, the same kinds, and (with
    # a budget that runs out part way) the same moves left with a bound, as re-solving each round.
    result = solve(instance, settings())
    if result.assignment is None:
        return
    limit = firmness.EXACT_PAIR_BUDGET if budget is None else budget
    with mock.patch.object(firmness, "EXACT_PAIR_BUDGET", limit):
        _same_veto(veto_costs(instance, result), veto_costs(instance, result, resolve=True))


def test_a_complete_round_with_ties_re_solves_to_the_same_costs() -> None:
    # Many equally good vetoed plans (values on a coarse grid): a cost never depends on which.
    rng = np.random.default_rng(7)
    values = rng.integers(0, 5, size=(40, 40)) / 4
    inst = instance_from_values(values, current_post=np.arange(40) % 3 - 1)
    result = solve(inst, settings())
    _same_veto(veto_costs(inst, result), veto_costs(inst, result, resolve=True))
