"""Properties that must hold for every round (hypothesis-generated), on both backends."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mutasi_opt.check import check_plan
from mutasi_opt.instance import Instance
from mutasi_opt.solve import Status, solve
from mutasi_opt.solve.instances import instance_from_values

from .conftest import settings
from .oracle import brute_force


@st.composite
def rounds(draw: st.DrawFn) -> Instance:
    """A small round: values with forbidden pairs, incumbents, capacities, units, side rules."""
    n = draw(st.integers(1, 5))
    m = draw(st.integers(1, 5))
    n_units = draw(st.integers(1, min(3, m)))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    values = rng.integers(-20, 60, size=(n, m)).astype(float)
    values[rng.random((n, m)) < draw(st.floats(0.0, 0.6))] = np.nan
    capacity = rng.integers(1, 3, size=m)
    current = np.where(rng.random(n) < 0.8, rng.integers(0, m, size=n), -1)
    stay = rng.random(n) < 0.9  # most incumbents may keep their post
    keep = (current >= 0) & stay
    values[np.flatnonzero(keep), current[keep]] = rng.integers(0, 60, size=int(keep.sum()))
    post_unit = np.sort(rng.integers(0, n_units, size=m))
    post_unit[:n_units] = np.arange(n_units)
    post_unit.sort()
    max_moves = draw(st.one_of(st.none(), st.integers(0, n)))
    outflow = draw(
        st.one_of(st.none(), st.lists(st.integers(0, 2), min_size=n_units, max_size=n_units))
    )
    must_fill = rng.random(m) < draw(st.sampled_from([0.0, 0.3]))
    return instance_from_values(values, capacity=capacity, current_post=current, post_unit=post_unit,
                               max_moves=max_moves, unit_outflow_cap=outflow, must_fill=must_fill,
                               scale=1)  # fmt: skip


def _stay_value(instance: Instance) -> int | None:
    """Value of keeping everyone in place, or None when that plan breaks a rule."""
    if (instance.current_post < 0).any():
        return None
    report = check_plan(instance, instance.current_post)
    return report.objective_int if report.ok else None


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_plans_respect_every_rule_and_beat_staying(instance: Instance) -> None:
    best, _ = brute_force(instance)
    backends = ["cpsat"] if instance.has_side_rules else ["flow", "cpsat"]
    for backend in backends:
        result = solve(instance, settings(backend, workers=1))
        if best is None:
            assert result.status == Status.INFEASIBLE
            assert result.conflicts
            continue
        assert result.status == Status.OPTIMAL
        assert result.assignment is not None
        report = check_plan(instance, result.assignment)
        assert report.ok, str(report)  # one post each, capacities, no excluded pair, side rules
        assert (
            np.bincount(result.assignment, minlength=instance.n_posts) <= instance.capacity
        ).all()
        assert result.objective_int == best
        stay = _stay_value(instance)
        if stay is not None:
            assert result.objective_int >= stay
