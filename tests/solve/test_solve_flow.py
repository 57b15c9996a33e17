"""The exact flow path against independent oracles and the published OR-Library optima."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.check import check_plan
from mutasi_opt.instance import Instance
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve import flow as flow_module
from mutasi_opt.solve.flow import choose_method, solve_flow
from mutasi_opt.solve.instances import instance_from_values, read_orlib
from mutasi_opt.solve.ties import tie_broken_weights

from .conftest import DATA, assert_valid, settings
from .milp import milp_optimum
from .oracle import brute_force, lsa_oracle

METHODS = ("lsa", "sparse", "min_cost_flow")


@pytest.mark.parametrize("name", ["assign100", "assignp800"])
@pytest.mark.parametrize("method", METHODS)
def test_orlib_optimum_reached(name: str, method: str, orlib_optima: dict[str, int]) -> None:
    instance = read_orlib(DATA / f"{name}.txt")
    sol = solve_flow(instance, tie_broken_weights(instance)[0], method)  # type: ignore[arg-type]
    assert sol.feasible
    assert sol.pair is not None
    assert check_plan(instance, instance.pairs.post[sol.pair]).ok
    assert (
        100 * instance.n_people - int(instance.pairs.value_int[sol.pair].sum())
        == orlib_optima[name]
    )


@pytest.mark.parametrize("name", ["assign100", "assignp800"])
def test_orlib_through_solve(name: str, orlib_optima: dict[str, int]) -> None:
    instance = read_orlib(DATA / f"{name}.txt")
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.status == Status.OPTIMAL
    assert result.backend == "flow"
    assert 100 * instance.n_people - result.objective_int == orlib_optima[name]
    assert result.bound == pytest.approx(result.objective)
    assert result.gap == 0.0


@pytest.mark.parametrize(("n", "m"), [(30, 30), (25, 40), (40, 90), (60, 61)])
def test_random_complete_matches_scipy(n: int, m: int, rng: np.random.Generator) -> None:
    values = rng.integers(0, 10_000, size=(n, m)) / 1000.0
    instance = instance_from_values(values)
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.objective_int == lsa_oracle(instance)
    assert result.stats["method"] == choose_method(instance)


@pytest.mark.parametrize(("n", "m"), [(40, 20), (35, 35)])
def test_random_complete_with_capacities_matches_scipy(
    n: int, m: int, rng: np.random.Generator
) -> None:
    values = rng.integers(0, 100_000, size=(n, m)) / 1000.0
    capacity = rng.integers(1, 4, size=m)
    capacity[0] += max(0, n - int(capacity.sum()))  # enough seats
    instance = instance_from_values(values, capacity=capacity)
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.stats["method"] == "min_cost_flow"
    assert result.objective_int == lsa_oracle(instance)  # columns repeated in the oracle only


def test_sparse_with_capacities_and_current_posts(rng: np.random.Generator) -> None:
    n, m = 60, 25
    values = rng.integers(0, 1000, size=(n, m)).astype(float)
    values[rng.random((n, m)) < 0.7] = np.nan
    current = rng.integers(0, m, size=n)
    values[np.arange(n), current] = rng.integers(0, 1000, size=n)  # people may stay
    capacity = rng.integers(2, 6, size=m)
    capacity[current] = np.maximum(capacity[current], np.bincount(current, minlength=m)[current])
    instance = instance_from_values(values, capacity=capacity, current_post=current, scale=1)
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.stats["method"] == "min_cost_flow"
    assert result.objective_int == lsa_oracle(instance)


def test_every_method_agrees_on_a_sparse_square(rng: np.random.Generator) -> None:
    n = 40
    values = rng.integers(0, 500, size=(n, n)).astype(float)
    values[rng.random((n, n)) < 0.6] = np.nan
    values[np.arange(n), rng.permutation(n)] = 1.0  # a perfect matching exists
    instance = instance_from_values(values, scale=1)
    w = tie_broken_weights(instance)[0]
    found = {}
    for method in METHODS:
        sol = solve_flow(instance, w, method)  # type: ignore[arg-type]
        assert sol.pair is not None
        assert check_plan(instance, instance.pairs.post[sol.pair]).ok
        found[method] = sol.weight
    assert len(set(found.values())) == 1
    assert found["sparse"] == lsa_oracle(instance)


def test_must_fill_by_node_demand() -> None:
    # Person 0 would rather take post 0, but post 2 must be filled and only person 0 may take it.
    values = np.array([[9.0, 1.0, 2.0], [8.0, 7.0, np.nan]])
    instance = instance_from_values(values, must_fill=[False, False, True], scale=1)
    result = solve(instance, settings())
    assert_valid(instance, result)
    assert result.assignment is not None
    assert result.assignment.tolist() == [2, 0]
    assert result.objective_int == brute_force(instance)[0] == 10


def test_infeasible_when_seats_run_out() -> None:
    values = np.array([[1.0, np.nan], [2.0, np.nan], [np.nan, 3.0]])
    instance = instance_from_values(values, scale=1)
    result = solve(instance, settings())
    assert result.status == Status.INFEASIBLE
    assert result.assignment is None
    assert [c.message for c in result.conflicts] == ["3 people but only 2 seats in 2 posts"]


def test_infeasible_names_the_crowded_people() -> None:
    # Enough seats in total, but people 0 and 1 may only take post J0000 (one seat).
    values = np.array([[1.0, np.nan, np.nan], [2.0, np.nan, np.nan], [np.nan, 3.0, 4.0]])
    instance = instance_from_values(values, scale=1)
    result = solve(instance, settings())
    assert result.status == Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.families == ("capacity",)
    assert conflict.nips == ("P0000", "P0001")
    assert conflict.position_ids == ("J0000",)
    assert (
        conflict.message
        == "2 people (NIP P0000, P0001) can only take posts J0000 with 1 seat in total"
    )


def test_stay_wins_ties() -> None:
    # Both people value both posts equally: keeping them in place is the documented tie rule.
    values = np.ones((2, 2))
    instance = instance_from_values(values, current_post=[1, 0], scale=1)
    for backend in ("flow", "cpsat"):
        result = solve(instance, settings(backend))
        assert_valid(instance, result)
        assert result.assignment is not None
        assert result.assignment.tolist() == [1, 0]


@pytest.mark.parametrize("method", ["lsa"])
def test_dense_with_forbidden_pairs_and_negative_values(method: str) -> None:
    # All values equal and negative: a big-M that ignores the sign would prefer a forbidden pair.
    values = np.full((3, 3), -1000.0)
    values[0, 0] = values[1, 1] = np.nan
    instance = instance_from_values(values, scale=1)
    sol = solve_flow(instance, tie_broken_weights(instance)[0], method)  # type: ignore[arg-type]
    assert sol.feasible
    assert sol.pair is not None
    assert check_plan(instance, instance.pairs.post[sol.pair]).ok
    assert int(instance.pairs.value_int[sol.pair].sum()) == -3000


@pytest.mark.parametrize("method", ["lsa", "sparse", "min_cost_flow"])
def test_every_method_reports_infeasible(method: str) -> None:
    values = np.array([[1.0, np.nan, np.nan], [2.0, np.nan, np.nan], [np.nan, 3.0, 4.0]])
    instance = instance_from_values(values, scale=1)
    assert not solve_flow(instance, tie_broken_weights(instance)[0], method).feasible  # type: ignore[arg-type]


@st.composite
def _fixed_heavy_rounds(draw: st.DrawFn) -> Instance:
    """Rounds where many people have a single candidate (the min-cost flow fixes them first):
    shared posts, must-fill posts, capacities they overfill, integer values with ties."""
    n = draw(st.integers(1, 9))
    m = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = np.full((n, m), np.nan)
    for i in range(n):
        if rng.random() < 0.6:
            values[i, rng.integers(0, m)] = rng.integers(0, 4)  # a single candidate
        else:
            row = rng.random(m) < 0.7
            values[i, row] = rng.integers(0, 4, size=int(row.sum()))
    values[np.isnan(values).all(axis=1), 0] = 1.0
    return instance_from_values(
        values,
        capacity=rng.integers(1, 4, size=m),
        must_fill=rng.random(m) < 0.3,
        value_int=np.where(np.isnan(values), 0, values * 1_000_000).astype(np.int64),
    )


@given(instance=_fixed_heavy_rounds(), fix=st.booleans())
@hsettings(max_examples=300, deadline=None)
def test_min_cost_flow_with_fixed_singletons_is_optimal(instance: Instance, fix: bool) -> None:
    # FIX_SHARE 0: never fix; 1: fix whenever a single-candidate person exists.
    w = instance.pairs.value_int.astype(np.int64)
    with mock.patch.object(flow_module, "FIX_SHARE", 1 if fix else 0):
        sol = solve_flow(instance, w, "min_cost_flow")
    best = milp_optimum(instance)
    assert sol.feasible == (best is not None)
    if sol.feasible:
        assert sol.pair is not None
        assert sol.weight == best == int(w[sol.pair].sum())
        assert check_plan(instance, instance.pairs.post[sol.pair]).ok


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 6), m=st.integers(2, 5))
@hsettings(max_examples=100, deadline=None)
def test_the_tie_rule_holds_past_float64s_range(seed: int, n: int, m: int) -> None:
    # Values of 10^15 per unit: the tie-broken weights leave float64's exact range (where the
    # rule used to be dropped) but not int64's; among the plans of the best value, the flow
    # path keeps the most people in place.
    rng = np.random.default_rng(seed)
    values = np.where(rng.random((n, m)) < 0.8, rng.integers(1, 4, size=(n, m)), np.nan)
    values[np.isnan(values).all(axis=1), 0] = 1
    current = np.where(rng.random(n) < 0.8, rng.integers(0, m, size=n), -1)
    current = np.where(np.isnan(values[np.arange(n), np.maximum(current, 0)]), -1, current)
    instance = instance_from_values(
        values,
        capacity=rng.integers(1, 3, size=m),
        current_post=current,
        value_int=np.where(np.isnan(values), 0, values * 10**15).astype(np.int64),
    )
    assert tie_broken_weights(instance)[1] == 1 or not instance.kept_pairs().any()
    best, plans = brute_force(instance)
    result = solve(instance, settings())
    if best is None:
        assert result.assignment is None
        return
    assert result.objective_int == best
    stayers = [sum(int(a == c) for a, c in zip(plan, current, strict=True)) for plan in plans]
    kept = int((np.asarray(result.assignment) == current).sum())
    assert kept == max(stayers)
