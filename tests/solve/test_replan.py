"""The re-plan's change cap (a distance side rule) against brute force and the exact MILP.

Random small rounds with ties and forbidden pairs, at the product's value scale, a baseline plan
(the unconstrained optimum or another valid plan), and a cap on the people placed differently
from it: the side-rule path must find the brute-force optimum under the cap, prove it with a
certificate checked apart from the solver, and agree with the MILP.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.check import check_plan
from mutasi_opt.instance import Instance, PlanDistance
from mutasi_opt.proof.certificate import verify_certificate
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import instance_from_values
from mutasi_opt.solve.replan import CHANGES, baseline_posts, changes_from, with_baseline

from .conftest import assert_valid, settings
from .milp import milp_solve
from .oracle import brute_force, feasible_plans

SETTINGS = hsettings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[Instance, np.ndarray, int]:
    """A round of 3-6 people, a valid baseline plan of it, and a change cap."""
    n = draw(st.integers(3, 6))
    m = draw(st.integers(n, n + 2))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    # Values on the product's scale (1e6), drawn from few levels so that plans tie.
    values = rng.choice([0.2, 0.5, 0.5, 0.8, 1.0, 1.3], size=(n, m)) * 1.0
    values[rng.random((n, m)) < 0.3] = np.nan
    current = rng.permutation(m)[:n]
    current[rng.random(n) < 0.15] = -1
    placed = current >= 0
    values[np.flatnonzero(placed), current[placed]] = rng.choice([0.5, 0.8, 1.0], size=placed.sum())
    units = rng.integers(0, 2, size=m)
    capacity = rng.choice([1, 1, 2], size=m)
    max_moves = draw(st.one_of(st.none(), st.integers(0, n)))
    inst = instance_from_values(values, current_post=current, post_unit=units, capacity=capacity,
                                max_moves=max_moves)  # fmt: skip
    plans = [post for post, _ in _plans(inst)]
    if not plans:
        return inst, np.full(n, -1), 0
    baseline = np.asarray(plans[draw(st.integers(0, len(plans) - 1))])
    return inst, baseline, draw(st.integers(0, n))


def _plans(inst: Instance) -> list[tuple[list[int], int]]:
    post = inst.pairs.post
    return [(post[chosen].tolist(), v) for chosen, v in feasible_plans(inst)]


@SETTINGS
@given(rounds())
def test_replan_is_the_brute_force_optimum_under_the_change_cap(
    case: tuple[Instance, np.ndarray, int],
) -> None:
    inst, baseline, cap = case
    replan = with_baseline(inst, baseline, cap)
    best, optimal_plans = brute_force(replan)
    result = solve(replan, settings())
    if best is None:
        assert result.status == Status.INFEASIBLE
        return
    assert_valid(replan, result)
    assert result.status == Status.OPTIMAL
    assert result.objective_int == best
    assert result.assignment is not None
    assert tuple(result.assignment.tolist()) in optimal_plans
    assert changes_from(baseline, result.assignment) <= cap
    assert result.proof is not None
    assert result.proof.verified
    assert milp_solve(replan).objective == best


@SETTINGS
@given(rounds())
def test_replan_through_cpsat_alone_agrees(case: tuple[Instance, np.ndarray, int]) -> None:
    """``backend: cpsat`` proves the same optimum (no shortcut by the relaxed flow)."""
    inst, baseline, cap = case
    replan = with_baseline(inst, baseline, cap)
    best = milp_solve(replan).objective
    result = solve(replan, settings("cpsat"))
    if best is None:
        assert result.status == Status.INFEASIBLE
        return
    assert result.status == Status.OPTIMAL
    assert result.objective_int == best


def test_a_cap_of_zero_gives_back_the_baseline_when_it_is_a_plan() -> None:
    values = np.array([[5.0, 1.0, np.nan], [1.0, 5.0, 2.0], [np.nan, 2.0, 5.0]])
    inst = instance_from_values(values, current_post=[0, 1, 2], scale=1)
    baseline = np.array([1, 0, 2])  # a worse plan than staying
    result = solve(with_baseline(inst, baseline, 0), settings())
    assert result.status == Status.OPTIMAL
    assert result.assignment is not None
    assert result.assignment.tolist() == [1, 0, 2]
    one = solve(with_baseline(inst, baseline, 2), settings())
    assert one.assignment is not None
    assert one.assignment.tolist() == [0, 1, 2]


def test_the_checker_and_the_certificate_read_the_change_cap() -> None:
    values = np.array([[5.0, 1.0], [1.0, 5.0]])
    inst = with_baseline(instance_from_values(values, current_post=[0, 1], scale=1), [1, 0], 0)
    report = check_plan(inst, np.array([0, 1]))
    assert report.rules() == [CHANGES]
    result = solve(inst, settings())
    assert result.assignment is not None
    assert result.assignment.tolist() == [1, 0]
    cert = result.proof.certificate if result.proof is not None else None
    assert cert is not None
    check = verify_certificate(inst, cert, result.assignment)
    assert check.ok
    assert check.proves_optimal
    # The same prices without the distance row's price do not bound the capped round.
    if cert.distance is not None and cert.distance.any():
        stripped = dataclasses.replace(cert, distance=np.zeros_like(cert.distance))
        assert not verify_certificate(inst, stripped, result.assignment).ok


def test_people_without_a_baseline_post_never_count() -> None:
    values = np.array([[1.0, 3.0], [2.0, 1.0]])
    inst = instance_from_values(values, current_post=[0, 1], capacity=[1, 2], scale=1)
    result = solve(with_baseline(inst, [-1, 1], 0), settings())
    assert result.assignment is not None
    assert result.assignment.tolist() == [1, 1]  # person 0 is free to move, person 1 is not
    assert changes_from([-1, 1], result.assignment) == 0


def test_baseline_from_ids_ignores_people_and_posts_the_round_does_not_know() -> None:
    values = np.array([[1.0, 3.0], [2.0, 1.0]])
    inst = instance_from_values(values, current_post=[0, 1], scale=1)
    nips = inst.nip.tolist()
    ref = baseline_posts(inst, {nips[0]: "J0001", "99": "J0000", nips[1]: "GONE"})
    assert ref.tolist() == [1, -1]


def test_an_infeasible_cap_is_explained_naming_max_changes() -> None:
    # Person 0's baseline post is not a candidate: every plan changes them, so a cap of 0 fails.
    values = np.array([[1.0, np.nan], [2.0, 1.0]])
    inst = instance_from_values(values, current_post=[0, 1], scale=1)
    result = solve(with_baseline(inst, [1, 0], 0), settings())
    assert result.status == Status.INFEASIBLE
    assert result.conflicts
    assert CHANGES in result.conflicts[0].families
    assert all(c.verified for c in result.conflicts)


@pytest.mark.parametrize("same", [False, True])
def test_distance_rules_validate(same: bool) -> None:
    inst = instance_from_values(np.ones((2, 2)), current_post=[0, 1], scale=1)
    with pytest.raises(ValueError, match="reference"):
        dataclasses.replace(inst, distance=(PlanDistance("x", np.array([0, 5]), 1, same),))
    rule = PlanDistance("x", np.array([0, 1]), 1, same)
    with pytest.raises(ValueError, match="distinct names"):
        dataclasses.replace(inst, distance=(rule, rule))


def test_solve_takes_a_baseline_and_alternatives_as_keywords() -> None:
    values = np.array([[5.0, 1.0, 1.0], [1.0, 5.0, 1.0], [1.0, 1.0, 5.0]])
    inst = instance_from_values(values, current_post=[1, 0, 2], scale=1)
    first = solve(inst, settings())
    assert first.assignment is not None
    assert first.assignment.tolist() == [0, 1, 2]
    capped = solve(inst, settings(), baseline=[1, 0, 2], max_changes=0)
    assert capped.assignment is not None
    assert capped.assignment.tolist() == [1, 0, 2]
    loose = settings(alternatives_gap=1.0, alternatives_min_difference=2)
    again = solve(inst, loose, baseline=first, alternatives=2)
    assert again.assignment is not None
    assert again.assignment.tolist() == [0, 1, 2]
    assert again.alternatives
    for alt in again.alternatives:
        assert alt.assignment is not None
        assert int((alt.assignment != again.assignment).sum()) >= 2
