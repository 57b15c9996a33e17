"""Alternatives: each the best plan at least ``d`` people away from every earlier one, within a gap.

Against brute force on small rounds with ties (where many optima exist): every alternative's value
is the best over the plans that differ enough from the earlier ones, the alternatives are distinct
by at least ``d`` people, within the relative gap, best first, and the search stops for the
reason it gives.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.instance import Instance
from mutasi_opt.solve import Status, find_alternatives, solve
from mutasi_opt.solve.instances import instance_from_values

from .conftest import assert_valid, settings
from .oracle import feasible_plans

SETTINGS = hsettings(max_examples=60, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


@st.composite
def rounds(draw: st.DrawFn) -> Instance:
    """4-6 people, few value levels (ties), forbidden pairs, capacities, maybe a move cap."""
    n = draw(st.integers(4, 6))
    m = draw(st.integers(n - 1, n + 1))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = rng.choice([0.5, 0.8, 0.8, 1.0, 1.2], size=(n, m))
    values[rng.random((n, m)) < 0.25] = np.nan
    current = np.where(rng.random(n) < 0.8, rng.integers(0, m, size=n), -1)
    placed = current >= 0
    values[np.flatnonzero(placed), current[placed]] = 0.8
    capacity = np.maximum(1, rng.integers(0, 3, size=m))
    max_moves = draw(st.one_of(st.none(), st.integers(1, n)))
    return instance_from_values(values, current_post=current, capacity=capacity,
                                max_moves=max_moves)  # fmt: skip


def _differ(a: np.ndarray | tuple[int, ...], b: np.ndarray | tuple[int, ...]) -> int:
    return int((np.asarray(a) != np.asarray(b)).sum())


@SETTINGS
@given(rounds(), st.integers(1, 3), st.sampled_from([0.0, 0.05, 0.3]))
def test_each_alternative_is_the_brute_force_best_at_that_distance(
    instance: Instance, d: int, gap: float
) -> None:
    optimal = solve(instance, settings())
    if optimal.status != Status.OPTIMAL:
        return
    assert optimal.objective_int is not None
    alts = find_alternatives(instance, optimal, 3, gap=gap, min_difference=d, settings=settings())
    post = instance.pairs.post
    plans = [(tuple(post[c].tolist()), v) for c, v in feasible_plans(instance)]
    earlier = [tuple(optimal.assignment.tolist())]  # type: ignore[union-attr]
    floor = optimal.objective_int - gap * abs(optimal.objective_int)
    for alt in alts.results:
        assert_valid(instance, alt)
        assert alt.status == Status.OPTIMAL
        assert alt.assignment is not None
        best = max(v for p, v in plans if all(_differ(p, q) >= d for q in earlier))
        assert alt.objective_int == best
        assert alt.objective_int is not None
        assert alt.objective_int >= floor - 1
        mine = tuple(alt.assignment.tolist())
        assert all(_differ(mine, q) >= d for q in earlier)
        earlier.append(mine)
    # Why it stopped: the next best plan at the distance is below the floor, or none exists.
    rest = [v for p, v in plans if all(_differ(p, q) >= d for q in earlier)]
    if alts.stopped == "none_differs":
        assert not rest
    elif alts.stopped == "gap":
        assert rest
        assert max(rest) < floor
    else:
        assert alts.stopped == "count"
        assert len(alts) == 3
    values = [a.objective_int for a in alts.results]
    assert values == sorted(values, reverse=True)


def test_ties_give_alternatives_worth_the_optimum() -> None:
    # Two equally good plans that differ in two people, and a worse one.
    values = np.array([[1.0, 1.0, 0.2], [1.0, 1.0, 0.2], [0.1, 0.1, 0.5]])
    inst = instance_from_values(values, current_post=[0, 1, 2], scale=1)
    optimal = solve(inst, settings())
    alts = find_alternatives(inst, optimal, 2, gap=0.5, min_difference=2, settings=settings())
    assert len(alts) >= 1
    first = alts.results[0]
    assert first.objective_int == optimal.objective_int
    assert first.assignment is not None
    assert first.assignment.tolist() == [1, 0, 2]


def test_a_difference_larger_than_the_round_finds_nothing() -> None:
    inst = instance_from_values(np.ones((2, 2)), current_post=[0, 1], scale=1)
    optimal = solve(inst, settings())
    alts = find_alternatives(inst, optimal, 2, gap=1.0, min_difference=3, settings=settings())
    assert alts.stopped == "too_few_people"
    assert len(alts) == 0
