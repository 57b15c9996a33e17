"""The side prices from flows (:mod:`mutasi_opt.solve.lagrange`) against the MILP and the LP.

On small rounds at the real value scale (integer values times 1e6: many ties), with forbidden
pairs, pooled posts, must-fill posts, unplaced people and both side rules:

- the bound is proven by an exact certificate that the independent checker accepts, and it is
  never below the MILP's optimum;
- converged, it is the LP relaxation's optimum (the HiGHS column generation's, a different
  algorithm) within the stated tolerance;
- a plan it returns respects every rule, recomputed from the raw round by ``check_plan``;
- the whole side-rule path forced onto it reaches the MILP's optimum with a verified proof.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.check import check_plan
from mutasi_opt.instance import Instance
from mutasi_opt.proof.certificate import verify_certificate
from mutasi_opt.solve import Result, Status, near, side_rules, solve
from mutasi_opt.solve.duals import lp_certificate
from mutasi_opt.solve.instances import instance_from_values, random_structured
from mutasi_opt.solve.lagrange import REL_TOL, lagrangian_duals
from mutasi_opt.solve.lp import lp_bound
from mutasi_opt.solve.prune import initial_subset
from mutasi_opt.solve.side_rows import side_rows

from .conftest import settings
from .milp import milp_optimum, milp_solve
from .oracle import brute_force

SETTINGS = hsettings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@st.composite
def side_rounds(draw: st.DrawFn, max_people: int = 9, max_posts: int = 9) -> Instance:
    """Integer values 0-7 times 1e6, forbidden pairs, 2-3 units, ``max_moves`` and outflow caps."""
    n = draw(st.integers(2, max_people))
    m = draw(st.integers(2, max_posts))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = rng.integers(0, 8, size=(n, m)).astype(np.float64)
    values[rng.random((n, m)) < draw(st.sampled_from([0.0, 0.3, 0.5]))] = np.nan
    capacity = rng.integers(1, 3, size=m) if draw(st.booleans()) else np.ones(m, dtype=np.int64)
    current = np.where(rng.random(n) < 0.8, rng.integers(0, m, size=n), -1)
    held = current >= 0
    values[np.flatnonzero(held), current[held]] = rng.integers(0, 8, size=int(held.sum()))
    units = draw(st.integers(1, 3))
    post_unit = rng.integers(0, units, size=m)
    must_fill = rng.random(m) < draw(st.sampled_from([0.0, 0.0, 0.2]))
    max_moves = draw(st.integers(0, n)) if draw(st.booleans()) else None
    outflow = rng.integers(0, 3, size=units) if draw(st.booleans()) or max_moves is None else None
    return instance_from_values(
        values, capacity=capacity, current_post=current, post_unit=post_unit,
        must_fill=must_fill, max_moves=max_moves, unit_outflow_cap=outflow, scale=1_000_000,
    )  # fmt: skip


def theta_start(instance: Instance, seed: int) -> np.ndarray:
    """Random first side prices, from 0 to twice the value range."""
    rows = side_rows(instance)
    k = int(rows.max_moves is not None)
    k += 0 if rows.outflow_cap is None else rows.outflow_cap.shape[0]
    top = float(np.abs(instance.pairs.value_int).max(initial=1))
    return np.random.default_rng(seed).uniform(0, 2 * top, size=k)


@SETTINGS
@given(side_rounds(), st.integers(0, 3))
def test_bound_is_certified_and_at_least_the_milp_optimum(instance: Instance, seed: int) -> None:
    rows = side_rows(instance)
    optimum = milp_optimum(instance)
    start = np.flatnonzero(instance.pairs.is_current)
    out = lagrangian_duals(instance, rows, start, theta_start(instance, seed))
    relaxed_optimum = milp_optimum(
        instance_from_values(
            (instance.pairs.person, instance.pairs.post, instance.pairs.value),
            n_posts=instance.n_posts, capacity=instance.capacity,
            current_post=instance.current_post, post_unit=instance.post_unit,
            must_fill=instance.must_fill, value_int=instance.pairs.value_int,
        )
    )  # fmt: skip
    if relaxed_optimum is None:
        assert out.infeasible
        return
    assert not out.infeasible
    assert out.duals is not None
    cert = lp_certificate(instance, rows, out.duals, "lp_duality")
    # The prices were integers: the exact certificate proves exactly the bound claimed.
    assert cert.bound == out.duals.bound * cert.scale
    if optimum is not None:
        assert out.duals.bound >= optimum
        # The independent check: prices dual feasible on every pair, bound as claimed.
        check = verify_certificate(instance, cert, _milp_plan(instance))
        assert check.ok, str(check)
    if out.plan is not None:
        posts = instance.pairs.post[out.plan]
        report = check_plan(instance, posts)
        assert report.ok, str(report)
        assert report.objective_int == out.plan_value
        assert optimum is not None
        assert out.plan_value <= optimum
    if out.duals.converged and optimum is not None:
        c = instance.pairs.value_int.astype(np.float64)
        lp = lp_bound(instance, rows, c, initial_subset(instance, rows, c, 2),
                      max_rounds=50)  # fmt: skip
        if lp.converged and lp.slack < 0.5:
            tol = REL_TOL * max(1.0, abs(out.duals.bound)) + 1e-6 * max(1.0, abs(lp.bound))
            assert out.duals.bound <= lp.bound + tol
            assert out.duals.bound >= lp.lp_value - tol


def _milp_plan(instance: Instance) -> np.ndarray:
    sol = milp_solve(instance)
    assert sol.post is not None
    return np.asarray(sol.post)


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
           derandomize=True)  # fmt: skip
@given(side_rounds())
def test_side_rule_path_on_flows_reaches_the_milp_optimum(
    monkeypatch_module: pytest.MonkeyPatch, instance: Instance
) -> None:
    _assert_proven_best(instance, solve(instance, settings("cpsat", workers=1)),
                        milp_optimum(instance))  # fmt: skip


def _assert_proven_best(instance: Instance, result: Result, optimum: int | None) -> None:
    """``result`` is infeasible when ``optimum`` is ``None``, else a valid plan of that value
    with a verified proof."""
    if optimum is None:
        assert result.status == Status.INFEASIBLE
        return
    assert result.status == Status.OPTIMAL, result
    assert result.objective_int == optimum
    assert result.assignment is not None
    assert check_plan(instance, result.assignment).ok
    assert result.proof is not None
    assert result.proof.verified


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    """Every round of this module takes the flows' path, whatever its size."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(side_rules, "LAGRANGE_MIN_PAIRS", -1)
        yield mp


def test_structured_round_on_flows_is_proven_optimal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A round shaped like a city's, where both side rules bind, solved on the flows' path."""
    monkeypatch.setattr(side_rules, "LAGRANGE_MIN_PAIRS", -1)
    instance = random_structured(400, 5, max_moves_share=0.05, outflow_share=0.1)
    result = solve(instance, settings())
    assert result.status == Status.OPTIMAL
    assert result.stats["lp_method"] == "lagrange"
    assert result.objective_int == milp_optimum(instance)
    assert result.proof is not None
    assert result.proof.verified


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
           derandomize=True)  # fmt: skip
@given(side_rounds(max_people=6, max_posts=6))
def test_tie_rule_on_flows_keeps_as_many_in_place_as_any_optimal_plan(
    monkeypatch_module: pytest.MonkeyPatch, instance: Instance
) -> None:
    best, plans = brute_force(instance)
    if best is None:
        return
    result = solve(instance, settings("cpsat", workers=1))
    assert result.status == Status.OPTIMAL
    assert result.objective_int == best
    assert result.assignment is not None
    assert tuple(result.assignment.tolist()) in plans
    stays = [sum(int(a == c) for a, c in zip(p, instance.current_post.tolist(), strict=True))
             for p in plans]  # fmt: skip
    if result.stats.get("tie_stage") in ("flow", "optimal", "lp"):
        assert int((result.assignment == instance.current_post).sum()) == max(stays)


def _within_asked_gap(instance: Instance, gap: float) -> Result | None:
    """A plan called optimal under ``solver.relative_gap`` is within it of the MILP's optimum,
    its bound is valid, and its proof checks."""
    optimum = milp_optimum(instance)
    result = solve(instance, settings("cpsat", workers=1, relative_gap=gap))
    if optimum is None:
        assert result.status == Status.INFEASIBLE
        return None
    assert result.status == Status.OPTIMAL, result
    assert result.assignment is not None
    assert check_plan(instance, result.assignment).ok
    assert result.objective_int is not None
    assert result.bound is not None
    bound = round(result.bound * instance.value_scale())
    assert result.objective_int <= optimum <= bound
    assert bound - result.objective_int <= gap * max(1.0, abs(result.objective_int))
    assert result.proof is not None
    assert result.proof.verified
    return result


@SETTINGS
@given(side_rounds(), st.sampled_from([0.02, 0.2, 0.5]))
def test_relative_gap_on_flows_stops_within_it(
    monkeypatch_module: pytest.MonkeyPatch, instance: Instance, gap: float
) -> None:
    _within_asked_gap(instance, gap)


@SETTINGS
@given(side_rounds(), st.sampled_from([0.02, 0.2, 0.5]))
def test_relative_gap_on_the_lp_path_stops_within_it(instance: Instance, gap: float) -> None:
    _within_asked_gap(instance, gap)


def test_a_plan_within_the_asked_gap_ends_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """The flows' plan is within half of the bound: no CP-SAT round is started for more."""
    monkeypatch.setattr(side_rules, "LAGRANGE_MIN_PAIRS", -1)
    instance = random_structured(400, 5, max_moves_share=0.05, outflow_share=0.1)
    result = _within_asked_gap(instance, 0.5)
    assert result is not None
    assert result.stats["cpsat_rounds"] == 0
    assert solve(instance, settings("cpsat", workers=1)).stats["cpsat_rounds"] >= 1


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
           derandomize=True)  # fmt: skip
@given(side_rounds(max_people=6, max_posts=6))
def test_a_large_rounds_relaxation_is_the_answer_only_when_it_respects_the_side_rules(
    instance: Instance,
) -> None:
    # Every round taken as large: the relax stage skipped, the flow without side rules tried
    # from each person's best pairs (near.LARGE_PAIRS 0), then the rest of the path.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(side_rules, "RELAX_MAX_PAIRS", -1)
        mp.setattr(near, "LARGE_PAIRS", 0)
        # Capacity-1 rounds too (the stage is kept to min-cost-flow rounds for speed only).
        mp.setattr(side_rules, "choose_method", lambda *_: "min_cost_flow")
        result = solve(instance, settings(workers=1))
    best, plans = brute_force(instance)
    _assert_proven_best(instance, result, best)
    if best is not None and result.stats.get("relaxation_respects_side_rules"):
        assert result.assignment is not None
        # The tie rule: as many in place as any optimal plan.
        stays = [sum(int(a == c) for a, c in zip(p, instance.current_post.tolist(), strict=True))
                 for p in plans]  # fmt: skip
        assert int((result.assignment == instance.current_post).sum()) == max(stays)


def test_too_many_priced_pairs_skip_the_lp_after_the_flows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the cap the flows' prices and CP-SAT decide alone, and the plan is still proven."""
    monkeypatch.setattr(side_rules, "LAGRANGE_MIN_PAIRS", -1)
    instance = random_structured(400, 5, max_moves_share=0.05, outflow_share=0.1)
    assert solve(instance, settings()).stats["lp_after_flows"] is True  # the LP runs below it
    monkeypatch.setattr(side_rules, "LP_AFTER_FLOWS_MAX_COLUMNS", 0)
    result = solve(instance, settings())
    assert result.stats["lp_after_flows"] == "skipped: too many pairs"
    assert result.status == Status.OPTIMAL
    assert result.objective_int == milp_optimum(instance)
    assert result.proof is not None
    assert result.proof.verified
